"""Voice: intents for Assist and for LLM-based conversation agents.

Answers are spoken in the language of the conversation: their texts live in
the integration's translations, next to the refusals they may carry.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
import math
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import config_validation as cv, intent
from homeassistant.helpers.translation import async_get_translations
from homeassistant.util import dt as dt_util
from homeassistant.util.hass_dict import HassKey
import voluptuous as vol

from ..const import DOMAIN, PAIN_RANGE, ROUTINE_STRETCHES, HeatStatus
from ..data import RecoveryRoutinesConfigEntry, RuntimeData

SLOT_ROUTINE = "routine"
SLOT_MINUTES = "minutes"
# A guided routine's name: "Heat and stretch".
SLOT_GUIDED = "guided"
# A pain check-in, 0 to 10.
SLOT_LEVEL = "level"
SLOT_WHEN = "when"
# When an episode began, as said: "I hurt my back yesterday".
EPISODE_BEGAN = ("yesterday", "this_morning", "last_night")
MORNING = time(8, 0)
LAST_NIGHT = time(21, 0)

INTENT_START_HEAT = "RecoveryRoutinesStartHeat"
INTENT_STOP_HEAT = "RecoveryRoutinesStopHeat"
INTENT_HEAT_STATUS = "RecoveryRoutinesHeatStatus"
INTENT_START_COLD_PACK = "RecoveryRoutinesStartColdPack"
INTENT_STOP_COLD_PACK = "RecoveryRoutinesStopColdPack"
INTENT_STRETCHES_DONE = "RecoveryRoutinesStretchesDone"
INTENT_SNOOZE_REMINDER = "RecoveryRoutinesSnoozeReminder"
INTENT_NEXT_REMINDER = "RecoveryRoutinesNextReminder"
INTENT_CHOOSE_ROUTINE = "RecoveryRoutinesChooseRoutine"
INTENT_START_GUIDED = "RecoveryRoutinesStartGuidedRoutine"
INTENT_NEXT_STEP = "RecoveryRoutinesNextStep"
INTENT_PAUSE_ROUTINE = "RecoveryRoutinesPauseRoutine"
INTENT_STOP_ROUTINE = "RecoveryRoutinesStopRoutine"
INTENT_WHATS_NEXT = "RecoveryRoutinesWhatsNext"
INTENT_START_EPISODE = "RecoveryRoutinesStartEpisode"
INTENT_END_EPISODE = "RecoveryRoutinesEndEpisode"
INTENT_LOG_PAIN = "RecoveryRoutinesLogPain"

# How long "Which routine?" waits for an answer that is only a name.
QUESTION_TIMEOUT = timedelta(minutes=2)


class Speech:
    """The spoken texts of one language."""

    def __init__(self, texts: dict[str, str]) -> None:
        """Use `texts`, the exception translations of the language."""
        self._texts = texts

    def __call__(self, key: str, **placeholders: Any) -> str:
        """Return the answer `key` with its placeholders filled in."""
        message = self._texts[f"component.{DOMAIN}.exceptions.voice_{key}.message"]
        return message.format(**placeholders)

    def minutes(self, minutes: int) -> str:
        """Say a number of minutes: "1 minute", "20 minutes"."""
        if minutes == 1:
            return self("one_minute")
        return self("minutes", minutes=minutes)

    def choice(self, names: list[str]) -> str:
        """Say "A, B or C"."""
        if len(names) == 1:
            return names[0]
        return self("choice", first=", ".join(names[:-1]), last=names[-1])

    def refusal(self, err: HomeAssistantError) -> str:
        """Say why something was refused, in this language when it is ours."""
        key = f"component.{DOMAIN}.exceptions.{err.translation_key}.message"
        message = self._texts.get(key) if err.translation_domain == DOMAIN else None
        # Another integration's error is said as Home Assistant words it.
        return (
            message.format(**(err.translation_placeholders or {}))
            if message
            else f"{err}."
        )


async def _speech(hass: HomeAssistant, language: str) -> Speech:
    return Speech(await async_get_translations(hass, language, "exceptions", {DOMAIN}))


# The second argument is the value of the intent's own slot: minutes, or a
# guided routine's name.
type Action = Callable[[RuntimeData, Any, Speech], Awaitable[str]]


def _clock(when: datetime) -> str:
    return str(dt_util.as_local(when).strftime("%H:%M"))


async def _start_heat(runtime: RuntimeData, minutes: int | None, say: Speech) -> str:
    session, clipped = await runtime.heat.async_start_session(minutes, source="voice")
    length = math.ceil((session.ends_at - session.started_at).total_seconds() / 60)
    return say(
        "heating_clipped" if clipped else "heating",
        duration=say.minutes(length),
        ends_at=_clock(session.ends_at),
    )


async def _stop_heat(runtime: RuntimeData, _minutes: int | None, say: Speech) -> str:
    running = runtime.heat.session is not None
    await runtime.heat.async_stop_session(source="voice")
    return say("heat_stopped" if running else "heat_was_off")


async def _heat_status(runtime: RuntimeData, _minutes: int | None, say: Speech) -> str:
    heat = runtime.heat
    status = heat.status
    if status is HeatStatus.HEATING:
        assert heat.session is not None
        left = math.ceil((heat.session.ends_at - dt_util.utcnow()).total_seconds() / 60)
        return say(
            "heat_left",
            duration=say.minutes(left),
            ends_at=_clock(heat.session.ends_at),
        )
    if status is HeatStatus.FAULT:
        return say("heat_fault")
    if status is HeatStatus.BLOCKED:
        return say("heat_blocked")
    if status is HeatStatus.RESTING:
        assert heat.available_at is not None
        return say("heat_resting", available_at=_clock(heat.available_at))
    return say("heat_idle")


async def _start_cold(runtime: RuntimeData, minutes: int | None, say: Speech) -> str:
    session = runtime.cold.async_start_pack(minutes)
    return say("cold_on", ends_at=_clock(session.ends_at))


async def _stop_cold(runtime: RuntimeData, _minutes: int | None, say: Speech) -> str:
    running = runtime.cold.session is not None
    runtime.cold.async_stop_pack()
    return say("cold_stopped" if running else "cold_was_off")


async def _stretches_done(
    runtime: RuntimeData, _minutes: int | None, say: Speech
) -> str:
    runtime.routines.async_log(ROUTINE_STRETCHES, note=None)
    streak = runtime.routines.streak
    return say(
        "stretches_logged_one" if streak == 1 else "stretches_logged", days=streak
    )


async def _snooze(runtime: RuntimeData, minutes: int | None, say: Speech) -> str:
    if minutes is None:
        runtime.reminders.async_snooze()
    else:
        runtime.reminders.async_snooze(minutes)
    assert runtime.reminders.next_reminder is not None
    return say("snoozed", time=_clock(runtime.reminders.next_reminder))


async def _next_reminder(
    runtime: RuntimeData, _minutes: int | None, say: Speech
) -> str:
    if (next_reminder := runtime.reminders.next_reminder) is None:
        return say("reminders_off")
    return say("next_stretch", time=_clock(next_reminder))


async def _start_guided(runtime: RuntimeData, name: str | None, say: Speech) -> str:
    guide = runtime.guide
    await guide.async_start_routine(name)
    assert guide.run is not None
    return say("routine_started", routine=guide.run.routine.name)


async def _next_step(runtime: RuntimeData, _value: None, say: Speech) -> str:
    await runtime.guide.async_next_step()
    return _now_doing(runtime, say)


async def _pause_routine(runtime: RuntimeData, _value: None, say: Speech) -> str:
    guide = runtime.guide
    guide.async_toggle_pause()
    assert guide.run is not None
    return say("routine_paused" if guide.run.paused_left else "routine_resumed")


async def _stop_routine(runtime: RuntimeData, _value: None, say: Speech) -> str:
    await runtime.guide.async_stop_routine()
    return say("routine_stopped")


async def _whats_next(runtime: RuntimeData, _value: None, say: Speech) -> str:
    guide = runtime.guide
    if (run := guide.run) is None:
        return say("no_routine")
    if run.step + 1 < len(run.routine.steps):
        following = guide.step_name(run.routine.steps[run.step + 1])
        return f"{_now_doing(runtime, say)} {say('routine_then', step=following)}"
    return f"{_now_doing(runtime, say)} {say('routine_last_step')}"


def _now_doing(runtime: RuntimeData, say: Speech) -> str:
    guide = runtime.guide
    if guide.run is None:
        return say("routine_done")
    return say(
        "routine_now",
        step=guide.step_name(guide.run.routine.steps[guide.run.step]),
        number=guide.run.step + 1,
        steps=len(guide.run.routine.steps),
    )


def episode_began(when: str | None) -> datetime | None:
    """Return when an episode said to begin "yesterday" and so on began.

    Yesterday: a day ago, so today is its second day. This morning: 08:00.
    Last night: 21:00 yesterday. Never later than now.
    """
    now = dt_util.utcnow()
    if when is None:
        return None
    if when == "yesterday":
        return now - timedelta(days=1)
    today = dt_util.now().date()
    day, at = (
        (today, MORNING)
        if when == "this_morning"
        else (
            today - timedelta(days=1),
            LAST_NIGHT,
        )
    )
    began = dt_util.as_utc(
        datetime.combine(day, at, tzinfo=dt_util.get_default_time_zone())
    )
    return min(began, now)


async def _start_episode(runtime: RuntimeData, when: str | None, say: Speech) -> str:
    runtime.episode.async_start_episode(episode_began(when))
    return say("episode_started")


async def _end_episode(runtime: RuntimeData, _value: None, say: Speech) -> str:
    runtime.episode.async_end_episode()
    return say("episode_ended")


async def _log_pain(runtime: RuntimeData, level: int, say: Speech) -> str:
    runtime.episode.async_log_pain(level)
    return say("pain_logged", level=level)


@dataclass(frozen=True, kw_only=True)
class IntentSpec:
    """One voice intent: what it does and how an LLM should see it."""

    intent_type: str
    description: str
    action: Action
    takes_minutes: bool = False
    takes_guided: bool = False
    takes_level: bool = False
    takes_when: bool = False


_ROUTINE_HINT = (
    "; with several routines, give the routine's name, otherwise it is asked for"
)

INTENTS: tuple[IntentSpec, ...] = (
    IntentSpec(
        intent_type=INTENT_START_HEAT,
        description=(
            "Starts a heat session on the heating pad for back pain, optionally for a "
            "number of minutes; safety limits may shorten or refuse it" + _ROUTINE_HINT
        ),
        action=_start_heat,
        takes_minutes=True,
    ),
    IntentSpec(
        intent_type=INTENT_STOP_HEAT,
        description="Stops the heat session and switches the heating pad off"
        + _ROUTINE_HINT,
        action=_stop_heat,
    ),
    IntentSpec(
        intent_type=INTENT_HEAT_STATUS,
        description=(
            "Tells how long is left on the heating pad, or whether it is resting"
            + _ROUTINE_HINT
        ),
        action=_heat_status,
    ),
    IntentSpec(
        intent_type=INTENT_START_COLD_PACK,
        description="Starts a cold pack timer, optionally for a number of minutes"
        + _ROUTINE_HINT,
        action=_start_cold,
        takes_minutes=True,
    ),
    IntentSpec(
        intent_type=INTENT_STOP_COLD_PACK,
        description="Stops the cold pack timer" + _ROUTINE_HINT,
        action=_stop_cold,
    ),
    IntentSpec(
        intent_type=INTENT_STRETCHES_DONE,
        description="Logs that the back stretches were done today" + _ROUTINE_HINT,
        action=_stretches_done,
    ),
    IntentSpec(
        intent_type=INTENT_SNOOZE_REMINDER,
        description=(
            "Snoozes the stretch reminder, optionally for a number of minutes"
            + _ROUTINE_HINT
        ),
        action=_snooze,
        takes_minutes=True,
    ),
    IntentSpec(
        intent_type=INTENT_NEXT_REMINDER,
        description="Tells when the next stretch reminder is" + _ROUTINE_HINT,
        action=_next_reminder,
    ),
    IntentSpec(
        intent_type=INTENT_START_GUIDED,
        description=(
            "Starts a guided back-care routine (heat, then stretches held and timed, "
            "spoken step by step), optionally by its name such as Heat and stretch"
            + _ROUTINE_HINT
        ),
        action=_start_guided,
        takes_guided=True,
    ),
    IntentSpec(
        intent_type=INTENT_NEXT_STEP,
        description="Skips to the next step of the running guided routine"
        + _ROUTINE_HINT,
        action=_next_step,
    ),
    IntentSpec(
        intent_type=INTENT_PAUSE_ROUTINE,
        description="Pauses the running guided routine, or resumes it" + _ROUTINE_HINT,
        action=_pause_routine,
    ),
    IntentSpec(
        intent_type=INTENT_STOP_ROUTINE,
        description="Stops the running guided routine" + _ROUTINE_HINT,
        action=_stop_routine,
    ),
    IntentSpec(
        intent_type=INTENT_WHATS_NEXT,
        description="Tells the current and the next step of the guided routine"
        + _ROUTINE_HINT,
        action=_whats_next,
    ),
    IntentSpec(
        intent_type=INTENT_START_EPISODE,
        description=(
            "Starts an episode of back pain, such as a sudden spasm: the recovery "
            "plan begins with cold packs for the first days; `when` it began if "
            "not just now (yesterday, this_morning or last_night)" + _ROUTINE_HINT
        ),
        action=_start_episode,
        takes_when=True,
    ),
    IntentSpec(
        intent_type=INTENT_END_EPISODE,
        description="Ends the episode of back pain: the back is better" + _ROUTINE_HINT,
        action=_end_episode,
    ),
    IntentSpec(
        intent_type=INTENT_LOG_PAIN,
        description="Logs how bad the back pain is now, from 0 (none) to 10 (worst)"
        + _ROUTINE_HINT,
        action=_log_pain,
        takes_level=True,
    ),
)


@dataclass(frozen=True, kw_only=True)
class _Question:
    """A "Which routine?" waiting for an answer that is only a name."""

    spec: IntentSpec
    value: Any
    asked_at: datetime


type _Asker = tuple[str | None, str | None]

QUESTIONS: HassKey[dict[_Asker, _Question]] = HassKey(f"{DOMAIN}_voice_questions")


def _questions(hass: HomeAssistant) -> dict[_Asker, _Question]:
    """Return the questions waiting for a routine's name."""
    return hass.data.setdefault(QUESTIONS, {})


