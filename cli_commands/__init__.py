"""CLI subcommands: each module has `register(subparsers)` that sets `run` on its parser."""

from __future__ import annotations

import importlib
from types import ModuleType

# Subcommands in the order `--help` lists them; a module that is not there yet is skipped.
_NAMES = ["inspect", "forecast", "backtest", "staff", "plan"]


def _load() -> list[ModuleType]:
    modules = []
    for name in _NAMES:
        try:
            modules.append(importlib.import_module(f"cli_commands.{name}"))
        except ModuleNotFoundError as error:
            if error.name != f"cli_commands.{name}":
                raise
    return modules


COMMANDS = _load()
