"""Plain tests of heat/rules/budget.py: the heat budget, and why heat may not run."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass, field, fields
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings, strategies as st
import pytest

from custom_components.recovery_routines.const import MIN_SESSION
from custom_components.recovery_routines.heat.rules.budget import (
    Allowed,
    HeatBudget,
    HeatRun,
    OverBudget,
    Resting,
    SleepGuarded,
    allowed_length,
    available_at,
    budget_left,
    current_run,
    extension_refusal,
    heat_today,
    intervals_to_keep,
    latest_end,
    minutes_of,
    over_budget,
    session_length,
)

NOW = datetime(2024, 5, 6, 12, 0, tzinfo=UTC)
TICK = timedelta(microseconds=1)
BUDGET = HeatBudget(max_heat=timedelta(minutes=30), rest=timedelta(minutes=20))


@dataclass(frozen=True, kw_only=True)
class Span:
    """A stretch of heat, as the store keeps it."""

    start: datetime
    end: datetime


@dataclass(kw_only=True)
class History:
    """The heat so far, as the store keeps it."""

    intervals: list[Span] = field(default_factory=list)
    heat_on_since: datetime | None = None


def _minutes(value: float) -> timedelta:
    return timedelta(minutes=value)


def _span(start: datetime, minutes: float) -> Span:
    return Span(start=start, end=start + _minutes(minutes))


def _ending_at(end: datetime, minutes: float) -> Span:
    return Span(start=end - _minutes(minutes), end=end)


# ----- strategies --------------------------------------------------------------

SECONDS = st.integers(min_value=0, max_value=4 * 3600).map(
    lambda n: timedelta(seconds=n)
)
LENGTHS = st.integers(min_value=1, max_value=3600).map(lambda n: timedelta(seconds=n))
BUDGETS = st.builds(
    HeatBudget,
    # The ranges of the options flow: 5 to 60 minutes of heat, 0 to 240 of rest.
    max_heat=st.integers(min_value=5, max_value=60).map(_minutes),
    rest=st.integers(min_value=0, max_value=240).map(_minutes),
)


@st.composite
def histories(draw: st.DrawFn) -> tuple[History, datetime]:
    """Heat so far, oldest first, and a `now` after all of it."""
    cursor = NOW - timedelta(days=1)
    intervals = []
    for gap, length in draw(st.lists(st.tuples(SECONDS, LENGTHS), max_size=6)):
        interval = Span(start=cursor + gap, end=cursor + gap + length)
        intervals.append(interval)
        cursor = interval.end
    heat_on_since = None
    if draw(st.booleans()):
        heat_on_since = cursor = cursor + draw(SECONDS)
    return History(intervals=intervals, heat_on_since=heat_on_since), cursor + draw(
        SECONDS
    )


# ----- the run -----------------------------------------------------------------


def test_no_heat_is_no_run() -> None:
    """Without heat, nothing is used and the run has no start."""
    assert current_run([], None, NOW, BUDGET.rest) == HeatRun(
        used=timedelta(), start=None
    )


def test_heat_still_on_belongs_to_the_run() -> None:
    """Heat on since ten minutes ago is ten minutes of the run, from then."""
    since = NOW - _minutes(10)
    assert current_run([], since, NOW, BUDGET.rest) == HeatRun(
        used=_minutes(10), start=since
    )


def test_a_gap_shorter_than_the_rest_joins_the_run() -> None:
    """Heat that ended just less than the rest ago still counts."""
    interval = _ending_at(NOW - BUDGET.rest + TICK, 10)
    assert current_run([interval], None, NOW, BUDGET.rest) == HeatRun(
        used=_minutes(10), start=interval.start
    )


def test_a_gap_of_the_rest_ends_the_run() -> None:
    """Heat that ended the whole rest ago no longer counts."""
    interval = _ending_at(NOW - BUDGET.rest, 10)
    assert current_run([interval], None, NOW, BUDGET.rest).used == timedelta()


def test_the_run_walks_back_from_heat_still_on() -> None:
    """The gap is measured from the start of the heat on, not from now."""
    since = NOW - _minutes(30)
    joined = _ending_at(since - BUDGET.rest + TICK, 5)
    run = current_run([joined], since, NOW, BUDGET.rest)
    assert run == HeatRun(used=_minutes(35), start=joined.start)
    apart = _ending_at(since - BUDGET.rest, 5)
    assert current_run([apart], since, NOW, BUDGET.rest).start == since


def test_a_gap_is_from_the_end_of_one_heat_to_the_start_of_the_next() -> None:
    """Two heats with a gap just short of the rest are one run."""
    later = _ending_at(NOW, 10)
    earlier = _ending_at(later.start - BUDGET.rest + _minutes(1), 10)
    run = current_run([earlier, later], None, NOW, BUDGET.rest)
    assert run == HeatRun(used=_minutes(20), start=earlier.start)


def test_an_older_interval_after_a_long_gap_is_not_counted() -> None:
    """The walk stops at the first long gap, even if older heat joins up again."""
    old = _ending_at(NOW - _minutes(100), 10)
    older = _ending_at(old.start - _minutes(1), 10)
    recent = _ending_at(NOW - _minutes(5), 10)
    run = current_run([older, old, recent], None, NOW, BUDGET.rest)
    assert run == HeatRun(used=_minutes(10), start=recent.start)


@settings(max_examples=200, deadline=None)
@given(histories(), BUDGETS)
def test_the_run_is_within_its_own_span(
    drawn: tuple[History, datetime], budget: HeatBudget
) -> None:
    """The run's heat is never more than the time from its start to now."""
    history, now = drawn
    run = current_run(history.intervals, history.heat_on_since, now, budget.rest)
    if run.start is None:
        assert run.used == timedelta()
    else:
        assert timedelta() <= run.used <= now - run.start


