"""Voice intents as tools for LLM-based conversation agents.

Home Assistant 2026.x asks each integration's llm platform for its tools of the
Assist API. Older versions offered every registered intent by themselves and
never load this platform.
"""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import intent
from homeassistant.helpers.llm import LLM_API_ASSIST, IntentTool, LLMContext, Tool

from ..const import DOMAIN
from .catalog import INTENT_HEAT_STATUS, INTENT_NEXT_REMINDER, INTENTS

# Questions change nothing; the rest switch a plug or write the history.
READ_ONLY = {INTENT_HEAT_STATUS, INTENT_NEXT_REMINDER}


# Only Home Assistant 2026.x calls this (tests/test_voice_llm.py checks it
# there); its imports do not exist before, so 2025.4 cannot measure it.
@callback
def async_get_tools(  # pragma: no cover
    hass: HomeAssistant, llm_context: LLMContext, api_id: str
) -> Any:
    """Return the voice intents as tools of the Assist API."""
    # pylint: disable-next=import-outside-toplevel
    from homeassistant.components.llm import LLMTools  # type: ignore[import-not-found,unused-ignore] # noqa: PLC0415
    from homeassistant.helpers.llm import ToolAnnotations  # type: ignore[attr-defined,unused-ignore] # noqa: PLC0415

    if api_id != LLM_API_ASSIST:
        return None
    ours = {spec.intent_type for spec in INTENTS}
    tools: list[Tool] = [
        IntentTool(  # type: ignore[call-arg,unused-ignore]
            f"{DOMAIN}__{handler.intent_type}",
            handler,
            integration=DOMAIN,
            annotations=ToolAnnotations(
                read_only=handler.intent_type in READ_ONLY,
                destructive=False,
                open_world=False,
            ),
        )
        for handler in intent.async_get(hass)
        if handler.intent_type in ours
    ]
    return LLMTools(tools=tools)
