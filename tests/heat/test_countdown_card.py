"""The countdown card reaches the browser: served, and loaded by every page.

What it shows (mm:ss counting down, Stop and +5 min) is checked in a real
browser by `scripts/browser`.
"""

from __future__ import annotations

from pathlib import Path
import re
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
import yaml

from custom_components.recovery_routines.const import DOMAIN

from ..conftest import FakePlug, setup_integration

REPO = Path(__file__).parent.parent.parent
CARD_FILE = (
    REPO / "custom_components" / DOMAIN / "frontend" / "recovery-routines-countdown.js"
)
DASHBOARD = REPO / "examples" / "dashboard.yaml"
CARD_URL = "/recovery_routines/recovery-routines-countdown.js"


async def test_every_page_loads_the_card(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    hass_client: ClientSessionGenerator,
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """The frontend's page names the card's module, and the module is served."""
    hass_storage["onboarding"] = {
        "version": 4,
        "key": "onboarding",
        "data": {"done": ["user", "core_config", "analytics", "integration"]},
    }
    assert await async_setup_component(hass, "frontend", {})
    await setup_integration(hass, config_entry)
    client = await hass_client()

    page = await (await client.get("/")).text()
    # With the version, so that browsers load a new card after an update.
    assert f'import("{CARD_URL}?v=0.1.0")' in page

    answer = await client.get(CARD_URL)
    assert answer.status == 200
    # Kept by browsers: a new version comes with a new URL.
    assert "max-age" in answer.headers["Cache-Control"]
    card = await answer.text()
    assert "registry.define(CARD_TYPE, RecoveryRoutinesCountdownCard)" in card
    assert 'const CARD_TYPE = "recovery-routines-countdown";' in card


async def test_without_a_frontend_nothing_is_served(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """Home Assistant without its frontend (no dashboards) gets no card."""
    await setup_integration(hass, config_entry)
    assert DOMAIN in hass.config.components
    client = await hass_client()
    assert (await client.get(CARD_URL)).status == 404


@pytest.mark.usefixtures("setup_entry")
async def test_dashboard_cards_point_at_what_the_card_counts_down(
    hass: HomeAssistant,
) -> None:
    """Each countdown card of the example dashboard finds its end time.

    The card looks up the end-time sensor of the same routine by translation
    key; renaming a key would leave the card without a countdown.
    """
    card = CARD_FILE.read_text(encoding="utf-8")
    dashboard = yaml.safe_load(DASHBOARD.read_text(encoding="utf-8"))
    registry = er.async_get(hass)
    counted = {}
    for node in _walk(dashboard):
        if node.get("type") != "custom:recovery-routines-countdown":
            continue
        entry = registry.async_get(node["entity"])
        assert entry is not None, node["entity"]
        ends_key = {
            "heat_session": "heat_session_ends",
            "cold_pack": "cold_pack_ends",
            "routine_step": "routine_step_ends",
        }[entry.translation_key]
        assert f'{entry.translation_key}: {{ ends: "{ends_key}"' in card
        [ends] = [
            other
            for other in er.async_entries_for_device(registry, entry.device_id)
            if other.translation_key == ends_key
        ]
        counted[entry.translation_key] = ends.entity_id
    assert counted == {
        "heat_session": "sensor.back_care_heat_session_ends",
        "cold_pack": "sensor.back_care_cold_pack_ends",
        "routine_step": "sensor.back_care_routine_step_ends",
    }


def _walk(node: Any) -> list[dict[str, Any]]:
    """Every mapping in a dashboard configuration."""
    if isinstance(node, dict):
        return [node, *(found for value in node.values() for found in _walk(value))]
    if isinstance(node, list):
        return [found for item in node for found in _walk(item)]
    return []


def test_the_card_speaks_every_language_of_the_integration() -> None:
    """The card's own texts exist in each language the integration has."""
    card = CARD_FILE.read_text(encoding="utf-8")
    texts = card[
        card.index("const TEXTS = {") : card.index("\n};\n", card.index("const TEXTS"))
    ]
    languages = dict(re.findall(r"\n  (\w\w): \{(.*?)\n  \},", texts, re.DOTALL))
    translations = {
        path.stem for path in (CARD_FILE.parent.parent / "translations").glob("*.json")
    }
    assert set(languages) == translations
    keys = {
        language: set(re.findall(r"(\w+): \"", body))
        for language, body in languages.items()
    }
    assert keys["en"] >= {"idle", "paused", "start", "stop", "extend", "next"}
    assert all(found == keys["en"] for found in keys.values()), keys
    extends = [re.findall(r'extend: "([^"]*)"', body) for body in languages.values()]
    assert all(len(found) == 1 and "{minutes}" in found[0] for found in extends)
