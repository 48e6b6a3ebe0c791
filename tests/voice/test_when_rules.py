"""Plain tests of voice/rules/when.py: when a said moment was, how long a span is."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings, strategies as st
import pytest

from custom_components.recovery_routines.voice.rules.when import (
    EPISODE_BEGAN,
    LAST_NIGHT,
    LAST_NIGHT_AT,
    THIS_MORNING,
    THIS_MORNING_AT,
    YESTERDAY,
    episode_began,
    whole_minutes,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
AUCKLAND = ZoneInfo("Pacific/Auckland")
# Whole-hour, half-hour and both hemispheres; none moves its clocks at 08:00
# or 21:00, so those times of day exist on every day.
ZONES = st.sampled_from(
    [UTC, AMSTERDAM, LOS_ANGELES, AUCKLAND, ZoneInfo("Asia/Kolkata")]
)
NOWS = st.datetimes(
    min_value=datetime(2000, 1, 2),
    max_value=datetime(2099, 12, 30),
    timezones=st.just(UTC),
)


def _local(day: str, at: str, zone: ZoneInfo) -> datetime:
    """Return a local wall-clock moment, as Home Assistant's utcnow() holds it."""
    return datetime.fromisoformat(f"{day}T{at}").replace(tzinfo=zone).astimezone(UTC)


def test_said_words() -> None:
    """The slot's values are the three words the sentences give."""
    assert EPISODE_BEGAN == ("yesterday", "this_morning", "last_night")
    assert (YESTERDAY, THIS_MORNING, LAST_NIGHT) == EPISODE_BEGAN


def test_just_now_is_none() -> None:
    """Nothing said: the episode begins now, which the tracker decides."""
    now = _local("2024-05-06", "14:30", AMSTERDAM)
    assert episode_began(None, now=now, zone=AMSTERDAM) is None


def test_yesterday_is_a_day_ago() -> None:
    """Yesterday: this time yesterday, so today is the second day."""
    now = _local("2024-05-06", "14:30", AMSTERDAM)
    assert episode_began(YESTERDAY, now=now, zone=AMSTERDAM) == _local(
        "2024-05-05", "14:30", AMSTERDAM
    )


def test_this_morning_is_eight_oclock_today() -> None:
    """Said this morning: 08:00 local time today, given in UTC."""
    now = _local("2024-05-06", "14:30", AMSTERDAM)
    began = episode_began(THIS_MORNING, now=now, zone=AMSTERDAM)
    assert began == datetime(2024, 5, 6, 6, 0, tzinfo=UTC)
    assert began is not None
    assert began.tzinfo is UTC


def test_this_morning_before_eight_is_now() -> None:
    """Said before 08:00, this morning is now: never later than now."""
    now = _local("2024-05-06", "07:59:59.999999", AMSTERDAM)
    assert episode_began(THIS_MORNING, now=now, zone=AMSTERDAM) == now


def test_this_morning_at_eight() -> None:
    """At 08:00 exactly, and a moment later, it is 08:00."""
    eight = _local("2024-05-06", "08:00", AMSTERDAM)
    assert episode_began(THIS_MORNING, now=eight, zone=AMSTERDAM) == eight
    later = eight + timedelta(microseconds=1)
    assert episode_began(THIS_MORNING, now=later, zone=AMSTERDAM) == eight


def test_last_night_is_nine_yesterday() -> None:
    """Last night: 21:00 local time yesterday, given in UTC."""
    now = _local("2024-05-06", "00:05", AMSTERDAM)
    began = episode_began(LAST_NIGHT, now=now, zone=AMSTERDAM)
    assert began == datetime(2024, 5, 5, 19, 0, tzinfo=UTC)
    assert began is not None
    assert began.tzinfo is UTC
    late = _local("2024-05-06", "23:59", AMSTERDAM)
    assert episode_began(LAST_NIGHT, now=late, zone=AMSTERDAM) == began


def test_any_other_word_is_last_night() -> None:
    """The slot allows only the three words; the rule reads the rest as last night."""
    now = _local("2024-05-06", "14:30", AMSTERDAM)
    last_night = episode_began(LAST_NIGHT, now=now, zone=AMSTERDAM)
    # Words that sort before, between and after the three.
    for word in ("the other day", "tonight", "yesteryear"):
        assert episode_began(word, now=now, zone=AMSTERDAM) == last_night


def test_the_words_as_parsed() -> None:
    """A word parsed from a sentence is equal to ours, not the same object."""
    now = _local("2024-05-06", "14:30", AMSTERDAM)
    for word in EPISODE_BEGAN:
        parsed = "".join(list(word))
        assert parsed is not word
        assert episode_began(parsed, now=now, zone=AMSTERDAM) == episode_began(
            word, now=now, zone=AMSTERDAM
        )


