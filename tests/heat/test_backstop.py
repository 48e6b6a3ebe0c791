"""The plug's own off timer: armed as a backstop for when Home Assistant is not.

The timers are entities of a fake plug integration set up from a config entry,
on one device, as TP-Link, Zigbee2MQTT, Tuya and Z-Wave plugs show them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from datetime import time, timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.binary_sensor import BinarySensorEntity
from homeassistant.components.number import NumberEntity
from homeassistant.components.switch import SwitchEntity
from homeassistant.components.time import TimeEntity
from homeassistant.config_entries import ConfigEntry, ConfigFlow, ConfigFlowResult
from homeassistant.const import EVENT_HOMEASSISTANT_STOP
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import entity_registry as er, issue_registry as ir
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.entity import Entity
from homeassistant.helpers.entity_platform import AddEntitiesCallback
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    MockModule,
    MockPlatform,
    async_capture_events,
    mock_config_flow,
    mock_integration,
    mock_platform,
)

from custom_components.recovery_routines.const import DOMAIN

from ..conftest import (
    ENTRY_ID,
    PLUG,
    SESSION_SWITCH,
    START,
    STORAGE_KEY,
    Advance,
    FakePlug,
    ReadNotifications,
    call,
    fill_options,
    interrupted,
    last_event,
    setup_integration,
    start_heat,
    state_of,
    stop_past_the_bound,
)

TIMER_DOMAIN = "fake_timers"
DEVICE = DeviceInfo(identifiers={(TIMER_DOMAIN, "heating_pad_plug")})


class FakeTimer(NumberEntity):
    """A plug's off timer as a number entity; records every write."""

    _attr_should_poll = False
    _attr_device_info = DEVICE

    def __init__(
        self,
        key: str,
        *,
        unit: str | None,
        maximum: float = 86400,
        minimum: float = 0,
        step: float = 1,
        value: float | None = 0,
        device: DeviceInfo | None = DEVICE,
        translation_key: str | None = None,
        name: str | None = None,
    ) -> None:
        """Make the timer `number.<key>`, named after `key` unless told."""
        # Asked for by id: Home Assistant's naming of such entities changed.
        self.entity_id = f"number.{key}"
        self._attr_device_info = device
        self._attr_unique_id = f"plug_{key}"
        self._attr_translation_key = translation_key or key
        self._attr_name = name or key.replace("_", " ")
        self._attr_native_unit_of_measurement = unit
        self._attr_native_max_value = maximum
        self._attr_native_min_value = minimum
        self._attr_native_step = step
        self._attr_native_value = value
        self.writes: list[float] = []
        self.fails = False
        # A write over a radio takes a few turns of the event loop; the radio
        # closes on the stop event, like the plug's (see FakePlug).
        self.round_trip = 0
        self.connected = True

    async def async_added_to_hass(self) -> None:
        """Close the radio when Home Assistant stops."""

        @callback
        def _disconnect(_event: Event) -> None:
            self.connected = False

        self.async_on_remove(
            self.hass.bus.async_listen_once(EVENT_HOMEASSISTANT_STOP, _disconnect)
        )

    async def async_set_native_value(self, value: float) -> None:
        """Write the timer, unless the plug is out of reach."""
        if self.fails:
            raise HomeAssistantError("The plug did not answer")
        for _turn in range(self.round_trip):
            await asyncio.sleep(0)
        if not self.connected:
            raise HomeAssistantError("The radio is closed")
        self.writes.append(value)
        self._attr_native_value = value
        self.async_write_ha_state()


class FakeTimeTimer(TimeEntity):
    """A tuya-local style countdown as a time entity."""

    _attr_should_poll = False
    _attr_device_info = DEVICE
    _attr_unique_id = "plug_countdown_time"
    _attr_name = "countdown"

    def __init__(self) -> None:
        """Start at zero."""
        self.entity_id = "time.countdown"
        self._attr_native_value = time(0, 0, 0)
        self.writes: list[time] = []

    async def async_set_value(self, value: time) -> None:
        """Write the countdown."""
        self.writes.append(value)
        self._attr_native_value = value
        self.async_write_ha_state()


