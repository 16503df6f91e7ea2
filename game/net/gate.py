"""How many connections the class server holds at once, so that no one who can reach the port can
exhaust its file descriptors and lock the class out.

Every request (a WebSocket lasts as long as its connection) passes `Gate.middleware`: past
`PER_PEER` open at once from one address, or past the server's total, it is answered 503 and closed
at once. A class of thirty behind one school router stays far inside `PER_PEER`. The total is
`MAX_OPEN` (or `serve --max-connections`) or the process's limit on open files, which
`raise_file_limit` lifts to the hard limit first, whichever is lower; accept errors that still
happen are logged once a minute, not once per attempt.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import resource
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from game.net.limits import PER_PEER

log = logging.getLogger("cruise_control.net")

QUIET = 60.0
"""Seconds between two log lines about the same kind of refusal."""


def raise_file_limit() -> int:
    """Lift the soft limit on open files to the hard one (a few thousand connections); the limit now."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    except (ValueError, OSError):
        return int(soft)
    return int(target)


def _loopback(peer: str) -> bool:
    try:
        return ipaddress.ip_address(peer.split("%")[0]).is_loopback
    except ValueError:
        return False


class Gate:
    def __init__(self, total: int, per_peer: int = PER_PEER) -> None:
        self.total, self.per_peer = max(1, total), per_peer
        self.open: Counter[str] = Counter()
        self._said: dict[str, float] = {}

    def say(self, what: str, message: str, *args: object) -> None:
        """A warning, at most once a minute for each kind (`what`)."""
        now = time.monotonic()
        if now - self._said.get(what, -QUIET) >= QUIET:
            self._said[what] = now
            log.warning(message, *args)

    @web.middleware
    async def middleware(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        peer = str(request.remote)
        crowded = self.open[peer] >= self.per_peer and not _loopback(peer)
        if crowded or sum(self.open.values()) >= self.total:
            if crowded:
                self.say("peer", "refused connections from %s: %d open at once from one address", peer, self.per_peer)
            else:
                self.say("full", "refused connections from %s: the server holds %d, its limit", peer, self.total)
            return web.Response(status=503, text="too many connections", headers={"Connection": "close"})
        self.open[peer] += 1
        try:
            return await handler(request)
        finally:
            self.open[peer] -= 1
            if not self.open[peer]:
                del self.open[peer]

    def quiet_accept_errors(self, loop: asyncio.AbstractEventLoop) -> None:
        """asyncio logs every failed accept with a traceback; one line a minute says the same."""
        default = loop.get_exception_handler()

        def handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
            if "accept" in str(context.get("message", "")) and isinstance(context.get("exception"), OSError):
                self.say("accept", "cannot accept connections: %s", context["exception"])
                return
            if default is not None:
                default(loop, context)
            else:
                loop.default_exception_handler(context)

        loop.set_exception_handler(handler)
