"""The rules of stretches as plain code: the waking window, reminders, the streak.

No Home Assistant here: the local time zone and "now" come in as parameters,
and the tracker and the scheduler call these rules.
"""
