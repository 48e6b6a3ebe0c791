"""The bus events of the history, which the logbook describes as sentences."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import ATTR_DEVICE_ID, ATTR_ENTITY_ID
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import entity_registry as er

from ..const import DOMAIN, EVENT_RECOVERY_ROUTINES


class HistoryEvents:
    """Fires the history events of one config entry, named after its entities."""

    def __init__(self, hass: HomeAssistant, entry: ConfigEntry) -> None:
        """Fire on the bus of `hass`, for `entry`."""
        self.hass = hass
        self._entry_id = entry.entry_id
        self._name = entry.title

    @callback
    def async_fire(
        self,
        event: str,
        attributes: dict[str, Any],
        entity_key: str | None = None,
    ) -> None:
        """Fire the bus event that the logbook describes as a sentence.

        It names the event entity and the device it belongs to, so the line
        shows in their logbooks (a logbook card, the device page) too.
        """
        key = entity_key or (
            "heat_events" if event.startswith("heat_") else "routine_events"
        )
        registry = er.async_get(self.hass)
        entity_id = registry.async_get_entity_id(
            "event", DOMAIN, f"{self._entry_id}_{key}"
        )
        entity = None if entity_id is None else registry.async_get(entity_id)
        self.hass.bus.async_fire(
            EVENT_RECOVERY_ROUTINES,
            {
                **attributes,
                "entry_id": self._entry_id,
                "name": self._name,
                "event": event,
                ATTR_ENTITY_ID: entity_id,
                ATTR_DEVICE_ID: None if entity is None else entity.device_id,
            },
        )
