"""Runtime data of a loaded config entry."""

from __future__ import annotations

from dataclasses import dataclass

from homeassistant.config_entries import ConfigEntry

from .cold import ColdPackTimer
from .cues import CueSpeaker
from .episode import EpisodeTracker
from .guided import RoutineGuide
from .heat import HeatController
from .notifier import Notifier
from .observable import Observable
from .reminders import ReminderScheduler
from .routines import RoutineTracker


@dataclass(kw_only=True)
class RuntimeData:
    """What a loaded config entry holds."""

    heat: HeatController
    routines: RoutineTracker
    reminders: ReminderScheduler
    cold: ColdPackTimer
    notifier: Notifier
    guide: RoutineGuide
    speaker: CueSpeaker
    episode: EpisodeTracker

    @property
    def observables(self) -> tuple[Observable, ...]:
        """Everything entities follow."""
        return (
            self.heat,
            self.routines,
            self.reminders,
            self.cold,
            self.guide,
            self.episode,
        )


type RecoveryRoutinesConfigEntry = ConfigEntry[RuntimeData]
