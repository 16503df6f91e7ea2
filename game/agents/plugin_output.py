"""A plug-in's prints, passed on to the game's stderr as plain text.

The worker's stdout and stderr are one pipe; its supervisor reads it and writes what it reads to the
game's stderr with every control character (terminal escape sequences, carriage returns, bidirectional
overrides) shown as `?`, and stops passing it on after `LIMIT` bytes of one game. So a plug-in can still
print to debug, but cannot redraw the teacher's terminal or flood it.
"""

from __future__ import annotations

import codecs
import contextlib
import os

__all__ = ["LIMIT", "Output"]

LIMIT = 1 << 20
"""Bytes of a plug-in's output passed on per game."""


class Output:
    """The read end of a worker's output pipe, in the supervisor."""

    def __init__(self, fd: int) -> None:
        self.fd: int | None = fd
        self.passed = 0
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def pump(self) -> None:
        """Pass on what is there to read (call when the pipe is readable); closes it at its end."""
        if self.fd is None:
            return
        try:
            data = os.read(self.fd, 65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self.close()
            return
        if self.passed >= LIMIT:
            return
        text = plain(self._decoder.decode(data[: LIMIT - self.passed]))
        self.passed += len(data)
        if self.passed >= LIMIT:
            text += f"\n[the plug-in's output is cut here, after {LIMIT >> 20} MiB]\n"
        with contextlib.suppress(OSError):
            os.write(2, text.encode("utf-8", "replace"))

    def drain(self) -> None:
        """Pass on what is left, once nothing writes to the pipe any more."""
        if self.fd is not None:
            os.set_blocking(self.fd, False)
        while self.fd is not None:
            before = self.passed
            self.pump()
            if self.fd is not None and self.passed == before:
                break
        self.close()

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def plain(text: str) -> str:
    """`text` with every character that is not printable, but for newline and tab, shown as `?`."""
    return "".join(c if c.isprintable() or c in "\n\t" else "?" for c in text)
