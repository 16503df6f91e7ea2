"""Cruise Control: a negotiation game about the 1990 START talks on cruise missiles."""

from __future__ import annotations

__version__ = "0.1.0"
