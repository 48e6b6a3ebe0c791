"""The plug's own off timer: a backstop for when Home Assistant is not there.

Many plugs can switch themselves off after a time. Home Assistant shows that as
a `number` (or `time`) entity of the plug, or a script can send the plug's own
command. Recovery Routines arms it so that the plug goes off shortly after the
deadline even if Home Assistant crashed or the host lost power.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta
import logging
import math
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import (
    ATTR_ENTITY_ID,
    ATTR_UNIT_OF_MEASUREMENT,
    SERVICE_TURN_ON,
    STATE_OFF,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util

from ..const import (
    CONF_BACKSTOP_ENTITY,
    CONF_BACKSTOP_KIND,
    CONF_BACKSTOP_MARGIN_MINUTES,
    CONF_BACKSTOP_REQUIRED,
    CONF_BACKSTOP_SCRIPT,
    CONF_BACKSTOP_UNIT,
    DEFAULT_BACKSTOP_MARGIN_MINUTES,
    PLUG_CALL_TIMEOUT,
    BackstopKind,
    BackstopPhase,
)
from .rules.timer_values import (
    BackstopError,
    NumberLimits,
    as_float,
    kind_from_words,
    number_value,
    seconds_for,
    time_value,
    unit_of,
    words_of,
)

__all__ = [
    "BACKSTOP_ENTITY_DOMAINS",
    "NUMBER_DOMAIN",
    "SCRIPT_DOMAIN",
    "Backstop",
    "BackstopError",
    "BackstopOptions",
    "async_call_bounded",
    "guess_kind",
    "guess_unit",
]

_LOGGER = logging.getLogger(__name__)

NUMBER_DOMAIN = "number"
TIME_DOMAIN = "time"
SCRIPT_DOMAIN = "script"
SWITCH_DOMAIN = "switch"
BACKSTOP_ENTITY_DOMAINS = [NUMBER_DOMAIN, TIME_DOMAIN]
NUMBER_MIN = "min"
NUMBER_MAX = "max"
NUMBER_STEP = "step"


def _words_of(hass: HomeAssistant, entity_id: str) -> str:
    entry = er.async_get(hass).async_get(entity_id)
    parts = [entity_id]
    if entry is not None:
        parts += [
            entry.unique_id,
            entry.translation_key or "",
            entry.original_name or "",
        ]
    if (state := hass.states.get(entity_id)) is not None:
        parts.append(str(state.attributes.get("friendly_name", "")))
    return words_of(parts)


def guess_kind(hass: HomeAssistant, entity_id: str) -> BackstopKind | None:
    """Guess from the entity whether its timer is a countdown or an auto-off."""
    if entity_id.startswith(f"{TIME_DOMAIN}."):
        return BackstopKind.COUNTDOWN
    return kind_from_words(_words_of(hass, entity_id))


def guess_unit(hass: HomeAssistant, entity_id: str) -> str | None:
    """Read the unit of a number entity's timer, or None when it is unknown."""
    state = hass.states.get(entity_id)
    return (
        None
        if state is None
        else unit_of(state.attributes.get(ATTR_UNIT_OF_MEASUREMENT))
    )


async def async_call_bounded(
    hass: HomeAssistant, domain: str, service: str, data: dict[str, Any]
) -> None:
    """Call an action and wait for it, but never longer than a plug call may take."""
    async with asyncio.timeout(PLUG_CALL_TIMEOUT.total_seconds()):
        await hass.services.async_call(domain, service, data, blocking=True)


@dataclass(frozen=True, kw_only=True)
class BackstopOptions:
    """The backstop settings of the options flow."""

    entity_id: str | None
    kind: BackstopKind | None
    unit: str | None
    margin: timedelta
    script: str | None
    required: bool

    @classmethod
    def from_entry(cls, entry: ConfigEntry) -> BackstopOptions:
        """Read the options of a config entry, with their defaults."""
        options = entry.options
        kind = options.get(CONF_BACKSTOP_KIND)
        return cls(
            entity_id=options.get(CONF_BACKSTOP_ENTITY) or None,
            kind=BackstopKind(kind) if kind else None,
            unit=options.get(CONF_BACKSTOP_UNIT) or None,
            margin=timedelta(
                minutes=options.get(
                    CONF_BACKSTOP_MARGIN_MINUTES, DEFAULT_BACKSTOP_MARGIN_MINUTES
                )
            ),
            script=options.get(CONF_BACKSTOP_SCRIPT) or None,
            required=bool(options.get(CONF_BACKSTOP_REQUIRED, False)),
        )

    @property
    def configured(self) -> bool:
        """Whether the plug has a timer of its own to arm."""
        return self.entity_id is not None or self.script is not None


