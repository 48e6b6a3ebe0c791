"""Speaks the cues of a guided routine on the speakers the user picked."""

from __future__ import annotations

import logging

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError

from .const import CONF_SPEAKERS

_LOGGER = logging.getLogger(__name__)

SATELLITE_DOMAIN = "assist_satellite"
TTS_DOMAIN = "tts"


class CueSpeaker:
    """Says each cue once on every speaker: satellites announce, players speak."""

    def __init__(self, hass: HomeAssistant, entry: ConfigEntry) -> None:
        """Speak on the speakers of the entry's options."""
        self.hass = hass
        self.speakers: list[str] = []
        self.async_apply_options(entry)

    @callback
    def async_apply_options(self, entry: ConfigEntry) -> None:
        """Use the speakers of new options."""
        self.speakers = list(entry.options.get(CONF_SPEAKERS, []))

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
