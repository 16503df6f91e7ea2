"""The scenario format: frozen pydantic models that are both the validator and the in-memory model.

The same classes generate the JSON Schema shipped for editors, so the format and its
documentation cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr
from pydantic.config import JsonDict

FORMAT_VERSION = 1

Value = bool | int | float | str
"""One issue's value: a number (numeric issues), an option name, or yes/no (true/false)."""

SOURCE_EXAMPLES: JsonDict = {"examples": ["[W]; [F-126]", "[INV]"]}
"""What a `source` holds: keys of `meta.sources` in brackets (shown by editors beside the field)."""
OFFER_EXAMPLES: JsonDict = {"examples": [{"side": "japan", "issue": "transition", "at_least": 7}]}

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", description="lower-case id: a-z, 0-9, _ and -")]
SideId = Literal["us", "ussr"]
Confidence = Literal["sourced", "estimate"]
DialogueKey = Literal[
    "propose",
    "concede",
    "retract",
    "hold",
    "acknowledge",
    "unmoved",
    "backtracked",
    "accept",
    "red_line",
    "argument",
    "consult",
    "adjourn",
    "walk_out",
]


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, allow_inf_nan=False)


class Meta(Model):
    """What the scenario is: its id, title, start date, summary and the sources it cites."""

    id: Slug = Field(description="Short id, used on the command line (--scenario ID).")
    title: str = Field(description="The title shown on the new-game screen and at the top of the table.")
    date: dt.date = Field(description="The date the scenario starts, YYYY-MM-DD.")
    summary: str = Field(description="A paragraph shown on the new-game screen.")
    sources: dict[str, str] = Field(default_factory=dict, description="Source key -> full citation.")


class Meeting(Model):
    """One meeting of the delegations: a date, a place and a number of exchanges (moves)."""

    id: Slug = Field(description="Short id of the meeting, used by events (trigger: meeting: ID).")
    title: str = Field(description="The meeting's name as shown in the log, e.g. 'Moscow ministerial'.")
    date: dt.date = Field(description="The day the meeting opens, YYYY-MM-DD; meetings must be in date order.")
    place: str = Field(default="", description="Where it is held (shown in the log).")
    exchanges: int = Field(ge=1, le=200, description="How many moves (both sides together) the meeting allows.")
    source: str = Field(
        default="", description="Source keys for the meeting, e.g. '[W]; [F-126]'.", json_schema_extra=SOURCE_EXAMPLES
    )
    speakers: dict[SideId, str] = Field(
        default_factory=dict,
        description="Who speaks for a side at this meeting (a member's name), e.g. {ussr: Eduard Shevardnadze}; "
        "a side not named here is spoken for by its lead.",
        json_schema_extra={"examples": [{"eu": "Frans Andriessen"}]},
    )


class Deadline(Model):
    """The end of the talks: when the last meeting closes without agreement, this is what it missed."""

    title: str = Field(description="What the deadline is, e.g. 'Washington summit'.")
    date: dt.date = Field(description="Its date, YYYY-MM-DD; not before the last meeting.")
    source: str = Field(default="", description="Source keys for the deadline.", json_schema_extra=SOURCE_EXAMPLES)


class Calendar(Model):
    """The meetings, in date order, and the deadline."""

    first_to_move: SideId = Field(description="Which delegation speaks first at every meeting: a side's id.")
    meetings: tuple[Meeting, ...] = Field(min_length=1, description="The meetings in date order (at least one).")
    deadline: Deadline = Field(description="The end of the talks.")
    consult_cost: int = Field(default=2, ge=1, description="Exchanges a consultation with the capital uses.")


class IssueBase(Model):
    id: Slug = Field(description="Short id of the issue, used in positions, packages, events and arguments.")
    name: str = Field(description="The issue's name as players see it.")
    short: str = Field(default="", description="A short label for tables; defaults to the name.")
    description: str = Field(description="Explains the issue to a player (shown as a tooltip).")
    source: str = Field(default="", description="Source keys for the issue.", json_schema_extra=SOURCE_EXAMPLES)


