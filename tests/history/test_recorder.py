"""What a session costs in the recorder database."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.recorder import Recorder
from homeassistant.components.recorder.db_schema import States, StatesMeta
from homeassistant.components.recorder.util import session_scope
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
    do_adhoc_statistics,
)
from sqlalchemy import func
import yaml

from ..conftest import (
    DURATION,
    EVENTS,
    HEAT_ENTITIES,
    HEAT_TODAY,
    INTERVAL,
    LAST_STRETCH,
    NEXT_REMINDER,
    ROUTINE_ENTITIES,
    ROUTINE_EVENTS,
    START,
    STREAK,
    STRETCHES_DONE,
    STRETCHES_TODAY,
    TODO,
    Advance,
    FakePlug,
    FreshWebSocket,
    call,
    last_event,
    read_logbook,
    setup_integration,
    start_heat,
    state_of,
)

REPO = Path(__file__).parent.parent.parent


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    recorder_db_url: str, enable_custom_integrations: None
) -> None:
    """Prepare the recorder database before Home Assistant starts."""


async def _rows_per_entity(
    hass: HomeAssistant, recorder: Recorder, entity_ids: tuple[str, ...] = HEAT_ENTITIES
) -> dict[str, int]:
    await async_wait_recording_done(hass)

    def _count() -> dict[str, int]:
        with session_scope(hass=hass, read_only=True) as session:
            rows = (
                session.query(StatesMeta.entity_id, func.count(States.state_id))
                .join(States, States.metadata_id == StatesMeta.metadata_id)
                .group_by(StatesMeta.entity_id)
                .all()
            )
        return {
            entity_id: count for entity_id, count in rows if entity_id in entity_ids
        }

    return await recorder.async_add_executor_job(_count)


async def test_a_session_writes_state_only_at_transitions(
    recorder_mock: Recorder,
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """A 20-minute session costs 9 state rows across all the entities.

    Start: the switch, the end time, the status and the event (4). End: the
    same four again, and heat today (5). Nothing in between: the frontend
    counts down from the end time.
    """
    await setup_integration(hass, config_entry)
    before = await _rows_per_entity(hass, recorder_mock)

    await start_heat(hass)
    for _ in range(20):
        await advance(timedelta(minutes=1))
    assert state_of(hass, "switch.heating_pad") == "off"

    after = await _rows_per_entity(hass, recorder_mock)
    written = {
        entity_id: after.get(entity_id, 0) - before.get(entity_id, 0)
        for entity_id in HEAT_ENTITIES
    }
    assert written == {
        "switch.back_care_heat_session": 2,
        "sensor.back_care_heat_session_ends": 2,
        "sensor.back_care_heat_status": 2,
        "number.back_care_heat_duration": 0,
        "sensor.back_care_heat_today": 1,
        "event.back_care_heat_events": 2,
    }
    assert sum(written.values()) == 9  # the issue allows 10


async def test_a_day_of_reminders_and_completions(
    recorder_mock: Recorder,
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """5 reminders and 5 completions in a day write 32 state rows.

    Each reminder: the event and the next reminder time (2). The first
    completion of the day: the button, the event, stretches today, the last
    stretch, the next reminder, the open count of the list and the streak
    (7). Each later one changes no counter: the button, the event, the last
    stretch and the next reminder (4), except that the last one leaves the
    next reminder at 08:00 tomorrow, where the last reminder put it (3).
    5 x 2 + 7 + 3 x 4 + 3 = 32. Nothing is written between transitions.
    """
    await setup_integration(hass, config_entry)
    await hass.services.async_call(
        "number", "set_value", {"entity_id": INTERVAL, "value": 120}, blocking=True
    )
    await hass.async_block_till_done()
    before = await _rows_per_entity(hass, recorder_mock, ROUTINE_ENTITIES)

    for _ in range(5):
        await advance(timedelta(minutes=120))
        assert last_event(hass, ROUTINE_EVENTS)["event_type"] == "reminder"
        await advance(timedelta(minutes=10))
        await hass.services.async_call(
            "button", "press", {"entity_id": STRETCHES_DONE}, blocking=True
        )
    assert state_of(hass, STREAK) == "1"

    after = await _rows_per_entity(hass, recorder_mock, ROUTINE_ENTITIES)
    written = {
        entity_id: after.get(entity_id, 0) - before.get(entity_id, 0)
        for entity_id in ROUTINE_ENTITIES
        if after.get(entity_id, 0) != before.get(entity_id, 0)
    }
    assert written == {
        STRETCHES_DONE: 5,
        ROUTINE_EVENTS: 10,
        NEXT_REMINDER: 9,
        LAST_STRETCH: 5,
        STRETCHES_TODAY: 1,
        STREAK: 1,
        TODO: 1,
    }
    assert sum(written.values()) == 32


async def test_logbook_tells_the_story(
    recorder_mock: Recorder,
    hass: HomeAssistant,
    fresh_ws_client: FreshWebSocket,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """Sessions and completions read as sentences in the logbook."""
    assert await async_setup_component(hass, "logbook", {})
    await setup_integration(hass, config_entry)

    await start_heat(hass)
    await advance(timedelta(minutes=20))
    await call(hass, "log_completion", routine="Cat-cow", note="easy")
    await call(hass, "log_completion", routine="stretches")
    await call(hass, "log_completion", routine="heat")
    await call(hass, "log_completion", routine="cold", note="ice")
    # A line of one's own, typed in lower case: it sorts after "heat".
    await hass.services.async_call(
        "todo", "add_item", {"entity_id": TODO, "item": "pelvic tilts"}, blocking=True
    )
    await call(hass, "log_completion", routine="pelvic tilts")
    await call(hass, "snooze_reminder", minutes=30)
    await call(hass, "start_cold_pack", minutes=5)
    await call(hass, "stop_cold_pack")
    await call(hass, "start_cold_pack", minutes=5)
    await advance(timedelta(minutes=5))
    await advance(timedelta(minutes=30))  # the snoozed reminder
    plug.press_button(True)
    await hass.async_block_till_done()
    plug.press_button(False)
    await hass.services.async_call(
        "number", "set_value", {"entity_id": DURATION, "value": 1}, blocking=True
    )
    await hass.async_block_till_done()
    await async_wait_recording_done(hass)

    client = await fresh_ws_client()
    await client.send_json_auto_id(
        {
            "type": "logbook/get_events",
            "start_time": (START - timedelta(minutes=1)).isoformat(),
            "end_time": (dt_util.utcnow() + timedelta(minutes=1)).isoformat(),
        }
    )
    response = await client.receive_json()
    assert response["success"]
    messages = [
        entry["message"]
        for entry in response["result"]
        if entry.get("domain") == "recovery_routines"
    ]
    assert {
        entry["name"]
        for entry in response["result"]
        if entry.get("domain") == "recovery_routines"
    } == {"Back care"}
    assert messages == [
        "heat session started, 20 min",
        "heat session completed, 20 min",
        "Cat-cow done (easy)",
        "stretches done",
        "heat logged",
        "cold pack logged (ice)",
        "pelvic tilts done",
        "stretch reminder snoozed, 30 min",
        "cold pack started, 5 min",
        "cold pack stopped, 0 min",
        "cold pack started, 5 min",
        "cold pack done, 5 min",
        "stretch reminder",
        "heat session started at the plug, 20 min",
        "heat session stopped, 0 min",
    ]


async def _logbook(
    fresh_ws_client: FreshWebSocket, **target: list[str]
) -> list[dict[str, Any]]:
    """Read the integration's lines, as a card or the device page shows them."""
    return [
        entry
        for entry in await read_logbook(
            fresh_ws_client, START - timedelta(minutes=1), **target
        )
        if entry.get("domain") == "recovery_routines"
    ]


