"""The recovery plan: an episode, its phases, pain check-ins and the notices."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from homeassistant.components import conversation
from homeassistant.core import Context, Event, HomeAssistant, ServiceCall
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import entity_registry as er, issue_registry as ir
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_mock_service,
)
import voluptuous as vol

from custom_components.recovery_routines.const import DOMAIN, EVENT_RECOVERY_ROUTINES

from ..conftest import (
    ENTRY_ID,
    EVENTS,
    NEXT_REMINDER,
    PHONE,
    REMINDER_TAG,
    START,
    STORAGE_KEY,
    Advance,
    FakePlug,
    ReadNotifications,
    call,
    last_event,
    setup_integration,
    start_heat,
    state_of,
    stored,
)

PHASE = "sensor.back_care_recovery_phase"
PAIN = "sensor.back_care_pain_level"
AVERAGE = "sensor.back_care_pain_7_day_average"
TREND = "sensor.back_care_pain_trend"
CHECK_IN = "number.back_care_pain_check_in"
RECOVERY_EVENTS = "event.back_care_recovery_events"
PROFESSIONAL = f"recovery_routines_{ENTRY_ID}_professional"


def attributes(hass: HomeAssistant, entity_id: str) -> dict[str, Any]:
    """Return the attributes of an entity that must exist."""
    state = hass.states.get(entity_id)
    assert state is not None, entity_id
    return dict(state.attributes)


def notice(hass: HomeAssistant, reason: str) -> ir.IssueEntry | None:
    """Return the repair issue that suggests a professional, for a reason."""
    return ir.async_get(hass).async_get_issue(
        DOMAIN, f"see_professional_{reason}_{ENTRY_ID}"
    )


def lines(events: list[Event], *names: str) -> list[dict[str, Any]]:
    """Return the history events of these kinds, in order."""
    return [dict(event.data) for event in events if event.data["event"] in names]


async def log_pain(hass: HomeAssistant, level: int, **data: Any) -> None:
    """Log a pain check-in by action."""
    await call(hass, "log_pain", level=level, **data)
    await hass.async_block_till_done()


@pytest.mark.usefixtures("setup_entry")
async def test_no_episode_until_one_starts(hass: HomeAssistant) -> None:
    """Without an episode the phase is none and the pain sensors are empty."""
    assert state_of(hass, PHASE) == "none"
    assert attributes(hass, PHASE)["options"] == [
        "acute",
        "recovery",
        "maintenance",
        "none",
    ]
    assert "day" not in attributes(hass, PHASE)
    assert state_of(hass, PAIN) == "unknown"
    assert state_of(hass, AVERAGE) == "unknown"
    assert state_of(hass, TREND) == "unknown"
    assert state_of(hass, CHECK_IN) == "unknown"
    # Long-term statistics keep the pain.
    assert attributes(hass, PAIN)["state_class"] == "measurement"
    assert attributes(hass, AVERAGE)["state_class"] == "measurement"
    # The dashboard shows the average to a tenth.
    average = er.async_get(hass).async_get(AVERAGE)
    assert average is not None
    assert average.options["sensor"]["suggested_display_precision"] == 1


@pytest.mark.usefixtures("setup_entry")
async def test_start_an_episode_now_then_days_count(
    hass: HomeAssistant, advance: Advance
) -> None:
    """Day 1 is the day it started; the day moves on at local midnight."""
    events = async_capture_events(hass, EVENT_RECOVERY_ROUTINES)
    await call(hass, "start_episode")
    await hass.async_block_till_done()
    assert state_of(hass, PHASE) == "acute"
    shown = attributes(hass, PHASE)
    assert shown["day"] == 1
    assert shown["started_at"] == START.isoformat()
    assert shown["set_by_hand"] is False
    assert shown["notices"] == []
    assert [
        (line["event"], line.get("phase"))
        for line in lines(events, "episode_started", "phase_changed")
    ] == [("episode_started", None), ("phase_changed", "acute")]
    assert last_event(hass, RECOVERY_EVENTS)["event_type"] == "phase_changed"
    # 14:00 local is 22:00 UTC; midnight is 08:00 UTC the next day.
    await advance(timedelta(hours=13, minutes=59))
    assert attributes(hass, PHASE)["day"] == 1
    await advance(timedelta(minutes=2))
    assert attributes(hass, PHASE)["day"] == 2


@pytest.mark.usefixtures("setup_entry")
async def test_acute_for_48_hours_then_recovery(
    hass: HomeAssistant, advance: Advance
) -> None:
    """The acute phase lasts the default 48 hours from the start."""
    events = async_capture_events(hass, EVENT_RECOVERY_ROUTINES)
    await call(hass, "start_episode")
    await advance(timedelta(hours=47, minutes=59))
    assert state_of(hass, PHASE) == "acute"
    await advance(timedelta(minutes=1))
    assert state_of(hass, PHASE) == "recovery"
    assert (
        attributes(hass, PHASE)["phase_since"]
        == (START + timedelta(hours=48)).isoformat()
    )
    assert lines(events, "phase_changed")[-1] | {"entity_id": None} == {
        "phase": "recovery",
        "previous": "acute",
        "day": 3,
        "by_hand": False,
        "entry_id": ENTRY_ID,
        "name": "Back care",
        "event": "phase_changed",
        "entity_id": None,
        "device_id": lines(events, "phase_changed")[-1]["device_id"],
    }


@pytest.mark.usefixtures("setup_entry")
async def test_a_start_in_the_past_catches_up(hass: HomeAssistant) -> None:
    """A spasm that started three days ago is in recovery already."""
    events = async_capture_events(hass, EVENT_RECOVERY_ROUTINES)
    await call(hass, "start_episode", started_at=START - timedelta(days=3))
    await hass.async_block_till_done()
    assert state_of(hass, PHASE) == "recovery"
    assert attributes(hass, PHASE)["day"] == 4
    assert [line["phase"] for line in lines(events, "phase_changed")] == [
        "acute",
        "recovery",
    ]


async def test_a_start_time_without_zone_is_local(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """A start time of 07:30 in the form is 07:30 at home."""
    await call(hass, "start_episode", started_at="2026-11-20 07:30:00")
    local = dt_util.as_local(
        datetime.fromisoformat(attributes(hass, PHASE)["started_at"])
    )
    assert (local.hour, local.minute) == (7, 30)


@pytest.mark.usefixtures("setup_entry")
async def test_what_the_actions_refuse(hass: HomeAssistant) -> None:
    """No second episode, none in the future, no end or phase without one."""
    with pytest.raises(ServiceValidationError) as refusal:
        await call(hass, "end_episode")
    assert refusal.value.translation_key == "no_episode"
    with pytest.raises(ServiceValidationError) as refusal:
        await call(hass, "set_phase", phase="recovery")
    assert refusal.value.translation_key == "no_episode"
    with pytest.raises(ServiceValidationError) as refusal:
        await call(hass, "start_episode", started_at=START + timedelta(hours=1))
    assert refusal.value.translation_key == "episode_in_future"
    assert state_of(hass, PHASE) == "none"
    await call(hass, "start_episode")
    with pytest.raises(ServiceValidationError) as refusal:
        await call(hass, "start_episode")
    assert refusal.value.translation_key == "episode_running"
    assert refusal.value.translation_placeholders == {"day": "1"}
    with pytest.raises(vol.Invalid):
        await call(hass, "log_pain", level=11)
    # "none" is what end_episode is for.
    with pytest.raises(vol.Invalid):
        await call(hass, "set_phase", phase="none")
    assert state_of(hass, PAIN) == "unknown"


@pytest.mark.usefixtures("setup_entry")
async def test_set_by_hand_runs_its_course_from_then(
    hass: HomeAssistant, advance: Advance
) -> None:
    """A phase set by hand holds, then moves on by the same rules from then."""
    await call(hass, "start_episode")
    await call(hass, "set_phase", phase="recovery")
    await hass.async_block_till_done()
    assert state_of(hass, PHASE) == "recovery"
    assert attributes(hass, PHASE)["set_by_hand"] is True
    await advance(timedelta(days=2))
    await call(hass, "set_phase", phase="acute")
    await advance(timedelta(hours=47))
    assert state_of(hass, PHASE) == "acute"
    await advance(timedelta(hours=1))
    assert state_of(hass, PHASE) == "recovery"
    assert attributes(hass, PHASE)["set_by_hand"] is False
    # Recovery after acute counts its 14 days from the episode's start.
    await advance(timedelta(days=10) - timedelta(minutes=1))
    assert state_of(hass, PHASE) == "recovery"
    await advance(timedelta(minutes=1))
    assert state_of(hass, PHASE) == "maintenance"
    await call(hass, "set_phase", phase="recovery")
    await advance(timedelta(days=13, hours=23))
    assert state_of(hass, PHASE) == "recovery"
    await advance(timedelta(hours=1))
    assert state_of(hass, PHASE) == "maintenance"


@pytest.mark.usefixtures("setup_entry")
async def test_low_pain_for_three_days_ends_recovery(
    hass: HomeAssistant, advance: Advance
) -> None:
    """Pain at most 2 for three days moves recovery on; a 3 starts over."""
    await call(hass, "start_episode")
    await log_pain(hass, 2)
    await advance(timedelta(days=1))
    await log_pain(hass, 3)
    await advance(timedelta(days=1))
    await log_pain(hass, 2)
    assert state_of(hass, PHASE) == "recovery"
    await advance(timedelta(days=1))
    await log_pain(hass, 1)
    await advance(timedelta(days=2) - timedelta(minutes=1))
    assert state_of(hass, PHASE) == "recovery"
    await advance(timedelta(minutes=1))
    assert state_of(hass, PHASE) == "maintenance"
    assert not ir.async_get(hass).issues


@pytest.mark.usefixtures("setup_entry")
async def test_low_pain_before_the_episode_does_not_end_recovery(
    hass: HomeAssistant, advance: Advance
) -> None:
    """1 three days before it starts and 1 as it starts: 3 low days from the start."""
    await log_pain(hass, 1)
    await advance(timedelta(days=3))
    await call(hass, "start_episode")
    await log_pain(hass, 1)
    await advance(timedelta(hours=49))
    assert state_of(hass, PHASE) == "recovery"
    await advance(timedelta(hours=23))
    assert state_of(hass, PHASE) == "maintenance"


@pytest.mark.usefixtures("setup_entry")
async def test_longer_acute_phase_in_the_options(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """Acute lasts 48 to 72 hours: what is set, kept within that range."""
    await call(hass, "start_episode")
    hass.config_entries.async_update_entry(setup_entry, options={"acute_hours": 72})
    await advance(timedelta(hours=60))
    assert state_of(hass, PHASE) == "acute"
    await advance(timedelta(hours=12))
    assert state_of(hass, PHASE) == "recovery"
    await call(hass, "set_phase", phase="acute")
    hass.config_entries.async_update_entry(setup_entry, options={"acute_hours": 500})
    await advance(timedelta(hours=72))
    assert state_of(hass, PHASE) == "recovery"
    await call(hass, "set_phase", phase="acute")
    hass.config_entries.async_update_entry(setup_entry, options={"acute_hours": 1})
    await advance(timedelta(hours=47))
    assert state_of(hass, PHASE) == "acute"
    await advance(timedelta(hours=1))
    assert state_of(hass, PHASE) == "recovery"


@pytest.mark.usefixtures("setup_entry")
async def test_end_an_episode(hass: HomeAssistant, advance: Advance) -> None:
    """The end is an event, the phase is none, a new episode may start."""
    events = async_capture_events(hass, EVENT_RECOVERY_ROUTINES)
    await call(hass, "start_episode")
    await advance(timedelta(days=2))
    await call(hass, "end_episode")
    await hass.async_block_till_done()
    assert state_of(hass, PHASE) == "none"
    assert attributes(hass, PHASE).get("day") is None
    ended = lines(events, "episode_ended")[0]
    assert (ended["day"], ended["started_at"]) == (3, START.isoformat())
    assert lines(events, "phase_changed")[-1]["phase"] == "none"
    await advance(timedelta(days=30))
    assert state_of(hass, PHASE) == "none"
    await call(hass, "start_episode")
    assert state_of(hass, PHASE) == "acute"


async def test_the_episode_survives_a_restart(
    hass: HomeAssistant,
    setup_entry: MockConfigEntry,
    advance: Advance,
    hass_storage: dict[str, Any],
) -> None:
    """A reload keeps the phase, the check-ins and the notices."""
    await call(hass, "start_episode")
    await log_pain(hass, 5, radiating=True)
    await hass.config_entries.async_reload(setup_entry.entry_id)
    await hass.async_block_till_done()
    assert hass_storage[STORAGE_KEY]["data"]["episode"]["phase"] == "acute"
    assert state_of(hass, PHASE) == "acute"
    assert state_of(hass, PAIN) == "5"
    assert notice(hass, "radiating") is not None
    await hass.config_entries.async_unload(setup_entry.entry_id)
    # Home Assistant keeps no repair issue that is not persistent across its
    # restart: the integration raises its notices again from its store.
    ir.async_delete_issue(hass, DOMAIN, f"see_professional_radiating_{ENTRY_ID}")
    await advance(timedelta(days=3))
    await hass.config_entries.async_setup(setup_entry.entry_id)
    await hass.async_block_till_done()
    assert state_of(hass, PHASE) == "recovery"
    assert notice(hass, "radiating") is not None
    assert await hass.config_entries.async_remove(setup_entry.entry_id)
    await hass.async_block_till_done()
    assert notice(hass, "radiating") is None


async def test_a_corrupt_episode_is_reported_and_replaced(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A store whose episode cannot be read starts without one; heat still works."""
    content = stored()
    content["data"]["episode"] = {"started_at": "not a time"}
    hass_storage[STORAGE_KEY] = content
    await setup_integration(hass, config_entry)
    assert state_of(hass, PHASE) == "none"
    assert "could not be read" in caplog.text


