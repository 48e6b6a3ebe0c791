"""The ends of every option range: the last allowed value is allowed."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from ..conftest import fill_options

RANGES = {
    "max_heat_minutes": (5, 60),
    "heat_rest_minutes": (0, 240),
    "cold_minutes": (5, 20),
    "acute_hours": (48, 72),
    "cold_pack_every_hours": (1, 4),
    "stretch_every_hours": (1, 8),
    "heat_offers_per_day": (0, 4),
    "backstop_margin_minutes": (1, 30),
}
SECTION = {
    "max_heat_minutes": "heat_safety",
    "heat_rest_minutes": "heat_safety",
    "cold_minutes": "cold_packs",
    "acute_hours": "recovery_plan",
    "cold_pack_every_hours": "recovery_plan",
    "stretch_every_hours": "recovery_plan",
    "heat_offers_per_day": "recovery_plan",
    "backstop_margin_minutes": "backstop",
}


@pytest.mark.parametrize(
    ("key", "value"),
    [(key, end) for key, ends in RANGES.items() for end in ends],
)
async def test_the_ends_of_a_range_are_accepted(
    hass: HomeAssistant, setup_entry: MockConfigEntry, key: str, value: int
) -> None:
    """The smallest and the largest value of each setting are saved."""
    result = await hass.config_entries.options.async_init(setup_entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], fill_options(result, {key: value})
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert setup_entry.options[key] == value


async def test_every_setting_is_typed_as_a_whole_number(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """A box in steps of one: the form offers every value of the ranges."""
    form = await hass.config_entries.options.async_init(setup_entry.entry_id)
    selectors = {
        str(marker): selector
        for section in form["data_schema"].schema.values()
        for marker, selector in section.schema.schema.items()
    }
    for key in RANGES:
        assert (selectors[key].config["mode"], selectors[key].config["step"]) == (
            "box",
            1,
        ), key


@pytest.mark.parametrize(
    ("key", "value"),
    [(key, low - 1) for key, (low, _) in RANGES.items()]
    + [(key, high + 1) for key, (_, high) in RANGES.items()]
    + [(key, low + 0.5) for key, (low, _) in RANGES.items()],
)
async def test_just_past_the_ends_is_refused(
    hass: HomeAssistant, setup_entry: MockConfigEntry, key: str, value: float
) -> None:
    """One minute too few or too many, or a fraction, is refused."""
    result = await hass.config_entries.options.async_init(setup_entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], fill_options(result, {key: value})
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {SECTION[key]: f"{key}_out_of_range"}
    assert setup_entry.options == {}


@pytest.mark.parametrize(
    ("changes", "accepted"),
    [
        ({"daily_routine_at": "08:00:00"}, True),
        ({"daily_routine_at": "20:59"}, True),
        ({"daily_routine_at": "21:00:00"}, False),
        ({"daily_routine_at": "07:59:00"}, False),
        ({"daily_routine_at": "23:30:00", "active_end": "01:00:00"}, True),
    ],
)
async def test_the_daily_routine_falls_in_waking_hours(
    hass: HomeAssistant,
    setup_entry: MockConfigEntry,
    changes: dict[str, str],
    accepted: bool,
) -> None:
    """A daily routine while asleep would be reminded of at another time."""
    result = await hass.config_entries.options.async_init(setup_entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], fill_options(result, changes)
    )
    if accepted:
        assert result["type"] is FlowResultType.CREATE_ENTRY
        assert setup_entry.options["daily_routine_at"] == changes["daily_routine_at"]
    else:
        assert result["type"] is FlowResultType.FORM
        assert result["errors"] == {
            "recovery_plan": "daily_routine_outside_waking_hours"
        }
        assert setup_entry.options == {}
