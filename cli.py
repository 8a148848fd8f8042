"""Headless entry point: `python cli.py inspect|staff|forecast|backtest|plan|shifts ...`."""

from __future__ import annotations

import argparse
import contextlib
import difflib
import errno
import os
import shlex
import sys
import tomllib
from pathlib import Path

# 128 + 2: the shell's code for a command stopped by SIGINT (Ctrl-C).
INTERRUPTED = 130
# The names standard output goes by as a file: an --out so named is "-".
STDOUT_PATHS = ("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")

try:
    # pandas, statsmodels and the models take the first second to load: Ctrl-C then ends in
    # one line as it does later, not in the traceback of whichever import it stopped.
    from cli_commands import COMMANDS
    from cli_commands.options import STDOUT, one_line_errors, read_once, target_as_options
    from data.errors import InputError
except KeyboardInterrupt:
    if __name__ != "__main__":
        raise
    print("interrupted: stopped while loading, before any file was read", file=sys.stderr)
    sys.exit(INTERRUPTED)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cli.py", description="Picco workforce planner")
    one_line_errors(parser)
    parser.add_argument("--version", action=_PrintVersion)
    subparsers = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.register(subparsers)
    for subparser in subparsers.choices.values():
        # `cli.py staff --version` read "the following arguments are required: ...".
        subparser.add_argument("--version", action=_PrintVersion)
    return parser


