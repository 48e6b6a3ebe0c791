"""Routines of one's own, added and edited as subentries of a routine entry."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import (
    ConfigSubentry,
    ConfigSubentryFlow,
    SubentryFlowResult,
)
from homeassistant.const import CONF_NAME
from homeassistant.core import callback
from homeassistant.helpers.selector import (
    BooleanSelector,
    TextSelector,
    TextSelectorConfig,
)
import voluptuous as vol

from ..const import CONF_PROGRESSION, CONF_STEPS
from ..guided.own import check_routine, routine_placeholders
from .selectors import schema


class RoutineSubentryFlow(ConfigSubentryFlow):
    """Add or edit a routine of one's own: a name and its steps, one a line."""

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> SubentryFlowResult:
        """Add a routine."""
        return self._async_routine_form("user", user_input, None)

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> SubentryFlowResult:
        """Edit a routine."""
        return self._async_routine_form(
            "reconfigure", user_input, self._get_reconfigure_subentry()
        )

    @callback
    def _async_routine_form(
        self,
        step_id: str,
        user_input: dict[str, Any] | None,
        subentry: ConfigSubentry | None,
    ) -> SubentryFlowResult:
        entry = self._get_entry()
        errors: dict[str, str] = {}
        placeholders = routine_placeholders(entry)
        if user_input is not None:
            check = check_routine(
                entry,
                user_input[CONF_NAME],
                user_input[CONF_STEPS],
                bool(user_input.get(CONF_PROGRESSION)),
                subentry,
            )
            errors, placeholders = check.errors, check.placeholders
            if not errors:
                if subentry is None:
                    return self.async_create_entry(title=check.name, data=check.data)
                return self.async_update_and_abort(
                    entry, subentry, title=check.name, data=check.data
                )
        suggested = user_input
        if suggested is None and subentry is not None:
            suggested = {CONF_NAME: subentry.title, **subentry.data}
        return self.async_show_form(
            step_id=step_id,
            data_schema=self.add_suggested_values_to_schema(
                schema(
                    {
                        vol.Required(CONF_NAME): TextSelector(),
                        vol.Required(CONF_STEPS): TextSelector(
                            TextSelectorConfig(multiline=True)
                        ),
                        vol.Optional(CONF_PROGRESSION, default=False): (
                            BooleanSelector()
                        ),
                    }
                ),
                suggested,
            ),
            errors=errors,
            description_placeholders=placeholders,
        )
