"""The heat session controller: timing, the heat budget and the safety cutoff.

Plain domain logic, no entities: the platforms subscribe to it. Every path
that could leave the heating pad on ends in the plug driver's enforced
turn-off (plug.py), which keeps asking the plug to switch off until the plug
itself reports "off". When Home Assistant stops, a running session switches
the plug off and is kept as interrupted; it resumes at the next start if its
deadline is still ahead.

The controller holds its collaborators together: the sleep guard and the
budget (guard.py, rules/budget.py), the session's transitions (sessions.py),
what the plug reports (reports.py) and the plug itself (plug.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta
import logging
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, HassJob, HomeAssistant, callback
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.util import dt as dt_util

from ..common.observable import Observable
from ..common.records import Session
from ..common.store import RecoveryStore
from ..common.timers import Timers
from ..const import SHUTDOWN_TURN_OFF_TIMEOUT, HeatEvent, HeatStatus
from .faults import ISSUE_PLUG_FAULT
from .guard import HeatGuard, HeatOptions
from .plug import PlugDriver
from .reports import PlugReports
from .sessions import HeatSessions

_LOGGER = logging.getLogger(__name__)


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
        self._store = store
        self._data = store.heat
        # The collaborators call each other back; a lambda looks its target up
        # when called, so it may name one that is created further down, or the
        # start advice that the plan sets later.
        self.plug = PlugDriver(
            hass,
            entry,
            store.heat,
            max_heat=lambda: self.options.max_heat,
            heating=lambda: self._sessions.heating,
            on_off_reported=lambda: self._reports.async_plug_reported_off(),  # noqa: PLW0108
            on_backstop_failed=lambda: self._sessions.async_backstop_failed(),  # noqa: PLW0108
            on_changed=self._async_changed,
            emit=lambda event_type, attributes: self._sessions.emit(
                event_type, None, **attributes
            ),
        )
        self.plug_entity_id = self.plug.entity_id
        self._guard = HeatGuard(
            hass,
            entry,
            store.heat,
            self.plug,
            on_sleep_changed=lambda: self._sessions.async_sleep_changed(),  # noqa: PLW0108
        )
        self._timers = Timers(hass)
        self._sessions = HeatSessions(
            hass,
            store.heat,
            self.plug,
            self._guard,
            self._timers,
            advice=lambda: self.start_advice(),  # noqa: PLW0108
            on_changed=self._async_changed,
            fire=self._async_fire,
        )
        self._reports = PlugReports(
            hass,
            store.heat,
            self.plug,
            self._guard,
            self._sessions,
            on_changed=self._async_changed,
        )
        self._unsub_plug: CALLBACK_TYPE | None = None
        self._unsub_shutdown: CALLBACK_TYPE | None = None
        # Advice a started session carries, such as cold in an episode's first days.
        self.start_advice: Callable[[], str | None] = lambda: None

    # ----- what the entities read -------------------------------------------

    @property
    def options(self) -> HeatOptions:
        """The safety settings of the options flow."""
        return self._guard.options

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
        if self._guard.sleep_guard_on():
            return HeatStatus.BLOCKED
        if self.available_at is not None:
            return HeatStatus.RESTING
        return HeatStatus.IDLE

    @property
    def available_at(self) -> datetime | None:
        """When heat can start again, while the budget is used up."""
        return self._guard.available_at

    @property
    def heat_today(self) -> float:
        """Minutes of heat today, counted when each session has ended."""
        return self._guard.heat_today

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
            self.hass, self.plug_entity_id, self._reports.async_plug_changed
        )
        # A shutdown job runs before the stop event, on which the Zigbee,
        # Z-Wave, Matter and Shelly integrations close their connections.
        self._unsub_shutdown = self.hass.async_add_shutdown_job(
            HassJob(self._async_shutdown, "recovery_routines shutdown")
        )
        self._guard.async_track_sleep_entity()
        self._schedule_midnight()
        self.plug.async_start()
        self._reports.async_recover()
        self._async_changed()

    async def async_unload(self) -> None:
        """Switch the plug off, then stop watching and timing."""
        self._stop_watching()
        self._timers.close()
        if self._data.session is not None:
            self._sessions.async_end_session(HeatEvent.STOPPED, source="unload")
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
        # The plug, the sleep entity, then the shutdown job.
        for unsub in (
            self._unsub_plug,
            self._guard.async_untrack,
            self._unsub_shutdown,
        ):
            if unsub is not None:
                unsub()
        self._unsub_plug = self._unsub_shutdown = None

    async def _async_shutdown(self) -> None:
        """Switch the plug off before Home Assistant goes away.

        A running session is kept as interrupted and resumes at the next start
        if its deadline is ahead: a restart and a stop look the same from here.
        Bounded, so it never holds up the stop; a plug that did not confirm is
        asked again at the next start.
        """
        self._unsub_shutdown = None
        if self._reports.stopping:
            return
        self._reports.stopping = True
        if self._data.session is not None:
            self._sessions.async_interrupt()
        if self._data.off_pending:
            _LOGGER.debug(
                "Home Assistant is stopping: switching %s off", self.plug_entity_id
            )
            try:
                async with asyncio.timeout(SHUTDOWN_TURN_OFF_TIMEOUT.total_seconds()):
                    await self.plug.async_turn_off()
                    # Many plugs report their new state after the call returns.
                    if self._data.off_pending:
                        await self._reports.off_at_stop.wait()
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
        self._guard.async_apply_options(entry)
        self.plug.async_apply_options(entry)
        self._data.heat_duration = min(
            self._data.heat_duration, self.options.max_heat_minutes
        )
        if self._data.session is not None:
            self._sessions.async_apply_budget()
        self._async_changed()

    # ----- what users ask for -------------------------------------------------

    async def async_start_session(
        self, minutes: int | None, source: str
    ) -> tuple[Session, bool]:
        """Start a session; return it and whether it was clipped to the budget.

        With `minutes` None the configured length is used and clipped to the
        budget left; an explicit length beyond the budget is refused.
        """
        return await self._sessions.async_start_session(minutes, source)

    async def async_stop_session(self, source: str) -> None:
        """Stop the running session; return once the plug was asked off.

        With no session, a plug that has not confirmed off is asked again.
        """
        await self._sessions.async_stop_session(source)

    @callback
    def async_extend_session(self, minutes: int) -> Session:
        """Move the deadline of the running session by `minutes`."""
        return self._sessions.async_extend_session(minutes)

    @callback
    def async_set_heat_duration(self, minutes: int) -> None:
        """Set the length of the next sessions."""
        self._data.heat_duration = minutes
        self._async_changed()

    # ----- timers -------------------------------------------------------------

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
