"""Round sixteen of probing the CLI as a planner scripting it would: a plan or an export read
from a pipe or standard input, other queues' import notes under --queue, the backtest's advice
to shorten the horizon, an --out under a file or ending in a slash, `staff --queue`, `shifts
--queue` given twice, a word left over beside the options, row numbers under a title, both
`shifts` tables to standard output, the days closed all day, and a missing or mistyped
command."""

from __future__ import annotations

import io
import json
import os
import sys
import threading

import pandas as pd

import cli
from cli_commands.notes import closed_days_note, print_import_notes
from data.importer import import_files


def _fifo(tmp_path, name: str, text: str) -> str:
    """A named pipe at tmp_path/name that gives `text` once, as /dev/stdin or <(...) do."""
    path = tmp_path / name
    os.mkfifo(path)

    def feed() -> None:
        with open(path, "w") as pipe:
            pipe.write(text)

    threading.Thread(target=feed, daemon=True).start()
    return str(path)


def _plan_text() -> str:
    starts = pd.date_range("2024-04-08 09:00", periods=8, freq="30min")
    return pd.DataFrame({"interval_start": starts, "rostered": 2}).to_csv(index=False)


# 1. A pipe was read twice (sniffed, then read): `cat plan.csv | cli.py shifts /dev/stdin`
# said "/dev/stdin: not a readable CSV table (No columns to parse from file)", `shifts -` said
# "-: file not found", and `inspect /dev/stdin` ended in a traceback ("OSError: lseek failed").


