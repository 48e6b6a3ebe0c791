"""The safety rules of the heat session, each driven by the clock."""

from __future__ import annotations

from datetime import timedelta

from homeassistant.core import HomeAssistant, State
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import entity_registry as er, issue_registry as ir
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from ..conftest import (
    DURATION,
    ENTITIES,
    ENTRY_ID,
    HEAT_TODAY,
    PLUG,
    SESSION_ENDS,
    SESSION_SWITCH,
    SLEEP,
    START,
    STATUS,
    Advance,
    FakePlug,
    ReadNotifications,
    call,
    last_event,
    start_heat,
    state_of,
    toggle,
)

pytestmark = pytest.mark.usefixtures("setup_entry")


def snapshot_states(hass: HomeAssistant) -> dict[str, State | None]:
    """Every state the integration and the plug show, to prove nothing changed."""
    return {entity_id: hass.states.get(entity_id) for entity_id in (*ENTITIES, PLUG)}


# ----- rule 1: the plug is switched off at the end of every session -------


async def test_session_ends_within_a_second_of_its_deadline(
    hass: HomeAssistant, advance: Advance
) -> None:
    """A 20-minute session switches the plug off at its deadline, not later."""
    response = await start_heat(hass)

    assert response == {
        "ends_at": (START + timedelta(minutes=20)).isoformat(),
        "minutes": 20.0,
        "clipped": False,
    }
    assert state_of(hass, PLUG) == "on"
    assert state_of(hass, SESSION_SWITCH) == "on"
    assert state_of(hass, STATUS) == "heating"
    assert state_of(hass, SESSION_ENDS) == "2026-11-20T18:20:00+00:00"
    assert last_event(hass)["event_type"] == "started"

    await advance(timedelta(minutes=19, seconds=59))
    assert state_of(hass, PLUG) == "on"

    await advance(timedelta(seconds=1))
    assert state_of(hass, PLUG) == "off"
    assert state_of(hass, SESSION_SWITCH) == "off"
    assert state_of(hass, SESSION_ENDS) == "unknown"
    assert state_of(hass, STATUS) == "idle"
    assert state_of(hass, HEAT_TODAY) == "20.0"
    assert last_event(hass)["event_type"] == "completed"
    assert last_event(hass)["minutes"] == 20.0


async def test_toggle_starts_a_session_of_the_configured_length(
    hass: HomeAssistant, advance: Advance
) -> None:
    """The dashboard toggle uses the heat duration number."""
    await hass.services.async_call(
        "number", "set_value", {"entity_id": DURATION, "value": 12}, blocking=True
    )
    await toggle(hass, True)
    assert state_of(hass, SESSION_ENDS) == "2026-11-20T18:12:00+00:00"
    assert last_event(hass)["source"] == "switch"

    await toggle(hass, True)  # already on: nothing changes
    assert state_of(hass, SESSION_ENDS) == "2026-11-20T18:12:00+00:00"

    await advance(timedelta(minutes=5))
    await toggle(hass, False)
    assert state_of(hass, PLUG) == "off"
    assert last_event(hass)["event_type"] == "stopped"
    assert last_event(hass)["minutes"] == 5.0
    assert state_of(hass, HEAT_TODAY) == "5.0"


async def test_stop_and_extend_actions(hass: HomeAssistant, advance: Advance) -> None:
    """stop_heat stops at once; extend_heat moves the deadline."""
    await start_heat(hass, minutes=10)
    response = await hass.services.async_call(
        "recovery_routines",
        "extend_heat",
        {"minutes": 5},
        blocking=True,
        return_response=True,
    )
    assert response == {"ends_at": "2026-11-20T18:15:00+00:00"}
    assert state_of(hass, SESSION_ENDS) == "2026-11-20T18:15:00+00:00"

    await advance(timedelta(minutes=14, seconds=59))
    assert state_of(hass, PLUG) == "on"
    await call(hass, "stop_heat")
    assert state_of(hass, PLUG) == "off"
    assert last_event(hass)["source"] == "action"
    # 14 min 59 s, to a tenth of a minute.
    assert last_event(hass)["minutes"] == 15.0
    assert state_of(hass, HEAT_TODAY) == "15.0"

    # Stopping again, or extending nothing, changes nothing.
    before = snapshot_states(hass)
    await call(hass, "stop_heat")
    with pytest.raises(ServiceValidationError, match="No heat session is running"):
        await call(hass, "extend_heat", minutes=5)
    assert snapshot_states(hass) == before