# ----- the budget --------------------------------------------------------------


def test_minutes_are_given_to_a_tenth() -> None:
    """Twenty seconds are 0.3 minutes; 90 seconds are 1.5."""
    assert minutes_of(timedelta(seconds=20)) == 0.3
    assert minutes_of(timedelta(seconds=90)) == 1.5
    assert minutes_of(timedelta()) == 0.0


def test_the_cap_in_whole_minutes() -> None:
    """The cap is shown in whole minutes, rounded down."""
    assert BUDGET.max_heat_minutes == 30
    assert (
        HeatBudget(max_heat=timedelta(seconds=119), rest=_minutes(0)).max_heat_minutes
        == 1
    )


def test_the_budget_is_the_cap_less_the_run() -> None:
    """Ten minutes of heat in the run leave twenty of thirty."""
    history = History(intervals=[_ending_at(NOW - _minutes(5), 10)])
    assert budget_left(history, NOW, BUDGET) == _minutes(20)
    assert latest_end(history, NOW, BUDGET) == NOW + _minutes(20)


def test_the_budget_is_never_below_zero() -> None:
    """Heat on past the cap leaves nothing, not less than nothing."""
    history = History(heat_on_since=NOW - _minutes(31))
    assert budget_left(history, NOW, BUDGET) == timedelta()
    assert latest_end(history, NOW, BUDGET) == NOW


@settings(max_examples=200, deadline=None)
@given(histories(), BUDGETS)
def test_the_budget_is_between_nothing_and_the_cap(
    drawn: tuple[History, datetime], budget: HeatBudget
) -> None:
    """The budget left is never negative and never more than the cap."""
    history, now = drawn
    left = budget_left(history, now, budget)
    assert timedelta() <= left <= budget.max_heat
    run = current_run(history.intervals, history.heat_on_since, now, budget.rest)
    assert left == max(budget.max_heat - run.used, timedelta())
    assert latest_end(history, now, budget) - now == left


