"""Today's stretch list, as plain rules (no Home Assistant)."""

from __future__ import annotations

from datetime import date
import json

from hypothesis import given, settings, strategies as st

from custom_components.recovery_routines.stretches.rules.checklist import (
    STATUS_DONE,
    STATUS_OPEN,
    ChecklistItem,
    added_line,
    all_stretches_done,
    build_checklist,
    find_line,
    is_new_day,
    open_stretches,
    status,
    stretch_names,
    unticked,
    without_lines,
)

LAWS = settings(max_examples=100, deadline=None)


def slug(name: str) -> str:
    """Stand in for Home Assistant's slugify: lower case, words joined by _."""
    return "_".join(name.casefold().replace("-", " ").split())


def stretch(summary: str, *, done: bool = False) -> ChecklistItem:
    """Return a configured line."""
    return ChecklistItem(uid=slug(summary), summary=summary, done=done, added=False)


def extra(uid: str, summary: str, *, done: bool = False) -> ChecklistItem:
    """Return a line the user added."""
    return ChecklistItem(uid=uid, summary=summary, done=done, added=True)


names = st.lists(
    st.text(alphabet="abc -", min_size=1, max_size=6), max_size=6, unique=True
)


# ----- laws -----------------------------------------------------------------------


@LAWS
@given(configured=names, ticks=st.data())
def test_the_list_is_the_stretches_then_the_added(
    configured: list[str], ticks: st.DataObject
) -> None:
    """One line per stretch in order, ticked as stored, then each added line."""
    stretches = stretch_names(configured)
    checked = ticks.draw(
        st.lists(st.sampled_from([slug(n) for n in stretches] or ["x"]))
    )
    added = [added_line("added_1", "Walk"), added_line("added_2", "Swim")]
    items = build_checklist(stretches, checked, added, slug)
    assert [item.summary for item in items] == [*stretches, "Walk", "Swim"]
    assert [item.added for item in items] == [False] * len(stretches) + [True] * 2
    assert [item.done for item in items[: len(stretches)]] == [
        slug(name) in checked for name in stretches
    ]


@LAWS
@given(configured=names, open_too=st.booleans())
def test_the_routine_is_complete_when_every_stretch_is_ticked(
    configured: list[str], open_too: bool
) -> None:
    """Every configured stretch ticked completes it; open added lines do not count."""
    stretches = stretch_names(configured)
    added = [added_line("added_1", "Walk")] if open_too else []
    everything = build_checklist(stretches, [slug(n) for n in stretches], added, slug)
    assert all_stretches_done(everything) == bool(stretches)
    assert open_stretches(everything) == []
    nothing = build_checklist(stretches, [], added, slug)
    assert open_stretches(nothing) == [i for i in nothing if not i.added]


@LAWS
@given(names=st.lists(st.text(alphabet="ab ", max_size=4), max_size=8))
def test_stretch_names_are_unique_and_in_order(names: list[str]) -> None:
    """Each name once, as first given, without its spaces around."""
    result = stretch_names(names)
    assert len(result) == len(set(result))
    assert set(result) == {name.strip() for name in names if name}


# ----- examples -------------------------------------------------------------------


def test_stretch_names_trim_and_drop_repeats() -> None:
    """Spaces around go; an empty name and a repeat are left out."""
    assert stretch_names([" Cat-cow ", "", "Bridge", "Cat-cow"]) == [
        "Cat-cow",
        "Bridge",
    ]
    assert stretch_names([]) == []


def test_a_stretch_is_ticked_by_its_slug() -> None:
    """Cat-cow is ticked when cat_cow is among the ticks."""
    items = build_checklist(["Cat-cow", "Bridge"], ["cat_cow"], [], slug)
    assert items == [stretch("Cat-cow", done=True), stretch("Bridge")]


