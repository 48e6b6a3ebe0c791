"""Plain tests of guided/rules/steps.py: the steps, the shipped routines, the moves."""

from __future__ import annotations

from dataclasses import FrozenInstanceError

from hypothesis import given, settings, strategies as st
import pytest

from custom_components.recovery_routines.guided.rules.steps import (
    COUNT_IN_SECONDS,
    ROUTINES,
    ColdStep,
    GuidedRoutine,
    HeatStep,
    Move,
    MoveKind,
    Step,
    StretchStep,
    WaitStep,
    moves_of,
    previous_step,
    step_name,
)

STRETCHES = st.builds(
    StretchStep,
    name=st.sampled_from(["Cat-cow", "Child's pose", "Bridge"]),
    hold=st.integers(min_value=5, max_value=120),
    sides=st.sampled_from([1, 2]),
    reps=st.integers(min_value=1, max_value=10),
    rest=st.integers(min_value=0, max_value=60),
)
STEPS: st.SearchStrategy[Step] = st.one_of(
    STRETCHES,
    st.builds(HeatStep, minutes=st.integers(min_value=1, max_value=30)),
    st.builds(ColdStep, minutes=st.integers(min_value=5, max_value=20)),
    st.builds(
        WaitStep,
        minutes=st.integers(min_value=1, max_value=60),
        text=st.sampled_from(["Lie down", "Let the ointment soak in"]),
    ),
)


def test_count_in_is_five_seconds() -> None:
    """Every stretch begins with five seconds of "get ready"."""
    assert COUNT_IN_SECONDS == 5


def test_each_kind_of_step_has_its_kind_and_name() -> None:
    """Heat and cold are named for the sensor; stretches and waits by their own."""
    assert HeatStep(minutes=20).kind == "heat"
    assert HeatStep(minutes=20).name == "Heat"
    assert ColdStep(minutes=15).kind == "cold"
    assert ColdStep(minutes=15).name == "Cold pack"
    assert StretchStep(name="Cat-cow", hold=20).kind == "stretch"
    assert WaitStep(minutes=10, text="Lie down").kind == "wait"


def test_a_stretch_by_default_is_held_once_on_one_side_without_rest() -> None:
    """By default: sides 1, reps 1, rest 0."""
    stretch = StretchStep(name="Cat-cow", hold=20)
    assert (stretch.sides, stretch.reps, stretch.rest) == (1, 1, 0)


@pytest.mark.parametrize(
    ("stretch", "summary"),
    [
        (StretchStep(name="Cat-cow", hold=20), "20 s"),
        (StretchStep(name="Cat-cow", hold=20, sides=2), "20 s each side"),
        (StretchStep(name="Cat-cow", hold=20, reps=2), "20 s, 2 reps"),
        (
            StretchStep(name="Cat-cow", hold=30, sides=2, reps=3),
            "30 s each side, 3 reps",
        ),
    ],
)
def test_a_stretch_summary_says_hold_sides_and_reps(
    stretch: StretchStep, summary: str
) -> None:
    """What the log keeps of a stretch done."""
    assert stretch.summary == summary


@pytest.mark.parametrize(
    ("value", "field"),
    [
        (HeatStep(minutes=20), "minutes"),
        (ColdStep(minutes=15), "minutes"),
        (StretchStep(name="Cat-cow", hold=20), "hold"),
        (WaitStep(minutes=10, text="Lie down"), "minutes"),
        (GuidedRoutine(name="Mine", steps=()), "name"),
        (Move(kind=MoveKind.HOLD, text="Cat-cow"), "seconds"),
    ],
)
def test_steps_routines_and_moves_are_values(value: object, field: str) -> None:
    """Frozen: a shipped routine cannot be changed by the run that uses it."""
    with pytest.raises(FrozenInstanceError):
        setattr(value, field, 1)
    assert hash(value) == hash(value)


def test_the_step_names() -> None:
    """A stretch by its name, heat and cold as shown, a wait by its text."""
    assert step_name(StretchStep(name="Cat-cow", hold=20)) == "Cat-cow"
    assert step_name(HeatStep(minutes=20)) == "Heat"
    assert step_name(ColdStep(minutes=15)) == "Cold pack"
    assert step_name(WaitStep(minutes=10, text="Lie down")) == "Lie down"


def test_the_shipped_routines() -> None:
    """Four routines, written from the care advice, in the order offered."""
    assert [
        (routine.name, routine.steps, routine.progression, routine.uid)
        for routine in ROUTINES
    ] == [
        (
            "Heat and stretch",
            (
                HeatStep(minutes=20),
                StretchStep(name="Child's pose", hold=30, reps=2, rest=10),
                StretchStep(name="Knee-to-chest", hold=30, sides=2, reps=2, rest=10),
                StretchStep(name="Cat-cow", hold=20, reps=3, rest=5),
                StretchStep(name="Hip lifts", hold=15, reps=3, rest=10),
                StretchStep(name="Seated twist", hold=30, sides=2),
                StretchStep(name="Lying twist", hold=30, sides=2),
                StretchStep(
                    name="Hamstring stretch", hold=30, sides=2, reps=2, rest=10
                ),
            ),
            False,
            "",
        ),
        (
            "Quick stretch",
            (
                StretchStep(name="Knee-to-chest", hold=20, sides=2),
                StretchStep(name="Cat-cow", hold=20, reps=3, rest=10),
                StretchStep(name="Lying twist", hold=20, sides=2),
            ),
            False,
            "",
        ),
        ("Cold pack", (ColdStep(minutes=15),), False, ""),
        (
            "Ointment then heat",
            (
                WaitStep(minutes=10, text="Let the ointment soak in"),
                HeatStep(minutes=20),
            ),
            False,
            "",
        ),
    ]


