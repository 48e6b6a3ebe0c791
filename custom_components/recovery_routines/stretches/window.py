"""Waking hours: when reminders may fire."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from homeassistant.util import dt as dt_util


def in_window(when: datetime, start: time, end: time) -> bool:
    """Return whether `when` falls in the daily window; it may cross midnight."""
    return time_in_window(dt_util.as_local(when).time(), start, end)


def time_in_window(local: time, start: time, end: time) -> bool:
    """Return whether a local time of day falls in the daily window."""
    if start < end:
        return start <= local < end
    # Across midnight; the same start and end make it the whole day.
    return local >= start or local < end


def move_into_window(when: datetime, start: time, end: time) -> datetime:
    """Return `when`, or the next start of the window after it."""
    if in_window(when, start, end):
        return when
    local = dt_util.as_local(when)
    day = local.date()
    if local.time() >= start:
        day += timedelta(days=1)
    return dt_util.as_utc(
        datetime.combine(day, start, tzinfo=dt_util.get_default_time_zone())
    )
