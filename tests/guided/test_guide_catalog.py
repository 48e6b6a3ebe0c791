"""The routines the guide offers: the shipped ones, then one's own, by name."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.recovery_routines.guided.rules.steps import ROUTINES, StretchStep

from .test_own_routines import add_routine


async def test_the_guide_offers_the_shipped_routines_then_ones_own(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """By name and as routines, in the order added; the first one chosen."""
    guide = setup_entry.runtime_data.guide
    assert guide.routines == ROUTINES
    assert guide.names == [
        "Heat and stretch",
        "Quick stretch",
        "Cold pack",
        "Ointment then heat",
    ]
    assert guide.selected == "Heat and stretch"

    await add_routine(hass, setup_entry, name="Morning", steps="Cat-cow 20")
    await hass.async_block_till_done()
    assert guide.names[-1] == "Morning"
    assert guide.routines[:4] == ROUTINES
    assert guide.routines[-1].steps == (StretchStep(name="Cat-cow", hold=20),)
    assert guide.routine_named("MORNING") is guide.routines[-1]
    assert guide.routine_named("morning") is guide.routines[-1]
