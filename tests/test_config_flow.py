"""The config flow and the options flow."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import SOURCE_USER
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from .conftest import (
    PLUG,
    SESSION_ENDS,
    SESSION_SWITCH,
    SLEEP,
    FakePlug,
    start_heat,
    state_of,
)


@pytest.mark.usefixtures("plug")
async def test_user_step_creates_an_entry(hass: HomeAssistant) -> None:
    """A name and the plug are all it takes."""
    result = await hass.config_entries.flow.async_init(
        "recovery_routines", context={"source": SOURCE_USER}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    assert result["errors"] == {}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"name": "Back care", "heat_switch": PLUG}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Back care"
    assert result["data"] == {"name": "Back care", "heat_switch": PLUG}
    assert result["options"] == {}
    await hass.async_block_till_done()
    assert state_of(hass, SESSION_SWITCH) == "off"


@pytest.mark.usefixtures("setup_entry")
async def test_same_plug_cannot_be_configured_twice(hass: HomeAssistant) -> None:
    """Two routines on one plug would fight over it."""
    result = await hass.config_entries.flow.async_init(
        "recovery_routines", context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"name": "Other", "heat_switch": PLUG}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


@pytest.mark.usefixtures("setup_entry")
async def test_own_switch_is_not_a_plug(hass: HomeAssistant) -> None:
    """The heat session switch cannot be the plug of another routine."""
    result = await hass.config_entries.flow.async_init(
        "recovery_routines", context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"name": "Loop", "heat_switch": SESSION_SWITCH}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"heat_switch": "own_entity"}


@pytest.mark.parametrize(
    ("user_input", "errors"),
    [
        (
            {"max_heat_minutes": 4, "heat_rest_minutes": 20},
            {"max_heat_minutes": "max_heat_minutes_out_of_range"},
        ),
        (
            {"max_heat_minutes": 61, "heat_rest_minutes": 20},
            {"max_heat_minutes": "max_heat_minutes_out_of_range"},
        ),
        (
            {"max_heat_minutes": 30.5, "heat_rest_minutes": 20},
            {"max_heat_minutes": "max_heat_minutes_out_of_range"},
        ),
        (
            {"max_heat_minutes": 30, "heat_rest_minutes": -1},
            {"heat_rest_minutes": "heat_rest_minutes_out_of_range"},
        ),
        (
            {"max_heat_minutes": 30, "heat_rest_minutes": 241},
            {"heat_rest_minutes": "heat_rest_minutes_out_of_range"},
        ),
    ],
)
async def test_options_out_of_range_are_rejected(
    hass: HomeAssistant,
    setup_entry: MockConfigEntry,
    user_input: dict[str, Any],
    errors: dict[str, str],
) -> None:
    """Each safety setting has its range, with a translated error."""
    result = await hass.config_entries.options.async_init(setup_entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], user_input
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == errors
    assert setup_entry.options == {}


@pytest.mark.usefixtures("sleep_guard")
async def test_options_apply_without_ending_a_session(
    hass: HomeAssistant, setup_entry: MockConfigEntry, plug: FakePlug
) -> None:
    """Saving options keeps the running session; no reload happens."""
    result = await hass.config_entries.options.async_init(setup_entry.entry_id)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "init"

    await start_heat(hass, minutes=20)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {"max_heat_minutes": 45.0, "heat_rest_minutes": 30.0, "sleep_entity": SLEEP},
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert setup_entry.options == {
        "max_heat_minutes": 45,
        "heat_rest_minutes": 30,
        "sleep_entity": SLEEP,
        # The routine options keep their defaults.
        "stretches": [
            "Child's pose",
            "Knee-to-chest",
            "Cat-cow",
            "Hip lifts",
            "Seated twist",
            "Lying twist",
            "Hamstring stretch",
        ],
        "active_start": "08:00:00",
        "active_end": "21:00:00",
        "notify_targets": [],
        "cold_minutes": 15,
        "install_sentences": True,
    }
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "on"
    assert state_of(hass, SESSION_ENDS) == "2026-11-20T18:20:00+00:00"
    assert plug.turn_off_calls == 0


async def test_reconfigure_to_a_new_plug(
    hass: HomeAssistant, setup_entry: MockConfigEntry, plug: FakePlug
) -> None:
    """A replaced plug is chosen again; the old one is switched off first."""
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"new_plug": {}}}
    )
    await start_heat(hass, minutes=10)
    result = await setup_entry.start_reconfigure_flow(hass)
    assert result["type"] is FlowResultType.FORM
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"heat_switch": SESSION_SWITCH}
    )
    assert result["errors"] == {"heat_switch": "own_entity"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"heat_switch": "input_boolean.new_plug"}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert setup_entry.data["heat_switch"] == "input_boolean.new_plug"
    assert state_of(hass, PLUG) == "off"
    await hass.services.async_call(
        "switch", "turn_on", {"entity_id": SESSION_SWITCH}, blocking=True
    )
    assert state_of(hass, "input_boolean.new_plug") == "on"


async def test_reconfigure_keeps_the_same_plug(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """Choosing the plug it has is no duplicate."""
    result = await setup_entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"heat_switch": PLUG}
    )
    await hass.async_block_till_done()
    assert result["reason"] == "reconfigure_successful"
