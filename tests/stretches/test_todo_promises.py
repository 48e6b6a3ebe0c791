"""Today's stretch list: what must not happen, and a line the user added."""

from __future__ import annotations

from datetime import timedelta
import json
from typing import Any

from homeassistant.components.todo import TodoListEntityFeature
from homeassistant.core import HomeAssistant
import pytest

from ..conftest import (
    ROUTINE_EVENTS,
    STREAK,
    STRETCHES_TODAY,
    TODO,
    Advance,
    call,
    last_event,
    state_of,
)
from .test_tracker import advance_to, local, todo_items

pytestmark = pytest.mark.usefixtures("setup_entry")


async def set_status(hass: HomeAssistant, item: str, status: str) -> None:
    """Check a line off (completed) or open it again (needs_action)."""
    await hass.services.async_call(
        "todo",
        "update_item",
        {"entity_id": TODO, "item": item, "status": status},
        blocking=True,
    )


def statuses(items: list[dict[str, Any]]) -> dict[str, str]:
    """Return the status of each line by its text."""
    return {item["summary"]: item["status"] for item in items}


async def test_the_list_offers_what_it_keeps(hass: HomeAssistant) -> None:
    """Add, tick, rename and delete; no reordering, due dates or descriptions.

    The list resets every day and keeps only names and ticks, so the card
    offers nothing that would be lost.
    """
    state = hass.states.get(TODO)
    assert state is not None
    assert state.attributes["supported_features"] == (
        TodoListEntityFeature.CREATE_TODO_ITEM
        | TodoListEntityFeature.UPDATE_TODO_ITEM
        | TodoListEntityFeature.DELETE_TODO_ITEM
    )


async def test_an_added_line_is_checked_off_and_opened_again(
    hass: HomeAssistant,
) -> None:
    """The list shows the line the user added as done, then as open again."""
    await hass.services.async_call(
        "todo", "add_item", {"entity_id": TODO, "item": "Walk"}, blocking=True
    )
    assert state_of(hass, TODO) == "8"
    await set_status(hass, "Walk", "completed")
    assert statuses(await todo_items(hass))["Walk"] == "completed"
    assert state_of(hass, TODO) == "7"
    await set_status(hass, "Walk", "needs_action")
    assert statuses(await todo_items(hass))["Walk"] == "needs_action"
    assert state_of(hass, TODO) == "8"


async def test_a_checked_line_is_not_logged_again(hass: HomeAssistant) -> None:
    """Checking off a line that is already done changes nothing."""
    await set_status(hass, "Cat-cow", "completed")
    await set_status(hass, "Cat-cow", "completed")
    assert state_of(hass, STRETCHES_TODAY) == "1"
    assert statuses(await todo_items(hass))["Cat-cow"] == "completed"


async def test_a_stretch_ticked_in_the_edit_dialog_is_logged(
    hass: HomeAssistant,
) -> None:
    """The dialog sends the line's name again with the tick: that is no rename.

    The name comes from JSON, as the frontend sends it: equal to the
    configured stretch's, not the same string.
    """
    await hass.services.async_call(
        "todo",
        "update_item",
        {
            "entity_id": TODO,
            "item": "Cat-cow",
            "rename": json.loads('"Cat-cow"'),
            "status": "completed",
        },
        blocking=True,
    )
    assert statuses(await todo_items(hass))["Cat-cow"] == "completed"
    assert state_of(hass, STRETCHES_TODAY) == "1"


async def test_the_routine_is_logged_once_a_day(hass: HomeAssistant) -> None:
    """All lines done twice in a day (one opened again) is one routine."""
    for item in await todo_items(hass):
        await set_status(hass, item["uid"], "completed")
    assert last_event(hass, ROUTINE_EVENTS)["routine"] == "stretches"
    assert state_of(hass, STREAK) == "1"

    await set_status(hass, "Cat-cow", "needs_action")
    await set_status(hass, "Cat-cow", "completed")
    assert last_event(hass, ROUTINE_EVENTS)["routine"] == "Cat-cow"
    assert state_of(hass, STRETCHES_TODAY) == "8"


async def test_the_list_resets_at_every_midnight(
    hass: HomeAssistant, advance: Advance
) -> None:
    """Not only at the first midnight after setup: at the second one too."""
    for day in (1, 2):
        await set_status(hass, "Cat-cow", "completed")
        assert statuses(await todo_items(hass))["Cat-cow"] == "completed"
        await advance_to(advance, local(day, 0))
        assert statuses(await todo_items(hass))["Cat-cow"] == "needs_action"
        assert state_of(hass, STRETCHES_TODAY) == "0"


async def test_lines_added_after_a_deletion_are_each_their_own(
    hass: HomeAssistant, advance: Advance
) -> None:
    """Add, delete, add the same text again: checking one checks only it."""
    for text in ("Walk", "Swim"):
        await hass.services.async_call(
            "todo", "add_item", {"entity_id": TODO, "item": text}, blocking=True
        )
        await advance(timedelta(seconds=1))
    await hass.services.async_call(
        "todo", "remove_item", {"entity_id": TODO, "item": ["Walk"]}, blocking=True
    )
    await hass.services.async_call(
        "todo", "add_item", {"entity_id": TODO, "item": "Swim"}, blocking=True
    )
    added = [item for item in await todo_items(hass) if item["summary"] == "Swim"]
    assert len({item["uid"] for item in added}) == 2
    await set_status(hass, added[1]["uid"], "completed")
    assert [item["status"] for item in await todo_items(hass)][-2:] == [
        "needs_action",
        "completed",
    ]


async def test_a_stretch_logged_by_its_id(hass: HomeAssistant) -> None:
    """log_completion takes the id of a line as well as its text."""
    await call(hass, "log_completion", routine="cat_cow")
    assert statuses(await todo_items(hass))["Cat-cow"] == "completed"
    event = last_event(hass, ROUTINE_EVENTS)
    assert event["routine"] == "Cat-cow"
    # A stretch has no minutes; only heat and cold packs do.
    assert "minutes" not in event


async def test_the_routine_counts_whatever_else_was_done(
    hass: HomeAssistant,
) -> None:
    """A line of the user's ("walk") done first does not stand for the routine."""
    await hass.services.async_call(
        "todo", "add_item", {"entity_id": TODO, "item": "walk"}, blocking=True
    )
    await set_status(hass, "walk", "completed")
    for item in await todo_items(hass):
        if item["summary"] != "walk":
            await set_status(hass, item["uid"], "completed")
    assert last_event(hass, ROUTINE_EVENTS)["routine"] == "stretches"
    assert state_of(hass, STREAK) == "1"


async def test_a_line_logged_twice_opens_again_with_one_untick(
    hass: HomeAssistant,
) -> None:
    """Cat-cow done in two routines of the day is opened again by one untick."""
    await call(hass, "log_completion", routine="Cat-cow")
    await call(hass, "log_completion", routine="Cat-cow")
    assert state_of(hass, STRETCHES_TODAY) == "2"
    await set_status(hass, "Cat-cow", "needs_action")
    assert statuses(await todo_items(hass))["Cat-cow"] == "needs_action"
    assert state_of(hass, TODO) == "7"
