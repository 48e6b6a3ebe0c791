"""The waking window and the next reminder, as plain rules (no Home Assistant).

The laws run in fixed-offset zones, where a local time of day always exists
once; the examples at the end show a daylight saving change in a real zone.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone, tzinfo
import itertools
from zoneinfo import ZoneInfo

from hypothesis import given, settings, strategies as st

from custom_components.recovery_routines.stretches.rules.window import (
    ReminderPlan,
    ReminderSchedule,
    in_window,
    move_into_window,
    next_local,
    time_in_window,
)

PLUS_TWO = timezone(timedelta(hours=2))
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
LAWS = settings(max_examples=100, deadline=None)

# A day in a zone 2 hours ahead of UTC: local 08:00 is 06:00 UTC.
DAY = datetime(2024, 5, 6, tzinfo=PLUS_TWO)


def at(hour: int, minute: int = 0, *, days: int = 0, second: int = 0) -> datetime:
    """Return a local time of DAY (or `days` later) in PLUS_TWO, in UTC."""
    local = DAY + timedelta(days=days, hours=hour, minutes=minute, seconds=second)
    return local.astimezone(UTC)


def schedule(
    *,
    interval: int = 180,
    plan: ReminderPlan | None = None,
    start: time = time(8),
    end: time = time(21),
    zone: tzinfo = PLUS_TWO,
) -> ReminderSchedule:
    """Return the rules of reminders with the defaults of a new entry."""
    return ReminderSchedule(
        interval=interval, plan=plan, start=start, end=end, zone=zone
    )


def daily(hour: int) -> ReminderPlan:
    """Return a plan of a daily reminder at `hour` local time."""
    return ReminderPlan(minutes=1440, kind="routine", text_key="daily", at=time(hour))


# ----- strategies ---------------------------------------------------------------

zones = st.integers(min_value=-12 * 4, max_value=14 * 4).map(
    lambda quarters: timezone(timedelta(minutes=15 * quarters))
)
times_of_day = st.builds(
    time, st.integers(min_value=0, max_value=23), st.integers(min_value=0, max_value=59)
)
moments = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.just(UTC),
)
plans = st.none() | st.builds(
    ReminderPlan,
    minutes=st.integers(min_value=1, max_value=1440),
    kind=st.sampled_from(["cold", "stretches", "routine"]),
    text_key=st.just("text"),
    at=st.none() | times_of_day,
)
schedules = st.builds(
    ReminderSchedule,
    interval=st.integers(min_value=15, max_value=720),
    plan=plans,
    start=times_of_day,
    end=times_of_day,
    zone=zones,
)


# ----- laws -----------------------------------------------------------------------


@LAWS
@given(rules=schedules, moment=moments)
def test_the_next_reminder_is_in_the_window_after_its_moment(
    rules: ReminderSchedule, moment: datetime
) -> None:
    """Whatever the plan, the reminder after one is later, and in waking hours."""
    due = rules.next_reminder(moment)
    assert due > moment
    assert rules.in_window(due)


@LAWS
@given(rules=schedules, when=moments)
def test_moving_into_the_window_never_moves_back(
    rules: ReminderSchedule, when: datetime
) -> None:
    """A time moves forward to the first start, less than a day on, or stays."""
    moved = rules.into_window(when)
    assert when <= moved <= when + timedelta(days=1)
    assert rules.in_window(moved)
    assert rules.into_window(moved) == moved
    if rules.in_window(when):
        assert moved is when
    else:
        assert moved.astimezone(rules.zone).time() == rules.start


@LAWS
@given(start=times_of_day, local=times_of_day, when=moments, zone=zones)
def test_a_window_that_starts_where_it_ends_is_the_whole_day(
    start: time, local: time, when: datetime, zone: tzinfo
) -> None:
    """The same start and end never keep a reminder back."""
    assert time_in_window(local, start, start)
    assert in_window(when, start, start, zone)
    assert move_into_window(when, start, start, zone) is when


@LAWS
@given(start=times_of_day, end=times_of_day, local=times_of_day)
def test_a_window_across_midnight_is_what_the_day_window_leaves(
    start: time, end: time, local: time
) -> None:
    """From 22:00 to 07:00 is every time of day but those from 07:00 to 22:00."""
    if start != end:
        assert time_in_window(local, start, end) != time_in_window(local, end, start)


@LAWS
@given(daily_at=times_of_day, after=moments, zone=zones)
def test_a_local_time_comes_round_within_a_day(
    daily_at: time, after: datetime, zone: tzinfo
) -> None:
    """The next 18:00 is after the moment, a day at most, and at 18:00 local time."""
    moment = next_local(daily_at, after, zone)
    assert after < moment <= after + timedelta(days=1)
    assert moment.astimezone(zone).time() == daily_at
    assert moment.tzinfo is UTC


@LAWS
@given(
    rules=schedules,
    now=moments,
    stretched_before=st.none() | st.timedeltas(timedelta(0), timedelta(days=2)),
    reminded_before=st.none() | st.timedeltas(timedelta(0), timedelta(days=2)),
)
def test_an_interval_runs_from_the_last_stretch_or_reminder_never_before_now(
    rules: ReminderSchedule,
    now: datetime,
    stretched_before: timedelta | None,
    reminded_before: timedelta | None,
) -> None:
    """A new interval counts from the later of the two, and is never in the past."""
    last_stretch = None if stretched_before is None else now - stretched_before
    last_reminder = None if reminded_before is None else now - reminded_before
    due = rules.next_due(now, last_stretch=last_stretch, last_reminder=last_reminder)
    assert due >= now
    if rules.plan is not None and rules.plan.at is not None:
        assert due == next_local(rules.plan.at, now, rules.zone)
        return
    base = max(
        (moment for moment in (last_stretch, last_reminder) if moment is not None),
        default=now,
    )
    assert due == max(base + timedelta(minutes=rules.minutes), now)


@LAWS
@given(
    rules=schedules,
    first=moments,
    hours=st.integers(min_value=0, max_value=96),
    limit=st.integers(min_value=0, max_value=12),
)
def test_upcoming_reminders_follow_one_another(
    rules: ReminderSchedule, first: datetime, hours: int, limit: int
) -> None:
    """Each comes after the one before it, before `until`, at most `limit` of them."""
    due = rules.into_window(first)
    until = first + timedelta(hours=hours)
    times = rules.upcoming(due, until, limit)
    assert len(times) <= limit
    assert all(moment < until for moment in times)
    assert all(rules.in_window(moment) for moment in times)
    assert times == sorted(set(times))
    for earlier, later in itertools.pairwise(times):
        assert later == rules.next_reminder(earlier)


# ----- the window, at its edges ---------------------------------------------------


def test_the_first_minute_is_in_and_the_last_one_is_out() -> None:
    """From 08:00 to 21:00: 08:00 and 20:59 are in, 07:59 and 21:00 are out."""
    assert time_in_window(time(8), time(8), time(21))
    assert time_in_window(time(20, 59), time(8), time(21))
    assert not time_in_window(time(7, 59), time(8), time(21))
    assert not time_in_window(time(21), time(8), time(21))


def test_a_window_across_midnight_at_its_edges() -> None:
    """From 20:00 to 06:00: 20:00, midnight and 05:59 are in, 06:00 and noon out."""
    assert time_in_window(time(20), time(20), time(6))
    assert time_in_window(time(0), time(20), time(6))
    assert time_in_window(time(5, 59), time(20), time(6))
    assert not time_in_window(time(6), time(20), time(6))
    assert not time_in_window(time(19, 59), time(20), time(6))
    assert not time_in_window(time(12), time(20), time(6))


def test_the_same_start_and_end_is_the_whole_day() -> None:
    """08:00 to 08:00 holds every minute, 07:59 too."""
    assert time_in_window(time(7, 59), time(8), time(8))
    assert time_in_window(time(8), time(8), time(8))
    assert time_in_window(time(0), time(0), time(0))


def test_in_window_reads_the_local_time() -> None:
    """07:00 UTC is 09:00 two hours ahead: in the window there, not in UTC."""
    moment = datetime(2024, 5, 6, 7, tzinfo=UTC)
    assert in_window(moment, time(8), time(21), PLUS_TWO)
    assert not in_window(moment, time(8), time(21), UTC)


def test_a_time_in_the_window_stays() -> None:
    """08:00 and 20:59:59 local stay where they are."""
    for moment in (at(8), at(20, 59, second=59)):
        assert move_into_window(moment, time(8), time(21), PLUS_TWO) is moment


def test_a_time_before_the_window_waits_for_its_start() -> None:
    """07:59 waits for 08:00 of the same day."""
    moved = move_into_window(at(7, 59), time(8), time(21), PLUS_TWO)
    assert moved == at(8)
    assert moved.tzinfo is UTC


def test_a_time_after_the_window_waits_for_the_next_day() -> None:
    """21:00, the end, waits for 08:00 the next day; so does 23:59."""
    assert move_into_window(at(21), time(8), time(21), PLUS_TWO) == at(8, days=1)
    assert move_into_window(at(23, 59), time(8), time(21), PLUS_TWO) == at(8, days=1)


def test_the_gap_of_a_window_across_midnight() -> None:
    """From 20:00 to 06:00: 06:00 and noon wait for 20:00 that evening."""
    assert move_into_window(at(6), time(20), time(6), PLUS_TWO) == at(20)
    assert move_into_window(at(12), time(20), time(6), PLUS_TWO) == at(20)


def test_next_local_at_and_after_the_time() -> None:
    """18:00 comes round today before it, tomorrow at it or after it."""
    assert next_local(time(18), at(17, 59), PLUS_TWO) == at(18)
    assert next_local(time(18), at(18), PLUS_TWO) == at(18, days=1)
    assert next_local(time(18), at(23), PLUS_TWO) == at(18, days=1)
    assert next_local(time(18), at(17), PLUS_TWO).tzinfo is UTC
    assert next_local(time(18), at(19), PLUS_TWO).tzinfo is UTC


# ----- the next reminder ----------------------------------------------------------


def test_minutes_are_the_plans_or_else_the_users() -> None:
    """Without an episode the user's interval; in one, its phase's minutes."""
    assert schedule(interval=180).minutes == 180
    plan = ReminderPlan(minutes=120, kind="cold", text_key="cold")
    assert schedule(interval=180, plan=plan).minutes == 120


def test_the_reminder_after_one_is_an_interval_later() -> None:
    """Every 180 minutes, or the phase's 120; before the window is applied."""
    assert schedule().after(at(10)) == at(13)
    plan = ReminderPlan(minutes=120, kind="cold", text_key="cold")
    assert schedule(plan=plan).after(at(10)) == at(12)
    # Not moved yet: 20:00 and 3 hours is 23:00.
    assert schedule().after(at(20)) == at(23)


