"""The rules of the forms as plain code: the sections and ranges of the options.

No Home Assistant here: the flows call these rules and show their errors.
"""
