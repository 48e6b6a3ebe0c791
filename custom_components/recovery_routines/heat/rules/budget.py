"""The heat budget, and why heat may not run now.

Heat is capped per run: heat whose gaps are shorter than the rest adds up, and
a run may hold at most the cap. A session is clipped to what the run has left,
or refused: while the sleep guard is on, or while less than a minimum session
is left (resting, until the rest after the last heat is over).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from ...const import MIN_SESSION

MINUTE = timedelta(minutes=1)


class Interval(Protocol):
    """A stretch of time the heating pad was on."""

    @property
    def start(self) -> datetime:
        """When the heat started."""

    @property
    def end(self) -> datetime:
        """When the plug reported off."""


class HeatHistory(Protocol):
    """The heat so far: closed intervals, oldest first, and heat still on."""

    @property
    def intervals(self) -> Sequence[Interval]:
        """The heat that the plug has reported off."""

    @property
    def heat_on_since(self) -> datetime | None:
        """The start of heat not reported off yet."""


@dataclass(frozen=True, kw_only=True)
class HeatBudget:
    """The cap of continuous heat and the rest that ends a run."""

    max_heat: timedelta
    rest: timedelta

    @property
    def max_heat_minutes(self) -> int:
        """The cap of continuous heat in whole minutes."""
        return self.max_heat // MINUTE


@dataclass(frozen=True, kw_only=True)
class HeatRun:
    """The heat of the current run: heat whose gaps are shorter than the rest."""

    used: timedelta
    start: datetime | None


@dataclass(frozen=True, kw_only=True)
class Allowed:
    """A session may run `length`; `clipped` when that is less than wanted."""

    length: timedelta
    clipped: bool


@dataclass(frozen=True, kw_only=True)
class SleepGuarded:
    """No heat: the sleep guard is on."""


@dataclass(frozen=True, kw_only=True)
class Resting:
    """No heat: less than a minimum session is left until `available_at`."""

    available_at: datetime


@dataclass(frozen=True, kw_only=True)
class OverBudget:
    """No heat for `minutes`: only `minutes_left` whole minutes are left."""

    minutes: int
    minutes_left: int
    max_heat_minutes: int


type NoHeat = SleepGuarded | Resting
type Refusal = SleepGuarded | Resting | OverBudget


def current_run(
    intervals: Sequence[Interval],
    heat_on_since: datetime | None,
    now: datetime,
    rest: timedelta,
) -> HeatRun:
    """Add up the heat of the run that `now` belongs to.

    Heat that is still on always belongs to the run. Walking back in time, an
    earlier interval belongs to it while the gap after it is shorter than the
    rest; a gap of at least the rest ends the run.
    """
    used = timedelta()
    start: datetime | None = None
    cursor = now
    if heat_on_since is not None:
        used += now - heat_on_since
        start = cursor = heat_on_since
    for interval in reversed(intervals):
        if cursor - interval.end >= rest:
            break
        used += interval.end - interval.start
        start = cursor = interval.start
    return HeatRun(used=used, start=start)


def minutes_of(value: timedelta) -> float:
    """Return a duration in minutes, to a tenth."""
    return round(value.total_seconds() / 60, 1)


def budget_left(history: HeatHistory, now: datetime, budget: HeatBudget) -> timedelta:
    """Return the heat the current run may still hold: never below zero."""
    run = current_run(history.intervals, history.heat_on_since, now, budget.rest)
    return max(budget.max_heat - run.used, timedelta())


def latest_end(history: HeatHistory, now: datetime, budget: HeatBudget) -> datetime:
    """Return when heat that is on now must end at the latest."""
    return now + budget_left(history, now, budget)


def available_at(
    history: HeatHistory, now: datetime, budget: HeatBudget
) -> datetime | None:
    """Return when heat can start again, while the budget is used up."""
    if history.heat_on_since is not None or not history.intervals:
        return None
    if budget_left(history, now, budget) >= MIN_SESSION:
        return None
    return history.intervals[-1].end + budget.rest


def allowed_length(
    wanted: timedelta,
    history: HeatHistory,
    now: datetime,
    budget: HeatBudget,
    *,
    sleep_guard_on: bool,
) -> Allowed | NoHeat:
    """Clip `wanted` to the budget, or say why no heat is allowed now."""
    if sleep_guard_on:
        return SleepGuarded()
    left = budget_left(history, now, budget)
    if left < MIN_SESSION:
        return Resting(available_at=available_at(history, now, budget) or now)
    return Allowed(length=min(wanted, left), clipped=wanted > left)


def session_length(
    minutes: int | None,
    heat_duration: int,
    history: HeatHistory,
    now: datetime,
    budget: HeatBudget,
    *,
    sleep_guard_on: bool,
) -> Allowed | Refusal:
    """Return the length of a session started now, or why there is none.

    With `minutes` None the configured `heat_duration` is clipped to the
    budget; an explicit length beyond the budget is refused.
    """
    if minutes is None:
        return allowed_length(
            timedelta(minutes=heat_duration),
            history,
            now,
            budget,
            sleep_guard_on=sleep_guard_on,
        )
    wanted = timedelta(minutes=minutes)
    allowed = allowed_length(
        wanted, history, now, budget, sleep_guard_on=sleep_guard_on
    )
    if not isinstance(allowed, Allowed):
        return allowed
    if allowed.clipped:
        return over_budget(minutes, budget_left(history, now, budget), budget)
    return Allowed(length=allowed.length, clipped=False)


def extension_refusal(
    minutes: int,
    ends_at: datetime,
    history: HeatHistory,
    now: datetime,
    budget: HeatBudget,
) -> OverBudget | None:
    """Refuse moving a session's end `ends_at` by more than the budget leaves."""
    left = budget_left(history, now, budget) - (ends_at - now)
    if timedelta(minutes=minutes) > left:
        return over_budget(minutes, left, budget)
    return None


def over_budget(minutes: int, left: timedelta, budget: HeatBudget) -> OverBudget:
    """Refuse `minutes` of heat when only `left` is left (whole minutes, at least 0)."""
    return OverBudget(
        minutes=minutes,
        minutes_left=max(left // MINUTE, 0),
        max_heat_minutes=budget.max_heat_minutes,
    )


def intervals_to_keep[I: Interval](
    intervals: Sequence[I], now: datetime, rest: timedelta, day_start: datetime
) -> list[I]:
    """Keep today's heat (from `day_start`) and the current run; drop the rest."""
    run = current_run(intervals, None, now, rest)
    keep_from = day_start
    if run.start is not None:
        keep_from = min(keep_from, run.start)
    return [interval for interval in intervals if interval.end > keep_from]


def heat_today(intervals: Sequence[Interval], day_start: datetime) -> float:
    """Return the minutes of heat since `day_start`, to a tenth."""
    total = timedelta()
    for interval in intervals:
        if interval.end > day_start:
            total += interval.end - max(interval.start, day_start)
    return minutes_of(total)
