"""The config flow and the options flow."""

from __future__ import annotations

import json
from typing import Any

from homeassistant.config_entries import SOURCE_USER, ConfigFlowResult
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import entity_registry as er
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
import voluptuous as vol

from ..conftest import (
    PLUG,
    SESSION_ENDS,
    SESSION_SWITCH,
    SLEEP,
    FakePlug,
    fill_options,
    setup_integration,
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


def _offered(result: ConfigFlowResult, field: str) -> dict[str, Any]:
    """Return the selector config the form shows for a field."""
    for marker, selector in result["data_schema"].schema.items():
        if str(marker) == field:
            return dict(selector.config)
    raise AssertionError(field)


@pytest.mark.usefixtures("setup_entry")
async def test_a_second_routine_gets_a_free_name_and_a_free_plug(
    hass: HomeAssistant,
) -> None:
    """The form suggests no name and no plug that is taken, nor our switches."""
    result = await hass.config_entries.flow.async_init(
        "recovery_routines", context={"source": SOURCE_USER}
    )
    name = next(m for m in result["data_schema"].schema if str(m) == "name")
    assert name.default is vol.UNDEFINED
    excluded = _offered(result, "heat_switch")["exclude_entities"]
    assert PLUG in excluded
    assert SESSION_SWITCH in excluded
    assert "switch.back_care_cold_pack" in excluded


@pytest.mark.usefixtures("setup_entry")
async def test_same_plug_cannot_be_configured_twice(hass: HomeAssistant) -> None:
    """Two routines on one plug would fight over it; the form says which has it."""
    result = await hass.config_entries.flow.async_init(
        "recovery_routines", context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"name": "Other", "heat_switch": PLUG}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"heat_switch": "plug_in_use"}
    assert result["description_placeholders"] == {
        "routine": "Back care",
        "plug": "Heating pad",
    }
    # What the user typed stays in the form.
    shown = {
        str(marker): marker.description["suggested_value"]
        for marker in result["data_schema"].schema
    }
    assert shown == {"name": "Other", "heat_switch": PLUG}


@pytest.mark.usefixtures("setup_entry")
@pytest.mark.parametrize(
    ("platform", "object_id"), [("esphome", "bedroom_pad"), ("tplink", "neck_pad")]
)
async def test_any_other_plug_is_free(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    platform: str,
    object_id: str,
) -> None:
    """Only the very plug of another routine is taken, whichever way ids sort.

    Nor is a plug of an integration whose name sorts after ours one of ours.
    """
    other_plug = entity_registry.async_get_or_create(
        "switch", platform, object_id, suggested_object_id=object_id
    ).entity_id
    hass.states.async_set(other_plug, "off")
    result = await hass.config_entries.flow.async_init(
        "recovery_routines", context={"source": SOURCE_USER}
    )
    assert other_plug not in _offered(result, "heat_switch")["exclude_entities"]
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"name": "Neck care", "heat_switch": other_plug}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {"name": "Neck care", "heat_switch": other_plug}


@pytest.mark.usefixtures("setup_entry")
async def test_name_of_another_routine_is_refused(hass: HomeAssistant) -> None:
    """Voice tells routines apart by name: two of one name would be ambiguous."""
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"neck_pad": {}}}
    )
    result = await hass.config_entries.flow.async_init(
        "recovery_routines", context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {"name": " back care", "heat_switch": "input_boolean.neck_pad"},
    )
    assert result["errors"] == {"name": "name_in_use"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        # Another name, even one that sorts before it, is no clash.
        {"name": "Arm care ", "heat_switch": "input_boolean.neck_pad"},
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Arm care"
    assert result["data"]["name"] == "Arm care"


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
    ("changes", "errors"),
    [
        ({"max_heat_minutes": 4}, {"heat_safety": "max_heat_minutes_out_of_range"}),
        ({"max_heat_minutes": 61}, {"heat_safety": "max_heat_minutes_out_of_range"}),
        (
            {"max_heat_minutes": 30.5},
            {"heat_safety": "max_heat_minutes_out_of_range"},
        ),
        ({"heat_rest_minutes": -1}, {"heat_safety": "heat_rest_minutes_out_of_range"}),
        ({"heat_rest_minutes": 241}, {"heat_safety": "heat_rest_minutes_out_of_range"}),
    ],
)
async def test_options_out_of_range_are_rejected(
    hass: HomeAssistant,
    setup_entry: MockConfigEntry,
    changes: dict[str, Any],
    errors: dict[str, str],
) -> None:
    """Each safety setting has its range, with a translated error at its section."""
    result = await hass.config_entries.options.async_init(setup_entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], fill_options(result, changes)
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == errors
    assert setup_entry.options == {}


