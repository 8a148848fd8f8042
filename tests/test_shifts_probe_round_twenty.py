"""Shifts probe, round twenty: every option of `cli.py shifts` (and `cli.py staff`) names its
default in --help, as a planner reading it cannot otherwise tell what leaving it out does:
--cover-out and --rotation said nothing of theirs."""

from __future__ import annotations

import argparse

import pytest

import cli

# Options with no default to state: asked for, or printing and leaving.
NO_DEFAULT = {"--help", "--version", "--out"}


def _subcommand(name: str) -> argparse.ArgumentParser:
    parser = cli.build_parser()
    subparsers = next(
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    return subparsers.choices[name]


@pytest.mark.parametrize("command", ["shifts", "staff"])
def test_every_option_states_its_default_in_help(command):
    parser = _subcommand(command)
    silent = [
        action.option_strings[-1]
        for action in parser._actions
        if action.option_strings
        and not action.required
        and not set(action.option_strings) & NO_DEFAULT
        and "default" not in (action.help or "")
    ]
    assert silent == []


def test_cover_out_and_rotation_say_what_leaving_them_out_does():
    actions = _subcommand("shifts")._actions
    helps = {action.option_strings[-1]: action.help for action in actions if action.option_strings}
    assert helps["--cover-out"].endswith("(default: not written)")
    assert "(default off: a plan of exactly 7 days is read so all the same" in helps["--rotation"]