# ----- when heat is available again ---------------------------------------------


def test_available_while_there_is_budget() -> None:
    """With at least a minimum session left, heat is available now."""
    history = History(intervals=[_ending_at(NOW, 29)])
    assert budget_left(history, NOW, BUDGET) == MIN_SESSION
    assert available_at(history, NOW, BUDGET) is None


def test_resting_until_the_rest_after_the_last_heat() -> None:
    """With less than a minimum session left: the last end plus the rest."""
    # A tick more than 29 minutes of the 30.
    history = History(intervals=[Span(start=NOW - _minutes(29) - TICK, end=NOW)])
    assert available_at(history, NOW, BUDGET) == NOW + BUDGET.rest


def test_no_time_while_heat_is_on_or_without_heat() -> None:
    """Heat still on has no end to rest from; without heat there is no rest."""
    on = History(intervals=[_ending_at(NOW - _minutes(1), 30)], heat_on_since=NOW)
    assert budget_left(on, NOW, BUDGET) < MIN_SESSION
    assert available_at(on, NOW, BUDGET) is None
    assert available_at(History(), NOW, BUDGET) is None


@settings(max_examples=200, deadline=None)
@given(histories(), BUDGETS)
def test_when_heat_is_available_again_the_whole_cap_is(
    drawn: tuple[History, datetime], budget: HeatBudget
) -> None:
    """Resting ends later than now, and with the whole cap to use."""
    history, now = drawn
    at = available_at(history, now, budget)
    if at is None:
        assert (
            history.heat_on_since is not None
            or not history.intervals
            or budget_left(history, now, budget) >= MIN_SESSION
        )
        return
    assert at > now
    assert budget_left(history, at, budget) == budget.max_heat


# ----- how long a session may be ------------------------------------------------


def test_the_sleep_guard_refuses_first() -> None:
    """The sleep guard is the reason even while resting."""
    history = History(heat_on_since=NOW - _minutes(30))
    assert (
        allowed_length(_minutes(20), history, NOW, BUDGET, sleep_guard_on=True)
        == SleepGuarded()
    )


def test_a_minimum_session_is_allowed() -> None:
    """A minimum session left is enough; a tick less is resting."""
    history = History(intervals=[_ending_at(NOW, 29)])
    assert allowed_length(
        _minutes(20), history, NOW, BUDGET, sleep_guard_on=False
    ) == Allowed(length=MIN_SESSION, clipped=True)
    history = History(intervals=[Span(start=NOW - _minutes(29) - TICK, end=NOW)])
    assert allowed_length(
        _minutes(20), history, NOW, BUDGET, sleep_guard_on=False
    ) == Resting(available_at=NOW + BUDGET.rest)


def test_resting_with_heat_on_is_available_now() -> None:
    """Heat still on past the budget gives no rest to wait for: now."""
    history = History(heat_on_since=NOW - _minutes(30))
    assert allowed_length(
        _minutes(20), history, NOW, BUDGET, sleep_guard_on=False
    ) == Resting(available_at=NOW)


def test_clipped_only_beyond_the_budget() -> None:
    """Wanting just the budget is not clipped; a second more is."""
    history = History(intervals=[_ending_at(NOW, 10)])
    assert allowed_length(
        _minutes(20), history, NOW, BUDGET, sleep_guard_on=False
    ) == Allowed(length=_minutes(20), clipped=False)
    assert allowed_length(
        _minutes(20) + timedelta(seconds=1),
        history,
        NOW,
        BUDGET,
        sleep_guard_on=False,
    ) == Allowed(length=_minutes(20), clipped=True)


