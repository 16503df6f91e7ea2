"""A plug-in's processes as a tree under its supervisor, read from Linux's /proc.

The supervisor is a child subreaper: whatever a plug-in starts stays below it, even a process that
double-forks or calls setsid (it is handed to the supervisor, not to init, when its parent ends). So
"the plug-in's processes" are the supervisor's descendants, and the game can count their processor
time, stop them while it is not their turn and continue them when it is; the supervisor can kill them
all and wait for each. Where there is no /proc, the tree is the one process the game knows.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path

__all__ = ["cpu_seconds", "descendants", "kill_all_below", "signal_all", "stop_below", "tree"]

_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
_PROC = Path("/proc")


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            found.extend(int(child) for child in Path(f"/proc/{pid}/task/{task}/children").read_text().split())
        except (OSError, ValueError):
            continue
    return found


def descendants(pid: int) -> list[int]:
    """Every process below `pid`, parents before their children."""
    found: list[int] = []
    todo = _children(pid)
    while todo and len(found) < 100_000:
        child = todo.pop()
        found.append(child)
        todo.extend(_children(child))
    return found


def _cpu_ticks(pid: int) -> int:
    """User and system time of a process, its threads and the children it has waited for."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    except (OSError, ValueError, IndexError):
        return 0


def tree(root: int) -> list[int]:
    """`root` and every process below it."""
    return [root, *descendants(root)]


def cpu_seconds(pids: list[int]) -> float:
    """Processor seconds used so far by the processes `pids` (the ones that ended and were waited
    for too: their time is in their parent's, or in the supervisor's, count)."""
    return sum(_cpu_ticks(pid) for pid in pids) / _TICK


def signal_all(pids: list[int], signum: int) -> None:
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, signum)


def stop_below(root: int) -> list[int]:
    """Stop (SIGSTOP) every process below `root`, looking again for ones started meanwhile; returns
    the tree as it stands stopped."""
    stopped: set[int] = set()
    for _ in range(5):
        pids = tree(root)
        new = [pid for pid in pids[1:] if pid not in stopped]
        if not new:
            break
        signal_all(new, signal.SIGSTOP)
        stopped.update(new)
    return pids


def kill_all_below(pgid: int | None, timeout: float = 5.0) -> None:
    """In the supervisor: kill every process below it and wait for each, until none is left. The
    process group `pgid` goes first, at one stroke (a process forking meanwhile cannot slip out), if a
    process below is still in it (else its number may be another's by now). A process whose parent
    dies is handed to the supervisor, so it is killed on a later round."""
    deadline = time.monotonic() + timeout
    me = os.getpid()
    while time.monotonic() < deadline:
        below = descendants(me)
        if pgid is not None and any(_group(pid) == pgid for pid in below):
            with contextlib.suppress(OSError):
                os.killpg(pgid, signal.SIGKILL)
        signal_all(below, signal.SIGKILL)
        try:
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        except ChildProcessError:  # no child left, dead or alive
            return
        time.sleep(0.002)


def _group(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except OSError:
        return None
