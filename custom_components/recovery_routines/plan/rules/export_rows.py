"""The lines of the recovery history's CSV, from the history's response data."""

from __future__ import annotations

from datetime import datetime
from typing import Any

CSV_HEADER = ["at", "kind", "what", "value", "note"]


def csv_rows(data: dict[str, Any]) -> list[list[str]]:
    """Return one row per line of the history, in time order."""
    rows: list[list[str]] = [
        [item["at"], "phase", item["phase"], "", ""] for item in data["phases"]
    ]
    rows += [
        [item["at"], "routine", item["routine"], _text(item["minutes"]), item["note"]]
        for item in data["log"]
    ]
    rows += [
        [
            item["at"],
            "pain",
            "radiating" if item["radiating"] else "",
            str(item["level"]),
            item["note"],
        ]
        for item in data["pain"]
    ]
    rows += [
        [
            item["end"],
            "pain_before_after",
            item["session"],
            f"{item['pain_before']} before, {item['pain_after']} after",
            "",
        ]
        for item in data["pain_around_sessions"]
    ]
    rows = [[cell or "" for cell in row] for row in rows]
    # At the same moment a phase begins first (phases are listed first and the
    # sort keeps that order), and an episode's end comes last.
    rows.sort(key=lambda row: (datetime.fromisoformat(row[0]), _ends_episode(row)))
    return [CSV_HEADER, *rows]


def _ends_episode(row: list[str]) -> bool:
    return row[1:3] == ["phase", "none"]


def _text(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
