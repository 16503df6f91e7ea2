"""The outcome space of a scenario and each side's utility over it, as numpy arrays.

A package is a tuple of level indices, one per issue, in the scenario's issue order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Annotated

import numpy as np
import numpy.typing as npt
from pydantic import PlainSerializer, PlainValidator

from game.i18n import tr
from game.scenario.domain import Domain, finite_number, utility_vector
from game.scenario.schema import IssueBase, NumericIssue, OptionsIssue, Scenario, Value
from game.scenario.schema import Side as SideModel

FloatArray = npt.NDArray[np.float64]


def _array_from_json(value: object) -> FloatArray:
    """An array of utilities or weights read back from its JSON list (`game.agents.plugin_codec`)."""
    if isinstance(value, np.ndarray):
        return value
    if not isinstance(value, list) or not all(finite_number(x) is not None for x in value):
        raise ValueError("expected a list of finite numbers")
    return np.array(value, dtype=float)


JsonArray = Annotated[
    FloatArray,
    PlainValidator(_array_from_json, json_schema_input_type=list[float]),
    PlainSerializer(lambda array: array.tolist(), return_type=list[float], when_used="json"),
]
"""A float array that pydantic writes as a JSON list of numbers and reads back (the arrays of
`Preferences`, which a plug-in's process is sent in its observations)."""


class Side(Enum):
    US = "us"
    USSR = "ussr"

    @property
    def other(self) -> Side:
        return Side.USSR if self is Side.US else Side.US

    @property
    def index(self) -> int:
        return 0 if self is Side.US else 1


@dataclass(frozen=True)
class Package:
    """One value for every issue, as level indices in the scenario's issue order."""

    levels: tuple[int, ...]

    def with_level(self, issue: int, level: int) -> Package:
        levels = list(self.levels)
        levels[issue] = level
        return Package(tuple(levels))


def domain_of_issue(issue: IssueBase) -> Domain:
    if isinstance(issue, NumericIssue):
        return Domain.numeric(float(issue.min), float(issue.max), float(issue.step), issue.unit, issue.max_label)
    if isinstance(issue, OptionsIssue):
        return Domain.options(issue.options, issue.labels)
    return Domain.yesno()


@dataclass(frozen=True)
class Space:
    """The issues and their values: what every package is made of."""

    ids: tuple[str, ...]
    names: tuple[str, ...]
    shorts: tuple[str, ...]
    descriptions: tuple[str, ...]
    domains: tuple[Domain, ...]

    @staticmethod
    def of(scenario: Scenario) -> Space:
        return Space(
            ids=tuple(i.id for i in scenario.issues),
            names=tuple(i.name for i in scenario.issues),
            shorts=tuple(i.short or i.name for i in scenario.issues),
            descriptions=tuple(i.description for i in scenario.issues),
            domains=tuple(domain_of_issue(i) for i in scenario.issues),
        )

    @property
    def sizes(self) -> tuple[int, ...]:
        return tuple(len(d) for d in self.domains)

    def package(self, values: Mapping[str, Value]) -> Package:
        """A package from issue id -> value; raises ValueError naming what is wrong."""
        unknown = sorted(set(values) - set(self.ids))
        if unknown:
            raise ValueError(tr("unknown issue(s): {issues}", issues=", ".join(unknown)))
        levels = []
        for issue_id, domain in zip(self.ids, self.domains, strict=True):
            if issue_id not in values:
                raise ValueError(tr("the package has no value for {issue}", issue=issue_id))
            index = domain.index(values[issue_id])
            if index is None:
                raise ValueError(f"{issue_id}: {domain.why_not(values[issue_id])}")
            levels.append(index)
        return Package(tuple(levels))

    def values(self, package: Package) -> dict[str, Value]:
        return {i: d.levels[k] for i, d, k in zip(self.ids, self.domains, package.levels, strict=True)}

    def describe(self, package: Package, full: bool = False) -> str:
        """The package in words, by the issues' short names (as the record writes it), or `full` names."""
        names = self.names if full else self.shorts
        return "; ".join(
            f"{s} {d.format(d.levels[k])}" for s, d, k in zip(names, self.domains, package.levels, strict=True)
        )

    def spelled_out(self, text: str) -> str:
        """A text of the record with each issue's short name replaced by its full name. One pass over
        both forms, longest first: a full name already there ('ALCM range threshold') is never lengthened
        again by the short name it starts with ('ALCM range')."""
        full = {name: name for name in self.names} | {
            short: name for short, name in zip(self.shorts, self.names, strict=True) if short != name
        }
        if len(full) == len(set(self.names)):
            return text
        pattern = "|".join(re.escape(k) for k in sorted(full, key=len, reverse=True))
        return re.sub(rf"(?<!\w)(?:{pattern})(?!\w)", lambda m: full[m.group(0)], text)

    def is_valid(self, package: Package) -> bool:
        return len(package.levels) == len(self.domains) and all(
            isinstance(k, int) and 0 <= k < len(d) for k, d in zip(package.levels, self.domains, strict=False)
        )


@dataclass(frozen=True, eq=False)
class Preferences:
    """One side's utilities: per-issue vectors in [0, 1], normalised weights, red lines, no-deal value."""

    weights: JsonArray
    tables: tuple[JsonArray, ...]
    red_lines: tuple[int, ...]
    no_deal: float
    openings: tuple[int, ...]
    targets: tuple[int, ...]
    _best: Package = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # agents get these arrays in their observation: read-only views of read-only copies, which
        # nobody can make writable again, so no agent can change the game's utilities
        object.__setattr__(self, "weights", _frozen(self.weights))
        object.__setattr__(self, "tables", tuple(_frozen(t) for t in self.tables))
        object.__setattr__(self, "_best", Package(tuple(int(np.argmax(t)) for t in self.tables)))

    @staticmethod
    def of(space: Space, side: SideModel) -> Preferences:
        tables, weights, red, opening, target = [], [], [], [], []
        for issue_id, domain in zip(space.ids, space.domains, strict=True):
            pos = side.positions[issue_id]
            tables.append(utility_vector(domain, pos.prefers, pos.values))
            weights.append(pos.weight)
            red.append(_index(domain, pos.red_line))
            opening.append(_index(domain, pos.opening))
            target.append(_index(domain, pos.target))
        w = np.asarray(weights, dtype=float)
        return Preferences(w / w.sum(), tuple(tables), tuple(red), side.no_deal, tuple(opening), tuple(target))

    def reweighted(self, factors: Sequence[float]) -> Preferences:
        """The same preferences with each issue's weight multiplied by a factor."""
        return self.with_weights(self.weights * np.asarray(factors, dtype=float))

    def with_weights(self, weights: Sequence[float] | FloatArray) -> Preferences:
        """The same preferences with other weights (normalised to sum to 1)."""
        w = np.asarray(weights, dtype=float)
        return Preferences(w / w.sum(), self.tables, self.red_lines, self.no_deal, self.openings, self.targets)

    def with_red_lines(self, red_lines: tuple[int, ...]) -> Preferences:
        return Preferences(self.weights, self.tables, red_lines, self.no_deal, self.openings, self.targets)

    def utility(self, package: Package) -> float:
        return float(sum(w * t[k] for w, t, k in zip(self.weights, self.tables, package.levels, strict=True)))

    def issue_utility(self, issue: int, level: int) -> float:
        return float(self.tables[issue][level])

    def acceptable_level(self, issue: int, level: int) -> bool:
        """Whether a level is on the right side of this side's red line on an issue."""
        table = self.tables[issue]
        return bool(table[level] >= table[self.red_lines[issue]] - 1e-12)

    def within_red_lines(self, package: Package) -> bool:
        return all(self.acceptable_level(i, k) for i, k in enumerate(package.levels))

    @property
    def best(self) -> Package:
        return self._best

    @property
    def opening(self) -> Package:
        return Package(self.openings)

    @property
    def reservation(self) -> float:
        """The least utility worth agreeing to: the no-deal value."""
        return self.no_deal


def _index(domain: Domain, value: Value) -> int:
    index = domain.index(value)
    if index is None:  # the validator rejects such files; this guards hand-built models
        raise ValueError(domain.why_not(value))
    return index


def _frozen(array: FloatArray) -> FloatArray:
    if not array.flags.writeable and array.base is not None and not array.base.flags.writeable:
        return array
    base = np.array(array, dtype=float)
    base.flags.writeable = False
    view = base.view()
    view.flags.writeable = False
    return view
