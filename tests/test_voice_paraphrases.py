"""How people talk: paraphrase sets, run through the built-in conversation agent.

Each language has utterances written from how people speak, not from the
sentence files, and each must reach the right intent with the right slots.
Another set must not be taken: those sentences name other devices and keep
going to Home Assistant's own intents. A phrasing we decide not to support is
removed from the set with the reason in a comment, never skipped.

Two routines are set up, so that a sentence without a routine's name is
answered with a question and runs nothing; what counts here is the intent and
the slots the agent understood.
"""

from __future__ import annotations

import sys
from typing import Any

from homeassistant.components import conversation
from homeassistant.components.homeassistant.exposed_entities import async_expose_entity
from homeassistant.core import Context, HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from .conftest import FakePlug, setup_integration

type Phrase = tuple[str, str, dict[str, Any]]

PREFIX = "RecoveryRoutines"

# (what a person says, the intent without its prefix, the slots understood)
ENGLISH: list[Phrase] = [
    ("switch my heat pad on for 20 minutes", "StartHeat", {"minutes": 20}),
    ("heat pad on for 10 minutes", "StartHeat", {"minutes": 10}),
    ("turn on the heating pad for 20 minutes", "StartHeat", {"minutes": 20}),
    ("turn the heating pad on", "StartHeat", {}),
    ("heating pad on", "StartHeat", {}),
    ("start the heating pad", "StartHeat", {}),
    ("start heat", "StartHeat", {}),
    ("start my heat session", "StartHeat", {}),
    ("begin heat therapy", "StartHeat", {}),
    ("put the heat pack on", "StartHeat", {}),
    ("put the heat on for 15 minutes", "StartHeat", {"minutes": 15}),
    ("can you turn on my heating pad please", "StartHeat", {}),
    ("please switch on the heat pad", "StartHeat", {}),
    ("could you start the heat for 25 min", "StartHeat", {"minutes": 25}),
    ("heat my back", "StartHeat", {}),
    ("heat my lower back for 15 minutes", "StartHeat", {"minutes": 15}),
    ("warm up my back", "StartHeat", {}),
    ("i need some heat on my back", "StartHeat", {}),
    ("give me some heat on my back for 10 minutes", "StartHeat", {"minutes": 10}),
    ("start a 15 minute heat session", "StartHeat", {"minutes": 15}),
    ("do a 20 minute heat session", "StartHeat", {"minutes": 20}),
    ("20 minutes of heat", "StartHeat", {"minutes": 20}),
    ("heating pad for twenty minutes", "StartHeat", {"minutes": 20}),
    ("heat for 15 minutes", "StartHeat", {"minutes": 15}),
    ("turn on the heat pad for half an hour", "StartHeat", {"minutes": 30}),
    ("fire up the heating pad", "StartHeat", {}),
    ("get the heat going", "StartHeat", {}),
    ("i want the heating pad on", "StartHeat", {}),
    ("start heat for back care", "StartHeat", {"routine": "Back care"}),
    (
        "turn on the heating pad for neck care for 10 minutes",
        "StartHeat",
        {"routine": "Neck care", "minutes": 10},
    ),
    ("start the back care heat pad", "StartHeat", {"routine": "Back care"}),
    ("heat pad on for 5 mins", "StartHeat", {"minutes": 5}),
    ("turn my heat pad on for fifteen minutes", "StartHeat", {"minutes": 15}),
    ("start heating pad", "StartHeat", {}),
    ("put my heating pad on for 20 minutes please", "StartHeat", {"minutes": 20}),
    ("stop the heat", "StopHeat", {}),
    ("cancel heat", "StopHeat", {}),
    ("turn off the heating pad", "StopHeat", {}),
    ("turn the heat pad off", "StopHeat", {}),
    ("heat off", "StopHeat", {}),
    ("heating pad off please", "StopHeat", {}),
    ("switch off my heat pad", "StopHeat", {}),
    ("shut off the heat", "StopHeat", {}),
    ("end the heat session", "StopHeat", {}),
    ("kill the heat", "StopHeat", {}),
    ("stop heating", "StopHeat", {}),
    ("no more heat", "StopHeat", {}),
    ("enough heat", "StopHeat", {}),
    ("that's enough heat", "StopHeat", {}),
    ("i'm done with the heating pad", "StopHeat", {}),
    ("i'm done heating", "StopHeat", {}),
    ("take the heat pack off", "StopHeat", {}),
    ("cancel the heat session for neck care", "StopHeat", {"routine": "Neck care"}),
    ("i don't need the heating pad anymore", "StopHeat", {}),
    ("please turn the heat off", "StopHeat", {}),
    ("stop my heat therapy", "StopHeat", {}),
    ("how long is left on the heat", "HeatStatus", {}),
    ("how much longer is the heat on", "HeatStatus", {}),
    ("how many minutes left on the heat", "HeatStatus", {}),
    ("how much time is left on the heating pad", "HeatStatus", {}),
    ("how long is the heating pad still on", "HeatStatus", {}),
    ("how long will the heat pad be on for", "HeatStatus", {}),
    ("how long has the heat got left", "HeatStatus", {}),
    ("how long does the heat session have left", "HeatStatus", {}),
    ("when does my heat session finish", "HeatStatus", {}),
    ("when will the heating pad turn off", "HeatStatus", {}),
    ("when is the heat done", "HeatStatus", {}),
    ("when does the heat end", "HeatStatus", {}),
    ("when will the heat pad switch off", "HeatStatus", {}),
    ("how long until the heating pad turns off", "HeatStatus", {}),
    ("how long till the heat is done", "HeatStatus", {}),
    ("is the heating pad on", "HeatStatus", {}),
    ("is the heat still on", "HeatStatus", {}),
    ("is my heat pad running", "HeatStatus", {}),
    ("is the heating pad resting", "HeatStatus", {}),
    ("time left on the heat", "HeatStatus", {}),
    ("heat status", "HeatStatus", {}),
    ("what's the status of the heating pad", "HeatStatus", {}),
    ("how much heat is left", "HeatStatus", {}),
    ("when can i use the heating pad again", "HeatStatus", {}),
    ("can i use the heat pad again", "HeatStatus", {}),
    ("can i have heat now", "HeatStatus", {}),
    ("how long until i can use the heating pad again", "HeatStatus", {}),
    ("when will the heating pad be available again", "HeatStatus", {}),
    ("how many more minutes on the heat", "HeatStatus", {}),
    (
        "how long is left on the heat for back care",
        "HeatStatus",
        {"routine": "Back care"},
    ),
    ("is the heat on for neck care", "HeatStatus", {"routine": "Neck care"}),
    ("put on the cold pack", "StartColdPack", {}),
    ("ice my back", "StartColdPack", {}),
    ("start the cold pack", "StartColdPack", {}),
    ("start a cold pack for 15 minutes", "StartColdPack", {"minutes": 15}),
    ("put the ice pack on", "StartColdPack", {}),
    ("put an ice pack on my back", "StartColdPack", {}),
    ("ice pack on", "StartColdPack", {}),
    ("i'm putting the ice pack on", "StartColdPack", {}),
    ("i'm putting on a cold pack", "StartColdPack", {}),
    ("i just put the ice pack on", "StartColdPack", {}),
    ("i put the cold pack on my back", "StartColdPack", {}),
    ("start icing", "StartColdPack", {}),
    ("start a cold pack timer", "StartColdPack", {}),
    ("time my ice pack", "StartColdPack", {}),
    ("cold pack for 10 minutes", "StartColdPack", {"minutes": 10}),
    ("ice for 15 minutes", "StartColdPack", {"minutes": 15}),
    ("begin cold therapy", "StartColdPack", {}),
    ("i'm icing my back", "StartColdPack", {}),
    ("ice my lower back for ten minutes", "StartColdPack", {"minutes": 10}),
    ("apply the cold compress", "StartColdPack", {}),
    ("start the ice pack for neck care", "StartColdPack", {"routine": "Neck care"}),
    ("i need an ice pack", "StartColdPack", {}),
    ("remove the cold pack", "StopColdPack", {}),
    ("take off the ice pack", "StopColdPack", {}),
    ("take the ice pack off", "StopColdPack", {}),
    ("i took the cold pack off", "StopColdPack", {}),
    ("i removed the ice pack", "StopColdPack", {}),
    ("i've taken the ice pack off", "StopColdPack", {}),
    ("stop the cold pack", "StopColdPack", {}),
    ("cancel the ice pack timer", "StopColdPack", {}),
    ("ice pack off", "StopColdPack", {}),
    ("the cold pack is off", "StopColdPack", {}),
    ("i'm done icing", "StopColdPack", {}),
    ("i'm done with the ice pack", "StopColdPack", {}),
    ("stop icing", "StopColdPack", {}),
    ("end cold therapy", "StopColdPack", {}),
    ("remove the cold pack for back care", "StopColdPack", {"routine": "Back care"}),
    ("done with my stretches", "StretchesDone", {}),
    ("stretching done", "StretchesDone", {}),
    ("i did my stretches", "StretchesDone", {}),
    ("i've done my stretches", "StretchesDone", {}),
    ("i finished my stretches", "StretchesDone", {}),
    ("i have finished my stretching", "StretchesDone", {}),
    ("i stretched", "StretchesDone", {}),
    ("i just stretched", "StretchesDone", {}),
    ("i'm done stretching", "StretchesDone", {}),
    ("finished stretching", "StretchesDone", {}),
    ("stretches done", "StretchesDone", {}),
    ("my stretches are done", "StretchesDone", {}),
    ("log my stretches", "StretchesDone", {}),
    ("mark stretches as done", "StretchesDone", {}),
    ("mark my stretching complete", "StretchesDone", {}),
    ("tick off my stretches", "StretchesDone", {}),
    ("i completed my back exercises", "StretchesDone", {}),
    ("i did my exercises", "StretchesDone", {}),
    ("log that i stretched", "StretchesDone", {}),
    ("i'm finished with my stretches", "StretchesDone", {}),
    ("record my stretches for back care", "StretchesDone", {"routine": "Back care"}),
    ("stretches done for neck care", "StretchesDone", {"routine": "Neck care"}),
    ("delay the stretch reminder", "SnoozeReminder", {}),
    ("snooze the reminder", "SnoozeReminder", {}),
    ("snooze my stretch reminder for 10 minutes", "SnoozeReminder", {"minutes": 10}),
    ("postpone the reminder", "SnoozeReminder", {}),
    ("postpone stretching by 15 minutes", "SnoozeReminder", {"minutes": 15}),
    ("push the reminder back", "SnoozeReminder", {}),
    (
        "push back the stretch reminder by half an hour",
        "SnoozeReminder",
        {"minutes": 30},
    ),
    ("remind me later", "SnoozeReminder", {}),
    ("remind me in 20 minutes", "SnoozeReminder", {"minutes": 20}),
    ("remind me later to stretch", "SnoozeReminder", {}),
    ("remind me to stretch in ten minutes", "SnoozeReminder", {"minutes": 10}),
    ("remind me to do my stretches later", "SnoozeReminder", {}),
    ("i'll stretch later", "SnoozeReminder", {}),
    ("i'll do my stretches in an hour", "SnoozeReminder", {"minutes": 60}),
    ("snooze stretching", "SnoozeReminder", {}),
    ("put off my stretches", "SnoozeReminder", {}),
    ("snooze the reminder for neck care", "SnoozeReminder", {"routine": "Neck care"}),
    ("delay my reminder by 5 minutes", "SnoozeReminder", {"minutes": 5}),
    ("when do i need to stretch again", "NextReminder", {}),
    ("when is my next stretch", "NextReminder", {}),
    ("when's my next stretch", "NextReminder", {}),
    ("when is the next reminder", "NextReminder", {}),
    ("what time is my next stretch", "NextReminder", {}),
    ("when do i have to stretch next", "NextReminder", {}),
    ("when should i stretch again", "NextReminder", {}),
    ("when do i stretch next", "NextReminder", {}),
    ("how long until my next stretch", "NextReminder", {}),
    ("how long till i have to stretch again", "NextReminder", {}),
    ("when's the next stretch reminder", "NextReminder", {}),
    ("what time do i have to stretch", "NextReminder", {}),
    ("when do i have to do my stretches again", "NextReminder", {}),
    ("when is my next stretch for back care", "NextReminder", {"routine": "Back care"}),
    ("set the heating pad for 15 minutes", "StartHeat", {"minutes": 15}),
    ("heating pad 20 minutes", "StartHeat", {"minutes": 20}),
    ("turn the heat back on", "StartHeat", {}),
    ("start the heat pad again", "StartHeat", {}),
    ("can i get some heat", "StartHeat", {}),
    ("done with the heat", "StopHeat", {}),
    ("how long's left on the heating pad", "HeatStatus", {}),
    ("how much time do i have left on the heating pad", "HeatStatus", {}),
    ("what's the time left on the heat", "HeatStatus", {}),
    ("is the heat pad off", "HeatStatus", {}),
    ("when's the heat done", "HeatStatus", {}),
    ("how long have i got left on the heat", "HeatStatus", {}),
    ("i've got the ice pack on", "StartColdPack", {}),
    ("ice pack is on", "StartColdPack", {}),
    ("ice pack done", "StopColdPack", {}),
    ("i've finished with the ice pack", "StopColdPack", {}),
    ("done with the cold pack", "StopColdPack", {}),
    ("just finished stretching", "StretchesDone", {}),
    ("i've done my stretching for today", "StretchesDone", {}),
    ("i did my physio", "StretchesDone", {}),
    ("snooze stretches for 10 minutes", "SnoozeReminder", {"minutes": 10}),
    ("delay stretching 15 minutes", "SnoozeReminder", {"minutes": 15}),
    ("what time's my next stretch", "NextReminder", {}),
    ("when am i supposed to stretch", "NextReminder", {}),
    ("how long until i stretch again", "NextReminder", {}),
]

