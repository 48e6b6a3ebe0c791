"""The recovery plan as calendar events: past episodes, phases, coming reminders."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from homeassistant.components.calendar import CalendarEvent
from homeassistant.util import dt as dt_util

from ..const import LOG_DAYS, ROUTINE_STRETCHES, Phase
from ..stretches.reminders import ReminderScheduler
from .episode import EpisodeTracker

# How far ahead the coming reminders are shown, and how many at most.
AHEAD = timedelta(days=7)
MOST_REMINDERS = 100
# Past episodes as far back as the history keeps anything.
EPISODES_BACK = timedelta(days=LOG_DAYS)
# A reminder is shown as a short appointment.
REMINDER_LENGTH = timedelta(minutes=15)


def plan_events(
    episode: EpisodeTracker,
    reminders: ReminderScheduler,
    text: Callable[[str], str],
    now: datetime,
) -> list[CalendarEvent]:
    """Return the phases, the episodes and the coming reminders, by start.

    `text` gives the summary of a translation key, in the entry's language.
    """
    queries = episode.queries
    events: list[CalendarEvent] = [
        CalendarEvent(
            start=past.start,
            end=max(past.end, past.start + timedelta(minutes=1)),
            summary=text("calendar_episode"),
            uid=f"episode_{past.start.isoformat()}",
        )
        # The running episode shows as its phases.
        for past in queries.episodes_between(now - EPISODES_BACK, now, running=False)
    ]
    changes = queries.phase_history
    for index, (start, phase) in enumerate(changes):
        if phase == Phase.NONE:
            continue
        if index + 1 < len(changes):
            end = changes[index + 1][0]
        else:
            # The running phase: until it moves on, or the end of today.
            end = episode.next_change or dt_util.start_of_local_day(
                dt_util.now().date() + timedelta(days=1)
            )
        events.append(
            CalendarEvent(
                start=start,
                end=max(end, start + timedelta(minutes=1)),
                summary=text(f"calendar_{phase}"),
                uid=f"phase_{start.isoformat()}",
            )
        )
    plan = reminders.plan
    kind = ROUTINE_STRETCHES if plan is None else plan.kind
    until = now + AHEAD
    if (change := episode.next_change) is not None:
        # After the change the next phase plans its own reminders.
        until = min(until, change)
    events.extend(
        CalendarEvent(
            start=due,
            end=due + REMINDER_LENGTH,
            summary=text(f"calendar_reminder_{kind}"),
            uid=f"reminder_{due.isoformat()}",
        )
        for due in reminders.upcoming(until, MOST_REMINDERS)
    )
    return sorted(events, key=lambda event: event.start_datetime_local)
