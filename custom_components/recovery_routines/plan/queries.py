"""What the stored episode says: its phase, pain, sessions and history.

Read-only: the entities, the calendar, the export and the diagnostics ask
these; the episode tracker does the writing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from homeassistant.util import dt as dt_util

from ..common.records import EpisodeData, HeatInterval, PainEntry, SessionSpan
from ..const import PainTrend, Phase
from .rules import phases as rules


class EpisodeQueries:
    """Answers questions about one entry's episode data."""

    def __init__(self, data: EpisodeData, *, acute_hours: int) -> None:
        """Read `data`; the acute phase lasts `acute_hours`."""
        self._data = data
        self.acute_hours = acute_hours

    @property
    def phase(self) -> Phase:
        """The phase of the running episode, or none."""
        return Phase(self._data.phase) if self.running else Phase.NONE

    @property
    def running(self) -> bool:
        """Whether an episode runs."""
        return self._data.started_at is not None

    @property
    def day(self) -> int:
        """The day of the running episode: 1 on the day it started."""
        assert self._data.started_at is not None
        return rules.episode_day(
            self._data.started_at, dt_util.now(), dt_util.get_default_time_zone()
        )

    @property
    def phase_attributes(self) -> dict[str, Any]:
        """What the phase sensor shows besides the phase."""
        if self._data.started_at is None:
            return {}
        assert self._data.phase_since is not None
        return {
            "day": self.day,
            "started_at": self._data.started_at.isoformat(),
            "phase_since": self._data.phase_since.isoformat(),
            "set_by_hand": self._data.phase_by_hand,
            "notices": list(self._data.notices),
        }

    def as_diagnostics(self) -> dict[str, Any]:
        """Return what explains the plan's schedule, and no more of the health data.

        Diagnostics are shared in public bug reports: the phase, the day and
        the counts explain what the plan does; pain levels, notes and why a
        professional was suggested are left out.
        """
        return {
            "phase": self.phase.value,
            "day": self.day if self.running else None,
            "started_at": self._data.started_at,
            "phase_since": self._data.phase_since,
            "set_by_hand": self._data.phase_by_hand,
            "next_change": self.next_change,
            "check_ins": len(self._data.pain),
            "sessions": len(self._data.sessions),
            "past_episodes": len(self._data.past),
            "notices": len(self._data.notices),
        }

    @property
    def pain_level(self) -> int | None:
        """The latest pain check-in."""
        return self._data.pain[-1].level if self._data.pain else None

    @property
    def pain_attributes(self) -> dict[str, Any]:
        """When the latest check-in was, and what came with it."""
        if not self._data.pain:
            return {}
        latest = self._data.pain[-1]
        attributes: dict[str, Any] = {
            "logged_at": latest.at.isoformat(),
            "radiating": latest.radiating,
        }
        if self._data.sessions and (
            around := self.pain_around(self._data.sessions[-1])
        ):
            attributes["last_session"] = self._data.sessions[-1].kind
            attributes["pain_before"], attributes["pain_after"] = around
        return attributes

    def pain_around(self, session: SessionSpan) -> tuple[int, int] | None:
        """Pain within an hour before a session and within an hour after it.

        The check-in nearest the session on each side; None unless both.
        """
        return rules.pain_around(session, self._data.pain)

    def recent_pain(self) -> list[PainEntry]:
        """Return the check-ins of the last 7 days."""
        return rules.recent_pain(self._data.pain, dt_util.utcnow())

    @property
    def pain_average_7d(self) -> float | None:
        """The mean of the check-ins of the last 7 days."""
        return rules.pain_average([entry.level for entry in self.recent_pain()])

    @property
    def pain_trend(self) -> PainTrend | None:
        """Whether the last check-ins improve, hold or get worse."""
        return rules.pain_trend([entry.level for entry in self._data.pain])

    def sessions_between(self, start: datetime, end: datetime) -> list[SessionSpan]:
        """Return the heat sessions and routines that ended from `start` to `end`."""
        return [item for item in self._data.sessions if start <= item.end <= end]

    def pain_between(self, start: datetime, end: datetime) -> list[PainEntry]:
        """Return the check-ins from `start` to `end`."""
        return [entry for entry in self._data.pain if start <= entry.at <= end]

    def phases_between(
        self, start: datetime, end: datetime
    ) -> list[tuple[datetime, str]]:
        """Return the phase changes from `start` to `end`."""
        return [(at, phase) for at, phase in self._data.phases if start <= at <= end]

    def episodes_between(
        self, start: datetime, end: datetime, *, running: bool = True
    ) -> list[HeatInterval]:
        """Return the episodes that overlap `start` to `end`; a running one ends now."""
        episodes = list(self._data.past)
        if running and self._data.started_at is not None:
            episodes.append(
                HeatInterval(start=self._data.started_at, end=dt_util.utcnow())
            )
        return [
            episode
            for episode in episodes
            if episode.start <= end and episode.end >= start
        ]

    def next_phase(self) -> tuple[Phase, datetime] | None:
        """Return the phase the episode moves on to, and when."""
        return rules.next_phase(
            phase=self.phase,
            since=self._data.phase_since,
            started_at=self._data.started_at,
            by_hand=self._data.phase_by_hand,
            acute_hours=self.acute_hours,
            pain=self._data.pain,
        )

    @property
    def next_change(self) -> datetime | None:
        """When the phase moves on by itself, if it will."""
        step = self.next_phase()
        return None if step is None else step[1]

    @property
    def phase_history(self) -> list[tuple[datetime, str]]:
        """Every phase change kept, "none" at an episode's end."""
        return list(self._data.phases)
