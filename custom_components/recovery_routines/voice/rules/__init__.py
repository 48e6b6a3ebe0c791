"""Voice rules as plain code: what a spoken "when" or "how long" means.

No Home Assistant here: the intents pass `now` and the local time zone.
"""
