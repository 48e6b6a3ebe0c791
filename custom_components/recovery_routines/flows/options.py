"""The options flow: the safety settings of a routine, checked as a whole."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time
from typing import Any

from homeassistant.config_entries import ConfigFlowResult, OptionsFlow

from ..const import (
    CONF_ACTIVE_END,
    CONF_ACTIVE_START,
    CONF_BACKSTOP_ENTITY,
    CONF_BACKSTOP_KIND,
    CONF_BACKSTOP_REQUIRED,
    CONF_BACKSTOP_SCRIPT,
    CONF_BACKSTOP_UNIT,
    CONF_DAILY_ROUTINE_AT,
    CONF_HEAT_SWITCH,
    CONF_NOTIFY_TARGETS,
    CONF_POWER_SENSOR,
    CONF_SLEEP_ENTITY,
    CONF_STRETCHES,
)
from ..heat.backstop import NUMBER_DOMAIN, guess_kind, guess_unit
from ..heat.plug import friendly_name
from ..stretches.rules.window import time_in_window
from .option_fields import options_schema
from .rules.options import (
    SECTION_OF,
    flatten,
    nest,
    range_errors,
    stretch_names,
    whole_numbers,
)
from .selectors import NOTIFY_DOMAIN, notify_targets, own_entities


def daily_routine_while_awake(options: Mapping[str, Any]) -> bool:
    """Whether the daily routine falls in the waking hours, as reminders must."""
    return time_in_window(
        time.fromisoformat(options[CONF_DAILY_ROUTINE_AT]),
        time.fromisoformat(options[CONF_ACTIVE_START]),
        time.fromisoformat(options[CONF_ACTIVE_END]),
    )


class RecoveryRoutinesOptionsFlow(OptionsFlow):
    """Change the safety settings; they apply in place."""

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the settings, grouped in sections."""
        errors: dict[str, str] = {}
        targets = notify_targets(self.hass)
        placeholders = {"notify_targets_found": str(len(targets))}
        if user_input is not None:
            options = flatten(user_input)
            errors |= range_errors(options)
            options |= whole_numbers(options)
            if not daily_routine_while_awake(options):
                errors[SECTION_OF[CONF_DAILY_ROUTINE_AT]] = (
                    "daily_routine_outside_waking_hours"
                )
            if sleep_entity := options.get(CONF_SLEEP_ENTITY):
                errors |= self._sleep_entity_errors(sleep_entity, placeholders)
            if error := self._backstop_error(options):
                errors[SECTION_OF[CONF_BACKSTOP_ENTITY]] = error
            options[CONF_STRETCHES] = stretch_names(options[CONF_STRETCHES])
            if not self._notify_targets_known(options[CONF_NOTIFY_TARGETS]):
                errors[SECTION_OF[CONF_NOTIFY_TARGETS]] = "unknown_notify_target"
            if not errors:
                return self.async_create_entry(data=options)
        return self.async_show_form(
            step_id="init",
            data_schema=self.add_suggested_values_to_schema(
                options_schema(self.hass, self.config_entry, targets),
                user_input or nest(self.config_entry.options),
            ),
            errors=errors,
            description_placeholders=placeholders,
        )

    def _notify_targets_known(self, targets: list[str]) -> bool:
        """Whether every target is a notify action or a notify entity there is."""
        for target in targets:
            domain, _, service = target.partition(".")
            if domain != NOTIFY_DOMAIN or not (
                self.hass.services.has_service(NOTIFY_DOMAIN, service)
                or self.hass.states.get(target) is not None
            ):
                return False
        return True

    def _backstop_error(self, options: dict[str, Any]) -> str | None:
        """Check the plug's own timer; fill in the kind and unit it guessed.

        A guess the user did not correct is stored, so what the form shows
        next time is what the integration uses. An unknown unit is refused:
        a countdown in minutes written as seconds would fire far too early,
        one in seconds written as minutes far too late.
        """
        own = own_entities(self.hass)
        if options.get(CONF_POWER_SENSOR) in own:
            return "power_sensor_own"
        if (timer := options.get(CONF_BACKSTOP_ENTITY)) is None:
            options.pop(CONF_BACKSTOP_KIND, None)
            options.pop(CONF_BACKSTOP_UNIT, None)
            if options[CONF_BACKSTOP_REQUIRED] and not options.get(
                CONF_BACKSTOP_SCRIPT
            ):
                return "backstop_required_without_timer"
            return None
        if timer in own:
            return "backstop_own"
        kind = options.get(CONF_BACKSTOP_KIND) or guess_kind(self.hass, timer)
        if kind is None:
            return "backstop_kind_unknown"
        options[CONF_BACKSTOP_KIND] = kind
        if not timer.startswith(f"{NUMBER_DOMAIN}."):
            options.pop(CONF_BACKSTOP_UNIT, None)
            return None
        unit = options.get(CONF_BACKSTOP_UNIT) or guess_unit(self.hass, timer)
        if unit is None:
            return "backstop_unit_unknown"
        options[CONF_BACKSTOP_UNIT] = unit
        return None

    def _sleep_entity_errors(
        self, sleep_entity: str, placeholders: dict[str, str]
    ) -> dict[str, str]:
        """Refuse a sleep guard that would cut off every session at once."""
        if sleep_entity == self.config_entry.data[CONF_HEAT_SWITCH]:
            error = "sleep_entity_is_plug"
        elif sleep_entity in own_entities(self.hass):
            error = "sleep_entity_own"
        else:
            return {}
        placeholders["sleep_entity"] = friendly_name(self.hass, sleep_entity)
        return {SECTION_OF[CONF_SLEEP_ENTITY]: error}
