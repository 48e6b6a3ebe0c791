"""What a guided routine says: at each move, and how a step is described.

Plain given the words of the user's language: `text(key, **placeholders)`
returns a translated text, `spoken(name)` says a shipped stretch or wait in
that language (others as written).
"""

from __future__ import annotations

from collections.abc import Callable

from .steps import ColdStep, HeatStep, Move, MoveKind, Step, StretchStep, WaitStep

# The translated text of a key, its placeholders filled in: say(key, **placeholders).
type Say = Callable[..., str]
# A stretch's or a wait's name in the user's language.
type Spoken = Callable[[str], str]


def describe(step: Step, text: Say, spoken: Spoken) -> str:
    """Say what a step is: "Cat-cow, hold 20 seconds", "Heat for 20 minutes"."""
    if isinstance(step, HeatStep):
        return text("step_heat", minutes=str(step.minutes))
    if isinstance(step, ColdStep):
        return text("step_cold", minutes=str(step.minutes))
    if isinstance(step, WaitStep):
        return text("step_wait", text=spoken(step.text), minutes=str(step.minutes))
    return text(
        "step_stretch_each_side" if step.sides == 2 else "step_stretch",
        stretch=spoken(step.name),
        seconds=str(step.hold),
    )


def cue_text(move: Move, step: Step, text: Say, spoken: Spoken) -> str:
    """Return what is said as `move` of `step` begins."""
    if move.kind == MoveKind.COUNT_IN:
        return text("cue_get_ready", step=describe(step, text, spoken))
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
        return text("cue_relax", step=describe(step, text, spoken))
    return text("cue_step", step=describe(step, text, spoken))


def step_notification(
    index: int, steps: int, step: Step, text: Say, spoken: Spoken
) -> str:
    """Return what the phone shows of step `index` (from 0) of `steps`."""
    return text(
        "routine_step_notification",
        step=str(index + 1),
        steps=str(steps),
        what=describe(step, text, spoken),
    )
