"""Recovery Routines: heat sessions with a safety cutoff for back-pain recovery."""

from __future__ import annotations

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.typing import ConfigType

from .const import DOMAIN
from .data import RecoveryRoutinesConfigEntry, RuntimeData
from .heat import HeatController
from .services import async_setup_services
from .store import RecoveryStore

PLATFORMS: list[Platform] = [
    Platform.EVENT,
    Platform.NUMBER,
    Platform.SENSOR,
    Platform.SWITCH,
]

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the actions once for all entries."""
    async_setup_services(hass)
    return True


async def async_setup_entry(
    hass: HomeAssistant, entry: RecoveryRoutinesConfigEntry
) -> bool:
    """Set up one routine from a config entry."""
    store = RecoveryStore(hass, entry.entry_id)
    await store.async_load()
    heat = HeatController(hass, entry, store)
    await heat.async_load_texts()
    entry.runtime_data = RuntimeData(heat=heat)
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    # Start only once the entities listen, so they record what recovery does.
    heat.async_start()
    entry.async_on_unload(entry.add_update_listener(_async_options_updated))
    return True


async def _async_options_updated(
    hass: HomeAssistant, entry: RecoveryRoutinesConfigEntry
) -> None:
    """Apply new options in place: a reload would end a running session."""
    entry.runtime_data.heat.async_apply_options(entry)


async def async_unload_entry(
    hass: HomeAssistant, entry: RecoveryRoutinesConfigEntry
) -> bool:
    """Switch the heating pad off first, then unload."""
    await entry.runtime_data.heat.async_unload()
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)


async def async_remove_entry(
    hass: HomeAssistant, entry: RecoveryRoutinesConfigEntry
) -> None:
    """Delete the stored data of a removed entry."""
    await RecoveryStore(hass, entry.entry_id).async_remove()
