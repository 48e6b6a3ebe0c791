"""Voice, end to end: spoken sentences through the built-in conversation agent."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from homeassistant.components import conversation
from homeassistant.const import EVENT_CALL_SERVICE
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import intent
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from ..conftest import (
    COLD_PACK,
    NEXT_REMINDER,
    PLUG,
    SLEEP,
    STREAK,
    Advance,
    FakePlug,
    setup_integration,
    state_of,
)

SENTENCES = Path("custom_sentences", "en", "recovery_routines.yaml")
LANGUAGES = ("de", "en", "es", "fr", "nl")


@pytest.fixture
async def assist(hass: HomeAssistant) -> None:
    """Set up the built-in conversation agent."""
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "conversation", {})
    await hass.async_block_till_done()


async def say(hass: HomeAssistant, text: str, language: str = "en") -> str:
    """Say `text` to Assist and return what it answers."""
    result = await conversation.async_converse(
        hass, text, None, Context(), language=language
    )
    await hass.async_block_till_done()
    speech: str = result.response.speech["plain"]["speech"]
    return speech


@pytest.mark.usefixtures("setup_entry", "assist")
async def test_heat_by_voice(hass: HomeAssistant, advance: Advance) -> None:
    """Start, ask, stop, and hear every refusal with its reason."""
    assert await say(hass, "start the heating pad for 10 minutes") == (
        "Heating for 10 minutes, until 10:10."
    )
    assert state_of(hass, PLUG) == "on"
    await advance(timedelta(minutes=3))
    assert await say(hass, "how long is left on the heating pad") == (
        "7 minutes left on the heating pad, until 10:10."
    )
    assert await say(hass, "start the heat") == (
        "A heat session is already running until 10:10. Extend it or stop it first."
    )

    assert await say(hass, "stop the heat") == "Heat stopped."
    assert state_of(hass, PLUG) == "off"
    assert await say(hass, "turn off the heating pad") == (
        "The heating pad was not running."
    )
    assert await say(hass, "is the heating pad on") == "The heating pad is not running."

    answer = await say(hass, "heat my back for 45 minutes")
    assert answer.startswith("45 minutes is too long: only 27 minutes of heat are left")
    assert state_of(hass, PLUG) == "off"

    # A start without a length is shortened to the heat left, and says so.
    assert await say(hass, "turn on the heating pad") == (
        "Heating for 20 minutes, until 10:23."
    )
    await advance(timedelta(minutes=20))
    assert await say(hass, "start the heating pad") == (
        "Heating for 7 minutes, the heat left before the pad needs a rest, until 10:30."
    )
    await advance(timedelta(minutes=7))
    assert await say(hass, "start the heating pad") == (
        "The heating pad needs a rest until 10:50."
    )
    assert await say(hass, "when can I use the heating pad again") == (
        "The heating pad is not running; it is resting until 10:50."
    )


@pytest.mark.usefixtures("setup_entry", "assist")
async def test_the_built_in_sentence_works_through_the_switch(
    hass: HomeAssistant,
) -> None:
    """Say "turn on back care heat session": no custom sentence needed."""
    result = await conversation.async_converse(
        hass, "turn on back care heat session", None, Context(), language="en"
    )
    await hass.async_block_till_done()
    assert result.response.response_type is intent.IntentResponseType.ACTION_DONE
    assert state_of(hass, PLUG) == "on"


@pytest.mark.usefixtures("sleep_guard", "setup_entry", "assist")
@pytest.mark.parametrize("options", [{"sleep_entity": SLEEP}])
async def test_sleep_guard_and_fault_by_voice(
    hass: HomeAssistant, plug: FakePlug, advance: Advance
) -> None:
    """What the status sensor says, Assist says."""
    await hass.services.async_call(
        "input_boolean", "turn_on", {"entity_id": SLEEP}, blocking=True
    )
    assert await say(hass, "start the heating pad") == (
        "Heat cannot start while Sleeping is on: never sleep on a heating pad."
    )
    assert await say(hass, "is the heat on") == (
        "Heat is blocked while the sleep guard is on."
    )
    await hass.services.async_call(
        "input_boolean", "turn_off", {"entity_id": SLEEP}, blocking=True
    )
    await say(hass, "start the heating pad")
    plug.obeys = False
    await say(hass, "stop the heating pad")
    await advance(timedelta(seconds=20))
    assert await say(hass, "is the heating pad on") == (
        "The heating pad plug does not switch off. Check the heating pad."
    )


@pytest.mark.usefixtures("setup_entry", "assist")
async def test_heat_left_in_part_of_a_minute(
    hass: HomeAssistant, advance: Advance
) -> None:
    """Seven minutes and five seconds of heat left are said as 8.

    A minute that has begun counts as whole.
    """
    await say(hass, "start the heating pad for 10 minutes")
    await advance(timedelta(minutes=2, seconds=55))
    await say(hass, "stop the heat")
    await say(hass, "turn on the heating pad")
    await advance(timedelta(minutes=20))
    # 2:55 and 20:00 of heat used leave 7:05 of the 30 allowed before a rest.
    assert await say(hass, "start the heating pad") == (
        "Heating for 8 minutes, the heat left before the pad needs a rest, until 10:30."
    )


@pytest.mark.usefixtures("setup_entry", "assist")
async def test_stretches_two_days_in_a_row(
    hass: HomeAssistant, advance: Advance
) -> None:
    """The streak is said with the days it has."""
    await say(hass, "I did my stretches")
    await advance(timedelta(days=1))
    assert await say(hass, "I did my stretches") == (
        "Stretches logged. That is 2 days in a row."
    )


@pytest.mark.usefixtures("setup_entry", "assist")
async def test_one_minute_is_the_least(hass: HomeAssistant) -> None:
    """One minute of heat or of a cold pack can be asked for."""
    assert await say(hass, "heat my back for 1 minute") == (
        "Heating for 1 minute, until 10:01."
    )
    assert await say(hass, "start a cold pack for 1 minute") == (
        "Cold pack on until 10:01."
    )


@pytest.mark.usefixtures("setup_entry", "assist")
@pytest.mark.parametrize(
    "intent_type",
    [
        "RecoveryRoutinesStartHeat",
        "RecoveryRoutinesStartColdPack",
        "RecoveryRoutinesSnoozeReminder",
    ],
)
async def test_zero_minutes_are_refused(hass: HomeAssistant, intent_type: str) -> None:
    """An LLM agent that asks for 0 minutes gets an error, and nothing changes.

    A 0-minute heat session would switch the pad on for nothing.
    """
    before = {entity: state_of(hass, entity) for entity in (PLUG, COLD_PACK)}
    next_reminder = state_of(hass, NEXT_REMINDER)
    # The refusal itself is what tells a 0 let through; the states below
    # show that nothing was started before it.
    with pytest.raises(intent.InvalidSlotInfo):
        await intent.async_handle(
            hass, "test", intent_type, {"minutes": {"value": 0}}, language="en"
        )
    await hass.async_block_till_done()
    assert {entity: state_of(hass, entity) for entity in (PLUG, COLD_PACK)} == before
    assert state_of(hass, NEXT_REMINDER) == next_reminder


@pytest.mark.usefixtures("setup_entry", "assist")
async def test_the_last_minute(hass: HomeAssistant, advance: Advance) -> None:
    """One minute is said as one; a minute that has begun counts as whole."""
    await say(hass, "heat my back for 2 minutes")
    await advance(timedelta(seconds=59))
    assert await say(hass, "how long is left on the heating pad") == (
        "2 minutes left on the heating pad, until 10:02."
    )
    await advance(timedelta(seconds=31))
    assert await say(hass, "how long is left on the heating pad") == (
        "1 minute left on the heating pad, until 10:02."
    )


@pytest.mark.usefixtures("setup_entry", "assist")
async def test_routines_by_voice(hass: HomeAssistant, advance: Advance) -> None:
    """Cold packs, stretches and reminders."""
    assert await say(hass, "start a cold pack") == "Cold pack on until 10:15."
    assert state_of(hass, COLD_PACK) == "on"
    assert await say(hass, "start the cold pack for 25 minutes") == (
        "A cold pack is already on until 10:15."
    )
    assert await say(hass, "I took off the cold pack") == "Cold pack stopped."
    assert await say(hass, "stop the cold pack") == "No cold pack was running."

    assert (
        await say(hass, "when is my next stretch") == "Your next stretch is at 13:00."
    )
    assert await say(hass, "snooze the reminder") == "Reminder snoozed until 10:30."
    assert await say(hass, "snooze the reminder for 45 minutes") == (
        "Reminder snoozed until 10:45."
    )
    assert state_of(hass, NEXT_REMINDER) == "2026-11-20T18:45:00+00:00"
    assert await say(hass, "I did my stretches") == (
        "Stretches logged. That is 1 day in a row."
    )
    assert state_of(hass, STREAK) == "1"
    await hass.services.async_call(
        "switch",
        "turn_off",
        {"entity_id": "switch.back_care_stretch_reminders"},
        blocking=True,
    )
    assert await say(hass, "when is the next reminder") == "Stretch reminders are off."
    assert await say(hass, "snooze my reminder") == (
        "Stretch reminders are off; turn them on first."
    )


async def test_three_routines_in_one_question(
    hass: HomeAssistant, plug: FakePlug, config_entry: MockConfigEntry, assist: None
) -> None:
    """Three routines: each named once, in order, the last one after "or"."""
    await setup_integration(hass, config_entry)
    for name, pad in (("Neck care", "neck_pad"), ("Knee care", "knee_pad")):
        hass.states.async_set(f"input_boolean.{pad}", "off")
        await setup_integration(
            hass,
            MockConfigEntry(
                domain="recovery_routines",
                title=name,
                data={"name": name, "heat_switch": f"input_boolean.{pad}"},
            ),
        )
    assert await say(hass, "stop the heat") == (
        "Which routine, Back care, Knee care or Neck care?"
    )


async def test_several_routines_by_name(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    assist: None,
    advance: Advance,
) -> None:
    """A sentence may name a routine; without a name, Assist asks which.

    The answer may be just the name: the question is remembered for a while.
    """
    await setup_integration(hass, config_entry)
    hass.states.async_set("input_boolean.neck_pad", "off")
    neck = MockConfigEntry(
        domain="recovery_routines",
        title="Neck care",
        data={"name": "Neck care", "heat_switch": "input_boolean.neck_pad"},
    )
    await setup_integration(hass, neck)

    assert await say(hass, "start the heating pad for 10 minutes") == (
        "Which routine, Back care or Neck care?"
    )
    assert state_of(hass, PLUG) == "off"
    assert await say(hass, "back care") == "Heating for 10 minutes, until 10:10."
    assert state_of(hass, PLUG) == "on"
    # Answered once: the name alone means nothing now.
    assert await say(hass, "back care") == (
        "Say what to do for Back care, for example: start the heat for Back care."
    )
    assert await say(hass, "how long is left on the heat for neck care") == (
        "The heating pad is not running."
    )
    assert await say(hass, "how long is left on the heat") == (
        "Which routine, Back care or Neck care?"
    )
    assert await say(hass, "for the back care routine") == (
        "10 minutes left on the heating pad, until 10:10."
    )

    # A question left unanswered expires.
    assert await say(hass, "stop the heat") == "Which routine, Back care or Neck care?"
    await advance(timedelta(minutes=3))
    assert await say(hass, "back care") == (
        "Say what to do for Back care, for example: start the heat for Back care."
    )
    assert state_of(hass, PLUG) == "on"

    # An LLM agent may name a routine that does not exist.
    response = await intent.async_handle(
        hass,
        "test",
        "RecoveryRoutinesStopHeat",
        {"routine": {"value": "Hip care"}},
        language="en",
    )
    assert response.speech["plain"]["speech"] == (
        "There is no routine called Hip care. Which routine, Back care or Neck care?"
    )
    # Answered within two minutes, up to the very second, the answer counts.
    await advance(timedelta(minutes=2))
    assert await say(hass, "back care") == "Heat stopped."
    assert await hass.config_entries.async_unload(neck.entry_id)
    response = await intent.async_handle(
        hass,
        "test",
        "RecoveryRoutinesStopHeat",
        {"routine": {"value": "Hip care"}},
        language="en",
    )
    assert response.speech["plain"]["speech"] == (
        "There is no routine called Hip care. Which routine, Back care?"
    )

    assert await hass.config_entries.async_unload(config_entry.entry_id)
    response = await intent.async_handle(
        hass, "test", "RecoveryRoutinesHeatStatus", {}, language="en"
    )
    assert response.speech["plain"]["speech"] == "Recovery Routines is not set up."


@pytest.mark.parametrize(
    ("language", "start", "question", "answer", "spoken"),
    [
        (
            "de",
            "schalte das Heizkissen für 10 Minuten ein",
            "Welche Routine, Back care oder Neck care?",
            "Back care",
            "Wärme für 10 Minuten, bis 10:10.",
        ),
        (
            "nl",
            "zet het warmtekussen voor 10 minuten aan",
            "Welke routine, Back care of Neck care?",
            "voor Back care",
            "Warmte voor 10 minuten, tot 10:10.",
        ),
        (
            "fr",
            "allume le coussin chauffant pendant 10 minutes",
            "Quelle routine, Back care ou Neck care ?",
            "Back care",
            "Chaleur pendant 10 minutes, jusqu'à 10:10.",
        ),
        (
            "es",
            "enciende la almohadilla térmica por 10 minutos",
            "¿Qué rutina, Back care o Neck care?",
            "para Back care",
            "Calor durante 10 minutos, hasta las 10:10.",
        ),
    ],
)
async def test_answers_in_the_language_of_the_conversation(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    assist: None,
    language: str,
    start: str,
    question: str,
    answer: str,
    spoken: str,
) -> None:
    """The question, the follow-up and the answer, in each language."""
    await setup_integration(hass, config_entry)
    hass.states.async_set("input_boolean.neck_pad", "off")
    neck = MockConfigEntry(
        domain="recovery_routines",
        title="Neck care",
        data={"name": "Neck care", "heat_switch": "input_boolean.neck_pad"},
    )
    await setup_integration(hass, neck)
    assert await say(hass, start, language) == question
    assert await say(hass, answer, language) == spoken
    assert state_of(hass, PLUG) == "on"


@pytest.mark.usefixtures("setup_entry", "assist")
async def test_refusals_in_the_language_of_the_conversation(
    hass: HomeAssistant,
) -> None:
    """A refusal is said in the language it was asked in."""
    assert await say(hass, "Heizkissen für 10 Minuten an", "de") == (
        "Wärme für 10 Minuten, bis 10:10."
    )
    assert await say(hass, "Heizkissen an", "de") == (
        "Eine Wärmesitzung läuft bereits bis 10:10. Verlängere oder beende sie zuerst."
    )
    assert await say(hass, "allume le coussin chauffant", "fr") == (
        "Une séance de chaleur est déjà en cours jusqu'à 10:10. Prolongez-la ou "
        "arrêtez-la d'abord."
    )
    assert await say(hass, "wanneer is mijn volgende rekoefening", "nl") == (
        "Je volgende rekoefeningen zijn om 13:00."
    )
    assert await say(hass, "ya hice mis estiramientos", "es") == (
        "Estiramientos anotados. Llevas 1 día seguido."
    )


async def test_a_voice_satellite_has_its_own_question(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    assist: None,
) -> None:
    """Two people asking at once: each answer goes to its own question."""
    await setup_integration(hass, config_entry)
    hass.states.async_set("input_boolean.neck_pad", "off")
    neck = MockConfigEntry(
        domain="recovery_routines",
        title="Neck care",
        data={"name": "Neck care", "heat_switch": "input_boolean.neck_pad"},
    )
    await setup_integration(hass, neck)

    async def satellite(device_id: str, text: str) -> str:
        result = await conversation.async_converse(
            hass, text, None, Context(), language="en", device_id=device_id
        )
        await hass.async_block_till_done()
        speech: str = result.response.speech["plain"]["speech"]
        return speech

    assert await satellite("bedroom", "start a cold pack") == (
        "Which routine, Back care or Neck care?"
    )
    assert await satellite("kitchen", "when is my next stretch") == (
        "Which routine, Back care or Neck care?"
    )
    assert await satellite("kitchen", "neck care") == "Your next stretch is at 13:00."
    assert await satellite("bedroom", "back care") == "Cold pack on until 10:15."


@pytest.mark.usefixtures("setup_entry", "assist")
async def test_intents_describe_themselves(hass: HomeAssistant) -> None:
    """LLM agents see every intent with a description."""
    ours = {
        handler.intent_type: handler.description
        for handler in intent.async_get(hass)
        if handler.intent_type.startswith("RecoveryRoutines")
    }
    assert len(ours) == 17
    assert all(ours.values())


# ----- the sentences file ---------------------------------------------------


async def test_sentences_file_follows_the_routines(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    config_dir: Path,
    assist: None,
) -> None:
    """Written at setup, off by option, removed with the last routine."""
    path = config_dir / SENTENCES
    await setup_integration(hass, config_entry)
    for language in LANGUAGES:
        written = config_dir / "custom_sentences" / language / SENTENCES.name
        content = written.read_text(encoding="utf-8")
        assert content.startswith("# Written by the Recovery Routines integration")
        # In the order of the file it was made from: the language first.
        assert content.splitlines()[1] == f"language: {language}"
        assert "- Back care" in content
    # Written as a person reads it, with the letters of the language.
    french = (config_dir / "custom_sentences" / "fr" / SENTENCES.name).read_text(
        encoding="utf-8"
    )
    assert "(chauffe|réchauffe|chauffe-moi|réchauffe-moi)" in french
    # The agent has read the file: only a reload makes it forget the sentences.
    understood = await say(hass, "when is the next reminder")
    assert understood == "Your next stretch is at 13:00."

    hass.config_entries.async_update_entry(
        config_entry, options={"install_sentences": False}
    )
    await hass.async_block_till_done()
    assert not path.exists()
    assert await say(hass, "when is the next reminder") != understood

    hass.config_entries.async_update_entry(config_entry, options={})
    await hass.async_block_till_done()
    assert path.exists()
    assert await say(hass, "when is the next reminder") == understood
    await hass.config_entries.async_remove(config_entry.entry_id)
    await hass.async_block_till_done()
    assert not (config_dir / "custom_sentences").exists() or not any(
        (config_dir / "custom_sentences").rglob("*.yaml")
    )


async def test_a_file_of_the_users_is_never_overwritten(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    config_dir: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Somebody else's file of that name stays as it is, even on removal."""
    path = config_dir / SENTENCES
    path.parent.mkdir(parents=True)
    path.write_text("language: en\n", encoding="utf-8")
    await setup_integration(hass, config_entry)
    assert path.read_text(encoding="utf-8") == "language: en\n"
    assert "was not written by Recovery Routines" in caplog.text
    await hass.config_entries.async_remove(config_entry.entry_id)
    await hass.async_block_till_done()
    assert path.exists()


