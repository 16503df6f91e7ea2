"""A side named in a sentence: 'the US', 'Japan', 'the Republic of Highland', never 'the JP' or 'the HL'.

A side's short name is for tables and columns ('EC player', 'JP score'); in prose, and in the record's
heading, a side goes by its short name only where that is an acronym a reader says as a name (US, USSR,
EC), and otherwise by its name, with "the" where English puts one (the Republic of Highland, Japan).
"""

from __future__ import annotations

import re

from game.i18n import tr
from game.scenario.schema import Scenario
from game.scenario.schema import Side as SideModel

# Words that make a name a common noun phrase, said with "the": the United States, the Soviet Union,
# the European Community, the Republic of Highland (but Japan, New Zealand, Highland).
WITH_THE = frozenset(
    [
        "republic", "kingdom", "union", "states", "community", "communities", "federation", "emirates",
        "islands", "nations", "commission", "council", "organisation", "organization", "alliance",
        "confederation", "commonwealth", "principality", "duchy", "government", "ministry", "company",
        "association", "league", "bank", "fund", "assembly", "party", "coalition", "authority", "board",
        "agency", "secretariat", "netherlands", "philippines", "bahamas", "gambia", "presidency",
        "administration", "delegation", "tribes", "province", "region", "city", "county", "state", "empire",
        "sultanate", "emirate",
    ]
)  # fmt: skip


def is_acronym(short: str, name: str) -> bool:
    """Whether a side's short name is an acronym a record can name it by ('US', 'USSR', 'EC'), rather
    than an abbreviation for tables only ('JP' for Japan, 'HL' for the Republic of Highland): capitals
    only, starting with the initial of a word of the name, and not the letters of one word of the name."""
    letters = short.replace(".", "")
    if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
        return False
    words = re.findall(r"\w+", name.lower())
    if letters[0].lower() not in {w[0] for w in words}:
        return False

    def inside(word: str) -> bool:  # the short's letters in order within the word, from its first
        rest = iter(word[1:])
        return word[0] == letters[0].lower() and all(c in rest for c in letters[1:].lower())

    return not any(inside(w) for w in words)


def takes_the(name: str) -> bool:
    """Whether English says "the" before the name: the Republic of Highland, the European Community."""
    words = re.findall(r"\w+", name.lower())
    if not words or words[0] == "the":
        return False
    return len(words) > 1 and (" of " in f" {name.lower()} " or bool(WITH_THE.intersection(words)))


def the_side(side: SideModel) -> str:
    """The side as a sentence names it: 'the US', 'Japan', 'the Republic of Highland'."""
    if is_acronym(side.short, side.name):
        return tr("the {side}", side=side.short)
    if takes_the(side.name):
        return tr("the {side}", side=side.name)
    return side.name


def the_sides(scenario: Scenario) -> tuple[str, str]:
    """Both sides as sentences name them, first side first."""
    return the_side(scenario.sides.us), the_side(scenario.sides.ussr)


__all__ = ["WITH_THE", "is_acronym", "takes_the", "the_side", "the_sides"]
