"""The recovery history: completions, today's stretch list, counters, streak.

Counters and the streak are computed from the stored log, never counted in
memory, so they are right across midnight, restarts and time-zone changes;
the rules are plain code in rules/streak.py and rules/checklist.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, tzinfo
import logging
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import EVENT_CORE_CONFIG_UPDATE
from homeassistant.core import CALLBACK_TYPE, Event, HassJob, HomeAssistant, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers.event import async_track_point_in_utc_time
from homeassistant.util import dt as dt_util

from ..common.observable import StoredObservable
from ..common.records import LogEntry
from ..common.store import RecoveryStore
from ..const import (
    CONF_STRETCHES,
    DEFAULT_STRETCHES,
    DOMAIN,
    ROUTINE_HEAT,
    ROUTINE_STRETCHES,
    RoutineEvent,
)
from .checklist import TodayChecklist
from .history_events import HistoryEvents
from .rules import streak as history
from .rules.checklist import ChecklistItem, all_stretches_done
from .rules.streak import HEAT_ENDINGS

__all__ = ["RoutineTracker"]

_LOGGER = logging.getLogger(__name__)


def _today() -> date:
    return dt_util.now().date()


def _zone() -> tzinfo:
    return dt_util.get_default_time_zone()


def _stretch_names(entry: ConfigEntry) -> list[str]:
    names: list[str] = entry.options.get(CONF_STRETCHES, list(DEFAULT_STRETCHES))
    return names


class RoutineTracker(StoredObservable):
    """Logs completions and keeps today's stretch list of one entry."""

    def __init__(
        self, hass: HomeAssistant, entry: ConfigEntry, store: RecoveryStore
    ) -> None:
        """Create the tracker of one config entry."""
        super().__init__(store)
        self.hass = hass
        self._name = entry.title
        self._data = store.routines
        self._today_list = TodayChecklist(store.routines, _stretch_names(entry))
        self._history_events = HistoryEvents(hass, entry)
        self._unsub_midnight: CALLBACK_TYPE = lambda: None
        self._unsubs: list[CALLBACK_TYPE] = []
        self._completion_listeners: list[Callable[[], None]] = []

    # ----- life cycle ---------------------------------------------------------

    @callback
    def async_start(self) -> None:
        """Start the day's list and follow midnight and time-zone changes."""
        self._unsubs.append(
            self.hass.bus.async_listen(
                EVENT_CORE_CONFIG_UPDATE, self._async_config_updated
            )
        )
        self._async_new_day_if_needed()
        self._schedule_midnight()

    @callback
    def async_stop(self) -> None:
        """Stop the timers."""
        self._unsub_midnight()
        while self._unsubs:
            self._unsubs.pop()()

    @callback
    def async_apply_options(self, entry: ConfigEntry) -> None:
        """Use a new list of stretches."""
        self._today_list.use_names(_stretch_names(entry))
        self._async_changed()

    @callback
    def async_add_completion_listener(self, listener: Callable[[], None]) -> None:
        """Call `listener` whenever a stretch is logged (reminders restart)."""
        self._completion_listeners.append(listener)

    # ----- what entities read ------------------------------------------------

    @property
    def stretches(self) -> list[str]:
        """The configured stretches, one per name, in the order given."""
        return self._today_list.stretches

    @property
    def checklist(self) -> list[ChecklistItem]:
        """Today's stretches, then what the user added today."""
        return self._today_list.items

    @property
    def stretches_today(self) -> int:
        """Stretches done today."""
        return history.stretches_on(self._data.log, _today(), _zone())

    @property
    def last_stretch(self) -> datetime | None:
        """When a stretch, or the whole routine, was last done."""
        return history.last_stretch(self._data.log)

    @property
    def streak(self) -> int:
        """Days in a row, up to today, with the whole routine done.

        A day still going counts once its routine is done; until then the
        streak up to yesterday stands.
        """
        return history.streak(self._data.log, _today(), _zone())

    def log_between(self, start: datetime, end: datetime) -> list[LogEntry]:
        """Return the history from `start` to `end`, for the export."""
        return history.between(self._data.log, start, end)

    def recent_log(self, count: int) -> list[list[Any]]:
        """Return the last entries of the history, for diagnostics."""
        return [entry.as_list() for entry in self._data.log[-count:]]

    # ----- logging -----------------------------------------------------------

    @callback
    def async_log(
        self,
        routine: str,
        note: str | None = None,
        minutes: float | None = None,
        *,
        announce: bool = True,
    ) -> None:
        """Log a completed routine: a stretch, all stretches, heat or cold.

        `announce` False records it without an event, for a timer that has
        announced its own end.
        """
        wanted = routine.strip().casefold()
        if history.is_timed(wanted):
            self._append(wanted, minutes=minutes, note=note, quiet=not announce)
            self._async_changed()
            return
        if wanted == ROUTINE_STRETCHES:
            self._complete_routine(note)
        else:
            item = self._today_list.find(wanted)
            if item is None:
                raise ServiceValidationError(
                    translation_domain=DOMAIN,
                    translation_key="unknown_routine",
                    translation_placeholders={
                        "routine": routine,
                        "routines": history.unknown_routine_choices(self.stretches),
                    },
                )
            self._check(item, note)
        self._async_stretched()

    def days_completed(self, routine_id: str) -> int:
        """Days before today on which a routine that works up was completed."""
        return history.days_before(self._progress(routine_id), _today())

    @callback
    def async_count_progress(self, routine_id: str) -> None:
        """Count today for a routine that works up over days, once a day."""
        progress = history.counted(self._progress(routine_id), _today())
        if progress is not None:
            self._data.progress[routine_id] = progress
            self._async_changed()

    @callback
    def async_count_guided_routine(self, name: str) -> None:
        """Count a completed guided routine for the streak.

        Its stretches ticked themselves off as they were done; the rest of
        today's list stays open. Quiet: the routine's own line says it.
        """
        if not self._routine_done_today():
            self._append(ROUTINE_STRETCHES, note=name, quiet=True)
            self._async_stretched()

    @callback
    def async_set_done(self, uid: str, done: bool) -> None:
        """Check a line of today's list off (logging it), or open it again."""
        item = self._today_list.line(uid)
        if done and not item.done:
            self._check(item, None)
            self._async_stretched()
            return
        if not done and item.done:
            self._today_list.set_checked(item, False)
        self._async_changed()

    @callback
    def async_add_item(self, summary: str) -> None:
        """Add a line to today's list; it stays for the day."""
        self._today_list.add(summary)
        self._async_changed()

    @callback
    def async_rename_item(self, uid: str, summary: str) -> None:
        """Rename a line the user added."""
        self._today_list.rename(uid, summary)
        self._async_changed()

    @callback
    def async_delete_items(self, uids: list[str]) -> None:
        """Delete lines the user added; the configured stretches stay."""
        self._today_list.delete(uids)
        self._async_changed()

    @callback
    def async_record_heat(self, event_type: str, attributes: dict[str, Any]) -> None:
        """Put heat events in the logbook, and ended heat in the history."""
        # Starts, stops, cutoffs, adoptions, refusals and faults, for the
        # debug log the README's troubleshooting points to.
        _LOGGER.debug("%s: heat %s %s", self._name, event_type, attributes)
        if event_type in HEAT_ENDINGS:
            self._data.log.append(
                LogEntry(
                    at=dt_util.utcnow(),
                    routine=ROUTINE_HEAT,
                    minutes=attributes.get("minutes"),
                )
            )
            self._prune()
            self._async_changed()
        self.async_fire_history(f"heat_{event_type}", attributes)

    @callback
    def async_fire_history(
        self,
        event: str,
        attributes: dict[str, Any],
        entity_key: str | None = None,
    ) -> None:
        """Fire the bus event that the logbook describes as a sentence."""
        self._history_events.async_fire(event, attributes, entity_key)

    def _check(self, item: ChecklistItem, note: str | None) -> None:
        self._today_list.set_checked(item, True)
        self._append(item.summary, note=note)
        if (
            all_stretches_done(self._today_list.items)
            and not self._routine_done_today()
        ):
            self._append(ROUTINE_STRETCHES)

    def _complete_routine(self, note: str | None) -> None:
        for item in self._today_list.open_stretches():
            self._today_list.set_checked(item, True)
            self._append(item.summary, quiet=True)
        self._append(ROUTINE_STRETCHES, note=note)

    def _progress(self, routine_id: str) -> tuple[int, str]:
        return self._data.progress.get(routine_id, history.NO_PROGRESS)

    def _routine_done_today(self) -> bool:
        return history.routine_done_on(self._data.log, _today(), _zone())

    def _append(
        self,
        routine: str,
        *,
        minutes: float | None = None,
        note: str | None = None,
        quiet: bool = False,
    ) -> None:
        self._data.log.append(
            LogEntry(at=dt_util.utcnow(), routine=routine, minutes=minutes, note=note)
        )
        self._prune()
        attributes = history.completion_attributes(routine, minutes, note)
        if not quiet:
            self._async_fire(RoutineEvent.COMPLETED, attributes)
            self.async_fire_history(RoutineEvent.COMPLETED, attributes)

    @callback
    def _async_stretched(self) -> None:
        """Save and tell the entities once, then whoever follows stretches."""
        self._async_changed()
        for listener in list(self._completion_listeners):
            listener()

    def _prune(self) -> None:
        self._data.log = history.pruned(self._data.log, dt_util.utcnow())

    # ----- the day ------------------------------------------------------------

    @callback
    def _async_new_day_if_needed(self) -> None:
        self._today_list.start_day(_today())
        self._async_changed()

    @callback
    def _schedule_midnight(self) -> None:
        self._unsub_midnight()
        midnight = dt_util.start_of_local_day(_today() + timedelta(days=1))
        self._unsub_midnight = async_track_point_in_utc_time(
            self.hass, HassJob(self._async_midnight, cancel_on_shutdown=True), midnight
        )

    @callback
    def _async_midnight(self, _now: datetime) -> None:
        self._async_new_day_if_needed()
        self._schedule_midnight()

    @callback
    def _async_config_updated(self, _event: Event) -> None:
        # The time zone may have changed: today and midnight move with it.
        self._async_new_day_if_needed()
        self._schedule_midnight()
