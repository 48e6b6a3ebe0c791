"""What the recovery plan offers on the phone: heat, and the daily routine.

In the recovery phase heat is offered a few times a day, spread over the
waking hours; the offer's button starts a session through the heat
controller, so every safety rule applies. The daily routine reminder's button
starts the routine it names. A refused start says why on the phone.
"""

from __future__ import annotations

from datetime import datetime, time
import logging

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, Event, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.util import dt as dt_util

from ..common.notifier import EVENT_MOBILE_APP_ACTION, Notifier, action_id
from ..common.timers import Timers
from ..const import (
    CONF_ACTIVE_END,
    CONF_ACTIVE_START,
    CONF_HEAT_OFFERS_PER_DAY,
    DEFAULT_ACTIVE_END,
    DEFAULT_ACTIVE_START,
    DEFAULT_HEAT_OFFERS_PER_DAY,
    HeatStatus,
    Phase,
)
from ..guided.guide import RoutineGuide
from ..heat.controller import HeatController
from ..stretches.reminders import ACTION_START_ROUTINE, next_local
from .episode import EpisodeTracker
from .rules import offers as offer_rules

_LOGGER = logging.getLogger(__name__)

NOTIFICATION_HEAT_OFFER = "heat_offer"
NOTIFICATION_REFUSED = "start_refused"
ACTION_START_HEAT = "start_heat"
SOURCE = "offer"


def offer_times(entry: ConfigEntry) -> list[time]:
    """Return the local times heat is offered, as the options say."""
    return offer_rules.offer_times(
        int(entry.options.get(CONF_HEAT_OFFERS_PER_DAY, DEFAULT_HEAT_OFFERS_PER_DAY)),
        time.fromisoformat(entry.options.get(CONF_ACTIVE_START, DEFAULT_ACTIVE_START)),
        time.fromisoformat(entry.options.get(CONF_ACTIVE_END, DEFAULT_ACTIVE_END)),
    )


class PlanOffers:
    """Offers heat in recovery; starts what the phone's buttons ask for."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
        *,
        episode: EpisodeTracker,
        heat: HeatController,
        guide: RoutineGuide,
        notifier: Notifier,
    ) -> None:
        """Create the offers of one config entry."""
        self.hass = hass
        self._entry_id = entry.entry_id
        self._episode = episode
        self._heat = heat
        self._guide = guide
        self._notifier = notifier
        self._times = offer_times(entry)
        self._timers = Timers(hass)
        self._unsubs: list[CALLBACK_TYPE] = []
        self._offering = False

    @property
    def next_offer(self) -> datetime | None:
        """When heat is offered next, as now planned."""
        if self._episode.phase is not Phase.RECOVERY or not self._times:
            return None
        now = dt_util.utcnow()
        return min(next_local(at, now) for at in self._times)

    @callback
    def async_start(self) -> None:
        """Follow the episode's phase and the phone's buttons."""
        self._unsubs.append(self._episode.async_add_listener(self._async_plan))
        self._unsubs.append(
            self.hass.bus.async_listen(EVENT_MOBILE_APP_ACTION, self._async_pressed)
        )
        self._async_plan()

    @callback
    def async_stop(self) -> None:
        """Stop the timer and the listeners."""
        self._timers.close()
        while self._unsubs:
            self._unsubs.pop()()

    @callback
    def async_apply_options(self, entry: ConfigEntry) -> None:
        """Offer at the times of new options."""
        self._times = offer_times(entry)
        self._async_plan()

    @callback
    def _async_plan(self) -> None:
        if (due := self.next_offer) is not None:
            self._offering = True
            self._timers.schedule("offer", due, self._async_offer)
        elif self._offering:
            # Recovery is over: an offer still on the phone goes too.
            self._offering = False
            self._timers.cancel("offer")
            self._notifier.async_clear(NOTIFICATION_HEAT_OFFER)

    @callback
    def _async_offer(self, _now: datetime) -> None:
        self._async_plan()
        if self._heat.status is not HeatStatus.IDLE:
            # Heating, resting, blocked by the sleep guard or at fault: a
            # start would be refused, so nothing is offered.
            return
        self._notifier.async_send(
            NOTIFICATION_HEAT_OFFER,
            self._notifier.text("notification_heat_offer"),
            with_actions=False,
            actions=[
                {
                    "action": action_id(self._entry_id, ACTION_START_HEAT),
                    "title": self._notifier.text("notification_start_heat"),
                }
            ],
        )

    @callback
    def _async_pressed(self, event: Event) -> None:
        action = event.data.get("action")
        if action == action_id(self._entry_id, ACTION_START_HEAT):
            self._notifier.async_clear(NOTIFICATION_HEAT_OFFER)
            self.hass.async_create_task(self._async_start_heat())
        elif action == action_id(self._entry_id, ACTION_START_ROUTINE):
            self.hass.async_create_task(self._async_start_routine())

    async def _async_start_heat(self) -> None:
        try:
            await self._heat.async_start_session(None, source=SOURCE)
        except HomeAssistantError as err:
            self._refused(err)

    async def _async_start_routine(self) -> None:
        try:
            await self._guide.async_start_routine()
        except HomeAssistantError as err:
            self._refused(err)

    def _refused(self, err: HomeAssistantError) -> None:
        # Nobody is looking at a screen: the phone says why nothing started.
        _LOGGER.debug("A start from the phone was refused: %s", err)
        self._notifier.async_send(NOTIFICATION_REFUSED, str(err), with_actions=False)
