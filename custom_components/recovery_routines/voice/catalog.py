"""The voice intents: their types, what each does and how an LLM sees it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from ..data import RuntimeData
from . import answers
from .speech import Speech

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

# The second argument is the value of the intent's own slot: minutes, or a
# guided routine's name.
type Action = Callable[[RuntimeData, Any, Speech], Awaitable[str]]


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
        action=answers.start_heat,
        takes_minutes=True,
    ),
    IntentSpec(
        intent_type=INTENT_STOP_HEAT,
        description="Stops the heat session and switches the heating pad off"
        + _ROUTINE_HINT,
        action=answers.stop_heat,
    ),
    IntentSpec(
        intent_type=INTENT_HEAT_STATUS,
        description=(
            "Tells how long is left on the heating pad, or whether it is resting"
            + _ROUTINE_HINT
        ),
        action=answers.heat_status,
    ),
    IntentSpec(
        intent_type=INTENT_START_COLD_PACK,
        description="Starts a cold pack timer, optionally for a number of minutes"
        + _ROUTINE_HINT,
        action=answers.start_cold,
        takes_minutes=True,
    ),
    IntentSpec(
        intent_type=INTENT_STOP_COLD_PACK,
        description="Stops the cold pack timer" + _ROUTINE_HINT,
        action=answers.stop_cold,
    ),
    IntentSpec(
        intent_type=INTENT_STRETCHES_DONE,
        description="Logs that the back stretches were done today" + _ROUTINE_HINT,
        action=answers.stretches_done,
    ),
    IntentSpec(
        intent_type=INTENT_SNOOZE_REMINDER,
        description=(
            "Snoozes the stretch reminder, optionally for a number of minutes"
            + _ROUTINE_HINT
        ),
        action=answers.snooze,
        takes_minutes=True,
    ),
    IntentSpec(
        intent_type=INTENT_NEXT_REMINDER,
        description="Tells when the next stretch reminder is" + _ROUTINE_HINT,
        action=answers.next_reminder,
    ),
    IntentSpec(
        intent_type=INTENT_START_GUIDED,
        description=(
            "Starts a guided back-care routine (heat, then stretches held and timed, "
            "spoken step by step), optionally by its name such as Heat and stretch"
            + _ROUTINE_HINT
        ),
        action=answers.start_guided,
        takes_guided=True,
    ),
    IntentSpec(
        intent_type=INTENT_NEXT_STEP,
        description="Skips to the next step of the running guided routine"
        + _ROUTINE_HINT,
        action=answers.next_step,
    ),
    IntentSpec(
        intent_type=INTENT_PAUSE_ROUTINE,
        description="Pauses the running guided routine, or resumes it" + _ROUTINE_HINT,
        action=answers.pause_routine,
    ),
    IntentSpec(
        intent_type=INTENT_STOP_ROUTINE,
        description="Stops the running guided routine" + _ROUTINE_HINT,
        action=answers.stop_routine,
    ),
    IntentSpec(
        intent_type=INTENT_WHATS_NEXT,
        description="Tells the current and the next step of the guided routine"
        + _ROUTINE_HINT,
        action=answers.whats_next,
    ),
    IntentSpec(
        intent_type=INTENT_START_EPISODE,
        description=(
            "Starts an episode of back pain, such as a sudden spasm: the recovery "
            "plan begins with cold packs for the first days; `when` it began if "
            "not just now (yesterday, this_morning or last_night)" + _ROUTINE_HINT
        ),
        action=answers.start_episode,
        takes_when=True,
    ),
    IntentSpec(
        intent_type=INTENT_END_EPISODE,
        description="Ends the episode of back pain: the back is better" + _ROUTINE_HINT,
        action=answers.end_episode,
    ),
    IntentSpec(
        intent_type=INTENT_LOG_PAIN,
        description="Logs how bad the back pain is now, from 0 (none) to 10 (worst)"
        + _ROUTINE_HINT,
        action=answers.log_pain,
        takes_level=True,
    ),
)
