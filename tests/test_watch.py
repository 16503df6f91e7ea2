"""`validate --watch`: every save is checked again; Ctrl-C stops it cleanly."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from .conftest import ROOT, TINY


def _read_until(process: subprocess.Popen[str], words: str, limit: float = 20.0) -> str:
    """Lines from the process until one holds `words` (a deadline keeps a broken watcher from hanging)."""
    assert process.stdout is not None
    seen = ""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        seen += line
        if words in line:
            return seen
    raise AssertionError(f"never printed {words!r}; printed:\n{seen}")


def test_every_save_is_checked_again_and_ctrl_c_stops_cleanly(tmp_path: Path) -> None:
    scenario = tmp_path / "draft.yaml"
    scenario.write_text(TINY.read_text(encoding="utf-8"), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-u", str(ROOT / "main.py"), "validate", "--watch", str(scenario)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        # Ctrl-C as at a terminal: a test run started in the background inherits SIGINT ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        text=True,
    )
    try:
        _read_until(process, "draft.yaml: ok")
        _read_until(process, "Watching")
        scenario.write_text(TINY.read_text(encoding="utf-8").replace("target: 800,", "tagret: 800,"), encoding="utf-8")
        out = _read_until(process, "did you mean 'target'")
        assert "saved: checking again" in out and "draft.yaml:35:" in out
        scenario.write_text(TINY.read_text(encoding="utf-8"), encoding="utf-8")
        _read_until(process, "draft.yaml: ok")
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=20)
    finally:
        process.kill()
    assert process.returncode == 0
    assert "Stopped watching." in rest and "Traceback" not in rest
