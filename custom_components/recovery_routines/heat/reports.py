"""What the plug reports, and what follows from it.

An "off" ends the session or confirms a turn-off; an "on" outside a session is
adopted as one (or refused and switched off), unless it is the late report of
a session that has ended; a session interrupted by a restart resumes once the
plug is back.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
import logging

from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.core import (
    Event,
    EventStateChangedData,
    HomeAssistant,
    State,
    callback,
)
from homeassistant.exceptions import ServiceValidationError
from homeassistant.util import dt as dt_util

from ..common.records import HeatData, HeatInterval, Session
from ..const import BackstopPhase, CutoffReason, HeatEvent
from .guard import HeatGuard
from .plug import PlugDriver
from .rules.timer_values import BackstopError
from .sessions import HeatSessions

_LOGGER = logging.getLogger(__name__)


class PlugReports:
    """Acts on what the plug reports: on, off, back after a restart."""

    def __init__(
        self,
        hass: HomeAssistant,
        data: HeatData,
        plug: PlugDriver,
        guard: HeatGuard,
        sessions: HeatSessions,
        *,
        on_changed: Callable[[], None],
    ) -> None:
        """Follow the plug of one config entry."""
        self.hass = hass
        self._data = data
        self._plug = plug
        self._guard = guard
        self._sessions = sessions
        self._on_changed = on_changed
        # Home Assistant is stopping: an interrupted session is not resumed.
        self.stopping = False
        # Set when the plug reports off during the stop.
        self.off_at_stop = asyncio.Event()

    @callback
    def async_recover(self) -> None:
        """Take up what the last run left: a session, a turn-off, the plug's state."""
        session = self._data.session
        if session is not None and session.ends_at <= dt_util.utcnow():
            # The deadline passed while Home Assistant was not running.
            self._sessions.async_end_session(
                HeatEvent.CUTOFF, reason=CutoffReason.OVERDUE
            )
        elif session is not None and session.interrupted_at is not None:
            self._sessions.schedule_deadline()
            self._async_resume_when_reachable()
        elif self._data.off_pending:
            self._plug.async_enforce_off()
        else:
            if session is not None:
                self._sessions.schedule_deadline()
            self._async_handle_plug_state(self.hass.states.get(self._plug.entity_id))

    # ----- off ----------------------------------------------------------------

    @callback
    def async_plug_reported_off(self) -> None:
        """Confirm the turn-off, unless a session has taken the plug since."""
        # A session started while a turn-off was under way owns the plug now.
        if not self._sessions.heating:
            self._async_confirm_off()

    @callback
    def _async_confirm_off(self) -> None:
        """Close the heat and clear any fault: the plug reported off."""
        if self._data.heat_on_since is None and not self._data.off_pending:
            return
        now = dt_util.utcnow()
        if self._data.heat_on_since is not None:
            self._data.intervals.append(
                HeatInterval(start=self._data.heat_on_since, end=now)
            )
            self._data.heat_on_since = None
            self._guard.prune_intervals(now)
        self._plug.async_confirmed_off()
        self._on_changed()

    # ----- every report -------------------------------------------------------

    @callback
    def async_plug_changed(self, event: Event[EventStateChangedData]) -> None:
        """Act on a state change of the plug."""
        # The event may be older than what the controller did since; act on
        # what the plug reports now.
        old_state = event.data["old_state"]
        self._async_handle_plug_state(
            self.hass.states.get(self._plug.entity_id),
            came_back=old_state is None
            or old_state.state in (STATE_UNAVAILABLE, STATE_UNKNOWN),
        )

    @callback
    def _async_handle_plug_state(
        self, state: State | None, came_back: bool = True
    ) -> None:
        if state is not None:
            self._plug.async_set_missing(False)
        elif self.hass.is_running:
            self._plug.async_set_missing(True)
        if state is None:
            return
        session = self._data.session
        if session is not None and session.interrupted_at is not None:
            if self.stopping:
                if state.state == STATE_OFF:
                    self._async_confirm_off()
                    self.off_at_stop.set()
            else:
                self._async_resume_when_reachable()
        elif state.state == STATE_OFF:
            if session is not None:
                # Switched off by its own button, the app, or another automation.
                self._sessions.async_end_session(HeatEvent.STOPPED, source="plug")
            else:
                self._async_confirm_off()
        elif state.state == STATE_ON:
            if self._data.off_pending:
                if came_back:
                    # Back on the network and still on: ask again at once.
                    self._plug.async_send_turn_off()
            elif session is None and self._sessions.late_on():
                # The late report of the turn-on of a session that has ended
                # since (stopped while a slow plug was switching on): not heat
                # that someone asked for, so off, not adopted.
                _LOGGER.debug(
                    "%s reports on after its session ended", self._plug.entity_id
                )
                self._data.heat_on_since = dt_util.utcnow()
                self._plug.async_enforce_off()
                self._on_changed()
            elif session is None:
                self._async_adopt()
            else:
                self._sessions.async_plug_reported_on()
        self._plug.async_check_power()

    # ----- on -----------------------------------------------------------------

    @callback
    def _async_adopt(self) -> None:
        """Time heat switched on by another route, or refuse it."""
        try:
            length, clipped = self._guard.checked_length(None)
            self._plug.check_backstop_covers(length)
        except (ServiceValidationError, BackstopError) as err:
            reason = (
                err.translation_key
                if isinstance(err, ServiceValidationError)
                else err.key
            )
            _LOGGER.warning(
                "%s was switched on outside a session and is switched off: %s",
                self._plug.entity_id,
                reason,
            )
            # The pad is on until the plug says otherwise: that heat counts.
            self._data.heat_on_since = dt_util.utcnow()
            self._plug.async_enforce_off()
            self._sessions.emit(HeatEvent.REFUSED, None, reason=reason)
            self._on_changed()
            return
        now = dt_util.utcnow()
        session = Session(started_at=now, ends_at=now + length, source="plug")
        _LOGGER.debug("Adopting heat switched on at %s", self._plug.entity_id)
        self._data.session = session
        self._data.heat_on_since = now
        self._sessions.schedule_deadline()
        self._plug.async_arm_when_on(session.ends_at, BackstopPhase.START)
        self._sessions.emit(HeatEvent.ADOPTED, session, clipped=clipped)
        self._on_changed()

    @callback
    def _async_resume_when_reachable(self) -> None:
        """Resume an interrupted session once the plug reports on or off."""
        plug_state = self._plug.state
        if plug_state not in (STATE_ON, STATE_OFF):
            return  # The plug's integration has not loaded it yet.
        session = self._data.session
        assert session is not None
        if plug_state == STATE_OFF and self._data.off_pending:
            self._async_confirm_off()
        now = dt_util.utcnow()
        try:
            length, clipped = self._guard.allowed_length(session.ends_at - now)
            self._plug.check_backstop_covers(length)
        except (ServiceValidationError, BackstopError) as err:
            reason = (
                CutoffReason.SLEEP
                if self._guard.sleep_guard_on()
                else CutoffReason.BACKSTOP
                if isinstance(err, BackstopError)
                else CutoffReason.HEAT_LIMIT
            )
            self._sessions.async_end_session(HeatEvent.CUTOFF, reason=reason)
            return
        session.interrupted_at = None
        session.ends_at = now + length
        self._data.off_pending = False
        if self._data.heat_on_since is None:
            self._data.heat_on_since = now
        self._sessions.schedule_deadline()
        _LOGGER.debug(
            "Resuming the heat session on %s until %s",
            self._plug.entity_id,
            session.ends_at,
        )
        self._plug.async_arm_when_on(session.ends_at, BackstopPhase.START)
        self._sessions.emit(HeatEvent.RESUMED, session, clipped=clipped)
        self._on_changed()
        if plug_state == STATE_OFF:
            self.hass.async_create_task(self._async_switch_on_resumed(session))

    async def _async_switch_on_resumed(self, session: Session) -> None:
        if not await self._plug.async_try_turn_on() and self._data.session is session:
            self._sessions.async_end_session(HeatEvent.STOPPED, source="plug")