def test_a_daily_reminder_comes_round_at_its_time() -> None:
    """A daily plan at 18:00: today before it, tomorrow from it on."""
    assert schedule(plan=daily(18)).after(at(10)) == at(18)
    assert schedule(plan=daily(18)).after(at(18)) == at(18, days=1)


def test_the_next_reminder_moves_into_the_window() -> None:
    """20:00 and 3 hours is 23:00, outside: 08:00 the next day."""
    assert schedule().next_reminder(at(20)) == at(8, days=1)
    assert schedule().next_reminder(at(17)) == at(20)


def test_a_new_interval_runs_from_the_last_stretch() -> None:
    """A stretch at 10:00 and a reminder at 9:00: the next one at 13:00."""
    due = schedule().next_due(at(11), last_stretch=at(10), last_reminder=at(9))
    assert due == at(13)


def test_a_new_interval_runs_from_the_last_reminder() -> None:
    """A reminder at 10:30 after a stretch at 10:00: the next one at 13:30."""
    due = schedule().next_due(at(11), last_stretch=at(10), last_reminder=at(10, 30))
    assert due == at(13, 30)


def test_a_new_interval_without_a_stretch_or_reminder_runs_from_now() -> None:
    """Nothing yet: 3 hours from now."""
    assert schedule().next_due(at(11), last_stretch=None, last_reminder=None) == at(14)
    only_stretch = schedule().next_due(at(11), last_stretch=at(9), last_reminder=None)
    assert only_stretch == at(12)
    only_reminder = schedule().next_due(at(11), last_stretch=None, last_reminder=at(9))
    assert only_reminder == at(12)


