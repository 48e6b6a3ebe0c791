"""Benchmark Recovery Routines against the do-it-yourself setups people use.

On one real Home Assistant process, three heating pads (demo plugs) run side by
side, each switched on at the same moment:

- recovery_routines: the integration, heat duration 1 minute;
- delay: an automation "plug on -> delay 1 minute -> plug off";
- timer: a timer helper (restore on) started when the plug turns on, and an
  automation that switches the plug off when the timer finishes.

Sessions are shortened to 1 minute for all three alike. Measured per run: the
recorder state rows each setup writes for one session, how late after the
deadline its plug goes off, and what happens to the plug when Home Assistant
restarts mid-session. Then the setup time of 1 and of 50 config entries.
Prints a Markdown report (medians of RUNS runs) for docs/benchmarks.md.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
import shutil
import sqlite3
import statistics
import tempfile
import time

from realhass import (
    add_routine,
    base_config,
    log,
    login_again,
    onboard,
    prepare_config,
    request,
    running_hass,
    state,
    wait_for,
)

RUNS = 3
SESSION = timedelta(minutes=1)
PLUGS = {
    "recovery_routines": "input_boolean.pad_rr",
    "delay": "input_boolean.pad_delay",
    "timer": "input_boolean.pad_timer",
}
OWN_ENTITIES = {
    "recovery_routines": (
        "switch.",
        "sensor.",
        "event.",
        "number.",
        "button.",
        "todo.",
    ),
    "delay": ("automation.pad_delay",),
    "timer": ("timer.pad_timer", "automation.pad_timer"),
}
EXTRA_PLUGS = 50

CONFIG = (
    base_config("Bench")
    + f"""
recorder:
  commit_interval: 0
logger:
  default: warning
input_boolean:
  pad_rr:
    name: Pad RR
  pad_delay:
    name: Pad delay
  pad_timer:
    name: Pad timer
{"".join(f"  pad_{n:02d}:{chr(10)}    name: Pad {n:02d}{chr(10)}" for n in range(EXTRA_PLUGS))}
timer:
  pad_timer:
    duration: "00:01:00"
    restore: true
automation:
  - id: pad_delay
    alias: pad delay
    mode: restart
    triggers:
      - trigger: state
        entity_id: input_boolean.pad_delay
        to: "on"
    actions:
      - delay: "00:01:00"
      - action: input_boolean.turn_off
        target:
          entity_id: input_boolean.pad_delay
  - id: pad_timer_start
    alias: pad timer start
    triggers:
      - trigger: state
        entity_id: input_boolean.pad_timer
        to: "on"
    actions:
      - action: timer.start
        target:
          entity_id: timer.pad_timer
  - id: pad_timer_stop
    alias: pad timer stop
    triggers:
      - trigger: event
        event_type: timer.finished
        event_data:
          entity_id: timer.pad_timer
    actions:
      - action: input_boolean.turn_off
        target:
          entity_id: input_boolean.pad_timer
