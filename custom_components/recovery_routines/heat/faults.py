"""The plug's faults, and the repair issues and notifications that tell of them.

A fault means the pad may be heating against the controller's will: a plug
that does not switch off, or one that reports off while the pad draws power.
Each is a critical repair issue and a notification that stays; a plug that is
missing, a backstop that cannot be armed and a pad that draws nothing are told
the same way without being faults.
"""

from __future__ import annotations

from collections.abc import Callable
import logging
from typing import Any

from homeassistant.components import persistent_notification
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.translation import async_get_translations

from ..const import CONF_HEAT_SWITCH, DOMAIN, HeatEvent

_LOGGER = logging.getLogger(__name__)

ISSUE_PLUG_FAULT = "plug_fault"
ISSUE_PLUG_MISSING = "plug_missing"
ISSUE_POWER_WHILE_OFF = "power_while_off"
ISSUE_BACKSTOP = "backstop"
NOTIFICATION_NO_POWER = "no_power"
# Every repair issue and notification of an entry, removed with the entry.
ISSUE_KINDS = (
    ISSUE_PLUG_FAULT,
    ISSUE_PLUG_MISSING,
    ISSUE_POWER_WHILE_OFF,
    ISSUE_BACKSTOP,
)

type Emit = Callable[[HeatEvent, dict[str, Any]], None]


class PlugFaults:
    """Holds the plug's faults and raises and clears what tells of them."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
        *,
        on_changed: CALLBACK_TYPE,
        emit: Emit,
    ) -> None:
        """Tell of the plug of one config entry."""
        self.hass = hass
        self.entity_id: str = entry.data[CONF_HEAT_SWITCH]
        self._entry_id = entry.entry_id
        self._name = entry.title
        self._on_changed = on_changed
        self._emit = emit
        self._faults: set[str] = set()
        self.missing = False
        self._texts: dict[str, str] = {}

    @property
    def kinds(self) -> list[str]:
        """The faults raised now, sorted."""
        return sorted(self._faults)

    def has(self, kind: str) -> bool:
        """Whether the fault `kind` is raised."""
        return kind in self._faults

    @property
    def any(self) -> bool:
        """Whether any fault is raised."""
        return bool(self._faults)

    async def async_load_texts(self) -> None:
        """Load the notification texts now, so a fault can be shown at once."""
        self._texts = await async_get_translations(
            self.hass, self.hass.config.language, "issues", [DOMAIN]
        )

    @callback
    def async_clear_all(self) -> None:
        """Clear what an earlier run raised; it is raised again if it holds."""
        for kind in ISSUE_KINDS:
            ir.async_delete_issue(self.hass, DOMAIN, self._issue_id(kind))
        for kind in (ISSUE_PLUG_FAULT, ISSUE_POWER_WHILE_OFF, ISSUE_BACKSTOP):
            persistent_notification.async_dismiss(self.hass, self._issue_id(kind))

    @callback
    def async_raise_fault(self, kind: str, **placeholders: str) -> None:
        """Raise a fault: an event, a critical repair issue and a notification."""
        self._faults.add(kind)
        self._emit(HeatEvent.FAULT, {"reason": kind, **placeholders})
        self.async_raise_issue(kind, ir.IssueSeverity.CRITICAL, **placeholders)
        self.async_show_notification(kind, **placeholders)
        self._on_changed()

    @callback
    def async_clear_fault(self, kind: str) -> None:
        """Clear a fault with its repair issue and notification."""
        self._faults.discard(kind)
        ir.async_delete_issue(self.hass, DOMAIN, self._issue_id(kind))
        persistent_notification.async_dismiss(self.hass, self._issue_id(kind))
        self._on_changed()

    @callback
    def async_raise_issue(
        self,
        kind: str,
        severity: ir.IssueSeverity,
        translation_key: str | None = None,
        **placeholders: str,
    ) -> None:
        """Raise the repair issue of `kind`, in the words of `translation_key`."""
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            self._issue_id(kind),
            is_fixable=False,
            is_persistent=False,
            severity=severity,
            translation_key=translation_key or kind,
            translation_placeholders=self._placeholders(**placeholders),
        )

    @callback
    def async_delete_issue(self, kind: str) -> None:
        """Remove the repair issue of `kind`."""
        ir.async_delete_issue(self.hass, DOMAIN, self._issue_id(kind))

    @callback
    def async_show_notification(
        self, kind: str, translation_key: str | None = None, **placeholders: str
    ) -> None:
        """Show the words of a repair issue as a notification, which stays."""
        values = self._placeholders(**placeholders)
        prefix = f"component.{DOMAIN}.issues.{translation_key or kind}"
        persistent_notification.async_create(
            self.hass,
            self._texts[f"{prefix}.description"].format(**values),
            title=self._texts[f"{prefix}.title"].format(**values),
            notification_id=self._issue_id(kind),
        )

    @callback
    def async_dismiss_notification(self, kind: str) -> None:
        """Remove the notification of `kind`."""
        persistent_notification.async_dismiss(self.hass, self._issue_id(kind))

    @callback
    def async_set_missing(self, missing: bool) -> None:
        """Raise or clear the repair issue of a plug that no longer exists."""
        if missing == self.missing:
            return
        self.missing = missing
        if not missing:
            self.async_delete_issue(ISSUE_PLUG_MISSING)
            return
        _LOGGER.error("%s is missing from Home Assistant", self.entity_id)
        self.async_raise_issue(ISSUE_PLUG_MISSING, ir.IssueSeverity.ERROR)

    @callback
    def async_check_missing(self, _hass: HomeAssistant) -> None:
        """Raise the repair issue of a plug that Home Assistant has not loaded."""
        if self.hass.states.get(self.entity_id) is None:
            self.async_set_missing(True)

    def _issue_id(self, kind: str) -> str:
        return f"{kind}_{self._entry_id}"

    def _placeholders(self, **extra: str) -> dict[str, str]:
        return {"name": self._name, "entity_id": self.entity_id, **extra}
