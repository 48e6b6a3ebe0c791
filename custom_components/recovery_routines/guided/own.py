"""Routines of one's own: config subentries of the entry, checked and saved.

The step text format (one step per line) is guided/rules/text.py's; this
module reads the subentries, checks a routine against the entry's options,
and saves or deletes it. A refusal names the translated form error and the
placeholders that say which line and why.
"""

from __future__ import annotations

from dataclasses import dataclass
import logging
from types import MappingProxyType
from typing import Any

from homeassistant.config_entries import ConfigEntry, ConfigSubentry
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.util import slugify

from ..const import (
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
from .rules.steps import ROUTINES, GuidedRoutine
from .rules.text import StepError, format_steps, parse_steps, spoken_name

_LOGGER = logging.getLogger(__name__)


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
