"""Forecast probes: a history whose days with data are too few to backtest is forecast with
auto's default and says why, in the backtest's words; the note on AXA's Crises, whose export
ends with zeros in closed slots, names its last day; a plan with a volume change lists the peaks
of the volume it staffs; and a peak running past midnight is one."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cli
from data.errors import InputError
from data.importer import import_files
from data.schema import INTERVAL_START, QUEUE
from forecasting import ForecastSettings, backtest_dataset, forecast_dataset
from forecasting.backtest import choose_origins
from forecasting.history import QueueHistory
from forecasting.peaks import REASON, USUAL, describe_peak, find_peaks
from forecasting.pipeline import prepare_queue
from forecasting.synthetic import synthetic_intervals

# 1. Thirteen years, data only in the first week and the last three.


def _first_and_last_weeks(last_days: int) -> pd.DataFrame:
    """Weekdays 08:00-18:00: the week of Mon 3 Jan 2011, then `last_days` from Mon 20 Nov 2023."""
    first = synthetic_intervals(7, seed=1, start="2011-01-03")
    last = synthetic_intervals(last_days, seed=2, start="2023-11-20")
    return pd.concat([first, last], ignore_index=True)


NOT_BACKTESTED = (
    "Queue 'desk' was not backtested: it needs 20 days with data to train on (4 of each of its 5 "
    "open weekdays) and, after those, a 14-day stretch with at least 50% of its open intervals "
    "observed to score; it has 20 days with data over 4,723 calendar days (3 Jan 2011 – 8 Dec "
    "2023): none from Mon 10 Jan 2011 to Fri 17 Nov 2023 (671 weeks)."
)


def test_a_forecast_whose_history_cannot_be_backtested_says_so_and_takes_the_default():
    # It backtested two origins, one trained on the 2011 week alone, and picked "combination"
    # without a word, while the backtest refused the same history.
    result = forecast_dataset(_first_and_last_weeks(21), 14, ForecastSettings())
    assert result.chosen_models == {"desk": "historical_average_4w"}
    assert result.backtest.empty
    assert (
        NOT_BACKTESTED + " It is forecast with the model '4-week average' (--model "
        "historical_average_4w), and its P10–P90 band is sized on how its weeks differed from one "
        "another instead of being calibrated on backtests."
    ) in result.notes
    with pytest.raises(InputError) as refused:
        backtest_dataset(_first_and_last_weeks(21), ForecastSettings(horizon_days=14))
    assert str(refused.value) == NOT_BACKTESTED + " Import the missing weeks."


def _gap_desk(gap_weeks: int, last_weeks: int) -> QueueHistory:
    """Hourly weekdays 08:00-18:00 from Mon 3 Jan 2011: a week with data, `gap_weeks` without,
    then `last_weeks` with."""
    weeks = 1 + gap_weeks + last_weeks
    open_mask = np.zeros((7, 24), dtype=bool)
    open_mask[:5, 8:18] = True
    values = np.where(np.tile(open_mask, (weeks, 1)), 4.0, 0.0)
    values[7 : 7 * (1 + gap_weeks)] = np.nan
    return QueueHistory("desk", 60, pd.Timestamp("2011-01-03"), values, open_mask)


def test_an_origin_needs_four_weeks_of_days_with_data_before_it():
    # An origin needs 20 weekdays with data before it, as 28 days of this desk hold: the 2011
    # week and three of the last six. Before, every week of the last six whose 7 days were
    # observed was an origin, the first trained on the 2011 week alone.
    history = _gap_desk(gap_weeks=600, last_weeks=6)
    inputs = prepare_queue(history, 7, ForecastSettings())
    first_recent = 7 * 601
    assert choose_origins(inputs, 10, 7, 7) == [
        first_recent + 21,
        first_recent + 28,
        first_recent + 35,
    ]
    # Without the gap, the same six weeks and one before: every origin from day 28.
    whole = _gap_desk(gap_weeks=0, last_weeks=6)
    assert choose_origins(prepare_queue(whole, 7, ForecastSettings()), 10, 7, 7) == [28, 35, 42]


# 2. AXA's Crises: the export's last rows are zeros in closed slots, a day past the last empty
# open slot.


def test_crises_note_on_its_empty_tail_names_the_exports_last_day(shared_data):
    # The file's last rows are Thu 12 Dec 2013 10:30-14:30, all 0, in slots the import reads
    # closed; its last open slot without a count is Wed 11 Dec 10:00. It read "The data's rows
    # run to Wed 11 Dec 2013 ... the 79 days from Tue 24 Sep on have rows without counts".
    dataset = import_files([shared_data / "axa" / "series" / "Crises.csv"])
    notes = forecast_dataset(dataset, 14, ForecastSettings()).notes
    assert (
        "The data's rows run to Thu 12 Dec 2013, but the last count is at Tue 24 Sep 2013 10:30: "
        "the 80 days from Tue 24 Sep on have rows without counts, read as missing, to Wed 11 Dec, "
        "then only zeros in closed slots. The forecast starts at Tue 24 Sep 2013 11:00, right "
        "after the last count. If those days are past, import their counts."
    ) in notes


# 4. Peaks across midnight.


def _night_surge(reason_before: str = "", reason_after: str = "") -> pd.DataFrame:
    """Half hours of Mon 6 - Wed 8 Jan 2025 around the clock, 10 usual everywhere: 20 forecast
    from Mon 22:00 to Tue 02:00 (40 extra before midnight, 40 after), 40 on Wed 12:00-13:00
    (60 extra)."""
    times = pd.date_range("2025-01-06", periods=3 * 48, freq="30min")
    forecast = np.full(len(times), 10.0)
    surge = (times >= "2025-01-06 22:00") & (times < "2025-01-07 02:00")
    forecast[surge] = 20.0
    forecast[(times >= "2025-01-08 12:00") & (times < "2025-01-08 13:00")] = 40.0
    reason = np.where(surge & (times < "2025-01-07"), reason_before, "")
    reason = np.where(surge & (times >= "2025-01-07"), reason_after, reason)
    return pd.DataFrame(
        {INTERVAL_START: times, QUEUE: "night", "forecast": forecast, USUAL: 10.0, REASON: reason}
    )


def test_a_night_surge_across_midnight_is_one_peak_ranked_by_its_whole_extra():
    # It read as two peaks of 40 extra contacts, ranked 2 and 3 behind Wednesday's 60.
    peaks = find_peaks(_night_surge(), 30)
    assert peaks[["start", "end", "extra_contacts", "rank", "rank_in_queue"]].to_dict(
        "records"
    ) == [
        {
            "start": pd.Timestamp("2025-01-06 22:00"),
            "end": pd.Timestamp("2025-01-07 02:00"),
            "extra_contacts": 80.0,
            "rank": 1,
            "rank_in_queue": 1,
        },
        {
            "start": pd.Timestamp("2025-01-08 12:00"),
            "end": pd.Timestamp("2025-01-08 13:00"),
            "extra_contacts": 60.0,
            "rank": 2,
            "rank_in_queue": 2,
        },
    ]
    assert describe_peak(peaks.iloc[0]) == (
        "Mon 6 Jan 22:00–Tue 7 Jan 02:00: +100% over a usual Monday, ≈ 80 extra contacts "
        "(above the usual pattern)"
    )


def test_a_peak_across_midnight_names_each_days_cause():
    peaks = find_peaks(_night_surge("New Year sale", "sale reminder e-mail"), 30)
    assert peaks.loc[0, REASON] == "New Year sale; sale reminder e-mail"
    same = find_peaks(_night_surge("New Year sale", "New Year sale"), 30)
    assert same.loc[0, REASON] == "New Year sale"


def test_peaks_of_two_whole_days_in_a_row_read_as_both_days():
    frame = _night_surge()
    frame["forecast"] = np.where(frame[INTERVAL_START] < "2025-01-08", 20.0, 10.0)
    peaks = find_peaks(frame, 30)
    assert len(peaks) == 1
    assert describe_peak(peaks.iloc[0]).startswith(
        "Mon 6 Jan – Tue 7 Jan, all day: +100% over a usual Monday, ≈ 960 extra contacts"
    )


# 3. A plan's peaks are those of the volume it staffs.


def test_a_plan_with_a_volume_change_lists_the_peaks_of_the_changed_volume(
    shared_data, tmp_path, capsys
):
    # Tech. Axa from Wed 1 Jan 2014, +30% on Mon 6 - Sun 12 Jan: the plan listed the forecast's
    # two peaks, 'Tue 7 Jan, all day: +47% ..., ≈ 1,554 extra contacts (day after Epiphany)' and
    # Thu 2 Jan, as if the week were planned as forecast. Tuesday's forecast 4,891.7 on its
    # usual 3,338, 30% up, is 1.3 x 4,891.7 - 3,338 = 3,021.2 extra; Monday from 12:30, 2,071.2
    # as forecast on its usual 2,115 (no peak then), 30% up adds 1.3 x 2,071.2 - 2,115 = 577.5:
    # 3,599 (3,591 from 4,887.2 and 2,069.8 while each weekday's day total was forecast at its
    # median rather than its mean).
    export = shared_data / "axa" / "series" / "Tech. Axa.csv"
    argv = ["plan", str(export), "--aht-seconds", "300", "--horizon-days", "14",
            "--volume-change-pct", "30", "--change-from", "2014-01-06", "--change-to", "2014-01-12",
            "--out", str(tmp_path / "plan.csv")]  # fmt: skip
    assert cli.main(argv) == 0
    peaks = [line for line in capsys.readouterr().out.splitlines() if line.startswith("peak")]
    assert peaks == [
        "peak 1: Tech. Axa Mon 6 Jan 12:30–Tue 7 Jan 24:00: +66% over a usual Monday, ≈ 3,599 "
        "extra contacts (scenario +30% Mon 6 Jan – Sun 12 Jan; day after Epiphany)",
        "peak 2: Tech. Axa Thu 2 Jan 06:30–24:00: +44% over a usual Thursday, ≈ 1,384 extra "
        "contacts (day after New Year's Day)",
        "peak 3: Tech. Axa Fri 10 Jan 06:30–20:30: +28% over a usual Friday, ≈ 892 extra contacts "
        "(scenario +30% Mon 6 Jan – Sun 12 Jan)",
        "peak 4: Tech. Axa Wed 8 Jan 04:30–22:00: +26% over a usual Wednesday, ≈ 805 extra "
        "contacts (scenario +30% Mon 6 Jan – Sun 12 Jan)",
        "peak 5: Tech. Axa Thu 9 Jan 06:30–19:30: +24% over a usual Thursday, ≈ 710 extra "
        "contacts (scenario +30% Mon 6 Jan – Sun 12 Jan)",
        f"peaks: 2 more after these 5, smaller; cli.py forecast '{export}' --horizon-days 14 "
        "--campaign 2014-01-06 2014-01-12 30 --out FORECAST.csv --peaks-out PEAKS.csv lists "
        "them all, the change as a campaign",
    ]


def test_a_scenario_cause_names_the_days_it_changes():
    from cli_commands.plan import _scenario_cause
    from planning import Scenario

    def cause(**days) -> str:
        return _scenario_cause(Scenario(name="plan", volume_change_pct=-15, **days))

    assert cause() == "scenario -15%"
    assert cause(change_from=pd.Timestamp("2014-01-06").date()) == "scenario -15% from Mon 6 Jan"
    assert cause(change_to=pd.Timestamp("2014-01-12").date()) == "scenario -15% to Sun 12 Jan"
