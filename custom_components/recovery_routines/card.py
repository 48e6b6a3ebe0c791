"""The countdown card: served to the browser and loaded on every dashboard."""

from __future__ import annotations

from pathlib import Path

from homeassistant.components.frontend import add_extra_js_url
from homeassistant.components.http import StaticPathConfig
from homeassistant.core import HomeAssistant
from homeassistant.loader import async_get_integration

from .const import DOMAIN

CARD_FILE = Path(__file__).parent / "frontend" / "recovery-routines-countdown.js"
CARD_URL = f"/{DOMAIN}/recovery-routines-countdown.js"


async def async_register_card(hass: HomeAssistant) -> None:
    """Serve the card and have the frontend load it, when there is a frontend.

    Without the frontend there is no dashboard to show it; the URL carries the
    version so that browsers load a new card after an update.
    """
    if "frontend" not in hass.config.components:
        return
    version = (await async_get_integration(hass, DOMAIN)).version
    await hass.http.async_register_static_paths(
        [StaticPathConfig(CARD_URL, str(CARD_FILE), cache_headers=True)]
    )
    add_extra_js_url(hass, f"{CARD_URL}?v={version}")
