"""The recovery history for a date range: response data, and a CSV on request.

Health data: the CSV goes under `<config>/recovery_routines/`, never under
`www/`, which Home Assistant serves without a login.
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util, slugify

from ..data import RuntimeData

EXPORT_FOLDER = "recovery_routines"
CSV_HEADER = ["at", "kind", "what", "value", "note"]


def history(runtime: RuntimeData, start: datetime, end: datetime) -> dict[str, Any]:
    """Return sessions, stretches, cold packs, pain, phases and episodes."""
    episode = runtime.episode
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "log": [
            {
                "at": entry.at.isoformat(),
                "routine": entry.routine,
                "minutes": entry.minutes,
                "note": entry.note,
            }
            for entry in runtime.routines.log_between(start, end)
        ],
        "pain": [
            {
                "at": entry.at.isoformat(),
                "level": entry.level,
                "radiating": entry.radiating,
                "note": entry.note,
            }
            for entry in episode.pain_between(start, end)
        ],
        "phases": [
            {"at": at.isoformat(), "phase": phase}
            for at, phase in episode.phases_between(start, end)
        ],
        "episodes": [
            {"start": item.start.isoformat(), "end": item.end.isoformat()}
            for item in episode.episodes_between(start, end)
        ],
        # Pain within an hour before and after a heat session or a routine.
        "pain_around_sessions": [
            {
                "session": session.kind,
                "start": session.start.isoformat(),
                "end": session.end.isoformat(),
                "pain_before": around[0],
                "pain_after": around[1],
            }
            for session in episode.sessions_between(start, end)
            if (around := episode.pain_around(session)) is not None
        ],
    }


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


def export_path(
    hass: HomeAssistant, title: str, start: datetime, end: datetime
) -> Path:
    """Return where the CSV of a routine and a range goes."""
    name = (
        f"{slugify(title)}_{dt_util.as_local(start):%Y-%m-%d}"
        f"_{dt_util.as_local(end):%Y-%m-%d}.csv"
    )
    return Path(hass.config.path(EXPORT_FOLDER, name))


def write_csv(path: Path, rows: list[list[str]]) -> None:
    """Write the rows; run in the executor."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(rows)
