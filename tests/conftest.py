"""Fixtures of the Recovery Routines tests."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from datetime import datetime, timedelta
from pathlib import Path
import time
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.switch import SwitchEntity
from homeassistant.config_entries import ConfigFlowResult
from homeassistant.const import EVENT_HOMEASSISTANT_STOP
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddEntitiesCallback
from homeassistant.helpers.event import _TrackPointUTCTime
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
from homeassistant.util.async_ import get_scheduled_timer_handles
import pytest
from pytest_homeassistant_custom_component.common import (
    CLIENT_ID,
    MockConfigEntry,
    MockPlatform,
    MockUser,
    async_fire_time_changed,
    mock_platform,
)
from pytest_homeassistant_custom_component.typing import (
    MockHAClientWebSocket,
    WebSocketGenerator,
)
import voluptuous as vol

from custom_components.recovery_routines.const import DOMAIN

PLUG = "switch.heating_pad"
SLEEP = "input_boolean.sleeping"
SESSION_SWITCH = "switch.back_care_heat_session"
SESSION_ENDS = "sensor.back_care_heat_session_ends"
STATUS = "sensor.back_care_heat_status"
DURATION = "number.back_care_heat_duration"
HEAT_TODAY = "sensor.back_care_heat_today"
EVENTS = "event.back_care_heat_events"
HEAT_ENTITIES = (SESSION_SWITCH, SESSION_ENDS, STATUS, DURATION, HEAT_TODAY, EVENTS)
TODO = "todo.back_care_stretches"
STRETCHES_DONE = "button.back_care_stretches_done"
SNOOZE = "button.back_care_snooze_reminder"
REMINDERS = "switch.back_care_stretch_reminders"
INTERVAL = "number.back_care_reminder_interval"
NEXT_REMINDER = "sensor.back_care_next_reminder"
STRETCHES_TODAY = "sensor.back_care_stretches_today"
STREAK = "sensor.back_care_stretch_streak"
LAST_STRETCH = "sensor.back_care_last_stretch"
COLD_PACK = "switch.back_care_cold_pack"
COLD_ENDS = "sensor.back_care_cold_pack_ends"
ROUTINE_EVENTS = "event.back_care_routine_events"
ROUTINE_ENTITIES = (
    TODO,
    STRETCHES_DONE,
    SNOOZE,
    REMINDERS,
    INTERVAL,
    NEXT_REMINDER,
    STRETCHES_TODAY,
    STREAK,
    LAST_STRETCH,
    COLD_PACK,
    COLD_ENDS,
    ROUTINE_EVENTS,
)
ENTITIES = HEAT_ENTITIES + ROUTINE_ENTITIES
ENTRY_ID = "01JRECOVERYROUTINESENTRY01"
STORAGE_KEY = f"recovery_routines.{ENTRY_ID}"

# 10:00 in the test time zone (US/Pacific): inside waking hours.
START = datetime(2026, 11, 20, 18, 0, tzinfo=dt_util.UTC)
# The phone of the tests, and the tag of the reminder on it.
PHONE = "notify.mobile_app_phone"
REMINDER_TAG = f"recovery_routines_{ENTRY_ID}_reminder"

type Advance = Callable[[timedelta], Coroutine[Any, Any, None]]


class FakePlug(SwitchEntity):
    """The smart plug of a heating pad, as another integration would provide it.

    `obeys` and `available` let a test make it misbehave like real plugs do;
    `press_button` is the button on the plug itself.
    """

    _attr_should_poll = False
    _attr_name = "Heating pad"
    _attr_unique_id = "heating_pad_plug"

    def __init__(self) -> None:
        """Start switched off, reachable and obedient."""
        self._attr_is_on = False
        self.obeys = True
        self.raises: type[Exception] | None = None
        self.turn_off_calls = 0
        # While set, the plug's cloud holds the answer to a call until the
        # test opens the gate (the state may change before the call returns).
        self.on_gate: asyncio.Event | None = None
        self.off_gate: asyncio.Event | None = None
        # Like the Zigbee, Z-Wave, Matter and Shelly integrations: the radio
        # or connection closes on the stop event, and later commands are lost.
        self.connected = True
        # Like MQTT plugs: a call returns once the command is sent, and the
        # plug reports its new state later (the test calls `press_button`).
        self.reports_later = False

    async def async_added_to_hass(self) -> None:
        """Close the connection when Home Assistant stops."""

        @callback
        def _disconnect(_event: Event) -> None:
            self.connected = False
            self._attr_available = False
            self.async_write_ha_state()

        self.async_on_remove(
            self.hass.bus.async_listen_once(EVENT_HOMEASSISTANT_STOP, _disconnect)
        )

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Switch on, if the plug obeys."""
        if self.raises:
            raise self.raises("The plug's cloud did not answer")
        if self.on_gate is not None:
            await self.on_gate.wait()
        if self.obeys and self.connected and not self.reports_later:
            self._attr_is_on = True
            self.async_write_ha_state()

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Switch off, if the plug obeys."""
        self.turn_off_calls += 1
        if self.raises:
            raise self.raises("The plug's cloud did not answer")
        if self.obeys and self.connected:
            self._attr_is_on = False
            self.async_write_ha_state()
        if self.off_gate is not None:
            await self.off_gate.wait()

    def press_button(self, on: bool) -> None:
        """Switch by the plug's own button, behind Home Assistant's back."""
        self._attr_is_on = on
        self.async_write_ha_state()

    def set_available(self, available: bool) -> None:
        """Drop off the network, or come back."""
        self._attr_available = available
        self.async_write_ha_state()


def is_plain(node: pytest.Item | pytest.Collector) -> bool:
    """Whether a test is a plain unit test of a rule module: no Home Assistant.

    They sit next to the integration tests of their capability, in files
    named `test_*_rules.py`.
    """
    return node.path.name.endswith("_rules.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the plain rule tests first (marked `plain`): a broken rule fails in seconds."""
    for item in items:
        if is_plain(item):
            item.add_marker(pytest.mark.plain)
    items.sort(key=lambda item: not is_plain(item))