def test_a_new_interval_is_never_before_now() -> None:
    """A stretch at 6:00 and 3 hours: 9:00 has passed at 10:00, so now."""
    due = schedule().next_due(at(10), last_stretch=at(6), last_reminder=None)
    assert due == at(10)
    # Exactly now: an interval that ends now is due now.
    assert schedule().next_due(at(9), last_stretch=at(6), last_reminder=None) == at(9)


def test_a_new_daily_plan_comes_round_next() -> None:
    """A daily plan ignores the last stretch: the next 18:00 from now."""
    rules = schedule(plan=daily(18))
    due = rules.next_due(at(19), last_stretch=at(17), last_reminder=at(16))
    assert due == at(18, days=1)


def test_a_plan_without_a_time_keeps_an_interval() -> None:
    """A phase's plan of every 120 minutes runs from the last stretch too."""
    plan = ReminderPlan(minutes=120, kind="stretches", text_key="stretch")
    due = schedule(plan=plan).next_due(at(11), last_stretch=at(10), last_reminder=None)
    assert due == at(12)


def test_upcoming_reminders_until_a_moment() -> None:
    """From 14:00 every 3 hours: 17:00, 20:00, then 08:00; `until` left out."""
    rules = schedule()
    assert rules.upcoming(at(14), at(8, days=1), 10) == [at(14), at(17), at(20)]
    assert rules.upcoming(at(14), at(8, days=1, second=1), 10) == [
        at(14),
        at(17),
        at(20),
        at(8, days=1),
    ]


