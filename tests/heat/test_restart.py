"""Rule 5 and 7: sessions across restarts, unloading and removal."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import EVENT_HOMEASSISTANT_STARTED
from homeassistant.core import CoreState, HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from ..conftest import (
    DURATION,
    PLUG,
    SESSION_ENDS,
    SESSION_SWITCH,
    START,
    STATUS,
    STORAGE_KEY,
    Advance,
    FakePlug,
    last_event,
    running,
    setup_integration,
    start_heat,
    state_of,
    stored,
)


async def test_session_is_persisted_at_once(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """The running session is in the store before anything else happens."""
    await setup_integration(hass, config_entry)
    await start_heat(hass, minutes=15)
    expected = stored(
        session=(START, START + timedelta(minutes=15)), heat_on_since=START
    )
    assert hass_storage[STORAGE_KEY]["data"]["heat"] == expected["data"]["heat"]


async def test_session_continues_to_its_deadline_after_restart(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """A restart in the middle of a session keeps its original deadline."""
    started = START - timedelta(minutes=12)
    hass_storage[STORAGE_KEY] = running(started)
    plug.press_button(True)
    await setup_integration(hass, config_entry)

    assert state_of(hass, SESSION_SWITCH) == "on"
    assert state_of(hass, SESSION_ENDS) == "2026-11-20T18:08:00+00:00"
    await advance(timedelta(minutes=7, seconds=59))
    assert state_of(hass, PLUG) == "on"
    await advance(timedelta(seconds=1))
    assert state_of(hass, PLUG) == "off"
    assert last_event(hass)["event_type"] == "completed"
    assert last_event(hass)["minutes"] == 20.0


@pytest.mark.parametrize(
    "before_start_up",
    [timedelta(hours=3), timedelta(minutes=20)],
    ids=["hours before", "its deadline at the very moment"],
)
async def test_overdue_session_is_cut_off_at_start_up(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
    before_start_up: timedelta,
) -> None:
    """A deadline that passed while Home Assistant was down: off at once."""
    started = START - before_start_up
    hass_storage[STORAGE_KEY] = running(started)
    plug.press_button(True)
    await setup_integration(hass, config_entry)

    assert state_of(hass, PLUG) == "off"
    assert state_of(hass, SESSION_SWITCH) == "off"
    assert last_event(hass)["event_type"] == "cutoff"
    assert last_event(hass)["reason"] == "overdue"


async def test_plug_found_on_without_a_session_is_adopted(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """Heat found on at start-up is timed like any other."""
    plug.press_button(True)
    await setup_integration(hass, config_entry)
    assert state_of(hass, SESSION_SWITCH) == "on"
    assert last_event(hass)["event_type"] == "adopted"
    await advance(timedelta(minutes=20))
    assert state_of(hass, PLUG) == "off"


async def test_session_ended_by_a_plug_found_off(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """A plug that lost power while Home Assistant was down ends the session."""
    hass_storage[STORAGE_KEY] = running(START)
    await setup_integration(hass, config_entry)
    assert state_of(hass, SESSION_SWITCH) == "off"
    assert last_event(hass)["source"] == "plug"


async def test_unconfirmed_turn_off_is_taken_up_again(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """A plug that had not confirmed off before the restart is asked again."""
    hass_storage[STORAGE_KEY] = stored(off_pending=True)
    plug.press_button(True)
    plug.obeys = False
    await setup_integration(hass, config_entry)
    assert state_of(hass, SESSION_SWITCH) == "off"
    await advance(timedelta(seconds=20))
    assert state_of(hass, STATUS) == "fault"

    plug.obeys = True
    await advance(timedelta(seconds=10))
    assert state_of(hass, PLUG) == "off"
    assert state_of(hass, STATUS) == "idle"


async def test_unconfirmed_turn_off_of_a_plug_found_off(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """A plug found off confirms the pending off; it is not sent another."""
    hass_storage[STORAGE_KEY] = stored(off_pending=True)
    await setup_integration(hass, config_entry)
    assert state_of(hass, STATUS) == "idle"
    assert hass_storage[STORAGE_KEY]["data"]["heat"]["off_pending"] is False
    assert plug.turn_off_calls == 0


@pytest.mark.parametrize(
    "content",
    [
        {"version": 1, "minor_version": 1, "key": STORAGE_KEY, "data": {}},
        {"version": 1, "minor_version": 1, "key": STORAGE_KEY, "data": {"heat": 1}},
        stored(session=(START, START))
        | {"data": {"heat": {**stored()["data"]["heat"], "heat_on_since": "x"}}},
    ],
)
async def test_unreadable_store_is_replaced(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
    content: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A broken store is reported and replaced; the cutoff still runs."""
    hass_storage[STORAGE_KEY] = content
    await setup_integration(hass, config_entry)
    assert config_entry.state is ConfigEntryState.LOADED
    assert "could not be read and is replaced" in caplog.text
    assert state_of(hass, DURATION) == "20"
    plug.press_button(True)
    await hass.async_block_till_done()
    assert state_of(hass, SESSION_SWITCH) == "on"


