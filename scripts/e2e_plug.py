"""End to end on a real plug stack: Mosquitto, Home Assistant's MQTT, a plug.

`input_boolean` cannot show what a plug does while Home Assistant is down. Here
a simulated plug process (scripts/plugsim.py) keeps its relay, meter and own
timer outside Home Assistant and logs every change with the time. Scenarios:

1. SIGTERM mid-session: the plug is off within 5 s, stays off while Home
   Assistant is down, is on again after the start, and off at the deadline.
2. SIGKILL mid-session: nothing in Home Assistant runs; the plug's own
   countdown switches it off at the deadline plus the margin; then again with
   the README's Tasmota script (RuleTimer1) as the backstop.
3. The plug drops off the network across the deadline: a fault while it is
   away, off at once when it is back.
4. A plug that ignores "off": a fault within about 20 s, cleared once it obeys.
5. Power while the plug reports off: a fault after 30 s, cleared when it stops.

Usage: python scripts/e2e_plug.py [--repeat N]   (N runs of 1 and 2, medians)
Run it with scripts/e2e, which installs Mosquitto and prepares the venv.
"""

from __future__ import annotations

from collections.abc import Iterator
import contextlib
from datetime import datetime
import json
from pathlib import Path
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

from paho.mqtt import publish
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
    wait_for,
)

CONFIG = (
    base_config("E2E plug")
    + """
script:
  heating_pad_timer:
    sequence:
      # The README's Tasmota recipe, word for word but for the topic.
      - action: mqtt.publish
        data:
          topic: cmnd/rrsim/RuleTimer1
          payload: "{{ seconds if phase != 'stop' else 0 }}"
logger:
  default: warning
  logs:
    custom_components.recovery_routines: debug
"""
)
PLUG = "switch.sim_plug_heating_pad"
POWER = "sensor.sim_plug_power"
COUNTDOWN = "number.sim_plug_countdown"
STATUS = "sensor.back_care_heat_status"
MARGIN_MINUTES = 1


def free_port() -> int:
    """Return a local TCP port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def broker(workdir: Path) -> Iterator[int]:
    """Run Mosquitto on a free local port; stop it by its PID."""
    port = free_port()
    config = workdir / "mosquitto.conf"
    config.write_text(
        f"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\n"
    )
    process = subprocess.Popen(
        ["mosquitto", "-c", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=(workdir / "mosquitto.log").open("w"),
    )
    try:
        wait_for(lambda: _listens(port), 10, "Mosquitto")
        yield port
    finally:
        process.terminate()
        process.wait(10)


def _listens(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port)):
        return True
    return False


class Plug:
    """The simulated plug process and what it logged."""

    def __init__(self, port: int, log_file: Path) -> None:
        """Start the plug on the broker at `port`."""
        self.log_file = log_file
        self.port = port
        self.process = subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).parent / "plugsim.py"),
                str(port),
                str(log_file),
            ]
        )
        wait_for(
            lambda: any(e["event"] == "connected" for e in self.events()),
            10,
            "the plug",
        )

    def events(self) -> list[dict[str, Any]]:
        """Return everything the plug logged."""
        if not self.log_file.exists():
            return []
        return [json.loads(line) for line in self.log_file.read_text().splitlines()]

    def relay_changes(self, since: float) -> list[dict[str, Any]]:
        """Return the relay's changes since `since` (a time.time())."""
        return [
            e for e in self.events() if e["event"] in ("on", "off") and e["t"] >= since
        ]

    def is_on(self) -> bool:
        """Whether the relay is on now, by its own log."""
        changes = self.relay_changes(0)
        return bool(changes) and changes[-1]["event"] == "on"

    def control(self, mode: str) -> None:
        """Put the plug in a fault mode (or back to normal)."""
        publish.single("rrsim/control", mode, hostname="127.0.0.1", port=self.port)

    def stop(self) -> None:
        """Stop the plug process."""
        self.process.terminate()
        self.process.wait(10)


def setup_stack(token: str, mqtt_port: int) -> str:
    """Add MQTT and the routine through their config flows; return the entry id."""
    flow = request(
        "POST", "/api/config/config_entries/flow", token, body={"handler": "mqtt"}
    )
    # Newer releases fold the broker's other settings into a section, with
    # required fields the frontend fills in with what it shows.
    sections = {
        field["name"]: {
            inner["name"]: _as_shown(inner)
            for inner in field["schema"]
            if inner.get("required") and "default" not in inner
        }
        for field in flow["data_schema"]
        if field.get("type") == "expandable"
    }
    created = request(
        "POST",
        f"/api/config/config_entries/flow/{flow['flow_id']}",
        token,
        body={**sections, "broker": "127.0.0.1", "port": mqtt_port},
    )
    assert created["type"] == "create_entry", created
    wait_for(
        lambda: _exists(token, PLUG) and _exists(token, COUNTDOWN), 60, "MQTT discovery"
    )
    add_routine(token, "Back care", PLUG)
    entries = request(
        "GET", "/api/config/config_entries/entry?domain=recovery_routines", token
    )
    entry_id = str(entries[0]["entry_id"])
    set_backstop(token, entry_id, backstop_entity=COUNTDOWN)
    return entry_id