class FakeEnableSwitch(SwitchEntity):
    """TP-Link's switch that turns its auto-off on."""

    _attr_should_poll = False
    _attr_device_info = DEVICE
    _attr_unique_id = "plug_auto_off_enabled"
    _attr_translation_key = "auto_off_enabled"
    _attr_name = "auto off enabled"
    _attr_is_on = False
    fails = False
    entity_id = "switch.auto_off_enabled"

    def __init__(self, *, is_on: bool = False) -> None:
        """Start off, or on."""
        self._attr_is_on = is_on
        self.turned_on = 0

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Turn the auto-off on."""
        if self.fails:
            raise HomeAssistantError("The plug did not answer")
        self.turned_on += 1
        self._attr_is_on = True
        self.async_write_ha_state()


class FakeRelay(SwitchEntity):
    """Another switch of the plug (its relay, a child lock), off."""

    _attr_should_poll = False
    _attr_is_on = False

    def __init__(self, key: str, device: DeviceInfo | None = DEVICE) -> None:
        """Make `switch.<key>`."""
        self.entity_id = f"switch.{key}"
        self._attr_unique_id = f"plug_{key}"
        self._attr_name = key.replace("_", " ")
        self._attr_device_info = device

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Switch on (what must not happen here)."""
        self._attr_is_on = True
        self.async_write_ha_state()


class FakeFlag(BinarySensorEntity):
    """A plug's binary sensor whose name mentions its auto-off, off."""

    _attr_should_poll = False
    _attr_device_info = DEVICE
    _attr_is_on = False
    entity_id = "binary_sensor.auto_off_active"
    _attr_unique_id = "plug_auto_off_active"
    _attr_name = "auto off active"


type SetupTimers = Callable[..., Coroutine[Any, Any, None]]


class FakeTimersFlow(ConfigFlow):
    """The config flow the fake plug integration needs to be set up."""


@pytest.fixture
def setup_timers(hass: HomeAssistant) -> Iterator[SetupTimers]:
    """Set up the plug's timer entities from a config entry of their own."""

    async def _setup(*entities: Entity) -> None:
        by_domain: dict[str, list[Entity]] = {}
        for entity in entities:
            domain = {
                FakeTimer: "number",
                FakeTimeTimer: "time",
                FakeEnableSwitch: "switch",
                FakeRelay: "switch",
                FakeFlag: "binary_sensor",
            }[type(entity)]
            by_domain.setdefault(domain, []).append(entity)

        async def _setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
            await hass.config_entries.async_forward_entry_setups(entry, list(by_domain))
            return True

        mock_integration(hass, MockModule(TIMER_DOMAIN, async_setup_entry=_setup_entry))
        mock_platform(hass, f"{TIMER_DOMAIN}.config_flow")
        for domain, domain_entities in by_domain.items():

            async def _setup_platform(
                hass: HomeAssistant,
                entry: ConfigEntry,
                async_add_entities: AddEntitiesCallback,
                domain_entities: list[Entity] = domain_entities,
            ) -> None:
                async_add_entities(domain_entities)

            mock_platform(
                hass,
                f"{TIMER_DOMAIN}.{domain}",
                MockPlatform(async_setup_entry=_setup_platform),
            )
        timer_entry = MockConfigEntry(domain=TIMER_DOMAIN)
        timer_entry.add_to_hass(hass)
        assert await hass.config_entries.async_setup(timer_entry.entry_id)
        await hass.async_block_till_done()

    with mock_config_flow(TIMER_DOMAIN, FakeTimersFlow):
        yield _setup


def backstop_issue(hass: HomeAssistant) -> ir.IssueEntry | None:
    """Return the repair issue of the backstop, if one is raised."""
    return ir.async_get(hass).async_get_issue(DOMAIN, f"backstop_{ENTRY_ID}")


COUNTDOWN = "number.countdown"
AUTO_OFF = "number.auto_off_minutes"


