"""Plain tests of guided/rules/run.py: where a run is, what it did, how it shows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from custom_components.recovery_routines.guided.rules.run import RoutineRun
from custom_components.recovery_routines.guided.rules.steps import (
    ColdStep,
    GuidedRoutine,
    HeatStep,
    Move,
    MoveKind,
    StretchStep,
    WaitStep,
    moves_of,
)

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
STRETCH = StretchStep(name="Cat-cow", hold=20, sides=2, reps=2, rest=10)
ROUTINE = GuidedRoutine(
    name="Morning",
    steps=(
        HeatStep(minutes=20),
        STRETCH,
        WaitStep(minutes=5, text="Lie down"),
        ColdStep(minutes=10),
    ),
)


def started(index: int = 0) -> RoutineRun:
    """Return a run of ROUTINE at the first move of step `index`."""
    run = RoutineRun(routine=ROUTINE)
    run.enter_step(index)
    return run


def test_a_new_run_is_at_nothing_yet() -> None:
    """Step 0, no moves, untimed, nothing said or done."""
    run = RoutineRun(routine=ROUTINE)
    assert (run.step, run.move, run.moves, run.ends_at, run.paused_left) == (
        0,
        0,
        [],
        None,
        None,
    )
    assert (run.cue, run.done, run.stretched) == (None, [], False)
    # Before its first step it has no move to go on to.
    assert not run.next_move()
    assert run.move == 0


def test_entering_a_step_begins_its_first_move_untimed_and_not_paused() -> None:
    """Whatever was timed or paused before is gone."""
    run = started()
    run.ends_at, run.paused_left, run.move = NOW, timedelta(seconds=3), 2
    assert run.enter_step(1) == STRETCH
    assert (run.step, run.move, run.moves) == (1, 0, moves_of(STRETCH))
    assert (run.ends_at, run.paused_left) == (None, None)
    assert run.current == Move(kind="count_in", text="Cat-cow", seconds=5, rep=1)
    assert run.current_step == STRETCH


def test_a_timed_move_ends_its_seconds_after_its_start() -> None:
    """The count-in: five seconds."""
    run = started(1)
    assert run.time_move(NOW) == NOW + timedelta(seconds=5)
    assert run.ends_at == NOW + timedelta(seconds=5)


def test_heat_and_cold_are_not_timed_by_the_run() -> None:
    """Their own timers end them; no end of the run's."""
    run = started(0)
    assert run.time_move(NOW) is None
    assert run.ends_at is None


def test_the_moves_go_on_to_the_last_one() -> None:
    """Then no more."""
    run = started(1)
    seen = [run.current.kind]
    while run.next_move():
        seen.append(run.current.kind)
    assert seen == ["count_in", "hold", "hold", "rest", "hold", "hold"]
    assert run.move == 5
    assert not run.next_move()
    assert run.move == 5


def test_leaving_a_step_leaves_an_untimed_wait_of_its_text() -> None:
    """So the end of a heat session stopped for it does not move on again."""
    run = started(0)
    run.ends_at, run.paused_left = NOW, timedelta(seconds=3)
    assert run.leave_step() == MoveKind.HEAT
    assert run.moves == [Move(kind=MoveKind.WAIT, text="Heat")]
    assert (run.move, run.ends_at, run.paused_left) == (0, None, None)


def test_a_pause_keeps_what_is_left_and_a_resume_goes_on_from_then() -> None:
    """Seven seconds left at the pause are seven seconds after the resume."""
    run = started(1)
    run.time_move(NOW)
    run.next_move()
    run.time_move(NOW)
    run.pause(NOW + timedelta(seconds=13))
    assert run.paused_left == timedelta(seconds=7)
    later = NOW + timedelta(minutes=5)
    assert run.resume(later) == later + timedelta(seconds=7)
    assert (run.ends_at, run.paused_left) == (later + timedelta(seconds=7), None)


def test_a_pause_after_the_end_keeps_nothing_left() -> None:
    """Never less than nothing."""
    run = started(1)
    run.time_move(NOW)
    run.pause(NOW + timedelta(seconds=6))
    assert run.paused_left == timedelta(0)
    run.resume(NOW)
    run.pause(NOW)
    assert run.paused_left == timedelta(0)


@pytest.mark.parametrize(
    ("index", "done", "stretch"),
    [
        (0, "Heat", None),
        (1, "Cat-cow", STRETCH),
        (2, "Lie down", None),
        (3, "Cold pack", None),
    ],
)
def test_a_step_done_is_kept_by_its_name(
    index: int, done: str, stretch: StretchStep | None
) -> None:
    """Only a stretch done makes the run count for the streak."""
    run = started(index)
    assert run.step_done() == stretch
    assert run.done == [done]
    assert run.stretched is (stretch is not None)


def test_a_stretch_keeps_the_run_counted_after_other_steps() -> None:
    """Once stretched, stretched."""
    run = started(1)
    run.step_done()
    run.enter_step(2)
    run.step_done()
    assert (run.done, run.stretched) == (["Cat-cow", "Lie down"], True)


def test_what_the_step_sensor_shows() -> None:
    """Routine, step n of N, the move's kind, side and rep, the reps, paused, cue."""
    run = started(1)
    run.next_move()
    run.next_move()
    run.cue = "Switch sides."
    assert run.attributes == {
        "routine": "Morning",
        "step": 2,
        "steps": 4,
        "kind": "hold",
        "side": 2,
        "rep": 1,
        "reps": 2,
        "paused": False,
        "cue": "Switch sides.",
    }
    run.time_move(NOW)
    run.pause(NOW)
    assert run.attributes["paused"] is True


def test_heat_shows_no_reps_side_or_rep() -> None:
    """Only stretches have them."""
    assert started(0).attributes == {
        "routine": "Morning",
        "step": 1,
        "steps": 4,
        "kind": "heat",
        "side": None,
        "rep": None,
        "reps": None,
        "paused": False,
        "cue": None,
    }


def test_the_summary_counts_the_steps_done_of_all() -> None:
    """What the logbook keeps of a run that ended."""
    run = started(0)
    assert run.summary == {"routine": "Morning", "steps_done": 0, "steps": 4}
    run.step_done()
    assert run.summary == {"routine": "Morning", "steps_done": 1, "steps": 4}
