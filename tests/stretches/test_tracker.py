"""Stretch reminders, today's list, cold packs and the history, over days."""

from __future__ import annotations

from datetime import datetime, timedelta
import logging
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_mock_service,
)

from ..conftest import (
    COLD_ENDS,
    COLD_PACK,
    ENTRY_ID,
    INTERVAL,
    LAST_STRETCH,
    NEXT_REMINDER,
    PHONE,
    REMINDER_TAG,
    REMINDERS,
    ROUTINE_EVENTS,
    SNOOZE,
    START,
    STORAGE_KEY,
    STREAK,
    STRETCHES_DONE,
    STRETCHES_TODAY,
    TODO,
    Advance,
    FakePlug,
    ReadNotifications,
    call,
    fill_options,
    last_event,
    setup_integration,
    state_of,
)

COLD_ID = f"recovery_routines_{ENTRY_ID}_cold_pack"


def local(day_offset: int, hour: int, minute: int = 0) -> datetime:
    """Return a local time, `day_offset` days after the first test day, in UTC."""
    day = dt_util.as_local(START).date() + timedelta(days=day_offset)
    return dt_util.as_utc(
        datetime(
            day.year,
            day.month,
            day.day,
            hour,
            minute,
            tzinfo=dt_util.get_default_time_zone(),
        )
    )


async def advance_to(advance: Advance, when: datetime) -> None:
    """Move the clock to `when`."""
    await advance(when - dt_util.utcnow())


async def todo_items(hass: HomeAssistant) -> list[dict[str, Any]]:
    """Return the items of today's stretch list."""
    response = await hass.services.async_call(
        "todo", "get_items", {"entity_id": TODO}, blocking=True, return_response=True
    )
    assert isinstance(response, dict)
    items: list[dict[str, Any]] = response[TODO]["items"]
    return items


async def press(hass: HomeAssistant, entity_id: str) -> None:
    """Press a button."""
    await hass.services.async_call(
        "button", "press", {"entity_id": entity_id}, blocking=True
    )


# ----- reminders ----------------------------------------------------------


@pytest.mark.usefixtures("setup_entry")
async def test_reminders_every_few_hours_in_waking_hours(
    hass: HomeAssistant,
    read_notifications: ReadNotifications,
    advance: Advance,
) -> None:
    """Every 3 hours from setup; none between 21:00 and 08:00."""
    assert state_of(hass, REMINDERS) == "on"
    assert state_of(hass, INTERVAL) == "180"
    interval = hass.states.get(INTERVAL)
    assert interval is not None
    # From a quarter of an hour to 12 hours, in steps of 5 minutes.
    assert (
        interval.attributes["min"],
        interval.attributes["max"],
        interval.attributes["step"],
    ) == (15, 720, 5)
    assert state_of(hass, NEXT_REMINDER) == local(0, 13).isoformat()

    await advance_to(advance, local(0, 13))
    assert last_event(hass, ROUTINE_EVENTS)["event_type"] == "reminder"
    notification = (await read_notifications())[REMINDER_TAG]
    assert notification["title"] == "Back care"
    assert notification["message"].startswith("Time to stretch: Child's pose, ")
    assert state_of(hass, NEXT_REMINDER) == local(0, 16).isoformat()
    # An automation on the event reads when the next one comes.
    assert last_event(hass, ROUTINE_EVENTS)["next_reminder"] == local(0, 16).isoformat()

    await advance_to(advance, local(0, 16))
    await advance_to(advance, local(0, 19))
    # 22:00 is outside the window: the next one is at 08:00.
    assert state_of(hass, NEXT_REMINDER) == local(1, 8).isoformat()
    await advance_to(advance, local(1, 7, 59))
    assert last_event(hass, ROUTINE_EVENTS)["due"] == local(0, 19).isoformat()
    await advance_to(advance, local(1, 8))
    assert last_event(hass, ROUTINE_EVENTS)["due"] == local(1, 8).isoformat()


