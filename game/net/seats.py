"""The seats this computer holds in classes, kept on disk: a window that was closed or crashed rejoins its
seat with the token the class gave it, as a window that never closed does.

One small JSON file in the player's own folder (`game.paths.config_dir`, beside the settings), private to
the user (mode 0600: a token lets whoever holds it play that seat), written atomically. A seat is kept per
server address, class code and student name, and forgotten when the class ends or the server no longer
knows the token (a new class under the same code). The file is read like anything from outside: bounded,
and whatever in it is not a seat is ignored.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import re
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from game.bounded_files import FileRefused, read_bytes
from game.net.client import ClientError, url_of
from game.net.store import name_key
from game.paths import config_dir

log = logging.getLogger("cruise_control.net")

FILE = "class-seats.json"
MAX_BYTES = 64 * 1024
"""The file's size: a seat takes about 200 bytes."""
MAX_SEATS = 20
"""Seats kept, the newest first: a student is in one class at a time, a shared computer in a few."""
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


@dataclass(frozen=True)
class KeptSeat:
    address: str
    """As the student typed it (the Join screen offers it again)."""
    code: str
    name: str
    token: str
    saved: str


def path() -> Path:
    return config_dir() / FILE


def _place(address: str) -> str:
    """The address as the server's: 'localhost' and 'localhost:8765/' are one class."""
    try:
        return url_of(address)
    except ClientError:
        return address.strip()


def _same(seat: KeptSeat, address: str, code: str, name: str | None = None) -> bool:
    return (
        _place(seat.address) == _place(address)
        and seat.code.upper() == code.strip().upper()
        and (name is None or name_key(seat.name) == name_key(name))
    )


def load() -> list[KeptSeat]:
    """The kept seats, newest first; a missing, oversized or garbled file holds none."""
    try:
        data = json.loads(read_bytes(path(), MAX_BYTES, "file"))
    except (FileRefused, OSError, ValueError, RecursionError):
        return []
    if not isinstance(data, dict) or not isinstance(data.get("seats"), list):
        return []
    seats = []
    for item in data["seats"][:MAX_SEATS]:
        if not isinstance(item, dict):
            continue
        values = [item.get(k) for k in ("address", "code", "name", "token", "saved")]
        if all(isinstance(v, str) and 0 < len(v) <= 100 for v in values) and _TOKEN.match(str(values[3])):
            seats.append(KeptSeat(*(str(v) for v in values)))
    return seats


def token(address: str, code: str, name: str) -> str | None:
    """The token this computer was given for that name in that class, if it still holds one."""
    return next((s.token for s in load() if _same(s, address, code, name)), None)


def last() -> KeptSeat | None:
    """The seat joined most recently (the Join screen offers its address and class code)."""
    seats = load()
    return seats[0] if seats else None


def remember(address: str, code: str, name: str, token: str) -> None:
    """Keep the seat (newest first); a computer that cannot write its folder still plays, it only cannot
    rejoin by token after a restart."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    seat = KeptSeat(address.strip(), code.strip().upper(), name, token, now)
    _write([seat, *(s for s in load() if not _same(s, address, code, name))][:MAX_SEATS])


def forget(address: str, code: str, name: str | None = None) -> None:
    """Forget the seat of that name in that class (every name there if None): the class has ended."""
    seats = load()
    kept = [s for s in seats if not _same(s, address, code, name)]
    if len(kept) != len(seats):
        _write(kept)


def _write(seats: list[KeptSeat]) -> None:
    target = path()
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".class-seats-", suffix=".tmp", dir=target.parent)  # mode 0600
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"seats": [asdict(s) for s in seats]}, f, indent=1)
            os.chmod(tmp, 0o600)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:
        log.warning("cannot keep the class seat in %s: %s", target, exc.strerror or exc)
