"""Persistence of what must survive a Home Assistant restart."""

from __future__ import annotations

import logging
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.storage import Store

from ..const import DOMAIN
from .records import EpisodeData, HeatData, RoutineData

_LOGGER = logging.getLogger(__name__)

STORAGE_VERSION = 1


class RecoveryStore:
    """The per-entry store: heat state and routine history, saved together."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Set up the store of one config entry."""
        self._hass = hass
        self._store: Store[dict[str, Any]] = Store(
            hass, STORAGE_VERSION, f"{DOMAIN}.{entry_id}"
        )
        self.heat = HeatData()
        self.routines = RoutineData()
        self.episode = EpisodeData()

    async def async_load(self) -> None:
        """Load the stored data; a corrupt part is reported and replaced.

        A store that cannot be read must never fail the setup: the heat cutoff
        has to run even when the history is lost.
        """
        try:
            stored = await self._store.async_load()
            if stored is None:
                return
            heat = stored["heat"]
        except (HomeAssistantError, KeyError, TypeError, ValueError) as err:
            self._report(err)
            return
        try:
            self.heat = HeatData.from_dict(heat)
        except (KeyError, TypeError, ValueError) as err:
            self._report(err)
        try:
            self.routines = RoutineData.from_dict(stored.get("routines") or {})
        except (KeyError, TypeError, ValueError) as err:
            if "routines" in stored:
                self._report(err)
        try:
            self.episode = EpisodeData.from_dict(stored.get("episode") or {})
        except (KeyError, TypeError, ValueError) as err:
            if "episode" in stored:
                self._report(err)

    def _report(self, err: Exception) -> None:
        _LOGGER.error(
            "The stored state in %s could not be read and is replaced: %r",
            self._store.path,
            err,
        )

    def _as_dict(self) -> dict[str, Any]:
        return {
            "heat": self.heat.as_dict(),
            "routines": self.routines.as_dict(),
            "episode": self.episode.as_dict(),
        }

    def async_save(self) -> None:
        """Write now: safety state must not wait for a delayed write."""
        self._hass.async_create_task(
            self._store.async_save(self._as_dict()), "recovery_routines save"
        )

    async def async_flush(self) -> None:
        """Write at once and wait for it, before the entry goes away."""
        await self._store.async_save(self._as_dict())

    async def async_remove(self) -> None:
        """Delete the stored data."""
        await self._store.async_remove()
