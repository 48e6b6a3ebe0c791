"""Logbook: every session and completion as a sentence people can read."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from homeassistant.components.logbook.const import (
    LOGBOOK_ENTRY_ENTITY_ID,
    LOGBOOK_ENTRY_ICON,
    LOGBOOK_ENTRY_MESSAGE,
    LOGBOOK_ENTRY_NAME,
)
from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.core import Event, HomeAssistant, callback

from .const import DOMAIN, EVENT_RECOVERY_ROUTINES


def _minutes(data: Mapping[str, Any]) -> str:
    minutes = data.get("minutes")
    return "" if minutes is None else f", {minutes:g} min"


def _steps(data: Mapping[str, Any]) -> str:
    return f"{data['steps_done']} of {data['steps']} steps"


def _completed(data: Mapping[str, Any]) -> str:
    routine = data.get("routine", "")
    if routine == "stretches":
        text = "stretches done"
    elif routine == "heat":
        text = f"heat logged{_minutes(data)}"
    elif routine == "cold":
        text = f"cold pack logged{_minutes(data)}"
    else:
        text = f"{routine} done"
    note = data.get("note")
    return f"{text} ({note})" if note else text


MESSAGES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "heat_started": lambda data: f"heat session started{_minutes(data)}",
    "heat_adopted": lambda data: f"heat session started at the plug{_minutes(data)}",
    "heat_completed": lambda data: f"heat session completed{_minutes(data)}",
    "heat_stopped": lambda data: f"heat session stopped{_minutes(data)}",
    "heat_cutoff": lambda data: (
        f"heat cut off ({data.get('reason', 'safety')}){_minutes(data)}"
    ),
    "heat_refused": lambda data: f"heat refused ({data.get('reason', 'safety')})",
    "heat_fault": lambda data: (
        "heating pad draws power while its plug is off"
        if data.get("reason") == "power_while_off"
        else "heating pad plug does not switch off"
    ),
    "heat_interrupted": lambda _data: (
        "heat session interrupted: Home Assistant stopped and switched the pad off"
    ),
    "heat_resumed": lambda _data: "heat session resumed after a restart",
    "heat_no_power": lambda _data: "heating pad draws no power during the session",
    "completed": _completed,
    "reminder": lambda _data: "stretch reminder",
    "snoozed": lambda data: f"stretch reminder snoozed{_minutes(data)}",
    "cold_started": lambda data: f"cold pack started{_minutes(data)}",
    "cold_completed": lambda data: f"cold pack done{_minutes(data)}",
    "cold_stopped": lambda data: f"cold pack stopped{_minutes(data)}",
    "routine_started": lambda data: f"{data['routine']} routine started",
    "routine_completed": lambda data: f"{data['routine']} routine done",
    "routine_stopped": lambda data: (
        f"{data['routine']} routine stopped after {_steps(data)}"
    ),
    "routine_interrupted": lambda data: (
        f"{data['routine']} routine stopped by a restart after {_steps(data)}"
    ),
    "routine_step_refused": lambda data: (
        f"{data['routine']} routine stopped: {data['reason']}"
    ),
    "episode_started": lambda _data: "back pain episode started",
    "episode_ended": lambda data: f"back pain episode ended on day {data['day']}",
    "phase_changed": lambda data: (
        f"recovery phase: {data['phase']}"
        + (f", day {data['day']}" if data.get("day") else "")
        + (" (set by hand)" if data.get("by_hand") else "")
    ),
    "pain_logged": lambda data: (
        f"pain {data['level']} of 10"
        + (", radiating down a leg" if data.get("radiating") else "")
        + (f" ({data['note']})" if data.get("note") else "")
    ),
    "see_professional": lambda _data: "consider talking to a professional",
}


ICONS: dict[str, str] = {
    "heat_started": "mdi:heat-wave",
    "heat_adopted": "mdi:power-plug",
    "heat_completed": "mdi:check-circle-outline",
    "heat_stopped": "mdi:stop-circle-outline",
    "heat_cutoff": "mdi:shield-alert-outline",
    "heat_refused": "mdi:cancel",
    "heat_fault": "mdi:alert",
    "completed": "mdi:yoga",
    "reminder": "mdi:bell-ring-outline",
    "snoozed": "mdi:bell-sleep-outline",
    "cold_started": "mdi:snowflake",
    "cold_completed": "mdi:snowflake-check",
    "cold_stopped": "mdi:snowflake-off",
    "routine_started": "mdi:play-circle-outline",
    "routine_completed": "mdi:medal-outline",
    "routine_stopped": "mdi:stop-circle-outline",
    "routine_interrupted": "mdi:restart-alert",
    "routine_step_refused": "mdi:cancel",
    "episode_started": "mdi:human-handsdown",
    "episode_ended": "mdi:flag-checkered",
    "phase_changed": "mdi:stairs",
    "pain_logged": "mdi:emoticon-sad-outline",
    "see_professional": "mdi:doctor",
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
        described = {
            LOGBOOK_ENTRY_NAME: data["name"],
            LOGBOOK_ENTRY_MESSAGE: MESSAGES[data["event"]](data),
            LOGBOOK_ENTRY_ICON: ICONS[data["event"]],
        }
        # Events recorded before lines named their entity have none.
        if entity_id := data.get(ATTR_ENTITY_ID):
            described[LOGBOOK_ENTRY_ENTITY_ID] = entity_id
        return described

    async_describe_event(DOMAIN, EVENT_RECOVERY_ROUTINES, async_describe)