# Sentences about other things: none may reach a Recovery Routines intent.
ENGLISH_OTHERS: list[str] = [
    "turn on the kitchen light",
    "how long is left on the dishwasher",
    "start the washing machine",
    "turn off the kitchen light",
    "turn on the heating",
    "set the heat to 70",
    "turn on the heat in the living room",
    "set the thermostat to 21 degrees",
    "what's the temperature in the kitchen",
    "start a timer for 10 minutes",
    "how much time is left on the timer",
    "cancel the timer",
    "set a timer for 20 minutes",
    "what time is it",
    "what's the weather",
    "snooze the alarm",
    "remind me to buy milk",
    "when is my next appointment",
    "i did the dishes",
    "put on some music",
    "turn on the tv for 20 minutes",
    "pause the music",
    "open the garage door",
    "turn off the fan",
    "is the dishwasher running",
    "when will the washing machine be done",
    "add ice to the shopping list",
    "turn off the ice maker",
    "is the oven on",
    "turn up the heat",
    "lock the front door",
    "what's on my calendar",
    "stop the music",
    "turn on the heated blanket",
    "set the heat to 70",
    "turn on the light for 10 minutes",
]

PARAPHRASES: dict[str, list[Phrase]] = {"en": ENGLISH}
OTHERS: dict[str, list[str]] = {"en": ENGLISH_OTHERS}


