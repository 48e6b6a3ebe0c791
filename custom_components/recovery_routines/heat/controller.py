"""The heat session controller: timing, the heat budget and the safety cutoff.

Plain domain logic, no entities: the platforms subscribe to it. Every path
that could leave the heating pad on ends in the plug driver's enforced
turn-off (plug.py), which keeps asking the plug to switch off until the plug
itself reports "off". When Home Assistant stops, a running session switches
the plug off and is kept as interrupted; it resumes at the next start if its
deadline is still ahead.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
import logging
import math
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.core import (
    CALLBACK_TYPE,
    Event,
    EventStateChangedData,
    HassJob,
    HomeAssistant,
    State,
    callback,
)
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.util import dt as dt_util

from ..common.observable import Observable
from ..common.records import HeatInterval, Session
from ..common.store import RecoveryStore
from ..common.timers import Timers
from ..const import (
    CONF_HEAT_REST_MINUTES,
    CONF_MAX_HEAT_MINUTES,
    CONF_SLEEP_ENTITY,
    DEFAULT_HEAT_REST_MINUTES,
    DEFAULT_MAX_HEAT_MINUTES,
    DOMAIN,
    MIN_SESSION,
    PLUG_CALL_TIMEOUT,
    SHUTDOWN_TURN_OFF_TIMEOUT,
    BackstopPhase,
    CutoffReason,
    HeatEvent,
    HeatStatus,
)
from .backstop import BackstopError
from .plug import ISSUE_PLUG_FAULT, PlugDriver, friendly_name

_LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class HeatOptions:
    """The safety settings of the options flow."""

    max_heat: timedelta
    rest: timedelta
    sleep_entity: str | None

    @classmethod
    def from_entry(cls, entry: ConfigEntry) -> HeatOptions:
        """Read the options of a config entry, with their defaults."""
        options = entry.options
        return cls(
            max_heat=timedelta(
                minutes=options.get(CONF_MAX_HEAT_MINUTES, DEFAULT_MAX_HEAT_MINUTES)
            ),
            rest=timedelta(
                minutes=options.get(CONF_HEAT_REST_MINUTES, DEFAULT_HEAT_REST_MINUTES)
            ),
            sleep_entity=options.get(CONF_SLEEP_ENTITY) or None,
        )

    @property
    def max_heat_minutes(self) -> int:
        """The cap of continuous heat in whole minutes."""
        return int(self.max_heat.total_seconds() // 60)


@dataclass(frozen=True, kw_only=True)
class HeatRun:
    """The heat of the current run: heat whose gaps are shorter than the rest."""

    used: timedelta
    start: datetime | None


def current_run(
    intervals: list[HeatInterval],
    heat_on_since: datetime | None,
    now: datetime,
    rest: timedelta,
) -> HeatRun:
    """Add up the heat of the run that `now` belongs to.

    Heat that is still on always belongs to the run. Walking back in time, an
    earlier interval belongs to it while the gap after it is shorter than the
    rest; a gap of at least the rest ends the run.
    """
    used = timedelta()
    start: datetime | None = None
    cursor = now
    if heat_on_since is not None:
        used += now - heat_on_since
        start = cursor = heat_on_since
    for interval in reversed(intervals):
        if cursor - interval.end >= rest:
            break
        used += interval.end - interval.start
        start = cursor = interval.start
    return HeatRun(used=used, start=start)


def minutes_of(value: timedelta) -> float:
    """Return a duration in minutes, to a tenth."""
    return round(value.total_seconds() / 60, 1)


def _local_time(value: datetime) -> str:
    return dt_util.as_local(value).strftime("%H:%M")


def _refusal(key: str, **placeholders: str) -> ServiceValidationError:
    return ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders=placeholders or None,
    )


class HeatController(Observable):
    """Runs heat sessions on one plug and guarantees the cutoff."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
        store: RecoveryStore,
    ) -> None:
        """Create the controller of one config entry."""
        super().__init__()
        self.hass = hass
        self.options = HeatOptions.from_entry(entry)
        self._store = store
        self._data = store.heat
        self.plug = PlugDriver(
            hass,
            entry,
            store.heat,
            max_heat=lambda: self.options.max_heat,
            heating=lambda: self._heating,
            on_off_reported=self._async_plug_reported_off,
            on_backstop_failed=self._async_backstop_failed,
            on_changed=self._async_changed,
            emit=lambda event_type, attributes: self._emit(
                event_type, None, **attributes
            ),
        )
        self.plug_entity_id = self.plug.entity_id
        self._unsub_plug: CALLBACK_TYPE | None = None
        self._unsub_sleep: CALLBACK_TYPE | None = None
        self._unsub_shutdown: CALLBACK_TYPE | None = None
        self._timers = Timers(hass)
        # Advice a started session carries, such as cold in an episode's first days.
        self.start_advice: Callable[[], str | None] = lambda: None
        self._stopping = False
        # A session started, and its plug has not reported on yet; after the
        # session ends, until when its late report of "on" is expected.
        self._awaiting_on = False
        self._late_on_until: datetime | None = None
        # Set when the plug reports off during the stop.
        self._off_at_stop = asyncio.Event()

    # ----- what the entities read -------------------------------------------

    @property
    def session(self) -> Session | None:
        """The running session, if any."""
        return self._data.session

    @property
    def heat_duration(self) -> int:
        """The configured session length in minutes."""
        return self._data.heat_duration

    @property
    def fault(self) -> bool:
        """Whether the pad may be heating against the controller's will."""
        return self.plug.fault

    @property
    def status(self) -> HeatStatus:
        """What the controller is doing now."""
        if self.fault:
            return HeatStatus.FAULT
        if self._data.session is not None:
            return HeatStatus.HEATING
        if self._sleep_guard_on():
            return HeatStatus.BLOCKED
        if self.available_at is not None:
            return HeatStatus.RESTING
        return HeatStatus.IDLE

    @property
    def available_at(self) -> datetime | None:
        """When heat can start again, while the budget is used up."""
        if self._data.heat_on_since is not None or not self._data.intervals:
            return None
        if self._budget_left(dt_util.utcnow()) >= MIN_SESSION:
            return None
        return self._data.intervals[-1].end + self.options.rest

    @property
    def heat_today(self) -> float:
        """Minutes of heat today, counted when each session has ended."""
        day_start = dt_util.start_of_local_day()
        total = timedelta()
        for interval in self._data.intervals:
            if interval.end > day_start:
                total += interval.end - max(interval.start, day_start)
        return minutes_of(total)

    @property
    def _heating(self) -> bool:
        session = self._data.session
        return session is not None and session.interrupted_at is None

    def as_diagnostics(self) -> dict[str, Any]:
        """Return the state for diagnostics."""
        return {
            "status": self.status,
            "plug": self.plug.as_diagnostics(),
            "stored": self._data.as_dict(),
        }

    # ----- life cycle ---------------------------------------------------------

    async def async_load_texts(self) -> None:
        """Load the notification texts now, so a fault can be shown at once."""
        await self.plug.async_load_texts()

    @callback
    def async_start(self) -> None:
        """Start watching the plug and the sleep entity; recover the session."""
        self._unsub_plug = async_track_state_change_event(
            self.hass, self.plug_entity_id, self._async_plug_changed
        )
        # A shutdown job runs before the stop event, on which the Zigbee,
        # Z-Wave, Matter and Shelly integrations close their connections.
        self._unsub_shutdown = self.hass.async_add_shutdown_job(
            HassJob(self._async_shutdown, "recovery_routines shutdown")
        )
        self._track_sleep_entity()
        self._schedule_midnight()
        self.plug.async_start()

        session = self._data.session
        if session is not None and session.ends_at <= dt_util.utcnow():
            # The deadline passed while Home Assistant was not running.
            self._async_end_session(HeatEvent.CUTOFF, reason=CutoffReason.OVERDUE)
        elif session is not None and session.interrupted_at is not None:
            self._schedule_deadline()
            self._async_resume_when_reachable()
        elif self._data.off_pending:
            self.plug.async_enforce_off()
        else:
            if session is not None:
                self._schedule_deadline()
            self._async_handle_plug_state(self.hass.states.get(self.plug_entity_id))
        self._async_changed()

    async def async_unload(self) -> None:
        """Switch the plug off, then stop watching and timing."""
        self._stop_watching()
        self._timers.close()
        if self._data.session is not None:
            self._async_end_session(HeatEvent.STOPPED, source="unload")
        self.plug.async_stop()
        if self._data.off_pending:
            await self.plug.async_turn_off()
        if self._data.off_pending:
            # Nobody will retry once the entry is gone: say so, where it stays.
            self.plug.async_show_notification(ISSUE_PLUG_FAULT)
        # Whatever is still pending is taken up again by the next setup.
        await self._store.async_flush()

    @callback
    def _stop_watching(self) -> None:
        for unsub in (self._unsub_plug, self._unsub_sleep, self._unsub_shutdown):
            if unsub is not None:
                unsub()
        self._unsub_plug = self._unsub_sleep = self._unsub_shutdown = None

    async def _async_shutdown(self) -> None:
        """Switch the plug off before Home Assistant goes away.

        A running session is kept as interrupted and resumes at the next start
        if its deadline is ahead: a restart and a stop look the same from here.
        Bounded, so it never holds up the stop; a plug that did not confirm is
        asked again at the next start.
        """
        self._unsub_shutdown = None
        if self._stopping:
            return
        self._stopping = True
        if (session := self._data.session) is not None:
            session.interrupted_at = dt_util.utcnow()
            self._timers.cancel("deadline")
            self._data.off_pending = True
            self._emit(HeatEvent.INTERRUPTED, session)
            self._async_changed()
        if self._data.off_pending:
            _LOGGER.debug(
                "Home Assistant is stopping: switching %s off", self.plug_entity_id
            )
            try:
                async with asyncio.timeout(SHUTDOWN_TURN_OFF_TIMEOUT.total_seconds()):
                    await self.plug.async_turn_off()
                    # Many plugs report their new state after the call returns.
                    if self._data.off_pending:
                        await self._off_at_stop.wait()
                    await self.plug.async_wait_disarmed()
            except TimeoutError:
                _LOGGER.warning(
                    "%s did not confirm off before Home Assistant stopped",
                    self.plug_entity_id,
                )
        self.plug.async_stop()
        self._timers.close()
        await self._store.async_flush()

    @callback
    def async_apply_options(self, entry: ConfigEntry) -> None:
        """Apply new safety options in place, without ending a session."""
        self.options = HeatOptions.from_entry(entry)
        self._track_sleep_entity()
        self.plug.async_apply_options(entry)
        self._data.heat_duration = min(
            self._data.heat_duration, self.options.max_heat_minutes
        )
        if (session := self._data.session) is not None:
            now = dt_util.utcnow()
            latest_end = now + self._budget_left(now)
            if self._sleep_guard_on():
                self._async_end_session(HeatEvent.CUTOFF, reason=CutoffReason.SLEEP)
            elif latest_end <= now:
                self._async_end_session(
                    HeatEvent.CUTOFF, reason=CutoffReason.HEAT_LIMIT
                )
            elif session.ends_at > latest_end:
                # A lower cap applies to the running session at once.
                session.ends_at = latest_end
                self._schedule_deadline()
                self.plug.async_arm_when_on(session.ends_at, BackstopPhase.EXTEND)
        self._async_changed()

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
                "already_running", ends_at=_local_time(self._data.session.ends_at)
            )
        if self._data.off_pending or self.fault:
            raise _refusal(
                "power_while_off" if self.plug.power_fault else "plug_fault",
                plug=self.plug.name,
            )
        if self.plug.state not in (STATE_ON, STATE_OFF):
            raise _refusal("plug_unavailable", plug=self.plug.name)
        length, clipped = self._checked_length(minutes)
        self._check_backstop_covers(length)
        now = dt_util.utcnow()
        session = Session(started_at=now, ends_at=now + length, source=source)
        self._data.session = session
        self._data.heat_on_since = now
        self._schedule_deadline()
        _LOGGER.debug(
            "Starting a heat session on %s until %s (%s)",
            self.plug_entity_id,
            session.ends_at,
            source,
        )
        # Until the call returns, a stop must treat an "on" as late: the
        # plug may carry out the turn-on after the stop's turn-off.
        self._awaiting_on = True
        try:
            await self.plug.async_turn_on()
        except HomeAssistantError as err:
            self._awaiting_on = False
            # Undo everything: a refused start leaves nothing half-done.
            self._data.session = self._data.heat_on_since = None
            self._timers.cancel("deadline")
            self.plug.async_enforce_off()
            raise HomeAssistantError(
                translation_domain=DOMAIN,
                translation_key="plug_failed",
                translation_placeholders={
                    "plug": self.plug.name,
                    "error": str(err),
                },
            ) from err
        if self._timers.closed:
            # The entry went away while the plug was switching on.
            await self.plug.async_turn_off()
            raise HomeAssistantError(
                translation_domain=DOMAIN, translation_key="entry_unloaded"
            )
        self.plug.async_arm_when_on(session.ends_at, BackstopPhase.START)
        if self._data.session is session:
            self._awaiting_on = self.plug.state != STATE_ON
            advice = self.start_advice()
            extra = {} if advice is None else {"advice": advice}
            self._emit(HeatEvent.STARTED, session, clipped=clipped, **extra)
            self._async_changed()
        if not await self.plug.async_wait_armed() and self._data.session is None:
            # A required backstop failed: the session was cut off again.
            raise _refusal("backstop_failed")
        return session, clipped

    async def async_stop_session(self, source: str) -> None:
        """Stop the running session; return once the plug was asked off.

        With no session, a plug that has not confirmed off is asked again.
        """
        if self._data.session is not None:
            self._async_end_session(HeatEvent.STOPPED, source=source)
        elif self._data.off_pending:
            self.plug.async_send_turn_off()
        await self.plug.async_wait_turn_off()

    @callback
    def async_extend_session(self, minutes: int) -> Session:
        """Move the deadline of the running session by `minutes`."""
        if (session := self._data.session) is None:
            raise _refusal("not_running")
        now = dt_util.utcnow()
        left = self._budget_left(now) - (session.ends_at - now)
        if timedelta(minutes=minutes) > left:
            raise self._budget_refusal(minutes, left)
        new_end = session.ends_at + timedelta(minutes=minutes)
        self._check_backstop_covers(new_end - now)
        session.ends_at = new_end
        _LOGGER.debug("Heat session on %s extended to %s", self.plug_entity_id, new_end)
        self._schedule_deadline()
        self.plug.async_arm_when_on(session.ends_at, BackstopPhase.EXTEND)
        self._async_changed()
        return session

    @callback
    def async_set_heat_duration(self, minutes: int) -> None:
        """Set the length of the next sessions."""
        self._data.heat_duration = minutes
        self._async_changed()

    # ----- rules --------------------------------------------------------------

    def _budget_left(self, now: datetime) -> timedelta:
        run = current_run(
            self._data.intervals, self._data.heat_on_since, now, self.options.rest
        )
        return max(self.options.max_heat - run.used, timedelta())

    def _checked_length(self, minutes: int | None) -> tuple[timedelta, bool]:
        """Return the session length allowed now, or raise why there is none."""
        if minutes is not None:
            left = self._allowed_length(timedelta(minutes=minutes))[0]
            if timedelta(minutes=minutes) > left:
                raise self._budget_refusal(minutes, self._budget_left(dt_util.utcnow()))
            return left, False
        return self._allowed_length(timedelta(minutes=self._data.heat_duration))

    def _allowed_length(self, wanted: timedelta) -> tuple[timedelta, bool]:
        """Clip `wanted` to the budget; raise if no heat is allowed now."""
        if self._sleep_guard_on():
            raise _refusal(
                "sleep_guard",
                sleep_entity=friendly_name(self.hass, str(self.options.sleep_entity)),
            )
        left = self._budget_left(dt_util.utcnow())
        if left < MIN_SESSION:
            available_at = self.available_at or dt_util.utcnow()
            raise _refusal("resting", available_at=_local_time(available_at))
        return min(wanted, left), wanted > left

    def _budget_refusal(self, minutes: int, left: timedelta) -> ServiceValidationError:
        return _refusal(
            "over_budget",
            minutes=str(minutes),
            minutes_left=str(max(math.floor(left.total_seconds() / 60), 0)),
            max_heat_minutes=str(self.options.max_heat_minutes),
        )

    def _check_backstop_covers(self, length: timedelta) -> None:
        """Refuse a session that a required backstop cannot cover."""
        try:
            self.plug.check_backstop_covers(length)
        except BackstopError as err:
            raise _refusal(
                "backstop_required",
                timer=friendly_name(self.hass, err.placeholders["entity_id"]),
            ) from err

    def _sleep_guard_on(self) -> bool:
        if self.options.sleep_entity is None:
            return False
        state = self.hass.states.get(self.options.sleep_entity)
        return state is not None and state.state == STATE_ON

    # ----- session transitions ------------------------------------------------

    @callback
    def _async_adopt(self) -> None:
        """Time heat switched on by another route, or refuse it."""
        try:
            length, clipped = self._checked_length(None)
            self.plug.check_backstop_covers(length)
        except (ServiceValidationError, BackstopError) as err:
            reason = (
                err.translation_key
                if isinstance(err, ServiceValidationError)
                else err.key
            )
            _LOGGER.warning(
                "%s was switched on outside a session and is switched off: %s",
                self.plug_entity_id,
                reason,
            )
            # The pad is on until the plug says otherwise: that heat counts.
            self._data.heat_on_since = dt_util.utcnow()
            self.plug.async_enforce_off()
            self._emit(HeatEvent.REFUSED, None, reason=reason)
            self._async_changed()
            return
        now = dt_util.utcnow()
        session = Session(started_at=now, ends_at=now + length, source="plug")
        _LOGGER.debug("Adopting heat switched on at %s", self.plug_entity_id)
        self._data.session = session
        self._data.heat_on_since = now
        self._schedule_deadline()
        self.plug.async_arm_when_on(session.ends_at, BackstopPhase.START)
        self._emit(HeatEvent.ADOPTED, session, clipped=clipped)
        self._async_changed()

    @callback
    def _async_resume_when_reachable(self) -> None:
        """Resume an interrupted session once the plug reports on or off."""
        plug_state = self.plug.state
        if plug_state not in (STATE_ON, STATE_OFF):
            return  # The plug's integration has not loaded it yet.
        session = self._data.session
        assert session is not None
        if plug_state == STATE_OFF and self._data.off_pending:
            self._async_confirm_off()
        now = dt_util.utcnow()
        try:
            length, clipped = self._allowed_length(session.ends_at - now)
            self.plug.check_backstop_covers(length)
        except (ServiceValidationError, BackstopError) as err:
            reason = (
                CutoffReason.SLEEP
                if self._sleep_guard_on()
                else CutoffReason.BACKSTOP
                if isinstance(err, BackstopError)
                else CutoffReason.HEAT_LIMIT
            )
            self._async_end_session(HeatEvent.CUTOFF, reason=reason)
            return
        session.interrupted_at = None
        session.ends_at = now + length
        self._data.off_pending = False
        if self._data.heat_on_since is None:
            self._data.heat_on_since = now
        self._schedule_deadline()
        _LOGGER.debug(
            "Resuming the heat session on %s until %s",
            self.plug_entity_id,
            session.ends_at,
        )
        self.plug.async_arm_when_on(session.ends_at, BackstopPhase.START)
        self._emit(HeatEvent.RESUMED, session, clipped=clipped)
        self._async_changed()
        if plug_state == STATE_OFF:
            self.hass.async_create_task(self._async_switch_on_resumed(session))

    async def _async_switch_on_resumed(self, session: Session) -> None:
        if not await self.plug.async_try_turn_on() and self._data.session is session:
            self._async_end_session(HeatEvent.STOPPED, source="plug")

    @callback
    def _async_backstop_failed(self) -> None:
        """End the session: a required backstop could not be armed."""
        if self._data.session is not None:
            self._async_end_session(HeatEvent.CUTOFF, reason=CutoffReason.BACKSTOP)

    @callback
    def _async_end_session(self, event_type: HeatEvent, **attributes: Any) -> None:
        session = self._data.session
        assert session is not None
        self._data.session = None
        self._timers.cancel("deadline")
        minutes = minutes_of(
            (session.interrupted_at or dt_util.utcnow()) - session.started_at
        )
        _LOGGER.debug(
            "Heat session on %s ends: %s %s",
            self.plug_entity_id,
            event_type,
            attributes,
        )
        if self._awaiting_on:
            self._awaiting_on = False
            self._late_on_until = dt_util.utcnow() + PLUG_CALL_TIMEOUT
        # Off first: nothing a listener does may stand in the way of the cutoff.
        # Sent even to a plug that shows off: that may be a state from before
        # the turn-on of this very session reached it.
        self.plug.async_enforce_off(always_send=True)
        self._emit(event_type, None, minutes=minutes, **attributes)
        self._async_changed()

    @callback
    def _async_deadline_reached(self, _now: datetime) -> None:
        session = self._data.session
        assert session is not None
        if session.interrupted_at is not None:
            # The plug never came back after the restart to resume it.
            self._async_end_session(HeatEvent.CUTOFF, reason=CutoffReason.OVERDUE)
        else:
            self._async_end_session(HeatEvent.COMPLETED)

    # ----- the plug reports ---------------------------------------------------

    @callback
    def _async_plug_reported_off(self) -> None:
        # A session started while a turn-off was under way owns the plug now.
        if not self._heating:
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
            self._prune_intervals(now)
        self.plug.async_confirmed_off()
        self._async_changed()

    def _prune_intervals(self, now: datetime) -> None:
        """Keep today's heat and the current run; drop the rest."""
        run = current_run(self._data.intervals, None, now, self.options.rest)
        keep_from = dt_util.start_of_local_day()
        if run.start is not None:
            keep_from = min(keep_from, run.start)
        self._data.intervals = [
            interval for interval in self._data.intervals if interval.end > keep_from
        ]

    @callback
    def _async_plug_changed(self, event: Event[EventStateChangedData]) -> None:
        # The event may be older than what the controller did since; act on
        # what the plug reports now.
        old_state = event.data["old_state"]
        self._async_handle_plug_state(
            self.hass.states.get(self.plug_entity_id),
            came_back=old_state is None
            or old_state.state in (STATE_UNAVAILABLE, STATE_UNKNOWN),
        )

    @callback
    def _async_handle_plug_state(
        self, state: State | None, came_back: bool = True
    ) -> None:
        if state is not None:
            self.plug.async_set_missing(False)
        elif self.hass.is_running:
            self.plug.async_set_missing(True)
        if state is None:
            return
        session = self._data.session
        if session is not None and session.interrupted_at is not None:
            if self._stopping:
                if state.state == STATE_OFF:
                    self._async_confirm_off()
                    self._off_at_stop.set()
            else:
                self._async_resume_when_reachable()
        elif state.state == STATE_OFF:
            if session is not None:
                # Switched off by its own button, the app, or another automation.
                self._async_end_session(HeatEvent.STOPPED, source="plug")
            else:
                self._async_confirm_off()
        elif state.state == STATE_ON:
            if self._data.off_pending:
                if came_back:
                    # Back on the network and still on: ask again at once.
                    self.plug.async_send_turn_off()
            elif session is None and self._late_on():
                # The late report of the turn-on of a session that has ended
                # since (stopped while a slow plug was switching on): not heat
                # that someone asked for, so off, not adopted.
                _LOGGER.debug(
                    "%s reports on after its session ended", self.plug_entity_id
                )
                self._data.heat_on_since = dt_util.utcnow()
                self.plug.async_enforce_off()
                self._async_changed()
            elif session is None:
                self._async_adopt()
            else:
                self._awaiting_on = False
                self.plug.async_plug_reported_on()
        self.plug.async_check_power()

    def _late_on(self) -> bool:
        late = (
            self._late_on_until is not None and dt_util.utcnow() < self._late_on_until
        )
        self._late_on_until = None
        return late

    # ----- the sleep entity ---------------------------------------------------

    @callback
    def _track_sleep_entity(self) -> None:
        if self._unsub_sleep is not None:
            self._unsub_sleep()
            self._unsub_sleep = None
        if self.options.sleep_entity is not None:
            self._unsub_sleep = async_track_state_change_event(
                self.hass, self.options.sleep_entity, self._async_sleep_changed
            )

    @callback
    def _async_sleep_changed(self, _event: Event[EventStateChangedData]) -> None:
        if self._sleep_guard_on() and self._heating:
            self._async_end_session(HeatEvent.CUTOFF, reason=CutoffReason.SLEEP)
        else:
            self._async_changed()

    # ----- timers and events --------------------------------------------------

    @callback
    def _schedule_deadline(self) -> None:
        assert self._data.session is not None
        self._timers.schedule(
            "deadline", self._data.session.ends_at, self._async_deadline_reached
        )

    @callback
    def _schedule_midnight(self) -> None:
        tomorrow = dt_util.now().date() + timedelta(days=1)
        self._timers.schedule(
            "midnight", dt_util.start_of_local_day(tomorrow), self._async_midnight
        )

    @callback
    def _async_midnight(self, _now: datetime) -> None:
        self._schedule_midnight()
        self._async_changed()

    @callback
    def _async_changed(self) -> None:
        """Persist, re-arm the end-of-rest timer and tell the entities."""
        self._store.async_save()
        if (available_at := self.available_at) is not None:
            self._timers.schedule("rest_over", available_at, self._async_rest_over)
        self._async_notify()

    @callback
    def _async_rest_over(self, _now: datetime) -> None:
        self._async_changed()

    @callback
    def _emit(
        self, event_type: HeatEvent, session: Session | None, **attributes: Any
    ) -> None:
        if session is not None:
            attributes = {
                "minutes": minutes_of(session.ends_at - session.started_at),
                "ends_at": session.ends_at.isoformat(),
                "source": session.source,
                **attributes,
            }
        self._async_fire(event_type, attributes)
