"""The options form: the marker and selector of each option, in sections.

Which option goes in which section is a plain rule (rules/options.py).
"""

from __future__ import annotations

from typing import Any, Final

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import UnitOfTime
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import section
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
)
import voluptuous as vol

from ..const import (
    CONF_ACTIVE_END,
    CONF_ACTIVE_START,
    CONF_ACUTE_HOURS,
    CONF_BACKSTOP_ENTITY,
    CONF_BACKSTOP_KIND,
    CONF_BACKSTOP_MARGIN_MINUTES,
    CONF_BACKSTOP_REQUIRED,
    CONF_BACKSTOP_SCRIPT,
    CONF_BACKSTOP_UNIT,
    CONF_COLD_MINUTES,
    CONF_COLD_PACK_EVERY_HOURS,
    CONF_DAILY_ROUTINE_AT,
    CONF_HEAT_OFFERS_PER_DAY,
    CONF_HEAT_REST_MINUTES,
    CONF_HEAT_SWITCH,
    CONF_INSTALL_SENTENCES,
    CONF_MAX_HEAT_MINUTES,
    CONF_NOTIFY_TARGETS,
    CONF_POWER_SENSOR,
    CONF_SLEEP_ENTITY,
    CONF_SPEAKERS,
    CONF_STRETCH_EVERY_HOURS,
    CONF_STRETCHES,
    DEFAULT_ACTIVE_END,
    DEFAULT_ACTIVE_START,
    DEFAULT_ACUTE_HOURS,
    DEFAULT_BACKSTOP_MARGIN_MINUTES,
    DEFAULT_COLD_MINUTES,
    DEFAULT_COLD_PACK_EVERY_HOURS,
    DEFAULT_DAILY_ROUTINE_AT,
    DEFAULT_HEAT_OFFERS_PER_DAY,
    DEFAULT_HEAT_REST_MINUTES,
    DEFAULT_MAX_HEAT_MINUTES,
    DEFAULT_STRETCH_EVERY_HOURS,
    DEFAULT_STRETCHES,
    SLEEP_ENTITY_DOMAINS,
    BackstopKind,
)
from ..heat.backstop import BACKSTOP_ENTITY_DOMAINS, SCRIPT_DOMAIN
from ..heat.rules.timer_values import UNIT_SECONDS
from .rules.options import COLLAPSED_SECTIONS, OPTION_SECTIONS
from .selectors import PickerSelector, own_entities, schema, time_of_day

SPEAKER_DOMAINS: Final = ["media_player", "assist_satellite"]

# No min/max in the selectors: out-of-range values get a translated error
# from the step instead of a schema error.
MINUTES_SELECTOR: Final = NumberSelector(
    NumberSelectorConfig(
        mode=NumberSelectorMode.BOX, step=1, unit_of_measurement=UnitOfTime.MINUTES
    )
)
HOURS_SELECTOR: Final = NumberSelector(
    NumberSelectorConfig(
        mode=NumberSelectorMode.BOX, step=1, unit_of_measurement=UnitOfTime.HOURS
    )
)