@pytest.fixture
async def two_routines(
    hass: HomeAssistant, plug: FakePlug, config_entry: MockConfigEntry
) -> None:
    """Back care on the heating pad, Neck care on a second pad, and other devices.

    The other devices are exposed to Assist, as a light or a smart plug is.
    """
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "conversation", {})
    await setup_integration(hass, config_entry)
    others = ("kitchen_light", "dishwasher", "washing_machine")
    assert await async_setup_component(
        hass,
        "input_boolean",
        {
            "input_boolean": {
                "neck_pad": {"name": "Neck pad"},
                **{key: {"name": key.replace("_", " ").capitalize()} for key in others},
            }
        },
    )
    for key in others:
        async_expose_entity(hass, "conversation", f"input_boolean.{key}", True)
    neck = MockConfigEntry(
        domain="recovery_routines",
        title="Neck care",
        data={"name": "Neck care", "heat_switch": "input_boolean.neck_pad"},
    )
    await setup_integration(hass, neck)


async def _understood(
    hass: HomeAssistant, text: str, language: str
) -> tuple[str | None, dict[str, Any]]:
    """Say `text`; return the intent the agent ran and its slot values."""
    result = await conversation.async_converse(
        hass, text, None, Context(), language=language
    )
    await hass.async_block_till_done()
    understood = result.response.intent
    if understood is None:
        return None, {}
    slots = {
        name: int(slot["value"]) if name == "minutes" else slot["value"]
        for name, slot in understood.slots.items()
    }
    return understood.intent_type, slots


