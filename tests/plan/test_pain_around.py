"""Pain before and after a heat session or a guided routine, within an hour."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.recovery_routines.const import DOMAIN

from ..conftest import START, Advance, call, setup_integration, start_heat

PAIN = "sensor.back_care_pain_level"
STEP = "sensor.back_care_routine_step"


def pain_attributes(hass: HomeAssistant) -> dict[str, Any]:
    """Return what the pain sensor shows besides the level."""
    state = hass.states.get(PAIN)
    assert state is not None
    return {
        key: value
        for key, value in state.attributes.items()
        if key in ("last_session", "pain_before", "pain_after")
    }


async def log_pain(hass: HomeAssistant, level: int) -> None:
    """Log a check-in by action."""
    await call(hass, "log_pain", level=level)
    await hass.async_block_till_done()


async def export(hass: HomeAssistant, **data: Any) -> dict[str, Any]:
    """Call export_history and return its response."""
    response = await hass.services.async_call(
        DOMAIN, "export_history", data, blocking=True, return_response=True
    )
    assert isinstance(response, dict)
    return response


@pytest.mark.usefixtures("setup_entry")
async def test_pain_before_and_after_heat(
    hass: HomeAssistant, advance: Advance, config_dir: Path
) -> None:
    """A check-in 40 min before and 50 min after: both shown, and exported."""
    await log_pain(hass, 6)
    assert pain_attributes(hass) == {}
    await advance(timedelta(minutes=40))
    await start_heat(hass, minutes=15)
    await advance(timedelta(minutes=15))
    # Only before, so far: nothing to set it against.
    assert pain_attributes(hass) == {}
    await advance(timedelta(minutes=50))
    await log_pain(hass, 4)
    assert pain_attributes(hass) == {
        "last_session": "heat",
        "pain_before": 6,
        "pain_after": 4,
    }
    # A later check-in does not change what was after the session.
    await log_pain(hass, 2)
    assert pain_attributes(hass)["pain_after"] == 4

    history = await export(hass, start="2026-11-20", end="2026-11-20", csv=True)
    assert history["pain_around_sessions"] == [
        {
            "session": "heat",
            "start": (START + timedelta(minutes=40)).isoformat(),
            "end": (START + timedelta(minutes=55)).isoformat(),
            "pain_before": 6,
            "pain_after": 4,
        }
    ]
    with (config_dir / history["file"]).open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    assert [
        (START + timedelta(minutes=55)).isoformat(),
        "pain_before_after",
        "heat",
        "6 before, 4 after",
        "",
    ] in rows
    # A range that begins after the session ended leaves it out.
    later = await export(
        hass,
        start=(START + timedelta(minutes=56)).isoformat(),
        end="2026-11-20T23:59:59",
    )
    assert later["pain_around_sessions"] == []
    # So does one that ends before it ended.
    earlier = await export(
        hass, start="2026-11-20", end=(START + timedelta(minutes=54)).isoformat()
    )
    assert earlier["pain_around_sessions"] == []
    # One that begins or ends at the very moment it ended holds it.
    ended = (START + timedelta(minutes=55)).isoformat()
    for start, end in ((ended, "2026-11-20T23:59:59"), ("2026-11-20", ended)):
        at_the_end = await export(hass, start=start, end=end)
        assert len(at_the_end["pain_around_sessions"]) == 1, (start, end)

    # The next session without a check-in before it: nothing to show.
    await advance(timedelta(hours=2))
    await start_heat(hass, minutes=10)
    await advance(timedelta(minutes=10))
    await log_pain(hass, 3)
    assert pain_attributes(hass) == {}


@pytest.mark.usefixtures("setup_entry")
async def test_pain_more_than_an_hour_away_does_not_count(
    hass: HomeAssistant, advance: Advance
) -> None:
    """61 minutes after the end is too late."""
    await log_pain(hass, 5)
    await start_heat(hass, minutes=10)
    await advance(timedelta(minutes=10))
    await advance(timedelta(minutes=61))
    await log_pain(hass, 3)
    assert pain_attributes(hass) == {}
    history = await export(hass, start="2026-11-20", end="2026-11-20")
    assert history["pain_around_sessions"] == []


@pytest.mark.usefixtures("setup_entry")
async def test_pain_nearest_the_session_and_an_hour_after_it(
    hass: HomeAssistant, advance: Advance
) -> None:
    """Of two check-ins before, the later one; one 60 minutes after still counts."""
    await log_pain(hass, 7)
    await advance(timedelta(minutes=30))
    await log_pain(hass, 6)
    await advance(timedelta(minutes=30))
    await start_heat(hass, minutes=10)
    await advance(timedelta(minutes=10))
    await advance(timedelta(minutes=60))
    await log_pain(hass, 4)
    assert pain_attributes(hass) == {
        "last_session": "heat",
        "pain_before": 6,
        "pain_after": 4,
    }


@pytest.mark.usefixtures("setup_entry")
async def test_pain_a_full_hour_before_still_counts(
    hass: HomeAssistant, advance: Advance
) -> None:
    """A check-in 60 minutes before the session began is its pain before."""
    await log_pain(hass, 7)
    await advance(timedelta(minutes=60))
    await start_heat(hass, minutes=10)
    await advance(timedelta(minutes=10))
    await log_pain(hass, 4)
    assert pain_attributes(hass) == {
        "last_session": "heat",
        "pain_before": 7,
        "pain_after": 4,
    }


@pytest.mark.usefixtures("setup_entry")
async def test_pain_around_a_session_stopped_early(
    hass: HomeAssistant, advance: Advance
) -> None:
    """Heat stopped after 5 minutes is a session too."""
    await log_pain(hass, 6)
    await start_heat(hass, minutes=20)
    await advance(timedelta(minutes=5))
    await call(hass, "stop_heat")
    await log_pain(hass, 4)
    assert pain_attributes(hass) == {
        "last_session": "heat",
        "pain_before": 6,
        "pain_after": 4,
    }


@pytest.mark.usefixtures("setup_entry")
async def test_pain_before_and_after_a_guided_routine(
    hass: HomeAssistant, advance: Advance
) -> None:
    """From the routine's start to its end, stopped or completed; the last session."""
    await start_heat(hass, minutes=10)
    await advance(timedelta(hours=3))
    await log_pain(hass, 5)
    started = dt_util.utcnow()
    await call(hass, "start_routine", routine="quick stretch")
    await hass.async_block_till_done()
    while (state := hass.states.get(STEP)) is not None and state.state != "unknown":
        await advance(timedelta(seconds=5))
    ended = dt_util.utcnow()
    await log_pain(hass, 3)
    assert pain_attributes(hass) == {
        "last_session": "Quick stretch",
        "pain_before": 5,
        "pain_after": 3,
    }
    # One session, the whole routine, however many steps it has.
    history = await export(hass, start="2026-11-20", end="2026-11-20")
    assert [
        (item["session"], item["start"], item["end"])
        for item in history["pain_around_sessions"]
    ] == [("Quick stretch", started.isoformat(), ended.isoformat())]


@pytest.mark.usefixtures("plug")
async def test_sessions_survive_a_restart(
    hass: HomeAssistant, config_entry: MockConfigEntry, advance: Advance
) -> None:
    """The sessions are stored: after a restart the pair still shows."""
    await setup_integration(hass, config_entry)
    await log_pain(hass, 7)
    await start_heat(hass, minutes=10)
    await advance(timedelta(minutes=10))
    await log_pain(hass, 5)
    assert await hass.config_entries.async_reload(config_entry.entry_id)
    await hass.async_block_till_done()
    assert pain_attributes(hass) == {
        "last_session": "heat",
        "pain_before": 7,
        "pain_after": 5,
    }
