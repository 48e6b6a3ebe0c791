"""What the options ask of the recovery plan: the acute hours, the phases' reminders."""

from __future__ import annotations

from datetime import time

from homeassistant.config_entries import ConfigEntry

from ..const import (
    ACUTE_HOURS_RANGE,
    COLD_PACK_EVERY_HOURS_RANGE,
    CONF_ACUTE_HOURS,
    CONF_COLD_PACK_EVERY_HOURS,
    CONF_DAILY_ROUTINE_AT,
    CONF_STRETCH_EVERY_HOURS,
    DEFAULT_ACUTE_HOURS,
    DEFAULT_COLD_PACK_EVERY_HOURS,
    DEFAULT_DAILY_ROUTINE_AT,
    DEFAULT_STRETCH_EVERY_HOURS,
    ROUTINE_COLD,
    ROUTINE_GUIDED,
    ROUTINE_STRETCHES,
    STRETCH_EVERY_HOURS_RANGE,
    Phase,
)
from ..stretches.rules.window import ReminderPlan
from .rules.phases import clamp


def acute_hours(entry: ConfigEntry) -> int:
    """Return the configured hours of the acute phase, within the care range."""
    return _option(entry, CONF_ACUTE_HOURS, DEFAULT_ACUTE_HOURS, ACUTE_HOURS_RANGE)


def _option(entry: ConfigEntry, key: str, default: int, limits: tuple[int, int]) -> int:
    """Return a whole-number option, kept within its range."""
    return clamp(int(entry.options.get(key, default)), limits)


def phase_plans(entry: ConfigEntry) -> dict[Phase, ReminderPlan]:
    """Return what each phase asks of the reminders, as the options say."""
    cold_hours = _option(
        entry,
        CONF_COLD_PACK_EVERY_HOURS,
        DEFAULT_COLD_PACK_EVERY_HOURS,
        COLD_PACK_EVERY_HOURS_RANGE,
    )
    stretch_hours = _option(
        entry,
        CONF_STRETCH_EVERY_HOURS,
        DEFAULT_STRETCH_EVERY_HOURS,
        STRETCH_EVERY_HOURS_RANGE,
    )
    daily_at = time.fromisoformat(
        entry.options.get(CONF_DAILY_ROUTINE_AT, DEFAULT_DAILY_ROUTINE_AT)
    )
    return {
        Phase.ACUTE: ReminderPlan(
            minutes=cold_hours * 60,
            kind=ROUTINE_COLD,
            text_key="notification_cold_reminder",
        ),
        Phase.RECOVERY: ReminderPlan(
            minutes=stretch_hours * 60,
            kind=ROUTINE_STRETCHES,
            text_key="notification_reminder",
        ),
        Phase.MAINTENANCE: ReminderPlan(
            minutes=24 * 60,
            kind=ROUTINE_GUIDED,
            text_key="notification_routine_reminder",
            at=daily_at,
        ),
    }
