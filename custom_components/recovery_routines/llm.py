"""LLM platform: the voice intents as tools of the Assist API (voice/ holds them)."""

from __future__ import annotations

from .voice.llm import READ_ONLY, async_get_tools

__all__ = ["READ_ONLY", "async_get_tools"]
