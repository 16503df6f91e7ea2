"""The teacher's dashboard in a real browser: Debian's chromium, headless, driven by Playwright."""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
import urllib.request
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import pytest

from game.net.client import Client
from tests.net_helpers import Server, play

LATE = "moscow-confirms-declarations"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
sync_api = pytest.importorskip("playwright.sync_api", reason="the dashboard test needs Playwright (the [test] extra)")
pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason="no chromium on this machine (apt-get install chromium)"
)


def test_the_dashboard_follows_the_class_live_and_drives_it(tmp_path: Path) -> None:
    server = Server(tmp_path).start()
    students: list[Client] = []

    async def arrive() -> None:
        for name in ("Ada", "Boris", "Clara", "Dmitri", "Eve"):
            students.append(await Client.join(server.address, server.code, name))

    async def finish() -> None:
        await asyncio.gather(*(play(c, seed=i) for i, c in enumerate(students)))
        for c in students:
            await c.close()

    loop = asyncio.new_event_loop()  # the students play in a thread of their own; Playwright has this one
    threading.Thread(target=loop.run_forever, daemon=True).start()

    def run(coro: Coroutine[Any, Any, None]) -> None:
        asyncio.run_coroutine_threadsafe(coro, loop).result(timeout=60)

    try:
        run(arrive())
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(f"{server.http}/")
            page.wait_for_selector("#need", state="visible")  # no token: no data, and a note saying why
            assert page.locator("#tables tbody tr").count() == 0
            page.goto(f"{server.http}/#t={server.token}")
            page.reload()
            page.wait_for_function("document.querySelectorAll('#tables tbody tr').length === 2")
            assert page.inner_text("#code") == server.code
            assert "briefing" in page.inner_text("#status")
            assert "Eve" in page.inner_text("#lobby")
            page.click("#start")
            # Eve, the odd one, is seated against the AI; the page updates without a reload
            page.wait_for_function("document.querySelectorAll('#tables tbody tr').length === 3")
            assert "negotiating" in page.inner_text("#status")
            # an event at one table, then at every other: the page lists the scenario's events by name
            assert "Moscow confirms the February formula" in page.inner_text("#event")
            page.select_option("#event-table", "1")
            page.select_option("#event", LATE)
            page.click("#fire")
            page.wait_for_function("document.getElementById('fired-note').innerText === 'fired at table 1'")
            page.wait_for_function("document.querySelector('#tables tbody tr').innerText.includes('Moscow confirms')")
            assert LATE not in page.eval_on_selector_all("#event option", "os => os.map(o => o.value)")  # not twice
            page.select_option("#event-table", "")
            page.select_option("#event", LATE)
            page.click("#fire")
            page.wait_for_function("document.getElementById('fired-note').innerText === 'fired at tables 2, 3'")
            page.wait_for_function(
                "[...document.querySelectorAll('#tables tbody tr')].every(r => r.innerText.includes('Moscow confirms'))"
            )
            page.screenshot(path=os.environ.get("NET_EVENT_SHOT", str(tmp_path / "events.png")), full_page=True)
            run(finish())
            page.wait_for_function(
                "[...document.querySelectorAll('#tables tbody tr')].every(r => /ratified|collapsed/.test(r.innerText))"
            )
            page.wait_for_function("document.getElementById('status').innerText.includes('every table has finished')")
            assert page.is_disabled("#pause") and page.is_enabled("#end")  # nothing left to pause
            text = page.inner_text("#tables")
            for name in ("Ada", "Boris", "Clara", "Dmitri", "Eve"):
                assert name in text
            assert page.locator("#tables td.proposals").first.is_visible()
            assert page.locator("#standings tbody tr").count() == 5  # the students, not the AI
            page.screenshot(path=os.environ.get("NET_SHOT", str(tmp_path / "dashboard.png")), full_page=True)
            page.check("#projector")
            assert not page.locator("#tables td.proposals").first.is_visible()
            page.once("dialog", lambda d: d.accept())
            page.click("#end")
            page.wait_for_function("document.getElementById('status').innerText.includes('ended')")
            with page.expect_download() as download:
                page.click("#zip")
            assert download.value.suggested_filename.endswith(".zip")
            browser.close()
        with urllib.request.urlopen(f"{server.http}/report.html?t={server.token}", timeout=30) as r:
            report = r.read().decode()
        assert "Eve" in report and 'href="records/table-01.html?t=' in report
    finally:
        loop.call_soon_threadsafe(loop.stop)
        server.kill()
