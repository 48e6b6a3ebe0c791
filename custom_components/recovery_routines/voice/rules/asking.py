"""Which routine a sentence means, and how long "Which routine?" waits.

A sentence may name one of the set-up routines, in any case and with spaces
around it; without a name it means the only one, and with several it is
asked for. The answer may then be only a name, for a while.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

# How long "Which routine?" waits for an answer that is only a name.
QUESTION_TIMEOUT = timedelta(minutes=2)


def routine_meant(titles: Sequence[str], name: str | None) -> int | None:
    """Return the index of the routine among `titles` that `name` means.

    None when no routine has that name, or when no name was said and there
    is not exactly one routine: then the question is which.
    """
    if name is not None:
        said = name.strip().casefold()
        return next(
            (index for index, title in enumerate(titles) if title.casefold() == said),
            None,
        )
    return 0 if len(titles) == 1 else None


def question_open(asked_at: datetime, now: datetime) -> bool:
    """Whether a question asked at `asked_at` still takes an answer `now`."""
    return now - asked_at <= QUESTION_TIMEOUT
