"""The recovery plan: an episode of back pain, its phases and pain check-ins.

Plain domain logic, no entities. An episode starts acute (cold packs), moves
on to recovery (heat and stretches) after the configured hours, and to
maintenance once pain has been low for a few days or two weeks have passed.
Pain that does not improve, radiates down a leg or keeps rising raises a
gentle "consider talking to a professional" notice; it gives no diagnosis.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from itertools import pairwise
from statistics import fmean
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, Event, HomeAssistant, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import issue_registry as ir
from homeassistant.util import dt as dt_util

from ..common.notifier import EVENT_MOBILE_APP_ACTION, Notifier, action_id
from ..common.observable import StoredObservable
from ..common.records import HeatInterval, PainEntry, SessionSpan
from ..common.store import RecoveryStore
from ..common.timers import Timers
from ..const import (
    ACUTE_HOURS_RANGE,
    COLD_PACK_EVERY_HOURS_RANGE,
    CONF_ACUTE_HOURS,
    CONF_COLD_PACK_EVERY_HOURS,
    CONF_DAILY_ROUTINE_AT,
    CONF_STRETCH_EVERY_HOURS,
    DEFAULT_ACUTE_HOURS,
    DEFAULT_COLD_PACK_EVERY_HOURS,
    DEFAULT_DAILY_ROUTINE_AT,
    DEFAULT_STRETCH_EVERY_HOURS,
    DOMAIN,
    LOG_DAYS,
    LOW_PAIN,
    LOW_PAIN_FOR,
    NOT_IMPROVED_AFTER,
    PAIN_AVERAGE_OVER,
    PAIN_RANGE,
    RECOVERY_AT_MOST,
    ROUTINE_COLD,
    ROUTINE_GUIDED,
    ROUTINE_STRETCHES,
    STRETCH_EVERY_HOURS_RANGE,
    HeatEvent,
    Notice,
    PainTrend,
    Phase,
    RecoveryEvent,
)
from ..guided.guide import RoutineGuide
from ..heat.controller import HeatController
from ..stretches.reminders import ReminderPlan, ReminderScheduler
from ..stretches.tracker import HEAT_ENDINGS, RoutineTracker

# Heat started in the first days carries this advice; it still starts.
COLD_ADVISED = "cold_advised"
NOTIFICATION_PROFESSIONAL = "professional"
NOTIFICATION_HEAT_ADVICE = "heat_advice"
NOTIFICATION_CHECK_IN = "check_in"
# During an episode the phone asks how the pain is, morning and evening.
CHECK_IN_TIMES = (time(9, 0), time(19, 0))
# A trend needs a change of at least this much between the averages.
TREND_STEP = 1.0
# The trend compares the mean of this many latest check-ins with the ones before.
TREND_WINDOW = 3
# Pain rising on this many check-ins in a row is a reason to ask for help.
RISES_IN_A_ROW = 3
# Check-ins this close before a session's start and after its end set pain
# before against pain after.
PAIN_AROUND = timedelta(hours=1)
SESSION_HEAT = "heat"


def issue_id(notice: str, entry_id: str) -> str:
    """Return the repair issue id of a notice of one entry."""
    return f"see_professional_{notice}_{entry_id}"


def acute_hours(entry: ConfigEntry) -> int:
    """Return the configured hours of the acute phase, within the care range."""
    return _option(entry, CONF_ACUTE_HOURS, DEFAULT_ACUTE_HOURS, ACUTE_HOURS_RANGE)


def _option(entry: ConfigEntry, key: str, default: int, limits: tuple[int, int]) -> int:
    """Return a whole-number option, kept within its range."""
    return min(max(int(entry.options.get(key, default)), limits[0]), limits[1])


def phase_plans(entry: ConfigEntry) -> dict[Phase, ReminderPlan]:
    """Return what each phase asks of the reminders, as the options say."""
    cold_hours = _option(
        entry,
        CONF_COLD_PACK_EVERY_HOURS,
        DEFAULT_COLD_PACK_EVERY_HOURS,
        COLD_PACK_EVERY_HOURS_RANGE,
    )
    stretch_hours = _option(
        entry,
        CONF_STRETCH_EVERY_HOURS,
        DEFAULT_STRETCH_EVERY_HOURS,
        STRETCH_EVERY_HOURS_RANGE,
    )
    daily_at = time.fromisoformat(
        entry.options.get(CONF_DAILY_ROUTINE_AT, DEFAULT_DAILY_ROUTINE_AT)
    )
    return {
        Phase.ACUTE: ReminderPlan(
            minutes=cold_hours * 60,
            kind=ROUTINE_COLD,
            text_key="notification_cold_reminder",
        ),
        Phase.RECOVERY: ReminderPlan(
            minutes=stretch_hours * 60,
            kind=ROUTINE_STRETCHES,
            text_key="notification_reminder",
        ),
        Phase.MAINTENANCE: ReminderPlan(
            minutes=24 * 60,
            kind=ROUTINE_GUIDED,
            text_key="notification_routine_reminder",
            at=daily_at,
        ),
    }


def _next_check_in(now: datetime) -> datetime:
    """Return the next morning or evening check-in after `now`."""
    today = dt_util.as_local(now).date()
    moments = [
        dt_util.as_utc(
            datetime.combine(
                today + timedelta(days=days), at, tzinfo=dt_util.get_default_time_zone()
            )
        )
        for days in (0, 1)
        for at in CHECK_IN_TIMES
    ]
    return next(moment for moment in moments if moment > now)


def pain_trend(levels: list[int]) -> PainTrend | None:
    """Compare the latest check-ins with the ones before; None with too few."""
    if len(levels) < 2:
        return None
    window = min(TREND_WINDOW, len(levels) // 2)
    latest = fmean(levels[-window:])
    before = fmean(levels[-2 * window : -window])
    if latest <= before - TREND_STEP:
        return PainTrend.IMPROVING
    if latest >= before + TREND_STEP:
        return PainTrend.WORSE
    return PainTrend.STEADY


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
        self._entry_id = entry.entry_id
        self._name = entry.title
        self._data = store.episode
        self._tracker = tracker
        self._reminders = reminders
        self._heat = heat
        self._guide = guide
        self._notifier = notifier
        # The check-in's buttons on Apple's phones: action id to pain level.
        lowest, highest = PAIN_RANGE
        self._pain_buttons = {
            action_id(self._entry_id, f"pain_{level}"): level
            for level in range(lowest, highest + 1)
        }
        # When the heat and the guided routine under way began, as seen here.
        self._heat_since: datetime | None = None
        self._routine_since: tuple[str, datetime] | None = None
        self.acute_hours = acute_hours(entry)
        self._plans = phase_plans(entry)
        self._timers = Timers(hass)
        self._unsub_listeners: CALLBACK_TYPE = lambda: None
        reminders.plan = self._plans.get(self.phase)
        heat.start_advice = self._heat_advice

    # ----- what entities read ------------------------------------------------

    @property
    def phase(self) -> Phase:
        """The phase of the running episode, or none."""
        return Phase(self._data.phase) if self.running else Phase.NONE

    @property
    def running(self) -> bool:
        """Whether an episode runs."""
        return self._data.started_at is not None

    @property
    def day(self) -> int:
        """The day of the running episode: 1 on the day it started."""
        assert self._data.started_at is not None
        started = dt_util.as_local(self._data.started_at).date()
        return (dt_util.now().date() - started).days + 1

    @property
    def phase_attributes(self) -> dict[str, Any]:
        """What the phase sensor shows besides the phase."""
        if self._data.started_at is None:
            return {}
        assert self._data.phase_since is not None
        return {
            "day": self.day,
            "started_at": self._data.started_at.isoformat(),
            "phase_since": self._data.phase_since.isoformat(),
            "set_by_hand": self._data.phase_by_hand,
            "notices": list(self._data.notices),
        }

    def as_diagnostics(self) -> dict[str, Any]:
        """Return what explains the plan's schedule, and no more of the health data.

        Diagnostics are shared in public bug reports: the phase, the day and
        the counts explain what the plan does; pain levels, notes and why a
        professional was suggested are left out.
        """
        return {
            "phase": self.phase.value,
            "day": self.day if self.running else None,
            "started_at": self._data.started_at,
            "phase_since": self._data.phase_since,
            "set_by_hand": self._data.phase_by_hand,
            "next_change": self.next_change,
            "check_ins": len(self._data.pain),
            "sessions": len(self._data.sessions),
            "past_episodes": len(self._data.past),
            "notices": len(self._data.notices),
        }

    @property
    def pain_level(self) -> int | None:
        """The latest pain check-in."""
        return self._data.pain[-1].level if self._data.pain else None

    @property
    def pain_attributes(self) -> dict[str, Any]:
        """When the latest check-in was, and what came with it."""
        if not self._data.pain:
            return {}
        latest = self._data.pain[-1]
        attributes: dict[str, Any] = {
            "logged_at": latest.at.isoformat(),
            "radiating": latest.radiating,
        }
        if self._data.sessions and (
            around := self.pain_around(self._data.sessions[-1])
        ):
            attributes["last_session"] = self._data.sessions[-1].kind
            attributes["pain_before"], attributes["pain_after"] = around
        return attributes

    def pain_around(self, session: SessionSpan) -> tuple[int, int] | None:
        """Pain within an hour before a session and within an hour after it.

        The check-in nearest the session on each side; None unless both.
        """
        before = [
            entry.level
            for entry in self._data.pain
            if session.start - PAIN_AROUND <= entry.at <= session.start
        ]
        after = [
            entry.level
            for entry in self._data.pain
            if session.end <= entry.at <= session.end + PAIN_AROUND
        ]
        return (before[-1], after[0]) if before and after else None

    def sessions_between(self, start: datetime, end: datetime) -> list[SessionSpan]:
        """Return the heat sessions and routines that ended from `start` to `end`."""
        return [item for item in self._data.sessions if start <= item.end <= end]

    @property
    def pain_average_7d(self) -> float | None:
        """The mean of the check-ins of the last 7 days."""
        recent = self._recent_pain()
        return round(fmean(entry.level for entry in recent), 1) if recent else None

    @property
    def pain_trend(self) -> PainTrend | None:
        """Whether the last check-ins improve, hold or get worse."""
        return pain_trend([entry.level for entry in self._data.pain])

    def pain_between(self, start: datetime, end: datetime) -> list[PainEntry]:
        """Return the check-ins from `start` to `end`."""
        return [entry for entry in self._data.pain if start <= entry.at <= end]

    def phases_between(
        self, start: datetime, end: datetime
    ) -> list[tuple[datetime, str]]:
        """Return the phase changes from `start` to `end`."""
        return [(at, phase) for at, phase in self._data.phases if start <= at <= end]

    def episodes_between(
        self, start: datetime, end: datetime, *, running: bool = True
    ) -> list[HeatInterval]:
        """Return the episodes that overlap `start` to `end`; a running one ends now."""
        episodes = list(self._data.past)
        if running and self._data.started_at is not None:
            episodes.append(
                HeatInterval(start=self._data.started_at, end=dt_util.utcnow())
            )
        return [
            episode
            for episode in episodes
            if episode.start <= end and episode.end >= start
        ]

    @property
    def next_change(self) -> datetime | None:
        """When the phase moves on by itself, if it will."""
        step = self._next_phase()
        return None if step is None else step[1]

    @property
    def phase_history(self) -> list[tuple[datetime, str]]:
        """Every phase change kept, "none" at an episode's end."""
        return list(self._data.phases)

    # ----- life cycle ---------------------------------------------------------

    @callback
    def async_start(self) -> None:
        """Catch up with what fell due while stopped; raise kept notices again."""
        heat_listener = self._heat.async_add_event_listener(self._async_heat_event)
        guide_listener = self._guide.async_add_listener(self._async_guide_changed)
        phone_listener = self.hass.bus.async_listen(
            EVENT_MOBILE_APP_ACTION, self._async_phone_answer
        )

        def _unsub() -> None:
            heat_listener()
            guide_listener()
            phone_listener()

        self._unsub_listeners = _unsub
        for notice in self._data.notices:
            self._create_issue(notice)
        self._async_follow_time()

    @callback
    def async_stop(self) -> None:
        """Stop the timers."""
        self._timers.close()
        self._unsub_listeners()

    @callback
    def async_apply_options(self, entry: ConfigEntry) -> None:
        """Use new plans; the phase moves on if its hours are over."""
        self.acute_hours = acute_hours(entry)
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
        self._prune()
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
        for notice in self._data.notices:
            ir.async_delete_issue(self.hass, DOMAIN, issue_id(notice, self._entry_id))
        self._data.notices = []
        self._notifier.async_clear(NOTIFICATION_PROFESSIONAL)
        self._notifier.async_clear(NOTIFICATION_CHECK_IN)
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
        self._prune()
        attributes: dict[str, Any] = {"level": level, "radiating": radiating}
        if note:
            attributes["note"] = note
        self._fire(RecoveryEvent.PAIN_LOGGED, attributes)
        self._notifier.async_clear(NOTIFICATION_CHECK_IN)
        if radiating:
            self._raise_notice(Notice.RADIATING)
        if self._rising():
            self._raise_notice(Notice.RISING)
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

    def _episode_pain(self) -> list[PainEntry]:
        start = self._data.started_at
        return [entry for entry in self._data.pain if start and entry.at >= start]

    def _recent_pain(self) -> list[PainEntry]:
        since = dt_util.utcnow() - PAIN_AVERAGE_OVER
        return [entry for entry in self._data.pain if entry.at > since]

    def _next_phase(self) -> tuple[Phase, datetime] | None:
        """Return the phase the episode moves on to, and when."""
        since = self._data.phase_since
        started_at = self._data.started_at
        if since is None or started_at is None:
            return None
        if self.phase is Phase.ACUTE:
            return Phase.RECOVERY, since + timedelta(hours=self.acute_hours)
        if self.phase is not Phase.RECOVERY:
            return None
        # Recovery set by hand runs its course from then.
        anchor = since if self._data.phase_by_hand else started_at
        due = anchor + RECOVERY_AT_MOST
        low_since: datetime | None = None
        for entry in reversed(self._data.pain):
            if entry.at < anchor or entry.level > LOW_PAIN:
                break
            low_since = entry.at
        if low_since is not None:
            due = min(due, low_since + LOW_PAIN_FOR)
        return Phase.MAINTENANCE, due

    @callback
    def _async_follow_time(self) -> None:
        """Move the phase on as far as time says, then wait for the next step."""
        now = dt_util.utcnow()
        while (step := self._next_phase()) is not None and step[1] <= now:
            self._enter(step[0], step[1], by_hand=False)
        if step is None:
            self._timers.cancel("phase")
        else:
            self._timers.schedule("phase", step[1], self._async_time_passed)
        self._check_not_improved(now)
        self._schedule_refreshes(now)
        self._reminders.async_follow_plan(self._plans.get(self.phase))
        self._async_changed()

    @callback
    def _async_time_passed(self, _now: datetime) -> None:
        self._async_follow_time()

    def _schedule_refreshes(self, now: datetime) -> None:
        """Wake at the next local midnight (the day) and 7-day boundary."""
        if self._data.started_at is None:
            self._timers.cancel("midnight")
            self._timers.cancel("check_in")
        else:
            midnight = dt_util.start_of_local_day(
                dt_util.now().date() + timedelta(days=1)
            )
            self._timers.schedule("midnight", midnight, self._async_time_passed)
            self._timers.schedule("check_in", _next_check_in(now), self._async_ask)
        if recent := self._recent_pain():
            self._timers.schedule(
                "average", recent[0].at + PAIN_AVERAGE_OVER, self._async_time_passed
            )
        else:
            self._timers.cancel("average")
        if (started_at := self._data.started_at) is not None and (
            checkpoint := started_at + NOT_IMPROVED_AFTER
        ) > now:
            self._timers.schedule("not_improved", checkpoint, self._async_time_passed)
        else:
            self._timers.cancel("not_improved")

    # ----- when to see a professional ----------------------------------------

    def _check_not_improved(self, now: datetime) -> None:
        started_at = self._data.started_at
        if started_at is None or now < started_at + NOT_IMPROVED_AFTER:
            return
        pain = self._episode_pain()
        if pain and pain[-1].level > LOW_PAIN and pain[-1].level >= pain[0].level:
            self._raise_notice(Notice.NOT_IMPROVED)

    def _rising(self) -> bool:
        levels = [entry.level for entry in self._data.pain[-(RISES_IN_A_ROW + 1) :]]
        return len(levels) > RISES_IN_A_ROW and all(
            before < after for before, after in pairwise(levels)
        )

    @callback
    def _raise_notice(self, notice: Notice) -> None:
        if notice in self._data.notices:
            return
        self._data.notices.append(notice.value)
        self._create_issue(notice)
        self._notifier.async_send(
            NOTIFICATION_PROFESSIONAL,
            self._notifier.text(f"notification_professional_{notice}"),
            with_actions=False,
        )
        self._fire(RecoveryEvent.SEE_PROFESSIONAL, {"reason": notice.value})

    def _create_issue(self, notice: str) -> None:
        # The lowest severity there is: a suggestion, never an alarm.
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            issue_id(notice, self._entry_id),
            is_fixable=False,
            is_persistent=False,
            severity=ir.IssueSeverity.WARNING,
            translation_key=f"see_professional_{notice}",
            translation_placeholders={"name": self._name},
        )

    # ----- check-ins on the phone ----------------------------------------------

    @callback
    def _async_ask(self, now: datetime) -> None:
        """Ask how the pain is: a button per level, or a typed answer.

        Android shows at most three buttons, so there the answer is typed;
        Apple's phones show the eleven levels as buttons.
        """
        answer = self._notifier.text("notification_check_in_answer")
        self._notifier.async_send(
            NOTIFICATION_CHECK_IN,
            self._notifier.text("notification_check_in"),
            with_actions=False,
            actions=[
                {
                    "action": action_id(self._entry_id, "pain"),
                    "title": answer,
                    "behavior": "textInput",
                    "textInputButtonTitle": answer,
                    "textInputPlaceholder": "0-10",
                }
            ],
            apple_actions=[
                {"action": action, "title": str(level)}
                for action, level in self._pain_buttons.items()
            ],
        )
        self._timers.schedule("check_in", _next_check_in(now), self._async_ask)

    @callback
    def _async_phone_answer(self, event: Event) -> None:
        action = event.data.get("action")
        if action in self._pain_buttons:
            self.async_log_pain(self._pain_buttons[action])
        elif action == action_id(self._entry_id, "pain"):
            reply = str(event.data.get("reply_text", "")).strip()
            # Anything but a level leaves the question on the phone.
            if reply.isdigit() and PAIN_RANGE[0] <= int(reply) <= PAIN_RANGE[1]:
                self.async_log_pain(int(reply))

    # ----- heat in the first days ---------------------------------------------

    def _heat_advice(self) -> str | None:
        return COLD_ADVISED if self.phase is Phase.ACUTE else None

    @callback
    def _async_heat_event(self, event_type: str, attributes: dict[str, Any]) -> None:
        if event_type == HeatEvent.STARTED:
            self._heat_since = dt_util.utcnow()
            if attributes.get("advice"):
                self._notifier.async_send(
                    NOTIFICATION_HEAT_ADVICE,
                    self._notifier.text("notification_cold_advised"),
                    with_actions=False,
                )
        elif event_type in HEAT_ENDINGS and self._heat_since is not None:
            self._async_keep_session(SESSION_HEAT, self._heat_since)
            self._heat_since = None

    # ----- sessions, for pain before and after ----------------------------------

    @callback
    def _async_guide_changed(self) -> None:
        run = self._guide.run
        if run is not None and self._routine_since is None:
            self._routine_since = (run.routine.name, dt_util.utcnow())
        elif run is None and self._routine_since is not None:
            self._async_keep_session(*self._routine_since)
            self._routine_since = None

    @callback
    def _async_keep_session(self, kind: str, start: datetime) -> None:
        """Keep a session seen from start to end; one from before a restart is not."""
        self._data.sessions.append(
            SessionSpan(kind=kind, start=start, end=dt_util.utcnow())
        )
        self._prune()
        self._async_changed()

    # ----- history ------------------------------------------------------------

    def _prune(self) -> None:
        cutoff = dt_util.utcnow() - timedelta(days=LOG_DAYS)
        self._data.pain = [entry for entry in self._data.pain if entry.at >= cutoff]
        self._data.past = [
            episode for episode in self._data.past if episode.end >= cutoff
        ]
        self._data.phases = [
            (at, phase) for at, phase in self._data.phases if at >= cutoff
        ]
        self._data.sessions = [
            session for session in self._data.sessions if session.end >= cutoff
        ]

    @callback
    def _fire(self, event_type: RecoveryEvent, attributes: dict[str, Any]) -> None:
        self._async_fire(event_type, dict(attributes))
        self._tracker.async_fire_history(
            event_type, dict(attributes), entity_key="recovery_events"
        )
