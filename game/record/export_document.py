"""The record of a game as a document, before it is laid out: the heading, the delegations, each
meeting's statements and news, and what came after. `game.record.export` builds it from a game;
Markdown and HTML are rendered from the same document, so they cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Statement:
    speaker: str
    text: str
    label: str = ""


@dataclass(frozen=True)
class News:
    title: str
    text: str


@dataclass(frozen=True)
class Stage:
    """A line of the chair's: a meeting closing."""

    text: str


Item = Statement | News | Stage


@dataclass(frozen=True)
class Section:
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Table:
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Delegation:
    name: str
    members: tuple[tuple[str, str], ...]
    """(name, role) of each member."""


@dataclass(frozen=True)
class EpilogueIssue:
    name: str
    stages: tuple[tuple[str, str], ...]
    sources: str
    estimate: bool


@dataclass(frozen=True)
class Document:
    title: str
    heading: str
    dates: str
    delegations: tuple[Delegation, Delegation]
    sections: tuple[Section, ...]
    outcome: tuple[str, ...]
    package: Table | None
    scores: Table | None
    ratification: Table | None
    history_title: str
    history_summary: str
    history: Table | None
    history_issues: tuple[EpilogueIssue, ...]
    sources: tuple[tuple[str, str], ...]
    colophon: tuple[str, ...]
