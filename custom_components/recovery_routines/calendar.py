"""Calendar platform: the recovery plan's phases, past episodes, coming reminders."""

from __future__ import annotations

from datetime import datetime, timedelta

from homeassistant.components.calendar import (
    CalendarEntity,
    CalendarEntityDescription,
    CalendarEvent,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddEntitiesCallback
from homeassistant.util import dt as dt_util

from .const import LOG_DAYS, ROUTINE_STRETCHES, Phase
from .data import RecoveryRoutinesConfigEntry, RuntimeData
from .entity import RecoveryRoutinesEntity

# Home Assistant 2026 reads calendar-only fields from the description.
RECOVERY_PLAN = CalendarEntityDescription(
    key="recovery_plan", translation_key="recovery_plan"
)
# How far ahead the coming reminders are shown, and how many at most.
AHEAD = timedelta(days=7)
MOST_REMINDERS = 100
# Past episodes as far back as the history keeps anything.
EPISODES_BACK = timedelta(days=LOG_DAYS)
# A reminder is shown as a short appointment.
REMINDER_LENGTH = timedelta(minutes=15)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RecoveryRoutinesConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add the recovery plan calendar."""
    async_add_entities([RecoveryPlanCalendar(entry, RECOVERY_PLAN)])


def plan_events(runtime: RuntimeData, now: datetime) -> list[CalendarEvent]:
    """Return the phases, the episodes and the coming reminders, by start."""
    text = runtime.notifier.text
    events: list[CalendarEvent] = [
        CalendarEvent(
            start=episode.start,
            end=max(episode.end, episode.start + timedelta(minutes=1)),
            summary=text("calendar_episode"),
            uid=f"episode_{episode.start.isoformat()}",
        )
        # The running episode shows as its phases.
        for episode in runtime.episode.episodes_between(
            now - EPISODES_BACK, now, running=False
        )
    ]
    changes = runtime.episode.phase_history
    for index, (start, phase) in enumerate(changes):
        if phase == Phase.NONE:
            continue
        if index + 1 < len(changes):
            end = changes[index + 1][0]
        else:
            # The running phase: until it moves on, or the end of today.
            end = runtime.episode.next_change or dt_util.start_of_local_day(
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
    reminders = runtime.reminders
    plan = reminders.plan
    kind = ROUTINE_STRETCHES if plan is None else plan.kind
    until = now + AHEAD
    if (change := runtime.episode.next_change) is not None:
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


class RecoveryPlanCalendar(RecoveryRoutinesEntity, CalendarEntity):
    """Shows the recovery as Home Assistant's calendar does."""

    @property
    def event(self) -> CalendarEvent | None:
        """Return the event under way, or the next one."""
        now = dt_util.utcnow()
        return next(
            (
                event
                for event in plan_events(self.runtime, now)
                if event.end_datetime_local > now
            ),
            None,
        )

    async def async_get_events(
        self, hass: HomeAssistant, start_date: datetime, end_date: datetime
    ) -> list[CalendarEvent]:
        """Return the events between `start_date` and `end_date`."""
        return [
            event
            for event in plan_events(self.runtime, dt_util.utcnow())
            if event.end_datetime_local > start_date
            and event.start_datetime_local < end_date
        ]
