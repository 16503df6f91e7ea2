"""Who plays which side on the command line, by the scenario's own side ids.

`--side eu=ai:hard --side japan=persona:careful-ministry`; `--us` and `--ussr` are kept as aliases
for scenarios whose sides are called that. Every agent spec is checked against the scenario before
a game starts, so a misspelt persona or strategy is an error with a suggestion, not a silent
Boulware.
"""

from __future__ import annotations

import argparse
import difflib

from game.errors import CruiseControlError
from game.i18n import tr
from game.scenario.preferences import Side
from game.scenario.schema import Scenario

DEFAULT_AGENT = "ai:boulware"


def add_side_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--side",
        action="append",
        default=[],
        metavar="ID=AGENT",
        help=tr(
            "who plays the side with this id (the scenario's own ids, e.g. us=ai:hard); "
            "AGENT is ai:NAME, persona:ID or py:FILE.py:CLASS (default: ai:boulware)"
        ),
    )
    parser.add_argument("--us", metavar="AGENT", help=tr("the same as --side us=AGENT"))
    parser.add_argument("--ussr", metavar="AGENT", help=tr("the same as --side ussr=AGENT"))


def _hint(word: str, known: list[str]) -> str:
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.5)
    return tr(" (did you mean {word}?)", word=repr(close[0])) if close else ""


def side_of(scenario: Scenario, side_id: str) -> Side:
    """The slot of a side given by the scenario's id for it."""
    ids = list(scenario.side_ids)
    if side_id not in ids:
        raise CruiseControlError(
            tr(
                "{side} is not a side of {scenario}: its sides are {first} and {second}",
                side=repr(side_id),
                scenario=scenario.meta.id,
                first=ids[0],
                second=ids[1],
            )
            + _hint(side_id, ids)
        )
    return (Side.US, Side.USSR)[ids.index(side_id)]


def side_agents(scenario: Scenario, args: argparse.Namespace) -> dict[Side, str]:
    """The agent spec for each side from --side, --us and --ussr, each checked against the scenario."""
    given: list[tuple[str, str]] = [(alias, spec) for alias in ("us", "ussr") if (spec := getattr(args, alias))]
    for item in args.side:
        side_id, sep, spec = item.partition("=")
        if not sep or not side_id or not spec:
            raise CruiseControlError(
                tr(
                    "--side takes ID=AGENT, e.g. {example}, not {item}",
                    example=f"{scenario.side_ids[0]}=ai:hard",
                    item=repr(item),
                )
            )
        given.append((side_id.strip(), spec.strip()))
    specs = dict.fromkeys(Side, DEFAULT_AGENT)
    for side_id, spec in given:
        side = side_of(scenario, side_id)
        check_spec(scenario, side, spec)
        specs[side] = spec
    return specs


def check_spec(scenario: Scenario, side: Side, spec: str) -> None:
    """Refuse a persona the side does not have and a built-in strategy that does not exist."""
    from game.agents.registry import BUILT_IN

    kind, _, rest = spec.partition(":")
    if kind == "ai" and rest not in BUILT_IN:
        raise CruiseControlError(
            tr("unknown AI {name}", name=repr(rest))
            + _hint(rest, list(BUILT_IN))
            + tr("; the built-in ones are: {names}", names=", ".join(BUILT_IN))
        )
    if kind != "persona":
        return
    own = scenario.sides.us if side is Side.US else scenario.sides.ussr
    other = scenario.sides.ussr if side is Side.US else scenario.sides.us
    own_ids = [p.id for p in own.personas]
    if rest in own_ids:
        return
    side_id = scenario.side_ids[side.index]
    if rest in (p.id for p in other.personas):
        raise CruiseControlError(
            tr(
                "persona {persona} belongs to the other side ({other}), not to {own} ({side})",
                persona=repr(rest),
                other=other.name,
                own=own.name,
                side=side_id,
            )
        )
    listed = ", ".join(f"persona:{i}" for i in own_ids) or tr("none")
    raise CruiseControlError(
        tr("{side} ({id}) has no persona {persona}", side=own.name, id=side_id, persona=repr(rest))
        + _hint(rest, own_ids)
        + tr("; its personas: {listed}", listed=listed)
    )
