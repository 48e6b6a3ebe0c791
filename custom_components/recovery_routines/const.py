"""Constants for Recovery Routines."""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum
from typing import Final

DOMAIN: Final = "recovery_routines"

CONF_HEAT_SWITCH: Final = "heat_switch"
CONF_MAX_HEAT_MINUTES: Final = "max_heat_minutes"
CONF_HEAT_REST_MINUTES: Final = "heat_rest_minutes"
CONF_SLEEP_ENTITY: Final = "sleep_entity"
# The plug's own off timer and power sensor (issue 8): stored flat in options.
CONF_BACKSTOP_ENTITY: Final = "backstop_entity"
CONF_BACKSTOP_KIND: Final = "backstop_kind"
CONF_BACKSTOP_UNIT: Final = "backstop_unit"
CONF_BACKSTOP_MARGIN_MINUTES: Final = "backstop_margin_minutes"
CONF_BACKSTOP_SCRIPT: Final = "backstop_script"
CONF_BACKSTOP_REQUIRED: Final = "backstop_required"
CONF_POWER_SENSOR: Final = "power_sensor"

DEFAULT_NAME: Final = "Back care"
DEFAULT_MAX_HEAT_MINUTES: Final = 30
DEFAULT_HEAT_REST_MINUTES: Final = 20
DEFAULT_HEAT_DURATION: Final = 20
DEFAULT_REMINDER_INTERVAL: Final = 180

MAX_HEAT_MINUTES_RANGE: Final = (5, 60)
DEFAULT_BACKSTOP_MARGIN_MINUTES: Final = 3
BACKSTOP_MARGIN_MINUTES_RANGE: Final = (1, 30)
HEAT_REST_MINUTES_RANGE: Final = (0, 240)
MIN_HEAT_DURATION: Final = 1

CONF_STRETCHES: Final = "stretches"
CONF_ACTIVE_START: Final = "active_start"
CONF_ACTIVE_END: Final = "active_end"
CONF_NOTIFY_TARGETS: Final = "notify_targets"
CONF_COLD_MINUTES: Final = "cold_minutes"
CONF_INSTALL_SENTENCES: Final = "install_sentences"
# media_player / assist_satellite entities that speak a guided routine's cues.
CONF_SPEAKERS: Final = "speakers"
# A routine a person added: a config subentry of this type.
SUBENTRY_ROUTINE: Final = "routine"
CONF_STEPS: Final = "steps"
# Holds start short and grow day by day up to the routine's own.
CONF_PROGRESSION: Final = "progression"
PROGRESSION_START_SECONDS: Final = 10
PROGRESSION_STEP_SECONDS: Final = 5

DEFAULT_STRETCHES: Final = (
    "Child's pose",
    "Knee-to-chest",
    "Cat-cow",
    "Hip lifts",
    "Seated twist",
    "Lying twist",
    "Hamstring stretch",
)
DEFAULT_ACTIVE_START: Final = "08:00:00"
DEFAULT_ACTIVE_END: Final = "21:00:00"
DEFAULT_COLD_MINUTES: Final = 15
COLD_MINUTES_RANGE: Final = (5, 20)
REMINDER_INTERVAL_RANGE: Final = (15, 720)
DEFAULT_SNOOZE_MINUTES: Final = 30
# The history keeps a little more than a year.
LOG_DAYS: Final = 400

# Fired on the bus for every session and completion; logbook.py describes it.
EVENT_RECOVERY_ROUTINES: Final = "recovery_routines_event"

# Routines log_completion knows besides the stretch names.
ROUTINE_STRETCHES: Final = "stretches"
ROUTINE_HEAT: Final = "heat"
ROUTINE_COLD: Final = "cold"

HEAT_SWITCH_DOMAINS: Final = ["switch", "input_boolean"]
SLEEP_ENTITY_DOMAINS: Final = ["binary_sensor", "input_boolean"]

