"""The recovery history: completions, today's stretch list, counters, streak.

Plain domain logic: counters and the streak are computed from the stored log,
never counted in memory, so they are right across midnight, restarts and
time-zone changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
import logging
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import ATTR_DEVICE_ID, ATTR_ENTITY_ID, EVENT_CORE_CONFIG_UPDATE
from homeassistant.core import CALLBACK_TYPE, Event, HassJob, HomeAssistant, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.event import async_track_point_in_utc_time
from homeassistant.util import dt as dt_util, slugify, ulid as ulid_util

from ..common.observable import StoredObservable
from ..common.records import LogEntry
from ..common.store import RecoveryStore
from ..const import (
    CONF_STRETCHES,
    DEFAULT_STRETCHES,
    DOMAIN,
    EVENT_RECOVERY_ROUTINES,
    LOG_DAYS,
    ROUTINE_COLD,
    ROUTINE_HEAT,
    ROUTINE_STRETCHES,
    HeatEvent,
    RoutineEvent,
)

_LOGGER = logging.getLogger(__name__)

# Heat events that end heat and so land in the history with their minutes.
HEAT_ENDINGS = (HeatEvent.COMPLETED, HeatEvent.STOPPED, HeatEvent.CUTOFF)

STATUS_DONE = "completed"
STATUS_OPEN = "needs_action"


@dataclass(frozen=True, kw_only=True)
class ChecklistItem:
    """One line of today's stretch list."""

    uid: str
    summary: str
    done: bool
    added: bool


def _today() -> date:
    return dt_util.now().date()


def _local_day(when: datetime) -> date:
    return dt_util.as_local(when).date()