def _asker(intent_obj: intent.Intent) -> _Asker:
    """Tell apart who asked: a person in the app, or a voice satellite."""
    return (intent_obj.context.user_id, intent_obj.device_id)


def _loaded(hass: HomeAssistant) -> list[RecoveryRoutinesConfigEntry]:
    return sorted(
        (
            entry
            for entry in hass.config_entries.async_entries(DOMAIN)
            if entry.state is ConfigEntryState.LOADED
        ),
        key=lambda entry: entry.title.casefold(),
    )


async def _async_run(
    intent_obj: intent.Intent, spec: IntentSpec, name: str | None, value: Any
) -> intent.IntentResponse:
    """Run `spec` on the routine called `name`, or ask which one."""
    hass = intent_obj.hass
    response = intent_obj.create_response()
    say = await _speech(hass, intent_obj.language)
    loaded = _loaded(hass)
    names = [entry.title for entry in loaded]
    entry: RecoveryRoutinesConfigEntry | None = None
    if name is not None:
        entry = next(
            (e for e in loaded if e.title.casefold() == name.strip().casefold()), None
        )
    elif len(loaded) == 1:
        entry = loaded[0]
    if entry is None:
        if not loaded:
            question = say("not_set_up")
        else:
            # Remember the question, so that the answer can be just a name.
            _questions(hass)[_asker(intent_obj)] = _Question(
                spec=spec, value=value, asked_at=dt_util.utcnow()
            )
            question = say("which_routine", routines=say.choice(names))
            if name is not None:
                question = f"{say('no_routine_called', routine=name)} {question}"
        response.async_set_error(
            intent.IntentResponseErrorCode.NO_VALID_TARGETS, question
        )
        return response
    try:
        speech = await spec.action(entry.runtime_data, value, say)
    except HomeAssistantError as err:
        # Refusals are spoken with their reason, never swallowed.
        response.async_set_error(
            intent.IntentResponseErrorCode.FAILED_TO_HANDLE, say.refusal(err)
        )
        return response
    response.async_set_speech(speech)
    return response