class _PrintVersion(argparse.Action):
    """--version: 'Picco 0.1.0', the project's version, read only when asked (a script checks
    it before relying on an option; it read "the following arguments are required: command")."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print Picco's version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        with open(Path(__file__).with_name("pyproject.toml"), "rb") as file:
            version = tomllib.load(file)["project"]["version"]
        print(f"Picco {version}")
        parser.exit()


def main(argv: list[str] | None = None) -> int:
    try:
        return _run(argv)
    except KeyboardInterrupt:
        # Ctrl-C on a long forecast or shift search: a line, not Python's traceback.
        print(
            "interrupted: stopped before the end; an --out not yet written is left as it was",
            file=sys.stderr,
        )
        return INTERRUPTED


def _run(argv: list[str] | None) -> int:
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    commands = _commands(parser)
    if not argv or (argv[0] not in commands and (argv[0] == "-" or not argv[0].startswith("-"))):
        parser.error(_no_command(argv[0] if argv else None, list(commands)))
    if argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version"):
        parser.error(_options_first(argv, list(commands)))
    if argv[0] in commands and (unknown := _unknown_options(argv[1:], commands[argv[0]])):
        commands[argv[0]].error(_unrecognised(unknown, argv[0], commands, argv))
    args, extras = parser.parse_known_args(argv)  # exits 2 with one line on bad arguments
    if getattr(args, "files", None):
        # argparse takes FILE... before the first option only: `inspect a.csv --kind
        # intervals b.csv` left b.csv over. A file named after the options is one more to read.
        args.files += [extra for extra in extras if os.path.isfile(extra)]
        extras = [extra for extra in extras if not os.path.isfile(extra)]
    if extras:
        # argparse's own refusal names only "cli.py": the subcommand and the options meant
        # are what the planner needs to fix the line.
        commands[args.command].error(_unrecognised(extras, args.command, commands, argv))
    for option in ("out", "cover_out", "peaks_out"):
        if getattr(args, option, None) in STDOUT_PATHS:
            # Opened as a file, /dev/stdout took the summary's lines too, after the table in a
            # pipe and over its first lines in a file the shell had opened (`> plan.csv`).
            setattr(args, option, STDOUT)
    # A table written to stdout ("--out -") keeps stdout to itself: the summary goes to stderr.
    to_stdout = STDOUT in (
        getattr(args, option, None) for option in ("out", "cover_out", "peaks_out")
    )
    try:
        with contextlib.ExitStack() as stack:
            if to_stdout:
                stack.enter_context(contextlib.redirect_stdout(sys.stderr))
            if getattr(args, "files", None):
                # The import opens each file more than once: a pipe ("-", /dev/stdin) is copied.
                args.files = stack.enter_context(read_once(args.files))
            code = int(args.run(args) or 0)
            # The summary's last lines wait in Python's buffer: a full disk under `> log.txt`
            # is met here, not in a traceback at Python's exit.
            sys.stdout.flush()
            return code
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `cli.py plan ... | head -1`: the reader left, the CSV is written; no traceback. Stdout
        # goes to /dev/null so Python's flush at exit does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        if error.filename is not None:
            raise
        # Standard output cannot take the summary (`> log.txt` on a full disk): one line, and
        # stdout to /dev/null so Python's flush at exit does not raise again.
        full = error.errno in (errno.ENOSPC, errno.EDQUOT)
        advice = "; free some space, or send standard output elsewhere" if full else ""
        print(
            f"error: standard output: cannot write the summary ({error.strerror or error}){advice}",
            file=sys.stderr,
        )
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 2


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _no_command(given: str | None, commands: list[str]) -> str:
    """The refusal of a missing or mistyped command, listing them and the one meant."""
    listed = ", ".join(commands[:-1]) + f" or {commands[-1]}"
    if given is None:
        return f"give a command: {listed} (cli.py COMMAND --help for each)"
    if given == "-":
        # argparse read it as a mistyped command: "invalid choice: '-'".
        return "- names standard input as a FILE: give the command first, e.g. cli.py inspect -"
    if os.path.isfile(given):
        return f"{given} is a file: give the command first, e.g. cli.py inspect {given}"
    close = difflib.get_close_matches(given, commands, 1, 0.6)
    perhaps = f"perhaps {close[0]}; " if close else ""
    every = ", ".join(commands[:-1]) + f" and {commands[-1]}"
    return f"'{given}' is not a command ({perhaps}the commands are {every})"


def _options_first(argv: list[str], commands: list[str]) -> str:
    """The refusal of options given before the command (`cli.py --queue sales staff f.csv`),
    with the line in the order argparse reads it: it read "argument command: invalid choice:
    'sales'", the option's value taken for the command."""
    command = next((word for word in argv if word in commands), None)
    if command is None:
        every = ", ".join(commands[:-1]) + f" or {commands[-1]}"
        return (
            f"{argv[0]} comes before any command: give the command first, then its options "
            f"(cli.py COMMAND {shlex.join(argv)}, COMMAND one of {every})"
        )
    at = argv.index(command)
    before = argv[:at]
    options = sum(word.startswith("-") for word in before)
    return (
        f"{shlex.join(before)}: {'an option' if options == 1 else 'options'} before the command "
        f"{command}; options follow the command, as in cli.py "
        f"{shlex.join([command, *argv[at + 1 :], *before])}"
    )


def _options(parser: argparse.ArgumentParser) -> list[str]:
    return [name for action in parser._actions for name in action.option_strings]