def test_an_added_line_carries_its_own_status() -> None:
    """Open and completed lines the user added, after the stretches."""
    added = [
        {"uid": "added_1", "summary": "Walk", "status": STATUS_OPEN},
        {"uid": "added_2", "summary": "Swim", "status": STATUS_DONE},
    ]
    items = build_checklist(["Bridge"], ["added_1"], added, slug)
    assert items == [
        stretch("Bridge"),
        extra("added_1", "Walk"),
        extra("added_2", "Swim", done=True),
    ]


def test_an_added_line_read_back_from_the_store_keeps_its_status() -> None:
    """After a restart the status is a string of the JSON, not the constant."""
    stored = json.loads(
        '[{"uid": "added_1", "summary": "Walk", "status": "completed"}]'
    )
    assert build_checklist([], [], stored, slug) == [
        extra("added_1", "Walk", done=True)
    ]


def test_a_line_is_found_by_its_name_or_uid() -> None:
    """The casefolded name or the uid; nothing else."""
    items = [stretch("Cat-cow"), extra("added_1", "Walk")]
    assert find_line(items, "cat-cow") == items[0]
    assert find_line(items, "cat_cow") == items[0]
    assert find_line(items, "walk") == items[1]
    assert find_line(items, "added_1") == items[1]
    assert find_line(items, "Cat-cow") is None
    assert find_line(items, "bridge") is None
    assert find_line([], "walk") is None


def test_the_first_of_two_matching_lines_is_found() -> None:
    """A stretch and an added line of the same name: the stretch."""
    items = [stretch("Walk"), extra("added_1", "Walk")]
    assert find_line(items, "walk") == items[0]


def test_open_stretches_leave_ticked_and_added_lines_out() -> None:
    """Only configured stretches not yet ticked."""
    items = [
        stretch("Cat-cow", done=True),
        stretch("Bridge"),
        extra("added_1", "Walk"),
    ]
    assert open_stretches(items) == [stretch("Bridge")]


def test_all_stretches_done_at_its_edges() -> None:
    """No stretches is not done; one open is not; added lines do not matter."""
    assert not all_stretches_done([])
    assert not all_stretches_done([extra("added_1", "Walk", done=True)])
    assert not all_stretches_done([stretch("Cat-cow", done=True), stretch("Bridge")])
    assert all_stretches_done([stretch("Cat-cow", done=True), extra("added_1", "Walk")])


def test_the_status_of_an_added_line() -> None:
    """Done is completed, open needs action: the to-do list's words."""
    assert status(True) == STATUS_DONE == "completed"
    assert status(False) == STATUS_OPEN == "needs_action"


def test_unticking_takes_every_copy() -> None:
    """A store saved before ticks were kept once may hold two."""
    assert unticked(["cat_cow", "bridge", "cat_cow"], "cat_cow") == ["bridge"]
    assert unticked(["bridge"], "cat_cow") == ["bridge"]
    # Ticks before and after it in the alphabet stay.
    assert unticked(["bridge", "cat_cow", "twist"], "cat_cow") == ["bridge", "twist"]


def test_unticking_ticks_read_back_from_the_store() -> None:
    """After a restart the ticks are strings of the JSON, equal but not the same."""
    stored = json.loads('["cat_cow", "bridge"]')
    assert unticked(stored, slug("Cat-cow")) == ["bridge"]


def test_a_new_added_line_is_open() -> None:
    """Its uid and summary, needing action."""
    assert added_line("added_1", "Walk") == {
        "uid": "added_1",
        "summary": "Walk",
        "status": STATUS_OPEN,
    }


def test_deleting_added_lines() -> None:
    """The lines with those uids go; the others stay in order."""
    added = [added_line("a", "One"), added_line("b", "Two"), added_line("c", "Three")]
    assert without_lines(added, ["a", "c"]) == [added[1]]
    assert without_lines(added, []) == added


def test_a_new_day_starts_a_new_list() -> None:
    """Another day, or none yet, is a new day; today is not."""
    today = date(2024, 5, 6)
    assert is_new_day(None, today)
    assert is_new_day("2024-05-05", today)
    assert not is_new_day("2024-05-06", today)