def test_upcoming_reminders_at_most_a_limit() -> None:
    """The limit counts the reminders; none without a next reminder."""
    rules = schedule()
    assert rules.upcoming(at(14), at(8, days=2), 2) == [at(14), at(17)]
    assert rules.upcoming(at(14), at(8, days=2), 0) == []
    # Below zero is none too, not "no limit".
    assert rules.upcoming(at(14), at(8, days=2), -1) == []
    assert rules.upcoming(None, at(8, days=2), 10) == []


# ----- a real zone, across a change of daylight saving time -----------------------


def test_a_daily_time_across_the_spring_change() -> None:
    """Amsterdam, 31 March 2024: 18:00 is 17:00 UTC before, 16:00 UTC after."""
    before = datetime(2024, 3, 30, 18, 30, tzinfo=AMSTERDAM)
    assert next_local(time(18), before, AMSTERDAM) == datetime(
        2024, 3, 31, 16, tzinfo=UTC
    )


def test_the_window_across_the_autumn_change() -> None:
    """Amsterdam, 27 October 2024: 21:00 CEST waits for 08:00 CET, 07:00 UTC."""
    end = datetime(2024, 10, 26, 21, tzinfo=AMSTERDAM)
    assert move_into_window(end, time(8), time(21), AMSTERDAM) == datetime(
        2024, 10, 27, 7, tzinfo=UTC
    )
