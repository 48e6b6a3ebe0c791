"""Intent platform: the voice intents of Recovery Routines (voice/ holds them)."""

from __future__ import annotations

from .voice.intents import async_setup_intents

__all__ = ["async_setup_intents"]
