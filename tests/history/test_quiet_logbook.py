"""The README's quieter logbook: one line per thing that happened."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
import re
from typing import Any

from homeassistant.components.recorder import Recorder
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)
import yaml

from ..conftest import (
    Advance,
    FakePlug,
    FreshWebSocket,
    call,
    read_logbook,
    setup_integration,
    start_heat,
)

README = Path(__file__).parent.parent.parent / "README.md"


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    recorder_db_url: str, enable_custom_integrations: None
) -> None:
    """Load the integration from custom_components, with a recorder."""


def _readme_logbook_config() -> dict[str, Any]:
    """Return the `logbook:` block the README tells people to paste."""
    section = README.read_text(encoding="utf-8").split("### A quieter logbook")[1]
    block = re.search(r"```yaml\n(logbook:.*?)```", section, re.DOTALL)
    assert block is not None
    config = yaml.safe_load(block.group(1))
    assert isinstance(config, dict)
    return config


async def test_one_line_per_thing_that_happened(
    recorder_mock: Recorder,
    hass: HomeAssistant,
    fresh_ws_client: FreshWebSocket,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """A session, a stretch and a cold pack, each told once."""
    assert await async_setup_component(hass, "logbook", _readme_logbook_config())
    await setup_integration(hass, config_entry)
    await advance(timedelta(minutes=1))
    since = dt_util.utcnow()

    await start_heat(hass)
    await advance(timedelta(minutes=20))
    await call(hass, "log_completion", routine="Cat-cow")
    await advance(timedelta(hours=3))  # a stretch reminder, rescheduled
    await call(hass, "start_cold_pack", minutes=5)
    await advance(timedelta(minutes=5))
    await async_wait_recording_done(hass)

    heat, routine = "event.back_care_heat_events", "event.back_care_routine_events"
    lines = await read_logbook(fresh_ws_client, since - timedelta(seconds=1))
    assert [
        (line["entity_id"], line["message"]) for line in lines if "message" in line
    ] == [
        (heat, "heat session started, 20 min"),
        (heat, "heat session completed, 20 min"),
        (routine, "Cat-cow done"),
        (routine, "stretch reminder"),
        (routine, "cold pack started, 5 min"),
        (routine, "cold pack done, 5 min"),
    ]
    # Besides: the heating pad plug, the user's own device, and the line the
    # frontend draws for the event entity each sentence belongs to ("detected
    # an event"). No end times, next reminder, status or checklist counts.
    changes = [line for line in lines if "message" not in line]
    assert [(line["entity_id"], line["state"]) for line in changes][:2] == [
        ("switch.heating_pad", "on"),
        (heat, "2026-11-20T18:01:00.000+00:00"),
    ]
    assert {line["entity_id"] for line in changes} == {
        "switch.heating_pad",
        heat,
        routine,
    }
    assert len(changes) <= 2 + 6
