"""CLI probe, round twenty-five: a forecast without the hour a clock skips going forward (which
`cli.py forecast` leaves out) made `staff` and `shifts` call it rows missing, telling the manager
to put back an hour that never happens; and `shifts` read the bank's Saturday night pause, left
out of a plan made from its forecast, as rows missing, where `staff` already knows it for that
day's closing; and the forecast's notes advised excluding a past period or adding a campaign
"on the Forecast page", which the CLI could not do: `--exclude` and `--campaign` now set them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import cli
from forecasting.clock_change import could_be_skipped_hour

ROOT = Path(__file__).resolve().parent.parent
BANK_COUNTS = ROOT.parent / "shared/data/anonymous_bank/anonymous_bank_1999_6min_counts.csv"
TARGETS = ["--service-level", "0.8", "--answer-within-seconds", "20"]


def _round_the_clock(tmp_path: Path, first: str, last: str, without: tuple[str, str]) -> Path:
    """A 24/7 forecast of 12 calls of 240 s a half hour, `first` to `last` day, without the
    half hours `without` (first, last start)."""
    starts = pd.date_range(first, f"{last} 23:30", freq="30min")
    starts = starts[(starts < without[0]) | (starts > without[1])]
    path = tmp_path / "forecast.csv"
    frame = pd.DataFrame({"interval_start": starts, "volume": 12.0, "aht_seconds": 240})
    frame.to_csv(path, index=False)
    return path


def _staff_notes(capsys, forecast: Path, tmp_path: Path) -> list[str]:
    argv = ["staff", str(forecast), "--out", str(tmp_path / "plan.csv"), *TARGETS]
    assert cli.main(argv) == 0
    # the notes on the file's rows (not the one-day plan's FTE note)
    return [line for line in capsys.readouterr().out.splitlines() if f"note: {forecast}" in line]


# Sun 29 Mar 2026 is the last Sunday of March, when clocks in the EU go forward at 02:00 (EU
# Directive 2000/84/EC, art. 2): 02:00-03:00 does not exist on a Rome or Paris wall clock.
SPRING_HOUR = ("2026-03-29 02:00", "2026-03-29 02:30")


@pytest.mark.parametrize("days", [("2026-03-16", "2026-04-05"), ("2026-03-29", "2026-03-29")])
def test_the_hour_a_clock_skips_is_not_called_missing(capsys, tmp_path, days):
    # three weeks (Sundays to compare with) and the switch day alone (judged by its own hours)
    forecast = _round_the_clock(tmp_path, *days, SPRING_HOUR)
    assert _staff_notes(capsys, forecast, tmp_path) == [
        f"note: {forecast}: no row between Sun 29 Mar 2026 02:00 and 02:30, the hour clocks "
        "skip when daylight-saving time starts: it does not happen that night and is staffed "
        "as nobody"
    ]
    plan = pd.read_csv(tmp_path / "plan.csv")
    assert len(plan) == 48 * (1 + (pd.Timestamp(days[1]) - pd.Timestamp(days[0])).days) - 2


def test_other_hours_without_rows_are_still_missing(capsys, tmp_path):
    # the same hour a Sunday earlier (the third of March: no clock rule names it), and noon of
    # the switch day, are rows deleted
    for gap, said in [
        (("2026-03-15 02:00", "2026-03-15 02:30"), "Sun 15 Mar 2026 02:00 and 02:30"),
        (("2026-03-29 12:00", "2026-03-29 12:30"), "Sun 29 Mar 2026 12:00 and 12:30"),
    ]:
        forecast = _round_the_clock(tmp_path, "2026-03-09", "2026-04-05", gap)
        assert _staff_notes(capsys, forecast, tmp_path) == [
            f"note: {forecast}: 2 intervals missing between {said} are staffed as nobody, "
            "though the same weekday's other days in the file list them; put them back with "
            "their forecast if they are open"
        ]


def test_could_be_skipped_hour_reads_the_clock_rules():
    sunday = pd.Timestamp
    # first/second/last Sunday of March, September or October, a whole hour from 00:00-03:00
    assert could_be_skipped_hour(sunday("2026-03-29 02:00"), sunday("2026-03-29 02:30"), 30)
    assert could_be_skipped_hour(sunday("2026-03-08 02:00"), sunday("2026-03-08 02:45"), 15)
    assert could_be_skipped_hour(sunday("2026-09-27 02:00"), sunday("2026-09-27 02:00"), 60)
    assert could_be_skipped_hour(sunday("2026-03-29 03:00"), sunday("2026-03-29 03:30"), 30)
    # half an hour, a later hour, a Saturday, the third Sunday, a summer month
    assert not could_be_skipped_hour(sunday("2026-03-29 02:00"), sunday("2026-03-29 02:00"), 30)
    assert not could_be_skipped_hour(sunday("2026-03-29 04:00"), sunday("2026-03-29 04:30"), 30)
    assert not could_be_skipped_hour(sunday("2026-03-28 02:00"), sunday("2026-03-28 02:30"), 30)
    assert not could_be_skipped_hour(sunday("2026-03-15 02:00"), sunday("2026-03-15 02:30"), 30)
    assert not could_be_skipped_hour(sunday("2026-06-28 02:00"), sunday("2026-06-28 02:30"), 30)


def test_shifts_reads_the_bank_saturday_pause_as_its_closing(capsys, tmp_path):
    # Sat 25 and Sun 26 Dec 1999 of the bank's 6-minute counts as a forecast, Saturday without
    # its night pause 02:42-07:12 (no call then; Sunday took 15 there, 4% of its mean slot):
    # `staff` reads the pause as the day's closing, and `shifts` on its plan did not.
    counts = pd.read_csv(BANK_COUNTS, parse_dates=["interval_start"])
    kept = counts[counts["interval_start"].between("1999-12-25", "1999-12-26 23:54")]
    kept = kept[~kept["interval_start"].between("1999-12-25 02:42", "1999-12-25 07:12")]
    forecast = tmp_path / "forecast.csv"
    kept.rename(columns={"calls": "volume"}).assign(aht_seconds=176).to_csv(forecast, index=False)
    assert not [note for note in _staff_notes(capsys, forecast, tmp_path) if "missing" in note]
    argv = ["shifts", str(tmp_path / "plan.csv"), "--out", str(tmp_path / "shifts.csv")]
    assert cli.main(argv) == 0
    printed = capsys.readouterr().out
    assert "paid hours" in printed and "missing" not in printed


# The forecast's notes told a CLI user to "exclude them as an unusual past period on the
# Forecast page" (a one-off run at the history's end, a level change) or to add "a planned
# campaign of -100% on those days (Forecast page, Events)": the CLI had no way to flag either.
# `forecast`, `backtest` and `plan` take --exclude FROM TO and --campaign FROM TO PCT, the
# Forecast page's events, and their notes name them.


def _desk_with_a_busy_last_week(tmp_path: Path) -> Path:
    """Ten weeks of a Mon-Fri desk, 08:00-18:00, 20 calls an hour (Poisson, seeded), its last
    week (Mon 16 - Fri 20 Nov 2026) at 1.5 times that: 200 calls a day, then 300."""
    rng = np.random.default_rng(3)
    starts = pd.date_range("2026-09-07", "2026-11-20 17:00", freq="60min")
    starts = starts[(starts.hour >= 8) & (starts.hour < 18) & (starts.day_of_week < 5)]
    calls = rng.poisson(20, starts.size).astype(float)
    busy = starts >= "2026-11-16"
    calls[busy] = np.round(calls[busy] * 1.5)
    path = tmp_path / "desk.csv"
    pd.DataFrame({"interval_start": starts, "volume": calls}).to_csv(path, index=False)
    return path


def _daily_forecast(capsys, tmp_path: Path, *events: str) -> pd.Series:
    out = tmp_path / "forecast.csv"
    argv = ["forecast", str(_desk_with_a_busy_last_week(tmp_path)), "--horizon-days", "7",
            "--country", "none", "--out", str(out), *events]  # fmt: skip
    assert cli.main(argv) == 0
    capsys.readouterr()
    forecast = pd.read_csv(out, parse_dates=["interval_start"])
    return forecast.groupby(forecast["interval_start"].dt.normalize())["forecast"].sum()


def test_exclude_and_campaign_set_the_forecast_pages_events(capsys, tmp_path):
    plain = _daily_forecast(capsys, tmp_path)
    assert list(plain.index.day) == [23, 24, 25, 26, 27]  # Mon 23 - Fri 27 Nov 2026
    assert (plain > 260).all()  # the busy week followed
    # the busy week left out: the forecast keeps the 200 a day before it
    kept = _daily_forecast(capsys, tmp_path, "--exclude", "2026-11-16", "2026-11-20")
    assert ((kept > 190) & (kept < 230)).all()
    # +30% on Monday alone (TO a date: its whole day): Monday 1.3 times, the other days as before
    raised = _daily_forecast(capsys, tmp_path, "--campaign", "2026-11-23", "2026-11-23", "+30%")
    # (the file rounds each interval to 4 decimals)
    assert raised.iloc[0] == pytest.approx(1.3 * plain.iloc[0], abs=0.01)
    assert raised.iloc[1:].to_numpy() == pytest.approx(plain.iloc[1:].to_numpy(), abs=1e-9)


@pytest.mark.parametrize(
    ("events", "said"),
    [
        (["--campaign", "2026-11-23", "2026-11-24", "lots"],
         "--campaign 2026-11-23 2026-11-24 lots: 'lots' is not a number of percent; give the "
         "change the campaign brings, e.g. 30 for +30% or -100 for closed."),
        (["--exclude", "2026-11-20", "2026-11-16"],
         "--exclude 2026-11-20 2026-11-16: TO comes before FROM; give the first day, then the "
         "last."),
        (["--exclude", "02/11/2026", "2026-11-06"],
         "--exclude 02/11/2026 2026-11-06: '02/11/2026' could be day/month or month/day: write "
         "the date year first, 2026-11-02 (day 2, month 11) or 2026-02-11 (month 2, day 11)"),
        (["--campaign", "2026-11-23", "2026-11-24", "-150"],
         "--campaign 2026-11-23 2026-11-24 -150: an uplift of -150% would make contacts "
         "negative; use -100 (none at all) or more."),
    ],
)  # fmt: skip
def test_event_options_are_refused_in_one_line(capsys, tmp_path, events, said):
    argv = ["forecast", str(tmp_path / "none.csv"), "--horizon-days", "7",
            "--out", str(tmp_path / "f.csv"), *events]  # fmt: skip
    assert cli.main(argv) == 2
    assert capsys.readouterr().err.strip() == f"error: {said}"


def test_notes_name_the_options_that_set_the_events():
    from cli_commands.notes import forecast_note_lines

    notes = [
        "q: if they were a one-off (a campaign, an outage elsewhere, a broken export), exclude "
        "them as an unusual past period on the Forecast page.",
        "q: If the desk closes again, add a planned campaign of -100% on those days (Forecast "
        "page, Events), or set their contacts to 0 in the forecast file before staffing it.",
    ]
    assert forecast_note_lines(notes, None) == [
        "note: q: if they were a one-off (a campaign, an outage elsewhere, a broken export), "
        "exclude them with --exclude FROM TO.",
        "note: q: If the desk closes again, add a planned campaign of -100% on those days "
        "(--campaign FROM TO -100), or set their contacts to 0 in the forecast file before "
        "staffing it.",
    ]