class NumericIssue(IssueBase):
    """An issue settled by a number: a range from min to max in steps."""

    kind: Literal["numeric"] = Field(description="numeric: a number from min to max in steps.")
    min: int | float = Field(description="The smallest value, in the issue's unit.")
    max: int | float = Field(description="The largest value; must be min plus a whole number of steps.")
    step: int | float = Field(gt=0, description="The distance between two values a proposal may name.")
    unit: str = Field(description="The unit shown after every value: km, missiles, bombers, ...")
    max_label: str = Field(
        default="",
        description="What the largest value stands for, shown instead of the number, e.g. 'no agreed limit'.",
        json_schema_extra={"examples": ["no agreed limit"]},
    )


class OptionsIssue(IssueBase):
    """An issue settled by choosing one of a list of options, in order."""

    kind: Literal["options"] = Field(description="options: one of a list of named options.")
    options: tuple[str, ...] = Field(min_length=2, description="In order, from least to most.")
    labels: dict[str, str] = Field(
        default_factory=dict,
        description="How options are shown, by option (positions and packages keep the option itself), "
        "e.g. per language: {none: {en: none, ru: нет}}.",
    )


class YesNoIssue(IssueBase):
    """An issue settled by yes or no (true or false in positions and packages)."""

    kind: Literal["yesno"] = Field(description="yesno: yes or no, written true or false.")


Issue = Annotated[NumericIssue | OptionsIssue | YesNoIssue, Field(discriminator="kind")]


class Position(Model):
    """One delegation's position on one issue: where it opens, hopes to land, and will not go beyond."""

    opening: Value = Field(description="The value the delegation opens with.")
    target: Value = Field(description="What the delegation hopes to settle at.")
    red_line: Value = Field(description="The worst value it may accept (its reservation value).")
    weight: float = Field(
        gt=0, description="Relative priority of the issue for this delegation (any positive number; normalised)."
    )
    prefers: Literal["higher", "lower"] | None = Field(
        default=None,
        description="higher or lower: which end this side prefers (numbers; the order of options; yes is higher).",
    )
    values: dict[Value, float] | None = Field(
        default=None,
        description="Value -> utility from 0 to 1, instead of prefers (numeric: points, interpolated; "
        "options and yes/no: every value).",
    )
    confidence: Confidence = Field(
        default="sourced",
        description="'sourced' (the default), or 'estimate' when the sources do not fix this position.",
    )
    source: str = Field(default="", description="Source keys for the position.", json_schema_extra=SOURCE_EXAMPLES)


class Domestic(Model):
    """Who must ratify an agreement for this side, and how their support follows from the package."""

    body: str = Field(description="Who ratifies: 'US Senate', 'Supreme Soviet'.")
    threshold: float = Field(gt=0, lt=1, description="Share of support ratification needs (two thirds: 0.67).")
    support_at_worst: float = Field(ge=0, le=1, description="Support for the worst package for this side.")
    support_at_best: float = Field(ge=0, le=1, description="Support for the best package for this side.")
    weights: dict[str, Annotated[float, Field(ge=0)]] | None = Field(
        default=None,
        description="Issue -> weight as the constituency sees it, instead of the delegation's weights "
        "(issues left out count for nothing).",
    )
    note: str = Field(default="", description="Who they are and what moves them, for the scenario's readers.")
    confidence: Confidence = Field(default="estimate", description="'sourced' or 'estimate' (the default).")


class Member(Model):
    """A member of a delegation."""

    name: str = Field(
        description="The person's name, e.g. 'James Baker', or per language, e.g. {en: James Baker, ru: Джеймс Бейкер}: "
        "the English name is the one speakers, personas and beats refer to."
    )
    role: str = Field(description="Their office, e.g. 'Secretary of State'.")
    lead: bool = Field(default=False, description="true for the member who speaks for the delegation.")
    shown: str = Field(
        default="", description="Filled in by the loader: the name in the game's language (default: the name)."
    )

    @property
    def called(self) -> str:
        """The name to show a player: `name` is the English key that speakers and beats refer to."""
        return self.shown or self.name


