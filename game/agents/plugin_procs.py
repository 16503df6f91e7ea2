"""Starting a plug-in's supervisor process: by multiprocessing's fork server where there is one (safe
when the game runs threads, as the window does, and cheap per process: the server has numpy, the
engine's modules and the usual standard modules loaded, which also serves a plug-in that runs as a user
who cannot read the Python installation), else spawned. Like any multiprocessing child, a child first
imports the game's main script as `__mp_main__`, so a script that makes plug-in agents must keep its work
under `if __name__ == "__main__":` (`main.py` does).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.util
import os
import threading
import time
from multiprocessing.context import ForkServerContext, SpawnContext

__all__ = ["PRELOAD", "contexts", "forkserver_failed"]

PRELOAD = [
    "numpy",
    "numpy.random",
    "game.agents.sandbox",
    "game.agents.plugin_child",
    "game.engine.moves",
    "game.engine.observation",
    "game.cli",
    *("bisect", "collections", "copy", "dataclasses", "fractions", "functools", "heapq", "itertools"),
    *("json", "math", "operator", "random", "statistics", "typing"),
]
"""Modules the fork server imports once, so that every child starts with them loaded (`game.cli`: each
child first runs the main script, and `main.py` imports it)."""

_context_lock = threading.Lock()
_preloaded = False
_use_forkserver = "forkserver" in multiprocessing.get_all_start_methods()
_cleanup_for: int | None = None
"""The process for which `_stop_servers` is registered (a forked worker registers its own)."""


def contexts() -> list[ForkServerContext | SpawnContext]:
    """The start methods to try, best first."""
    global _preloaded, _cleanup_for
    spawn = multiprocessing.get_context("spawn")
    with _context_lock:
        if _cleanup_for != os.getpid():
            # Runs in multiprocessing's exit handler (the main process's, and a pool worker's), after
            # the children are ended (priority below 0).
            multiprocessing.util.Finalize(None, _stop_servers, exitpriority=-100)
            _cleanup_for = os.getpid()
        if not _use_forkserver:
            return [spawn]
        context = multiprocessing.get_context("forkserver")
        if not _preloaded:
            context.set_forkserver_preload(PRELOAD)
            _preloaded = True
    return [context, spawn]


def _stop_servers() -> None:
    """At exit, stop and reap the fork server and the resource tracker this process started: they
    would stop by themselves once it is gone, but as orphans, for a moment."""
    from multiprocessing import forkserver, resource_tracker

    _stop_server(getattr(forkserver, "_forkserver", None), "_forkserver_pid", "_forkserver_alive_fd")
    _stop_server(getattr(resource_tracker, "_resource_tracker", None), "_pid", "_fd")


def _stop_server(server: object, pid_name: str, fd_name: str) -> None:
    pid, fd = getattr(server, pid_name, None), getattr(server, fd_name, None)
    if not isinstance(pid, int) or not isinstance(fd, int):
        return
    try:
        if os.waitpid(pid, os.WNOHANG)[0]:  # it had ended already
            return
    except ChildProcessError:  # not this process's child (a forked worker's copy of its parent's)
        return
    with contextlib.suppress(OSError):
        os.close(fd)  # a server stops when the last process holding its pipe closes it
    setattr(server, fd_name, None)
    setattr(server, pid_name, None)
    deadline = time.monotonic() + 2.0
    with contextlib.suppress(ChildProcessError):
        while not os.waitpid(pid, os.WNOHANG)[0] and time.monotonic() < deadline:
            time.sleep(0.005)


def forkserver_failed() -> None:
    global _use_forkserver
    _use_forkserver = False


def _after_fork_in_child() -> None:
    """A process forked from one whose fork server runs (a tournament's worker) cannot use that server:
    multiprocessing checks on it with waitpid, and it is not this process's child. Forget it, so that
    this process starts its own; where multiprocessing's internals are not as expected, spawn instead."""
    from multiprocessing import forkserver

    global _use_forkserver, _context_lock
    _context_lock = threading.Lock()
    server = getattr(forkserver, "_forkserver", None)
    if server is None or getattr(server, "_forkserver_pid", None) is None:
        return
    names = ("_forkserver_pid", "_forkserver_address", "_forkserver_alive_fd", "_lock")
    if not all(hasattr(server, name) for name in names):
        _use_forkserver = False
        return
    alive = server._forkserver_alive_fd
    server._forkserver_pid = None
    server._forkserver_address = None
    server._forkserver_alive_fd = None
    server._lock = threading.Lock()
    if isinstance(alive, int):
        with contextlib.suppress(OSError):
            os.close(alive)


os.register_at_fork(after_in_child=_after_fork_in_child)
