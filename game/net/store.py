"""The class's memory: one SQLite file (WAL) holding the class, its students, tables and every move.

Each move is committed before anyone is told of it, so a server killed at any moment restarts with
every move it ever announced. WAL with synchronous=NORMAL survives the process being killed (the
operating system keeps what was written); only a power cut can lose the last moves.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.errors import CruiseControlError

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS students (
    key TEXT PRIMARY KEY, name TEXT NOT NULL, token TEXT NOT NULL, joined REAL NOT NULL);
CREATE TABLE IF NOT EXISTS tables (
    id INTEGER PRIMARY KEY, scenario TEXT NOT NULL, seed INTEGER NOT NULL,
    players TEXT NOT NULL, created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS moves (
    table_id INTEGER NOT NULL REFERENCES tables(id), n INTEGER NOT NULL, data TEXT NOT NULL,
    at REAL NOT NULL, PRIMARY KEY (table_id, n));
"""


@dataclass(frozen=True)
class StoredTable:
    id: int
    scenario: str
    seed: int
    players: dict[str, str]
    """Per side ('us', 'ussr'): 'student:NAME' or an agent spec ('ai:hard', 'persona:...')."""
    created: str


class StoreError(CruiseControlError):
    """The class's database cannot be opened or written."""


def name_key(name: str) -> str:
    """Names match without regard to case or surrounding spaces: 'alice ' rejoins as 'Alice'."""
    return " ".join(name.split()).casefold()


class ClassStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            # checkpoints (which wait for the disk) run off the event loop: see `checkpoint`
            self.db.execute("PRAGMA wal_autocheckpoint=0")
            self.db.executescript(SCHEMA)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the class database {path}: {exc}") from exc

    def close(self) -> None:
        self.db.close()  # the last connection to close checkpoints the log into the file

    def checkpoint(self) -> None:
        """Copy what the write-ahead log holds into the database file, on a connection of its own, so that a
        thread can do it while the event loop goes on committing moves (each commit only appends to the log)."""
        try:
            with contextlib.closing(sqlite3.connect(self.path, timeout=5.0)) as db:
                db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error as exc:  # the next one will catch up; the moves are safe in the log meanwhile
            raise StoreError(f"cannot checkpoint the class database {self.path}: {exc}") from exc

    def _write(self, sql: str, args: tuple[Any, ...]) -> int:
        try:
            with self.db:
                cursor = self.db.execute(sql, args)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to the class database {self.path}: {exc}") from exc
        return int(cursor.lastrowid or 0)

    # ----- the class -------------------------------------------------------------------
    def get(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def put(self, key: str, value: str) -> None:
        self._write(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = ?", (key, value, value)
        )

    # ----- students --------------------------------------------------------------------
    def add_student(self, name: str, token: str) -> None:
        self._write(
            "INSERT INTO students (key, name, token, joined) VALUES (?, ?, ?, ?)",
            (name_key(name), name, token, time.time()),
        )

    def students(self) -> list[tuple[str, str]]:
        """(name, token) of every student, in order of arrival."""
        return [(str(n), str(t)) for n, t in self.db.execute("SELECT name, token FROM students ORDER BY joined, key")]

    # ----- tables and moves ------------------------------------------------------------
    def add_table(self, scenario: str, seed: int, players: dict[str, str], created: str) -> int:
        return self._write(
            "INSERT INTO tables (scenario, seed, players, created) VALUES (?, ?, ?, ?)",
            (scenario, seed, json.dumps(players), created),
        )

    def tables(self) -> list[StoredTable]:
        rows = self.db.execute("SELECT id, scenario, seed, players, created FROM tables ORDER BY id")
        return [StoredTable(int(i), str(s), int(seed), dict(json.loads(p)), str(c)) for i, s, seed, p, c in rows]

    def add_move(self, table_id: int, n: int, data: dict[str, Any]) -> None:
        self._write(
            "INSERT INTO moves (table_id, n, data, at) VALUES (?, ?, ?, ?)",
            (table_id, n, json.dumps(data, ensure_ascii=False), time.time()),
        )

    def moves(self, table_id: int) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT data FROM moves WHERE table_id = ? ORDER BY n", (table_id,))
        return [json.loads(d) for (d,) in rows]
