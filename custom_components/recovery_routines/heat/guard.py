"""The sleep guard and the heat budget: whether heat may run now, and why not.

The budget itself is plain code (rules/budget.py); this reads the options and
the sleep entity, passes the rules the heat so far, and turns their refusals
into the errors people see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import STATE_ON
from homeassistant.core import (
    CALLBACK_TYPE,
    Event,
    EventStateChangedData,
    HomeAssistant,
    callback,
)
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.util import dt as dt_util

from ..common.records import HeatData
from ..const import (
    CONF_HEAT_REST_MINUTES,
    CONF_MAX_HEAT_MINUTES,
    CONF_SLEEP_ENTITY,
    DEFAULT_HEAT_REST_MINUTES,
    DEFAULT_MAX_HEAT_MINUTES,
)
from .plug import PlugDriver, friendly_name
from .refusals import local_time, refusal as _refusal
from .rules.budget import (
    Allowed,
    HeatBudget,
    OverBudget,
    Refusal,
    Resting,
    allowed_length,
    available_at,
    extension_refusal,
    heat_today,
    intervals_to_keep,
    latest_end,
    session_length,
)
from .rules.timer_values import BackstopError


@dataclass(frozen=True, kw_only=True)
class HeatOptions(HeatBudget):
    """The safety settings of the options flow."""

    sleep_entity: str | None

    @classmethod
    def from_entry(cls, entry: ConfigEntry) -> HeatOptions:
        """Read the options of a config entry, with their defaults."""
        options = entry.options
        return cls(
            max_heat=timedelta(
                minutes=options.get(CONF_MAX_HEAT_MINUTES, DEFAULT_MAX_HEAT_MINUTES)
            ),
            rest=timedelta(
                minutes=options.get(CONF_HEAT_REST_MINUTES, DEFAULT_HEAT_REST_MINUTES)
            ),
            sleep_entity=options.get(CONF_SLEEP_ENTITY) or None,
        )


class HeatGuard:
    """Says whether heat may run now: the sleep guard and the heat budget."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
        data: HeatData,
        plug: PlugDriver,
        *,
        on_sleep_changed: CALLBACK_TYPE,
    ) -> None:
        """Guard the heat of one config entry."""
        self.hass = hass
        self.options = HeatOptions.from_entry(entry)
        self._data = data
        self._plug = plug
        self._on_sleep_changed = on_sleep_changed
        self._unsub_sleep: CALLBACK_TYPE | None = None

    # ----- the options and the sleep entity -----------------------------------

    @callback
    def async_apply_options(self, entry: ConfigEntry) -> None:
        """Use new safety options, and follow their sleep entity."""
        self.options = HeatOptions.from_entry(entry)
        self.async_track_sleep_entity()

    @callback
    def async_track_sleep_entity(self) -> None:
        """Follow the sleep entity of the options, if there is one."""
        self.async_untrack()
        if self.options.sleep_entity is not None:
            self._unsub_sleep = async_track_state_change_event(
                self.hass, self.options.sleep_entity, self._async_sleep_changed
            )

    @callback
    def async_untrack(self) -> None:
        """Stop following the sleep entity."""
        if self._unsub_sleep is not None:
            self._unsub_sleep()
            self._unsub_sleep = None

    @callback
    def _async_sleep_changed(self, _event: Event[EventStateChangedData]) -> None:
        self._on_sleep_changed()

    def sleep_guard_on(self) -> bool:
        """Whether the sleep entity says that heat may not run."""
        if self.options.sleep_entity is None:
            return False
        state = self.hass.states.get(self.options.sleep_entity)
        return state is not None and state.state == STATE_ON

    # ----- the budget ---------------------------------------------------------

    def latest_end(self, now: datetime) -> datetime:
        """Return when heat that is on now must end at the latest."""
        return latest_end(self._data, now, self.options)

    @property
    def available_at(self) -> datetime | None:
        """When heat can start again, while the budget is used up."""
        return available_at(self._data, dt_util.utcnow(), self.options)

    @property
    def heat_today(self) -> float:
        """Minutes of heat today, counted when each session has ended."""
        return heat_today(self._data.intervals, dt_util.start_of_local_day())

    def prune_intervals(self, now: datetime) -> None:
        """Keep today's heat and the current run; drop the rest."""
        self._data.intervals = intervals_to_keep(
            self._data.intervals, now, self.options.rest, dt_util.start_of_local_day()
        )

    # ----- the checks ---------------------------------------------------------

    def checked_length(self, minutes: int | None) -> tuple[timedelta, bool]:
        """Return the session length allowed now, or raise why there is none."""
        allowed = session_length(
            minutes,
            self._data.heat_duration,
            self._data,
            dt_util.utcnow(),
            self.options,
            sleep_guard_on=self.sleep_guard_on(),
        )
        if not isinstance(allowed, Allowed):
            raise self._refused(allowed)
        return allowed.length, allowed.clipped

    def allowed_length(self, wanted: timedelta) -> tuple[timedelta, bool]:
        """Clip `wanted` to the budget; raise if no heat is allowed now."""
        allowed = allowed_length(
            wanted,
            self._data,
            dt_util.utcnow(),
            self.options,
            sleep_guard_on=self.sleep_guard_on(),
        )
        if not isinstance(allowed, Allowed):
            raise self._refused(allowed)
        return allowed.length, allowed.clipped

    def check_extension(self, minutes: int, ends_at: datetime, now: datetime) -> None:
        """Refuse moving the end `ends_at` by more `minutes` than the budget leaves."""
        if refused := extension_refusal(
            minutes, ends_at, self._data, now, self.options
        ):
            raise self._refused(refused)

    def check_backstop_covers(self, length: timedelta) -> None:
        """Refuse a session that a required backstop cannot cover."""
        try:
            self._plug.check_backstop_covers(length)
        except BackstopError as err:
            raise _refusal(
                "backstop_required",
                timer=friendly_name(self.hass, err.placeholders["entity_id"]),
            ) from err

    def _refused(self, refused: Refusal) -> ServiceValidationError:
        if isinstance(refused, OverBudget):
            return _refusal(
                "over_budget",
                minutes=str(refused.minutes),
                minutes_left=str(refused.minutes_left),
                max_heat_minutes=str(refused.max_heat_minutes),
            )
        if isinstance(refused, Resting):
            return _refusal("resting", available_at=local_time(refused.available_at))
        return _refusal(
            "sleep_guard",
            sleep_entity=friendly_name(self.hass, str(self.options.sleep_entity)),
        )