def test_heat_and_cold_are_one_untimed_move() -> None:
    """Their own timers end them."""
    assert moves_of(HeatStep(minutes=20)) == [Move(kind=MoveKind.HEAT, text="Heat")]
    assert moves_of(ColdStep(minutes=15)) == [
        Move(kind=MoveKind.COLD, text="Cold pack")
    ]


def test_a_wait_is_one_move_of_its_minutes() -> None:
    """Timed in seconds."""
    assert moves_of(WaitStep(minutes=10, text="Lie down")) == [
        Move(kind=MoveKind.WAIT, text="Lie down", seconds=600)
    ]


def test_a_stretch_each_side_with_reps_and_rests() -> None:
    """Count-in, then each side of each rep, a rest between reps."""
    stretch = StretchStep(name="Knee-to-chest", hold=30, sides=2, reps=2, rest=10)
    assert moves_of(stretch) == [
        Move(kind="count_in", text="Knee-to-chest", seconds=5, rep=1),
        Move(kind="hold", text="Knee-to-chest", seconds=30, side=1, rep=1),
        Move(kind="hold", text="Knee-to-chest", seconds=30, side=2, rep=1),
        Move(kind="rest", text="Rest", seconds=10),
        Move(kind="hold", text="Knee-to-chest", seconds=30, side=1, rep=2),
        Move(kind="hold", text="Knee-to-chest", seconds=30, side=2, rep=2),
    ]


def test_a_stretch_on_one_side_without_rest() -> None:
    """No side is named, and reps follow each other at once."""
    assert moves_of(StretchStep(name="Cat-cow", hold=20, reps=3)) == [
        Move(kind="count_in", text="Cat-cow", seconds=5, rep=1),
        Move(kind="hold", text="Cat-cow", seconds=20, rep=1),
        Move(kind="hold", text="Cat-cow", seconds=20, rep=2),
        Move(kind="hold", text="Cat-cow", seconds=20, rep=3),
    ]


def test_the_move_kinds() -> None:
    """What the step sensor's `kind` attribute says."""
    assert (
        MoveKind.COUNT_IN,
        MoveKind.HOLD,
        MoveKind.REST,
        MoveKind.WAIT,
        MoveKind.HEAT,
        MoveKind.COLD,
    ) == ("count_in", "hold", "rest", "wait", "heat", "cold")


@settings(max_examples=200, deadline=None)
@given(STRETCHES)
def test_a_stretch_is_held_each_side_each_rep_with_rests_between(
    stretch: StretchStep,
) -> None:
    """Law: one count-in, sides x reps holds in order, reps - 1 rests if it rests."""
    moves = moves_of(stretch)
    assert moves[0] == Move(
        kind="count_in", text=stretch.name, seconds=COUNT_IN_SECONDS, rep=1
    )
    holds = [move for move in moves if move.kind == MoveKind.HOLD]
    rests = [move for move in moves if move.kind == MoveKind.REST]
    assert len(moves) == 1 + len(holds) + len(rests)
    assert [(move.rep, move.side) for move in holds] == [
        (rep, side if stretch.sides == 2 else None)
        for rep in range(1, stretch.reps + 1)
        for side in range(1, stretch.sides + 1)
    ]
    assert all(move.seconds == stretch.hold for move in holds)
    assert all(move.text == stretch.name for move in holds)
    assert len(rests) == (stretch.reps - 1 if stretch.rest else 0)
    assert all(move.seconds == stretch.rest for move in rests)
    # A rest only ever comes between two reps.
    for before, rest, after in zip(moves, moves[1:], moves[2:], strict=False):
        if rest.kind == MoveKind.REST:
            assert before.kind == after.kind == MoveKind.HOLD
            assert after.rep == (before.rep or 0) + 1


@settings(max_examples=200, deadline=None)
@given(STEPS)
def test_every_move_but_heat_and_cold_is_timed(step: Step) -> None:
    """Law: heat and cold alone are untimed, as their own timers end them."""
    for move in moves_of(step):
        assert (move.seconds is None) == (move.kind in (MoveKind.HEAT, MoveKind.COLD))


HEAT = HeatStep(minutes=20)
COLD = ColdStep(minutes=15)
WAIT = WaitStep(minutes=10, text="Lie down")
STRETCH = StretchStep(name="Cat-cow", hold=20)


@pytest.mark.parametrize(
    ("steps", "index", "previous"),
    [
        # Back from a stretch to the stretch before it.
        ((STRETCH, STRETCH), 1, 0),
        # Over heat and cold to the wait before them.
        ((WAIT, HEAT, COLD, STRETCH), 3, 0),
        # The nearest one, not the first.
        ((STRETCH, STRETCH, STRETCH, STRETCH), 3, 2),
        ((STRETCH, WAIT, HEAT, STRETCH), 3, 1),
        # From heat back to the stretch before it.
        ((STRETCH, HEAT), 1, 0),
        # The first stretch or wait starts again.
        ((STRETCH, STRETCH), 0, 0),
        ((WAIT, STRETCH), 0, 0),
        ((HEAT, STRETCH), 1, 1),
        # Heat or cold with nothing to go back to: nowhere.
        ((HEAT, STRETCH), 0, None),
        ((COLD,), 0, None),
        ((HEAT, COLD), 1, None),
    ],
)
def test_previous_goes_back_to_a_stretch_or_a_wait(
    steps: tuple[Step, ...], index: int, previous: int | None
) -> None:
    """Heat and cold are never started again by going back."""
    assert previous_step(steps, index) == previous
