"""Config and options flows of Recovery Routines."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import (
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    OptionsFlow,
)
from homeassistant.const import CONF_NAME, UnitOfTime
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.selector import (
    BooleanSelector,
    EntitySelector,
    EntitySelectorConfig,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectSelector,
    SelectSelectorConfig,
    TextSelector,
    TextSelectorConfig,
    TimeSelector,
)
import voluptuous as vol

from .const import (
    COLD_MINUTES_RANGE,
    CONF_ACTIVE_END,
    CONF_ACTIVE_START,
    CONF_COLD_MINUTES,
    CONF_HEAT_REST_MINUTES,
    CONF_HEAT_SWITCH,
    CONF_INSTALL_SENTENCES,
    CONF_MAX_HEAT_MINUTES,
    CONF_NOTIFY_TARGETS,
    CONF_SLEEP_ENTITY,
    CONF_STRETCHES,
    DEFAULT_ACTIVE_END,
    DEFAULT_ACTIVE_START,
    DEFAULT_COLD_MINUTES,
    DEFAULT_HEAT_REST_MINUTES,
    DEFAULT_MAX_HEAT_MINUTES,
    DEFAULT_NAME,
    DEFAULT_STRETCHES,
    DOMAIN,
    HEAT_REST_MINUTES_RANGE,
    HEAT_SWITCH_DOMAINS,
    MAX_HEAT_MINUTES_RANGE,
    SLEEP_ENTITY_DOMAINS,
)

# Typed Any: Home Assistant 2026.x serves `voluptuous` from probatio at run
# time, so its type hints name probatio's classes; voluptuous's do not match.
USER_SCHEMA: Any = vol.Schema(
    {
        vol.Required(CONF_NAME, default=DEFAULT_NAME): TextSelector(),
        vol.Required(CONF_HEAT_SWITCH): EntitySelector(
            EntitySelectorConfig(domain=HEAT_SWITCH_DOMAINS)
        ),
    }
)

NOTIFY_DOMAIN = "notify"

RECONFIGURE_SCHEMA: Any = vol.Schema(
    {
        vol.Required(CONF_HEAT_SWITCH): EntitySelector(
            EntitySelectorConfig(domain=HEAT_SWITCH_DOMAINS)
        ),
    }
)

# No min/max in the selectors: out-of-range values get a translated error
# from the step instead of a schema error.
_MINUTES_SELECTOR = NumberSelector(
    NumberSelectorConfig(
        mode=NumberSelectorMode.BOX, step=1, unit_of_measurement=UnitOfTime.MINUTES
    )
)


def _options_schema(hass: HomeAssistant) -> Any:
    """Return the options form, offering the notify actions and entities."""
    targets = sorted(
        {
            *(
                f"{NOTIFY_DOMAIN}.{service}"
                for service in hass.services.async_services_for_domain(NOTIFY_DOMAIN)
                if service not in ("send_message", "persistent_notification")
            ),
            *hass.states.async_entity_ids(NOTIFY_DOMAIN),
        }
    )
    return vol.Schema(
        {
            vol.Required(
                CONF_MAX_HEAT_MINUTES, default=DEFAULT_MAX_HEAT_MINUTES
            ): _MINUTES_SELECTOR,
            vol.Required(
                CONF_HEAT_REST_MINUTES,
                default=DEFAULT_HEAT_REST_MINUTES,
            ): _MINUTES_SELECTOR,
            vol.Optional(CONF_SLEEP_ENTITY): EntitySelector(
                EntitySelectorConfig(domain=SLEEP_ENTITY_DOMAINS)
            ),
            vol.Required(CONF_STRETCHES, default=list(DEFAULT_STRETCHES)): TextSelector(
                TextSelectorConfig(multiple=True)
            ),
            vol.Required(
                CONF_ACTIVE_START, default=DEFAULT_ACTIVE_START
            ): TimeSelector(),
            vol.Required(CONF_ACTIVE_END, default=DEFAULT_ACTIVE_END): TimeSelector(),
            vol.Optional(CONF_NOTIFY_TARGETS, default=[]): SelectSelector(
                SelectSelectorConfig(options=targets, multiple=True, custom_value=True)
            ),
            vol.Required(
                CONF_COLD_MINUTES, default=DEFAULT_COLD_MINUTES
            ): _MINUTES_SELECTOR,
            vol.Required(CONF_INSTALL_SENTENCES, default=True): BooleanSelector(),
        }
    )


_RANGES = {
    CONF_MAX_HEAT_MINUTES: MAX_HEAT_MINUTES_RANGE,
    CONF_HEAT_REST_MINUTES: HEAT_REST_MINUTES_RANGE,
    CONF_COLD_MINUTES: COLD_MINUTES_RANGE,
}


class RecoveryRoutinesConfigFlow(ConfigFlow, domain=DOMAIN):
    """Set up a routine on the plug of a heating pad."""

    VERSION = 1

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for a name and the plug."""
        errors: dict[str, str] = {}
        if user_input is not None:
            self._async_abort_entries_match(
                {CONF_HEAT_SWITCH: user_input[CONF_HEAT_SWITCH]}
            )
            if not (errors := self._plug_errors(user_input[CONF_HEAT_SWITCH])):
                return self.async_create_entry(
                    title=user_input[CONF_NAME], data=user_input
                )
        return self.async_show_form(
            step_id="user",
            data_schema=self.add_suggested_values_to_schema(USER_SCHEMA, user_input),
            errors=errors,
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Choose another plug, for example after the plug was replaced.

        The reload this takes switches the old plug off first.
        """
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            plug = user_input[CONF_HEAT_SWITCH]
            if plug != entry.data[CONF_HEAT_SWITCH]:
                self._async_abort_entries_match({CONF_HEAT_SWITCH: plug})
            if not (errors := self._plug_errors(plug)):
                return self.async_update_reload_and_abort(
                    entry, data_updates={CONF_HEAT_SWITCH: plug}
                )
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=self.add_suggested_values_to_schema(
                RECONFIGURE_SCHEMA, user_input or entry.data
            ),
            errors=errors,
        )

    def _plug_errors(self, plug: str) -> dict[str, str]:
        entity = er.async_get(self.hass).async_get(plug)
        if entity is not None and entity.platform == DOMAIN:
            # Our own heat session switch as the plug would switch itself.
            return {CONF_HEAT_SWITCH: "own_entity"}
        return {}

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: ConfigEntry) -> OptionsFlow:
        """Return the options flow."""
        return RecoveryRoutinesOptionsFlow()


class RecoveryRoutinesOptionsFlow(OptionsFlow):
    """Change the safety settings; they apply in place."""

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the heat cap, the rest and the sleep guard."""
        errors: dict[str, str] = {}
        if user_input is not None:
            options = dict(user_input)
            for key, (low, high) in _RANGES.items():
                value = options[key]
                if value != int(value) or not low <= value <= high:
                    errors[key] = f"{key}_out_of_range"
                options[key] = int(value)
            options[CONF_STRETCHES] = [
                name.strip() for name in options[CONF_STRETCHES] if name.strip()
            ]
            for target in options[CONF_NOTIFY_TARGETS]:
                domain, _, service = target.partition(".")
                if domain != NOTIFY_DOMAIN or not (
                    self.hass.services.has_service(NOTIFY_DOMAIN, service)
                    or self.hass.states.get(target) is not None
                ):
                    errors[CONF_NOTIFY_TARGETS] = "unknown_notify_target"
            if not errors:
                return self.async_create_entry(data=options)
        return self.async_show_form(
            step_id="init",
            data_schema=self.add_suggested_values_to_schema(
                _options_schema(self.hass), user_input or self.config_entry.options
            ),
            errors=errors,
        )