class Persona(Model):
    """A character an AI can play for this side ('persona:ID'): a built-in strategy with firm lines."""

    id: Slug = Field(description="Short id; the agent spec is persona:ID.")
    name: str = Field(description="The name shown in the opponent list, e.g. 'Historical Karpov'.")
    speaker: str = Field(default="", description="Which member speaks for this persona.")
    description: str = Field(description="How the persona negotiates, for the player choosing an opponent.")
    strategy: str = Field(
        default="boulware",
        description="The built-in strategy it runs, e.g. boulware, linear, conceder, tradeoff or hard "
        "(the list: scenarios/README.md, Personas).",
    )
    params: dict[str, float] = Field(
        default_factory=dict,
        description="Strategy setting -> number, set on the strategy (advanced).",
        json_schema_extra={"examples": [{"exponent": 0.5}]},
    )
    firm: dict[str, Value] = Field(default_factory=dict, description="Issue -> value the persona never moves beyond.")
    bluffs: bool = Field(
        default=False, description="true: it declares its firm lines but drops them near the end (relative time 0.8)."
    )


class Side(Model):
    """One delegation: its people, its confidential brief, its positions and its home front."""

    name: str = Field(description="The delegation's full name, e.g. 'United States'.")
    short: str = Field(description="A short name for tables, e.g. 'US'.")
    members: tuple[Member, ...] = Field(min_length=1, description="The people at the table (at least one).")
    brief: str = Field(description="Confidential instructions; never shown to the other side.")
    no_deal: float = Field(ge=0, lt=1, description="Utility (0-1) of ending with no agreement (BATNA).")
    trust: float = Field(default=0.5, ge=0, le=1, description="Starting trust in the other delegation.")
    positions: dict[str, Position] = Field(description="Issue id -> this side's position on it (every issue).")
    domestic: Domestic = Field(description="Who ratifies for this side, and how.")
    personas: tuple[Persona, ...] = Field(default=(), description="Characters an AI can play for this side.")
    colour: str | None = Field(
        default=None,
        description="The side's colour in the window (its name, flag, offers and speech bubble) and its "
        "charts: '#RRGGBB' in quotes (a # not in quotes starts a comment). Without it the first side is blue "
        "and the second vermillion; the high-contrast theme keeps its own colours.",
        json_schema_extra={"anyOf": [{"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$"}, {"type": "null"}]},
    )


class Sides(Model):
    """The two delegations, each under an id of the scenario's choosing (us and ussr, eu and japan, ...).

    The model keeps them in two slots, `us` for the side written first and `ussr` for the second
    (see game/scenario/side_ids.py); every side id in the file is one of the two keys written here."""

    us: Side = Field(description="The first delegation (under the id the file gives it).")
    ussr: Side = Field(description="The second delegation (under the id the file gives it).")


class Argument(Model):
    """A case a delegation can table: it makes the other side more flexible on its target issues."""

    id: Slug = Field(description="Short id, used by events (condition: argument_tabled: ID).")
    side: SideId = Field(description="Who may table it.")
    title: str = Field(description="A short title for the argument buttons.")
    text: str = Field(description="What the speaker says when tabling it (the record's words where they fit).")
    targets: tuple[str, ...] = Field(min_length=1, description="The issues it bears on.")
    effect: float = Field(gt=0, le=1, description="Flexibility it adds to the other side on its targets.")
    source: str = Field(default="", description="Source keys for the argument.", json_schema_extra=SOURCE_EXAMPLES)
    holds: OfferCondition | None = Field(
        default=None,
        description="What the argument claims of its own side's offer (its side and issue): while that side's standing "
        "offer breaks it, the card is not true any more and cannot be tabled (a side with no offer yet still holds).",
        json_schema_extra=OFFER_EXAMPLES,
    )


class OfferCondition(Model):
    """Holds while a side's standing offer has a value on an issue (every bound given must hold)."""

    side: SideId = Field(description="Whose standing offer: a side's id.")
    issue: str = Field(description="The issue's id.")
    at_least: float | None = Field(default=None, description="The offered number is at least this (numeric issues).")
    at_most: float | None = Field(default=None, description="The offered number is at most this (numeric issues).")
    equals: Value | None = Field(default=None, description="The offered value is exactly this (any kind of issue).")


