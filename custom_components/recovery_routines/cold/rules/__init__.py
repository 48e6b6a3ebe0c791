"""The rules of cold packs as plain code: how long a pack runs and ran.

No Home Assistant here: "now" comes in as a parameter, and the timer calls
these rules.
"""
