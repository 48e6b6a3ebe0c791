"""The steps of a guided routine, the shipped routines, and the moves of a step.

A routine is expanded into timed moves (a count-in, each hold, each rest);
heat and cold steps are one move each, ended by their own timers.
"""

from __future__ import annotations

from dataclasses import dataclass

# Seconds of "get ready" before the first hold of a stretch.
COUNT_IN_SECONDS = 5


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
    """A named, ordered list of steps.

    Its option in the routine picker (its key) is made on the Home Assistant
    side: guided/catalog.py's `routine_key`.
    """

    name: str
    steps: tuple[Step, ...]
    # Holds start short and grow on each day the routine was completed.
    progression: bool = False
    # What its progress is stored by: a routine of one's own's subentry id.
    uid: str = ""


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


def step_name(step: Step) -> str:
    """Say a step: the stretch, "Heat", "Cold pack" or the wait's text."""
    return step.text if isinstance(step, WaitStep) else step.name


def previous_step(steps: tuple[Step, ...], index: int) -> int | None:
    """Where "previous" goes from step `index`: None where it cannot go.

    The stretch or wait before it, else this one again if it is a stretch or
    a wait; heat and cold are never started again by going back.
    """
    for before in range(index - 1, -1, -1):
        if isinstance(steps[before], StretchStep | WaitStep):
            return before
    return index if isinstance(steps[index], StretchStep | WaitStep) else None


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
