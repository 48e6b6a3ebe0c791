"""The heat sessions and guided routines seen, for pain before and after.

Heat started in the first days (the acute phase) carries advice to use cold
instead; it still starts. A session is kept when it ends; one that began
before a restart is not, as its start was not seen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from homeassistant.core import CALLBACK_TYPE, callback
from homeassistant.util import dt as dt_util

from ..common.notifier import Notifier
from ..common.records import SessionSpan
from ..const import HeatEvent, Phase
from ..guided.guide import RoutineGuide
from ..heat.controller import HeatController
from ..stretches.rules.streak import HEAT_ENDINGS
from .queries import EpisodeQueries

# Heat started in the first days carries this advice; it still starts.
COLD_ADVISED = "cold_advised"
NOTIFICATION_HEAT_ADVICE = "heat_advice"
SESSION_HEAT = "heat"


class SessionWatch:
    """Follows the heat and the guided routine; hands each session seen on."""

    def __init__(
        self,
        episode: EpisodeQueries,
        *,
        heat: HeatController,
        guide: RoutineGuide,
        notifier: Notifier,
        keep: Callable[[SessionSpan], None],
    ) -> None:
        """Advise by the phase of `episode`; give each session that ends to `keep`."""
        self._episode = episode
        self._heat = heat
        self._guide = guide
        self._notifier = notifier
        self._keep = keep
        # When the heat and the guided routine under way began, as seen here.
        self._heat_since: datetime | None = None
        self._routine_since: tuple[str, datetime] | None = None

    @callback
    def async_listen(self) -> tuple[CALLBACK_TYPE, CALLBACK_TYPE]:
        """Follow the heat's events and the guide; return what stops each."""
        return (
            self._heat.async_add_event_listener(self._async_heat_event),
            self._guide.async_add_listener(self._async_guide_changed),
        )

    def heat_advice(self) -> str | None:
        """Return the advice a heat session starting now carries, if any."""
        return COLD_ADVISED if self._episode.phase is Phase.ACUTE else None

    @callback
    def _async_heat_event(self, event_type: str, attributes: dict[str, Any]) -> None:
        if event_type == HeatEvent.STARTED:
            self._heat_since = dt_util.utcnow()
            if attributes.get("advice"):
                self._notifier.async_send(
                    NOTIFICATION_HEAT_ADVICE,
                    self._notifier.text("notification_cold_advised"),
                    with_actions=False,
                )
        elif event_type in HEAT_ENDINGS and self._heat_since is not None:
            self._async_ended(SESSION_HEAT, self._heat_since)
            self._heat_since = None

    @callback
    def _async_guide_changed(self) -> None:
        run = self._guide.run
        if run is not None and self._routine_since is None:
            self._routine_since = (run.routine.name, dt_util.utcnow())
        elif run is None and self._routine_since is not None:
            self._async_ended(*self._routine_since)
            self._routine_since = None

    @callback
    def _async_ended(self, kind: str, start: datetime) -> None:
        self._keep(SessionSpan(kind=kind, start=start, end=dt_util.utcnow()))
