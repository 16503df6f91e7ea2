"""Plug-in agents in confined processes of their own, talking to the game in plain data.

A `SandboxedAgent` starts a supervisor process per agent (`plugin_child`), which forks the worker that
runs the plug-in's code, confined (`plugin_confine`: its own process group, an empty temporary
directory, its own environment, resource limits, a user of its own as root, Landlock where the kernel
has it). The game forwards `reset(side, rng)` and `act(obs)` to the worker as JSON (`plugin_codec`:
the worker rebuilds the game's own types from plain data, never from a pickle; it draws from its own
copy of the generator, so the same seed still gives the same game) and reads back one line of JSON
per request (`plugin_wire`): a move as plain numbers and strings, never an object.

The match asks for a move with `timed_act(obs, budget)`. The plug-in's processes run only while the
game waits for them: between its turns they are stopped (SIGSTOP), so nothing they start can take the
processor from the other delegation or the game. A move is stopped, and the agent fails with the line
the transcript shows (`AgentFailure.reason`), when its wall-clock time or the processor time of all
its processes passes the budget plus `IPC_ALLOWANCE`; the move that came back is over the budget if
`act` took longer (as the child measured it) or its processes used more processor time than the
budget. A child that dies, a plug-in that raises, and an answer that is not a move are failures too.
`timed_reset` waits for the plug-in's reset on the same terms as for a move, then stops its processes
(what reset started must not run while the other side thinks); its failures show at the agent's first move.

`close()` (and a finalizer, for an agent dropped without being closed) asks the supervisor to kill
every process below it and waits for it to end; `renew()` gives a new game a new worker (the plug-in's
file run again, its class built again) from the same supervisor, after killing the old worker's
processes. No pygame here.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import threading
import time
import weakref
from multiprocessing.connection import wait
from pathlib import Path

import numpy as np

from game.agents import plugin_tree
from game.agents.plugin_child import supervise
from game.agents.plugin_codec import act_request, reset_request
from game.agents.plugin_confine import Limits, landlock_note, not_dumpable
from game.agents.plugin_link import Busy, Child, Gone, Lines, Silent, finalize
from game.agents.plugin_load import load_plugin
from game.agents.plugin_procs import contexts, forkserver_failed
from game.agents.plugin_wire import (
    Answer,
    Ended,
    Failed,
    Loaded,
    Malformed,
    Moved,
    NotAMove,
    Ready,
    Worker,
    move_from_wire,
    parse_answer,
    printable,
    write_frame,
)
from game.engine.moves import Move
from game.engine.observation import Observation
from game.engine.reasons import TIMED
from game.errors import AgentError, CruiseControlError
from game.i18n import N_
from game.scenario.preferences import Side

__all__ = [
    "IPC_ALLOWANCE",
    "STARTUP_TIMEOUT",
    "AgentFailure",
    "Limits",
    "SandboxedAgent",
    "landlock_note",
    "load_plugin",
]

STARTUP_TIMEOUT = 20.0
"""Seconds a child has to load the plug-in's file and build its agent."""
IPC_ALLOWANCE = 0.25
"""Seconds beyond the budget (for the pipe, or a busy machine) before the game stops a move."""
SEND_TIMEOUT = 5.0
"""Seconds the game waits for a plug-in's process to take a request it is sent."""
_CPU_POLL = 0.05
"""How often the game counts a thinking plug-in's processor time."""


MOVE, RESET = "move", "reset"
"""What the game waited for when a plug-in took too long."""
TOOK = {(MOVE, False): TIMED[0], (RESET, False): TIMED[1], (MOVE, True): TIMED[2], (RESET, True): TIMED[3]}
"""A plug-in stopped at its deadline, by what it was doing and whether there was a budget (else a time limit)."""
BUSY = {MOVE: TIMED[4], RESET: TIMED[5]}
"""A plug-in stopped for the processor time its processes used, by what it was doing."""


def english(text: str, /, **fields: str) -> str:
    """A reason as it is stored: in English, said in the reader's language when shown (game.engine.reasons)."""
    return text.format(**fields)


