"""The routines one can start: the shipped ones, then one's own; and the one chosen."""

from __future__ import annotations

from homeassistant.exceptions import ServiceValidationError
from homeassistant.util import slugify

from ..const import DOMAIN
from .rules.steps import ROUTINES, GuidedRoutine


def routine_key(routine: GuidedRoutine) -> str:
    """Return the routine as an option of the routine picker."""
    return slugify(routine.name)


class RoutineCatalog:
    """The routines offered, and the one a start without a name starts."""

    def __init__(self) -> None:
        """Offer the shipped routines, the first one chosen."""
        # The shipped routines, then those a person added (config subentries).
        self.routines: tuple[GuidedRoutine, ...] = ROUTINES
        self.selected: str = ROUTINES[0].name

    def set_own_routines(self, routines: tuple[GuidedRoutine, ...]) -> None:
        """Offer the routines a person added, after the shipped ones.

        A chosen routine that is gone gives way to the first.
        """
        self.routines = ROUTINES + routines
        if self.selected not in self.names:
            self.selected = ROUTINES[0].name

    @property
    def names(self) -> list[str]:
        """The routines one can start."""
        return [routine.name for routine in self.routines]

    def keys(self, running: GuidedRoutine | None) -> list[str]:
        """Return the routines as options of the routine picker.

        A `running` routine deleted while it runs stays one until it ends.
        """
        keys = [routine_key(routine) for routine in self.routines]
        if running is not None and routine_key(running) not in keys:
            keys.append(routine_key(running))
        return keys

    def selected_key(self, running: GuidedRoutine | None) -> str:
        """Return the `running` routine, else the chosen one, as a picker option."""
        if running is not None:
            return routine_key(running)
        return routine_key(self.routine_named(self.selected))

    def routine_named(self, name: str) -> GuidedRoutine:
        """Return the routine of `name` (any case), or refuse."""
        wanted = name.strip().casefold()
        for routine in self.routines:
            if wanted in (routine.name.casefold(), routine_key(routine)):
                return routine
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="unknown_guided_routine",
            translation_placeholders={
                "routine": name,
                "routines": ", ".join(self.names),
            },
        )

    def select(self, name: str) -> None:
        """Choose the routine that a start without a name starts."""
        self.selected = self.routine_named(name).name