async def test_heat_minutes_keep_their_tenths(
    hass: HomeAssistant, advance: Advance
) -> None:
    """4 minutes 30 seconds of heat are 4.5 minutes, in the event and today's sum.

    The dashboard shows the sum in whole minutes.
    """
    await start_heat(hass, minutes=10)
    await advance(timedelta(minutes=4, seconds=30))
    await call(hass, "stop_heat")
    assert last_event(hass)["minutes"] == 4.5
    assert state_of(hass, HEAT_TODAY) == "4.5"
    shown = er.async_get(hass).async_get(HEAT_TODAY)
    assert shown is not None
    assert shown.options["sensor"]["suggested_display_precision"] == 0


async def test_second_start_is_refused(hass: HomeAssistant) -> None:
    """A running session is extended or stopped, not started again."""
    await start_heat(hass, minutes=10)
    before = snapshot_states(hass)
    with pytest.raises(ServiceValidationError, match="already running until"):
        await start_heat(hass, minutes=5)
    assert snapshot_states(hass) == before


# ----- rule 2: the heat budget -------------------------------------------


async def test_budget_clips_and_then_refuses(
    hass: HomeAssistant, advance: Advance
) -> None:
    """30 minutes of heat in one run, then a 20-minute rest."""
    await start_heat(hass)
    await advance(timedelta(minutes=20))
    await advance(timedelta(minutes=5))  # 20 on, 5 off: the run goes on

    # A start that names no length is clipped to the 10 minutes left.
    response = await start_heat(hass)
    assert response["clipped"] is True
    assert response["minutes"] == 10.0
    await toggle(hass, False)
    await toggle(hass, True)  # 5 minutes later: budget left is 10 - 0 = 10
    assert last_event(hass)["clipped"] is True
    await advance(timedelta(minutes=10))
    assert state_of(hass, PLUG) == "off"

    # 30 minutes used: resting until 20 minutes after the last heat.
    state = hass.states.get(STATUS)
    assert state is not None
    assert state.state == "resting"
    rest_end = START + timedelta(minutes=25 + 10 + 20)
    assert state.attributes["available_at"] == rest_end.isoformat()

    before = snapshot_states(hass)
    with pytest.raises(ServiceValidationError) as refusal:
        await start_heat(hass)
    assert refusal.value.translation_key == "resting"
    assert refusal.value.translation_placeholders == {"available_at": "10:55"}
    assert "The heating pad needs a rest until 10:55" in str(refusal.value)
    with pytest.raises(ServiceValidationError, match="needs a rest"):
        await toggle(hass, True)
    assert snapshot_states(hass) == before

    await advance(timedelta(minutes=19, seconds=59))
    assert state_of(hass, STATUS) == "resting"
    await advance(timedelta(seconds=1))
    assert state_of(hass, STATUS) == "idle"
    assert (await start_heat(hass))["clipped"] is False


async def test_explicit_length_beyond_budget_is_refused(
    hass: HomeAssistant, advance: Advance
) -> None:
    """Naming more minutes than the budget allows is refused, with the reason."""
    before = snapshot_states(hass)
    with pytest.raises(ServiceValidationError) as refusal:
        await start_heat(hass, minutes=45)
    assert str(refusal.value).startswith(
        "45 minutes is too long: only 30 minutes of heat are left before the "
        "heating pad needs a rest (at most 30 minutes in a row)"
    )
    assert snapshot_states(hass) == before

    await start_heat(hass, minutes=25)
    before = snapshot_states(hass)
    with pytest.raises(ServiceValidationError, match="only 5 minutes of heat"):
        await call(hass, "extend_heat", minutes=6)
    assert snapshot_states(hass) == before
    await call(hass, "extend_heat", minutes=5)
    assert state_of(hass, SESSION_ENDS) == "2026-11-20T18:30:00+00:00"


