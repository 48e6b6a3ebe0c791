"""The pad and the cold pack as a guided routine drives them.

A heat step is a session of the heat controller, with all its safety rules;
a cold step a cold pack. Their own timers end them, and their end (or a
safety cutoff) is what moves the routine on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from homeassistant.core import callback

from ..cold.pack import ColdPackTimer
from ..const import HeatEvent, RoutineEvent
from ..heat.controller import HeatController
from .rules.steps import ColdStep, HeatStep, MoveKind, Step

SOURCE = "routine"

# Called with the kind of move that ended (heat or cold), and whether the
# end was a safety cutoff that stops the routine.
type EndListener = Callable[[str, bool], None]


class StepDevices:
    """Starts, stops and follows the heat sessions and cold packs of steps."""

    def __init__(self, heat: HeatController, cold: ColdPackTimer) -> None:
        """Drive `heat` for heat steps and `cold` for cold steps."""
        self._heat = heat
        self._cold = cold

    @callback
    def async_listen(self, listener: EndListener) -> list[Callable[[], None]]:
        """Call `listener` at each end; return the unsubscribes (heat, cold)."""

        @callback
        def heat_event(event_type: str, _attributes: dict[str, Any]) -> None:
            if event_type not in (HeatEvent.COMPLETED, HeatEvent.STOPPED):
                if event_type == HeatEvent.CUTOFF:
                    listener(MoveKind.HEAT, True)
                return
            listener(MoveKind.HEAT, False)

        @callback
        def cold_event(event_type: str, _attributes: dict[str, Any]) -> None:
            if event_type in (RoutineEvent.COLD_COMPLETED, RoutineEvent.COLD_STOPPED):
                listener(MoveKind.COLD, False)

        return [
            self._heat.async_add_event_listener(heat_event),
            self._cold.async_add_event_listener(cold_event),
        ]

    async def async_begin(self, step: Step) -> None:
        """Start the heat session or cold pack of `step`; refuse as they refuse."""
        if isinstance(step, HeatStep):
            await self._heat.async_start_session(step.minutes, source=SOURCE)
        elif isinstance(step, ColdStep):
            self._cold.async_start_pack(step.minutes)

    async def async_end(self, kind: str) -> None:
        """End the heat session or cold pack of a move of `kind`, if it runs."""
        if kind == MoveKind.HEAT and self._heat.session is not None:
            await self._heat.async_stop_session(source=SOURCE)
        elif kind == MoveKind.COLD and self._cold.session is not None:
            self._cold.async_stop_pack()

    def ends_at(self, kind: str) -> datetime | None:
        """When the heat session or cold pack of a move of `kind` ends."""
        if kind == MoveKind.HEAT:
            session = self._heat.session
            return None if session is None else session.ends_at
        pack = self._cold.session
        return None if pack is None else pack.ends_at
