"""The routine that runs: where it is, what it has done, and how it shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from .steps import GuidedRoutine, Move, MoveKind, Step, StretchStep, moves_of, step_name


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

    @property
    def current_step(self) -> Step:
        """The step under way."""
        return self.routine.steps[self.step]

    def enter_step(self, index: int) -> Step:
        """Begin step `index` at its first move, untimed and not paused."""
        self.step = index
        step = self.routine.steps[index]
        self.moves = moves_of(step)
        self.move = 0
        self.paused_left = self.ends_at = None
        return step

    def time_move(self, start: datetime) -> datetime | None:
        """Time the move under way from `start`, and return its end.

        None for heat and cold, which their own timers end.
        """
        if (seconds := self.current.seconds) is None:
            return None
        self.ends_at = start + timedelta(seconds=seconds)
        return self.ends_at

    def next_move(self) -> bool:
        """Go on to the step's next move; False if the last one is over."""
        if self.move + 1 < len(self.moves):
            self.move += 1
            return True
        return False

    def leave_step(self) -> str:
        """Move off the step under way; return the kind of move it was at.

        What is left is an untimed wait of the same text, so that the end of
        a heat session or cold pack stopped for it does not advance too.
        """
        self.ends_at = self.paused_left = None
        kind = self.current.kind
        self.moves = [Move(kind=MoveKind.WAIT, text=self.current.text)]
        self.move = 0
        return kind

    def pause(self, now: datetime) -> None:
        """Keep what is left of the timed move under way at `now`."""
        assert self.ends_at is not None
        self.paused_left = max(self.ends_at - now, timedelta(0))

    def resume(self, now: datetime) -> datetime:
        """Go on with the paused move from `now`; return its new end."""
        assert self.paused_left is not None
        self.ends_at = now + self.paused_left
        self.paused_left = None
        return self.ends_at

    def step_done(self) -> StretchStep | None:
        """Count the step under way as done; return it if it is a stretch.

        A stretch done makes the run count for the streak when it completes.
        """
        step = self.current_step
        self.done.append(step_name(step))
        if isinstance(step, StretchStep):
            self.stretched = True
            return step
        return None

    @property
    def attributes(self) -> dict[str, Any]:
        """Routine, step n of N, side, rep, paused: what the step sensor shows."""
        step = self.current_step
        move = self.current
        return {
            "routine": self.routine.name,
            "step": self.step + 1,
            "steps": len(self.routine.steps),
            "kind": move.kind,
            "side": move.side,
            "rep": move.rep,
            "reps": step.reps if isinstance(step, StretchStep) else None,
            "paused": self.paused_left is not None,
            "cue": self.cue,
        }

    @property
    def summary(self) -> dict[str, Any]:
        """What the logbook keeps of a run that ended: steps done of all."""
        return {
            "routine": self.routine.name,
            "steps_done": len(self.done),
            "steps": len(self.routine.steps),
        }