@pytest.mark.usefixtures("setup_entry")
async def test_pain_sensors(hass: HomeAssistant, advance: Advance) -> None:
    """Latest pain, the mean of 7 days, and the trend of the last check-ins."""
    events = async_capture_events(hass, EVENT_RECOVERY_ROUTINES)
    await log_pain(hass, 4, note="after the drive")
    assert state_of(hass, PAIN) == "4"
    assert attributes(hass, PAIN)["logged_at"] == START.isoformat()
    assert attributes(hass, PAIN)["radiating"] is False
    assert state_of(hass, AVERAGE) == "4.0"
    assert state_of(hass, TREND) == "unknown"
    assert lines(events, "pain_logged")[0]["note"] == "after the drive"
    await advance(timedelta(days=1))
    await hass.services.async_call(
        "number", "set_value", {"entity_id": CHECK_IN, "value": 6}, blocking=True
    )
    await hass.async_block_till_done()
    assert state_of(hass, PAIN) == "6"
    assert (
        attributes(hass, PAIN)["logged_at"] == (START + timedelta(days=1)).isoformat()
    )
    assert state_of(hass, CHECK_IN) == "6"
    # The dashboard's slider: every level from 0 to 10.
    slider = attributes(hass, CHECK_IN)
    assert (slider["min"], slider["max"], slider["step"]) == (0, 10, 1)
    assert slider["mode"] == "slider"
    assert state_of(hass, AVERAGE) == "5.0"
    assert state_of(hass, TREND) == "worse"
    await advance(timedelta(days=1))
    await log_pain(hass, 6)
    await log_pain(hass, 6)
    await log_pain(hass, 6)
    assert state_of(hass, TREND) == "steady"
    await log_pain(hass, 5)
    await log_pain(hass, 4)
    await log_pain(hass, 3)
    assert state_of(hass, TREND) == "improving"
    assert "note" not in lines(events, "pain_logged")[-1]
    # The first check-in leaves the 7 days, then the second.
    await advance(timedelta(days=5) - timedelta(minutes=1))
    assert state_of(hass, AVERAGE) == "5.0"
    await advance(timedelta(minutes=1))
    assert state_of(hass, AVERAGE) == "5.1"
    await advance(timedelta(days=1))
    assert state_of(hass, AVERAGE) == "5.0"
    await advance(timedelta(days=1))
    assert state_of(hass, AVERAGE) == "unknown"
    assert state_of(hass, PAIN) == "3"


