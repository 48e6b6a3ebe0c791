"""Plain tests of heat/rules/power.py: watts from a power sensor, and drawing."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st
import pytest

from custom_components.recovery_routines.const import POWER_THRESHOLD_WATTS
from custom_components.recovery_routines.heat.rules.power import (
    WATT,
    is_drawing,
    watts_of,
)


@pytest.mark.parametrize(
    ("value", "unit", "watts"),
    [
        ("40", "W", 40.0),
        ("0.04", "kW", 40.0),
        ("40000", "mW", 40.0),
        ("1.5", "kW", 1500.0),
        ("0", "W", 0.0),
        ("-2", "W", -2.0),
    ],
)
def test_watts_in_each_unit(value: str, unit: str, watts: float) -> None:
    """W, kW and mW are converted to watts."""
    assert watts_of(value, unit) == pytest.approx(watts)


@pytest.mark.parametrize("unit", [None, "VA", "kWh", "w", ""])
def test_any_other_unit_is_taken_as_watts(unit: str | None) -> None:
    """A sensor without a unit, or with another one, is read as W."""
    assert watts_of("12.5", unit) == 12.5


@pytest.mark.parametrize("value", ["unavailable", "unknown", "", "12 W"])
def test_a_state_that_is_no_number_is_none(value: str) -> None:
    """An unavailable or unknown sensor draws nothing that can be said."""
    assert watts_of(value, WATT) is None


def test_the_unit_written_for_watts() -> None:
    """The unit of a sensor that names none."""
    assert WATT == "W"


def test_drawing_is_above_the_threshold() -> None:
    """5 W is what a plug that is off may show; a little more is the pad."""
    assert POWER_THRESHOLD_WATTS == 5.0
    assert not is_drawing(5.0)
    assert is_drawing(5.001)
    assert not is_drawing(0.0)
    assert is_drawing(40.0)


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=0, max_value=5000, allow_nan=False))
def test_the_same_power_in_any_unit_draws_the_same(watts: float) -> None:
    """Whether the pad draws does not depend on the unit the sensor reports in."""
    in_watts = watts_of(repr(watts), "W")
    in_milliwatts = watts_of(repr(watts * 1000), "mW")
    assert in_watts is not None
    assert in_milliwatts is not None
    assert in_watts == pytest.approx(in_milliwatts)
    if abs(watts - POWER_THRESHOLD_WATTS) > 1e-6:
        assert is_drawing(in_watts) == is_drawing(in_milliwatts) == (watts > 5.0)
