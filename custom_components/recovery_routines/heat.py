"""The heat session controller: timing, the heat budget and the safety cutoff.

Plain domain logic, no entities: the platforms subscribe to it. Every path
that could leave the heating pad on ends in `_async_enforce_off`, which keeps
asking the plug to switch off until the plug itself reports "off".
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
import logging
import math
from typing import Any

from homeassistant.components import persistent_notification
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import (
    ATTR_ENTITY_ID,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    STATE_OFF,
    STATE_ON,
    STATE_UNAVAILABLE,
    STATE_UNKNOWN,
)
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
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.event import (
    async_track_point_in_utc_time,
    async_track_state_change_event,
)
from homeassistant.helpers.start import async_at_started
from homeassistant.helpers.translation import async_get_translations
from homeassistant.util import dt as dt_util

from .const import (
    CONF_HEAT_REST_MINUTES,
    CONF_HEAT_SWITCH,
    CONF_MAX_HEAT_MINUTES,
    CONF_SLEEP_ENTITY,
    DEFAULT_HEAT_REST_MINUTES,
    DEFAULT_MAX_HEAT_MINUTES,
    DOMAIN,
    MIN_SESSION,
    PLUG_CALL_TIMEOUT,
    PLUG_FAULT_AFTER,
    TURN_OFF_RETRY_INTERVAL,
    CutoffReason,
    HeatEvent,
    HeatStatus,
)
from .observable import Observable
from .store import HeatInterval, RecoveryStore, Session

_LOGGER = logging.getLogger(__name__)

ISSUE_PLUG_FAULT = "plug_fault"
ISSUE_PLUG_MISSING = "plug_missing"


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
        self._entry_id = entry.entry_id
        self._name = entry.title
        self.plug_entity_id: str = entry.data[CONF_HEAT_SWITCH]
        self.options = HeatOptions.from_entry(entry)
        self._store = store
        self._data = store.heat
        self.fault = False
        self._plug_missing = False
        self._unsub_plug: CALLBACK_TYPE | None = None
        self._unsub_sleep: CALLBACK_TYPE | None = None
        self._unsub_started: CALLBACK_TYPE | None = None
        self._timers: dict[str, CALLBACK_TYPE] = {}
        self._unloaded = False
        self._turn_off_task: asyncio.Task[None] | None = None
        self._texts: dict[str, str] = {}

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

    def as_diagnostics(self) -> dict[str, Any]:
        """Return the state for diagnostics."""
        return {
            "status": self.status,
            "fault": self.fault,
            "plug_missing": self._plug_missing,
            "stored": self._data.as_dict(),
        }

    # ----- life cycle ---------------------------------------------------------

    async def async_load_texts(self) -> None:
        """Load the notification texts now, so a fault can be shown at once."""
        self._texts = await async_get_translations(
            self.hass, self.hass.config.language, "issues", [DOMAIN]
        )

    @callback
    def async_start(self) -> None:
        """Start watching the plug and the sleep entity; recover the session."""
        self._unsub_plug = async_track_state_change_event(
            self.hass, self.plug_entity_id, self._async_plug_changed
        )
        self._track_sleep_entity()
        self._schedule_midnight()
        ir.async_delete_issue(self.hass, DOMAIN, self._issue_id(ISSUE_PLUG_FAULT))
        ir.async_delete_issue(self.hass, DOMAIN, self._issue_id(ISSUE_PLUG_MISSING))
        # A fault from before a reload is raised again if it still holds.
        persistent_notification.async_dismiss(
            self.hass, self._issue_id(ISSUE_PLUG_FAULT)
        )

        session = self._data.session
        if session is not None and session.ends_at <= dt_util.utcnow():
            # The deadline passed while Home Assistant was not running.
            self._async_end_session(HeatEvent.CUTOFF, reason=CutoffReason.OVERDUE)
        elif self._data.off_pending:
            self._async_enforce_off()
        else:
            if session is not None:
                self._schedule_deadline()
            self._async_handle_plug_state(self.hass.states.get(self.plug_entity_id))
        # Before Home Assistant has started, the plug may just not be loaded yet.
        self._unsub_started = async_at_started(self.hass, self._async_check_plug)
        self._async_changed()

    async def async_unload(self) -> None:
        """Switch the plug off, then stop watching and timing."""
        self._stop_watching()
        self._unloaded = True
        self._cancel_timers()
        if self._data.session is not None:
            self._async_end_session(HeatEvent.STOPPED, source="unload")
        if self._data.off_pending:
            await self._async_turn_off_plug()
        if self._data.off_pending:
            # Nobody will retry once the entry is gone: say so, where it stays.
            self._async_show_fault_notification()
        # Whatever is still pending is taken up again by the next setup.
        await self._store.async_flush()

    @callback
    def _stop_watching(self) -> None:
        for unsub in (self._unsub_plug, self._unsub_sleep, self._unsub_started):
            if unsub is not None:
                unsub()
        self._unsub_plug = self._unsub_sleep = self._unsub_started = None

    @callback
    def async_apply_options(self, entry: ConfigEntry) -> None:
        """Apply new safety options in place, without ending a session."""
        self.options = HeatOptions.from_entry(entry)
        self._track_sleep_entity()
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
            raise _refusal("plug_fault", entity_id=self.plug_entity_id)
        if self._plug_state() not in (STATE_ON, STATE_OFF):
            raise _refusal("plug_unavailable", entity_id=self.plug_entity_id)
        length, clipped = self._checked_length(minutes)
        now = dt_util.utcnow()
        session = Session(started_at=now, ends_at=now + length, source=source)
        self._data.session = session
        self._data.heat_on_since = now
        self._schedule_deadline()
        try:
            await self._async_call_plug(SERVICE_TURN_ON, raise_errors=True)
        except HomeAssistantError as err:
            # Undo everything: a refused start leaves nothing half-done.
            self._data.session = self._data.heat_on_since = None
            self._cancel_timer("deadline")
            self._async_enforce_off()
            raise HomeAssistantError(
                translation_domain=DOMAIN,
                translation_key="plug_failed",
                translation_placeholders={
                    "entity_id": self.plug_entity_id,
                    "error": str(err),
                },
            ) from err
        if self._unloaded:
            # The entry went away while the plug was switching on.
            await self._async_call_plug(SERVICE_TURN_OFF)
            raise HomeAssistantError(
                translation_domain=DOMAIN, translation_key="entry_unloaded"
            )
        self._emit(HeatEvent.STARTED, session, clipped=clipped)
        self._async_changed()
        return session, clipped

    async def async_stop_session(self, source: str) -> None:
        """Stop the running session; return once the plug was asked off.

        With no session, a plug that has not confirmed off is asked again.
        """
        if self._data.session is not None:
            self._async_end_session(HeatEvent.STOPPED, source=source)
        elif self._data.off_pending:
            self._async_send_turn_off()
        await self._async_wait_turn_off()

    @callback
    def async_extend_session(self, minutes: int) -> Session:
        """Move the deadline of the running session by `minutes`."""
        if (session := self._data.session) is None:
            raise _refusal("not_running")
        now = dt_util.utcnow()
        left = self._budget_left(now) - (session.ends_at - now)
        if timedelta(minutes=minutes) > left:
            raise self._budget_refusal(minutes, left)
        session.ends_at += timedelta(minutes=minutes)
        self._schedule_deadline()
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
        if self._sleep_guard_on():
            raise _refusal("sleep_guard", entity_id=str(self.options.sleep_entity))
        left = self._budget_left(dt_util.utcnow())
        if left < MIN_SESSION:
            available_at = self.available_at or dt_util.utcnow()
            raise _refusal("resting", available_at=_local_time(available_at))
        if minutes is not None:
            if timedelta(minutes=minutes) > left:
                raise self._budget_refusal(minutes, left)
            return timedelta(minutes=minutes), False
        wanted = timedelta(minutes=self._data.heat_duration)
        return min(wanted, left), wanted > left

    def _budget_refusal(self, minutes: int, left: timedelta) -> ServiceValidationError:
        return _refusal(
            "over_budget",
            minutes=str(minutes),
            minutes_left=str(max(math.floor(left.total_seconds() / 60), 0)),
            max_heat_minutes=str(self.options.max_heat_minutes),
        )

    def _sleep_guard_on(self) -> bool:
        if self.options.sleep_entity is None:
            return False
        state = self.hass.states.get(self.options.sleep_entity)
        return state is not None and state.state == STATE_ON

    def _plug_state(self) -> str | None:
        state = self.hass.states.get(self.plug_entity_id)
        return None if state is None else state.state

    # ----- session transitions ------------------------------------------------

    @callback
    def _async_adopt(self) -> None:
        """Time heat switched on by another route, or refuse it."""
        try:
            length, clipped = self._checked_length(None)
        except ServiceValidationError as err:
            _LOGGER.warning(
                "%s was switched on outside a session and is switched off: %s",
                self.plug_entity_id,
                err.translation_key,
            )
            # The pad is on until the plug says otherwise: that heat counts.
            self._data.heat_on_since = dt_util.utcnow()
            self._async_enforce_off()
            self._emit(HeatEvent.REFUSED, None, reason=err.translation_key)
            self._async_changed()
            return
        now = dt_util.utcnow()
        session = Session(started_at=now, ends_at=now + length, source="plug")
        self._data.session = session
        self._data.heat_on_since = now
        self._schedule_deadline()
        self._emit(HeatEvent.ADOPTED, session, clipped=clipped)
        self._async_changed()

    @callback
    def _async_end_session(self, event_type: HeatEvent, **attributes: Any) -> None:
        session = self._data.session
        assert session is not None
        self._data.session = None
        self._cancel_timer("deadline")
        minutes = minutes_of(dt_util.utcnow() - session.started_at)
        # Off first: nothing a listener does may stand in the way of the cutoff.
        self._async_enforce_off()
        self._emit(event_type, None, minutes=minutes, **attributes)
        self._async_changed()

    @callback
    def _async_deadline_reached(self, _now: datetime) -> None:
        self._timers.pop("deadline", None)
        self._async_end_session(HeatEvent.COMPLETED)

    # ----- the cutoff ---------------------------------------------------------

    @callback
    def _async_enforce_off(self) -> None:
        """Switch the plug off and keep at it until the plug reports off."""
        if self._plug_state() == STATE_OFF:
            self._async_confirm_off()
            return
        self._data.off_pending = True
        self._schedule(
            "fault_check", dt_util.utcnow() + PLUG_FAULT_AFTER, self._async_fault_check
        )
        self._async_send_turn_off()

    @callback
    def _async_send_turn_off(self) -> None:
        if self._unloaded:
            return
        self._schedule(
            "retry", dt_util.utcnow() + TURN_OFF_RETRY_INTERVAL, self._async_retry
        )
        self._turn_off_task = self.hass.async_create_task(self._async_turn_off_plug())

    async def _async_wait_turn_off(self) -> None:
        """Wait for the last turn-off request to be answered."""
        if self._turn_off_task is not None:
            await self._turn_off_task

    async def _async_turn_off_plug(self) -> None:
        """Ask the plug to switch off; confirm at once if it already reports off.

        The plug's state event may reach the listener later than the end of
        the call, and a stop should be complete when its action returns.
        """
        await self._async_call_plug(SERVICE_TURN_OFF)
        # A session started while the call was under way owns the plug now.
        if self._data.session is None and self._plug_state() == STATE_OFF:
            self._async_confirm_off()

    @callback
    def _async_retry(self, _now: datetime) -> None:
        self._timers.pop("retry", None)
        _LOGGER.warning(
            "%s has not reported off yet; asking it again", self.plug_entity_id
        )
        self._async_send_turn_off()

    @callback
    def _async_fault_check(self, _now: datetime) -> None:
        self._timers.pop("fault_check", None)
        plug_state = self._plug_state()
        _LOGGER.error(
            "%s does not switch off (state %s); the heating pad may still be on",
            self.plug_entity_id,
            plug_state,
        )
        self.fault = True
        self._emit(HeatEvent.FAULT, None, plug_state=plug_state)
        placeholders = self._placeholders()
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            self._issue_id(ISSUE_PLUG_FAULT),
            is_fixable=False,
            is_persistent=False,
            severity=ir.IssueSeverity.CRITICAL,
            translation_key=ISSUE_PLUG_FAULT,
            translation_placeholders=placeholders,
        )
        self._async_show_fault_notification()
        self._async_changed()

    @callback
    def _async_show_fault_notification(self) -> None:
        """Say the pad may still be on, with the words of the repair issue."""
        placeholders = self._placeholders()
        prefix = f"component.{DOMAIN}.issues.{ISSUE_PLUG_FAULT}"
        persistent_notification.async_create(
            self.hass,
            self._texts[f"{prefix}.description"].format(**placeholders),
            title=self._texts[f"{prefix}.title"].format(**placeholders),
            notification_id=self._issue_id(ISSUE_PLUG_FAULT),
        )

    @callback
    def _async_confirm_off(self) -> None:
        """Close the heat and clear any fault: the plug reported off."""
        if self._data.heat_on_since is None and not self._data.off_pending:
            return
        now = dt_util.utcnow()
        self._data.off_pending = False
        self._cancel_timer("retry")
        self._cancel_timer("fault_check")
        if self._data.heat_on_since is not None:
            self._data.intervals.append(
                HeatInterval(start=self._data.heat_on_since, end=now)
            )
            self._data.heat_on_since = None
            self._prune_intervals(now)
        if self.fault:
            self.fault = False
            _LOGGER.info("%s reports off again", self.plug_entity_id)
            ir.async_delete_issue(self.hass, DOMAIN, self._issue_id(ISSUE_PLUG_FAULT))
            persistent_notification.async_dismiss(
                self.hass, self._issue_id(ISSUE_PLUG_FAULT)
            )
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

    async def _async_call_plug(self, service: str, raise_errors: bool = False) -> None:
        domain = self.plug_entity_id.split(".", 1)[0]
        try:
            async with asyncio.timeout(PLUG_CALL_TIMEOUT.total_seconds()):
                await self.hass.services.async_call(
                    domain,
                    service,
                    {ATTR_ENTITY_ID: self.plug_entity_id},
                    blocking=True,
                )
        except Exception as err:
            # Whatever the plug's integration raises, the cutoff goes on.
            if raise_errors:
                if isinstance(err, HomeAssistantError):
                    raise
                raise HomeAssistantError(str(err) or type(err).__name__) from err
            _LOGGER.warning(
                "Could not switch %s %s: %r",
                self.plug_entity_id,
                service.removeprefix("turn_"),
                err,
            )

    # ----- watching the plug and the sleep entity ----------------------------

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
            self._set_plug_missing(False)
        elif self.hass.is_running:
            self._set_plug_missing(True)
        if state is None:
            return
        if state.state == STATE_OFF:
            if self._data.session is not None:
                # Switched off by its own button, the app, or another automation.
                self._async_end_session(HeatEvent.STOPPED, source="plug")
            else:
                self._async_confirm_off()
        elif state.state == STATE_ON:
            if self._data.off_pending:
                if came_back:
                    # Back on the network and still on: ask again at once.
                    self._async_send_turn_off()
            elif self._data.session is None:
                self._async_adopt()

    @callback
    def _async_check_plug(self, _hass: HomeAssistant) -> None:
        self._unsub_started = None
        if self.hass.states.get(self.plug_entity_id) is None:
            self._set_plug_missing(True)

    @callback
    def _set_plug_missing(self, missing: bool) -> None:
        if missing == self._plug_missing:
            return
        self._plug_missing = missing
        issue_id = self._issue_id(ISSUE_PLUG_MISSING)
        if not missing:
            ir.async_delete_issue(self.hass, DOMAIN, issue_id)
            return
        _LOGGER.error("%s is missing from Home Assistant", self.plug_entity_id)
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            issue_id,
            is_fixable=False,
            severity=ir.IssueSeverity.ERROR,
            translation_key=ISSUE_PLUG_MISSING,
            translation_placeholders=self._placeholders(),
        )

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
        if self._sleep_guard_on() and self._data.session is not None:
            self._async_end_session(HeatEvent.CUTOFF, reason=CutoffReason.SLEEP)
        else:
            self._async_changed()

    # ----- timers and notifications -------------------------------------------

    @callback
    def _schedule(
        self, name: str, when: datetime, action: Callable[[datetime], None]
    ) -> None:
        self._cancel_timer(name)
        if self._unloaded:
            return
        self._timers[name] = async_track_point_in_utc_time(
            self.hass, HassJob(action, name, cancel_on_shutdown=True), when
        )

    @callback
    def _cancel_timer(self, name: str) -> None:
        if (unsub := self._timers.pop(name, None)) is not None:
            unsub()

    @callback
    def _cancel_timers(self) -> None:
        for name in list(self._timers):
            self._cancel_timer(name)

    @callback
    def _schedule_deadline(self) -> None:
        assert self._data.session is not None
        self._schedule(
            "deadline", self._data.session.ends_at, self._async_deadline_reached
        )

    @callback
    def _schedule_midnight(self) -> None:
        tomorrow = dt_util.now().date() + timedelta(days=1)
        self._schedule(
            "midnight", dt_util.start_of_local_day(tomorrow), self._async_midnight
        )

    @callback
    def _async_midnight(self, _now: datetime) -> None:
        self._schedule_midnight()
        self._async_changed()

    @callback
    def _async_rest_over(self, _now: datetime) -> None:
        self._timers.pop("rest_over", None)
        self._async_changed()

    @callback
    def _async_changed(self) -> None:
        """Persist, re-arm the end-of-rest timer and tell the entities."""
        self._store.async_save()
        if (available_at := self.available_at) is not None:
            self._schedule("rest_over", available_at, self._async_rest_over)
        self._async_notify()

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

    def _issue_id(self, kind: str) -> str:
        return f"{kind}_{self._entry_id}"

    def _placeholders(self) -> dict[str, str]:
        return {"name": self._name, "entity_id": self.plug_entity_id}
