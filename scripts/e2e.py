"""End to end on a real Home Assistant process, through its HTTP API only.

Starts `hass` on a fresh configuration directory, completes onboarding, adds
the integration through the config-flow REST API with a demo plug, runs a
1-minute heat session and checks the plug goes off within 2 s of the deadline,
restarts `hass` in the middle of a second session and checks the plug still
goes off at the original deadline, then reads the recorder's SQLite database.

Run it with scripts/e2e (which prepares the virtualenv).
"""

from __future__ import annotations

from collections.abc import Iterator
import contextlib
from datetime import UTC, datetime
import json
from pathlib import Path
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from typing import Any
import urllib.error
import urllib.parse
import urllib.request

REPO = Path(__file__).resolve().parent.parent
PORT = 18123
BASE = f"http://127.0.0.1:{PORT}"
CLIENT_ID = f"{BASE}/"
PLUG = "input_boolean.heating_pad"
SESSION = "switch.back_care_heat_session"
CONFIG = f"""
homeassistant:
  name: E2E
  time_zone: UTC
  unit_system: metric
  country: NL
  currency: EUR
  latitude: 52.37
  longitude: 4.89
  elevation: 0
http:
  server_host: 127.0.0.1
  server_port: {PORT}
frontend:
config:
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


def log(message: str) -> None:
    """Print a progress line."""
    print(f"e2e: {message}", flush=True)


def request(
    method: str,
    path: str,
    token: str | None = None,
    body: Any = None,
    form: dict[str, str] | None = None,
) -> Any:
    """Call the HTTP API and return the decoded JSON answer."""
    headers = {}
    data = None
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(
        f"{BASE}{path}", data=data, method=method, headers=headers
    )
    with urllib.request.urlopen(req, timeout=30) as response:
        text = response.read().decode()
    return json.loads(text) if text else None


@contextlib.contextmanager
def running_hass(config_dir: Path, log_file: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Run hass until the block ends; stop it the way a restart does."""
    with log_file.open("ab") as output:
        process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "hass"),
                "--config",
                str(config_dir),
                "--skip-pip",
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(_answers, 120, "Home Assistant to answer")
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _answers() -> bool:
    try:
        request("GET", "/api/onboarding")
    except (urllib.error.URLError, ConnectionError):
        return False
    return True


def wait_for(check: Any, seconds: float, what: str) -> None:
    """Poll `check` every 0.2 s until it holds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise SystemExit(f"e2e: FAILED waiting for {what}")


def onboard() -> str:
    """Create the owner through onboarding; return an access token."""
    answer = request(
        "POST",
        "/api/onboarding/users",
        body={
            "client_id": CLIENT_ID,
            "name": "E2E",
            "username": "e2e",
            "password": "recovery-routines-e2e",
            "language": "en",
        },
    )
    return login(answer["auth_code"])


def login(code: str) -> str:
    """Exchange an authorization code for an access token."""
    token = request(
        "POST",
        "/auth/token",
        form={"grant_type": "authorization_code", "code": code, "client_id": CLIENT_ID},
    )
    return str(token["access_token"])


def login_again() -> str:
    """Log in with the owner's password after a restart."""
    flow = request(
        "POST",
        "/auth/login_flow",
        body={
            "client_id": CLIENT_ID,
            "handler": ["homeassistant", None],
            "redirect_uri": CLIENT_ID,
        },
    )
    result = request(
        "POST",
        f"/auth/login_flow/{flow['flow_id']}",
        body={
            "client_id": CLIENT_ID,
            "username": "e2e",
            "password": "recovery-routines-e2e",
        },
    )
    return login(result["result"])


def state(token: str, entity_id: str) -> str:
    """Return an entity's state over the API."""
    return str(request("GET", f"/api/states/{entity_id}", token)["state"])


def plug_goes_off(token: str, ends_at: datetime) -> float:
    """Wait for the plug to be off; return how late after the deadline."""
    wait_for(
        lambda: state(token, PLUG) == "off",
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
    (config_dir / "configuration.yaml").write_text(CONFIG)
    (config_dir / "custom_components").mkdir()
    (config_dir / "custom_components" / "recovery_routines").symlink_to(
        REPO / "custom_components" / "recovery_routines"
    )
    log(f"config in {config_dir}")
    try:
        with running_hass(config_dir, log_file):
            token = onboard()
            log("onboarded")
            flow = request(
                "POST",
                "/api/config/config_entries/flow",
                token,
                body={"handler": "recovery_routines", "show_advanced_options": False},
            )
            created = request(
                "POST",
                f"/api/config/config_entries/flow/{flow['flow_id']}",
                token,
                body={"name": "Back care", "heat_switch": PLUG},
            )
            assert created["type"] == "create_entry", created
            wait_for(lambda: state(token, SESSION) == "off", 30, "the entities")
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
        log(f"FAILED; the end of {log_file}:")
        print(log_file.read_text(errors="replace")[-5000:], flush=True)
        raise
    finally:
        shutil.rmtree(config_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
