"""Edges of the safety rules found in review: races, slow plugs, reloads."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import issue_registry as ir
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from ..conftest import (
    DURATION,
    PLUG,
    SESSION_ENDS,
    SESSION_SWITCH,
    SLEEP,
    START,
    STATUS,
    STORAGE_KEY,
    Advance,
    FakePlug,
    ReadNotifications,
    call,
    last_event,
    start_heat,
    state_of,
)

FAULT_ID = "plug_fault_01JRECOVERYROUTINESENTRY01"


async def spin(until: Callable[[], bool]) -> None:
    """Run the loop until `until` holds, while a gated plug call is pending.

    async_block_till_done would wait for the gated call forever.
    """
    for _ in range(200):
        if until():
            return
        await asyncio.sleep(0)
    raise AssertionError("never happened")


async def spin_a_little() -> None:
    """Let what is queued run, without waiting for gated plug calls."""
    for _ in range(20):
        await asyncio.sleep(0)


def start_in_background(hass: HomeAssistant, minutes: int) -> asyncio.Task[Any]:
    """Call start_heat without waiting for the plug to answer."""
    return hass.async_create_task(
        hass.services.async_call(
            "recovery_routines", "start_heat", {"minutes": minutes}, blocking=True
        )
    )


async def stop_while_the_plug_is_switching_on(
    hass: HomeAssistant, plug: FakePlug
) -> None:
    """Start heat, stop it before the plug answers the turn-on, then let it answer."""
    plug.on_gate = asyncio.Event()
    start = start_in_background(hass, 20)
    await spin_a_little()  # the start waits for the plug to answer
    await call(hass, "stop_heat")
    plug.on_gate.set()
    await start
    plug.on_gate = None


async def assert_a_press_right_after_a_stop_is_adopted(
    hass: HomeAssistant, plug: FakePlug
) -> None:
    """Check that a press at the plug is adopted, also right after its stop."""
    plug.press_button(True)
    await hass.async_block_till_done()
    assert last_event(hass)["event_type"] == "adopted"
    await call(hass, "stop_heat")
    plug.press_button(True)
    await hass.async_block_till_done()
    assert last_event(hass)["event_type"] == "adopted"


# ----- options and budget, beyond the first tests ------------------------


async def test_lower_cap_switches_off_at_the_new_deadline(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """The moved deadline is the one the timer keeps."""
    await start_heat(hass, minutes=25)
    await advance(timedelta(minutes=5))
    hass.config_entries.async_update_entry(
        setup_entry, options={"max_heat_minutes": 10, "heat_rest_minutes": 20}
    )
    await hass.async_block_till_done()
    await advance(timedelta(minutes=4, seconds=59))
    assert state_of(hass, PLUG) == "on"
    await advance(timedelta(seconds=1))
    assert state_of(hass, PLUG) == "off"


@pytest.mark.usefixtures("sleep_guard")
async def test_sleep_entity_chosen_in_options_is_watched(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """A sleep entity added later cuts off when it turns on."""
    await start_heat(hass, minutes=20)
    hass.config_entries.async_update_entry(setup_entry, options={"sleep_entity": SLEEP})
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "on"
    await hass.services.async_call(
        "input_boolean", "turn_on", {"entity_id": SLEEP}, blocking=True
    )
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "off"
    assert last_event(hass)["reason"] == "sleep"


async def test_a_sleep_sensor_posted_over_the_rest_api_cuts_off(
    hass: HomeAssistant,
    setup_entry: MockConfigEntry,
    hass_client: ClientSessionGenerator,
) -> None:
    """A bed sensor whose script posts its state to Home Assistant's REST API."""
    assert await async_setup_component(hass, "api", {})
    client = await hass_client()
    bed = "binary_sensor.bed_occupied"
    assert (await client.post(f"/api/states/{bed}", json={"state": "off"})).ok
    hass.config_entries.async_update_entry(setup_entry, options={"sleep_entity": bed})
    await start_heat(hass, minutes=20)
    assert (await client.post(f"/api/states/{bed}", json={"state": "on"})).ok
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "off"
    assert last_event(hass)["reason"] == "sleep"


