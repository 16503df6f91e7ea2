"""Loading a plug-in's file: compiled where the game's user can read it, run where it is confined.

`Plugin(file, class_name)` reads and compiles the file (in the supervisor, before any confinement, so
the file need not be readable by the user a confined plug-in runs as; nothing of it runs there);
`build()` runs it as a new module and builds its class (in the confined worker, or in-process for
`load_plugin`). Every way a student's file can fail is an AgentError saying what is wrong.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import CodeType, ModuleType

from game.agents.base import AgentProtocol
from game.errors import AgentError

__all__ = ["MAX_SOURCE", "Plugin", "describe", "load_plugin"]

MAX_SOURCE = 4 << 20
"""Bytes in a plug-in's file: larger is not a student's agent."""


class Plugin:
    """A plug-in's file, compiled once; `build()` runs it as a new module and builds its class."""

    def __init__(self, file: str, class_name: str, path: str | None = None) -> None:
        self.file, self.class_name = file, class_name
        self.source = Path(path if path is not None else file)
        if not self.source.is_file():  # a regular file (a FIFO or a device would block or never end)
            raise AgentError(f"no such agent file: {file}")
        self.module_name = f"cruise_control_plugin_{self.source.stem}"
        try:
            with self.source.open("rb") as handle:
                data = handle.read(MAX_SOURCE + 1)
            if len(data) > MAX_SOURCE:
                raise AgentError(f"{file} is larger than {MAX_SOURCE >> 20} MiB")
            spec = importlib.util.spec_from_file_location(self.module_name, self.source)
            assert spec is not None and spec.loader is not None
            # compiled from the bytes read, never written back as a .pyc next to the student's file
            code = spec.loader.source_to_code(data, str(self.source))  # type: ignore[attr-defined]
            assert isinstance(code, CodeType)
        except AgentError:
            raise
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - a student's file may fail in any way
            raise AgentError(f"{file} could not be loaded: {describe(exc)}") from exc
        self.spec, self.code = spec, code

    def build(self) -> AgentProtocol:
        module: ModuleType = importlib.util.module_from_spec(self.spec)
        sys.modules[self.module_name] = module
        try:
            exec(self.code, module.__dict__)  # what the import system does with a module's code
        except (Exception, SystemExit) as exc:  # noqa: BLE001
            raise AgentError(f"{self.file} could not be loaded: {describe(exc)}") from exc
        factory = getattr(module, self.class_name, None)
        if factory is None:
            raise AgentError(f"{self.file} has no class {self.class_name!r}")
        try:
            agent = factory()
        except (Exception, SystemExit) as exc:  # noqa: BLE001
            raise AgentError(f"{self.class_name}() failed: {describe(exc)}") from exc
        if not isinstance(agent, AgentProtocol):
            raise AgentError(f"{self.class_name} needs the methods reset(side, rng) and act(observation)")
        return agent


def load_plugin(file: str, class_name: str, path: str | None = None) -> AgentProtocol:
    """Load `file` (read from `path` if given) and build its class in this process; raises AgentError
    saying what is wrong. Unconfined: for tests and benchmarks of trusted files only."""
    return Plugin(file, class_name, path).build()


def describe(exc: BaseException) -> str:
    try:
        return f"{type(exc).__name__}: {exc}"
    except Exception:  # noqa: BLE001 - an exception whose str() fails
        return type(exc).__name__
