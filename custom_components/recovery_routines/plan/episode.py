"""The recovery plan: an episode of back pain, its phases and pain check-ins.

Plain domain logic, no entities. An episode starts acute (cold packs), moves
on to recovery (heat and stretches) after the configured hours, and to
maintenance once pain has been low for a few days or two weeks have passed
(the rules are in `rules/phases.py`). Pain that does not improve, radiates
down a leg or keeps rising raises a gentle "consider talking to a
professional" notice (`notices.py`); it gives no diagnosis. The phone asks
for check-ins (`check_ins.py`); heat sessions and routines are kept to set
pain before against after (`sessions.py`); what the stored episode says is
read through `queries.py`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.util import dt as dt_util

from ..common.notifier import Notifier
from ..common.observable import StoredObservable
from ..common.records import EpisodeData, HeatInterval, PainEntry, SessionSpan
from ..common.store import RecoveryStore
from ..common.timers import Timers
from ..const import DOMAIN, LOG_DAYS, PAIN_AVERAGE_OVER, PainTrend, Phase, RecoveryEvent
from ..guided.guide import RoutineGuide
from ..heat.controller import HeatController
from ..stretches.reminders import ReminderScheduler
from ..stretches.tracker import RoutineTracker
from .check_ins import PainCheckIns
from .notices import ProfessionalNotices
from .options import acute_hours, phase_plans
from .queries import EpisodeQueries
from .rules.phases import not_improved_due
from .sessions import SessionWatch

__all__ = ["EpisodeTracker"]


def prune_history(data: EpisodeData) -> None:
    """Drop the check-ins, episodes, phases and sessions older than LOG_DAYS."""
    cutoff = dt_util.utcnow() - timedelta(days=LOG_DAYS)
    data.pain = [entry for entry in data.pain if entry.at >= cutoff]
    data.past = [episode for episode in data.past if episode.end >= cutoff]
    data.phases = [(at, phase) for at, phase in data.phases if at >= cutoff]
    data.sessions = [session for session in data.sessions if session.end >= cutoff]


class EpisodeTracker(StoredObservable):
    """Runs one entry's episode: phases, check-ins and the notices."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
        store: RecoveryStore,
        *,
        tracker: RoutineTracker,
        reminders: ReminderScheduler,
        heat: HeatController,
        guide: RoutineGuide,
        notifier: Notifier,
    ) -> None:
        """Create the tracker of one config entry."""
        super().__init__(store)
        self.hass = hass
        self._data = store.episode
        self._tracker = tracker
        self._reminders = reminders
        self._queries = EpisodeQueries(self._data, acute_hours=acute_hours(entry))
        self._plans = phase_plans(entry)
        self._timers = Timers(hass)
        self._notices = ProfessionalNotices(
            hass, entry, self._data, notifier=notifier, fire=self._fire
        )
        self._check_ins = PainCheckIns(
            hass,
            entry.entry_id,
            notifier=notifier,
            timers=self._timers,
            log_pain=self.async_log_pain,
        )
        self._sessions = SessionWatch(
            self._queries,
            heat=heat,
            guide=guide,
            notifier=notifier,
            keep=self._async_keep_session,
        )
        self._unsub_listeners: CALLBACK_TYPE = lambda: None
        reminders.plan = self._plans.get(self.phase)
        heat.start_advice = self._sessions.heat_advice

    # ----- what entities read -----------------------------------------------
    # The plan's own readers (the calendar, the export) ask `queries`.

    @property
    def queries(self) -> EpisodeQueries:
        """What the stored episode says: pain, sessions, phases and episodes."""
        return self._queries

    @property
    def phase(self) -> Phase:
        """The phase of the running episode, or none."""
        return self._queries.phase

    @property
    def day(self) -> int:
        """The day of the running episode: 1 on the day it started."""
        return self._queries.day

    @property
    def next_change(self) -> datetime | None:
        """When the phase moves on by itself, if it will."""
        return self._queries.next_change

    @property
    def phase_attributes(self) -> dict[str, Any]:
        """What the phase sensor shows besides the phase."""
        return self._queries.phase_attributes

    def as_diagnostics(self) -> dict[str, Any]:
        """Return what explains the plan's schedule, and no more of the health data."""
        return self._queries.as_diagnostics()

    @property
    def pain_level(self) -> int | None:
        """The latest pain check-in."""
        return self._queries.pain_level

    @property
    def pain_attributes(self) -> dict[str, Any]:
        """When the latest check-in was, and what came with it."""
        return self._queries.pain_attributes

    @property
    def pain_average_7d(self) -> float | None:
        """The mean of the check-ins of the last 7 days."""
        return self._queries.pain_average_7d

    @property
    def pain_trend(self) -> PainTrend | None:
        """Whether the last check-ins improve, hold or get worse."""
        return self._queries.pain_trend

    # ----- life cycle ---------------------------------------------------------

    @callback
    def async_start(self) -> None:
        """Catch up with what fell due while stopped; raise kept notices again."""
        heat_listener, guide_listener = self._sessions.async_listen()
        phone_listener = self._check_ins.async_listen()

        def _unsub() -> None:
            heat_listener()
            guide_listener()
            phone_listener()

        self._unsub_listeners = _unsub
        self._notices.async_restore()
        self._async_follow_time()

    @callback
    def async_stop(self) -> None:
        """Stop the timers."""
        self._timers.close()
        self._unsub_listeners()

    @callback
    def async_apply_options(self, entry: ConfigEntry) -> None:
        """Use new plans; the phase moves on if its hours are over."""
        self._queries.acute_hours = acute_hours(entry)
        self._plans = phase_plans(entry)
        self._async_follow_time()

    # ----- what users ask for -------------------------------------------------

    @callback
    def async_start_episode(self, started_at: datetime | None = None) -> None:
        """Start an episode now, or at `started_at` in the past."""
        now = dt_util.utcnow()
        if self._data.started_at is not None:
            raise ServiceValidationError(
                translation_domain=DOMAIN,
                translation_key="episode_running",
                translation_placeholders={"day": str(self.day)},
            )
        start = now if started_at is None else dt_util.as_utc(started_at)
        if start > now:
            raise ServiceValidationError(
                translation_domain=DOMAIN, translation_key="episode_in_future"
            )
        self._data.started_at = start
        self._fire(RecoveryEvent.EPISODE_STARTED, {"started_at": start.isoformat()})
        self._enter(Phase.ACUTE, start, by_hand=False)
        self._async_follow_time()

    @callback
    def async_end_episode(self) -> None:
        """End the running episode; its notices are cleared."""
        started_at = self._require_episode()
        now = dt_util.utcnow()
        self._data.past.append(HeatInterval(start=started_at, end=now))
        prune_history(self._data)
        self._fire(
            RecoveryEvent.EPISODE_ENDED,
            {"started_at": started_at.isoformat(), "day": self.day},
        )
        self._data.started_at = None
        self._data.phase_since = None
        self._data.phase_by_hand = False
        self._fire(
            RecoveryEvent.PHASE_CHANGED,
            {"phase": Phase.NONE.value, "previous": self._data.phase},
        )
        self._data.phase = Phase.NONE.value
        self._data.phases.append((now, Phase.NONE.value))
        self._notices.async_clear()
        self._check_ins.async_clear()
        self._async_follow_time()

    @callback
    def async_set_phase(self, phase: Phase) -> None:
        """Set the phase by hand; it runs its course from now."""
        self._require_episode()
        self._enter(phase, dt_util.utcnow(), by_hand=True)
        self._async_follow_time()

    @callback
    def async_log_pain(
        self, level: int, note: str | None = None, *, radiating: bool = False
    ) -> None:
        """Log a pain check-in of 0 to 10."""
        now = dt_util.utcnow()
        self._data.pain.append(
            PainEntry(at=now, level=level, note=note or None, radiating=radiating)
        )
        prune_history(self._data)
        attributes: dict[str, Any] = {"level": level, "radiating": radiating}
        if note:
            attributes["note"] = note
        self._fire(RecoveryEvent.PAIN_LOGGED, attributes)
        self._check_ins.async_clear()
        self._notices.async_check_pain(radiating=radiating)
        self._async_follow_time()

    # ----- the course of the episode -----------------------------------------

    def _require_episode(self) -> datetime:
        if self._data.started_at is None:
            raise ServiceValidationError(
                translation_domain=DOMAIN, translation_key="no_episode"
            )
        return self._data.started_at

    @callback
    def _enter(self, phase: Phase, since: datetime, *, by_hand: bool) -> None:
        previous = self._data.phase
        self._data.phases.append((since, phase.value))
        self._data.phase = phase.value
        self._data.phase_since = since
        self._data.phase_by_hand = by_hand
        self._fire(
            RecoveryEvent.PHASE_CHANGED,
            {
                "phase": phase.value,
                "previous": previous,
                "day": self.day,
                "by_hand": by_hand,
            },
        )

    @callback
    def _async_follow_time(self) -> None:
        """Move the phase on as far as time says, then wait for the next step."""
        now = dt_util.utcnow()
        while (step := self._queries.next_phase()) is not None and step[1] <= now:
            self._enter(step[0], step[1], by_hand=False)
        if step is None:
            self._timers.cancel("phase")
        else:
            self._timers.schedule("phase", step[1], self._async_time_passed)
        self._notices.async_check_not_improved(now)
        self._schedule_refreshes(now)
        self._reminders.async_follow_plan(self._plans.get(self.phase))
        self._async_changed()

    @callback
    def _async_time_passed(self, _now: datetime) -> None:
        self._async_follow_time()

    def _schedule_refreshes(self, now: datetime) -> None:
        """Wake at the next local midnight (the day), check-in and 7-day boundary."""
        started_at = self._data.started_at
        if started_at is None:
            self._timers.cancel("midnight")
        else:
            midnight = dt_util.start_of_local_day(
                dt_util.now().date() + timedelta(days=1)
            )
            self._timers.schedule("midnight", midnight, self._async_time_passed)
        self._check_ins.async_follow(running=started_at is not None, now=now)
        if recent := self._queries.recent_pain():
            self._timers.schedule(
                "average", recent[0].at + PAIN_AVERAGE_OVER, self._async_time_passed
            )
        else:
            self._timers.cancel("average")
        if (
            started_at is not None
            and (checkpoint := not_improved_due(started_at)) > now
        ):
            self._timers.schedule("not_improved", checkpoint, self._async_time_passed)
        else:
            self._timers.cancel("not_improved")

    # ----- sessions and history -----------------------------------------------

    @callback
    def _async_keep_session(self, session: SessionSpan) -> None:
        """Keep a session seen from start to end; one from before a restart is not."""
        self._data.sessions.append(session)
        prune_history(self._data)
        self._async_changed()

    @callback
    def _fire(self, event_type: RecoveryEvent, attributes: dict[str, Any]) -> None:
        self._async_fire(event_type, dict(attributes))
        self._tracker.async_fire_history(
            event_type, dict(attributes), entity_key="recovery_events"
        )
