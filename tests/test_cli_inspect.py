"""`python cli.py inspect`: one JSON object on stdout, or exit 2 with one line on stderr.

Two tests run the real command in a subprocess; the rest call `cli.main` in-process because
starting the CLI loads every subcommand and costs seconds."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

from cli_process import run_python_script

import cli

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def inspect_here(capsys, *arguments: str | Path) -> tuple[int, str, str]:
    code = cli.main(["inspect", *map(str, arguments)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def inspect(*arguments: str | Path) -> subprocess.CompletedProcess:
    return run_python_script("cli.py", ["inspect", *map(str, arguments)], PROJECT_ROOT, timeout=120)


def test_inspect_call_log(shared_data):
    path = shared_data / "anonymous_bank" / "february_1999.txt"
    with open(path, newline="") as handle:
        calls = list(csv.DictReader(handle, delimiter="\t"))
    talk = [int(row["ser_time"]) for row in calls if row["outcome"] == "AGENT"]
    done = inspect(path)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["kind"] == "records"
    assert summary["rows"] == summary["contacts"] == len(calls)
    assert summary["answered"] == sum(row["outcome"] == "AGENT" for row in calls)
    assert summary["abandoned"] == sum(row["outcome"] == "HANG" for row in calls)
    assert summary["mean_handle_seconds"] == round(sum(talk) / len(talk), 3)
    assert summary["mean_satisfaction"] is None  # the log has no score column
    waited = sum(int(row["q_time"]) for row in calls if row["outcome"] in ("AGENT", "HANG"))
    assert summary["patience_seconds"] == {
        "all": round(waited / summary["abandoned"], 1)  # 231.6 s
    }
    assert summary["start"] == "1999-02-01T00:00:00"
    assert summary["end"] == "1999-02-28T23:30:00"  # the interval of the last call
    assert summary["interval_minutes"] == 15
    assert summary["queues"] == ["all"]  # "february_1999" names a period, not a queue


def test_inspect_several_interval_files_with_options(shared_data, capsys):
    folder = shared_data / "axa" / "series"
    files = [folder / "Tech. Axa.csv", folder / "Téléphonie.csv"]
    totals = []
    for path in files:
        with open(path, newline="", encoding="utf-8") as handle:
            totals.append(
                sum(
                    int(row["CSPL_RECEIVED_CALLS"]) for row in csv.DictReader(handle, delimiter=";")
                )
            )
    code, out, err = inspect_here(capsys, *files, "--interval-minutes", "60", "--time-column",
                                  "DATE", "--volume-column", "CSPL_RECEIVED_CALLS")  # fmt: skip
    assert code == 0, err
    summary = json.loads(out)
    assert summary["kind"] == "intervals"
    assert summary["contacts"] == sum(totals)
    assert summary["interval_minutes"] == 60
    assert summary["queues"] == ["Tech. Axa", "Téléphonie"]
    assert summary["start"] == "2011-01-01T00:00:00"
    assert summary["end"] == "2013-12-31T23:00:00"
    assert summary["answered"] is None and summary["abandoned"] is None  # counts only
    assert summary["patience_seconds"] == {}


def test_inspect_queue_column(tmp_path, capsys):
    path = tmp_path / "export.csv"
    path.write_text("when;team;n\n2024-03-04 08:00;a;2\n2024-03-04 08:15;b;3\n")
    code, out, _ = inspect_here(capsys, path, "--queue-column", "team")
    summary = json.loads(out)
    assert summary["queues"] == ["a", "b"] and summary["contacts"] == 5


def test_inspect_bad_file_exits_2_with_one_line(tmp_path):
    path = tmp_path / "report.csv"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    done = inspect(path)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "report.csv" in lines[0] and "Excel" in lines[0]


def test_inspect_unknown_column_exits_2(shared_data, capsys):
    path = shared_data / "axa" / "series" / "CMS.csv"
    code, out, err = inspect_here(capsys, path, "--volume-column", "calls")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "CMS.csv: there is no column named 'calls'" in err


def test_interval_minutes_refusal_lists_every_length_accepted(tmp_path, capsys):
    path = tmp_path / "export.csv"
    path.write_text("when,n\n2024-03-04 08:00,2\n2024-03-04 08:15,3\n2024-03-04 08:30,4\n")
    for bad in ("0", "7", "-15", "2880", "quarter"):
        try:
            code = cli.main(["inspect", str(path), "--interval-minutes", bad])
        except SystemExit as exit_:
            code = exit_.code
        err = capsys.readouterr().err
        assert code == 2 and err.count("\n") == 1, err
        assert (
            f"--interval-minutes: '{bad}' is not a whole number of minutes that divides the " in err
        )
        # What the import truly takes: every divisor of the day, 45 and daily totals included.
        assert "use 1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 18, 20, 24, 30, 32, 36, 40, 45, " in err
        assert "720 or 1440 (daily totals)" in err
    for good, contacts in (("45", 9), ("1440", 9)):
        code, out, err = inspect_here(capsys, path, "--interval-minutes", good)
        assert code == 0, err
        summary = json.loads(out)
        assert summary["interval_minutes"] == int(good) and summary["contacts"] == contacts