def _unknown_options(words: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """The options `words` give that the command does not take, each with its value: refused
    before argparse reads the line, whose "the following arguments are required" came first
    and hid them (`staff f.csv --servicelevel 0.8` read "required: --service-level")."""
    known = _options(parser)
    words = words[: words.index("--")] if "--" in words else words
    unknown: list[str] = []
    for at, word in enumerate(words):
        name = word.split("=", 1)[0]
        if not name.startswith("--") or any(option.startswith(name) for option in known):
            continue  # argparse reads a shortened option (--answer-within) as the whole one
        unknown.append(word)
        value = words[at + 1] if at + 1 < len(words) else "-"
        if "=" not in word and not value.startswith("-") and not os.path.isfile(value):
            unknown.append(value)
    return unknown


def _unrecognised(
    extras: list[str], command: str, commands: dict[str, argparse.ArgumentParser], argv: list[str]
) -> str:
    """The arguments a command does not take, each option with the one it resembles or the
    commands that do take it."""
    hints = []
    for index, extra in enumerate(extras):
        name = extra.split("=", 1)[0]
        if not name.startswith("-"):
            if not (index and extras[index - 1].startswith("--")):  # not an unknown one's value
                hints.append(_extra_value(extra, command, commands[command], argv))
            continue
        if not name.startswith("--"):
            continue
        # A cutoff of 0.75 matches typos (--servicelevel) but not other words (--queue, --quantile).
        close = difflib.get_close_matches(name, _options(commands[command]), 1, 0.75)
        others = [other for other, sub in commands.items() if name in _options(sub)]
        value = extra.split("=", 1)[1] if "=" in extra else _value_after(extras, index)
        target = target_as_options(value) if value else None
        if target and "--service-level" in _options(commands[command]):
            hints.append(f"{command} has no {name}: {target}")
        elif close:
            hints.append(f"{name}: perhaps {close[0]}")
        elif others:
            takes = ", ".join(others[:-1]) + f" and {others[-1]}" if len(others) > 1 else others[0]
            hint = f"{command} has no {name}: {takes} take{'s' if len(others) == 1 else ''} it"
            if name == "--volume-change-pct" and "--campaign" in _options(commands[command]):
                # The what-if is a plan's; the forecast itself moves by a campaign's days.
                pct = value if value and _is_number(value) else "PCT"
                hint += (
                    f", or --campaign FROM TO {pct} moves the forecast itself from date FROM to TO"
                )
            hints.append(hint)
        else:
            hints.append(f"{command} has no {name}")
    more = f" ({'; '.join(hints)})" if hints else ""
    return f"unrecognized arguments: {' '.join(extras)}{more}; see cli.py {command} --help"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _value_after(extras: list[str], index: int) -> str | None:
    following = extras[index + 1] if index + 1 < len(extras) else None
    return following if following and not following.startswith("-") else None


def _extra_value(extra: str, command: str, parser: argparse.ArgumentParser, argv: list[str]) -> str:
    """Why a word beside the options is left over: a second file where the command reads one
    (`staff f.csv g.csv`), a second value after an option that takes one (`--queue sales
    billing`), or a value following no option."""
    files = [action.metavar for action in parser._actions if not action.option_strings]
    if os.path.isfile(extra) and files:  # commands reading several files took it above
        return f"{command} reads one {files[0]}: run it once per file"
    options = {
        name: action
        for action in parser._actions
        for name in action.option_strings
        if action.nargs is None  # takes one value
    }

    def option_of(word: str) -> str | None:
        """The option a word gives, as argparse reads it: exact, or a prefix of one option."""
        name = word.split("=", 1)[0]
        if not name.startswith("--"):
            return None
        if name in options:
            return name
        starting = [option for option in options if option.startswith(name)]
        return starting[0] if len(starting) == 1 else None

    # Where the word was left over: not where it is an option's value (--answer-within 20).
    at = next(
        (
            i
            for i, word in enumerate(argv)
            if word == extra and i and not (option_of(argv[i - 1]) and "=" not in argv[i - 1])
        ),
        -1,
    )
    option, value = None, None
    if at >= 1 and "=" in argv[at - 1] and option_of(argv[at - 1]):
        # `--horizon-days=7 8`: the value came with the option, in the same word.
        option, value = option_of(argv[at - 1]), argv[at - 1].split("=", 1)[1]
    elif at >= 2 and option_of(argv[at - 2]) and "=" not in argv[at - 2]:
        option, value = option_of(argv[at - 2]), argv[at - 1]
    if option is not None:
        if isinstance(options[option], argparse._AppendAction):
            return f"{option} takes one value: give {option} {extra} for another"
        return f"{option} takes one value ({value})"
    return f"{extra} follows no option that takes a value"


if __name__ == "__main__":
    sys.exit(main())
