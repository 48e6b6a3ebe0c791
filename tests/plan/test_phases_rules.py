"""Plain tests of plan/rules/phases.py: the course of an episode, pain and check-ins.

No Home Assistant: the rules take their check-ins as plain objects with
`.at` and `.level`, and the local zone as a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from hypothesis import given, settings, strategies as st
import pytest

from custom_components.recovery_routines.const import (
    ACUTE_HOURS_RANGE,
    LOW_PAIN,
    LOW_PAIN_FOR,
    NOT_IMPROVED_AFTER,
    PAIN_AVERAGE_OVER,
    PAIN_RANGE,
    RECOVERY_AT_MOST,
    PainTrend,
    Phase,
)
from custom_components.recovery_routines.plan.rules.phases import (
    CHECK_IN_TIMES,
    PAIN_AROUND,
    RISES_IN_A_ROW,
    TREND_STEP,
    TREND_WINDOW,
    clamp,
    episode_day,
    low_pain_since,
    next_check_in,
    next_phase,
    not_improved,
    not_improved_due,
    pain_around,
    pain_average,
    pain_trend,
    recent_pain,
    rising,
)

LAWS = settings(max_examples=150, deadline=None)
START = datetime(2024, 5, 6, 12, 0, tzinfo=UTC)
TINY = timedelta(microseconds=1)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
HONOLULU = ZoneInfo("Pacific/Honolulu")
# None of these moves its clocks at 09:00 or 19:00, so both exist every day.
ZONES = st.sampled_from(
    [
        UTC,
        AMSTERDAM,
        HONOLULU,
        ZoneInfo("America/New_York"),
        ZoneInfo("Pacific/Auckland"),
        ZoneInfo("Asia/Kolkata"),
        ZoneInfo("Australia/Lord_Howe"),
    ]
)
NOWS = st.datetimes(
    min_value=datetime(2000, 1, 2),
    max_value=datetime(2099, 12, 30),
    timezones=st.just(UTC),
)
# The order an episode runs through by itself.
ORDER = [Phase.ACUTE, Phase.RECOVERY, Phase.MAINTENANCE]


@dataclass(frozen=True, kw_only=True)
class Pain:
    """A check-in as the rules see it."""

    at: datetime
    level: int


@dataclass(frozen=True, kw_only=True)
class Span:
    """A session as the rules see it."""

    start: datetime
    end: datetime


def pain(*levels: int, every: timedelta = timedelta(hours=12)) -> list[Pain]:
    """Return check-ins of `levels`, the first at START, one every `every`."""
    return [Pain(at=START + every * n, level=level) for n, level in enumerate(levels)]


def days(count: float) -> timedelta:
    """Return `count` days."""
    return timedelta(days=count)


def step(
    phase: Phase,
    *,
    since: datetime | None = START,
    started_at: datetime | None = START,
    by_hand: bool = False,
    acute_hours: int = 48,
    checks: list[Pain] | None = None,
) -> tuple[Phase, datetime] | None:
    """Return the next phase, with the defaults of an episode begun at START."""
    return next_phase(
        phase=phase,
        since=since,
        started_at=started_at,
        by_hand=by_hand,
        acute_hours=acute_hours,
        pain=checks or [],
    )


# ----- strategies ---------------------------------------------------------------

levels = st.integers(min_value=PAIN_RANGE[0], max_value=PAIN_RANGE[1])
level_lists = st.lists(levels, max_size=12)
offsets = st.timedeltas(min_value=timedelta(0), max_value=days(30))


@st.composite
def check_ins(draw: st.DrawFn, since: datetime = START) -> list[Pain]:
    """Check-ins from `since` on, oldest first, some before `since`."""
    gaps = draw(st.lists(offsets, max_size=10))
    first = since - draw(st.timedeltas(min_value=timedelta(0), max_value=days(3)))
    moments, moment = [], first
    for gap in gaps:
        moment += gap / 10
        moments.append(moment)
    return [Pain(at=at, level=draw(levels)) for at in moments]


# ----- clamp ----------------------------------------------------------------------


def test_clamp_keeps_a_value_in_range() -> None:
    """A value in range is kept, the ends included; beyond, the nearest end."""
    assert clamp(60, (48, 72)) == 60
    assert clamp(48, (48, 72)) == 48
    assert clamp(72, (48, 72)) == 72
    assert clamp(47, (48, 72)) == 48
    assert clamp(73, (48, 72)) == 72
    assert clamp(-5, (0, 4)) == 0


@LAWS
@given(st.integers(), st.integers(-100, 100), st.integers(0, 100))
def test_clamp_law(value: int, low: int, width: int) -> None:
    """The result lies in the range, and is the value whenever that does."""
    result = clamp(value, (low, low + width))
    assert low <= result <= low + width
    if low <= value <= low + width:
        assert result == value


# ----- the next phase -------------------------------------------------------------


def test_no_episode_no_next_phase() -> None:
    """Without a start or a phase begun there is nothing to move on to."""
    assert step(Phase.ACUTE, since=None) is None
    assert step(Phase.ACUTE, started_at=None) is None
    assert step(Phase.RECOVERY, started_at=None) is None


def test_acute_moves_on_after_its_hours() -> None:
    """Acute: recovery when the acute hours since it began are over."""
    assert step(Phase.ACUTE) == (Phase.RECOVERY, START + timedelta(hours=48))
    assert step(Phase.ACUTE, acute_hours=72) == (
        Phase.RECOVERY,
        START + timedelta(hours=72),
    )
    later = START + days(5)
    assert step(Phase.ACUTE, since=later, by_hand=True) == (
        Phase.RECOVERY,
        later + timedelta(hours=48),
    )


def test_maintenance_and_none_stay() -> None:
    """Maintenance is the last phase; none has no course."""
    assert step(Phase.MAINTENANCE) is None
    assert step(Phase.NONE) is None


def test_recovery_lasts_two_weeks_at_most() -> None:
    """Recovery without low pain: maintenance two weeks after the start."""
    since = START + timedelta(hours=48)
    assert step(Phase.RECOVERY, since=since) == (
        Phase.MAINTENANCE,
        START + RECOVERY_AT_MOST,
    )
    assert step(Phase.RECOVERY, since=since, checks=pain(5, 6, 4, 3)) == (
        Phase.MAINTENANCE,
        START + RECOVERY_AT_MOST,
    )


def test_recovery_set_by_hand_runs_from_then() -> None:
    """Recovery set by hand: its two weeks count from when it was set."""
    since = START + days(4)
    assert step(Phase.RECOVERY, since=since, by_hand=True) == (
        Phase.MAINTENANCE,
        since + RECOVERY_AT_MOST,
    )


def test_low_pain_for_three_days_moves_on() -> None:
    """Pain at most LOW_PAIN since a check-in: maintenance LOW_PAIN_FOR after it."""
    checks = pain(6, 5, LOW_PAIN, 1, 0)
    assert step(Phase.RECOVERY, since=START + days(2), checks=checks) == (
        Phase.MAINTENANCE,
        checks[2].at + LOW_PAIN_FOR,
    )


def test_pain_above_low_breaks_the_run() -> None:
    """One check-in above LOW_PAIN starts the run of low pain again."""
    checks = pain(1, 1, LOW_PAIN + 1, 1, 0)
    assert step(Phase.RECOVERY, checks=checks) == (
        Phase.MAINTENANCE,
        checks[3].at + LOW_PAIN_FOR,
    )
    assert step(Phase.RECOVERY, checks=pain(0, 1, LOW_PAIN + 1)) == (
        Phase.MAINTENANCE,
        START + RECOVERY_AT_MOST,
    )


def test_low_pain_late_in_recovery_waits_for_two_weeks() -> None:
    """Low pain begun 12 days in: the two weeks come first."""
    checks = [Pain(at=START + days(12), level=0)]
    assert step(Phase.RECOVERY, checks=checks) == (
        Phase.MAINTENANCE,
        START + RECOVERY_AT_MOST,
    )
    checks = [Pain(at=START + days(11) - TINY, level=0)]
    assert step(Phase.RECOVERY, checks=checks) == (
        Phase.MAINTENANCE,
        START + days(14) - TINY,
    )


def test_low_pain_counts_from_the_anchor_on() -> None:
    """Check-ins before the anchor do not count; one at the anchor does."""
    since = START + days(4)
    before = [Pain(at=since - TINY, level=0), Pain(at=since + days(1), level=0)]
    assert step(Phase.RECOVERY, since=since, by_hand=True, checks=before) == (
        Phase.MAINTENANCE,
        since + days(1) + LOW_PAIN_FOR,
    )
    at_anchor = [Pain(at=since, level=0), Pain(at=since + days(1), level=0)]
    assert step(Phase.RECOVERY, since=since, by_hand=True, checks=at_anchor) == (
        Phase.MAINTENANCE,
        since + LOW_PAIN_FOR,
    )


def test_recovery_by_time_counts_low_pain_from_the_start() -> None:
    """Recovery entered by time: low pain counts from the episode's start."""
    checks = [Pain(at=START + days(1), level=0)]
    assert step(Phase.RECOVERY, since=START + days(2), checks=checks) == (
        Phase.MAINTENANCE,
        START + days(1) + LOW_PAIN_FOR,
    )


