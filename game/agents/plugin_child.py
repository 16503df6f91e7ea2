"""The plug-in's side: a supervisor process, and below it the worker that runs the plug-in's code.

The game starts the supervisor (`supervise`, by multiprocessing) with one control socket. The
supervisor compiles the plug-in's file, makes itself a child subreaper, and for each game receives a
fresh socket from the game and forks a worker on it: the worker confines itself (`plugin_confine`)
and only then runs the plug-in's file and builds its agent, reads the game's requests as JSON
(`plugin_codec`: the game's own types rebuilt from plain data, never a pickle) and answers each in a
JSON line (`plugin_wire`). The supervisor never runs the plug-in's code: on the game's word ("renew", or
"exit", or when its control socket or the game itself ends) it kills every process below it, waits
for each, and removes the worker's temporary directory. It tells the game the worker's pid and, when
the worker ends, how.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import multiprocessing
import os
import select
import shutil
import signal
import socket
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from game.agents.plugin_codec import Act, read_request
from game.agents.plugin_confine import NO_LANDLOCK, SANDBOX_UIDS, Limits, confine, not_dumpable, one_blas_thread
from game.agents.plugin_link import exit_text
from game.agents.plugin_load import Plugin, describe
from game.agents.plugin_output import Output
from game.agents.plugin_tree import kill_all_below
from game.agents.plugin_wire import Malformed, move_to_wire, read_frame, send_line
from game.errors import AgentError

__all__ = ["supervise"]

TEMP_PREFIX = "cruise-plugin-"
"""A worker's temporary directory is TEMP_PREFIX, its supervisor's pid, a dash and a random part."""
_PR_SET_CHILD_SUBREAPER = 36


def supervise(control: socket.socket, file: str, path: str, class_name: str, limits: Limits) -> None:
    """The supervisor's life: see the module's docstring."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the game's to handle
    signal.signal(signal.SIGTERM, _terminated)  # multiprocessing's way to end a daemon at exit
    sys.stdout.flush()
    os.dup2(2, 1)  # a plug-in's prints go to stderr: stdout carries the transcript
    sys.stdout = sys.stderr
    not_dumpable()
    one_blas_thread()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    try:
        plugin = Plugin(file, class_name, path)
    except AgentError as exc:
        _tell(control, {"t": "failed", "stage": "load", "text": str(exc)})
        _wait_for_exit(control)
        return
    parent = multiprocessing.parent_process()
    watched = [control.fileno()] + ([parent.sentinel] if parent is not None else [])
    worker: _Worker | None = None
    try:
        while True:
            command, data = _command(control, watched, worker)
            if command == "exit":
                break
            if worker is not None:
                _end(worker)
                worker = None
            if command == "start" and data is not None:
                worker = _fork(plugin, data, limits)
                data.close()
                _tell(control, {"t": "worker", "pid": worker.pid})
    finally:
        if worker is not None:
            _end(worker)
        os._exit(0)


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(0)  # through `supervise`'s finally: the worker's processes die first


def _command(control: socket.socket, watched: list[int], worker: _Worker | None) -> tuple[str, socket.socket | None]:
    """The game's next word ('start' with a new socket, or 'exit'), reaping meanwhile whatever ends
    below and passing on the worker's output."""
    ended = _pidfd(worker.pid) if worker is not None else None
    try:
        while True:
            extra = [fd for fd in (ended, worker.output.fd if worker is not None else None) if fd is not None]
            ready, _, _ = select.select(watched + extra, [], [], 0.05 if ended is None else None)
            if worker is not None:
                if worker.output.fd in ready:
                    worker.output.pump()
                _reap(control, worker.pid)
            if ended is not None and ended in ready:
                os.close(ended)
                ended = None
            if control.fileno() in ready:
                return _read_command(control)
            if set(ready) & set(watched):  # the game's process ended
                return "exit", None
    finally:
        if ended is not None:
            os.close(ended)


def _pidfd(pid: int) -> int | None:
    """A descriptor that is ready when `pid` ends (Linux 5.3+), so the game hears of it at once."""
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):
        return None


def _read_command(control: socket.socket) -> tuple[str, socket.socket | None]:
    """'start' with the socket that came with it; anything else (or the game gone) is 'exit'."""
    try:
        message, fds, _, _ = socket.recv_fds(control, 4096, 1)
    except OSError:
        return "exit", None
    if message and json.loads(message).get("cmd") == "start" and fds:
        return "start", socket.socket(fileno=fds[0])
    for fd in fds:
        os.close(fd)
    return "exit", None


