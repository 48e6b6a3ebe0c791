"""Voice: intents for Assist and for LLM-based conversation agents."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
import math
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import config_validation as cv, intent
from homeassistant.util import dt as dt_util
import voluptuous as vol

from .const import DOMAIN, ROUTINE_STRETCHES, HeatStatus
from .data import RecoveryRoutinesConfigEntry, RuntimeData

SLOT_ROUTINE = "routine"
SLOT_MINUTES = "minutes"

INTENT_START_HEAT = "RecoveryRoutinesStartHeat"
INTENT_STOP_HEAT = "RecoveryRoutinesStopHeat"
INTENT_HEAT_STATUS = "RecoveryRoutinesHeatStatus"
INTENT_START_COLD_PACK = "RecoveryRoutinesStartColdPack"
INTENT_STOP_COLD_PACK = "RecoveryRoutinesStopColdPack"
INTENT_STRETCHES_DONE = "RecoveryRoutinesStretchesDone"
INTENT_SNOOZE_REMINDER = "RecoveryRoutinesSnoozeReminder"
INTENT_NEXT_REMINDER = "RecoveryRoutinesNextReminder"

type Action = Callable[[RuntimeData, int | None], Awaitable[str]]


def _clock(when: Any) -> str:
    return str(dt_util.as_local(when).strftime("%H:%M"))


async def _start_heat(runtime: RuntimeData, minutes: int | None) -> str:
    session, clipped = await runtime.heat.async_start_session(minutes, source="voice")
    length = math.ceil((session.ends_at - session.started_at).total_seconds() / 60)
    if clipped:
        return (
            f"Heating for {length} minutes, the heat left before the pad needs a "
            f"rest, until {_clock(session.ends_at)}."
        )
    return f"Heating for {length} minutes, until {_clock(session.ends_at)}."


async def _stop_heat(runtime: RuntimeData, _minutes: int | None) -> str:
    running = runtime.heat.session is not None
    await runtime.heat.async_stop_session(source="voice")
    return "Heat stopped." if running else "The heating pad was not running."


async def _heat_status(runtime: RuntimeData, _minutes: int | None) -> str:
    heat = runtime.heat
    status = heat.status
    if status is HeatStatus.HEATING:
        assert heat.session is not None
        left = math.ceil((heat.session.ends_at - dt_util.utcnow()).total_seconds() / 60)
        return f"{left} minutes left on the heating pad, until {_clock(heat.session.ends_at)}."
    if status is HeatStatus.FAULT:
        return "The heating pad plug does not switch off. Check the heating pad."
    if status is HeatStatus.BLOCKED:
        return "Heat is blocked while the sleep guard is on."
    if status is HeatStatus.RESTING:
        return f"The heating pad is not running; it is resting until {_clock(heat.available_at)}."
    return "The heating pad is not running."


async def _start_cold(runtime: RuntimeData, minutes: int | None) -> str:
    session = runtime.cold.async_start_pack(minutes)
    return f"Cold pack on until {_clock(session.ends_at)}."


async def _stop_cold(runtime: RuntimeData, _minutes: int | None) -> str:
    running = runtime.cold.session is not None
    runtime.cold.async_stop_pack()
    return "Cold pack stopped." if running else "No cold pack was running."


async def _stretches_done(runtime: RuntimeData, _minutes: int | None) -> str:
    runtime.routines.async_log(ROUTINE_STRETCHES, note=None)
    streak = runtime.routines.streak
    return f"Stretches logged. That is {streak} {'day' if streak == 1 else 'days'} in a row."


async def _snooze(runtime: RuntimeData, minutes: int | None) -> str:
    if minutes is None:
        runtime.reminders.async_snooze()
    else:
        runtime.reminders.async_snooze(minutes)
    assert runtime.reminders.next_reminder is not None
    return f"Reminder snoozed until {_clock(runtime.reminders.next_reminder)}."


async def _next_reminder(runtime: RuntimeData, _minutes: int | None) -> str:
    if (next_reminder := runtime.reminders.next_reminder) is None:
        return "Stretch reminders are off."
    return f"Your next stretch is at {_clock(next_reminder)}."


@dataclass(frozen=True, kw_only=True)
class IntentSpec:
    """One voice intent: what it does and how an LLM should see it."""

    intent_type: str
    description: str
    action: Action
    takes_minutes: bool = False


INTENTS: tuple[IntentSpec, ...] = (
    IntentSpec(
        intent_type=INTENT_START_HEAT,
        description=(
            "Starts a heat session on the heating pad for back pain, optionally for a "
            "number of minutes; safety limits may shorten or refuse it"
        ),
        action=_start_heat,
        takes_minutes=True,
    ),
    IntentSpec(
        intent_type=INTENT_STOP_HEAT,
        description="Stops the heat session and switches the heating pad off",
        action=_stop_heat,
    ),
    IntentSpec(
        intent_type=INTENT_HEAT_STATUS,
        description=(
            "Tells how long is left on the heating pad, or whether it is resting"
        ),
        action=_heat_status,
    ),
    IntentSpec(
        intent_type=INTENT_START_COLD_PACK,
        description="Starts a cold pack timer, optionally for a number of minutes",
        action=_start_cold,
        takes_minutes=True,
    ),
    IntentSpec(
        intent_type=INTENT_STOP_COLD_PACK,
        description="Stops the cold pack timer",
        action=_stop_cold,
    ),
    IntentSpec(
        intent_type=INTENT_STRETCHES_DONE,
        description="Logs that the back stretches were done today",
        action=_stretches_done,
    ),
    IntentSpec(
        intent_type=INTENT_SNOOZE_REMINDER,
        description="Snoozes the stretch reminder, optionally for a number of minutes",
        action=_snooze,
        takes_minutes=True,
    ),
    IntentSpec(
        intent_type=INTENT_NEXT_REMINDER,
        description="Tells when the next stretch reminder is",
        action=_next_reminder,
    ),
)


class RecoveryRoutinesIntent(intent.IntentHandler):
    """Runs one action on the routine the sentence names, or the only one."""

    def __init__(self, spec: IntentSpec) -> None:
        """Handle the intent `spec` describes."""
        self.spec = spec
        self.intent_type = spec.intent_type
        self.description = spec.description
        slots: dict[Any, Any] = {vol.Optional(SLOT_ROUTINE): cv.string}
        if spec.takes_minutes:
            slots[vol.Optional(SLOT_MINUTES)] = vol.All(
                vol.Coerce(int), vol.Range(min=1)
            )
        self._slots = slots

    @property
    def slot_schema(self) -> dict[Any, Any]:
        """Return the slots: an optional routine name, and minutes."""
        return self._slots

    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        """Act, and say what happened or why not."""
        slots = self.async_validate_slots(intent_obj.slots)
        response = intent_obj.create_response()
        name = slots.get(SLOT_ROUTINE, {}).get("value")
        minutes = slots.get(SLOT_MINUTES, {}).get("value")
        try:
            entry = _entry_named(intent_obj.hass, name)
            speech = await self.spec.action(entry.runtime_data, minutes)
        except HomeAssistantError as err:
            # Refusals are spoken with their reason, never swallowed.
            response.async_set_error(
                intent.IntentResponseErrorCode.FAILED_TO_HANDLE, f"{err}."
            )
            return response
        response.async_set_speech(speech)
        return response


def _entry_named(hass: HomeAssistant, name: str | None) -> RecoveryRoutinesConfigEntry:
    loaded: list[RecoveryRoutinesConfigEntry] = [
        entry
        for entry in hass.config_entries.async_entries(DOMAIN)
        if entry.state is ConfigEntryState.LOADED
    ]
    names = " or ".join(sorted(entry.title for entry in loaded))
    if name is not None:
        for entry in loaded:
            if entry.title.casefold() == name.strip().casefold():
                return entry
        raise HomeAssistantError(f"There is no routine called {name}. Say {names}")
    if len(loaded) == 1:
        return loaded[0]
    if not loaded:
        raise HomeAssistantError("Recovery Routines is not set up")
    raise HomeAssistantError(f"Which routine: {names}")


async def async_setup_intents(hass: HomeAssistant) -> None:
    """Register the intents once for all entries (the intent integration calls it)."""
    for spec in INTENTS:
        intent.async_register(hass, RecoveryRoutinesIntent(spec))
