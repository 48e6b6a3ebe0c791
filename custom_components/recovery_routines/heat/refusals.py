"""The errors that refuse what someone asked of the heat, in their words."""

from __future__ import annotations

from datetime import datetime

from homeassistant.exceptions import ServiceValidationError
from homeassistant.util import dt as dt_util

from ..const import DOMAIN


def local_time(value: datetime) -> str:
    """Return the local time of day of `value`, as people read it."""
    return dt_util.as_local(value).strftime("%H:%M")


def refusal(key: str, **placeholders: str) -> ServiceValidationError:
    """Return the error that refuses what was asked, in the words of `key`."""
    return ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders=placeholders or None,
    )
