"""Listeners shared by the plain controllers, so entities can follow them."""

from __future__ import annotations

from collections.abc import Callable
import logging
from typing import Any

from homeassistant.core import CALLBACK_TYPE, callback

from .store import RecoveryStore

_LOGGER = logging.getLogger(__name__)

type EventListener = Callable[[str, dict[str, Any]], None]


class Observable:
    """Tells entities about transitions and events; holds no entity code."""

    def __init__(self) -> None:
        """Start with nobody listening."""
        self._listeners: list[CALLBACK_TYPE] = []
        self._event_listeners: list[EventListener] = []

    @callback
    def async_add_listener(self, update_callback: CALLBACK_TYPE) -> CALLBACK_TYPE:
        """Call `update_callback` at every transition."""
        self._listeners.append(update_callback)
        return lambda: self._listeners.remove(update_callback)

    @callback
    def async_add_event_listener(self, listener: EventListener) -> CALLBACK_TYPE:
        """Call `listener` with the type and attributes of every event."""
        self._event_listeners.append(listener)
        return lambda: self._event_listeners.remove(listener)

    @callback
    def _async_notify(self) -> None:
        for update_callback in list(self._listeners):
            update_callback()

    @callback
    def _async_fire(self, event_type: str, attributes: dict[str, Any]) -> None:
        for listener in list(self._event_listeners):
            # One failing listener must not keep the others, or the
            # controller's own work after the event, from running.
            try:
                listener(event_type, attributes)
            except Exception:
                _LOGGER.exception("Error handling the %s event", event_type)


class StoredObservable(Observable):
    """An Observable whose transitions are saved before entities hear of them."""

    def __init__(self, store: RecoveryStore) -> None:
        """Save to `store`."""
        super().__init__()
        self._store = store

    @callback
    def _async_changed(self) -> None:
        self._store.async_save()
        self._async_notify()
