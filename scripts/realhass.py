"""Helpers to drive a real Home Assistant process through its HTTP API.

Shared by scripts/e2e.py and scripts/bench.py; not part of the integration.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
import contextlib
import json
import os
from pathlib import Path
import signal
import subprocess
import sys
import time
from typing import Any
import urllib.error
import urllib.parse
import urllib.request

REPO = Path(__file__).resolve().parent.parent
# Not 8123: scripts/develop may be running.
PORT = int(os.environ.get("RECOVERY_ROUTINES_PORT", "18123"))
BASE = f"http://127.0.0.1:{PORT}"
CLIENT_ID = f"{BASE}/"
USERNAME = "owner"
PASSWORD = "recovery-routines-test"


def log(message: str) -> None:
    """Print a progress line."""
    print(f"{Path(sys.argv[0]).stem}: {message}", flush=True)


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


def base_config(name: str) -> str:
    """Return the start of a configuration: the place, and the HTTP server."""
    return f"""
homeassistant:
  name: {name}
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
"""


def prepare_config(config_dir: Path, configuration: str) -> None:
    """Write a configuration with the integration linked in."""
    (config_dir / "configuration.yaml").write_text(configuration)
    (config_dir / "custom_components").mkdir()
    (config_dir / "custom_components" / "recovery_routines").symlink_to(
        REPO / "custom_components" / "recovery_routines"
    )


@contextlib.contextmanager
def running_hass(config_dir: Path, log_file: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Run hass until the block ends; stop it the way a restart does."""
    if _answers():
        # Another Home Assistant (scripts/develop, another run) would answer.
        raise SystemExit(
            f"{Path(sys.argv[0]).stem}: port {PORT} is in use; set RECOVERY_ROUTINES_PORT"
        )
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
        request("GET", "/api/")
    except urllib.error.HTTPError:
        return True  # 401 without a token: the HTTP server is up
    except (urllib.error.URLError, ConnectionError):
        return False
    return True


def wait_for(check: Callable[[], bool], seconds: float, what: str) -> None:
    """Poll `check` every 0.2 s until it holds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise SystemExit(f"e2e: FAILED waiting for {what}")


def onboard() -> dict[str, Any]:
    """Complete onboarding as a new owner would; return the owner's tokens."""
    answer = request(
        "POST",
        "/api/onboarding/users",
        body={
            "client_id": CLIENT_ID,
            "name": "Owner",
            "username": USERNAME,
            "password": PASSWORD,
            "language": "en",
        },
    )
    tokens: dict[str, Any] = request(
        "POST",
        "/auth/token",
        form={
            "grant_type": "authorization_code",
            "code": answer["auth_code"],
            "client_id": CLIENT_ID,
        },
    )
    for step, body in (
        ("core_config", {}),
        ("analytics", {}),
        ("integration", {"client_id": CLIENT_ID, "redirect_uri": CLIENT_ID}),
    ):
        request("POST", f"/api/onboarding/{step}", tokens["access_token"], body=body)
    onboarding = request("GET", "/api/onboarding")
    assert all(step["done"] for step in onboarding), onboarding
    return tokens


def add_routine(token: str, name: str, plug: str) -> float:
    """Add a routine through the config-flow API; return the seconds it took."""
    began = time.monotonic()
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
        body={"name": name, "heat_switch": plug},
    )
    assert created["type"] == "create_entry", created
    return time.monotonic() - began


def report_failure(log_file: Path) -> None:
    """Show the end of Home Assistant's log after a failed check."""
    log(f"FAILED; the end of {log_file}:")
    print(log_file.read_text(errors="replace")[-5000:], flush=True)


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
            "username": USERNAME,
            "password": PASSWORD,
        },
    )
    return login(result["result"])


def state(token: str, entity_id: str) -> str:
    """Return an entity's state over the API."""
    return str(request("GET", f"/api/states/{entity_id}", token)["state"])


def current(token: str, entity_id: str) -> str | None:
    """Return an entity's state, or None while it does not exist yet.

    Home Assistant answers HTTP before every integration has loaded.
    """
    try:
        return state(token, entity_id)
    except urllib.error.HTTPError as err:
        if err.code == 404:
            return None
        raise
