"""Waking hours to the minute: the first minute is in, the last one is out."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
import pytest

from ..conftest import NEXT_REMINDER, ROUTINE_EVENTS, Advance, last_event, state_of
from .test_tracker import advance_to, local


@pytest.mark.parametrize(
    ("options", "reminders"),
    [
        # Every 3 hours from 10:00: 13:00 is the first minute of the window,
        # 22:00 the end, which is already outside it.
        (
            {"active_start": "13:00:00", "active_end": "22:00:00"},
            [(0, 13), (0, 16), (0, 19), (1, 13)],
        ),
        # Across midnight: 20:00 is the first minute, 23:00 and 02:00 are in.
        (
            {"active_start": "20:00:00", "active_end": "06:00:00"},
            [(0, 20), (0, 23), (1, 2), (1, 5), (1, 20)],
        ),
        # Across midnight, from 13:00 to 10:30: 13:00, the first minute,
        # comes 3 hours after 10:00.
        (
            {"active_start": "13:00:00", "active_end": "10:30:00"},
            [(0, 13), (0, 16)],
        ),
        # Across midnight: 06:00 is the end, already outside the window.
        (
            {"active_start": "21:00:00", "active_end": "06:00:00"},
            [(0, 21), (1, 0), (1, 3), (1, 21)],
        ),
    ],
    ids=["day", "night", "night-start", "night-end"],
)
@pytest.mark.usefixtures("setup_entry")
async def test_first_minute_in_last_minute_out(
    hass: HomeAssistant, advance: Advance, reminders: list[tuple[int, int]]
) -> None:
    """Each reminder fires on time; one due at the end waits for the start."""
    first, *rest = (local(day, hour) for day, hour in reminders)
    assert state_of(hass, NEXT_REMINDER) == first.isoformat()
    due = first
    for following in rest:
        await advance_to(advance, due)
        assert last_event(hass, ROUTINE_EVENTS)["due"] == due.isoformat()
        assert state_of(hass, NEXT_REMINDER) == following.isoformat()
        due = following
