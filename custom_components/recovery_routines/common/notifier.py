"""Sends reminders and cold-pack alerts to the targets the user chose."""

from __future__ import annotations

import logging
from typing import Any

from homeassistant.components import persistent_notification
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.translation import async_get_translations
from homeassistant.util import slugify

from ..const import CONF_NOTIFY_TARGETS, DOMAIN

_LOGGER = logging.getLogger(__name__)

NOTIFY_DOMAIN = "notify"
MOBILE_APP_PREFIX = "mobile_app_"
# The mobile app fires this event when a notification button is tapped.
EVENT_MOBILE_APP_ACTION = "mobile_app_notification_action"
MOBILE_APP_DOMAIN = "mobile_app"
# What the companion apps report as `os_name` when they register. Apple's
# notifications show about ten buttons, Android's three.
APPLE_SYSTEMS = frozenset({"iOS", "iPadOS", "macOS", "watchOS"})


def action_id(entry_id: str, action: str) -> str:
    """Return the id of a notification button, unique per entry."""
    return f"RECOVERY_ROUTINES_{action.upper()}_{entry_id}"


class Notifier:
    """Delivers notifications of one entry and clears them again.

    With no targets, a persistent notification. A mobile-app target gets the
    Done and Snooze buttons and a tag, so the notification can be cleared.
    """

    def __init__(self, hass: HomeAssistant, entry: ConfigEntry) -> None:
        """Create the notifier of one config entry."""
        self.hass = hass
        self._entry_id = entry.entry_id
        self.title = entry.title
        self.targets: list[str] = list(entry.options.get(CONF_NOTIFY_TARGETS, []))
        self._texts: dict[str, str] = {}

    async def async_load_texts(self) -> None:
        """Load the notification texts in the user's language."""
        self._texts = await async_get_translations(
            self.hass, self.hass.config.language, "exceptions", [DOMAIN]
        )

    def text(self, key: str, **placeholders: str) -> str:
        """Return a translated text.

        Home Assistant has no translation category for notification texts;
        the exceptions category is the one that carries free-form messages.
        """
        message = self._texts[f"component.{DOMAIN}.exceptions.{key}.message"]
        return message.format(**placeholders)

    def optional_text(self, key: str) -> str | None:
        """Return a translated text without placeholders, or None if there is none."""
        return self._texts.get(f"component.{DOMAIN}.exceptions.{key}.message")

    @callback
    def async_apply_options(self, entry: ConfigEntry) -> None:
        """Use the targets of new options."""
        self.targets = list(entry.options.get(CONF_NOTIFY_TARGETS, []))

    def _tag(self, kind: str) -> str:
        return f"{DOMAIN}_{self._entry_id}_{kind}"

    @callback
    def async_send(
        self,
        kind: str,
        message: str,
        with_actions: bool,
        actions: list[dict[str, str]] | None = None,
        apple_actions: list[dict[str, str]] | None = None,
    ) -> None:
        """Send a notification of this kind to every target.

        `actions` are the mobile app's buttons; without them, Done and Snooze
        when `with_actions`. `apple_actions`, when given, replace `actions` on
        the phones of the Apple companion app, which show more buttons.
        """
        if not self.targets:
            persistent_notification.async_create(
                self.hass, message, title=self.title, notification_id=self._tag(kind)
            )
            return
        for target in self.targets:
            data: dict[str, Any] = {"title": self.title, "message": message}
            service = target.removeprefix(f"{NOTIFY_DOMAIN}.")
            if self.hass.states.get(target) is not None:
                # A notify entity: plain text is all it takes.
                service, data = "send_message", {**data, ATTR_ENTITY_ID: target}
            elif service.startswith(MOBILE_APP_PREFIX):
                data["data"] = {"tag": self._tag(kind)}
                if apple_actions is not None and self._is_apple(service):
                    data["data"]["actions"] = apple_actions
                elif actions is not None:
                    data["data"]["actions"] = actions
                elif with_actions:
                    data["data"]["actions"] = [
                        {
                            "action": action_id(self._entry_id, "done"),
                            "title": self.text("notification_done"),
                        },
                        {
                            "action": action_id(self._entry_id, "snooze"),
                            "title": self.text("notification_snooze"),
                        },
                    ]
            self.hass.async_create_task(self._async_call(service, data))

    def _is_apple(self, service: str) -> bool:
        """Tell whether a mobile-app notify action reaches an Apple device.

        The mobile app names its notify actions after the device's name.
        """
        device = service.removeprefix(MOBILE_APP_PREFIX)
        return any(
            slugify(entry.data.get("device_name", "")) == device
            and entry.data.get("os_name") in APPLE_SYSTEMS
            for entry in self.hass.config_entries.async_entries(MOBILE_APP_DOMAIN)
        )

    @callback
    def async_clear(self, kind: str) -> None:
        """Clear the notification of this kind where it can be cleared."""
        persistent_notification.async_dismiss(self.hass, self._tag(kind))
        for target in self.targets:
            service = target.removeprefix(f"{NOTIFY_DOMAIN}.")
            if service.startswith(MOBILE_APP_PREFIX):
                self.hass.async_create_task(
                    self._async_call(
                        service,
                        {
                            "message": "clear_notification",
                            "data": {"tag": self._tag(kind)},
                        },
                    )
                )

    async def _async_call(self, service: str, data: dict[str, Any]) -> None:
        try:
            await self.hass.services.async_call(
                NOTIFY_DOMAIN, service, data, blocking=True
            )
        except HomeAssistantError as err:
            _LOGGER.warning("Could not notify %s.%s: %s", NOTIFY_DOMAIN, service, err)
