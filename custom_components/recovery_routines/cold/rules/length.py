"""How long a cold pack runs: the asked length or the configured one, at most 20."""

from __future__ import annotations

from datetime import datetime, timedelta

from ...const import COLD_MINUTES_RANGE

# The longest cold pack, in minutes: longer ones are refused, not shortened.
MAX_MINUTES = COLD_MINUTES_RANGE[1]


def pack_length(minutes: int | None, default: int) -> int:
    """Return the length of a new pack: `minutes`, or the configured default."""
    return default if minutes is None else minutes


def too_long(minutes: int) -> bool:
    """Return whether a pack of `minutes` is longer than a cold pack may be."""
    return minutes > MAX_MINUTES


def pack_end(started_at: datetime, minutes: int) -> datetime:
    """Return when a pack started at `started_at` ends."""
    return started_at + timedelta(minutes=minutes)


def time_on(started_at: datetime, ends_at: datetime, now: datetime) -> timedelta:
    """Return how long a pack was on when it ends `now`: never past its end."""
    return min(now, ends_at) - started_at