async def test_a_sleep_sensor_that_is_unavailable_is_not_sleep(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """A bed sensor off the network says nothing: heat goes on, and can start."""
    bed = "binary_sensor.bed_occupied"
    hass.states.async_set(bed, "off")
    hass.config_entries.async_update_entry(setup_entry, options={"sleep_entity": bed})
    await start_heat(hass, minutes=20)
    hass.states.async_set(bed, "unavailable")
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "on"
    await call(hass, "stop_heat")
    await start_heat(hass, minutes=5)
    assert state_of(hass, PLUG) == "on"


async def test_adopted_session_is_clipped_to_the_budget(
    hass: HomeAssistant, setup_entry: MockConfigEntry, plug: FakePlug, advance: Advance
) -> None:
    """Heat from the plug's button gets only the budget left."""
    await start_heat(hass)
    await advance(timedelta(minutes=20))
    await advance(timedelta(minutes=5))
    plug.press_button(True)
    await hass.async_block_till_done()
    assert last_event(hass)["event_type"] == "adopted"
    assert last_event(hass)["clipped"] is True
    assert state_of(hass, SESSION_ENDS) == "2026-11-20T18:35:00+00:00"
    await advance(timedelta(minutes=10))
    assert state_of(hass, PLUG) == "off"


async def test_budget_survives_a_reload(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """Heat already used is kept across a restart or reload."""
    await start_heat(hass, minutes=25)
    await advance(timedelta(minutes=25))
    assert await hass.config_entries.async_reload(setup_entry.entry_id)
    await hass.async_block_till_done()
    with pytest.raises(ServiceValidationError, match="only 5 minutes"):
        await start_heat(hass, minutes=30)


async def test_minutes_left_are_whole_minutes_never_more_than_there_are(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """14 minutes 50 seconds left: the refusal says 14, not 15."""
    await start_heat(hass, minutes=20)
    await advance(timedelta(minutes=15, seconds=10))
    await call(hass, "stop_heat")
    with pytest.raises(ServiceValidationError, match="only 14 minutes"):
        await start_heat(hass, minutes=15)


async def test_the_last_minute_of_the_budget_can_be_used(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """29 of 30 minutes used: a 1-minute session still starts; then a rest."""
    await start_heat(hass, minutes=29)
    await advance(timedelta(minutes=29))
    assert state_of(hass, STATUS) == "idle"
    await start_heat(hass, minutes=1)
    assert state_of(hass, PLUG) == "on"
    await advance(timedelta(minutes=1))
    with pytest.raises(ServiceValidationError, match="needs a rest"):
        await start_heat(hass, minutes=1)


async def test_a_change_in_the_last_minute_of_the_budget_sets_no_rest_yet(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """Heat on with under a minute of budget left: the rest begins when it ends.

    A morning session, a rest, then all 30 minutes; the heat duration is
    changed 30 s before the end.
    """
    await start_heat(hass, minutes=10)
    await advance(timedelta(minutes=10))
    await advance(timedelta(minutes=30))
    await start_heat(hass, minutes=30)
    await advance(timedelta(minutes=29, seconds=30))
    await hass.services.async_call(
        "number", "set_value", {"entity_id": DURATION, "value": 15}, blocking=True
    )
    await advance(timedelta(seconds=10))
    assert state_of(hass, STATUS) == "heating"
    await advance(timedelta(seconds=20))
    assert state_of(hass, PLUG) == "off"
    status = hass.states.get(STATUS)
    assert status is not None
    assert status.state == "resting"
    assert (
        status.attributes["available_at"]
        == (dt_util.utcnow() + timedelta(minutes=20)).isoformat()
    )


async def test_a_session_that_just_fits_the_budget_is_not_clipped(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """10 of 30 minutes used: the usual 20 minutes fit, whole."""
    await start_heat(hass, minutes=10)
    await advance(timedelta(minutes=10))
    response = await start_heat(hass)
    assert (response["minutes"], response["clipped"]) == (20.0, False)


async def test_heat_of_days_before_is_not_kept(
    hass: HomeAssistant,
    setup_entry: MockConfigEntry,
    advance: Advance,
    hass_storage: dict[str, Any],
) -> None:
    """Only today's heat and the run going on stay in the store."""
    await start_heat(hass, minutes=10)
    await advance(timedelta(minutes=10))
    await advance(timedelta(days=1))
    await start_heat(hass, minutes=10)
    await advance(timedelta(minutes=10))
    today = START + timedelta(days=1, minutes=10)
    assert hass_storage[STORAGE_KEY]["data"]["heat"]["intervals"] == [
        [today.isoformat(), (today + timedelta(minutes=10)).isoformat()]
    ]


async def test_the_budget_of_a_run_across_midnight_is_kept(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """15 minutes before midnight and 10 after, 10 apart: one run, 25 of 30 used.

    Heat of the day before is dropped from the store, but not while it is
    part of the run going on: midnight is no rest for the skin.
    """
    await advance(timedelta(hours=13, minutes=35))  # 23:35
    await start_heat(hass, minutes=15)
    await advance(timedelta(minutes=15))
    await advance(timedelta(minutes=10))  # 00:00
    await start_heat(hass, minutes=10)
    await advance(timedelta(minutes=10))
    with pytest.raises(ServiceValidationError, match="only 5 minutes"):
        await start_heat(hass, minutes=10)


@pytest.mark.parametrize("options", [{"max_heat_minutes": 60, "heat_rest_minutes": 20}])
async def test_a_refusal_names_the_longest_heat_allowed(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """At most 60 minutes in a row, as set in the options."""
    await start_heat(hass, minutes=50)
    await advance(timedelta(minutes=50))
    with pytest.raises(ServiceValidationError, match="at most 60 minutes in a row"):
        await start_heat(hass, minutes=20)


async def test_heat_of_a_refused_adoption_counts(
    hass: HomeAssistant, setup_entry: MockConfigEntry, plug: FakePlug, advance: Advance
) -> None:
    """A plug switched on during the rest that will not go off uses budget."""
    await start_heat(hass, minutes=30)
    await advance(timedelta(minutes=30))
    await advance(timedelta(minutes=1))
    plug.obeys = False
    plug.press_button(True)
    await hass.async_block_till_done()
    assert last_event(hass)["event_type"] == "refused"
    for _ in range(6 * 29):
        await advance(timedelta(seconds=10))
    plug.obeys = True
    await advance(timedelta(seconds=10))
    assert state_of(hass, PLUG) == "off"
    status = hass.states.get(STATUS)
    assert status is not None
    assert status.state == "resting"
    # 20 minutes of rest from when the plug finally went off.
    assert status.attributes["available_at"] == "2026-11-20T19:20:10+00:00"


# ----- slow plugs and races --------------------------------------------------


async def test_late_turn_off_answer_keeps_the_next_sessions_heat(
    hass: HomeAssistant,
    setup_entry: MockConfigEntry,
    plug: FakePlug,
    freezer: FrozenDateTimeFactory,
    advance: Advance,
) -> None:
    """A turn-off call that returns during the next start must not erase its heat.

    Cloud plugs often report "off" before their call returns.
    """
    await start_heat(hass, minutes=5)
    plug.off_gate = asyncio.Event()
    freezer.tick(timedelta(minutes=5))
    async_fire_time_changed(hass)
    await spin(lambda: plug.turn_off_calls == 1 and state_of(hass, PLUG) == "off")
    await spin_a_little()  # the plug's "off" reaches the controller

    plug.on_gate = asyncio.Event()
    start = start_in_background(hass, 25)
    await spin_a_little()  # the start waits for the plug to answer
    plug.off_gate.set()  # the old turn-off call returns while the plug is off
    await spin_a_little()
    plug.on_gate.set()
    await start
    await hass.async_block_till_done()
    plug.on_gate = plug.off_gate = None

    await advance(timedelta(minutes=25))
    # 5 + 25 minutes used: this run is over its budget.
    with pytest.raises(ServiceValidationError, match="needs a rest"):
        await start_heat(hass, minutes=30)


async def test_stop_while_the_plug_is_switching_on(
    hass: HomeAssistant, setup_entry: MockConfigEntry, plug: FakePlug
) -> None:
    """Stopped before the plug answered the start: its "on" lands after the "off".

    That late "on" is switched off again, not adopted as a new session, and
    the start itself is no error.
    """
    await stop_while_the_plug_is_switching_on(hass, plug)
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "off"
    assert last_event(hass)["event_type"] == "stopped"


@pytest.mark.parametrize("start_went", ["refused by the plug", "stopped mid-call"])
async def test_a_start_that_did_not_heat_leaves_no_wait_behind(
    hass: HomeAssistant,
    setup_entry: MockConfigEntry,
    plug: FakePlug,
    advance: Advance,
    start_went: str,
) -> None:
    """After it, a press right after the stop of the next session is a press."""
    if start_went == "refused by the plug":
        plug.raises = TimeoutError
        with pytest.raises(HomeAssistantError):
            await start_heat(hass, minutes=20)
        plug.raises = None
    else:
        plug.reports_later = True
        await stop_while_the_plug_is_switching_on(hass, plug)
        plug.reports_later = False
    await advance(timedelta(minutes=1))
    await assert_a_press_right_after_a_stop_is_adopted(hass, plug)
    assert state_of(hass, PLUG) == "on"


async def test_unload_while_the_plug_is_switching_on(
    hass: HomeAssistant, setup_entry: MockConfigEntry, plug: FakePlug
) -> None:
    """A start that lands after the entry went away is switched off again."""
    plug.on_gate = asyncio.Event()
    start = start_in_background(hass, 20)
    await spin_a_little()  # the start waits for the plug to answer
    assert await hass.config_entries.async_unload(setup_entry.entry_id)
    plug.on_gate.set()
    with pytest.raises(HomeAssistantError, match="switched off again"):
        await start
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "off"


async def test_cutoff_survives_a_failing_listener(
    hass: HomeAssistant,
    setup_entry: MockConfigEntry,
    advance: Advance,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Whatever listens to heat events, the plug goes off."""

    def _broken(event_type: str, attributes: dict[str, Any]) -> None:
        raise RuntimeError("broken listener")

    setup_entry.runtime_data.heat.async_add_event_listener(_broken)
    await start_heat(hass, minutes=10)
    await advance(timedelta(minutes=10))
    assert state_of(hass, PLUG) == "off"
    assert "Error handling the completed event" in caplog.text


# ----- reloads and removal during a fault ----------------------------------


async def test_reload_during_a_fault(
    hass: HomeAssistant,
    setup_entry: MockConfigEntry,
    plug: FakePlug,
    advance: Advance,
    read_notifications: ReadNotifications,
) -> None:
    """The notification is raised again or cleared by the new setup."""
    await start_heat(hass)
    plug.obeys = False
    await advance(timedelta(minutes=20))
    await advance(timedelta(seconds=20))
    assert FAULT_ID in await read_notifications()

    assert await hass.config_entries.async_reload(setup_entry.entry_id)
    await hass.async_block_till_done()
    plug.obeys = True
    await advance(timedelta(seconds=10))
    assert state_of(hass, PLUG) == "off"
    assert FAULT_ID not in await read_notifications()


@pytest.mark.parametrize("failure", [None, TimeoutError])
async def test_removal_with_a_plug_that_stays_on(
    hass: HomeAssistant,
    setup_entry: MockConfigEntry,
    plug: FakePlug,
    read_notifications: ReadNotifications,
    failure: type[Exception] | None,
) -> None:
    """Nobody retries after removal: a notification stays to say so."""
    await start_heat(hass)
    plug.obeys = False
    plug.raises = failure
    await hass.config_entries.async_remove(setup_entry.entry_id)
    await hass.async_block_till_done()
    assert setup_entry.state is ConfigEntryState.NOT_LOADED
    assert state_of(hass, PLUG) == "on"
    notification = (await read_notifications())[FAULT_ID]
    assert notification["title"] == "Back care: the heating pad may still be on"


async def test_removal_clears_the_repair_and_keeps_the_notification(
    hass: HomeAssistant,
    setup_entry: MockConfigEntry,
    plug: FakePlug,
    advance: Advance,
    read_notifications: ReadNotifications,
    issue_registry: ir.IssueRegistry,
) -> None:
    """A removed routine leaves no repair; "may still be on" stays.

    Only a person can tell whether the pad is off, so that is theirs to clear.
    """
    await start_heat(hass)
    plug.obeys = False
    await advance(timedelta(minutes=20))
    await advance(timedelta(seconds=10))
    await advance(timedelta(seconds=10))
    assert issue_registry.async_get_issue("recovery_routines", FAULT_ID) is not None
    await hass.config_entries.async_remove(setup_entry.entry_id)
    await hass.async_block_till_done()
    assert issue_registry.async_get_issue("recovery_routines", FAULT_ID) is None
    assert FAULT_ID in await read_notifications()


async def test_stop_while_a_slow_plug_is_switching_on(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """Stop pressed before the plug reported on: the late "on" is switched off.

    Found on a real MQTT plug: the stop saw the plug's old "off", sent
    nothing, and the late report of the session's own turn-on was then
    adopted as a new 20-minute session.
    """
    plug.reports_later = True
    await start_heat(hass, minutes=10)
    await call(hass, "stop_heat")
    await hass.async_block_till_done()
    calls = plug.turn_off_calls
    assert calls >= 1  # Sent although the plug still showed off.

    plug.press_button(True)  # The late report of the turn-on.
    await hass.async_block_till_done()

    assert plug.turn_off_calls > calls
    assert state_of(hass, PLUG) == "off"
    assert state_of(hass, SESSION_SWITCH) == "off"
    assert last_event(hass)["event_type"] == "stopped"

    # Later, the plug's own button starts heat as usual, also right after a stop.
    await advance(timedelta(seconds=10))
    plug.reports_later = False
    await assert_a_press_right_after_a_stop_is_adopted(hass, plug)


async def test_a_late_on_in_the_last_second_of_the_wait_is_switched_off(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """A slow plug's report of the stopped session's turn-on may come 9 s late.

    It is still that report, not a press: switched off, no new session.
    """
    plug.reports_later = True
    await start_heat(hass, minutes=10)
    await call(hass, "stop_heat")
    await advance(timedelta(seconds=9))
    plug.press_button(True)  # The late report of the turn-on.
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "off"
    assert state_of(hass, SESSION_SWITCH) == "off"
    assert last_event(hass)["event_type"] == "stopped"


@pytest.mark.parametrize(
    "after", [timedelta(seconds=10), timedelta(minutes=1)], ids=["10 s", "1 min"]
)
async def test_a_press_once_the_wait_for_a_slow_plug_is_over_is_adopted(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_entry: MockConfigEntry,
    advance: Advance,
    after: timedelta,
) -> None:
    """The late "on" of a stopped session never came: a press after starts heat.

    The wait for a late report lasts as long as a call to the plug may (10 s);
    an "on" from its last moment on is a person's.
    """
    plug.reports_later = True
    await start_heat(hass, minutes=10)
    await call(hass, "stop_heat")
    await advance(after)
    plug.reports_later = False
    plug.press_button(True)
    await hass.async_block_till_done()
    assert last_event(hass)["event_type"] == "adopted"
    assert state_of(hass, PLUG) == "on"


@pytest.mark.parametrize("began_at_the_plug", [False, True])
async def test_on_at_the_plug_right_after_a_stop_is_a_press(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_entry: MockConfigEntry,
    began_at_the_plug: bool,
) -> None:
    """The plug had reported on: an "on" a moment after the stop is adopted.

    Not the late report of a turn-on, whether the session began by action or
    at the plug (the first session after the start-up, for the latter).
    """
    if began_at_the_plug:
        plug.press_button(True)
    else:
        await start_heat(hass, minutes=10)
    await hass.async_block_till_done()
    await call(hass, "stop_heat")
    await hass.async_block_till_done()
    plug.press_button(True)
    await hass.async_block_till_done()
    assert last_event(hass)["event_type"] == "adopted"
    assert state_of(hass, PLUG) == "on"