@pytest.fixture(autouse=True)
def home_assistant_test(request: pytest.FixtureRequest) -> None:
    """Give every test but the plain ones a Home Assistant that loads the integration.

    Test modules override `auto_enable_custom_integrations` to prepare a
    recorder first.
    """
    if is_plain(request.node):
        return
    request.getfixturevalue("auto_enable_custom_integrations")
    request.getfixturevalue("config_dir")
    request.getfixturevalue("frozen_start")


@pytest.fixture
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Load the integration from custom_components."""


@pytest.fixture
def config_dir(hass: HomeAssistant, tmp_path: Path) -> Path:
    """Give each test a configuration directory of its own.

    The integration writes its voice sentences there.
    """
    hass.config.config_dir = str(tmp_path)
    return tmp_path


@pytest.fixture
def frozen_start(freezer: FrozenDateTimeFactory) -> None:
    """Start every test at the same moment, in the morning."""
    freezer.move_to(START)


@pytest.fixture
def advance(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> Advance:
    """Move time forward and run what falls due."""

    async def _advance(delta: timedelta) -> None:
        freezer.tick(delta)
        async_fire_time_changed(hass)
        await hass.async_block_till_done()
        assert_no_timer_for_the_past(hass)

    return _advance


def assert_no_timer_for_the_past(hass: HomeAssistant) -> None:
    """Fail if the integration has a timer set for a time that has passed.

    Such a timer runs at the next turn of the event loop; when what it runs
    sets it again, a core stays busy for good. A test sees only a few turns,
    so after each step of the clock every timer of the integration must still
    lie ahead, whether it waits for its time or sits ready to run. (Reads the
    loop's queues: nothing public shows a timer's time.)
    """
    now = time.time()
    waiting = [
        timer._callback  # noqa: SLF001
        for timer in (
            *get_scheduled_timer_handles(hass.loop),
            *hass.loop._ready,  # type: ignore[attr-defined]  # noqa: SLF001
        )
        if not timer.cancelled()
    ]
    overdue = [
        f"{point.job.name or point.job.target} at {point.utc_point_in_time}"
        for point in waiting
        if isinstance(point, _TrackPointUTCTime)
        and point.expected_fire_timestamp < now
        and point.job.target.__module__.startswith(
            "custom_components.recovery_routines"
        )
    ]
    assert not overdue, f"timers set for a time that has passed: {overdue}"


async def async_setup_plug(hass: HomeAssistant) -> FakePlug:
    """Set up the heating pad plug as `switch.heating_pad`."""
    fake_plug = FakePlug()

    async def _async_setup_platform(
        hass: HomeAssistant,
        config: Any,
        async_add_entities: AddEntitiesCallback,
        discovery_info: Any = None,
    ) -> None:
        async_add_entities([fake_plug])

    mock_platform(
        hass,
        "fake_plug.switch",
        MockPlatform(async_setup_platform=_async_setup_platform),
    )
    assert await async_setup_component(
        hass, "switch", {"switch": [{"platform": "fake_plug"}]}
    )
    await hass.async_block_till_done()
    assert hass.states.get(PLUG) is not None
    return fake_plug


@pytest.fixture
async def plug(hass: HomeAssistant) -> FakePlug:
    """Set up the heating pad plug as `switch.heating_pad`."""
    return await async_setup_plug(hass)


@pytest.fixture
async def sleep_guard(hass: HomeAssistant) -> str:
    """Set up a sleep mode toggle."""
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"sleeping": {"name": "Sleeping"}}}
    )
    return SLEEP


@pytest.fixture
def options() -> dict[str, Any]:
    """Options of the config entry; tests override this fixture."""
    return {}


@pytest.fixture
def config_entry(options: dict[str, Any]) -> MockConfigEntry:
    """Return the config entry of the routine called Back care."""
    return MockConfigEntry(
        domain=DOMAIN,
        title="Back care",
        data={"name": "Back care", "heat_switch": PLUG},
        options=options,
        entry_id=ENTRY_ID,
    )


def stored(
    *,
    session: tuple[datetime, datetime] | None = None,
    heat_on_since: datetime | None = None,
    off_pending: bool = False,
    heat_duration: int = 20,
    interrupted_at: datetime | None = None,
    intervals: list[tuple[datetime, datetime]] | None = None,
) -> dict[str, Any]:
    """Return what a previous run of Home Assistant left in the store."""
    return {
        "version": 1,
        "minor_version": 1,
        "key": STORAGE_KEY,
        "data": {
            "heat": {
                "heat_duration": heat_duration,
                "session": None
                if session is None
                else {
                    "started_at": session[0].isoformat(),
                    "ends_at": session[1].isoformat(),
                    "source": "action",
                    "interrupted_at": None
                    if interrupted_at is None
                    else interrupted_at.isoformat(),
                },
                "heat_on_since": None
                if heat_on_since is None
                else heat_on_since.isoformat(),
                "off_pending": off_pending,
                "intervals": [
                    [start.isoformat(), end.isoformat()]
                    for start, end in intervals or []
                ],
            }
        },
    }


def running(started: datetime) -> dict[str, Any]:
    """Return the store of a 20-minute session heating since `started`."""
    return stored(
        session=(started, started + timedelta(minutes=20)), heat_on_since=started
    )


def interrupted(started: datetime, interrupted_at: datetime) -> dict[str, Any]:
    """Return the store of a 20-minute session that a stop switched off."""
    return stored(
        session=(started, started + timedelta(minutes=20)),
        interrupted_at=interrupted_at,
        intervals=[(started, interrupted_at)],
    )


async def stop_past_the_bound(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Stop Home Assistant while the plug does not confirm off.

    The shutdown waits at most 5 seconds for the plug; the event loop's clock
    is frozen with the rest, so move it past that bound.
    """
    stopping = hass.async_create_task(hass.async_stop())
    for _ in range(10):
        await asyncio.sleep(0)
    freezer.tick(timedelta(seconds=4.9))
    for _ in range(10):
        await asyncio.sleep(0)
    assert not stopping.done()
    freezer.tick(timedelta(seconds=0.2))
    await stopping


