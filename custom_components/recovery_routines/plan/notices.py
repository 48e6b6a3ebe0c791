"""The "consider talking to a professional" notices and their repair issues.

Pain that does not improve, radiates down a leg or keeps rising raises a
gentle notice: a repair issue of the lowest severity and a notification. It
gives no diagnosis. Each reason is raised once an episode; the episode's end
clears them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir

from ..common.notifier import Notifier
from ..common.records import EpisodeData
from ..const import DOMAIN, Notice, RecoveryEvent
from .rules.phases import not_improved, rising

NOTIFICATION_PROFESSIONAL = "professional"

type FireEvent = Callable[[RecoveryEvent, dict[str, Any]], None]


def issue_id(notice: str, entry_id: str) -> str:
    """Return the repair issue id of a notice of one entry."""
    return f"see_professional_{notice}_{entry_id}"


class ProfessionalNotices:
    """Raises, restores and clears one entry's notices, kept in its episode data."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
        data: EpisodeData,
        *,
        notifier: Notifier,
        fire: FireEvent,
    ) -> None:
        """Keep the notices in `data`; tell of a new one through `fire`."""
        self.hass = hass
        self._entry_id = entry.entry_id
        self._name = entry.title
        self._data = data
        self._notifier = notifier
        self._fire = fire

    @callback
    def async_restore(self) -> None:
        """Raise the repair issues of the notices kept from before a restart."""
        for notice in self._data.notices:
            self._create_issue(notice)

    @callback
    def async_check_pain(self, *, radiating: bool) -> None:
        """Raise what the check-in just logged calls for."""
        if radiating:
            self._async_raise(Notice.RADIATING)
        if rising([entry.level for entry in self._data.pain]):
            self._async_raise(Notice.RISING)

    @callback
    def async_check_not_improved(self, now: datetime) -> None:
        """Raise the notice of pain that has not improved, when it is time."""
        if not_improved(self._data.pain, started_at=self._data.started_at, now=now):
            self._async_raise(Notice.NOT_IMPROVED)

    @callback
    def async_clear(self) -> None:
        """Clear every notice: the repair issues, the list and the notification."""
        for notice in self._data.notices:
            ir.async_delete_issue(self.hass, DOMAIN, issue_id(notice, self._entry_id))
        self._data.notices = []
        self._notifier.async_clear(NOTIFICATION_PROFESSIONAL)

    @callback
    def _async_raise(self, notice: Notice) -> None:
        if notice in self._data.notices:
            return
        self._data.notices.append(notice.value)
        self._create_issue(notice)
        self._notifier.async_send(
            NOTIFICATION_PROFESSIONAL,
            self._notifier.text(f"notification_professional_{notice}"),
            with_actions=False,
        )
        self._fire(RecoveryEvent.SEE_PROFESSIONAL, {"reason": notice.value})

    def _create_issue(self, notice: str) -> None:
        # The lowest severity there is: a suggestion, never an alarm.
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            issue_id(notice, self._entry_id),
            is_fixable=False,
            is_persistent=False,
            severity=ir.IssueSeverity.WARNING,
            translation_key=f"see_professional_{notice}",
            translation_placeholders={"name": self._name},
        )
