"""Config and options flows of Recovery Routines."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time
from typing import Any, Final, cast

from homeassistant.config_entries import (
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    ConfigSubentry,
    ConfigSubentryFlow,
    OptionsFlow,
    SubentryFlowResult,
)
from homeassistant.const import CONF_NAME, UnitOfTime
from homeassistant.core import HomeAssistant, callback
from homeassistant.data_entry_flow import section
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
    TimeSelectorConfig,
)
import voluptuous as vol

from .const import (
    ACUTE_HOURS_RANGE,
    BACKSTOP_MARGIN_MINUTES_RANGE,
    COLD_MINUTES_RANGE,
    COLD_PACK_EVERY_HOURS_RANGE,
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
    CONF_PROGRESSION,
    CONF_SLEEP_ENTITY,
    CONF_SPEAKERS,
    CONF_STEPS,
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
    DEFAULT_NAME,
    DEFAULT_STRETCH_EVERY_HOURS,
    DEFAULT_STRETCHES,
    DOMAIN,
    HEAT_OFFERS_PER_DAY_RANGE,
    HEAT_REST_MINUTES_RANGE,
    HEAT_SWITCH_DOMAINS,
    MAX_HEAT_MINUTES_RANGE,
    SLEEP_ENTITY_DOMAINS,
    STRETCH_EVERY_HOURS_RANGE,
    SUBENTRY_ROUTINE,
    BackstopKind,
)
from .guided.own import check_routine, routine_placeholders
from .heat.backstop import (
    BACKSTOP_ENTITY_DOMAINS,
    NUMBER_DOMAIN,
    SCRIPT_DOMAIN,
    UNIT_SECONDS,
    guess_kind,
    guess_unit,
)
from .heat.plug import friendly_name
from .stretches.window import time_in_window

NOTIFY_DOMAIN = "notify"
SPEAKER_DOMAINS: Final = ["media_player", "assist_satellite"]

# The options form, section by section. Options stay flat in entry.options:
# the form nests them on the way in and flattens them on the way out.
OPTION_SECTIONS: Final[dict[str, tuple[str, ...]]] = {
    "heat_safety": (CONF_MAX_HEAT_MINUTES, CONF_HEAT_REST_MINUTES, CONF_SLEEP_ENTITY),
    "reminders": (CONF_STRETCHES, CONF_ACTIVE_START, CONF_ACTIVE_END),
    "notifications": (CONF_NOTIFY_TARGETS, CONF_SPEAKERS),
    "cold_packs": (CONF_COLD_MINUTES,),
    "recovery_plan": (
        CONF_ACUTE_HOURS,
        CONF_COLD_PACK_EVERY_HOURS,
        CONF_STRETCH_EVERY_HOURS,
        CONF_HEAT_OFFERS_PER_DAY,
        CONF_DAILY_ROUTINE_AT,
    ),
    "voice": (CONF_INSTALL_SENTENCES,),
    "backstop": (
        CONF_BACKSTOP_ENTITY,
        CONF_BACKSTOP_KIND,
        CONF_BACKSTOP_UNIT,
        CONF_BACKSTOP_MARGIN_MINUTES,
        CONF_BACKSTOP_SCRIPT,
        CONF_BACKSTOP_REQUIRED,
        CONF_POWER_SENSOR,
    ),
}
# Sections that start folded: rarely changed after the first day.
COLLAPSED_SECTIONS: Final = frozenset(
    {"cold_packs", "recovery_plan", "voice", "backstop"}
)
SECTION_OF: Final = {
    key: name for name, keys in OPTION_SECTIONS.items() for key in keys
}

# No min/max in the selectors: out-of-range values get a translated error
# from the step instead of a schema error.
_MINUTES_SELECTOR = NumberSelector(
    NumberSelectorConfig(
        mode=NumberSelectorMode.BOX, step=1, unit_of_measurement=UnitOfTime.MINUTES
    )
)
_HOURS_SELECTOR = NumberSelector(
    NumberSelectorConfig(
        mode=NumberSelectorMode.BOX, step=1, unit_of_measurement=UnitOfTime.HOURS
    )
)


def _schema(fields: dict[Any, Any]) -> Any:
    """Return a schema, typed Any.

    Home Assistant 2026.x serves `voluptuous` from probatio at run time, so
    its type hints name probatio's classes; voluptuous's do not match.
    """
    return vol.Schema(fields)


class _TimeOfDaySelector(TimeSelector):
    """A time picker without seconds.

    The frontend knows `no_second`; the TimeSelector of Home Assistant 2025.4
    does not accept it yet, so its config schema is widened here.
    """

    CONFIG_SCHEMA = _schema({vol.Optional("no_second"): bool})


def _time_of_day() -> TimeSelector:
    return _TimeOfDaySelector(cast(TimeSelectorConfig, {"no_second": True}))


class _PickerSelector(EntitySelector):
    """An entity picker whose excluded entities are only hidden.

    The steps refuse them with a sentence that says why, rather than the
    selector with a schema error, for a form filled in by other means.
    """

    def __call__(self, data: Any) -> Any:
        """Validate the entity id, whether it is hidden or not."""
        return EntitySelector(
            cast(EntitySelectorConfig, {**self.config, "exclude_entities": []})
        )(data)


def _own_entities(hass: HomeAssistant) -> list[str]:
    """Every entity of Recovery Routines: none of them is a plug or a sleep guard."""
    return [
        entity.entity_id
        for entity in er.async_get(hass).entities.values()
        if entity.platform == DOMAIN
    ]


def _notify_targets(hass: HomeAssistant) -> list[str]:
    """Return the notify actions and entities there are."""
    return sorted(
        {
            *(
                f"{NOTIFY_DOMAIN}.{service}"
                for service in hass.services.async_services_for_domain(NOTIFY_DOMAIN)
                if service not in ("send_message", "persistent_notification")
            ),
            *hass.states.async_entity_ids(NOTIFY_DOMAIN),
        }
    )


def _option_fields(
    hass: HomeAssistant, entry: ConfigEntry, targets: list[str]
) -> dict[str, tuple[Any, Any]]:
    """Return the marker and selector of every option, by option key."""
    not_a_sleep_guard = [entry.data[CONF_HEAT_SWITCH], *_own_entities(hass)]
    return {
        CONF_MAX_HEAT_MINUTES: (
            vol.Required(CONF_MAX_HEAT_MINUTES, default=DEFAULT_MAX_HEAT_MINUTES),
            _MINUTES_SELECTOR,
        ),
        CONF_HEAT_REST_MINUTES: (
            vol.Required(CONF_HEAT_REST_MINUTES, default=DEFAULT_HEAT_REST_MINUTES),
            _MINUTES_SELECTOR,
        ),
        CONF_SLEEP_ENTITY: (
            vol.Optional(CONF_SLEEP_ENTITY),
            _PickerSelector(
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
            _time_of_day(),
        ),
        CONF_ACTIVE_END: (
            vol.Required(CONF_ACTIVE_END, default=DEFAULT_ACTIVE_END),
            _time_of_day(),
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
            _MINUTES_SELECTOR,
        ),
        CONF_ACUTE_HOURS: (
            vol.Required(CONF_ACUTE_HOURS, default=DEFAULT_ACUTE_HOURS),
            _HOURS_SELECTOR,
        ),
        CONF_COLD_PACK_EVERY_HOURS: (
            vol.Required(
                CONF_COLD_PACK_EVERY_HOURS, default=DEFAULT_COLD_PACK_EVERY_HOURS
            ),
            _HOURS_SELECTOR,
        ),
        CONF_STRETCH_EVERY_HOURS: (
            vol.Required(CONF_STRETCH_EVERY_HOURS, default=DEFAULT_STRETCH_EVERY_HOURS),
            _HOURS_SELECTOR,
        ),
        CONF_HEAT_OFFERS_PER_DAY: (
            vol.Required(CONF_HEAT_OFFERS_PER_DAY, default=DEFAULT_HEAT_OFFERS_PER_DAY),
            NumberSelector(NumberSelectorConfig(mode=NumberSelectorMode.BOX, step=1)),
        ),
        CONF_DAILY_ROUTINE_AT: (
            vol.Required(CONF_DAILY_ROUTINE_AT, default=DEFAULT_DAILY_ROUTINE_AT),
            _time_of_day(),
        ),
        CONF_INSTALL_SENTENCES: (
            vol.Required(CONF_INSTALL_SENTENCES, default=True),
            BooleanSelector(),
        ),
        CONF_BACKSTOP_ENTITY: (
            vol.Optional(CONF_BACKSTOP_ENTITY),
            _PickerSelector(
                EntitySelectorConfig(
                    domain=BACKSTOP_ENTITY_DOMAINS,
                    exclude_entities=_own_entities(hass),
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
            _MINUTES_SELECTOR,
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
            _PickerSelector(
                EntitySelectorConfig(
                    domain="sensor",
                    device_class="power",
                    exclude_entities=_own_entities(hass),
                )
            ),
        ),
    }


def _options_schema(hass: HomeAssistant, entry: ConfigEntry, targets: list[str]) -> Any:
    """Return the options form, one section per topic."""
    fields = _option_fields(hass, entry, targets)
    return vol.Schema(
        {
            vol.Required(name): section(
                _schema(dict(fields[key] for key in keys)),
                {"collapsed": name in COLLAPSED_SECTIONS},
            )
            for name, keys in OPTION_SECTIONS.items()
        }
    )


def _nest(options: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Put flat options into their sections, as the form shows them."""
    return {
        name: {key: options[key] for key in keys if key in options}
        for name, keys in OPTION_SECTIONS.items()
    }


