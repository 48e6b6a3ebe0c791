"""Guided routines: heat, cold, stretches held and timed, waits, one after another.

The run engine, without entity code. A routine is expanded into timed moves
(a count-in, each hold, each rest: guided/rules/steps.py); entities hear of
every move change, never of the seconds in between. Heat steps run through
the heat controller with all its safety rules, cold steps through the cold
pack timer; their end moves the routine on. The routines offered and the
one chosen are guided/catalog.py's; the words, guided/announcer.py's; what a
run leaves behind, guided/history.py's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from homeassistant.const import EVENT_HOMEASSISTANT_STOP
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.util import dt as dt_util

from ..cold.pack import ColdPackTimer
from ..common.notifier import Notifier
from ..common.observable import Observable
from ..common.timers import Timers
from ..const import DOMAIN
from ..heat.controller import HeatController
from ..stretches.tracker import RoutineTracker
from .announcer import CueListener, RunAnnouncer, StepListener
from .catalog import RoutineCatalog
from .devices import StepDevices
from .history import RunHistory
from .rules.run import RoutineRun
from .rules.steps import GuidedRoutine, MoveKind, Step, previous_step, step_name

TIMER = "move"


def _refusal(key: str, **placeholders: str) -> ServiceValidationError:
    return ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders=placeholders or None,
    )


class RoutineGuide(Observable):
    """Leads one routine at a time through its steps, for one entry."""

    def __init__(
        self,
        hass: HomeAssistant,
        heat: HeatController,
        cold: ColdPackTimer,
        tracker: RoutineTracker,
        texts: Notifier,
    ) -> None:
        """Create the guide of one config entry.

        `texts` holds the words of the cues in the user's language.
        """
        super().__init__()
        self.hass = hass
        self._devices = StepDevices(heat, cold)
        self._catalog = RoutineCatalog()
        self._announcer = RunAnnouncer(texts)
        self._history = RunHistory(tracker)
        self._timers = Timers(hass)
        self.run: RoutineRun | None = None
        self._unsubs: list[Callable[[], None]] = []

    # ----- life cycle ---------------------------------------------------------

    @callback
    def async_start(self) -> None:
        """Follow the ends of heat sessions and cold packs."""
        self._unsubs.extend(self._devices.async_listen(self._async_timed_step_ended))
        # A routine does not survive a restart: it stops, and says so.
        self._unsubs.append(
            self.hass.bus.async_listen(EVENT_HOMEASSISTANT_STOP, self._async_ha_stop)
        )

    @callback
    def _async_ha_stop(self, _event: Event) -> None:
        self.async_stop()

    @callback
    def async_stop(self) -> None:
        """Stop guiding; a routine under way ends without being logged as done.

        Called on unload and when Home Assistant stops: the heat step keeps
        its own safety behaviour, the logbook says the routine was interrupted.
        """
        while self._unsubs:
            self._unsubs.pop()()
        self._timers.close()
        if (run := self.run) is not None:
            self.run = None
            self._history.interrupted(run)
            self._announcer.show_step(None)
            self._async_notify()

    @callback
    def async_add_cue_listener(self, listener: CueListener) -> Callable[[], None]:
        """Call `listener` with each cue to speak."""
        return self._announcer.async_add_cue_listener(listener)

    @callback
    def async_add_step_listener(self, listener: StepListener) -> Callable[[], None]:
        """Call `listener` with what each step shows, and None at the end."""
        return self._announcer.async_add_step_listener(listener)

    # ----- what entities read -------------------------------------------------

    @callback
    def async_set_own_routines(self, routines: tuple[GuidedRoutine, ...]) -> None:
        """Offer the routines a person added, after the shipped ones.

        A routine under way runs on as it was started; a chosen routine that
        is gone gives way to the first.
        """
        self._catalog.set_own_routines(routines)
        self._async_notify()

    @property
    def routines(self) -> tuple[GuidedRoutine, ...]:
        """The shipped routines, then those a person added."""
        return self._catalog.routines

    @property
    def selected(self) -> str:
        """The name of the routine that a start without a name starts."""
        return self._catalog.selected

    @property
    def names(self) -> list[str]:
        """The routines one can start."""
        return self._catalog.names

    @property
    def keys(self) -> list[str]:
        """The routines as options of the routine picker.

        A routine deleted while it runs stays one until it ends.
        """
        return self._catalog.keys(None if self.run is None else self.run.routine)

    @property
    def selected_key(self) -> str:
        """The running routine, else the chosen one, as a picker option."""
        return self._catalog.selected_key(
            None if self.run is None else self.run.routine
        )

    @property
    def step_text(self) -> str | None:
        """The current move as text, or None with no routine."""
        return None if self.run is None else self.run.current.text

    @property
    def step_ends(self) -> datetime | None:
        """When the current move ends (heat and cold: their own end)."""
        if (run := self.run) is None or run.paused_left is not None:
            return None
        if run.current.kind in (MoveKind.HEAT, MoveKind.COLD):
            return self._devices.ends_at(run.current.kind)
        return run.ends_at

    @property
    def attributes(self) -> dict[str, Any] | None:
        """Routine, step n of N, side, rep, paused."""
        return None if self.run is None else self.run.attributes

    @staticmethod
    def step_name(step: Step) -> str:
        """Say a step: the stretch, "Heat", "Cold pack" or the wait's text."""
        return step_name(step)

    def routine_named(self, name: str) -> GuidedRoutine:
        """Return the routine of `name` (any case), or refuse."""
        return self._catalog.routine_named(name)

    # ----- what users ask for -------------------------------------------------

    @callback
    def async_select(self, name: str) -> None:
        """Choose the routine that a start without a name starts."""
        self._catalog.select(name)
        self._async_notify()

    async def async_start_routine(self, name: str | None = None) -> None:
        """Start a routine; a refused first step leaves nothing started."""
        routine = self.routine_named(self.selected if name is None else name)
        if self.run is not None:
            raise _refusal("routine_running", routine=self.run.routine.name)
        self._catalog.selected = routine.name
        run = RoutineRun(routine=self._history.worked_up(routine))
        self.run = run
        try:
            await self._async_enter_step(run, 0)
        except HomeAssistantError:
            self.run = None
            self._timers.cancel(TIMER)
            self._async_notify()
            raise
        self._history.started(routine)

    async def async_next_step(self) -> None:
        """Skip to the next step; a heat or cold step under way ends."""
        run = self._running()
        await self._async_leave_step(run)
        await self._async_advance(run)

    async def async_previous_step(self) -> None:
        """Go back to the previous stretch or wait, or start this one again."""
        run = self._running()
        if (index := previous_step(run.routine.steps, run.step)) is None:
            raise _refusal("no_previous_step")
        await self._async_enter_step(run, index)

    @callback
    def async_toggle_pause(self) -> None:
        """Pause the timed move, or resume it; heat and cold keep their timers."""
        run = self._running()
        if run.paused_left is not None:
            ends_at = run.resume(dt_util.utcnow())
            self._timers.schedule(TIMER, ends_at, self._async_move_over)
        elif run.ends_at is None:
            raise _refusal("routine_not_pausable", step=run.current.text)
        else:
            run.pause(dt_util.utcnow())
            self._timers.cancel(TIMER)
        self._async_notify()

    async def async_stop_routine(self) -> None:
        """Stop the routine; what was done stays logged."""
        run = self._running()
        await self._async_leave_step(run)
        self._finish(run, completed=False)

    # ----- moving on ----------------------------------------------------------

    def _running(self) -> RoutineRun:
        if self.run is None:
            raise _refusal("no_routine_running")
        return self.run

    async def _async_enter_step(self, run: RoutineRun, index: int) -> None:
        step = run.enter_step(index)
        self._timers.cancel(TIMER)
        await self._devices.async_begin(step)
        self._announcer.show_step(
            self._announcer.step_notification(index, len(run.routine.steps), step)
        )
        self._async_begin_move(run)

    @callback
    def _async_begin_move(self, run: RoutineRun, at: datetime | None = None) -> None:
        """Begin the current move `at` the end of the last one, or now."""
        if (ends_at := run.time_move(at or dt_util.utcnow())) is not None:
            self._timers.schedule(TIMER, ends_at, self._async_move_over)
        self._announcer.cue(self._announcer.move_cue(run), run)
        self._async_notify()

    @callback
    def _async_move_over(self, _now: datetime) -> None:
        run = self.run
        assert run is not None
        # Chained to the planned end, so holds do not drift with timer delays.
        # The end stays shown until the next step begins: no row in between.
        if run.next_move():
            self._async_begin_move(run, run.ends_at)
            return
        # Heat and cold end by their own events: a stretch or a wait ended.
        if (stretch := run.step_done()) is not None:
            self._history.stretch_done(stretch)
        self.hass.async_create_task(
            self._async_advance(run), "recovery_routines step", eager_start=False
        )

    async def _async_advance(self, run: RoutineRun) -> None:
        if self.run is not run:
            return
        if run.step + 1 >= len(run.routine.steps):
            self._finish(run, completed=True)
            return
        try:
            await self._async_enter_step(run, run.step + 1)
        except HomeAssistantError as err:
            # A heat step refused mid-routine (too little of the heat budget
            # left for its minutes, resting, sleep guard, plug): never a
            # shorter session. The routine says why and stops, with what was
            # done logged: its stretches were meant for warm muscles.
            self._history.step_refused(run, err)
            refusal = self._announcer.text(
                "cue_step_refused", reason=self._announcer.reason(err).rstrip(".")
            )
            self._announcer.cue(refusal, run)
            self._finish(run, completed=False, shown=refusal)

    async def _async_leave_step(self, run: RoutineRun) -> None:
        self._timers.cancel(TIMER)
        await self._devices.async_end(run.leave_step())

    @callback
    def _finish(
        self, run: RoutineRun, *, completed: bool, shown: str | None = None
    ) -> None:
        """End the run; `shown` stays on the phone (a refusal), else it clears."""
        self._timers.cancel(TIMER)
        self.run = None
        self._announcer.show_step(shown)
        if completed:
            self._announcer.cue(self._announcer.text("cue_well_done"), run)
            self._history.completed(run)
        else:
            self._history.stopped(run)
        self._async_notify()

    # ----- heat and cold end ---------------------------------------------------

    @callback
    def _async_timed_step_ended(self, kind: str, stop: bool) -> None:
        run = self.run
        if run is None or run.current.kind != kind:
            return
        run.step_done()
        if stop:
            # A safety cutoff (sleep guard, heat limit) ends the routine too.
            self._finish(run, completed=False)
            return
        self.hass.async_create_task(
            self._async_advance(run), "recovery_routines step", eager_start=False
        )