def _reap(control: socket.socket, worker: int) -> None:
    """Wait for what ended below; tell the game when it is the worker."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if not pid:
            return
        if pid == worker:
            _tell(control, {"t": "ended", "text": exit_text(os.waitstatus_to_exitcode(status))})


class _Worker:
    """A worker as its supervisor knows it: its pid, its temporary directory, its output."""

    def __init__(self, pid: int, directory: str, output: Output) -> None:
        self.pid, self.directory, self.output = pid, directory, output


def _end(worker: _Worker) -> None:
    """Kill the worker and everything below, wait for each, pass on the last of its output, remove
    its directory."""
    kill_all_below(worker.pid)
    worker.output.drain()
    shutil.rmtree(worker.directory, ignore_errors=True)


def _sweep_stale_directories() -> None:
    """Remove the temporary directories of supervisors that are gone: one killed outright (SIGKILL,
    a power cut of the terminal) had no chance to remove its own."""
    for path in Path(tempfile.gettempdir()).glob(f"{TEMP_PREFIX}*-*"):
        owner = path.name[len(TEMP_PREFIX) :].split("-", 1)[0]
        try:
            info = path.lstat()
        except OSError:
            continue
        mine = info.st_uid == os.getuid() or info.st_uid >= SANDBOX_UIDS
        if not owner.isdigit() or not stat.S_ISDIR(info.st_mode) or not mine or _alive(int(owner)):
            continue
        shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _fork(plugin: Plugin, data: socket.socket, limits: Limits) -> _Worker:
    _sweep_stale_directories()
    directory = tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-")
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.dup2(write_end, 1)  # its prints, to stdout or stderr, go to the supervisor
            os.dup2(write_end, 2)
            _serve(plugin, data, directory, limits)
        finally:
            os._exit(0)
    os.close(write_end)
    return _Worker(pid, directory, Output(read_end))


def _tell(control: socket.socket, message: dict[str, Any]) -> None:
    with contextlib.suppress(OSError):
        control.send(json.dumps(message).encode() + b"\n")


def _wait_for_exit(control: socket.socket) -> None:
    """Until the game says 'exit' (or ends): a 'start' meanwhile is answered by nothing."""
    while _read_command(control) != ("exit", None):
        pass


# ----- the worker ----------------------------------------------------------------------------------


def _serve(plugin: Plugin, data: socket.socket, directory: str, limits: Limits) -> None:
    """The worker: confine this process, build the agent, answer the game's requests until it goes."""
    _forget_the_game()
    failed = confine(directory, str(plugin.source.resolve()), data.fileno(), limits)
    if failed is not None and failed != NO_LANDLOCK:  # the kernel refused a confinement it has: fail closed
        send_line(data, {"t": "failed", "stage": "load", "text": f"{plugin.file} was not run: {failed}"})
        return
    try:
        agent = plugin.build()
    except AgentError as exc:
        send_line(data, {"t": "failed", "stage": "load", "text": str(exc)})
        return
    send_line(data, {"t": "loaded"})
    while True:
        try:
            frame = read_frame(data)
            if frame is None:  # the game has gone, or has given up on this worker
                return
            request = read_request(frame)
        except Malformed as exc:  # the game never sends one: ending tells it something went wrong
            print(f"the game's request was not read: {exc}", file=sys.stderr)
            return
        if isinstance(request, Act):
            started = time.perf_counter()
            try:
                move = agent.act(request.obs)
            except BaseException as exc:  # noqa: BLE001 - reported to the game, which forfeits the agent
                send_line(data, {"t": "failed", "stage": "act", "text": describe(exc)})
                continue
            spent = time.perf_counter() - started
            wire = move_to_wire(move)
            if wire is None:
                send_line(data, {"t": "not_a_move", "text": _safe_repr(move)})
            else:
                send_line(data, {"t": "move", "move": wire, "spent": spent})
        else:
            try:
                agent.reset(request.side, request.rng.generator())
            except BaseException as exc:  # noqa: BLE001
                send_line(data, {"t": "failed", "stage": "reset", "text": describe(exc)})
            else:
                send_line(data, {"t": "ready"})


def _forget_the_game() -> None:
    """Drop what multiprocessing copied from the game: its authentication key and the folder of its
    fork server's socket (the plug-in would have no use for them but to reach the game's processes)."""
    config = multiprocessing.current_process()._config  # type: ignore[attr-defined]
    config.pop("tempdir", None)
    config["authkey"] = multiprocessing.process.AuthenticationString(os.urandom(32))  # type: ignore[attr-defined]


def _safe_repr(value: object) -> str:
    """How the transcript names what is not a move: a plain value as itself, anything else by its type
    (a repr of a plug-in's object may say anything, and often an address that changes every game)."""
    if value is None or type(value) in (str, int, float, bool):
        return repr(value)[:200]
    return f"a {type(value).__name__[:80]!r} object"