def test_low_pain_since() -> None:
    """When the run of low check-ins at the end began; None without one."""
    assert low_pain_since([], START) is None
    assert low_pain_since(pain(LOW_PAIN + 1), START) is None
    checks = pain(LOW_PAIN + 1, LOW_PAIN, 0)
    assert low_pain_since(checks, START) == checks[1].at
    assert low_pain_since(checks, checks[2].at) == checks[2].at
    assert low_pain_since(checks, checks[2].at + TINY) is None


@LAWS
@given(
    phase=st.sampled_from(list(Phase)),
    since=offsets,
    by_hand=st.booleans(),
    acute_hours=st.integers(*ACUTE_HOURS_RANGE),
    checks=check_ins(),
)
def test_phases_only_move_forward(
    phase: Phase, since: timedelta, by_hand: bool, acute_hours: int, checks: list[Pain]
) -> None:
    """The next phase is always a later one: acute, recovery, maintenance."""
    result = step(
        phase,
        since=START + since,
        by_hand=by_hand,
        acute_hours=acute_hours,
        checks=checks,
    )
    if phase in (Phase.MAINTENANCE, Phase.NONE):
        assert result is None
    else:
        assert result is not None
        assert ORDER.index(result[0]) == ORDER.index(phase) + 1


@LAWS
@given(
    hand_set=st.booleans(),
    since=offsets,
    acute_hours=st.integers(*ACUTE_HOURS_RANGE),
    data=st.data(),
)
def test_the_next_change_is_never_before_the_phase_began(
    hand_set: bool, since: timedelta, acute_hours: int, data: st.DataObject
) -> None:
    """Acute, recovery set by hand, or recovery reached by time: never earlier.

    (Recovery reached by time after acute was set by hand late counts low
    pain from the episode's start, so it is left out of this law.)
    """
    began = START + since if hand_set else START + timedelta(hours=acute_hours)
    checks = data.draw(check_ins(START))
    for phase in (Phase.ACUTE, Phase.RECOVERY):
        since_phase = START + since if phase is Phase.ACUTE else began
        result = step(
            phase,
            since=since_phase,
            by_hand=hand_set,
            acute_hours=acute_hours,
            checks=checks,
        )
        assert result is not None
        assert result[1] >= since_phase


