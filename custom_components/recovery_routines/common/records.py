"""What Recovery Routines keeps across restarts: the records and their JSON form."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from homeassistant.util import dt as dt_util

from ..const import DEFAULT_HEAT_DURATION, DEFAULT_REMINDER_INTERVAL, Phase


@dataclass(kw_only=True)
class HeatInterval:
    """A stretch of time the heating pad was on."""

    start: datetime
    end: datetime


@dataclass(kw_only=True)
class Session:
    """A running heat session."""

    started_at: datetime
    ends_at: datetime
    source: str
    # Set when Home Assistant stopped during the session and switched the plug
    # off; the session resumes at the next start if its deadline is ahead.
    interrupted_at: datetime | None = None


@dataclass(kw_only=True)
class HeatData:
    """Everything the heat controller persists."""

    heat_duration: int = DEFAULT_HEAT_DURATION
    session: Session | None = None
    # Start of heat that has not been confirmed off yet: a running session,
    # or a session whose plug has not reported "off" after the cutoff.
    heat_on_since: datetime | None = None
    # A turn-off was requested and the plug has not confirmed it.
    off_pending: bool = False
    intervals: list[HeatInterval] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable copy."""
        return {
            "heat_duration": self.heat_duration,
            "session": None
            if self.session is None
            else {
                "started_at": self.session.started_at.isoformat(),
                "ends_at": self.session.ends_at.isoformat(),
                "source": self.session.source,
                "interrupted_at": _iso(self.session.interrupted_at),
            },
            "heat_on_since": _iso(self.heat_on_since),
            "off_pending": self.off_pending,
            "intervals": [
                [interval.start.isoformat(), interval.end.isoformat()]
                for interval in self.intervals
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> HeatData:
        """Build from what `as_dict` returned; raise on anything malformed."""
        session = data["session"]
        return cls(
            heat_duration=int(data["heat_duration"]),
            session=None
            if session is None
            else Session(
                started_at=_parse(session["started_at"]),
                ends_at=_parse(session["ends_at"]),
                source=str(session["source"]),
                interrupted_at=_parse_optional(session.get("interrupted_at")),
            ),
            heat_on_since=None
            if data["heat_on_since"] is None
            else _parse(data["heat_on_since"]),
            off_pending=bool(data["off_pending"]),
            intervals=[
                HeatInterval(start=_parse(start), end=_parse(end))
                for start, end in data["intervals"]
            ],
        )


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _parse(value: str) -> datetime:
    if (parsed := dt_util.parse_datetime(value)) is None:
        raise ValueError(f"not a date and time: {value!r}")
    return parsed


@dataclass(kw_only=True)
class LogEntry:
    """One completed routine: a stretch, the whole routine, heat or cold."""

    at: datetime
    routine: str
    minutes: float | None = None
    note: str | None = None

    def as_list(self) -> list[Any]:
        """Return a compact JSON-serialisable form."""
        return [self.at.isoformat(), self.routine, self.minutes, self.note]

    @classmethod
    def from_list(cls, data: list[Any]) -> LogEntry:
        """Build from what `as_list` returned."""
        at, routine, minutes, note = data
        return cls(
            at=_parse(at),
            routine=str(routine),
            minutes=None if minutes is None else float(minutes),
            note=None if note is None else str(note),
        )


@dataclass(kw_only=True)
class TimedSession:
    """A running cold pack."""

    started_at: datetime
    ends_at: datetime


@dataclass(kw_only=True)
class RoutineData:
    """Everything the reminders, the checklist and the history persist."""

    log: list[LogEntry] = field(default_factory=list)
    reminders_enabled: bool = True
    reminder_interval: int = DEFAULT_REMINDER_INTERVAL
    next_reminder: datetime | None = None
    # The due time of the last reminder that fired: never fire it twice.
    last_reminder: datetime | None = None
    cold: TimedSession | None = None
    checklist_day: str | None = None
    checked: list[str] = field(default_factory=list)
    added: list[dict[str, str]] = field(default_factory=list)
    # Routines that work up over days: by routine, the days completed and
    # the last of them (an ISO date).
    progress: dict[str, tuple[int, str]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable copy."""
        return {
            "log": [entry.as_list() for entry in self.log],
            "reminders_enabled": self.reminders_enabled,
            "reminder_interval": self.reminder_interval,
            "next_reminder": _iso(self.next_reminder),
            "last_reminder": _iso(self.last_reminder),
            "cold": None
            if self.cold is None
            else [self.cold.started_at.isoformat(), self.cold.ends_at.isoformat()],
            "checklist_day": self.checklist_day,
            "checked": list(self.checked),
            "added": [dict(item) for item in self.added],
            "progress": {key: list(value) for key, value in self.progress.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RoutineData:
        """Build from what `as_dict` returned; raise on anything malformed."""
        cold = data["cold"]
        return cls(
            log=[LogEntry.from_list(entry) for entry in data["log"]],
            reminders_enabled=bool(data["reminders_enabled"]),
            reminder_interval=int(data["reminder_interval"]),
            next_reminder=_parse_optional(data["next_reminder"]),
            last_reminder=_parse_optional(data["last_reminder"]),
            cold=None
            if cold is None
            else TimedSession(started_at=_parse(cold[0]), ends_at=_parse(cold[1])),
            checklist_day=data["checklist_day"],
            checked=[str(uid) for uid in data["checked"]],
            added=[
                {
                    "uid": str(item["uid"]),
                    "summary": str(item["summary"]),
                    "status": str(item["status"]),
                }
                for item in data["added"]
            ],
            # Not in what earlier versions stored.
            progress={
                str(key): (int(value[0]), str(value[1]))
                for key, value in data.get("progress", {}).items()
            },
        )


def _parse_optional(value: str | None) -> datetime | None:
    return None if value is None else _parse(value)


@dataclass(kw_only=True)
class PainEntry:
    """One pain check-in: 0 to 10, with the person's note and flag."""

    at: datetime
    level: int
    note: str | None = None
    radiating: bool = False

    def as_list(self) -> list[Any]:
        """Return a compact JSON-serialisable form."""
        return [self.at.isoformat(), self.level, self.note, self.radiating]

    @classmethod
    def from_list(cls, data: list[Any]) -> PainEntry:
        """Build from what `as_list` returned."""
        at, level, note, radiating = data
        return cls(
            at=_parse(at),
            level=int(level),
            note=None if note is None else str(note),
            radiating=bool(radiating),
        )


@dataclass(kw_only=True)
class SessionSpan:
    """A heat session or a guided routine, from its start to its end."""

    kind: str
    start: datetime
    end: datetime

    def as_list(self) -> list[str]:
        """Return a compact JSON-serialisable form."""
        return [self.kind, self.start.isoformat(), self.end.isoformat()]

    @classmethod
    def from_list(cls, data: list[Any]) -> SessionSpan:
        """Build from what `as_list` returned."""
        kind, start, end = data
        return cls(kind=str(kind), start=_parse(start), end=_parse(end))


@dataclass(kw_only=True)
class EpisodeData:
    """The running episode, its phase, the pain check-ins and past episodes."""

    started_at: datetime | None = None
    phase: str = Phase.NONE.value
    phase_since: datetime | None = None
    # A phase set by hand runs its course from when it was set.
    phase_by_hand: bool = False
    pain: list[PainEntry] = field(default_factory=list)
    # The "consider talking to a professional" notices raised, by reason.
    notices: list[str] = field(default_factory=list)
    past: list[HeatInterval] = field(default_factory=list)
    # Every phase change, "none" at an episode's end: for the export.
    phases: list[tuple[datetime, str]] = field(default_factory=list)
    # Heat sessions and guided routines, to set pain before against after.
    sessions: list[SessionSpan] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable copy."""
        return {
            "started_at": _iso(self.started_at),
            "phase": self.phase,
            "phase_since": _iso(self.phase_since),
            "phase_by_hand": self.phase_by_hand,
            "pain": [entry.as_list() for entry in self.pain],
            "notices": list(self.notices),
            "past": [
                [episode.start.isoformat(), episode.end.isoformat()]
                for episode in self.past
            ],
            "phases": [[at.isoformat(), phase] for at, phase in self.phases],
            "sessions": [session.as_list() for session in self.sessions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EpisodeData:
        """Build from what `as_dict` returned; raise on anything malformed."""
        return cls(
            started_at=_parse_optional(data["started_at"]),
            phase=Phase(data["phase"]).value,
            phase_since=_parse_optional(data["phase_since"]),
            phase_by_hand=bool(data["phase_by_hand"]),
            pain=[PainEntry.from_list(entry) for entry in data["pain"]],
            notices=[str(notice) for notice in data["notices"]],
            past=[
                HeatInterval(start=_parse(start), end=_parse(end))
                for start, end in data["past"]
            ],
            phases=[(_parse(at), str(phase)) for at, phase in data["phases"]],
            # Kept since the recovery plan's first version, which had none.
            sessions=[
                SessionSpan.from_list(session) for session in data.get("sessions", [])
            ],
        )
