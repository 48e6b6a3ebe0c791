"""Today's stretch list: the configured stretches, then the lines added today.

A configured stretch is ticked when its uid is among the day's ticks; a line
the user added carries its own status. The list starts afresh each day.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

STATUS_DONE = "completed"
STATUS_OPEN = "needs_action"


@dataclass(frozen=True, kw_only=True)
class ChecklistItem:
    """One line of today's stretch list."""

    uid: str
    summary: str
    done: bool
    added: bool


def stretch_names(names: Iterable[str]) -> list[str]:
    """Return the configured stretches: one line per name, in the order given."""
    return list(dict.fromkeys(name.strip() for name in names if name))


def build_checklist(
    stretches: Iterable[str],
    checked: Collection[str],
    added: Iterable[Mapping[str, str]],
    slug: Callable[[str], str],
) -> list[ChecklistItem]:
    """Return today's stretches (their uid is `slug` of the name), then the added."""
    items = [
        ChecklistItem(
            uid=slug(name), summary=name, done=slug(name) in checked, added=False
        )
        for name in stretches
    ]
    items.extend(
        ChecklistItem(
            uid=item["uid"],
            summary=item["summary"],
            done=item["status"] == STATUS_DONE,
            added=True,
        )
        for item in added
    )
    return items


def find_line(items: Iterable[ChecklistItem], wanted: str) -> ChecklistItem | None:
    """Return the line named `wanted` (casefolded) or with that uid, if any."""
    return next(
        (
            item
            for item in items
            if item.summary.casefold() == wanted or item.uid == wanted
        ),
        None,
    )


def open_stretches(items: Iterable[ChecklistItem]) -> list[ChecklistItem]:
    """Return the configured stretches not ticked yet."""
    return [item for item in items if not item.added and not item.done]


def all_stretches_done(items: Iterable[ChecklistItem]) -> bool:
    """Return whether there are configured stretches and each is ticked."""
    stretches = [item for item in items if not item.added]
    return bool(stretches) and all(item.done for item in stretches)


def status(done: bool) -> str:
    """Return the status of an added line that is done or open."""
    return STATUS_DONE if done else STATUS_OPEN


def unticked(checked: Iterable[str], uid: str) -> list[str]:
    """Return the ticks without `uid`.

    Every copy: a store saved before ticks were kept once may hold two.
    """
    return [tick for tick in checked if tick != uid]


def added_line(uid: str, summary: str) -> dict[str, str]:
    """Return a new open line the user added."""
    return {"uid": uid, "summary": summary, "status": STATUS_OPEN}


def without_lines(
    added: Iterable[dict[str, str]], uids: Collection[str]
) -> list[dict[str, str]]:
    """Return the added lines but those with one of `uids`."""
    return [item for item in added if item["uid"] not in uids]


def is_new_day(checklist_day: str | None, today: date) -> bool:
    """Return whether the list was last started on another day than today."""
    return checklist_day != today.isoformat()
