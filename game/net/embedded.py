"""A class server inside the window ('Host a game'): the same server, on a thread of its own."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import threading
from pathlib import Path

from game.errors import CruiseControlError
from game.net.classroom import Classroom
from game.net.server import serve
from game.net.store import ClassStore


class EmbeddedServer:
    """Starts at once and plays every table as soon as it is seated; `stop()` ends it (the saves stay)."""

    def __init__(self, host: str, folder: Path, port: int = 0, scenario: str = "april-1990") -> None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        self.room = Classroom(ClassStore(folder / f"hosted-{stamp}.sqlite"), scenario, open_play=True)
        self.host, self.port = host, port
        self.error = ""
        self._ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        self._task: asyncio.Task[None] | None = None
        self._thread = threading.Thread(target=self._main, name="class-server", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout=15) or self.error:
            self.stop()
            raise CruiseControlError(self.error or "the game server did not start")

    def _main(self) -> None:
        def ready(host: str, port: int) -> None:
            self.port = port
            self._ready.set()

        async def run() -> None:
            self._task = asyncio.current_task()
            with contextlib.suppress(asyncio.CancelledError):
                await serve(self.room, self.host, self.port, ready)

        try:
            self._loop.run_until_complete(run())
        except CruiseControlError as exc:
            self.error = str(exc)
            self._ready.set()
        finally:
            self.room.write_saves()
            self.room.close()

    @property
    def address(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    @property
    def code(self) -> str:
        return self.room.code

    def stop(self) -> None:
        if self._task is not None:
            self._loop.call_soon_threadsafe(self._task.cancel)
        self._thread.join(timeout=5)
