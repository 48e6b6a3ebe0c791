"""Number platform: the length of a heat session, the reminder interval."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from homeassistant.components.number import (
    NumberDeviceClass,
    NumberEntity,
    NumberEntityDescription,
    NumberMode,
)
from homeassistant.const import EntityCategory, UnitOfTime
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddEntitiesCallback

from .const import MIN_HEAT_DURATION, PAIN_RANGE, REMINDER_INTERVAL_RANGE
from .data import RecoveryRoutinesConfigEntry, RuntimeData
from .entity import RecoveryRoutinesEntity


@dataclass(frozen=True, kw_only=True)
class RecoveryNumberEntityDescription(NumberEntityDescription):
    """Describes a setting a controller keeps across restarts."""

    value_fn: Callable[[RuntimeData], int | None]
    max_fn: Callable[[RuntimeData], int]
    set_fn: Callable[[RuntimeData, int], None]


NUMBERS: tuple[RecoveryNumberEntityDescription, ...] = (
    RecoveryNumberEntityDescription(
        key="heat_duration",
        translation_key="heat_duration",
        device_class=NumberDeviceClass.DURATION,
        entity_category=EntityCategory.CONFIG,
        native_unit_of_measurement=UnitOfTime.MINUTES,
        native_min_value=MIN_HEAT_DURATION,
        native_step=1,
        mode=NumberMode.BOX,
        value_fn=lambda runtime: runtime.heat.heat_duration,
        # At most the cap of continuous heat.
        max_fn=lambda runtime: runtime.heat.options.max_heat_minutes,
        set_fn=lambda runtime, value: runtime.heat.async_set_heat_duration(value),
    ),
    RecoveryNumberEntityDescription(
        key="reminder_interval",
        translation_key="reminder_interval",
        device_class=NumberDeviceClass.DURATION,
        entity_category=EntityCategory.CONFIG,
        native_unit_of_measurement=UnitOfTime.MINUTES,
        native_min_value=REMINDER_INTERVAL_RANGE[0],
        native_step=5,
        mode=NumberMode.BOX,
        value_fn=lambda runtime: runtime.reminders.interval,
        max_fn=lambda _runtime: REMINDER_INTERVAL_RANGE[1],
        set_fn=lambda runtime, value: runtime.reminders.async_set_interval(value),
    ),
    RecoveryNumberEntityDescription(
        # A slider on the dashboard: setting it logs a pain check-in.
        key="pain_check_in",
        translation_key="pain_check_in",
        native_min_value=PAIN_RANGE[0],
        native_step=1,
        mode=NumberMode.SLIDER,
        value_fn=lambda runtime: runtime.episode.pain_level,
        max_fn=lambda _runtime: PAIN_RANGE[1],
        set_fn=lambda runtime, value: runtime.episode.async_log_pain(value),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RecoveryRoutinesConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add the numbers."""
    async_add_entities(RecoveryNumber(entry, description) for description in NUMBERS)


class RecoveryNumber(RecoveryRoutinesEntity, NumberEntity):
    """A setting kept in the store, so it survives restarts."""

    entity_description: RecoveryNumberEntityDescription

    @property
    def native_value(self) -> float | None:
        """Return the value."""
        return self.entity_description.value_fn(self.runtime)

    @property
    def native_max_value(self) -> float:
        """Return the largest value allowed."""
        return self.entity_description.max_fn(self.runtime)

    async def async_set_native_value(self, value: float) -> None:
        """Set the value."""
        self.entity_description.set_fn(self.runtime, int(value))