async def test_the_agent_is_reloaded_only_for_a_change(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    config_dir: Path,
    assist: None,
) -> None:
    """A reload reads every sentence file again, slow on a small machine.

    So only a language whose file of ours was written or removed is reloaded:
    not for a file of the user's own, nor for a file that stays the same.
    """
    reloads = async_capture_events(hass, EVENT_CALL_SERVICE)

    def reloaded() -> list[str]:
        languages = [
            event.data["service_data"]["language"]
            for event in reloads
            if (event.data["domain"], event.data["service"])
            == ("conversation", "reload")
        ]
        reloads.clear()
        return languages

    own = config_dir / SENTENCES
    own.parent.mkdir(parents=True)
    own.write_text("language: en\n", encoding="utf-8")
    others = [language for language in LANGUAGES if language != "en"]
    await setup_integration(hass, config_entry)
    assert reloaded() == others
    # Set up again with the same routines: the files are the same.
    assert await hass.config_entries.async_reload(config_entry.entry_id)
    await hass.async_block_till_done()
    assert reloaded() == []

    hass.config_entries.async_update_entry(
        config_entry, options={"install_sentences": False}
    )
    await hass.async_block_till_done()
    assert reloaded() == others
    # Set up again with nothing to install: nothing to remove either.
    assert await hass.config_entries.async_reload(config_entry.entry_id)
    await hass.async_block_till_done()
    assert reloaded() == []
    assert own.read_text(encoding="utf-8") == "language: en\n"


