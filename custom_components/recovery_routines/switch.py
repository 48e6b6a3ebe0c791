"""Switch platform: the heat session, stretch reminders and the cold pack."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddEntitiesCallback

from .data import RecoveryRoutinesConfigEntry, RuntimeData
from .entity import RecoveryRoutinesEntity


async def _start_heat(runtime: RuntimeData) -> None:
    # Clipped to the heat budget left, like every start without a length.
    if runtime.heat.session is None:
        await runtime.heat.async_start_session(None, source="switch")


async def _stop_heat(runtime: RuntimeData) -> None:
    await runtime.heat.async_stop_session(source="switch")


async def _reminders_on(runtime: RuntimeData) -> None:
    runtime.reminders.async_set_enabled(True)


async def _reminders_off(runtime: RuntimeData) -> None:
    runtime.reminders.async_set_enabled(False)


async def _start_cold(runtime: RuntimeData) -> None:
    if runtime.cold.session is None:
        runtime.cold.async_start_pack()


async def _stop_cold(runtime: RuntimeData) -> None:
    runtime.cold.async_stop_pack()


@dataclass(frozen=True, kw_only=True)
class RecoverySwitchEntityDescription(SwitchEntityDescription):
    """Describes a switch that drives one of the controllers."""

    is_on_fn: Callable[[RuntimeData], bool]
    turn_on_fn: Callable[[RuntimeData], Awaitable[None]]
    turn_off_fn: Callable[[RuntimeData], Awaitable[None]]


SWITCHES: tuple[RecoverySwitchEntityDescription, ...] = (
    RecoverySwitchEntityDescription(
        key="heat_session",
        translation_key="heat_session",
        is_on_fn=lambda runtime: runtime.heat.session is not None,
        turn_on_fn=_start_heat,
        turn_off_fn=_stop_heat,
    ),
    RecoverySwitchEntityDescription(
        key="stretch_reminders",
        translation_key="stretch_reminders",
        is_on_fn=lambda runtime: runtime.reminders.enabled,
        turn_on_fn=_reminders_on,
        turn_off_fn=_reminders_off,
    ),
    RecoverySwitchEntityDescription(
        key="cold_pack",
        translation_key="cold_pack",
        is_on_fn=lambda runtime: runtime.cold.session is not None,
        turn_on_fn=_start_cold,
        turn_off_fn=_stop_cold,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RecoveryRoutinesConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add the switches."""
    async_add_entities(RecoverySwitch(entry, description) for description in SWITCHES)


class RecoverySwitch(RecoveryRoutinesEntity, SwitchEntity):
    """A switch whose state and actions a controller provides."""

    entity_description: RecoverySwitchEntityDescription

    @property
    def is_on(self) -> bool:
        """Return whether it is on."""
        return self.entity_description.is_on_fn(self.runtime)

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Switch on."""
        await self.entity_description.turn_on_fn(self.runtime)

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Switch off."""
        await self.entity_description.turn_off_fn(self.runtime)
