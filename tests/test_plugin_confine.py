"""Confining a plug-in's process (game/agents/plugin_confine.py), each part checked in a forked child of
the test (confining is for good): the limits, the user, the process count, Landlock's refusal."""

from __future__ import annotations

import ast
import os
import resource
import shutil
import signal
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from game.agents import landlock
from game.agents.plugin_confine import SANDBOX_UIDS, Limits, confine, one_blas_thread, sandbox_uid

from .conftest import FIXTURES

pytestmark = [
    pytest.mark.attack,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="Linux only: the confinement uses /proc"),
]

HOSTILE = FIXTURES / "plugins" / "hostile_agents.py"
CONFINED_FILES = landlock.abi_version() >= 1
needs_landlock = pytest.mark.skipif(not CONFINED_FILES, reason="this kernel has no Landlock: files are not confined")


def in_a_child(work: Callable[[int], object]) -> object:
    """`work(fd)` in a forked child (confining is for good), `fd` the descriptor to keep: what it
    returned, or its exception's text."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            result: object = work(write_end)
        except BaseException as exc:  # noqa: BLE001 - told to the test
            result = f"{type(exc).__name__}: {exc}"
        os.write(write_end, repr(result).encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as said:
        text = said.read()
    os.waitpid(pid, 0)
    return ast.literal_eval(text)


def test_the_limits_are_set_before_the_plugin_runs(tmp_path: Path) -> None:
    def confined(keep: int) -> object:
        failed = confine(str(tmp_path), str(HOSTILE), keep, Limits())
        limits = [resource.getrlimit(r)[0] for r in (resource.RLIMIT_AS, resource.RLIMIT_FSIZE, resource.RLIMIT_NOFILE)]
        return failed, limits, os.getcwd(), os.getpgid(0) == os.getpid(), os.geteuid(), os.getpid()

    failed, limits, cwd, own_group, uid, pid = in_a_child(confined)  # type: ignore[misc]
    assert failed == (None if CONFINED_FILES else "no Landlock")
    assert limits == [1 << 30, 64 << 20, 64] and cwd == str(tmp_path) and own_group
    assert uid == (sandbox_uid(pid) if os.geteuid() == 0 else os.geteuid())


@pytest.mark.skipif(os.geteuid() != 0, reason="it takes root to run as another user")
def test_for_a_user_other_than_root_the_limit_is_what_it_runs_plus_the_plugins_processes() -> None:
    """As a user that runs two other processes, a plug-in may start 8 (itself included) and no more."""
    folder = tempfile.mkdtemp(prefix="cc-test-")
    os.chmod(folder, 0o777)
    uid = SANDBOX_UIDS - 1 - os.getpid()  # a user no process runs as

    def confined(keep: int) -> object:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
        for _ in range(2):  # the user's other programs, there before the plug-in and after
            if os.fork() == 0:
                time.sleep(3)
                os._exit(0)
        confine(folder, str(HOSTILE), keep, Limits())
        started = []
        for _ in range(20):
            try:
                pid = os.fork()
            except OSError:
                break
            if pid == 0:
                time.sleep(30)
                os._exit(0)
            started.append(pid)
        for pid in started:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        return resource.getrlimit(resource.RLIMIT_NPROC)[0], len(started)

    try:
        assert in_a_child(confined) == (3 - 1 + Limits().processes, Limits().processes - 1)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_numpy_computes_within_the_plugins_limit_of_processes(tmp_path: Path) -> None:
    """numpy's OpenBLAS, loaded before the plug-in starts, would wait for ever on threads it cannot start."""

    def confined(keep: int) -> object:
        one_blas_thread()  # as the supervisor does, before it forks the worker
        worker = os.fork()
        if worker:
            os.waitpid(worker, 0)
            os._exit(0)  # the worker tells the test
        confine(str(tmp_path), str(HOSTILE), keep, Limits(processes=1))
        signal.alarm(30)
        square = np.ones((1500, 1500))
        return float((square @ square)[0, 0])

    assert in_a_child(confined) == 1500.0


@needs_landlock
def test_where_landlock_refuses_the_plugin_is_not_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(**_: object) -> int:
        raise landlock.LandlockError(1, "refused")

    monkeypatch.setattr(landlock, "restrict", refuse)
    failed = in_a_child(lambda keep: confine(str(tmp_path), str(HOSTILE), keep, Limits()))
    assert isinstance(failed, str) and failed.startswith("Landlock could not confine it")
