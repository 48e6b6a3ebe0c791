"""Guided routines: heat, then stretches held and timed, step by step."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import EVENT_HOMEASSISTANT_STOP
from homeassistant.core import Event, HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
    async_mock_service,
)
from syrupy.assertion import SnapshotAssertion

from custom_components.recovery_routines.const import EVENT_RECOVERY_ROUTINES

from ..conftest import (
    PLUG,
    SESSION_ENDS,
    SLEEP,
    START,
    STREAK,
    STRETCHES_TODAY,
    TODO,
    Advance,
    ReadNotifications,
    call,
    setup_integration,
    start_heat,
    state_of,
)
from ..stretches.test_tracker import todo_items

STEP = "sensor.back_care_routine_step"
STEP_ENDS = "sensor.back_care_routine_step_ends"
PICKER = "select.back_care_routine"


def step(hass: HomeAssistant) -> tuple[str, dict[str, Any]]:
    """Return the step sensor's text and its attributes."""
    state = hass.states.get(STEP)
    assert state is not None
    return state.state, dict(state.attributes)


def where(hass: HomeAssistant) -> tuple[str, int, int | None, int | None]:
    """Return the step text, step number, side and rep."""
    text, attributes = step(hass)
    return text, attributes["step"], attributes["side"], attributes["rep"]


def history(events: list[Event]) -> list[str]:
    """Return the logbook events of the routine, in order."""
    return [event.data["event"] for event in events]


@pytest.mark.parametrize(
    "routine", ["Heat and stretch", "Quick stretch", "Cold pack", "Ointment then heat"]
)
async def test_every_shipped_routine_move_by_move(
    hass: HomeAssistant,
    setup_entry: MockConfigEntry,
    advance: Advance,
    snapshot: SnapshotAssertion,
    routine: str,
) -> None:
    """Each shipped routine as a person goes through it: each move, and how long."""
    await call(hass, "start_routine", routine=routine)
    moves = []
    while (text := state_of(hass, STEP)) != "unknown" and len(moves) < 100:
        _text, shown = step(hass)
        ends = dt_util.parse_datetime(state_of(hass, STEP_ENDS))
        assert ends is not None
        seconds = round((ends - dt_util.utcnow()).total_seconds())
        moves.append(
            f"{seconds:>5} s {shown['kind']:<8} {text}: step {shown['step']} of"
            f" {shown['steps']}, side {shown['side']}, rep {shown['rep']} of"
            f" {shown['reps']}"
        )
        await advance(timedelta(seconds=seconds))
    assert moves == snapshot


