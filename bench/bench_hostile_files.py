"""Time `check_text` on hostile scenario texts: each must be answered (a model or messages) in under 2 s.

Run: PYTHONPATH=. .venv/bin/python bench/bench_hostile_files.py
Prints, per text, its size, the wall time of one check and the first message.
"""

from __future__ import annotations

import time
from pathlib import Path

from game.scenario import bounds
from game.scenario.loader import check_text

ROOT = Path(__file__).resolve().parents[1]
BASE = (ROOT / "scenarios" / "april-1990.yaml").read_text(encoding="utf-8")
UNDER = bounds.MAX_NODES // 20 - 20  # arguments of about 20 values each: just under the node limit

CASES = {
    "april-1990 (as shipped)": BASE,
    "one comment, as long as the limit allows": "#" + "x" * (bounds.MAX_BYTES - 100) + "\na: 1\n",
    "over the size limit": BASE * 25,
    "5,000 nested '['": "a: " + "[" * 5000,
    "5,000 nested block mappings": "".join("  " * i + "a:\n" for i in range(5000))[: bounds.MAX_BYTES],
    "billion laughs": "a: &a [x,x,x,x,x,x,x,x,x]\n"
    + "".join(f"{c}: &{c} [{('*' + p + ',') * 9}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)),
    "alias bomb in a scenario (fixture)": (ROOT / "tests/fixtures/bad/alias-bomb.yaml").read_text(encoding="utf-8"),
    "alias loop in a scenario (fixture)": (ROOT / "tests/fixtures/bad/alias-loop.yaml").read_text(encoding="utf-8"),
    "billion laughs of long texts": "a: &a "
    + "x" * 40_000
    + "\n"
    + "".join(f"{c}: &{c} [{('*' + p + ',') * 9}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)),
    "19,000 values and one alias (PyYAML's composer)": "a: &a x\nb:\n" + "  - a\n" * 19_000 + "c: *a\n",
    "anchors and merge keys (fixture, valid)": (ROOT / "tests/fixtures/anchors.yaml").read_text(encoding="utf-8"),
    "100,000 options in one issue": BASE.replace(
        "    options:\n", "    options: [" + ",".join(f"o{k}" for k in range(100_000)) + "]\n    x:\n", 1
    ),
    "1,000 issues": BASE.replace("issues:\n", "issues:\n" + "  - {id: i, name: I, kind: yesno}\n" * 1000, 1),
    f"{UNDER:,} arguments (under the limits)": BASE.replace(
        "arguments:\n",
        "arguments:\n"
        + "".join(
            f"  - {{id: a{k}, side: us, title: T, text: x, targets: [alcm_range, slcm_range], effect: 0.1}}\n"
            for k in range(UNDER)
        ),
        1,
    ),
    "a syntax error after 19,000 values": "a:\n" + "  - a\n" * 9500 + "b: [\n",
    "a syntax error after 250,000 characters of text": "".join(f"k{i}: {'word ' * 4_900}\n" for i in range(10))
    + "b: [\n",
    "a syntax error after 480 KB of comments": ("# " + "x" * 78 + "\n") * 6000 + "b: [\n",
}


def main() -> None:
    worst = 0.0
    for name, text in CASES.items():
        start = time.perf_counter()
        scenario, diagnostics = check_text(text, "bench.yaml")
        spent = time.perf_counter() - start
        worst = max(worst, spent)
        first = "valid" if scenario is not None else str(diagnostics[0])[:90]
        print(f"{name:42} {len(text):>10,} chars {spent:6.3f} s  {first}")
    print(f"worst: {worst:.3f} s (bound: 2 s)")


if __name__ == "__main__":
    main()