class RecoveryRoutinesIntent(intent.IntentHandler):
    """Runs one action on the routine the sentence names, or the only one."""

    def __init__(self, spec: IntentSpec) -> None:
        """Handle the intent `spec` describes."""
        self.spec = spec
        self.intent_type = spec.intent_type
        self.description = spec.description
        slots: dict[Any, Any] = {vol.Optional(SLOT_ROUTINE): cv.string}
        if spec.takes_minutes:
            slots[vol.Optional(SLOT_MINUTES)] = vol.All(
                vol.Coerce(int), vol.Range(min=1)
            )
        if spec.takes_guided:
            slots[vol.Optional(SLOT_GUIDED)] = cv.string
        if spec.takes_level:
            slots[vol.Required(SLOT_LEVEL)] = vol.All(
                vol.Coerce(int), vol.Range(min=PAIN_RANGE[0], max=PAIN_RANGE[1])
            )
        if spec.takes_when:
            slots[vol.Optional(SLOT_WHEN)] = vol.In(EPISODE_BEGAN)
        self._slots = slots

    @property
    def slot_schema(self) -> dict[Any, Any]:
        """Return the slots: an optional routine name, and minutes."""
        return self._slots

    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        """Act, and say what happened or why not."""
        slots = self.async_validate_slots(intent_obj.slots)
        if self.spec.takes_guided:
            value_slot = SLOT_GUIDED
        elif self.spec.takes_level:
            value_slot = SLOT_LEVEL
        elif self.spec.takes_when:
            value_slot = SLOT_WHEN
        else:
            value_slot = SLOT_MINUTES
        return await _async_run(
            intent_obj,
            self.spec,
            slots.get(SLOT_ROUTINE, {}).get("value"),
            slots.get(value_slot, {}).get("value"),
        )


