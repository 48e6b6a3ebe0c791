"""Persistence of what must survive a Home Assistant restart."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
import logging
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from .const import DEFAULT_HEAT_DURATION, DOMAIN

_LOGGER = logging.getLogger(__name__)

STORAGE_VERSION = 1


@dataclass(kw_only=True)
class HeatInterval:
    """A stretch of time the heating pad was on."""

    start: datetime
    end: datetime


@dataclass(kw_only=True)
class Session:
    """A running heat session."""

    started_at: datetime
    ends_at: datetime
    source: str


@dataclass(kw_only=True)
class HeatData:
    """Everything the heat controller persists."""

    heat_duration: int = DEFAULT_HEAT_DURATION
    session: Session | None = None
    # Start of heat that has not been confirmed off yet: a running session,
    # or a session whose plug has not reported "off" after the cutoff.
    heat_on_since: datetime | None = None
    # A turn-off was requested and the plug has not confirmed it.
    off_pending: bool = False
    intervals: list[HeatInterval] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable copy."""
        return {
            "heat_duration": self.heat_duration,
            "session": None
            if self.session is None
            else {
                "started_at": self.session.started_at.isoformat(),
                "ends_at": self.session.ends_at.isoformat(),
                "source": self.session.source,
            },
            "heat_on_since": _iso(self.heat_on_since),
            "off_pending": self.off_pending,
            "intervals": [
                [interval.start.isoformat(), interval.end.isoformat()]
                for interval in self.intervals
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> HeatData:
        """Build from what `as_dict` returned; raise on anything malformed."""
        session = data["session"]
        return cls(
            heat_duration=int(data["heat_duration"]),
            session=None
            if session is None
            else Session(
                started_at=_parse(session["started_at"]),
                ends_at=_parse(session["ends_at"]),
                source=str(session["source"]),
            ),
            heat_on_since=None
            if data["heat_on_since"] is None
            else _parse(data["heat_on_since"]),
            off_pending=bool(data["off_pending"]),
            intervals=[
                HeatInterval(start=_parse(start), end=_parse(end))
                for start, end in data["intervals"]
            ],
        )


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _parse(value: str) -> datetime:
    if (parsed := dt_util.parse_datetime(value)) is None:
        raise ValueError(f"not a date and time: {value!r}")
    return parsed


class RecoveryStore:
    """The per-entry store."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Set up the store of one config entry."""
        self._hass = hass
        self._store: Store[dict[str, Any]] = Store(
            hass, STORAGE_VERSION, f"{DOMAIN}.{entry_id}"
        )

    async def async_load(self) -> HeatData:
        """Load the stored data; a corrupt store is reported and replaced.

        A store that cannot be read must never fail the setup: the heat cutoff
        has to run even when the history is lost.
        """
        try:
            stored = await self._store.async_load()
            if stored is None:
                return HeatData()
            return HeatData.from_dict(stored["heat"])
        except (HomeAssistantError, KeyError, TypeError, ValueError) as err:
            _LOGGER.error(
                "The stored state in %s could not be read and is replaced: %s",
                self._store.path,
                err,
            )
            return HeatData()

    def async_save(self, data: HeatData) -> None:
        """Write now: safety state must not wait for a delayed write."""
        self._hass.async_create_task(
            self._store.async_save({"heat": data.as_dict()}), "recovery_routines save"
        )

    async def async_flush(self, data: HeatData) -> None:
        """Write at once and wait for it, before the entry goes away."""
        await self._store.async_save({"heat": data.as_dict()})

    async def async_remove(self) -> None:
        """Delete the stored data."""
        await self._store.async_remove()
