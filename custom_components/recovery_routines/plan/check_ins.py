"""The pain check-ins the phone asks for during an episode, and their answers.

Morning and evening the phone asks how the pain is. Android shows at most
three buttons, so there the answer is typed; Apple's phones show the eleven
levels as buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from homeassistant.core import CALLBACK_TYPE, Event, HomeAssistant, callback
from homeassistant.util import dt as dt_util

from ..common.notifier import EVENT_MOBILE_APP_ACTION, Notifier, action_id
from ..common.timers import Timers
from ..const import PAIN_RANGE
from .rules.phases import next_check_in

NOTIFICATION_CHECK_IN = "check_in"
# The name of the check-in's timer among the episode's timers.
TIMER = "check_in"


class PainCheckIns:
    """Asks one entry's check-ins on the phone and logs the answers."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry_id: str,
        *,
        notifier: Notifier,
        timers: Timers,
        log_pain: Callable[[int], None],
    ) -> None:
        """Ask through `notifier`, on `timers`; hand each answer to `log_pain`."""
        self.hass = hass
        self._entry_id = entry_id
        self._notifier = notifier
        self._timers = timers
        self._log_pain = log_pain
        # The check-in's buttons on Apple's phones: action id to pain level.
        lowest, highest = PAIN_RANGE
        self._pain_buttons = {
            action_id(entry_id, f"pain_{level}"): level
            for level in range(lowest, highest + 1)
        }

    @callback
    def async_listen(self) -> CALLBACK_TYPE:
        """Hear the phone's answers; return what stops that."""
        return self.hass.bus.async_listen(
            EVENT_MOBILE_APP_ACTION, self._async_phone_answer
        )

    @callback
    def async_follow(self, *, running: bool, now: datetime) -> None:
        """Ask at the next check-in while an episode runs; never without one."""
        if running:
            self._schedule(now)
        else:
            self._timers.cancel(TIMER)

    @callback
    def async_clear(self) -> None:
        """Take the question off the phone: it was answered, or the episode ended."""
        self._notifier.async_clear(NOTIFICATION_CHECK_IN)

    def _schedule(self, now: datetime) -> None:
        when = next_check_in(now, dt_util.get_default_time_zone())
        self._timers.schedule(TIMER, when, self._async_ask)

    @callback
    def _async_ask(self, now: datetime) -> None:
        """Ask how the pain is: a button per level, or a typed answer."""
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
        self._schedule(now)

    @callback
    def _async_phone_answer(self, event: Event) -> None:
        action = event.data.get("action")
        if action in self._pain_buttons:
            self._log_pain(self._pain_buttons[action])
        elif action == action_id(self._entry_id, "pain"):
            reply = str(event.data.get("reply_text", "")).strip()
            # Anything but a level leaves the question on the phone.
            if reply.isdigit() and PAIN_RANGE[0] <= int(reply) <= PAIN_RANGE[1]:
                self._log_pain(int(reply))