class ChooseRoutineIntent(intent.IntentHandler):
    """The answer to "Which routine?": only a routine's name."""

    intent_type = INTENT_CHOOSE_ROUTINE
    description = "Answers the question which routine was meant, with its name"
    slot_schema = {vol.Required(SLOT_ROUTINE): cv.string}
    # A follow-up of the built-in agent, not a tool: no entity has this
    # domain, so the LLM API leaves it out.
    platforms = {DOMAIN}

    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        """Answer the question asked last, for the routine named now."""
        name = self.async_validate_slots(intent_obj.slots)[SLOT_ROUTINE]["value"]
        question = _questions(intent_obj.hass).pop(_asker(intent_obj), None)
        if question is None or dt_util.utcnow() - question.asked_at > QUESTION_TIMEOUT:
            response = intent_obj.create_response()
            say = await _speech(intent_obj.hass, intent_obj.language)
            response.async_set_error(
                intent.IntentResponseErrorCode.NO_INTENT_MATCH,
                say("no_question", routine=name),
            )
            return response
        return await _async_run(intent_obj, question.spec, name, question.value)


async def async_setup_intents(hass: HomeAssistant) -> None:
    """Register the intents once for all entries (the intent integration calls it)."""
    for spec in INTENTS:
        intent.async_register(hass, RecoveryRoutinesIntent(spec))
    intent.async_register(hass, ChooseRoutineIntent())
