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

from ..stretches.tracker import RoutineTracker
from .episode import EpisodeTracker

EXPORT_FOLDER = "recovery_routines"


def history(
    tracker: RoutineTracker, episode: EpisodeTracker, start: datetime, end: datetime
) -> dict[str, Any]:
    """Return sessions, stretches, cold packs, pain, phases and episodes."""
    queries = episode.queries
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
            for entry in tracker.log_between(start, end)
        ],
        "pain": [
            {
                "at": entry.at.isoformat(),
                "level": entry.level,
                "radiating": entry.radiating,
                "note": entry.note,
            }
            for entry in queries.pain_between(start, end)
        ],
        "phases": [
            {"at": at.isoformat(), "phase": phase}
            for at, phase in queries.phases_between(start, end)
        ],
        "episodes": [
            {"start": item.start.isoformat(), "end": item.end.isoformat()}
            for item in queries.episodes_between(start, end)
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
            for session in queries.sessions_between(start, end)
            if (around := queries.pain_around(session)) is not None
        ],
    }


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