def _report(
    capsys: pytest.CaptureFixture[str], what: str, passed: int, total: int
) -> None:
    with capsys.disabled():
        sys.stdout.write(f"\n{what}: {passed}/{total} ({100 * passed / total:.0f}%)\n")


@pytest.mark.parametrize("language", sorted(PARAPHRASES))
@pytest.mark.usefixtures("two_routines")
async def test_paraphrases_are_understood(
    hass: HomeAssistant, language: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every paraphrase reaches its intent with its slots."""
    misses = []
    for text, intent_name, slots in PARAPHRASES[language]:
        understood = await _understood(hass, text, language)
        if understood != (PREFIX + intent_name, slots):
            misses.append(f"{text!r}: {understood}")
    phrases = PARAPHRASES[language]
    passed = len(phrases) - len(misses)
    _report(capsys, f"{language} paraphrases understood", passed, len(phrases))
    assert not misses, "\n".join(misses)


@pytest.mark.parametrize("language", sorted(OTHERS))
@pytest.mark.usefixtures("two_routines")
async def test_other_devices_are_not_taken(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    language: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Sentences about other things never reach a Recovery Routines intent.

    The agent's debug view shows even a loose match with unknown names.
    """
    client = await hass_ws_client(hass)
    await client.send_json_auto_id(
        {
            "type": "conversation/agent/homeassistant/debug",
            "sentences": OTHERS[language],
            "language": language,
        }
    )
    debug = await client.receive_json()
    assert debug["success"]
    taken = []
    for text, match in zip(OTHERS[language], debug["result"]["results"], strict=True):
        ran, _ = await _understood(hass, text, language)
        loose = match["intent"]["name"] if match else None
        if any(name and name.startswith(PREFIX) for name in (ran, loose)):
            taken.append(f"{text!r}: {ran or loose}")
    others = OTHERS[language]
    passed = len(others) - len(taken)
    _report(capsys, f"{language} other sentences left alone", passed, len(others))
    assert not taken, "\n".join(taken)


@pytest.mark.usefixtures("two_routines")
async def test_other_devices_keep_their_built_in_intents(hass: HomeAssistant) -> None:
    """The issue's own examples: the light goes on through HassTurnOn."""
    intent_type, _ = await _understood(hass, "turn on the kitchen light", "en")
    assert intent_type == "HassTurnOn"
    assert hass.states.get("input_boolean.kitchen_light").state == "on"
