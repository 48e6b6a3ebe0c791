"""The history for a visit to the physiotherapist: response data and a CSV."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.recovery_routines.const import DOMAIN

from ..conftest import START, Advance, call, start_heat


async def export(hass: HomeAssistant, **data: Any) -> dict[str, Any]:
    """Call export_history and return its response."""
    response = await hass.services.async_call(
        DOMAIN, "export_history", data, blocking=True, return_response=True
    )
    assert isinstance(response, dict)
    return response


async def three_days(hass: HomeAssistant, advance: Advance) -> None:
    """Friday to Sunday: an episode, heat, a cold pack, stretches and pain."""
    await call(hass, "start_episode")
    await call(hass, "log_pain", level=6, note="after lifting")
    await call(hass, "start_cold_pack", minutes=15)
    await advance(timedelta(minutes=15))
    await advance(timedelta(days=1))
    await call(hass, "log_pain", level=5, radiating=True)
    await advance(timedelta(days=1))
    await start_heat(hass, minutes=15)
    await advance(timedelta(minutes=15))
    await call(hass, "log_completion", routine="Cat-cow", note="easy")
    await call(hass, "log_pain", level=3)


@pytest.mark.usefixtures("setup_entry")
async def test_the_history_of_a_range(hass: HomeAssistant, advance: Advance) -> None:
    """Whole days at home, every kind of line, the running episode up to now."""
    await three_days(hass, advance)
    history = await export(hass, start="2026-11-20", end="2026-11-22")
    assert history["start"] == "2026-11-20T08:00:00+00:00"
    assert history["end"] == "2026-11-23T08:00:00+00:00"
    assert [(line["routine"], line["minutes"]) for line in history["log"]] == [
        ("cold", 15.0),
        ("heat", 15.0),
        ("Cat-cow", None),
    ]
    assert history["log"][-1]["note"] == "easy"
    assert [(line["level"], line["radiating"]) for line in history["pain"]] == [
        (6, False),
        (5, True),
        (3, False),
    ]
    assert history["pain"][0]["note"] == "after lifting"
    assert [line["phase"] for line in history["phases"]] == ["acute", "recovery"]
    assert history["episodes"] == [
        {
            "start": START.isoformat(),
            "end": (START + timedelta(days=2, minutes=30)).isoformat(),
        }
    ]
    assert "file" not in history
    # Saturday alone, by the moment.
    saturday = await export(
        hass,
        start="2026-11-21T00:00:00-08:00",
        end="2026-11-21T23:59:59",
    )
    assert [line["level"] for line in saturday["pain"]] == [5]
    assert saturday["log"] == []
    assert saturday["phases"] == []
    # A range that ends or begins at the very moment of a check-in holds it.
    until_check_in = await export(
        hass, start="2026-11-21", end="2026-11-21T10:15:00-08:00"
    )
    assert [line["level"] for line in until_check_in["pain"]] == [5]
    from_check_in = await export(
        hass, start="2026-11-21T10:15:00-08:00", end="2026-11-21"
    )
    assert [line["level"] for line in from_check_in["pain"]] == [5]
    # And one that ends at the very moment of a phase change holds that.
    until_recovery = await export(
        hass, start="2026-11-22", end="2026-11-22T10:00:00-08:00"
    )
    assert [line["phase"] for line in until_recovery["phases"]] == ["recovery"]
    # Or begins at that moment.
    from_recovery = await export(
        hass, start="2026-11-22T10:00:00-08:00", end="2026-11-22"
    )
    assert [line["phase"] for line in from_recovery["phases"]] == ["recovery"]


async def test_the_history_is_the_same_after_a_restart(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """Notes, flags and every line come back from the store as they were."""
    await three_days(hass, advance)
    before = await export(hass, start="2026-11-20", end="2026-11-22")
    assert await hass.config_entries.async_reload(setup_entry.entry_id)
    await hass.async_block_till_done()
    assert await export(hass, start="2026-11-20", end="2026-11-22") == before


@pytest.mark.usefixtures("setup_entry")
async def test_an_episode_over_before_the_range_is_left_out(
    hass: HomeAssistant, advance: Advance
) -> None:
    """An episode of Friday morning is not in Saturday's history.

    Nor is one begun on Saturday in Friday's. A range that begins at the very
    moment an episode ended still holds it.
    """
    await call(hass, "start_episode")
    await advance(timedelta(hours=1))
    await call(hass, "end_episode")
    await advance(timedelta(days=1))
    history = await export(hass, start="2026-11-21", end="2026-11-21")
    assert history["episodes"] == []
    from_its_end = await export(
        hass, start="2026-11-20T11:00:00-08:00", end="2026-11-20"
    )
    assert from_its_end["episodes"] == [
        {
            "start": START.isoformat(),
            "end": (START + timedelta(hours=1)).isoformat(),
        }
    ]
    # A second episode, begun on Saturday: Friday still has only the first.
    await call(hass, "start_episode")
    saturday = await export(hass, start="2026-11-21", end="2026-11-21")
    friday = await export(hass, start="2026-11-20", end="2026-11-20")
    assert (len(saturday["episodes"]), len(friday["episodes"])) == (1, 1)


async def test_a_csv_for_the_physiotherapist(
    hass: HomeAssistant, setup_entry: Any, advance: Advance, config_dir: Path
) -> None:
    """Under the configuration folder, never under www, one row per line."""
    await three_days(hass, advance)
    await call(hass, "end_episode")
    history = await export(hass, start="2026-11-20", end="2026-11-22", csv=True)
    assert history["file"] == "recovery_routines/back_care_2026-11-20_2026-11-23.csv"
    written = config_dir / history["file"]
    assert not (config_dir / "www").exists()
    with written.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["at", "kind", "what", "value", "note"]
    assert [row[1:] for row in rows[1:]] == [
        ["phase", "acute", "", ""],
        ["pain", "", "6", "after lifting"],
        ["routine", "cold", "15", ""],
        ["pain", "radiating", "5", ""],
        ["phase", "recovery", "", ""],
        ["routine", "heat", "15", ""],
        ["routine", "Cat-cow", "", "easy"],
        ["pain", "", "3", ""],
        ["phase", "none", "", ""],
    ]
    assert history["episodes"][0]["end"] == rows[-1][0]
    # Again, into the folder that is there now: the file is written anew.
    again = await export(hass, start="2026-11-20", end="2026-11-22", csv=True)
    assert again["file"] == history["file"]
    with written.open(encoding="utf-8", newline="") as file:
        assert list(csv.reader(file)) == rows


@pytest.mark.usefixtures("setup_entry")
async def test_what_the_export_refuses(hass: HomeAssistant, config_dir: Path) -> None:
    """A range that ends before it starts; a folder that cannot be written."""
    # Dates: the 21st to the 20th is empty; times: an hour backwards.
    for start, end in (
        ("2026-11-21", "2026-11-20"),
        ("2026-11-21T10:00:00", "2026-11-21T09:00:00"),
    ):
        with pytest.raises(ServiceValidationError) as refusal:
            await export(hass, start=start, end=end)
        assert refusal.value.translation_key == "export_range"
    (config_dir / "recovery_routines").write_text("a file, not a folder")
    with pytest.raises(HomeAssistantError) as failure:
        await export(hass, start="2026-11-20", end="2026-11-20", csv=True)
    assert failure.value.translation_key == "export_failed"
