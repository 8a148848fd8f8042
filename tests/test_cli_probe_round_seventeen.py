"""Round seventeen of probing the CLI as a planner scripting it would: a value left over after
an option given with '=' (or shortened), a bad cell named with its file and the file's row,
the longest backtest a short history scores, a queue with no row in standard output,
a process substitution named by its descriptor, starts written two ways,
and a mistyped --queue."""

from __future__ import annotations

import io
import json
import os

import pandas as pd
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


# 2. A bad cell refused by the staffing package had no file name in front ("error: row 4
# (interval_start …): 'volume' is 'abc'"), unlike the CLI's own messages; `shifts` also
# counted a plan's rows under a title from the header ("row 3" for the file's row 5).

QUICK = ["--model", "historical_average_4w"]
TARGETS = ["--aht-seconds", "300", "--service-level", "0.8", "--answer-within-seconds", "20"]


def test_a_bad_cell_is_named_with_its_file_and_the_files_row(tmp_path, capsys):
    forecast = tmp_path / "forecast.csv"
    forecast.write_text(
        "interval_start,volume\n2024-04-08 09:00,5\n2024-04-08 09:30,6\n2024-04-08 10:00,abc\n"
    )
    assert cli.main(["staff", str(forecast), *TARGETS, "--out", str(tmp_path / "p.csv")]) == 2
    assert capsys.readouterr().err == (
        f"error: {forecast}: row 4 (interval_start 2024-04-08 10:00): 'volume' is 'abc'; give a "
        "number of contacts, 0 or more\n"
    )
    plan = tmp_path / "plan.csv"
    plan.write_text("Plan for week 15\n\ninterval_start,rostered\n2024-04-08 09:00,2\nsoon,3\n")
    assert cli.main(["shifts", str(plan), "--out", str(tmp_path / "s.csv")]) == 2
    assert capsys.readouterr().err == (
        f"error: {plan}: row 5 (interval_start soon): 'interval_start' is not a date and time\n"
    )


# 3. A backtest refused as too long for the history did not say how long a backtest would fit,
# and advised a shorter horizon even where none scores. By the 28-days-plus-horizon rule a
# 39-day history fits 11 days, yet an 11-day backtest is refused in turn: a scored origin needs
# an earlier one whose days had passed. 4 days is the longest that scores.


def test_a_refused_backtest_names_the_longest_horizon_that_scores(tmp_path, capsys):
    starts = pd.date_range("2024-01-01", periods=39 * 48, freq="30min")
    export = tmp_path / "short.csv"
    pd.DataFrame({"interval_start": starts, "calls": 4}).to_csv(export, index=False)
    out = tmp_path / "b.csv"
    tail = []
    for days in ("11", "5", "4"):
        code = cli.main(
            ["backtest", str(export), "--horizon-days", days, *QUICK, "--out", str(out)]
        )
        tail.append((code, capsys.readouterr().err.strip().splitlines()[-1].split("Import ")[-1]))
    assert tail[:2] == [
        (2, "a longer history, or backtest a shorter horizon (--horizon-days, now 11): 4 days at most."),
        (2, "a longer history, or backtest a shorter horizon (--horizon-days, now 5): 4 days at most."),
    ]  # fmt: skip
    scored = pd.read_csv(out)
    assert tail[2][0] == 0 and scored.loc[scored["model"] == "auto", "n_origins"].tolist() == [1]
    starts = starts[: 30 * 48]  # 30 days score no backtest: no shorter horizon is offered
    pd.DataFrame({"interval_start": starts, "calls": 4}).to_csv(export, index=False)
    assert cli.main(["backtest", str(export), *QUICK, "--out", str(out)]) == 2
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith("30 days, all with data (1 Jan – 30 Jan 2024). Import a longer history.")
    )


# 4. After `--out -`, a queue closed over the whole horizon read "no row in -", where the
# closed-days note said "standard output".


def test_a_queue_without_open_intervals_is_said_missing_from_standard_output(tmp_path, capfd):
    starts = pd.date_range("2024-03-04 09:00", periods=21 * 48, freq="30min")
    starts = starts[(starts.hour >= 9) & (starts.hour < 17)]
    saturdays = starts[starts.day_of_week == 5]
    rows = [(start, "a", 5) for start in starts] + [(start, "b", 3) for start in saturdays]
    export = tmp_path / "ab.csv"
    pd.DataFrame(rows, columns=["interval_start", "queue", "calls"]).to_csv(export, index=False)
    arguments = ["forecast", str(export), "--horizon-days", "1", *QUICK, "--out", "-"]
    assert cli.main(arguments) == 0
    captured = capfd.readouterr()  # the table goes to the process's own stdout
    assert len(pd.read_csv(io.StringIO(captured.out))) == 16  # Monday 09:00-17:00 of queue a
    assert (
        "note: b has no open interval in the horizon, so no row in standard output: see the notes"
    ) in captured.err


# 5. A process substitution `<(...)` was named by its descriptor: "63: 1,720 rows read" and a
# queue named 63.


def test_a_process_substitution_is_read_as_input_not_its_descriptor_number(capsys):
    starts = pd.date_range("2024-03-04 08:00", periods=40, freq="30min")
    text = pd.DataFrame({"interval_start": starts, "calls": 3}).to_csv(index=False)
    read, write = os.pipe()  # what bash hands the command as /dev/fd/63
    os.write(write, text.encode())
    os.close(write)
    try:
        assert cli.main(["inspect", f"/dev/fd/{read}"]) == 0
    finally:
        os.close(read)
    summary = json.loads(capsys.readouterr().out)
    assert (summary["queues"], summary["contacts"]) == (["input"], 120)
    assert summary["notes"][0].startswith("input: 40 rows read as interval volumes")


# 6. Starts each readable alone but written two ways ("2024-04-08 09:00" above "8 April 2024
# 9:30") were refused with no row: "'interval_start' could not be read as dates and times".


def test_starts_written_two_ways_name_the_row_that_differs(tmp_path, capsys):
    forecast = tmp_path / "forecast.csv"
    forecast.write_text("interval_start,volume\n2024-04-08 09:00,2\n8 April 2024 9:30,3\n")
    assert cli.main(["staff", str(forecast), *TARGETS, "--out", str(tmp_path / "p.csv")]) == 2
    assert capsys.readouterr().err == (
        f"error: {forecast}: row 3 (interval_start 8 April 2024 9:30): 'interval_start' is "
        "written unlike row 2 (2024-04-08 09:00); write every interval_start the same way, e.g. "
        "2024-04-08 09:00\n"
    )


# 7. A --queue one letter away from a queue was refused listing every queue (forty on the AXA
# data), without the one meant.


def test_a_mistyped_queue_is_refused_with_the_one_meant(tmp_path, capsys):
    forecast = tmp_path / "forecast.csv"
    forecast.write_text(
        "interval_start,queue,volume\n2024-04-08 09:00,Sales,2\n2024-04-08 09:00,Tech. Axa,3\n"
    )
    out = str(tmp_path / "p.csv")
    for typed in ("sale", "Tech Axa", "billing"):
        assert cli.main(["staff", str(forecast), "--queue", typed, *TARGETS, "--out", out]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "error: --queue sale: no such queue in the data (perhaps Sales); the queues are Sales, "
        "Tech. Axa.",
        "error: --queue Tech Axa: no such queue in the data (perhaps Tech. Axa); the queues are "
        "Sales, Tech. Axa.",
        "error: --queue billing: no such queue in the data; the queues are Sales, Tech. Axa.",
    ]
