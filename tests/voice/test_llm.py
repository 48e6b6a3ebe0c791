"""LLM agents: the intents as Home Assistant's Assist API offers them as tools."""

from __future__ import annotations

import dataclasses
from importlib.util import find_spec
from typing import Any

from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import llm
from homeassistant.setup import async_setup_component
import pytest

# Imported on every version: Home Assistant 2026.x loads it as the llm platform.
from custom_components.recovery_routines import llm as llm_platform

from ..conftest import PLUG, state_of

EXPECTED = {
    "RecoveryRoutinesStartHeat": {"routine", "minutes"},
    "RecoveryRoutinesStopHeat": {"routine"},
    "RecoveryRoutinesHeatStatus": {"routine"},
    "RecoveryRoutinesStartColdPack": {"routine", "minutes"},
    "RecoveryRoutinesStopColdPack": {"routine"},
    "RecoveryRoutinesStretchesDone": {"routine"},
    "RecoveryRoutinesSnoozeReminder": {"routine", "minutes"},
    "RecoveryRoutinesNextReminder": {"routine"},
    "RecoveryRoutinesStartGuidedRoutine": {"routine", "guided"},
    "RecoveryRoutinesNextStep": {"routine"},
    "RecoveryRoutinesPauseRoutine": {"routine"},
    "RecoveryRoutinesStopRoutine": {"routine"},
    "RecoveryRoutinesWhatsNext": {"routine"},
    "RecoveryRoutinesStartEpisode": {"routine", "when"},
    "RecoveryRoutinesEndEpisode": {"routine"},
    "RecoveryRoutinesLogPain": {"routine", "level"},
}


def _intent_of(tool: llm.Tool) -> str:
    # 2025.4 names a tool after its intent; 2026.x puts the domain in front.
    return tool.name.rsplit("__", 1)[-1]


def _llm_context() -> llm.LLMContext:
    # Home Assistant 2025.4 also wants the user's prompt; later versions do not.
    values: dict[str, Any] = {
        "platform": "test",
        "context": Context(),
        "user_prompt": None,
        "language": "en",
        "assistant": "conversation",
        "device_id": None,
    }
    return llm.LLMContext(
        **{
            field.name: values[field.name]
            for field in dataclasses.fields(llm.LLMContext)
        }
    )


@pytest.fixture
async def assist_api(hass: HomeAssistant, setup_entry: Any) -> llm.APIInstance:
    """Return the Assist API as an LLM conversation agent gets it."""
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "conversation", {})
    if find_spec("homeassistant.components.llm") is not None:
        # Home Assistant 2026.x: the API and its tool platforms live here.
        assert await async_setup_component(hass, "llm", {})
    # The intent integration registers our intents in a task of its own: the
    # API lists only the intents registered when it is asked.
    await hass.async_block_till_done()
    return await llm.async_get_api(hass, llm.LLM_API_ASSIST, _llm_context())


async def test_llm_agents_see_every_intent(assist_api: llm.APIInstance) -> None:
    """Each voice intent is a tool, with its description and slots.

    "Which routine?" answered with a name is the built-in agent's follow-up,
    not a tool: an LLM passes the name with the action.
    """
    tools = {
        _intent_of(tool): tool
        for tool in assist_api.tools
        if _intent_of(tool).startswith("RecoveryRoutines")
    }
    assert set(tools) == set(EXPECTED)
    for intent_type, tool in tools.items():
        assert tool.description, intent_type
        assert "routine" in tool.description, intent_type
        slots = {str(key) for key in tool.parameters.schema}
        assert slots == EXPECTED[intent_type], intent_type


async def test_an_llm_agent_starts_heat(
    hass: HomeAssistant, assist_api: llm.APIInstance
) -> None:
    """Calling the tool runs the intent, with the same spoken answer."""
    name = next(
        tool.name
        for tool in assist_api.tools
        if _intent_of(tool) == "RecoveryRoutinesStartHeat"
    )
    result: Any = await assist_api.async_call_tool(
        llm.ToolInput(tool_name=name, tool_args={"minutes": 10})
    )
    # 2026.x wraps the intent's response in a ToolResult.
    response = getattr(result, "data", result)
    assert (
        response["speech"]["plain"]["speech"] == "Heating for 10 minutes, until 10:10."
    )
    assert state_of(hass, PLUG) == "on"


# Home Assistant 2026.x: integrations offer their tools through the llm
# integration, with annotations; 2025.4 has neither.
ONLY_2026 = pytest.mark.skipif(
    find_spec("homeassistant.components.llm") is None,
    reason="tools of integrations and their annotations came with 2026.x",
)


@ONLY_2026
async def test_llm_agents_know_which_tools_only_ask(
    assist_api: llm.APIInstance,
) -> None:
    """The two questions change nothing; no tool destroys or leaves the house.

    An agent that asks before each tool with side effects asks only for those.
    """
    annotations = {
        _intent_of(tool): tool.annotations
        for tool in assist_api.tools
        if _intent_of(tool).startswith("RecoveryRoutines")
    }
    assert {
        intent_type for intent_type, notes in annotations.items() if notes.read_only
    } == {"RecoveryRoutinesHeatStatus", "RecoveryRoutinesNextReminder"}
    assert not any(notes.destructive for notes in annotations.values())
    assert not any(notes.open_world for notes in annotations.values())


@ONLY_2026
@pytest.mark.usefixtures("assist_api")
@pytest.mark.parametrize("api_id", ["another_api", "weather_api"])
async def test_other_apis_get_no_tools(hass: HomeAssistant, api_id: str) -> None:
    """Only the Assist API offers the voice intents, not another integration's.

    The two ids sort before and after the Assist API's ("assist").
    """
    # pylint: disable-next=import-outside-toplevel
    from homeassistant.components.llm import async_get_tools  # noqa: PLC0415

    offered = await async_get_tools(hass, _llm_context(), api_id)
    assert not [tool for tool in offered.tools if tool.name.startswith("recovery")]


def test_the_platform_offers_tools_only_to_assist() -> None:
    """The platform module loads on every version."""
    assert llm_platform.READ_ONLY