async def test_heat_duration_is_kept(
    hass: HomeAssistant, plug: FakePlug, config_entry: MockConfigEntry
) -> None:
    """The session length survives a reload."""
    await setup_integration(hass, config_entry)
    await hass.services.async_call(
        "number", "set_value", {"entity_id": DURATION, "value": 15}, blocking=True
    )
    assert await hass.config_entries.async_reload(config_entry.entry_id)
    await hass.async_block_till_done()
    assert state_of(hass, DURATION) == "15"


async def test_unload_mid_session_switches_the_plug_off_first(
    hass: HomeAssistant, plug: FakePlug, config_entry: MockConfigEntry
) -> None:
    """Rule 7: no entry, no heat."""
    await setup_integration(hass, config_entry)
    await start_heat(hass)
    assert await hass.config_entries.async_unload(config_entry.entry_id)
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "off"
    assert config_entry.state is ConfigEntryState.NOT_LOADED


async def test_unload_with_a_plug_that_stays_on_is_taken_up_on_setup(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """What the plug did not confirm at unload is taken up at the next setup."""
    await setup_integration(hass, config_entry)
    await start_heat(hass)
    plug.obeys = False
    assert await hass.config_entries.async_unload(config_entry.entry_id)
    assert hass_storage[STORAGE_KEY]["data"]["heat"]["off_pending"] is True

    plug.obeys = True
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "off"


async def test_remove_mid_session_switches_off_and_deletes_the_store(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """Removing the entry switches the plug off and leaves nothing behind."""
    await setup_integration(hass, config_entry)
    await start_heat(hass)
    assert STORAGE_KEY in hass_storage
    await hass.config_entries.async_remove(config_entry.entry_id)
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "off"
    assert STORAGE_KEY not in hass_storage


async def test_missing_plug_at_setup_raises_a_repair_issue(
    hass: HomeAssistant,
    config_entry: MockConfigEntry,
    issue_registry: ir.IssueRegistry,
) -> None:
    """Rule 8 at start-up: a plug that is not there is reported."""
    await setup_integration(hass, config_entry)
    assert (
        "recovery_routines",
        "plug_missing_01JRECOVERYROUTINESENTRY01",
    ) in issue_registry.issues
    # Heat cannot start without it.
    with pytest.raises(
        ServiceValidationError,
        match=r"The heating pad plug \(switch\.heating_pad\) is not available",
    ) as refusal:
        await start_heat(hass)
    assert refusal.value.translation_key == "plug_unavailable"


@pytest.mark.parametrize("plug_loads", [True, False])
async def test_plug_that_loads_late_at_start_up(
    hass: HomeAssistant,
    config_entry: MockConfigEntry,
    issue_registry: ir.IssueRegistry,
    plug_loads: bool,
) -> None:
    """Report only a plug still missing once Home Assistant has started.

    During start-up, the plug's integration may load after this one.
    """
    hass.set_state(CoreState.not_running)
    await setup_integration(hass, config_entry)
    hass.states.async_remove(PLUG)  # it was there, and is not loaded yet
    await hass.async_block_till_done()
    assert not issue_registry.issues
    if plug_loads:
        hass.states.async_set(PLUG, "off")
    hass.bus.async_fire(EVENT_HOMEASSISTANT_STARTED)
    await hass.async_block_till_done()
    assert bool(issue_registry.issues) is not plug_loads


async def test_routine_unloaded_during_start_up_reports_nothing(
    hass: HomeAssistant,
    config_entry: MockConfigEntry,
    issue_registry: ir.IssueRegistry,
) -> None:
    """Removed or disabled before Home Assistant finished starting: no repair."""
    hass.set_state(CoreState.not_running)
    await setup_integration(hass, config_entry)
    assert await hass.config_entries.async_unload(config_entry.entry_id)
    await hass.async_block_till_done()
    hass.bus.async_fire(EVENT_HOMEASSISTANT_STARTED)
    await hass.async_block_till_done()
    assert not issue_registry.issues
