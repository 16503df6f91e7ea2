"""How long `validate` takes on each file of the corpus of authoring mistakes and on the shipped scenarios.

Run: PYTHONPATH=. .venv/bin/python bench/bench_validate.py [FILE ...]
Prints the slowest files; the aim is well under 5 s for any file an instructor writes.
Not a test: it prints numbers.
"""

from __future__ import annotations

import contextlib
import io
import sys
import time
from pathlib import Path

from game.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run() -> None:
    files = [Path(f) for f in sys.argv[1:]] or [
        *sorted((ROOT / "tests" / "fixtures" / "bad").glob("*.yaml")),
        *sorted((ROOT / "scenarios").glob("*.yaml")),
    ]
    times = []
    for file in files:
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            main(["validate", str(file)])
        times.append((time.perf_counter() - started, file.name))
    times.sort(reverse=True)
    print(f"{len(times)} files; slowest:")
    for spent, name in times[:8]:
        print(f"  {spent:6.3f} s  {name}")
    print(f"total {sum(t for t, _ in times):.2f} s")


if __name__ == "__main__":
    run()
