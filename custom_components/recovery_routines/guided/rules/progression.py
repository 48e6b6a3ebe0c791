"""A routine that works up: its holds start short and grow on each day done.

Holds start at PROGRESSION_START_SECONDS and grow PROGRESSION_STEP_SECONDS on
each day the routine was completed, up to the routine's own; a day without
it keeps the level. Only stretches change.
"""

from __future__ import annotations

from dataclasses import replace

from ...const import PROGRESSION_START_SECONDS, PROGRESSION_STEP_SECONDS
from .steps import GuidedRoutine, StretchStep


def reached_hold(days_completed: int) -> int:
    """Return the longest hold after `days_completed` days done, before the cap."""
    return PROGRESSION_START_SECONDS + PROGRESSION_STEP_SECONDS * days_completed


def worked_up(routine: GuidedRoutine, days_completed: int) -> GuidedRoutine:
    """Shorten the holds of a routine that works up to the level reached.

    A routine without progression is returned as it is.
    """
    if not routine.progression:
        return routine
    reached = reached_hold(days_completed)
    return replace(
        routine,
        steps=tuple(
            replace(step, hold=min(step.hold, reached))
            if isinstance(step, StretchStep)
            else step
            for step in routine.steps
        ),
    )
