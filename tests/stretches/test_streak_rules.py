"""The history of stretches, as plain rules (no Home Assistant): counts and streak."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
import json

from hypothesis import given, settings, strategies as st

from custom_components.recovery_routines.const import (
    LOG_DAYS,
    ROUTINE_COLD,
    ROUTINE_HEAT,
    ROUTINE_STRETCHES,
    HeatEvent,
)
from custom_components.recovery_routines.stretches.rules.streak import (
    HEAT_ENDINGS,
    NO_PROGRESS,
    between,
    completion_attributes,
    counted,
    days_before,
    is_stretch,
    is_stretching,
    is_timed,
    last_stretch,
    local_day,
    pruned,
    routine_days,
    routine_done_on,
    streak,
    stretches_on,
    unknown_routine_choices,
)

LAWS = settings(max_examples=100, deadline=None)
# Two hours ahead of UTC: 23:00 UTC is already the next day here.
ZONE = timezone(timedelta(hours=2))
TODAY = date(2024, 5, 6)


@dataclass(frozen=True, kw_only=True)
class Line:
    """A line of the log: what the rules read of a stored LogEntry."""

    at: datetime
    routine: str


def on(day_offset: int, routine: str = ROUTINE_STRETCHES, hour: int = 12) -> Line:
    """Return a line `day_offset` days from TODAY, at `hour` local time."""
    local = datetime.combine(TODAY + timedelta(days=day_offset), datetime.min.time())
    at = (local.replace(tzinfo=ZONE) + timedelta(hours=hour)).astimezone(UTC)
    return Line(at=at, routine=routine)


routines = st.sampled_from(
    [ROUTINE_STRETCHES, ROUTINE_HEAT, ROUTINE_COLD, "Cat-cow", "Child's pose"]
)
lines = st.builds(
    on,
    st.integers(min_value=-30, max_value=0),
    routines,
    st.integers(min_value=0, max_value=23),
)
logs = st.lists(lines, max_size=40)


# ----- laws -----------------------------------------------------------------------


@LAWS
@given(log=logs)
def test_the_streak_never_exceeds_the_days_of_the_routine(log: list[Line]) -> None:
    """A streak of n days needs the whole routine on n distinct days."""
    assert 0 <= streak(log, TODAY, ZONE) <= len(routine_days(log, ZONE))


@LAWS
@given(log=logs, hour=st.integers(min_value=0, max_value=23))
def test_todays_routine_raises_the_streak_by_one_at_most(
    log: list[Line], hour: int
) -> None:
    """Done today, the streak grows by one; done again, it stays."""
    before = streak(log, TODAY, ZONE)
    after = streak([*log, on(0, hour=hour)], TODAY, ZONE)
    done_today = routine_done_on(log, TODAY, ZONE)
    assert after == before + (0 if done_today else 1)


@LAWS
@given(log=logs, extra=st.lists(lines, max_size=10))
def test_only_the_whole_routine_counts_for_the_streak(
    log: list[Line], extra: list[Line]
) -> None:
    """Single stretches, heat and cold leave the streak as it is."""
    others = [line for line in extra if line.routine != ROUTINE_STRETCHES]
    assert streak(log + others, TODAY, ZONE) == streak(log, TODAY, ZONE)


@LAWS
@given(log=logs)
def test_the_order_of_the_log_does_not_matter(log: list[Line]) -> None:
    """Counted from the log, not in memory: any order gives the same numbers."""
    backwards = list(reversed(log))
    assert streak(backwards, TODAY, ZONE) == streak(log, TODAY, ZONE)
    assert stretches_on(backwards, TODAY, ZONE) == stretches_on(log, TODAY, ZONE)
    assert last_stretch(backwards) == last_stretch(log)


@LAWS
@given(log=logs)
def test_a_streak_ends_today_or_yesterday(log: list[Line]) -> None:
    """A streak counts back from today, or from yesterday while today is open."""
    count = streak(log, TODAY, ZONE)
    days = routine_days(log, ZONE)
    last = TODAY if TODAY in days else TODAY - timedelta(days=1)
    assert all(last - timedelta(days=n) in days for n in range(count))
    assert last - timedelta(days=count) not in days


@LAWS
@given(log=logs)
def test_every_stretch_counts_on_its_own_day(log: list[Line]) -> None:
    """The stretches of each day add up to the stretches of the log."""
    days = {local_day(line.at, ZONE) for line in log}
    total = sum(stretches_on(log, day, ZONE) for day in days)
    assert total == sum(1 for line in log if is_stretch(line.routine))


@LAWS
@given(log=logs)
def test_the_last_stretch_is_the_latest_stretching(log: list[Line]) -> None:
    """The last stretch is a stretch or the whole routine, never heat or cold."""
    latest = last_stretch(log)
    stretching = [line.at for line in log if is_stretching(line.routine)]
    assert latest == (max(stretching) if stretching else None)


@LAWS
@given(log=logs, days=st.integers(min_value=0, max_value=40))
def test_pruning_keeps_the_recent_lines(log: list[Line], days: int) -> None:
    """A log in order keeps every line of the last LOG_DAYS days, none older."""
    ordered = sorted(log, key=lambda line: line.at)
    now = on(0).at + timedelta(days=LOG_DAYS - days)
    kept = pruned(ordered, now)
    cutoff = now - timedelta(days=LOG_DAYS)
    assert kept == [line for line in ordered if line.at >= cutoff]


# ----- which lines are what -------------------------------------------------------


def test_which_lines_are_stretches() -> None:
    """A stretch is a named stretch: not the whole routine, heat or cold."""
    assert is_stretch("Cat-cow")
    assert not is_stretch(ROUTINE_STRETCHES)
    assert not is_stretch(ROUTINE_HEAT)
    assert not is_stretch(ROUTINE_COLD)


def test_which_lines_are_stretching() -> None:
    """Stretching is a stretch or the whole routine; heat and cold are timed."""
    assert is_stretching("Cat-cow")
    assert is_stretching(ROUTINE_STRETCHES)
    assert not is_stretching(ROUTINE_HEAT)
    assert not is_stretching(ROUTINE_COLD)
    assert is_timed(ROUTINE_HEAT)
    assert is_timed(ROUTINE_COLD)
    assert not is_timed(ROUTINE_STRETCHES)
    assert not is_timed("Cat-cow")


def test_heat_that_ends_lands_in_the_history() -> None:
    """Completed, stopped and cut-off heat has minutes; a start has none yet."""
    assert set(HEAT_ENDINGS) == {
        HeatEvent.COMPLETED,
        HeatEvent.STOPPED,
        HeatEvent.CUTOFF,
    }


def test_the_local_day_of_a_moment() -> None:
    """23:00 UTC is the next day two hours ahead, the same day in UTC."""
    moment = datetime(2024, 5, 6, 23, tzinfo=UTC)
    assert local_day(moment, ZONE) == date(2024, 5, 7)
    assert local_day(moment, UTC) == date(2024, 5, 6)


# ----- today's count and the last stretch -----------------------------------------


def test_stretches_today_count_only_todays_stretches() -> None:
    """Two stretches today count; yesterday's, the routine, heat and cold do not."""
    log = [
        on(-1, "Cat-cow"),
        on(0, "Cat-cow"),
        on(0, "Child's pose", hour=23),
        on(0, ROUTINE_STRETCHES),
        on(0, ROUTINE_HEAT),
        on(0, ROUTINE_COLD),
        on(1, "Cat-cow", hour=0),
    ]
    assert stretches_on(log, TODAY, ZONE) == 2
    assert stretches_on([], TODAY, ZONE) == 0


