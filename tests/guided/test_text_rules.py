"""Plain tests of guided/rules/text.py: the routine text format, and spoken names."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st
import pytest

from custom_components.recovery_routines.const import DEFAULT_STRETCHES
from custom_components.recovery_routines.guided.rules.steps import (
    ColdStep,
    HeatStep,
    Step,
    StretchStep,
    WaitStep,
)
from custom_components.recovery_routines.guided.rules.text import (
    HOLD_SECONDS_RANGE,
    MAX_STEPS,
    MIN_HEAT_MINUTES,
    REPS_RANGE,
    REST_SECONDS_RANGE,
    WAIT_MINUTES_RANGE,
    StepError,
    format_steps,
    parse_steps,
    spoken_name,
)

CHECKLIST = list(DEFAULT_STRETCHES)
MAX_HEAT = 30


def parse(text: str, stretches: list[str] | None = CHECKLIST) -> tuple[Step, ...]:
    """Parse as the form does, with the default checklist and a 30 minute cap."""
    return parse_steps(text, stretches, MAX_HEAT)


def refusal(text: str, stretches: list[str] | None = CHECKLIST) -> StepError:
    """Return the refusal of `text`."""
    with pytest.raises(StepError) as caught:
        parse(text, stretches)
    return caught.value


def test_the_ranges() -> None:
    """What the form allows, as its help text says."""
    assert HOLD_SECONDS_RANGE == (5, 120)
    assert REPS_RANGE == (1, 10)
    assert REST_SECONDS_RANGE == (0, 60)
    assert WAIT_MINUTES_RANGE == (1, 60)
    assert MIN_HEAT_MINUTES == 1
    assert MAX_STEPS == 30


@pytest.mark.parametrize(
    ("line", "step"),
    [
        ("heat 20", HeatStep(minutes=20)),
        ("HEAT 20 Minutes", HeatStep(minutes=20)),
        ("heat 20 min", HeatStep(minutes=20)),
        ("heat 20minute", HeatStep(minutes=20)),
        ("heat   1", HeatStep(minutes=1)),
        ("heat 30", HeatStep(minutes=30)),
        ("cold 15", ColdStep(minutes=15)),
        ("Cold 5 min", ColdStep(minutes=5)),
        ("cold 20 minutes", ColdStep(minutes=20)),
        (
            "wait 10 Let the ointment soak in",
            WaitStep(minutes=10, text="Let the ointment soak in"),
        ),
        ("wait 1 min Lie down", WaitStep(minutes=1, text="Lie down")),
        ("wait 60minutes  Lie   down ", WaitStep(minutes=60, text="Lie   down")),
        ("Cat-cow 20", StretchStep(name="Cat-cow", hold=20)),
        ("cat-COW 20s", StretchStep(name="Cat-cow", hold=20)),
        ("Cat-cow 5 s", StretchStep(name="Cat-cow", hold=5)),
        ("Cat-cow 120", StretchStep(name="Cat-cow", hold=120)),
        (
            "Knee-to-chest 30 each side",
            StretchStep(name="Knee-to-chest", hold=30, sides=2),
        ),
        ("Cat-cow 20 x3", StretchStep(name="Cat-cow", hold=20, reps=3)),
        ("Cat-cow 20 x 1", StretchStep(name="Cat-cow", hold=20)),
        ("Cat-cow 20 x10", StretchStep(name="Cat-cow", hold=20, reps=10)),
        ("Cat-cow 20 rest 0", StretchStep(name="Cat-cow", hold=20)),
        ("Cat-cow 20 rest 60 s", StretchStep(name="Cat-cow", hold=20, rest=60)),
        (
            "Child's pose  30s  each  side  x2  rest 10s",
            StretchStep(name="Child's pose", hold=30, sides=2, reps=2, rest=10),
        ),
    ],
)
def test_each_line_is_a_step(line: str, step: Step) -> None:
    """Timed steps in any case; a stretch keeps the checklist's spelling."""
    assert parse(line) == (step,)