@pytest.mark.parametrize(
    "options", [{"active_start": "22:00:00", "active_end": "06:00:00"}]
)
@pytest.mark.usefixtures("setup_entry")
async def test_window_across_midnight(hass: HomeAssistant, advance: Advance) -> None:
    """A night-shift window from 22:00 to 06:00."""
    assert state_of(hass, NEXT_REMINDER) == local(0, 22).isoformat()
    await advance_to(advance, local(0, 22))
    assert state_of(hass, NEXT_REMINDER) == local(1, 1).isoformat()
    await advance_to(advance, local(1, 1))
    await advance_to(advance, local(1, 4))
    assert state_of(hass, NEXT_REMINDER) == local(1, 22).isoformat()


@pytest.mark.usefixtures("setup_entry")
async def test_a_stretch_restarts_the_interval_and_clears_the_reminder(
    hass: HomeAssistant, read_notifications: ReadNotifications, advance: Advance
) -> None:
    """Reminders follow the last completion, whatever route logged it."""
    await advance_to(advance, local(0, 13))
    assert REMINDER_TAG in await read_notifications()

    await advance_to(advance, local(0, 14))
    await call(hass, "log_completion", routine="cat-cow")
    assert REMINDER_TAG not in await read_notifications()
    assert state_of(hass, NEXT_REMINDER) == local(0, 17).isoformat()
    assert state_of(hass, LAST_STRETCH) == local(0, 14).isoformat()
    assert state_of(hass, STRETCHES_TODAY) == "1"

    # A shorter interval counts from the last stretch.
    await hass.services.async_call(
        "number", "set_value", {"entity_id": INTERVAL, "value": 60}, blocking=True
    )
    assert state_of(hass, NEXT_REMINDER) == local(0, 15).isoformat()
    await advance_to(advance, local(0, 16, 30))
    await hass.services.async_call(
        "number", "set_value", {"entity_id": INTERVAL, "value": 15}, blocking=True
    )
    await advance(timedelta())
    # Already overdue: it fires at once, then 15 minutes later again.
    assert last_event(hass, ROUTINE_EVENTS)["event_type"] == "reminder"
    assert state_of(hass, NEXT_REMINDER) == local(0, 16, 45).isoformat()


@pytest.mark.usefixtures("setup_entry")
async def test_snooze(hass: HomeAssistant, advance: Advance) -> None:
    """Snooze moves the next reminder; off reminders cannot be snoozed."""
    await advance_to(advance, local(0, 13))
    await press(hass, SNOOZE)
    assert state_of(hass, NEXT_REMINDER) == local(0, 13, 30).isoformat()
    snoozed = last_event(hass, ROUTINE_EVENTS)
    assert snoozed["event_type"] == "snoozed"
    assert snoozed["next_reminder"] == local(0, 13, 30).isoformat()

    await call(hass, "snooze_reminder", minutes=10)
    assert state_of(hass, NEXT_REMINDER) == local(0, 13, 10).isoformat()
    # Snoozed past the end of the window: the next morning.
    await call(hass, "snooze_reminder", minutes=600)
    assert state_of(hass, NEXT_REMINDER) == local(1, 8).isoformat()

    await hass.services.async_call(
        "switch", "turn_off", {"entity_id": REMINDERS}, blocking=True
    )
    with pytest.raises(ServiceValidationError, match="reminders are off"):
        await press(hass, SNOOZE)


