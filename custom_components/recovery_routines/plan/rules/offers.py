"""When heat is offered: a few times a day, spread evenly over the waking hours."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from ...const import HEAT_OFFERS_PER_DAY_RANGE
from .phases import clamp

DAY = timedelta(days=1)


def offer_times(count: int, start: time, end: time) -> list[time]:
    """Return the local times heat is offered, earliest first.

    The waking hours run from `start` to `end`, past midnight if `end` is
    earlier, the whole day if they are the same. `count` is kept within
    HEAT_OFFERS_PER_DAY_RANGE; heat is offered in the middle of each of
    `count` equal parts of the waking hours, to the second.
    """
    count = clamp(count, HEAT_OFFERS_PER_DAY_RANGE)
    opening = datetime.combine(datetime.min.date(), start)
    awake = (datetime.combine(datetime.min.date(), end) - opening) % DAY or DAY
    return sorted(
        (opening + awake * (2 * part + 1) / (2 * count)).time().replace(microsecond=0)
        for part in range(count)
    )
