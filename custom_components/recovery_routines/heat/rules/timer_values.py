"""The plug's own off timer: its unit, its kind, the value to write for a time.

The backstop (backstop.py) reads the entity and writes the value; what it reads
is turned into a unit, a kind and a value here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
import math

from ...const import BackstopKind

UNIT_SECONDS = {"s": 1, "min": 60, "h": 3600}
# Units as integrations write them, Z-Wave configuration parameters in free text.
_UNIT_NAMES = {
    "s": "s",
    "sec": "s",
    "secs": "s",
    "second": "s",
    "seconds": "s",
    "min": "min",
    "mins": "min",
    "minute": "min",
    "minutes": "min",
    "h": "h",
    "hr": "h",
    "hrs": "h",
    "hour": "h",
    "hours": "h",
}
# Words in an entity's id, unique id or name that tell what kind of timer it is.
_AUTO_OFF_WORDS = ("auto_off", "autooff", "auto_power_off", "turn_off_after")
_COUNTDOWN_WORDS = ("countdown", "count_down", "toggle_after", "timer")


class BackstopError(Exception):
    """The plug's own timer could not be armed; the keys are translation keys."""

    def __init__(self, key: str, **placeholders: str) -> None:
        """Say why, with the placeholders of the translated text."""
        super().__init__(key, placeholders)
        self.key = key
        self.placeholders = placeholders


@dataclass(frozen=True, kw_only=True)
class NumberLimits:
    """What a number entity accepts: its step, minimum and maximum."""

    step: float
    minimum: float
    maximum: float


def unit_of(text: str | None) -> str | None:
    """Return "s", "min" or "h" for a unit as integrations write it, or None."""
    if text is None:
        return None
    return _UNIT_NAMES.get(text.strip().lower().rstrip("."))


def words_of(parts: list[str]) -> str:
    """Join an entity's id, unique id and names into one string of words."""
    return " ".join(parts).lower().replace("-", "_").replace(" ", "_")


def kind_from_words(words: str) -> BackstopKind | None:
    """Tell from an entity's words whether its timer is a countdown or an auto-off."""
    if any(word in words for word in _AUTO_OFF_WORDS):
        return BackstopKind.AUTO_OFF
    if any(word in words for word in _COUNTDOWN_WORDS):
        return BackstopKind.COUNTDOWN
    return None


def seconds_for(duration: timedelta) -> int:
    """Return `duration` in whole seconds, rounded up."""
    return math.ceil(duration.total_seconds())


def time_value(duration: timedelta) -> str:
    """Return the "HH:MM:SS" a time entity is set to for `duration`, rounded up."""
    # At most 90 minutes (a session and its margin): within a day.
    hours, rest = divmod(seconds_for(duration), 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def number_value(
    duration: timedelta, *, entity_id: str, unit: str | None, limits: NumberLimits
) -> float:
    """Return the value a number entity is set to for `duration`.

    Rounded up to the step, at least the minimum; raise BackstopError when the
    unit is unknown or the longest the entity takes is shorter.
    """
    if unit not in UNIT_SECONDS:
        raise BackstopError("backstop_unit_unknown", entity_id=entity_id)
    step = limits.step or 1.0
    value = math.ceil(seconds_for(duration) / UNIT_SECONDS[unit] / step - 1e-9) * step
    if value > limits.maximum:
        raise BackstopError(
            "backstop_too_short",
            entity_id=entity_id,
            maximum=f"{limits.maximum:g} {unit}",
        )
    return max(value, limits.minimum)


def as_float(value: str) -> float | None:
    """Return an entity's state as a number, or None when it is none."""
    try:
        return float(value)
    except ValueError:
        return None
