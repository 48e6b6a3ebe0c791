"""Plain tests of voice/rules/asking.py: which routine is meant, and for how long."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings, strategies as st

from custom_components.recovery_routines.voice.rules.asking import (
    QUESTION_TIMEOUT,
    question_open,
    routine_meant,
)

ROUTINES = ["Back care", "Neck care"]
ASKED = datetime(2024, 5, 6, 10, 0, tzinfo=UTC)


def test_a_name_in_any_case_and_spacing() -> None:
    """A named routine is found whatever its case, with spaces around it."""
    assert routine_meant(ROUTINES, "Back care") == 0
    assert routine_meant(ROUTINES, "neck CARE") == 1
    assert routine_meant(ROUTINES, "  back care \n") == 0


def test_a_name_that_is_no_routine() -> None:
    """A name no routine has means none, even with only one routine."""
    assert routine_meant(ROUTINES, "Hip care") is None
    assert routine_meant(["Back care"], "Hip care") is None
    assert routine_meant([], "Back care") is None
    # Only the ends are trimmed: the words are the name's.
    assert routine_meant(ROUTINES, "backcare") is None


def test_the_first_of_two_alike() -> None:
    """Two routines that differ only in case: the first is meant."""
    assert routine_meant(["Back", "back"], "BACK") == 0
    assert routine_meant(["Back", "back"], "back") == 0


def test_no_name() -> None:
    """No name said: the only routine, or a question when there are none or several."""
    assert routine_meant(["Back care"], None) == 0
    assert routine_meant([], None) is None
    assert routine_meant(ROUTINES, None) is None


# Names as people give them: letters, with spaces inside.
TITLES = st.from_regex(r"[A-Za-z]([A-Za-z ]{0,10}[A-Za-z])?", fullmatch=True)


@settings(max_examples=100, deadline=None)
@given(titles=st.lists(TITLES, min_size=1, max_size=5), data=st.data())
def test_a_title_means_its_routine(titles: list[str], data: st.DataObject) -> None:
    """Law: a routine's title, said in any case, means the first routine of that name."""
    index = data.draw(st.integers(min_value=0, max_value=len(titles) - 1))
    meant = routine_meant(titles, f"  {titles[index].swapcase()}\t")
    assert meant is not None
    assert titles[meant].casefold() == titles[index].casefold()
    assert all(title.casefold() != titles[index].casefold() for title in titles[:meant])


def test_the_question_waits_two_minutes() -> None:
    """An answer counts up to two minutes after the question, to the very second."""
    assert question_open(ASKED, ASKED)
    assert question_open(ASKED, ASKED + timedelta(minutes=2))
    assert not question_open(ASKED, ASKED + timedelta(minutes=2, microseconds=1))
    assert not question_open(ASKED, ASKED + timedelta(minutes=3))


@settings(max_examples=100, deadline=None)
@given(waited=st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=1)))
def test_question_open_law(waited: timedelta) -> None:
    """Law: a question is open exactly while the wait is at most the timeout."""
    assert question_open(ASKED, ASKED + waited) is (waited <= QUESTION_TIMEOUT)
