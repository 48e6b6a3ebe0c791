"""Runtime data of a loaded config entry."""

from __future__ import annotations

from dataclasses import dataclass

from homeassistant.config_entries import ConfigEntry

from .cold.pack import ColdPackTimer
from .common.notifier import Notifier
from .common.observable import Observable
from .guided.guide import RoutineGuide
from .guided.speaker import CueSpeaker
from .heat.controller import HeatController
from .plan.episode import EpisodeTracker
from .plan.offers import PlanOffers
from .stretches.reminders import ReminderScheduler
from .stretches.tracker import RoutineTracker


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
    offers: PlanOffers

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
