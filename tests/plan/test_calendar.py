"""The recovery plan in Home Assistant's calendar."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
import pytest

from ..conftest import START, Advance, call, state_of

CALENDAR = "calendar.back_care_recovery_plan"


async def events(
    hass: HomeAssistant, start: datetime, end: datetime
) -> list[tuple[str, str, str]]:
    """Read the calendar as the calendar card does: summary, start, end, local."""
    response: Any = await hass.services.async_call(
        "calendar",
        "get_events",
        {
            "entity_id": CALENDAR,
            "start_date_time": start.isoformat(),
            "end_date_time": end.isoformat(),
        },
        blocking=True,
        return_response=True,
    )
    return [
        (
            event["summary"],
            _local(event["start"]),
            _local(event["end"]),
        )
        for event in response[CALENDAR]["events"]
    ]


def _local(moment: str) -> str:
    return dt_util.as_local(datetime.fromisoformat(moment)).strftime("%a %H:%M")


@pytest.mark.usefixtures("setup_entry")
async def test_without_an_episode_the_coming_stretches(hass: HomeAssistant) -> None:
    """The next reminders, in waking hours; the calendar is off between them."""
    assert state_of(hass, CALENDAR) == "off"
    state = hass.states.get(CALENDAR)
    assert state is not None
    assert state.attributes["message"] == "Stretches"
    assert await events(hass, START, START + timedelta(days=1)) == [
        ("Stretches", "Fri 13:00", "Fri 13:15"),
        ("Stretches", "Fri 16:00", "Fri 16:15"),
        ("Stretches", "Fri 19:00", "Fri 19:15"),
        ("Stretches", "Sat 08:00", "Sat 08:15"),
    ]
    # A range ends before an event that starts at its end, as calendars do.
    assert await events(hass, START, START + timedelta(hours=3)) == []


@pytest.mark.usefixtures("setup_entry")
async def test_an_episode_day_by_day(hass: HomeAssistant, advance: Advance) -> None:
    """The phase under way, its cold packs, and afterwards the whole course."""
    await call(hass, "start_episode")
    await hass.async_block_till_done()
    assert state_of(hass, CALENDAR) == "on"
    state = hass.states.get(CALENDAR)
    assert state is not None
    assert state.attributes["message"] == "Acute phase: cold packs"
    today = await events(hass, START, START + timedelta(hours=11))
    assert today == [
        ("Acute phase: cold packs", "Fri 10:00", "Sun 10:00"),
        ("Cold pack", "Fri 12:00", "Fri 12:15"),
        ("Cold pack", "Fri 14:00", "Fri 14:15"),
        ("Cold pack", "Fri 16:00", "Fri 16:15"),
        ("Cold pack", "Fri 18:00", "Fri 18:15"),
        ("Cold pack", "Fri 20:00", "Fri 20:15"),
    ]
    # The cold packs end where the acute phase does.
    ahead = await events(hass, START, START + timedelta(days=7))
    assert ahead[-1] == ("Cold pack", "Sun 08:00", "Sun 08:15")
    for _hour in range(3 * 24):
        await advance(timedelta(hours=1))
    await call(hass, "set_phase", phase="maintenance")
    await hass.async_block_till_done()
    after = await events(hass, START + timedelta(days=3), START + timedelta(days=4))
    assert after == [
        ("Maintenance phase: a daily routine", "Mon 10:00", "Tue 00:00"),
        # At the daily routine's time of the options, 18:00.
        ("Daily back routine", "Mon 18:00", "Mon 18:15"),
    ]
    await call(hass, "end_episode")
    await hass.async_block_till_done()
    course = await events(hass, START - timedelta(days=1), START + timedelta(days=8))
    assert course[:4] == [
        ("Back pain episode", "Fri 10:00", "Mon 10:00"),
        ("Acute phase: cold packs", "Fri 10:00", "Sun 10:00"),
        ("Recovery phase: heat and stretches", "Sun 10:00", "Mon 10:00"),
        ("Maintenance phase: a daily routine", "Mon 10:00", "Mon 10:01"),
    ]
    assert {summary for summary, _start, _end in course[4:]} == {"Stretches"}


@pytest.mark.usefixtures("setup_entry")
async def test_an_episode_ended_at_once_still_shows(hass: HomeAssistant) -> None:
    """A calendar event needs a length: an episode ended at its start gets a minute."""
    await call(hass, "start_episode")
    await call(hass, "end_episode")
    await hass.async_block_till_done()
    course = await events(hass, START, START + timedelta(hours=1))
    assert course[0] == ("Back pain episode", "Fri 10:00", "Fri 10:01")


@pytest.mark.usefixtures("setup_entry")
async def test_the_coming_reminders_reach_a_week_ahead(hass: HomeAssistant) -> None:
    """A week of reminders from now (Friday 10:00), not more."""
    coming = await events(hass, START, START + timedelta(days=10))
    assert coming[-1] == ("Stretches", "Fri 08:00", "Fri 08:15")
    assert len(coming) == 3 + 6 * 5 + 1


@pytest.mark.usefixtures("setup_entry")
async def test_a_second_episode_shows_its_phase(
    hass: HomeAssistant, advance: Advance
) -> None:
    """The phases of an episode after an earlier one, whose end is a phase `none`."""
    await call(hass, "start_episode")
    await advance(timedelta(hours=1))
    await call(hass, "end_episode")
    await advance(timedelta(hours=1))
    await call(hass, "start_episode")
    await hass.async_block_till_done()
    course = await events(hass, START, START + timedelta(hours=3))
    assert [event for event in course if "phase" in event[0]] == [
        ("Acute phase: cold packs", "Fri 10:00", "Fri 11:00"),
        ("Acute phase: cold packs", "Fri 12:00", "Sun 12:00"),
    ]


@pytest.mark.usefixtures("setup_entry")
async def test_the_calendar_moves_on_when_a_phase_ends(
    hass: HomeAssistant, advance: Advance
) -> None:
    """At the acute phase's last moment the calendar shows the recovery phase."""
    await call(hass, "start_episode")
    for _hour in range(48):
        await advance(timedelta(hours=1))
    state = hass.states.get(CALENDAR)
    assert state is not None
    assert (state.state, state.attributes["message"]) == (
        "on",
        "Recovery phase: heat and stretches",
    )
    # An hour on, the acute phase is past and stays behind.
    await advance(timedelta(hours=1))
    state = hass.states.get(CALENDAR)
    assert state is not None
    assert state.attributes["message"] == "Recovery phase: heat and stretches"


@pytest.mark.usefixtures("setup_entry")
async def test_at_most_a_hundred_coming_reminders(hass: HomeAssistant) -> None:
    """Every 15 minutes for a week would be over 300; the calendar shows 100."""
    await hass.services.async_call(
        "number",
        "set_value",
        {"entity_id": "number.back_care_reminder_interval", "value": 15},
        blocking=True,
    )
    coming = await events(hass, START, START + timedelta(days=8))
    assert len(coming) == 100
