"""When said moments were, and how long said spans are.

"I hurt my back yesterday" begins an episode in the past; "20 minutes left" is
a span rounded up to whole minutes. Plain functions of `now` and the local zone.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, tzinfo
import math

YESTERDAY = "yesterday"
THIS_MORNING = "this_morning"
LAST_NIGHT = "last_night"
# When an episode began, as said: "I hurt my back yesterday".
EPISODE_BEGAN = (YESTERDAY, THIS_MORNING, LAST_NIGHT)
THIS_MORNING_AT = time(8, 0)
LAST_NIGHT_AT = time(21, 0)


def episode_began(when: str | None, *, now: datetime, zone: tzinfo) -> datetime | None:
    """Return when an episode said to begin `when` began; None for just now.

    Yesterday: a day ago, so today is its second day. This morning: 08:00.
    Last night: 21:00 yesterday. Never later than now. `now` is aware; the
    days are those of `zone`, the local time zone.
    """
    if when is None:
        return None
    if when == YESTERDAY:
        return now - timedelta(days=1)
    today = now.astimezone(zone).date()
    day, at = (
        (today, THIS_MORNING_AT)
        if when == THIS_MORNING
        else (today - timedelta(days=1), LAST_NIGHT_AT)
    )
    began = datetime.combine(day, at, tzinfo=zone).astimezone(UTC)
    return min(began, now)


def whole_minutes(span: timedelta) -> int:
    """Return the minutes said for `span`: whole ones, rounded up."""
    return math.ceil(span.total_seconds() / 60)