async def test_a_long_enough_gap_starts_a_new_run(
    hass: HomeAssistant, advance: Advance
) -> None:
    """Heat after a gap of at least the rest has the whole budget again."""
    await start_heat(hass, minutes=25)
    await advance(timedelta(minutes=25))
    await advance(timedelta(minutes=20))
    assert (await start_heat(hass, minutes=30))["clipped"] is False


@pytest.mark.parametrize("options", [{"heat_rest_minutes": 0}])
async def test_no_rest_still_caps_each_session(
    hass: HomeAssistant, advance: Advance
) -> None:
    """With no rest, every session is a run of its own, capped all the same."""
    await start_heat(hass, minutes=30)
    with pytest.raises(ServiceValidationError, match="only 0 minutes"):
        await call(hass, "extend_heat", minutes=1)
    await advance(timedelta(minutes=30))
    assert state_of(hass, STATUS) == "idle"
    assert (await start_heat(hass, minutes=30))["clipped"] is False


# ----- rule 3: adoption of a plug switched on by another route -------------


async def test_plug_button_starts_an_adopted_session(
    hass: HomeAssistant, plug: FakePlug, advance: Advance
) -> None:
    """Heat switched on at the plug is timed like any other session."""
    plug.press_button(True)
    await hass.async_block_till_done()

    assert state_of(hass, SESSION_SWITCH) == "on"
    assert state_of(hass, SESSION_ENDS) == "2026-11-20T18:20:00+00:00"
    assert last_event(hass)["event_type"] == "adopted"

    await advance(timedelta(minutes=20))
    assert state_of(hass, PLUG) == "off"
    assert last_event(hass)["event_type"] == "completed"


async def test_plug_switched_on_during_rest_goes_straight_back_off(
    hass: HomeAssistant, plug: FakePlug, advance: Advance
) -> None:
    """With no budget left, heat from any route is refused and switched off."""
    await start_heat(hass, minutes=30)
    await advance(timedelta(minutes=31))

    plug.press_button(True)
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "off"
    assert state_of(hass, SESSION_SWITCH) == "off"
    assert last_event(hass)["event_type"] == "refused"
    assert last_event(hass)["reason"] == "resting"
    assert state_of(hass, STATUS) == "resting"


async def test_plug_switched_off_at_the_plug_ends_the_session(
    hass: HomeAssistant, plug: FakePlug, advance: Advance
) -> None:
    """The plug's own button stops the session; the heat counts."""
    await start_heat(hass)
    await advance(timedelta(minutes=7))
    plug.press_button(False)
    await hass.async_block_till_done()

    assert state_of(hass, SESSION_SWITCH) == "off"
    assert last_event(hass)["event_type"] == "stopped"
    assert last_event(hass)["source"] == "plug"
    assert state_of(hass, HEAT_TODAY) == "7.0"


# ----- rule 4: the sleep guard ---------------------------------------------


@pytest.mark.usefixtures("sleep_guard")
@pytest.mark.parametrize(
    "options",
    [{"sleep_entity": SLEEP, "max_heat_minutes": 5, "heat_rest_minutes": 20}],
)
async def test_asleep_while_resting_names_no_time_heat_is_back(
    hass: HomeAssistant, advance: Advance
) -> None:
    """Asleep, heat is blocked however long the rest: the status names no time."""
    await start_heat(hass)
    await advance(timedelta(minutes=5))
    assert state_of(hass, STATUS) == "resting"
    await hass.services.async_call(
        "input_boolean", "turn_on", {"entity_id": SLEEP}, blocking=True
    )
    await hass.async_block_till_done()
    status = hass.states.get(STATUS)
    assert status is not None
    assert status.state == "blocked"
    assert "available_at" not in status.attributes


