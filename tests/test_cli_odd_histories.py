"""`cli.py forecast` on histories and options a manager might give it: a single day, a history
ending mid-day, a queue without contacts, fractional horizons, origins before the data and a
region for a country without regions."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import run_cli

from forecasting.synthetic import synthetic_intervals

QUICK = ("--model", "historical_average_4w")


def _write(frame: pd.DataFrame, path, queue: bool = False) -> None:
    columns = ["interval_start", *(["queue"] if queue else []), "volume"]
    frame[columns].rename(columns={"volume": "calls"}).to_csv(path, index=False)


@pytest.fixture(scope="module")
def weeks_csv(tmp_path_factory):
    """Four weeks of Mon-Fri 08:00-18:00 at 30 minutes from Mon 2024-03-04."""
    path = tmp_path_factory.mktemp("odd") / "weeks.csv"
    _write(synthetic_intervals(26, seed=5, level=30, start="2024-03-04"), path)
    return path


def _one_line_error(done) -> str:
    assert done.returncode == 2, done.stdout
    lines = done.stderr.strip().splitlines()
    assert "Traceback" not in done.stderr
    assert lines[-1].startswith("error: "), done.stderr
    return lines[-1]


@pytest.mark.parametrize(
    ("days", "advice"),
    [("1.5", "give 1 or 2, from 1 to 92"), ("7.0", "give 7, from 1 to 92"),
     ("week", "give a whole number of days, from 1 to 92")],
)  # fmt: skip
def test_a_fractional_horizon_is_refused_naming_whole_days(weeks_csv, tmp_path, days, advice):
    out = tmp_path / "f.csv"
    done = run_cli("forecast", weeks_csv, "--horizon-days", days, "--out", out)
    line = _one_line_error(done)
    assert f"--horizon-days: invalid int value: '{days}'" in line
    assert line.endswith(advice)
    assert not out.exists()


def test_an_origin_before_or_on_the_first_day_of_the_data_names_where_it_starts(
    weeks_csv, tmp_path
):
    out = tmp_path / "f.csv"
    line = _one_line_error(
        run_cli(
            "forecast", weeks_csv, "--horizon-days", 7, "--origin", "2023-06-01", "--out", out
        )  # fmt: skip
    )
    assert line.startswith(
        "error: --origin 2023-06-01 is before the data (the first interval with data starts "
        "Mon 4 Mar 2024 08:00): not one whole day of history to forecast from."
    )
    line = _one_line_error(
        run_cli(
            "forecast", weeks_csv, "--horizon-days", 7, "--origin", "2024-03-04 10:00", "--out", out
        )  # fmt: skip
    )
    assert "is on the first day of the data" in line
    assert not out.exists()


def test_a_region_for_a_country_without_regions_says_to_leave_it_out(weeks_csv, tmp_path):
    done = run_cli("forecast", weeks_csv, "--horizon-days", 7, *QUICK, "--country", "IS",
                   "--subdivision", "01", "--out", tmp_path / "f.csv")  # fmt: skip
    assert _one_line_error(done) == (
        "error: Holiday calendar IS has no regions, so region '01' does not exist: give no "
        "region, for the whole country."
    )


def test_one_day_of_history_forecasts_that_weekday_and_says_how_little_it_learnt(tmp_path):
    path = tmp_path / "tuesday.csv"
    _write(synthetic_intervals(1, seed=1, level=30, start="2024-03-05"), path)
    out = tmp_path / "f.csv"
    done = run_cli("forecast", path, "--horizon-days", 7, "--out", out)
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(out, parse_dates=["interval_start"])
    assert len(table) == 20
    assert table["interval_start"].min() == pd.Timestamp("2024-03-12 08:00")
    assert ((table["p10"] <= table["p50"]) & (table["p50"] <= table["p90"])).all()
    assert (table[["forecast", "p10", "p50", "p90"]] >= 0).all().all()
    assert "it has 1 day, with data." in done.stdout
    assert "the history covers only 1 day, so Monday, Wednesday," in done.stdout


def test_a_history_ending_mid_day_is_continued_from_the_next_interval(tmp_path):
    frame = synthetic_intervals(30, seed=10, level=30)
    path = tmp_path / "midday.csv"
    _write(frame[frame["interval_start"] < "2024-01-30 12:00"], path)
    out = tmp_path / "f.csv"
    done = run_cli("forecast", path, "--horizon-days", 7, *QUICK, "--out", out)
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(out, parse_dates=["interval_start"])
    assert table["interval_start"].min() == pd.Timestamp("2024-01-30 12:00")
    assert table["interval_start"].max() == pd.Timestamp("2024-02-06 11:30")
    assert (
        "note: the history ends part-way through Tue 30 Jan 2024: the forecast starts at 12:00, "
        "right after the last interval with data"
    ) in done.stdout


def test_a_queue_without_contacts_is_named_as_absent_from_the_output(weeks_csv, tmp_path):
    sales = synthetic_intervals(26, seed=11, level=30, queue="sales", start="2024-03-04")
    dead = sales.assign(queue="dead", volume=0.0)
    path = tmp_path / "two.csv"
    _write(pd.concat([sales, dead]).sort_values("interval_start"), path, queue=True)
    out = tmp_path / "f.csv"
    done = run_cli("forecast", path, "--horizon-days", 7, *QUICK, "--out", out)
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(out)
    assert set(table["queue"]) == {"sales"}
    assert f"note: dead has no open interval in the horizon, so no row in {out}" in done.stdout
    assert "Its forecast is zero: no contact ever arrived." in done.stdout


def test_backtest_of_a_queue_without_contacts_in_its_scored_weeks_says_so_not_nan(
    shared_data, tmp_path
):
    # AXA's "Crises" line took 141 calls in three years, none in the weeks a backtest scores:
    # WAPE divides by the contacts that came, so it is undefined there, not a fault to print.
    out = tmp_path / "metrics.csv"
    done = run_cli(
        "backtest", shared_data / "axa" / "series" / "Crises.csv", "--horizon-days", 14,
        "--out", out,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (line,) = [text for text in done.stdout.splitlines() if text.startswith("Crises:")]
    assert line.startswith(
        "Crises: no contacts arrived in its 8 scored 14-day backtests, so WAPE is undefined; MASE "
    )
    assert "nan" not in done.stdout
    auto = pd.read_csv(out).set_index("model").loc["auto"]
    assert auto["n_origins"] == 8 and pd.isna(auto["wape_interval"])


def test_a_queue_typed_in_another_case_or_spacing_is_the_datas_queue(tmp_path):
    # Names are typed from memory: "tech  desk" is the data's "Tech Desk", not a refusal.
    path = tmp_path / "two.csv"
    frames = [
        synthetic_intervals(28, seed=1, level=20, start="2024-03-04", queue="Tech Desk"),
        synthetic_intervals(28, seed=2, level=5, start="2024-03-04", queue="Billing"),
    ]
    _write(pd.concat(frames), path, queue=True)
    out = tmp_path / "f.csv"
    done = run_cli(
        "forecast", path, "--horizon-days", 7, "--queue", "tech  desk", *QUICK, "--out", out
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert set(pd.read_csv(out)["queue"]) == {"Tech Desk"}
    line = _one_line_error(
        run_cli("forecast", path, "--horizon-days", 7, "--queue", "tech", "--out", out)
    )
    assert (
        line == "error: --queue tech: no such queue in the data; the queues are Billing, Tech Desk."
    )


def test_a_folder_given_for_a_file_names_the_files_to_give(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    line = _one_line_error(run_cli("inspect", folder))
    assert line == (
        "error: exports: is a folder, not a file: give the export files inside it "
        "(e.g. exports/*.csv)."
    )