@pytest.mark.usefixtures("setup_entry")
async def test_radiating_pain_suggests_a_professional(
    hass: HomeAssistant, read_notifications: ReadNotifications
) -> None:
    """A gentle notice, in repairs and as a notification, once; no diagnosis."""
    events = async_capture_events(hass, EVENT_RECOVERY_ROUTINES)
    await call(hass, "start_episode")
    await log_pain(hass, 5, radiating=True)
    issue = notice(hass, "radiating")
    assert issue is not None
    assert issue.severity is ir.IssueSeverity.WARNING
    # Nothing to fix in Home Assistant, a suggestion; raised again at each start.
    assert (issue.is_fixable, issue.is_persistent) == (False, False)
    assert issue.translation_key == "see_professional_radiating"
    assert issue.translation_placeholders == {"name": "Back care"}
    assert attributes(hass, PAIN)["radiating"] is True
    notifications = await read_notifications()
    message = notifications[PROFESSIONAL]["message"]
    assert "Consider talking to a professional" in message
    assert attributes(hass, PHASE)["notices"] == ["radiating"]
    await log_pain(hass, 4, radiating=True)
    assert len(lines(events, "see_professional")) == 1
    await call(hass, "end_episode")
    await hass.async_block_till_done()
    assert notice(hass, "radiating") is None
    assert PROFESSIONAL not in await read_notifications()


