"""`cli.py forecast` and `cli.py backtest` as subprocesses on a small generated CSV."""

from __future__ import annotations

import re
import subprocess
import sys

import holidays
import pandas as pd
import pytest
from conftest import PROJECT_ROOT, run_cli, stderr_notes

from forecasting.synthetic import synthetic_intervals


@pytest.fixture(scope="module")
def desk_csv(tmp_path_factory):
    """Ten weeks of Mon-Fri 08:00-18:00 counts at 30 minutes, 2024-01-01 .. 2024-03-08."""
    frame = synthetic_intervals(7 * 10 - 2, seed=21, level=30)
    path = tmp_path_factory.mktemp("cli") / "desk.csv"
    frame.rename(columns={"volume": "calls"})[["interval_start", "calls"]].to_csv(path, index=False)
    return path


def test_forecast_writes_every_open_interval(desk_csv, tmp_path):
    out = tmp_path / "forecast.csv"
    done = run_cli(
        "forecast", desk_csv, "--horizon-days", 7, "--model", "weighted_profile", "--out", out
    )
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(out, parse_dates=["interval_start"])
    assert list(table.columns) == [
        "interval_start",
        "queue",
        "forecast",
        "p10",
        "p50",
        "p80",
        "p90",
    ]
    assert len(table) == 5 * 20  # Mon 11 - Fri 15 March, 20 open slots a day
    assert table["interval_start"].min() == pd.Timestamp("2024-03-11 08:00")
    assert table["interval_start"].max() == pd.Timestamp("2024-03-15 17:30")
    assert (table["queue"] == "desk").all()
    assert ((table["p10"] <= table["p50"]) & (table["p50"] <= table["p80"])).all()
    assert (table["p80"] <= table["p90"]).all()
    assert 20 < table["forecast"].mean() < 40
    assert "weighted_profile" in done.stdout


def test_forecast_names_the_special_days_of_the_horizon(desk_csv, tmp_path):
    out = tmp_path / "forecast.csv"
    done = run_cli(
        "forecast", desk_csv, "--horizon-days", 28, "--model", "weighted_profile", "--out", out
    )
    assert done.returncode == 0, done.stderr
    # Easter Monday 2024 is 1 April (default calendar: Italy); 1 January is the one holiday of
    # the history, at ordinary volume in this data.
    assert re.search(
        r"special day: desk Mon 1 Apr 2024 Easter Monday, volume x(0\.9|1\.0)", done.stdout
    )
    assert "(learned from 1 past day: all past holidays)" in done.stdout
    assert "special day: desk Tue 2 Apr 2024 Day after Easter Monday" in done.stdout


def test_origin_truncates_the_history(desk_csv, tmp_path):
    out = tmp_path / "forecast.csv"
    done = run_cli(
        "forecast",
        desk_csv,
        "--horizon-days",
        2,
        "--model",
        "historical_average_4w",
        "--origin",
        "2024-02-05",
        "--country",
        "none",
        "--out",
        out,
    )
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(out, parse_dates=["interval_start"])
    assert table["interval_start"].dt.normalize().unique().tolist() == [
        pd.Timestamp("2024-02-05"),
        pd.Timestamp("2024-02-06"),
    ]


def test_unknown_model_exits_2_with_one_line(desk_csv, tmp_path):
    done = run_cli(
        "forecast", desk_csv, "--horizon-days", 7, "--model", "prophet", "--out", tmp_path / "x.csv"
    )
    assert done.returncode == 2
    assert "prophet" in done.stderr and "Traceback" not in done.stderr


def test_backtest_writes_metrics_per_model(desk_csv, tmp_path):
    out = tmp_path / "metrics.csv"
    done = run_cli(
        "backtest",
        desk_csv,
        "--origins",
        2,
        "--horizon-days",
        7,
        "--model",
        "relevelled_profile",
        "--out",
        out,
    )
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(out)
    assert set(table["model"]) == {
        "seasonal_naive",
        "historical_average_4w",
        "relevelled_profile",
        "auto",
    }
    assert (table["n_origins"] == 2).all()
    assert table["wape_interval"].between(0.05, 0.6).all()
    assert table["coverage_80"].notna().all()


