"""Keeps the sentences for the built-in conversation agent installed, per language."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from homeassistant.core import HomeAssistant
import yaml

from .const import CONF_INSTALL_SENTENCES, DOMAIN

_LOGGER = logging.getLogger(__name__)

SENTENCES_FILE = "recovery_routines.yaml"
# The first line of every file this integration writes; a file without it is
# somebody else's and is never touched.
MARKER = "# Written by the Recovery Routines integration: edits are overwritten."
SOURCES = Path(__file__).parent / "sentences"
LANGUAGES = tuple(sorted(path.stem for path in SOURCES.glob("*.yaml")))


def _target(hass: HomeAssistant, language: str) -> Path:
    return Path(hass.config.path("custom_sentences", language, SENTENCES_FILE))


def _render(language: str, names: list[str]) -> str:
    source = SOURCES / f"{language}.yaml"
    sentences: dict[str, Any] = yaml.safe_load(source.read_text(encoding="utf-8"))
    sentences["lists"]["recovery_routine"] = {"values": names}
    body: str = yaml.safe_dump(sentences, allow_unicode=True, sort_keys=False)
    return f"{MARKER}\n{body}"


def _sync(target: Path, language: str, names: list[str]) -> bool:
    """Write or remove our file; return whether it changed."""
    ours = not target.exists() or target.read_text(encoding="utf-8").startswith(MARKER)
    if not ours:
        _LOGGER.warning(
            "%s was not written by Recovery Routines and is left alone; voice "
            "sentences are not installed",
            target,
        )
        return False
    if not names:
        if target.exists():
            target.unlink()
            return True
        return False
    content = _render(language, names)
    if target.exists() and target.read_text(encoding="utf-8") == content:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")
    return True


async def async_sync_sentences(
    hass: HomeAssistant, removed_entry_id: str | None = None
) -> None:
    """Install the sentences for the routines that want them, or remove them.

    Reloads the conversation agent when the file changed.
    """
    names = sorted(
        entry.title
        for entry in hass.config_entries.async_entries(DOMAIN)
        if entry.entry_id != removed_entry_id
        and entry.options.get(CONF_INSTALL_SENTENCES, True)
    )
    for language in LANGUAGES:
        try:
            changed = await hass.async_add_executor_job(
                _sync, _target(hass, language), language, names
            )
        except OSError as err:
            _LOGGER.warning("Could not update the voice sentences: %s", err)
            return
        if changed and hass.services.has_service("conversation", "reload"):
            await hass.services.async_call(
                "conversation", "reload", {"language": language}, blocking=True
            )
