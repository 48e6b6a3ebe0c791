"""Arming the plug's own off timer: when the plug is on, and its failures.

A countdown is armed only once the plug reports on (several plugs' countdowns
toggle), moved when a session is extended and cancelled once the plug reports
off; an auto-off is written once. A timer that cannot be set is a repair issue
and a notification, and ends the session when the backstop is required.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta
import logging
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import STATE_ON
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir
from homeassistant.util import dt as dt_util

from ..const import BackstopPhase
from .backstop import Backstop, BackstopError, BackstopOptions
from .faults import ISSUE_BACKSTOP, PlugFaults

_LOGGER = logging.getLogger(__name__)


class BackstopArming:
    """Arms and disarms the plug's own off timer at the right moments."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
        faults: PlugFaults,
        *,
        plug_state: Callable[[], str | None],
        max_heat: Callable[[], timedelta],
        on_failed: CALLBACK_TYPE,
    ) -> None:
        """Arm the backstop that the options of `entry` name."""
        self.hass = hass
        self._faults = faults
        self._plug_state = plug_state
        self._max_heat = max_heat
        self._on_failed = on_failed
        self.backstop = Backstop(hass, BackstopOptions.from_entry(entry))
        self._error: BackstopError | None = None
        self._arm_when_on: tuple[datetime, BackstopPhase] | None = None
        self._arm_task: asyncio.Task[bool] | None = None
        self._disarm_task: asyncio.Task[None] | None = None

    def as_diagnostics(self) -> dict[str, Any]:
        """Return the backstop's side for diagnostics."""
        options = self.backstop.options
        return {
            "entity_id": options.entity_id,
            "kind": self.backstop.kind,
            "unit": options.unit,
            "margin_minutes": options.margin.total_seconds() / 60,
            "script": options.script,
            "required": options.required,
            "armed": self.backstop.armed,
            "last_write": self.backstop.last_write,
            "last_error": None if self._error is None else self._error.key,
        }

    @callback
    def async_apply_options(self, entry: ConfigEntry) -> None:
        """Use the backstop of new options."""
        self.backstop.options = BackstopOptions.from_entry(entry)

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
        if self._arm_when_on is None or self._plug_state() != STATE_ON:
            return
        ends_at, phase = self._arm_when_on
        self._arm_when_on = None
        self._arm_task = self.hass.async_create_task(self._async_arm(ends_at, phase))

    @callback
    def async_forget_pending(self) -> None:
        """Arm nothing more when the plug reports on: the heat has ended."""
        self._arm_when_on = None

    async def async_wait_armed(self) -> bool:
        """Wait for the arming under way; return whether the backstop holds."""
        if self._arm_task is None:
            return True
        return await self._arm_task

    def check_covers(self, remaining: timedelta) -> None:
        """Raise BackstopError if a required backstop cannot cover `remaining`."""
        if self.backstop.options.required:
            self.backstop.check_covers(remaining)

    async def _async_arm(self, ends_at: datetime, phase: BackstopPhase) -> bool:
        try:
            await self.backstop.async_arm(ends_at - dt_util.utcnow(), phase)
        except BackstopError as err:
            self._failed(err)
            return False
        self._ok()
        return True

    @callback
    def async_disarm_if_armed(self) -> None:
        """Cancel the plug's own timer if it is armed: the plug reported off."""
        if self.backstop.armed:
            self._disarm_task = self.hass.async_create_task(self._async_disarm())

    async def async_wait_disarmed(self) -> None:
        """Wait for the cancelling of the plug's own timer, if one is under way."""
        if self._disarm_task is not None:
            await self._disarm_task

    async def _async_disarm(self) -> None:
        try:
            await self.backstop.async_disarm()
        except BackstopError as err:
            self._failed(err)

    @callback
    def async_apply_auto_off(self) -> None:
        """Write an auto-off timer for the longest heat, in the background."""
        self.hass.async_create_task(self._async_write_auto_off())

    async def _async_write_auto_off(self) -> None:
        try:
            await self.backstop.async_apply_auto_off(self._max_heat())
        except BackstopError as err:
            self._failed(err)

    @callback
    def _failed(self, err: BackstopError) -> None:
        _LOGGER.error(
            "The plug's own off timer could not be set: %s %s",
            err.key,
            err.placeholders,
        )
        self._error = err
        self._faults.async_raise_issue(
            ISSUE_BACKSTOP, ir.IssueSeverity.ERROR, err.key, **err.placeholders
        )
        self._faults.async_show_notification(
            ISSUE_BACKSTOP, err.key, **err.placeholders
        )
        if self.backstop.options.required:
            self._on_failed()

    @callback
    def _ok(self) -> None:
        if self._error is None:
            return
        self._error = None
        self._faults.async_delete_issue(ISSUE_BACKSTOP)
        self._faults.async_dismiss_notification(ISSUE_BACKSTOP)
