"""Runtime data of a loaded config entry."""

from __future__ import annotations

from dataclasses import dataclass

from homeassistant.config_entries import ConfigEntry

from .heat import HeatController


@dataclass(kw_only=True)
class RuntimeData:
    """What a loaded config entry holds."""

    heat: HeatController


type RecoveryRoutinesConfigEntry = ConfigEntry[RuntimeData]
