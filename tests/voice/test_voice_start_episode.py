"""Saying when an episode began: "I hurt my back yesterday"."""

from __future__ import annotations

from datetime import datetime, timedelta

from homeassistant.components import conversation
from homeassistant.core import Context, HomeAssistant
from homeassistant.setup import async_setup_component
import pytest

from ..conftest import START, Advance, call, state_of

PHASE = "sensor.back_care_recovery_phase"


async def say(hass: HomeAssistant, text: str) -> str:
    """Say `text` to Assist; return its answer."""
    result = await conversation.async_converse(
        hass, text, None, Context(), language="en"
    )
    await hass.async_block_till_done()
    speech: str = result.response.speech["plain"]["speech"]
    return speech


def started_at(hass: HomeAssistant) -> str:
    """Return when the running episode began, as the phase sensor shows."""
    state = hass.states.get(PHASE)
    assert state is not None
    return str(state.attributes["started_at"])


@pytest.mark.parametrize(
    ("sentence", "began", "day"),
    [
        # Friday 10:00 local (START): a day ago is its second day.
        ("I hurt my back yesterday", START - timedelta(days=1), "2"),
        ("my back went this morning", START - timedelta(hours=2), "1"),
        ("my back went out last night", START - timedelta(hours=13), "2"),
        ("my back just went", START, "1"),
    ],
)
@pytest.mark.usefixtures("setup_entry")
async def test_an_episode_said_to_begin_earlier(
    hass: HomeAssistant, sentence: str, began: datetime, day: str
) -> None:
    """Yesterday, this morning at 08:00, last night at 21:00, or now."""
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "conversation", {})
    assert (await say(hass, sentence)).startswith("Sorry your back is hurting.")
    assert state_of(hass, PHASE) == "acute"
    assert started_at(hass) == began.isoformat()
    state = hass.states.get(PHASE)
    assert state is not None
    assert str(state.attributes["day"]) == day


@pytest.mark.usefixtures("setup_entry")
async def test_this_morning_before_eight_is_now(
    hass: HomeAssistant, advance: Advance
) -> None:
    """Said at 06:00, "this morning" cannot be 08:00: it began now."""
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "conversation", {})
    await advance(timedelta(hours=20))
    await say(hass, "my back went this morning")
    assert started_at(hass) == (START + timedelta(hours=20)).isoformat()
    await call(hass, "end_episode")
