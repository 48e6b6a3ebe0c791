"""Select platform: which guided routine to start."""

from __future__ import annotations

from homeassistant.components.select import SelectEntity, SelectEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddEntitiesCallback

from .data import RecoveryRoutinesConfigEntry
from .entity import RecoveryRoutinesEntity

ROUTINE_SELECT = SelectEntityDescription(key="routine", translation_key="routine")


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RecoveryRoutinesConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add the routine picker."""
    async_add_entities([RoutineSelect(entry, ROUTINE_SELECT)])


class RoutineSelect(RecoveryRoutinesEntity, SelectEntity):
    """The routine that runs, or the one a start without a name starts."""

    @property
    def options(self) -> list[str]:
        """The routines one can start."""
        return self.runtime.guide.keys

    @property
    def current_option(self) -> str:
        """The running routine, else the chosen one."""
        return self.runtime.guide.selected_key

    async def async_select_option(self, option: str) -> None:
        """Choose a routine."""
        self.runtime.guide.async_select(option)
