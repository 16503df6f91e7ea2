"""Reports built on the analysis and on played games: plain Python and numpy (matplotlib only for plots)."""

from __future__ import annotations
