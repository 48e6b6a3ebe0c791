"""The course of an episode: its phases, pain trends and check-in times.

Plain rules of time and state. An episode starts acute, moves on to recovery
after the acute hours, and to maintenance once pain has been low for a few
days or two weeks have passed. Times are aware datetimes; where the local
day matters the zone is a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, time, timedelta, tzinfo
from itertools import pairwise
from statistics import fmean
from typing import Protocol

from ...const import (
    LOW_PAIN,
    LOW_PAIN_FOR,
    NOT_IMPROVED_AFTER,
    PAIN_AVERAGE_OVER,
    RECOVERY_AT_MOST,
    PainTrend,
    Phase,
)

# During an episode the phone asks how the pain is, morning and evening.
CHECK_IN_TIMES = (time(9, 0), time(19, 0))
# A trend needs a change of at least this much between the averages.
TREND_STEP = 1.0
# The trend compares the mean of this many latest check-ins with the ones before.
TREND_WINDOW = 3
# Pain rising on this many check-ins in a row is a reason to ask for help.
RISES_IN_A_ROW = 3
# Check-ins this close before a session's start and after its end set pain
# before against pain after.
PAIN_AROUND = timedelta(hours=1)


class PainAt(Protocol):
    """A pain check-in: when, and how much (0 to 10)."""

    @property
    def at(self) -> datetime:
        """When the pain was logged."""

    @property
    def level(self) -> int:
        """The pain, 0 to 10."""


class Span(Protocol):
    """A heat session or a routine, from its start to its end."""

    @property
    def start(self) -> datetime:
        """When it began."""

    @property
    def end(self) -> datetime:
        """When it ended."""


def clamp(value: int, limits: tuple[int, int]) -> int:
    """Return a whole-number option kept within its range (lowest, highest)."""
    return min(max(value, limits[0]), limits[1])


def next_phase(
    *,
    phase: Phase,
    since: datetime | None,
    started_at: datetime | None,
    by_hand: bool,
    acute_hours: int,
    pain: Sequence[PainAt],
) -> tuple[Phase, datetime] | None:
    """Return the phase the episode moves on to, and when; None if it stays.

    `since` is when the phase began, `by_hand` whether it was set by hand and
    `pain` every check-in kept, oldest first.
    """
    if since is None or started_at is None:
        return None
    if phase is Phase.ACUTE:
        return Phase.RECOVERY, since + timedelta(hours=acute_hours)
    if phase is not Phase.RECOVERY:
        return None
    # Recovery set by hand runs its course from then.
    anchor = since if by_hand else started_at
    due = anchor + RECOVERY_AT_MOST
    if (low_since := low_pain_since(pain, anchor)) is not None:
        due = min(due, low_since + LOW_PAIN_FOR)
    return Phase.MAINTENANCE, due


def low_pain_since(pain: Sequence[PainAt], anchor: datetime) -> datetime | None:
    """Return when the latest check-ins began to be low, none before `anchor`.

    The run of check-ins at most LOW_PAIN that ends with the latest one; None
    if the latest is higher, or there is no check-in since `anchor`.
    """
    low_since: datetime | None = None
    for entry in reversed(pain):
        if entry.at < anchor or entry.level > LOW_PAIN:
            break
        low_since = entry.at
    return low_since


def pain_trend(levels: Sequence[int]) -> PainTrend | None:
    """Compare the latest check-ins with the ones before; None with too few."""
    if len(levels) < 2:
        return None
    window = min(TREND_WINDOW, len(levels) // 2)
    latest = fmean(levels[-window:])
    before = fmean(levels[-2 * window : -window])
    if latest <= before - TREND_STEP:
        return PainTrend.IMPROVING
    if latest >= before + TREND_STEP:
        return PainTrend.WORSE
    return PainTrend.STEADY


def rising(levels: Sequence[int]) -> bool:
    """Whether pain rose on each of the last RISES_IN_A_ROW check-ins."""
    latest = levels[-(RISES_IN_A_ROW + 1) :]
    return len(latest) > RISES_IN_A_ROW and all(
        before < after for before, after in pairwise(latest)
    )


def not_improved_due(started_at: datetime) -> datetime:
    """Return when an episode that began at `started_at` should have improved."""
    return started_at + NOT_IMPROVED_AFTER


def not_improved(
    pain: Sequence[PainAt], *, started_at: datetime | None, now: datetime
) -> bool:
    """Whether the episode's pain has not improved after NOT_IMPROVED_AFTER.

    Not improved: the latest check-in of the episode is above LOW_PAIN and
    no lower than its first.
    """
    if started_at is None or now < not_improved_due(started_at):
        return False
    episode = [entry for entry in pain if entry.at >= started_at]
    return (
        bool(episode)
        and episode[-1].level > LOW_PAIN
        and episode[-1].level >= episode[0].level
    )


def recent_pain[P: PainAt](pain: Iterable[P], now: datetime) -> list[P]:
    """Return the check-ins of the last PAIN_AVERAGE_OVER before `now`."""
    since = now - PAIN_AVERAGE_OVER
    return [entry for entry in pain if entry.at > since]


def pain_average(levels: Sequence[int]) -> float | None:
    """Return the mean of the levels to one decimal; None without any."""
    return round(fmean(levels), 1) if levels else None


def pain_around(session: Span, pain: Sequence[PainAt]) -> tuple[int, int] | None:
    """Pain within PAIN_AROUND before a session and within PAIN_AROUND after it.

    The check-in nearest the session on each side; None unless both.
    """
    before = [
        entry.level
        for entry in pain
        if session.start - PAIN_AROUND <= entry.at <= session.start
    ]
    after = [
        entry.level
        for entry in pain
        if session.end <= entry.at <= session.end + PAIN_AROUND
    ]
    return (before[-1], after[0]) if before and after else None


def next_check_in(now: datetime, zone: tzinfo) -> datetime:
    """Return the next morning or evening check-in after `now`, in UTC."""
    today = now.astimezone(zone).date()
    moments = [
        datetime.combine(today + timedelta(days=days), at, tzinfo=zone).astimezone(UTC)
        for days in (0, 1)
        for at in CHECK_IN_TIMES
    ]
    return next(moment for moment in moments if moment > now)


def episode_day(started_at: datetime, now: datetime, zone: tzinfo) -> int:
    """Return the day of an episode: 1 on the local day it started."""
    return (now.astimezone(zone).date() - started_at.astimezone(zone).date()).days + 1
