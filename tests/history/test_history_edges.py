"""The history: as read from disk, its age limit, what diagnostics show."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

# Imported before the clock is frozen: the diagnostics view imports it, and
# its data classes cannot be built under freezegun.
import aiohasupervisor  # noqa: F401
from homeassistant.const import EVENT_STATE_CHANGED, EVENT_STATE_REPORTED
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from ..conftest import (
    ROUTINE_EVENTS,
    STORAGE_KEY,
    STREAK,
    STRETCHES_TODAY,
    TODO,
    Advance,
    FakePlug,
    call,
    last_event,
    setup_integration,
    state_of,
    stored,
)
from ..stretches.test_tracker import local, stored_routines, todo_items


def from_disk(text: str) -> str:
    """Return `text` as a new string, as JSON read from disk gives it.

    A literal in a test is the very object of the same literal in the code;
    a stored history never is.
    """
    return "".join(list(text))


async def test_streak_from_a_stored_history(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """Whole routines of the last two days, read back after a restart."""
    hass_storage[STORAGE_KEY] = stored_routines(
        log=[
            [local(day, 9).isoformat(), from_disk("stretches"), None, None]
            for day in (-2, -1)
        ]
    )
    await setup_integration(hass, config_entry)
    assert state_of(hass, STREAK) == "2"


@pytest.mark.usefixtures("plug")
async def test_diagnostics_show_the_last_twenty_entries(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    setup_entry: MockConfigEntry,
) -> None:
    """Enough to see what happened lately, not the whole year."""
    for number in range(21):
        await call(hass, "log_completion", routine="Cat-cow", note=f"{number}")
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, setup_entry)
    assert len(diagnostics["recent_log"]) == 20


async def test_history_keeps_an_entry_exactly_at_its_age_limit(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """400 days to the second is still kept; a second more is not."""
    limit = dt_util.utcnow() - timedelta(days=400)
    hass_storage[STORAGE_KEY] = stored_routines(
        log=[
            [(limit - timedelta(seconds=1)).isoformat(), "stretches", None, None],
            [limit.isoformat(), "stretches", None, None],
        ]
    )
    await setup_integration(hass, config_entry)
    await call(hass, "log_completion", routine="heat")
    log = hass_storage[STORAGE_KEY]["data"]["routines"]["log"]
    assert [entry[0] for entry in log] == [
        limit.isoformat(),
        dt_util.utcnow().isoformat(),
    ]


async def test_the_episode_history_is_kept_to_its_age_limit(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """Pain, past episodes, phases and sessions: 400 days to the second, not more."""
    limit = dt_util.utcnow() - timedelta(days=400)
    too_old = limit - timedelta(seconds=1)
    content = stored()
    content["data"]["episode"] = {
        "started_at": None,
        "phase": "none",
        "phase_since": None,
        "phase_by_hand": False,
        "pain": [
            [too_old.isoformat(), 5, None, False],
            [limit.isoformat(), 4, None, False],
        ],
        "notices": [],
        "past": [
            [(limit - timedelta(days=3)).isoformat(), too_old.isoformat()],
            [(limit - timedelta(days=2)).isoformat(), limit.isoformat()],
        ],
        "phases": [[too_old.isoformat(), "acute"], [limit.isoformat(), "none"]],
        "sessions": [
            [
                "heat",
                (too_old - timedelta(minutes=20)).isoformat(),
                too_old.isoformat(),
            ],
            ["heat", (limit - timedelta(minutes=20)).isoformat(), limit.isoformat()],
        ],
    }
    hass_storage[STORAGE_KEY] = content
    await setup_integration(hass, config_entry)
    await call(hass, "log_pain", level=3)
    await hass.async_block_till_done()
    episode = hass_storage[STORAGE_KEY]["data"]["episode"]
    assert [entry[0] for entry in episode["pain"]] == [
        limit.isoformat(),
        dt_util.utcnow().isoformat(),
    ]
    assert [end for _start, end in episode["past"]] == [limit.isoformat()]
    assert [at for at, _phase in episode["phases"]] == [limit.isoformat()]
    assert [end for _kind, _start, end in episode["sessions"]] == [limit.isoformat()]


async def test_a_stretch_stored_by_a_clock_that_ran_ahead(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """A stretch logged "tomorrow" (the clock was a day fast) is not today's."""
    hass_storage[STORAGE_KEY] = stored_routines(
        log=[[local(1, 9).isoformat(), "Cat-cow", None, None]]
    )
    await setup_integration(hass, config_entry)
    assert state_of(hass, STRETCHES_TODAY) == "0"


