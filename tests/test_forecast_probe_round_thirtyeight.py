"""Forecast probes: the `forecast` command a plan with a volume change names for all its peaks
writes the peaks that plan lists; a history too thin to backtest is told what it lacks in days
with data, the unit that decides it; the night a clock goes back is forecast and staffed for
both hours lived; a quiet night is no clock going forward."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import cli
import cli_commands.forecast
from data.errors import InputError
from data.importer import import_files
from data.schema import INTERVAL_START, QUEUE, VOLUME
from forecasting import ForecastSettings, backtest_dataset, forecast_dataset
from forecasting.api import _histories
from forecasting.clock_change import LAST, skipped_hours
from forecasting.synthetic import synthetic_intervals

# 1. A plan's volume change and the forecast that lists all its peaks.


def _peak_figures(lines: list[str]) -> list[str]:
    """'Mon 6 Jan 12:30–Tue 7 Jan 24:00: +66% ... ≈ 3,599 extra contacts' of each peak line,
    its cause left out: plan names the change 'scenario +30% ...', forecast 'campaign ...'."""
    return [re.sub(r" \(.*\)$", "", line) for line in lines if line.startswith("peak ")]


def test_the_forecast_a_plan_names_for_its_peaks_writes_the_peaks_the_plan_lists(
    shared_data, tmp_path, capsys, monkeypatch
):
    # Tech. Axa from Wed 1 Jan 2014, +30% on Mon 6 - Sun 12 Jan: plan pointed at
    # 'cli.py forecast --peaks-out PEAKS.csv', whose peaks are those of the unchanged forecast
    # (2: 'Tue 7 Jan, all day: +47% ..., ≈ 1,554 extra contacts' and Thu 2 Jan), and forecast
    # refuses --volume-change-pct. Its --campaign over the same days changes the forecast by
    # the same factor: the same 7 peaks, to the contact.
    monkeypatch.setattr(cli_commands.forecast, "PEAKS_SHOWN", 20)  # every peak printed
    export = str(shared_data / "axa" / "series" / "Tech. Axa.csv")
    plan = ["plan", export, "--aht-seconds", "300", "--horizon-days", "14",
            "--volume-change-pct", "30", "--change-from", "2014-01-06", "--change-to", "2014-01-12",
            "--out", str(tmp_path / "plan.csv")]  # fmt: skip
    assert cli.main(plan) == 0
    planned = _peak_figures(capsys.readouterr().out.splitlines())
    monkeypatch.setattr(cli_commands.forecast, "PEAKS_SHOWN", 5)
    assert cli.main(plan) == 0
    named = [line for line in capsys.readouterr().out.splitlines() if "lists them all" in line]
    assert named == [
        f"peaks: 2 more after these 5, smaller; cli.py forecast '{export}' --horizon-days 14 "
        "--campaign 2014-01-06 2014-01-12 30 --out FORECAST.csv --peaks-out PEAKS.csv lists "
        "them all, the change as a campaign"
    ]
    peaks_out = tmp_path / "peaks.csv"
    forecast = ["forecast", export, "--horizon-days", "14", "--campaign", "2014-01-06",
                "2014-01-12", "30", "--peaks-out", str(peaks_out),
                "--out", str(tmp_path / "forecast.csv")]  # fmt: skip
    monkeypatch.setattr(cli_commands.forecast, "PEAKS_SHOWN", 20)
    assert cli.main(forecast) == 0
    assert _peak_figures(capsys.readouterr().out.splitlines()) == planned
    written = pd.read_csv(peaks_out)
    # Sunday 09:00-12:30 (76.5 extra) and 15:30-21:00 (160.5) are one peak across the 3 h
    # between, above the usual there (366.5 on 306, 60.5 more) and shorter than either: 297.4
    # (295.4 while each weekday's day total was forecast at its median rather than its mean).
    assert written["extra_contacts"].round().astype(int).tolist() == [
        3599, 1384, 892, 805, 710, 659, 297
    ]  # fmt: skip
    assert len(planned) == 7 and planned[0] == (
        "peak 1: Tech. Axa Mon 6 Jan 12:30–Tue 7 Jan 24:00: +66% over a usual Monday, ≈ 3,599 "
        "extra contacts"
    )


def test_a_plan_changing_every_day_names_the_campaign_over_its_horizon(
    shared_data, tmp_path, capsys
):
    # Without --change-from/--change-to the change covers the plan's 14 days, Wed 1 - Tue 14 Jan.
    # 14 peaks: Sat 11 Jan 07:30-10:00 (+25%, 345.3 on a usual 276.0) and 16:30-17:30 (+26%,
    # 212.0 on 168.0) joined the 12 once each weekday's day total was forecast at its mean, not
    # its median: Saturdays scatter more in logs, so theirs rose most.
    export = str(shared_data / "axa" / "series" / "Tech. Axa.csv")
    plan = ["plan", export, "--aht-seconds", "300", "--horizon-days", "14",
            "--volume-change-pct", "20", "--out", str(tmp_path / "plan.csv")]  # fmt: skip
    assert cli.main(plan) == 0
    said = [line for line in capsys.readouterr().out.splitlines() if "lists them all" in line]
    assert said == [
        f"peaks: 9 more after these 5, smaller; cli.py forecast '{export}' --horizon-days 14 "
        "--campaign 2014-01-01 2014-01-14 20 --out FORECAST.csv --peaks-out PEAKS.csv lists "
        "them all, the change as a campaign"
    ]


def test_a_plan_with_its_own_campaign_names_it_in_the_forecast_for_its_peaks(
    shared_data, tmp_path, capsys, monkeypatch
):
    # Tech. Axa, +50% on Thu 2 - Fri 3 Jan as a campaign and +30% on Mon 6 - Sun 12 Jan: the
    # command named left the plan's own campaign out, and its peaks lost the 5,676 extra
    # contacts of 2-3 Jan.
    monkeypatch.setattr(cli_commands.forecast, "PEAKS_SHOWN", 20)
    export = str(shared_data / "axa" / "series" / "Tech. Axa.csv")
    plan = ["plan", export, "--aht-seconds", "300", "--horizon-days", "14",
            "--campaign", "2014-01-02", "2014-01-03", "50", "--volume-change-pct", "30",
            "--change-from", "2014-01-06", "--change-to", "2014-01-12",
            "--out", str(tmp_path / "plan.csv")]  # fmt: skip
    assert cli.main(plan) == 0
    planned = _peak_figures(capsys.readouterr().out.splitlines())
    monkeypatch.setattr(cli_commands.forecast, "PEAKS_SHOWN", 5)
    assert cli.main(plan) == 0
    said = [line for line in capsys.readouterr().out.splitlines() if "lists them all" in line]
    assert said == [
        f"peaks: 2 more after these 5, smaller; cli.py forecast '{export}' --horizon-days 14 "
        "--campaign 2014-01-02 2014-01-03 50 --campaign 2014-01-06 2014-01-12 30 --out "
        "FORECAST.csv --peaks-out PEAKS.csv lists them all, the change as a campaign"
    ]
    monkeypatch.setattr(cli_commands.forecast, "PEAKS_SHOWN", 20)
    forecast = ["forecast", export, "--horizon-days", "14", "--campaign", "2014-01-02",
                "2014-01-03", "50", "--campaign", "2014-01-06", "2014-01-12", "30",
                "--out", str(tmp_path / "forecast.csv")]  # fmt: skip
    assert cli.main(forecast) == 0
    assert _peak_figures(capsys.readouterr().out.splitlines()) == planned
    assert planned[0] == (
        "peak 1: Tech. Axa Thu 2 Jan – Fri 3 Jan, all day: +85% over a usual Thursday, ≈ 5,676 "
        "extra contacts"
    )


# 2. What a backtest needs, in days with data.


def _first_and_last_weeks(last_days: int) -> pd.DataFrame:
    """Weekdays 08:00-18:00: the week of Mon 3 Jan 2011, then `last_days` from Mon 20 Nov 2023."""
    first = synthetic_intervals(7, seed=1, start="2011-01-03")
    last = synthetic_intervals(last_days, seed=2, start="2023-11-20")
    return pd.concat([first, last], ignore_index=True)


THIN_DESK = (
    "Queue 'desk' was not backtested: it needs 20 days with data to train on (4 of each of its 5 "
    "open weekdays) and, after those, a 14-day stretch with at least 50% of its open intervals "
    "observed to score; it has 20 days with data over 4,723 calendar days (3 Jan 2011 – 8 Dec "
    "2023): none from Mon 10 Jan 2011 to Fri 17 Nov 2023 (671 weeks)."
)


def test_a_history_too_thin_to_backtest_is_told_its_need_in_days_with_data():
    # It read 'needs 42 days of history ...; it has 4,723 days (...), 20 of them with data': a
    # need of 42 days met a hundred times over, and refused. The 5 days of 2011 and 15 of 2023
    # are the 20 a weekday desk trains on; none are left after them to score.
    with pytest.raises(InputError) as refused:
        backtest_dataset(_first_and_last_weeks(21), ForecastSettings(horizon_days=14))
    assert str(refused.value) == THIN_DESK + " Import the missing weeks."
    result = forecast_dataset(_first_and_last_weeks(21), 14, ForecastSettings())
    assert [note for note in result.notes if "backtested" in note] == [
        THIN_DESK + " It is forecast with the model '4-week average' (--model "
        "historical_average_4w), and its P10–P90 band is sized on how its weeks differed from one "
        "another instead of being calibrated on backtests."
    ]


def test_a_queue_open_every_day_needs_28_days_with_data_to_train():
    # 3 weeks round the clock, every day with data: 21 of the 28 a backtest trains on.
    starts = pd.date_range("2024-04-01", periods=21 * 24, freq="h")
    calls = np.random.default_rng(3).poisson(10, len(starts)).astype(float)
    intervals = pd.DataFrame({INTERVAL_START: starts, QUEUE: "line", VOLUME: calls})
    with pytest.raises(InputError) as refused:
        backtest_dataset(intervals, ForecastSettings(horizon_days=7))
    assert str(refused.value).startswith(
        "Queue 'line' was not backtested: it needs 28 days with data to train on (4 of each "
        "weekday) and, after those, a 7-day stretch with at least 50% of its open intervals "
        "observed to score; it has 21 days, all with data (1 Apr – 21 Apr 2024)."
    )


# 3. The night a clock goes back: its repeated hour lived, forecast and staffed twice.

NUIT_NIGHT = (
    "Nuit: Sun 28 Oct 2012 02:00–03:00 is lived twice, the clock going back an hour, as the "
    "history shows it skipping 02:00–03:00 going forward on Sun 27 Mar 2011 and Sun 25 Mar 2012. "
    "Each hour lived is forecast ≈ 26 contacts: `cli.py forecast --out` lists the hour's "
    "intervals twice, in the order lived, and `staff` and `plan` staff both (the Forecast page's "
    "chart and table show the clock's hour once). In the history, Sun 30 Oct 2011 held 16 "
    "contacts there, the Sundays around 16 on average: one hour's."
)


def test_the_night_the_clocks_go_back_is_forecast_and_staffed_for_both_hours_lived(
    shared_data, tmp_path, capsys, monkeypatch
):
    # AXA's night desk (Paris time) from Fri 26 Oct 2012, 3 days: the forecast listed Sun 28
    # Oct 02:00 and 02:30 once, 59 open intervals, and `staff` and `plan` staffed 12.4 FTE,
    # € 4,691, one hour where the desk lives two. The history's spring nights lack 02:00-03:00
    # (EU rule, last Sunday of March), so the clock goes back on the last Sunday of October.
    export = str((shared_data / "axa" / "series" / "Nuit.csv").resolve())
    monkeypatch.chdir(tmp_path)  # the summaries name the files as given
    out = "nuit.csv"
    arguments = [export, "--origin", "2012-10-26", "--horizon-days", "3", "--out"]
    assert cli.main(["forecast", *arguments, out]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "wrote 61 open intervals to nuit.csv (models Nuit: combination_glm)"
    assert f"note: {NUIT_NIGHT}" in printed
    written = pd.read_csv(out)
    night = written[written["interval_start"].between("2012-10-28 01:30:00", "2012-10-28 03:00:00")]
    assert night["interval_start"].str[11:16].tolist() == [
        "01:30", "02:00", "02:30", "02:00", "02:30", "03:00"
    ]  # fmt: skip
    # 17.33, 13.69, 12.2, 13.69, 12.2, 11.21 while each weekday's day total was forecast at its
    # median, not its mean: the combination's Holt-Winters part lifts each by 0.3%, and the same
    # agents answer those few more contacts at 87.2% rather than 87.3% below.
    assert night["forecast"].round(2).tolist() == [17.38, 13.73, 12.24, 13.73, 12.24, 11.25]
    staff = ["staff", str(out), "--aht-seconds", "300", "--service-level", "0.8",
             "--answer-within-seconds", "20", "--out", "staffed.csv"]  # fmt: skip
    assert cli.main(staff) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "wrote 61 intervals to staffed.csv: peak 6 agents, 9 rostered, 1 supervisor (one per 12 rostered; band 1-2 at one per 15 to one per 8), "
        "12.8 FTE, 11.0 of them agents, cost € 4,897 over 3 days (73 hours, the clocks went back "
        "on Sun 28 Oct 2012; € 22/h agent, € 30/h supervisor), service level 87.2%"
    )
    plan = ["plan", *arguments, "plan.csv", "--aht-seconds", "300"]
    assert cli.main(plan) == 0
    assert capsys.readouterr().out.startswith(
        "wrote 61 open intervals to plan.csv (models Nuit: combination_glm; agents sized on the mean "
        "forecast): "
        "peak 6 agents, 9 rostered, 1 supervisor, 12.8 FTE, 11.0 of them agents, cost € 4,897 "
        "over 3 days (73 hours, the clocks went back on Sun 28 Oct 2012; € 22/h agent"
    )
    planned = pd.read_csv("plan.csv")
    assert (planned["interval_start"] == "2012-10-28 02:00:00").sum() == 2


def _us_desk_round_the_clock() -> pd.DataFrame:
    """30-minute counts from Mon 1 Jan 2024 to Wed 29 Oct 2025, 10 a slot, on a US local clock:
    no 02:00-03:00 on the second Sunday of March, both 01:00-02:00 hours summed into one on
    the first Sunday of November (Sun 3 Nov 2024: 20 a slot)."""
    starts = pd.date_range("2024-01-01", "2025-10-29 23:30", freq="30min")
    calls = np.full(len(starts), 10.0)
    calls[(starts >= "2024-11-03 01:00") & (starts < "2024-11-03 02:00")] = 20.0
    skipped = ((starts >= "2024-03-10 02:00") & (starts < "2024-03-10 03:00")) | (
        (starts >= "2025-03-09 02:00") & (starts < "2025-03-09 03:00")
    )
    return pd.DataFrame({INTERVAL_START: starts, QUEUE: "line", VOLUME: calls})[~skipped]


def test_a_us_clock_repeats_the_hour_before_the_one_it_skips_and_a_summed_past_night_is_named():
    # tzdata's US rule: forward 'Mar Sun>=8 2:00' skips 02:00-03:00, back 'Nov Sun>=1 2:00'
    # repeats 01:00-02:00. The history's Sun 3 Nov 2024 holds 40 in that hour, its Sundays
    # around 20: both lived hours in one slot.
    result = forecast_dataset(_us_desk_round_the_clock(), 7, ForecastSettings(country="none"))
    said = [note for note in result.notes if "lived twice" in note]
    assert said == [
        "line: Sun 2 Nov 2025 01:00–02:00 is lived twice, the clock going back an hour, as the "
        "history shows it skipping 02:00–03:00 going forward on Sun 10 Mar 2024 and Sun 9 Mar "
        "2025. Each hour lived is forecast ≈ 20 contacts: `cli.py forecast --out` lists the "
        "hour's intervals twice, in the order lived, and `staff` and `plan` staff both (the "
        "Forecast page's chart and table show the clock's hour once). In the history, Sun 3 Nov "
        "2024 held 40 contacts there, the Sundays around 20 on average: both lived hours summed "
        "into one slot."
    ]
    assert result.repeated_slots[INTERVAL_START].astype(str).tolist() == [
        "2025-11-02 01:00:00", "2025-11-02 01:30:00"
    ]  # fmt: skip


# 4. A quiet night is no clock going forward.


def test_a_night_without_contacts_around_the_hour_is_not_read_as_a_clock_going_forward(
    shared_data,
):
    # AXA's Médical had no contact from Sat 7 Sep 2013 23:00 to Sun 8 Sep 02:30 (two and three
    # a half-hour the Sundays around): it was read as a clock skipping 00:00-01:00 on every
    # second Sunday of September, as Chile's, beside the last Sunday of March its rows show.
    dataset = import_files([shared_data / "axa" / "series" / "Médical.csv"])
    (history,) = _histories(dataset, ForecastSettings())[0]
    rules = [(rule.month, rule.week, rule.hour) for rule in skipped_hours(history)]
    assert rules == [(3, LAST, 2)]
    assert [day.date().isoformat() for day in skipped_hours(history)[0].seen_on] == [
        "2011-03-27", "2012-03-25", "2013-03-31"
    ]  # fmt: skip


def test_a_forecast_starting_after_the_repeated_hour_says_nothing_of_it(
    shared_data, tmp_path, capsys
):
    # From Sun 28 Oct 2012 04:00 the night's repeated hour is past: it was still named as lived
    # twice, though the forecast holds no 02:00 that night.
    export = str(shared_data / "axa" / "series" / "Nuit.csv")
    out = tmp_path / "nuit.csv"
    arguments = ["forecast", export, "--origin", "2012-10-28 04:00", "--horizon-days", "2"]
    assert cli.main([*arguments, "--out", str(out)]) == 0
    assert "lived twice" not in capsys.readouterr().out
    assert pd.read_csv(out)["interval_start"].min() == "2012-10-28 04:00:00"
