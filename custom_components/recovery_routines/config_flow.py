"""Config flow of Recovery Routines: a name and the plug of a heating pad.

The options flow and the flow of routines of one's own live in flows/.
"""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import (
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    ConfigSubentryFlow,
    OptionsFlow,
)
from homeassistant.const import CONF_NAME
from homeassistant.core import callback
from homeassistant.helpers.selector import (
    EntitySelector,
    EntitySelectorConfig,
    TextSelector,
)
import voluptuous as vol

from .const import (
    CONF_HEAT_SWITCH,
    DEFAULT_NAME,
    DOMAIN,
    HEAT_SWITCH_DOMAINS,
    SUBENTRY_ROUTINE,
)
from .flows.options import RecoveryRoutinesOptionsFlow
from .flows.routine import RoutineSubentryFlow
from .flows.selectors import PickerSelector, own_entities, schema
from .heat.plug import friendly_name


class RecoveryRoutinesConfigFlow(ConfigFlow, domain=DOMAIN):
    """Set up a routine on the plug of a heating pad."""

    VERSION = 1

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for a name and the plug."""
        errors: dict[str, str] = {}
        placeholders: dict[str, str] = {}
        if user_input is not None:
            name = user_input[CONF_NAME].strip()
            if any(
                entry.title.casefold() == name.casefold()
                for entry in self._async_current_entries(include_ignore=False)
            ):
                errors[CONF_NAME] = "name_in_use"
            errors |= self._plug_errors(user_input[CONF_HEAT_SWITCH], placeholders)
            if not errors:
                return self.async_create_entry(
                    title=name, data={**user_input, CONF_NAME: name}
                )
        return self.async_show_form(
            step_id="user",
            data_schema=self.add_suggested_values_to_schema(
                self._user_schema(), user_input
            ),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Choose another plug, for example after the plug was replaced.

        The reload this takes switches the old plug off first.
        """
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        placeholders: dict[str, str] = {}
        if user_input is not None:
            plug = user_input[CONF_HEAT_SWITCH]
            if not (errors := self._plug_errors(plug, placeholders, entry)):
                return self.async_update_reload_and_abort(
                    entry, data_updates={CONF_HEAT_SWITCH: plug}
                )
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=self.add_suggested_values_to_schema(
                schema({vol.Required(CONF_HEAT_SWITCH): self._plug_selector(entry)}),
                user_input or entry.data,
            ),
            errors=errors,
            description_placeholders=placeholders,
        )

    def _user_schema(self) -> Any:
        taken = {
            entry.title.casefold()
            for entry in self._async_current_entries(include_ignore=False)
        }
        # Never suggest a name that another routine has.
        name = (
            vol.Required(CONF_NAME)
            if DEFAULT_NAME.casefold() in taken
            else vol.Required(CONF_NAME, default=DEFAULT_NAME)
        )
        return vol.Schema(
            {
                name: TextSelector(),
                vol.Required(CONF_HEAT_SWITCH): self._plug_selector(),
            }
        )

    def _plug_selector(self, own: ConfigEntry | None = None) -> EntitySelector:
        """Offer the plugs that no other routine uses, and none of our switches."""
        used = [
            entry.data[CONF_HEAT_SWITCH]
            for entry in self._async_current_entries(include_ignore=False)
            if entry is not own
        ]
        return PickerSelector(
            EntitySelectorConfig(
                domain=HEAT_SWITCH_DOMAINS,
                exclude_entities=[*used, *own_entities(self.hass)],
            )
        )

    def _plug_errors(
        self,
        plug: str,
        placeholders: dict[str, str],
        own: ConfigEntry | None = None,
    ) -> dict[str, str]:
        if plug in own_entities(self.hass):
            # Our own heat session switch as the plug would switch itself.
            return {CONF_HEAT_SWITCH: "own_entity"}
        for entry in self._async_current_entries(include_ignore=False):
            if entry is not own and entry.data.get(CONF_HEAT_SWITCH) == plug:
                placeholders["routine"] = entry.title
                placeholders["plug"] = friendly_name(self.hass, plug)
                return {CONF_HEAT_SWITCH: "plug_in_use"}
        return {}

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: ConfigEntry) -> OptionsFlow:
        """Return the options flow."""
        return RecoveryRoutinesOptionsFlow()

    @classmethod
    @callback
    def async_get_supported_subentry_types(
        cls, config_entry: ConfigEntry
    ) -> dict[str, type[ConfigSubentryFlow]]:
        """Routines of one's own: added, edited and deleted as subentries."""
        return {SUBENTRY_ROUTINE: RoutineSubentryFlow}
