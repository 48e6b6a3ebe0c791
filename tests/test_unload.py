"""Unloading a routine leaves nothing of it running."""

from __future__ import annotations

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from .conftest import setup_integration


async def unload(hass: HomeAssistant, config_entry: MockConfigEntry) -> None:
    """Unload the routine, as removing or disabling it does."""
    assert await hass.config_entries.async_unload(config_entry.entry_id)
    await hass.async_block_till_done()
    assert config_entry.state is ConfigEntryState.NOT_LOADED


@pytest.mark.usefixtures("plug")
async def test_unloading_leaves_no_listener_behind(
    hass: HomeAssistant, config_entry: MockConfigEntry
) -> None:
    """Loading and unloading it again leaves as many event listeners.

    The first load also sets up what the integration depends on, whose
    listeners stay: so the count after the first unload is the reference.
    """
    await setup_integration(hass, config_entry)
    await unload(hass, config_entry)
    after_first = hass.bus.async_listeners()
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    assert hass.bus.async_listeners() != after_first
    await unload(hass, config_entry)
    assert hass.bus.async_listeners() == after_first
