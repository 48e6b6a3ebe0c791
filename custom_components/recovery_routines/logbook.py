"""Logbook: every session and completion as a sentence people can read."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from homeassistant.components.logbook.const import (
    LOGBOOK_ENTRY_ENTITY_ID,
    LOGBOOK_ENTRY_ICON,
    LOGBOOK_ENTRY_MESSAGE,
    LOGBOOK_ENTRY_NAME,
)
from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.core import Event, HomeAssistant, callback

from .const import DOMAIN, EVENT_RECOVERY_ROUTINES


class Line(NamedTuple):
    """How the logbook shows one kind of event."""

    icon: str
    text: Callable[[Mapping[str, Any]], str]


def _minutes(data: Mapping[str, Any]) -> str:
    minutes = data.get("minutes")
    return "" if minutes is None else f", {minutes:g} min"


def _steps(data: Mapping[str, Any]) -> str:
    return f"{data['steps_done']} of {data['steps']} steps"


def _completed(data: Mapping[str, Any]) -> str:
    routine = data.get("routine", "")
    if routine == "heat":
        text = f"heat logged{_minutes(data)}"
    elif routine == "cold":
        text = f"cold pack logged{_minutes(data)}"
    else:
        # A stretch, all of today's ("stretches done") or a guided routine's.
        text = f"{routine} done"
    note = data.get("note")
    return f"{text} ({note})" if note else text


# Every kind of event with its icon and its sentence, together, so that no
# kind can lack one (a line the logbook cannot describe is dropped).
LINES: dict[str, Line] = {
    "heat_started": Line(
        "mdi:heat-wave", lambda data: f"heat session started{_minutes(data)}"
    ),
    "heat_adopted": Line(
        "mdi:power-plug",
        lambda data: f"heat session started at the plug{_minutes(data)}",
    ),
    "heat_completed": Line(
        "mdi:check-circle-outline",
        lambda data: f"heat session completed{_minutes(data)}",
    ),
    "heat_stopped": Line(
        "mdi:stop-circle-outline", lambda data: f"heat session stopped{_minutes(data)}"
    ),
    "heat_cutoff": Line(
        "mdi:shield-alert-outline",
        lambda data: f"heat cut off ({data.get('reason', 'safety')}){_minutes(data)}",
    ),
    "heat_refused": Line(
        "mdi:cancel", lambda data: f"heat refused ({data.get('reason', 'safety')})"
    ),
    "heat_fault": Line(
        "mdi:alert",
        lambda data: (
            "heating pad draws power while its plug is off"
            if data.get("reason") == "power_while_off"
            else "heating pad plug does not switch off"
        ),
    ),
    "heat_interrupted": Line(
        "mdi:power-plug-off",
        lambda _data: (
            "heat session interrupted: Home Assistant stopped and switched the pad off"
        ),
    ),
    "heat_resumed": Line(
        "mdi:restart", lambda _data: "heat session resumed after a restart"
    ),
    "heat_no_power": Line(
        "mdi:flash-off", lambda _data: "heating pad draws no power during the session"
    ),
    "completed": Line("mdi:yoga", _completed),
    "reminder": Line("mdi:bell-ring-outline", lambda _data: "stretch reminder"),
    "snoozed": Line(
        "mdi:bell-sleep-outline",
        lambda data: f"stretch reminder snoozed{_minutes(data)}",
    ),
    "cold_started": Line(
        "mdi:snowflake", lambda data: f"cold pack started{_minutes(data)}"
    ),
    "cold_completed": Line(
        "mdi:snowflake-check", lambda data: f"cold pack done{_minutes(data)}"
    ),
    "cold_stopped": Line(
        "mdi:snowflake-off", lambda data: f"cold pack stopped{_minutes(data)}"
    ),
    "routine_started": Line(
        "mdi:play-circle-outline", lambda data: f"{data['routine']} routine started"
    ),
    "routine_completed": Line(
        "mdi:medal-outline", lambda data: f"{data['routine']} routine done"
    ),
    "routine_stopped": Line(
        "mdi:stop-circle-outline",
        lambda data: f"{data['routine']} routine stopped after {_steps(data)}",
    ),
    "routine_interrupted": Line(
        "mdi:restart-alert",
        lambda data: (
            f"{data['routine']} routine stopped by a restart after {_steps(data)}"
        ),
    ),
    "routine_step_refused": Line(
        "mdi:cancel",
        lambda data: f"{data['routine']} routine stopped: {data['reason']}",
    ),
    "episode_started": Line(
        "mdi:human-handsdown", lambda _data: "back pain episode started"
    ),
    "episode_ended": Line(
        "mdi:flag-checkered",
        lambda data: f"back pain episode ended on day {data['day']}",
    ),
    "phase_changed": Line(
        "mdi:stairs",
        lambda data: (
            f"recovery phase: {data['phase']}"
            + (f", day {data['day']}" if data.get("day") else "")
            + (" (set by hand)" if data.get("by_hand") else "")
        ),
    ),
    "pain_logged": Line(
        "mdi:emoticon-sad-outline",
        lambda data: (
            f"pain {data['level']} of 10"
            + (", radiating down a leg" if data.get("radiating") else "")
            + (f" ({data['note']})" if data.get("note") else "")
        ),
    ),
    "see_professional": Line(
        "mdi:doctor", lambda _data: "consider talking to a professional"
    ),
}


@callback
def async_describe_events(
    hass: HomeAssistant,
    async_describe_event: Callable[[str, str, Callable[[Event], dict[str, str]]], None],
) -> None:
    """Describe the history events of Recovery Routines."""

    @callback
    def async_describe(event: Event) -> dict[str, str]:
        data = event.data
        line = LINES[data["event"]]
        described = {
            LOGBOOK_ENTRY_NAME: data["name"],
            LOGBOOK_ENTRY_MESSAGE: line.text(data),
            LOGBOOK_ENTRY_ICON: line.icon,
        }
        # Events recorded before lines named their entity have none.
        if entity_id := data.get(ATTR_ENTITY_ID):
            described[LOGBOOK_ENTRY_ENTITY_ID] = entity_id
        return described

    async_describe_event(DOMAIN, EVENT_RECOVERY_ROUTINES, async_describe)
