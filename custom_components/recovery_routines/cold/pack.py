"""The cold pack timer: no plug, just a timed session and an alert."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, HassJob, HomeAssistant, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers.event import async_track_point_in_utc_time
from homeassistant.util import dt as dt_util

from ..common.notifier import Notifier
from ..common.observable import StoredObservable
from ..common.records import TimedSession
from ..common.store import RecoveryStore
from ..const import (
    CONF_COLD_MINUTES,
    DEFAULT_COLD_MINUTES,
    DOMAIN,
    ROUTINE_COLD,
    RoutineEvent,
)
from ..heat.rules.budget import minutes_of
from ..stretches.tracker import RoutineTracker
from .rules.length import MAX_MINUTES, pack_end, pack_length, time_on, too_long

NOTIFICATION_KIND = "cold_pack"


class ColdPackTimer(StoredObservable):
    """Times cold packs of 15 minutes by default and never more than 20."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
        store: RecoveryStore,
        tracker: RoutineTracker,
        notifier: Notifier,
    ) -> None:
        """Create the timer of one config entry."""
        super().__init__(store)
        self.hass = hass
        self._data = store.routines
        self._tracker = tracker
        self._notifier = notifier
        self.default_minutes: int = entry.options.get(
            CONF_COLD_MINUTES, DEFAULT_COLD_MINUTES
        )
        self._unsub_timer: CALLBACK_TYPE | None = None

    @property
    def session(self) -> TimedSession | None:
        """The running cold pack, if any."""
        return self._data.cold

    @callback
    def async_start(self) -> None:
        """Pick up a cold pack that was running before a restart.

        One that ended while Home Assistant was down ends at once: a timer
        whose time has passed fires straight away.
        """
        if self._data.cold is not None:
            self._schedule()

    @callback
    def async_stop(self) -> None:
        """Stop the timer."""
        if self._unsub_timer is not None:
            self._unsub_timer()
            self._unsub_timer = None

    @callback
    def async_apply_options(self, entry: ConfigEntry) -> None:
        """Use a new default length for the next cold packs."""
        self.default_minutes = entry.options.get(
            CONF_COLD_MINUTES, DEFAULT_COLD_MINUTES
        )

    @callback
    def async_start_pack(self, minutes: int | None = None) -> TimedSession:
        """Start a cold pack of `minutes`, or of the configured length."""
        if self._data.cold is not None:
            raise ServiceValidationError(
                translation_domain=DOMAIN,
                translation_key="cold_already_running",
                translation_placeholders={
                    "ends_at": dt_util.as_local(self._data.cold.ends_at).strftime(
                        "%H:%M"
                    )
                },
            )
        length = pack_length(minutes, self.default_minutes)
        if too_long(length):
            raise ServiceValidationError(
                translation_domain=DOMAIN,
                translation_key="cold_too_long",
                translation_placeholders={
                    "minutes": str(length),
                    "max_minutes": str(MAX_MINUTES),
                },
            )
        now = dt_util.utcnow()
        self._data.cold = TimedSession(started_at=now, ends_at=pack_end(now, length))
        self._schedule()
        self._fire(
            RoutineEvent.COLD_STARTED,
            {"minutes": float(length), "ends_at": self._data.cold.ends_at.isoformat()},
        )
        self._async_changed()
        return self._data.cold

    @callback
    def async_stop_pack(self) -> None:
        """Stop the running cold pack; the time so far is logged."""
        if self._data.cold is not None:
            self._finish(RoutineEvent.COLD_STOPPED)

    @callback
    def _schedule(self) -> None:
        assert self._data.cold is not None
        self.async_stop()
        self._unsub_timer = async_track_point_in_utc_time(
            self.hass,
            HassJob(self._async_ended, cancel_on_shutdown=True),
            self._data.cold.ends_at,
        )

    @callback
    def _async_ended(self, _now: datetime) -> None:
        self._unsub_timer = None
        self._notifier.async_send(
            NOTIFICATION_KIND,
            self._notifier.text("notification_cold_pack"),
            with_actions=False,
        )
        self._finish(RoutineEvent.COLD_COMPLETED)

    @callback
    def _finish(self, event_type: RoutineEvent) -> None:
        session = self._data.cold
        assert session is not None
        self.async_stop()
        self._data.cold = None
        minutes = minutes_of(
            time_on(session.started_at, session.ends_at, dt_util.utcnow())
        )
        self._fire(event_type, {"minutes": minutes})
        self._tracker.async_log(ROUTINE_COLD, minutes=minutes, announce=False)
        self._async_changed()

    @callback
    def _fire(self, event_type: RoutineEvent, attributes: dict[str, Any]) -> None:
        self._async_fire(event_type, dict(attributes))
        self._tracker.async_fire_history(event_type, dict(attributes))
