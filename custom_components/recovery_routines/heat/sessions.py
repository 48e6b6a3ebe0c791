"""A heat session from its start to its end: the deadline and the events.

Every end of a session goes through `async_end_session`, which tells the plug
off before anything else hears of it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
import logging
from typing import Any

from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.util import dt as dt_util

from ..common.records import HeatData, Session
from ..common.timers import Timers
from ..const import DOMAIN, PLUG_CALL_TIMEOUT, BackstopPhase, CutoffReason, HeatEvent
from .guard import HeatGuard
from .plug import PlugDriver
from .refusals import local_time, refusal as _refusal
from .rules.budget import minutes_of

_LOGGER = logging.getLogger(__name__)

type Fire = Callable[[str, dict[str, Any]], None]


class HeatSessions:
    """Starts, moves and ends the heat session of one plug."""

    def __init__(
        self,
        hass: HomeAssistant,
        data: HeatData,
        plug: PlugDriver,
        guard: HeatGuard,
        timers: Timers,
        *,
        advice: Callable[[], str | None],
        on_changed: Callable[[], None],
        fire: Fire,
    ) -> None:
        """Run the sessions of one config entry."""
        self.hass = hass
        self._data = data
        self._plug = plug
        self._guard = guard
        self._timers = timers
        self._advice = advice
        self._on_changed = on_changed
        self._fire = fire
        # A session started, and its plug has not reported on yet; after the
        # session ends, until when its late report of "on" is expected.
        self._awaiting_on = False
        self._late_on_until: datetime | None = None

    @property
    def heating(self) -> bool:
        """Whether a session runs and has not been interrupted."""
        session = self._data.session
        return session is not None and session.interrupted_at is None

    # ----- what users ask for -------------------------------------------------

    async def async_start_session(
        self, minutes: int | None, source: str
    ) -> tuple[Session, bool]:
        """Start a session; return it and whether it was clipped to the budget.

        With `minutes` None the configured length is used and clipped to the
        budget left; an explicit length beyond the budget is refused.
        """
        if self._data.session is not None:
            raise _refusal(
                "already_running", ends_at=local_time(self._data.session.ends_at)
            )
        if self._data.off_pending or self._plug.fault:
            raise _refusal(
                "power_while_off" if self._plug.power_fault else "plug_fault",
                plug=self._plug.name,
            )
        if self._plug.state not in (STATE_ON, STATE_OFF):
            raise _refusal("plug_unavailable", plug=self._plug.name)
        length, clipped = self._guard.checked_length(minutes)
        self._guard.check_backstop_covers(length)
        now = dt_util.utcnow()
        session = Session(started_at=now, ends_at=now + length, source=source)
        self._data.session = session
        self._data.heat_on_since = now
        self.schedule_deadline()
        _LOGGER.debug(
            "Starting a heat session on %s until %s (%s)",
            self._plug.entity_id,
            session.ends_at,
            source,
        )
        # Until the call returns, a stop must treat an "on" as late: the
        # plug may carry out the turn-on after the stop's turn-off.
        self._awaiting_on = True
        try:
            await self._plug.async_turn_on()
        except HomeAssistantError as err:
            self._awaiting_on = False
            # Undo everything: a refused start leaves nothing half-done.
            self._data.session = self._data.heat_on_since = None
            self._timers.cancel("deadline")
            self._plug.async_enforce_off()
            raise HomeAssistantError(
                translation_domain=DOMAIN,
                translation_key="plug_failed",
                translation_placeholders={
                    "plug": self._plug.name,
                    "error": str(err),
                },
            ) from err
        if self._timers.closed:
            # The entry went away while the plug was switching on.
            await self._plug.async_turn_off()
            raise HomeAssistantError(
                translation_domain=DOMAIN, translation_key="entry_unloaded"
            )
        self._plug.async_arm_when_on(session.ends_at, BackstopPhase.START)
        if self._data.session is session:
            self._awaiting_on = self._plug.state != STATE_ON
            advice = self._advice()
            extra = {} if advice is None else {"advice": advice}
            self.emit(HeatEvent.STARTED, session, clipped=clipped, **extra)
            self._on_changed()
        if not await self._plug.async_wait_armed() and self._data.session is None:
            # A required backstop failed: the session was cut off again.
            raise _refusal("backstop_failed")
        return session, clipped

    async def async_stop_session(self, source: str) -> None:
        """Stop the running session; return once the plug was asked off.

        With no session, a plug that has not confirmed off is asked again.
        """
        if self._data.session is not None:
            self.async_end_session(HeatEvent.STOPPED, source=source)
        elif self._data.off_pending:
            self._plug.async_send_turn_off()
        await self._plug.async_wait_turn_off()

    @callback
    def async_extend_session(self, minutes: int) -> Session:
        """Move the deadline of the running session by `minutes`."""
        if (session := self._data.session) is None:
            raise _refusal("not_running")
        now = dt_util.utcnow()
        self._guard.check_extension(minutes, session.ends_at, now)
        new_end = session.ends_at + timedelta(minutes=minutes)
        self._guard.check_backstop_covers(new_end - now)
        session.ends_at = new_end
        _LOGGER.debug(
            "Heat session on %s extended to %s", self._plug.entity_id, new_end
        )
        self.schedule_deadline()
        self._plug.async_arm_when_on(session.ends_at, BackstopPhase.EXTEND)
        self._on_changed()
        return session

    # ----- the safety rules ---------------------------------------------------

    @callback
    def async_apply_budget(self) -> None:
        """Hold the running session to new options: a lower cap applies at once."""
        session = self._data.session
        assert session is not None
        now = dt_util.utcnow()
        latest_end = self._guard.latest_end(now)
        if self._guard.sleep_guard_on():
            self.async_end_session(HeatEvent.CUTOFF, reason=CutoffReason.SLEEP)
        elif latest_end <= now:
            self.async_end_session(HeatEvent.CUTOFF, reason=CutoffReason.HEAT_LIMIT)
        elif session.ends_at > latest_end:
            session.ends_at = latest_end
            self.schedule_deadline()
            self._plug.async_arm_when_on(session.ends_at, BackstopPhase.EXTEND)

    @callback
    def async_sleep_changed(self) -> None:
        """End the session when the sleep guard comes on."""
        if self._guard.sleep_guard_on() and self.heating:
            self.async_end_session(HeatEvent.CUTOFF, reason=CutoffReason.SLEEP)
        else:
            self._on_changed()

    @callback
    def async_backstop_failed(self) -> None:
        """End the session: a required backstop could not be armed."""
        if self._data.session is not None:
            self.async_end_session(HeatEvent.CUTOFF, reason=CutoffReason.BACKSTOP)

    @callback
    def async_interrupt(self) -> None:
        """Keep the session as interrupted: Home Assistant is stopping."""
        session = self._data.session
        assert session is not None
        session.interrupted_at = dt_util.utcnow()
        self._timers.cancel("deadline")
        self._data.off_pending = True
        self.emit(HeatEvent.INTERRUPTED, session)
        self._on_changed()

    # ----- the end ------------------------------------------------------------

    @callback
    def async_end_session(self, event_type: HeatEvent, **attributes: Any) -> None:
        """End the session: the plug is told off first, then everyone hears."""
        session = self._data.session
        assert session is not None
        self._data.session = None
        self._timers.cancel("deadline")
        minutes = minutes_of(
            (session.interrupted_at or dt_util.utcnow()) - session.started_at
        )
        _LOGGER.debug(
            "Heat session on %s ends: %s %s",
            self._plug.entity_id,
            event_type,
            attributes,
        )
        if self._awaiting_on:
            self._awaiting_on = False
            self._late_on_until = dt_util.utcnow() + PLUG_CALL_TIMEOUT
        # Off first: nothing a listener does may stand in the way of the cutoff.
        # Sent even to a plug that shows off: that may be a state from before
        # the turn-on of this very session reached it.
        self._plug.async_enforce_off(always_send=True)
        self.emit(event_type, None, minutes=minutes, **attributes)
        self._on_changed()

    @callback
    def schedule_deadline(self) -> None:
        """End the running session at its deadline."""
        assert self._data.session is not None
        self._timers.schedule(
            "deadline", self._data.session.ends_at, self._async_deadline_reached
        )

    @callback
    def _async_deadline_reached(self, _now: datetime) -> None:
        session = self._data.session
        assert session is not None
        if session.interrupted_at is not None:
            # The plug never came back after the restart to resume it.
            self.async_end_session(HeatEvent.CUTOFF, reason=CutoffReason.OVERDUE)
        else:
            self.async_end_session(HeatEvent.COMPLETED)

    # ----- the plug's report of "on" ------------------------------------------

    @callback
    def async_plug_reported_on(self) -> None:
        """Arm what waited for the plug of the running session to report on."""
        self._awaiting_on = False
        self._plug.async_plug_reported_on()

    def late_on(self) -> bool:
        """Whether an "on" now is the late report of a session that has ended."""
        late = (
            self._late_on_until is not None and dt_util.utcnow() < self._late_on_until
        )
        self._late_on_until = None
        return late

    @callback
    def emit(
        self, event_type: HeatEvent, session: Session | None, **attributes: Any
    ) -> None:
        """Tell the listeners of an event, with what they know of `session`."""
        if session is not None:
            attributes = {
                "minutes": minutes_of(session.ends_at - session.started_at),
                "ends_at": session.ends_at.isoformat(),
                "source": session.source,
                **attributes,
            }
        self._fire(event_type, attributes)