@pytest.mark.usefixtures("setup_entry")
async def test_nothing_is_written_while_nothing_happens(
    hass: HomeAssistant, advance: Advance
) -> None:
    """State is written at transitions only: a quiet minute writes nothing."""
    writes: list[Event[Any]] = []

    @callback
    def _ours(data: Any) -> bool:
        return str(data["entity_id"]).split(".")[1].startswith("back_care")

    for event_type in (EVENT_STATE_CHANGED, EVENT_STATE_REPORTED):
        hass.bus.async_listen(event_type, writes.append, event_filter=_ours)
    for _ in range(3):
        await advance(timedelta(seconds=20))
    assert writes == []


async def test_only_the_whole_routine_makes_a_streak_day(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """A single stretch, heat or a cold pack yesterday is no day of the streak."""
    hass_storage[STORAGE_KEY] = stored_routines(
        log=[
            [local(-1, 9).isoformat(), from_disk(routine), 15.0, None]
            for routine in ("Cat-cow", "cold", "heat", "walk")
        ]
    )
    await setup_integration(hass, config_entry)
    assert state_of(hass, STREAK) == "0"


async def test_yesterdays_routine_does_not_stand_for_todays(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """Checking every line off today logs today's routine: day 2 of the streak."""
    hass_storage[STORAGE_KEY] = stored_routines(
        log=[[local(-1, 9).isoformat(), from_disk("stretches"), None, None]]
    )
    await setup_integration(hass, config_entry)
    assert state_of(hass, STREAK) == "1"
    for item in await todo_items(hass):
        await hass.services.async_call(
            "todo",
            "update_item",
            {"entity_id": TODO, "item": item["uid"], "status": "completed"},
            blocking=True,
        )
    assert state_of(hass, STREAK) == "2"


async def test_a_line_checked_off_before_a_restart_stays_checked(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """Today's list is read back with the line the user added, done."""
    hass_storage[STORAGE_KEY] = stored_routines(
        checklist_day=dt_util.as_local(dt_util.utcnow()).date().isoformat(),
        added=[
            {
                "uid": from_disk("added_walk"),
                "summary": from_disk("Walk"),
                "status": from_disk("completed"),
            }
        ],
    )
    await setup_integration(hass, config_entry)
    items = await todo_items(hass)
    assert items[-1]["summary"] == "Walk"
    assert items[-1]["status"] == "completed"


async def test_a_routine_stored_by_a_clock_that_ran_ahead(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """A routine logged "tomorrow" does not stand for today's."""
    hass_storage[STORAGE_KEY] = stored_routines(
        log=[[local(1, 9).isoformat(), from_disk("stretches"), None, None]]
    )
    await setup_integration(hass, config_entry)
    await call(hass, "log_completion", routine="cat_cow")
    for item in await todo_items(hass):
        await hass.services.async_call(
            "todo",
            "update_item",
            {"entity_id": TODO, "item": item["uid"], "status": "completed"},
            blocking=True,
        )
    assert last_event(hass, ROUTINE_EVENTS)["routine"] == "stretches"


async def test_a_routine_done_before_a_restart_is_not_logged_again(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """Today's routine read back from disk still counts as today's."""
    hass_storage[STORAGE_KEY] = stored_routines(
        log=[[local(0, 9).isoformat(), from_disk("stretches"), None, None]]
    )
    await setup_integration(hass, config_entry)
    for item in await todo_items(hass):
        await hass.services.async_call(
            "todo",
            "update_item",
            {"entity_id": TODO, "item": item["uid"], "status": "completed"},
            blocking=True,
        )
    assert last_event(hass, ROUTINE_EVENTS)["routine"] != "stretches"