@pytest.mark.usefixtures("setup_entry")
async def test_pain_rising_three_times_in_a_row(hass: HomeAssistant) -> None:
    """Three rises in a row raise the notice; two do not."""
    for level in (5, 3, 4, 5):
        await log_pain(hass, level)
    assert notice(hass, "rising") is None
    await log_pain(hass, 5)
    await log_pain(hass, 6)
    assert notice(hass, "rising") is None
    await log_pain(hass, 7)
    await log_pain(hass, 8)
    assert notice(hass, "rising") is not None


@pytest.mark.usefixtures("setup_entry")
@pytest.mark.parametrize(
    "levels",
    [(0, 0, 0, 0, 4, 4, 4, 3, 3, 3), (0, 0, 0, 0, 6, 3, 3, 3, 3, 3)],
    ids=["older ones do not count", "the first of the three before counts"],
)
async def test_the_trend_sets_the_last_three_against_the_three_before(
    hass: HomeAssistant, levels: tuple[int, ...]
) -> None:
    """0s long ago do not count; 4, 4, 4 or 6, 3, 3 before 3, 3, 3 is better."""
    for level in levels:
        await log_pain(hass, level)
    assert state_of(hass, TREND) == "improving"


@pytest.mark.usefixtures("setup_entry")
async def test_pain_rising_from_the_first_check_in(hass: HomeAssistant) -> None:
    """Each of the first four check-ins higher: the notice comes at the fourth."""
    for level in (1, 2, 3):
        await log_pain(hass, level)
    assert notice(hass, "rising") is None
    await log_pain(hass, 4)
    assert notice(hass, "rising") is not None