class Condition(Model):
    """Every field given must hold for the event to fire."""

    consulted: SideId | None = Field(default=None, description="That side has just consulted its capital.")
    argument_tabled: str | None = Field(default=None, description="This argument (its id) has been tabled.")
    red_line_declared: SideId | None = Field(default=None, description="That side has declared a red line.")
    after_event: str | None = Field(default=None, description="This event (its id) has already fired.")
    offer: OfferCondition | None = Field(
        default=None, description="A side's standing offer on an issue.", json_schema_extra=OFFER_EXAMPLES
    )
    trust_below: float | None = Field(
        default=None, description="The trust of trust_of's side in the other is below this (0-1)."
    )
    trust_of: SideId | None = Field(
        default=None, description="Whose trust trust_below looks at: a side's id (default: the first side)."
    )
    min_time: float | None = Field(default=None, ge=0, le=1, description="Relative time at least this.")


class Trigger(Model):
    """When an event fires: every part given must hold (a date, a meeting, a condition)."""

    date: dt.date | None = Field(default=None, description="Fires when the calendar reaches this date.")
    meeting: str | None = Field(default=None, description="Fires when this meeting opens.")
    condition: Condition | None = Field(default=None, description="A state of the talks that must hold.")


class Effect(Model):
    """What an event does to one side. Changes add to trust and support; weights multiply."""

    side: SideId = Field(description="The side it affects: a side's id.")
    trust: float = Field(default=0.0, description="Change of this side's trust in the other.")
    support: float = Field(default=0.0, description="Change of this side's domestic support.")
    weights: dict[str, Annotated[float, Field(gt=0)]] = Field(
        default_factory=dict, description="Issue -> factor (more than 0) on its weight."
    )
    red_lines: dict[str, Value] = Field(default_factory=dict, description="Issue -> new red line.")
    instructions: str = Field(default="", description="New instructions shown to that side only.")


class Event(Model):
    """An inject: news and changes that happen when its trigger holds (at most once per game)."""

    id: Slug = Field(description="Short id, used by other events (condition: after_event: ID).")
    title: str = Field(description="A short headline for the log.")
    news: str = Field(description="The news line shown in the log.")
    trigger: Trigger = Field(description="When it fires.")
    effects: tuple[Effect, ...] = Field(default=(), description="What it changes, per side.")
    confidence: Confidence = Field(
        default="sourced", description="'estimate' for an event the sources do not establish as modelled."
    )
    source: str = Field(default="", description="Source keys for the event.", json_schema_extra=SOURCE_EXAMPLES)


class Dialogue(Model):
    """Phrases a side's speaker may use, by kind of move: 'propose' (an opening, or a trade), 'concede'
    (a proposal that only moves toward the other side), 'retract' (one that only moves away), 'hold' (a
    proposal repeated unchanged); a proposal that answers the other side's opens with 'acknowledge' (it
    moved toward this side), 'unmoved' (it did not move) or 'backtracked' (it moved away). A phrase that
    names the meeting's place is not said there.

    Placeholders: {changes}, {package} (proposals), {issue}, {value} (red lines), {argument}, {speaker}.
    """

    us: dict[DialogueKey, tuple[str, ...]] = Field(
        default_factory=dict, description="Kind of move -> phrases the first side's speaker may use."
    )
    ussr: dict[DialogueKey, tuple[str, ...]] = Field(
        default_factory=dict, description="Kind of move -> phrases the second side's speaker may use."
    )


