"""Browser check: the example dashboard in headless Chromium, session running.

Starts `hass` on a fresh configuration directory, adds the integration, creates
a dashboard from examples/dashboard.yaml over the websocket API, starts a heat
session, opens the dashboard logged in, checks the countdown card counts down
as mm:ss, presses its +5 min, starts a routine, checks its step is shown, and
saves a screenshot to docs/dashboard.png.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
import json
from pathlib import Path
import shutil
import sys
import tempfile
import time
from typing import Any

import aiohttp
from playwright.sync_api import sync_playwright
from realhass import (
    BASE,
    CLIENT_ID,
    REPO,
    add_routine,
    base_config,
    log,
    onboard,
    prepare_config,
    report_failure,
    request,
    running_hass,
)
import yaml

CHROMIUM = "/usr/bin/chromium"
# Every text on the page, shadow roots included (for a failure report).
JS_TEXTS = """() => {
  const out = [];
  const walk = (root) => {
    for (const node of root.childNodes) {
      if (node.nodeType === 3 && node.textContent.trim()) out.push(node.textContent.trim());
    }
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) walk(el.shadowRoot);
      for (const node of el.childNodes) {
        if (node.nodeType === 3 && node.textContent.trim()) out.push(node.textContent.trim());
      }
    }
  };
  walk(document);
  return out;
}"""
SCREENSHOT = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "dashboard.png"
HISTORY = SCREENSHOT.with_name(f"{SCREENSHOT.stem}-history.png")
CONFIG = (
    base_config("Recovery Routines")
    + """
history:
logbook:
recorder:
lovelace:
logger:
  default: warning
input_boolean:
  heating_pad:
    name: Heating pad plug
