"""Heat while Home Assistant is away: off at every stop, resumed at the start.

The stop is real (`hass.async_stop()`), so the shutdown job runs as it does
when Home Assistant is updated, restarted or stopped. The fake plug closes its
connection on the stop event, as Zigbee, Z-Wave, Matter and Shelly do.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from ..conftest import (
    PLUG,
    SESSION_ENDS,
    SESSION_SWITCH,
    START,
    STATUS,
    STORAGE_KEY,
    Advance,
    FakePlug,
    interrupted,
    last_event,
    setup_integration,
    start_heat,
    state_of,
    stop_past_the_bound,
    stored,
)


def stored_heat(hass_storage: dict[str, Any]) -> dict[str, Any]:
    """Return the heat part of what the integration wrote to disk."""
    heat: dict[str, Any] = hass_storage[STORAGE_KEY]["data"]["heat"]
    return heat


async def test_stop_switches_the_plug_off_and_keeps_the_session(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """A stop in the middle of a session: plug off, session kept as interrupted."""
    await setup_integration(hass, config_entry)
    await start_heat(hass, minutes=20)
    await advance(timedelta(minutes=5))

    await hass.async_stop()

    # The plug got the command before its connection closed on the stop event.
    assert plug.is_on is False
    assert not plug.connected
    heat = stored_heat(hass_storage)
    interrupted_at = (START + timedelta(minutes=5)).isoformat()
    assert heat["session"]["interrupted_at"] == interrupted_at
    assert heat["session"]["ends_at"] == (START + timedelta(minutes=20)).isoformat()
    assert heat["heat_on_since"] is None
    assert heat["off_pending"] is False
    assert heat["intervals"] == [[START.isoformat(), interrupted_at]]
    assert last_event(hass)["event_type"] == "interrupted"


async def test_stop_without_a_session_sends_nothing(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """Nothing runs: the plug is left alone and the store keeps no session."""
    await setup_integration(hass, config_entry)
    await hass.async_stop()
    assert plug.turn_off_calls == 0
    assert stored_heat(hass_storage)["session"] is None


async def test_stop_does_not_wait_for_a_plug_that_hangs(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A plug that never answers holds the stop up for 5 seconds only.

    What it did not confirm is kept as pending, for the next start, and the
    log says so.
    """
    await setup_integration(hass, config_entry)
    await start_heat(hass, minutes=20)
    plug.obeys = False
    plug.off_gate = asyncio.Event()

    await stop_past_the_bound(hass, freezer)

    heat = stored_heat(hass_storage)
    assert heat["session"]["interrupted_at"] == START.isoformat()
    assert heat["off_pending"] is True
    assert heat["heat_on_since"] == START.isoformat()
    assert f"{PLUG} did not confirm off before Home Assistant stopped" in caplog.text
    plug.off_gate.set()