async def setup_integration(hass: HomeAssistant, config_entry: MockConfigEntry) -> None:
    """Set up the entry as Home Assistant does at start-up."""
    config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()


@pytest.fixture
async def setup_entry(
    hass: HomeAssistant, plug: FakePlug, config_entry: MockConfigEntry
) -> MockConfigEntry:
    """Set up the routine on the plug."""
    await setup_integration(hass, config_entry)
    return config_entry


async def start_heat(hass: HomeAssistant, **data: Any) -> dict[str, Any]:
    """Call recovery_routines.start_heat and return its response."""
    response = await hass.services.async_call(
        DOMAIN, "start_heat", data, blocking=True, return_response=True
    )
    await hass.async_block_till_done()
    assert isinstance(response, dict)
    return response


async def call(hass: HomeAssistant, service: str, **data: Any) -> None:
    """Call an action of the integration."""
    await hass.services.async_call(DOMAIN, service, data, blocking=True)


async def toggle(hass: HomeAssistant, on: bool) -> None:
    """Press the heat session toggle on the dashboard."""
    await hass.services.async_call(
        "switch",
        "turn_on" if on else "turn_off",
        {"entity_id": SESSION_SWITCH},
        blocking=True,
    )


def last_event(hass: HomeAssistant, entity_id: str = EVENTS) -> dict[str, Any]:
    """Return the attributes of the last heat (or routine) event."""
    state = hass.states.get(entity_id)
    assert state is not None
    return dict(state.attributes)


