"""Speaks the cues of a guided routine on the speakers the user picked.

Without speakers, the phone shows the current step instead: one
notification, replaced at each step and cleared at the end.
"""

from __future__ import annotations

import logging

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError

from ..common.notifier import Notifier
from ..const import CONF_SPEAKERS

_LOGGER = logging.getLogger(__name__)

SATELLITE_DOMAIN = "assist_satellite"
TTS_DOMAIN = "tts"
# The kind of the step notification: one tag, so each step replaces the last.
NOTIFICATION_KIND = "routine_step"


class CueSpeaker:
    """Says each cue once on every speaker: satellites announce, players speak."""

    def __init__(
        self, hass: HomeAssistant, entry: ConfigEntry, notifier: Notifier
    ) -> None:
        """Speak on the speakers of the entry's options, else notify."""
        self.hass = hass
        self._notifier = notifier
        self.speakers: list[str] = []
        # Whether a step notification is up, so only that one is cleared.
        self._showing = False
        self.async_apply_options(entry)

    @callback
    def async_apply_options(self, entry: ConfigEntry) -> None:
        """Use the speakers of new options."""
        self.speakers = list(entry.options.get(CONF_SPEAKERS, []))

    @callback
    def async_show_step(self, text: str | None) -> None:
        """Show the step on the phone when nobody would hear it; None clears it."""
        if text is None:
            if self._showing:
                self._showing = False
                self._notifier.async_clear(NOTIFICATION_KIND)
        elif not self.speakers:
            self._showing = True
            self._notifier.async_send(NOTIFICATION_KIND, text, with_actions=False)

    @callback
    def async_say(self, message: str) -> None:
        """Say `message` on every speaker, without waiting for them."""
        for speaker in self.speakers:
            if speaker.startswith(f"{SATELLITE_DOMAIN}."):
                self._call(
                    SATELLITE_DOMAIN,
                    "announce",
                    {ATTR_ENTITY_ID: speaker, "message": message},
                )
                continue
            # The first text-to-speech engine: most homes have one.
            engines = sorted(self.hass.states.async_entity_ids(TTS_DOMAIN))
            if not engines:
                _LOGGER.warning("No text-to-speech engine to say: %s", message)
                return
            self._call(
                TTS_DOMAIN,
                "speak",
                {
                    ATTR_ENTITY_ID: engines[0],
                    "media_player_entity_id": speaker,
                    "message": message,
                },
            )

    def _call(self, domain: str, service: str, data: dict[str, str]) -> None:
        async def _async_call() -> None:
            try:
                await self.hass.services.async_call(domain, service, data)
            except HomeAssistantError as err:
                # A speaker that is away must not stop the routine.
                _LOGGER.warning("Could not say a cue on %s: %s", data, err)

        self.hass.async_create_task(_async_call(), "recovery_routines cue")
