"""Plain tests of plan/rules/offers.py: when heat is offered in a day."""

from __future__ import annotations

from datetime import time

from hypothesis import given, settings, strategies as st

from custom_components.recovery_routines.const import HEAT_OFFERS_PER_DAY_RANGE
from custom_components.recovery_routines.plan.rules.offers import offer_times

LAWS = settings(max_examples=200, deadline=None)
# Options hold times of day to the second.
TIMES = st.times().map(lambda at: at.replace(microsecond=0))


def test_twice_in_the_default_waking_hours() -> None:
    """08:00 to 21:00, twice: the middle of each half, 11:15 and 17:45."""
    assert offer_times(2, time(8), time(21)) == [time(11, 15), time(17, 45)]


def test_once_in_the_middle() -> None:
    """Once: the middle of the waking hours."""
    assert offer_times(1, time(8), time(21)) == [time(14, 30)]


def test_four_times_at_most() -> None:
    """Four times, and no more when more are asked for."""
    four = [time(9, 37, 30), time(12, 52, 30), time(16, 7, 30), time(19, 22, 30)]
    assert HEAT_OFFERS_PER_DAY_RANGE == (0, 4)
    assert offer_times(4, time(8), time(21)) == four
    assert offer_times(5, time(8), time(21)) == four
    assert offer_times(3, time(8), time(20)) == [time(10), time(14), time(18)]


def test_none_at_zero_or_below() -> None:
    """Zero times a day offers nothing; fewer than zero is zero."""
    assert offer_times(0, time(8), time(21)) == []
    assert offer_times(-1, time(8), time(21)) == []


def test_waking_hours_past_midnight() -> None:
    """22:00 to 06:00: eight hours across midnight, earliest time first."""
    assert offer_times(2, time(22), time(6)) == [time(0), time(4)]
    assert offer_times(3, time(22), time(6)) == [time(2), time(4, 40), time(23, 20)]


def test_the_same_start_and_end_is_the_whole_day() -> None:
    """Waking hours that start when they end last 24 hours."""
    assert offer_times(2, time(8), time(8)) == [time(2), time(14)]
    assert offer_times(1, time(0), time(0)) == [time(12)]


def test_offers_are_to_the_second() -> None:
    """The middle of a part is cut to the whole second before it."""
    # Seven seconds in two parts: 1.75 s and 5.25 s in.
    assert offer_times(2, time(8), time(8, 0, 7)) == [
        time(8, 0, 1),
        time(8, 0, 5),
    ]


def _awake(at: time, start: time, end: time) -> bool:
    if start < end:
        return start <= at < end
    if end < start:
        return at >= start or at < end
    return True


@LAWS
@given(count=st.integers(-3, 8), start=TIMES, end=TIMES)
def test_every_offer_is_in_the_waking_hours(count: int, start: time, end: time) -> None:
    """As many offers as the kept count, in order, each in the waking hours."""
    low, high = HEAT_OFFERS_PER_DAY_RANGE
    times = offer_times(count, start, end)
    assert len(times) == min(max(count, low), high)
    assert times == sorted(times)
    assert all(_awake(at, start, end) for at in times)
    assert all(at.microsecond == 0 for at in times)