@LAWS
@given(acute_hours=st.integers(*ACUTE_HOURS_RANGE), checks=check_ins())
def test_an_untouched_episode_runs_its_course(
    acute_hours: int, checks: list[Pain]
) -> None:
    """Followed by time alone: acute, recovery, maintenance within two weeks."""
    phase, since, seen = Phase.ACUTE, START, [Phase.ACUTE]
    while (
        result := step(phase, since=since, acute_hours=acute_hours, checks=checks)
    ) is not None:
        assert result[1] >= since
        phase, since = result
        seen.append(phase)
    assert seen == ORDER
    assert since <= START + RECOVERY_AT_MOST


# ----- how pain moves -------------------------------------------------------------


def test_a_trend_needs_two_check_ins() -> None:
    """With none or one check-in there is no trend."""
    assert pain_trend([]) is None
    assert pain_trend([5]) is None


def test_trend_by_a_whole_step() -> None:
    """A change of TREND_STEP or more either way is a trend; less is steady."""
    assert TREND_STEP == 1.0
    assert pain_trend([5, 4]) is PainTrend.IMPROVING
    assert pain_trend([4, 5]) is PainTrend.WORSE
    assert pain_trend([5, 5]) is PainTrend.STEADY
    # Two and two: means 5 and 4.5, then 5.5 and 4.5, 4.5 and 5.5.
    assert pain_trend([5, 5, 4, 5]) is PainTrend.STEADY
    assert pain_trend([6, 5, 4, 5]) is PainTrend.IMPROVING
    assert pain_trend([4, 5, 5, 6]) is PainTrend.WORSE
    assert pain_trend([5, 4, 5, 5]) is PainTrend.STEADY


