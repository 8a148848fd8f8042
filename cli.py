"""Headless entry point: `python cli.py inspect|staff|forecast|backtest|plan|shifts ...`."""

from __future__ import annotations

import argparse
import os
import sys

from cli_commands import COMMANDS
from cli_commands.options import one_line_errors
from data.errors import InputError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cli.py", description="Picco workforce planner")
    one_line_errors(parser)
    subparsers = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # exits 2 with one line on bad arguments
    try:
        return int(args.run(args) or 0)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `cli.py plan ... | head -1`: the reader left, the CSV is written; no traceback. Stdout
        # goes to /dev/null so Python's flush at exit does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
