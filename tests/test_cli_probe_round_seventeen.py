"""Round seventeen of probing the CLI as a planner scripting it would: a value left over after
an option given with '=' (or shortened)."""

from __future__ import annotations

import pytest

import cli

# 1. `plan --horizon-days=7 8` said "8 follows no option that takes a value": the option was
# given with its value in the same word, and the hint did not name it.


@pytest.mark.parametrize(
    ("given", "hint"),
    [
        (["--horizon-days=7", "8"], "8 (--horizon-days takes one value (7))"),
        (["--horizon", "7", "8"], "8 (--horizon-days takes one value (7))"),
        (["--queue=a", "b", "--horizon-days", "7"], "b (--queue takes one value: give --queue b "),
    ],
)
def test_a_second_value_names_the_option_given_with_equals_or_shortened(capsys, given, hint):
    with pytest.raises(SystemExit) as stop:
        cli.main(["plan", "export.csv", *given, "--out", "plan.csv"])
    assert stop.value.code == 2
    assert capsys.readouterr().err.startswith(f"error: cli.py plan: unrecognized arguments: {hint}")
