"""Voice: intents for Assist and for LLM-based conversation agents.

The handlers find the routine a sentence names, or ask "Which routine?" and
take the answer that is only a name; catalog.py lists the intents and
answers.py what each does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import config_validation as cv, intent
from homeassistant.util import dt as dt_util
from homeassistant.util.hass_dict import HassKey
import voluptuous as vol

from ..const import DOMAIN, PAIN_RANGE
from ..data import RecoveryRoutinesConfigEntry
from .catalog import INTENT_CHOOSE_ROUTINE, INTENTS, IntentSpec
from .rules.asking import question_open, routine_meant
from .rules.when import EPISODE_BEGAN
from .speech import async_get_speech

SLOT_ROUTINE = "routine"
SLOT_MINUTES = "minutes"
# A guided routine's name: "Heat and stretch".
SLOT_GUIDED = "guided"
# A pain check-in, 0 to 10.
SLOT_LEVEL = "level"
# When an episode began, as said: "I hurt my back yesterday".
SLOT_WHEN = "when"


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
    say = await async_get_speech(hass, intent_obj.language)
    loaded = _loaded(hass)
    names = [entry.title for entry in loaded]
    if (meant := routine_meant(names, name)) is None:
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
        speech = await spec.action(loaded[meant].runtime_data, value, say)
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
        if question is None or not question_open(question.asked_at, dt_util.utcnow()):
            response = intent_obj.create_response()
            say = await async_get_speech(intent_obj.hass, intent_obj.language)
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