async def test_quick_stretch_start_to_finish(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """Each hold has its own timer, switch sides, reps with rests, logged at the end."""
    events = async_capture_events(hass, EVENT_RECOVERY_ROUTINES)
    assert state_of(hass, STEP) == "unknown"
    assert state_of(hass, STEP_ENDS) == "unknown"
    assert state_of(hass, PICKER) == "heat_and_stretch"

    await call(hass, "start_routine", routine="quick stretch")
    assert state_of(hass, PICKER) == "quick_stretch"
    text, attributes = step(hass)
    assert text == "Knee-to-chest"
    assert attributes == {
        "routine": "Quick stretch",
        "step": 1,
        "steps": 3,
        "kind": "count_in",
        "side": None,
        "rep": 1,
        "reps": 1,
        "paused": False,
        "cue": "Knee-to-chest, hold 20 seconds each side. Get ready.",
        "friendly_name": "Back care Routine step",
    }
    assert state_of(hass, STEP_ENDS) == (START + timedelta(seconds=5)).isoformat()

    expected = [
        (5, ("Knee-to-chest", 1, 1, 1)),
        (20, ("Knee-to-chest", 1, 2, 1)),
        (20, ("Cat-cow", 2, None, 1)),
        (5, ("Cat-cow", 2, None, 1)),
        (20, ("Rest", 2, None, None)),
        (10, ("Cat-cow", 2, None, 2)),
        (20, ("Rest", 2, None, None)),
        (10, ("Cat-cow", 2, None, 3)),
        (20, ("Lying twist", 3, None, 1)),
        (5, ("Lying twist", 3, 1, 1)),
        (20, ("Lying twist", 3, 2, 1)),
    ]
    elapsed = 0
    before = where(hass)
    for seconds, place in expected:
        await advance(timedelta(seconds=seconds - 1))
        assert where(hass) == before, elapsed
        await advance(timedelta(seconds=1))
        elapsed += seconds
        assert where(hass) == before == place or where(hass) == place, elapsed
        before = place
    await advance(timedelta(seconds=20))
    assert state_of(hass, STEP) == "unknown"
    assert state_of(hass, STEP_ENDS) == "unknown"
    assert history(events) == [
        "routine_started",
        "completed",
        "completed",
        "completed",
        "routine_completed",
    ]
    assert [event.data.get("note") for event in events[1:4]] == [
        "20 s each side",
        "20 s, 3 reps",
        "20 s each side",
    ]
    assert events[-1].data["steps_done"] == 3
    # A completed routine counts for the streak, and ticks off only its own
    # three stretches: the other four stay open on today's list.
    assert state_of(hass, STREAK) == "1"
    assert state_of(hass, TODO) == "4"
    assert {item["summary"]: item["status"] for item in await todo_items(hass)} == {
        "Child's pose": "needs_action",
        "Knee-to-chest": "completed",
        "Cat-cow": "completed",
        "Hip lifts": "needs_action",
        "Seated twist": "needs_action",
        "Lying twist": "completed",
        "Hamstring stretch": "needs_action",
    }
    assert state_of(hass, STRETCHES_TODAY) == "3"


@pytest.mark.parametrize(
    "options", [{"stretches": ["Cat-cow", "Wall sit", "Hamstring stretch"]}]
)
async def test_heat_and_stretch_ticks_only_its_own_stretches(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """Stretches of the list that the routine does not contain stay open."""
    await call(hass, "start_routine", routine="Heat and stretch")
    for _ in range(8):
        await call(hass, "next_step")
        await hass.async_block_till_done()
    assert state_of(hass, STEP) == "unknown"
    # Skipped stretches are not done: nothing of the list was held.
    assert state_of(hass, TODO) == "3"
    assert state_of(hass, STREAK) == "0"


@pytest.mark.parametrize(
    "options", [{"stretches": ["Cat-cow", "Wall sit", "Hamstring stretch"]}]
)
async def test_heat_and_stretch_completed_leaves_other_stretches_open(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """Held to the end, the routine ticks Cat-cow and the hamstring stretch only."""
    await call(hass, "start_routine", routine="Heat and stretch")
    await advance(timedelta(minutes=20))
    while state_of(hass, STEP) != "unknown":
        await advance(timedelta(seconds=5))
    assert {item["summary"]: item["status"] for item in await todo_items(hass)} == {
        "Cat-cow": "completed",
        "Wall sit": "needs_action",
        "Hamstring stretch": "completed",
    }
    assert state_of(hass, STREAK) == "1"


async def test_heat_and_stretch_heats_first_with_the_controller(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """The pad heats 20 minutes and switches off, then the stretches begin."""
    await call(hass, "start_routine", routine="Heat and stretch")
    assert state_of(hass, PLUG) == "on"
    assert where(hass) == ("Heat", 1, None, None)
    assert state_of(hass, STEP_ENDS) == (START + timedelta(minutes=20)).isoformat()
    # Heat and cold run on their own timers: no pause.
    with pytest.raises(ServiceValidationError) as refusal:
        await call(hass, "pause_routine")
    assert refusal.value.translation_key == "routine_not_pausable"
    with pytest.raises(ServiceValidationError) as refusal:
        await call(hass, "previous_step")
    assert refusal.value.translation_key == "no_previous_step"
    with pytest.raises(ServiceValidationError) as refusal:
        await call(hass, "start_routine", routine="Cold pack")
    assert refusal.value.translation_key == "routine_running"

    await advance(timedelta(minutes=20))
    assert state_of(hass, PLUG) == "off"
    assert where(hass) == ("Child's pose", 2, None, 1)
    # Back from the first stretch: there is no stretch before it, so it restarts.
    await advance(timedelta(seconds=5))
    await call(hass, "previous_step")
    assert step(hass)[1]["kind"] == "count_in"
    await call(hass, "next_step")
    assert where(hass) == ("Knee-to-chest", 3, None, 1)
    await call(hass, "previous_step")
    assert where(hass) == ("Child's pose", 2, None, 1)

    # Pause keeps what is left of the hold and writes no end time.
    await call(hass, "next_step")
    await advance(timedelta(seconds=7))
    await call(hass, "pause_routine")
    assert step(hass)[1]["paused"] is True
    assert state_of(hass, STEP_ENDS) == "unknown"
    await advance(timedelta(minutes=5))
    assert where(hass) == ("Knee-to-chest", 3, 1, 1)
    await call(hass, "pause_routine")
    assert step(hass)[1]["paused"] is False
    await advance(timedelta(seconds=27))
    assert where(hass) == ("Knee-to-chest", 3, 1, 1)
    await advance(timedelta(seconds=1))
    assert where(hass) == ("Knee-to-chest", 3, 2, 1)


async def test_next_during_heat_switches_the_pad_off(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """Skipping the heat step stops the session through the controller."""
    events = async_capture_events(hass, EVENT_RECOVERY_ROUTINES)
    await call(hass, "start_routine", routine="Heat and stretch")
    await call(hass, "next_step")
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "off"
    assert where(hass) == ("Child's pose", 2, None, 1)
    await call(hass, "stop_routine")
    assert state_of(hass, STEP) == "unknown"
    assert history(events) == [
        "heat_started",
        "routine_started",
        "heat_stopped",
        "routine_stopped",
    ]
    assert events[-1].data | {"entity_id": None, "device_id": None} == {
        "routine": "Heat and stretch",
        "steps_done": 0,
        "steps": 8,
        "entry_id": setup_entry.entry_id,
        "name": "Back care",
        "event": "routine_stopped",
        "entity_id": None,
        "device_id": None,
    }


async def test_heat_stopped_by_hand_moves_on(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """Switching the heat off by hand ends the heat step: the stretches follow."""
    await call(hass, "start_routine", routine="Heat and stretch")
    await call(hass, "stop_heat")
    await hass.async_block_till_done()
    assert where(hass) == ("Child's pose", 2, None, 1)


async def test_stop_logs_what_was_done(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """A stopped routine keeps the stretches done; the list is not ticked off."""
    events = async_capture_events(hass, EVENT_RECOVERY_ROUTINES)
    await call(hass, "start_routine", routine="Quick stretch")
    for seconds in (5, 20, 20):
        await advance(timedelta(seconds=seconds))
    assert where(hass) == ("Cat-cow", 2, None, 1)
    await call(hass, "pause_routine")
    await call(hass, "stop_routine")
    assert state_of(hass, STEP) == "unknown"
    assert state_of(hass, STRETCHES_TODAY) == "1"
    assert state_of(hass, STREAK) == "0"
    assert history(events)[-1] == "routine_stopped"
    assert events[-1].data["steps_done"] == 1
    # Nothing left running.
    await advance(timedelta(minutes=5))
    assert state_of(hass, STEP) == "unknown"
    for service in ("next_step", "previous_step", "pause_routine", "stop_routine"):
        with pytest.raises(ServiceValidationError) as refusal:
            await call(hass, service)
        assert refusal.value.translation_key == "no_routine_running"


async def test_cold_pack_routine(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """The cold pack step is the cold pack timer; its end ends the routine."""
    events = async_capture_events(hass, EVENT_RECOVERY_ROUTINES)
    await hass.services.async_call(
        "select",
        "select_option",
        {"entity_id": PICKER, "option": "cold_pack"},
        blocking=True,
    )
    assert state_of(hass, PICKER) == "cold_pack"
    await call(hass, "start_routine")
    assert where(hass) == ("Cold pack", 1, None, None)
    assert state_of(hass, STEP_ENDS) == (START + timedelta(minutes=15)).isoformat()
    await advance(timedelta(minutes=15))
    assert state_of(hass, STEP) == "unknown"
    assert history(events) == [
        "cold_started",
        "routine_started",
        "cold_completed",
        "routine_completed",
    ]
    # No stretches in it: the streak is not touched.
    assert state_of(hass, STREAK) == "0"

    # Stopping a cold pack routine stops the cold pack.
    await call(hass, "start_routine", routine="cold_pack")
    await call(hass, "stop_routine")
    assert state_of(hass, "switch.back_care_cold_pack") == "off"


async def test_next_on_cold_pack_ends_it(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """Skipping the last step completes the routine."""
    await call(hass, "start_routine", routine="Cold pack")
    await call(hass, "next_step")
    await hass.async_block_till_done()
    assert state_of(hass, STEP) == "unknown"
    assert state_of(hass, "switch.back_care_cold_pack") == "off"


async def test_refusals_leave_nothing_started(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """An unknown name, or heat that may not start, starts nothing."""
    with pytest.raises(ServiceValidationError) as refusal:
        await call(hass, "start_routine", routine="Evening yoga")
    assert refusal.value.translation_key == "unknown_guided_routine"
    assert refusal.value.translation_placeholders == {
        "routine": "Evening yoga",
        "routines": "Heat and stretch, Quick stretch, Cold pack, Ointment then heat",
    }
    await start_heat(hass, minutes=30)
    with pytest.raises(ServiceValidationError) as refusal:
        await call(hass, "start_routine", routine="Heat and stretch")
    assert refusal.value.translation_key == "already_running"
    assert state_of(hass, STEP) == "unknown"


async def test_heat_refused_mid_routine_stops_it(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """After the ointment's wait, heat that must rest stops the routine, logged."""
    events = async_capture_events(hass, EVENT_RECOVERY_ROUTINES)
    await start_heat(hass, minutes=30)
    await advance(timedelta(minutes=30))
    await call(hass, "start_routine", routine="Ointment then heat")
    assert where(hass) == ("Let the ointment soak in", 1, None, None)
    assert state_of(hass, STEP_ENDS) == (START + timedelta(minutes=40)).isoformat()
    await advance(timedelta(minutes=10))
    assert state_of(hass, STEP) == "unknown"
    assert state_of(hass, PLUG) == "off"
    assert history(events)[-2:] == ["routine_step_refused", "routine_stopped"]
    assert events[-1].data["steps_done"] == 1


@pytest.mark.parametrize("options", [{"sleep_entity": SLEEP}])
@pytest.mark.usefixtures("sleep_guard")
async def test_sleep_cutoff_ends_the_routine(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """A safety cutoff of the heat step ends the routine, not just the step."""
    events = async_capture_events(hass, EVENT_RECOVERY_ROUTINES)
    await call(hass, "start_routine", routine="Heat and stretch")
    await hass.services.async_call(
        "input_boolean", "turn_on", {"entity_id": SLEEP}, blocking=True
    )
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "off"
    assert state_of(hass, STEP) == "unknown"
    assert history(events)[-2:] == ["heat_cutoff", "routine_stopped"]
    assert events[-1].data["steps_done"] == 1


async def test_restart_stops_the_routine_and_says_so(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """Home Assistant stopping ends the routine; nothing is half-logged."""
    events = async_capture_events(hass, EVENT_RECOVERY_ROUTINES)
    await call(hass, "start_routine", routine="Quick stretch")
    await advance(timedelta(seconds=10))
    hass.bus.async_fire(EVENT_HOMEASSISTANT_STOP)
    await hass.async_block_till_done()
    assert history(events) == ["routine_started", "routine_interrupted"]
    assert events[-1].data["steps_done"] == 0
    assert state_of(hass, STRETCHES_TODAY) == "0"


async def test_stop_between_a_step_and_the_next(
    hass: HomeAssistant,
    setup_entry: MockConfigEntry,
    advance: Advance,
    freezer: FrozenDateTimeFactory,
) -> None:
    """A routine stopped as its step ends does not start the next step."""
    await call(hass, "start_routine", routine="Quick stretch")
    for seconds in (5, 20):
        await advance(timedelta(seconds=seconds))
    freezer.tick(timedelta(seconds=20))
    async_fire_time_changed(hass)
    hass.bus.async_fire(EVENT_HOMEASSISTANT_STOP)
    await hass.async_block_till_done()
    assert state_of(hass, STEP) == "unknown"
    await advance(timedelta(seconds=10))
    assert state_of(hass, STEP) == "unknown"


async def test_unload_during_a_routine(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """Unloading the entry ends the routine and the heat, in that order."""
    events = async_capture_events(hass, EVENT_RECOVERY_ROUTINES)
    await call(hass, "start_routine", routine="Heat and stretch")
    assert await hass.config_entries.async_unload(setup_entry.entry_id)
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "off"
    assert history(events)[-2:] == ["routine_interrupted", "heat_stopped"]


SPEAKERS = ["media_player.living_room", "assist_satellite.bedroom"]


@pytest.mark.parametrize("options", [{"speakers": SPEAKERS}])
async def test_cues_spoken_once_each(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """Quick stretch, cue by cue: tts.speak on players, announce on satellites."""
    speak = async_mock_service(hass, "tts", "speak")
    announce = async_mock_service(hass, "assist_satellite", "announce")
    hass.states.async_set("tts.piper", "unknown")
    hass.states.async_set("tts.cloud", "unknown")

    await call(hass, "start_routine", routine="Quick stretch")
    await hass.async_block_till_done()
    cues = [
        "Knee-to-chest, hold 20 seconds each side. Get ready.",
        "Hold.",
        "Switch sides.",
        "Cat-cow, hold 20 seconds. Get ready.",
        "Hold.",
        "Rest.",
        "Rep 2 of 3.",
        "Rest.",
        "Rep 3 of 3.",
        "Lying twist, hold 20 seconds each side. Get ready.",
        "Hold.",
        "Switch sides.",
        "Well done.",
    ]
    for seconds in (5, 20, 20, 5, 20, 10, 20, 10, 20, 5, 20, 20):
        await advance(timedelta(seconds=seconds))
    assert [call.data for call in speak] == [
        {
            "entity_id": "tts.cloud",
            "media_player_entity_id": "media_player.living_room",
            "message": cue,
        }
        for cue in cues
    ]
    assert [call.data for call in announce] == [
        {"entity_id": "assist_satellite.bedroom", "message": cue} for cue in cues
    ]
    assert state_of(hass, STEP) == "unknown"


@pytest.mark.parametrize("options", [{"speakers": ["media_player.kitchen"]}])
async def test_cues_without_a_voice_do_not_stop_the_routine(
    hass: HomeAssistant,
    setup_entry: MockConfigEntry,
    advance: Advance,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """No text-to-speech engine, or no tts action: logged, the routine goes on."""
    await call(hass, "start_routine", routine="Heat and stretch")
    assert "No text-to-speech engine to say: Heat for 20 minutes. Relax." in (
        caplog.text
    )
    hass.states.async_set("tts.piper", "unknown")
    await call(hass, "next_step")
    await hass.async_block_till_done()
    assert "Could not say a cue" in caplog.text
    assert step(hass)[1]["cue"] == "Child's pose, hold 30 seconds. Get ready."
    await advance(timedelta(seconds=5))
    assert where(hass) == ("Child's pose", 2, None, 1)


@pytest.mark.parametrize("options", [{"stretches": ["Cat-cow"]}])
async def test_stretches_not_on_the_list_are_logged_too(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """A stretch of the routine that is not on today's list still lands in the log."""
    events = async_capture_events(hass, EVENT_RECOVERY_ROUTINES)
    await call(hass, "start_routine", routine="Quick stretch")
    for seconds in (5, 20, 20):
        await advance(timedelta(seconds=seconds))
    assert events[-1].data["event"] == "completed"
    assert events[-1].data["routine"] == "Knee-to-chest"
    assert state_of(hass, STRETCHES_TODAY) == "0"


async def test_heat_step_with_too_little_budget_left_is_refused_not_shortened(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """15 minutes of the budget left: no 15-minute session in place of 20."""
    events = async_capture_events(hass, EVENT_RECOVERY_ROUTINES)
    await start_heat(hass, minutes=15)
    await advance(timedelta(minutes=15))
    with pytest.raises(ServiceValidationError) as refusal:
        await call(hass, "start_routine", routine="Heat and stretch")
    assert refusal.value.translation_key == "over_budget"
    assert refusal.value.translation_placeholders == {
        "minutes": "20",
        "minutes_left": "15",
        "max_heat_minutes": "30",
    }
    assert state_of(hass, PLUG) == "off"
    assert state_of(hass, STEP) == "unknown"
    assert state_of(hass, SESSION_ENDS) == "unknown"
    assert "routine_started" not in history(events)


@pytest.mark.parametrize("options", [{"speakers": ["assist_satellite.bedroom"]}])
async def test_heat_step_mid_routine_with_too_little_budget_says_why(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """After the ointment's wait, 15 minutes left: said, logged, routine stopped."""
    announce = async_mock_service(hass, "assist_satellite", "announce")
    events = async_capture_events(hass, EVENT_RECOVERY_ROUTINES)
    await start_heat(hass, minutes=15)
    await advance(timedelta(minutes=15))
    await call(hass, "start_routine", routine="Ointment then heat")
    await advance(timedelta(minutes=10))
    reason = (
        "20 minutes is too long: only 15 minutes of heat are left before the "
        "heating pad needs a rest (at most 30 minutes in a row)"
    )
    assert state_of(hass, PLUG) == "off"
    assert state_of(hass, SESSION_ENDS) == "unknown"
    assert state_of(hass, STEP) == "unknown"
    assert history(events)[-2:] == ["routine_step_refused", "routine_stopped"]
    assert events[-2].data["reason"] == reason
    assert [call.data["message"] for call in announce] == [
        "Let the ointment soak in, 10 minutes.",
        f"{reason}. The routine stops here.",
    ]


@pytest.mark.parametrize("options", [{"speakers": ["assist_satellite.bedroom"]}])
@pytest.mark.usefixtures("plug")
async def test_heat_step_refused_says_why_in_the_language_of_home_assistant(
    hass: HomeAssistant, config_entry: MockConfigEntry, advance: Advance
) -> None:
    """Home Assistant in German: the reason is German too, not the log's English."""
    hass.config.language = "de"
    await setup_integration(hass, config_entry)
    announce = async_mock_service(hass, "assist_satellite", "announce")
    await start_heat(hass, minutes=15)
    await advance(timedelta(minutes=15))
    await call(hass, "start_routine", routine="Ointment then heat")
    await advance(timedelta(minutes=10))
    assert state_of(hass, PLUG) == "off"
    said = (
        "20 Minuten sind zu lang: nur noch 15 Minuten Wärme sind übrig, bevor das "
        "Heizkissen eine Pause braucht (höchstens 30 Minuten am Stück). "
        "Die Routine endet hier."
    )
    assert [call.data["message"] for call in announce][1:] == [said]


@pytest.mark.parametrize("options", [{"speakers": ["assist_satellite.bedroom"]}])
async def test_a_cold_pack_step_is_said_without_relax(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """Heat is said with "Relax"; a cold pack by its name alone."""
    announce = async_mock_service(hass, "assist_satellite", "announce")
    await call(hass, "start_routine", routine="Cold pack")
    await hass.async_block_till_done()
    await call(hass, "stop_routine")
    await call(hass, "start_routine", routine="Heat and stretch")
    await hass.async_block_till_done()
    assert [call.data["message"] for call in announce] == [
        "Cold pack for 15 minutes.",
        "Heat for 20 minutes. Relax.",
    ]


PHONE = "notify.mobile_app_pixel"


@pytest.mark.parametrize("options", [{"notify_targets": [PHONE]}])
async def test_without_speakers_the_phone_shows_the_step(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """One notification per step, replaced through its tag, cleared at the end."""
    notify = async_mock_service(hass, "notify", "mobile_app_pixel")
    tag = {"tag": f"recovery_routines_{setup_entry.entry_id}_routine_step"}
    await call(hass, "start_routine", routine="Quick stretch")
    for seconds in (5, 20, 20, 5, 20, 10, 20, 10, 20, 5, 20, 20):
        await advance(timedelta(seconds=seconds))
    assert state_of(hass, STEP) == "unknown"
    # Each stretch logged, and the routine counted for the streak, also clear
    # a stretch reminder, as any logged stretch does: under the reminder's tag.
    reminder = {"tag": f"recovery_routines_{setup_entry.entry_id}_reminder"}
    assert [call.data for call in notify if call.data["data"] == reminder] == [
        {"message": "clear_notification", "data": reminder}
    ] * 4
    assert [call.data for call in notify if call.data["data"] != reminder] == [
        {
            "title": "Back care",
            "message": "Step 1 of 3: Knee-to-chest, hold 20 seconds each side.",
            "data": tag,
        },
        {
            "title": "Back care",
            "message": "Step 2 of 3: Cat-cow, hold 20 seconds.",
            "data": tag,
        },
        {
            "title": "Back care",
            "message": "Step 3 of 3: Lying twist, hold 20 seconds each side.",
            "data": tag,
        },
        {"message": "clear_notification", "data": tag},
    ]


@pytest.mark.parametrize("options", [{"notify_targets": [PHONE]}])
async def test_the_phone_keeps_why_a_routine_stopped(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """A refused heat step replaces the step with its reason; nothing clears it."""
    notify = async_mock_service(hass, "notify", "mobile_app_pixel")
    await start_heat(hass, minutes=30)
    await advance(timedelta(minutes=30))
    await call(hass, "start_routine", routine="Ointment then heat")
    await advance(timedelta(minutes=10))
    assert [call.data["message"] for call in notify] == [
        "Step 1 of 2: Let the ointment soak in, 10 minutes.",
        "The heating pad needs a rest until 10:50. The routine stops here.",
    ]
    # A stop, a restart or the next routine replace it.
    await call(hass, "start_routine", routine="Cold pack")
    await call(hass, "stop_routine")
    assert [call.data["message"] for call in notify[2:]] == [
        "Step 1 of 1: Cold pack for 15 minutes.",
        "clear_notification",
    ]


async def test_without_targets_the_step_is_a_persistent_notification(
    hass: HomeAssistant,
    read_notifications: ReadNotifications,
    setup_entry: MockConfigEntry,
) -> None:
    """No phone either: the step shows in Home Assistant's notifications."""
    notification_id = f"recovery_routines_{setup_entry.entry_id}_routine_step"
    await call(hass, "start_routine", routine="Heat and stretch")
    shown = await read_notifications()
    assert shown[notification_id]["message"] == "Step 1 of 8: Heat for 20 minutes."
    await call(hass, "next_step")
    await hass.async_block_till_done()
    shown = await read_notifications()
    assert shown[notification_id]["message"] == (
        "Step 2 of 8: Child's pose, hold 30 seconds."
    )
    hass.bus.async_fire(EVENT_HOMEASSISTANT_STOP)
    await hass.async_block_till_done()
    assert notification_id not in await read_notifications()


@pytest.mark.parametrize(
    "options", [{"speakers": ["media_player.living_room"], "notify_targets": [PHONE]}]
)
async def test_with_speakers_the_phone_stays_quiet(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """Cues are heard: no step notification, and nothing to clear."""
    notify = async_mock_service(hass, "notify", "mobile_app_pixel")
    async_mock_service(hass, "tts", "speak")
    hass.states.async_set("tts.piper", "unknown")
    await call(hass, "start_routine", routine="Quick stretch")
    await call(hass, "stop_routine")
    await hass.async_block_till_done()
    assert notify == []


@pytest.mark.parametrize("options", [{"notify_targets": [PHONE]}])
async def test_speakers_added_later_leave_the_phone_alone(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """Once cues are heard, no step is shown, so there is nothing left to clear."""
    notify = async_mock_service(hass, "notify", "mobile_app_pixel")
    async_mock_service(hass, "tts", "speak")
    hass.states.async_set("tts.piper", "unknown")
    await call(hass, "start_routine", routine="Quick stretch")
    await call(hass, "stop_routine")
    await hass.async_block_till_done()
    assert [call.data["message"] for call in notify] == [
        "Step 1 of 3: Knee-to-chest, hold 20 seconds each side.",
        "clear_notification",
    ]
    hass.config_entries.async_update_entry(
        setup_entry,
        options={**setup_entry.options, "speakers": ["media_player.living_room"]},
    )
    await hass.async_block_till_done()
    await call(hass, "start_routine", routine="Quick stretch")
    await call(hass, "stop_routine")
    await hass.async_block_till_done()
    assert len(notify) == 2


@pytest.mark.parametrize(
    "options",
    [{"speakers": ["assist_satellite.bedroom", "media_player.kitchen"]}],
)
async def test_every_speaker_after_a_satellite_speaks_too(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """A satellite first in the list does not silence the players after it."""
    speak = async_mock_service(hass, "tts", "speak")
    announce = async_mock_service(hass, "assist_satellite", "announce")
    hass.states.async_set("tts.piper", "unknown")
    await call(hass, "start_routine", routine="Quick stretch")
    await hass.async_block_till_done()
    cue = "Knee-to-chest, hold 20 seconds each side. Get ready."
    assert [call.data["message"] for call in announce] == [cue]
    assert [call.data for call in speak] == [
        {
            "entity_id": "tts.piper",
            "media_player_entity_id": "media_player.kitchen",
            "message": cue,
        }
    ]
    await call(hass, "stop_routine")


@pytest.mark.parametrize("options", [{"speakers": ["assist_satellite.bedroom"]}])
@pytest.mark.usefixtures("plug")
async def test_cues_in_the_language_of_home_assistant(
    hass: HomeAssistant, config_entry: MockConfigEntry, advance: Advance
) -> None:
    """Home Assistant set to German: the cues, stretch names included, in German."""
    hass.config.language = "de"
    await setup_integration(hass, config_entry)
    announce = async_mock_service(hass, "assist_satellite", "announce")
    await call(hass, "start_routine", routine="Quick stretch")
    for seconds in (5, 20, 20, 5, 20, 10, 20, 10, 20, 5, 20, 20):
        await advance(timedelta(seconds=seconds))
    assert [call.data["message"] for call in announce] == [
        "Knie zur Brust, 20 Sekunden pro Seite halten. Mach dich bereit.",
        "Halten.",
        "Seite wechseln.",
        "Katze-Kuh, 20 Sekunden halten. Mach dich bereit.",
        "Halten.",
        "Kurze Pause.",
        "Wiederholung 2 von 3.",
        "Kurze Pause.",
        "Wiederholung 3 von 3.",
        "Drehung im Liegen, 20 Sekunden pro Seite halten. Mach dich bereit.",
        "Halten.",
        "Seite wechseln.",
        "Gut gemacht.",
    ]
    # The step itself keeps the name of today's checklist.
    await call(hass, "start_routine", routine="Heat and stretch")
    assert announce[-1].data["message"] == "Wärme für 20 Minuten. Entspann dich."
    await call(hass, "next_step")
    await hass.async_block_till_done()
    assert announce[-1].data["message"] == (
        "Kindhaltung, 30 Sekunden halten. Mach dich bereit."
    )
    # (Its entity id is German too.)
    shown = [
        state.state
        for state in hass.states.async_all("sensor")
        if state.attributes.get("routine") == "Heat and stretch"
    ]
    assert shown == ["Child's pose"]


@pytest.mark.parametrize("language", ["de", "nl", "fr", "es"])
@pytest.mark.parametrize("options", [{"speakers": ["assist_satellite.bedroom"]}])
@pytest.mark.usefixtures("plug")
async def test_every_cue_translated(
    hass: HomeAssistant,
    config_entry: MockConfigEntry,
    advance: Advance,
    language: str,
) -> None:
    """No English word left in the cues of the other languages."""
    hass.config.language = language
    await setup_integration(hass, config_entry)
    announce = async_mock_service(hass, "assist_satellite", "announce")
    await call(hass, "start_routine", routine="Ointment then heat")
    await call(hass, "next_step")
    await hass.async_block_till_done()
    await call(hass, "stop_routine")
    await call(hass, "start_routine", routine="Cold pack")
    await call(hass, "stop_routine")
    await call(hass, "start_routine", routine="Quick stretch")
    for seconds in (5, 20, 20, 5, 20, 10, 20, 10, 20, 5, 20, 20):
        await advance(timedelta(seconds=seconds))
    spoken = [call.data["message"] for call in announce]
    assert len(spoken) == 16
    english = {"hold", "seconds", "side", "sides", "rest", "rep", "well", "heat"}
    english |= {"cold", "pack", "ointment", "knee", "twist", "ready", "switch"}
    words = {word.strip(".,").casefold() for text in spoken for word in text.split()}
    assert words & english == set()


@pytest.mark.parametrize("options", [{"speakers": ["assist_satellite.bedroom"]}])
@pytest.mark.usefixtures("plug")
async def test_cues_in_english_for_other_languages(
    hass: HomeAssistant, config_entry: MockConfigEntry
) -> None:
    """Home Assistant in Italian, which the cues do not speak: English."""
    hass.config.language = "it"
    await setup_integration(hass, config_entry)
    announce = async_mock_service(hass, "assist_satellite", "announce")
    await call(hass, "start_routine", routine="Quick stretch")
    await hass.async_block_till_done()
    assert [call.data["message"] for call in announce] == [
        "Knee-to-chest, hold 20 seconds each side. Get ready."
    ]


async def test_leaving_a_stretch_leaves_a_cold_pack_alone(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """A cold pack started by hand keeps running while a routine moves on."""
    await hass.services.async_call(
        "switch",
        "turn_on",
        {"entity_id": "switch.back_care_cold_pack"},
        blocking=True,
    )
    await call(hass, "start_routine", routine="Quick stretch")
    await call(hass, "next_step")
    await hass.async_block_till_done()
    assert where(hass)[:2] == ("Cat-cow", 2)
    assert state_of(hass, "switch.back_care_cold_pack") == "on"
    await call(hass, "stop_routine")
    assert state_of(hass, "switch.back_care_cold_pack") == "on"


async def test_leaving_a_stretch_leaves_heat_alone(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """Heat started by hand keeps running while a stretching routine moves on."""
    await start_heat(hass, minutes=20)
    await call(hass, "start_routine", routine="Quick stretch")
    # Off a count-in, then off a hold.
    await call(hass, "next_step")
    await hass.async_block_till_done()
    assert where(hass)[:2] == ("Cat-cow", 2)
    await advance(timedelta(seconds=5))
    assert step(hass)[1]["kind"] == "hold"
    await call(hass, "next_step")
    await hass.async_block_till_done()
    assert where(hass)[:2] == ("Lying twist", 3)
    assert state_of(hass, PLUG) == "on"
    await call(hass, "stop_routine")
    assert state_of(hass, PLUG) == "on"


async def test_paused_as_a_move_runs_out_goes_on_from_now(
    hass: HomeAssistant, setup_entry: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> None:
    """Paused when the count-in is over but its timer has not run yet: nothing left.

    On resume the hold begins at once and lasts its 20 seconds from then.
    """
    await call(hass, "start_routine", routine="Quick stretch")
    # The count-in ends 5 seconds in; the clock is past it, its timer not run.
    freezer.tick(timedelta(seconds=6))
    await call(hass, "pause_routine")
    await call(hass, "pause_routine")
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert where(hass) == ("Knee-to-chest", 1, 1, 1)
    assert state_of(hass, STEP_ENDS) == (START + timedelta(seconds=26)).isoformat()


async def test_heat_ending_leaves_a_cold_pack_step_running(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """Heat started by hand ends during the cold pack step: the step goes on."""
    await start_heat(hass, minutes=10)
    await call(hass, "start_routine", routine="Cold pack")
    await advance(timedelta(minutes=10))
    assert state_of(hass, PLUG) == "off"
    assert where(hass)[:2] == ("Cold pack", 1)
    await advance(timedelta(minutes=5))
    assert state_of(hass, STEP) == "unknown"
