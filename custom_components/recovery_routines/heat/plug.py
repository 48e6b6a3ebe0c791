"""What talks to the heating pad's plug: calls, the enforced turn-off, faults.

Plain logic, no entities. The heat controller decides when heat may run; this
module makes the plug do it and says when the plug does not: a turn-off is
asked again until the plug reports off, a plug that does not obey or that draws
power while it reports off is a fault (a critical repair and a notification),
the plug's own off timer is armed as a backstop, and a pad that draws nothing
during a session is reported.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta
import logging
from typing import Any

from homeassistant.components import persistent_notification
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import (
    ATTR_ENTITY_ID,
    ATTR_UNIT_OF_MEASUREMENT,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    STATE_OFF,
    STATE_ON,
    UnitOfPower,
)
from homeassistant.core import (
    CALLBACK_TYPE,
    Event,
    EventStateChangedData,
    HomeAssistant,
    callback,
)
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.helpers.start import async_at_started
from homeassistant.helpers.translation import async_get_translations
from homeassistant.util import dt as dt_util

from ..common.records import HeatData
from ..common.timers import Timers
from ..const import (
    CONF_HEAT_SWITCH,
    CONF_POWER_SENSOR,
    DOMAIN,
    NO_POWER_AFTER,
    PLUG_FAULT_AFTER,
    POWER_THRESHOLD_WATTS,
    POWER_WHILE_OFF_AFTER,
    TURN_OFF_RETRY_INTERVAL,
    BackstopPhase,
    HeatEvent,
)
from .backstop import Backstop, BackstopError, BackstopOptions, async_call_bounded

_LOGGER = logging.getLogger(__name__)

ISSUE_PLUG_FAULT = "plug_fault"
ISSUE_PLUG_MISSING = "plug_missing"
ISSUE_POWER_WHILE_OFF = "power_while_off"
ISSUE_BACKSTOP = "backstop"
NOTIFICATION_NO_POWER = "no_power"
# Every repair issue and notification of an entry, removed with the entry.
ISSUE_KINDS = (
    ISSUE_PLUG_FAULT,
    ISSUE_PLUG_MISSING,
    ISSUE_POWER_WHILE_OFF,
    ISSUE_BACKSTOP,
)

_WATTS_PER = {UnitOfPower.WATT: 1.0, UnitOfPower.KILO_WATT: 1000.0, "mW": 0.001}

type Emit = Callable[[HeatEvent, dict[str, Any]], None]


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
        self.entity_id: str = entry.data[CONF_HEAT_SWITCH]
        self._entry_id = entry.entry_id
        self._name = entry.title
        self._data = data
        self._max_heat = max_heat
        self._heating = heating
        self._on_off_reported = on_off_reported
        self._on_backstop_failed = on_backstop_failed
        self._on_changed = on_changed
        self._emit = emit
        self._timers = Timers(hass)
        self._faults: set[str] = set()
        self.missing = False
        self.power_sensor: str | None = entry.options.get(CONF_POWER_SENSOR) or None
        self.backstop = Backstop(hass, BackstopOptions.from_entry(entry))
        self._backstop_error: BackstopError | None = None
        self._arm_when_on: tuple[datetime, BackstopPhase] | None = None
        self._arm_task: asyncio.Task[bool] | None = None
        self._disarm_task: asyncio.Task[None] | None = None
        self._no_power_reported = False
        self._unsubs: list[CALLBACK_TYPE] = []
        self._unsub_power: CALLBACK_TYPE | None = None
        self._turn_off_task: asyncio.Task[None] | None = None
        self._texts: dict[str, str] = {}

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
        return bool(self._faults)

    @property
    def power_fault(self) -> bool:
        """Whether the plug reports off while the pad draws power."""
        return ISSUE_POWER_WHILE_OFF in self._faults

    def as_diagnostics(self) -> dict[str, Any]:
        """Return the plug's side for diagnostics."""
        options = self.backstop.options
        return {
            "faults": sorted(self._faults),
            "plug_missing": self.missing,
            "power_sensor": self.power_sensor,
            "backstop": {
                "entity_id": options.entity_id,
                "kind": self.backstop.kind,
                "unit": options.unit,
                "margin_minutes": options.margin.total_seconds() / 60,
                "script": options.script,
                "required": options.required,
                "armed": self.backstop.armed,
                "last_write": self.backstop.last_write,
                "last_error": None
                if self._backstop_error is None
                else self._backstop_error.key,
            },
        }

    # ----- life cycle ---------------------------------------------------------

    async def async_load_texts(self) -> None:
        """Load the notification texts now, so a fault can be shown at once."""
        self._texts = await async_get_translations(
            self.hass, self.hass.config.language, "issues", [DOMAIN]
        )

    @callback
    def async_start(self) -> None:
        """Clear what an earlier run raised; it is raised again if it holds."""
        for kind in ISSUE_KINDS:
            ir.async_delete_issue(self.hass, DOMAIN, self._issue_id(kind))
        for kind in (ISSUE_PLUG_FAULT, ISSUE_POWER_WHILE_OFF, ISSUE_BACKSTOP):
            persistent_notification.async_dismiss(self.hass, self._issue_id(kind))
        self._track_power_sensor()
        # Before Home Assistant has started, the plug may just not be loaded yet.
        self._unsubs.append(async_at_started(self.hass, self._async_check_missing))
        self._async_apply_auto_off()

    @callback
    def async_stop(self) -> None:
        """Stop watching and timing; nothing is sent to the plug after this."""
        for unsub in self._unsubs:
            unsub()
        self._unsubs.clear()
        if self._unsub_power is not None:
            self._unsub_power()
            self._unsub_power = None
        self._timers.close()

    @callback
    def async_apply_options(self, entry: ConfigEntry) -> None:
        """Use a new power sensor and backstop."""
        self.power_sensor = entry.options.get(CONF_POWER_SENSOR) or None
        self.backstop.options = BackstopOptions.from_entry(entry)
        self._track_power_sensor()
        self._async_apply_auto_off()
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
        self._arm_when_on = None
        if ISSUE_PLUG_FAULT in self._faults:
            _LOGGER.info("%s reports off again", self.entity_id)
            self._clear_fault(ISSUE_PLUG_FAULT)
        if self.backstop.armed:
            self._disarm_task = self.hass.async_create_task(self._async_disarm())
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
        self._raise_fault(ISSUE_PLUG_FAULT, plug_state=str(plug_state))

    # ----- faults -------------------------------------------------------------

    @callback
    def _raise_fault(self, kind: str, **placeholders: str) -> None:
        self._faults.add(kind)
        self._emit(HeatEvent.FAULT, {"reason": kind, **placeholders})
        self._raise_issue(kind, ir.IssueSeverity.CRITICAL, **placeholders)
        self.async_show_notification(kind, **placeholders)
        self._on_changed()

    @callback
    def _clear_fault(self, kind: str) -> None:
        self._faults.discard(kind)
        ir.async_delete_issue(self.hass, DOMAIN, self._issue_id(kind))
        persistent_notification.async_dismiss(self.hass, self._issue_id(kind))
        self._on_changed()

    @callback
    def _raise_issue(
        self,
        kind: str,
        severity: ir.IssueSeverity,
        translation_key: str | None = None,
        **placeholders: str,
    ) -> None:
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            self._issue_id(kind),
            is_fixable=False,
            is_persistent=False,
            severity=severity,
            translation_key=translation_key or kind,
            translation_placeholders=self._placeholders(**placeholders),
        )

    @callback
    def async_show_notification(
        self, kind: str, translation_key: str | None = None, **placeholders: str
    ) -> None:
        """Show the words of a repair issue as a notification, which stays."""
        values = self._placeholders(**placeholders)
        prefix = f"component.{DOMAIN}.issues.{translation_key or kind}"
        persistent_notification.async_create(
            self.hass,
            self._texts[f"{prefix}.description"].format(**values),
            title=self._texts[f"{prefix}.title"].format(**values),
            notification_id=self._issue_id(kind),
        )

    @callback
    def async_set_missing(self, missing: bool) -> None:
        """Raise or clear the repair issue of a plug that no longer exists."""
        if missing == self.missing:
            return
        self.missing = missing
        if not missing:
            ir.async_delete_issue(self.hass, DOMAIN, self._issue_id(ISSUE_PLUG_MISSING))
            return
        _LOGGER.error("%s is missing from Home Assistant", self.entity_id)
        self._raise_issue(ISSUE_PLUG_MISSING, ir.IssueSeverity.ERROR)

    @callback
    def _async_check_missing(self, _hass: HomeAssistant) -> None:
        if self.hass.states.get(self.entity_id) is None:
            self.async_set_missing(True)

    def _issue_id(self, kind: str) -> str:
        return f"{kind}_{self._entry_id}"

    def _placeholders(self, **extra: str) -> dict[str, str]:
        return {"name": self._name, "entity_id": self.entity_id, **extra}

    # ----- the plug's own off timer -------------------------------------------

    @callback
    def async_arm_when_on(self, ends_at: datetime, phase: BackstopPhase) -> None:
        """Arm the backstop for `ends_at` now if the plug is on, else once it is."""
        if not self.backstop.options.configured:
            return
        self._arm_when_on = (ends_at, phase)
        self.async_plug_reported_on()

    @callback
    def async_plug_reported_on(self) -> None:
        """Arm what waited for the plug to be on."""
        if self._arm_when_on is None or self.state != STATE_ON:
            return
        ends_at, phase = self._arm_when_on
        self._arm_when_on = None
        self._arm_task = self.hass.async_create_task(self._async_arm(ends_at, phase))

    async def async_wait_armed(self) -> bool:
        """Wait for the arming under way; return whether the backstop holds."""
        if self._arm_task is None:
            return True
        return await self._arm_task

    def check_backstop_covers(self, remaining: timedelta) -> None:
        """Raise BackstopError if a required backstop cannot cover `remaining`."""
        if self.backstop.options.required:
            self.backstop.check_covers(remaining)

    async def _async_arm(self, ends_at: datetime, phase: BackstopPhase) -> bool:
        try:
            await self.backstop.async_arm(ends_at - dt_util.utcnow(), phase)
        except BackstopError as err:
            self._backstop_failed(err)
            return False
        self._backstop_ok()
        return True

    async def async_wait_disarmed(self) -> None:
        """Wait for the cancelling of the plug's own timer, if one is under way."""
        if self._disarm_task is not None:
            await self._disarm_task

    async def _async_disarm(self) -> None:
        try:
            await self.backstop.async_disarm()
        except BackstopError as err:
            self._backstop_failed(err)

    @callback
    def _async_apply_auto_off(self) -> None:
        self.hass.async_create_task(self._async_write_auto_off())

    async def _async_write_auto_off(self) -> None:
        try:
            await self.backstop.async_apply_auto_off(self._max_heat())
        except BackstopError as err:
            self._backstop_failed(err)

    @callback
    def _backstop_failed(self, err: BackstopError) -> None:
        _LOGGER.error(
            "The plug's own off timer could not be set: %s %s",
            err.key,
            err.placeholders,
        )
        self._backstop_error = err
        self._raise_issue(
            ISSUE_BACKSTOP, ir.IssueSeverity.ERROR, err.key, **err.placeholders
        )
        self.async_show_notification(ISSUE_BACKSTOP, err.key, **err.placeholders)
        if self.backstop.options.required:
            self._on_backstop_failed()

    @callback
    def _backstop_ok(self) -> None:
        if self._backstop_error is None:
            return
        self._backstop_error = None
        ir.async_delete_issue(self.hass, DOMAIN, self._issue_id(ISSUE_BACKSTOP))
        persistent_notification.async_dismiss(self.hass, self._issue_id(ISSUE_BACKSTOP))

    # ----- the power check ----------------------------------------------------

    @callback
    def _track_power_sensor(self) -> None:
        if self._unsub_power is not None:
            self._unsub_power()
            self._unsub_power = None
        if self.power_sensor is not None:
            self._unsub_power = async_track_state_change_event(
                self.hass, self.power_sensor, self._async_power_changed
            )

    @callback
    def _async_power_changed(self, _event: Event[EventStateChangedData]) -> None:
        self.async_check_power()

    def _watts(self) -> float | None:
        if self.power_sensor is None:
            return None
        state = self.hass.states.get(self.power_sensor)
        if state is None:
            return None
        try:
            value = float(state.state)
        except ValueError:
            return None
        unit = state.attributes.get(ATTR_UNIT_OF_MEASUREMENT, UnitOfPower.WATT)
        return value * _WATTS_PER.get(unit, 1.0)

    @callback
    def async_check_power(self) -> None:
        """Compare what the pad draws with what the plug and the session say."""
        if (watts := self._watts()) is None:
            return
        drawing = watts > POWER_THRESHOLD_WATTS
        plug_state = self.state
        if plug_state == STATE_OFF and drawing:
            if not self.power_fault:
                self._timers.schedule(
                    "power_while_off",
                    dt_util.utcnow() + POWER_WHILE_OFF_AFTER,
                    self._async_power_while_off,
                )
        else:
            self._timers.cancel("power_while_off")
            if self.power_fault and not drawing:
                _LOGGER.info(
                    "The heating pad on %s draws no power again", self.entity_id
                )
                self._clear_fault(ISSUE_POWER_WHILE_OFF)
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
            persistent_notification.async_dismiss(
                self.hass, self._issue_id(NOTIFICATION_NO_POWER)
            )

    @callback
    def _async_power_while_off(self, _now: datetime) -> None:
        watts = f"{self._watts():g}"
        _LOGGER.error(
            "%s reports off but the heating pad draws %s W", self.entity_id, watts
        )
        self._raise_fault(ISSUE_POWER_WHILE_OFF, watts=watts)

    @callback
    def _async_no_power(self, _now: datetime) -> None:
        _LOGGER.warning("The heating pad on %s draws no power", self.entity_id)
        self._no_power_reported = True
        self._emit(HeatEvent.NO_POWER, {"watts": self._watts()})
        self.async_show_notification(NOTIFICATION_NO_POWER)
