"""The history as read from disk, and how much of it diagnostics show."""

from __future__ import annotations

from typing import Any

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

from .conftest import STORAGE_KEY, STREAK, FakePlug, call, setup_integration, state_of
from .test_routines import local, stored_routines


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
