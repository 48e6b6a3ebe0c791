"""Every language has the whole UI and every spoken answer, as English has them."""

from __future__ import annotations

from collections.abc import Iterator
import json
from pathlib import Path
import re
from typing import Any

import pytest

INTEGRATION = (
    Path(__file__).parent.parent.parent / "custom_components" / "recovery_routines"
)
TRANSLATIONS = INTEGRATION / "translations"
LANGUAGES = sorted(
    path.stem for path in TRANSLATIONS.glob("*.json") if path.stem != "en"
)
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _strings(path: Path) -> dict[str, str]:
    """Flatten a translation file to {"a.b.c": text}."""

    def walk(node: dict[str, Any], prefix: str) -> Iterator[tuple[str, str]]:
        for key, value in node.items():
            if isinstance(value, dict):
                yield from walk(value, f"{prefix}{key}.")
            else:
                yield f"{prefix}{key}", value

    return dict(walk(json.loads(path.read_text(encoding="utf-8")), ""))


ENGLISH = _strings(TRANSLATIONS / "en.json")


def test_the_four_languages_after_english() -> None:
    """German, Dutch, French and Spanish, for the UI and for voice."""
    assert LANGUAGES == ["de", "es", "fr", "nl"]
    sentences = sorted(
        path.stem for path in (INTEGRATION / "voice" / "sentences").glob("*.yaml")
    )
    assert sentences == sorted(["en", *LANGUAGES])


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_key_with_the_same_placeholders(language: str) -> None:
    """No key missing, none that English lacks, the same placeholders, no blanks."""
    translated = _strings(TRANSLATIONS / f"{language}.json")
    assert sorted(set(ENGLISH) - set(translated)) == [], "missing"
    assert sorted(set(translated) - set(ENGLISH)) == [], "not in en.json"
    for key, english in ENGLISH.items():
        text = translated[key]
        assert text.strip(), key
        assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(english)), key


@pytest.mark.parametrize("language", LANGUAGES)
def test_translated_not_copied(language: str) -> None:
    """Sentences are translated; only names and short words may stay English."""
    translated = _strings(TRANSLATIONS / f"{language}.json")
    copied = [
        key
        for key, english in ENGLISH.items()
        if translated[key] == english and len(english.split()) > 2
    ]
    assert copied == []