def _as_shown(field: dict[str, Any]) -> Any:
    """Return what the frontend shows in an empty required field."""
    selector = field.get("selector", {})
    if "select" in selector:
        option = selector["select"]["options"][0]
        return option["value"] if isinstance(option, dict) else option
    return False


def set_backstop(token: str, entry_id: str, **backstop: str) -> None:
    """Choose the plug's own off timer in the options, as a person does."""
    flow = request(
        "POST",
        "/api/config/config_entries/options/flow",
        token,
        body={"handler": entry_id},
    )
    sections: dict[str, dict[str, Any]] = {
        field["name"]: {} for field in flow["data_schema"]
    }
    sections["backstop"] = {
        **backstop,
        "backstop_margin_minutes": MARGIN_MINUTES,
        "power_sensor": POWER,
    }
    done = request(
        "POST",
        f"/api/config/config_entries/options/flow/{flow['flow_id']}",
        token,
        body=sections,
    )
    assert done["type"] == "create_entry", done


def _exists(token: str, entity_id: str) -> bool:
    return current(token, entity_id) is not None


def ready() -> str:
    """Log in after a start; return the token once the plug is loaded."""
    token = login_again()
    wait_for(lambda: current(token, PLUG) in ("on", "off"), 60, "the plug over MQTT")
    wait_for(lambda: current(token, STATUS) != "unavailable", 30, "the routine")
    return token


def start_heat(token: str, minutes: int = 1) -> datetime:
    """Start a session; return its deadline."""
    answer = request(
        "POST",
        "/api/services/recovery_routines/start_heat?return_response",
        token,
        body={"minutes": minutes},
    )
    return datetime.fromisoformat(answer["service_response"]["ends_at"])


def call(token: str, service: str, **data: Any) -> None:
    """Call an action of the integration."""
    request("POST", f"/api/services/recovery_routines/{service}", token, body=data)


def off_after(plug: Plug, since: float, seconds: float) -> dict[str, Any]:
    """Wait for the relay to go off after `since`; return that change."""
    wait_for(
        lambda: any(e["event"] == "off" for e in plug.relay_changes(since)),
        seconds,
        "the relay to go off",
    )
    return next(e for e in plug.relay_changes(since) if e["event"] == "off")


def sigterm_scenario(config_dir: Path, log_file: Path, plug: Plug) -> float:
    """Scenario 1; return the seconds from SIGTERM to the relay off."""
    with running_hass(config_dir, log_file) as hass:
        token = ready()
        ends_at = start_heat(token)
        wait_for(plug.is_on, 10, "the relay on")
        time.sleep(10)
        stopped_at = time.time()
        hass.send_signal(signal.SIGTERM)
        off = off_after(plug, stopped_at, 10)
        to_off = off["t"] - stopped_at
        log(f"SIGTERM: relay off {to_off:.2f} s later")
        assert to_off <= 5, f"relay off {to_off:.2f} s after SIGTERM"
        hass.wait(60)
    down_since = time.time()
    time.sleep(3)
    with running_hass(config_dir, log_file):
        wait_for(plug.is_on, 60, "the session to resume")
        back_on = plug.relay_changes(down_since)
        assert [e["event"] for e in back_on] == ["on"], back_on
        log(f"resumed: relay on {back_on[0]['t'] - down_since:.1f} s after the stop")
        off = off_after(plug, back_on[0]["t"], ends_at.timestamp() - time.time() + 15)
        late = off["t"] - ends_at.timestamp()
        log(f"resumed session: relay off {late:+.2f} s after the original deadline")
        assert -0.5 <= late <= 2, late
        assert "countdown cancelled" in [e["event"] for e in plug.events()]
    return to_off


