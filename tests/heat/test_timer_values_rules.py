"""Plain tests of heat/rules/timer_values.py: the plug's own timer, as values."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import timedelta
import math

from hypothesis import given, settings, strategies as st
import pytest

from custom_components.recovery_routines.const import BackstopKind
from custom_components.recovery_routines.heat.rules.timer_values import (
    _AUTO_OFF_WORDS,
    _COUNTDOWN_WORDS,
    _UNIT_NAMES,
    UNIT_SECONDS,
    BackstopError,
    NumberLimits,
    as_float,
    kind_from_words,
    number_value,
    seconds_for,
    time_value,
    unit_of,
    words_of,
)

TIMER = "number.plug_countdown"
ANY = NumberLimits(step=1.0, minimum=0.0, maximum=math.inf)


def _value(
    seconds: float,
    unit: str | None = "s",
    *,
    step: float = 1.0,
    minimum: float = 0.0,
    maximum: float = math.inf,
) -> float:
    return number_value(
        timedelta(seconds=seconds),
        entity_id=TIMER,
        unit=unit,
        limits=NumberLimits(step=step, minimum=minimum, maximum=maximum),
    )


# ----- units -------------------------------------------------------------------


def test_the_units_in_seconds() -> None:
    """A second, a minute and an hour, and nothing else."""
    assert UNIT_SECONDS == {"s": 1, "min": 60, "h": 3600}


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("s", "s"),
        ("sec", "s"),
        ("secs", "s"),
        ("second", "s"),
        ("seconds", "s"),
        ("min", "min"),
        ("mins", "min"),
        ("minute", "min"),
        ("minutes", "min"),
        ("h", "h"),
        ("hr", "h"),
        ("hrs", "h"),
        ("hour", "h"),
        ("hours", "h"),
        # Z-Wave parameters write units in free text.
        (" Minutes. ", "min"),
        ("SEC.", "s"),
        ("Hours", "h"),
    ],
)
def test_units_as_integrations_write_them(text: str, unit: str) -> None:
    """Each way of writing a unit, in any case, trimmed, without a full stop."""
    assert unit_of(text) == unit


@pytest.mark.parametrize("text", [None, "", "ms", "days", "m", "percent"])
def test_an_unknown_unit_is_none(text: str | None) -> None:
    """No unit, or one that is not a timer's, is unknown."""
    assert unit_of(text) is None


def test_every_unit_name_is_a_unit() -> None:
    """Each name stands for one of the three units."""
    assert set(_UNIT_NAMES.values()) == set(UNIT_SECONDS)
    assert all(unit_of(name) == unit for name, unit in _UNIT_NAMES.items())


# ----- the kind ----------------------------------------------------------------


def test_words_are_joined_lower_case_with_underscores() -> None:
    """Dashes and spaces become underscores, so "auto-off" and "Auto off" match."""
    assert words_of(["number.plug", "Auto-Off Time", "x y"]) == (
        "number.plug_auto_off_time_x_y"
    )
    assert words_of([]) == ""


@pytest.mark.parametrize("word", _AUTO_OFF_WORDS)
def test_auto_off_words(word: str) -> None:
    """Each auto-off word, anywhere in the words, makes an auto-off."""
    assert kind_from_words(f"number.plug_{word}_time") is BackstopKind.AUTO_OFF


@pytest.mark.parametrize("word", _COUNTDOWN_WORDS)
def test_countdown_words(word: str) -> None:
    """Each countdown word, anywhere in the words, makes a countdown."""
    assert kind_from_words(f"number.plug_{word}_time") is BackstopKind.COUNTDOWN


def test_the_known_words() -> None:
    """The words that tell the kinds apart."""
    assert _AUTO_OFF_WORDS == (
        "auto_off",
        "autooff",
        "auto_power_off",
        "turn_off_after",
    )
    assert _COUNTDOWN_WORDS == ("countdown", "count_down", "toggle_after", "timer")


def test_auto_off_wins_over_countdown() -> None:
    """An "auto off timer" is an auto-off."""
    assert kind_from_words("number.plug_auto_off_timer") is BackstopKind.AUTO_OFF


def test_no_word_no_kind() -> None:
    """A number of a plug with no such word is of no known kind."""
    assert kind_from_words("number.plug_brightness") is None


# ----- values ------------------------------------------------------------------


def test_seconds_are_rounded_up() -> None:
    """A part of a second is a whole one more, never less."""
    assert seconds_for(timedelta(seconds=1)) == 1
    assert seconds_for(timedelta(seconds=1, microseconds=1)) == 2
    assert seconds_for(timedelta()) == 0


@pytest.mark.parametrize(
    ("duration", "value"),
    [
        (timedelta(), "00:00:00"),
        (timedelta(seconds=59), "00:00:59"),
        (timedelta(seconds=61), "00:01:01"),
        (timedelta(hours=1, minutes=1, seconds=1, microseconds=1), "01:01:02"),
        (timedelta(minutes=93), "01:33:00"),
        (timedelta(hours=10), "10:00:00"),
    ],
)
def test_time_values(duration: timedelta, value: str) -> None:
    """A time entity takes hours, minutes and seconds, rounded up."""
    assert time_value(duration) == value


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=24 * 3600 * 1_000_000 - 1))
def test_a_time_value_is_the_duration_rounded_up(microseconds: int) -> None:
    """Read back, the time is the duration in whole seconds, never less."""
    duration = timedelta(microseconds=microseconds)
    hours, minutes, seconds = (int(part) for part in time_value(duration).split(":"))
    assert 0 <= minutes < 60
    assert 0 <= seconds < 60
    total = timedelta(hours=hours, minutes=minutes, seconds=seconds)
    assert duration <= total < duration + timedelta(seconds=1)


