"""Guided routines: heat, cold, stretches held and timed, waits, one after another.

Plain domain logic without entity code. A routine is expanded into timed
moves (a count-in, each hold, each rest); entities hear of every move
change, never of the seconds in between. Heat steps run through the heat
controller with all its safety rules, cold steps through the cold pack timer;
their end moves the routine on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from homeassistant.const import EVENT_HOMEASSISTANT_STOP
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.util import dt as dt_util, slugify

from ..cold.pack import ColdPackTimer
from ..common.notifier import Notifier
from ..common.observable import Observable
from ..common.timers import Timers
from ..const import (
    DOMAIN,
    PROGRESSION_START_SECONDS,
    PROGRESSION_STEP_SECONDS,
    HeatEvent,
    RoutineEvent,
)
from ..heat.controller import HeatController
from ..stretches.tracker import RoutineTracker

# Seconds of "get ready" before the first hold of a stretch.
COUNT_IN_SECONDS = 5
SOURCE = "routine"
TIMER = "move"


@dataclass(frozen=True, kw_only=True)
class HeatStep:
    """A heat session of `minutes`, with every safety rule of the controller."""

    minutes: int
    kind: str = "heat"

    @property
    def name(self) -> str:
        """The step as the sensor shows it."""
        return "Heat"


@dataclass(frozen=True, kw_only=True)
class ColdStep:
    """A cold pack of `minutes`."""

    minutes: int
    kind: str = "cold"

    @property
    def name(self) -> str:
        """The step as the sensor shows it."""
        return "Cold pack"


@dataclass(frozen=True, kw_only=True)
class StretchStep:
    """A stretch held `hold` seconds, on one side or each, `reps` times."""

    name: str
    hold: int
    sides: int = 1
    reps: int = 1
    rest: int = 0
    kind: str = "stretch"

    @property
    def summary(self) -> str:
        """What was done, for the log: "30 s each side, 2 reps"."""
        text = f"{self.hold} s each side" if self.sides == 2 else f"{self.hold} s"
        return text if self.reps == 1 else f"{text}, {self.reps} reps"


@dataclass(frozen=True, kw_only=True)
class WaitStep:
    """A pause of `minutes` with a text, e.g. "let the ointment soak in"."""

    minutes: int
    text: str
    kind: str = "wait"


type Step = HeatStep | ColdStep | StretchStep | WaitStep


@dataclass(frozen=True, kw_only=True)
class GuidedRoutine:
    """A named, ordered list of steps."""

    name: str
    steps: tuple[Step, ...]
    # Holds start short and grow on each day the routine was completed.
    progression: bool = False
    # What its progress is stored by: a routine of one's own's subentry id.
    uid: str = ""

    @property
    def key(self) -> str:
        """The routine as an option of the routine picker."""
        return slugify(self.name)


# Written from the care advice: heat first (warm muscles stretch more easily
# and tear less), then each stretch held 15 to 30 seconds, on one side then
# the other, repeated a few times.
ROUTINES: tuple[GuidedRoutine, ...] = (
    GuidedRoutine(
        name="Heat and stretch",
        steps=(
            HeatStep(minutes=20),
            StretchStep(name="Child's pose", hold=30, reps=2, rest=10),
            StretchStep(name="Knee-to-chest", hold=30, sides=2, reps=2, rest=10),
            StretchStep(name="Cat-cow", hold=20, reps=3, rest=5),
            StretchStep(name="Hip lifts", hold=15, reps=3, rest=10),
            StretchStep(name="Seated twist", hold=30, sides=2),
            StretchStep(name="Lying twist", hold=30, sides=2),
            StretchStep(name="Hamstring stretch", hold=30, sides=2, reps=2, rest=10),
        ),
    ),
    GuidedRoutine(
        name="Quick stretch",
        steps=(
            StretchStep(name="Knee-to-chest", hold=20, sides=2),
            StretchStep(name="Cat-cow", hold=20, reps=3, rest=10),
            StretchStep(name="Lying twist", hold=20, sides=2),
        ),
    ),
    GuidedRoutine(name="Cold pack", steps=(ColdStep(minutes=15),)),
    # After an ointment, wait about 10 minutes before heat.
    GuidedRoutine(
        name="Ointment then heat",
        steps=(
            WaitStep(minutes=10, text="Let the ointment soak in"),
            HeatStep(minutes=20),
        ),
    ),
)


class MoveKind:
    """What a move is."""

    COUNT_IN = "count_in"
    HOLD = "hold"
    REST = "rest"
    WAIT = "wait"
    HEAT = "heat"
    COLD = "cold"


@dataclass(frozen=True, kw_only=True)
class Move:
    """One timed part of a step; heat and cold end by their own timers."""

    kind: str
    text: str
    seconds: int | None = None
    side: int | None = None
    rep: int | None = None


def moves_of(step: Step) -> list[Move]:
    """Expand a step into its moves."""
    if isinstance(step, HeatStep):
        return [Move(kind=MoveKind.HEAT, text=step.name)]
    if isinstance(step, ColdStep):
        return [Move(kind=MoveKind.COLD, text=step.name)]
    if isinstance(step, WaitStep):
        return [Move(kind=MoveKind.WAIT, text=step.text, seconds=step.minutes * 60)]
    moves = [
        Move(kind=MoveKind.COUNT_IN, text=step.name, seconds=COUNT_IN_SECONDS, rep=1)
    ]
    for rep in range(1, step.reps + 1):
        if rep > 1 and step.rest:
            moves.append(Move(kind=MoveKind.REST, text="Rest", seconds=step.rest))
        moves.extend(
            Move(
                kind=MoveKind.HOLD,
                text=step.name,
                seconds=step.hold,
                side=side if step.sides == 2 else None,
                rep=rep,
            )
            for side in range(1, step.sides + 1)
        )
    return moves


def _refusal(key: str, **placeholders: str) -> ServiceValidationError:
    return ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders=placeholders or None,
    )


@dataclass(kw_only=True)
class RoutineRun:
    """The routine that runs, where it is and what it has done."""

    routine: GuidedRoutine
    step: int = 0
    move: int = 0
    moves: list[Move] = field(default_factory=list)
    ends_at: datetime | None = None
    # Seconds left of the move while paused.
    paused_left: timedelta | None = None
    # What was last said (or would have been, without a speaker).
    cue: str | None = None
    done: list[str] = field(default_factory=list)
    # Whether a stretch was held to its end: a routine skipped through is no
    # day of the streak.
    stretched: bool = False

    @property
    def current(self) -> Move:
        """The move under way."""
        return self.moves[self.move]


type CueListener = Callable[[str], None]
# Called with what a step shows at each step change; with None at the end.
type StepListener = Callable[[str | None], None]


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
        self._heat = heat
        self._cold = cold
        self._tracker = tracker
        self._texts = texts
        self._timers = Timers(hass)
        self.run: RoutineRun | None = None
        # The shipped routines, then those a person added (config subentries).
        self.routines: tuple[GuidedRoutine, ...] = ROUTINES
        self.selected: str = ROUTINES[0].name
        self._unsubs: list[Callable[[], None]] = []
        self._cue_listeners: list[CueListener] = []
        self._step_listeners: list[StepListener] = []

    # ----- life cycle ---------------------------------------------------------

    @callback
    def async_start(self) -> None:
        """Follow the ends of heat sessions and cold packs."""
        self._unsubs.append(self._heat.async_add_event_listener(self._async_heat))
        self._unsubs.append(self._cold.async_add_event_listener(self._async_cold))
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
            self._tracker.async_fire_history("routine_interrupted", self._summary(run))
            self._show_step(None)
            self._async_notify()

    @callback
    def async_add_cue_listener(self, listener: CueListener) -> Callable[[], None]:
        """Call `listener` with each cue to speak."""
        self._cue_listeners.append(listener)
        return lambda: self._cue_listeners.remove(listener)

    @callback
    def async_add_step_listener(self, listener: StepListener) -> Callable[[], None]:
        """Call `listener` with what each step shows, and None at the end."""
        self._step_listeners.append(listener)
        return lambda: self._step_listeners.remove(listener)

    # ----- what entities read -------------------------------------------------

    @callback
    def async_set_own_routines(self, routines: tuple[GuidedRoutine, ...]) -> None:
        """Offer the routines a person added, after the shipped ones.

        A routine under way runs on as it was started; a chosen routine that
        is gone gives way to the first.
        """
        self.routines = ROUTINES + routines
        if self.selected not in self.names:
            self.selected = ROUTINES[0].name
        self._async_notify()

    @property
    def names(self) -> list[str]:
        """The routines one can start."""
        return [routine.name for routine in self.routines]

    @property
    def keys(self) -> list[str]:
        """The routines as options of the routine picker.

        A routine deleted while it runs stays one until it ends.
        """
        keys = [routine.key for routine in self.routines]
        if self.run is not None and self.run.routine.key not in keys:
            keys.append(self.run.routine.key)
        return keys

    @property
    def selected_key(self) -> str:
        """The running routine, else the chosen one, as a picker option."""
        if self.run is not None:
            return self.run.routine.key
        return self.routine_named(self.selected).key

    @property
    def step_text(self) -> str | None:
        """The current move as text, or None with no routine."""
        return None if self.run is None else self.run.current.text

    @property
    def step_ends(self) -> datetime | None:
        """When the current move ends (heat and cold: their own end)."""
        if (run := self.run) is None or run.paused_left is not None:
            return None
        if run.current.kind == MoveKind.HEAT:
            session = self._heat.session
            return None if session is None else session.ends_at
        if run.current.kind == MoveKind.COLD:
            pack = self._cold.session
            return None if pack is None else pack.ends_at
        return run.ends_at

    @property
    def attributes(self) -> dict[str, Any] | None:
        """Routine, step n of N, side, rep, paused."""
        if (run := self.run) is None:
            return None
        step = run.routine.steps[run.step]
        move = run.current
        return {
            "routine": run.routine.name,
            "step": run.step + 1,
            "steps": len(run.routine.steps),
            "kind": move.kind,
            "side": move.side,
            "rep": move.rep,
            "reps": step.reps if isinstance(step, StretchStep) else None,
            "paused": run.paused_left is not None,
            "cue": run.cue,
        }

    @staticmethod
    def step_name(step: Step) -> str:
        """Say a step: the stretch, "Heat", "Cold pack" or the wait's text."""
        return step.text if isinstance(step, WaitStep) else step.name

    def routine_named(self, name: str) -> GuidedRoutine:
        """Return the routine of `name` (any case), or refuse."""
        wanted = name.strip().casefold()
        for routine in self.routines:
            if wanted in (routine.name.casefold(), routine.key):
                return routine
        raise _refusal(
            "unknown_guided_routine", routine=name, routines=", ".join(self.names)
        )

    # ----- what users ask for -------------------------------------------------

    @callback
    def async_select(self, name: str) -> None:
        """Choose the routine that a start without a name starts."""
        self.selected = self.routine_named(name).name
        self._async_notify()

    async def async_start_routine(self, name: str | None = None) -> None:
        """Start a routine; a refused first step leaves nothing started."""
        routine = self.routine_named(self.selected if name is None else name)
        if self.run is not None:
            raise _refusal("routine_running", routine=self.run.routine.name)
        self.selected = routine.name
        run = RoutineRun(routine=self._worked_up(routine))
        self.run = run
        try:
            await self._async_enter_step(run, 0)
        except HomeAssistantError:
            self.run = None
            self._timers.cancel(TIMER)
            self._async_notify()
            raise
        self._tracker.async_fire_history("routine_started", {"routine": routine.name})

    def _worked_up(self, routine: GuidedRoutine) -> GuidedRoutine:
        """Shorten the holds of a routine that works up to the level reached.

        Holds start short and grow a step on each day the routine was
        completed, up to its own; a day without it keeps the level.
        """
        if not routine.progression:
            return routine
        days = self._tracker.days_completed(routine.uid)
        reached = PROGRESSION_START_SECONDS + PROGRESSION_STEP_SECONDS * days
        return replace(
            routine,
            steps=tuple(
                replace(step, hold=min(step.hold, reached))
                if isinstance(step, StretchStep)
                else step
                for step in routine.steps
            ),
        )

    async def async_next_step(self) -> None:
        """Skip to the next step; a heat or cold step under way ends."""
        run = self._running()
        await self._async_leave_step(run)
        await self._async_advance(run)

    async def async_previous_step(self) -> None:
        """Go back to the previous stretch or wait, or start this one again."""
        run = self._running()
        for index in range(run.step - 1, -1, -1):
            if isinstance(run.routine.steps[index], StretchStep | WaitStep):
                break
        else:
            index = run.step
        if not isinstance(run.routine.steps[index], StretchStep | WaitStep):
            raise _refusal("no_previous_step")
        await self._async_enter_step(run, index)

    @callback
    def async_toggle_pause(self) -> None:
        """Pause the timed move, or resume it; heat and cold keep their timers."""
        run = self._running()
        if run.paused_left is not None:
            run.ends_at = dt_util.utcnow() + run.paused_left
            run.paused_left = None
            self._timers.schedule(TIMER, run.ends_at, self._async_move_over)
        elif run.ends_at is None:
            raise _refusal("routine_not_pausable", step=run.current.text)
        else:
            run.paused_left = max(run.ends_at - dt_util.utcnow(), timedelta(0))
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
        run.step = index
        step = run.routine.steps[index]
        run.moves = moves_of(step)
        run.move = 0
        run.paused_left = run.ends_at = None
        self._timers.cancel(TIMER)
        if isinstance(step, HeatStep):
            await self._heat.async_start_session(step.minutes, source=SOURCE)
        elif isinstance(step, ColdStep):
            self._cold.async_start_pack(step.minutes)
        self._show_step(
            self._texts.text(
                "routine_step_notification",
                step=str(index + 1),
                steps=str(len(run.routine.steps)),
                what=self._describe(step),
            )
        )
        self._async_begin_move(run)

    @callback
    def _async_begin_move(self, run: RoutineRun, at: datetime | None = None) -> None:
        """Begin the current move `at` the end of the last one, or now."""
        move = run.current
        if move.seconds is not None:
            run.ends_at = (at or dt_util.utcnow()) + timedelta(seconds=move.seconds)
            self._timers.schedule(TIMER, run.ends_at, self._async_move_over)
        self._cue(self._cue_text(run), run)
        self._async_notify()

    def _describe(self, step: Step) -> str:
        """Say what a step is: "Cat-cow, hold 20 seconds", "Heat for 20 minutes"."""
        if isinstance(step, HeatStep):
            return self._texts.text("step_heat", minutes=str(step.minutes))
        if isinstance(step, ColdStep):
            return self._texts.text("step_cold", minutes=str(step.minutes))
        if isinstance(step, WaitStep):
            return self._texts.text(
                "step_wait", text=self._spoken(step.text), minutes=str(step.minutes)
            )
        return self._texts.text(
            "step_stretch_each_side" if step.sides == 2 else "step_stretch",
            stretch=self._spoken(step.name),
            seconds=str(step.hold),
        )

    def _spoken(self, name: str) -> str:
        """Say a shipped stretch or wait in the user's language, others as written."""
        return self._texts.optional_text(f"spoken_{slugify(name)}") or name

    def _cue_text(self, run: RoutineRun) -> str:
        move = run.current
        step = run.routine.steps[run.step]
        text = self._texts.text
        if move.kind == MoveKind.COUNT_IN:
            return text("cue_get_ready", step=self._describe(step))
        if move.kind == MoveKind.HOLD:
            assert isinstance(step, StretchStep)
            if move.side == 2:
                return text("cue_switch_sides")
            if move.rep is not None and move.rep > 1:
                return text("cue_rep", rep=str(move.rep), reps=str(step.reps))
            return text("cue_hold")
        if move.kind == MoveKind.REST:
            return text("cue_rest")
        if move.kind == MoveKind.HEAT:
            return text("cue_relax", step=self._describe(step))
        return text("cue_step", step=self._describe(step))

    @callback
    def _async_move_over(self, _now: datetime) -> None:
        run = self.run
        assert run is not None
        # Chained to the planned end, so holds do not drift with timer delays.
        # The end stays shown until the next step begins: no row in between.
        if run.move + 1 < len(run.moves):
            run.move += 1
            self._async_begin_move(run, run.ends_at)
            return
        self._step_done(run)
        self.hass.async_create_task(
            self._async_advance(run), "recovery_routines step", eager_start=False
        )

    def _step_done(self, run: RoutineRun) -> None:
        step = run.routine.steps[run.step]
        if isinstance(step, StretchStep):
            run.done.append(step.name)
            run.stretched = True
            self._log_stretch(step)
        else:
            # Heat and cold end by their own events; only waits are left.
            assert isinstance(step, WaitStep)
            run.done.append(step.text)

    def _log_stretch(self, step: StretchStep) -> None:
        if any(
            item.summary.casefold() == step.name.casefold()
            for item in self._tracker.checklist
        ):
            self._tracker.async_log(step.name, note=step.summary)
        else:
            self._tracker.async_fire_history(
                RoutineEvent.COMPLETED, {"routine": step.name, "note": step.summary}
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
            self._tracker.async_fire_history(
                "routine_step_refused",
                {"routine": run.routine.name, "reason": str(err)},
            )
            refusal = self._texts.text(
                "cue_step_refused", reason=self._reason(err).rstrip(".")
            )
            self._cue(refusal, run)
            self._finish(run, completed=False, shown=refusal)

    async def _async_leave_step(self, run: RoutineRun) -> None:
        self._timers.cancel(TIMER)
        run.ends_at = run.paused_left = None
        kind = run.current.kind
        # Move off the step first, so its own end event does not advance too.
        run.moves = [Move(kind=MoveKind.WAIT, text=run.current.text)]
        run.move = 0
        if kind == MoveKind.HEAT and self._heat.session is not None:
            await self._heat.async_stop_session(source=SOURCE)
        elif kind == MoveKind.COLD and self._cold.session is not None:
            self._cold.async_stop_pack()

    def _reason(self, err: HomeAssistantError) -> str:
        """Why a step was refused, in the user's language."""
        message = self._texts.optional_text(err.translation_key or "")
        placeholders = err.translation_placeholders or {}
        return str(err) if message is None else message.format(**placeholders)

    @callback
    def _finish(
        self, run: RoutineRun, *, completed: bool, shown: str | None = None
    ) -> None:
        """End the run; `shown` stays on the phone (a refusal), else it clears."""
        self._timers.cancel(TIMER)
        self.run = None
        self._show_step(shown)
        if completed:
            self._cue(self._texts.text("cue_well_done"), run)
            if run.stretched:
                # Counts for the streak; its own stretches are ticked already.
                self._tracker.async_count_guided_routine(run.routine.name)
                if run.routine.progression:
                    self._tracker.async_count_progress(run.routine.uid)
            self._tracker.async_fire_history("routine_completed", self._summary(run))
        else:
            self._tracker.async_fire_history("routine_stopped", self._summary(run))
        self._async_notify()

    def _summary(self, run: RoutineRun) -> dict[str, Any]:
        return {
            "routine": run.routine.name,
            "steps_done": len(run.done),
            "steps": len(run.routine.steps),
        }

    # ----- heat and cold end ---------------------------------------------------

    @callback
    def _async_heat(self, event_type: str, _attributes: dict[str, Any]) -> None:
        if event_type not in (HeatEvent.COMPLETED, HeatEvent.STOPPED):
            if event_type == HeatEvent.CUTOFF:
                self._async_timed_step_ended(MoveKind.HEAT, stop=True)
            return
        self._async_timed_step_ended(MoveKind.HEAT, stop=False)

    @callback
    def _async_cold(self, event_type: str, _attributes: dict[str, Any]) -> None:
        if event_type in (RoutineEvent.COLD_COMPLETED, RoutineEvent.COLD_STOPPED):
            self._async_timed_step_ended(MoveKind.COLD, stop=False)

    @callback
    def _async_timed_step_ended(self, kind: str, *, stop: bool) -> None:
        run = self.run
        if run is None or run.current.kind != kind:
            return
        step = run.routine.steps[run.step]
        assert isinstance(step, HeatStep | ColdStep)
        run.done.append(step.name)
        if stop:
            # A safety cutoff (sleep guard, heat limit) ends the routine too.
            self._finish(run, completed=False)
            return
        self.hass.async_create_task(
            self._async_advance(run), "recovery_routines step", eager_start=False
        )

    @callback
    def _show_step(self, text: str | None) -> None:
        for listener in list(self._step_listeners):
            listener(text)

    @callback
    def _cue(self, text: str, run: RoutineRun) -> None:
        run.cue = text
        for listener in list(self._cue_listeners):
            listener(text)
