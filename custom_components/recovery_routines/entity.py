"""Base entity of Recovery Routines."""

from __future__ import annotations

from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.entity import Entity, EntityDescription

from .const import DOMAIN
from .data import RecoveryRoutinesConfigEntry
from .heat.controller import HeatController


class RecoveryRoutinesEntity(Entity):
    """An entity of one routine's device that follows the heat controller."""

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(
        self, entry: RecoveryRoutinesConfigEntry, description: EntityDescription
    ) -> None:
        """Attach the entity to the entry's device and controller."""
        self.entity_description = description
        self.runtime = entry.runtime_data
        self.heat: HeatController = entry.runtime_data.heat
        self._attr_unique_id = f"{entry.entry_id}_{description.key}"
        self._attr_device_info = DeviceInfo(
            identifiers={(DOMAIN, entry.entry_id)},
            name=entry.title,
            entry_type=DeviceEntryType.SERVICE,
        )

    async def async_added_to_hass(self) -> None:
        """Write state at every transition of the controller."""
        await super().async_added_to_hass()
        # Every entity follows every controller: a write that changes nothing
        # adds no state row, so this costs the recorder nothing.
        for observable in self.runtime.observables:
            self.async_on_remove(
                observable.async_add_listener(self.async_write_ha_state)
            )
