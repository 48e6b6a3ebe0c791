"""Event platform: a record of every heat session and routine transition."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddEntitiesCallback

from .common.observable import Observable
from .const import HeatEvent, RecoveryEvent, RoutineEvent
from .data import RecoveryRoutinesConfigEntry, RuntimeData
from .entity import RecoveryRoutinesEntity


@dataclass(frozen=True, kw_only=True)
class RecoveryEventEntityDescription(EventEntityDescription):
    """Describes an event entity and the controllers it records."""

    sources_fn: Callable[[RuntimeData], tuple[Observable, ...]]


EVENTS: tuple[RecoveryEventEntityDescription, ...] = (
    RecoveryEventEntityDescription(
        key="heat_events",
        translation_key="heat_events",
        event_types=[event.value for event in HeatEvent],
        sources_fn=lambda runtime: (runtime.heat,),
    ),
    RecoveryEventEntityDescription(
        key="routine_events",
        translation_key="routine_events",
        event_types=[event.value for event in RoutineEvent],
        sources_fn=lambda runtime: (
            runtime.routines,
            runtime.reminders,
            runtime.cold,
        ),
    ),
    RecoveryEventEntityDescription(
        key="recovery_events",
        translation_key="recovery_events",
        event_types=[event.value for event in RecoveryEvent],
        sources_fn=lambda runtime: (runtime.episode,),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RecoveryRoutinesConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add the event entities."""
    async_add_entities(
        RecoveryEventEntity(entry, description) for description in EVENTS
    )


class RecoveryEventEntity(RecoveryRoutinesEntity, EventEntity):
    """Fires with every event of its controllers, with their attributes."""

    entity_description: RecoveryEventEntityDescription

    async def async_added_to_hass(self) -> None:
        """Restore the last event and listen to the controllers' events."""
        await super().async_added_to_hass()
        for source in self.entity_description.sources_fn(self.runtime):
            self.async_on_remove(source.async_add_event_listener(self._async_event))

    @callback
    def _async_event(self, event_type: str, attributes: dict[str, Any]) -> None:
        self._trigger_event(event_type, attributes)
        self.async_write_ha_state()