def test_trend_compares_the_latest_three_with_the_three_before() -> None:
    """At most TREND_WINDOW check-ins on each side; older ones do not count."""
    assert TREND_WINDOW == 3
    assert pain_trend([0, 9, 9, 9, 8, 8, 8]) is PainTrend.IMPROVING
    assert pain_trend([0, 0, 0, 9, 9, 9, 8, 8, 8]) is PainTrend.IMPROVING
    # Five check-ins: two and two, the first left out.
    assert pain_trend([0, 6, 6, 5, 5]) is PainTrend.IMPROVING
    assert pain_trend([10, 5, 5, 6, 6]) is PainTrend.WORSE
    # Three check-ins: one and one.
    assert pain_trend([0, 6, 5]) is PainTrend.IMPROVING


@LAWS
@given(st.lists(levels, max_size=5))
def test_trend_mirrors(levels: list[int]) -> None:
    """Pain mirrored (10 - level) turns improving into worse, and back.

    Up to five check-ins, so the means are halves, exact in floating point.
    """
    mirrored = {
        PainTrend.IMPROVING: PainTrend.WORSE,
        PainTrend.WORSE: PainTrend.IMPROVING,
    }
    trend = pain_trend(levels)
    flipped = pain_trend([PAIN_RANGE[1] - level for level in levels])
    assert flipped == (mirrored.get(trend, trend) if trend else None)
    assert (trend is None) == (len(levels) < 2)


@LAWS
@given(st.integers(0, 10), st.integers(2, 12))
def test_the_same_pain_is_steady(level: int, count: int) -> None:
    """Check-ins that do not change are steady."""
    assert pain_trend([level] * count) is PainTrend.STEADY


def test_rising_three_times_in_a_row() -> None:
    """Pain higher on each of RISES_IN_A_ROW check-ins in a row; strictly."""
    assert RISES_IN_A_ROW == 3
    assert rising([1, 2, 3, 4]) is True
    assert rising([9, 1, 2, 3, 4]) is True
    assert rising([1, 2, 3]) is False
    assert rising([]) is False
    assert rising([1, 2, 2, 3]) is False
    assert rising([1, 2, 3, 4, 4]) is False
    assert rising([2, 1, 3, 4]) is False


@LAWS
@given(level_lists, st.lists(levels, min_size=RISES_IN_A_ROW + 1, max_size=8))
def test_rising_looks_at_the_latest_only(before: list[int], latest: list[int]) -> None:
    """Older check-ins never change whether pain is rising now."""
    assert rising(before + latest) == rising(latest)
    if rising(latest):
        assert latest[-1] - latest[-RISES_IN_A_ROW - 1] >= RISES_IN_A_ROW


# ----- not improved ---------------------------------------------------------------


def test_not_improved_after_two_weeks() -> None:
    """Two weeks on, pain above LOW_PAIN and no lower than at first."""
    assert not_improved_due(START) == START + NOT_IMPROVED_AFTER
    checks = pain(5, 5)
    due = START + NOT_IMPROVED_AFTER
    assert not_improved(checks, started_at=START, now=due) is True
    assert not_improved(checks, started_at=START, now=due - TINY) is False
    assert not_improved(checks, started_at=None, now=due) is False
    assert not_improved([], started_at=START, now=due) is False
    # Any time after the two weeks, too.
    assert not_improved(checks, started_at=START, now=due + days(3)) is True
    assert not_improved(pain(1, 1), started_at=START, now=due + days(3)) is False


