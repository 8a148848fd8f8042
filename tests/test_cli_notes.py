"""What `forecast` and `plan` say besides their table: import notes, empty horizons, refusals."""

from __future__ import annotations

import subprocess

import numpy as np
import pandas as pd
import pytest
from conftest import run_cli

from cli_commands.notes import empty_horizon_note, import_note_lines
from data.schema import INTERVAL_START, IS_OPEN, MINUTE_OF_DAY, QUEUE, WEEKDAY


def run_plan(*arguments: object) -> subprocess.CompletedProcess:
    return run_cli("plan", *arguments)


@pytest.fixture(scope="module")
def office_csv(tmp_path_factory):
    """Four weeks of 30-minute counts, open Monday-Friday 08:00-18:00, ending Friday
    2026-01-30 17:30, with one total row the import leaves out."""
    starts = pd.date_range("2026-01-05", "2026-02-01 23:30", freq="30min")
    hours = starts.hour + starts.minute / 60
    is_open = (starts.day_of_week < 5) & (hours >= 8) & (hours < 18)
    calls = np.random.default_rng(4).poisson(20, len(starts))
    frame = pd.DataFrame({"timestamp": starts.strftime("%Y-%m-%d %H:%M"), "calls": calls})
    frame = frame[is_open]
    total = pd.DataFrame({"timestamp": ["Total"], "calls": [int(frame["calls"].sum())]})
    path = tmp_path_factory.mktemp("cli-notes") / "office.csv"
    pd.concat([frame, total]).to_csv(path, index=False)
    return path


def test_plan_prints_the_import_notes_and_says_when_the_horizon_is_closed(office_csv, tmp_path):
    out = tmp_path / "plan.csv"
    done = run_plan(office_csv, "--horizon-days", 2, "--aht-seconds", 240,
                    "--model", "historical_average_4w", "--country", "none", "--out", out)  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[0].startswith("import: office.csv: 401 rows read as interval volumes")
    assert "import: office.csv: 1 total/subtotal row(s) were skipped (line 402: 'Total')." in lines
    assert all(line.startswith("import: ") for line in lines)
    # Saturday and Sunday: nothing to staff, so no peak, cost or service level either.
    assert done.stdout.splitlines() == [
        f"wrote 0 open intervals to {out} (models office: historical_average_4w)",
        "note: the horizon holds no open interval (office is closed on Sat 31 Jan 2026 and Sun "
        "1 Feb 2026): give --horizon-days 3 or more to reach the next open day, Mon 2 Feb 2026 "
        "from 08:00.",
    ]
    assert pd.read_csv(out).empty


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["--interval-minutes", "120"],
            "argument --interval-minutes: '120' is not a whole number of minutes that divides "
            "the day evenly, at most 60 (staffing needs intervals of an hour or less): use 1, 2, "
            "3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 18, 20, 24, 30, 32, 36, 40, 45, 48 or 60",
        ),
        (
            ["--origin", "2026-03-02"],
            "error: --origin 2026-03-02 is after the end of the data (the last interval with data "
            "starts Fri 30 Jan 2026 17:30): the history would end in 4 weeks of open intervals "
            "without data. Give an origin up to Mon 2 Feb 2026 08:00 "
            "(--origin '2026-02-02 08:00'), or leave --origin out",
        ),
    ],
)
def test_plan_refuses_in_one_line(office_csv, tmp_path, arguments, message):
    out = tmp_path / "never.csv"
    done = run_plan(office_csv, "--horizon-days", 7, "--aht-seconds", 240, *arguments,
                    "--out", out)  # fmt: skip
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert message in done.stderr
    assert not out.exists()


def test_notes_of_many_files_and_queues_are_counted_in_a_line_each():
    notes = [f"q{n}.csv: 1,000 rows read as interval volumes (comma-separated)." for n in range(5)]
    notes += [f"Open hours of 'q{n}': 40 of 336 weekly 30-minute slots are open." for n in range(4)]
    notes[-1] = notes[-1][:-1] + "; 3 contact(s) arrived in closed slots (kept)."
    notes.append("12 open interval(s) have no data in the export: kept as missing (empty).")
    assert import_note_lines(notes) == [
        "import: 5 files read (cli.py inspect lists them with their columns).",
        "import: Open hours learned for 4 queues, 1 of them with contacts in closed slots (kept) "
        "(cli.py inspect lists them).",
        "import: 12 open interval(s) have no data in the export: kept as missing (empty).",
    ]
    # A few files or queues: each note as it is.
    few = [notes[0], notes[5], "Files have different intervals; all were summed to 30 minutes."]
    assert import_note_lines(few) == [f"import: {note}" for note in few]


def _open_hours(queues: list[str], weekdays: range) -> pd.DataFrame:
    rows = [
        {QUEUE: q, WEEKDAY: d, MINUTE_OF_DAY: m, IS_OPEN: d in weekdays and 540 <= m < 1020}
        for q in queues
        for d in range(7)
        for m in range(0, 1440, 60)
    ]
    return pd.DataFrame(rows)


def test_empty_horizon_names_the_closed_days_and_the_next_open_one():
    # A desk open Tuesday to Saturday, 09:00-17:00; the horizon is Sunday and Monday.
    times = pd.date_range("2025-06-01", periods=48, freq="60min")  # Sun 1 and Mon 2 June
    forecast = pd.DataFrame({INTERVAL_START: times, QUEUE: "desk", IS_OPEN: False})
    note = empty_horizon_note(forecast, _open_hours(["desk"], range(1, 6)))
    assert note == (
        "the horizon holds no open interval (desk is closed on Sun 1 Jun 2025 and Mon "
        "2 Jun 2025): give --horizon-days 3 or more to reach the next open day, Tue 3 Jun 2025 "
        "from 09:00."
    )
    # Several queues that never had an open slot (no contact ever): nothing to wait for.
    times = pd.date_range("2025-06-01", periods=24 * 5, freq="60min")
    both = pd.concat(
        [pd.DataFrame({INTERVAL_START: times, QUEUE: q, IS_OPEN: False}) for q in ("a", "b")]
    )
    assert empty_horizon_note(both, _open_hours(["a", "b"], range(0))) == (
        "the horizon holds no open interval: no queue has any open slot in its history (no "
        "contact ever arrived), so there is nothing to forecast."
    )
    # Open only on Saturdays, horizon Sunday to Thursday: the next open day is named.
    assert "give --horizon-days 7 or more" in empty_horizon_note(
        both, _open_hours(["a", "b"], range(5, 6))
    )
    forecast.loc[5, IS_OPEN] = True
    assert empty_horizon_note(forecast, _open_hours(["desk"], range(1, 6))) is None
