"""A routine's steps as a person types them in a form: one step per line.

    heat 20
    Child's pose 30 x2 rest 10
    Knee-to-chest 30 each side
    cold 15
    wait 10 Let the ointment soak in

Parsing refuses a line with the key of a translated form error and the
placeholders that say which line and why.
"""

from __future__ import annotations

import re
from typing import Final

from ...const import COLD_MINUTES_RANGE
from .steps import ColdStep, HeatStep, Step, StretchStep, WaitStep

HOLD_SECONDS_RANGE: Final = (5, 120)
REPS_RANGE: Final = (1, 10)
REST_SECONDS_RANGE: Final = (0, 60)
WAIT_MINUTES_RANGE: Final = (1, 60)
MIN_HEAT_MINUTES: Final = 1
MAX_STEPS: Final = 30

_TIMED = re.compile(r"(?P<kind>heat|cold)\s+(?P<minutes>\d+)(?:\s*min(?:utes?)?)?")
_WAIT = re.compile(r"wait\s+(?P<minutes>\d+)(?:\s*min(?:utes?)?)?\s+(?P<text>\S.*)")
_STRETCH = re.compile(
    r"(?P<name>\S.*?)\s+(?P<hold>\d+)\s*s?"
    r"(?P<sides>\s+each\s+side)?"
    r"(?:\s+x\s*(?P<reps>\d+))?"
    r"(?:\s+rest\s+(?P<rest>\d+)\s*s?)?"
)
# What the sentence templates use for themselves; never part of a spoken name.
TEMPLATE_CHARACTERS = str.maketrans(dict.fromkeys("()[]{}<>|;", " "))


def spoken_name(name: str) -> str:
    """Return a routine's name as a sentence template can hold it."""
    return " ".join(name.translate(TEMPLATE_CHARACTERS).split())


class StepError(Exception):
    """A line that is not a step: the form error's key and its placeholders."""

    def __init__(self, *, key: str, line: int, text: str, detail: str = "") -> None:
        """Say which line is wrong, and how."""
        super().__init__(key)
        self.key = key
        self.placeholders = {"line": str(line), "text": text, "detail": detail}


def _in(value: int, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= value <= bounds[1]


def parse_steps(
    text: str, stretches: list[str] | None, max_heat_minutes: int
) -> tuple[Step, ...]:
    """Read the steps of `text`; stretches must be on the list of `stretches`.

    A stretch is written as it is on the checklist (any case); it keeps the
    checklist's spelling, so a routine ticks it off. With `stretches` None,
    any name is a stretch: a saved routine keeps a stretch that has left the
    list since.
    """
    known = None if stretches is None else {name.casefold(): name for name in stretches}
    steps: list[Step] = []
    lines = [(number, line.strip()) for number, line in enumerate(text.splitlines())]
    for number, line in ((number + 1, line) for number, line in lines if line):
        steps.append(_parse_line(number, line, known, max_heat_minutes))
    if not steps:
        raise StepError(key="no_steps", line=0, text="")
    if len(steps) > MAX_STEPS:
        raise StepError(
            key="too_many_steps", line=len(lines), text="", detail=str(MAX_STEPS)
        )
    return tuple(steps)


def _parse_line(
    number: int, line: str, known: dict[str, str] | None, max_heat_minutes: int
) -> Step:
    def error(key: str, detail: str = "") -> StepError:
        return StepError(key=key, line=number, text=line, detail=detail)

    if match := _TIMED.fullmatch(line.casefold()):
        minutes = int(match["minutes"])
        if match["kind"] == "heat":
            if not _in(minutes, (MIN_HEAT_MINUTES, max_heat_minutes)):
                raise error("heat_minutes", str(max_heat_minutes))
            return HeatStep(minutes=minutes)
        if not _in(minutes, COLD_MINUTES_RANGE):
            raise error("cold_minutes")
        return ColdStep(minutes=minutes)
    if match := _WAIT.fullmatch(line):
        minutes = int(match["minutes"])
        if not _in(minutes, WAIT_MINUTES_RANGE):
            raise error("wait_minutes")
        return WaitStep(minutes=minutes, text=match["text"].strip())
    match = _STRETCH.fullmatch(line)
    if match is None:
        raise error("unreadable_step")
    written = match["name"].strip()
    name = written if known is None else known.get(written.casefold())
    if name is None:
        raise error("unknown_stretch", written)
    hold = int(match["hold"])
    reps = int(match["reps"] or 1)
    rest = int(match["rest"] or 0)
    if not _in(hold, HOLD_SECONDS_RANGE):
        raise error("hold_seconds")
    if not _in(reps, REPS_RANGE):
        raise error("reps")
    if not _in(rest, REST_SECONDS_RANGE):
        raise error("rest_seconds")
    return StretchStep(
        name=name, hold=hold, sides=2 if match["sides"] else 1, reps=reps, rest=rest
    )


def format_steps(steps: tuple[Step, ...]) -> str:
    """Write steps as `parse_steps` reads them."""
    return "\n".join(_format_step(step) for step in steps)


def _format_step(step: Step) -> str:
    if isinstance(step, HeatStep | ColdStep):
        return f"{step.kind} {step.minutes}"
    if isinstance(step, WaitStep):
        return f"wait {step.minutes} {step.text}"
    text = f"{step.name} {step.hold}"
    if step.sides == 2:
        text += " each side"
    if step.reps > 1:
        text += f" x{step.reps}"
    if step.rest:
        text += f" rest {step.rest}"
    return text
