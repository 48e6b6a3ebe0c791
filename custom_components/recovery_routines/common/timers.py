"""Named one-shot timers that go away together."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from homeassistant.core import CALLBACK_TYPE, HassJob, HomeAssistant, callback
from homeassistant.helpers.event import async_track_point_in_utc_time


class Timers:
    """One timer per name: scheduling a name again replaces its timer."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Start with no timer."""
        self._hass = hass
        self._timers: dict[str, CALLBACK_TYPE] = {}
        self.closed = False

    @callback
    def schedule(
        self, name: str, when: datetime, action: Callable[[datetime], None]
    ) -> None:
        """Run `action` at `when`, unless the timers were closed."""
        self.cancel(name)
        if self.closed:
            return

        @callback
        def _fire(now: datetime) -> None:
            self._timers.pop(name, None)
            action(now)

        self._timers[name] = async_track_point_in_utc_time(
            self._hass, HassJob(_fire, name), when
        )

    @callback
    def cancel(self, name: str) -> None:
        """Cancel the timer of `name`, if any."""
        if (unsub := self._timers.pop(name, None)) is not None:
            unsub()

    @callback
    def close(self) -> None:
        """Cancel every timer and schedule no more."""
        self.closed = True
        for name in list(self._timers):
            self.cancel(name)