def state_of(hass: HomeAssistant, entity_id: str) -> str:
    """Return the state of an entity that must exist."""
    state = hass.states.get(entity_id)
    assert state is not None, entity_id
    return state.state


type ReadNotifications = Callable[[], Coroutine[Any, Any, dict[str, dict[str, Any]]]]


type FreshWebSocket = Callable[[], Coroutine[Any, Any, MockHAClientWebSocket]]


@pytest.fixture
def fresh_ws_client(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    hass_admin_user: MockUser,
) -> FreshWebSocket:
    """Connect to the websocket API with a token made now.

    The tests move the clock by hours, past the lifetime of the fixture's
    access token.
    """

    async def _connect() -> MockHAClientWebSocket:
        refresh_token = await hass.auth.async_create_refresh_token(
            hass_admin_user, CLIENT_ID
        )
        return await hass_ws_client(
            hass, hass.auth.async_create_access_token(refresh_token)
        )

    return _connect


@pytest.fixture
async def read_notifications(
    hass: HomeAssistant, fresh_ws_client: FreshWebSocket
) -> ReadNotifications:
    """Read the persistent notifications as the frontend does."""
    assert await async_setup_component(hass, "persistent_notification", {})

    async def _read() -> dict[str, dict[str, Any]]:
        client = await fresh_ws_client()
        await client.send_json_auto_id({"type": "persistent_notification/get"})
        response = await client.receive_json()
        assert response["success"]
        await client.close()
        return {item["notification_id"]: item for item in response["result"]}

    return _read


async def read_logbook(
    fresh_ws_client: FreshWebSocket, since: datetime, **target: list[str]
) -> list[dict[str, Any]]:
    """Read the logbook from `since` until now, as a logbook card does.

    `target` narrows it as the cards and the device page do (`entity_ids`,
    `device_ids`).
    """
    client = await fresh_ws_client()
    await client.send_json_auto_id(
        {
            "type": "logbook/get_events",
            "start_time": since.isoformat(),
            "end_time": (dt_util.utcnow() + timedelta(minutes=1)).isoformat(),
            **target,
        }
    )
    response = await client.receive_json()
    assert response["success"]
    await client.close()
    return list(response["result"])


def fill_options(form: ConfigFlowResult, changes: dict[str, Any]) -> dict[str, Any]:
    """Submit the options form as the frontend does: every section, as shown.

    `changes` are the fields a person changes; the others keep the value the
    form shows them with.
    """
    submitted: dict[str, Any] = {}
    for section_key, section in form["data_schema"].schema.items():
        fields: dict[str, Any] = {}
        for marker in section.schema.schema:
            key = str(marker)
            shown = (marker.description or {}).get("suggested_value")
            if key in changes:
                fields[key] = changes[key]
            elif shown is not None:
                fields[key] = shown
            elif marker.default is not vol.UNDEFINED:
                fields[key] = marker.default()
        submitted[str(section_key)] = fields
    assert set(changes) <= {key for fields in submitted.values() for key in fields}
    return submitted
