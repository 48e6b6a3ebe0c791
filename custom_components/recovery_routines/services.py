"""Actions of Recovery Routines, registered once for all entries."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import config_validation as cv
from homeassistant.util import dt as dt_util
import voluptuous as vol

from .const import (
    DEFAULT_SNOOZE_MINUTES,
    DOMAIN,
    MAX_HEAT_MINUTES_RANGE,
    PAIN_RANGE,
    REMINDER_INTERVAL_RANGE,
    Phase,
)
from .data import RecoveryRoutinesConfigEntry
from .guided.own import async_delete_routine, async_save_routine, own_routines
from .heat.rules.budget import minutes_of
from .plan import export
from .plan.rules.export_rows import csv_rows

ATTR_CONFIG_ENTRY_ID = "config_entry_id"
ATTR_MINUTES = "minutes"

SERVICE_START_HEAT = "start_heat"
SERVICE_STOP_HEAT = "stop_heat"
SERVICE_EXTEND_HEAT = "extend_heat"
SERVICE_LOG_COMPLETION = "log_completion"
SERVICE_SNOOZE_REMINDER = "snooze_reminder"
SERVICE_START_COLD_PACK = "start_cold_pack"
SERVICE_STOP_COLD_PACK = "stop_cold_pack"
SERVICE_START_ROUTINE = "start_routine"
SERVICE_NEXT_STEP = "next_step"
SERVICE_PREVIOUS_STEP = "previous_step"
SERVICE_PAUSE_ROUTINE = "pause_routine"
SERVICE_STOP_ROUTINE = "stop_routine"
SERVICE_START_EPISODE = "start_episode"
SERVICE_END_EPISODE = "end_episode"
SERVICE_SET_PHASE = "set_phase"
SERVICE_LOG_PAIN = "log_pain"
SERVICE_EXPORT_HISTORY = "export_history"
SERVICE_SAVE_ROUTINE = "save_routine"
SERVICE_DELETE_ROUTINE = "delete_routine"

ATTR_ROUTINE = "routine"
ATTR_NOTE = "note"
ATTR_STARTED_AT = "started_at"
ATTR_PHASE = "phase"
ATTR_LEVEL = "level"
ATTR_RADIATING = "radiating"
ATTR_START = "start"
ATTR_END = "end"
ATTR_CSV = "csv"

_MINUTES = vol.All(vol.Coerce(int), vol.Range(min=1, max=MAX_HEAT_MINUTES_RANGE[1]))
# Typed Any: Home Assistant 2026.x serves `voluptuous` from probatio at run
# time, so its type hints name probatio's classes; voluptuous's do not match.
STOP_HEAT_SCHEMA: Any = vol.Schema({vol.Optional(ATTR_CONFIG_ENTRY_ID): cv.string})
START_HEAT_SCHEMA: Any = STOP_HEAT_SCHEMA.extend({vol.Optional(ATTR_MINUTES): _MINUTES})
EXTEND_HEAT_SCHEMA: Any = STOP_HEAT_SCHEMA.extend(
    {vol.Required(ATTR_MINUTES): _MINUTES}
)
LOG_COMPLETION_SCHEMA: Any = STOP_HEAT_SCHEMA.extend(
    {
        vol.Required(ATTR_ROUTINE): vol.All(cv.string, vol.Length(min=1)),
        vol.Optional(ATTR_NOTE): cv.string,
    }
)
SNOOZE_REMINDER_SCHEMA: Any = STOP_HEAT_SCHEMA.extend(
    {
        vol.Optional(ATTR_MINUTES, default=DEFAULT_SNOOZE_MINUTES): vol.All(
            vol.Coerce(int), vol.Range(min=1, max=REMINDER_INTERVAL_RANGE[1])
        )
    }
)
START_COLD_PACK_SCHEMA: Any = STOP_HEAT_SCHEMA.extend(
    {vol.Optional(ATTR_MINUTES): vol.All(vol.Coerce(int), vol.Range(min=1))}
)

START_ROUTINE_SCHEMA: Any = STOP_HEAT_SCHEMA.extend(
    {vol.Optional(ATTR_ROUTINE): vol.All(cv.string, vol.Length(min=1))}
)

START_EPISODE_SCHEMA: Any = STOP_HEAT_SCHEMA.extend(
    {vol.Optional(ATTR_STARTED_AT): cv.datetime}
)
SET_PHASE_SCHEMA: Any = STOP_HEAT_SCHEMA.extend(
    {
        # "none" is the end of an episode: end_episode says so.
        vol.Required(ATTR_PHASE): vol.In(
            [phase.value for phase in Phase if phase is not Phase.NONE]
        )
    }
)
LOG_PAIN_SCHEMA: Any = STOP_HEAT_SCHEMA.extend(
    {
        vol.Required(ATTR_LEVEL): vol.All(
            vol.Coerce(int), vol.Range(min=PAIN_RANGE[0], max=PAIN_RANGE[1])
        ),
        vol.Optional(ATTR_NOTE): cv.string,
        vol.Optional(ATTR_RADIATING, default=False): cv.boolean,
    }
)

# A day is the whole day at home; a time without a zone is local.
_MOMENT = vol.Any(cv.date, cv.datetime)
EXPORT_HISTORY_SCHEMA: Any = STOP_HEAT_SCHEMA.extend(
    {
        vol.Required(ATTR_START): _MOMENT,
        vol.Required(ATTR_END): _MOMENT,
        vol.Optional(ATTR_CSV, default=False): cv.boolean,
    }
)

# Routines of one's own, as the form on the integration's page saves them.
ATTR_NAME = "name"
ATTR_STEPS = "steps"
ATTR_PROGRESSION = "progression"
DELETE_ROUTINE_SCHEMA: Any = STOP_HEAT_SCHEMA.extend(
    {vol.Required(ATTR_NAME): vol.All(cv.string, vol.Length(min=1))}
)
SAVE_ROUTINE_SCHEMA: Any = DELETE_ROUTINE_SCHEMA.extend(
    {
        # The form's text, or its lines as a list.
        vol.Required(ATTR_STEPS): vol.All(cv.ensure_list, [cv.string], "\n".join),
        vol.Optional(ATTR_PROGRESSION): cv.boolean,
    }
)


def _entry_of(call: ServiceCall) -> RecoveryRoutinesConfigEntry:
    """Return the loaded entry the call is for.

    Without `config_entry_id`, the only loaded entry; with several, the
    error names them so the user can pick one.
    """
    loaded: list[RecoveryRoutinesConfigEntry] = [
        entry
        for entry in call.hass.config_entries.async_entries(DOMAIN)
        if entry.state is ConfigEntryState.LOADED
    ]
    if (entry_id := call.data.get(ATTR_CONFIG_ENTRY_ID)) is not None:
        for entry in loaded:
            if entry.entry_id == entry_id:
                return entry
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="entry_not_loaded",
            translation_placeholders={"config_entry_id": entry_id},
        )
    if len(loaded) == 1:
        return loaded[0]
    if not loaded:
        raise ServiceValidationError(
            translation_domain=DOMAIN, translation_key="no_entry_loaded"
        )
    raise ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key="entry_required",
        translation_placeholders={
            "names": ", ".join(sorted(entry.title for entry in loaded))
        },
    )


async def _async_start_heat(call: ServiceCall) -> ServiceResponse:
    heat = _entry_of(call).runtime_data.heat
    session, clipped = await heat.async_start_session(
        call.data.get(ATTR_MINUTES), source="action"
    )
    return {
        "ends_at": session.ends_at.isoformat(),
        "minutes": minutes_of(session.ends_at - session.started_at),
        "clipped": clipped,
    }


async def _async_stop_heat(call: ServiceCall) -> None:
    await _entry_of(call).runtime_data.heat.async_stop_session(source="action")


async def _async_extend_heat(call: ServiceCall) -> ServiceResponse:
    session = _entry_of(call).runtime_data.heat.async_extend_session(
        call.data[ATTR_MINUTES]
    )
    return {"ends_at": session.ends_at.isoformat()}


async def _async_log_completion(call: ServiceCall) -> None:
    _entry_of(call).runtime_data.routines.async_log(
        call.data[ATTR_ROUTINE], note=call.data.get(ATTR_NOTE)
    )


async def _async_snooze_reminder(call: ServiceCall) -> None:
    _entry_of(call).runtime_data.reminders.async_snooze(call.data[ATTR_MINUTES])


async def _async_start_cold_pack(call: ServiceCall) -> ServiceResponse:
    session = _entry_of(call).runtime_data.cold.async_start_pack(
        call.data.get(ATTR_MINUTES)
    )
    return {"ends_at": session.ends_at.isoformat()}


async def _async_stop_cold_pack(call: ServiceCall) -> None:
    _entry_of(call).runtime_data.cold.async_stop_pack()


async def _async_start_routine(call: ServiceCall) -> None:
    await _entry_of(call).runtime_data.guide.async_start_routine(
        call.data.get(ATTR_ROUTINE)
    )


async def _async_next_step(call: ServiceCall) -> None:
    await _entry_of(call).runtime_data.guide.async_next_step()


async def _async_previous_step(call: ServiceCall) -> None:
    await _entry_of(call).runtime_data.guide.async_previous_step()


async def _async_pause_routine(call: ServiceCall) -> None:
    _entry_of(call).runtime_data.guide.async_toggle_pause()


async def _async_stop_routine(call: ServiceCall) -> None:
    await _entry_of(call).runtime_data.guide.async_stop_routine()


def _local(moment: datetime) -> datetime:
    """Return `moment`, in the home's time zone when it has none."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt_util.get_default_time_zone())
    return moment


