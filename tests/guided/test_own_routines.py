"""Routines of one's own: added, edited and deleted in the UI as subentries."""

from __future__ import annotations

from datetime import timedelta
import json
from pathlib import Path
from typing import Any

from homeassistant.config_entries import ConfigSubentryData
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import ServiceValidationError
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from ..conftest import Advance, call, setup_integration, state_of
from ..voice.test_voice import SENTENCES, assist, say  # noqa: F401
from .test_guide import PICKER, STEP, where

MORNING = "Cat-cow 20 x2 rest 5\nheat 10\nwait 2 Stand up slowly"
WHOLE = "heat 10\nKnee-to-chest 20 each side x2 rest 5\ncold 15"


async def add_routine(
    hass: HomeAssistant, entry: MockConfigEntry, **user_input: Any
) -> dict[str, Any]:
    """Fill in the form to add a routine, as a person does."""
    result = await hass.config_entries.subentries.async_init(
        (entry.entry_id, "routine"), context={"source": "user"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    return dict(
        await hass.config_entries.subentries.async_configure(
            result["flow_id"], user_input
        )
    )


def own(entry: MockConfigEntry) -> dict[str, tuple[str, dict[str, Any]]]:
    """Return the routines of one's own: title and data by subentry id."""
    return {
        subentry_id: (subentry.title, dict(subentry.data))
        for subentry_id, subentry in entry.subentries.items()
    }


async def test_the_steps_are_typed_one_per_line(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """The steps box takes several lines, as the form's help text shows them."""
    result = await hass.config_entries.subentries.async_init(
        (setup_entry.entry_id, "routine"), context={"source": "user"}
    )
    steps = next(
        selector
        for marker, selector in result["data_schema"].schema.items()
        if str(marker) == "steps"
    )
    assert steps.config["multiline"] is True


async def test_add_a_routine_and_run_it(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """Added in the form: in the picker, startable by name, its steps timed."""
    result = await add_routine(
        hass,
        setup_entry,
        name=" Morning ",
        steps="  cat-COW 20 x2 rest 5  \n\nHEAT 10 min\nwait 2 Stand up slowly\n",
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert list(own(setup_entry).values()) == [
        ("Morning", {"steps": MORNING, "progression": False})
    ]
    picker = hass.states.get(PICKER)
    assert picker is not None
    assert picker.attributes["options"] == [
        "heat_and_stretch",
        "quick_stretch",
        "cold_pack",
        "ointment_then_heat",
        "morning",
    ]
    await hass.services.async_call(
        "select",
        "select_option",
        {"entity_id": PICKER, "option": "morning"},
        blocking=True,
    )
    await call(hass, "start_routine")
    # The stretch keeps the checklist's spelling: it ticks that line off.
    assert where(hass) == ("Cat-cow", 1, None, 1)
    for seconds in (5, 20, 5, 20):
        await advance(timedelta(seconds=seconds))
    assert where(hass) == ("Heat", 2, None, None)
    assert state_of(hass, "switch.heating_pad") == "on"
    await advance(timedelta(minutes=10))
    assert where(hass) == ("Stand up slowly", 3, None, None)
    await advance(timedelta(minutes=2))
    assert state_of(hass, STEP) == "unknown"
    assert state_of(hass, "sensor.back_care_stretches_today") == "1"


STEP_ERRORS = [
    ("", "no_steps", {}),
    (" \n \n", "no_steps", {}),
    (
        "Cat-cow 20\nBurpees 20",
        "unknown_stretch",
        {"line": "2", "text": "Burpees 20", "detail": "Burpees"},
    ),
    ("Cat-cow 4", "hold_seconds", {"line": "1", "text": "Cat-cow 4"}),
    ("Cat-cow 121", "hold_seconds", {"line": "1", "text": "Cat-cow 121"}),
    ("Cat-cow 20 x11", "reps", {"line": "1"}),
    ("Cat-cow 20 x0", "reps", {"line": "1"}),
    ("Cat-cow 20 x2 rest 61", "rest_seconds", {"line": "1"}),
    ("Cat-cow", "unreadable_step", {"line": "1", "text": "Cat-cow"}),
    ("heat 31", "heat_minutes", {"line": "1", "detail": "30"}),
    ("heat 0", "heat_minutes", {"line": "1"}),
    ("cold 4", "cold_minutes", {"line": "1"}),
    ("cold 21", "cold_minutes", {"line": "1"}),
    ("wait 0 Lie down", "wait_minutes", {"line": "1"}),
    ("wait 61 Lie down", "wait_minutes", {"line": "1"}),
    ("Cat-cow 20\n" * 31, "too_many_steps", {"detail": "30"}),
]
NAME_ERRORS = [
    ("  ", "routine_name_empty"),
    ("(|)", "routine_name_empty"),
    ("quick STRETCH", "routine_name_in_use"),
    ("Morning", "routine_name_in_use"),
]


def test_every_refusal_is_translated() -> None:
    """The form's errors are those en.json explains, no more, no fewer."""
    english = json.loads(
        (
            Path(__file__).parent.parent.parent
            / "custom_components/recovery_routines/translations/en.json"
        ).read_text(encoding="utf-8")
    )
    explained = english["config_subentries"]["routine"]["error"]
    refused = {error for _, error, _ in STEP_ERRORS} | {
        error for _, error in NAME_ERRORS
    }
    assert refused == set(explained)


@pytest.mark.parametrize(("steps", "error", "placeholders"), STEP_ERRORS)
async def test_the_form_refuses_steps_that_would_not_work(
    hass: HomeAssistant,
    setup_entry: MockConfigEntry,
    steps: str,
    error: str,
    placeholders: dict[str, str],
) -> None:
    """Each refusal names its line, and nothing is saved."""
    result = await add_routine(hass, setup_entry, name="Morning", steps=steps)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"steps": error}
    shown = result["description_placeholders"]
    assert shown["stretches"].startswith("Child's pose, Knee-to-chest")
    assert shown["max_heat_minutes"] == "30"
    assert {key: shown[key] for key in placeholders} == placeholders
    assert setup_entry.subentries == {}


@pytest.mark.parametrize(("name", "error"), NAME_ERRORS)
async def test_the_form_refuses_names_that_cannot_be_told_apart(
    hass: HomeAssistant, setup_entry: MockConfigEntry, name: str, error: str
) -> None:
    """A name is needed, and no two routines share one."""
    assert (await add_routine(hass, setup_entry, name="Morning", steps="heat 10"))[
        "type"
    ] is FlowResultType.CREATE_ENTRY
    result = await add_routine(hass, setup_entry, name=name, steps="heat 10")
    assert result["errors"] == {"name": error}
    assert len(setup_entry.subentries) == 1


EDGES = (
    "Cat-cow 5\n"
    "Cat-cow 120 x10 rest 60\n"
    "heat 1\n"
    "heat 30\n"
    "cold 5\n"
    "cold 20\n"
    "wait 1 Lie down\n"
    "wait 60 Let the ointment soak in"
)


@pytest.mark.parametrize(
    "steps", [EDGES, "\n".join(["Cat-cow 20"] * 30)], ids=["each end", "30 steps"]
)
async def test_the_form_takes_every_end_of_every_range(
    hass: HomeAssistant, setup_entry: MockConfigEntry, steps: str
) -> None:
    """The shortest and longest hold, reps, rest, heat, cold and wait all save."""
    result = await add_routine(hass, setup_entry, name="Edges", steps=steps)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {"steps": steps, "progression": False}


async def test_a_stretch_without_each_side_is_held_once(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """Without "each side": a count-in, one hold of 20 s, and the routine is done."""
    await add_routine(hass, setup_entry, name="Short", steps="Cat-cow 20")
    await hass.async_block_till_done()
    await call(hass, "start_routine", routine="Short")
    await advance(timedelta(seconds=5))
    await advance(timedelta(seconds=19))
    assert where(hass) == ("Cat-cow", 1, None, 1)
    await advance(timedelta(seconds=1))
    assert state_of(hass, STEP) == "unknown"
    assert state_of(hass, "sensor.back_care_stretches_today") == "1"


async def test_every_kind_of_step_is_written_back_as_read(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """Heat, a stretch on each side with reps and rest, and a cold pack."""
    result = await add_routine(
        hass,
        setup_entry,
        name="Whole",
        steps="Heat 10 minutes\nknee-to-chest 20s each side x 2 rest 5s\nCOLD 15 min",
    )
    assert result["data"] == {"steps": WHOLE, "progression": False}
    await hass.async_block_till_done()
    await call(hass, "start_routine", routine="Whole")
    await advance(timedelta(minutes=10))
    assert where(hass) == ("Knee-to-chest", 2, None, 1)
    for seconds in (5, 20):
        await advance(timedelta(seconds=seconds))
    assert where(hass) == ("Knee-to-chest", 2, 2, 1)
    for seconds in (20, 5, 20, 20):
        await advance(timedelta(seconds=seconds))
    assert where(hass) == ("Cold pack", 3, None, None)


async def test_back_from_a_stretch_over_a_cold_pack(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """Previous goes back one stretch; over a cold pack, to the stretch before it."""
    await add_routine(
        hass,
        setup_entry,
        name="Between",
        steps="Cat-cow 20\ncold 15\nHip lifts 20\nChild's pose 20",
    )
    await hass.async_block_till_done()
    await call(hass, "start_routine", routine="Between")
    for expected in (("Cold pack", 2), ("Hip lifts", 3), ("Child's pose", 4)):
        await call(hass, "next_step")
        await hass.async_block_till_done()
        assert where(hass)[:2] == expected
    await call(hass, "previous_step")
    assert where(hass)[:2] == ("Hip lifts", 3)
    await call(hass, "previous_step")
    assert where(hass)[:2] == ("Cat-cow", 1)


async def test_edit_and_delete_a_routine(
    hass: HomeAssistant,
    setup_entry: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """The edit form shows the routine; a new name follows; deleted, it is gone."""
    await add_routine(hass, setup_entry, name="Morning", steps=MORNING)
    (subentry_id,) = setup_entry.subentries
    result = await hass.config_entries.subentries.async_init(
        (setup_entry.entry_id, "routine"),
        context={"source": "reconfigure", "subentry_id": subentry_id},
    )
    assert result["step_id"] == "reconfigure"
    shown = {
        str(marker): marker.description["suggested_value"]
        for marker in result["data_schema"].schema
    }
    assert shown == {"name": "Morning", "steps": MORNING, "progression": False}
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"name": "Morning", "steps": "Hip lifts 200"}
    )
    assert result["errors"] == {"steps": "hold_seconds"}
    # Its own name is no clash.
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"],
        {"name": "Early", "steps": "Hip lifts 20 x3", "progression": True},
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    await hass.async_block_till_done()
    assert own(setup_entry) == {
        subentry_id: ("Early", {"steps": "Hip lifts 20 x3", "progression": True})
    }
    picker = hass.states.get(PICKER)
    assert picker is not None
    assert picker.attributes["options"][-1] == "early"

    # Chosen, then deleted: the picker falls back to the first routine.
    await hass.services.async_call(
        "select",
        "select_option",
        {"entity_id": PICKER, "option": "early"},
        blocking=True,
    )
    assert await async_setup_component(hass, "config", {})
    client = await hass_ws_client(hass)
    await client.send_json_auto_id(
        {
            "type": "config_entries/subentries/delete",
            "entry_id": setup_entry.entry_id,
            "subentry_id": subentry_id,
        }
    )
    assert (await client.receive_json())["success"]
    await hass.async_block_till_done()
    assert setup_entry.subentries == {}
    assert state_of(hass, PICKER) == "heat_and_stretch"
    with pytest.raises(ServiceValidationError) as refusal:
        await call(hass, "start_routine", routine="Early")
    assert refusal.value.translation_key == "unknown_guided_routine"


async def test_a_running_routine_outlives_its_deletion(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """Deleting the routine under way lets it finish as it was started."""
    await add_routine(hass, setup_entry, name="Morning", steps="Cat-cow 20")
    await call(hass, "start_routine", routine="morning")
    (subentry_id,) = setup_entry.subentries
    hass.config_entries.async_remove_subentry(setup_entry, subentry_id)
    await hass.async_block_till_done()
    assert where(hass) == ("Cat-cow", 1, None, 1)
    assert state_of(hass, PICKER) == "morning"
    for seconds in (5, 20):
        await advance(timedelta(seconds=seconds))
    assert state_of(hass, STEP) == "unknown"
    assert state_of(hass, PICKER) == "heat_and_stretch"


@pytest.mark.parametrize("options", [{"stretches": ["Cat-cow", "Wall sit"]}])
async def test_a_stretch_gone_from_the_list_still_runs(
    hass: HomeAssistant,
    plug: Any,
    config_entry: MockConfigEntry,
    advance: Advance,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Saved routines run as saved; one that cannot be read is left out, logged."""
    entry = MockConfigEntry(
        domain="recovery_routines",
        title=config_entry.title,
        data=config_entry.data,
        options=config_entry.options,
        subentries_data=[
            ConfigSubentryData(
                data={"steps": "Wall sit 30", "progression": False},
                subentry_type="routine",
                title="Legs",
                unique_id=None,
            ),
            ConfigSubentryData(
                data={"steps": "somersault"},
                subentry_type="routine",
                title="Broken",
                unique_id=None,
            ),
            ConfigSubentryData(
                data={}, subentry_type="routine", title="Empty", unique_id=None
            ),
        ],
    )
    await setup_integration(hass, entry)
    assert "The routine Broken cannot be read" in caplog.text
    assert "The routine Empty cannot be read" in caplog.text
    hass.config_entries.async_update_entry(entry, options={"stretches": ["Cat-cow"]})
    await hass.async_block_till_done()
    await call(hass, "start_routine", routine="Legs")
    assert where(hass) == ("Wall sit", 1, None, 1)
    for seconds in (5, 30):
        await advance(timedelta(seconds=seconds))
    assert state_of(hass, STEP) == "unknown"


@pytest.mark.usefixtures("setup_entry", "assist")
async def test_own_routines_by_voice(
    hass: HomeAssistant, setup_entry: MockConfigEntry, config_dir: Path
) -> None:
    """The sentences know the names of the routines one added, and only those."""
    await add_routine(hass, setup_entry, name="Morning (light)", steps="Cat-cow 20")
    await hass.async_block_till_done()
    written = (config_dir / SENTENCES).read_text(encoding="utf-8")
    # What the sentences use for themselves is left out of a name.
    assert [title for title, _ in own(setup_entry).values()] == ["Morning light"]
    assert "{rr_guided:guided}" not in written
    assert "guided: Morning light" in written
    assert await say(hass, "start my morning light routine") == (
        "Starting Morning light."
    )
    assert await say(hass, "stop the routine") == "Routine stopped."
    (subentry_id,) = setup_entry.subentries
    hass.config_entries.async_remove_subentry(setup_entry, subentry_id)
    await hass.async_block_till_done()
    assert "Morning" not in (config_dir / SENTENCES).read_text(encoding="utf-8")
    assert await say(hass, "start my morning light routine") != (
        "Starting Morning light."
    )


async def hold_of_the_day(hass: HomeAssistant, advance: Advance) -> int:
    """Start the routine that works up, hold it to the end; return the hold."""
    await call(hass, "start_routine", routine="Working up")
    state = hass.states.get(STEP)
    assert state is not None
    cue: str = state.attributes["cue"]
    hold = int(cue.split("hold ")[1].split(" ", maxsplit=1)[0])
    for seconds in (5, hold):
        await advance(timedelta(seconds=seconds))
    assert state_of(hass, STEP) == "unknown"
    return hold


async def test_holds_work_up_over_the_days_it_was_done(
    hass: HomeAssistant,
    setup_entry: MockConfigEntry,
    advance: Advance,
) -> None:
    """10 s, then 5 s more on each day after one it was done, up to its own."""
    await add_routine(
        hass, setup_entry, name="Working up", steps="Cat-cow 22", progression=True
    )
    await hass.async_block_till_done()
    assert await hold_of_the_day(hass, advance) == 10
    # Twice in a day is one day.
    assert await hold_of_the_day(hass, advance) == 10
    await advance(timedelta(days=1))
    assert await hold_of_the_day(hass, advance) == 15
    # A day without it keeps the level; a stopped one does not count.
    await advance(timedelta(days=2))
    await call(hass, "start_routine", routine="Working up")
    await call(hass, "stop_routine")
    await advance(timedelta(days=1))
    assert await hold_of_the_day(hass, advance) == 20
    # Kept across a restart, with the day it was last done.
    assert await hass.config_entries.async_reload(setup_entry.entry_id)
    await hass.async_block_till_done()
    assert await hold_of_the_day(hass, advance) == 20
    await advance(timedelta(days=1))
    assert await hold_of_the_day(hass, advance) == 22
    await advance(timedelta(days=1))
    assert await hold_of_the_day(hass, advance) == 22
