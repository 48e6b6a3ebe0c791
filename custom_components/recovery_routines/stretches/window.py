"""Waking hours: when reminders may fire.

The rules are plain code in rules/window.py; the scheduler passes them
Home Assistant's time zone.
"""

from __future__ import annotations

# Re-exported for config_flow.py; step 3 points the importer here.
from .rules.window import time_in_window

__all__ = ["time_in_window"]
