"""The options form's sections, and the whole-number ranges of its options.

Options stay flat in entry.options: the form nests them into sections on
the way in and flattens them on the way out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from ...const import (
    ACUTE_HOURS_RANGE,
    BACKSTOP_MARGIN_MINUTES_RANGE,
    COLD_MINUTES_RANGE,
    COLD_PACK_EVERY_HOURS_RANGE,
    CONF_ACTIVE_END,
    CONF_ACTIVE_START,
    CONF_ACUTE_HOURS,
    CONF_BACKSTOP_ENTITY,
    CONF_BACKSTOP_KIND,
    CONF_BACKSTOP_MARGIN_MINUTES,
    CONF_BACKSTOP_REQUIRED,
    CONF_BACKSTOP_SCRIPT,
    CONF_BACKSTOP_UNIT,
    CONF_COLD_MINUTES,
    CONF_COLD_PACK_EVERY_HOURS,
    CONF_DAILY_ROUTINE_AT,
    CONF_HEAT_OFFERS_PER_DAY,
    CONF_HEAT_REST_MINUTES,
    CONF_INSTALL_SENTENCES,
    CONF_MAX_HEAT_MINUTES,
    CONF_NOTIFY_TARGETS,
    CONF_POWER_SENSOR,
    CONF_SLEEP_ENTITY,
    CONF_SPEAKERS,
    CONF_STRETCH_EVERY_HOURS,
    CONF_STRETCHES,
    HEAT_OFFERS_PER_DAY_RANGE,
    HEAT_REST_MINUTES_RANGE,
    MAX_HEAT_MINUTES_RANGE,
    STRETCH_EVERY_HOURS_RANGE,
)

# The options form, section by section, each option in the order shown.
OPTION_SECTIONS: Final[dict[str, tuple[str, ...]]] = {
    "heat_safety": (CONF_MAX_HEAT_MINUTES, CONF_HEAT_REST_MINUTES, CONF_SLEEP_ENTITY),
    "reminders": (CONF_STRETCHES, CONF_ACTIVE_START, CONF_ACTIVE_END),
    "notifications": (CONF_NOTIFY_TARGETS, CONF_SPEAKERS),
    "cold_packs": (CONF_COLD_MINUTES,),
    "recovery_plan": (
        CONF_ACUTE_HOURS,
        CONF_COLD_PACK_EVERY_HOURS,
        CONF_STRETCH_EVERY_HOURS,
        CONF_HEAT_OFFERS_PER_DAY,
        CONF_DAILY_ROUTINE_AT,
    ),
    "voice": (CONF_INSTALL_SENTENCES,),
    "backstop": (
        CONF_BACKSTOP_ENTITY,
        CONF_BACKSTOP_KIND,
        CONF_BACKSTOP_UNIT,
        CONF_BACKSTOP_MARGIN_MINUTES,
        CONF_BACKSTOP_SCRIPT,
        CONF_BACKSTOP_REQUIRED,
        CONF_POWER_SENSOR,
    ),
}
# Sections that start folded: rarely changed after the first day.
COLLAPSED_SECTIONS: Final = frozenset(
    {"cold_packs", "recovery_plan", "voice", "backstop"}
)
SECTION_OF: Final = {
    key: name for name, keys in OPTION_SECTIONS.items() for key in keys
}

# The options that are whole numbers, and their smallest and largest value.
RANGES: Final = {
    CONF_MAX_HEAT_MINUTES: MAX_HEAT_MINUTES_RANGE,
    CONF_HEAT_REST_MINUTES: HEAT_REST_MINUTES_RANGE,
    CONF_COLD_MINUTES: COLD_MINUTES_RANGE,
    CONF_ACUTE_HOURS: ACUTE_HOURS_RANGE,
    CONF_COLD_PACK_EVERY_HOURS: COLD_PACK_EVERY_HOURS_RANGE,
    CONF_STRETCH_EVERY_HOURS: STRETCH_EVERY_HOURS_RANGE,
    CONF_HEAT_OFFERS_PER_DAY: HEAT_OFFERS_PER_DAY_RANGE,
    CONF_BACKSTOP_MARGIN_MINUTES: BACKSTOP_MARGIN_MINUTES_RANGE,
}


def nest(options: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Put flat options into their sections, as the form shows them."""
    return {
        name: {key: options[key] for key in keys if key in options}
        for name, keys in OPTION_SECTIONS.items()
    }


def flatten(user_input: Mapping[str, Any]) -> dict[str, Any]:
    """Take the options out of the sections of a submitted form."""
    return {
        key: value
        for name in OPTION_SECTIONS
        for key, value in user_input.get(name, {}).items()
    }


def in_range(value: float, bounds: tuple[int, int]) -> bool:
    """Return whether `value` is a whole number from low to high, both included."""
    low, high = bounds
    return value == int(value) and low <= value <= high


def range_errors(options: Mapping[str, Any]) -> dict[str, str]:
    """Return the error of each section with an option out of its range.

    The error names the last such option of the section, by the order of
    RANGES.
    """
    return {
        SECTION_OF[key]: f"{key}_out_of_range"
        for key, bounds in RANGES.items()
        if not in_range(options[key], bounds)
    }


def whole_numbers(options: Mapping[str, Any]) -> dict[str, int]:
    """Return the ranged options as whole numbers, as they are stored."""
    return {key: int(options[key]) for key in RANGES}


def stretch_names(names: list[str]) -> list[str]:
    """Return the stretch names without blanks around them, and without empty ones."""
    return [name.strip() for name in names if name.strip()]
