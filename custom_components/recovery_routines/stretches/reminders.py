"""The stretch reminder scheduler: every few hours, only in waking hours.

During an episode of back pain its phase picks the interval and what is
reminded of (cold packs, stretches, the daily routine); without one, the
interval set by the user.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
import logging
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, Event, HassJob, HomeAssistant, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers.event import async_track_point_in_utc_time
from homeassistant.util import dt as dt_util

from ..common.notifier import EVENT_MOBILE_APP_ACTION, Notifier, action_id
from ..common.observable import StoredObservable
from ..common.store import RecoveryStore
from ..const import (
    CONF_ACTIVE_END,
    CONF_ACTIVE_START,
    DEFAULT_ACTIVE_END,
    DEFAULT_ACTIVE_START,
    DEFAULT_SNOOZE_MINUTES,
    DOMAIN,
    ROUTINE_COLD,
    ROUTINE_GUIDED,
    ROUTINE_STRETCHES,
    RoutineEvent,
)
from .rules import window
from .rules.window import ReminderPlan, ReminderSchedule
from .tracker import RoutineTracker

__all__ = [
    "ACTION_START_ROUTINE",
    "NOTIFICATION_KIND",
    "ReminderScheduler",
    "next_local",
]

_LOGGER = logging.getLogger(__name__)

NOTIFICATION_KIND = "reminder"
# The button of the daily routine reminder; the plan's offers handle it.
ACTION_START_ROUTINE = "start_routine"


def _time(value: str) -> time:
    return time.fromisoformat(value)


def next_local(at: time, after: datetime) -> datetime:
    """Return the first moment after `after` at the local time of day `at`."""
    return window.next_local(at, after, dt_util.get_default_time_zone())


class ReminderScheduler(StoredObservable):
    """Fires stretch reminders; Done and Snooze come back from the phone."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
        store: RecoveryStore,
        tracker: RoutineTracker,
        notifier: Notifier,
    ) -> None:
        """Create the scheduler of one config entry."""
        super().__init__(store)
        self.hass = hass
        self._entry_id = entry.entry_id
        self._data = store.routines
        self._tracker = tracker
        self._notifier = notifier
        self._start, self._end = self._window(entry)
        self._unsub_timer: CALLBACK_TYPE | None = None
        self._unsubs: list[CALLBACK_TYPE] = []
        # Set by the episode: the plan of its phase, or None without one.
        self.plan: ReminderPlan | None = None
        # The guided routine a daily reminder names: the one the picker shows.
        self.routine_name: Callable[[], str] = lambda: ROUTINE_GUIDED

    @staticmethod
    def _window(entry: ConfigEntry) -> tuple[time, time]:
        return (
            _time(entry.options.get(CONF_ACTIVE_START, DEFAULT_ACTIVE_START)),
            _time(entry.options.get(CONF_ACTIVE_END, DEFAULT_ACTIVE_END)),
        )

    # ----- what entities read ------------------------------------------------

    @property
    def enabled(self) -> bool:
        """Whether reminders are on."""
        return self._data.reminders_enabled

    @property
    def interval(self) -> int:
        """Minutes between reminders."""
        return self._data.reminder_interval

    @property
    def next_reminder(self) -> datetime | None:
        """When the next reminder fires."""
        return self._data.next_reminder if self.enabled else None

    def upcoming(self, until: datetime, limit: int) -> list[datetime]:
        """Return the coming reminders before `until`, as now planned."""
        return self._schedule.upcoming(self.next_reminder, until, limit)

    # ----- life cycle ---------------------------------------------------------

    @callback
    def async_start(self) -> None:
        """Pick up the schedule; fire once what fell due while stopped."""
        self._tracker.async_add_completion_listener(self._async_stretched)
        self._unsubs.append(
            self.hass.bus.async_listen(
                EVENT_MOBILE_APP_ACTION, self._async_notification_action
            )
        )
        if not self.enabled:
            return
        due = self._data.next_reminder
        now = dt_util.utcnow()
        if due is None or (due <= now and due == self._data.last_reminder):
            self._reschedule(self._schedule.after(now))
        elif due > now:
            self._reschedule(due)
        elif self._schedule.in_window(now):
            # Fell due while Home Assistant was down: fire it once, now.
            self._async_remind(due)
        else:
            self._reschedule(now)
        self._async_notify()

    @callback
    def async_stop(self) -> None:
        """Stop the timer and the button listener."""
        self._cancel_timer()
        while self._unsubs:
            self._unsubs.pop()()

    @callback
    def async_apply_options(self, entry: ConfigEntry) -> None:
        """Use a new waking window; the next reminder moves into it."""
        self._start, self._end = self._window(entry)
        if self.enabled and self._data.next_reminder is not None:
            self._reschedule(self._data.next_reminder)
        self._async_changed()

    # ----- what users ask for -------------------------------------------------

    @callback
    def async_follow_plan(self, plan: ReminderPlan | None) -> None:
        """Follow the plan of a new phase; the next reminder moves with it."""
        if plan == self.plan:
            return
        self.plan = plan
        if self.enabled:
            self._reschedule(self._next_due())
        self._async_changed()

    @callback
    def async_set_enabled(self, enabled: bool) -> None:
        """Turn reminders on or off; the history stays."""
        self._data.reminders_enabled = enabled
        if enabled:
            self._reschedule(self._schedule.after(dt_util.utcnow()))
        else:
            self._cancel_timer()
            self._data.next_reminder = None
            self._notifier.async_clear(NOTIFICATION_KIND)
        self._async_changed()

    @callback
    def async_set_interval(self, minutes: int) -> None:
        """Change the interval; the next reminder follows it."""
        self._data.reminder_interval = minutes
        if self.enabled:
            self._reschedule(self._next_due())
        self._async_changed()

    @callback
    def async_snooze(self, minutes: int = DEFAULT_SNOOZE_MINUTES) -> None:
        """Move the next reminder to `minutes` from now."""
        if not self.enabled:
            raise ServiceValidationError(
                translation_domain=DOMAIN, translation_key="reminders_off"
            )
        self._notifier.async_clear(NOTIFICATION_KIND)
        self._reschedule(dt_util.utcnow() + timedelta(minutes=minutes))
        attributes = {"minutes": minutes, "next_reminder": self._next_iso()}
        self._async_fire_event(RoutineEvent.SNOOZED, attributes)
        self._async_changed()

    # ----- scheduling ---------------------------------------------------------

    @property
    def _schedule(self) -> ReminderSchedule:
        """The rules of the next reminder, as the plan and options stand now."""
        return ReminderSchedule(
            interval=self.interval,
            plan=self.plan,
            start=self._start,
            end=self._end,
            zone=dt_util.get_default_time_zone(),
        )

    def _next_due(self) -> datetime:
        """Return the next reminder of a new plan or interval, before the window."""
        return self._schedule.next_due(
            dt_util.utcnow(),
            last_stretch=self._tracker.last_stretch,
            last_reminder=self._data.last_reminder,
        )

    @callback
    def _reschedule(self, when: datetime) -> None:
        self._cancel_timer()
        due = self._schedule.into_window(when)
        self._data.next_reminder = due
        self._unsub_timer = async_track_point_in_utc_time(
            self.hass, HassJob(self._async_due, cancel_on_shutdown=True), due
        )

    @callback
    def _cancel_timer(self) -> None:
        if self._unsub_timer is not None:
            self._unsub_timer()
            self._unsub_timer = None

    @callback
    def _async_due(self, _now: datetime) -> None:
        self._unsub_timer = None
        assert self._data.next_reminder is not None
        self._async_remind(self._data.next_reminder)

    @callback
    def _async_remind(self, due: datetime) -> None:
        self._data.last_reminder = due
        self._reschedule(self._schedule.after(dt_util.utcnow()))
        _LOGGER.debug("Reminder due at %s", due)
        stretches = ", ".join(self._tracker.stretches) or ROUTINE_STRETCHES
        attributes = {"due": due.isoformat(), "next_reminder": self._next_iso()}
        actions: list[dict[str, str]] | None = None
        if self.plan is None:
            text = self._notifier.text("notification_reminder", stretches=stretches)
        else:
            routine = self.routine_name()
            text = self._notifier.text(
                self.plan.text_key, stretches=stretches, routine=routine
            )
            attributes["kind"] = self.plan.kind
            if self.plan.kind == ROUTINE_GUIDED:
                attributes["routine"] = routine
                # The phone's button starts the routine it names.
                actions = [
                    {
                        "action": action_id(self._entry_id, ACTION_START_ROUTINE),
                        "title": self._notifier.text(
                            "notification_start_routine", routine=routine
                        ),
                    },
                    {
                        "action": action_id(self._entry_id, "snooze"),
                        "title": self._notifier.text("notification_snooze"),
                    },
                ]
        self._notifier.async_send(
            NOTIFICATION_KIND, text, with_actions=True, actions=actions
        )
        self._async_fire_event(RoutineEvent.REMINDER, attributes)
        self._async_changed()

    @callback
    def _async_stretched(self) -> None:
        """Clear the reminder and restart: a stretch was logged by any route."""
        self._notifier.async_clear(NOTIFICATION_KIND)
        if self.enabled:
            self._reschedule(self._schedule.after(dt_util.utcnow()))
            self._async_changed()

    @callback
    def _async_notification_action(self, event: Event) -> None:
        action = event.data.get("action")
        if action == action_id(self._entry_id, "done"):
            # Done on a cold-pack reminder of the first days logs a cold pack.
            cold = self.plan is not None and self.plan.kind == ROUTINE_COLD
            self._tracker.async_log(ROUTINE_COLD if cold else ROUTINE_STRETCHES)
        elif action == action_id(self._entry_id, "snooze") and self.enabled:
            self.async_snooze()

    def _next_iso(self) -> str | None:
        return (
            None
            if self._data.next_reminder is None
            else self._data.next_reminder.isoformat()
        )

    @callback
    def _async_fire_event(self, event_type: str, attributes: dict[str, Any]) -> None:
        self._async_fire(event_type, dict(attributes))
        self._tracker.async_fire_history(event_type, dict(attributes))