# A plug that has not reported "off" is asked again this often ...
TURN_OFF_RETRY_INTERVAL: Final = timedelta(seconds=10)
# ... and is declared faulty this long after the first request, well inside
# the 30 s the product promises.
PLUG_FAULT_AFTER: Final = timedelta(seconds=20)
# A plug call that takes longer than this is given up and retried.
PLUG_CALL_TIMEOUT: Final = timedelta(seconds=10)
# Home Assistant stopping waits this long at most for the plug to go off.
SHUTDOWN_TURN_OFF_TIMEOUT: Final = timedelta(seconds=5)
# A heating pad that heats draws tens of watts; a plug that is off, none.
POWER_THRESHOLD_WATTS: Final = 5.0
# Power above the threshold this long while the plug reports off is a fault ...
POWER_WHILE_OFF_AFTER: Final = timedelta(seconds=30)
# ... and none this long while a session runs means the pad is not heating.
NO_POWER_AFTER: Final = timedelta(minutes=2)
# Less budget than this is no session worth starting.
MIN_SESSION: Final = timedelta(minutes=1)


class HeatStatus(StrEnum):
    """What the heat controller is doing, as shown by the heat status sensor."""

    IDLE = "idle"
    HEATING = "heating"
    RESTING = "resting"
    BLOCKED = "blocked"
    FAULT = "fault"


class HeatEvent(StrEnum):
    """Event types of the heat event entity."""

    STARTED = "started"
    ADOPTED = "adopted"
    COMPLETED = "completed"
    STOPPED = "stopped"
    CUTOFF = "cutoff"
    REFUSED = "refused"
    FAULT = "fault"
    INTERRUPTED = "interrupted"
    RESUMED = "resumed"
    NO_POWER = "no_power"


class CutoffReason(StrEnum):
    """Why a session was ended before its deadline by a safety rule."""

    HEAT_LIMIT = "heat_limit"
    SLEEP = "sleep"
    OVERDUE = "overdue"
    BACKSTOP = "backstop"


class BackstopKind(StrEnum):
    """How the plug's own off timer works."""

    # One-shot: switches the plug off this long from when it is written.
    COUNTDOWN = "countdown"
    # Applies after every turn-on: written once, longer than any session.
    AUTO_OFF = "auto_off"


class BackstopPhase(StrEnum):
    """When a backstop script is called."""

    START = "start"
    EXTEND = "extend"
    STOP = "stop"


class RoutineEvent(StrEnum):
    """Event types of the routine event entity."""

    REMINDER = "reminder"
    COMPLETED = "completed"
    SNOOZED = "snoozed"
    COLD_STARTED = "cold_started"
    COLD_COMPLETED = "cold_completed"
    COLD_STOPPED = "cold_stopped"


# The recovery plan (issue 13).
CONF_ACUTE_HOURS: Final = "acute_hours"
DEFAULT_ACUTE_HOURS: Final = 48
# The care pages: cold packs for the first 48 to 72 hours.
ACUTE_HOURS_RANGE: Final = (48, 72)
# Recovery ends when pain has been at most this ...
LOW_PAIN: Final = 2
# ... for this long, or when this much of the episode has passed.
LOW_PAIN_FOR: Final = timedelta(days=3)
RECOVERY_AT_MOST: Final = timedelta(days=14)
# Pain not better after this much of an episode is a reason to ask for help.
NOT_IMPROVED_AFTER: Final = timedelta(days=14)
PAIN_RANGE: Final = (0, 10)
PAIN_AVERAGE_OVER: Final = timedelta(days=7)


class Phase(StrEnum):
    """Where an episode of back pain is."""

    ACUTE = "acute"
    RECOVERY = "recovery"
    MAINTENANCE = "maintenance"
    NONE = "none"


class PainTrend(StrEnum):
    """How pain moves over the last check-ins."""

    IMPROVING = "improving"
    STEADY = "steady"
    WORSE = "worse"


class RecoveryEvent(StrEnum):
    """Event types of the recovery event entity."""

    EPISODE_STARTED = "episode_started"
    EPISODE_ENDED = "episode_ended"
    PHASE_CHANGED = "phase_changed"
    PAIN_LOGGED = "pain_logged"
    SEE_PROFESSIONAL = "see_professional"


class Notice(StrEnum):
    """Why the integration suggests talking to a professional."""

    NOT_IMPROVED = "not_improved"
    RADIATING = "radiating"
    RISING = "rising"