def test_blank_lines_and_spaces_around_a_line_are_no_steps() -> None:
    """Only lines with something on them count."""
    assert parse("\n  heat 20  \n\n\tCat-cow 20\n") == (
        HeatStep(minutes=20),
        StretchStep(name="Cat-cow", hold=20),
    )


def test_without_a_checklist_any_name_is_a_stretch() -> None:
    """A saved routine keeps a stretch that has left the list since, as written."""
    assert parse("burpees 20 x2", None) == (
        StretchStep(name="burpees", hold=20, reps=2),
    )


def test_the_heat_cap_is_the_one_given() -> None:
    """The entry's own cap, not the highest one could set."""
    assert parse_steps("heat 45", None, 45) == (HeatStep(minutes=45),)
    err = refusal("heat 31")
    assert (err.key, err.placeholders["detail"]) == ("heat_minutes", "30")


@pytest.mark.parametrize(
    ("text", "key", "placeholders"),
    [
        ("", "no_steps", {"line": "0", "text": "", "detail": ""}),
        (" \n\t\n", "no_steps", {"line": "0", "text": "", "detail": ""}),
        (
            "Cat-cow 20\nBurpees 20",
            "unknown_stretch",
            {"line": "2", "text": "Burpees 20", "detail": "Burpees"},
        ),
        ("Cat-cow 4", "hold_seconds", {"line": "1", "text": "Cat-cow 4", "detail": ""}),
        (
            "Cat-cow 121",
            "hold_seconds",
            {"line": "1", "text": "Cat-cow 121", "detail": ""},
        ),
        ("Cat-cow 20 x0", "reps", {"line": "1", "text": "Cat-cow 20 x0", "detail": ""}),
        (
            "Cat-cow 20 x11",
            "reps",
            {"line": "1", "text": "Cat-cow 20 x11", "detail": ""},
        ),
        (
            "Cat-cow 20 x2 rest 61",
            "rest_seconds",
            {"line": "1", "text": "Cat-cow 20 x2 rest 61", "detail": ""},
        ),
        ("Cat-cow", "unreadable_step", {"line": "1", "text": "Cat-cow", "detail": ""}),
        ("heat20", "unreadable_step", {"line": "1", "text": "heat20", "detail": ""}),
        ("heat 0", "heat_minutes", {"line": "1", "text": "heat 0", "detail": "30"}),
        ("heat 31", "heat_minutes", {"line": "1", "text": "heat 31", "detail": "30"}),
        ("cold 4", "cold_minutes", {"line": "1", "text": "cold 4", "detail": ""}),
        ("cold 21", "cold_minutes", {"line": "1", "text": "cold 21", "detail": ""}),
        (
            "wait 0 Lie down",
            "wait_minutes",
            {"line": "1", "text": "wait 0 Lie down", "detail": ""},
        ),
        (
            "wait 61 Lie down",
            "wait_minutes",
            {"line": "1", "text": "wait 61 Lie down", "detail": ""},
        ),
        # The hold is checked before the reps, the reps before the rest.
        (
            "Cat-cow 4 x11 rest 61",
            "hold_seconds",
            {"line": "1", "text": "Cat-cow 4 x11 rest 61", "detail": ""},
        ),
        (
            "Cat-cow 20 x11 rest 61",
            "reps",
            {"line": "1", "text": "Cat-cow 20 x11 rest 61", "detail": ""},
        ),
        # An unknown stretch is refused before its numbers are looked at.
        (
            "Burpees 4",
            "unknown_stretch",
            {"line": "1", "text": "Burpees 4", "detail": "Burpees"},
        ),
    ],
)
def test_each_refusal_names_the_line_and_why(
    text: str, key: str, placeholders: dict[str, str]
) -> None:
    """The form error's key, the line, what it says and the detail."""
    err = refusal(text)
    assert (err.key, err.placeholders) == (key, placeholders)
    assert str(err) == key


