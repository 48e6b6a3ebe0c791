"""A simulated smart plug on MQTT whose state lives outside Home Assistant.

It announces itself by MQTT discovery: a switch (the relay), a power sensor
and a countdown number in seconds that switches the relay off by itself, like
a Zigbee2MQTT plug's `countdown`. It also takes Tasmota's `RuleTimer1`
command, which with the rule `ON Rules#Timer=1 DO Power1 OFF ENDON` switches
the relay off when it runs out. Availability uses a last will, so a plug that
drops off the network shows as unavailable.

Fault modes, set on the topic `rrsim/control`: `normal`, `ignore_off` (the
relay stays on whatever it is told), `draw_while_off` (the meter shows power
while the relay reports off), `offline` (gone from the network: commands are
lost, its own timers still run) and `online`.

Every change of the relay is appended to a log file as a JSON line with the
time, so a test can tell what the plug did while Home Assistant was down.

Usage: python scripts/plugsim.py PORT LOGFILE
"""

from __future__ import annotations

import json
from pathlib import Path
import sys
import threading
import time
from typing import Any

import paho.mqtt.client as mqtt

BASE = "rrsim/plug"
AVAILABILITY = f"{BASE}/availability"
DEVICE = {"identifiers": ["rrsim_plug"], "name": "Sim plug"}
HEATING_WATTS = 60.0


class SimulatedPlug:
    """The relay, its meter and its own timers."""

    def __init__(self, port: int, log_file: Path) -> None:
        """Connect to the broker on `port`; log to `log_file`."""
        self.log_file = log_file
        self.on = False
        self.mode = "normal"
        self.timer_ends: float | None = None
        self.timer_kind = ""
        self.lock = threading.Lock()
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, "rrsim-plug")
        self.client.will_set(AVAILABILITY, "offline", retain=True)
        self.client.on_connect = self._on_connect
        self.client.on_message = self._on_message
        self.client.connect("127.0.0.1", port)

    def run(self) -> None:
        """Serve until killed; the firmware's timers tick here."""
        self.client.loop_start()
        while True:
            time.sleep(0.05)
            with self.lock:
                if self.timer_ends is not None and time.time() >= self.timer_ends:
                    self.timer_ends = None
                    self._switch(on=False, by=self.timer_kind)

    # ----- MQTT -----------------------------------------------------------

    def _on_connect(self, client: mqtt.Client, *_args: Any) -> None:
        for component, object_id, config in self._discovery():
            client.publish(
                f"homeassistant/{component}/{object_id}/config",
                json.dumps(config),
                retain=True,
            )
        client.subscribe(f"{BASE}/#")
        client.subscribe("cmnd/rrsim/#")
        client.subscribe("rrsim/control")
        client.publish(AVAILABILITY, "online", retain=True)
        self._publish_state()
        self._log("connected")

    def _discovery(self) -> list[tuple[str, str, dict[str, Any]]]:
        common = {"availability_topic": AVAILABILITY, "device": DEVICE}
        return [
            (
                "switch",
                "rrsim_plug",
                {
                    **common,
                    "name": "Heating pad",
                    "unique_id": "rrsim_plug_switch",
                    "command_topic": f"{BASE}/set",
                    "state_topic": f"{BASE}/state",
                },
            ),
            (
                "sensor",
                "rrsim_power",
                {
                    **common,
                    "name": "Power",
                    "unique_id": "rrsim_plug_power",
                    "state_topic": f"{BASE}/power",
                    "unit_of_measurement": "W",
                    "device_class": "power",
                    "state_class": "measurement",
                },
            ),
            (
                "number",
                "rrsim_countdown",
                {
                    **common,
                    "name": "Countdown",
                    "unique_id": "rrsim_plug_countdown",
                    "command_topic": f"{BASE}/countdown/set",
                    "state_topic": f"{BASE}/countdown",
                    "unit_of_measurement": "s",
                    "min": 0,
                    "max": 43200,
                    "mode": "box",
                },
            ),
        ]

    def _on_message(
        self, _client: mqtt.Client, _userdata: Any, message: mqtt.MQTTMessage
    ) -> None:
        payload = message.payload.decode()
        with self.lock:
            if message.topic == "rrsim/control":
                self._control(payload)
                return
            if self.mode == "offline":
                return  # Off the network: the command never arrives.
            if message.topic == f"{BASE}/set":
                if payload == "ON":
                    self._switch(on=True, by="command")
                elif self.mode != "ignore_off":
                    self._switch(on=False, by="command")
                else:
                    self._publish_state()
            elif message.topic == f"{BASE}/countdown/set":
                self._set_timer(float(payload), "countdown")
            elif message.topic == "cmnd/rrsim/RuleTimer1":
                self._set_timer(float(payload), "ruletimer")

    def _control(self, mode: str) -> None:
        self._log(f"mode {mode}")
        if mode == "offline":
            self.mode = "offline"
            self.client.publish(AVAILABILITY, "offline", retain=True)
            return
        if mode == "online":
            self.mode = "normal"
            self.client.publish(AVAILABILITY, "online", retain=True)
        else:
            self.mode = mode
        self._publish_state()

    # ----- the relay ------------------------------------------------------

    def _set_timer(self, seconds: float, kind: str) -> None:
        # A Zigbee2MQTT countdown only runs while the relay is on.
        if seconds <= 0 or (kind == "countdown" and not self.on):
            self.timer_ends = None
            self._log(f"{kind} cancelled")
        else:
            self.timer_ends = time.time() + seconds
            self.timer_kind = kind
            self._log(f"{kind} {seconds:g}")
        if kind == "countdown" and self.mode != "offline":
            self.client.publish(f"{BASE}/countdown", f"{seconds:g}", retain=True)

    def _switch(self, *, on: bool, by: str) -> None:
        if on != self.on:
            self.on = on
            self._log("on" if on else "off", by=by)
        if not on and self.timer_kind == "countdown":
            self.timer_ends = None
        self._publish_state()

    def _publish_state(self) -> None:
        if self.mode == "offline":
            return
        self.client.publish(f"{BASE}/state", "ON" if self.on else "OFF", retain=True)
        drawing = self.on or self.mode == "draw_while_off"
        self.client.publish(f"{BASE}/power", f"{HEATING_WATTS if drawing else 0.3}")

    def _log(self, event: str, by: str = "") -> None:
        line = {"t": time.time(), "event": event, "by": by}
        with self.log_file.open("a") as log:
            log.write(json.dumps(line) + "\n")


def main() -> None:
    """Run the plug."""
    SimulatedPlug(int(sys.argv[1]), Path(sys.argv[2])).run()


if __name__ == "__main__":
    main()
