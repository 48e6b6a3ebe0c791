"""Plain tests of plan/rules/export_rows.py: the lines of the history's CSV."""

from __future__ import annotations

from typing import Any

from custom_components.recovery_routines.plan.rules.export_rows import (
    CSV_HEADER,
    csv_rows,
)

AT = "2024-05-06T10:00:00+00:00"
LATER = "2024-05-06T11:00:00+00:00"


def history(**lines: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the history's response data with only the lines given."""
    return {
        "phases": [],
        "log": [],
        "pain": [],
        "pain_around_sessions": [],
        **lines,
    }


def test_an_empty_history_is_the_header() -> None:
    """No lines: only the header."""
    assert CSV_HEADER == ["at", "kind", "what", "value", "note"]
    assert csv_rows(history()) == [CSV_HEADER]


def test_a_phase() -> None:
    """A phase change: its name, nothing else."""
    rows = csv_rows(history(phases=[{"at": AT, "phase": "acute"}]))
    assert rows[1:] == [[AT, "phase", "acute", "", ""]]


def test_a_routine_with_its_minutes() -> None:
    """Minutes shortest, a note kept; no minutes or note is an empty cell."""
    log = [
        {"at": AT, "routine": "heat", "minutes": 20.0, "note": "sore"},
        {"at": AT, "routine": "cold", "minutes": 2.5, "note": None},
        {"at": AT, "routine": "stretches", "minutes": None, "note": ""},
    ]
    assert csv_rows(history(log=log))[1:] == [
        [AT, "routine", "heat", "20", "sore"],
        [AT, "routine", "cold", "2.5", ""],
        [AT, "routine", "stretches", "", ""],
    ]


def test_pain() -> None:
    """Pain: its level, whether it radiates, its note."""
    pain = [
        {"at": AT, "level": 6, "radiating": True, "note": "left leg"},
        {"at": LATER, "level": 0, "radiating": False, "note": None},
    ]
    assert csv_rows(history(pain=pain))[1:] == [
        [AT, "pain", "radiating", "6", "left leg"],
        [LATER, "pain", "", "0", ""],
    ]


def test_pain_before_and_after_a_session() -> None:
    """At the session's end: the session and the pain on either side."""
    around = [
        {
            "session": "heat",
            "start": AT,
            "end": LATER,
            "pain_before": 6,
            "pain_after": 4,
        }
    ]
    assert csv_rows(history(pain_around_sessions=around))[1:] == [
        [LATER, "pain_before_after", "heat", "6 before, 4 after", ""]
    ]


def test_rows_in_time_order() -> None:
    """All kinds together, by time, not by kind."""
    rows = csv_rows(
        history(
            phases=[{"at": LATER, "phase": "recovery"}],
            pain=[{"at": AT, "level": 3, "radiating": False, "note": None}],
        )
    )
    assert [row[1] for row in rows[1:]] == ["pain", "phase"]


def test_times_are_compared_as_moments() -> None:
    """The same moment in another offset sorts as that moment, not as text."""
    rows = csv_rows(
        history(
            phases=[{"at": "2024-05-06T12:30:00+02:00", "phase": "acute"}],
            pain=[{"at": AT, "level": 3, "radiating": False, "note": None}],
        )
    )
    # 12:30+02:00 is 10:30 UTC: after the pain at 10:00 UTC.
    assert [row[1] for row in rows[1:]] == ["pain", "phase"]


def test_at_the_same_moment_a_phase_comes_first_and_an_end_last() -> None:
    """A phase begins before what happens in it; an episode's end comes last."""
    rows = csv_rows(
        history(
            phases=[{"at": AT, "phase": "none"}, {"at": AT, "phase": "acute"}],
            log=[{"at": AT, "routine": "cold", "minutes": 2.0, "note": None}],
            pain=[{"at": AT, "level": 3, "radiating": False, "note": None}],
        )
    )
    assert [row[1:3] for row in rows[1:]] == [
        ["phase", "acute"],
        ["routine", "cold"],
        ["pain", ""],
        ["phase", "none"],
    ]
