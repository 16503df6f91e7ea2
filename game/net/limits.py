"""How many connections the class server holds (`game.net.gate`), in a module the command line can
read without loading the server."""

from __future__ import annotations

PER_PEER = 100
"""Open connections from one address: a classroom behind one router, each student's table and a dashboard or two.
This computer's own address counts only towards the total: a hosted game, a benchmark's scripted class."""
MAX_OPEN = 2000
"""Open connections in all, whatever the file limit: a class of thirty uses about forty."""
SPARE_FILES = 64
"""Descriptors kept for the database, the log and plug-ins, outside the connections' share."""
