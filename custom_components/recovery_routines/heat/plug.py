"""What talks to the heating pad's plug: calls, the enforced turn-off, faults.

Plain logic, no entities. The heat controller decides when heat may run; this
module makes the plug do it and says when the plug does not: a turn-off is
asked again until the plug reports off, a plug that does not obey or that draws
power while it reports off is a fault (faults.py: a critical repair and a
notification), the plug's own off timer is armed as a backstop (arming.py), and
a pad that draws nothing during a session is reported (power_check.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta
import logging
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import (
    ATTR_ENTITY_ID,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    STATE_OFF,
)
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.start import async_at_started
from homeassistant.util import dt as dt_util

from ..common.records import HeatData
from ..common.timers import Timers
from ..const import PLUG_FAULT_AFTER, TURN_OFF_RETRY_INTERVAL, BackstopPhase
from .arming import BackstopArming
from .backstop import async_call_bounded
from .faults import ISSUE_PLUG_FAULT, ISSUE_POWER_WHILE_OFF, Emit, PlugFaults
from .power_check import PowerCheck

__all__ = [
    "PlugDriver",
    "friendly_name",
]

_LOGGER = logging.getLogger(__name__)


def friendly_name(hass: HomeAssistant, entity_id: str) -> str:
    """Return the name people know an entity by; its id while it is missing."""
    state = hass.states.get(entity_id)
    return entity_id if state is None else state.name


class PlugDriver:
    """Makes one plug do what the heat controller decides, and watches it."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
        data: HeatData,
        *,
        max_heat: Callable[[], timedelta],
        heating: Callable[[], bool],
        on_off_reported: CALLBACK_TYPE,
        on_backstop_failed: CALLBACK_TYPE,
        on_changed: CALLBACK_TYPE,
        emit: Emit,
    ) -> None:
        """Drive the plug of one config entry."""
        self.hass = hass
        self._faults = PlugFaults(hass, entry, on_changed=on_changed, emit=emit)
        self.entity_id = self._faults.entity_id
        self._data = data
        self._on_off_reported = on_off_reported
        self._timers = Timers(hass)
        self._arming = BackstopArming(
            hass,
            entry,
            self._faults,
            plug_state=lambda: self.state,
            max_heat=max_heat,
            on_failed=on_backstop_failed,
        )
        self._power = PowerCheck(
            hass,
            entry,
            self._faults,
            self._timers,
            plug_state=lambda: self.state,
            heating=heating,
            emit=emit,
        )
        self._unsubs: list[CALLBACK_TYPE] = []
        self._turn_off_task: asyncio.Task[None] | None = None

    # ----- what the controller reads ------------------------------------------

    @property
    def state(self) -> str | None:
        """The plug's state, None while it does not exist."""
        state = self.hass.states.get(self.entity_id)
        return None if state is None else state.state

    @property
    def name(self) -> str:
        """The plug's name as people know it."""
        return friendly_name(self.hass, self.entity_id)

    @property
    def fault(self) -> bool:
        """Whether the pad may be heating against the controller's will."""
        return self._faults.any

    @property
    def power_fault(self) -> bool:
        """Whether the plug reports off while the pad draws power."""
        return self._faults.has(ISSUE_POWER_WHILE_OFF)

    def as_diagnostics(self) -> dict[str, Any]:
        """Return the plug's side for diagnostics."""
        return {
            "faults": self._faults.kinds,
            "plug_missing": self._faults.missing,
            "power_sensor": self._power.power_sensor,
            "backstop": self._arming.as_diagnostics(),
        }

    # ----- life cycle ---------------------------------------------------------

    async def async_load_texts(self) -> None:
        """Load the notification texts now, so a fault can be shown at once."""
        await self._faults.async_load_texts()

    @callback
    def async_start(self) -> None:
        """Clear what an earlier run raised; it is raised again if it holds."""
        self._faults.async_clear_all()
        self._power.async_track()
        # Before Home Assistant has started, the plug may just not be loaded yet.
        self._unsubs.append(
            async_at_started(self.hass, self._faults.async_check_missing)
        )
        self._arming.async_apply_auto_off()

    @callback
    def async_stop(self) -> None:
        """Stop watching and timing; nothing is sent to the plug after this."""
        for unsub in self._unsubs:
            unsub()
        self._unsubs.clear()
        self._power.async_untrack()
        self._timers.close()

    @callback
    def async_apply_options(self, entry: ConfigEntry) -> None:
        """Use a new power sensor and backstop."""
        self._power.async_apply_options(entry)
        self._arming.async_apply_options(entry)
        self._power.async_track()
        self._arming.async_apply_auto_off()
        self.async_check_power()

    # ----- switching ----------------------------------------------------------

    async def async_turn_on(self) -> None:
        """Switch the plug on; raise HomeAssistantError if it cannot."""
        try:
            await self._async_call(SERVICE_TURN_ON)
        except HomeAssistantError:
            raise
        except Exception as err:
            raise HomeAssistantError(str(err) or type(err).__name__) from err

    async def async_try_turn_on(self) -> bool:
        """Switch the plug on; return whether the call went through."""
        try:
            await self.async_turn_on()
        except HomeAssistantError as err:
            self._log_call_failed(SERVICE_TURN_ON, err)
            return False
        return True

    async def async_turn_off(self) -> None:
        """Ask the plug to switch off once; never raise."""
        try:
            await self._async_call(SERVICE_TURN_OFF)
        except Exception as err:  # noqa: BLE001
            # Whatever the plug's integration raises, the cutoff goes on.
            self._log_call_failed(SERVICE_TURN_OFF, err)
        # The state event may reach the listener later than the end of the
        # call, and a stop should be complete when its action returns.
        if self.state == STATE_OFF:
            self._on_off_reported()

    @callback
    def async_enforce_off(self, always_send: bool = False) -> None:
        """Switch the plug off and keep at it until the plug reports off.

        A plug that reports off already is asked only with `always_send`.
        """
        if self.state == STATE_OFF and not always_send:
            self._on_off_reported()
            return
        self._data.off_pending = True
        self._timers.schedule(
            "fault_check", dt_util.utcnow() + PLUG_FAULT_AFTER, self._async_no_off
        )
        self.async_send_turn_off()

    @callback
    def async_send_turn_off(self) -> None:
        """Send one turn-off now and another in a while, until confirmed."""
        if self._timers.closed:
            return
        self._timers.schedule(
            "retry", dt_util.utcnow() + TURN_OFF_RETRY_INTERVAL, self._async_retry
        )
        self._turn_off_task = self.hass.async_create_task(self.async_turn_off())

    async def async_wait_turn_off(self) -> None:
        """Wait for the last turn-off request to be answered."""
        if self._turn_off_task is not None:
            await self._turn_off_task

    @callback
    def async_confirmed_off(self) -> None:
        """Stop asking, clear the fault and disarm: the plug reported off."""
        self._data.off_pending = False
        self._timers.cancel("retry")
        self._timers.cancel("fault_check")
        self._arming.async_forget_pending()
        if self._faults.has(ISSUE_PLUG_FAULT):
            _LOGGER.info("%s reports off again", self.entity_id)
            self._faults.async_clear_fault(ISSUE_PLUG_FAULT)
        self._arming.async_disarm_if_armed()
        self.async_check_power()

    async def _async_call(self, service: str) -> None:
        _LOGGER.debug("Switching %s %s", self.entity_id, service.removeprefix("turn_"))
        await async_call_bounded(
            self.hass,
            self.entity_id.split(".", 1)[0],
            service,
            {ATTR_ENTITY_ID: self.entity_id},
        )

    def _log_call_failed(self, service: str, err: Exception) -> None:
        _LOGGER.warning(
            "Could not switch %s %s: %r",
            self.entity_id,
            service.removeprefix("turn_"),
            err,
        )

    @callback
    def _async_retry(self, _now: datetime) -> None:
        _LOGGER.warning("%s has not reported off yet; asking it again", self.entity_id)
        self.async_send_turn_off()

    @callback
    def _async_no_off(self, _now: datetime) -> None:
        plug_state = self.state
        _LOGGER.error(
            "%s does not switch off (state %s); the heating pad may still be on",
            self.entity_id,
            plug_state,
        )
        self._faults.async_raise_fault(ISSUE_PLUG_FAULT, plug_state=str(plug_state))

    # ----- what the collaborators do -----------------------------------------

    @callback
    def async_show_notification(self, kind: str) -> None:
        """Show the words of a repair issue as a notification, which stays."""
        self._faults.async_show_notification(kind)

    @callback
    def async_set_missing(self, missing: bool) -> None:
        """Raise or clear the repair issue of a plug that no longer exists."""
        self._faults.async_set_missing(missing)

    @callback
    def async_arm_when_on(self, ends_at: datetime, phase: BackstopPhase) -> None:
        """Arm the backstop for `ends_at` now if the plug is on, else once it is."""
        self._arming.async_arm_when_on(ends_at, phase)

    @callback
    def async_plug_reported_on(self) -> None:
        """Arm what waited for the plug to be on."""
        self._arming.async_plug_reported_on()

    async def async_wait_armed(self) -> bool:
        """Wait for the arming under way; return whether the backstop holds."""
        return await self._arming.async_wait_armed()

    def check_backstop_covers(self, remaining: timedelta) -> None:
        """Raise BackstopError if a required backstop cannot cover `remaining`."""
        self._arming.check_covers(remaining)

    async def async_wait_disarmed(self) -> None:
        """Wait for the cancelling of the plug's own timer, if one is under way."""
        await self._arming.async_wait_disarmed()

    @callback
    def async_check_power(self) -> None:
        """Compare what the pad draws with what the plug and the session say."""
        self._power.async_check_power()