def test_thirty_steps_are_allowed_and_thirty_one_refused() -> None:
    """The refusal points past the last line."""
    assert len(parse("Cat-cow 20\n" * MAX_STEPS)) == 30
    err = refusal("Cat-cow 20\n\n" * 31)
    assert (err.key, err.placeholders) == (
        "too_many_steps",
        {"line": "62", "text": "", "detail": "30"},
    )


def test_a_bad_line_is_refused_before_the_steps_are_counted() -> None:
    """Too many steps, one of them wrong: that one is named."""
    err = refusal("Cat-cow 20\n" * 31 + "Cat-cow 4")
    assert (err.key, err.placeholders["line"]) == ("hold_seconds", "32")


@pytest.mark.parametrize(
    ("steps", "text"),
    [
        ((HeatStep(minutes=20),), "heat 20"),
        ((ColdStep(minutes=15),), "cold 15"),
        ((WaitStep(minutes=10, text="Lie down"),), "wait 10 Lie down"),
        ((StretchStep(name="Cat-cow", hold=20),), "Cat-cow 20"),
        (
            (StretchStep(name="Knee-to-chest", hold=30, sides=2, reps=2, rest=10),),
            "Knee-to-chest 30 each side x2 rest 10",
        ),
        ((StretchStep(name="Cat-cow", hold=20, rest=5),), "Cat-cow 20 rest 5"),
        (
            (HeatStep(minutes=20), StretchStep(name="Cat-cow", hold=20, reps=3)),
            "heat 20\nCat-cow 20 x3",
        ),
    ],
)
def test_steps_are_written_one_per_line(steps: tuple[Step, ...], text: str) -> None:
    """What is saved, and shown again in the form: nothing said that is default."""
    assert format_steps(steps) == text


def test_the_spoken_name_drops_what_templates_use_and_extra_spaces() -> None:
    """A name as a sentence template can hold it."""
    assert spoken_name("Morning (easy)") == "Morning easy"
    assert spoken_name("  a[b]c{d}e<f>g|h;i  ") == "a b c d e f g h i"
    assert spoken_name("Quick   stretch") == "Quick stretch"
    assert spoken_name("(|)") == ""
    assert spoken_name("Child's pose: 2-minute") == "Child's pose: 2-minute"


# ----- laws -------------------------------------------------------------------

STRETCH_NAMES = st.sampled_from(CHECKLIST)
STRETCHES = st.builds(
    StretchStep,
    name=STRETCH_NAMES,
    hold=st.integers(*HOLD_SECONDS_RANGE),
    sides=st.sampled_from([1, 2]),
    reps=st.integers(*REPS_RANGE),
    rest=st.integers(*REST_SECONDS_RANGE),
)
# Words that never begin a line's other meaning ("min" after a wait's minutes).
WAIT_TEXTS = st.lists(
    st.text(
        alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'-.,",
        min_size=1,
        max_size=8,
    ).filter(lambda word: not word.casefold().startswith("min")),
    min_size=1,
    max_size=4,
).map(" ".join)
VALID_STEPS: st.SearchStrategy[Step] = st.one_of(
    STRETCHES,
    st.builds(HeatStep, minutes=st.integers(MIN_HEAT_MINUTES, MAX_HEAT)),
    st.builds(ColdStep, minutes=st.integers(5, 20)),
    st.builds(WaitStep, minutes=st.integers(*WAIT_MINUTES_RANGE), text=WAIT_TEXTS),
)
ROUTINE_STEPS = st.lists(VALID_STEPS, min_size=1, max_size=MAX_STEPS).map(tuple)


@settings(max_examples=100, deadline=None)
@given(ROUTINE_STEPS)
def test_written_steps_read_back_as_they_were(steps: tuple[Step, ...]) -> None:
    """Law: parse_steps(format_steps(steps)) == steps, with or without a checklist."""
    assert parse(format_steps(steps)) == steps
    assert parse(format_steps(steps), None) == steps


def _spaces(draw: st.DrawFn) -> str:
    return draw(st.sampled_from([" ", "  ", "\t"]))


