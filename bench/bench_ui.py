"""Frame time of the negotiating table (1280x720, a 300-entry log) and time to the first frame.

Run: SDL_VIDEODRIVER=dummy python bench/bench_ui.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.engine.state import EntryKind, LogEntry  # noqa: E402
from game.scenario.preferences import Side  # noqa: E402
from game.session import PERSON, Session, Setup  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.scenes.table import TableScene  # noqa: E402
from game.ui.settings import Settings  # noqa: E402


def frame_times(frames: int = 600) -> list[float]:
    folder = Path(tempfile.mkdtemp())
    os.environ["CRUISE_CONTROL_SAVES"] = str(folder)
    app = App(Settings(sound=False, ai_speed="instant"), settings_path=folder / "settings.json")
    session = Session(Setup("april-1990", {Side.US: PERSON, Side.USSR: PERSON}, 1), folder=folder)
    state = session.state
    filler = tuple(
        LogEntry(
            0,
            0,
            EntryKind.MOVE if k % 3 else EntryKind.NEWS,
            "We put the following on the table: ALCM range 900 km; Bomber sublvl 150 bombers; SLCM limit 880.",
            Side.US if k % 2 else Side.USSR,
            speaker="James Baker",
            label="revised proposal",
        )
        for k in range(300)
    )
    session.match.state = replace(state, log=state.log + filler)
    app.push(TableScene(app, session, Side.US))
    times = []
    for _ in range(frames):
        start = time.perf_counter()
        app.manager.update(1 / 60)
        app.scene.update(1 / 60)
        app.draw()
        times.append(time.perf_counter() - start)
    app.close()
    return times


def first_frame() -> float:
    """Seconds from starting `python main.py` to the title screen's first frame on screen."""
    env = {**os.environ, "CRUISE_CONTROL_FIRST_FRAME_EXIT": "1"}
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "main.py")], env=env, check=True, capture_output=True)
    return time.perf_counter() - start


if __name__ == "__main__":
    times = sorted(frame_times())
    median = statistics.median(times) * 1000
    p99 = times[int(len(times) * 0.99) - 1] * 1000
    print(f"table scene, 1280x720, 300-entry log: median {median:.2f} ms, p99 {p99:.2f} ms per frame")
    starts = sorted(first_frame() for _ in range(5))
    print(f"python main.py to the first frame: median {statistics.median(starts):.2f} s (of 5 runs)")
