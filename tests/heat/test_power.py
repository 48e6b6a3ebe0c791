"""The power check: what the heating pad draws against what the plug says."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.recovery_routines.const import DOMAIN

from ..conftest import (
    ENTRY_ID,
    SESSION_SWITCH,
    START,
    STATUS,
    STORAGE_KEY,
    Advance,
    FakePlug,
    ReadNotifications,
    last_event,
    running,
    setup_integration,
    start_heat,
    state_of,
)

POWER = "sensor.heating_pad_power"
POWER_OPTIONS = [{"power_sensor": POWER}]


async def draw(hass: HomeAssistant, value: str, unit: str = "W") -> None:
    """Report what the plug's power sensor measures."""
    hass.states.async_set(
        POWER, value, {"unit_of_measurement": unit, "device_class": "power"}
    )
    await hass.async_block_till_done()


def power_issue(hass: HomeAssistant) -> ir.IssueEntry | None:
    """Return the critical repair of a pad that draws power while off."""
    return ir.async_get(hass).async_get_issue(DOMAIN, f"power_while_off_{ENTRY_ID}")


@pytest.mark.parametrize("options", POWER_OPTIONS)
async def test_power_while_off_is_a_fault(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
    read_notifications: ReadNotifications,
) -> None:
    """The plug says off, the pad draws 60 W for 30 s: the pad may be on."""
    await draw(hass, "0")
    await setup_integration(hass, config_entry)
    await draw(hass, "60")
    await advance(timedelta(seconds=29))
    assert state_of(hass, STATUS) == "idle"

    await advance(timedelta(seconds=1))

    assert state_of(hass, STATUS) == "fault"
    event = last_event(hass)
    assert (event["event_type"], event["reason"]) == ("fault", "power_while_off")
    issue = power_issue(hass)
    assert issue is not None
    assert issue.severity is ir.IssueSeverity.CRITICAL
    # Raised again at each start while it holds; nothing to fix in a dialog.
    assert (issue.is_fixable, issue.is_persistent) == (False, False)
    notification = (await read_notifications())[f"power_while_off_{ENTRY_ID}"]
    assert "still draws 60 W" in notification["message"]
    # Once: more readings while it lasts raise nothing new.
    await draw(hass, "61")
    await advance(timedelta(minutes=1))
    assert last_event(hass)["event_type"] == "fault"
    assert last_event(hass)["watts"] == "60"
    with pytest.raises(ServiceValidationError) as refusal:
        await start_heat(hass, minutes=10)
    assert refusal.value.translation_key == "power_while_off"

    await draw(hass, "0.4")
    await hass.async_block_till_done()

    assert state_of(hass, STATUS) == "idle"
    assert power_issue(hass) is None
    assert f"power_while_off_{ENTRY_ID}" not in await read_notifications()
    await start_heat(hass, minutes=10)