def sigkill_scenario(
    config_dir: Path, log_file: Path, plug: Plug, timer: str = "countdown"
) -> float:
    """Scenario 2; return when the plug's own timer switched it off, after the deadline.

    `timer` "ruletimer" uses the README's Tasmota script instead of the
    countdown entity.
    """
    with running_hass(config_dir, log_file) as hass:
        token = ready()
        if timer == "ruletimer":
            entry_id = request(
                "GET",
                "/api/config/config_entries/entry?domain=recovery_routines",
                token,
            )[0]["entry_id"]
            set_backstop(token, entry_id, backstop_script="script.heating_pad_timer")
        wait_for(lambda: current(token, STATUS) in ("idle", "resting"), 30, "idle")
        started = time.time()
        ends_at = start_heat(token)
        wait_for(lambda: _armed_since(plug, started, timer), 10, "the timer armed")
        time.sleep(5)
        hass.kill()
        hass.wait()
        killed_at = time.time()
        log("SIGKILL: Home Assistant is dead")
        off = off_after(
            plug, killed_at, ends_at.timestamp() - killed_at + 60 * MARGIN_MINUTES + 20
        )
        late = off["t"] - ends_at.timestamp()
        log(
            f"plug's own countdown: relay off {late:+.1f} s after the deadline (by {off['by']})"
        )
        assert off["by"] == timer, off
        assert 60 * MARGIN_MINUTES - 2 <= late <= 60 * MARGIN_MINUTES + 2, late
    return late


def _armed_since(plug: Plug, since: float, timer: str) -> bool:
    return any(
        e["event"].startswith(f"{timer} ")
        and e["event"] != f"{timer} cancelled"
        and e["t"] >= since
        for e in plug.events()
    )


def fault_scenarios(config_dir: Path, log_file: Path, plug: Plug) -> None:
    """Scenarios 3 to 5 on one run of Home Assistant."""
    with running_hass(config_dir, log_file):
        token = ready()
        wait_for(lambda: current(token, STATUS) in ("idle", "resting"), 30, "idle")

        # 3. Offline across the deadline.
        ends_at = start_heat(token)
        time.sleep(max(ends_at.timestamp() - time.time() - 15, 0))
        plug.control("offline")
        wait_for(lambda: current(token, PLUG) == "unavailable", 10, "unavailable")
        wait_for(
            lambda: current(token, STATUS) == "fault",
            ends_at.timestamp() - time.time() + 30,
            "a fault",
        )
        log(
            f"offline: fault {time.time() - ends_at.timestamp():.1f} s after the deadline"
        )
        assert plug.is_on()
        back = time.time()
        plug.control("online")
        off = off_after(plug, back, 5)
        log(f"back online: relay off {off['t'] - back:.2f} s later")
        wait_for(lambda: current(token, STATUS) != "fault", 10, "the fault cleared")

        # 4. A plug that ignores "off".
        wait_for(lambda: current(token, STATUS) in ("idle", "resting"), 10, "idle")
        plug.control("ignore_off")
        start_heat(token)
        asked = time.time()
        call(token, "stop_heat")
        wait_for(lambda: current(token, STATUS) == "fault", 30, "a fault")
        log(f"ignores off: fault {time.time() - asked:.1f} s after the stop")
        plug.control("normal")
        wait_for(lambda: not plug.is_on(), 15, "the retry to switch it off")
        wait_for(lambda: current(token, STATUS) != "fault", 10, "the fault cleared")

        # 5. Power while the plug reports off.
        plug.control("draw_while_off")
        drawing = time.time()
        wait_for(lambda: current(token, STATUS) == "fault", 40, "a power fault")
        log(f"power while off: fault {time.time() - drawing:.1f} s later")
        plug.control("normal")
        wait_for(
            lambda: current(token, STATUS) != "fault", 10, "the power fault cleared"
        )


def main() -> None:
    """Run the scenarios."""
    repeat = (
        int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 1
    )
    workdir = Path(tempfile.mkdtemp(prefix="recovery-routines-e2e-plug-"))
    config_dir = workdir / "config"
    config_dir.mkdir()
    log_file = config_dir / "hass.log"
    prepare_config(config_dir, CONFIG)
    try:
        with broker(workdir) as mqtt_port:
            plug = Plug(mqtt_port, workdir / "plug.jsonl")
            try:
                with running_hass(config_dir, log_file):
                    token = onboard()["access_token"]
                    setup_stack(token, mqtt_port)
                    log(
                        "MQTT, the plug and the routine added through their config flows"
                    )
                to_off = [
                    sigterm_scenario(config_dir, log_file, plug) for _ in range(repeat)
                ]
                firmware = [
                    sigkill_scenario(config_dir, log_file, plug) for _ in range(repeat)
                ]
                sigkill_scenario(config_dir, log_file, plug, timer="ruletimer")
                fault_scenarios(config_dir, log_file, plug)
            finally:
                plug.stop()
        log(
            f"medians of {repeat}: SIGTERM to relay off {statistics.median(to_off):.2f} s;"
            f" after SIGKILL the plug's own timer switched off"
            f" {statistics.median(firmware):+.1f} s after the deadline"
            f" (margin {MARGIN_MINUTES} min)"
        )
        log("PASSED")
    except BaseException:
        report_failure(log_file)
        raise
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
