"""Which routine an action is for."""

from __future__ import annotations

import json

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from ..conftest import PLUG, call, start_heat, state_of


async def test_no_loaded_entry(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """With nothing loaded there is nothing to start."""
    assert await hass.config_entries.async_unload(setup_entry.entry_id)
    with pytest.raises(ServiceValidationError, match="No Recovery Routines entry"):
        await start_heat(hass)


async def test_entry_by_id_and_several_entries(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """With several routines, the action names one; the error lists them."""
    hass.states.async_set("input_boolean.neck_pad", "off")
    other = MockConfigEntry(
        domain="recovery_routines",
        title="Neck care",
        data={"name": "Neck care", "heat_switch": "input_boolean.neck_pad"},
        # Sorts before the first entry's id: only the very id picks an entry.
        entry_id="01JNECKCAREENTRY0000000000",
    )
    other.add_to_hass(hass)
    assert await hass.config_entries.async_setup(other.entry_id)
    await hass.async_block_till_done()

    with pytest.raises(ServiceValidationError) as refusal:
        await start_heat(hass)
    assert refusal.value.translation_key == "entry_required"
    assert refusal.value.translation_placeholders == {"names": "Back care, Neck care"}

    with pytest.raises(ServiceValidationError, match="No loaded Recovery Routines"):
        await call(hass, "stop_heat", config_entry_id="not-an-entry")

    # Stopping what is not running changes nothing.
    await call(hass, "stop_heat", config_entry_id=setup_entry.entry_id)
    assert state_of(hass, PLUG) == "off"

    await start_heat(hass, config_entry_id=setup_entry.entry_id, minutes=5)
    assert state_of(hass, PLUG) == "on"
    assert state_of(hass, "input_boolean.neck_pad") == "off"
    # Stopping the other one leaves this one's heat on. Its id comes as an
    # automation or the frontend sends it: a string of its own, read from JSON.
    await call(
        hass, "stop_heat", config_entry_id=json.loads(json.dumps(other.entry_id))
    )
    assert state_of(hass, PLUG) == "on"