def test_not_improved_compares_first_and_latest() -> None:
    """Lower than at first, or low, is improved."""
    due = START + NOT_IMPROVED_AFTER
    assert not_improved(pain(4, 6), started_at=START, now=due) is True
    assert not_improved(pain(6, 4), started_at=START, now=due) is False
    assert not_improved(pain(LOW_PAIN + 1), started_at=START, now=due) is True
    assert not_improved(pain(LOW_PAIN, LOW_PAIN), started_at=START, now=due) is False
    # Low all along, below LOW_PAIN: improved.
    assert not_improved(pain(0), started_at=START, now=due) is False
    assert not_improved(pain(1, 1), started_at=START, now=due) is False
    # Low at first, then worse: the latest check-in decides, not the first.
    assert not_improved(pain(1, 5), started_at=START, now=due) is True


def test_not_improved_counts_the_episode_only() -> None:
    """Check-ins before the episode began do not count; one at its start does."""
    due = START + NOT_IMPROVED_AFTER
    earlier = [Pain(at=START - TINY, level=9), *pain(5, 5)]
    assert not_improved(earlier, started_at=START, now=due) is True
    at_start = [Pain(at=START, level=6), Pain(at=START + days(1), level=5)]
    assert not_improved(at_start, started_at=START, now=due) is False


# ----- the last 7 days ------------------------------------------------------------


def test_recent_pain_is_the_last_seven_days() -> None:
    """A check-in exactly PAIN_AVERAGE_OVER old is no longer recent."""
    now = START + days(10)
    old = Pain(at=now - PAIN_AVERAGE_OVER, level=1)
    fresh = Pain(at=now - PAIN_AVERAGE_OVER + TINY, level=2)
    assert recent_pain([old, fresh], now) == [fresh]
    older = Pain(at=now - PAIN_AVERAGE_OVER - days(2), level=3)
    assert recent_pain([older, fresh], now) == [fresh]
    assert recent_pain([], now) == []


def test_pain_average() -> None:
    """The mean to one decimal; none without check-ins."""
    assert pain_average([]) is None
    assert pain_average([1, 2]) == 1.5
    assert pain_average([1, 1, 2]) == 1.3
    assert pain_average([4]) == 4


# ----- pain around a session --------------------------------------------------------


def test_pain_within_an_hour_around_a_session() -> None:
    """An hour before its start and an hour after its end, the ends included."""
    session = Span(start=START, end=START + timedelta(minutes=20))
    checks = [
        Pain(at=session.start - PAIN_AROUND, level=6),
        Pain(at=session.end + PAIN_AROUND, level=3),
    ]
    assert pain_around(session, checks) == (6, 3)
    at_the_ends = [Pain(at=session.start, level=7), Pain(at=session.end, level=2)]
    assert pain_around(session, at_the_ends) == (7, 2)


def test_pain_beyond_an_hour_does_not_count() -> None:
    """A moment more than an hour away, on either side, is left out."""
    session = Span(start=START, end=START + timedelta(minutes=20))
    assert timedelta(hours=1) == PAIN_AROUND
    early = Pain(at=session.start - PAIN_AROUND - TINY, level=6)
    late = Pain(at=session.end + PAIN_AROUND + TINY, level=3)
    before = Pain(at=session.start, level=6)
    after = Pain(at=session.end, level=3)
    assert pain_around(session, [early, after]) is None
    assert pain_around(session, [before, late]) is None
    assert pain_around(session, [before]) is None
    assert pain_around(session, [after]) is None
    # During the session is neither before nor after.
    during = Pain(at=session.start + timedelta(minutes=10), level=5)
    assert pain_around(session, [during]) is None


def test_the_nearest_check_in_on_each_side() -> None:
    """The latest before the start, the earliest after the end."""
    session = Span(start=START, end=START + timedelta(minutes=20))
    checks = [
        Pain(at=session.start - timedelta(minutes=50), level=8),
        Pain(at=session.start - timedelta(minutes=5), level=7),
        Pain(at=session.end + timedelta(minutes=5), level=4),
        Pain(at=session.end + timedelta(minutes=50), level=1),
    ]
    assert pain_around(session, checks) == (7, 4)


