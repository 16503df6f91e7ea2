"""Writing saves so that no game is lost: whole files atomically, games move by move.

A `Journal` writes a game's save once (header, scenario copy, the moves so far) through a temporary
file and `os.replace`, then appends each new move as one line and syncs it: a move costs one short
append, whatever the length of the game, and a kill loses at most the line being written (the
reader drops a last line without its newline). Temporary files carry the writer's process id, so
that the next writer in the folder removes those whose writer is gone.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from pathlib import Path

from game.engine.moves import Move
from game.engine.state import GameState
from game.errors import CruiseControlError
from game.i18n import tr
from game.record.save import Header, ScenarioCopy, document, end_line, move_lines
from game.scenario.preferences import Space

_TEMPORARY_END = r"(?:(\d+)\.)?[a-z0-9_]{8}\.tmp$"
"""What `write_atomically`'s temporary names end with: the writer's process id (none from an older
version), then mkstemp's eight random characters (lower-case letters, digits, _)."""
_TEMPORARY = re.compile(r"^\..+?\." + _TEMPORARY_END)
STALE_SECONDS = 3600
"""A temporary file without a process id (written by an older version) is left this long."""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def clean_temporaries(folder: Path, name: str | None = None) -> list[Path]:
    """Remove the temporary files of writers that died before renaming them; the ones removed.

    With `name`, only the temporaries of the save of that name: a save may be written in a folder
    that is not the game's (`run --save ~/game.yaml`), where a dotfile that merely looks like one of
    ours must be left alone. Only regular files are removed, never a link or a folder."""
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    now = time.time()
    prefix = None if name is None else f".{name[:40]}."
    ending = re.compile(_TEMPORARY_END)
    for path in entries:
        if prefix is None:
            match = _TEMPORARY.match(path.name)
        else:
            match = ending.match(path.name[len(prefix) :]) if path.name.startswith(prefix) else None
        if match is None:
            continue
        try:
            info = path.lstat()
            if not stat.S_ISREG(info.st_mode):
                continue
            pid = int(match.group(1) or 0)
            if pid and os.name != "nt":
                stale = pid != os.getpid() and not _alive(pid)
            else:  # no process id, or no way to ask (os.kill ends a process on Windows): its age
                stale = now - info.st_mtime > STALE_SECONDS
            if stale:
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed


def _failed(path: Path, exc: OSError) -> CruiseControlError:
    return CruiseControlError(tr("cannot save to {path}: {reason}", path=path, reason=exc.strerror or exc))


def write_atomically(path: Path, text: str) -> None:
    """Write a file whole or not at all: a temporary file beside the target, synced, then renamed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        clean_temporaries(path.parent, path.name)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _failed(path, exc) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; a save is an ordinary file
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _failed(path, exc) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Journal:
    """One game's save, kept up to date with its state by `follow`."""

    def __init__(self, path: Path, header: Header, copy: ScenarioCopy, space: Space) -> None:
        self.path = path
        self.header = header
        self.copy = copy
        self.space = space
        self.written: tuple[Move, ...] | None = None  # None: the file is not written yet
        self.ended = False

    def follow(self, state: GameState) -> None:
        """Bring the save up to `state`: append its new moves (and its end), or rewrite it if the
        moves are not a continuation of those written (the game was reloaded)."""
        written = self.written
        if written is None or state.moves[: len(written)] != written or (self.ended and not state.over):
            self.rewrite(state)
            return
        new = state.moves[len(written) :]
        text = move_lines(new, self.space, len(written) + 1)
        ends = state.over and not self.ended
        if ends:
            text += end_line(state)
        if text and not self._append(text):
            self.rewrite(state)  # the file went away meanwhile: write it whole again
            return
        self.written = state.moves
        self.ended = state.over

    def rewrite(self, state: GameState) -> None:
        write_atomically(self.path, document(self.header, self.copy, state.moves, self.space, state))
        self.written = state.moves
        self.ended = state.over

    def _append(self, text: str) -> bool:
        """Append and sync; False if the file is not there (never create a save without its header)."""
        flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(self.path, flags)
        except FileNotFoundError:
            return False
        except OSError as exc:
            if self.path.is_symlink():  # put in its place since: never append to what it points to
                return False  # the whole file is written again, replacing the link
            raise _failed(self.path, exc) from exc
        try:
            data = text.encode("utf-8")
            while data:
                data = data[os.write(fd, data) :]
            os.fsync(fd)
        except OSError as exc:
            raise _failed(self.path, exc) from exc
        finally:
            os.close(fd)
        return True
