"""What guided routines leave behind: logbook lines, ticked stretches, streak, progress."""

from __future__ import annotations

from homeassistant.core import callback
from homeassistant.exceptions import HomeAssistantError

from ..const import RoutineEvent
from ..stretches.tracker import RoutineTracker
from .rules.progression import worked_up
from .rules.run import RoutineRun
from .rules.steps import GuidedRoutine, StretchStep


class RunHistory:
    """Tells the routine tracker what a run did, and reads the progress made."""

    def __init__(self, tracker: RoutineTracker) -> None:
        """Keep runs in `tracker`: the history, the checklist and the streak."""
        self._tracker = tracker

    def worked_up(self, routine: GuidedRoutine) -> GuidedRoutine:
        """Return the routine with its holds at the level reached, if it works up.

        Holds start short and grow a step on each day the routine was
        completed, up to its own; a day without it keeps the level.
        """
        if not routine.progression:
            return routine
        return worked_up(routine, self._tracker.days_completed(routine.uid))

    @callback
    def started(self, routine: GuidedRoutine) -> None:
        """Log that a routine began (its first step was not refused)."""
        self._tracker.async_fire_history("routine_started", {"routine": routine.name})

    @callback
    def stretch_done(self, step: StretchStep) -> None:
        """Tick off a stretch held to its end, or log it by itself."""
        if any(
            item.summary.casefold() == step.name.casefold()
            for item in self._tracker.checklist
        ):
            self._tracker.async_log(step.name, note=step.summary)
        else:
            self._tracker.async_fire_history(
                RoutineEvent.COMPLETED, {"routine": step.name, "note": step.summary}
            )

    @callback
    def step_refused(self, run: RoutineRun, err: HomeAssistantError) -> None:
        """Log a step refused mid-routine, which stops it."""
        self._tracker.async_fire_history(
            "routine_step_refused", {"routine": run.routine.name, "reason": str(err)}
        )

    @callback
    def completed(self, run: RoutineRun) -> None:
        """Count and log a run whose last step ended."""
        if run.stretched:
            # Counts for the streak; its own stretches are ticked already.
            self._tracker.async_count_guided_routine(run.routine.name)
            if run.routine.progression:
                self._tracker.async_count_progress(run.routine.uid)
        self._tracker.async_fire_history("routine_completed", run.summary)

    @callback
    def stopped(self, run: RoutineRun) -> None:
        """Log a run stopped, or ended by a step refused or cut off."""
        self._tracker.async_fire_history("routine_stopped", run.summary)

    @callback
    def interrupted(self, run: RoutineRun) -> None:
        """Log a run cut short by Home Assistant stopping or the entry unloading."""
        self._tracker.async_fire_history("routine_interrupted", run.summary)