@pytest.mark.parametrize("options", POWER_OPTIONS)
async def test_power_fault_lasts_while_the_pad_draws(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """Only a pad that draws nothing again clears the fault; the plug's state does not."""
    await setup_integration(hass, config_entry)
    await draw(hass, "60")
    await advance(timedelta(seconds=30))
    assert power_issue(hass) is not None
    plug.press_button(True)
    await hass.async_block_till_done()
    await draw(hass, "61")
    assert power_issue(hass) is not None
    assert state_of(hass, STATUS) == "fault"


@pytest.mark.parametrize("options", POWER_OPTIONS)
@pytest.mark.parametrize("plug_is", ["off the network", "not yet reporting on"])
async def test_no_power_while_the_plug_is_not_on_is_not_the_pad(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
    read_notifications: ReadNotifications,
    plug_is: str,
) -> None:
    """Mid-session, a meter at 0 W says nothing about the pad unless the plug is on.

    The plug dropped off the network, or is a slow plug still to report on.
    """
    await setup_integration(hass, config_entry)
    if plug_is == "off the network":
        await draw(hass, "60")
        await start_heat(hass, minutes=20)
        plug.set_available(False)
    else:
        plug.reports_later = True
        await start_heat(hass, minutes=20)
    await draw(hass, "0")
    await advance(timedelta(minutes=3))
    assert f"no_power_{ENTRY_ID}" not in await read_notifications()


@pytest.mark.parametrize("options", POWER_OPTIONS)
async def test_short_power_blip_is_no_fault(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """A plug's meter lags behind its relay: less than 30 s is not a fault."""
    await setup_integration(hass, config_entry)
    await draw(hass, "0.06", unit="kW")
    await advance(timedelta(seconds=20))
    await draw(hass, "0")
    await advance(timedelta(seconds=20))
    assert state_of(hass, STATUS) == "idle"
    assert power_issue(hass) is None


@pytest.mark.parametrize("options", POWER_OPTIONS)
@pytest.mark.parametrize(("value", "unit"), [("5", "W"), ("5000", "mW")])
async def test_a_few_watts_while_off_are_no_fault(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
    value: str,
    unit: str,
) -> None:
    """A plug's own standby draw is not a heating pad, in W or in mW."""
    await setup_integration(hass, config_entry)
    await draw(hass, value, unit=unit)
    await advance(timedelta(minutes=5))
    assert state_of(hass, STATUS) == "idle"


@pytest.mark.parametrize("options", POWER_OPTIONS)
@pytest.mark.parametrize(("value", "unit"), [("5.1", "W"), ("5100", "mW")])
async def test_anything_over_five_watts_while_off_is_a_fault(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
    value: str,
    unit: str,
) -> None:
    """More than 5 W is no standby draw: a pad that may be on, in W or in mW."""
    await setup_integration(hass, config_entry)
    await draw(hass, value, unit=unit)
    await advance(timedelta(seconds=30))
    assert state_of(hass, STATUS) == "fault"


@pytest.mark.parametrize("options", POWER_OPTIONS)
async def test_pad_that_draws_nothing_during_a_session(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
    read_notifications: ReadNotifications,
) -> None:
    """The pad's own switch is off: an event and a notification, heat goes on."""
    await setup_integration(hass, config_entry)
    await draw(hass, "0")
    await start_heat(hass, minutes=20)
    await advance(timedelta(minutes=1, seconds=59))
    assert last_event(hass)["event_type"] == "started"

    await advance(timedelta(seconds=1))

    assert last_event(hass)["event_type"] == "no_power"
    assert state_of(hass, SESSION_SWITCH) == "on"
    notification = (await read_notifications())[f"no_power_{ENTRY_ID}"]
    assert notification["title"] == "Back care: the heating pad is not heating"

    # Once only; it clears when the pad draws power.
    await draw(hass, "0.2")
    await advance(timedelta(minutes=5))
    assert last_event(hass)["event_type"] == "no_power"
    await draw(hass, "55")
    await hass.async_block_till_done()
    assert f"no_power_{ENTRY_ID}" not in await read_notifications()
    assert state_of(hass, SESSION_SWITCH) == "on"
    # The pad's switch off again: said again.
    await draw(hass, "0")
    await advance(timedelta(minutes=2))
    assert f"no_power_{ENTRY_ID}" in await read_notifications()


@pytest.mark.parametrize("options", POWER_OPTIONS)
async def test_pad_that_draws_nothing_across_a_restart(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
    read_notifications: ReadNotifications,
) -> None:
    """Notifications do not outlive a restart: a pad still cold is noted again."""
    started = START - timedelta(minutes=5)
    hass_storage[STORAGE_KEY] = running(started)
    plug.press_button(True)
    await draw(hass, "0")
    await setup_integration(hass, config_entry)
    assert state_of(hass, SESSION_SWITCH) == "on"

    await advance(timedelta(minutes=2))

    assert last_event(hass)["event_type"] == "no_power"
    assert f"no_power_{ENTRY_ID}" in await read_notifications()


@pytest.mark.parametrize("options", POWER_OPTIONS)
async def test_pad_that_heats_is_not_reported(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """Power comes a moment after the plug: nothing to report."""
    await setup_integration(hass, config_entry)
    await draw(hass, "0")
    await start_heat(hass, minutes=20)
    await advance(timedelta(seconds=10))
    await draw(hass, "58")
    await advance(timedelta(minutes=5))
    assert last_event(hass)["event_type"] == "started"


@pytest.mark.parametrize("options", POWER_OPTIONS)
async def test_power_sensor_without_a_number_is_ignored(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """An unavailable meter, also while Home Assistant starts, says nothing."""
    await draw(hass, "unavailable")
    await setup_integration(hass, config_entry)
    await start_heat(hass, minutes=20)
    await advance(timedelta(minutes=5))
    assert last_event(hass)["event_type"] == "started"
    assert state_of(hass, STATUS) == "heating"


async def test_power_sensor_added_in_the_options(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """The check starts when the options name a power sensor, and stops again."""
    await setup_integration(hass, config_entry)
    await draw(hass, "70")
    await advance(timedelta(minutes=1))
    assert state_of(hass, STATUS) == "idle"

    options: dict[str, Any] = {**config_entry.options, "power_sensor": POWER}
    hass.config_entries.async_update_entry(config_entry, options=options)
    await hass.async_block_till_done()
    await advance(timedelta(seconds=30))
    assert state_of(hass, STATUS) == "fault"

    await draw(hass, "0")
    await hass.async_block_till_done()
    hass.config_entries.async_update_entry(
        config_entry, options={**options, "power_sensor": None}
    )
    await hass.async_block_till_done()
    await draw(hass, "70")
    await advance(timedelta(minutes=1))
    assert state_of(hass, STATUS) == "idle"


@pytest.mark.parametrize("options", POWER_OPTIONS)
async def test_power_of_an_unavailable_plug_is_no_fault(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """A plug off the network says nothing: only "off" with power is a fault."""
    await setup_integration(hass, config_entry)
    plug.set_available(False)
    await draw(hass, "60")
    await advance(timedelta(minutes=1))
    assert state_of(hass, STATUS) == "idle"


@pytest.mark.parametrize("options", POWER_OPTIONS)
@pytest.mark.parametrize(
    ("value", "unit"), [("0.06", "kW"), ("60000", "mW"), ("60", "VA")]
)
async def test_power_in_kilowatts_and_milliwatts(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
    value: str,
    unit: str,
) -> None:
    """0.06 kW, or 60000 mW, is a heating pad's 60 W; a unit it does not know is W."""
    await setup_integration(hass, config_entry)
    await draw(hass, value, unit=unit)
    await advance(timedelta(seconds=30))
    assert state_of(hass, STATUS) == "fault"
    assert last_event(hass)["watts"] == "60"


@pytest.mark.parametrize("options", POWER_OPTIONS)
async def test_a_fault_of_an_earlier_run_is_raised_again_only_if_it_holds(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """A repair left from before a restart goes when the pad draws nothing now."""
    ir.async_create_issue(
        hass,
        DOMAIN,
        f"power_while_off_{ENTRY_ID}",
        is_fixable=False,
        severity=ir.IssueSeverity.CRITICAL,
        translation_key="power_while_off",
    )
    await draw(hass, "0")
    await setup_integration(hass, config_entry)
    assert power_issue(hass) is None
    assert state_of(hass, STATUS) == "idle"