@pytest.mark.usefixtures("sleep_guard")
@pytest.mark.parametrize("options", [{"sleep_entity": SLEEP}])
async def test_sleep_guard_blocks_and_cuts_off(
    hass: HomeAssistant, plug: FakePlug
) -> None:
    """No heat while asleep; falling asleep cuts a session off at once."""
    await start_heat(hass)
    # A change of the sleep entity that is not sleep leaves the heat on.
    hass.states.async_set(
        SLEEP, "off", {"friendly_name": "Sleeping", "icon": "mdi:bed"}
    )
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "on"
    await hass.services.async_call(
        "input_boolean", "turn_on", {"entity_id": SLEEP}, blocking=True
    )
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "off"
    assert last_event(hass)["event_type"] == "cutoff"
    assert last_event(hass)["reason"] == "sleep"
    assert state_of(hass, STATUS) == "blocked"

    before = snapshot_states(hass)
    with pytest.raises(ServiceValidationError, match="while Sleeping is on"):
        await start_heat(hass)
    assert snapshot_states(hass) == before

    plug.press_button(True)
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "off"
    assert last_event(hass)["reason"] == "sleep_guard"

    await hass.services.async_call(
        "input_boolean", "turn_off", {"entity_id": SLEEP}, blocking=True
    )
    await hass.async_block_till_done()
    assert state_of(hass, STATUS) == "idle"
    # Falling asleep with no heat on: nothing to cut, heat is blocked.
    await hass.services.async_call(
        "input_boolean", "turn_on", {"entity_id": SLEEP}, blocking=True
    )
    await hass.async_block_till_done()
    assert state_of(hass, STATUS) == "blocked"


# ----- rule 6: a plug that does not obey -----------------------------------


async def test_plug_that_stays_on_is_retried_and_reported(
    hass: HomeAssistant,
    read_notifications: ReadNotifications,
    plug: FakePlug,
    advance: Advance,
    issue_registry: ir.IssueRegistry,
) -> None:
    """Retries every 10 s; a fault, a repair and a notification by 20 s."""
    await start_heat(hass)
    plug.obeys = False
    await advance(timedelta(minutes=20))
    assert state_of(hass, PLUG) == "on"
    assert plug.turn_off_calls == 1
    assert state_of(hass, STATUS) == "idle"

    # Asked again 10 s later, not sooner.
    await advance(timedelta(seconds=9))
    assert plug.turn_off_calls == 1
    await advance(timedelta(seconds=1))
    assert plug.turn_off_calls == 2
    assert state_of(hass, STATUS) == "idle"

    # Not a fault one second before the 20 s are up.
    await advance(timedelta(seconds=9))
    assert state_of(hass, STATUS) == "idle"
    await advance(timedelta(seconds=1))
    assert plug.turn_off_calls == 3
    assert state_of(hass, STATUS) == "fault"
    assert last_event(hass)["event_type"] == "fault"
    issue = issue_registry.async_get_issue(
        "recovery_routines", f"plug_fault_{ENTRY_ID}"
    )
    assert issue is not None
    assert issue.severity is ir.IssueSeverity.CRITICAL
    notification = (await read_notifications())[f"plug_fault_{ENTRY_ID}"]
    assert notification["title"] == "Back care: the heating pad may still be on"
    assert "switch.heating_pad" in notification["message"]

    # Heat cannot start while the plug does not answer.
    with pytest.raises(ServiceValidationError, match="has not confirmed"):
        await start_heat(hass)

    plug.obeys = True
    await advance(timedelta(seconds=10))
    assert state_of(hass, PLUG) == "off"
    assert state_of(hass, STATUS) == "idle"
    assert (
        issue_registry.async_get_issue("recovery_routines", f"plug_fault_{ENTRY_ID}")
        is None
    )
    assert f"plug_fault_{ENTRY_ID}" not in await read_notifications()


