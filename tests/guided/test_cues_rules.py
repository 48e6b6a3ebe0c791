"""Plain tests of guided/rules/cues.py: what is said at each move, and of a step."""

from __future__ import annotations

import pytest

from custom_components.recovery_routines.guided.rules.cues import (
    cue_text,
    describe,
    step_notification,
)
from custom_components.recovery_routines.guided.rules.steps import (
    ColdStep,
    HeatStep,
    Move,
    MoveKind,
    Step,
    StretchStep,
    WaitStep,
    moves_of,
)


def say(key: str, **placeholders: str) -> str:
    """Say the text key with its placeholders, as a test can read it."""
    return f"{key}({', '.join(f'{k}={v}' for k, v in sorted(placeholders.items()))})"


def spoken(name: str) -> str:
    """Say a name in another language: here, in capitals."""
    return name.upper()


@pytest.mark.parametrize(
    ("step", "said"),
    [
        (HeatStep(minutes=20), "step_heat(minutes=20)"),
        (ColdStep(minutes=15), "step_cold(minutes=15)"),
        (
            WaitStep(minutes=10, text="Lie down"),
            "step_wait(minutes=10, text=LIE DOWN)",
        ),
        (
            StretchStep(name="Cat-cow", hold=20, reps=3),
            "step_stretch(seconds=20, stretch=CAT-COW)",
        ),
        (
            StretchStep(name="Knee-to-chest", hold=30, sides=2),
            "step_stretch_each_side(seconds=30, stretch=KNEE-TO-CHEST)",
        ),
    ],
)
def test_a_step_is_described_by_its_kind(step: Step, said: str) -> None:
    """Minutes of heat, cold and waits; a stretch's hold, each side or not."""
    assert describe(step, say, spoken) == said


def cues(step: Step) -> list[str]:
    """Return what is said at each move of `step`."""
    return [cue_text(move, step, say, spoken) for move in moves_of(step)]


def test_a_stretch_each_side_with_reps() -> None:
    """Get ready, hold, switch sides, rest, the rep of the reps, switch sides."""
    stretch = StretchStep(name="Knee-to-chest", hold=30, sides=2, reps=2, rest=10)
    assert cues(stretch) == [
        "cue_get_ready(step=step_stretch_each_side(seconds=30, stretch=KNEE-TO-CHEST))",
        "cue_hold()",
        "cue_switch_sides()",
        "cue_rest()",
        "cue_rep(rep=2, reps=2)",
        "cue_switch_sides()",
    ]


def test_a_stretch_on_one_side_says_each_rep() -> None:
    """The first hold is "hold", each later one its rep."""
    assert cues(StretchStep(name="Cat-cow", hold=20, reps=3)) == [
        "cue_get_ready(step=step_stretch(seconds=20, stretch=CAT-COW))",
        "cue_hold()",
        "cue_rep(rep=2, reps=3)",
        "cue_rep(rep=3, reps=3)",
    ]


def test_a_hold_without_a_rep_is_the_first() -> None:
    """No rep said: "hold"."""
    stretch = StretchStep(name="Cat-cow", hold=20)
    assert cue_text(Move(kind=MoveKind.HOLD, text="Cat-cow"), stretch, say, spoken) == (
        "cue_hold()"
    )


def test_heat_says_relax_cold_and_waits_say_the_step() -> None:
    """Heat: relax; the others: what the step is."""
    assert cues(HeatStep(minutes=20)) == ["cue_relax(step=step_heat(minutes=20))"]
    assert cues(ColdStep(minutes=15)) == ["cue_step(step=step_cold(minutes=15))"]
    assert cues(WaitStep(minutes=10, text="Lie down")) == [
        "cue_step(step=step_wait(minutes=10, text=LIE DOWN))"
    ]


def test_the_step_notification_counts_from_one() -> None:
    """Step 1 of 3 is the step at index 0."""
    assert step_notification(0, 3, HeatStep(minutes=20), say, spoken) == (
        "routine_step_notification(step=1, steps=3, what=step_heat(minutes=20))"
    )
    assert step_notification(1, 3, ColdStep(minutes=15), say, spoken) == (
        "routine_step_notification(step=2, steps=3, what=step_cold(minutes=15))"
    )
    assert step_notification(
        2, 3, StretchStep(name="Cat-cow", hold=20), say, spoken
    ) == (
        "routine_step_notification(step=3, steps=3,"
        " what=step_stretch(seconds=20, stretch=CAT-COW))"
    )
