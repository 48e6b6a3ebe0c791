"""Button platform: log the whole routine, snooze the reminder, start an episode."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddEntitiesCallback

from .const import ROUTINE_STRETCHES
from .data import RecoveryRoutinesConfigEntry, RuntimeData
from .entity import RecoveryRoutinesEntity


@dataclass(frozen=True, kw_only=True)
class RecoveryButtonEntityDescription(ButtonEntityDescription):
    """Describes a button that acts on a controller."""

    press_fn: Callable[[RuntimeData], None]


BUTTONS: tuple[RecoveryButtonEntityDescription, ...] = (
    RecoveryButtonEntityDescription(
        key="stretches_done",
        translation_key="stretches_done",
        press_fn=lambda runtime: runtime.routines.async_log(ROUTINE_STRETCHES),
    ),
    RecoveryButtonEntityDescription(
        key="snooze_reminder",
        translation_key="snooze_reminder",
        press_fn=lambda runtime: runtime.reminders.async_snooze(),
    ),
    # "My back just went": the recovery plan starts now.
    RecoveryButtonEntityDescription(
        key="start_episode",
        translation_key="start_episode",
        press_fn=lambda runtime: runtime.episode.async_start_episode(),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RecoveryRoutinesConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add the buttons."""
    async_add_entities(RecoveryButton(entry, description) for description in BUTTONS)


class RecoveryButton(RecoveryRoutinesEntity, ButtonEntity):
    """A button whose press a controller handles."""

    entity_description: RecoveryButtonEntityDescription

    async def async_press(self) -> None:
        """Handle the press."""
        self.entity_description.press_fn(self.runtime)
