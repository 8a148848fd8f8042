"""CLI probe, round thirty-two: `staff` reads `cli.py forecast`'s own output without warning
about its format, and the plan and staff summaries say their figures in words."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import cli

# ---------------------------- staff: forecast's own output, its left-out intervals closed


@pytest.fixture(scope="module")
def night_forecast(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Path:
    """`cli.py forecast` of AXA's Nuit (a night desk), 7 days from Wed 1 Jan 2014."""
    out = tmp_path_factory.mktemp("nuit") / "forecast.csv"
    argv = ["forecast", str(shared_data / "axa" / "series" / "Nuit.csv")]
    assert cli.main([*argv, "--horizon-days", "7", "--out", str(out)]) == 0
    return out


def _staff_notes(capsys: pytest.CaptureFixture[str], forecast: Path, *options: str) -> list[str]:
    capsys.readouterr()
    out = forecast.with_name("plan.csv")
    argv = ["staff", str(forecast), "--aht-seconds", "300", "--out", str(out), *options]
    assert cli.main(argv) == 0
    return [line for line in capsys.readouterr().out.splitlines() if line.startswith("note: ")]


def test_staff_on_forecasts_own_output_reads_its_left_out_intervals_closed(
    night_forecast: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: 'note: forecast.csv has no is_open column, so every interval it lists is read
    # open: queue 'Nuit' has 59 intervals without a contact ... add an is_open column ... as
    # `cli.py forecast` leaves closed intervals out' and 'note: forecast.csv: 2 intervals
    # missing between Sun 5 Jan 2014 08:00 and 08:30 (queue 'Nuit') ... put them back with
    # their forecast', both about the file forecast itself wrote.
    notes = _staff_notes(capsys, night_forecast)
    assert not [note for note in notes if "is_open" in note or "missing" in note], notes
    # The intervals left out, counted from the file: its 30-minute grid from the first to the
    # last start, less the rows it lists.
    starts = pd.to_datetime(pd.read_csv(night_forecast)["interval_start"])
    grid = pd.date_range(starts.min(), starts.max(), freq="30min")
    left_out = len(grid) - starts.nunique()
    assert left_out > 100  # a night desk: its days are closed
    said = [note for note in notes if "laid out as `cli.py forecast` writes it" in note]
    assert said == [
        f"note: {night_forecast} is laid out as `cli.py forecast` writes it, with only the open "
        f"intervals: the {left_out} intervals it leaves out between its first and last are "
        "closed, staffed with nobody"
    ]


def test_a_hand_made_file_without_is_open_still_gets_the_warnings(
    night_forecast: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The same rows under a `volume` column are not forecast's output: its long runs without a
    # contact may be closed nights written as 0, so the warning stays.
    table = pd.read_csv(night_forecast)[["interval_start", "queue", "forecast"]]
    hand_made = tmp_path / "hand_made.csv"
    table.rename(columns={"forecast": "volume"}).to_csv(hand_made, index=False)
    notes = _staff_notes(capsys, hand_made)
    assert any("has no is_open column" in note for note in notes), notes
    assert not any("laid out as `cli.py forecast`" in note for note in notes)
