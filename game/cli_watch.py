"""`validate --watch`: check the files again every time one of them is saved, until Ctrl-C."""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from game.i18n import tr

POLL_SECONDS = 0.3
"""How often the files' modification times are read (polling works on every system and editor)."""


def _stamps(files: Sequence[str]) -> tuple[tuple[int, int] | None, ...]:
    """Each file's (modification time, size), None while it does not exist (an editor saving by rename)."""
    out = []
    for name in files:
        try:
            stat = Path(name).stat()
            out.append((stat.st_mtime_ns, stat.st_size))
        except OSError:
            out.append(None)
    return tuple(out)


def watch(files: Sequence[str], check: Callable[[], bool], poll: float = POLL_SECONDS) -> int:
    """Run `check` now and after every change to a file; Ctrl-C ends it with exit status 0."""
    from game.scenario.loader import resolve

    paths = [str(resolve(f)) for f in files]
    try:
        seen = _stamps(paths)
        check()
        print(
            tr("Watching {files}: the check runs again on every save; Ctrl-C stops.", files=", ".join(paths)),
            flush=True,
        )
        while True:
            time.sleep(poll)
            now = _stamps(paths)
            if now != seen and all(s is not None for s in now):
                seen = now
                print("\n" + tr("--- {time} saved: checking again", time=f"{dt.datetime.now():%H:%M:%S}"), flush=True)
                check()
                sys.stdout.flush()
    except KeyboardInterrupt:
        print("\n" + tr("Stopped watching."), flush=True)
        return 0