@pytest.mark.usefixtures("setup_entry")
async def test_reminders_off_keeps_the_history(
    hass: HomeAssistant, advance: Advance
) -> None:
    """Off: no reminders, the counters stay; on: the interval starts again."""
    await press(hass, STRETCHES_DONE)
    assert state_of(hass, STRETCHES_TODAY) == "7"
    await hass.services.async_call(
        "switch", "turn_off", {"entity_id": REMINDERS}, blocking=True
    )
    assert state_of(hass, NEXT_REMINDER) == "unknown"
    await advance_to(advance, local(0, 20))
    assert last_event(hass, ROUTINE_EVENTS)["event_type"] == "completed"
    assert state_of(hass, STRETCHES_TODAY) == "7"
    assert state_of(hass, STREAK) == "1"

    await hass.services.async_call(
        "switch", "turn_on", {"entity_id": REMINDERS}, blocking=True
    )
    # 23:00 is outside the window.
    assert state_of(hass, NEXT_REMINDER) == local(1, 8).isoformat()


@pytest.mark.parametrize("options", [{"notify_targets": [PHONE]}])
async def test_phone_gets_done_and_snooze_buttons(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """The mobile app's buttons log the routine or snooze the reminder."""
    sent = async_mock_service(hass, "notify", "mobile_app_phone")
    await setup_integration(hass, config_entry)

    await advance_to(advance, local(0, 13))
    assert len(sent) == 1
    data = sent[0].data
    assert data["title"] == "Back care"
    assert data["data"]["tag"] == REMINDER_TAG
    assert [action["title"] for action in data["data"]["actions"]] == [
        "Done",
        "Snooze",
    ]
    done, snooze = (action["action"] for action in data["data"]["actions"])

    hass.bus.async_fire("mobile_app_notification_action", {"action": snooze})
    await hass.async_block_till_done()
    assert state_of(hass, NEXT_REMINDER) == local(0, 13, 30).isoformat()
    assert sent[-1].data == {
        "message": "clear_notification",
        "data": {"tag": REMINDER_TAG},
    }

    # Another entry's buttons, or anybody else's, are not ours (whether
    # their ids sort before or after ours).
    notifications = len(sent)
    for foreign in (
        "OTHER",
        "ZZ_WATER_THE_PLANTS",
        done.replace(ENTRY_ID, "01JSOMEOTHERENTRY"),
        snooze.replace(ENTRY_ID, "01JZZOTHERENTRY"),
    ):
        hass.bus.async_fire("mobile_app_notification_action", {"action": foreign})
        await hass.async_block_till_done()
    assert state_of(hass, STRETCHES_TODAY) == "0"
    assert state_of(hass, STREAK) == "0"
    assert state_of(hass, NEXT_REMINDER) == local(0, 13, 30).isoformat()
    assert len(sent) == notifications

    hass.bus.async_fire("mobile_app_notification_action", {"action": done})
    await hass.async_block_till_done()
    assert state_of(hass, STRETCHES_TODAY) == "7"
    assert state_of(hass, STREAK) == "1"
    assert sent[-1].data["message"] == "clear_notification"


@pytest.mark.parametrize(
    "options", [{"notify_targets": ["notify.kitchen_display", "notify.flaky"]}]
)
async def test_notify_entities_and_failing_targets(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A notify entity gets plain text; a failing target does not stop others."""
    hass.states.async_set("notify.kitchen_display", "unknown")
    to_entities = async_mock_service(hass, "notify", "send_message")

    async def _fail(call: Any) -> None:
        raise ServiceValidationError("offline")

    hass.services.async_register("notify", "flaky", _fail)
    await setup_integration(hass, config_entry)

    await advance_to(advance, local(0, 13))
    assert to_entities[0].data["entity_id"] == "notify.kitchen_display"
    assert "Could not notify notify.flaky" in caplog.text


# ----- restarts -------------------------------------------------------------


def stored_routines(**routines: Any) -> dict[str, Any]:
    """Return a store left by a previous run, with these routine fields."""
    return {
        "version": 1,
        "minor_version": 1,
        "key": STORAGE_KEY,
        "data": {
            "heat": {
                "heat_duration": 20,
                "session": None,
                "heat_on_since": None,
                "off_pending": False,
                "intervals": [],
            },
            "routines": {
                "log": [],
                "reminders_enabled": True,
                "reminder_interval": 180,
                "next_reminder": None,
                "last_reminder": None,
                "cold": None,
                "checklist_day": None,
                "checked": [],
                "added": [],
            }
            | routines,
        },
    }


@pytest.mark.parametrize(
    ("due_at", "fired_already", "fires", "next_at"),
    [
        ((9, 0), False, True, (13, 0)),
        ((9, 0), True, False, (13, 0)),
        ((10, 0), True, False, (13, 0)),
        ((11, 30), False, False, (11, 30)),
    ],
    ids=[
        "fell due at 09:00 while down, now in the window",
        "fired already: never twice",
        "fired at the very moment of start-up: not again",
        "due later: not early",
    ],
)
async def test_reminder_due_while_down_fires_once(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
    due_at: tuple[int, int],
    fired_already: bool,
    fires: bool,
    next_at: tuple[int, int],
) -> None:
    """A reminder missed during a restart fires once, at start-up (10:00)."""
    # Computed here, not at collection: the time zone is the test's.
    due = local(0, *due_at)
    hass_storage[STORAGE_KEY] = stored_routines(
        next_reminder=due.isoformat(),
        last_reminder=due.isoformat() if fired_already else None,
    )
    await setup_integration(hass, config_entry)
    event = hass.states.get(ROUTINE_EVENTS)
    assert event is not None
    assert (event.attributes.get("event_type") == "reminder") is fires
    assert state_of(hass, NEXT_REMINDER) == local(0, *next_at).isoformat()


async def test_reminder_due_while_down_at_night_waits_for_morning(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
    freezer: Any,
) -> None:
    """Outside waking hours a missed reminder moves to the morning."""
    freezer.move_to(local(0, 23))
    hass_storage[STORAGE_KEY] = stored_routines(next_reminder=local(0, 20).isoformat())
    await setup_integration(hass, config_entry)
    assert state_of(hass, NEXT_REMINDER) == local(1, 8).isoformat()
    event = hass.states.get(ROUTINE_EVENTS)
    assert event is not None
    assert event.state == "unknown"


async def test_schedule_and_cold_pack_survive_a_restart(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """A future reminder and a running cold pack continue after a restart."""
    hass_storage[STORAGE_KEY] = stored_routines(
        next_reminder=local(0, 11).isoformat(),
        reminder_interval=60,
        cold=[local(0, 9, 50).isoformat(), local(0, 10, 5).isoformat()],
        log=[[local(-1, 12).isoformat(), "stretches", None, None]],
        checklist_day=dt_util.as_local(START).date().isoformat(),
        checked=["cat_cow"],
    )
    await setup_integration(hass, config_entry)
    assert state_of(hass, NEXT_REMINDER) == local(0, 11).isoformat()
    assert state_of(hass, INTERVAL) == "60"
    assert state_of(hass, COLD_ENDS) == local(0, 10, 5).isoformat()
    assert state_of(hass, STREAK) == "1"
    items = await todo_items(hass)
    assert [item["status"] for item in items].count("completed") == 1

    await advance(timedelta(minutes=5))
    assert state_of(hass, COLD_PACK) == "off"
    assert last_event(hass, ROUTINE_EVENTS)["event_type"] == "cold_completed"
    assert last_event(hass, ROUTINE_EVENTS)["minutes"] == 15.0


async def test_cold_pack_that_ended_while_down_ends_at_start_up(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    read_notifications: ReadNotifications,
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """Its alert comes at start-up; the history gets its planned minutes."""
    hass_storage[STORAGE_KEY] = stored_routines(
        cold=[local(0, 8).isoformat(), local(0, 8, 20).isoformat()]
    )
    await setup_integration(hass, config_entry)
    assert state_of(hass, COLD_PACK) == "off"
    assert last_event(hass, ROUTINE_EVENTS)["minutes"] == 20.0
    assert COLD_ID in await read_notifications()


async def test_unreadable_routines_are_replaced(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A corrupt history is reported and replaced; heat still works."""
    content = stored_routines()
    content["data"]["routines"]["log"] = [["not a time", "stretches", None, None]]
    hass_storage[STORAGE_KEY] = content
    await setup_integration(hass, config_entry)
    assert "could not be read and is replaced" in caplog.text
    assert state_of(hass, STRETCHES_TODAY) == "0"
    plug.press_button(True)
    await hass.async_block_till_done()
    assert state_of(hass, "switch.back_care_heat_session") == "on"


async def test_a_line_stored_twice_opens_again_with_one_untick(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    config_entry: MockConfigEntry,
) -> None:
    """A list saved by an older version with a line ticked twice still opens."""
    today = dt_util.as_local(START).date().isoformat()
    hass_storage[STORAGE_KEY] = stored_routines(
        checklist_day=today, checked=["cat_cow", "cat_cow"]
    )
    await setup_integration(hass, config_entry)
    await hass.services.async_call(
        "todo",
        "update_item",
        {"entity_id": TODO, "item": "Cat-cow", "status": "needs_action"},
        blocking=True,
    )
    items = {item["summary"]: item["status"] for item in await todo_items(hass)}
    assert items["Cat-cow"] == "needs_action"


async def test_history_is_bounded(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """More than a year is kept; older entries are dropped."""
    hass_storage[STORAGE_KEY] = stored_routines(
        log=[
            [local(-500, 12).isoformat(), "stretches", None, None],
            [local(-366, 12).isoformat(), "stretches", None, None],
        ]
    )
    await setup_integration(hass, config_entry)
    await call(hass, "log_completion", routine="heat", note="before bed")
    await hass.async_block_till_done()
    log = hass_storage[STORAGE_KEY]["data"]["routines"]["log"]
    assert [entry[0] for entry in log] == [
        local(-366, 12).isoformat(),
        START.isoformat(),
    ]
    assert log[1][1:] == ["heat", None, "before bed"]


# ----- today's list, counters and the streak ---------------------------------


@pytest.mark.usefixtures("setup_entry")
async def test_todo_list_over_a_few_days(hass: HomeAssistant, advance: Advance) -> None:
    """Check stretches off, add one for the day; it all resets at midnight."""
    items = await todo_items(hass)
    assert [item["summary"] for item in items] == [
        "Child's pose",
        "Knee-to-chest",
        "Cat-cow",
        "Hip lifts",
        "Seated twist",
        "Lying twist",
        "Hamstring stretch",
    ]
    assert state_of(hass, TODO) == "7"

    await hass.services.async_call(
        "todo",
        "update_item",
        {"entity_id": TODO, "item": "Cat-cow", "status": "completed"},
        blocking=True,
    )
    assert state_of(hass, STRETCHES_TODAY) == "1"
    assert last_event(hass, ROUTINE_EVENTS)["routine"] == "Cat-cow"
    # Opening it again leaves the history alone.
    await hass.services.async_call(
        "todo",
        "update_item",
        {"entity_id": TODO, "item": "Cat-cow", "status": "needs_action"},
        blocking=True,
    )
    assert state_of(hass, STRETCHES_TODAY) == "1"

    await hass.services.async_call(
        "todo", "add_item", {"entity_id": TODO, "item": "Walk"}, blocking=True
    )
    await hass.services.async_call(
        "todo",
        "update_item",
        {"entity_id": TODO, "item": "Walk", "rename": "Short walk"},
        blocking=True,
    )
    await hass.services.async_call(
        "todo",
        "update_item",
        {"entity_id": TODO, "item": "Short walk", "status": "completed"},
        blocking=True,
    )
    await hass.services.async_call(
        "todo",
        "update_item",
        {"entity_id": TODO, "item": "Short walk", "status": "needs_action"},
        blocking=True,
    )
    await hass.services.async_call(
        "todo", "add_item", {"entity_id": TODO, "item": "Swim"}, blocking=True
    )
    await hass.services.async_call(
        "todo", "remove_item", {"entity_id": TODO, "item": ["Swim"]}, blocking=True
    )
    assert len(await todo_items(hass)) == 8
    with pytest.raises(ServiceValidationError, match="comes from the options"):
        await hass.services.async_call(
            "todo",
            "update_item",
            {"entity_id": TODO, "item": "Cat-cow", "rename": "Cow-cat"},
            blocking=True,
        )
    with pytest.raises(ServiceValidationError, match="comes from the options"):
        await hass.services.async_call(
            "todo",
            "remove_item",
            {"entity_id": TODO, "item": ["Cat-cow"]},
            blocking=True,
        )

    # Checking every stretch off completes the routine: day 1 of the streak.
    for item in await todo_items(hass):
        if item["summary"] != "Short walk":
            await hass.services.async_call(
                "todo",
                "update_item",
                {"entity_id": TODO, "item": item["uid"], "status": "completed"},
                blocking=True,
            )
    assert state_of(hass, STREAK) == "1"
    # Cat-cow was checked off twice, the walk once, and six more stretches.
    assert state_of(hass, STRETCHES_TODAY) == "9"

    await advance_to(advance, local(1, 0))
    assert state_of(hass, STRETCHES_TODAY) == "0"
    assert state_of(hass, STREAK) == "1"  # today is not over yet
    items = await todo_items(hass)
    assert len(items) == 7
    assert {item["status"] for item in items} == {"needs_action"}

    await advance_to(advance, local(1, 9))
    await call(hass, "log_completion", routine="stretches", note="easier")
    assert state_of(hass, STREAK) == "2"
    # Logging it twice a day counts the day once.
    await press(hass, STRETCHES_DONE)
    assert state_of(hass, STREAK) == "2"

    await advance_to(advance, local(3, 9))
    assert state_of(hass, STREAK) == "0"


@pytest.mark.usefixtures("setup_entry")
async def test_log_completion_names(hass: HomeAssistant) -> None:
    """Stretch names in any case; heat and cold; nothing else."""
    await call(hass, "log_completion", routine="HIP LIFTS")
    assert last_event(hass, ROUTINE_EVENTS)["routine"] == "Hip lifts"
    await call(hass, "log_completion", routine="cold", note="ice")
    assert last_event(hass, ROUTINE_EVENTS)["routine"] == "cold"
    assert state_of(hass, STRETCHES_TODAY) == "1"
    with pytest.raises(ServiceValidationError) as refusal:
        await call(hass, "log_completion", routine="Yoga")
    assert refusal.value.translation_key == "unknown_routine"
    assert "Child's pose" in refusal.value.translation_placeholders["routines"]


@pytest.mark.usefixtures("setup_entry")
async def test_counters_follow_a_time_zone_change(hass: HomeAssistant) -> None:
    """Today is rebuilt from the log in the new time zone."""
    await press(hass, STRETCHES_DONE)
    assert state_of(hass, STRETCHES_TODAY) == "7"
    # 10:00 in California is already the next day in Tokyo.
    await hass.config.async_update(time_zone="Asia/Tokyo")
    await hass.async_block_till_done()
    assert state_of(hass, STRETCHES_TODAY) == "7"
    assert state_of(hass, STREAK) == "1"
    assert {item["status"] for item in await todo_items(hass)} == {"needs_action"}


@pytest.mark.parametrize("options", [{"stretches": []}])
@pytest.mark.usefixtures("setup_entry")
async def test_no_stretches_configured(hass: HomeAssistant) -> None:
    """An empty list still logs the routine by its name."""
    assert await todo_items(hass) == []
    await press(hass, STRETCHES_DONE)
    assert state_of(hass, STREAK) == "1"
    assert state_of(hass, STRETCHES_TODAY) == "0"


# ----- cold packs -----------------------------------------------------------


@pytest.mark.usefixtures("setup_entry")
async def test_cold_pack(
    hass: HomeAssistant, read_notifications: ReadNotifications, advance: Advance
) -> None:
    """15 minutes by default, never more than 20, with an alert at the end."""
    await hass.services.async_call(
        "switch", "turn_on", {"entity_id": COLD_PACK}, blocking=True
    )
    assert state_of(hass, COLD_ENDS) == (START + timedelta(minutes=15)).isoformat()
    with pytest.raises(ServiceValidationError, match="already on until 10:15"):
        await call(hass, "start_cold_pack")
    await hass.services.async_call(
        "switch", "turn_on", {"entity_id": COLD_PACK}, blocking=True
    )
    await advance(timedelta(minutes=15))
    assert state_of(hass, COLD_PACK) == "off"
    assert state_of(hass, COLD_ENDS) == "unknown"
    notification = (await read_notifications())[COLD_ID]
    assert notification["message"] == "Time to remove the cold pack."

    with pytest.raises(ServiceValidationError, match="at most 20 minutes"):
        await call(hass, "start_cold_pack", minutes=25)
    response = await hass.services.async_call(
        "recovery_routines",
        "start_cold_pack",
        {"minutes": 10},
        blocking=True,
        return_response=True,
    )
    assert response == {
        "ends_at": (dt_util.utcnow() + timedelta(minutes=10)).isoformat()
    }
    await advance(timedelta(minutes=4))
    await call(hass, "stop_cold_pack")
    assert last_event(hass, ROUTINE_EVENTS)["event_type"] == "cold_stopped"
    assert last_event(hass, ROUTINE_EVENTS)["minutes"] == 4.0
    await hass.services.async_call(
        "switch", "turn_off", {"entity_id": COLD_PACK}, blocking=True
    )


# ----- options --------------------------------------------------------------


@pytest.mark.parametrize("target", ["light.kitchen", "script.remind_me"])
async def test_an_entity_that_cannot_notify_is_no_target(
    hass: HomeAssistant, setup_entry: MockConfigEntry, target: str
) -> None:
    """A light or a script that exists is still no place to send a reminder."""
    hass.states.async_set(target, "off")
    result = await hass.config_entries.options.async_init(setup_entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], fill_options(result, {"notify_targets": [target]})
    )
    assert result["errors"] == {"notifications": "unknown_notify_target"}


async def test_routine_options(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """New stretches, window and cold-pack length apply in place."""
    async_mock_service(hass, "notify", "mobile_app_phone")
    result = await hass.config_entries.options.async_init(setup_entry.entry_id)
    user_input = {
        "stretches": ["Cat-cow", " ", "Bridge "],
        "active_start": "11:00:00",
        "active_end": "20:00:00",
        "notify_targets": ["notify.nowhere"],
        "cold_minutes": 25,
    }
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], fill_options(result, user_input)
    )
    assert result["errors"] == {
        "notifications": "unknown_notify_target",
        "cold_packs": "cold_minutes_out_of_range",
    }
    assert result["description_placeholders"] == {"notify_targets_found": "1"}
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        fill_options(
            result, user_input | {"notify_targets": [PHONE], "cold_minutes": 12}
        ),
    )
    await hass.async_block_till_done()
    assert setup_entry.options["stretches"] == ["Cat-cow", "Bridge"]
    assert [item["summary"] for item in await todo_items(hass)] == ["Cat-cow", "Bridge"]
    assert state_of(hass, NEXT_REMINDER) == local(0, 13).isoformat()
    await call(hass, "start_cold_pack")
    assert state_of(hass, COLD_ENDS) == (START + timedelta(minutes=12)).isoformat()

    hass.config_entries.async_update_entry(
        setup_entry, options=setup_entry.options | {"active_start": "14:00:00"}
    )
    await hass.async_block_till_done()
    assert state_of(hass, NEXT_REMINDER) == local(0, 14).isoformat()