async def test_logbook_lines_belong_to_the_card_and_the_device(
    recorder_mock: Recorder,
    hass: HomeAssistant,
    fresh_ws_client: FreshWebSocket,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
    entity_registry: er.EntityRegistry,
) -> None:
    """Each sentence names its event entity, with an icon."""
    assert await async_setup_component(hass, "logbook", {})
    await setup_integration(hass, config_entry)
    await start_heat(hass, minutes=5)
    await advance(timedelta(minutes=5))
    await call(hass, "log_completion", routine="Cat-cow")
    # A line recorded before lines named their entity.
    hass.bus.async_fire(
        "recovery_routines_event",
        {"entry_id": config_entry.entry_id, "name": "Back care", "event": "reminder"},
    )
    await hass.async_block_till_done()
    await async_wait_recording_done(hass)

    card = await _logbook(fresh_ws_client, entity_ids=[EVENTS, ROUTINE_EVENTS])
    assert [(e["message"], e["entity_id"], e["icon"]) for e in card] == [
        ("heat session started, 5 min", EVENTS, "mdi:heat-wave"),
        ("heat session completed, 5 min", EVENTS, "mdi:check-circle-outline"),
        ("Cat-cow done", ROUTINE_EVENTS, "mdi:yoga"),
    ]
    event_entity = entity_registry.async_get(EVENTS)
    assert event_entity is not None
    assert event_entity.device_id is not None
    on_device_page = await _logbook(
        fresh_ws_client, device_ids=[event_entity.device_id]
    )
    assert [e["message"] for e in on_device_page] == [
        "heat session started, 5 min",
        "heat session completed, 5 min",
        "Cat-cow done",
    ]
    everything = await _logbook(fresh_ws_client)
    assert everything[-1]["message"] == "stretch reminder"
    assert "entity_id" not in everything[-1]