class AgentFailure(CruiseControlError):
    """A sandboxed agent gave no move; `reason` is what the transcript says after 'cannot continue:'."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SandboxedAgent:
    """A plug-in agent (`py:FILE.py:CLASS`) that runs in confined processes; see the module's docstring.

    Building one starts the child and waits until it has built the agent; raises AgentError (with the
    same messages as loading in-process) if it cannot. After a failure that ended the child, or after
    `close()`, the next `reset` starts a new child (with a new agent), so the object can be reused.
    """

    def __init__(self, file: str, class_name: str, limits: Limits | None = None) -> None:
        self.file = file
        self.class_name = class_name
        self.limits = limits if limits is not None else Limits()
        self._path = str(Path(file).resolve())
        self._owner = os.getpid()
        self._lock = threading.Lock()
        self._child: Child | None = None
        self._finalizer: weakref.finalize[[Child, int], SandboxedAgent] | None = None
        self._failure: str | None = None
        """Why this agent cannot play (its child ended); raised at its next move."""
        self._frozen_cpu = 0.0
        """The processor seconds the plug-in's processes had used when they were last stopped."""
        self._start()

    @property
    def pid(self) -> int | None:
        """The supervisor's process id while it runs (everything the plug-in starts is below it)."""
        child = self._child
        return child.process.pid if child is not None and child.process.is_alive() else None

    @property
    def worker_pid(self) -> int | None:
        """The process id of the process running the plug-in's code, while it runs."""
        child = self._child
        return child.worker if child is not None else None

    # --- the protocol ---
    def reset(self, side: Side, rng: np.random.Generator) -> None:
        """Start a game, waiting for the plug-in's reset at most `STARTUP_TIMEOUT`; see `timed_reset`."""
        self.timed_reset(side, rng, None)

    def timed_reset(self, side: Side, rng: np.random.Generator, budget: float | None) -> None:
        """Start a game and wait for the plug-in's reset, as long as a move may take (with no budget,
        `STARTUP_TIMEOUT`), then stop its processes: what reset started must not run while the other
        side thinks. Raises nothing: a failure is the agent's first move."""
        with self._lock:
            if self._child is None or self._failure is not None:
                self._shutdown()
                try:
                    self._start()
                except AgentError as exc:
                    self._failure = f"its agent failed to start: {exc}"
                    return
            try:
                request = reset_request(side, rng)
                reply, _ = self._exchange(request, budget, RESET, STARTUP_TIMEOUT)
            except AgentFailure:
                return  # the plug-in is stopped, and the reason kept for its first move
            if isinstance(reply, Failed):
                self._stop(f"its agent failed to start: {printable(reply.text)}")
            elif not isinstance(reply, Ready):
                self._stop(f"its agent answered {reply.t!r} to reset")

    def act(self, obs: Observation) -> Move:
        """The plug-in's move, waiting as long as it takes; raises AgentFailure if it gives none."""
        return self.timed_act(obs, None)[0]

    def timed_act(self, obs: Observation, budget: float | None) -> tuple[Move, float]:
        """The plug-in's move and the seconds it is charged: the longer of the time its `act` took (as
        the child measured it) and the processor time its processes used meanwhile (as the game counted).

        With a budget, stops the plug-in when either passes `budget + IPC_ALLOWANCE`. Raises
        AgentFailure, whose `reason` says why there is no move.
        """
        with self._lock:
            if self._failure is not None:
                raise AgentFailure(self._failure)
            reply, used = self._exchange(act_request(obs), budget, MOVE)
            if isinstance(reply, Moved):
                return move_from_wire(reply.move), max(reply.spent, used)
            if isinstance(reply, Failed):
                raise AgentFailure(f"its agent failed: {printable(reply.text)}")
            if isinstance(reply, NotAMove):
                raise AgentFailure(f"its agent played an illegal move: {printable(reply.text)} is not a move")
            raise self._stop(f"its agent answered {reply.t!r} when asked for a move")

    def _exchange(
        self, request: bytes, budget: float | None, doing: str, unbudgeted: float | None = None
    ) -> tuple[Answer, float]:
        """Send a request and read its answer (with no budget, waiting `unbudgeted` seconds if given),
        then stop the plug-in's processes; the answer and the processor seconds they used meanwhile."""
        try:
            before = self._request(request)
            reply = self._receive(time.monotonic(), budget, doing, before, unbudgeted)
            return reply, self._freeze() - before
        except Gone as exc:
            raise self._stop(f"its agent's process ended unexpectedly ({exc})") from None
        except Malformed as exc:
            raise self._stop(f"its agent sent an answer the game does not read ({printable(str(exc))})") from None

    # --- beyond the protocol ---
    def renew(self) -> None:
        """A new agent for a new game, as if made anew: every process of the last game killed, the
        plug-in's file run again as a new module and its class built again, in a new worker below the
        running supervisor (far cheaper than a new one) or, if it ended, below a new one. Raises
        AgentError as building a SandboxedAgent does."""
        with self._lock:
            if self._child is None or self._failure is not None:
                self._shutdown()
                self._start()
                return
            try:
                self._new_worker()
            except Gone:
                self._shutdown()
                self._start()

    def close(self) -> None:
        """End the plug-in's processes (at once, whatever they are doing). Safe to call more than once."""
        child = self._child
        if child is not None and os.getpid() == self._owner:
            child.ask_to_exit()  # first, without the lock: a thread waiting for a move wakes up at once
        with self._lock:
            self._shutdown()

    # --- the child's life ---
    def _start(self) -> None:
        not_dumpable()  # where Landlock is missing, a plug-in of this user still cannot read the game's memory
        for context in contexts():
            ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
            process = context.Process(
                target=supervise,
                args=(theirs, self.file, self._path, self.class_name, self.limits),
                name=f"agent {self.class_name}",
                daemon=True,
            )
            try:
                process.start()
            except OSError as exc:
                ours.close()
                theirs.close()
                if context.get_start_method() == "forkserver":
                    forkserver_failed()
                    continue
                raise AgentError(f"could not start a process for {self.class_name}: {exc}") from exc
            break
        theirs.close()
        self._owner = os.getpid()
        self._child = Child(process, ours)
        self._failure = None
        self._finalizer = weakref.finalize(self, finalize, self._child, self._owner)
        try:
            self._new_worker()
        except Gone as exc:
            self._shutdown()
            raise AgentError(f"{self.file} could not be loaded: its process ended ({exc})") from None

    def _new_worker(self) -> None:
        """A new worker on a new socket (the supervisor kills the last one first); waits until it has
        built the agent, and raises AgentError if it has not."""
        child = self._child
        assert child is not None
        if child.data is not None:
            child.data.sock.close()
        ours, theirs = socket.socketpair()
        try:
            socket.send_fds(child.control.sock, [b'{"cmd": "start"}'], [theirs.fileno()])
        except OSError:
            ours.close()
            raise Gone(child.exit_status()) from None
        finally:
            theirs.close()
        child.data, child.worker, child.ended = Lines(ours), None, None
        try:
            reply = self._next(time.monotonic() + STARTUP_TIMEOUT)
            if isinstance(reply, Loaded):
                child.news(lambda: child.worker is not None)  # its pid, said by the supervisor
        except Silent:
            self._shutdown()
            raise AgentError(f"{self.file} did not load within {STARTUP_TIMEOUT:.0f} s and was stopped") from None
        except Malformed as exc:
            self._shutdown()
            raise AgentError(f"{self.file} sent the game an answer it does not read ({exc})") from None
        if not isinstance(reply, Loaded):
            self._shutdown()
            raise AgentError(printable(reply.text) if isinstance(reply, Failed) else f"{self.file} did not load")
        self._freeze()

    def _shutdown(self) -> None:
        finalizer, self._finalizer = self._finalizer, None
        self._child = None
        if finalizer is not None:
            finalizer()

    def _stop(self, reason: str) -> AgentFailure:
        """End the plug-in after a failure: this agent plays no more until its next reset."""
        self._shutdown()
        self._failure = reason
        return AgentFailure(reason)

    def _freeze(self) -> float:
        """Stop every process of the plug-in until the game asks it something again; returns (and
        keeps) the processor seconds they have used: stopped, they use no more until `_request`."""
        child = self._child
        assert child is not None and child.process.pid is not None
        self._frozen_cpu = plugin_tree.cpu_seconds(plugin_tree.stop_below(child.process.pid))
        return self._frozen_cpu

    def _request(self, request: bytes) -> float:
        """Continue the plug-in's process group and send it a request; returns the processor seconds
        its processes had used before (a process that left the group stays stopped)."""
        child = self._child
        assert child is not None and child.data is not None and child.process.pid is not None
        if child.worker is None:  # the supervisor has not said (it always does at once): the whole tree
            plugin_tree.signal_all(plugin_tree.tree(child.process.pid)[1:], signal.SIGCONT)
        else:
            with contextlib.suppress(OSError):
                os.killpg(child.worker, signal.SIGCONT)
        sock = child.data.sock
        try:
            sock.settimeout(SEND_TIMEOUT)
            write_frame(sock, request)
        except TimeoutError:
            raise Gone(
                english(N_("it took nothing the game sent for {seconds} s"), seconds=f"{SEND_TIMEOUT:.0f}")
            ) from None
        except OSError:
            raise Gone(child.worker_ended()) from None
        finally:
            with contextlib.suppress(OSError):
                sock.setblocking(False)
        return self._frozen_cpu

    def _receive(
        self, since: float, budget: float | None, doing: str, cpu_before: float | None, unbudgeted: float | None = None
    ) -> Answer:
        """The worker's answer to what was sent at `since`; stops the plug-in when the budget is spent
        (with no budget, after `unbudgeted` seconds if given)."""
        limit = unbudgeted if budget is None else budget + IPC_ALLOWANCE
        try:
            return self._next(
                None if limit is None else since + limit,
                None if budget is None or limit is None or cpu_before is None else (cpu_before, limit),
            )
        except Silent:
            waited = f"{time.monotonic() - since:.2f}"
            over = "" if budget is None else f"{budget:.2f}"
            raise self._stop(english(TOOK[doing, bool(over)], waited=waited, budget=over)) from None
        except Busy as exc:
            used, over = f"{exc.args[0]:.2f}", f"{budget or 0:.2f}"
            raise self._stop(english(BUSY[doing], used=used, budget=over)) from None

    def _next(self, deadline: float | None, cpu: tuple[float, float] | None = None) -> Answer:
        """The worker's next answer, reading the supervisor's news meanwhile. Raises Silent at the
        deadline, Busy when the processes used more than cpu[1] seconds since cpu[0], Gone if the
        worker ended, Malformed for an answer that is not one."""
        child = self._child
        assert child is not None and child.data is not None
        data, control, process = child.data, child.control, child.process
        waited_out = False
        while True:
            news = control.line()
            if news is not None:
                said = parse_answer(news)
                if isinstance(said, Worker):
                    child.worker = said.pid
                elif isinstance(said, Ended):
                    child.ended = said.text  # raised once the worker's last answer, if any, is read
                elif isinstance(said, Failed):
                    return said
                continue
            line = data.line()
            if line is not None:
                reply = parse_answer(line)
                if isinstance(reply, Worker | Ended):
                    raise Malformed(f"{reply.t!r} is not the plug-in's to say")
                return reply
            if child.ended is not None:
                raise Gone(child.ended)
            if data.closed:
                raise Gone(child.worker_ended())
            if control.closed:
                raise Gone(child.exit_status())
            now = time.monotonic()
            if deadline is not None and now >= deadline:
                raise Silent
            if cpu is not None and waited_out:
                used = plugin_tree.cpu_seconds(plugin_tree.tree(process.pid or 0)) - cpu[0]
                if used > cpu[1]:
                    raise Busy(used)
            timeout = None if deadline is None else deadline - now
            if cpu is not None:
                timeout = _CPU_POLL if timeout is None else min(timeout, _CPU_POLL)
            ready = wait([data.sock, control.sock, process.sentinel], timeout)
            waited_out = not ready
            data.fill()
            control.fill()
            if process.sentinel in ready and b"\n" not in data.buffer + control.buffer:
                control.closed = True  # the supervisor ended