@pytest.mark.usefixtures("setup_entry")
async def test_pain_that_improved_raises_no_notice_after_14_days(
    hass: HomeAssistant, advance: Advance
) -> None:
    """Better than at the start is improvement; no check-in, no notice."""
    await call(hass, "start_episode")
    await advance(timedelta(days=14))
    assert notice(hass, "not_improved") is None
    await call(hass, "end_episode")
    await call(hass, "start_episode")
    await log_pain(hass, 6)
    await log_pain(hass, 5)
    await advance(timedelta(days=14))
    assert notice(hass, "not_improved") is None
    await log_pain(hass, 6)
    assert notice(hass, "not_improved") is not None


@pytest.mark.parametrize(
    ("check_ins", "not_improved"),
    [
        # (day of the episode, level); a negative day is before it began.
        pytest.param([(0, 3), (1, 1), (14, 4)], True, id="back_up_after_a_good_day"),
        pytest.param([(0, 3), (1, 1), (15, 4)], True, id="back_up_a_day_after_the_14"),
        pytest.param([(0, 2), (14, 5)], True, id="up_from_low"),
        pytest.param([(-1, 2), (0, 5), (13, 3)], False, id="before_it_does_not_count"),
        pytest.param([(0, 1), (14, 2), (14, 1)], False, id="low_all_along"),
    ],
)
@pytest.mark.usefixtures("setup_entry")
async def test_the_14_day_notice_sets_the_last_check_in_against_the_first(
    hass: HomeAssistant,
    advance: Advance,
    check_ins: list[tuple[int, int]],
    not_improved: bool,
) -> None:
    """Not improved: the last check-in above 2 and not below the episode's first.

    Checked at 14 days and at every check-in after.
    """
    day = check_ins[0][0]
    started = False
    for when, level in check_ins:
        if when > day:
            await advance(timedelta(days=when - day))
            day = when
        if when >= 0 and not started:
            await call(hass, "start_episode")
            started = True
        await log_pain(hass, level)
    if day < 14:
        await advance(timedelta(days=14 - day))
    assert (notice(hass, "not_improved") is not None) is not_improved


