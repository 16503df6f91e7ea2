"""What the game holds of a running plug-in (`sandbox.SandboxedAgent`): its supervisor process, the
control socket to it, the socket to its worker read as bounded JSON lines, and how it all ends."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import time
from collections.abc import Callable
from multiprocessing.connection import wait
from multiprocessing.process import BaseProcess

from game.agents.plugin_wire import MAX_MESSAGE, Ended, Malformed, Worker, parse_answer
from game.i18n import N_

__all__ = ["EXIT_GRACE", "Busy", "Child", "Gone", "Lines", "Silent", "exit_text", "finalize"]

EXIT_GRACE = 5.0
"""Seconds the game waits for a supervisor to end its plug-in's processes and itself."""


class Silent(Exception):
    """No answer before the deadline."""


class Busy(Exception):
    """The plug-in's processes used more processor time than allowed; args[0] is how much."""


class Gone(Exception):
    """The worker ended; the message says how ('exit code 3')."""


class Lines:
    """JSON lines read from a socket without blocking, never more than `MAX_MESSAGE` bytes of one."""

    def __init__(self, sock: socket.socket) -> None:
        sock.setblocking(False)
        self.sock, self.buffer, self.closed = sock, bytearray(), False

    def fill(self) -> None:
        while not self.closed and len(self.buffer) <= MAX_MESSAGE:
            try:
                chunk = self.sock.recv(65536)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                chunk = b""
            if not chunk:
                self.closed = True
            self.buffer += chunk

    def line(self) -> bytes | None:
        end = self.buffer.find(b"\n", 0, MAX_MESSAGE + 1)
        if end < 0:
            if len(self.buffer) > MAX_MESSAGE:
                raise Malformed(f"an answer longer than {MAX_MESSAGE} bytes")
            return None
        line = bytes(self.buffer[:end])
        del self.buffer[: end + 1]
        return line


class Child:
    """What the game holds of a running plug-in: the supervisor, its control socket, the worker."""

    def __init__(self, process: BaseProcess, control: socket.socket) -> None:
        self.process, self.control = process, Lines(control)
        self.data: Lines | None = None
        self.worker: int | None = None
        self.ended: str | None = None
        """How the worker ended, once the supervisor has said."""

    def ask_to_exit(self) -> None:
        with contextlib.suppress(OSError):
            self.control.sock.send(b'{"cmd": "exit"}')

    def news(self, until: Callable[[], bool], seconds: float = 2.0) -> None:
        """Read what the supervisor says until `until()` holds, it ends, or `seconds` pass."""
        deadline = time.monotonic() + seconds
        while not until() and time.monotonic() < deadline and not self.control.closed:
            line = self.control.line()
            if line is None:
                wait([self.control.sock], deadline - time.monotonic())
                self.control.fill()
                continue
            said = parse_answer(line)
            if isinstance(said, Worker):
                self.worker = said.pid
            elif isinstance(said, Ended):
                self.ended = said.text

    def worker_ended(self) -> str:
        """How the worker ended, as the supervisor tells (it reaps it at once)."""
        self.news(lambda: self.ended is not None)
        return self.ended or N_("no exit code")

    def exit_status(self) -> str:
        """How the supervisor ended, waiting a little for it."""
        self.process.join(EXIT_GRACE)
        return exit_text(self.process.exitcode)


def finalize(child: Child, owner: int) -> None:
    """End a plug-in: its supervisor kills every process below it, and the game waits for the supervisor.
    On close, when its agent is dropped, at exit; never from a forked copy of the owner."""
    if os.getpid() != owner:
        return
    child.ask_to_exit()
    process = child.process
    with contextlib.suppress(OSError, ValueError, AssertionError):
        process.join(EXIT_GRACE)
        if process.exitcode is None:  # a supervisor that does not end: what the game can kill itself
            if child.worker is not None:
                with contextlib.suppress(OSError):
                    os.killpg(child.worker, signal.SIGKILL)
            process.kill()
            process.join(EXIT_GRACE)
        process.close()
    for lines in (child.control, child.data):
        if lines is not None:
            lines.sock.close()


def exit_text(code: int | None) -> str:
    """How a process ended, from its exit code (minus the signal's number if a signal ended it)."""
    if code is None:
        return N_("no exit code")
    if code < 0:
        try:
            return N_("killed by signal {signal}").format(signal=signal.Signals(-code).name)
        except ValueError:
            return N_("killed by signal {signal}").format(signal=-code)
    return N_("exit code {code}").format(code=code)
