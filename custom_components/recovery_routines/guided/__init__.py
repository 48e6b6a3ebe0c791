"""Guided routines: steps held and timed, their text format, the shipped routines."""
