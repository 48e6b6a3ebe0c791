"""Diagnostics of Recovery Routines."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant

from .data import RecoveryRoutinesConfigEntry


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: RecoveryRoutinesConfigEntry
) -> dict[str, Any]:
    """Return the configuration and the state of the heat controller."""
    return {
        "data": dict(entry.data),
        "options": dict(entry.options),
        "heat": entry.runtime_data.heat.as_diagnostics(),
    }
