"""The ends of the ranges of the actions: the last allowed value is allowed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
import pytest
import voluptuous as vol

from ..conftest import (
    COLD_ENDS,
    NEXT_REMINDER,
    START,
    STRETCHES_TODAY,
    TODO,
    call,
    state_of,
)

pytestmark = pytest.mark.usefixtures("setup_entry")


@pytest.mark.parametrize("minutes", [1, 20])
async def test_the_shortest_and_the_largest_cold_pack(
    hass: HomeAssistant, minutes: int
) -> None:
    """One minute and twenty minutes are both cold packs."""
    await call(hass, "start_cold_pack", minutes=minutes)
    assert state_of(hass, COLD_ENDS) == (START + timedelta(minutes=minutes)).isoformat()


async def test_one_minute_past_the_largest_cold_pack(hass: HomeAssistant) -> None:
    """Twenty-one minutes is refused, with the largest allowed in the reason."""
    with pytest.raises(ServiceValidationError) as refusal:
        await call(hass, "start_cold_pack", minutes=21)
    assert refusal.value.translation_key == "cold_too_long"
    assert refusal.value.translation_placeholders == {
        "minutes": "21",
        "max_minutes": "20",
    }
    assert state_of(hass, COLD_ENDS) == "unknown"


@pytest.mark.parametrize("minutes", [1, 720])
async def test_the_shortest_and_the_longest_snooze(
    hass: HomeAssistant, minutes: int
) -> None:
    """A minute, or twelve hours: waking hours still apply."""
    await call(hass, "snooze_reminder", minutes=minutes)
    due = START + timedelta(minutes=minutes)
    if minutes == 720:
        # 22:00 is outside the waking window: the next morning at 08:00.
        due = START + timedelta(hours=22)
    assert state_of(hass, NEXT_REMINDER) == due.isoformat()


async def test_a_one_letter_checklist_line_can_be_logged(hass: HomeAssistant) -> None:
    """The shortest routine an action takes is one character, as in the to-do list."""
    await hass.services.async_call(
        "todo", "add_item", {"entity_id": TODO, "item": "Z"}, blocking=True
    )
    await call(hass, "log_completion", routine="Z")
    assert state_of(hass, STRETCHES_TODAY) == "1"


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("start_cold_pack", {"minutes": 0}),
        ("snooze_reminder", {"minutes": 0}),
        ("snooze_reminder", {"minutes": 721}),
        ("start_heat", {"minutes": 0}),
        ("extend_heat", {"minutes": 0}),
        ("log_completion", {"routine": ""}),
        ("start_routine", {"routine": ""}),
        ("save_routine", {"name": "", "steps": "heat 10"}),
        ("delete_routine", {"name": ""}),
    ],
)
async def test_nothing_and_too_much_are_refused(
    hass: HomeAssistant, action: str, data: dict[str, Any]
) -> None:
    """A 0-minute request, or an empty routine, never reaches the routine."""
    state = state_of(hass, NEXT_REMINDER)
    with pytest.raises(vol.Invalid):
        await call(hass, action, **data)
    assert state_of(hass, NEXT_REMINDER) == state
    assert state_of(hass, COLD_ENDS) == "unknown"
