"""Routines of one's own saved and deleted with an action, as the form does."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from ..conftest import Advance, call, setup_integration, state_of
from .test_guide import PICKER, STEP
from .test_own_routines import MORNING, STEP_ERRORS, add_routine, own


def options(hass: HomeAssistant) -> list[str]:
    """Return the routines the picker offers, in its order."""
    picker = hass.states.get(PICKER)
    assert picker is not None
    return list(picker.attributes["options"])


async def refused(hass: HomeAssistant, service: str, **data: Any) -> Any:
    """Call an action that must refuse; return its refusal."""
    with pytest.raises(ServiceValidationError) as refusal:
        await call(hass, service, **data)
    return refusal.value


async def test_save_a_routine_and_start_it_at_once(
    hass: HomeAssistant, setup_entry: MockConfigEntry, advance: Advance
) -> None:
    """Saved like the form saves it; an automation can start it right after."""
    await call(
        hass,
        "save_routine",
        config_entry_id=setup_entry.entry_id,
        name=" Morning ",
        steps="  cat-COW 20 x2 rest 5  \n\nHEAT 10 min\nwait 2 Stand up slowly\n",
    )
    await call(hass, "start_routine", routine="Morning")
    assert state_of(hass, STEP) == "Cat-cow"
    assert list(own(setup_entry).values()) == [
        ("Morning", {"steps": MORNING, "progression": False})
    ]
    await call(hass, "stop_routine")
    await hass.async_block_till_done()
    assert options(hass)[-1] == "morning"


async def test_the_steps_as_a_list_of_lines(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """A list of lines is the text of the form, a line each."""
    await call(
        hass,
        "save_routine",
        name="Morning",
        steps=["Cat-cow 20 x2 rest 5", "heat 10", "wait 2 Stand up slowly"],
        progression=True,
    )
    assert list(own(setup_entry).values()) == [
        ("Morning", {"steps": MORNING, "progression": True})
    ]


async def test_saving_a_name_again_edits_that_routine(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """Same routine, new steps and spelling; progression stays unless given."""
    await add_routine(
        hass, setup_entry, name="Morning", steps=MORNING, progression=True
    )
    await add_routine(hass, setup_entry, name="Evening", steps="heat 20")
    (morning_id, evening_id) = setup_entry.subentries
    await call(hass, "save_routine", name="MORNING", steps="Hip lifts 20")
    assert own(setup_entry) == {
        morning_id: ("MORNING", {"steps": "Hip lifts 20", "progression": True}),
        evening_id: ("Evening", {"steps": "heat 20", "progression": False}),
    }
    await call(
        hass, "save_routine", name="Morning", steps="Hip lifts 25", progression=False
    )
    assert own(setup_entry)[morning_id] == (
        "Morning",
        {"steps": "Hip lifts 25", "progression": False},
    )
    await hass.async_block_till_done()
    # Edited in place: it keeps its place in the picker.
    assert options(hass)[-2:] == ["morning", "evening"]


@pytest.mark.parametrize(("steps", "error", "placeholders"), STEP_ERRORS)
async def test_the_action_refuses_what_the_form_refuses(
    hass: HomeAssistant,
    setup_entry: MockConfigEntry,
    steps: str,
    error: str,
    placeholders: dict[str, str],
) -> None:
    """Same refusal and line as the form; nothing is saved or changed."""
    await add_routine(hass, setup_entry, name="Morning", steps=MORNING)
    before = own(setup_entry)
    for name in ("Evening", "Morning"):
        refusal = await refused(hass, "save_routine", name=name, steps=steps)
        assert refusal.translation_key == error
        shown = refusal.translation_placeholders
        assert shown["stretches"].startswith("Child's pose, Knee-to-chest")
        assert shown["max_heat_minutes"] == "30"
        assert {key: shown[key] for key in placeholders} == placeholders
        assert own(setup_entry) == before


async def test_a_name_is_needed(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """A name of nothing but blanks or signs is refused, as in the form."""
    for name in ("  ", "(|)"):
        refusal = await refused(hass, "save_routine", name=name, steps="heat 10")
        assert refusal.translation_key == "routine_name_empty"
        assert str(refusal) == "Give the routine a name"
    assert setup_entry.subentries == {}


@pytest.mark.parametrize("service", ["save_routine", "delete_routine"])
@pytest.mark.parametrize("name", ["Heat and stretch", "quick STRETCH"])
async def test_a_shipped_routine_stays_as_it_is(
    hass: HomeAssistant, setup_entry: MockConfigEntry, service: str, name: str
) -> None:
    """Neither overwritten nor deleted, and the refusal says why."""
    data = {"steps": "heat 10"} if service == "save_routine" else {}
    refusal = await refused(hass, service, name=name, **data)
    assert refusal.translation_key == "shipped_routine"
    assert str(refusal) == (
        f'"{name}" comes with the integration and cannot be changed or deleted.'
        " Give your routine another name"
    )
    assert setup_entry.subentries == {}
    await call(hass, "start_routine", routine="Heat and stretch")
    assert state_of(hass, STEP) == "Heat"


async def test_a_one_letter_name(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """The shortest name a routine can have is one letter: saved, run, deleted."""
    await call(hass, "save_routine", name="A", steps="heat 10")
    assert [title for title, _ in own(setup_entry).values()] == ["A"]
    await call(hass, "start_routine", routine="A")
    assert state_of(hass, STEP) == "Heat"
    await call(hass, "stop_routine")
    await call(hass, "delete_routine", name="a")
    assert setup_entry.subentries == {}


async def test_delete_a_routine(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    """Deleted by name in any case; the picker drops it at once."""
    await add_routine(hass, setup_entry, name="Morning", steps=MORNING)
    await add_routine(hass, setup_entry, name="Evening", steps="heat 20")
    refusal = await refused(hass, "delete_routine", name="Noon")
    assert refusal.translation_key == "unknown_own_routine"
    assert str(refusal) == (
        'You have no routine of your own called "Noon". Yours: Morning, Evening'
    )
    assert len(setup_entry.subentries) == 2
    await call(hass, "delete_routine", name="morning")
    assert [title for title, _ in own(setup_entry).values()] == ["Evening"]
    assert options(hass)[-2:] == ["ointment_then_heat", "evening"]
    with pytest.raises(ServiceValidationError):
        await call(hass, "start_routine", routine="Morning")


async def test_saved_routines_survive_a_restart(
    hass: HomeAssistant, config_entry: MockConfigEntry
) -> None:
    """Saved with the action, a routine is there after a restart."""
    await setup_integration(hass, config_entry)
    await call(hass, "save_routine", name="Morning", steps=MORNING)
    assert await hass.config_entries.async_reload(config_entry.entry_id)
    await hass.async_block_till_done()
    assert options(hass)[-1] == "morning"


async def test_the_picker_order_is_the_order_added(
    hass: HomeAssistant,
    setup_entry: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """Shipped first, then one's own as added, as the integration's page lists them.

    An edit keeps a routine's place, a reload keeps the order; deleted and saved
    again, a routine goes to the end.
    """
    await add_routine(hass, setup_entry, name="Zebra", steps="heat 10")
    await call(hass, "save_routine", name="Morning", steps="heat 10")
    await add_routine(hass, setup_entry, name="Alpha", steps="heat 10")
    await call(hass, "save_routine", name="zebra", steps="cold 15")
    await hass.async_block_till_done()
    shipped = ["heat_and_stretch", "quick_stretch", "cold_pack", "ointment_then_heat"]
    assert options(hass) == [*shipped, "zebra", "morning", "alpha"]

    assert await async_setup_component(hass, "config", {})
    client = await hass_ws_client(hass)
    await client.send_json_auto_id(
        {"type": "config_entries/subentries/list", "entry_id": setup_entry.entry_id}
    )
    listed = (await client.receive_json())["result"]
    assert [subentry["title"] for subentry in listed] == ["zebra", "Morning", "Alpha"]

    assert await hass.config_entries.async_reload(setup_entry.entry_id)
    await hass.async_block_till_done()
    assert options(hass) == [*shipped, "zebra", "morning", "alpha"]

    await call(hass, "delete_routine", name="Zebra")
    await call(hass, "save_routine", name="Zebra", steps="heat 10")
    assert options(hass) == [*shipped, "morning", "alpha", "zebra"]
