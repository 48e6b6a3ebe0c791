"""What hassfest and the HACS action check, checked here before a release."""

from __future__ import annotations

import json
from pathlib import Path
import re
from typing import Any

from awesomeversion import AwesomeVersion
from homeassistant.const import __version__ as HA_VERSION
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
import yaml

REPO = Path(__file__).parent.parent.parent
INTEGRATION = REPO / "custom_components" / "recovery_routines"

QUALITY_SCALE_RULES = {
    # Bronze
    "action-setup", "appropriate-polling", "brands", "common-modules",
    "config-flow-test-coverage", "config-flow", "dependency-transparency",
    "docs-actions", "docs-high-level-description", "docs-installation-instructions",
    "docs-removal-instructions", "entity-event-setup", "entity-unique-id",
    "has-entity-name", "runtime-data", "test-before-configure", "test-before-setup",
    "unique-config-entry",
    # Silver
    "action-exceptions", "config-entry-unloading", "docs-configuration-parameters",
    "docs-installation-parameters", "entity-unavailable", "integration-owner",
    "log-when-unavailable", "parallel-updates", "reauthentication-flow",
    "test-coverage",
    # Gold
    "devices", "diagnostics", "discovery-update-info", "discovery",
    "docs-data-update", "docs-examples", "docs-known-limitations",
    "docs-supported-devices", "docs-supported-functions", "docs-troubleshooting",
    "docs-use-cases", "dynamic-devices", "entity-category", "entity-device-class",
    "entity-disabled-by-default", "entity-translations", "exception-translations",
    "icon-translations", "reconfiguration-flow", "repair-issues", "stale-devices",
    # Platinum
    "async-dependency", "inject-websession", "strict-typing",
}  # fmt: skip


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


MANIFEST = _json(INTEGRATION / "manifest.json")
TRANSLATIONS = _json(INTEGRATION / "translations" / "en.json")
ICONS = _json(INTEGRATION / "icons.json")
SERVICES = yaml.safe_load((INTEGRATION / "services.yaml").read_text(encoding="utf-8"))


def test_manifest() -> None:
    """The keys hassfest wants for a custom integration, sorted as it wants."""
    assert MANIFEST["domain"] == INTEGRATION.name
    assert MANIFEST["integration_type"] == "service"
    assert MANIFEST["iot_class"] == "calculated"
    assert MANIFEST["config_flow"] is True
    assert MANIFEST["codeowners"]
    assert MANIFEST["requirements"] == []
    assert AwesomeVersion(MANIFEST["version"]).valid
    keys = list(MANIFEST)
    assert keys[:2] == ["domain", "name"]
    assert keys[2:] == sorted(keys[2:])
    assert not (INTEGRATION / "strings.json").exists()


def test_hacs() -> None:
    """hacs.json names the integration and a Home Assistant we test on."""
    hacs = _json(REPO / "hacs.json")
    assert hacs["name"] == MANIFEST["name"]
    assert AwesomeVersion(hacs["homeassistant"]) <= AwesomeVersion(HA_VERSION)
    assert hacs["homeassistant"] == "2025.4.0"
    assert (REPO / "README.md").exists()


def test_brand_icon() -> None:
    """A brand icon, square PNG."""
    header = (INTEGRATION / "brand" / "icon.png").read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(header[16:20]), int.from_bytes(header[20:24])
    assert width == height == 256


def test_quality_scale_has_no_todo() -> None:
    """Every rule is done or exempt with a reason."""
    rules = yaml.safe_load((INTEGRATION / "quality_scale.yaml").read_text())["rules"]
    assert set(rules) == QUALITY_SCALE_RULES
    for rule, status in rules.items():
        if isinstance(status, dict):
            assert status["status"] == "exempt", rule
            assert status["comment"], rule
        else:
            assert status == "done", rule