@st.composite
def typed_lines(draw: st.DrawFn) -> str:
    """Draw a valid line as a person might type it: any case, units, spaces."""
    kind = draw(st.sampled_from(["heat", "cold", "wait", "stretch"]))
    space = _spaces(draw)
    if kind in ("heat", "cold"):
        minutes = draw(
            st.integers(1, MAX_HEAT) if kind == "heat" else st.integers(5, 20)
        )
        unit = draw(st.sampled_from(["", " min", "min", " minutes", " minute"]))
        word = draw(st.sampled_from([kind, kind.upper(), kind.title()]))
        return f"{word}{space}{minutes}{unit}"
    if kind == "wait":
        minutes = draw(st.integers(*WAIT_MINUTES_RANGE))
        unit = draw(st.sampled_from(["", " min", " minutes"]))
        return f"wait{space}{minutes}{unit}{_spaces(draw)}{draw(WAIT_TEXTS)}"
    name = draw(STRETCH_NAMES)
    name = draw(st.sampled_from([name, name.casefold(), name.upper()]))
    line = f"{name}{space}{draw(st.integers(*HOLD_SECONDS_RANGE))}{draw(st.sampled_from(['', 's', ' s']))}"
    if draw(st.booleans()):
        line += f"{_spaces(draw)}each{_spaces(draw)}side"
    if draw(st.booleans()):
        line += f"{_spaces(draw)}x{draw(st.sampled_from(['', ' ']))}{draw(st.integers(*REPS_RANGE))}"
    if draw(st.booleans()):
        line += f"{_spaces(draw)}rest{_spaces(draw)}{draw(st.integers(*REST_SECONDS_RANGE))}"
    return line


@st.composite
def typed_texts(draw: st.DrawFn) -> str:
    """Draw valid lines with blank ones and spaces around them."""
    lines = draw(st.lists(typed_lines(), min_size=1, max_size=MAX_STEPS))
    padded = []
    for line in lines:
        padded.extend([""] * draw(st.integers(0, 2)))
        padded.append(
            draw(st.sampled_from(["", " ", "\t"]))
            + line
            + draw(st.sampled_from(["", "  "]))
        )
    return "\n".join(padded)


@settings(max_examples=100, deadline=None)
@given(typed_texts())
def test_typed_steps_are_saved_as_they_read(text: str) -> None:
    """Law: format_steps(parse_steps(text)) parses back to the same steps."""
    steps = parse(text)
    assert parse(format_steps(steps)) == steps
    assert len(steps) == len([line for line in text.splitlines() if line.strip()])


BAD_LINES = st.sampled_from(
    [
        ("Cat-cow 4", "hold_seconds"),
        ("Cat-cow 121", "hold_seconds"),
        ("Cat-cow 20 x0", "reps"),
        ("Cat-cow 20 x11", "reps"),
        ("Cat-cow 20 rest 61", "rest_seconds"),
        ("heat 0", "heat_minutes"),
        ("heat 31", "heat_minutes"),
        ("cold 4", "cold_minutes"),
        ("cold 21", "cold_minutes"),
        ("wait 0 Lie down", "wait_minutes"),
        ("wait 61 Lie down", "wait_minutes"),
        ("Burpees 20", "unknown_stretch"),
        ("just some words", "unreadable_step"),
    ]
)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(typed_lines(), max_size=10),
    st.lists(typed_lines(), max_size=10),
    st.integers(0, 3),
    BAD_LINES,
)
def test_every_refusal_names_its_line(
    before: list[str], after: list[str], blanks: int, bad: tuple[str, str]
) -> None:
    """Law: a wrong line among good ones is refused by its number and its text."""
    bad_line, key = bad
    lines = [*before, *[""] * blanks, f"  {bad_line} ", *after]
    err = refusal("\n".join(lines))
    assert err.key == key
    assert err.placeholders["line"] == str(len(before) + blanks + 1)
    assert err.placeholders["text"] == bad_line
