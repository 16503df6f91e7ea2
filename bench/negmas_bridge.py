"""Our agents as NegMAS negotiators, and our domains as NegMAS utility functions.

Needs the `[arena]` extra (`pip install -e '.[arena]'`); the game never imports this module.

`GameNegotiator` plays any of our agents (a built-in 'ai:NAME', a 'persona:ID', a plug-in
'py:FILE.py:CLASS') through NegMAS's stacked alternating offers protocol. Like an ANAC agent it is
given only its own utility function and reservation value: it reads its preferences from the linear
additive utility function NegMAS hands it (rescaled to 0-1) and sees the negotiation through a
`domains.Seat`. A walk-out ends the negotiation.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from domains import ArenaDomain, Seat
from negmas import make_issue
from negmas.preferences import LinearAdditiveUtilityFunction
from negmas.preferences.value_fun import TableFun
from negmas.sao import ResponseType, SAONegotiator, SAOState

from game.engine.moves import Accept, WalkOut
from game.scenario.preferences import Package, Preferences


def issues(domain: ArenaDomain) -> list[Any]:
    return [make_issue(values=s, name=f"i{k}") for k, s in enumerate(domain.sizes)]


def ufun(domain: ArenaDomain, side: int, space: list[Any]) -> LinearAdditiveUtilityFunction:
    values = [TableFun({v: float(t[v]) for v in range(len(t))}) for t in domain.tables[side]]
    return LinearAdditiveUtilityFunction(
        values=values,
        weights=list(map(float, domain.weights[side])),
        issues=space,
        reserved_value=domain.reservation[side],
    )


def preferences_of(fun: LinearAdditiveUtilityFunction, sizes: tuple[int, ...]) -> Preferences:
    """Our preferences from a linear additive utility function over issues valued 0..k-1: weights and
    tables rescaled so the worst outcome is worth 0 and the best 1, the reservation value with them,
    red lines at each issue's worst level (only the reservation value limits a deal)."""
    raw = [np.array([float(f(v)) for v in range(k)]) for f, k in zip(fun.values, sizes, strict=True)]
    weights = np.asarray(fun.weights, dtype=float)
    low = float(sum(w * t.min() for w, t in zip(weights, raw, strict=True)))
    high = float(sum(w * t.max() for w, t in zip(weights, raw, strict=True)))
    span = high - low if high > low else 1.0
    tables, scaled = [], []
    for w, t in zip(weights, raw, strict=True):
        width = float(t.max() - t.min())
        tables.append((t - t.min()) / width if width > 0 else np.ones(len(t)))
        scaled.append(w * width / span)
    w = np.asarray(scaled, dtype=float)
    if w.sum() <= 0:
        w = np.full(len(w), 1.0 / len(w))
    reserved = fun.reserved_value
    no_deal = 0.0 if reserved is None or not math.isfinite(reserved) else (float(reserved) - low) / span
    no_deal = min(1.0, max(0.0, no_deal))
    best = tuple(int(np.argmax(t)) for t in tables)
    worst = tuple(int(np.argmin(t)) for t in tables)
    return Preferences(w / w.sum(), tuple(tables), worst, no_deal, best, best)


class GameNegotiator(SAONegotiator):  # type: ignore[misc]
    """One of our agents (`spec`) as a NegMAS negotiator."""

    def __init__(self, spec: str, seed: int = 0, **kwargs: Any) -> None:
        kwargs.setdefault("name", spec)
        super().__init__(**kwargs)
        self.spec = spec
        self.seed = seed
        self.seat: Seat | None = None
        self.pending: Package | None = None
        self.acted_at = -1

    def on_negotiation_start(self, state: SAOState) -> None:
        super().on_negotiation_start(state)
        sizes = tuple(int(i.cardinality) for i in self.nmi.outcome_space.issues)
        prefs = preferences_of(self.ufun, sizes)
        self.seat = Seat(self.spec, prefs, sizes, int(self.nmi.n_steps), True, self.seed)

    def on_negotiation_end(self, state: SAOState) -> None:
        super().on_negotiation_end(state)
        if self.seat is not None:
            self.seat.close()

    def act(self, state: SAOState) -> ResponseType:
        """Our agent's move at this turn; its proposal is kept for `propose`."""
        assert self.seat is not None
        move = self.seat.move(state.step)
        self.acted_at = state.step
        if isinstance(move, Accept):
            return ResponseType.ACCEPT_OFFER
        if isinstance(move, WalkOut):
            return ResponseType.END_NEGOTIATION
        self.pending = move.package
        return ResponseType.REJECT_OFFER

    def respond(self, state: SAOState, source: str | None = None) -> ResponseType:
        offer = state.current_offer
        if offer is None or self.seat is None:
            return ResponseType.REJECT_OFFER
        if state.step == 0 and not self.seat.mine:
            self.seat.first = False
        self.seat.theirs.append(Package(tuple(int(x) for x in offer)))
        return self.act(state)

    def propose(self, state: SAOState, dest: str | None = None) -> tuple[int, ...] | None:
        if self.seat is None:
            return None
        if (self.pending is None or self.acted_at != state.step) and self.act(state) is not ResponseType.REJECT_OFFER:
            return None
        assert self.pending is not None
        package, self.pending = self.pending, None
        self.seat.mine.append(package)
        return package.levels
