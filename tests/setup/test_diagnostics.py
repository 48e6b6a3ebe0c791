"""Diagnostics."""

from __future__ import annotations

# Imported before the clock is frozen: the diagnostics view imports it, and
# its data classes cannot be built under freezegun.
import aiohasupervisor  # noqa: F401
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion

from ..conftest import call, start_heat


@pytest.mark.usefixtures("plug")
async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    setup_entry: MockConfigEntry,
    snapshot: SnapshotAssertion,
) -> None:
    """Configuration and the running session, nothing private."""
    await start_heat(hass, minutes=15)
    await call(hass, "log_completion", routine="Cat-cow", note="private words")
    assert (
        await get_diagnostics_for_config_entry(hass, hass_client, setup_entry)
        == snapshot
    )


@pytest.mark.usefixtures("plug")
async def test_diagnostics_during_an_episode(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    setup_entry: MockConfigEntry,
    snapshot: SnapshotAssertion,
) -> None:
    """The phase, the day and counts; no pain level, note or reason for a notice."""
    await call(hass, "start_episode")
    await call(hass, "log_pain", level=7, note="private words", radiating=True)
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, setup_entry)
    assert diagnostics["episode"] == snapshot
    text = str(diagnostics)
    assert "private words" not in text
    assert "radiating" not in text


@pytest.mark.usefixtures("plug")
async def test_diagnostics_after_an_episode_set_by_hand(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    setup_entry: MockConfigEntry,
) -> None:
    """An ended episode leaves no phase, and nothing set by hand, behind."""
    await call(hass, "start_episode")
    await call(hass, "set_phase", phase="recovery")
    await call(hass, "end_episode")
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, setup_entry)
    episode = diagnostics["episode"]
    assert (
        episode["phase"],
        episode["set_by_hand"],
        episode["next_change"],
        episode["past_episodes"],
    ) == ("none", False, None, 1)
