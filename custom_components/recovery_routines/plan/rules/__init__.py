"""The recovery plan's rules as plain code: no Home Assistant, only time and state.

`phases` says which phase an episode is in and when it moves on, how pain
moves and when the phone asks; `offers` when heat is offered; `export_rows`
the lines of the history's CSV. The controllers next to this package call
them and do the scheduling, the state and the notifications.
"""