@pytest.mark.parametrize("options", [{"install_sentences": False}])
@pytest.mark.usefixtures("setup_entry")
async def test_no_sentences_when_turned_off(config_dir: Path) -> None:
    """With the option off from the start, nothing is written."""
    assert not (config_dir / SENTENCES).exists()


@pytest.mark.parametrize(
    ("sentence", "answer"),
    [
        ("begin the heat session for 5 minutes", "Heating for 5 minutes"),
        ("switch on the heat pad for 5 minutes", "Heating for 5 minutes"),
        ("turn on the heat for back care for 5 minutes", "Heating for 5 minutes"),
        ("heat my back", "Heating for 20 minutes"),
        ("end the heat session", "The heating pad was not running"),
        ("switch off the heat pad for back care", "The heating pad was not running"),
        ("how much time is left on the heat", "The heating pad is not running"),
        ("how long is the heating pad still on", "The heating pad is not running"),
        ("is the heat pad running for back care", "The heating pad is not running"),
        ("when can I have heat again", "The heating pad is not running"),
        ("begin a cold pack timer for 10 minutes", "Cold pack on until 10:10"),
        ("I removed the cold pack", "No cold pack was running"),
        ("end the cold pack timer for back care", "No cold pack was running"),
        ("mark my stretches as done", "Stretches logged"),
        ("stretches finished for back care", "Stretches logged"),
        ("I finished my stretches", "Stretches logged"),
        ("remind me later to stretch", "Reminder snoozed until 10:30"),
        ("remind me in 20 minutes to stretch", "Reminder snoozed until 10:20"),
        ("snooze my stretch reminder for back care", "Reminder snoozed until 10:30"),
        ("when do I have to stretch again", "Your next stretch is at 13:00"),
        (
            "when is the next stretch reminder for back care",
            "Your next stretch is at 13:00",
        ),
    ],
)
@pytest.mark.usefixtures("setup_entry", "assist")
async def test_every_sentence_family(
    hass: HomeAssistant, sentence: str, answer: str
) -> None:
    """Each shipped sentence reaches its intent."""
    assert (await say(hass, sentence)).startswith(answer)


