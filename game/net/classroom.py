"""A class on the server: its students, the lobby and pairing, the tables, and what each seat is told.

Plain asyncio, no HTTP: `game.net.server` feeds it checked messages and gives it a `Link` per
connection to write to. Every move goes through the table's `Rules.apply`, is committed to the store,
and only then is announced. A seat is told only its own side, the public moves, its own view of the game
(`game.net.view`), the scenario as it may have it (`game.net.seat_copy`) and who is at the table.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hmac
import logging
import secrets
import string
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from game.engine.moves import SIDE_MOVES, FireEvent, Forfeit, Move
from game.errors import CruiseControlError, Worded
from game.net.protocol import Holds, Join, MoveMessage, Thinking, dump
from game.net.store import ClassStore, name_key
from game.net.table import STUDENT, Table, scenario, seat_copy, student
from game.net.view import view_of, visible
from game.record import save
from game.scenario.preferences import Side

log = logging.getLogger("cruise_control.net")
CODE_ALPHABET = "".join(c for c in string.ascii_uppercase + string.digits if c not in "0O1IL")


class Link(Protocol):
    """One client connection: messages are queued, never awaited, so one slow client stalls nobody."""

    def send(self, text: str) -> None: ...

    def drop(self, reason: str) -> None: ...


class Refused(CruiseControlError):
    """A request the class turns down; `code` is the protocol's error code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Student:
    name: str
    token: str
    link: Link | None = None
    table: Table | None = None
    side: Side | None = None
    thinking: bool = False
    holds: str = ""
    """The rules digest of the scenario the student's computer says it holds (`Holds`)."""


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