@pytest.mark.usefixtures("setup_entry")
async def test_services_match_code_translations_and_icons(
    hass: HomeAssistant,
) -> None:
    """services.yaml, the registered actions, their translations and icons agree."""
    registered = set(hass.services.async_services_for_domain("recovery_routines"))
    assert registered == set(SERVICES)
    assert registered == set(TRANSLATIONS["services"])
    assert registered == set(ICONS["services"])
    for service, spec in SERVICES.items():
        fields = set((spec or {}).get("fields", {}))
        translated = TRANSLATIONS["services"][service]
        assert translated["name"] and translated["description"]
        assert fields == set(translated.get("fields", {})), service


@pytest.mark.usefixtures("setup_entry")
async def test_every_entity_is_translated_and_has_an_icon(
    hass: HomeAssistant, entity_registry: er.EntityRegistry
) -> None:
    """Each entity's translation key has a name and an icon."""
    entries = [
        entry
        for entry in entity_registry.entities.values()
        if entry.platform == "recovery_routines"
    ]
    # 30 with the Start back pain episode button (issue 13).
    assert len(entries) == 30
    for entry in entries:
        platform = entry.domain
        key = entry.translation_key
        assert key is not None, entry.entity_id
        assert TRANSLATIONS["entity"][platform][key]["name"], entry.entity_id
        assert ICONS["entity"][platform][key]["default"], entry.entity_id
        state = hass.states.get(entry.entity_id)
        assert state is not None
        if options := state.attributes.get("options"):
            translated = TRANSLATIONS["entity"][platform][key]["state"]
            assert set(options) == set(translated), entry.entity_id
        if event_types := state.attributes.get("event_types"):
            translated = TRANSLATIONS["entity"][platform][key]["state_attributes"][
                "event_type"
            ]["state"]
            assert set(event_types) == set(translated), entry.entity_id
    # No translation or icon for an entity that does not exist.
    keys = {(entry.domain, entry.translation_key) for entry in entries}
    for platform, items in TRANSLATIONS["entity"].items():
        assert {(platform, key) for key in items} <= keys
    for platform, items in ICONS["entity"].items():
        assert {(platform, key) for key in items} <= keys


def test_every_translation_key_in_the_code_exists() -> None:
    """Each exception and issue the code raises has its text."""
    source = "\n".join(
        path.read_text(encoding="utf-8") for path in INTEGRATION.rglob("*.py")
    )
    exceptions = set(
        re.findall(r'translation_domain=DOMAIN,\s*translation_key="([a-z_]+)"', source)
    )
    exceptions |= set(re.findall(r'_refusal\(\s*"([a-z_]+)"', source))
    exceptions |= set(re.findall(r'text\(\s*"([a-z_]+)"', source))
    assert exceptions
    assert exceptions <= set(TRANSLATIONS["exceptions"])
    for key in ("plug_fault", "plug_missing"):
        assert TRANSLATIONS["issues"][key]["title"]
        assert TRANSLATIONS["issues"][key]["description"]


def _readme_tables() -> list[list[str]]:
    """Every Markdown table of the README, as its rows."""
    tables: list[list[str]] = []
    rows: list[str] = []
    for line in [*(REPO / "README.md").read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("|"):
            rows.append(line)
        elif rows:
            tables.append(rows)
            rows = []
    return tables


def test_readme_tables_render_whole() -> None:
    """Each table starts with a header and its separator; no row stands alone."""
    for rows in _readme_tables():
        assert len(rows) >= 3, rows
        assert re.fullmatch(r"\|( --- \|)+", rows[1]), rows[:2]


def test_readme_lists_every_option() -> None:
    """The options table names every option the options form has."""
    options = TRANSLATIONS["options"]["step"]["init"]
    keys = set(options.get("data", {}))
    for section in options.get("sections", {}).values():
        keys |= set(section["data"])
    table = next(rows for rows in _readme_tables() if rows[0].startswith("| Option"))
    documented = {key for row in table for key in re.findall(r"`([a-z_]+)`", row)}
    assert keys <= documented
