"""Stretches: the history, today's checklist and streak, reminders in waking hours."""
