"""What a plug-in's process may do, set in that process before the plug-in's code runs.

`confine` (in the worker, single-threaded, just forked by the supervisor): a process group of its own,
only the descriptors it needs, the current directory an empty temporary directory (also its HOME and
TMPDIR), an environment of its own, resource limits, no core dumps, no access to its memory by other
processes of its user; as root, an unprivileged user of its own (`sandbox_uid`); and on Linux with Landlock, a file system that it can read
only where Python and the game's package are (and its own file), write only in its directory, and no
TCP, no signals to processes outside; on Linux (x86-64, AArch64), no socket of its own (`no_sockets`):
no UDP, no Unix socket at a path. `landlock_note()` is the one line to show where that part is missing.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import sys
from dataclasses import dataclass
from pathlib import Path

from game.agents import landlock, no_sockets

__all__ = [
    "NO_LANDLOCK",
    "Limits",
    "confine",
    "landlock_note",
    "not_dumpable",
    "one_blas_thread",
    "readable_paths",
    "sandbox_uid",
]

SANDBOX_UIDS = 0x60000000
"""Where the game runs as root, a worker runs as user (and group) SANDBOX_UIDS + its pid: a user no one
else is (far above the ones systems hand out, and a pid is unique while the process lives), so that the
kernel's count of the user's processes is the plug-in's alone."""
NO_LANDLOCK = "no Landlock"
_PR_SET_DUMPABLE = 4
_PR_SET_KEEPCAPS = 8
_CAP_DAC_READ_SEARCH = 2
_LINUX_CAPABILITY_VERSION_3 = 0x20080522


@dataclass(frozen=True)
class Limits:
    """Resource limits of a plug-in's process (each process it starts gets the same)."""

    memory: int = 1 << 30
    """Address space in bytes (RLIMIT_AS): a plug-in allocating more gets MemoryError (its move fails)."""
    cpu_seconds: int = 600
    """Processor seconds of one process over a whole game (RLIMIT_CPU): a backstop; the budget per move
    is enforced by the game on the whole tree."""
    file_size: int = 64 << 20
    """Bytes of any file it writes (RLIMIT_FSIZE)."""
    open_files: int = 64
    """Open descriptors (RLIMIT_NOFILE)."""
    processes: int = 8
    """Processes and threads it may start, itself included (RLIMIT_NPROC): with `memory`, the most its
    processes can take together. The kernel counts a user's processes; as root the plug-in is a user of
    its own, else the limit is the user's count when it starts plus this."""


def readable_paths(plugin: str) -> list[str]:
    """What a confined plug-in may read: the Python installation (and its site-packages), the game's
    package (the observation's and the moves' code), system libraries, and the plug-in's own file.
    Not the folder the game runs in: scenarios/ and saves/ are there."""
    import game

    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, str(Path(game.__file__).parent)}
    paths.update(p for p in sys.path if p and Path(p).name in ("site-packages", "dist-packages"))
    paths.update(("/usr/lib", "/usr/lib64", "/lib", "/lib64", "/etc/ld.so.cache", "/etc/localtime"))
    paths.add(plugin)
    return sorted(paths)


def landlock_note() -> str | None:
    """One line for `run` and `tournament` where plug-ins are not confined to their files, else None."""
    if landlock.abi_version() >= 1:
        return None
    from game.i18n import tr  # here, not at the top: a plug-in's confined child never needs it

    return tr(
        "note: this system has no Landlock (Linux 5.13 or later): plug-in agents run with resource limits "
        "in a process of their own, but can read and write what your user can"
    )


def confine(directory: str, plugin: str, keep_fd: int, limits: Limits) -> str | None:
    """Confine this process; returns why the file system is not confined, or None if it is."""
    os.setpgid(0, 0)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)  # no input: input() meets the end of a file
    sys.stdin = open(0, closefd=False)  # noqa: SIM115 - fd 0 itself, for the life of the process
    os.closerange(3, keep_fd)
    os.closerange(keep_fd + 1, 1 << 16)
    os.chdir(directory)
    _keep_environment(directory)
    _limit(resource.RLIMIT_AS, limits.memory)
    _limit(resource.RLIMIT_CPU, limits.cpu_seconds)
    _limit(resource.RLIMIT_FSIZE, limits.file_size)
    _limit(resource.RLIMIT_NOFILE, limits.open_files)
    _limit(resource.RLIMIT_CORE, 0)
    files_confined = landlock.abi_version() >= 1
    if os.geteuid() == 0:
        _limit(resource.RLIMIT_NPROC, limits.processes)
        _become_sandbox_user(directory, keep_reading=files_confined)
    else:
        others = _tasks_of(os.getuid())
        if others is not None:  # without /proc no number is safe: the user's other processes count too
            _limit(resource.RLIMIT_NPROC, others - 1 + limits.processes)
    not_dumpable()
    if no_sockets.supported():
        try:
            no_sockets.forbid_sockets()
        except no_sockets.NoSocketsError as exc:
            return f"the kernel refused to take away its sockets ({exc})"
    if not files_confined:
        return NO_LANDLOCK
    try:
        landlock.restrict(
            read=readable_paths(plugin), write=[directory], devices=["/dev/null", "/dev/zero", "/dev/urandom"]
        )
    except landlock.LandlockError as exc:
        if os.geteuid() == sandbox_uid(os.getpid()):
            _set_capabilities(0)  # without Landlock, it reads only what anyone may
        return f"Landlock could not confine it ({exc})"
    return None