async def test_unreachable_plug_is_switched_off_when_it_returns(
    hass: HomeAssistant,
    plug: FakePlug,
    advance: Advance,
    issue_registry: ir.IssueRegistry,
) -> None:
    """A plug off the network at the deadline is a fault until it is back."""
    await start_heat(hass)
    await advance(timedelta(minutes=10))
    plug.set_available(False)
    await hass.async_block_till_done()
    assert state_of(hass, SESSION_SWITCH) == "on"

    plug.obeys = False  # unreachable: commands get lost
    await advance(timedelta(minutes=10))
    await advance(timedelta(seconds=20))
    assert state_of(hass, STATUS) == "fault"
    assert len(issue_registry.issues) == 1

    # Back on the network, still on: switched off at once, not at the next retry.
    plug.obeys = True
    calls = plug.turn_off_calls
    plug.set_available(True)
    await hass.async_block_till_done()
    assert plug.turn_off_calls == calls + 1
    assert state_of(hass, PLUG) == "off"
    assert state_of(hass, STATUS) == "idle"
    assert not issue_registry.issues


async def test_power_readings_do_not_hammer_the_plug(
    hass: HomeAssistant, plug: FakePlug, advance: Advance
) -> None:
    """Attribute updates of a plug that stays on wait for the next retry."""
    await start_heat(hass)
    plug.obeys = False
    await advance(timedelta(minutes=20))
    assert plug.turn_off_calls == 1
    hass.states.async_set(PLUG, "on", {"current_power_w": 41.5})
    await hass.async_block_till_done()
    assert plug.turn_off_calls == 1

    # Stop asks again at once, without waiting for the retry.
    await call(hass, "stop_heat")
    assert plug.turn_off_calls == 2
    plug.obeys = True
    await call(hass, "stop_heat")
    assert state_of(hass, PLUG) == "off"
    assert state_of(hass, STATUS) == "idle"


async def test_plug_that_raises_is_retried(
    hass: HomeAssistant, plug: FakePlug, advance: Advance
) -> None:
    """An error from the plug's integration does not stop the retries."""
    await start_heat(hass)
    plug.raises = HomeAssistantError
    await advance(timedelta(minutes=20))
    await advance(timedelta(seconds=20))
    assert state_of(hass, STATUS) == "fault"
    plug.raises = None
    await advance(timedelta(seconds=10))
    assert state_of(hass, PLUG) == "off"
    assert state_of(hass, STATUS) == "idle"


@pytest.mark.parametrize("failure", [HomeAssistantError, TimeoutError])
async def test_plug_that_cannot_start_leaves_nothing_behind(
    hass: HomeAssistant, plug: FakePlug, failure: type[Exception]
) -> None:
    """A start the plug refuses is undone completely; the plug's answer is shown."""
    plug.raises = failure
    before = snapshot_states(hass)
    with pytest.raises(
        HomeAssistantError,
        match="could not be switched on: The plug's cloud did not answer",
    ):
        await start_heat(hass)
    assert snapshot_states(hass) == before
    plug.raises = None
    await start_heat(hass)
    assert state_of(hass, PLUG) == "on"


async def test_start_refused_while_plug_is_unavailable(
    hass: HomeAssistant, plug: FakePlug
) -> None:
    """Heat never starts on a plug that cannot be switched off."""
    plug.set_available(False)
    await hass.async_block_till_done()
    with pytest.raises(ServiceValidationError, match="is not available"):
        await start_heat(hass)
    assert state_of(hass, SESSION_SWITCH) == "off"


