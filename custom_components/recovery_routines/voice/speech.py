"""The spoken answers: texts of the conversation's language, and the clock.

Answers are spoken in the language of the conversation: their texts live in
the integration's translations, next to the refusals they may carry.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.translation import async_get_translations
from homeassistant.util import dt as dt_util

from ..const import DOMAIN


class Speech:
    """The spoken texts of one language."""

    def __init__(self, texts: dict[str, str]) -> None:
        """Use `texts`, the exception translations of the language."""
        self._texts = texts

    def __call__(self, key: str, **placeholders: Any) -> str:
        """Return the answer `key` with its placeholders filled in."""
        message = self._texts[f"component.{DOMAIN}.exceptions.voice_{key}.message"]
        return message.format(**placeholders)

    def minutes(self, minutes: int) -> str:
        """Say a number of minutes: "1 minute", "20 minutes"."""
        if minutes == 1:
            return self("one_minute")
        return self("minutes", minutes=minutes)

    def choice(self, names: list[str]) -> str:
        """Say "A, B or C"."""
        if len(names) == 1:
            return names[0]
        return self("choice", first=", ".join(names[:-1]), last=names[-1])

    def refusal(self, err: HomeAssistantError) -> str:
        """Say why something was refused, in this language when it is ours."""
        key = f"component.{DOMAIN}.exceptions.{err.translation_key}.message"
        message = self._texts.get(key) if err.translation_domain == DOMAIN else None
        # Another integration's error is said as Home Assistant words it.
        return (
            message.format(**(err.translation_placeholders or {}))
            if message
            else f"{err}."
        )


async def async_get_speech(hass: HomeAssistant, language: str) -> Speech:
    """Return the spoken texts of `language`."""
    return Speech(await async_get_translations(hass, language, "exceptions", {DOMAIN}))


def clock(when: datetime) -> str:
    """Say a moment as the local time of day: "14:05"."""
    return str(dt_util.as_local(when).strftime("%H:%M"))