def test_stretches_today_by_the_local_day() -> None:
    """22:30 UTC the day before is 00:30 today, two hours ahead."""
    line = Line(at=datetime(2024, 5, 5, 22, 30, tzinfo=UTC), routine="Cat-cow")
    assert stretches_on([line], TODAY, ZONE) == 1
    assert stretches_on([line], TODAY, UTC) == 0


def test_the_last_stretch_leaves_heat_and_cold_out() -> None:
    """Heat and cold after the stretch do not move it; the routine does."""
    assert last_stretch([]) is None
    assert last_stretch([on(0, ROUTINE_HEAT), on(0, ROUTINE_COLD)]) is None
    stretch = on(0, "Cat-cow", hour=9)
    log = [stretch, on(0, ROUTINE_HEAT, hour=10), on(0, ROUTINE_COLD, hour=11)]
    assert last_stretch(log) == stretch.at
    routine = on(0, ROUTINE_STRETCHES, hour=12)
    assert last_stretch([*log, routine]) == routine.at


# ----- the streak -----------------------------------------------------------------


def test_no_routine_no_streak() -> None:
    """Single stretches make no streak."""
    assert streak([], TODAY, ZONE) == 0
    assert streak([on(0, "Cat-cow"), on(-1, "Cat-cow")], TODAY, ZONE) == 0


