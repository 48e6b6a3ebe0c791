"""Plain tests of flows/rules/options.py: the sections and ranges of the options."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings, strategies as st
import pytest

from custom_components.recovery_routines.flows.rules.options import (
    COLLAPSED_SECTIONS,
    OPTION_SECTIONS,
    RANGES,
    SECTION_OF,
    flatten,
    in_range,
    nest,
    range_errors,
    stretch_names,
    whole_numbers,
)

# The ranges as the options form has offered them since they were introduced.
KNOWN_RANGES = {
    "max_heat_minutes": (5, 60),
    "heat_rest_minutes": (0, 240),
    "cold_minutes": (5, 20),
    "acute_hours": (48, 72),
    "cold_pack_every_hours": (1, 4),
    "stretch_every_hours": (1, 8),
    "heat_offers_per_day": (0, 4),
    "backstop_margin_minutes": (1, 30),
}
# Each ranged option in the middle of its range.
VALID = {key: (low + high) // 2 for key, (low, high) in KNOWN_RANGES.items()}

KEYS = st.sampled_from(sorted(SECTION_OF))
VALUES = st.one_of(
    st.integers(), st.text(max_size=5), st.booleans(), st.none(), st.lists(st.text())
)
OPTIONS = st.dictionaries(KEYS, VALUES)


def test_the_sections_in_the_order_of_the_form() -> None:
    """Seven sections, each option in exactly one, in the order shown."""
    assert list(OPTION_SECTIONS) == [
        "heat_safety",
        "reminders",
        "notifications",
        "cold_packs",
        "recovery_plan",
        "voice",
        "backstop",
    ]
    assert OPTION_SECTIONS["heat_safety"] == (
        "max_heat_minutes",
        "heat_rest_minutes",
        "sleep_entity",
    )
    keys = [key for keys in OPTION_SECTIONS.values() for key in keys]
    assert len(keys) == len(set(keys)) == len(SECTION_OF)
    assert all(
        SECTION_OF[key] == name for name, ks in OPTION_SECTIONS.items() for key in ks
    )
    assert {"cold_packs", "recovery_plan", "voice", "backstop"} == COLLAPSED_SECTIONS


def test_every_ranged_option_has_a_section() -> None:
    """The ranges are the known ones, and each error has a section to show in."""
    assert RANGES == KNOWN_RANGES
    assert set(RANGES) <= set(SECTION_OF)


@settings(max_examples=200, deadline=None)
@given(OPTIONS)
def test_flatten_undoes_nest(options: dict[str, Any]) -> None:
    """Options of known keys come back out of their sections unchanged."""
    assert flatten(nest(options)) == options


@settings(max_examples=100, deadline=None)
@given(OPTIONS)
def test_nest_puts_each_option_in_its_section(options: dict[str, Any]) -> None:
    """Every section is there, holding just its own options."""
    nested = nest(options)
    assert list(nested) == list(OPTION_SECTIONS)
    for name, section in nested.items():
        assert section == {
            key: value for key, value in options.items() if SECTION_OF[key] == name
        }


def test_nest_leaves_out_what_is_not_set() -> None:
    """An option not set is not in its section; empty sections stay."""
    assert nest({"cold_minutes": 10}) == {
        name: ({"cold_minutes": 10} if name == "cold_packs" else {})
        for name in OPTION_SECTIONS
    }


def test_flatten_ignores_what_is_not_a_section() -> None:
    """A missing section gives nothing; a key outside the sections is dropped."""
    assert flatten({}) == {}
    assert flatten({"voice": {"install_sentences": False}, "other": {"x": 1}}) == {
        "install_sentences": False
    }


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(sorted(KNOWN_RANGES)),
    st.one_of(
        st.integers(min_value=-300, max_value=300),
        st.floats(min_value=-300, max_value=300, allow_nan=False),
    ),
)
def test_a_value_is_in_range_iff_whole_and_within(key: str, value: float) -> None:
    """Accepted exactly when a whole number from the low to the high end."""
    low, high = KNOWN_RANGES[key]
    accepted = value == round(value) and low <= value <= high
    assert in_range(value, RANGES[key]) is accepted
    errors = range_errors({**VALID, key: value})
    assert errors == ({} if accepted else {SECTION_OF[key]: f"{key}_out_of_range"})


@pytest.mark.parametrize(
    ("key", "value", "accepted"),
    [
        *((key, low, True) for key, (low, _) in KNOWN_RANGES.items()),
        *((key, high, True) for key, (_, high) in KNOWN_RANGES.items()),
        *((key, low - 1, False) for key, (low, _) in KNOWN_RANGES.items()),
        *((key, high + 1, False) for key, (_, high) in KNOWN_RANGES.items()),
        *((key, low + 0.5, False) for key, (low, _) in KNOWN_RANGES.items()),
        *((key, float(high), True) for key, (_, high) in KNOWN_RANGES.items()),
    ],
)
def test_the_ends_of_each_range(key: str, value: float, accepted: bool) -> None:
    """The ends are in, one past them or a half is out."""
    assert in_range(value, RANGES[key]) is accepted
    errors = range_errors({**VALID, key: value})
    assert errors == ({} if accepted else {SECTION_OF[key]: f"{key}_out_of_range"})


def test_a_fraction_is_out_of_a_range_below_zero_too() -> None:
    """Whole numbers only, on either side of zero: -1 is in -2 to 2, -0.5 is not."""
    assert in_range(-1, (-2, 2))
    assert in_range(-1.0, (-2, 2))
    assert not in_range(-0.5, (-2, 2))
    assert not in_range(0.5, (-2, 2))


def test_the_last_option_out_of_range_names_the_section_error() -> None:
    """Two options of one section out of range: the later one is named."""
    errors = range_errors(
        {**VALID, "max_heat_minutes": 0, "heat_rest_minutes": -1, "cold_minutes": 99}
    )
    assert errors == {
        "heat_safety": "heat_rest_minutes_out_of_range",
        "cold_packs": "cold_minutes_out_of_range",
    }


def test_a_missing_ranged_option_is_an_error_of_the_caller() -> None:
    """The form always sends every ranged option; without one, a KeyError."""
    with pytest.raises(KeyError):
        range_errors({})


def test_whole_numbers_only_touch_the_ranged_options() -> None:
    """A float from the number box is stored as an int; others are not read."""
    numbers = whole_numbers({**VALID, "max_heat_minutes": 30.0, "stretches": ["a"]})
    assert numbers == {**VALID, "max_heat_minutes": 30}
    assert all(type(value) is int for value in numbers.values())


@pytest.mark.parametrize(
    ("names", "kept"),
    [
        ([], []),
        (["  Cat-cow ", "", "   ", "Bridge"], ["Cat-cow", "Bridge"]),
        (["Knee to chest"], ["Knee to chest"]),
    ],
)
def test_stretch_names_are_trimmed_and_blanks_dropped(
    names: list[str], kept: list[str]
) -> None:
    """Blanks around a name go, and so do names that are only blanks."""
    assert stretch_names(names) == kept
