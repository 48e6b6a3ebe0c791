"""Number platform: the length of a heat session."""

from __future__ import annotations

from homeassistant.components.number import (
    NumberDeviceClass,
    NumberEntity,
    NumberEntityDescription,
    NumberMode,
)
from homeassistant.const import EntityCategory, UnitOfTime
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddEntitiesCallback

from .const import MIN_HEAT_DURATION
from .data import RecoveryRoutinesConfigEntry
from .entity import RecoveryRoutinesEntity

HEAT_DURATION = NumberEntityDescription(
    key="heat_duration",
    translation_key="heat_duration",
    device_class=NumberDeviceClass.DURATION,
    entity_category=EntityCategory.CONFIG,
    native_unit_of_measurement=UnitOfTime.MINUTES,
    native_min_value=MIN_HEAT_DURATION,
    native_step=1,
    mode=NumberMode.BOX,
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RecoveryRoutinesConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add the heat duration number."""
    async_add_entities([HeatDurationNumber(entry, HEAT_DURATION)])


class HeatDurationNumber(RecoveryRoutinesEntity, NumberEntity):
    """Minutes of a heat session; at most the configured cap of continuous heat."""

    @property
    def native_value(self) -> float:
        """Return the session length."""
        return self.heat.heat_duration

    @property
    def native_max_value(self) -> float:
        """Return the cap of continuous heat."""
        return self.heat.options.max_heat_minutes

    async def async_set_native_value(self, value: float) -> None:
        """Set the length of the next sessions."""
        self.heat.async_set_heat_duration(int(value))
