"""The shared bottom: the store and its records, notifications, timers, listeners."""