def test_a_number_in_each_unit() -> None:
    """The duration in the timer's unit, rounded up to a whole one."""
    assert _value(125, "s") == 125
    assert _value(125, "min") == 3
    assert _value(3600, "min") == 60
    assert _value(3601, "h") == 2
    assert _value(3600, "h") == 1


def test_a_number_is_rounded_up_to_the_step() -> None:
    """33 minutes on a timer of 5-minute steps is 35; 35 stays 35."""
    assert _value(33 * 60, "min", step=5) == 35
    assert _value(35 * 60, "min", step=5) == 35
    assert _value(90, "min", step=0.5) == 1.5


def test_rounding_forgives_what_floats_get_wrong() -> None:
    """126 s in steps of 0.3 min is 7 steps, though 126/60/0.3 is a hair over 7."""
    assert 126 / 60 / 0.3 > 7
    assert _value(126, "min", step=0.3) == 7 * 0.3


def test_a_step_of_nothing_is_a_step_of_one() -> None:
    """A timer that says its step is 0 is taken in whole units."""
    assert _value(61, "s", step=0) == 61
    assert _value(90, "min", step=0) == 2


def test_at_least_the_minimum() -> None:
    """A timer that takes no less than 10 gets 10."""
    assert _value(3, "s", minimum=10) == 10
    assert _value(12, "s", minimum=10) == 12


def test_at_most_the_maximum() -> None:
    """The maximum itself is fine; a step more is too long for the timer."""
    assert _value(7200, "s", maximum=7200) == 7200
    with pytest.raises(BackstopError) as raised:
        _value(7201, "s", maximum=7200)
    assert raised.value.key == "backstop_too_short"
    assert raised.value.placeholders == {"entity_id": TIMER, "maximum": "7200 s"}
    with pytest.raises(BackstopError) as raised:
        _value(121 * 60, "min", maximum=120.0)
    assert raised.value.placeholders["maximum"] == "120 min"


def test_the_limits_are_a_value() -> None:
    """What a timer accepts, read once, does not change under the rule."""
    limits = NumberLimits(step=1.0, minimum=0.0, maximum=60.0)
    duration = timedelta(seconds=1)
    assert number_value(duration, entity_id=TIMER, unit="s", limits=limits) == 1
    with pytest.raises(FrozenInstanceError):
        limits.step = 2.0  # type: ignore[misc]
    with pytest.raises(TypeError):
        NumberLimits(1.0, 0.0, 60.0)  # type: ignore[call-arg]


def test_the_timer_is_named_not_placed() -> None:
    """Only the duration goes by position: the rest is too easy to mix up."""
    with pytest.raises(TypeError):
        number_value(timedelta(seconds=1), TIMER, "s", ANY)  # type: ignore[call-arg]
    assert (
        number_value(timedelta(seconds=1), entity_id=TIMER, unit="s", limits=ANY) == 1
    )


@pytest.mark.parametrize("unit", [None, "ms", "days"])
def test_an_unknown_unit_cannot_be_written(unit: str | None) -> None:
    """Without a known unit, no value can be worked out."""
    with pytest.raises(BackstopError) as raised:
        _value(60, unit)
    assert raised.value.key == "backstop_unit_unknown"
    assert raised.value.placeholders == {"entity_id": TIMER}


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=0, max_value=2 * 3600 * 1_000_000).map(
        lambda n: timedelta(microseconds=n)
    ),
    st.sampled_from(sorted(UNIT_SECONDS)),
    st.sampled_from([1.0, 0.5, 0.1, 0.3, 2.0, 5.0, 10.0]),
    st.sampled_from([0.0, 1.0, 10.0]),
)
def test_a_number_covers_the_duration_by_less_than_a_step(
    duration: timedelta, unit: str, step: float, minimum: float
) -> None:
    """The value is never shorter than the duration, and a whole number of steps.

    Above the minimum it is less than a step longer than needed.
    """
    value = number_value(
        duration,
        entity_id=TIMER,
        unit=unit,
        limits=NumberLimits(step=step, minimum=minimum, maximum=math.inf),
    )
    needed = seconds_for(duration) / UNIT_SECONDS[unit]
    assert value >= needed - 1e-6
    assert value >= minimum
    if value > minimum:
        steps = value / step
        assert abs(steps - round(steps)) < 1e-6
        assert value - step < needed


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=3 * 3600),
    st.sampled_from(sorted(UNIT_SECONDS)),
    st.integers(min_value=1, max_value=300),
)
def test_too_short_exactly_when_the_value_is_over_the_maximum(
    seconds: int, unit: str, maximum: int
) -> None:
    """A timer is refused only when the value would be over its maximum."""
    unlimited = _value(seconds, unit)
    if unlimited > maximum:
        with pytest.raises(BackstopError):
            _value(seconds, unit, maximum=maximum)
    else:
        assert _value(seconds, unit, maximum=maximum) == unlimited


def test_a_backstop_error_carries_its_key_and_placeholders() -> None:
    """The key and placeholders are those of the translated text."""
    err = BackstopError("backstop_missing", entity_id=TIMER)
    assert err.key == "backstop_missing"
    assert err.placeholders == {"entity_id": TIMER}
    assert err.args == ("backstop_missing", {"entity_id": TIMER})


def test_a_state_as_a_number() -> None:
    """A number's state is its value; anything else is none."""
    assert as_float("30") == 30.0
    assert as_float("1.5") == 1.5
    assert as_float("unavailable") is None
    assert as_float("") is None
