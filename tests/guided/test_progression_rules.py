"""Plain tests of guided/rules/progression.py: holds that grow day by day."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from custom_components.recovery_routines.guided.rules.progression import (
    reached_hold,
    worked_up,
)
from custom_components.recovery_routines.guided.rules.steps import (
    ColdStep,
    GuidedRoutine,
    HeatStep,
    Step,
    StretchStep,
    WaitStep,
)

MORNING = GuidedRoutine(
    name="Morning",
    steps=(
        HeatStep(minutes=20),
        StretchStep(name="Cat-cow", hold=30, sides=2, reps=3, rest=10),
        WaitStep(minutes=5, text="Lie down"),
        StretchStep(name="Child's pose", hold=12),
        ColdStep(minutes=10),
        StretchStep(name="Bridge", hold=8),
    ),
    progression=True,
    uid="morning-id",
)


def holds(routine: GuidedRoutine) -> list[int]:
    """Return the holds of the stretches of `routine`."""
    return [step.hold for step in routine.steps if isinstance(step, StretchStep)]


def test_holds_start_at_ten_seconds_and_grow_five_a_day() -> None:
    """Day 0: 10 s; each day completed: 5 s more."""
    assert [reached_hold(days) for days in range(4)] == [10, 15, 20, 25]


def test_day_zero_cuts_every_hold_to_ten_seconds_but_the_shorter_ones() -> None:
    """A hold shorter than the level reached stays as it is."""
    assert holds(worked_up(MORNING, 0)) == [10, 10, 8]


def test_the_level_grows_up_to_each_stretch_own_hold() -> None:
    """Day 1: 15 s; day 4: 30 s, each stretch's own."""
    assert holds(worked_up(MORNING, 1)) == [15, 12, 8]
    assert holds(worked_up(MORNING, 3)) == [25, 12, 8]
    assert holds(worked_up(MORNING, 4)) == [30, 12, 8]
    assert worked_up(MORNING, 5) == MORNING


def test_only_the_holds_of_stretches_change() -> None:
    """Heat, waits and cold, sides, reps and rests, name and id stay."""
    today = worked_up(MORNING, 0)
    assert today.steps[1] == StretchStep(
        name="Cat-cow", hold=10, sides=2, reps=3, rest=10
    )
    assert [step for step in today.steps if not isinstance(step, StretchStep)] == [
        HeatStep(minutes=20),
        WaitStep(minutes=5, text="Lie down"),
        ColdStep(minutes=10),
    ]
    assert (today.name, today.progression, today.uid) == ("Morning", True, "morning-id")


def test_a_routine_without_progression_is_the_same() -> None:
    """Not a copy: the very routine."""
    routine = GuidedRoutine(name="Quick", steps=(StretchStep(name="Cat-cow", hold=30),))
    assert worked_up(routine, 0) is routine


STEPS: st.SearchStrategy[Step] = st.one_of(
    st.builds(
        StretchStep,
        name=st.just("Cat-cow"),
        hold=st.integers(5, 120),
        sides=st.sampled_from([1, 2]),
        reps=st.integers(1, 10),
        rest=st.integers(0, 60),
    ),
    st.builds(HeatStep, minutes=st.integers(1, 60)),
    st.builds(ColdStep, minutes=st.integers(5, 20)),
    st.builds(WaitStep, minutes=st.integers(1, 60), text=st.just("Lie down")),
)
ROUTINES = st.builds(
    GuidedRoutine,
    name=st.just("Mine"),
    steps=st.lists(STEPS, min_size=1, max_size=10).map(tuple),
    progression=st.booleans(),
    uid=st.just("mine-id"),
)
DAYS = st.integers(0, 1000)


@settings(max_examples=200, deadline=None)
@given(ROUTINES, DAYS)
def test_holds_never_shrink_from_one_day_done_to_the_next(
    routine: GuidedRoutine, days: int
) -> None:
    """Law: a day more done never shortens a hold."""
    today, tomorrow = worked_up(routine, days), worked_up(routine, days + 1)
    assert all(
        shorter <= longer
        for shorter, longer in zip(holds(today), holds(tomorrow), strict=True)
    )


@settings(max_examples=200, deadline=None)
@given(ROUTINES, DAYS)
def test_holds_never_exceed_the_routine_own(routine: GuidedRoutine, days: int) -> None:
    """Law: never longer than written; only holds change, never the steps' kinds."""
    worked = worked_up(routine, days)
    assert all(
        hold <= own for hold, own in zip(holds(worked), holds(routine), strict=True)
    )
    for step, own in zip(worked.steps, routine.steps, strict=True):
        if isinstance(own, StretchStep):
            assert step == StretchStep(
                name=own.name,
                hold=min(own.hold, reached_hold(days))
                if routine.progression
                else own.hold,
                sides=own.sides,
                reps=own.reps,
                rest=own.rest,
            )
        else:
            assert step == own


@settings(max_examples=200, deadline=None)
@given(ROUTINES, DAYS)
def test_a_routine_without_progression_is_unchanged(
    routine: GuidedRoutine, days: int
) -> None:
    """Law: only a routine that works up works up."""
    if not routine.progression:
        assert worked_up(routine, days) == routine