@pytest.mark.parametrize("options", [{"backstop_entity": COUNTDOWN}])
async def test_countdown_follows_the_session(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """A Zigbee2MQTT countdown in seconds: the deadline plus 3 minutes.

    Written at the start, again at an extension, and cancelled at the stop.
    """
    countdown = FakeTimer("countdown", unit="s", maximum=43200)
    await setup_timers(countdown)
    await setup_integration(hass, config_entry)
    assert countdown.writes == []

    await start_heat(hass, minutes=20)
    assert countdown.writes == [(20 + 3) * 60]

    await advance(timedelta(minutes=2))
    await call(hass, "extend_heat", minutes=5)
    await hass.async_block_till_done()
    assert countdown.writes[-1] == (18 + 5 + 3) * 60

    await call(hass, "stop_heat")
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "off"
    assert countdown.writes[-1] == 0
    assert backstop_issue(hass) is None


@pytest.mark.parametrize("options", [{"backstop_entity": COUNTDOWN}])
async def test_stop_while_the_countdown_is_written(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
) -> None:
    """Stopped before a slow radio wrote the countdown: the start still succeeds."""
    countdown = FakeTimer("countdown", unit="s")
    countdown.round_trip = 10
    await setup_timers(countdown)
    await setup_integration(hass, config_entry)
    starting = hass.async_create_task(start_heat(hass, minutes=20))
    await asyncio.sleep(0)
    await call(hass, "stop_heat")
    assert (await starting)["minutes"] == 20.0
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "off"
    assert backstop_issue(hass) is None


@pytest.mark.parametrize("options", [{"backstop_entity": COUNTDOWN}])
async def test_countdown_waits_for_the_plug_to_report_on(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
) -> None:
    """Never armed while the plug is off: some countdowns toggle the plug."""
    countdown = FakeTimer("countdown", unit="s")
    await setup_timers(countdown)
    await setup_integration(hass, config_entry)
    plug.obeys = False  # The plug takes its time to report on.

    await start_heat(hass, minutes=10)
    assert countdown.writes == []

    plug.press_button(True)
    await hass.async_block_till_done()
    assert countdown.writes == [13 * 60]

    # Nor while it is off the network: an extension waits for it to be back.
    plug.set_available(False)
    await hass.async_block_till_done()
    await call(hass, "extend_heat", minutes=5)
    await hass.async_block_till_done()
    assert countdown.writes == [13 * 60]
    plug.set_available(True)
    await hass.async_block_till_done()
    assert countdown.writes == [13 * 60, 18 * 60]


@pytest.mark.parametrize(
    ("options", "timer", "expected"),
    [
        # Minutes with a step of 5, rounded up: 23 -> 25.
        (
            {"backstop_entity": "number.timer_minutes", "backstop_kind": "countdown"},
            FakeTimer("timer_minutes", unit="min", step=5),
            25,
        ),
        # A Z-Wave configuration parameter with its unit in free text.
        (
            {"backstop_entity": "number.countdown_zwave"},
            FakeTimer("countdown_zwave", unit="Seconds", maximum=65535),
            1380,
        ),
        # The user said the unit: hours, rounded up to a whole hour.
        (
            {"backstop_entity": "number.countdown_hours", "backstop_unit": "h"},
            FakeTimer("countdown_hours", unit=None, maximum=24),
            1,
        ),
        # A minimum above the time needed: the minimum.
        (
            {"backstop_entity": "number.countdown_min"},
            FakeTimer("countdown_min", unit="min", minimum=30, maximum=120),
            30,
        ),
    ],
)
async def test_countdown_units_and_rounding(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
    timer: FakeTimer,
    expected: float,
) -> None:
    """The value is read in the entity's unit, rounded up, within its range."""
    await setup_timers(timer)
    await setup_integration(hass, config_entry)
    await start_heat(hass, minutes=20)
    assert timer.writes == [expected]


@pytest.mark.parametrize("options", [{"backstop_entity": "time.countdown"}])
async def test_time_entity_countdown(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """A tuya-local countdown as a time entity: hours, minutes and seconds."""
    countdown = FakeTimeTimer()
    await setup_timers(countdown)
    await setup_integration(hass, config_entry)
    await start_heat(hass, minutes=20)
    assert countdown.writes == [time(0, 23, 0)]
    await advance(timedelta(seconds=30))
    await call(hass, "extend_heat", minutes=1)
    await hass.async_block_till_done()
    assert countdown.writes[-1] == time(0, 23, 30)
    await call(hass, "stop_heat")
    await hass.async_block_till_done()
    assert countdown.writes[-1] == time(0, 0, 0)


@pytest.mark.parametrize(
    "options",
    [{"backstop_entity": AUTO_OFF, "max_heat_minutes": 30, "heat_rest_minutes": 20}],
)
async def test_auto_off_is_written_once_and_enabled(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
) -> None:
    """TP-Link's auto-off: the longest heat plus the margin, and switched on.

    It applies after every turn-on, so sessions do not write it again; a new
    cap in the options does.
    """
    auto_off = FakeTimer("auto_off_minutes", unit="min", maximum=600)
    enable = FakeEnableSwitch()
    await setup_timers(auto_off, enable)
    await setup_integration(hass, config_entry)
    assert auto_off.writes == [33]
    assert enable.is_on

    await start_heat(hass, minutes=20)
    await call(hass, "stop_heat")
    await hass.async_block_till_done()
    assert auto_off.writes == [33]

    hass.config_entries.async_update_entry(
        config_entry, options={**config_entry.options, "max_heat_minutes": 45}
    )
    await hass.async_block_till_done()
    assert auto_off.writes == [33, 48]


@pytest.mark.parametrize("options", [{"backstop_entity": "number.mystery"}])
@pytest.mark.parametrize("unit", ["ticks", None])
async def test_unknown_unit_is_not_guessed(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
    read_notifications: ReadNotifications,
    unit: str | None,
) -> None:
    """No unit and no word for the kind: nothing is written, the user is told.

    The session still runs: the backstop is not required.
    """
    mystery = FakeTimer("mystery", unit=unit)
    await setup_timers(mystery)
    await setup_integration(hass, config_entry)
    hass.config_entries.async_update_entry(
        config_entry, options={**config_entry.options, "backstop_kind": "countdown"}
    )
    await hass.async_block_till_done()

    await start_heat(hass, minutes=20)

    assert mystery.writes == []
    assert state_of(hass, SESSION_SWITCH) == "on"
    issue = backstop_issue(hass)
    assert issue is not None
    assert issue.translation_key == "backstop_unit_unknown"
    notification = (await read_notifications())[f"backstop_{ENTRY_ID}"]
    assert "seconds, minutes or hours" in notification["message"]
    assert notification["title"] == (
        "Back care: the unit of the plug's own off timer is unknown"
    )


@pytest.mark.parametrize(
    "options",
    [{"backstop_entity": COUNTDOWN, "backstop_required": True}],
)
async def test_required_backstop_refuses_what_it_cannot_cover(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
) -> None:
    """A countdown that goes to 10 minutes cannot cover 20: no session at all."""
    countdown = FakeTimer("countdown", unit="s", maximum=600)
    await setup_timers(countdown)
    await setup_integration(hass, config_entry)

    with pytest.raises(ServiceValidationError) as refusal:
        await start_heat(hass, minutes=20)

    assert refusal.value.translation_key == "backstop_required"
    assert plug.is_on is False
    assert countdown.writes == []
    assert state_of(hass, SESSION_SWITCH) == "off"

    # Five minutes fit: 5 + 3 = 8 minutes.
    await start_heat(hass, minutes=5)
    assert countdown.writes == [480]
    with pytest.raises(ServiceValidationError):
        await call(hass, "extend_heat", minutes=5)
    assert countdown.writes == [480]


@pytest.mark.parametrize("options", [{"backstop_entity": COUNTDOWN}])
async def test_too_short_backstop_warns_but_heats(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
) -> None:
    """Not required: the session runs, and a repair says the timer is short."""
    countdown = FakeTimer("countdown", unit="s", maximum=600)
    await setup_timers(countdown)
    await setup_integration(hass, config_entry)

    await start_heat(hass, minutes=20)

    assert state_of(hass, SESSION_SWITCH) == "on"
    issue = backstop_issue(hass)
    assert issue is not None
    assert issue.translation_key == "backstop_too_short"
    assert issue.translation_placeholders == {
        "name": "Back care",
        "entity_id": COUNTDOWN,
        "maximum": "600 s",
    }
    # A session it covers clears the repair.
    await call(hass, "stop_heat")
    await start_heat(hass, minutes=5)
    assert backstop_issue(hass) is None


@pytest.mark.parametrize(
    "options",
    [{"backstop_entity": COUNTDOWN, "backstop_required": True}],
)
async def test_required_backstop_that_fails_switches_off_again(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
) -> None:
    """The plug does not take the write: the start is undone and refused."""
    countdown = FakeTimer("countdown", unit="s")
    countdown.fails = True
    await setup_timers(countdown)
    await setup_integration(hass, config_entry)

    with pytest.raises(ServiceValidationError) as refusal:
        await start_heat(hass, minutes=20)

    assert refusal.value.translation_key == "backstop_failed"
    assert state_of(hass, PLUG) == "off"
    assert state_of(hass, SESSION_SWITCH) == "off"
    event = last_event(hass)
    assert (event["event_type"], event["reason"]) == ("cutoff", "backstop")
    issue = backstop_issue(hass)
    assert issue is not None
    assert issue.translation_key == "backstop_write_failed"


@pytest.mark.parametrize("options", [{"backstop_entity": COUNTDOWN}])
async def test_failed_write_is_reported_and_heat_goes_on(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
) -> None:
    """Not required: a failed write is a repair, not a refusal."""
    countdown = FakeTimer("countdown", unit="s")
    countdown.fails = True
    await setup_timers(countdown)
    await setup_integration(hass, config_entry)

    await start_heat(hass, minutes=20)
    assert state_of(hass, SESSION_SWITCH) == "on"
    assert backstop_issue(hass) is not None

    # Failing to cancel it is reported too; heat is off all the same.
    countdown.fails = False
    await call(hass, "extend_heat", minutes=1)
    await hass.async_block_till_done()
    assert backstop_issue(hass) is None
    countdown.fails = True
    await call(hass, "stop_heat")
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "off"
    assert backstop_issue(hass) is not None


@pytest.mark.parametrize("options", [{"backstop_entity": "number.gone"}])
async def test_missing_timer_entity_is_reported(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """The chosen timer no longer exists: a repair, and heat still works."""
    await setup_integration(hass, config_entry)
    hass.config_entries.async_update_entry(
        config_entry, options={**config_entry.options, "backstop_kind": "countdown"}
    )
    await start_heat(hass, minutes=20)
    issue = backstop_issue(hass)
    assert issue is not None
    assert issue.translation_key == "backstop_missing"


@pytest.mark.parametrize("options", [{"backstop_entity": COUNTDOWN}])
async def test_countdown_armed_for_adopted_and_resumed_heat(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
) -> None:
    """Heat from the plug's button and heat resumed after a restart are covered."""
    countdown = FakeTimer("countdown", unit="s")
    await setup_timers(countdown)
    started = START - timedelta(minutes=5)
    hass_storage[STORAGE_KEY] = interrupted(started, START - timedelta(minutes=1))
    await setup_integration(hass, config_entry)
    assert countdown.writes == [(15 + 3) * 60]

    await call(hass, "stop_heat")
    await hass.async_block_till_done()
    config_entry_options = {**config_entry.options, "heat_rest_minutes": 0}
    hass.config_entries.async_update_entry(config_entry, options=config_entry_options)
    plug.press_button(True)
    await hass.async_block_till_done()
    assert last_event(hass)["event_type"] == "adopted"
    assert countdown.writes[-1] == (20 + 3) * 60


@pytest.mark.parametrize("options", [{"backstop_entity": COUNTDOWN}])
async def test_countdown_at_shutdown(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
) -> None:
    """Off at the stop and confirmed: the countdown is cancelled too.

    The stop waits for that write, which takes the radio a moment.
    """
    countdown = FakeTimer("countdown", unit="s")
    countdown.round_trip = 10
    await setup_timers(countdown)
    await setup_integration(hass, config_entry)
    await start_heat(hass, minutes=20)
    await hass.async_stop()
    assert plug.is_on is False
    assert countdown.writes == [23 * 60, 0]


@pytest.mark.parametrize("options", [{"backstop_entity": COUNTDOWN}])
async def test_countdown_stays_armed_when_off_is_not_confirmed(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """The plug ignores the stop's turn-off: its own timer is all that is left."""
    countdown = FakeTimer("countdown", unit="s")
    await setup_timers(countdown)
    await setup_integration(hass, config_entry)
    await start_heat(hass, minutes=20)
    plug.obeys = False
    await stop_past_the_bound(hass, freezer)
    assert plug.is_on is True
    assert countdown.writes == [23 * 60]


@pytest.mark.parametrize("options", [{"backstop_script": "script.plug_timer"}])
async def test_backstop_script_gets_phase_and_time(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """For Tasmota, ZHA or Shelly commands: a script with phase and time."""
    assert await async_setup_component(
        hass,
        "script",
        {
            "script": {
                "plug_timer": {
                    "sequence": [
                        {
                            "event": "plug_timer_called",
                            "event_data": {
                                "phase": "{{ phase }}",
                                "seconds": "{{ seconds }}",
                                "minutes": "{{ minutes }}",
                            },
                        }
                    ]
                }
            }
        },
    )
    calls = async_capture_events(hass, "plug_timer_called")
    await setup_integration(hass, config_entry)

    await start_heat(hass, minutes=20)
    await advance(timedelta(seconds=50))
    await call(hass, "extend_heat", minutes=2)
    await hass.async_block_till_done()
    await call(hass, "stop_heat")
    await hass.async_block_till_done()

    # Minutes round up: 1450 s is 24 minutes and 10 seconds, so 25.
    assert [
        (event.data["phase"], event.data["seconds"], event.data["minutes"])
        for event in calls
    ] == [("start", 1380, 23), ("extend", 1450, 25), ("stop", 0, 0)]


@pytest.mark.parametrize(
    "options",
    [{"backstop_script": "script.broken", "backstop_required": True}],
)
async def test_failing_backstop_script_with_required(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """A script that does not exist cannot arm anything: the start is refused."""
    await setup_integration(hass, config_entry)
    with pytest.raises(ServiceValidationError):
        await start_heat(hass, minutes=20)
    assert state_of(hass, PLUG) == "off"


AUTO_OFF_OPTIONS = [{"backstop_entity": AUTO_OFF, "max_heat_minutes": 30}]


@pytest.mark.parametrize("options", AUTO_OFF_OPTIONS)
async def test_auto_off_already_set_is_left_alone(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
) -> None:
    """A restart writes nothing the plug already holds."""
    auto_off = FakeTimer("auto_off_minutes", unit="min", value=33)
    await setup_timers(auto_off)
    await setup_integration(hass, config_entry)
    assert auto_off.writes == []


@pytest.mark.parametrize("options", AUTO_OFF_OPTIONS)
async def test_auto_off_of_a_plug_without_a_device(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
) -> None:
    """A timer with no device and no value yet is written; no switch to find."""
    auto_off = FakeTimer("auto_off_minutes", unit="min", value=None, device=None)
    await setup_timers(auto_off)
    await setup_integration(hass, config_entry)
    assert auto_off.writes == [33]
    assert backstop_issue(hass) is None


@pytest.mark.parametrize("options", AUTO_OFF_OPTIONS)
async def test_auto_off_switch_that_fails(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
) -> None:
    """The auto-off could not be switched on: the user is told."""
    enable = FakeEnableSwitch()
    enable.fails = True
    await setup_timers(FakeTimer("auto_off_minutes", unit="min"), enable)
    await setup_integration(hass, config_entry)
    issue = backstop_issue(hass)
    assert issue is not None
    assert issue.translation_placeholders["entity_id"] == "switch.auto_off_enabled"


@pytest.mark.parametrize(
    "options",
    [
        {
            "backstop_entity": AUTO_OFF,
            "backstop_required": True,
            "backstop_kind": "auto_off",
        }
    ],
)
async def test_required_auto_off_that_fails_without_a_session(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
) -> None:
    """Nothing runs to cut off; the repair tells the user, heat is refused."""
    await setup_timers(FakeTimer("auto_off_minutes", unit="furlongs"))
    await setup_integration(hass, config_entry)
    assert backstop_issue(hass) is not None
    assert state_of(hass, SESSION_SWITCH) == "off"


async def options_with(
    hass: HomeAssistant, entry: MockConfigEntry, changes: dict[str, Any]
) -> ConfigFlowResult:
    """Fill in the options form with `changes` and submit it."""
    result = await hass.config_entries.options.async_init(entry.entry_id)
    return await hass.config_entries.options.async_configure(
        result["flow_id"], fill_options(result, changes)
    )


@pytest.mark.parametrize(
    ("timer", "changes", "stored_kind", "stored_unit"),
    [
        # Guessed from the entity: a Zigbee2MQTT countdown in seconds.
        (FakeTimer("countdown", unit="s"), {}, "countdown", "s"),
        # TP-Link's auto-off in minutes.
        (FakeTimer("auto_off_minutes", unit="min"), {}, "auto_off", "min"),
        # Corrected by the user.
        (
            FakeTimer("countdown", unit="s"),
            {"backstop_kind": "auto_off", "backstop_unit": "min"},
            "auto_off",
            "min",
        ),
    ],
)
async def test_options_guess_and_store_the_timer(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
    timer: FakeTimer,
    changes: dict[str, Any],
    stored_kind: str,
    stored_unit: str,
) -> None:
    """What the form guessed is stored, so the form shows what is used."""
    await setup_timers(timer)
    await setup_integration(hass, config_entry)
    result = await options_with(
        hass,
        config_entry,
        {"backstop_entity": timer.entity_id, **changes},
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert config_entry.options["backstop_kind"] == stored_kind
    assert config_entry.options["backstop_unit"] == stored_unit


async def test_options_time_entity_needs_no_unit(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
) -> None:
    """A time entity counts in hours, minutes and seconds: no unit is kept."""
    await setup_timers(FakeTimeTimer())
    await setup_integration(hass, config_entry)
    result = await options_with(
        hass,
        config_entry,
        {"backstop_entity": "time.countdown", "backstop_unit": "min"},
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert config_entry.options["backstop_kind"] == "countdown"
    assert "backstop_unit" not in config_entry.options

    # Taking the timer away forgets its kind too.
    result = await hass.config_entries.options.async_init(config_entry.entry_id)
    form = fill_options(result, {})
    del form["backstop"]["backstop_entity"]
    result = await hass.config_entries.options.async_configure(result["flow_id"], form)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert "backstop_kind" not in config_entry.options


@pytest.mark.parametrize(
    ("timer", "changes", "error"),
    [
        (
            FakeTimer("mystery", unit="ticks"),
            {"backstop_entity": "number.mystery", "backstop_kind": "countdown"},
            "backstop_unit_unknown",
        ),
        (
            FakeTimer("mystery", unit="s"),
            {"backstop_entity": "number.mystery"},
            "backstop_kind_unknown",
        ),
        (
            FakeTimer("countdown", unit="s"),
            {"backstop_entity": "number.back_care_heat_duration"},
            "backstop_own",
        ),
        (
            FakeTimer("countdown", unit="s"),
            {"backstop_required": True},
            "backstop_required_without_timer",
        ),
        (
            FakeTimer("countdown", unit="s"),
            {"power_sensor": "sensor.back_care_heat_today"},
            "power_sensor_own",
        ),
        (
            FakeTimer("countdown", unit="s"),
            {"backstop_margin_minutes": 0},
            "backstop_margin_minutes_out_of_range",
        ),
        (
            FakeTimer("countdown", unit="s"),
            {"backstop_margin_minutes": 31},
            "backstop_margin_minutes_out_of_range",
        ),
    ],
)
async def test_options_refuse_a_timer_that_would_not_work(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
    timer: FakeTimer,
    changes: dict[str, Any],
    error: str,
) -> None:
    """Nothing is saved that would arm the wrong time, or nothing at all."""
    await setup_timers(timer)
    await setup_integration(hass, config_entry)
    result = await options_with(hass, config_entry, changes)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"backstop": error}
    assert config_entry.options == {}


async def test_options_require_a_script_backstop(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
) -> None:
    """A script is a timer of its own: it can be required."""
    await setup_integration(hass, config_entry)
    result = await options_with(
        hass,
        config_entry,
        {"backstop_script": "script.plug_timer", "backstop_required": True},
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert config_entry.options["backstop_required"] is True


@pytest.mark.parametrize("options", [{"backstop_entity": "number.countdown_min"}])
@pytest.mark.parametrize(("minimum", "armed_at"), [(1, 23), (30, 30)])
async def test_countdown_that_cannot_be_zero_is_left_at_stop(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
    minimum: float,
    armed_at: float,
) -> None:
    """A timer whose minimum is above zero has no "cancel": nothing is written.

    Writing 0 would be refused by its range, and reported as a failed timer.
    """
    timer = FakeTimer("countdown_min", unit="min", minimum=minimum, maximum=120)
    await setup_timers(timer)
    await setup_integration(hass, config_entry)
    await start_heat(hass, minutes=20)
    await call(hass, "stop_heat")
    await hass.async_block_till_done()
    assert state_of(hass, PLUG) == "off"
    assert timer.writes == [armed_at]
    assert backstop_issue(hass) is None


# ----- Boundaries, and what must not happen (found by mutation testing) -----


@pytest.mark.parametrize(
    ("options", "timer", "minutes", "writes"),
    [
        # 57 minutes and the margin are exactly an hour: 1 h. One second
        # more (an extension after 59 s) is rounded up to 2 h.
        (
            {
                "backstop_entity": "number.countdown_hours",
                "backstop_unit": "h",
                "max_heat_minutes": 60,
            },
            FakeTimer("countdown_hours", unit=None, maximum=24),
            57,
            [1, 2],
        ),
        # Minutes with seconds left: 24 min 10 s is rounded up to 25.
        (
            {"backstop_entity": "number.timer_minutes", "backstop_kind": "countdown"},
            FakeTimer("timer_minutes", unit="min"),
            20,
            [23, 25],
        ),
    ],
)
async def test_countdown_rounds_up_seconds_left_after_an_extension(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
    advance: Advance,
    timer: FakeTimer,
    minutes: int,
    writes: list[float],
) -> None:
    """Never a moment too short: whole units, rounded up."""
    await setup_timers(timer)
    await setup_integration(hass, config_entry)
    await start_heat(hass, minutes=minutes)
    await advance(timedelta(seconds=59 if minutes == 57 else 50))
    await call(hass, "extend_heat", minutes=1 if minutes == 57 else 2)
    await hass.async_block_till_done()
    assert timer.writes == writes


@pytest.mark.parametrize(
    "options",
    [
        {
            "backstop_entity": "time.countdown",
            "backstop_margin_minutes": 30,
            "max_heat_minutes": 60,
        }
    ],
)
async def test_time_countdown_past_an_hour(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """A session and a long margin beyond an hour: 01:10:00, then 01:10:50."""
    countdown = FakeTimeTimer()
    await setup_timers(countdown)
    await setup_integration(hass, config_entry)
    await start_heat(hass, minutes=40)
    await advance(timedelta(seconds=10))
    await call(hass, "extend_heat", minutes=1)
    await hass.async_block_till_done()
    assert countdown.writes == [time(1, 10, 0), time(1, 10, 50)]


@pytest.mark.parametrize("options", [{"backstop_entity": "number.countdown_min"}])
async def test_countdown_whose_maximum_is_just_enough(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
) -> None:
    """A maximum of exactly the session and its margin covers it."""
    timer = FakeTimer("countdown_min", unit="min", maximum=23)
    await setup_timers(timer)
    await setup_integration(hass, config_entry)
    await start_heat(hass, minutes=20)
    assert timer.writes == [23]
    assert backstop_issue(hass) is None


@pytest.mark.parametrize("options", AUTO_OFF_OPTIONS)
async def test_auto_off_switches_on_nothing_but_its_own_switch(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
) -> None:
    """The plug's relay on the same device, or a sensor named after the auto-off.

    Only the switch of the auto-off is turned on, whatever comes first on
    the device; the relay (it could be the heating pad's) stays off.
    """
    relay = FakeRelay("plug_relay")
    flag = FakeFlag()
    enable = FakeEnableSwitch()
    await setup_timers(
        relay, flag, FakeTimer("auto_off_minutes", unit="min", value=None), enable
    )
    await setup_integration(hass, config_entry)
    assert enable.is_on
    assert state_of(hass, "switch.plug_relay") == "off"
    assert state_of(hass, "binary_sensor.auto_off_active") == "off"
    assert backstop_issue(hass) is None


@pytest.mark.parametrize("options", AUTO_OFF_OPTIONS)
async def test_auto_off_already_enabled_is_not_switched_again(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
) -> None:
    """Its switch is on already: no call to the plug."""
    enable = FakeEnableSwitch(is_on=True)
    await setup_timers(FakeTimer("auto_off_minutes", unit="min", value=None), enable)
    await setup_integration(hass, config_entry)
    assert enable.turned_on == 0


@pytest.mark.parametrize("options", AUTO_OFF_OPTIONS)
async def test_auto_off_without_a_device_leaves_other_switches_alone(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
) -> None:
    """No device: no switch of its own to find, and none of anyone else's."""
    stray = FakeRelay("auto_off_elsewhere", device=None)
    await setup_timers(
        FakeTimer("auto_off_minutes", unit="min", value=None, device=None), stray
    )
    await setup_integration(hass, config_entry)
    assert state_of(hass, "switch.auto_off_elsewhere") == "off"


@pytest.mark.parametrize(
    ("timer", "stored_kind"),
    [
        # The only clue is the integration's translation key.
        (
            FakeTimer("setting_7", unit="s", translation_key="countdown", name="Pad"),
            "countdown",
        ),
        # The only clue is the integration's own name for it: the user
        # renamed the entity.
        (
            FakeTimer("setting_8", unit="min", translation_key="x", name="Auto off"),
            "auto_off",
        ),
    ],
)
async def test_options_guess_from_the_translation_key_or_the_name(
    hass: HomeAssistant,
    plug: FakePlug,
    setup_timers: SetupTimers,
    config_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    timer: FakeTimer,
    stored_kind: str,
) -> None:
    """Integrations name their timers in different places; each one counts."""
    await setup_timers(timer)
    entity_registry.async_update_entity(timer.entity_id, name="Pad setting")
    await hass.async_block_till_done()
    await setup_integration(hass, config_entry)
    result = await options_with(
        hass, config_entry, {"backstop_entity": timer.entity_id}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert config_entry.options["backstop_kind"] == stored_kind
