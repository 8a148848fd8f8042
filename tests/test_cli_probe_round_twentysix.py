"""CLI probe, round twenty-six: a busy day split into several peaks by single slots just under
the bars; a peak over a ceiling at -3% against a usual day that still counted "≈ 8 extra
contacts"; one rank over every queue where a manager filters the peaks by queue; the backtest
summary in other units than its METRICS.csv; counts without thousands separators."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import cli
from data.importer import import_files
from forecasting import ForecastSettings, forecast_dataset
from forecasting.peaks import describe_peak, find_peaks

ROOT = Path(__file__).resolve().parent.parent
TECH_AXA = ROOT.parent / "shared/data/axa/series/Tech. Axa.csv"


def _monday(forecast: list[float], usual: list[float], queue: str = "phone") -> pd.DataFrame:
    """Half hours of Monday 3 March 2025 from 09:00, with their forecast and usual."""
    return pd.DataFrame(
        {
            "interval_start": pd.date_range(
                "2025-03-03 09:00", periods=len(forecast), freq="30min"
            ),
            "queue": queue,
            "forecast": np.asarray(forecast, dtype=float),
            "usual": np.asarray(usual, dtype=float),
        }
    )


# 1. A bridge day at +23% read as five peaks, split by single slots just under +20%.


def test_a_dip_above_the_usual_does_not_split_a_days_peak():
    # 09:00-10:00 and 10:30-11:30 at +40% of a usual 100, 10:00 at +10%: still above the
    # usual, under the 20% bar. Before: two peaks of 80 extra contacts each.
    peaks = find_peaks(_monday([100, 140, 140, 110, 140, 140, 100], [100] * 7), 30)
    assert len(peaks) == 1
    peak = peaks.iloc[0]
    assert (peak["start"], peak["end"]) == (
        pd.Timestamp("2025-03-03 09:30"),
        pd.Timestamp("2025-03-03 12:00"),
    )
    assert peak["extra_contacts"] == pytest.approx(170)  # 40 + 40 + 10 + 40 + 40
    assert peak["pct_above_usual"] == pytest.approx(34)  # 670 / 500
    assert describe_peak(peak) == (
        "Mon 3 Mar 09:30–12:00: +34% over a usual Monday, ≈ 170 extra contacts "
        "(above the usual pattern)"
    )


def test_a_dip_to_the_usual_or_longer_than_the_peaks_still_splits():
    # 10:30 at its usual: two peaks, as the day runs usual between them.
    at_usual = find_peaks(_monday([100, 140, 140, 100, 140, 140, 100], [100] * 7), 30)
    assert at_usual["start"].dt.strftime("%H:%M").tolist() == ["09:30", "11:00"]
    # Three slots at +10% between them: an hour and a half, longer than the hour of either
    # peak, is a lull of its own.
    long_lull = find_peaks(_monday([100, 140, 140, 110, 110, 110, 140, 140, 100], [100] * 9), 30)
    assert len(long_lull) == 2
    # Two short peaks of +25% whose dip would take them to +13% together (452 on 400) stay
    # apart: one peak under the 20% bar would read as no peak at all.
    diluted = find_peaks(_monday([100, 125, 101, 101, 125, 100], [100] * 6), 30)
    assert diluted["start"].dt.strftime("%H:%M").tolist() == ["09:30", "11:00"]


def test_tech_axas_bridge_day_before_victory_day_is_one_peak(shared_data):
    # Forecast from Mon 7 May 2012: that Monday read five peaks, 11:00-11:30, 12:30-14:00,
    # 14:30-15:30, 16:00-17:30 and 18:00-21:00, each split from the next by one or two slots
    # still above the usual. 11:00-21:00: 2,583.0 forecast on a usual 2,095.5, 487 extra (485
    # before each weekday's forecast was its mean day, not its median: 2,581.0).
    axa = import_files([TECH_AXA])
    result = forecast_dataset(axa, 14, ForecastSettings(country="FR", origin="2012-05-07"))
    monday = result.peaks[result.peaks["start"].dt.normalize() == pd.Timestamp("2012-05-07")]
    assert len(monday) == 1
    assert describe_peak(monday.iloc[0]) == (
        "Mon 7 May 11:00–21:00: +23% over a usual Monday, ≈ 487 extra contacts "
        "(bridge day before Victory Day)"
    )


# 2. A period over the manager's ceiling, below its usual as a whole, counted its intervals
#    above the usual alone as extra: "-3% against a usual Monday, ≈ 8 extra contacts".


def test_a_ceiling_peak_below_its_usual_has_no_extra_contacts():
    # 95, 103 and 96 where 100 is usual: -2% as a whole, 3 above it at 09:30 alone.
    peak = find_peaks(_monday([95, 103, 96], [100] * 3), 30, volume_threshold=90).iloc[0]
    assert peak["extra_contacts"] == 0
    assert peak["over_ceiling_contacts"] == pytest.approx(24)  # 5 + 13 + 6
    assert describe_peak(peak) == (
        "Mon 3 Mar 09:00–10:30: -2% against a usual Monday; up to 103 per interval, ≈ 24 "
        "over your ceiling (above 90 per interval)"
    )


# 3. The peaks table ranked every queue together: a manager filtering one queue found its
#    peaks ranked 2, 5, 6.


def test_each_queue_has_its_own_ranks_beside_the_overall_one():
    frame = pd.concat(
        [
            _monday([100, 200, 100, 160, 100, 130, 100], [100] * 7, "sales"),
            _monday([100, 180, 100, 150, 100, 100, 100], [100] * 7, "billing"),
        ],
        ignore_index=True,
    )
    peaks = find_peaks(frame, 30)
    assert peaks[["rank", "queue", "rank_in_queue", "extra_contacts"]].values.tolist() == [
        [1, "sales", 1, 100.0],
        [2, "billing", 1, 80.0],
        [3, "sales", 2, 60.0],
        [4, "billing", 2, 50.0],
        [5, "sales", 3, 30.0],
    ]


# 4. `backtest` printed coverage as a percent ('80% coverage 81.7%') beside WAPE as a fraction,
#    while METRICS.csv writes both as fractions (coverage_80 0.817): a planner comparing the
#    two read 81.7 against 0.817.


def test_the_backtest_summary_writes_the_figures_as_metrics_csv_does(capsys, tmp_path):
    # Seven weeks of 40 calls a half hour, 08:00-18:00: the one origin scored is Mon 18 Mar.
    starts = pd.date_range("2024-02-05", periods=49 * 48, freq="30min")
    starts = starts[(starts.hour >= 8) & (starts.hour < 18)]
    history = tmp_path / "desk.csv"
    pd.DataFrame({"interval_start": starts, "volume": 40}).to_csv(history, index=False)
    metrics = tmp_path / "m.csv"
    argv = ["backtest", str(history), "--origins", "1", "--horizon-days", "7", "--country",
            "none", "--out", str(metrics)]  # fmt: skip
    assert cli.main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    auto = pd.read_csv(metrics).set_index("model").loc["auto"]
    assert auto["coverage_80"] == 1.0  # every week the same 40: inside the band
    # Poisson chance alone on 40 a slot: mean absolute deviation about sqrt(2 x 40 / pi) = 5.05
    # (normal approximation), 0.126 of the 40.
    assert auto["noise_floor"] == pytest.approx(np.sqrt(2 * 40 / np.pi) / 40, abs=0.002)
    assert lines[0] == (
        "desk: auto interval WAPE 0.000 (noise floor 0.126), daily 0.000, P10–P90 coverage "
        f"1.000 ({auto['chosen']}); origin Mon 18 Mar 2024"
    )
    assert lines[-1] == (
        f"wrote 13 rows to {metrics} (WAPE, bias and coverage as fractions: 0.817 = 81.7%)"
    )


def test_origins_apart_over_a_year_end_name_both_years_and_their_weeks():
    from cli_commands.backtest import _scored_text as scored_text

    # AXA's Crises, 8 origins scored from Fri 25 Nov 2011 to Fri 23 Aug 2013 (weeks without
    # data between): '8 weekly origins, Fri 25 Nov – Fri 23 Aug 2013', as if Nov came after Aug.
    origins = pd.to_datetime(
        [
            "2011-11-25",
            "2011-12-02",
            "2012-01-27",
            "2012-02-03",
            "2012-02-10",
            "2012-03-02",
            "2013-08-16",
            "2013-08-23",
        ]  # fmt: skip
    )
    assert scored_text(list(origins)) == (
        "8 origins over 92 weeks, Fri 25 Nov 2011 – Fri 23 Aug 2013"
    )
    weekly = list(pd.date_range("2012-12-21", periods=3, freq="7D"))
    assert scored_text(weekly) == "3 weekly origins, Fri 21 Dec 2012 – Fri 4 Jan 2013"


# 5. Counts without thousands separators: '--origin 2104-01-01' (for 2014) read "the history
#    would end in 4696 weeks of open intervals without data".


def test_an_origin_far_after_the_data_counts_its_weeks_with_separators(
    capsys, shared_data, tmp_path
):
    argv = ["forecast", str(TECH_AXA), "--horizon-days", "7", "--origin", "2104-01-01",
            "--out", str(tmp_path / "unused.csv")]  # fmt: skip
    assert cli.main(argv) == 2
    # 31 Dec 2013 23:30 + 30 min to 1 Jan 2104: 32,872 days, 4,696 weeks.
    assert "the history would end in 4,696 weeks of open intervals without data" in (
        capsys.readouterr().err
    )


def test_a_thousand_files_and_queues_are_counted_with_separators():
    from cli_commands.notes import import_note_lines

    read = [f"q{n}.csv: 10 rows read as interval volumes (comma-separated)." for n in range(1200)]
    hours = [
        f"Open hours of 'q{n}': 5 of 168 weekly 60-minute slots are open." for n in range(1200)
    ]
    assert import_note_lines(read + hours) == [
        "import: 1,200 files read (cli.py inspect lists them with their columns).",
        "import: Open hours learned for 1,200 queues (cli.py inspect lists them).",
    ]


# 6. A special day no past day taught read 'learned from 0 past days: none seen: an ordinary
#    day' (AXA's Evenements, Sat 4 Jan 2014), a figure learned from nothing.


def test_a_special_day_never_seen_says_what_stood_in_for_it():
    from cli_commands.notes import special_day_lines

    days = pd.DataFrame(
        {
            "queue": ["Evenements", "Tech. Axa"],
            "date": pd.to_datetime(["2014-01-04", "2014-01-02"]),
            "special_day": ["Day after New Year's Day", "Day after New Year's Day"],
            "effect": [1.0, 1.46],
            "learned_from_days": [0, 19],
            "learned_from": ["none seen: an ordinary day", "all past days straight after holidays"],
        }
    )
    assert special_day_lines(days) == [
        "special day: Evenements Sat 4 Jan 2014 Day after New Year's Day, volume x1.00 of a usual "
        "day (none seen: an ordinary day)",
        "special day: Tech. Axa Thu 2 Jan 2014 Day after New Year's Day, volume x1.46 of a usual "
        "day (learned from 19 past days: all past days straight after holidays)",
    ]


# 7. Daily totals: 'forecast' said '43 intervals of sales's history are far from their usual
#    level (1 on Mon 2 Jan 2023, the most of any day)', a busiest day of one day.


def test_unusual_days_of_daily_totals_are_days_without_a_busiest_one():
    from cli_commands.notes import unusual_intervals_note

    days = pd.DataFrame(
        {"queue": "sales", "interval_start": pd.to_datetime(["2023-01-02", "2023-02-01"])}
    )
    assert unusual_intervals_note(days, kept=False, interval_minutes=1440) == (
        "2 days of sales's history are far from their usual level: left out of training "
        "(--keep-outliers keeps them)."
    )
    # Half hours, one a day: no day stands out either.
    slots = days.assign(interval_start=days["interval_start"] + pd.Timedelta(hours=9))
    assert unusual_intervals_note(slots.iloc[:1], kept=True, interval_minutes=30) == (
        "1 interval of sales's history is far from its usual level (none of them on the same "
        "day): kept in training (--keep-outliers)."
    )


def test_a_daily_history_forecast_names_its_unusual_days(capsys, tmp_path):
    # 15 months of daily totals, 1,000 a weekday and 300 a weekend day, one Wednesday at 3,000.
    dates = pd.date_range("2023-01-02", "2024-03-31", freq="D")
    calls = np.where(dates.day_of_week < 5, 1000, 300)
    calls[dates == pd.Timestamp("2023-06-14")] = 3000
    history = tmp_path / "daily.csv"
    pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "calls": calls}).to_csv(history, index=False)
    argv = ["forecast", str(history), "--horizon-days", "7", "--country", "none",
            "--out", str(tmp_path / "f.csv")]  # fmt: skip
    assert cli.main(argv) == 0
    notes = [line for line in capsys.readouterr().out.splitlines() if "usual level" in line]
    assert notes == [
        "note: 1 day of daily's history is far from its usual level: left out of training "
        "(--keep-outliers keeps them)."
    ]


def test_a_peak_of_a_whole_day_reads_all_day():
    # Daily totals: Tue 2 Apr 2024 at 1,500 where a usual Tuesday brings 1,000 read
    # 'Tue 2 Apr 00:00–24:00: +50% over a usual Tuesday', a clock range daily data do not have.
    day = pd.DataFrame(
        {
            "interval_start": [pd.Timestamp("2024-04-02")],
            "queue": "sales",
            "forecast": [1500.0],
            "usual": [1000.0],
        }
    )
    assert describe_peak(find_peaks(day, 1440).iloc[0]) == (
        "Tue 2 Apr, all day: +50% over a usual Tuesday, ≈ 500 extra contacts "
        "(above the usual pattern)"
    )
    # Half hours from 07:00 to 24:00 keep their clock.
    evening = _monday([150] * 34, [100] * 34)
    evening["interval_start"] += pd.Timedelta(hours=-2)
    assert describe_peak(find_peaks(evening, 30).iloc[0]).startswith("Mon 3 Mar 07:00–24:00: +50%")


def test_origins_asked_for_by_the_thousand_read_with_separators(capsys, tmp_path):
    # Seven weeks of 40 calls a half hour score two origins of the 1,500 asked for ('1500').
    starts = pd.date_range("2024-02-05", periods=49 * 48, freq="30min")
    starts = starts[(starts.hour >= 8) & (starts.hour < 18)]
    history = tmp_path / "desk.csv"
    pd.DataFrame({"interval_start": starts, "volume": 40}).to_csv(history, index=False)
    argv = ["backtest", str(history), "--origins", "1500", "--horizon-days", "7", "--country",
            "none", "--out", str(tmp_path / "m.csv")]  # fmt: skip
    assert cli.main(argv) == 0
    assert "note: desk: 2 of the 1,500 origins asked for were scored: its 49 days of history" in (
        capsys.readouterr().out
    )


# 8. `forecast` printed the five largest peaks and 'peaks: 2 more after these 5, smaller', with
#    no way to see the others but the app's Forecast page.

TELEPHONIE = TECH_AXA.with_name("Téléphonie.csv")


def test_peaks_out_writes_every_peak_ranked_overall_and_within_its_queue(
    capsys, shared_data, tmp_path
):
    peaks_csv = tmp_path / "peaks.csv"
    argv = ["forecast", str(TECH_AXA), str(TELEPHONIE), "--horizon-days", "28", "--country",
            "FR", "--origin", "2012-04-30", "--out", str(tmp_path / "f.csv"),
            "--peaks-out", str(peaks_csv)]  # fmt: skip
    assert cli.main(argv) == 0
    out = capsys.readouterr().out.splitlines()
    peaks = pd.read_csv(peaks_csv)
    assert list(peaks.columns) == [
        "rank", "queue", "rank_in_queue", "start", "end", "extra_contacts", "pct_above_usual",
        "forecast", "usual", "busiest_interval", "reason",
    ]  # fmt: skip
    assert peaks[["rank", "queue", "rank_in_queue", "start"]].values.tolist() == [
        [1, "Tech. Axa", 1, "2012-05-18 07:00:00"],
        [2, "Tech. Axa", 2, "2012-05-09 07:00:00"],
        [3, "Tech. Axa", 3, "2012-05-02 07:00:00"],
        [4, "Téléphonie", 1, "2012-05-02 09:00:00"],
        [5, "Téléphonie", 2, "2012-05-09 09:00:00"],
        [6, "Téléphonie", 3, "2012-05-02 14:30:00"],
        [7, "Téléphonie", 4, "2012-05-09 14:30:00"],
        [8, "Tech. Axa", 4, "2012-05-24 16:30:00"],
        # Thu 10 May 16:30 reads 129.01 on a usual 101.0, 28.01 extra: over 2 x sqrt(101) = 20.1
        # and, since each weekday's day total is forecast at its mean rather than its median,
        # just over 1% of its day's 2,799.0 too (27.99); 12 peaks without it.
        [9, "Tech. Axa", 5, "2012-05-10 16:30:00"],
        # Saturday noon, split by the shape of 12 weeks: 108.2 forecast on a usual 82.5 on
        # Sat 26 May, +31%, 25.7 extra, over 2 x sqrt(82.5) = 18.2 and 1% of the day (108.0
        # and 25.5 with the median day).
        [10, "Tech. Axa", 6, "2012-05-26 12:00:00"],
        [11, "Tech. Axa", 7, "2012-05-19 12:00:00"],
        [12, "Tech. Axa", 8, "2012-05-12 12:00:00"],
        [13, "Tech. Axa", 9, "2012-05-05 12:00:00"],
    ]
    # The file's figures are those printed: peak 4 '≈ 163 extra contacts' (903.2 on a usual
    # 740.5; 161 with the median day), +22%.
    assert "peak 4: Téléphonie Wed 2 May 09:00–12:30: +22% over a usual Wednesday, ≈ 163 " in (
        "\n".join(out)
    )
    assert round(peaks.loc[3, "extra_contacts"]) == 163
    assert round(peaks.loc[3, "pct_above_usual"]) == 22
    assert peaks.loc[3, "forecast"] - peaks.loc[3, "usual"] == pytest.approx(
        peaks.loc[3, "extra_contacts"], abs=1e-3
    )
    assert "peaks: 8 more after these 5, smaller" in out
    assert out[out.index("peaks: 8 more after these 5, smaller") + 1] == (
        f"wrote 13 peaks to {peaks_csv}"
    )


@pytest.mark.parametrize(
    ("out", "peaks_out", "refusal"),
    [
        ("-", "-", "error: --out - and --peaks-out - would both go to standard output"),
        ("f.csv", "f.csv", "error: --peaks-out f.csv is the --out file: give each its own"),
        ("f.csv", "peaks.xlsx", "error: --peaks-out peaks.xlsx: the table is written as CSV"),
    ],
)
def test_peaks_out_is_refused_where_it_cannot_be_its_own_table(
    capsys, tmp_path, monkeypatch, out, peaks_out, refusal
):
    from cli_support import write_two_day_forecast

    monkeypatch.chdir(tmp_path)
    history = write_two_day_forecast(tmp_path)
    argv = ["forecast", str(history), "--horizon-days", "1", "--out", out,
            "--peaks-out", peaks_out]  # fmt: skip
    assert cli.main(argv) == 2
    assert capsys.readouterr().err.startswith(refusal)


# 9. A queue whose first contacts came late: backtest said 'no contact before Mon 4 Sep 2023
#    ...: its history starts there' and then 'its 328 days of history hold 7 weekly 14-day
#    backtests', counting the zeros it had just set aside.


def test_fewer_origins_count_the_days_from_the_queues_first_contacts(capsys, tmp_path):
    starts = pd.date_range("2023-01-02", "2023-11-26 23:00", freq="60min")
    open_hour = (starts.hour >= 8) & (starts.hour < 18)
    calls = np.where(open_hour & (starts >= pd.Timestamp("2023-09-04")), 20, 0)
    history = tmp_path / "late.csv"
    pd.DataFrame({"time": starts, "calls": calls}).to_csv(history, index=False)
    argv = ["backtest", str(history), "--country", "none", "--out", str(tmp_path / "m.csv")]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert "late: no contact before Mon 4 Sep 2023" in out
    # 4 Sep - 26 Nov 2023: 84 days.
    assert (
        "note: late: 5 of the 8 origins asked for were scored: its 84 days of history hold 7 "
        "weekly 14-day backtests"
    ) in out


# 10. --campaign's days were named as typed: a peak's cause read '(campaign 2014-01-06 to
#     2014-01-07)', a note 'The campaign 'campaign 2014-02-03 to 2014-02-04' (+50%) runs Mon 3
#     Feb – Tue 4 Feb 2014', and a refusal "Event 'campaign 2026-11-23 to 2026-11-24': ...".


def test_a_campaign_is_named_by_its_days_as_the_summary_writes_dates(capsys, shared_data, tmp_path):
    argv = ["forecast", str(TECH_AXA), "--horizon-days", "14", "--country", "FR",
            "--campaign", "2014-01-06", "2014-01-07", "50",
            "--campaign", "2014-02-03", "2014-02-04", "+20%",
            "--out", str(tmp_path / "f.csv")]  # fmt: skip
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    # The campaign's two days, open across the midnight between them, are one peak.
    assert "peak 1: Tech. Axa Mon 6 Jan – Tue 7 Jan, all day: +48% over a usual Monday" in out
    assert "(campaign Mon 6 Jan – Tue 7 Jan 2014)\n" in out
    assert (
        "note: The --campaign (+20%) runs Mon 3 Feb – Tue 4 Feb 2014, after the forecast's days "
        "(Wed 1 Jan – Tue 14 Jan 2014), so it changes no forecast. Forecast 35 days to include it."
    ) in out


def test_event_names_give_their_days_and_times():
    from cli_commands.options import _event_days

    day = pd.Timestamp("2026-12-31")
    assert _event_days(day, day + pd.Timedelta(days=1)) == "Thu 31 Dec 2026"
    assert _event_days(day, day + pd.Timedelta(days=3)) == "Thu 31 Dec 2026 – Sat 2 Jan 2027"
    assert _event_days(day + pd.Timedelta(hours=9), day + pd.Timedelta(hours=12)) == (
        "Thu 31 Dec 2026 09:00 – Thu 31 Dec 2026 12:00"
    )


# 11. AXA's Japon read 'auto interval WAPE 1.908, daily 0.749', a forecast seemingly gone
#     wrong, where METRICS.csv's noise_floor shows a forecast of the true mean would still
#     score 1.826 on its few calls a slot.


def test_the_backtest_line_sets_the_noise_floor_beside_the_wape():
    from cli_commands.backtest import _auto_line as auto_line

    japon = pd.Series(
        {
            "queue": "Japon",
            "wape_interval": 1.9081,
            "noise_floor": 1.8264,
            "wape_daily": 0.7488,
            "coverage_80": 0.9796,
            "mase": 0.1498,
            "n_origins": 8,
            "chosen": "combination_glm x5, combination x3",
        }  # fmt: skip
    )
    assert auto_line(japon, 14) == (
        "Japon: auto interval WAPE 1.908 (noise floor 1.826), daily 0.749, P10–P90 coverage "
        "0.980 (combination_glm x5, combination x3)"
    )
    # Without contacts there is no floor to give.
    assert "noise floor" not in auto_line(japon.copy().replace({1.8264: np.nan}), 14)
