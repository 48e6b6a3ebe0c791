"""Guided routine rules as plain code: steps, their text, progression, cues.

No Home Assistant here: the guide passes what it needs (the days a routine
was completed, the words of the user's language).
"""