def option_fields(
    hass: HomeAssistant, entry: ConfigEntry, targets: list[str]
) -> dict[str, tuple[Any, Any]]:
    """Return the marker and selector of every option, by option key."""
    not_a_sleep_guard = [entry.data[CONF_HEAT_SWITCH], *own_entities(hass)]
    return {
        CONF_MAX_HEAT_MINUTES: (
            vol.Required(CONF_MAX_HEAT_MINUTES, default=DEFAULT_MAX_HEAT_MINUTES),
            MINUTES_SELECTOR,
        ),
        CONF_HEAT_REST_MINUTES: (
            vol.Required(CONF_HEAT_REST_MINUTES, default=DEFAULT_HEAT_REST_MINUTES),
            MINUTES_SELECTOR,
        ),
        CONF_SLEEP_ENTITY: (
            vol.Optional(CONF_SLEEP_ENTITY),
            PickerSelector(
                EntitySelectorConfig(
                    domain=SLEEP_ENTITY_DOMAINS, exclude_entities=not_a_sleep_guard
                )
            ),
        ),
        CONF_STRETCHES: (
            vol.Required(CONF_STRETCHES, default=list(DEFAULT_STRETCHES)),
            TextSelector(TextSelectorConfig(multiple=True)),
        ),
        CONF_ACTIVE_START: (
            vol.Required(CONF_ACTIVE_START, default=DEFAULT_ACTIVE_START),
            time_of_day(),
        ),
        CONF_ACTIVE_END: (
            vol.Required(CONF_ACTIVE_END, default=DEFAULT_ACTIVE_END),
            time_of_day(),
        ),
        CONF_NOTIFY_TARGETS: (
            vol.Optional(CONF_NOTIFY_TARGETS, default=[]),
            SelectSelector(
                SelectSelectorConfig(options=targets, multiple=True, custom_value=True)
            ),
        ),
        CONF_SPEAKERS: (
            vol.Optional(CONF_SPEAKERS, default=[]),
            EntitySelector(EntitySelectorConfig(domain=SPEAKER_DOMAINS, multiple=True)),
        ),
        CONF_COLD_MINUTES: (
            vol.Required(CONF_COLD_MINUTES, default=DEFAULT_COLD_MINUTES),
            MINUTES_SELECTOR,
        ),
        CONF_ACUTE_HOURS: (
            vol.Required(CONF_ACUTE_HOURS, default=DEFAULT_ACUTE_HOURS),
            HOURS_SELECTOR,
        ),
        CONF_COLD_PACK_EVERY_HOURS: (
            vol.Required(
                CONF_COLD_PACK_EVERY_HOURS, default=DEFAULT_COLD_PACK_EVERY_HOURS
            ),
            HOURS_SELECTOR,
        ),
        CONF_STRETCH_EVERY_HOURS: (
            vol.Required(CONF_STRETCH_EVERY_HOURS, default=DEFAULT_STRETCH_EVERY_HOURS),
            HOURS_SELECTOR,
        ),
        CONF_HEAT_OFFERS_PER_DAY: (
            vol.Required(CONF_HEAT_OFFERS_PER_DAY, default=DEFAULT_HEAT_OFFERS_PER_DAY),
            NumberSelector(NumberSelectorConfig(mode=NumberSelectorMode.BOX, step=1)),
        ),
        CONF_DAILY_ROUTINE_AT: (
            vol.Required(CONF_DAILY_ROUTINE_AT, default=DEFAULT_DAILY_ROUTINE_AT),
            time_of_day(),
        ),
        CONF_INSTALL_SENTENCES: (
            vol.Required(CONF_INSTALL_SENTENCES, default=True),
            BooleanSelector(),
        ),
        CONF_BACKSTOP_ENTITY: (
            vol.Optional(CONF_BACKSTOP_ENTITY),
            PickerSelector(
                EntitySelectorConfig(
                    domain=BACKSTOP_ENTITY_DOMAINS,
                    exclude_entities=own_entities(hass),
                )
            ),
        ),
        CONF_BACKSTOP_KIND: (
            vol.Optional(CONF_BACKSTOP_KIND),
            SelectSelector(
                SelectSelectorConfig(
                    options=[kind.value for kind in BackstopKind],
                    translation_key=CONF_BACKSTOP_KIND,
                )
            ),
        ),
        CONF_BACKSTOP_UNIT: (
            vol.Optional(CONF_BACKSTOP_UNIT),
            SelectSelector(
                SelectSelectorConfig(
                    options=list(UNIT_SECONDS), translation_key=CONF_BACKSTOP_UNIT
                )
            ),
        ),
        CONF_BACKSTOP_MARGIN_MINUTES: (
            vol.Required(
                CONF_BACKSTOP_MARGIN_MINUTES, default=DEFAULT_BACKSTOP_MARGIN_MINUTES
            ),
            MINUTES_SELECTOR,
        ),
        CONF_BACKSTOP_SCRIPT: (
            vol.Optional(CONF_BACKSTOP_SCRIPT),
            EntitySelector(EntitySelectorConfig(domain=SCRIPT_DOMAIN)),
        ),
        CONF_BACKSTOP_REQUIRED: (
            vol.Required(CONF_BACKSTOP_REQUIRED, default=False),
            BooleanSelector(),
        ),
        CONF_POWER_SENSOR: (
            vol.Optional(CONF_POWER_SENSOR),
            PickerSelector(
                EntitySelectorConfig(
                    domain="sensor",
                    device_class="power",
                    exclude_entities=own_entities(hass),
                )
            ),
        ),
    }


def options_schema(hass: HomeAssistant, entry: ConfigEntry, targets: list[str]) -> Any:
    """Return the options form, one section per topic."""
    fields = option_fields(hass, entry, targets)
    return vol.Schema(
        {
            vol.Required(name): section(
                schema(dict(fields[key] for key in keys)),
                {"collapsed": name in COLLAPSED_SECTIONS},
            )
            for name, keys in OPTION_SECTIONS.items()
        }
    )