async def test_sentences_that_cannot_be_written(
    hass: HomeAssistant,
    plug: FakePlug,
    config_entry: MockConfigEntry,
    config_dir: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A config directory that refuses the file does not stop the setup."""
    (config_dir / "custom_sentences").write_text("a file, not a folder")
    await setup_integration(hass, config_entry)
    assert state_of(hass, PLUG) == "off"
    assert "Could not update the voice sentences" in caplog.text


@pytest.mark.usefixtures("setup_entry", "assist")
async def test_guided_routine_by_voice(hass: HomeAssistant, advance: Advance) -> None:
    """Start, what's next, pause, resume, next and stop, said as people say them."""
    assert await say(hass, "what's next") == "No routine is running."
    assert await say(hass, "start my evening routine") == "Starting Heat and stretch."
    assert state_of(hass, PLUG) == "on"
    assert await say(hass, "what's next") == (
        "Now Heat, step 1 of 8. Then Child's pose."
    )
    assert await say(hass, "pause") == (
        "The step Heat runs on its own timer and cannot be paused; "
        "skip or stop it instead."
    )
    assert await say(hass, "next") == "Now Child's pose, step 2 of 8."
    assert state_of(hass, PLUG) == "off"
    assert await say(hass, "pause the routine") == "Paused."
    assert await say(hass, "resume") == "Resumed."
    for _ in range(3):
        await say(hass, "next")
    assert await say(hass, "what's next") == (
        "Now Hip lifts, step 5 of 8. Then Seated twist."
    )
    assert await say(hass, "stop the routine") == "Routine stopped."
    assert await say(hass, "next") == "No routine is running."

    assert await say(hass, "start the quick stretch routine") == (
        "Starting Quick stretch."
    )
    assert await say(hass, "next stretch") == "Now Cat-cow, step 2 of 3."
    assert await say(hass, "what comes next") == (
        "Now Cat-cow, step 2 of 3. Then Lying twist."
    )
    assert await say(hass, "skip this one") == "Now Lying twist, step 3 of 3."
    assert await say(hass, "what's next") == (
        "Now Lying twist, step 3 of 3. That is the last step."
    )
    assert await say(hass, "next") == "Routine done. Well done."
    assert await say(hass, "take me through the cold pack routine") == (
        "Starting Cold pack."
    )
    assert await say(hass, "stop the cold pack routine") == "Routine stopped."
    # The last of two steps: nothing follows it.
    assert await say(hass, "start the ointment routine") == (
        "Starting Ointment then heat."
    )
    assert await say(hass, "next") == "Now Heat, step 2 of 2."
    assert await say(hass, "what's next") == (
        "Now Heat, step 2 of 2. That is the last step."
    )
