"""The heat rules that need no Home Assistant: the budget, timer values, power.

Plain dataclasses and functions of time and state. The heat controller and
its collaborators call them and do the rest: the plug, the timers, the state.
"""