def test_shifts_reads_a_plan_from_a_pipe_and_from_standard_input(tmp_path, capsys, monkeypatch):
    arguments = ["--out", str(tmp_path / "s.csv"), "--full-hours", "4", "--part-hours", "0"]
    assert cli.main(["shifts", _fifo(tmp_path, "plan", _plan_text()), *arguments]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "wrote 2 shifts to " + arguments[1] + (
        " (2 Full time 4 h)"
    )
    stdin = io.TextIOWrapper(io.BytesIO(_plan_text().encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert cli.main(["shifts", "-", *arguments]) == 0
    assert "paid hours 8.0, needed 8.0" in capsys.readouterr().out
    assert pd.read_csv(tmp_path / "s.csv")["people"].tolist() == [2]


def test_staff_names_standard_input_in_its_messages(tmp_path, capsys, monkeypatch):
    text = "interval_start,calls\n2024-04-08 09:00,12\n2024-04-08 09:30,9\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    arguments = ["--aht-seconds", "300", "--service-level", "0.8", "--answer-within-seconds", "20"]
    assert cli.main(["staff", "-", *arguments, "--out", str(tmp_path / "p.csv")]) == 2
    assert capsys.readouterr().err.startswith(
        "error: standard input has no volume (or forecast) column (its columns: interval_start, "
        "calls)"
    )


def test_inspect_reads_an_export_from_a_pipe(tmp_path, capsys):
    starts = pd.date_range("2024-03-04 08:00", periods=40, freq="30min")
    text = pd.DataFrame({"interval_start": starts, "calls": range(40)}).to_csv(index=False)
    assert cli.main(["inspect", _fifo(tmp_path, "export", text)]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["rows"], summary["contacts"]) == (40, sum(range(40)))
    assert summary["files"][0]["name"] == "export"


# 2. `plan --queue sales` (and `forecast`, `backtest`) printed every queue's import notes:
# "import: Open hours of 'billing': 86 of 336 weekly 30-minute slots are open." above a plan
# of sales alone.


def test_queue_keeps_the_import_notes_of_that_queue_and_the_files(tmp_path):
    starts = pd.date_range("2024-03-04 08:00", periods=20, freq="30min")
    rows = [(start, queue, 5) for start in starts for queue in ("sales", "billing")]
    export = tmp_path / "two.csv"
    pd.DataFrame(rows, columns=["interval_start", "queue", "calls"]).to_csv(export, index=False)
    dataset = import_files([export])
    shown = io.StringIO()
    print_import_notes(dataset, ["sales"], file=shown)
    lines = shown.getvalue().splitlines()
    assert [line.split(":")[1].strip() for line in lines] == ["two.csv", "Open hours of 'sales'"]
    every = io.StringIO()
    print_import_notes(dataset, None, file=every)
    assert len(every.getvalue().splitlines()) == 3  # billing's open hours too


# 3. A backtest longer than the history allows ended "Import a longer history, or backtest a
# shorter horizon.", not naming the option that sets the horizon.


def test_a_backtest_refused_as_too_long_names_horizon_days(tmp_path, capsys):
    starts = pd.date_range("2024-01-01", periods=39 * 48, freq="30min")
    export = tmp_path / "short.csv"
    pd.DataFrame({"interval_start": starts, "calls": 4}).to_csv(export, index=False)
    out = tmp_path / "b.csv"
    arguments = ["backtest", str(export), "--horizon-days", "14", "--out", str(out)]
    assert cli.main(arguments) == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        "error: Queue 'short' was not backtested: it needs 28 days with data to train on (4 of "
        "each weekday) and, after those, a 14-day stretch with at least 50% of its open "
        "intervals observed to score; it has 39 days, all with data (1 Jan – 8 Feb 2024). Import a longer history, or backtest a shorter horizon "
        "(--horizon-days, now 14): 4 days at most."
    )
    assert not out.exists()


# 4. An --out under a file was told to create the file as a folder ("--out f.csv/out.csv:
# f.csv is not a folder; create it or write elsewhere"; deeper, "f.csv/a does not exist;
# create it"), and one ending in a slash was written or refused as "cannot write it (Is a
# directory)".


def test_an_out_under_a_file_or_ending_in_a_slash_is_refused_for_what_it_is(tmp_path, capsys):
    plan = tmp_path / "plan.csv"
    plan.write_text(_plan_text())
    lines = []
    for out in (plan / "out.csv", plan / "a" / "b" / "out.csv", f"{tmp_path}/new/"):
        assert cli.main(["shifts", str(plan), "--out", str(out)]) == 2
        lines += capsys.readouterr().err.splitlines()
    assert lines == [
        f"error: --out {plan}/out.csv: {plan} is a file, not a folder; write elsewhere.",
        f"error: --out {plan}/a/b/out.csv: {plan} is a file, not a folder; write elsewhere.",
        f"error: --out {tmp_path}/new/ ends in a slash, so it names a folder: give a file "
        "name, without the final slash.",
    ]
    assert not (tmp_path / "new").exists()


# 5. `staff` had no --queue: a forecast of several queues was staffed all together, and a
# planner cutting the file by hand got row numbers counting the rows kept, not the file's.


def _two_queue_forecast(tmp_path, bad_row: int | None = None) -> str:
    starts = pd.date_range("2024-04-08 09:00", periods=4, freq="30min")
    rows = [(start, queue, 10) for queue in ("billing", "Sales") for start in starts]
    table = pd.DataFrame(rows, columns=["interval_start", "queue", "volume"]).astype(object)
    if bad_row is not None:
        table.loc[bad_row - 2, "volume"] = "abc"  # the file's row: the header is row 1
    path = tmp_path / "two.csv"
    table.to_csv(path, index=False)
    return str(path)


def test_staff_queue_staffs_one_queue_and_names_the_files_rows(tmp_path, capsys):
    arguments = ["--aht-seconds", "300", "--service-level", "0.8", "--answer-within-seconds", "20"]
    out = tmp_path / "p.csv"
    assert cli.main(["staff", _two_queue_forecast(tmp_path), "--queue", "sales", *arguments,
                     "--out", str(out)]) == 0  # fmt: skip
    plan = pd.read_csv(out)
    assert plan["queue"].unique().tolist() == ["Sales"]
    # 10 calls of 300 s in 30 minutes are 1.67 Erlangs; Erlang C gives 72.6% answered in 20 s
    # with 3 agents and 91.2% with 4.
    assert plan["agents"].tolist() == [4, 4, 4, 4]
    assert capsys.readouterr().out.startswith("wrote 4 intervals to ")
    bad = _two_queue_forecast(tmp_path, bad_row=7)  # Sales's second row
    assert cli.main(["staff", bad, "--queue", "Sales", *arguments, "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"error: {bad}: row 7 (interval_start 2024-04-08 09:30:00): 'volume' is 'abc'; give a number of "
        "contacts, 0 or more\n"
    )


# 6. `shifts --queue sales --queue billing` kept the last --queue only: 40 shifts for billing
# alone, where forecast, plan and staff take --queue again for several queues.


def test_shifts_covers_every_queue_named_by_queue(tmp_path, capsys):
    starts = pd.date_range("2024-04-08 09:00", periods=8, freq="30min")
    rows = [(start, queue, people) for queue, people in [("sales", 2), ("billing", 1),
            ("email", 5)] for start in starts]  # fmt: skip
    plan = tmp_path / "plan.csv"
    pd.DataFrame(rows, columns=["interval_start", "queue", "rostered"]).to_csv(plan, index=False)
    out = tmp_path / "s.csv"
    arguments = ["--out", str(out), "--full-hours", "4", "--part-hours", "0"]
    assert (
        cli.main(["shifts", str(plan), "--queue", "sales", "--queue", "Billing", *arguments]) == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"wrote 3 shifts to {out} (3 Full time 4 h)"  # before: 1, billing's
    assert lines[3] == (
        "note: covered the 2 queues' rostered summed, for agents who work these queues (sales, "
        "billing); give --queue NAME to cover one"
    )


# 7. A word left over beside the options was refused as "unrecognized arguments: 20" alone:
# a second file to `staff`, a second --queue value, a value typed twice. A file named after
# the options of `inspect`, `forecast`, `backtest` or `plan` was refused too, though they read
# several.


def _one_error_line(capsys, *arguments: str) -> str:
    try:
        code = cli.main(list(arguments))
    except SystemExit as stopped:  # argparse's refusals exit
        code = stopped.code
    assert code == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_a_left_over_word_is_said_to_be_a_second_file_or_value(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "f.csv").write_text(_plan_text())
    targets = ["--service-level", "0.8", "--answer-within-seconds", "20", "--out", "p.csv"]
    lines = [
        _one_error_line(capsys, "staff", "f.csv", "f.csv", *targets),
        _one_error_line(capsys, "staff", "f.csv", "--service-level", "0.8", "20", *targets[2:]),
        _one_error_line(capsys, "shifts", "f.csv", "--queue", "sales", "billing", "--out", "s"),
        _one_error_line(capsys, "shifts", "f.csv", "9", "--out", "s.csv"),
    ]
    assert [line.split(" (", 1)[1] for line in lines] == [
        "staff reads one FORECAST.csv: run it once per file); see cli.py staff --help",
        "--service-level takes one value (0.8)); see cli.py staff --help",
        "--queue takes one value: give --queue billing for another); see cli.py shifts --help",
        "9 follows no option that takes a value); see cli.py shifts --help",
    ]


def test_a_file_after_the_options_is_read_too(tmp_path, capsys):
    starts = pd.date_range("2024-03-04 08:00", periods=10, freq="30min")
    for name, queue in (("a.csv", "sales"), ("b.csv", "billing")):
        table = pd.DataFrame({"interval_start": starts, "queue": queue, "calls": 3})
        table.to_csv(tmp_path / name, index=False)
    arguments = ["inspect", str(tmp_path / "a.csv"), "--kind", "intervals", str(tmp_path / "b.csv")]
    assert cli.main(arguments) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["rows"], summary["contacts"], summary["queues"]) == (
        20,
        60,
        ["billing", "sales"],
    )


# 8. Under a title, `staff` counted rows from the header (the file's line 5 was "row 3"),
# while `shifts` and the slash-date notes counted the file's lines.


def test_staff_names_the_files_row_under_a_title(tmp_path, capsys):
    forecast = tmp_path / "t.csv"
    forecast.write_text(
        "Forecast for week 11\n\ninterval_start,volume,aht_seconds\n"
        "2024-03-11 08:00,10,300\n2024-03-11 08:30,12,\n"
    )
    arguments = ["--service-level", "0.8", "--answer-within-seconds", "20"]
    assert cli.main(["staff", str(forecast), *arguments, "--out", str(tmp_path / "p.csv")]) == 2
    assert capsys.readouterr().err.startswith(
        f"error: {forecast}: row 5 (interval_start 2024-03-11 08:30) has 12 contacts but its "
        "'aht_seconds' is empty"
    )


# 9. `shifts --out - --cover-out -` was refused as "--cover-out - is the --out file: give each
# its own file name", as if "-" were a file.


def test_shifts_refuses_both_tables_to_standard_output_saying_so(tmp_path, capsys):
    plan = tmp_path / "plan.csv"
    plan.write_text(_plan_text())
    assert _one_error_line(capsys, "shifts", str(plan), "--out", "-", "--cover-out", "-") == (
        "error: --out - and --cover-out - would both go to standard output, one table after the "
        "other: write one of them to a file"
    )


# 10. `forecast` and `plan` write open intervals only and said nothing of the days left out:
# a Sunday the desk closes had no row and no word, unlike the app's "Day by day" download,
# which lists it as closed.


def test_forecast_and_plan_name_the_days_closed_all_day():
    starts = pd.date_range("2024-03-08 12:00", "2024-03-12 23:30", freq="30min")
    rows = [
        # Mon-Fri 08-18; b also closes on Monday.
        (start, queue, 8 <= start.hour < 18 and start.day_of_week < 5
         and not (queue == "b" and start.day_of_week == 0))
        for queue in ("a", "b") for start in starts
    ]  # fmt: skip
    forecast = pd.DataFrame(rows, columns=["interval_start", "queue", "is_open"])
    # Fri 8 Mar is not listed: the horizon starts at 12:00, so it is not known whole.
    assert closed_days_note(forecast, "f.csv") == (
        "closed all day, so no row in f.csv: Sat 9 Mar 2024, Sun 10 Mar 2024 (a); Sat 9 Mar 2024, "
        "Sun 10 Mar 2024, Mon 11 Mar 2024 (b)"
    )
    only_a = forecast[forecast["queue"] == "a"]
    assert closed_days_note(only_a, "f.csv") == (
        "closed all day, so no row in f.csv: Sat 9 Mar 2024, Sun 10 Mar 2024"
    )
    assert closed_days_note(only_a[only_a["interval_start"].dt.day_of_week < 5], "f.csv") is None


# 11. A missing or mistyped command got argparse's words: "the following arguments are
# required: command", "argument command: invalid choice: 'staf' (choose from 'inspect', ...)".


def test_a_missing_or_mistyped_command_lists_the_commands(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "h.csv").write_text("interval_start,calls\n")
    assert [_one_error_line(capsys, *words) for words in ([], ["staf", "f.csv"], ["h.csv"])] == [
        "error: cli.py: give a command: inspect, forecast, backtest, staff, plan or shifts "
        "(cli.py COMMAND --help for each)",
        "error: cli.py: 'staf' is not a command (perhaps staff; the commands are inspect, "
        "forecast, backtest, staff, plan and shifts)",
        "error: cli.py: h.csv is a file: give the command first, e.g. cli.py inspect h.csv",
    ]
