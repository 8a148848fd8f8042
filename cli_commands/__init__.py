"""CLI subcommands: each module has `register(subparsers)` that sets `run` on its parser."""

from __future__ import annotations

from cli_commands import backtest, forecast, inspect, plan, shifts, staff

# In the order `--help` lists them.
COMMANDS = [inspect, forecast, backtest, staff, plan, shifts]
