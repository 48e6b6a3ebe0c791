"""Recovery Routines: heat sessions with a safety cutoff for back-pain recovery."""

from __future__ import annotations

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv, issue_registry as ir
from homeassistant.helpers.typing import ConfigType

from .card import async_register_card
from .cold.pack import ColdPackTimer
from .common.notifier import Notifier
from .common.store import RecoveryStore
from .const import DOMAIN, Notice
from .data import RecoveryRoutinesConfigEntry, RuntimeData
from .guided.guide import RoutineGuide
from .guided.own import own_routines
from .guided.speaker import CueSpeaker
from .heat.controller import HeatController
from .heat.faults import ISSUE_KINDS
from .plan.episode import EpisodeTracker
from .plan.notices import issue_id
from .plan.offers import PlanOffers
from .services import async_setup_services
from .stretches.reminders import ReminderScheduler
from .stretches.tracker import RoutineTracker
from .voice.sentences import async_sync_sentences

PLATFORMS: list[Platform] = [
    Platform.BUTTON,
    Platform.CALENDAR,
    Platform.EVENT,
    Platform.NUMBER,
    Platform.SELECT,
    Platform.SENSOR,
    Platform.SWITCH,
    Platform.TODO,
]

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the actions and the countdown card once for all entries."""
    async_setup_services(hass)
    await async_register_card(hass)
    return True


async def async_setup_entry(
    hass: HomeAssistant, entry: RecoveryRoutinesConfigEntry
) -> bool:
    """Set up one routine from a config entry."""
    store = RecoveryStore(hass, entry.entry_id)
    await store.async_load()
    notifier = Notifier(hass, entry)
    await notifier.async_load_texts()
    heat = HeatController(hass, entry, store)
    await heat.async_load_texts()
    routines = RoutineTracker(hass, entry, store)
    cold = ColdPackTimer(hass, entry, store, routines, notifier)
    reminders = ReminderScheduler(hass, entry, store, routines, notifier)
    guide = RoutineGuide(hass, heat, cold, routines, notifier)
    reminders.routine_name = lambda: guide.selected
    episode = EpisodeTracker(
        hass,
        entry,
        store,
        tracker=routines,
        reminders=reminders,
        heat=heat,
        guide=guide,
        notifier=notifier,
    )
    entry.runtime_data = RuntimeData(
        heat=heat,
        routines=routines,
        reminders=reminders,
        cold=cold,
        notifier=notifier,
        guide=guide,
        speaker=CueSpeaker(hass, entry, notifier),
        episode=episode,
        offers=PlanOffers(
            hass, entry, episode=episode, heat=heat, guide=guide, notifier=notifier
        ),
    )
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    # Start only once the entities listen, so they record what recovery does.
    entry.async_on_unload(heat.async_add_event_listener(routines.async_record_heat))
    heat.async_start()
    routines.async_start()
    entry.runtime_data.reminders.async_start()
    entry.runtime_data.cold.async_start()
    entry.runtime_data.guide.async_set_own_routines(own_routines(entry))
    entry.runtime_data.guide.async_start()
    entry.runtime_data.episode.async_start()
    entry.runtime_data.offers.async_start()
    entry.async_on_unload(
        entry.runtime_data.guide.async_add_cue_listener(
            entry.runtime_data.speaker.async_say
        )
    )
    entry.async_on_unload(
        entry.runtime_data.guide.async_add_step_listener(
            entry.runtime_data.speaker.async_show_step
        )
    )
    entry.async_on_unload(entry.add_update_listener(_async_options_updated))
    # Voice sentences are a convenience: they never hold up or fail the setup.
    hass.async_create_task(async_sync_sentences(hass), "recovery_routines sentences")
    return True


async def _async_options_updated(
    hass: HomeAssistant, entry: RecoveryRoutinesConfigEntry
) -> None:
    """Apply new options in place: a reload would end a running session."""
    runtime = entry.runtime_data
    runtime.notifier.async_apply_options(entry)
    runtime.routines.async_apply_options(entry)
    runtime.reminders.async_apply_options(entry)
    runtime.cold.async_apply_options(entry)
    runtime.speaker.async_apply_options(entry)
    # Routines a person added, edited or deleted (config subentries).
    runtime.guide.async_set_own_routines(own_routines(entry))
    runtime.heat.async_apply_options(entry)
    runtime.episode.async_apply_options(entry)
    runtime.offers.async_apply_options(entry)
    await async_sync_sentences(hass)


async def async_unload_entry(
    hass: HomeAssistant, entry: RecoveryRoutinesConfigEntry
) -> bool:
    """Switch the heating pad off first, then unload."""
    runtime = entry.runtime_data
    # The routine first: it must not take the heat session's end for its own.
    runtime.guide.async_stop()
    await runtime.heat.async_unload()
    runtime.offers.async_stop()
    runtime.episode.async_stop()
    runtime.reminders.async_stop()
    runtime.cold.async_stop()
    runtime.routines.async_stop()
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)


async def async_remove_entry(
    hass: HomeAssistant, entry: RecoveryRoutinesConfigEntry
) -> None:
    """Delete the stored data and the repair issues of a removed entry.

    A "may still be on" notification stays: only a person can clear that.
    """
    await RecoveryStore(hass, entry.entry_id).async_remove()
    await async_sync_sentences(hass, removed_entry_id=entry.entry_id)
    for kind in ISSUE_KINDS:
        ir.async_delete_issue(hass, DOMAIN, f"{kind}_{entry.entry_id}")
    for notice in Notice:
        ir.async_delete_issue(hass, DOMAIN, issue_id(notice, entry.entry_id))
