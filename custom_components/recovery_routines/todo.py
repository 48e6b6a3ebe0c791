"""Todo platform: today's stretches, checked off one by one."""

from __future__ import annotations

from homeassistant.components.todo import TodoItem, TodoListEntity
from homeassistant.components.todo.const import TodoItemStatus, TodoListEntityFeature
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers.entity import EntityDescription
from homeassistant.helpers.entity_platform import AddEntitiesCallback

from .const import DOMAIN
from .data import RecoveryRoutinesConfigEntry
from .entity import RecoveryRoutinesEntity

STRETCHES = EntityDescription(key="stretches", translation_key="stretches")


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RecoveryRoutinesConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add today's stretch list."""
    async_add_entities([StretchesTodoList(entry, STRETCHES)])


class StretchesTodoList(RecoveryRoutinesEntity, TodoListEntity):
    """The configured stretches plus what was added today; resets at midnight."""

    _attr_supported_features = (
        TodoListEntityFeature.CREATE_TODO_ITEM
        | TodoListEntityFeature.UPDATE_TODO_ITEM
        | TodoListEntityFeature.DELETE_TODO_ITEM
    )

    @property
    def todo_items(self) -> list[TodoItem]:
        """Return today's lines."""
        return [
            TodoItem(
                uid=item.uid,
                summary=item.summary,
                status=TodoItemStatus.COMPLETED
                if item.done
                else TodoItemStatus.NEEDS_ACTION,
            )
            for item in self.runtime.routines.checklist
        ]

    async def async_create_todo_item(self, item: TodoItem) -> None:
        """Add a line for today."""
        self.runtime.routines.async_add_item(item.summary or "")

    async def async_update_todo_item(self, item: TodoItem) -> None:
        """Check a line off (which logs it), open it again, or rename it."""
        routines = self.runtime.routines
        line = next(line for line in routines.checklist if line.uid == item.uid)
        if item.summary and item.summary != line.summary:
            if not line.added:
                raise ServiceValidationError(
                    translation_domain=DOMAIN, translation_key="configured_stretch"
                )
            routines.async_rename_item(line.uid, item.summary)
        routines.async_set_done(line.uid, item.status == TodoItemStatus.COMPLETED)

    async def async_delete_todo_items(self, uids: list[str]) -> None:
        """Delete lines added today; the configured stretches stay."""
        configured = {
            line.uid for line in self.runtime.routines.checklist if not line.added
        }
        if configured.intersection(uids):
            raise ServiceValidationError(
                translation_domain=DOMAIN, translation_key="configured_stretch"
            )
        self.runtime.routines.async_delete_items(uids)
