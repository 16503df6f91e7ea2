"""Cruise Control: run `python main.py --help` for the subcommands."""

from game.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