class Backstop:
    """Arms and cancels the plug's own off timer."""

    def __init__(self, hass: HomeAssistant, options: BackstopOptions) -> None:
        """Arm the timer that `options` name."""
        self.hass = hass
        self.options = options
        self.armed = False
        self.last_write: dict[str, Any] | None = None

    @property
    def kind(self) -> BackstopKind | None:
        """The kind of the entity's timer, as set or as guessed."""
        if self.options.entity_id is None:
            return None
        return self.options.kind or guess_kind(self.hass, self.options.entity_id)

    def check_covers(self, remaining: timedelta) -> None:
        """Raise BackstopError if the entity's timer cannot cover `remaining`."""
        if self.kind is BackstopKind.COUNTDOWN:
            self._value_for(remaining + self.options.margin)

    async def async_arm(self, remaining: timedelta, phase: BackstopPhase) -> None:
        """Arm the timer to fire `remaining` plus the margin from now.

        Call it only while the plug reports on: several plugs' countdowns
        toggle, so one armed while the plug is off would switch it on later.
        """
        if self.kind is BackstopKind.COUNTDOWN:
            await self._async_write(self._value_for(remaining + self.options.margin))
            self.armed = True
        if self.options.script is not None:
            await self._async_run_script(phase, remaining + self.options.margin)
            self.armed = True

    async def async_disarm(self) -> None:
        """Cancel an armed countdown; called once the plug reports off."""
        self.armed = False
        if self.kind is BackstopKind.COUNTDOWN:
            entity_id = self._entity_id
            if entity_id.startswith(f"{TIME_DOMAIN}."):
                await self._async_write("00:00:00")
            elif self._attribute(NUMBER_MIN, 0.0) <= 0:
                await self._async_write(0)
        if self.options.script is not None:
            await self._async_run_script(BackstopPhase.STOP, timedelta())

    async def async_apply_auto_off(self, max_heat: timedelta) -> None:
        """Write an auto-off timer once: the longest heat plus the margin."""
        if self.kind is not BackstopKind.AUTO_OFF:
            return
        value = self._value_for(max_heat + self.options.margin)
        state = self.hass.states.get(self._entity_id)
        if state is None or as_float(state.state) != value:
            await self._async_write(value)
        await self._async_enable_auto_off()

    # ----- writing ------------------------------------------------------------

    @property
    def _entity_id(self) -> str:
        assert self.options.entity_id is not None
        return self.options.entity_id

    def _attribute(self, name: str, default: float) -> float:
        state = self.hass.states.get(self._entity_id)
        value = None if state is None else state.attributes.get(name)
        return default if value is None else float(value)

    def _value_for(self, duration: timedelta) -> float | str:
        """Return the value to write for `duration`, rounded up, read now."""
        entity_id = self._entity_id
        if self.hass.states.get(entity_id) is None:
            raise BackstopError("backstop_missing", entity_id=entity_id)
        if entity_id.startswith(f"{TIME_DOMAIN}."):
            return time_value(duration)
        return number_value(
            duration,
            entity_id=entity_id,
            unit=self.options.unit or guess_unit(self.hass, entity_id),
            limits=NumberLimits(
                step=self._attribute(NUMBER_STEP, 1.0),
                minimum=self._attribute(NUMBER_MIN, 0.0),
                maximum=self._attribute(NUMBER_MAX, math.inf),
            ),
        )

    async def _async_write(self, value: float | str) -> None:
        entity_id = self._entity_id
        if entity_id.startswith(f"{TIME_DOMAIN}."):
            service_data: dict[str, Any] = {ATTR_ENTITY_ID: entity_id, "time": value}
            domain = TIME_DOMAIN
        else:
            service_data = {ATTR_ENTITY_ID: entity_id, "value": value}
            domain = NUMBER_DOMAIN
        _LOGGER.debug("Setting the plug's own off timer %s to %s", entity_id, value)
        await self._async_call(entity_id, domain, "set_value", service_data)
        self._note_write(entity_id, value)

    async def _async_run_script(
        self, phase: BackstopPhase, duration: timedelta
    ) -> None:
        script = self.options.script
        assert script is not None
        seconds = seconds_for(duration)
        variables = {
            "phase": phase.value,
            "seconds": seconds,
            "minutes": math.ceil(seconds / 60),
        }
        _LOGGER.debug("Running the backstop script %s with %s", script, variables)
        await self._async_call(
            script, SCRIPT_DOMAIN, script.removeprefix("script."), variables
        )
        self._note_write(script, variables)

    async def _async_call(
        self, entity_id: str, domain: str, service: str, data: dict[str, Any]
    ) -> None:
        """Call the plug's timer; any failure is a BackstopError about `entity_id`."""
        try:
            await async_call_bounded(self.hass, domain, service, data)
        except Exception as err:
            raise BackstopError(
                "backstop_write_failed", entity_id=entity_id, error=repr(err)
            ) from err

    def _note_write(self, entity_id: str, value: Any) -> None:
        self.last_write = {
            "entity_id": entity_id,
            "value": value,
            "at": dt_util.utcnow().isoformat(),
        }

    async def _async_enable_auto_off(self) -> None:
        """Switch on the plug's auto-off, where it has a switch for it (TP-Link)."""
        registry = er.async_get(self.hass)
        timer = registry.async_get(self._entity_id)
        if timer is None or timer.device_id is None:
            return
        for entry in er.async_entries_for_device(registry, timer.device_id):
            if entry.domain != SWITCH_DOMAIN or "auto_off" not in (
                f"{entry.translation_key} {entry.unique_id}"
            ):
                continue
            state = self.hass.states.get(entry.entity_id)
            if state is not None and state.state == STATE_OFF:
                await self._async_call(
                    entry.entity_id,
                    SWITCH_DOMAIN,
                    SERVICE_TURN_ON,
                    {ATTR_ENTITY_ID: entry.entity_id},
                )