async def test_interrupted_session_resumes_until_its_deadline(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """Back after a restart: the plug goes on again for the time left."""
    started = START - timedelta(minutes=8)
    stopped_at = START - timedelta(minutes=3)
    hass_storage[STORAGE_KEY] = interrupted(started, stopped_at)
    await setup_integration(hass, config_entry)

    assert state_of(hass, PLUG) == "on"
    assert state_of(hass, SESSION_SWITCH) == "on"
    assert state_of(hass, STATUS) == "heating"
    assert state_of(hass, SESSION_ENDS) == "2026-11-20T18:12:00+00:00"
    event = last_event(hass)
    assert event["event_type"] == "resumed"
    assert event["ends_at"] == "2026-11-20T18:12:00+00:00"
    assert stored_heat(hass_storage)["session"]["interrupted_at"] is None

    await advance(timedelta(minutes=11, seconds=59))
    assert state_of(hass, PLUG) == "on"
    await advance(timedelta(seconds=1))
    assert state_of(hass, PLUG) == "off"
    assert last_event(hass)["event_type"] == "completed"
    # Heat of the whole session: 5 minutes before the stop, 12 after it.
    heat = stored_heat(hass_storage)
    assert [interval[0] for interval in heat["intervals"]] == [
        started.isoformat(),
        START.isoformat(),
    ]


async def test_interrupted_session_past_its_deadline_ends(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """Away longer than the session: it ends and the plug stays off."""
    started = START - timedelta(hours=2)
    stopped_at = started + timedelta(minutes=5)
    hass_storage[STORAGE_KEY] = interrupted(started, stopped_at)
    await setup_integration(hass, config_entry)

    assert state_of(hass, PLUG) == "off"
    assert not plug.is_on
    assert state_of(hass, SESSION_SWITCH) == "off"
    event = last_event(hass)
    assert (event["event_type"], event["reason"]) == ("cutoff", "overdue")
    assert event["minutes"] == 5.0


@pytest.mark.parametrize("options", [{"sleep_entity": "input_boolean.sleeping"}])
async def test_interrupted_session_does_not_resume_while_asleep(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    sleep_guard: str,
    config_entry: MockConfigEntry,
) -> None:
    """Gone to bed while Home Assistant restarted: no heat comes back."""
    await hass.services.async_call(
        "input_boolean", "turn_on", {"entity_id": sleep_guard}, blocking=True
    )
    started = START - timedelta(minutes=5)
    hass_storage[STORAGE_KEY] = interrupted(started, START - timedelta(minutes=1))
    await setup_integration(hass, config_entry)

    assert state_of(hass, PLUG) == "off"
    assert state_of(hass, SESSION_SWITCH) == "off"
    event = last_event(hass)
    assert (event["event_type"], event["reason"]) == ("cutoff", "sleep")


@pytest.mark.parametrize("options", [{"max_heat_minutes": 30}])
async def test_unconfirmed_off_counts_the_time_away_as_heat(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """A plug that never confirmed off may have heated all along: no resume.

    The stop came 20 minutes into a 40-minute session (over a longer cap
    then); the plug did not confirm off, and Home Assistant was away for 15
    minutes: 35 minutes of possible heat are over the 30-minute cap.
    """
    started = START - timedelta(minutes=35)
    hass_storage[STORAGE_KEY] = stored(
        session=(started, started + timedelta(minutes=40)),
        heat_on_since=started,
        off_pending=True,
        interrupted_at=started + timedelta(minutes=20),
    )
    plug.press_button(True)
    await setup_integration(hass, config_entry)

    assert state_of(hass, PLUG) == "off"
    event = last_event(hass)
    assert (event["event_type"], event["reason"]) == ("cutoff", "heat_limit")


async def test_unconfirmed_off_within_the_budget_resumes(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """The plug stayed on through a short restart: the session just goes on."""
    started = START - timedelta(minutes=6)
    hass_storage[STORAGE_KEY] = stored(
        session=(started, started + timedelta(minutes=20)),
        heat_on_since=started,
        off_pending=True,
        interrupted_at=START - timedelta(minutes=1),
    )
    plug.press_button(True)
    await setup_integration(hass, config_entry)

    assert state_of(hass, PLUG) == "on"
    assert last_event(hass)["event_type"] == "resumed"
    assert stored_heat(hass_storage)["heat_on_since"] == started.isoformat()
    assert stored_heat(hass_storage)["off_pending"] is False


async def test_resume_waits_for_the_plug_to_load(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """The plug's integration loads after this one: resume once it reports.

    Until then Home Assistant shows the plug as unavailable.
    """
    started = START - timedelta(minutes=5)
    hass_storage[STORAGE_KEY] = interrupted(started, START - timedelta(minutes=1))
    plug.set_available(False)
    await setup_integration(hass, config_entry)
    assert state_of(hass, SESSION_SWITCH) == "on"
    assert last_event(hass).get("event_type") is None

    await advance(timedelta(minutes=1))
    plug.set_available(True)
    await hass.async_block_till_done()

    assert state_of(hass, PLUG) == "on"
    assert last_event(hass)["event_type"] == "resumed"
    assert state_of(hass, SESSION_ENDS) == "2026-11-20T18:15:00+00:00"
    assert plug.is_on


async def test_deadline_passes_before_the_plug_loads(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """The plug never came back in time: the session ends, nothing resumes."""
    started = START - timedelta(minutes=18)
    hass_storage[STORAGE_KEY] = interrupted(started, START - timedelta(minutes=1))
    await setup_integration(hass, config_entry)
    await advance(timedelta(minutes=2))

    assert state_of(hass, SESSION_SWITCH) == "off"
    event = last_event(hass)
    assert (event["event_type"], event["reason"]) == ("cutoff", "overdue")


async def test_resume_that_the_plug_refuses_ends_the_session(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """The plug's cloud fails the turn-on: no session pretends to heat."""
    started = START - timedelta(minutes=5)
    hass_storage[STORAGE_KEY] = interrupted(started, START - timedelta(minutes=1))
    plug.raises = RuntimeError
    await setup_integration(hass, config_entry)

    assert state_of(hass, SESSION_SWITCH) == "off"
    event = last_event(hass)
    assert (event["event_type"], event["source"]) == ("stopped", "plug")


async def test_unloaded_entry_does_nothing_at_stop(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """The shutdown job goes with the entry."""
    await setup_integration(hass, config_entry)
    await start_heat(hass, minutes=20)
    assert await hass.config_entries.async_unload(config_entry.entry_id)
    calls = plug.turn_off_calls
    plug.press_button(True)

    await hass.async_stop()

    assert plug.turn_off_calls == calls


async def test_unconfirmed_off_then_found_off_resumes(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """The plug went off after all: the time away counts as heat, then resume."""
    started = START - timedelta(minutes=6)
    hass_storage[STORAGE_KEY] = stored(
        session=(started, started + timedelta(minutes=20)),
        heat_on_since=started,
        off_pending=True,
        interrupted_at=START - timedelta(minutes=1),
    )
    await setup_integration(hass, config_entry)

    assert state_of(hass, PLUG) == "on"
    assert last_event(hass)["event_type"] == "resumed"
    heat = stored_heat(hass_storage)
    assert heat["intervals"] == [[started.isoformat(), START.isoformat()]]
    assert heat["heat_on_since"] == START.isoformat()


async def test_stop_waits_for_a_plug_that_reports_off_late(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """An MQTT plug answers the command first and reports its state after."""
    await setup_integration(hass, config_entry)
    await start_heat(hass, minutes=20)
    plug.obeys = False

    stopping = hass.async_create_task(hass.async_stop())
    for _ in range(10):
        await asyncio.sleep(0)
    assert not stopping.done()
    plug.press_button(False)
    await stopping

    heat = stored_heat(hass_storage)
    assert heat["off_pending"] is False
    assert heat["heat_on_since"] is None
    assert heat["session"]["interrupted_at"] == START.isoformat()
