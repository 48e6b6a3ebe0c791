"""Each phase's own plan: its figures in the options, heat offers, the daily routine."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_mock_service,
)

from ..conftest import (
    ENTRY_ID,
    EVENTS,
    NEXT_REMINDER,
    PHONE,
    PLUG,
    REMINDER_TAG,
    START,
    Advance,
    FakePlug,
    call,
    fill_options,
    last_event,
    setup_integration,
    state_of,
)

START_HEAT = f"RECOVERY_ROUTINES_START_HEAT_{ENTRY_ID}"
START_ROUTINE = f"RECOVERY_ROUTINES_START_ROUTINE_{ENTRY_ID}"
OFFER_TAG = f"recovery_routines_{ENTRY_ID}_heat_offer"
REFUSED_TAG = f"recovery_routines_{ENTRY_ID}_start_refused"
STEP = "sensor.back_care_routine_step"
PICKER = "select.back_care_routine"
PHONE_OPTIONS = {"notify_targets": [PHONE]}


def sent_with(sent: list[ServiceCall], tag: str) -> list[dict[str, Any]]:
    """Return what was sent to the phone under a tag, clears left out."""
    return [
        dict(item.data)
        for item in sent
        if item.data["data"]["tag"] == tag
        and item.data["message"] != "clear_notification"
    ]


def local(moment: str) -> str:
    """Return a time as the phone's owner reads it."""
    return dt_util.as_local(dt_util.parse_datetime(moment) or START).strftime(
        "%a %H:%M"
    )


async def press(hass: HomeAssistant, action: str) -> None:
    """Tap a button of a notification on the phone."""
    hass.bus.async_fire("mobile_app_notification_action", {"action": action})
    await hass.async_block_till_done()


