"""The schema helper and the selectors that the forms share."""

from __future__ import annotations

from typing import Any, Final, cast

from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.selector import (
    EntitySelector,
    EntitySelectorConfig,
    TimeSelector,
    TimeSelectorConfig,
)
import voluptuous as vol

from ..const import DOMAIN

NOTIFY_DOMAIN: Final = "notify"


def schema(fields: dict[Any, Any]) -> Any:
    """Return a schema, typed Any.

    Home Assistant 2026.x serves `voluptuous` from probatio at run time, so
    its type hints name probatio's classes; voluptuous's do not match.
    """
    return vol.Schema(fields)


class TimeOfDaySelector(TimeSelector):
    """A time picker without seconds.

    The frontend knows `no_second`; the TimeSelector of Home Assistant 2025.4
    does not accept it yet, so its config schema is widened here.
    """

    CONFIG_SCHEMA = schema({vol.Optional("no_second"): bool})


def time_of_day() -> TimeSelector:
    """Return a time picker without seconds."""
    return TimeOfDaySelector(cast(TimeSelectorConfig, {"no_second": True}))


class PickerSelector(EntitySelector):
    """An entity picker whose excluded entities are only hidden.

    The steps refuse them with a sentence that says why, rather than the
    selector with a schema error, for a form filled in by other means.
    """

    def __call__(self, data: Any) -> Any:
        """Validate the entity id, whether it is hidden or not."""
        return EntitySelector(
            cast(EntitySelectorConfig, {**self.config, "exclude_entities": []})
        )(data)


def own_entities(hass: HomeAssistant) -> list[str]:
    """Every entity of Recovery Routines: none of them is a plug or a sleep guard."""
    return [
        entity.entity_id
        for entity in er.async_get(hass).entities.values()
        if entity.platform == DOMAIN
    ]


def notify_targets(hass: HomeAssistant) -> list[str]:
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
