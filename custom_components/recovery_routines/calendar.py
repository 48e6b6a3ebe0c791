"""Calendar platform: the recovery plan's phases, past episodes, coming reminders."""

from __future__ import annotations

from datetime import datetime

from homeassistant.components.calendar import (
    CalendarEntity,
    CalendarEntityDescription,
    CalendarEvent,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddEntitiesCallback
from homeassistant.util import dt as dt_util

from .data import RecoveryRoutinesConfigEntry
from .entity import RecoveryRoutinesEntity
from .plan.calendar import plan_events

# Home Assistant 2026 reads calendar-only fields from the description.
RECOVERY_PLAN = CalendarEntityDescription(
    key="recovery_plan", translation_key="recovery_plan"
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RecoveryRoutinesConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add the recovery plan calendar."""
    async_add_entities([RecoveryPlanCalendar(entry, RECOVERY_PLAN)])


class RecoveryPlanCalendar(RecoveryRoutinesEntity, CalendarEntity):
    """Shows the recovery as Home Assistant's calendar does."""

    def _events(self, now: datetime) -> list[CalendarEvent]:
        runtime = self.runtime
        return plan_events(
            runtime.episode, runtime.reminders, runtime.notifier.text, now
        )

    @property
    def event(self) -> CalendarEvent | None:
        """Return the event under way, or the next one."""
        now = dt_util.utcnow()
        return next(
            (event for event in self._events(now) if event.end_datetime_local > now),
            None,
        )

    async def async_get_events(
        self, hass: HomeAssistant, start_date: datetime, end_date: datetime
    ) -> list[CalendarEvent]:
        """Return the events between `start_date` and `end_date`."""
        return [
            event
            for event in self._events(dt_util.utcnow())
            if event.end_datetime_local > start_date
            and event.start_datetime_local < end_date
        ]