@pytest.mark.usefixtures("setup_entry")
async def test_the_14_day_notice_comes_on_the_minute_in_maintenance(
    hass: HomeAssistant, advance: Advance
) -> None:
    """Maintenance set by hand has no phase change at 14 days; the notice comes then."""
    await call(hass, "start_episode")
    await log_pain(hass, 5)
    await call(hass, "set_phase", phase="maintenance")
    await advance(timedelta(days=14) - timedelta(minutes=1))
    assert notice(hass, "not_improved") is None
    await advance(timedelta(minutes=1))
    assert notice(hass, "not_improved") is not None


@pytest.mark.usefixtures("setup_entry")
async def test_heat_in_the_first_days_starts_with_a_note(
    hass: HomeAssistant, advance: Advance, read_notifications: ReadNotifications
) -> None:
    """Heat still starts in the acute phase; it says cold is advised."""
    await start_heat(hass, minutes=5)
    assert "advice" not in last_event(hass, EVENTS)
    await advance(timedelta(minutes=5))
    await call(hass, "start_episode")
    await advance(timedelta(minutes=30))
    await start_heat(hass, minutes=5)
    assert state_of(hass, "switch.heating_pad") == "on"
    assert last_event(hass, EVENTS)["advice"] == "cold_advised"
    notifications = await read_notifications()
    assert (
        "cold is usually advised"
        in (notifications[f"recovery_routines_{ENTRY_ID}_heat_advice"]["message"])
    )
    await advance(timedelta(minutes=5))
    await advance(timedelta(days=2))
    await start_heat(hass, minutes=5)
    assert "advice" not in last_event(hass, EVENTS)


@pytest.mark.usefixtures("setup_entry")
async def test_reminders_follow_the_phase(
    hass: HomeAssistant, advance: Advance
) -> None:
    """Cold packs every 2 h, stretches every 3 h, then one a day at 18:00; back after."""
    assert state_of(hass, NEXT_REMINDER) == (START + timedelta(hours=3)).isoformat()
    await call(hass, "start_episode")
    await hass.async_block_till_done()
    assert state_of(hass, NEXT_REMINDER) == (START + timedelta(hours=2)).isoformat()
    await call(hass, "set_phase", phase="recovery")
    await hass.async_block_till_done()
    assert state_of(hass, NEXT_REMINDER) == (START + timedelta(hours=3)).isoformat()
    await call(hass, "set_phase", phase="maintenance")
    await hass.async_block_till_done()
    # 18:00 local, eight hours after the 10:00 of START.
    assert state_of(hass, NEXT_REMINDER) == (START + timedelta(hours=8)).isoformat()
    await call(hass, "end_episode")
    await hass.async_block_till_done()
    assert state_of(hass, NEXT_REMINDER) == (START + timedelta(hours=3)).isoformat()


@pytest.mark.parametrize("options", [{"notify_targets": [PHONE]}])
@pytest.mark.parametrize(
    ("phase", "every", "kind"),
    [("acute", 2, "cold"), ("recovery", 3, "stretches")],
)
async def test_done_on_the_phone_logs_what_the_reminder_asked_for(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
    phase: str,
    every: int,
    kind: str,
) -> None:
    """Done and Snooze on the phone; a routine to start is the daily reminder's."""
    sent = async_mock_service(hass, "notify", "mobile_app_phone")
    events = async_capture_events(hass, EVENT_RECOVERY_ROUTINES)
    await setup_integration(hass, config_entry)
    await call(hass, "start_episode")
    await call(hass, "set_phase", phase=phase)
    await advance(timedelta(hours=every))
    reminder = lines(events, "reminder")[-1]
    assert reminder["kind"] == kind
    assert "routine" not in reminder
    [on_the_phone] = [
        message.data["data"]
        for message in sent
        if message.data["data"].get("tag") == REMINDER_TAG
    ]
    done, snooze = on_the_phone["actions"]
    assert (done["title"], snooze["title"]) == ("Done", "Snooze")

    hass.bus.async_fire("mobile_app_notification_action", {"action": done["action"]})
    await hass.async_block_till_done()
    assert lines(events, "completed")[-1]["routine"] == kind


