"""Keeps the sentences for the built-in conversation agent installed, per language."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
import yaml

from ..const import CONF_INSTALL_SENTENCES, DOMAIN
from ..guided.rules.text import spoken_name

_LOGGER = logging.getLogger(__name__)

SENTENCES_FILE = "recovery_routines.yaml"
# The first line of every file this integration writes; a file without it is
# somebody else's and is never touched.
MARKER = "# Written by the Recovery Routines integration: edits are overwritten."
SOURCES = Path(__file__).parent / "sentences"
LANGUAGES = tuple(sorted(path.stem for path in SOURCES.glob("*.yaml")))


def guided_routine_names(entry: ConfigEntry) -> list[str]:
    """Return the names of the routines a person added to an entry."""
    # Routines are the only kind of subentry.
    return [subentry.title for subentry in entry.subentries.values()]


def _target(hass: HomeAssistant, language: str) -> Path:
    return Path(hass.config.path("custom_sentences", language, SENTENCES_FILE))


# The guided routines' names and their spoken forms. Written out into the
# sentences instead of a list: the agent takes any words for a list slot as
# a name it does not know ("start the dishwasher routine"), never for a word
# of the sentence itself.
GUIDED_LIST = "rr_guided"
GUIDED_SLOT = "guided"
# The names of the set-up routines (entries), written out the same way where
# they make a sentence on their own: the answer to "Which routine?", which as
# a list slot would take "stop the washing machine routine" for a name.
ENTRY_LIST = "rr_entry"
ENTRY_SLOT = "routine"
# What the sentence templates use for themselves; never part of a spoken name.
TEMPLATE_CHARACTERS = str.maketrans(dict.fromkeys("()[]{}<>|;", " "))


def _spell_out(sentences: dict[str, Any], list_name: str, slot: str) -> None:
    """Write each value of a list into its own copy of the sentences using it."""
    values = sentences["lists"].pop(list_name, {"values": []})["values"]
    reference = f"{{{list_name}:{slot}}}"
    for intent in sentences["intents"].values():
        blocks = []
        # A block with a name of the list has it in every sentence.
        for block in intent["data"]:
            if not any(reference in text for text in block["sentences"]):
                blocks.append(block)
                continue
            blocks.extend(
                {
                    **block,
                    "sentences": [
                        text.replace(reference, value["in"])
                        for text in block["sentences"]
                    ],
                    "slots": {**block.get("slots", {}), slot: value["out"]},
                }
                for value in values
            )
        intent["data"] = blocks


def _render(language: str, names: list[str], guided: list[str]) -> str:
    source = SOURCES / f"{language}.yaml"
    sentences: dict[str, Any] = yaml.safe_load(source.read_text(encoding="utf-8"))
    sentences["lists"]["recovery_routine"] = {"values": names}
    if GUIDED_LIST in sentences["lists"]:
        shipped = {value["out"] for value in sentences["lists"][GUIDED_LIST]["values"]}
        sentences["lists"][GUIDED_LIST]["values"].extend(
            {"in": spoken_name(name), "out": name}
            for name in guided
            if name not in shipped and spoken_name(name)
        )
    _spell_out(sentences, GUIDED_LIST, GUIDED_SLOT)
    sentences["lists"][ENTRY_LIST] = {
        "values": [
            {"in": spoken_name(name), "out": name}
            for name in names
            if spoken_name(name)
        ]
    }
    _spell_out(sentences, ENTRY_LIST, ENTRY_SLOT)
    body: str = yaml.safe_dump(sentences, allow_unicode=True, sort_keys=False)
    return f"{MARKER}\n{body}"


def _sync(target: Path, language: str, names: list[str], guided: list[str]) -> bool:
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
    content = _render(language, names, guided)
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
    guided = sorted(
        {
            name
            for entry in hass.config_entries.async_entries(DOMAIN)
            if entry.entry_id != removed_entry_id
            for name in guided_routine_names(entry)
        }
    )
    for language in LANGUAGES:
        try:
            changed = await hass.async_add_executor_job(
                _sync, _target(hass, language), language, names, guided
            )
        except OSError as err:
            _LOGGER.warning("Could not update the voice sentences: %s", err)
            return
        if changed and hass.services.has_service("conversation", "reload"):
            await hass.services.async_call(
                "conversation", "reload", {"language": language}, blocking=True
            )
