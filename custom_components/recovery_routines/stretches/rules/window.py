"""The waking window, and when the next stretch reminder falls due.

Reminders fire only in the daily window from `start` to `end` (local time;
it may cross midnight, and the same start and end make it the whole day).
One that would fall outside waits for the next start of the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo


def time_in_window(local: time, start: time, end: time) -> bool:
    """Return whether a local time of day falls in the daily window."""
    if start < end:
        return start <= local < end
    # Across midnight; the same start and end make it the whole day.
    return local >= start or local < end


def in_window(when: datetime, start: time, end: time, zone: tzinfo) -> bool:
    """Return whether `when` falls in the daily window of the local `zone`."""
    return time_in_window(when.astimezone(zone).time(), start, end)


def move_into_window(when: datetime, start: time, end: time, zone: tzinfo) -> datetime:
    """Return `when`, or the next start of the window after it (in UTC)."""
    if in_window(when, start, end, zone):
        return when
    local = when.astimezone(zone)
    day = local.date()
    if local.time() >= start:
        day += timedelta(days=1)
    return datetime.combine(day, start, tzinfo=zone).astimezone(UTC)


def next_local(at: time, after: datetime, zone: tzinfo) -> datetime:
    """Return the first moment after `after` at the local time of day `at`."""
    day = after.astimezone(zone).date()
    moment = datetime.combine(day, at, tzinfo=zone).astimezone(UTC)
    if moment <= after:
        moment = datetime.combine(day + timedelta(days=1), at, tzinfo=zone).astimezone(
            UTC
        )
    return moment


@dataclass(frozen=True, kw_only=True)
class ReminderPlan:
    """What a phase of an episode asks of the reminders."""

    minutes: int
    # What is reminded of: ROUTINE_COLD, ROUTINE_STRETCHES or ROUTINE_GUIDED.
    kind: str
    text_key: str
    # A daily reminder at this local time instead of every `minutes`.
    at: time | None = None


@dataclass(frozen=True, kw_only=True)
class ReminderSchedule:
    """How reminders follow one another: a phase's plan, or the user's interval.

    The times it returns from `after` and `next_due` are before the move into
    the window; `into_window` makes them due, as the scheduler does.
    """

    # The user's minutes between reminders, used without a plan.
    interval: int
    plan: ReminderPlan | None = None
    start: time
    end: time
    zone: tzinfo

    @property
    def minutes(self) -> int:
        """Minutes between reminders now: the plan's, or the user's."""
        return self.interval if self.plan is None else self.plan.minutes

    def after(self, moment: datetime) -> datetime:
        """Return when the reminder after one at `moment` falls, before the window."""
        if self.plan is not None and self.plan.at is not None:
            return next_local(self.plan.at, moment, self.zone)
        return moment + timedelta(minutes=self.minutes)

    def next_due(
        self,
        now: datetime,
        *,
        last_stretch: datetime | None,
        last_reminder: datetime | None,
    ) -> datetime:
        """Return the next reminder of a new plan or interval, before the window.

        An interval runs from the last stretch or reminder, never before now;
        a daily time simply comes round next.
        """
        if self.plan is not None and self.plan.at is not None:
            return next_local(self.plan.at, now, self.zone)
        base = max(
            (moment for moment in (last_stretch, last_reminder) if moment is not None),
            default=now,
        )
        return max(base + timedelta(minutes=self.minutes), now)

    def in_window(self, when: datetime) -> bool:
        """Return whether `when` falls in the waking window."""
        return in_window(when, self.start, self.end, self.zone)

    def into_window(self, when: datetime) -> datetime:
        """Return `when`, or the next start of the waking window after it."""
        return move_into_window(when, self.start, self.end, self.zone)

    def next_reminder(self, moment: datetime) -> datetime:
        """Return when the reminder after one at `moment` is due, in the window."""
        return self.into_window(self.after(moment))

    def upcoming(
        self, first: datetime | None, until: datetime, limit: int
    ) -> list[datetime]:
        """Return the reminders from `first` on before `until`, at most `limit`."""
        times: list[datetime] = []
        due = first
        while due is not None and due < until and len(times) < limit:
            times.append(due)
            due = self.next_reminder(due)
        return times
