"""Today's stretch list as stored: ticks, added lines, and a fresh list each day.

The rules of the list are plain code in rules/checklist.py; this keeps the
stored ticks and lines, and gives the uids Home Assistant's slugs and ULIDs.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from homeassistant.util import slugify, ulid as ulid_util

from ..common.records import RoutineData
from .rules.checklist import (
    ChecklistItem,
    added_line,
    build_checklist,
    find_line,
    is_new_day,
    open_stretches,
    status,
    stretch_names,
    unticked,
    without_lines,
)


class TodayChecklist:
    """The configured stretches, ticked or not, then the lines added today."""

    def __init__(self, data: RoutineData, names: Iterable[str]) -> None:
        """Keep the list in `data`, with the configured stretches `names`."""
        self._data = data
        self.stretches: list[str] = []
        self.use_names(names)

    def use_names(self, names: Iterable[str]) -> None:
        """Use a new list of configured stretches."""
        self.stretches = stretch_names(names)

    @property
    def items(self) -> list[ChecklistItem]:
        """Today's stretches, then what the user added today."""
        return build_checklist(
            self.stretches, self._data.checked, self._data.added, slugify
        )

    def find(self, wanted: str) -> ChecklistItem | None:
        """Return the line named `wanted` (casefolded) or with that uid, if any."""
        return find_line(self.items, wanted)

    def line(self, uid: str) -> ChecklistItem:
        """Return the line with `uid`."""
        return next(item for item in self.items if item.uid == uid)

    def open_stretches(self) -> list[ChecklistItem]:
        """Return the configured stretches not ticked yet."""
        return open_stretches(self.items)

    def set_checked(self, item: ChecklistItem, done: bool) -> None:
        """Tick a line, or open it again."""
        if item.added:
            self._added(item.uid)["status"] = status(done)
        elif done:
            if item.uid not in self._data.checked:
                self._data.checked.append(item.uid)
        else:
            self._data.checked = unticked(self._data.checked, item.uid)

    def add(self, summary: str) -> None:
        """Add an open line; it stays for the day."""
        # Unique for good: a count of the lines would repeat after a deletion.
        self._data.added.append(added_line(f"added_{ulid_util.ulid_now()}", summary))

    def rename(self, uid: str, summary: str) -> None:
        """Rename a line the user added."""
        self._added(uid)["summary"] = summary

    def delete(self, uids: list[str]) -> None:
        """Delete lines the user added; the configured stretches stay."""
        self._data.added = without_lines(self._data.added, uids)

    def start_day(self, today: date) -> None:
        """Start a fresh list if the stored one is of another day."""
        if is_new_day(self._data.checklist_day, today):
            self._data.checklist_day = today.isoformat()
            self._data.checked = []
            self._data.added = []

    def _added(self, uid: str) -> dict[str, str]:
        return next(item for item in self._data.added if item["uid"] == uid)
