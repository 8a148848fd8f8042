"""Headless entry point: `python cli.py inspect|staff|forecast|backtest|plan|shifts ...`."""

from __future__ import annotations

import argparse
import contextlib
import difflib
import os
import sys

from cli_commands import COMMANDS
from cli_commands.options import STDOUT, one_line_errors, read_once
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
    args, extras = parser.parse_known_args(argv)  # exits 2 with one line on bad arguments
    if extras:
        # argparse's own refusal names only "cli.py": the subcommand and the options meant
        # are what the planner needs to fix the line.
        commands = _commands(parser)
        commands[args.command].error(_unrecognised(extras, args.command, commands))
    # A table written to stdout ("--out -") keeps stdout to itself: the summary goes to stderr.
    to_stdout = STDOUT in (getattr(args, "out", None), getattr(args, "cover_out", None))
    try:
        with contextlib.ExitStack() as stack:
            if to_stdout:
                stack.enter_context(contextlib.redirect_stdout(sys.stderr))
            if getattr(args, "files", None):
                # The import opens each file more than once: a pipe ("-", /dev/stdin) is copied.
                args.files = stack.enter_context(read_once(args.files))
            return int(args.run(args) or 0)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `cli.py plan ... | head -1`: the reader left, the CSV is written; no traceback. Stdout
        # goes to /dev/null so Python's flush at exit does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _options(parser: argparse.ArgumentParser) -> list[str]:
    return [name for action in parser._actions for name in action.option_strings]


def _unrecognised(
    extras: list[str], command: str, commands: dict[str, argparse.ArgumentParser]
) -> str:
    """The arguments a command does not take, each option with the one it resembles or the
    commands that do take it."""
    hints = []
    for extra in extras:
        name = extra.split("=", 1)[0]
        if not name.startswith("--"):
            continue
        # A cutoff of 0.75 matches typos (--servicelevel) but not other words (--queue, --quantile).
        close = difflib.get_close_matches(name, _options(commands[command]), 1, 0.75)
        others = [other for other, sub in commands.items() if name in _options(sub)]
        if close:
            hints.append(f"{name}: perhaps {close[0]}")
        elif others:
            takes = ", ".join(others[:-1]) + f" and {others[-1]}" if len(others) > 1 else others[0]
            hints.append(
                f"{command} has no {name}: {takes} take{'s' if len(others) == 1 else ''} it"
            )
        else:
            hints.append(f"{command} has no {name}")
    more = f" ({'; '.join(hints)})" if hints else ""
    return f"unrecognized arguments: {' '.join(extras)}{more}; see cli.py {command} --help"


if __name__ == "__main__":
    sys.exit(main())