ENVIRONMENT = ("PATH", "LANG", "LANGUAGE", "TZ")
"""What a plug-in keeps of the game's environment (and every LC_*): the instructor's shell may hold tokens
and paths that are none of its business."""


def _keep_environment(directory: str) -> None:
    kept = {name: value for name, value in os.environ.items() if name in ENVIRONMENT or name.startswith("LC_")}
    os.environ.clear()
    # One thread per numerical library: each thread counts against the plug-in's processes.
    os.environ.update(kept, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    os.environ.update(HOME=directory, TMPDIR=directory, TMP=directory, TEMP=directory, PWD=directory)


def sandbox_uid(pid: int) -> int:
    return SANDBOX_UIDS + pid


def _tasks_of(uid: int) -> int | None:
    """How many processes and threads the kernel counts for `uid` (its real user id), None if unknown."""
    try:
        entries = [entry for entry in os.listdir("/proc") if entry.isdigit()]
    except OSError:
        return None
    count = 0
    for entry in entries:
        try:
            with open(f"/proc/{entry}/status", "rb") as status:
                fields = dict(line.split(b":", 1) for line in status.read().splitlines() if b":" in line)
            if int(fields[b"Uid"].split()[0]) == uid:
                count += int(fields[b"Threads"])
        except (OSError, KeyError, ValueError, IndexError):
            continue  # ended meanwhile
    return count or None


_BLAS_THREADS = ("scipy_openblas_set_num_threads64_", "openblas_set_num_threads64_", "openblas_set_num_threads")


def one_blas_thread() -> None:
    """numpy's OpenBLAS, loaded before the fork (so deaf to the environment), starts a thread per core
    at its first large product, and spins for ever on one the limit of processes did not let start. Set
    in the supervisor, one thread holds in every worker it forks, which then starts none (set in a
    worker, it would start them there and then)."""
    try:
        with open("/proc/self/maps") as maps:
            libraries = {line.split()[-1] for line in maps if "openblas" in line.lower() and "/" in line}
    except OSError:
        return
    for path in libraries:
        with contextlib.suppress(OSError):
            library = ctypes.CDLL(path)  # the one already loaded
            for name in _BLAS_THREADS:
                if hasattr(library, name):
                    getattr(library, name)(1)
                    break


def _become_sandbox_user(directory: str, keep_reading: bool) -> None:
    """From root to a user of its own, owning its directory. With `keep_reading` (Landlock then decides
    what it reads), it keeps the one capability to read files whatever their modes: the Python
    installation of a root user (in /root, say) is not readable by other users, and a plug-in could
    import nothing the fork server had not loaded."""
    uid = sandbox_uid(os.getpid())
    os.chown(directory, uid, uid)
    if keep_reading:
        ctypes.CDLL(None).prctl(_PR_SET_KEEPCAPS, 1, 0, 0, 0)
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    if keep_reading:
        _set_capabilities(1 << _CAP_DAC_READ_SEARCH)


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _set_capabilities(mask: int) -> None:
    """This process's effective and permitted capabilities become `mask` (of the first 32), all others none."""
    header = _CapHeader(_LINUX_CAPABILITY_VERSION_3, 0)
    data = (_CapData * 2)(_CapData(mask, mask, 0), _CapData(0, 0, 0))
    if ctypes.CDLL(None, use_errno=True).capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset failed")


def _limit(which: int, value: int) -> None:
    soft, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(which, (value, value))


def not_dumpable() -> None:
    """Other processes of this user may not read this one's memory (/proc/PID/mem) nor trace it: for the
    game itself where there is no Landlock, for the supervisor, and for each plug-in from the others."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
