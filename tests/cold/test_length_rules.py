"""How long a cold pack runs, as plain rules (no Home Assistant)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings, strategies as st

from custom_components.recovery_routines.cold.rules.length import (
    MAX_MINUTES,
    pack_end,
    pack_length,
    time_on,
    too_long,
)
from custom_components.recovery_routines.const import (
    COLD_MINUTES_RANGE,
    DEFAULT_COLD_MINUTES,
)

LAWS = settings(max_examples=100, deadline=None)
START = datetime(2024, 5, 6, 10, tzinfo=UTC)


def test_the_longest_pack_is_20_minutes() -> None:
    """The top of the options' range, and what the docs say."""
    assert MAX_MINUTES == COLD_MINUTES_RANGE[1] == 20


def test_a_pack_runs_the_asked_length_or_the_configured_one() -> None:
    """Asked for, its minutes; not asked, the configured default."""
    assert pack_length(None, DEFAULT_COLD_MINUTES) == 15
    assert pack_length(None, 12) == 12
    assert pack_length(5, 12) == 5
    # Asked for 0 minutes is asked for, not the default.
    assert pack_length(0, 12) == 0


def test_longer_than_20_minutes_is_too_long() -> None:
    """20 is the longest a pack may be; 21 is refused."""
    assert not too_long(MAX_MINUTES)
    assert not too_long(1)
    assert too_long(MAX_MINUTES + 1)


def test_a_pack_of_20_minutes_is_allowed_21_is_refused() -> None:
    """As a person asks: 5, 15 and 20 minutes start; 21 and 30 are refused."""
    assert not too_long(5)
    assert not too_long(15)
    assert not too_long(20)
    assert too_long(21)
    assert too_long(30)


def test_a_pack_ends_its_minutes_after_it_starts() -> None:
    """15 minutes from 10:00 is 10:15."""
    assert pack_end(START, 15) == START + timedelta(minutes=15)


def test_the_time_on_never_runs_past_the_end() -> None:
    """Stopped early, the time so far; ended late, the pack's own length."""
    end = pack_end(START, 15)
    assert time_on(START, end, START + timedelta(minutes=7)) == timedelta(minutes=7)
    assert time_on(START, end, end) == timedelta(minutes=15)
    assert time_on(START, end, end + timedelta(hours=2)) == timedelta(minutes=15)


@LAWS
@given(
    minutes=st.integers(min_value=0, max_value=MAX_MINUTES),
    after=st.timedeltas(timedelta(0), timedelta(days=2)),
)
def test_the_time_on_is_at_most_the_length(minutes: int, after: timedelta) -> None:
    """However late it ends, a pack was on no longer than its minutes."""
    end = pack_end(START, minutes)
    on = time_on(START, end, START + after)
    assert on == min(after, timedelta(minutes=minutes))
    assert timedelta(0) <= on <= timedelta(minutes=MAX_MINUTES)


@LAWS
@given(
    asked=st.none() | st.integers(min_value=0, max_value=120),
    default=st.integers(min_value=COLD_MINUTES_RANGE[0], max_value=MAX_MINUTES),
)
def test_a_pack_that_starts_is_never_over_20_minutes(
    asked: int | None, default: int
) -> None:
    """The configured default always starts; an asked length only up to 20."""
    length = pack_length(asked, default)
    assert too_long(length) == (length > MAX_MINUTES)
    if asked is None:
        assert not too_long(length)
