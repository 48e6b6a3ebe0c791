"""The power check: what the pad draws against what the plug and session say.

With a power sensor, a plug that reports off while the pad draws power for a
while is a fault, and a session whose pad draws nothing for a while is told in
a notification.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
import logging

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import ATTR_UNIT_OF_MEASUREMENT, STATE_OFF, STATE_ON
from homeassistant.core import (
    CALLBACK_TYPE,
    Event,
    EventStateChangedData,
    HomeAssistant,
    callback,
)
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.util import dt as dt_util

from ..common.timers import Timers
from ..const import CONF_POWER_SENSOR, NO_POWER_AFTER, POWER_WHILE_OFF_AFTER, HeatEvent
from .faults import ISSUE_POWER_WHILE_OFF, NOTIFICATION_NO_POWER, Emit, PlugFaults
from .rules.power import WATT, is_drawing, watts_of

_LOGGER = logging.getLogger(__name__)


class PowerCheck:
    """Watches the power sensor of the plug, if it has one."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
        faults: PlugFaults,
        timers: Timers,
        *,
        plug_state: Callable[[], str | None],
        heating: Callable[[], bool],
        emit: Emit,
    ) -> None:
        """Check the power sensor that the options of `entry` name."""
        self.hass = hass
        self.entity_id = faults.entity_id
        self._faults = faults
        self._timers = timers
        self._plug_state = plug_state
        self._heating = heating
        self._emit = emit
        self.power_sensor: str | None = entry.options.get(CONF_POWER_SENSOR) or None
        self._no_power_reported = False
        self._unsub_power: CALLBACK_TYPE | None = None

    @callback
    def async_apply_options(self, entry: ConfigEntry) -> None:
        """Use the power sensor of new options; watch it with `async_track`."""
        self.power_sensor = entry.options.get(CONF_POWER_SENSOR) or None

    @callback
    def async_track(self) -> None:
        """Check again whenever the power sensor changes."""
        self.async_untrack()
        if self.power_sensor is not None:
            self._unsub_power = async_track_state_change_event(
                self.hass, self.power_sensor, self._async_power_changed
            )

    @callback
    def async_untrack(self) -> None:
        """Stop watching the power sensor."""
        if self._unsub_power is not None:
            self._unsub_power()
            self._unsub_power = None

    @callback
    def _async_power_changed(self, _event: Event[EventStateChangedData]) -> None:
        self.async_check_power()

    def _watts(self) -> float | None:
        if self.power_sensor is None:
            return None
        state = self.hass.states.get(self.power_sensor)
        if state is None:
            return None
        return watts_of(
            state.state, state.attributes.get(ATTR_UNIT_OF_MEASUREMENT, WATT)
        )

    @callback
    def async_check_power(self) -> None:
        """Compare what the pad draws with what the plug and the session say."""
        if (watts := self._watts()) is None:
            return
        drawing = is_drawing(watts)
        plug_state = self._plug_state()
        power_fault = self._faults.has(ISSUE_POWER_WHILE_OFF)
        if plug_state == STATE_OFF and drawing:
            if not power_fault:
                self._timers.schedule(
                    "power_while_off",
                    dt_util.utcnow() + POWER_WHILE_OFF_AFTER,
                    self._async_power_while_off,
                )
        else:
            self._timers.cancel("power_while_off")
            if power_fault and not drawing:
                _LOGGER.info(
                    "The heating pad on %s draws no power again", self.entity_id
                )
                self._faults.async_clear_fault(ISSUE_POWER_WHILE_OFF)
        if self._heating() and plug_state == STATE_ON and not drawing:
            if not self._no_power_reported:
                self._timers.schedule(
                    "no_power",
                    dt_util.utcnow() + NO_POWER_AFTER,
                    self._async_no_power,
                )
            return
        self._timers.cancel("no_power")
        if self._no_power_reported:
            self._no_power_reported = False
            self._faults.async_dismiss_notification(NOTIFICATION_NO_POWER)

    @callback
    def _async_power_while_off(self, _now: datetime) -> None:
        watts = f"{self._watts():g}"
        _LOGGER.error(
            "%s reports off but the heating pad draws %s W", self.entity_id, watts
        )
        self._faults.async_raise_fault(ISSUE_POWER_WHILE_OFF, watts=watts)

    @callback
    def _async_no_power(self, _now: datetime) -> None:
        _LOGGER.warning("The heating pad on %s draws no power", self.entity_id)
        self._no_power_reported = True
        self._emit(HeatEvent.NO_POWER, {"watts": self._watts()})
        self._faults.async_show_notification(NOTIFICATION_NO_POWER)