async def test_a_snoozed_reminder_stays_snoozed_when_other_options_change(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """Options are applied in place: the phase's plan, unchanged, keeps the snooze."""
    await call(hass, "start_episode")
    await advance(timedelta(hours=2))
    await call(hass, "snooze_reminder", minutes=30)
    snoozed = (START + timedelta(hours=2, minutes=30)).isoformat()
    assert state_of(hass, NEXT_REMINDER) == snoozed

    hass.config_entries.async_update_entry(
        setup_entry, options={**setup_entry.options, "max_heat_minutes": 25}
    )
    await hass.async_block_till_done()

    assert state_of(hass, NEXT_REMINDER) == snoozed


@pytest.mark.usefixtures("setup_entry")
async def test_reminders_switched_off_stay_off_in_an_episode(
    hass: HomeAssistant,
) -> None:
    """A phase does not switch reminders back on; switched on, they follow it."""
    await hass.services.async_call(
        "switch",
        "turn_off",
        {"entity_id": "switch.back_care_stretch_reminders"},
        blocking=True,
    )
    await call(hass, "start_episode")
    await hass.async_block_till_done()
    assert state_of(hass, NEXT_REMINDER) == "unknown"
    await hass.services.async_call(
        "switch",
        "turn_on",
        {"entity_id": "switch.back_care_stretch_reminders"},
        blocking=True,
    )
    assert state_of(hass, NEXT_REMINDER) == (START + timedelta(hours=2)).isoformat()


@pytest.mark.usefixtures("setup_entry")
async def test_the_episode_by_voice(hass: HomeAssistant) -> None:
    """Start, a check-in, a second start refused, the end, as Assist answers."""
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "conversation", {})
    await hass.async_block_till_done()

    async def say(text: str) -> str:
        result = await conversation.async_converse(
            hass, text, None, Context(), language="en"
        )
        await hass.async_block_till_done()
        speech: str = result.response.speech["plain"]["speech"]
        return speech

    assert (await say("my back just went")).startswith("Sorry your back is hurting.")
    assert state_of(hass, PHASE) == "acute"
    assert await say("my back pain is a 4") == "Pain 4 out of 10 logged. Thank you."
    assert state_of(hass, PAIN) == "4"
    assert await say("I hurt my back") == (
        "An episode is already running (day 1). End it first to start a new one."
    )
    assert (await say("end my episode")).startswith("The episode has ended.")
    assert state_of(hass, PHASE) == "none"
    assert await say("end my episode") == "No episode is running. Start one first."


@pytest.mark.parametrize("options", [{"notify_targets": [PHONE]}])
async def test_notes_have_no_buttons_on_the_phone(
    hass: HomeAssistant, plug: FakePlug, config_entry: MockConfigEntry
) -> None:
    """Cold advised, a professional suggested: notes, no Done or Snooze to press."""
    sent = async_mock_service(hass, "notify", "mobile_app_phone")
    await setup_integration(hass, config_entry)
    await call(hass, "start_episode")
    await start_heat(hass, minutes=5)
    [note] = [
        call.data
        for call in sent
        if call.data["data"]["tag"] == f"recovery_routines_{ENTRY_ID}_heat_advice"
    ]
    assert "cold is usually advised" in note["message"]
    assert "actions" not in note["data"]
    await log_pain(hass, 5, radiating=True)
    [suggestion] = [
        call.data for call in sent if call.data["data"]["tag"] == PROFESSIONAL
    ]
    assert "Consider talking to a professional" in suggestion["message"]
    assert "actions" not in suggestion["data"]