@pytest.mark.usefixtures("setup_entry")
async def test_the_plan_of_each_phase_comes_from_the_options(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """Cold packs, stretches and the daily routine at the figures set."""
    result = await hass.config_entries.options.async_init(setup_entry.entry_id)
    await hass.config_entries.options.async_configure(
        result["flow_id"],
        fill_options(
            result,
            {
                "cold_pack_every_hours": 1,
                "stretch_every_hours": 4,
                "daily_routine_at": "09:30:00",
            },
        ),
    )
    await hass.async_block_till_done()
    await call(hass, "start_episode")
    await hass.async_block_till_done()
    assert local(state_of(hass, NEXT_REMINDER)) == "Fri 11:00"
    await call(hass, "set_phase", phase="recovery")
    await hass.async_block_till_done()
    assert local(state_of(hass, NEXT_REMINDER)) == "Fri 14:00"
    await call(hass, "set_phase", phase="maintenance")
    await hass.async_block_till_done()
    # 09:30 has gone today: tomorrow's.
    assert local(state_of(hass, NEXT_REMINDER)) == "Sat 09:30"
    # A new figure applies to the running phase at once.
    hass.config_entries.async_update_entry(
        setup_entry, options={**setup_entry.options, "daily_routine_at": "19:15"}
    )
    await hass.async_block_till_done()
    assert local(state_of(hass, NEXT_REMINDER)) == "Fri 19:15"


@pytest.mark.parametrize("options", [PHONE_OPTIONS])
async def test_heat_is_offered_twice_a_day_in_recovery(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """Mid-morning and late afternoon; the button starts heat with every rule."""
    sent = async_mock_service(hass, "notify", "mobile_app_phone")
    await setup_integration(hass, config_entry)
    await call(hass, "start_episode")
    # Not while acute: cold is advised then.
    await advance(timedelta(hours=10))
    assert sent_with(sent, OFFER_TAG) == []
    await call(hass, "set_phase", phase="recovery")
    await hass.async_block_till_done()
    # Friday 20:00 now; waking hours 08:00 to 21:00 in two halves.
    await advance(timedelta(hours=15, minutes=14))
    assert sent_with(sent, OFFER_TAG) == []
    await advance(timedelta(minutes=1))
    [offer] = sent_with(sent, OFFER_TAG)
    assert offer["message"].startswith("How about 15 to 20 minutes of heat")
    assert offer["data"]["actions"] == [{"action": START_HEAT, "title": "Start heat"}]

    await press(hass, START_HEAT)
    assert state_of(hass, PLUG) == "on"
    assert last_event(hass, EVENTS)["source"] == "offer"
    assert "advice" not in last_event(hass, EVENTS)
    # A second tap while it runs: refused, and the phone says why.
    await press(hass, START_HEAT)
    [refused] = sent_with(sent, REFUSED_TAG)
    assert refused["message"].startswith("A heat session is already running")
    # Nothing to do about it on the phone: no buttons.
    assert "actions" not in refused["data"]
    await advance(timedelta(minutes=30))
    assert state_of(hass, PLUG) == "off"

    await advance(timedelta(hours=6))
    offers = sent_with(sent, OFFER_TAG)
    assert len(offers) == 2
    # Maintenance: no more offers, the one on the phone goes.
    await call(hass, "set_phase", phase="maintenance")
    await hass.async_block_till_done()
    assert sent[-1].data == {
        "message": "clear_notification",
        "data": {"tag": OFFER_TAG},
    }
    await advance(timedelta(days=1))
    assert len(sent_with(sent, OFFER_TAG)) == 2
    # The offer is gone already: the episode's end clears nothing more.
    sent_before = len(sent)
    await call(hass, "end_episode")
    await hass.async_block_till_done()
    assert [
        item for item in sent[sent_before:] if item.data["data"]["tag"] == OFFER_TAG
    ] == []
    # Another entry's button is not ours.
    await press(hass, "RECOVERY_ROUTINES_START_HEAT_01JSOMEOTHERENTRY")
    assert state_of(hass, PLUG) == "off"


@pytest.mark.parametrize("options", [PHONE_OPTIONS])
async def test_no_heat_offer_while_heat_could_not_start(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """Heat already on at the offer's time: no offer; the next one comes."""
    sent = async_mock_service(hass, "notify", "mobile_app_phone")
    await setup_integration(hass, config_entry)
    await call(hass, "start_episode")
    await call(hass, "set_phase", phase="recovery")
    # Friday 10:00 now; the offers are at 11:15 and 17:45.
    await advance(timedelta(hours=1, minutes=10))
    await call(hass, "start_heat", minutes=20)
    await advance(timedelta(minutes=5))
    assert state_of(hass, PLUG) == "on"
    assert sent_with(sent, OFFER_TAG) == []
    # Step by step to 17:45, as a clock runs: the next offer comes then.
    for _ in range(12):
        await advance(timedelta(minutes=30))
    assert sent_with(sent, OFFER_TAG) == []
    await advance(timedelta(minutes=30))
    assert len(sent_with(sent, OFFER_TAG)) == 1


@pytest.mark.parametrize("options", [PHONE_OPTIONS])
async def test_no_heat_offer_while_the_pad_rests(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """30 minutes of heat to 11:10, then 20 minutes of rest: no offer at 11:15."""
    sent = async_mock_service(hass, "notify", "mobile_app_phone")
    await setup_integration(hass, config_entry)
    await call(hass, "start_episode")
    await call(hass, "set_phase", phase="recovery")
    await advance(timedelta(minutes=40))
    await call(hass, "start_heat", minutes=30)
    await advance(timedelta(minutes=30))
    assert state_of(hass, "sensor.back_care_heat_status") == "resting"
    await advance(timedelta(minutes=5))
    assert sent_with(sent, OFFER_TAG) == []


@pytest.mark.parametrize(
    "options",
    [
        {
            **PHONE_OPTIONS,
            "active_start": "12:00:00",
            "active_end": "00:30:00",
            "heat_offers_per_day": 3,
        }
    ],
)
async def test_heat_offers_spread_over_waking_hours_past_midnight(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """Awake 12:00 to 00:30: 12.5 hours in three parts, an offer in the middle of each."""
    sent = async_mock_service(hass, "notify", "mobile_app_phone")
    await setup_integration(hass, config_entry)
    await call(hass, "start_episode")
    await call(hass, "set_phase", phase="recovery")
    await hass.async_block_till_done()
    offered_at: list[str] = []
    # Friday 10:00 to Saturday 00:00, five minutes at a time.
    for _ in range(14 * 12):
        await advance(timedelta(minutes=5))
        if len(sent_with(sent, OFFER_TAG)) > len(offered_at):
            offered_at.append(dt_util.now().strftime("%a %H:%M"))
    assert offered_at == ["Fri 14:05", "Fri 18:15", "Fri 22:25"]


@pytest.mark.parametrize("options", [{**PHONE_OPTIONS, "heat_offers_per_day": 0}])
async def test_no_heat_offers_when_set_to_none(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """Zero offers a day: recovery runs without them."""
    sent = async_mock_service(hass, "notify", "mobile_app_phone")
    await setup_integration(hass, config_entry)
    await call(hass, "start_episode")
    await call(hass, "set_phase", phase="recovery")
    await advance(timedelta(days=2))
    assert sent_with(sent, OFFER_TAG) == []


@pytest.mark.parametrize("options", [PHONE_OPTIONS])
async def test_the_daily_routine_reminder_starts_the_chosen_routine(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """Maintenance at 18:00 names the routine of the picker; its button starts it."""
    sent = async_mock_service(hass, "notify", "mobile_app_phone")
    await setup_integration(hass, config_entry)
    picker = hass.states.get(PICKER)
    assert picker is not None
    chosen = picker.attributes["options"][-1]
    await hass.services.async_call(
        "select",
        "select_option",
        {"entity_id": PICKER, "option": chosen},
        blocking=True,
    )
    await call(hass, "start_episode")
    await call(hass, "set_phase", phase="maintenance")
    await advance(timedelta(hours=8))
    [reminder] = sent_with(sent, REMINDER_TAG)
    assert reminder["message"].startswith("Time for your daily back routine: ")
    name = reminder["message"].removeprefix("Time for your daily back routine: ")
    name = name.removesuffix(".")
    assert reminder["data"]["actions"] == [
        {"action": START_ROUTINE, "title": f"Start {name}"},
        {"action": f"RECOVERY_ROUTINES_SNOOZE_{ENTRY_ID}", "title": "Snooze"},
    ]
    assert state_of(hass, STEP) == "unknown"
    # Another entry's button, or the reminder's other button, starts nothing.
    await press(hass, "RECOVERY_ROUTINES_START_ROUTINE_01JSOMEOTHERENTRY")
    await press(hass, f"RECOVERY_ROUTINES_SNOOZE_{ENTRY_ID}")
    assert state_of(hass, STEP) == "unknown"
    await press(hass, START_ROUTINE)
    assert state_of(hass, STEP) != "unknown"
    assert state_of(hass, PICKER) == chosen
    # A second start while it runs is refused, and the phone says why.
    await press(hass, START_ROUTINE)
    [refused] = sent_with(sent, REFUSED_TAG)
    assert name in refused["message"]
    # Unloaded while the routine runs: it stops, nothing is left behind.
    assert await hass.config_entries.async_unload(config_entry.entry_id)
    assert state_of(hass, PLUG) == "off"