async def test_reminders_stay_off_across_a_restart(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """Off stays off; the interval, options and stretches leave it off."""
    hass_storage[STORAGE_KEY] = stored_routines(reminders_enabled=False)
    await setup_integration(hass, config_entry)
    assert state_of(hass, REMINDERS) == "off"
    await hass.services.async_call(
        "number", "set_value", {"entity_id": INTERVAL, "value": 30}, blocking=True
    )
    await press(hass, STRETCHES_DONE)
    hass.config_entries.async_update_entry(
        config_entry, options={"active_start": "09:00:00"}
    )
    await advance_to(advance, local(0, 20))
    assert state_of(hass, NEXT_REMINDER) == "unknown"
    assert state_of(hass, INTERVAL) == "30"
    assert last_event(hass, ROUTINE_EVENTS)["event_type"] == "completed"


@pytest.mark.parametrize(
    "options", [{"active_start": "00:00:00", "active_end": "00:00:00"}]
)
@pytest.mark.usefixtures("setup_entry")
async def test_window_of_the_whole_day(hass: HomeAssistant, advance: Advance) -> None:
    """The same start and end: reminders at any hour."""
    await advance_to(advance, local(0, 22))
    await advance_to(advance, local(1, 1))
    assert state_of(hass, NEXT_REMINDER) == local(1, 4).isoformat()


@pytest.mark.parametrize(
    "options",
    [{"notify_targets": [PHONE, "notify.kitchen_display", "notify.family_email"]}],
)
async def test_cold_pack_alert_on_the_phone(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """The cold-pack alert has no buttons; clearing skips plain targets.

    Only the mobile app can clear a notification: a notify entity and a
    plain notify service (e-mail, say) get the alert and nothing more.
    """
    sent = async_mock_service(hass, "notify", "mobile_app_phone")
    hass.states.async_set("notify.kitchen_display", "unknown")
    to_entities = async_mock_service(hass, "notify", "send_message")
    to_email = async_mock_service(hass, "notify", "family_email")
    await setup_integration(hass, config_entry)
    await call(hass, "start_cold_pack")
    await advance(timedelta(minutes=15))
    assert sent[-1].data["message"] == "Time to remove the cold pack."
    assert "actions" not in sent[-1].data["data"]
    assert to_entities[-1].data["message"] == "Time to remove the cold pack."
    assert [service_call.data for service_call in to_email] == [
        {"title": "Back care", "message": "Time to remove the cold pack."}
    ]
    await press(hass, STRETCHES_DONE)
    await hass.async_block_till_done()
    assert sent[-1].data["message"] == "clear_notification"
    assert len(to_entities) == 1
    assert len(to_email) == 1


async def test_garbage_in_the_store_is_replaced(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A store that is not even a dictionary does not stop the setup."""
    hass_storage[STORAGE_KEY] = stored_routines() | {"data": "garbage"}
    await setup_integration(hass, config_entry)
    assert "could not be read and is replaced" in caplog.text
    assert state_of(hass, NEXT_REMINDER) == local(0, 13).isoformat()


async def test_heat_transitions_are_in_the_debug_log(
    hass: HomeAssistant,
    setup_entry: MockConfigEntry,
    advance: Advance,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Each heat event leaves a debug line, as troubleshooting says."""
    caplog.set_level(logging.DEBUG, logger="custom_components.recovery_routines")
    await hass.services.async_call(
        "recovery_routines", "start_heat", {"minutes": 5}, blocking=True
    )
    await call(hass, "stop_heat")
    lines = [
        record.getMessage()
        for record in caplog.records
        if record.levelno == logging.DEBUG and ": heat " in record.getMessage()
    ]
    assert [line.split(" {")[0] for line in lines] == [
        "Back care: heat started",
        "Back care: heat stopped",
    ]
