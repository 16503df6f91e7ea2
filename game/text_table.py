"""Columns of figures for the terminal, as the tournament and the class report print them."""

from __future__ import annotations

from collections.abc import Sequence


def percent(x: float | None) -> str:
    """A share as a whole percentage, "-" when there is none."""
    return "-" if x is None else f"{100 * x:.0f}%"


def number(x: float | None, fmt: str = ".3f") -> str:
    """A figure in a format, "-" when there is none."""
    return "-" if x is None else format(x, fmt)


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]], left: int) -> list[str]:
    """Aligned lines: the first `left` columns to the left, the figures after them to the right."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.ljust(w) if i < left else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]
