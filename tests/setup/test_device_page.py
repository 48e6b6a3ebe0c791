"""What the routine's device page tells a person."""

from __future__ import annotations

from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry

from ..conftest import FakePlug


async def test_device_page_names_the_plug(
    hass: HomeAssistant, plug: FakePlug, setup_entry: MockConfigEntry
) -> None:
    """A diagnostic line on the device says which plug the routine switches."""
    [device] = dr.async_entries_for_config_entry(
        dr.async_get(hass), setup_entry.entry_id
    )
    on_the_page = {
        entry.translation_key: entry
        for entry in er.async_entries_for_device(er.async_get(hass), device.id)
    }
    line = on_the_page["heating_pad_plug"]
    assert line.entity_category is EntityCategory.DIAGNOSTIC
    state = hass.states.get(line.entity_id)
    assert state is not None
    assert state.state == "Heating pad"
    assert state.name == "Back care Heating pad plug"
    assert state.attributes["entity_id"] == "switch.heating_pad"
