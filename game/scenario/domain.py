"""The values an issue can take, and a side's utility over them."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.i18n import tr
from game.safe_text import shown
from game.scenario.look_alikes import did_you_mean
from game.scenario.schema import Value

MAX_LEVELS = 10_000


@dataclass(frozen=True)
class Domain:
    """The ordered, discrete values of one issue."""

    kind: str
    levels: tuple[Value, ...]
    unit: str = ""
    top_label: str = ""
    """What a numeric issue's largest value stands for (e.g. 'no agreed limit'), shown instead of it."""
    labels: tuple[tuple[str, str], ...] = ()
    """How an options issue shows its options (option, label), where the scenario gives labels."""

    @staticmethod
    def numeric(lo: float, hi: float, step: float, unit: str = "", top_label: str = "") -> Domain:
        if not all(math.isfinite(x) for x in (lo, hi, step)) or step <= 0:
            raise ValueError(tr("min, max and step must be finite numbers, and step more than 0"))
        count = (hi - lo) / step
        if not math.isclose(count, round(count), abs_tol=1e-9) or count < 1:
            raise ValueError(
                tr(
                    "max ({max}) must be min ({min}) plus a whole number of steps of {step}",
                    max=format_number(hi),
                    min=format_number(lo),
                    step=format_number(step),
                )
            )
        if count >= MAX_LEVELS:
            raise ValueError(
                tr(
                    "{count} values is too many (at most {limit}): use a larger step",
                    count=int(count) + 1 if count < 1e15 else f"{count:.1e}",
                    limit=MAX_LEVELS,
                )
            )
        integral = all(float(x).is_integer() for x in (lo, hi, step))
        values = [lo + k * step for k in range(round(count) + 1)]
        levels: tuple[Value, ...] = tuple(int(round(v)) if integral else round(v, 9) for v in values)
        return Domain("numeric", levels, unit, top_label)

    @staticmethod
    def options(options: tuple[str, ...], labels: Mapping[str, str] | None = None) -> Domain:
        return Domain("options", tuple(options), labels=tuple((labels or {}).items()))

    @staticmethod
    def yesno() -> Domain:
        return Domain("yesno", (False, True))

    def __len__(self) -> int:
        return len(self.levels)

    def index(self, value: object) -> int | None:
        """The level index of a value, or None if the issue cannot take it."""
        if self.kind == "numeric":
            number = finite_number(value)
            if number is None:
                return None
            lo, hi = float(self.levels[0]), float(self.levels[-1])
            step = (hi - lo) / (len(self.levels) - 1)
            k = (number - lo) / step
            return round(k) if 0 <= round(k) < len(self.levels) and math.isclose(k, round(k), abs_tol=1e-6) else None
        if self.kind == "yesno":
            return int(value) if isinstance(value, bool) else None
        return self.levels.index(value) if isinstance(value, str) and value in self.levels else None

    def why_not(self, value: object) -> str:
        """Why a value is not one of this issue's values, in words for a scenario author."""
        if self.kind == "yesno":
            if isinstance(value, str) and value.strip().lower() in ("yes", "no", "true", "false", "on", "off"):
                return _in_quotes(value, tr("true or false"))
            return tr("{value} is not yes or no (write true or false)", value=shown(value))
        if self.kind == "options":
            hint = did_you_mean(value, self.levels)
            return tr(
                "{value} is not one of the options: {options}{hint}",
                value=shown(value),
                options=", ".join(map(str, self.levels)),
                hint=hint,
            )
        number = finite_number(value)
        if number is None and isinstance(value, str):
            written = _NUMBER_FIRST.match(value.strip())
            if written and not written[2]:
                return _in_quotes(value, tr("a number"))
            if written:
                return tr(
                    "{value} is text, not a number: write the number alone ({number}); the unit is the issue's",
                    value=shown(value),
                    number=written[1],
                )
            return tr("{value} is text, not a number", value=shown(value))
        if number is None:
            return tr("{value} is not a finite number of a sensible size", value=shown(value))
        lo, hi = self.levels[0], self.levels[-1]
        if not float(lo) <= number <= float(hi):
            return tr(
                "{value} is outside the range {lo}-{hi} {unit}", value=shown(value), lo=lo, hi=hi, unit=self.unit
            ).rstrip()
        return tr(
            "{value} is off the step of {step} {unit} ({nearest})",
            value=value,
            step=format_number(self.step),
            unit=self.unit,
            nearest=self.nearest(number),
        ).replace("  ", " ")

    @property
    def step(self) -> float:
        """The distance between two values of a numeric issue."""
        return (float(self.levels[-1]) - float(self.levels[0])) / (len(self.levels) - 1)

    def nearest(self, value: float) -> str:
        """The value or values of a numeric issue nearest an off-step number: 'nearest: 700', or both
        neighbours when it lies exactly half-way ('nearest: 600 or 700'; no rounding rule picks one)."""
        k = (float(value) - float(self.levels[0])) / self.step
        low = min(max(math.floor(k), 0), len(self.levels) - 1)
        high = min(low + 1, len(self.levels) - 1)
        if math.isclose(k - low, 0.5, abs_tol=1e-9) and high != low:
            return tr("nearest: {low} or {high}", low=self.levels[low], high=self.levels[high])
        return tr("nearest: {value}", value=self.levels[high if k - low > 0.5 else low])

    def format(self, value: Value) -> str:
        if self.kind == "yesno":
            return tr("yes") if value else tr("no")
        if self.kind == "numeric":
            if self.top_label and self.index(value) == len(self.levels) - 1:
                return self.top_label
            return f"{format_number(float(value))} {self.unit}".strip()
        return dict(self.labels).get(str(value), str(value))


_NUMBER_FIRST = re.compile(r"^([-+]?\d[\d_]*(?:\.\d+)?)\s*(.*)$", re.DOTALL)


def _in_quotes(value: str, wants: str) -> str:
    return tr(
        "{value} is in quotes, so it is text; this key wants {wants}, written without quotes{advice}",
        value=shown(value),
        wants=wants,
        advice="",
    )


def finite_number(value: object) -> float | None:
    """A number from outside as a float, or None if it is none (a bool, text) or not finite: a JSON or
    YAML integer may have hundreds of digits, too large for a float (OverflowError, not ValueError)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def format_number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def utility_vector(domain: Domain, prefers: str | None, table: Mapping[Value, float] | None) -> npt.NDArray[np.float64]:
    """A side's utility in [0, 1] for each level: by direction, or from a table of values.

    A numeric table gives points between which utility is interpolated linearly; an option
    table must name every option.
    """
    n = len(domain)
    if table:
        if domain.kind == "numeric":
            xs = sorted((float(k), float(v)) for k, v in table.items())
            return np.interp([float(x) for x in domain.levels], [x for x, _ in xs], [v for _, v in xs])
        return np.array([float(table[level]) for level in domain.levels])
    up = np.linspace(0.0, 1.0, n)
    return up[::-1].copy() if prefers == "lower" else up