async def _async_start_episode(call: ServiceCall) -> None:
    episode = _entry_of(call).runtime_data.episode
    started_at = call.data.get(ATTR_STARTED_AT)
    episode.async_start_episode(None if started_at is None else _local(started_at))


async def _async_export_history(call: ServiceCall) -> ServiceResponse:
    entry = _entry_of(call)
    start, end = call.data[ATTR_START], call.data[ATTR_END]
    if not isinstance(start, datetime):
        start = dt_util.start_of_local_day(start)
    if not isinstance(end, datetime):
        # The whole of the last day.
        end = dt_util.start_of_local_day(end + timedelta(days=1))
    start, end = dt_util.as_utc(_local(start)), dt_util.as_utc(_local(end))
    if start >= end:
        raise ServiceValidationError(
            translation_domain=DOMAIN, translation_key="export_range"
        )
    data = export.history(
        entry.runtime_data.routines, entry.runtime_data.episode, start, end
    )
    if call.data[ATTR_CSV]:
        path = export.export_path(call.hass, entry.title, start, end)
        try:
            await call.hass.async_add_executor_job(
                export.write_csv, path, csv_rows(data)
            )
        except OSError as err:
            raise HomeAssistantError(
                translation_domain=DOMAIN,
                translation_key="export_failed",
                translation_placeholders={"path": str(path), "error": str(err)},
            ) from err
        data["file"] = str(path.relative_to(call.hass.config.config_dir))
    return data