def _flatten(user_input: Mapping[str, Any]) -> dict[str, Any]:
    """Take the options out of the sections of a submitted form."""
    return {
        key: value
        for name in OPTION_SECTIONS
        for key, value in user_input.get(name, {}).items()
    }


_RANGES = {
    CONF_MAX_HEAT_MINUTES: MAX_HEAT_MINUTES_RANGE,
    CONF_HEAT_REST_MINUTES: HEAT_REST_MINUTES_RANGE,
    CONF_COLD_MINUTES: COLD_MINUTES_RANGE,
    CONF_ACUTE_HOURS: ACUTE_HOURS_RANGE,
    CONF_COLD_PACK_EVERY_HOURS: COLD_PACK_EVERY_HOURS_RANGE,
    CONF_STRETCH_EVERY_HOURS: STRETCH_EVERY_HOURS_RANGE,
    CONF_HEAT_OFFERS_PER_DAY: HEAT_OFFERS_PER_DAY_RANGE,
    CONF_BACKSTOP_MARGIN_MINUTES: BACKSTOP_MARGIN_MINUTES_RANGE,
}


def _daily_routine_while_awake(options: Mapping[str, Any]) -> bool:
    """Whether the daily routine falls in the waking hours, as reminders must."""
    return time_in_window(
        time.fromisoformat(options[CONF_DAILY_ROUTINE_AT]),
        time.fromisoformat(options[CONF_ACTIVE_START]),
        time.fromisoformat(options[CONF_ACTIVE_END]),
    )


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
                _schema({vol.Required(CONF_HEAT_SWITCH): self._plug_selector(entry)}),
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
        return _PickerSelector(
            EntitySelectorConfig(
                domain=HEAT_SWITCH_DOMAINS,
                exclude_entities=[*used, *_own_entities(self.hass)],
            )
        )

    def _plug_errors(
        self,
        plug: str,
        placeholders: dict[str, str],
        own: ConfigEntry | None = None,
    ) -> dict[str, str]:
        if plug in _own_entities(self.hass):
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
                _schema(
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


class RecoveryRoutinesOptionsFlow(OptionsFlow):
    """Change the safety settings; they apply in place."""

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the settings, grouped in sections."""
        errors: dict[str, str] = {}
        targets = _notify_targets(self.hass)
        placeholders = {"notify_targets_found": str(len(targets))}
        if user_input is not None:
            options = _flatten(user_input)
            for key, (low, high) in _RANGES.items():
                value = options[key]
                if value != int(value) or not low <= value <= high:
                    errors[SECTION_OF[key]] = f"{key}_out_of_range"
                options[key] = int(value)
            if not _daily_routine_while_awake(options):
                errors[SECTION_OF[CONF_DAILY_ROUTINE_AT]] = (
                    "daily_routine_outside_waking_hours"
                )
            if sleep_entity := options.get(CONF_SLEEP_ENTITY):
                errors |= self._sleep_entity_errors(sleep_entity, placeholders)
            if error := self._backstop_error(options):
                errors[SECTION_OF[CONF_BACKSTOP_ENTITY]] = error
            options[CONF_STRETCHES] = [
                name.strip() for name in options[CONF_STRETCHES] if name.strip()
            ]
            for target in options[CONF_NOTIFY_TARGETS]:
                domain, _, service = target.partition(".")
                if domain != NOTIFY_DOMAIN or not (
                    self.hass.services.has_service(NOTIFY_DOMAIN, service)
                    or self.hass.states.get(target) is not None
                ):
                    errors[SECTION_OF[CONF_NOTIFY_TARGETS]] = "unknown_notify_target"
            if not errors:
                return self.async_create_entry(data=options)
        return self.async_show_form(
            step_id="init",
            data_schema=self.add_suggested_values_to_schema(
                _options_schema(self.hass, self.config_entry, targets),
                user_input or _nest(self.config_entry.options),
            ),
            errors=errors,
            description_placeholders=placeholders,
        )

    def _backstop_error(self, options: dict[str, Any]) -> str | None:
        """Check the plug's own timer; fill in the kind and unit it guessed.

        A guess the user did not correct is stored, so what the form shows
        next time is what the integration uses. An unknown unit is refused:
        a countdown in minutes written as seconds would fire far too early,
        one in seconds written as minutes far too late.
        """
        own = _own_entities(self.hass)
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
        elif sleep_entity in _own_entities(self.hass):
            error = "sleep_entity_own"
        else:
            return {}
        placeholders["sleep_entity"] = friendly_name(self.hass, sleep_entity)
        return {SECTION_OF[CONF_SLEEP_ENTITY]: error}