class RoutineTracker(StoredObservable):
    """Logs completions and keeps today's stretch list of one entry."""

    def __init__(
        self, hass: HomeAssistant, entry: ConfigEntry, store: RecoveryStore
    ) -> None:
        """Create the tracker of one config entry."""
        super().__init__(store)
        self.hass = hass
        self._entry_id = entry.entry_id
        self._name = entry.title
        self._data = store.routines
        self.stretches: list[str] = []
        self._apply_stretches(entry)
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
        self._apply_stretches(entry)
        self._async_changed()

    def _apply_stretches(self, entry: ConfigEntry) -> None:
        names = entry.options.get(CONF_STRETCHES, list(DEFAULT_STRETCHES))
        # One line per name, in the order given.
        self.stretches = list(dict.fromkeys(name.strip() for name in names if name))

    @callback
    def async_add_completion_listener(self, listener: Callable[[], None]) -> None:
        """Call `listener` whenever a stretch is logged (reminders restart)."""
        self._completion_listeners.append(listener)

    # ----- what entities read ------------------------------------------------

    @property
    def checklist(self) -> list[ChecklistItem]:
        """Today's stretches, then what the user added today."""
        items = [
            ChecklistItem(
                uid=slugify(name),
                summary=name,
                done=slugify(name) in self._data.checked,
                added=False,
            )
            for name in self.stretches
        ]
        items.extend(
            ChecklistItem(
                uid=item["uid"],
                summary=item["summary"],
                done=item["status"] == STATUS_DONE,
                added=True,
            )
            for item in self._data.added
        )
        return items

    @property
    def stretches_today(self) -> int:
        """Stretches done today."""
        today = _today()
        return sum(
            1 for entry in self._stretch_entries() if _local_day(entry.at) == today
        )

    @property
    def last_stretch(self) -> datetime | None:
        """When a stretch, or the whole routine, was last done."""
        return max(
            (
                entry.at
                for entry in self._data.log
                if entry.routine not in (ROUTINE_HEAT, ROUTINE_COLD)
            ),
            default=None,
        )

    @property
    def streak(self) -> int:
        """Days in a row, up to today, with the whole routine done.

        A day still going counts once its routine is done; until then the
        streak up to yesterday stands.
        """
        days = {
            _local_day(entry.at)
            for entry in self._data.log
            if entry.routine == ROUTINE_STRETCHES
        }
        day = _today()
        if day not in days:
            day -= timedelta(days=1)
        count = 0
        while day in days:
            count += 1
            day -= timedelta(days=1)
        return count

    def log_between(self, start: datetime, end: datetime) -> list[LogEntry]:
        """Return the history from `start` to `end`, for the export."""
        return [entry for entry in self._data.log if start <= entry.at <= end]

    def recent_log(self, count: int) -> list[list[Any]]:
        """Return the last entries of the history, for diagnostics."""
        return [entry.as_list() for entry in self._data.log[-count:]]

    def _stretch_entries(self) -> list[LogEntry]:
        special = (ROUTINE_STRETCHES, ROUTINE_HEAT, ROUTINE_COLD)
        return [entry for entry in self._data.log if entry.routine not in special]

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
        if wanted in (ROUTINE_HEAT, ROUTINE_COLD):
            self._append(wanted, minutes=minutes, note=note, quiet=not announce)
            self._async_changed()
            return
        if wanted == ROUTINE_STRETCHES:
            self._complete_routine(note)
        else:
            item = next(
                (
                    item
                    for item in self.checklist
                    if item.summary.casefold() == wanted or item.uid == wanted
                ),
                None,
            )
            if item is None:
                raise ServiceValidationError(
                    translation_domain=DOMAIN,
                    translation_key="unknown_routine",
                    translation_placeholders={
                        "routine": routine,
                        "routines": ", ".join(
                            [
                                *self.stretches,
                                ROUTINE_STRETCHES,
                                ROUTINE_HEAT,
                                ROUTINE_COLD,
                            ]
                        ),
                    },
                )
            self._check(item, note)
        self._async_stretched()

    def days_completed(self, routine_id: str) -> int:
        """Days before today on which a routine that works up was completed."""
        days, last_day = self._data.progress.get(routine_id, (0, ""))
        return days - 1 if last_day == _today().isoformat() else days

    @callback
    def async_count_progress(self, routine_id: str) -> None:
        """Count today for a routine that works up over days, once a day."""
        days, last_day = self._data.progress.get(routine_id, (0, ""))
        today = _today().isoformat()
        if last_day != today:
            self._data.progress[routine_id] = (days + 1, today)
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
        item = next(item for item in self.checklist if item.uid == uid)
        if done and not item.done:
            self._check(item, None)
            self._async_stretched()
            return
        if not done and item.done:
            self._set_checked(item, False)
        self._async_changed()

    @callback
    def async_add_item(self, summary: str) -> None:
        """Add a line to today's list; it stays for the day."""
        # Unique for good: a count of the lines would repeat after a deletion.
        uid = f"added_{ulid_util.ulid_now()}"
        self._data.added.append({"uid": uid, "summary": summary, "status": STATUS_OPEN})
        self._async_changed()

    @callback
    def async_rename_item(self, uid: str, summary: str) -> None:
        """Rename a line the user added."""
        self._added(uid)["summary"] = summary
        self._async_changed()

    @callback
    def async_delete_items(self, uids: list[str]) -> None:
        """Delete lines the user added; the configured stretches stay."""
        self._data.added = [
            item for item in self._data.added if item["uid"] not in uids
        ]
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
        """Fire the bus event that the logbook describes as a sentence.

        It names the event entity and the device it belongs to, so the line
        shows in their logbooks (a logbook card, the device page) too.
        """
        key = entity_key or (
            "heat_events" if event.startswith("heat_") else "routine_events"
        )
        registry = er.async_get(self.hass)
        entity_id = registry.async_get_entity_id(
            "event", DOMAIN, f"{self._entry_id}_{key}"
        )
        entity = None if entity_id is None else registry.async_get(entity_id)
        self.hass.bus.async_fire(
            EVENT_RECOVERY_ROUTINES,
            {
                **attributes,
                "entry_id": self._entry_id,
                "name": self._name,
                "event": event,
                ATTR_ENTITY_ID: entity_id,
                ATTR_DEVICE_ID: None if entity is None else entity.device_id,
            },
        )

    def _check(self, item: ChecklistItem, note: str | None) -> None:
        self._set_checked(item, True)
        self._append(item.summary, note=note)
        if (
            self.stretches
            and all(line.done for line in self.checklist if not line.added)
            and not self._routine_done_today()
        ):
            self._append(ROUTINE_STRETCHES)

    def _complete_routine(self, note: str | None) -> None:
        for item in self.checklist:
            if not item.added and not item.done:
                self._set_checked(item, True)
                self._append(item.summary, quiet=True)
        self._append(ROUTINE_STRETCHES, note=note)

    def _added(self, uid: str) -> dict[str, str]:
        return next(item for item in self._data.added if item["uid"] == uid)

    def _routine_done_today(self) -> bool:
        today = _today()
        return any(
            entry.routine == ROUTINE_STRETCHES and _local_day(entry.at) == today
            for entry in self._data.log
        )

    def _set_checked(self, item: ChecklistItem, done: bool) -> None:
        if item.added:
            self._added(item.uid)["status"] = STATUS_DONE if done else STATUS_OPEN
        elif done:
            if item.uid not in self._data.checked:
                self._data.checked.append(item.uid)
        else:
            # Every copy: a store saved before ticks were kept once may hold two.
            self._data.checked = [uid for uid in self._data.checked if uid != item.uid]

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
        attributes: dict[str, Any] = {"routine": routine}
        if minutes is not None:
            attributes["minutes"] = minutes
        if note:
            attributes["note"] = note
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
        cutoff = dt_util.utcnow() - timedelta(days=LOG_DAYS)
        if self._data.log and self._data.log[0].at < cutoff:
            self._data.log = [entry for entry in self._data.log if entry.at >= cutoff]

    # ----- the day ------------------------------------------------------------

    @callback
    def _async_new_day_if_needed(self) -> None:
        today = _today().isoformat()
        if self._data.checklist_day != today:
            self._data.checklist_day = today
            self._data.checked = []
            self._data.added = []
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