async def _async_end_episode(call: ServiceCall) -> None:
    _entry_of(call).runtime_data.episode.async_end_episode()


async def _async_set_phase(call: ServiceCall) -> None:
    _entry_of(call).runtime_data.episode.async_set_phase(Phase(call.data[ATTR_PHASE]))


async def _async_log_pain(call: ServiceCall) -> None:
    _entry_of(call).runtime_data.episode.async_log_pain(
        call.data[ATTR_LEVEL],
        call.data.get(ATTR_NOTE),
        radiating=call.data[ATTR_RADIATING],
    )


async def _async_save_routine(call: ServiceCall) -> None:
    entry = _entry_of(call)
    async_save_routine(
        call.hass,
        entry,
        call.data[ATTR_NAME],
        call.data[ATTR_STEPS],
        call.data.get(ATTR_PROGRESSION),
    )
    # At once, for a start_routine that follows; the update listener (voice
    # sentences) runs after.
    entry.runtime_data.guide.async_set_own_routines(own_routines(entry))


async def _async_delete_routine(call: ServiceCall) -> None:
    entry = _entry_of(call)
    async_delete_routine(call.hass, entry, call.data[ATTR_NAME])
    entry.runtime_data.guide.async_set_own_routines(own_routines(entry))


# Every action: its name, handler, schema and whether it answers (start_heat's
# end time, export_history's lines), in the order they are registered.
_ACTIONS: tuple[tuple[str, Any, Any, SupportsResponse], ...] = (
    (SERVICE_SAVE_ROUTINE, _async_save_routine, SAVE_ROUTINE_SCHEMA, SupportsResponse.NONE),
    (SERVICE_DELETE_ROUTINE, _async_delete_routine, DELETE_ROUTINE_SCHEMA, SupportsResponse.NONE),
    (SERVICE_EXPORT_HISTORY, _async_export_history, EXPORT_HISTORY_SCHEMA, SupportsResponse.OPTIONAL),
    (SERVICE_START_EPISODE, _async_start_episode, START_EPISODE_SCHEMA, SupportsResponse.NONE),
    (SERVICE_END_EPISODE, _async_end_episode, STOP_HEAT_SCHEMA, SupportsResponse.NONE),
    (SERVICE_SET_PHASE, _async_set_phase, SET_PHASE_SCHEMA, SupportsResponse.NONE),
    (SERVICE_LOG_PAIN, _async_log_pain, LOG_PAIN_SCHEMA, SupportsResponse.NONE),
    (SERVICE_START_ROUTINE, _async_start_routine, START_ROUTINE_SCHEMA, SupportsResponse.NONE),
    (SERVICE_NEXT_STEP, _async_next_step, STOP_HEAT_SCHEMA, SupportsResponse.NONE),
    (SERVICE_PREVIOUS_STEP, _async_previous_step, STOP_HEAT_SCHEMA, SupportsResponse.NONE),
    (SERVICE_PAUSE_ROUTINE, _async_pause_routine, STOP_HEAT_SCHEMA, SupportsResponse.NONE),
    (SERVICE_STOP_ROUTINE, _async_stop_routine, STOP_HEAT_SCHEMA, SupportsResponse.NONE),
    (SERVICE_LOG_COMPLETION, _async_log_completion, LOG_COMPLETION_SCHEMA, SupportsResponse.NONE),
    (SERVICE_SNOOZE_REMINDER, _async_snooze_reminder, SNOOZE_REMINDER_SCHEMA, SupportsResponse.NONE),
    (SERVICE_START_COLD_PACK, _async_start_cold_pack, START_COLD_PACK_SCHEMA, SupportsResponse.OPTIONAL),
    (SERVICE_STOP_COLD_PACK, _async_stop_cold_pack, STOP_HEAT_SCHEMA, SupportsResponse.NONE),
    (SERVICE_START_HEAT, _async_start_heat, START_HEAT_SCHEMA, SupportsResponse.OPTIONAL),
    (SERVICE_STOP_HEAT, _async_stop_heat, STOP_HEAT_SCHEMA, SupportsResponse.NONE),
    (SERVICE_EXTEND_HEAT, _async_extend_heat, EXTEND_HEAT_SCHEMA, SupportsResponse.OPTIONAL),
)  # fmt: skip


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register the actions."""
    for service, handler, schema, supports_response in _ACTIONS:
        hass.services.async_register(
            DOMAIN, service, handler, schema=schema, supports_response=supports_response
        )
