"""Unloading a routine leaves nothing of it running."""

from __future__ import annotations

from datetime import timedelta

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from ..conftest import (
    PLUG,
    SESSION_ENDS,
    SESSION_SWITCH,
    Advance,
    FakePlug,
    ReadNotifications,
    setup_integration,
    start_heat,
    state_of,
)


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


async def test_an_unloaded_routine_leaves_the_plug_alone(
    hass: HomeAssistant, config_entry: MockConfigEntry, plug: FakePlug, advance: Advance
) -> None:
    """Once unloaded, the routine neither watches nor times the plug.

    Loaded again, it takes the plug as it finds it: heat on now is a session
    from now, not one that began while it was away.
    """
    await setup_integration(hass, config_entry)
    await unload(hass, config_entry)
    plug.press_button(on=True)
    await hass.async_block_till_done()
    await advance(timedelta(hours=2))
    assert hass.states.get(PLUG).state == STATE_ON
    assert plug.turn_off_calls == 0

    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    assert state_of(hass, SESSION_SWITCH) == STATE_ON
    assert (
        state_of(hass, SESSION_ENDS)
        == (dt_util.utcnow() + timedelta(minutes=20)).isoformat()
    )
    assert hass.states.get(PLUG).state == STATE_ON


async def test_unloading_during_a_session_switches_the_plug_off(
    hass: HomeAssistant,
    config_entry: MockConfigEntry,
    plug: FakePlug,
    read_notifications: ReadNotifications,
) -> None:
    """The plug goes off before the routine goes away; no "may still be on" note."""
    await setup_integration(hass, config_entry)
    await start_heat(hass, minutes=20)
    await unload(hass, config_entry)
    assert hass.states.get(PLUG).state == STATE_OFF
    assert "plug_fault_01JRECOVERYROUTINESENTRY01" not in await read_notifications()