@pytest.mark.parametrize("options", [{"notify_targets": [PHONE]}])
async def test_the_phone_asks_morning_and_evening(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """During an episode, 09:00 and 19:00: an answer of 0 to 10 is a check-in."""
    sent = async_mock_service(hass, "notify", "mobile_app_phone")
    await setup_integration(hass, config_entry)
    tag = f"recovery_routines_{ENTRY_ID}_check_in"

    def questions() -> list[dict[str, Any]]:
        return [
            call.data
            for call in sent
            if call.data["data"]["tag"] == tag
            and call.data["message"] != ("clear_notification")
        ]

    await advance(timedelta(hours=1))
    await call(hass, "start_episode")
    await advance(timedelta(hours=8) - timedelta(minutes=1))
    assert questions() == []
    # Friday 19:00.
    await advance(timedelta(minutes=1))
    [question] = questions()
    assert question["message"] == (
        "How is your back right now, from 0 (no pain) to 10 (worst)?"
    )
    [answer] = question["data"]["actions"]
    assert answer["behavior"] == "textInput"
    assert answer["action"] == f"RECOVERY_ROUTINES_PAIN_{ENTRY_ID}"

    for reply in ("eleven", "12", ""):
        hass.bus.async_fire(
            "mobile_app_notification_action",
            {"action": answer["action"], "reply_text": reply},
        )
    # Another entry's question, its id sorting after this one's and before.
    for other_entry in ("01JSOMEOTHERENTRY", "01JANOTHERENTRY"):
        hass.bus.async_fire(
            "mobile_app_notification_action",
            {"action": f"RECOVERY_ROUTINES_PAIN_{other_entry}", "reply_text": "9"},
        )
    await hass.async_block_till_done()
    assert state_of(hass, PAIN) == "unknown"
    hass.bus.async_fire(
        "mobile_app_notification_action",
        {"action": answer["action"], "reply_text": " 4 "},
    )
    await hass.async_block_till_done()
    assert state_of(hass, PAIN) == "4"
    assert sent[-1].data == {"message": "clear_notification", "data": {"tag": tag}}

    async def hours(count: int) -> None:
        for _hour in range(count):
            await advance(timedelta(hours=1))

    # Not yet at Saturday 08:00; at 09:00, then 19:00; none after the end.
    await hours(13)
    assert len(questions()) == 1
    await hours(1)
    assert len(questions()) == 2
    await hours(10)
    assert len(questions()) == 3
    await call(hass, "end_episode")
    await hours(24)
    assert len(questions()) == 3


@pytest.mark.parametrize(
    "options",
    [
        {
            "notify_targets": [
                "notify.mobile_app_anna_s_iphone",
                "notify.mobile_app_alex_s_pixel",
            ]
        }
    ],
)
async def test_the_check_in_has_a_button_per_level_on_apple_phones(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """An iPhone shows buttons 0 to 10; Android shows three, so it gets a typed answer.

    The Android phone's name sorts before the iPhone's: only the same name counts.
    """
    for name, system in (("Anna's iPhone", "iOS"), ("Alex's Pixel", "Android")):
        MockConfigEntry(
            domain="mobile_app", data={"device_name": name, "os_name": system}
        ).add_to_hass(hass)
    iphone = async_mock_service(hass, "notify", "mobile_app_anna_s_iphone")
    pixel = async_mock_service(hass, "notify", "mobile_app_alex_s_pixel")
    await setup_integration(hass, config_entry)
    await call(hass, "start_episode")
    # Friday 19:00.
    for _hour in range(9):
        await advance(timedelta(hours=1))
    tag = f"recovery_routines_{ENTRY_ID}_check_in"

    def questions(sent: list[ServiceCall]) -> list[dict[str, Any]]:
        return [
            call.data
            for call in sent
            if call.data["data"]["tag"] == tag
            and call.data["message"] != "clear_notification"
        ]

    [on_iphone] = questions(iphone)
    [on_pixel] = questions(pixel)
    buttons = on_iphone["data"]["actions"]
    assert [button["title"] for button in buttons] == [str(n) for n in range(11)]
    [answer] = on_pixel["data"]["actions"]
    assert answer["behavior"] == "textInput"

    # A tap on another entry's 7 is not ours.
    hass.bus.async_fire(
        "mobile_app_notification_action",
        {"action": "RECOVERY_ROUTINES_PAIN_7_01JSOMEOTHERENTRY"},
    )
    await hass.async_block_till_done()
    assert state_of(hass, PAIN) == "unknown"
    for tapped in ("0", "7"):
        [button] = [button for button in buttons if button["title"] == tapped]
        hass.bus.async_fire(
            "mobile_app_notification_action", {"action": button["action"]}
        )
        await hass.async_block_till_done()
        assert state_of(hass, PAIN) == tapped
    for sent in (iphone, pixel):
        assert sent[-1].data == {"message": "clear_notification", "data": {"tag": tag}}
    # The typed answer on Android: 0 to 10, nothing else.
    for reply, logged in (("10", "10"), ("11", "10"), ("0", "0"), ("-1", "0")):
        hass.bus.async_fire(
            "mobile_app_notification_action",
            {"action": answer["action"], "reply_text": reply},
        )
        await hass.async_block_till_done()
        assert state_of(hass, PAIN) == logged, reply