@settings(max_examples=300, deadline=None)
@given(histories(), BUDGETS, LENGTHS, st.booleans())
def test_a_session_of_the_allowed_length_never_exceeds_the_cap(
    drawn: tuple[History, datetime],
    budget: HeatBudget,
    wanted: timedelta,
    sleep_guard_on: bool,
) -> None:
    """Started now for the allowed length, the run ends within the cap.

    Clipping never lengthens: the length is the wanted one, or less and clipped.
    """
    history, now = drawn
    allowed = allowed_length(
        wanted, history, now, budget, sleep_guard_on=sleep_guard_on
    )
    if sleep_guard_on:
        assert allowed == SleepGuarded()
        return
    if isinstance(allowed, Resting):
        assert budget_left(history, now, budget) < MIN_SESSION
        assert allowed.available_at >= now
        return
    assert isinstance(allowed, Allowed)
    assert allowed.length <= wanted
    assert allowed.clipped == (allowed.length < wanted)
    heat_on_since = history.heat_on_since or now
    end = now + allowed.length
    run = current_run(history.intervals, heat_on_since, end, budget.rest)
    assert run.used <= budget.max_heat
    assert end <= latest_end(history, now, budget)


def test_the_configured_length_is_clipped() -> None:
    """Without a length asked for, the configured one is clipped to the budget."""
    history = History(intervals=[_ending_at(NOW, 20)])
    assert session_length(
        None, 20, history, NOW, BUDGET, sleep_guard_on=False
    ) == Allowed(length=_minutes(10), clipped=True)


def test_an_explicit_length_beyond_the_budget_is_refused() -> None:
    """Asking for 11 minutes with 10 left is refused, with what is left."""
    history = History(intervals=[_ending_at(NOW, 20)])
    assert session_length(
        11, 20, history, NOW, BUDGET, sleep_guard_on=False
    ) == OverBudget(minutes=11, minutes_left=10, max_heat_minutes=30)
    assert session_length(
        10, 20, history, NOW, BUDGET, sleep_guard_on=False
    ) == Allowed(length=_minutes(10), clipped=False)


def test_an_explicit_length_is_refused_for_sleep_and_rest_first() -> None:
    """The sleep guard and resting come before the budget's refusal."""
    history = History(intervals=[_ending_at(NOW, 30)])
    assert (
        session_length(20, 20, history, NOW, BUDGET, sleep_guard_on=True)
        == SleepGuarded()
    )
    assert session_length(
        20, 20, history, NOW, BUDGET, sleep_guard_on=False
    ) == Resting(available_at=NOW + BUDGET.rest)


@settings(max_examples=200, deadline=None)
@given(
    histories(),
    BUDGETS,
    st.one_of(st.none(), st.integers(min_value=1, max_value=60)),
    st.integers(min_value=1, max_value=60),
)
def test_an_explicit_length_is_never_clipped(
    drawn: tuple[History, datetime],
    budget: HeatBudget,
    minutes: int | None,
    heat_duration: int,
) -> None:
    """An explicit length runs in full or not at all; the configured one clips."""
    history, now = drawn
    result = session_length(
        minutes, heat_duration, history, now, budget, sleep_guard_on=False
    )
    wanted = _minutes(heat_duration if minutes is None else minutes)
    plain = allowed_length(wanted, history, now, budget, sleep_guard_on=False)
    if minutes is None or not isinstance(plain, Allowed):
        assert result == plain
    elif plain.clipped:
        assert isinstance(result, OverBudget)
        assert result.minutes == minutes
        assert _minutes(result.minutes_left) <= budget_left(history, now, budget)
    else:
        assert result == Allowed(length=wanted, clipped=False)


# ----- moving the end -----------------------------------------------------------


def test_the_refusal_counts_whole_minutes_left() -> None:
    """Four minutes and 59 seconds are 4 minutes; less than none is none."""
    assert over_budget(5, timedelta(minutes=4, seconds=59), BUDGET) == OverBudget(
        minutes=5, minutes_left=4, max_heat_minutes=30
    )
    assert over_budget(5, -_minutes(3), BUDGET).minutes_left == 0
    assert over_budget(5, _minutes(5), BUDGET).minutes_left == 5