def test_a_streak_up_to_today() -> None:
    """Today and the two days before: three."""
    assert streak([on(0), on(-1), on(-2)], TODAY, ZONE) == 3


def test_a_day_still_going_counts_once_done() -> None:
    """Until today's routine is done, the streak up to yesterday stands."""
    assert streak([on(-1), on(-2)], TODAY, ZONE) == 2
    assert streak([on(-1)], TODAY, ZONE) == 1


def test_a_missed_day_ends_the_streak() -> None:
    """Nothing yesterday: a streak of the days before does not count."""
    assert streak([on(-2), on(-3)], TODAY, ZONE) == 0
    assert streak([on(0), on(-2), on(-3)], TODAY, ZONE) == 1


def test_twice_a_day_is_one_day() -> None:
    """Two routines on one day count once."""
    assert streak([on(0, hour=8), on(0, hour=20), on(-1)], TODAY, ZONE) == 2


def test_the_streak_follows_the_local_day() -> None:
    """23:00 UTC yesterday is today two hours ahead."""
    late = Line(at=datetime(2024, 5, 5, 23, tzinfo=UTC), routine=ROUTINE_STRETCHES)
    assert streak([late], TODAY, ZONE) == 1
    assert routine_done_on([late], TODAY, ZONE)
    assert not routine_done_on([late], TODAY, UTC)


def test_routine_done_on_a_day() -> None:
    """Only the whole routine, on that day."""
    assert routine_done_on([on(0)], TODAY, ZONE)
    assert not routine_done_on([on(-1)], TODAY, ZONE)
    assert not routine_done_on([on(0, "Cat-cow")], TODAY, ZONE)
    assert not routine_done_on([], TODAY, ZONE)


def test_the_routine_done_today_was_not_done_yesterday() -> None:
    """Asked about yesterday, a routine done today does not count."""
    assert not routine_done_on([on(0)], TODAY - timedelta(days=1), ZONE)


def test_a_stretch_named_in_lower_case_is_not_the_whole_routine() -> None:
    """A stretch on the list named "twist", in lower case, is one stretch only."""
    log = [on(0, "twist"), on(-1, "twist")]
    assert streak(log, TODAY, ZONE) == 0
    assert routine_days(log, ZONE) == set()
    assert not routine_done_on(log, TODAY, ZONE)


def test_a_log_read_back_from_the_store_counts() -> None:
    """After a restart the routine's name is a string of the JSON, not the constant."""
    stored = json.loads('["stretches", "stretches"]')
    assert stored == [ROUTINE_STRETCHES, ROUTINE_STRETCHES]
    log = [on(0, stored[0]), on(-1, stored[1])]
    assert streak(log, TODAY, ZONE) == 2
    assert routine_done_on(log, TODAY, ZONE)