"""
)


def switch_all_on(token: str) -> datetime:
    """Switch the three plugs on, as their own buttons would."""
    began = datetime.now(UTC)
    for plug in PLUGS.values():
        request(
            "POST", "/api/services/input_boolean/turn_on", token, {"entity_id": plug}
        )
    return began


def off_times(token: str, began: datetime, limit: float) -> dict[str, float | None]:
    """Seconds after the 1-minute deadline each plug went off (None: never)."""
    deadline = began + SESSION
    result: dict[str, float | None] = dict.fromkeys(PLUGS)
    end = time.monotonic() + limit
    while time.monotonic() < end and None in result.values():
        for name, plug in PLUGS.items():
            if result[name] is None and state(token, plug) == "off":
                result[name] = (datetime.now(UTC) - deadline).total_seconds()
        time.sleep(0.1)
    return result


def rows_written(database: Path, since: datetime) -> dict[str, int]:
    """State rows each setup wrote since `since`, its plug included."""
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT states_meta.entity_id, COUNT(*) FROM states JOIN states_meta"
            " ON states.metadata_id = states_meta.metadata_id"
            " WHERE states.last_updated_ts >= ? GROUP BY states_meta.entity_id",
            (since.timestamp(),),
        ).fetchall()
    counts = dict.fromkeys(PLUGS, 0)
    for entity_id, count in rows:
        for name, plug in PLUGS.items():
            own = entity_id == plug or (
                entity_id.startswith(OWN_ENTITIES[name])
                and (name != "recovery_routines" or "pad_rr" in entity_id)
            )
            if own:
                counts[name] += count
    return counts


def entries_loaded(token: str) -> bool:
    """Return whether every routine is loaded."""
    return all(
        entry["state"] == "loaded"
        for entry in request("GET", "/api/config/config_entries/entry", token)
        if entry["domain"] == "recovery_routines"
    )


def describe_restart(values: list[float | None]) -> str:
    """Say what the plug did after restarts."""
    stayed_on = sum(value is None for value in values)
    if stayed_on:
        return f"plug stays on ({stayed_on} of {len(values)} runs)"
    return f"off {statistics.median(v for v in values if v is not None):+.2f} s after the deadline"


def median(values: list[float]) -> str:
    """Return the median, formatted."""
    return f"{statistics.median(values):.2f}"


def main() -> None:
    """Run the benchmark and print the report."""
    config_dir = Path(tempfile.mkdtemp(prefix="recovery-routines-bench-"))
    log_file = config_dir / "hass.log"
    prepare_config(config_dir, CONFIG)
    database = config_dir / "home-assistant_v2.db"
    rows: dict[str, list[float]] = {name: [] for name in PLUGS}
    late: dict[str, list[float]] = {name: [] for name in PLUGS}
    restart: dict[str, list[float | None]] = {name: [] for name in PLUGS}
    startup_1: list[float] = []
    setups: list[float] = []
    try:
        with running_hass(config_dir, log_file):
            token = onboard()["access_token"]
            first_setup = add_routine(token, "Pad RR", PLUGS["recovery_routines"])
            request(
                "POST",
                "/api/services/number/set_value",
                token,
                {"entity_id": "number.pad_rr_heat_duration", "value": 1},
            )
            for run in range(RUNS):
                time.sleep(2)
                began = switch_all_on(token)
                result = off_times(token, began, 120)
                time.sleep(2)
                counts = rows_written(database, began - timedelta(seconds=1))
                for name in PLUGS:
                    late[name].append(result[name] if result[name] is not None else 999)
                    rows[name].append(counts[name])
                log(f"run {run + 1}: off after deadline {result}, rows {counts}")
        for run in range(RUNS):
            with running_hass(config_dir, log_file):
                token = login_again()
                time.sleep(2)
                began = switch_all_on(token)
                time.sleep(20)
                log(f"restart run {run + 1}: restarting mid-session")
            began_start = time.monotonic()
            with running_hass(config_dir, log_file):
                token = login_again()
                wait_for(
                    lambda token=token: entries_loaded(token), 120, "the entry to load"
                )
                startup_1.append(time.monotonic() - began_start)
                result = off_times(
                    token,
                    began,
                    (began + SESSION - datetime.now(UTC)).total_seconds() + 60,
                )
                for name, value in result.items():
                    restart[name].append(value)
                    # Leave every plug off for the next run.
                    request(
                        "POST",
                        "/api/services/input_boolean/turn_off",
                        token,
                        {"entity_id": PLUGS[name]},
                    )
                log(f"restart run {run + 1}: {result}")
        with running_hass(config_dir, log_file):
            token = login_again()
            setups = [
                add_routine(token, f"Pad {n:02d}", f"input_boolean.pad_{n:02d}")
                for n in range(EXTRA_PLUGS - 1)
            ]
        # Start-up with all 50 entries, until every one is loaded.
        began_start = time.monotonic()
        with running_hass(config_dir, log_file):
            token = login_again()
            wait_for(lambda: entries_loaded(token), 120, "all entries to load")
            startup_50 = time.monotonic() - began_start
    finally:
        shutil.rmtree(config_dir, ignore_errors=True)

    print()
    print(f"Runs: {RUNS}; sessions shortened to {SESSION.seconds // 60} minute.")
    print()
    print("| | Recovery Routines | delay automation | timer helper + 2 automations |")
    print("| --- | --- | --- | --- |")
    print(
        "| State rows per session (median) | "
        + " | ".join(median(rows[name]) for name in PLUGS)
        + " |"
    )
    print(
        "| Plug off after the deadline, s (median) | "
        + " | ".join(median(late[name]) for name in PLUGS)
        + " |"
    )
    print(
        "| Restart mid-session | "
        + " | ".join(describe_restart(restart[name]) for name in PLUGS)
        + " |"
    )
    print()
    print(f"Setup of the first entry through the config flow: {first_setup:.3f} s;")
    print(
        f"entries 2 to {EXTRA_PLUGS} (median): {median(setups)} s, "
        f"slowest {max(setups):.3f} s."
    )
    print(
        "Start of the whole Home Assistant process until the entries are loaded: "
        f"with 1 entry {median(startup_1)} s (median), with {EXTRA_PLUGS} entries "
        f"{startup_50:.2f} s."
    )


if __name__ == "__main__":
    main()
