"""A whole three-week episode, with the clock moved hour by hour."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from homeassistant.components.recorder import Recorder
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)

from custom_components.recovery_routines.const import DOMAIN, EVENT_RECOVERY_ROUTINES

from ..conftest import (
    ENTRY_ID,
    Advance,
    FakePlug,
    FreshWebSocket,
    ReadNotifications,
    call,
    read_logbook,
    setup_integration,
    state_of,
)

PHASE = "sensor.back_care_recovery_phase"
PAIN = "sensor.back_care_pain_level"
AVERAGE = "sensor.back_care_pain_7_day_average"
TREND = "sensor.back_care_pain_trend"
RECOVERY_EVENTS = "event.back_care_recovery_events"
NOT_IMPROVED = f"see_professional_not_improved_{ENTRY_ID}"
PROFESSIONAL = f"recovery_routines_{ENTRY_ID}_professional"

# Morning and evening check-ins, day by day: worse at first, then a little
# better, worse again in the second week, better in the third.
PAIN_BY_DAY = [
    (None, 6),
    (7, 6),
    (6, 5),
    (5, 5),
    (5, 4),
    (4, 4),
    (4, 5),
    (5, 5),
    (5, 6),
    (6, 6),
    (6, 6),
    (6, 6),
    (6, 6),
    (6, 6),
    (6, 5),
    (4, 4),
    (4, 3),
    (3, 3),
    (3, 2),
    (2, 2),
    (2, 1),
    (0, None),
]
STEP = timedelta(minutes=30)


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    recorder_db_url: str, enable_custom_integrations: None
) -> None:
    """Prepare the recorder database before Home Assistant starts."""


def local(when: datetime) -> str:
    """Return a moment as the local day and time people read."""
    return dt_util.as_local(when).strftime("%a %d %H:%M")


async def test_a_three_week_episode(
    recorder_mock: Recorder,
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
    fresh_ws_client: FreshWebSocket,
    read_notifications: ReadNotifications,
) -> None:
    """Phases, reminders per phase, check-ins, the trend and the 14-day notice."""
    assert await async_setup_component(hass, "logbook", {})
    await setup_integration(hass, config_entry)
    events = async_capture_events(hass, EVENT_RECOVERY_ROUTINES)
    # Friday 10:30: "my back just went".
    await advance(timedelta(minutes=30))
    await call(hass, "start_episode")
    started = dt_util.utcnow()

    phases: dict[str, str] = {}
    trends: set[str] = set()
    logged: list[tuple[datetime, int]] = []
    notice_raised_at: datetime | None = None
    steps = int(timedelta(days=21) / STEP)
    for step in range(steps):
        now = dt_util.utcnow()
        moment = dt_util.as_local(now)
        day = (moment.date() - dt_util.as_local(started).date()).days
        morning, evening = PAIN_BY_DAY[day]
        level = {(9, 0): morning, (20, 0): evening}.get((moment.hour, moment.minute))
        if level is not None:
            await call(hass, "log_pain", level=level)
            logged.append((now, level))
            trends.add(state_of(hass, TREND))
        phases.setdefault(state_of(hass, PHASE), local(now))
        issue = ir.async_get(hass).async_get_issue(DOMAIN, NOT_IMPROVED)
        if issue is not None and notice_raised_at is None:
            notice_raised_at = now
        if step < steps - 1:
            await advance(STEP)
    now = dt_util.utcnow()
    assert now - started == timedelta(days=21) - STEP

    # The phases: acute for 48 hours, recovery until 14 days had passed.
    assert phases == {
        "acute": "Fri 20 10:30",
        "recovery": "Sun 22 10:30",
        "maintenance": "Fri 04 10:30",
    }
    changes = [
        (line["phase"], local(datetime.fromisoformat(line["at"])), line["day"])
        for line in _phase_lines(events)
    ]
    assert changes == [
        ("acute", "Fri 20 10:30", 1),
        ("recovery", "Sun 22 10:30", 3),
        ("maintenance", "Fri 04 10:30", 15),
    ]

    # Reminders: cold packs every 2 h in waking hours while acute, stretches
    # every 3 h in recovery, one routine a day in maintenance.
    reminders = [
        (line["kind"], local(datetime.fromisoformat(line["due"])))
        for line in events
        if line.data["event"] == "reminder"
        for line in [line.data]
    ]
    acute = [when for kind, when in reminders if kind == "cold"]
    assert acute == [
        "Fri 20 12:30",
        "Fri 20 14:30",
        "Fri 20 16:30",
        "Fri 20 18:30",
        "Fri 20 20:30",
        "Sat 21 08:00",
        "Sat 21 10:00",
        "Sat 21 12:00",
        "Sat 21 14:00",
        "Sat 21 16:00",
        "Sat 21 18:00",
        "Sat 21 20:00",
        "Sun 22 08:00",
        "Sun 22 10:00",
    ]
    recovery = [when for kind, when in reminders if kind == "stretches"]
    assert recovery[:6] == [
        "Sun 22 13:00",
        "Sun 22 16:00",
        "Sun 22 19:00",
        "Mon 23 08:00",
        "Mon 23 11:00",
        "Mon 23 14:00",
    ]
    # Sunday after the change, 11 whole days, Friday 08:00 before maintenance.
    assert len(recovery) == 3 + 11 * 5 + 1
    maintenance = [when for kind, when in reminders if kind == "routine"]
    # The daily routine at 18:00, from the day maintenance began.
    assert maintenance == [
        "Fri 04 18:00",
        "Sat 05 18:00",
        "Sun 06 18:00",
        "Mon 07 18:00",
        "Tue 08 18:00",
        "Wed 09 18:00",
        "Thu 10 18:00",
    ]
    assert all("08:00" <= when[-5:] < "21:00" for _kind, when in reminders)
    assert [kind for kind, _when in reminders] == (
        ["cold"] * 14 + ["stretches"] * len(recovery) + ["routine"] * 7
    )

    # Check-ins: two a day, the trend went both ways.
    assert len([e for e in events if e.data["event"] == "pain_logged"]) == 42
    assert trends == {"unknown", "worse", "steady", "improving"}
    assert state_of(hass, PAIN) == "0"
    assert state_of(hass, TREND) == "improving"
    week = [level for at, level in logged if at > now - timedelta(days=7)]
    assert state_of(hass, AVERAGE) == str(round(sum(week) / len(week), 1))

    # The 14-day notice: pain 6 as at the first check-in.
    assert notice_raised_at is not None
    assert local(notice_raised_at) == "Fri 04 10:30"
    issue = ir.async_get(hass).async_get_issue(DOMAIN, NOT_IMPROVED)
    assert issue is not None
    assert issue.severity is ir.IssueSeverity.WARNING
    assert (
        "Consider talking to a professional"
        in ((await read_notifications())[PROFESSIONAL]["message"])
    )

    # "end my episode": the notice goes, the everyday reminders come back.
    await call(hass, "end_episode")
    await hass.async_block_till_done()
    assert state_of(hass, PHASE) == "none"
    assert ir.async_get(hass).async_get_issue(DOMAIN, NOT_IMPROVED) is None
    assert PROFESSIONAL not in await read_notifications()
    await advance(timedelta(hours=3))
    last_reminder = [e.data for e in events if e.data["event"] == "reminder"][-1]
    # Three hours since the last reminder (yesterday's routine at 18:00) had
    # passed: the everyday stretch reminder is due at once.
    assert local(datetime.fromisoformat(last_reminder["due"])) == "Fri 11 10:00"
    assert "kind" not in last_reminder

    # The logbook tells the course of the episode.
    await async_wait_recording_done(hass)
    logbook = await _logbook(fresh_ws_client, started)
    assert logbook[:3] == [
        "back pain episode started",
        "recovery phase: acute, day 1",
        "pain 6 of 10",
    ]
    assert "recovery phase: recovery, day 3" in logbook
    assert "recovery phase: maintenance, day 15" in logbook
    assert "consider talking to a professional" in logbook
    assert logbook[-2:] == [
        "back pain episode ended on day 22",
        "recovery phase: none",
    ]


def _phase_lines(events: list[Any]) -> list[dict[str, Any]]:
    return [
        {**event.data, "at": event.time_fired.isoformat()}
        for event in events
        if event.data["event"] == "phase_changed"
    ]


async def _logbook(fresh_ws_client: FreshWebSocket, start: datetime) -> list[str]:
    return [
        entry["message"]
        for entry in await read_logbook(
            fresh_ws_client,
            start - timedelta(minutes=1),
            entity_ids=[RECOVERY_EVENTS],
        )
        if entry.get("domain") == "recovery_routines"
    ]
