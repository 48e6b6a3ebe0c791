"""Switch platform: the heat session toggle."""

from __future__ import annotations

from typing import Any

from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddEntitiesCallback

from .data import RecoveryRoutinesConfigEntry
from .entity import RecoveryRoutinesEntity

HEAT_SESSION = SwitchEntityDescription(
    key="heat_session",
    translation_key="heat_session",
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RecoveryRoutinesConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add the heat session switch."""
    async_add_entities([HeatSessionSwitch(entry, HEAT_SESSION)])


class HeatSessionSwitch(RecoveryRoutinesEntity, SwitchEntity):
    """On while a heat session runs; on starts one of the configured length."""

    @property
    def is_on(self) -> bool:
        """Return whether a session is running."""
        return self.heat.session is not None

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Start a session, clipped to the heat budget left."""
        if self.heat.session is None:
            await self.heat.async_start_session(None, source="switch")

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Stop the session and switch the plug off."""
        await self.heat.async_stop_session(source="switch")