async def test_plug_that_obeys_a_retry_is_no_fault(
    hass: HomeAssistant,
    read_notifications: ReadNotifications,
    plug: FakePlug,
    advance: Advance,
) -> None:
    """A plug that reports off at the first retry raises nothing."""
    await start_heat(hass)
    plug.obeys = False
    await advance(timedelta(minutes=20))
    plug.obeys = True
    await advance(timedelta(seconds=10))
    assert state_of(hass, PLUG) == "off"
    await advance(timedelta(seconds=30))
    assert state_of(hass, STATUS) == "idle"
    assert f"plug_fault_{ENTRY_ID}" not in await read_notifications()


# ----- rule 8: a plug that disappears --------------------------------------


async def test_removed_plug_raises_a_repair_issue(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    issue_registry: ir.IssueRegistry,
) -> None:
    """The plug leaving Home Assistant is reported, and cleared when it returns."""
    entity_registry.async_remove(PLUG)
    await hass.async_block_till_done()
    issue = issue_registry.async_get_issue(
        "recovery_routines", f"plug_missing_{ENTRY_ID}"
    )
    assert issue is not None
    assert issue.translation_placeholders == {
        "name": "Back care",
        "entity_id": PLUG,
    }

    hass.states.async_set(PLUG, "off")
    await hass.async_block_till_done()
    assert not issue_registry.issues


# ----- options apply in place ----------------------------------------------


async def test_lower_cap_applies_to_the_running_session(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """A lower cap moves the deadline at once; no reload, no lost session."""
    await start_heat(hass, minutes=25)
    await advance(timedelta(minutes=5))

    hass.config_entries.async_update_entry(
        setup_entry, options={"max_heat_minutes": 10, "heat_rest_minutes": 20}
    )
    await hass.async_block_till_done()
    assert state_of(hass, SESSION_SWITCH) == "on"
    assert state_of(hass, SESSION_ENDS) == "2026-11-20T18:10:00+00:00"
    assert state_of(hass, DURATION) == "10"
    duration = hass.states.get(DURATION)
    assert duration is not None
    assert duration.attributes["max"] == 10
    # Any whole number of minutes from 1, typed in a box.
    assert (duration.attributes["min"], duration.attributes["step"]) == (1, 1)
    assert duration.attributes["mode"] == "box"

    hass.config_entries.async_update_entry(
        setup_entry, options={"max_heat_minutes": 5, "heat_rest_minutes": 20}
    )
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "off"
    assert last_event(hass)["event_type"] == "cutoff"
    assert last_event(hass)["reason"] == "heat_limit"


@pytest.mark.usefixtures("sleep_guard")
async def test_new_sleep_guard_applies_at_once(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """Choosing a sleep entity that is on cuts the session off."""
    await hass.services.async_call(
        "input_boolean", "turn_on", {"entity_id": SLEEP}, blocking=True
    )
    await start_heat(hass, minutes=10)
    hass.config_entries.async_update_entry(
        setup_entry, options={**setup_entry.options, "sleep_entity": SLEEP}
    )
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "off"
    assert last_event(hass)["reason"] == "sleep"

    # A higher cap leaves the deadline of a session alone.
    hass.config_entries.async_update_entry(setup_entry, options={})
    await hass.async_block_till_done()
    await hass.services.async_call(
        "input_boolean", "turn_off", {"entity_id": SLEEP}, blocking=True
    )
    await start_heat(hass, minutes=5)
    hass.config_entries.async_update_entry(
        setup_entry, options={"max_heat_minutes": 60}
    )
    await hass.async_block_till_done()
    assert state_of(hass, SESSION_ENDS) == "2026-11-20T18:05:00+00:00"


async def test_heat_today_resets_at_local_midnight(
    hass: HomeAssistant, advance: Advance
) -> None:
    """The daily total starts again at midnight, for long-term statistics."""
    await start_heat(hass)
    await advance(timedelta(minutes=20))
    assert state_of(hass, HEAT_TODAY) == "20.0"
    midnight = dt_util.start_of_local_day(
        dt_util.as_local(START).date() + timedelta(days=1)
    )
    await advance(midnight - dt_util.utcnow())
    assert state_of(hass, HEAT_TODAY) == "0.0"
