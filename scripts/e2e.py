"""End to end on a real Home Assistant process, through its HTTP API only.

Starts `hass` on a fresh configuration directory, completes onboarding, adds
the integration through the config-flow REST API with a demo plug, runs a
1-minute heat session and checks the plug goes off within 2 s of the deadline,
restarts `hass` in the middle of a second session and checks that the plug is
on again after the start and goes off at the original deadline, then reads the recorder's SQLite database.

Run it with scripts/e2e (which prepares the virtualenv).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
import shutil
import sqlite3
import tempfile
import time

from realhass import (
    add_routine,
    base_config,
    current,
    log,
    login_again,
    onboard,
    prepare_config,
    report_failure,
    request,
    running_hass,
    state,
    wait_for,
)

CONFIG = (
    base_config("E2E")
    + """
history:
logbook:
recorder:
  commit_interval: 0
logger:
  default: warning
  logs:
    custom_components.recovery_routines: debug
input_boolean:
  heating_pad:
    name: Heating pad plug
"""
)

PLUG = "input_boolean.heating_pad"
SESSION = "switch.back_care_heat_session"


def plug_goes_off(token: str, ends_at: datetime) -> float:
    """Wait for the plug to be off; return how late after the deadline."""
    wait_for(
        lambda: current(token, PLUG) == "off",
        (ends_at - datetime.now(UTC)).total_seconds() + 30,
        "the plug to go off",
    )
    return (datetime.now(UTC) - ends_at).total_seconds()


def start_heat(token: str) -> datetime:
    """Start a 1-minute session; return its deadline."""
    answer = request(
        "POST",
        "/api/services/recovery_routines/start_heat?return_response",
        token,
        body={"minutes": 1},
    )
    return datetime.fromisoformat(answer["service_response"]["ends_at"])


def main() -> None:
    """Run the end-to-end checks."""
    config_dir = Path(tempfile.mkdtemp(prefix="recovery-routines-e2e-"))
    log_file = config_dir / "hass.log"
    prepare_config(config_dir, CONFIG)
    log(f"config in {config_dir}")
    try:
        with running_hass(config_dir, log_file):
            token = onboard()["access_token"]
            log("onboarded")
            add_routine(token, "Back care", PLUG)
            wait_for(lambda: current(token, SESSION) == "off", 30, "the entities")
            log("integration added through the config flow")

            ends_at = start_heat(token)
            assert state(token, PLUG) == "on", "plug not on after start_heat"
            late = plug_goes_off(token, ends_at)
            log(f"session 1: plug off {late:+.2f} s after the deadline")
            assert -0.5 <= late <= 2, f"plug went off {late:.2f} s after the deadline"

            # The heat budget of session 1 is in the run; 1 more minute is fine.
            ends_at = start_heat(token)
            time.sleep(15)
            log("restarting Home Assistant in the middle of session 2")
        with running_hass(config_dir, log_file):
            token = login_again()
            # The stop switched the plug off; the session resumes at the start.
            wait_for(lambda: current(token, PLUG) == "on", 60, "the session to resume")
            late = plug_goes_off(token, ends_at)
            log(
                f"session 2 across a restart: plug off {late:+.2f} s after the deadline"
            )
            assert -0.5 <= late <= 2, f"plug went off {late:.2f} s after the deadline"
            time.sleep(2)

        database = sqlite3.connect(config_dir / "home-assistant_v2.db")
        rows = database.execute(
            "SELECT states.state FROM states JOIN states_meta"
            " ON states.metadata_id = states_meta.metadata_id"
            " WHERE states_meta.entity_id = ? ORDER BY states.last_updated_ts",
            (SESSION,),
        ).fetchall()
        history = [row[0] for row in rows]
        log(f"recorder history of {SESSION}: {history}")
        assert history.count("on") >= 2, history
        events = database.execute(
            "SELECT COUNT(*) FROM states JOIN states_meta"
            " ON states.metadata_id = states_meta.metadata_id"
            " WHERE states_meta.entity_id = 'event.back_care_heat_events'"
        ).fetchone()[0]
        assert events >= 4, events
        log("PASSED")
    except BaseException:
        report_failure(log_file)
        raise
    finally:
        shutil.rmtree(config_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
