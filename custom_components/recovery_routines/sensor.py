"""Sensor platform: when the session ends, what heat is doing, heat today."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import EntityCategory, UnitOfTime
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddEntitiesCallback

from .const import HeatStatus, PainTrend, Phase
from .data import RecoveryRoutinesConfigEntry, RuntimeData
from .entity import RecoveryRoutinesEntity


@dataclass(frozen=True, kw_only=True)
class RecoverySensorEntityDescription(SensorEntityDescription):
    """Describes a sensor that reads the heat controller."""

    value_fn: Callable[[RuntimeData], str | float | datetime | None]
    attributes_fn: Callable[[RuntimeData], Mapping[str, Any] | None] = lambda _runtime: (
        None
    )


def _status_attributes(runtime: RuntimeData) -> Mapping[str, Any] | None:
    heat = runtime.heat
    if heat.status is not HeatStatus.RESTING or heat.available_at is None:
        return None
    return {"available_at": heat.available_at.isoformat()}


SENSORS: tuple[RecoverySensorEntityDescription, ...] = (
    RecoverySensorEntityDescription(
        key="heat_session_ends",
        translation_key="heat_session_ends",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda runtime: (
            None if runtime.heat.session is None else runtime.heat.session.ends_at
        ),
    ),
    RecoverySensorEntityDescription(
        key="heat_status",
        translation_key="heat_status",
        device_class=SensorDeviceClass.ENUM,
        options=[status.value for status in HeatStatus],
        value_fn=lambda runtime: runtime.heat.status.value,
        attributes_fn=_status_attributes,
    ),
    RecoverySensorEntityDescription(
        key="heat_today",
        translation_key="heat_today",
        device_class=SensorDeviceClass.DURATION,
        state_class=SensorStateClass.TOTAL_INCREASING,
        native_unit_of_measurement=UnitOfTime.MINUTES,
        suggested_display_precision=0,
        value_fn=lambda runtime: runtime.heat.heat_today,
    ),
    RecoverySensorEntityDescription(
        key="next_reminder",
        translation_key="next_reminder",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda runtime: runtime.reminders.next_reminder,
    ),
    RecoverySensorEntityDescription(
        key="stretches_today",
        translation_key="stretches_today",
        state_class=SensorStateClass.TOTAL_INCREASING,
        value_fn=lambda runtime: runtime.routines.stretches_today,
    ),
    RecoverySensorEntityDescription(
        key="stretch_streak",
        translation_key="stretch_streak",
        state_class=SensorStateClass.MEASUREMENT,
        native_unit_of_measurement=UnitOfTime.DAYS,
        value_fn=lambda runtime: runtime.routines.streak,
    ),
    RecoverySensorEntityDescription(
        key="last_stretch",
        translation_key="last_stretch",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda runtime: runtime.routines.last_stretch,
    ),
    RecoverySensorEntityDescription(
        # The device page says which plug the routine switches.
        key="heating_pad_plug",
        translation_key="heating_pad_plug",
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda runtime: runtime.heat.plug.name,
        attributes_fn=lambda runtime: {"entity_id": runtime.heat.plug_entity_id},
    ),
    RecoverySensorEntityDescription(
        key="routine_step",
        translation_key="routine_step",
        value_fn=lambda runtime: runtime.guide.step_text,
        attributes_fn=lambda runtime: runtime.guide.attributes,
    ),
    RecoverySensorEntityDescription(
        key="routine_step_ends",
        translation_key="routine_step_ends",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda runtime: runtime.guide.step_ends,
    ),
    RecoverySensorEntityDescription(
        key="cold_pack_ends",
        translation_key="cold_pack_ends",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda runtime: (
            None if runtime.cold.session is None else runtime.cold.session.ends_at
        ),
    ),
    RecoverySensorEntityDescription(
        key="recovery_phase",
        translation_key="recovery_phase",
        device_class=SensorDeviceClass.ENUM,
        options=[phase.value for phase in Phase],
        value_fn=lambda runtime: runtime.episode.phase.value,
        attributes_fn=lambda runtime: runtime.episode.phase_attributes,
    ),
    RecoverySensorEntityDescription(
        key="pain_level",
        translation_key="pain_level",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda runtime: runtime.episode.pain_level,
        attributes_fn=lambda runtime: runtime.episode.pain_attributes,
    ),
    RecoverySensorEntityDescription(
        # Long-term statistics keep the mean for the physiotherapist.
        key="pain_average_7d",
        translation_key="pain_average_7d",
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        value_fn=lambda runtime: runtime.episode.pain_average_7d,
    ),
    RecoverySensorEntityDescription(
        key="pain_trend",
        translation_key="pain_trend",
        device_class=SensorDeviceClass.ENUM,
        options=[trend.value for trend in PainTrend],
        value_fn=lambda runtime: (
            None if (trend := runtime.episode.pain_trend) is None else trend.value
        ),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RecoveryRoutinesConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add the heat sensors."""
    async_add_entities(RecoverySensor(entry, description) for description in SENSORS)


class RecoverySensor(RecoveryRoutinesEntity, SensorEntity):
    """A sensor whose value the heat controller gives."""

    entity_description: RecoverySensorEntityDescription

    @property
    def native_value(self) -> str | float | datetime | None:
        """Return the value."""
        return self.entity_description.value_fn(self.runtime)

    @property
    def extra_state_attributes(self) -> Mapping[str, Any] | None:
        """Return the attributes, if the sensor has any."""
        return self.entity_description.attributes_fn(self.runtime)