class Classroom:
    def __init__(
        self, store: ClassStore, scenario: str = "april-1990", ai: str = "ai:hard", open_play: bool = False
    ) -> None:
        """`open_play`: tables play as soon as they are seated (a game hosted between two computers)."""
        self.store = store
        self.name = store.get("name") or store.path.stem
        self.code = store.get("code") or "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
        self.teacher_token = store.get("teacher") or secrets.token_urlsafe(12)
        self.scenario = store.get("scenario") or scenario
        self.ai = store.get("ai") or ai
        for side in Side:  # made before the first students join, not while the first tables wait for them
            seat_copy(self.scenario, side)
        for key, value in (
            ("code", self.code),
            ("teacher", self.teacher_token),
            ("scenario", self.scenario),
            ("ai", self.ai),
        ):
            store.put(key, value)
        self.started = open_play or store.get("started") == "1"
        self.paused = store.get("paused") == "1"
        self.ended = store.get("ended") == "1"
        self.students: dict[str, Student] = {name_key(n): Student(n, t) for n, t in store.students()}
        self.waiting: list[str] = []
        self.tables: dict[int, Table] = {}
        self.dashboards: set[Link] = set()
        self.dirty = True
        self.pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="agent")
        for stored in store.tables():
            table = Table(stored.id, stored.scenario, stored.seed, stored.players, stored.created)
            table.replay(store.moves(stored.id))
            self._seat(table)
        self.saves_dir = store.path.parent / f"{store.path.stem}-saves"

    def _seat(self, table: Table) -> None:
        self.tables[table.id] = table
        for side, spec in table.players.items():
            name = student(spec)
            if name is not None:
                s = self.students[name_key(name)]
                s.table, s.side = table, side

    def start_agents(self) -> None:
        """Once the event loop runs: every agent whose turn it is starts thinking (after a restart too)."""
        for table in self.tables.values():
            self._kick(table)

    # ----- students ----------------------------------------------------------------------
    def holder(self, msg: Join) -> Link | None:
        """The connection of the student with that name, if any."""
        s = self.students.get(name_key(msg.name))
        return None if s is None else s.link

    def join(self, msg: Join, link: Link, take_over: bool = False) -> Student:
        """`take_over`: the name's connection is known dead (it did not answer a ping), so the name alone will do."""
        if not _same(msg.code.upper(), self.code):
            raise Refused("bad_code", "that is not this class's code")
        key = name_key(msg.name)
        if not key:
            raise Refused("bad_name", "a name needs a letter or two")
        s = self.students.get(key)
        if s is None:
            if msg.token is not None:
                raise Refused("bad_token", "that token belongs to no one in this class")
            s = Student(" ".join(msg.name.split()), secrets.token_urlsafe(16))
            self.store.add_student(s.name, s.token)
            self.students[key] = s
        elif msg.token is not None and not _same(msg.token, s.token):
            raise Refused("bad_token", f"that token is not {s.name}'s")
        elif msg.token is None and s.link is not None and not take_over:
            raise Refused(
                "name_taken", f"{s.name} is already here; choose another name, or rejoin from {s.name}'s computer"
            )
        if s.link is not None and s.link is not link:
            s.link.drop("the same student joined again from another connection")
        s.link, s.holds = link, ""  # what another computer held is not this one's
        link.send(
            dump(
                "welcome",
                name=s.name,
                token=s.token,
                cls=self.name,
                started=self.started,
                paused=self.paused,
                ended=self.ended,
            )
        )
        if s.table is None:
            if key not in self.waiting:
                self.waiting.append(key)
            self._pair()
        if s.table is not None:
            self._tell_seated(s)
            self._presence(s, "connected")
        else:
            link.send(dump("lobby", waiting=len(self.waiting)))
        self.dirty = True
        log.info("%s joined", s.name)
        return s

    def leave(self, s: Student, link: Link) -> None:
        if s.link is not link:
            return  # already replaced by a rejoin
        log.info("%s left", s.name)
        s.link, s.thinking = None, False
        if name_key(s.name) in self.waiting:
            self.waiting.remove(name_key(s.name))
        self._presence(s, "dropped")
        self.dirty = True

    def _pair(self, with_agent: bool = False) -> None:
        while not self.ended and (len(self.waiting) >= 2 or (with_agent and self.waiting)):
            first = self.students[self.waiting.pop(0)]
            second = STUDENT + self.students[self.waiting.pop(0)].name if self.waiting else self.ai
            sides = (Side.US, Side.USSR) if len(self.tables) % 2 == 0 else (Side.USSR, Side.US)
            players = {sides[0].value: STUDENT + first.name, sides[1].value: second}
            seed = secrets.randbelow(2**31)
            created = _now()
            table_id = self.store.add_table(self.scenario, seed, players, created)
            table = Table(table_id, self.scenario, seed, players, created)
            self._seat(table)
            log.info("table %d: %s", table_id, ", ".join(f"{k} {v}" for k, v in players.items()))
            for spec in table.players.values():
                name = student(spec)
                if name is not None:
                    self._tell_seated(self.students[name_key(name)])
            self._kick(table)
        for key in self.waiting:
            link = self.students[key].link
            if link is not None:
                link.send(dump("lobby", waiting=len(self.waiting)))

    def _tell_seated(self, s: Student) -> None:
        table, side = s.table, s.side
        if table is None or side is None or s.link is None:
            return
        players = {sd.value: student(spec) or "AI" for sd, spec in table.players.items()}
        s.link.send(
            dump(
                "seated",
                table=table.id,
                side=side.value,
                seed=table.seed,
                players=players,
                speakers=list(table.state.speakers),
                **self._table_news(table, side, 0, 0, always=True),
            )
        )
        other = self._opponent(s)
        if other is not None:
            s.link.send(dump("presence", side=side.other.value, status="connected" if other.link else "dropped"))

    @staticmethod
    def _scenario_info(table: Table, side: Side, holds: str) -> dict[str, str]:
        """The scenario a seat plays on: during the talks its own copy (`seat_copy`), once they are over
        the whole scenario, for the debrief and the save (as a local game's debrief shows both sides), its
        text left out for a seat whose computer holds it (`holds`: 100 KB less per seat at the end)."""
        sc = table.sc
        info = {"id": table.rules.scenario.meta.id, "file": Path(sc.copy.file).name}
        if table.state.over:
            return (
                {**info, "hash": sc.digest} if holds == sc.digest else {**info, "hash": sc.digest, "text": sc.copy.text}
            )
        copy = seat_copy(table.scenario_name, side)
        if copy is None:  # the seat needs its own copy, which the whole scenario's digest names
            return {**info, "hash": sc.digest}
        return {**info, "text": copy.text, "seat_hash": copy.digest}  # not the whole digest: guesses are checked by it

    def _table_news(self, table: Table, side: Side, start: int, log_start: int, always: bool = False) -> dict[str, Any]:
        """The moves from `start` on and the seat's view of the game (its log from `log_start` on); the
        scenario on seating (`always`) and with the move that ends the talks."""
        state = table.state
        news: dict[str, Any] = {
            "start": start,
            "moves": table.move_data(start),
            "to_move": state.to_move.value,
            "over": state.over,
            "phase": table.phase(self.started),
            "paused": self.paused,
            "view": view_of(state, side, log_start),
        }
        if always or state.over:
            name = student(table.players[side])
            holds = "" if name is None else self.students[name_key(name)].holds
            news["scenario"] = self._scenario_info(table, side, holds)
        return news

    def _opponent(self, s: Student) -> Student | None:
        if s.table is None or s.side is None:
            return None
        name = student(s.table.players[s.side.other])
        return None if name is None else self.students[name_key(name)]

    def _presence(self, s: Student, status: str) -> None:
        other = self._opponent(s)
        if other is not None and other.link is not None and s.side is not None:
            other.link.send(dump("presence", side=s.side.value, status=status))

    # ----- moves -------------------------------------------------------------------------
    def _seat_of(self, s: Student, token: str) -> tuple[Table, Side]:
        if not _same(token, s.token):
            raise Refused("bad_token", "that token is not this seat's")
        if s.table is None or s.side is None:
            raise Refused("not_seated", "you are not at a table yet")
        return s.table, s.side

    def move(self, s: Student, msg: MoveMessage) -> None:
        table, side = self._seat_of(s, msg.token)
        if self.ended:
            raise Refused("ended", "the teacher has ended the session")
        if not self.started:
            raise Refused("not_started", "the teacher has not started the talks yet: read your brief")
        if self.paused:
            raise Refused("paused", "the teacher has paused the talks")
        state = table.state
        if state.over:
            raise Refused("over", "the talks at this table are over")
        if msg.at != len(state.moves):
            raise Refused(
                "stale",
                f"the game has {len(state.moves)} moves, not {msg.at}: that move was already played or is out of date",
            )
        if state.to_move is not side:
            raise Refused("not_your_turn", "it is the other delegation's turn")
        move = table.parse(msg.move_data())
        if not isinstance(move, SIDE_MOVES):
            raise Refused("malformed", "a forfeit or a fired event is the server's and the teacher's, not a seat's")
        s.thinking = False
        self._play(table, move)

    def _play(self, table: Table, move: Move) -> None:
        """Apply (raises IllegalMoveError, nothing changes), commit to the store, then tell everyone."""
        before = table.state
        start = len(before.moves)
        state = table.next_state(move)
        self.store.add_move(table.id, start, table.move_data_of(move))
        table.commit(state)
        for side, spec in table.players.items():
            name = student(spec)
            link = None if name is None else self.students[name_key(name)].link
            if link is not None:  # each seat its own view: its log entries, its own numbers
                link.send(dump("moves", table=table.id, **self._table_news(table, side, start, visible(before, side))))
        self.dirty = True
        self._kick(table)

    def holds(self, s: Student, msg: Holds) -> None:
        self._seat_of(s, msg.token)
        s.holds = msg.digest

    def thinking(self, s: Student, msg: Thinking) -> None:
        self._seat_of(s, msg.token)
        if s.thinking != msg.on:
            s.thinking = msg.on
            self._presence(s, "thinking" if msg.on else "connected")

    # ----- agents, off the event loop ------------------------------------------------------
    def _kick(self, table: Table) -> None:
        state = table.state
        if (
            table.thinking
            or state.over
            or not self.started
            or self.paused
            or self.ended
            or not table.is_agent(state.to_move)
        ):
            return
        table.thinking = True
        at = len(state.moves)
        future = asyncio.get_running_loop().run_in_executor(self.pool, table.match.decide)
        future.add_done_callback(lambda f: self._decided(table, at, f))

    def _decided(self, table: Table, at: int, future: asyncio.Future[Move]) -> None:
        table.thinking = False
        if future.cancelled() or len(table.state.moves) != at or self.paused or self.ended:
            self._kick(table)
            return
        try:
            self._play(table, future.result())
        except CruiseControlError as exc:
            log.warning("table %d: the agent's move was refused (%s); it forfeits", table.id, exc)
            self._play(table, Forfeit(f"its move was refused: {exc.english if isinstance(exc, Worded) else exc}"))

    # ----- the teacher's buttons -----------------------------------------------------------
    def teacher(self, token: str) -> bool:
        return _same(token, self.teacher_token)

    def _set(self, key: str, on: bool) -> None:
        self.store.put(key, "1" if on else "0")
        setattr(self, key, on)
        for s in self.students.values():
            if s.link is not None:
                s.link.send(dump("status", started=self.started, paused=self.paused, ended=self.ended))
        self.dirty = True

    def start(self) -> None:
        self._set("started", True)
        self._pair(with_agent=True)
        self.start_agents()

    def pause(self, on: bool) -> None:
        self._set("paused", on)
        self.start_agents()

    def events(self) -> list[tuple[str, str]]:
        """The class scenario's events the teacher may fire: (id, title)."""
        return [(e.id, e.title) for e in scenario(self.scenario).rules.scenario.events]

    def side_names(self) -> dict[str, dict[str, str]]:
        """The class scenario's delegations as the dashboard heads its columns: per side, name and short name."""
        sides = scenario(self.scenario).rules.scenario.sides
        return {
            side.value: {"name": m.name, "short": m.short} for side, m in ((Side.US, sides.us), (Side.USSR, sides.ussr))
        }

    def fire(self, event_id: str, table_id: int | None) -> list[int]:
        """One of the scenario's events now, whatever its trigger: at one table, or (no table) at every
        table still talking where it has not happened. A move like any other: journaled, then announced,
        and each seat sees it (and only its own side's new instructions) as it sees any move."""
        if self.ended:
            raise Refused("ended", "the session has ended")
        if event_id not in dict(self.events()):
            known = ", ".join(dict(self.events())) or "none"
            raise Refused(
                "unknown_event", f"there is no event {event_id!r} in this class's scenario (its events: {known})"
            )
        if table_id is None:
            tables = [t for t in self.tables.values() if not t.state.over and event_id not in t.state.fired]
        else:
            table = self.tables.get(table_id)
            if table is None:
                raise Refused("no_table", f"there is no table {table_id}")
            if table.state.over:
                raise Refused("over", f"the talks at table {table_id} are over")
            if event_id in table.state.fired:
                raise Refused("fired", f"{event_id!r} has already happened at table {table_id}")
            tables = [table]
        for table in tables:
            self._play(table, FireEvent(event_id))
        log.info("event %s fired at tables %s", event_id, ", ".join(str(t.id) for t in tables) or "none")
        return [t.id for t in tables]

    def end(self) -> list[Path]:
        self._set("ended", True)
        return self.write_saves()

    # ----- records -------------------------------------------------------------------------
    def save_path(self, table: Table) -> Path:
        return self.saves_dir / f"table-{table.id:02d}.yaml"

    def write_save(self, table: Table) -> Path:
        path = self.save_path(table)
        save.write(path, table.record(), table.rules)
        return path

    def write_saves(self) -> list[Path]:
        return [self.write_save(t) for t in list(self.tables.values())]  # also called off the event loop

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        for table in self.tables.values():
            table.close()
        self.store.close()


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
