"""A routine's steps as a person types them in a form: one step per line.

    heat 20
    Child's pose 30 x2 rest 10
    Knee-to-chest 30 each side
    cold 15
    wait 10 Let the ointment soak in

Plain logic: parsing refuses a line with the key of a translated form error
and the placeholders that say which line and why.
"""

from __future__ import annotations

from dataclasses import dataclass
import logging
import re
from types import MappingProxyType
from typing import Any, Final

from homeassistant.config_entries import ConfigEntry, ConfigSubentry
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.util import slugify

from ..const import (
    COLD_MINUTES_RANGE,
    CONF_MAX_HEAT_MINUTES,
    CONF_PROGRESSION,
    CONF_STEPS,
    CONF_STRETCHES,
    DEFAULT_MAX_HEAT_MINUTES,
    DEFAULT_STRETCHES,
    DOMAIN,
    MAX_HEAT_MINUTES_RANGE,
    SUBENTRY_ROUTINE,
)
from ..voice.sentences import spoken_name
from .guide import (
    ROUTINES,
    ColdStep,
    GuidedRoutine,
    HeatStep,
    Step,
    StretchStep,
    WaitStep,
)

_LOGGER = logging.getLogger(__name__)

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


def own_routines(entry: ConfigEntry) -> tuple[GuidedRoutine, ...]:
    """Return the routines a person added to `entry`, in the order added."""
    routines = []
    # Routines are the only kind of subentry.
    for subentry in entry.subentries.values():
        try:
            # Saved through the form, so readable; the heat controller still
            # refuses a heat step above a cap lowered since.
            steps = parse_steps(
                subentry.data[CONF_STEPS], None, MAX_HEAT_MINUTES_RANGE[1]
            )
        except (StepError, KeyError) as err:
            _LOGGER.warning("The routine %s cannot be read: %r", subentry.title, err)
            continue
        routines.append(
            GuidedRoutine(
                name=subentry.title,
                steps=steps,
                progression=bool(subentry.data.get(CONF_PROGRESSION, False)),
                uid=subentry.subentry_id,
            )
        )
    return tuple(routines)


@dataclass(frozen=True, kw_only=True)
class RoutineCheck:
    """A routine as the form or the action gave it: what to save, or why not."""

    name: str
    data: dict[str, Any]
    errors: dict[str, str]
    placeholders: dict[str, str]


def routine_placeholders(entry: ConfigEntry) -> dict[str, str]:
    """Return what the form and its refusals show: stretches, heat cap."""
    return {
        "stretches": ", ".join(entry.options.get(CONF_STRETCHES, DEFAULT_STRETCHES)),
        "max_heat_minutes": str(
            int(entry.options.get(CONF_MAX_HEAT_MINUTES, DEFAULT_MAX_HEAT_MINUTES))
        ),
        "line": "",
        "text": "",
        "detail": "",
    }


def check_routine(
    entry: ConfigEntry,
    name: str,
    steps_text: str,
    progression: bool,
    own: ConfigSubentry | None,
) -> RoutineCheck:
    """Check a routine of one's own before it is saved (`own`: the one edited).

    The form and the `save_routine` action refuse the same things.
    """
    stretches = list(entry.options.get(CONF_STRETCHES, DEFAULT_STRETCHES))
    max_heat_minutes = int(
        entry.options.get(CONF_MAX_HEAT_MINUTES, DEFAULT_MAX_HEAT_MINUTES)
    )
    errors: dict[str, str] = {}
    placeholders = routine_placeholders(entry)
    name = spoken_name(name)
    if not name:
        errors[CONF_NAME] = "routine_name_empty"
    elif _name_taken(entry, name, own):
        errors[CONF_NAME] = "routine_name_in_use"
    data: dict[str, Any] = {}
    try:
        steps = parse_steps(steps_text, stretches, max_heat_minutes)
    except StepError as err:
        errors[CONF_STEPS] = err.key
        placeholders |= err.placeholders
    else:
        data = {CONF_STEPS: format_steps(steps), CONF_PROGRESSION: progression}
    return RoutineCheck(name=name, data=data, errors=errors, placeholders=placeholders)


def _name_taken(entry: ConfigEntry, name: str, own: ConfigSubentry | None) -> bool:
    """Whether a shipped routine or another of one's own has this name."""
    names = [routine.name for routine in ROUTINES]
    names += [
        subentry.title for subentry in entry.subentries.values() if subentry is not own
    ]
    wanted = slugify(name)
    return any(slugify(other) == wanted for other in names)


def _own_named(entry: ConfigEntry, name: str) -> ConfigSubentry | None:
    """Return the routine of one's own of this name; refuse a shipped name."""
    wanted = slugify(spoken_name(name))
    if any(slugify(routine.name) == wanted for routine in ROUTINES):
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="shipped_routine",
            translation_placeholders={"name": name},
        )
    return next(
        (
            subentry
            for subentry in entry.subentries.values()
            if wanted and slugify(subentry.title) == wanted
        ),
        None,
    )


@callback
def async_save_routine(
    hass: HomeAssistant,
    entry: ConfigEntry,
    name: str,
    steps_text: str,
    progression: bool | None,
) -> None:
    """Add a routine of one's own, or replace the steps of the one so named.

    Without `progression`, an edited routine keeps its own; nothing is saved
    on a refusal.
    """
    own = _own_named(entry, name)
    if progression is None:
        progression = own is not None and bool(own.data.get(CONF_PROGRESSION))
    check = check_routine(entry, name, steps_text, progression, own)
    if check.errors:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            # The name first, as the form shows it first.
            translation_key=check.errors.get(CONF_NAME) or check.errors[CONF_STEPS],
            translation_placeholders=check.placeholders,
        )
    if own is None:
        hass.config_entries.async_add_subentry(
            entry,
            ConfigSubentry(
                data=MappingProxyType(check.data),
                subentry_type=SUBENTRY_ROUTINE,
                title=check.name,
                unique_id=None,
            ),
        )
    else:
        hass.config_entries.async_update_subentry(
            entry, own, title=check.name, data=check.data
        )


@callback
def async_delete_routine(hass: HomeAssistant, entry: ConfigEntry, name: str) -> None:
    """Delete the routine of one's own of this name."""
    if (own := _own_named(entry, name)) is None:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="unknown_own_routine",
            translation_placeholders={
                "name": name,
                "routines": ", ".join(
                    subentry.title for subentry in entry.subentries.values()
                ),
            },
        )
    hass.config_entries.async_remove_subentry(entry, own.subentry_id)