"""
)


def _past_days() -> list[dict[str, Any]]:
    """Five earlier days of heat minutes and stretches, as hourly statistics."""
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    heat, stretches = [], []
    heat_sum = stretches_sum = 0.0
    for days_ago, minutes, done in (
        (5, 20, 3),
        (4, 40, 5),
        (3, 20, 7),
        (2, 30, 4),
        (1, 20, 6),
    ):
        start = (today - timedelta(days=days_ago, hours=-12)).isoformat()
        heat_sum += minutes
        stretches_sum += done
        heat.append({"start": start, "state": minutes, "sum": heat_sum})
        stretches.append({"start": start, "state": done, "sum": stretches_sum})
    return [
        {
            "type": "recorder/import_statistics",
            "metadata": {
                "has_mean": False,
                "has_sum": True,
                "name": None,
                "source": "recorder",
                "statistic_id": statistic_id,
                "unit_of_measurement": unit,
            },
            "stats": stats,
        }
        for statistic_id, unit, stats in (
            ("sensor.back_care_heat_today", "min", heat),
            ("sensor.back_care_stretches_today", None, stretches),
        )
    ]


async def create_dashboard(token: str) -> None:
    """Create the example dashboard as the UI's raw configuration editor does.

    Also gives the statistics graph five earlier days to show.
    """
    dashboard = yaml.safe_load(
        (REPO / "examples" / "dashboard.yaml").read_text(encoding="utf-8")
    )
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"{BASE}/api/websocket") as socket,
    ):
        await socket.receive_json()
        await socket.send_json({"type": "auth", "access_token": token})
        assert (await socket.receive_json())["type"] == "auth_ok"
        for number, message in enumerate(
            (
                *_past_days(),
                {
                    "type": "lovelace/dashboards/create",
                    "url_path": "recovery-routines",
                    "title": "Recovery",
                    "icon": "mdi:yoga",
                    "mode": "storage",
                    "require_admin": False,
                    "show_in_sidebar": True,
                },
                {
                    "type": "lovelace/config/save",
                    "url_path": "recovery-routines",
                    "config": dashboard,
                },
            ),
            start=1,
        ):
            await socket.send_json({"id": number, **message})
            answer = await socket.receive_json()
            assert answer["success"], answer


def main() -> None:
    """Run the browser check."""
    config_dir = Path(tempfile.mkdtemp(prefix="recovery-routines-browser-"))
    log_file = config_dir / "hass.log"
    prepare_config(config_dir, CONFIG)
    try:
        with running_hass(config_dir, log_file):
            tokens = onboard()
            token = tokens["access_token"]
            add_routine(token, "Back care", "input_boolean.heating_pad")
            asyncio.run(create_dashboard(token))
            request("POST", "/api/services/recovery_routines/start_heat", token, {})
            request(
                "POST",
                "/api/services/recovery_routines/log_completion",
                token,
                {"routine": "Cat-cow"},
            )
            log("session running; opening the dashboard")
            stored = {
                **tokens,
                "hassUrl": BASE,
                "clientId": CLIENT_ID,
                "expires": int(time.time() * 1000) + tokens["expires_in"] * 1000,
            }
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM,
                    args=[
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                    ],
                )
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                console: list[str] = []
                page.on("console", lambda message: console.append(message.text))
                page.on("pageerror", lambda error: console.append(str(error)))
                page.on(
                    "requestfailed",
                    lambda failed: console.append(f"request failed: {failed.url}"),
                )
                page.add_init_script(
                    "localStorage.setItem('hassTokens', "
                    f"JSON.stringify({json.dumps(stored)}));"
                )
                page.goto(f"{BASE}/recovery-routines/today")
                try:
                    # The countdown card counts down in the browser, as mm:ss.
                    page.wait_for_function(
                        f"() => ({JS_TEXTS})().some(t => /^(19|20):[0-5][0-9]$/.test(t))",
                        timeout=60_000,
                    )
                    first = page.evaluate(
                        f"() => ({JS_TEXTS})().find(t => /^[0-9]+:[0-5][0-9]$/.test(t))"
                    )
                    # It moves by itself: nothing is written per second.
                    page.wait_for_function(
                        f"() => ({JS_TEXTS})().some(t => "
                        f"/^[0-9]+:[0-5][0-9]$/.test(t) && t !== {json.dumps(first)})",
                        timeout=10_000,
                    )
                    log(f"the heat card counts down from {first}")
                    # +5 min from the same card: the end moves, the count follows.
                    page.get_by_text("+5 min", exact=True).first.click()
                    page.wait_for_function(
                        f"() => ({JS_TEXTS})().some(t => /^2[45]:[0-5][0-9]$/.test(t))",
                        timeout=30_000,
                    )
                    log("+5 min from the card moved the countdown by five minutes")
                    # A routine mid-step: the step, its own countdown, controls.
                    request(
                        "POST",
                        "/api/services/recovery_routines/start_routine",
                        token,
                        {"routine": "Quick stretch"},
                    )
                    page.get_by_text("Knee-to-chest").first.wait_for(timeout=30_000)
                    page.get_by_text("Next", exact=True).first.wait_for(timeout=30_000)
                    page.wait_for_function(
                        f"() => ({JS_TEXTS})().some(t => /^00:[0-2][0-9]$/.test(t))",
                        timeout=30_000,
                    )
                except Exception:
                    failure = SCREENSHOT.with_name(f"{SCREENSHOT.stem}-failure.png")
                    page.screenshot(path=str(failure))
                    log(f"what the page showed is in {failure}")
                    log("the browser's console: " + "\n".join(console))
                    raise
                SCREENSHOT.parent.mkdir(exist_ok=True)
                page.screenshot(path=str(SCREENSHOT))
                log(
                    "the dashboard shows the heat countdown and a routine mid-step; "
                    f"screenshot in {SCREENSHOT}"
                )
                request(
                    "POST", "/api/services/recovery_routines/stop_routine", token, {}
                )
                page.goto(f"{BASE}/recovery-routines/history")
                try:
                    # The logbook card's lines, and the statistics graph drawn.
                    page.get_by_text("Cat-cow done").first.wait_for(timeout=60_000)
                    page.locator("statistics-chart").first.wait_for(timeout=30_000)
                except Exception:
                    failure = HISTORY.with_name(f"{HISTORY.stem}-failure.png")
                    page.screenshot(path=str(failure))
                    log(f"what the page showed is in {failure}")
                    raise
                time.sleep(3)
                page.screenshot(path=str(HISTORY))
                browser.close()
            log(
                f"the history shows the log and the statistics; screenshot in {HISTORY}"
            )
            log("PASSED")
    except BaseException:
        report_failure(log_file)
        raise
    finally:
        shutil.rmtree(config_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