class EpilogueEntry(Model):
    """What became of one issue after the scenario's time: the next round, the summit, the agreement."""

    issue: str = Field(description="The issue's id.")
    bonn: str = Field(
        default="",
        description="What moved at the first later meeting (its heading: historical.stages).",
        json_schema_extra={"examples": ["The experts agreed on the data each side would exchange."]},
    )
    ministerial: str = Field(
        description="What the next round of talks settled, and on which day (its heading: historical.stages)."
    )
    summit: str = Field(description="What the meeting of the leaders announced (its heading: historical.stages).")
    treaty: str = Field(description="What the signed agreement contains (its heading: historical.stages).")
    sources: tuple[str, ...] = Field(
        default=(), description="Source keys, e.g. '[F-126]'.", json_schema_extra={"examples": [["[F-126]", "[W]"]]}
    )
    confidence: Confidence = Field(default="sourced", description="'estimate' when the sources do not establish it.")


class Stages(Model):
    """The headings of the epilogue's stages, e.g. 'Moscow ministerial, 16–19 May 1990'."""

    bonn: str = Field(default="Earlier meeting", description="Heading of what moved at the first later meeting.")
    ministerial: str = Field(default="Next round of talks", description="Heading of the next round's outcome.")
    summit: str = Field(default="Summit", description="Heading of what the leaders announced.")
    treaty: str = Field(default="Agreement signed", description="Heading of what the signed agreement contains.")


class Historical(Model):
    """What history produced: the debrief and the analysis compare every game with it."""

    date: dt.date = Field(description="When it was agreed, YYYY-MM-DD.")
    summary: str = Field(description="What was agreed, in a paragraph.")
    package: dict[str, Value] = Field(description="Issue id -> the value history settled on (every issue).")
    notes: dict[str, str] = Field(default_factory=dict, description="Issue id -> a note on that value and its sources.")
    sources: tuple[str, ...] = Field(default=(), description="Source keys, e.g. '[F-126]'.")
    epilogue: tuple[EpilogueEntry, ...] = Field(
        default=(), description="What happened next, issue by issue (shown after the game and in the export)."
    )
    stages: Stages = Field(
        default_factory=Stages,
        description="The epilogue's headings, with the scenario's own places and dates.",
    )
    day_by_day: str = Field(
        default="",
        description="Where a player can read what happened day by day, with its sources: a file or a web address "
        "(shown as written); the debrief and the exported record point there.",
        json_schema_extra={"examples": ["docs/HISTORY.md", "https://www.example.org/kestrel-talks"]},
    )


class Scenario(Model):
    """A Cruise Control scenario: the issues, the calendar, two delegations, and what may happen."""

    format_version: Literal[1] = Field(description="The version of the scenario format: 1.")
    meta: Meta = Field(description="The scenario's id, title, date, summary and sources.")
    calendar: Calendar = Field(description="The meetings and the deadline.")
    issues: tuple[Issue, ...] = Field(min_length=1, description="What is negotiated (at least one issue).")
    sides: Sides = Field(description="The two delegations, each under its id (e.g. us and ussr, or eu and japan).")
    arguments: tuple[Argument, ...] = Field(default=(), description="Arguments the delegations can table.")
    events: tuple[Event, ...] = Field(default=(), description="Injects fired by date, meeting or condition.")
    dialogue: Dialogue = Field(default_factory=Dialogue, description="Phrases each side's speaker may use.")
    historical: Historical | None = Field(default=None, description="What history produced, if anything.")

    _side_ids: tuple[str, str] = PrivateAttr(default=("us", "ussr"))
    _english_rules: tuple[str, str] | None = PrivateAttr(default=None)

    @property
    def side_ids(self) -> tuple[str, str]:
        """The ids the file gives its sides, first side first (see `game.scenario.side_ids`)."""
        return self._side_ids

    @property
    def english_rules(self) -> tuple[str, str] | None:
        """(the digest of this model's rules, the digest of the same file read in English): option labels
        and names are in the model in the game's language, and a save or a class server must agree on the
        rules whatever language each computer runs in (`game.record.rules_digest`)."""
        return self._english_rules

    def with_english_rules(self, own: str, english: str) -> Scenario:
        read = self.model_copy()
        read._english_rules = (own, english)
        return read

    def with_side_ids(self, ids: tuple[str, str]) -> Scenario:
        """The scenario with the file's own side ids (the model keeps the sides in slots us and ussr)."""
        named = self.model_copy()
        named._side_ids = ids
        return named
