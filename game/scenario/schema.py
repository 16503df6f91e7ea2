"""The scenario format: frozen pydantic models that are both the validator and the in-memory model.

The same classes generate the JSON Schema shipped for editors, so the format and its
documentation cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

FORMAT_VERSION = 1

Value = bool | int | float | str
"""One issue's value: a number (numeric issues), an option name, or yes/no (true/false)."""

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", description="lower-case id: a-z, 0-9, _ and -")]
SideId = Literal["us", "ussr"]
Confidence = Literal["sourced", "estimate"]
DialogueKey = Literal["propose", "hold", "accept", "red_line", "argument", "consult", "adjourn", "walk_out"]


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Meta(Model):
    id: Slug = Field(description="Short id, used on the command line (--scenario ID).")
    title: str
    date: dt.date = Field(description="The date the scenario starts, YYYY-MM-DD.")
    summary: str = Field(description="A paragraph shown on the new-game screen.")
    sources: dict[str, str] = Field(default_factory=dict, description="Source key -> full citation.")


class Meeting(Model):
    id: Slug
    title: str
    date: dt.date
    place: str = ""
    exchanges: int = Field(ge=1, le=200, description="How many moves (both sides together) the meeting allows.")
    source: str = ""


class Deadline(Model):
    title: str
    date: dt.date
    source: str = ""


class Calendar(Model):
    first_to_move: SideId = Field(description="Which delegation speaks first at every meeting.")
    meetings: tuple[Meeting, ...] = Field(min_length=1)
    deadline: Deadline
    consult_cost: int = Field(default=2, ge=1, description="Exchanges a consultation with the capital uses.")


class IssueBase(Model):
    id: Slug
    name: str
    short: str = Field(default="", description="A short label for tables; defaults to the name.")
    description: str = Field(description="Explains the issue to a player (shown as a tooltip).")
    source: str = ""


class NumericIssue(IssueBase):
    kind: Literal["numeric"]
    min: int | float
    max: int | float
    step: int | float = Field(gt=0)
    unit: str = Field(description="km, missiles, bombers, ...")


class OptionsIssue(IssueBase):
    kind: Literal["options"]
    options: tuple[str, ...] = Field(min_length=2, description="In order, from least to most.")


class YesNoIssue(IssueBase):
    kind: Literal["yesno"]


Issue = Annotated[NumericIssue | OptionsIssue | YesNoIssue, Field(discriminator="kind")]


class Position(Model):
    opening: Value = Field(description="The value the delegation opens with.")
    target: Value = Field(description="What the delegation hopes to settle at.")
    red_line: Value = Field(description="The worst value it may accept (its reservation value).")
    weight: float = Field(gt=0, description="Relative priority of the issue for this delegation.")
    prefers: Literal["higher", "lower"] | None = Field(
        default=None, description="Direction of preference (numeric, or the order of options; yes > no)."
    )
    values: dict[Value, float] | None = Field(
        default=None, description="Explicit utility in [0, 1] of each value, instead of prefers."
    )
    confidence: Confidence = "sourced"
    source: str = ""


class Domestic(Model):
    body: str = Field(description="Who ratifies: 'US Senate', 'Supreme Soviet'.")
    threshold: float = Field(gt=0, lt=1, description="Share of support ratification needs (two thirds: 0.67).")
    support_at_worst: float = Field(ge=0, le=1, description="Support for the worst package for this side.")
    support_at_best: float = Field(ge=0, le=1, description="Support for the best package for this side.")
    weights: dict[str, float] | None = Field(
        default=None,
        description="Issue -> weight as the constituency sees it, instead of the delegation's weights "
        "(issues left out count for nothing).",
    )
    note: str = ""
    confidence: Confidence = "estimate"


class Member(Model):
    name: str
    role: str
    lead: bool = False


class Persona(Model):
    id: Slug
    name: str
    speaker: str = Field(default="", description="Which member speaks for this persona.")
    description: str
    strategy: str = Field(default="boulware", description="The built-in strategy it runs.")
    params: dict[str, float] = Field(default_factory=dict)
    firm: dict[str, Value] = Field(default_factory=dict, description="Issue -> value the persona never moves beyond.")
    bluffs: bool = False


class Side(Model):
    name: str
    short: str
    members: tuple[Member, ...] = Field(min_length=1)
    brief: str = Field(description="Confidential instructions; never shown to the other side.")
    no_deal: float = Field(ge=0, lt=1, description="Utility (0-1) of ending with no agreement (BATNA).")
    trust: float = Field(default=0.5, ge=0, le=1, description="Starting trust in the other delegation.")
    positions: dict[str, Position]
    domestic: Domestic
    personas: tuple[Persona, ...] = ()


class Sides(Model):
    us: Side
    ussr: Side


class Argument(Model):
    id: Slug
    side: SideId = Field(description="Who may table it.")
    title: str
    text: str
    targets: tuple[str, ...] = Field(min_length=1, description="The issues it bears on.")
    effect: float = Field(gt=0, le=1, description="Flexibility it adds to the other side on its targets.")
    source: str = ""


class OfferCondition(Model):
    side: SideId
    issue: str
    at_least: float | None = None
    at_most: float | None = None
    equals: Value | None = None


class Condition(Model):
    """Every field given must hold for the event to fire."""

    consulted: SideId | None = Field(default=None, description="That side has just consulted its capital.")
    argument_tabled: str | None = None
    red_line_declared: SideId | None = None
    after_event: str | None = None
    offer: OfferCondition | None = Field(default=None, description="A side's standing offer on an issue.")
    trust_below: float | None = None
    trust_of: SideId | None = None
    min_time: float | None = Field(default=None, ge=0, le=1, description="Relative time at least this.")


class Trigger(Model):
    date: dt.date | None = Field(default=None, description="Fires when the calendar reaches this date.")
    meeting: str | None = Field(default=None, description="Fires when this meeting opens.")
    condition: Condition | None = None


class Effect(Model):
    side: SideId
    trust: float = Field(default=0.0, description="Change of this side's trust in the other.")
    support: float = Field(default=0.0, description="Change of this side's domestic support.")
    weights: dict[str, float] = Field(default_factory=dict, description="Issue -> factor on its weight.")
    red_lines: dict[str, Value] = Field(default_factory=dict, description="Issue -> new red line.")
    instructions: str = Field(default="", description="New instructions shown to that side only.")


class Event(Model):
    id: Slug
    title: str
    news: str = Field(description="The news line shown in the log.")
    trigger: Trigger
    effects: tuple[Effect, ...] = ()
    confidence: Confidence = "sourced"
    source: str = ""


class Dialogue(Model):
    """Phrases a side's speaker may use, by kind of move ('hold': a proposal repeated unchanged).

    Placeholders: {changes}, {package} (proposals), {issue}, {value} (red lines), {argument}, {speaker}.
    """

    us: dict[DialogueKey, tuple[str, ...]] = Field(default_factory=dict)
    ussr: dict[DialogueKey, tuple[str, ...]] = Field(default_factory=dict)


class Historical(Model):
    date: dt.date
    summary: str
    package: dict[str, Value]
    notes: dict[str, str] = Field(default_factory=dict)
    sources: tuple[str, ...] = ()


class Scenario(Model):
    format_version: Literal[1]
    meta: Meta
    calendar: Calendar
    issues: tuple[Issue, ...] = Field(min_length=1)
    sides: Sides
    arguments: tuple[Argument, ...] = ()
    events: tuple[Event, ...] = ()
    dialogue: Dialogue = Field(default_factory=Dialogue)
    historical: Historical | None = None