def test_an_extension_up_to_the_budget_is_allowed() -> None:
    """Ten minutes in, ten to go: ten more reach the cap; eleven pass it."""
    started = NOW - _minutes(10)
    history = History(heat_on_since=started)
    ends_at = NOW + _minutes(10)
    assert extension_refusal(10, ends_at, history, NOW, BUDGET) is None
    assert extension_refusal(11, ends_at, history, NOW, BUDGET) == OverBudget(
        minutes=11, minutes_left=10, max_heat_minutes=30
    )


def test_an_extension_past_the_cap_is_refused_with_none_left() -> None:
    """A session already at the cap's end has no minute to add."""
    history = History(heat_on_since=NOW - _minutes(20))
    ends_at = NOW + _minutes(10) + timedelta(seconds=30)
    assert extension_refusal(1, ends_at, history, NOW, BUDGET) == OverBudget(
        minutes=1, minutes_left=0, max_heat_minutes=30
    )


@settings(max_examples=300, deadline=None)
@given(
    histories(),
    BUDGETS,
    SECONDS,
    st.integers(min_value=1, max_value=60),
)
def test_an_allowed_extension_never_ends_later_than_the_cap_allows(
    drawn: tuple[History, datetime],
    budget: HeatBudget,
    to_go: timedelta,
    minutes: int,
) -> None:
    """An extension is allowed exactly when the new end is within the cap."""
    history, now = drawn
    if history.heat_on_since is None:
        history.heat_on_since = now
    ends_at = now + to_go
    refused = extension_refusal(minutes, ends_at, history, now, budget)
    new_end = ends_at + _minutes(minutes)
    within = new_end <= latest_end(history, now, budget)
    assert (refused is None) == within
    if refused is None:
        run = current_run(
            history.intervals, history.heat_on_since, new_end, budget.rest
        )
        assert run.used <= budget.max_heat
    else:
        assert refused.minutes_left >= 0
        assert refused.max_heat_minutes == budget.max_heat_minutes


# ----- what is kept, and today's heat -------------------------------------------

DAY_START = datetime(2024, 5, 6, 0, 0, tzinfo=UTC)


def test_today_and_the_run_are_kept() -> None:
    """Heat that ended at midnight goes; a tick later stays; the run stays."""
    at_midnight = _ending_at(DAY_START, 10)
    after = _ending_at(DAY_START + TICK, 10)
    assert intervals_to_keep([at_midnight, after], NOW, BUDGET.rest, DAY_START) == [
        after
    ]
    # Just after midnight, yesterday's heat of the run is kept.
    now = DAY_START + _minutes(5)
    run = _ending_at(DAY_START - _minutes(5), 10)
    before_run = _ending_at(run.start - BUDGET.rest, 10)
    assert intervals_to_keep([before_run, run], now, BUDGET.rest, DAY_START) == [run]


def test_the_run_is_not_kept_when_it_started_today() -> None:
    """A run that started today keeps nothing older than today."""
    yesterday = _ending_at(DAY_START - _minutes(1), 10)
    today = _span(DAY_START + _minutes(30), 10)
    now = today.end + _minutes(1)
    assert intervals_to_keep([yesterday, today], now, BUDGET.rest, DAY_START) == [today]


@settings(max_examples=200, deadline=None)
@given(histories(), BUDGETS, SECONDS)
def test_pruning_changes_neither_the_run_nor_today(
    drawn: tuple[History, datetime], budget: HeatBudget, since_midnight: timedelta
) -> None:
    """What is dropped counts neither in the current run nor in today's heat."""
    history, now = drawn
    day_start = now - since_midnight
    kept = intervals_to_keep(history.intervals, now, budget.rest, day_start)
    assert [interval for interval in history.intervals if interval in kept] == kept
    assert current_run(kept, None, now, budget.rest) == current_run(
        history.intervals, None, now, budget.rest
    )
    assert heat_today(kept, day_start) == heat_today(history.intervals, day_start)