def test_forecast_hints_at_the_calendar_the_history_matches(tmp_path):
    # A weekday desk closed on French public holidays through 2024.
    frame = synthetic_intervals(7 * 52, seed=8, level=20)
    french = pd.DatetimeIndex(list(holidays.country_holidays("FR", years=[2024])))
    frame.loc[frame["interval_start"].dt.normalize().isin(french), "volume"] = 0
    path = tmp_path / "bureau.csv"
    frame.rename(columns={"volume": "calls"})[["interval_start", "calls"]].to_csv(path, index=False)
    model = ("--model", "weighted_profile", "--horizon-days", 7)
    done = run_cli("forecast", path, *model, "--out", tmp_path / "it.csv")
    assert done.returncode == 0, done.stderr
    assert re.search(
        r"hint: .* match the public holidays of France \(FR\): \d+ of \d+ .*--country FR",
        done.stdout,
    )
    done = run_cli("forecast", path, *model, "--country", "FR", "--out", tmp_path / "fr.csv")
    assert done.returncode == 0, done.stderr
    assert "hint:" not in done.stdout


@pytest.mark.parametrize("command", ["inspect", "forecast", "backtest", "staff", "plan"])
def test_every_subcommand_prints_its_help(command):
    # argparse formats help text with %, so a stray "%" in a help string breaks --help alone.
    done = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "cli.py"), command, "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert f"usage: cli.py {command}" in done.stdout
    if command in ("forecast", "backtest", "plan"):
        from forecasting.select import SWITCH_MARGIN

        assert f"by more than {SWITCH_MARGIN:.0%} overall" in " ".join(done.stdout.split())


def test_an_origin_after_the_end_of_the_data_is_refused_naming_the_last_interval(
    desk_csv, tmp_path
):
    # The history ends Friday 2024-03-08 at 17:30: an origin eight weeks on would forecast from
    # weeks without data as if the desk had gone quiet.
    out = tmp_path / "late.csv"
    done = run_cli("forecast", desk_csv, "--horizon-days", 7, "--origin", "2024-05-06",
                   "--out", out)  # fmt: skip
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: --origin 2024-05-06 is after the end of the data")
    assert "Fri 8 Mar 2024 17:30" in lines[0]
    assert "up to Mon 11 Mar 2024 08:00" in lines[0]  # the weekend in between is closed anyway
    assert not out.exists()
    done = run_cli("forecast", desk_csv, "--horizon-days", 7, "--origin", "next week",
                   "--out", out)  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "--origin: 'next week' is not a date/time on the center's clock" in done.stderr


def test_a_horizon_of_closed_days_says_so_and_how_far_to_look(desk_csv, tmp_path):
    # The history ends on a Friday: the one day after it is a Saturday, when the desk is closed.
    out = tmp_path / "saturday.csv"
    done = run_cli("forecast", desk_csv, "--horizon-days", 1, "--model", "weighted_profile",
                   "--country", "none", "--out", out)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"wrote 0 open intervals to {out}" in done.stdout
    assert (
        "note: the horizon holds no open interval (desk is closed on Sat 9 Mar 2024): give "
        "--horizon-days 3 or more to reach the next open day, Mon 11 Mar 2024 from 08:00."
    ) in done.stdout


def test_forecast_prints_the_import_notes_on_stderr(tmp_path):
    # An export that lists one half hour twice: the import sums the two rows and says so.
    frame = synthetic_intervals(7 * 6, seed=3, level=20)
    frame = pd.concat([frame, frame.iloc[[40]]]).sort_values("interval_start")
    path = tmp_path / "twice.csv"
    frame.rename(columns={"volume": "calls"})[["interval_start", "calls"]].to_csv(path, index=False)
    done = run_cli("forecast", path, "--horizon-days", 7, "--model", "weighted_profile",
                   "--out", tmp_path / "f.csv")  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = stderr_notes(done.stderr)
    assert lines[0].startswith("import: twice.csv: 601 rows read as interval volumes")
    assert any(line.startswith("import: 1 row(s) repeat a timestamp") for line in lines)
    assert all(line.startswith("import: ") for line in lines)
    assert "wrote 100 open intervals" in done.stdout


def test_country_codes_read_in_any_case_and_a_region_needs_a_country(desk_csv, tmp_path):
    out = tmp_path / "x.csv"
    lower = run_cli("forecast", desk_csv, "--horizon-days", 7, "--country", "it", "--out", out)
    assert lower.returncode == 0, lower.stderr
    alone = run_cli(
        "forecast", desk_csv, "--horizon-days", 7, "--country", "none", "--subdivision", "BZ",
        "--out", out,
    )  # fmt: skip
    assert alone.returncode == 2
    assert "--subdivision BZ needs a holiday calendar" in alone.stderr


def test_backtest_refuses_fewer_than_one_origin(desk_csv, tmp_path):
    done = run_cli("backtest", desk_csv, "--origins", 0, "--out", tmp_path / "m.csv")
    assert done.returncode == 2
    assert "--origins must be 1 or more (got 0)" in done.stderr
