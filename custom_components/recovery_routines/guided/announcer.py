"""What a guided routine says and shows, in the user's language.

The cues go to the cue listeners (the speaker), what a step shows to the
step listeners (the phone); the words come from the translations.
"""

from __future__ import annotations

from collections.abc import Callable

from homeassistant.core import callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.util import slugify

from ..common.notifier import Notifier
from .rules import cues
from .rules.run import RoutineRun
from .rules.steps import Step

type CueListener = Callable[[str], None]
# Called with what a step shows at each step change; with None at the end.
type StepListener = Callable[[str | None], None]


class RunAnnouncer:
    """Words the cues and the step notifications of a run, and passes them on."""

    def __init__(self, texts: Notifier) -> None:
        """Word with `texts`: the translations of the user's language."""
        self._texts = texts
        self._cue_listeners: list[CueListener] = []
        self._step_listeners: list[StepListener] = []

    @callback
    def async_add_cue_listener(self, listener: CueListener) -> Callable[[], None]:
        """Call `listener` with each cue to speak."""
        self._cue_listeners.append(listener)
        return lambda: self._cue_listeners.remove(listener)

    @callback
    def async_add_step_listener(self, listener: StepListener) -> Callable[[], None]:
        """Call `listener` with what each step shows, and None at the end."""
        self._step_listeners.append(listener)
        return lambda: self._step_listeners.remove(listener)

    def text(self, key: str, **placeholders: str) -> str:
        """Return a translated text."""
        return self._texts.text(key, **placeholders)

    def spoken(self, name: str) -> str:
        """Say a shipped stretch or wait in the user's language, others as written."""
        return self._texts.optional_text(f"spoken_{slugify(name)}") or name

    def step_notification(self, index: int, steps: int, step: Step) -> str:
        """Return what the phone shows of step `index` (from 0) of `steps`."""
        return cues.step_notification(index, steps, step, self.text, self.spoken)

    def move_cue(self, run: RoutineRun) -> str:
        """Return what is said as the move under way begins."""
        return cues.cue_text(run.current, run.current_step, self.text, self.spoken)

    def reason(self, err: HomeAssistantError) -> str:
        """Why a step was refused, in the user's language."""
        message = self._texts.optional_text(err.translation_key or "")
        placeholders = err.translation_placeholders or {}
        return str(err) if message is None else message.format(**placeholders)

    @callback
    def show_step(self, text: str | None) -> None:
        """Show `text` as the step; None: the routine is over."""
        for listener in list(self._step_listeners):
            listener(text)

    @callback
    def cue(self, text: str, run: RoutineRun) -> None:
        """Say `text` as the cue of `run`."""
        run.cue = text
        for listener in list(self._cue_listeners):
            listener(text)