def test_heat_today_counts_from_midnight() -> None:
    """Heat across midnight counts from midnight; heat ending at it not at all."""
    across = Span(start=DAY_START - _minutes(10), end=DAY_START + _minutes(5))
    at_midnight = _ending_at(DAY_START, 10)
    later = _span(DAY_START + _minutes(60), 12.5)
    assert heat_today([at_midnight, across, later], DAY_START) == 17.5
    assert heat_today([], DAY_START) == 0.0


@settings(max_examples=200, deadline=None)
@given(histories(), SECONDS)
def test_heat_today_is_at_most_all_heat(
    drawn: tuple[History, datetime], since_midnight: timedelta
) -> None:
    """Today's heat is never negative nor more than all the heat there was."""
    history, now = drawn
    total = sum(
        (interval.end - interval.start for interval in history.intervals),
        timedelta(),
    )
    today = heat_today(history.intervals, now - since_midnight)
    assert 0 <= today <= minutes_of(total)


@pytest.mark.parametrize("minutes", [1, 29, 30])
def test_a_fresh_budget_allows_up_to_the_cap(minutes: int) -> None:
    """With no heat, any length up to the cap runs in full."""
    assert session_length(
        minutes, 20, History(), NOW, BUDGET, sleep_guard_on=False
    ) == Allowed(length=_minutes(minutes), clipped=False)
    assert session_length(
        31, 20, History(), NOW, BUDGET, sleep_guard_on=False
    ) == OverBudget(minutes=31, minutes_left=30, max_heat_minutes=30)


def _answers() -> dict[str, object]:
    """One answer of each kind, as the rules give them (built when a test runs)."""
    rested = History(heat_on_since=NOW - _minutes(30))
    return {
        "HeatBudget": HeatBudget(max_heat=_minutes(30), rest=_minutes(20)),
        "HeatRun": current_run([], None, NOW, BUDGET.rest),
        "Allowed": allowed_length(
            _minutes(5), History(), NOW, BUDGET, sleep_guard_on=False
        ),
        "SleepGuarded": allowed_length(
            _minutes(5), History(), NOW, BUDGET, sleep_guard_on=True
        ),
        "Resting": allowed_length(
            _minutes(5), rested, NOW, BUDGET, sleep_guard_on=False
        ),
        "OverBudget": over_budget(5, _minutes(4), BUDGET),
    }


@pytest.mark.parametrize(
    "kind",
    ["HeatBudget", "HeatRun", "Allowed", "SleepGuarded", "Resting", "OverBudget"],
)
def test_the_answers_are_values(kind: str) -> None:
    """A rule's answer cannot be changed by whoever holds it, nor built by position."""
    value = _answers()[kind]
    assert type(value).__name__ == kind
    names = [item.name for item in fields(value)] or ["anything"]  # type: ignore[arg-type]
    with pytest.raises(FrozenInstanceError):
        setattr(value, names[0], None)
    values = [getattr(value, item.name) for item in fields(value)]  # type: ignore[arg-type]
    if values:
        with pytest.raises(TypeError):
            type(value)(*values)


def test_the_sleep_guard_is_named_not_placed() -> None:
    """Whether the sleep guard is on is never passed by position."""
    assert allowed_length(
        _minutes(5), History(), NOW, BUDGET, sleep_guard_on=False
    ) == Allowed(length=_minutes(5), clipped=False)
    assert session_length(
        5, 20, History(), NOW, BUDGET, sleep_guard_on=False
    ) == Allowed(length=_minutes(5), clipped=False)
    with pytest.raises(TypeError):
        allowed_length(_minutes(5), History(), NOW, BUDGET, False)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        session_length(5, 20, History(), NOW, BUDGET, False)  # type: ignore[call-arg]