def test_now_and_zone_are_named() -> None:
    """`now` and `zone` are keywords: neither can be given for the other."""
    now = _local("2024-05-06", "14:30", AMSTERDAM)
    assert episode_began(YESTERDAY, now=now, zone=AMSTERDAM) is not None
    with pytest.raises(TypeError):
        episode_began(YESTERDAY, now, AMSTERDAM)  # type: ignore[call-arg]


def test_the_day_is_the_local_one() -> None:
    """Today is the local day, not UTC's: 20:00 UTC is tomorrow in Auckland."""
    now = datetime(2024, 3, 10, 20, 0, tzinfo=UTC)
    # 09:00 on 11 March in Auckland (NZDT, +13).
    assert episode_began(THIS_MORNING, now=now, zone=AUCKLAND) == datetime(
        2024, 3, 10, 19, 0, tzinfo=UTC
    )
    # 13:00 on 10 March in Los Angeles, the first day of summer time (PDT, -7).
    assert episode_began(THIS_MORNING, now=now, zone=LOS_ANGELES) == datetime(
        2024, 3, 10, 15, 0, tzinfo=UTC
    )
    # 21:00 on 9 March in Los Angeles was still winter time (PST, -8).
    assert episode_began(LAST_NIGHT, now=now, zone=LOS_ANGELES) == datetime(
        2024, 3, 10, 5, 0, tzinfo=UTC
    )


@settings(max_examples=200, deadline=None)
@given(when=st.sampled_from(EPISODE_BEGAN), now=NOWS, zone=ZONES)
def test_never_after_now(when: str, now: datetime, zone: ZoneInfo) -> None:
    """Law: an episode never began after now, and at most two days before."""
    began = episode_began(when, now=now, zone=zone)
    assert began is not None
    assert now - timedelta(days=2) < began <= now
    assert began.utcoffset() == timedelta(0)


@settings(max_examples=100, deadline=None)
@given(now=NOWS, zone=ZONES)
def test_yesterday_law(now: datetime, zone: ZoneInfo) -> None:
    """Law: yesterday is exactly a day before now, in any zone."""
    assert episode_began(YESTERDAY, now=now, zone=zone) == now - timedelta(days=1)


@settings(max_examples=200, deadline=None)
@given(now=NOWS, zone=ZONES)
def test_this_morning_law(now: datetime, zone: ZoneInfo) -> None:
    """Law: this morning is 08:00 of the local day, or now if that is earlier."""
    began = episode_began(THIS_MORNING, now=now, zone=zone)
    assert began is not None
    local_now = now.astimezone(zone)
    if local_now.time() < THIS_MORNING_AT:
        assert began == now
    else:
        local = began.astimezone(zone)
        assert (local.date(), local.time()) == (local_now.date(), THIS_MORNING_AT)


@settings(max_examples=200, deadline=None)
@given(now=NOWS, zone=ZONES)
def test_last_night_law(now: datetime, zone: ZoneInfo) -> None:
    """Law: last night is 21:00 of the local day before, always before now."""
    began = episode_began(LAST_NIGHT, now=now, zone=zone)
    assert began is not None
    assert began < now
    local = began.astimezone(zone)
    yesterday = now.astimezone(zone).date() - timedelta(days=1)
    assert (local.date(), local.time()) == (yesterday, LAST_NIGHT_AT)


def test_whole_minutes_round_up() -> None:
    """A started minute counts whole: 20 minutes, and 1 for a moment."""
    assert whole_minutes(timedelta(0)) == 0
    assert whole_minutes(timedelta(microseconds=1)) == 1
    assert whole_minutes(timedelta(seconds=59)) == 1
    assert whole_minutes(timedelta(seconds=60)) == 1
    assert whole_minutes(timedelta(seconds=60, microseconds=1)) == 2
    assert whole_minutes(timedelta(minutes=20)) == 20
    assert whole_minutes(timedelta(minutes=19, seconds=1)) == 20


def test_whole_minutes_of_a_past_moment() -> None:
    """A span already over rounds up towards zero, as math.ceil does."""
    assert whole_minutes(timedelta(seconds=-30)) == 0
    assert whole_minutes(timedelta(seconds=-60)) == -1
    assert whole_minutes(timedelta(seconds=-61)) == -1


@settings(max_examples=200, deadline=None)
@given(span=st.timedeltas(min_value=timedelta(days=-2), max_value=timedelta(days=2)))
def test_whole_minutes_law(span: timedelta) -> None:
    """Law: the minutes said cover the span, and one fewer would not."""
    minutes = whole_minutes(span)
    assert timedelta(minutes=minutes - 1) < span <= timedelta(minutes=minutes)
