"""What the heating pad draws: watts from a power sensor, and whether it heats."""

from __future__ import annotations

from ...const import POWER_THRESHOLD_WATTS

WATT = "W"
_WATTS_PER: dict[str | None, float] = {WATT: 1.0, "kW": 1000.0, "mW": 0.001}


def watts_of(value: str, unit: str | None) -> float | None:
    """Return a power sensor's value in watts; None when it is no number.

    W, kW and mW are converted; any other unit is taken as W.
    """
    try:
        number = float(value)
    except ValueError:
        return None
    return number * _WATTS_PER.get(unit, 1.0)


def is_drawing(watts: float) -> bool:
    """Whether the pad draws more than a plug that is off ever would."""
    return watts > POWER_THRESHOLD_WATTS
