"""What each voice intent does, and the answer it speaks.

Each action takes the routine's runtime data, the value of the intent's own
slot (minutes, a guided routine's name, a pain level or when an episode
began) and the speech of the conversation's language.
"""

from __future__ import annotations

from homeassistant.util import dt as dt_util

from ..const import ROUTINE_STRETCHES, HeatStatus
from ..data import RuntimeData
from .rules.when import episode_began, whole_minutes
from .speech import Speech, clock

# Heat


async def start_heat(runtime: RuntimeData, minutes: int | None, say: Speech) -> str:
    """Start a heat session; say how long it lasts and when it ends."""
    session, clipped = await runtime.heat.async_start_session(minutes, source="voice")
    length = whole_minutes(session.ends_at - session.started_at)
    return say(
        "heating_clipped" if clipped else "heating",
        duration=say.minutes(length),
        ends_at=clock(session.ends_at),
    )


async def stop_heat(runtime: RuntimeData, _minutes: int | None, say: Speech) -> str:
    """Stop the heat session; say whether one was running."""
    running = runtime.heat.session is not None
    await runtime.heat.async_stop_session(source="voice")
    return say("heat_stopped" if running else "heat_was_off")


async def heat_status(runtime: RuntimeData, _minutes: int | None, say: Speech) -> str:
    """Say how long the heat has left, or why there is none."""
    heat = runtime.heat
    status = heat.status
    if status is HeatStatus.HEATING:
        assert heat.session is not None
        left = whole_minutes(heat.session.ends_at - dt_util.utcnow())
        return say(
            "heat_left",
            duration=say.minutes(left),
            ends_at=clock(heat.session.ends_at),
        )
    if status is HeatStatus.FAULT:
        return say("heat_fault")
    if status is HeatStatus.BLOCKED:
        return say("heat_blocked")
    if status is HeatStatus.RESTING:
        assert heat.available_at is not None
        return say("heat_resting", available_at=clock(heat.available_at))
    return say("heat_idle")


# Cold


async def start_cold(runtime: RuntimeData, minutes: int | None, say: Speech) -> str:
    """Start a cold pack timer; say when it ends."""
    session = runtime.cold.async_start_pack(minutes)
    return say("cold_on", ends_at=clock(session.ends_at))


async def stop_cold(runtime: RuntimeData, _minutes: int | None, say: Speech) -> str:
    """Stop the cold pack timer; say whether one was running."""
    running = runtime.cold.session is not None
    runtime.cold.async_stop_pack()
    return say("cold_stopped" if running else "cold_was_off")


# Stretches and their reminders


async def stretches_done(
    runtime: RuntimeData, _minutes: int | None, say: Speech
) -> str:
    """Log today's stretches; say the streak."""
    runtime.routines.async_log(ROUTINE_STRETCHES, note=None)
    streak = runtime.routines.streak
    return say(
        "stretches_logged_one" if streak == 1 else "stretches_logged", days=streak
    )


async def snooze(runtime: RuntimeData, minutes: int | None, say: Speech) -> str:
    """Snooze the stretch reminder; say when it comes back."""
    if minutes is None:
        runtime.reminders.async_snooze()
    else:
        runtime.reminders.async_snooze(minutes)
    assert runtime.reminders.next_reminder is not None
    return say("snoozed", time=clock(runtime.reminders.next_reminder))


async def next_reminder(runtime: RuntimeData, _minutes: int | None, say: Speech) -> str:
    """Say when the next stretch reminder is, or that they are off."""
    if (next_at := runtime.reminders.next_reminder) is None:
        return say("reminders_off")
    return say("next_stretch", time=clock(next_at))


# Guided routines


async def start_guided(runtime: RuntimeData, name: str | None, say: Speech) -> str:
    """Start a guided routine, the one called `name` if given; say which."""
    guide = runtime.guide
    await guide.async_start_routine(name)
    assert guide.run is not None
    return say("routine_started", routine=guide.run.routine.name)


async def next_step(runtime: RuntimeData, _value: None, say: Speech) -> str:
    """Skip to the next step; say what is being done now."""
    await runtime.guide.async_next_step()
    return _now_doing(runtime, say)


async def pause_routine(runtime: RuntimeData, _value: None, say: Speech) -> str:
    """Pause the guided routine, or resume it; say which."""
    guide = runtime.guide
    guide.async_toggle_pause()
    assert guide.run is not None
    return say("routine_paused" if guide.run.paused_left else "routine_resumed")


async def stop_routine(runtime: RuntimeData, _value: None, say: Speech) -> str:
    """Stop the guided routine."""
    await runtime.guide.async_stop_routine()
    return say("routine_stopped")


async def whats_next(runtime: RuntimeData, _value: None, say: Speech) -> str:
    """Say the step being done now and the one that follows."""
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


# The recovery plan


async def start_episode(runtime: RuntimeData, when: str | None, say: Speech) -> str:
    """Start an episode of back pain, begun `when` if said."""
    began = episode_began(
        when, now=dt_util.utcnow(), zone=dt_util.get_default_time_zone()
    )
    runtime.episode.async_start_episode(began)
    return say("episode_started")


async def end_episode(runtime: RuntimeData, _value: None, say: Speech) -> str:
    """End the episode of back pain."""
    runtime.episode.async_end_episode()
    return say("episode_ended")


async def log_pain(runtime: RuntimeData, level: int, say: Speech) -> str:
    """Log how bad the pain is now."""
    runtime.episode.async_log_pain(level)
    return say("pain_logged", level=level)
