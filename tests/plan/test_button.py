"""The Start back pain episode button on the device page."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import entity_registry as er
import pytest

from ..conftest import START, state_of

BUTTON = "button.back_care_start_back_pain_episode"
PHASE = "sensor.back_care_recovery_phase"


async def press(hass: HomeAssistant) -> None:
    """Press the button as a dashboard does."""
    await hass.services.async_call(
        "button", "press", {"entity_id": BUTTON}, blocking=True
    )
    await hass.async_block_till_done()


@pytest.mark.usefixtures("setup_entry")
async def test_the_button_starts_an_episode_now(hass: HomeAssistant) -> None:
    """One press starts it; a second is refused with the day it is on."""
    entry = er.async_get(hass).async_get(BUTTON)
    assert entry is not None
    assert entry.translation_key == "start_episode"
    assert state_of(hass, PHASE) == "none"
    await press(hass)
    assert state_of(hass, PHASE) == "acute"
    state = hass.states.get(PHASE)
    assert state is not None
    assert state.attributes["started_at"] == START.isoformat()
    with pytest.raises(ServiceValidationError) as refusal:
        await press(hass)
    assert refusal.value.translation_key == "episode_running"
