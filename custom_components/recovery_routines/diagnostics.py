"""Diagnostics of Recovery Routines."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant

from .data import RecoveryRoutinesConfigEntry


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: RecoveryRoutinesConfigEntry
) -> dict[str, Any]:
    """Return the configuration, the controllers' state and recent history."""
    runtime = entry.runtime_data
    return {
        "data": dict(entry.data),
        "options": dict(entry.options),
        "heat": entry.runtime_data.heat.as_diagnostics(),
        "reminders": {
            "enabled": runtime.reminders.enabled,
            "interval": runtime.reminders.interval,
            "next_reminder": runtime.reminders.next_reminder,
        },
        "cold_pack": runtime.cold.session,
        # Notes are the user's own words: left out.
        "recent_log": [entry[:3] for entry in runtime.routines.recent_log(20)],
        "episode": runtime.episode.as_diagnostics(),
    }
