"""Reading files from outside: only regular files, never more than a bound, never blocking.

Saves and scenarios come from anywhere (a class hand-in, a folder holding a FIFO named *.yaml,
`/dev/zero` typed by mistake): each is opened without blocking, checked to be a regular file by the
descriptor it was opened with (so it cannot be swapped in between), and read up to a limit. A
symbolic link is not followed: a hand-in `game.yaml -> /etc/shadow` (or any file outside the folders
given) would otherwise be read, and its lines echoed in the message saying it is no save.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from game.errors import CruiseControlError
from game.i18n import N_, tr

WHAT = (N_("file"), N_("save file"))
"""What a caller may call the file it reads (`what`), translated where a message names it."""


class FileRefused(CruiseControlError, ValueError):
    """A file that is not read: missing, a symbolic link, not a regular file, too large, or unreadable."""


class LinkRefused(FileRefused):
    """A symbolic link, not followed."""


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | _NOFOLLOW
"""O_NONBLOCK: opening a FIFO without a writer would otherwise wait for ever. O_NOFOLLOW: the open
itself refuses a link, so none can be put in place between a check and the open."""


def open_unlinked(path: Path | str, what: str = "file") -> int:
    """A descriptor to read the file at `path` itself, without blocking; LinkRefused if it is a
    symbolic link, OSError as `os.open` raises it otherwise. The caller checks it is a regular file."""
    if not _NOFOLLOW and os.path.islink(path):  # no O_NOFOLLOW (Windows): the check before the open
        raise LinkRefused(f"{path}: is a symbolic link, and links are not followed: it is not read as a {what}")
    try:
        return os.open(path, _FLAGS)
    except OSError:
        if os.path.islink(path):  # ELOOP on Linux, EMLINK on the BSDs
            raise LinkRefused(
                f"{path}: is a symbolic link, and links are not followed: it is not read as a {what}"
            ) from None
        raise


def megabytes(size: int) -> str:
    return tr("{size} MB", size=f"{size / 1_000_000:.1f}") if size >= 100_000 else tr("{size} bytes", size=f"{size:,}")


def _open(path: Path, what: str) -> int:
    try:
        return open_unlinked(path, what)
    except FileNotFoundError:
        raise FileRefused(tr("{path}: no such {what}", path=path, what=tr(what))) from None
    except IsADirectoryError:
        raise FileRefused(tr("{path}: is a folder, not a {what}", path=path, what=tr(what))) from None
    except OSError as exc:
        raise FileRefused(
            tr("{path}: cannot open the {what}: {reason}", path=path, what=tr(what), reason=exc.strerror or exc)
        ) from None


def _checked(fd: int, path: Path, limit: int, what: str) -> int:
    """The file's size, after checking it is a regular file within the limit."""
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode):
        raise FileRefused(tr("{path}: is a folder, not a {what}", path=path, what=tr(what)))
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused(
            tr(
                "{path}: is not a regular file (a device, pipe or socket), so it is not read as a {what}",
                path=path,
                what=tr(what),
            )
        )
    if info.st_size > limit:
        raise FileRefused(
            tr(
                "{path}: is {size}, over the limit of {limit} for a {what}, so it is not read",
                path=path,
                size=megabytes(info.st_size),
                limit=megabytes(limit),
                what=tr(what),
            )
        )
    return info.st_size


def _read(fd: int, count: int) -> bytes:
    chunks: list[bytes] = []
    while count > 0:
        chunk = os.read(fd, min(count, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        count -= len(chunk)
    return b"".join(chunks)


def read_bytes(path: Path, limit: int, what: str = "file") -> bytes:
    """The whole of a regular file of at most `limit` bytes; raises FileRefused (one line) otherwise."""
    fd = _open(path, what)
    try:
        _checked(fd, path, limit, what)
        data = _read(fd, limit + 1)  # a file growing while read is still cut at the limit
    except OSError as exc:
        raise FileRefused(
            tr("{path}: cannot read the {what}: {reason}", path=path, what=tr(what), reason=exc.strerror or exc)
        ) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise FileRefused(
            tr(
                "{path}: grew over the limit of {limit} for a {what} while it was read",
                path=path,
                limit=megabytes(limit),
                what=tr(what),
            )
        )
    return data


def read_ends(path: Path, limit: int, head: int, tail: int, what: str = "file") -> tuple[bytes, bytes, int]:
    """The first `head` and the last `tail` bytes of a regular file of at most `limit` bytes, and its size:
    enough to list a save without reading all of it."""
    fd = _open(path, what)
    try:
        size = _checked(fd, path, limit, what)
        first = _read(fd, head)
        if size <= head:
            return first, first, size
        os.lseek(fd, max(0, size - tail), os.SEEK_SET)
        return first, _read(fd, tail), size
    except OSError as exc:
        raise FileRefused(
            tr("{path}: cannot read the {what}: {reason}", path=path, what=tr(what), reason=exc.strerror or exc)
        ) from None
    finally:
        os.close(fd)