# ----- pruning and the export -----------------------------------------------------


def test_lines_older_than_the_log_days_go() -> None:
    """LOG_DAYS to the microsecond stays; older goes."""
    now = datetime(2024, 5, 6, 12, tzinfo=UTC)
    edge = Line(at=now - timedelta(days=LOG_DAYS), routine="Cat-cow")
    older = Line(at=edge.at - timedelta(microseconds=1), routine="Cat-cow")
    recent = Line(at=now, routine="Cat-cow")
    assert pruned([older, edge, recent], now) == [edge, recent]


def test_a_log_without_old_lines_stays_itself() -> None:
    """Only the first line is looked at: nothing to prune keeps the same list."""
    now = datetime(2024, 5, 6, 12, tzinfo=UTC)
    log = [Line(at=now - timedelta(days=LOG_DAYS), routine="Cat-cow")]
    assert pruned(log, now) is log
    empty: list[Line] = []
    assert pruned(empty, now) is empty
    # The usual case: every line newer than LOG_DAYS.
    fresh = [Line(at=now - timedelta(days=1), routine="Cat-cow")]
    assert pruned(fresh, now) is fresh


def test_between_holds_both_ends() -> None:
    """From start to end, both included."""
    log = [on(-2), on(-1), on(0), on(1)]
    assert between(log, log[1].at, log[2].at) == [log[1], log[2]]
    assert between(log, log[1].at + timedelta(seconds=1), log[2].at) == [log[2]]


def test_the_attributes_of_a_completion() -> None:
    """Minutes when given, even 0; a note when it says something."""
    assert completion_attributes("Cat-cow", None, None) == {"routine": "Cat-cow"}
    assert completion_attributes("cold", 0.0, "") == {"routine": "cold", "minutes": 0.0}
    assert completion_attributes("cold", 12.5, "left side") == {
        "routine": "cold",
        "minutes": 12.5,
        "note": "left side",
    }


def test_the_choices_of_an_unknown_routine() -> None:
    """The stretches of the list, then the whole routine, heat and cold."""
    assert unknown_routine_choices(["Cat-cow", "Bridge"]) == (
        "Cat-cow, Bridge, stretches, heat, cold"
    )
    assert unknown_routine_choices([]) == "stretches, heat, cold"


# ----- routines that work up over days --------------------------------------------


def test_days_completed_before_today() -> None:
    """Today's completion does not count yet; a new routine has none."""
    assert days_before(NO_PROGRESS, TODAY) == 0
    assert days_before((3, "2024-05-05"), TODAY) == 3
    assert days_before((3, "2024-05-06"), TODAY) == 2


def test_today_counts_once() -> None:
    """The first completion of a day counts it; the next ones do not."""
    assert counted(NO_PROGRESS, TODAY) == (1, "2024-05-06")
    assert counted((3, "2024-05-05"), TODAY) == (4, "2024-05-06")
    assert counted((4, "2024-05-06"), TODAY) is None


def test_a_last_day_after_today_is_another_day() -> None:
    """A clock set back, or a move west over midnight: only today's date is today."""
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    assert days_before((3, tomorrow), TODAY) == 3
    assert counted((3, tomorrow), TODAY) == (4, "2024-05-06")


@LAWS
@given(
    days=st.integers(min_value=0, max_value=100),
    last=st.dates(min_value=date(2024, 1, 1), max_value=TODAY),
)
def test_counting_today_adds_a_day_before_tomorrow(days: int, last: date) -> None:
    """Once today is counted, tomorrow sees one day more than today did."""
    progress = (days, last.isoformat())
    today_counted = counted(progress, TODAY) or progress
    tomorrow = TODAY + timedelta(days=1)
    assert days_before(today_counted, tomorrow) == days_before(progress, TODAY) + 1
    assert counted(today_counted, TODAY) is None
