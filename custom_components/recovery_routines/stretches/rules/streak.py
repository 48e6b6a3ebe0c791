"""The history of stretches: which lines are stretches, today's count, the streak.

The counters and the streak are computed from the log, never counted in
memory, so they are right across midnight, restarts and time-zone changes.
The log is any sequence of lines with `.at` (an aware moment) and `.routine`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, Protocol

from ...const import LOG_DAYS, ROUTINE_COLD, ROUTINE_HEAT, ROUTINE_STRETCHES, HeatEvent

# Heat events that end heat and so land in the history with their minutes.
HEAT_ENDINGS = (HeatEvent.COMPLETED, HeatEvent.STOPPED, HeatEvent.CUTOFF)

# Timed routines, not stretching.
_TIMED = (ROUTINE_HEAT, ROUTINE_COLD)
# Lines that are not one stretch: the whole routine, heat and cold.
_NOT_ONE_STRETCH = (ROUTINE_STRETCHES, ROUTINE_HEAT, ROUTINE_COLD)


class Logged(Protocol):
    """One line of the history: when, and what was done."""

    @property
    def at(self) -> datetime:
        """When it was done (aware)."""

    @property
    def routine(self) -> str:
        """What was done: a stretch's name, ROUTINE_STRETCHES, heat or cold."""


def is_stretch(routine: str) -> bool:
    """Return whether a line of the history is one stretch."""
    return routine not in _NOT_ONE_STRETCH


def is_stretching(routine: str) -> bool:
    """Return whether a line is a stretch or the whole routine: not heat or cold."""
    return routine not in _TIMED


def is_timed(routine: str) -> bool:
    """Return whether a routine is heat or a cold pack, logged with its minutes."""
    return routine in _TIMED


def local_day(when: datetime, zone: tzinfo) -> date:
    """Return the local day of a moment."""
    return when.astimezone(zone).date()


def stretches_on(log: Iterable[Logged], day: date, zone: tzinfo) -> int:
    """Return how many stretches were done on a local day."""
    return sum(
        1
        for entry in log
        if is_stretch(entry.routine) and local_day(entry.at, zone) == day
    )


def last_stretch(log: Iterable[Logged]) -> datetime | None:
    """Return when a stretch, or the whole routine, was last done."""
    return max(
        (entry.at for entry in log if is_stretching(entry.routine)), default=None
    )


def routine_days(log: Iterable[Logged], zone: tzinfo) -> set[date]:
    """Return the local days on which the whole routine was done."""
    return {
        local_day(entry.at, zone) for entry in log if entry.routine == ROUTINE_STRETCHES
    }


def routine_done_on(log: Iterable[Logged], day: date, zone: tzinfo) -> bool:
    """Return whether the whole routine was done on a local day."""
    return any(
        entry.routine == ROUTINE_STRETCHES and local_day(entry.at, zone) == day
        for entry in log
    )


def streak(log: Iterable[Logged], today: date, zone: tzinfo) -> int:
    """Return the days in a row, up to today, with the whole routine done.

    A day still going counts once its routine is done; until then the
    streak up to yesterday stands.
    """
    days = routine_days(log, zone)
    day = today
    if day not in days:
        day -= timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def pruned[EntryT: Logged](log: list[EntryT], now: datetime) -> list[EntryT]:
    """Return the log without lines older than LOG_DAYS; itself if none are.

    Lines are in the order logged, so only the first needs looking at.
    """
    cutoff = now - timedelta(days=LOG_DAYS)
    if log and log[0].at < cutoff:
        return [entry for entry in log if entry.at >= cutoff]
    return log


def between[EntryT: Logged](
    log: Iterable[EntryT], start: datetime, end: datetime
) -> list[EntryT]:
    """Return the lines from `start` to `end`, both included."""
    return [entry for entry in log if start <= entry.at <= end]


def completion_attributes(
    routine: str, minutes: float | None, note: str | None
) -> dict[str, Any]:
    """Return the attributes of the event of a completed routine."""
    attributes: dict[str, Any] = {"routine": routine}
    if minutes is not None:
        attributes["minutes"] = minutes
    if note:
        attributes["note"] = note
    return attributes


# ----- routines that work up over days -----------------------------------------
# Their progress is the days completed and the last of them (an ISO date).

NO_PROGRESS = (0, "")


def days_before(progress: tuple[int, str], today: date) -> int:
    """Return the days completed before today."""
    days, last_day = progress
    return days - 1 if last_day == today.isoformat() else days


def counted(progress: tuple[int, str], today: date) -> tuple[int, str] | None:
    """Return the progress with today counted, or None if it already is."""
    days, last_day = progress
    today_iso = today.isoformat()
    if last_day == today_iso:
        return None
    return (days + 1, today_iso)


def unknown_routine_choices(stretches: Sequence[str]) -> str:
    """Return what may be logged, for the message about an unknown routine."""
    return ", ".join([*stretches, ROUTINE_STRETCHES, ROUTINE_HEAT, ROUTINE_COLD])