def _statistics_card() -> dict[str, Any]:
    dashboard = yaml.safe_load(
        (REPO / "examples" / "dashboard.yaml").read_text(encoding="utf-8")
    )
    return next(
        card
        for view in dashboard["views"]
        for card in view["cards"]
        if card["type"] == "statistics-graph"
    )


async def test_statistics_card_shows_each_day(
    recorder_mock: Recorder,
    hass: HomeAssistant,
    fresh_ws_client: FreshWebSocket,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """The example dashboard's statistics graph has a bar for each day.

    The recorder compiles statistics as it does every 5 minutes (here once an
    hour that matters), and the card's own settings read them back.
    """
    card = _statistics_card()
    await setup_integration(hass, config_entry)

    async def compile_this_hour() -> None:
        """Compile the last 5 minutes of the hour now running, hourly too."""
        await advance(timedelta(hours=1))
        hour = dt_util.utcnow().replace(minute=0, second=0, microsecond=0)
        do_adhoc_statistics(hass, start=hour - timedelta(minutes=5))
        await async_wait_recording_done(hass)

    await compile_this_hour()  # nothing yet: the baseline
    days = [
        (20, ["Cat-cow"]),
        (10, ["Cat-cow", "Hip lifts"]),
        (15, ["Cat-cow", "Hip lifts", "Seated twist"]),
    ]
    for number, (minutes, stretches) in enumerate(days):
        if number:
            # Past midnight, the counters start again at 0; then to 11:00.
            await advance(timedelta(hours=24) - timedelta(hours=1))
            await compile_this_hour()
        await start_heat(hass, minutes=minutes)
        await advance(timedelta(minutes=minutes))
        for stretch in stretches:
            await call(hass, "log_completion", routine=stretch)
        await compile_this_hour()

    client = await fresh_ws_client()
    await client.send_json_auto_id(
        {
            "type": "recorder/statistics_during_period",
            "start_time": (
                dt_util.utcnow() - timedelta(days=card["days_to_show"])
            ).isoformat(),
            "statistic_ids": [row["entity"] for row in card["entities"]],
            "period": card["period"],
            "types": card["stat_types"],
        }
    )
    response = await client.receive_json()
    assert response["success"]
    bars = {
        entity_id: [row[card["stat_types"][0]] for row in rows]
        for entity_id, rows in response["result"].items()
    }
    assert bars == {
        HEAT_TODAY: [20.0, 10.0, 15.0],
        STRETCHES_TODAY: [1.0, 2.0, 3.0],
    }


ROUTINE_STEP = "sensor.back_care_routine_step"
ROUTINE_STEP_ENDS = "sensor.back_care_routine_step_ends"
ROUTINE_PICKER = "select.back_care_routine"


async def test_heat_and_stretch_costs_a_handful_of_rows_per_step(
    recorder_mock: Recorder,
    hass: HomeAssistant,
    fresh_ws_client: FreshWebSocket,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """The whole shipped routine: rows at moves only, and the logbook's story."""
    assert await async_setup_component(hass, "logbook", {})
    await setup_integration(hass, config_entry)
    guided = (ROUTINE_STEP, ROUTINE_STEP_ENDS, ROUTINE_PICKER)
    before = await _rows_per_entity(hass, recorder_mock, guided)

    await call(hass, "start_routine", routine="Heat and stretch")
    moves = 0
    while (ends := state_of(hass, ROUTINE_STEP_ENDS)) != "unknown":
        freezer.move_to(dt_util.parse_datetime(ends))
        async_fire_time_changed(hass)
        await hass.async_block_till_done()
        moves += 1
    assert state_of(hass, ROUTINE_STEP) == "unknown"
    # Heat, then 7 stretches: a count-in, each hold and each rest.
    assert moves == 35
    after = await _rows_per_entity(hass, recorder_mock, guided)
    written = {
        entity_id: after[entity_id] - before.get(entity_id, 0) for entity_id in guided
    }
    # A row per move (35), one as heat starts and one at the end: under five
    # rows a step for 8 steps; the picker already showed this routine.
    assert written == {ROUTINE_STEP: 37, ROUTINE_STEP_ENDS: 37, ROUTINE_PICKER: 0}

    stop = START + timedelta(hours=2)
    freezer.move_to(stop)
    await call(hass, "start_routine", routine="Quick stretch")
    await call(hass, "next_step")
    await call(hass, "stop_routine")
    await hass.async_block_till_done()
    await async_wait_recording_done(hass)
    client = await fresh_ws_client()
    await client.send_json_auto_id(
        {
            "type": "logbook/get_events",
            "start_time": (START - timedelta(minutes=1)).isoformat(),
            "end_time": (stop + timedelta(minutes=1)).isoformat(),
        }
    )
    response = await client.receive_json()
    assert response["success"]
    messages = [
        entry["message"]
        for entry in response["result"]
        if entry.get("domain") == "recovery_routines"
    ]
    assert messages == [
        "heat session started, 20 min",
        "Heat and stretch routine started",
        "heat session completed, 20 min",
        "Child's pose done (30 s, 2 reps)",
        "Knee-to-chest done (30 s each side, 2 reps)",
        "Cat-cow done (20 s, 3 reps)",
        "Hip lifts done (15 s, 3 reps)",
        "Seated twist done (30 s each side)",
        "Lying twist done (30 s each side)",
        "Hamstring stretch done (30 s each side, 2 reps)",
        "stretches done",
        "Heat and stretch routine done",
        "Quick stretch routine started",
        "Quick stretch routine stopped after 0 of 3 steps",
    ]


async def test_every_safety_line_reaches_the_logbook(
    recorder_mock: Recorder,
    hass: HomeAssistant,
    fresh_ws_client: FreshWebSocket,
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """The lines of a restart, a pad without power and a fault show, with icons.

    They once had no icon, and the logbook dropped them with an error.
    """
    assert await async_setup_component(hass, "logbook", {})
    await setup_integration(hass, config_entry)
    for kind, details in (
        ("heat_interrupted", {}),
        ("heat_resumed", {}),
        ("heat_no_power", {}),
        ("heat_fault", {"reason": "power_while_off"}),
        ("heat_fault", {"reason": "plug_fault"}),
    ):
        hass.bus.async_fire(
            "recovery_routines_event",
            {
                "entry_id": config_entry.entry_id,
                "name": "Back care",
                "event": kind,
                "entity_id": EVENTS,
                **details,
            },
        )
    await hass.async_block_till_done()
    await async_wait_recording_done(hass)

    lines = await _logbook(fresh_ws_client, entity_ids=[EVENTS])
    assert [(e["message"], e["icon"]) for e in lines] == [
        (
            "heat session interrupted: Home Assistant stopped and switched the pad off",
            "mdi:power-plug-off",
        ),
        ("heat session resumed after a restart", "mdi:restart"),
        ("heating pad draws no power during the session", "mdi:flash-off"),
        # Read back from the database: the reason is a string of its own.
        ("heating pad draws power while its plug is off", "mdi:alert"),
        ("heating pad plug does not switch off", "mdi:alert"),
    ]
