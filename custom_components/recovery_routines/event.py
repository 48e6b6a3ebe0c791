"""Event platform: a record of every heat session transition."""

from __future__ import annotations

from typing import Any

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddEntitiesCallback

from .const import HeatEvent
from .data import RecoveryRoutinesConfigEntry
from .entity import RecoveryRoutinesEntity

HEAT_EVENTS = EventEntityDescription(
    key="heat_events",
    translation_key="heat_events",
    event_types=[event.value for event in HeatEvent],
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RecoveryRoutinesConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add the heat event entity."""
    async_add_entities([HeatEventEntity(entry, HEAT_EVENTS)])


class HeatEventEntity(RecoveryRoutinesEntity, EventEntity):
    """Fires on session start, completion, stop, cutoff, adoption, refusal, fault."""

    async def async_added_to_hass(self) -> None:
        """Restore the last event and listen to the controller's events."""
        await super().async_added_to_hass()
        self.async_on_remove(self.heat.async_add_event_listener(self._async_event))

    @callback
    def _async_event(self, event_type: str, attributes: dict[str, Any]) -> None:
        self._trigger_event(event_type, attributes)
        self.async_write_ha_state()
