"""Tests of the history: logbook, recorder, statistics."""