# ----- the next check-in ------------------------------------------------------------


def utc(text: str) -> datetime:
    """Return a UTC moment from ISO text."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2024-05-06T00:00:00", "2024-05-06T09:00:00"),
        ("2024-05-06T08:59:59.999999", "2024-05-06T09:00:00"),
        ("2024-05-06T09:00:00", "2024-05-06T19:00:00"),
        ("2024-05-06T18:59:59", "2024-05-06T19:00:00"),
        ("2024-05-06T19:00:00", "2024-05-07T09:00:00"),
        ("2024-05-06T23:59:59", "2024-05-07T09:00:00"),
    ],
)
def test_check_ins_morning_and_evening(now: str, expected: str) -> None:
    """At 09:00 and 19:00, the next one strictly after now."""
    assert (time(9, 0), time(19, 0)) == CHECK_IN_TIMES
    result = next_check_in(utc(now), UTC)
    assert result == utc(expected)
    assert result.tzinfo is UTC


def test_check_ins_are_local_times() -> None:
    """In Amsterdam in May 09:00 is 07:00 UTC; the local day counts, not UTC's."""
    assert next_check_in(utc("2024-05-06T07:00:00"), AMSTERDAM) == utc(
        "2024-05-06T17:00:00"
    )
    # Honolulu, 10 hours behind: 17:00 on the 6th there is the 7th in UTC.
    now = utc("2024-05-07T03:00:00")
    result = next_check_in(now, HONOLULU)
    assert result == utc("2024-05-07T05:00:00")
    assert result.tzinfo is UTC


def test_check_ins_across_a_clock_change() -> None:
    """The night the clocks go forward, the morning check-in is still at 09:00."""
    # Amsterdam, 31 March 2024: 19:00 CET the evening before is 18:00 UTC.
    now = utc("2024-03-30T18:00:00")
    assert next_check_in(now, AMSTERDAM) == utc("2024-03-31T07:00:00")


@LAWS
@given(now=NOWS, zone=ZONES)
def test_the_next_check_in_is_after_now_and_within_a_day(
    now: datetime, zone: tzinfo
) -> None:
    """After now, within a day, at a check-in time, and none in between."""
    result = next_check_in(now, zone)
    assert now < result <= now + days(1)
    assert result.astimezone(zone).time() in CHECK_IN_TIMES
    today = now.astimezone(zone).date()
    for offset in (-1, 0, 1, 2):
        for at in CHECK_IN_TIMES:
            moment = datetime.combine(today + days(offset), at, tzinfo=zone)
            assert not now < moment < result


# ----- the day of an episode ----------------------------------------------------------


def test_day_one_is_the_day_it_started() -> None:
    """Day 1 until local midnight, then day 2."""
    started = utc("2024-05-06T10:00:00")
    assert episode_day(started, started, UTC) == 1
    assert episode_day(started, utc("2024-05-06T23:59:59"), UTC) == 1
    assert episode_day(started, utc("2024-05-07T00:00:00"), UTC) == 2
    assert episode_day(started, utc("2024-05-16T00:00:00"), UTC) == 11


def test_the_day_is_the_local_day() -> None:
    """Started 01:30 local in Amsterdam (23:30 UTC the day before): day 1."""
    started = utc("2024-05-06T23:30:00")
    now = utc("2024-05-07T10:00:00")
    assert episode_day(started, now, AMSTERDAM) == 1
    assert episode_day(started, now, UTC) == 2


@LAWS
@given(
    started=NOWS,
    later=st.timedeltas(min_value=timedelta(0), max_value=days(60)),
    hours=st.integers(-12, 14),
)
def test_a_day_later_is_the_next_day(
    started: datetime, later: timedelta, hours: int
) -> None:
    """From day 1 on; one day later is one day more, in a zone of fixed offset."""
    zone = timezone(timedelta(hours=hours))
    day = episode_day(started, started + later, zone)
    assert day >= 1
    assert episode_day(started, started + later + days(1), zone) == day + 1
