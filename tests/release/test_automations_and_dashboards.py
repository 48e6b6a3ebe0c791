"""The blueprints and the example dashboard, loaded as Home Assistant loads them."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
import shutil
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service
import yaml

from ..conftest import ENTRY_ID, PLUG, ROUTINE_EVENTS, Advance, state_of

REPO = Path(__file__).parent.parent.parent
BLUEPRINTS = REPO / "blueprints" / "automation" / "recovery_routines"


@pytest.fixture
def blueprints(config_dir: Path) -> None:
    """Put the blueprints where Home Assistant looks for them."""
    shutil.copytree(
        BLUEPRINTS, config_dir / "blueprints" / "automation" / "recovery_routines"
    )


async def use_blueprint(hass: HomeAssistant, name: str, inputs: dict[str, Any]) -> None:
    """Create an automation from a blueprint; Home Assistant validates both."""
    assert await async_setup_component(
        hass,
        "automation",
        {
            "automation": [
                {
                    "id": name,
                    "alias": name,
                    "use_blueprint": {
                        "path": f"recovery_routines/{name}.yaml",
                        "input": inputs,
                    },
                }
            ]
        },
    )
    await hass.async_block_till_done()
    assert state_of(hass, f"automation.{name}") == "on"


@pytest.mark.usefixtures("setup_entry", "blueprints")
async def test_start_heat_from_a_button(hass: HomeAssistant) -> None:
    """Pressing a button helper starts a heat session."""
    assert await async_setup_component(
        hass, "input_button", {"input_button": {"heat": {"name": "Heat"}}}
    )
    await use_blueprint(
        hass,
        "start_heat_on_trigger",
        {
            "routine": ENTRY_ID,
            "start_trigger": [{"trigger": "state", "entity_id": "input_button.heat"}],
        },
    )
    await hass.services.async_call(
        "input_button", "press", {"entity_id": "input_button.heat"}, blocking=True
    )
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "on"


@pytest.mark.usefixtures("setup_entry", "blueprints")
async def test_announce_stretch_reminders(
    hass: HomeAssistant, advance: Advance
) -> None:
    """A reminder is announced on satellites and speakers, nothing else is."""
    announcements = async_mock_service(hass, "assist_satellite", "announce")
    spoken = async_mock_service(hass, "tts", "speak")
    await use_blueprint(
        hass,
        "announce_stretch_reminders",
        {
            "routine_events": ROUTINE_EVENTS,
            "satellites": ["assist_satellite.kitchen"],
            "speakers": ["media_player.living_room"],
            "tts_engine": "tts.piper",
        },
    )
    await hass.services.async_call(
        "button",
        "press",
        {"entity_id": "button.back_care_stretches_done"},
        blocking=True,
    )
    await hass.async_block_till_done()
    assert not announcements

    await advance(timedelta(hours=3))
    assert len(announcements) == 1
    assert announcements[0].data["message"] == "Time for your stretches."
    assert announcements[0].data["entity_id"] == ["assist_satellite.kitchen"]
    assert spoken[0].data["media_player_entity_id"] == ["media_player.living_room"]


def _entity_ids(node: Any) -> set[str]:
    """Collect every entity a dashboard configuration names."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("entity", "entity_id", "entities") and isinstance(value, str):
                found.add(value)
            elif key in ("entities", "entity_id") and isinstance(value, list):
                found.update(item for item in value if isinstance(item, str))
            found |= _entity_ids(value)
    elif isinstance(node, list):
        for item in node:
            found |= _entity_ids(item)
    return found


@pytest.mark.usefixtures("setup_entry")
async def test_example_dashboard_names_only_real_entities(hass: HomeAssistant) -> None:
    """The example dashboard never rots: every entity it shows exists."""
    dashboard = yaml.safe_load(
        (REPO / "examples" / "dashboard.yaml").read_text(encoding="utf-8")
    )
    named = _entity_ids(dashboard)
    assert len(named) >= 15
    assert sorted(e for e in named if hass.states.get(e) is None) == []


def _cards(
    node: Any, shown_if: tuple[str, ...] = ()
) -> list[tuple[dict[str, Any], tuple[str, ...]]]:
    """Every card of a dashboard, with the entities that must be on to show it."""
    found: list[tuple[dict[str, Any], tuple[str, ...]]] = []
    if isinstance(node, dict):
        if "type" in node:
            found.append((node, shown_if))
        if node.get("type") == "conditional":
            shown_if = shown_if + tuple(
                condition["entity"]
                for condition in node["conditions"]
                if condition.get("state") == "on"
            )
        for key, value in node.items():
            if key in ("cards", "card", "views"):
                found += _cards(value, shown_if)
    elif isinstance(node, list):
        for item in node:
            found += _cards(item, shown_if)
    return found


@pytest.mark.usefixtures("setup_entry")
async def test_example_dashboard_shows_no_unknown_when_idle(
    hass: HomeAssistant,
) -> None:
    """End-time tiles show only while their session runs; no "Unknown" tile."""
    text = (REPO / "examples" / "dashboard.yaml").read_text(encoding="utf-8")
    # A leading comment makes the raw configuration editor warn.
    assert not text.lstrip().startswith("#")
    dashboard = yaml.safe_load(text)
    shown_idle = [
        card["entity"]
        for card, shown_if in _cards(dashboard["views"])
        if card["type"] == "tile" and not shown_if
    ]
    assert [e for e in shown_idle if state_of(hass, e) == "unknown"] == []
    names = [card["name"] for card, _ in _cards(dashboard["views"]) if "name" in card]
    # Short names that fit a tile, each once.
    assert len(names) == len(set(names))
    assert max(len(name) for name in names) <= 16