async def test_options_form_is_grouped_in_sections(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """Seven sections, current values in place, times without seconds."""
    hass.config_entries.async_update_entry(
        setup_entry, options={"max_heat_minutes": 25, "cold_minutes": 10}
    )
    result = await hass.config_entries.options.async_init(setup_entry.entry_id)
    sections = {str(key): value for key, value in result["data_schema"].schema.items()}
    assert {
        name: [str(m) for m in s.schema.schema] for name, s in sections.items()
    } == {
        "heat_safety": ["max_heat_minutes", "heat_rest_minutes", "sleep_entity"],
        "reminders": ["stretches", "active_start", "active_end"],
        "notifications": ["notify_targets", "speakers"],
        "cold_packs": ["cold_minutes"],
        "recovery_plan": [
            "acute_hours",
            "cold_pack_every_hours",
            "stretch_every_hours",
            "heat_offers_per_day",
            "daily_routine_at",
        ],
        "voice": ["install_sentences"],
        "backstop": [
            "backstop_entity",
            "backstop_kind",
            "backstop_unit",
            "backstop_margin_minutes",
            "backstop_script",
            "backstop_required",
            "power_sensor",
        ],
    }
    assert [name for name, s in sections.items() if s.options["collapsed"]] == [
        "cold_packs",
        "recovery_plan",
        "voice",
        "backstop",
    ]
    submitted = fill_options(result, {})
    assert submitted["heat_safety"]["max_heat_minutes"] == 25
    assert submitted["cold_packs"]["cold_minutes"] == 10
    for section_name, field in (
        ("reminders", "active_start"),
        ("reminders", "active_end"),
        ("recovery_plan", "daily_routine_at"),
    ):
        fields = sections[section_name].schema.schema
        [selector] = [value for key, value in fields.items() if str(key) == field]
        assert selector.serialize() == {"selector": {"time": {"no_second": True}}}
    # No notify target yet: the form says so.
    assert result["description_placeholders"] == {"notify_targets_found": "0"}


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
        fill_options(
            result,
            {
                "max_heat_minutes": 45.0,
                "heat_rest_minutes": 30.0,
                "sleep_entity": SLEEP,
            },
        ),
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    # Stored flat, as the rest of the integration reads them.
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
        "speakers": [],
        "cold_minutes": 15,
        "acute_hours": 48,
        "cold_pack_every_hours": 2,
        "stretch_every_hours": 3,
        "heat_offers_per_day": 2,
        "daily_routine_at": "18:00:00",
        "install_sentences": True,
        # No timer of the plug's own: nothing to arm, nothing required.
        "backstop_margin_minutes": 3,
        "backstop_required": False,
    }
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "on"
    assert state_of(hass, SESSION_ENDS) == "2026-11-20T18:20:00+00:00"
    assert plug.turn_off_calls == 0


async def _refused_sleep_guard(
    hass: HomeAssistant, entry: MockConfigEntry, sleep_entity: str
) -> ConfigFlowResult:
    """Choose `sleep_entity` as the sleep guard; return the refusing form."""
    result = await hass.config_entries.options.async_init(entry.entry_id)
    excluded = next(
        selector.config["exclude_entities"]
        for marker, selector in result["data_schema"]
        .schema["heat_safety"]
        .schema.schema.items()
        if str(marker) == "sleep_entity"
    )
    # The picker does not offer it ...
    assert sleep_entity in excluded
    # ... and a form filled in otherwise is refused with a reason.
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], fill_options(result, {"sleep_entity": sleep_entity})
    )
    assert result["type"] is FlowResultType.FORM
    assert entry.options == {}
    return result


async def test_sleep_guard_cannot_be_the_plug(hass: HomeAssistant) -> None:
    """A plug (here a toggle helper) as sleep guard cuts off every session at once."""
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"pad": {"name": "Pad plug"}}}
    )
    entry = MockConfigEntry(
        domain="recovery_routines",
        title="Back care",
        data={"name": "Back care", "heat_switch": "input_boolean.pad"},
    )
    await setup_integration(hass, entry)
    result = await _refused_sleep_guard(hass, entry, "input_boolean.pad")
    assert result["errors"] == {"heat_safety": "sleep_entity_is_plug"}
    assert result["description_placeholders"]["sleep_entity"] == "Pad plug"
    # Any other toggle is a sleep guard, also one whose id sorts after the plug's.
    hass.states.async_set(SLEEP, "off")
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], fill_options(result, {"sleep_entity": SLEEP})
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options["sleep_entity"] == SLEEP


async def test_sleep_guard_cannot_be_our_own(
    hass: HomeAssistant,
    setup_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
) -> None:
    """No entity of Recovery Routines is a sleep guard.

    As after a restart, the registry's entry is read from JSON: its platform
    is a string of its own, not the integration's constant.
    """
    own = entity_registry.async_get_or_create(
        "binary_sensor",
        json.loads('"recovery_routines"'),
        "in_bed",
        config_entry=setup_entry,
        suggested_object_id="back_care_in_bed",
    )
    hass.states.async_set(own.entity_id, "off", {"friendly_name": "Back care In bed"})
    result = await _refused_sleep_guard(hass, setup_entry, own.entity_id)
    assert result["errors"] == {"heat_safety": "sleep_entity_own"}
    assert result["description_placeholders"]["sleep_entity"] == "Back care In bed"


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
    # What was chosen stays in the form, to be corrected.
    [marker] = result["data_schema"].schema
    assert marker.description["suggested_value"] == SESSION_SWITCH
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
