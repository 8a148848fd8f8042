"""Forecast probes on odd but real histories: a forecast from an origin inside the export leaves
out the night AXA's Tech. Axa kept closed until then (the export's hours, learned over its
weeks after the origin too, opened it), while nights really open keep their forecast; counts
in the forecast's notes carry thousands separators; a history long enough whose middle weeks
are missing is told to import them, not a longer history; and AXA's Crises queue, whose last
count is on the morning the forecast starts, is told the same date by both notes on its end."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cli
from data.errors import InputError
from data.importer import import_files
from data.schema import INTERVAL_START, IS_OPEN
from forecasting import ForecastSettings, backtest_dataset, forecast_dataset
from forecasting.history import QueueHistory
from forecasting.origin_hours import hours_before_origin
from forecasting.synthetic import synthetic_intervals

# 1. Hours of an export forecast from an earlier origin.


def test_tech_axas_closed_night_is_left_out_of_a_forecast_from_before_it_opened(
    shared_data, tmp_path, capsys
):
    # Tech. Axa had 8 contacts from 00:00 to 07:00 in the 94 weeks before Mon 22 Oct 2012 and
    # 1,448-2,685 a month from February 2013, so the import opens its night: the forecast wrote
    # 196 rows of 0 for 00:00-07:00 (14 nights x 14 half hours), staffed with an agent each.
    export = shared_data / "axa" / "series" / "Tech. Axa.csv"
    out = tmp_path / "forecast.csv"
    arguments = ["forecast", str(export), "--horizon-days", "14", "--origin", "2012-10-22"]
    assert cli.main([*arguments, "--out", str(out)]) == 0
    assert (
        "note: Tech. Axa: 90 weekly 30-minute slots open in the export's hours, learned over its "
        "weeks after the origin too, had 8 contacts in the 94 weeks before the origin Mon 22 Oct "
        "2012: forecast closed, as the desk was then: Mon 00:00–07:00; Tue, Wed, Thu, Sat "
        "00:30–07:00; Fri, Sun 01:00–07:00.\n"
    ) in capsys.readouterr().out
    forecast = pd.read_csv(out, parse_dates=[INTERVAL_START])
    night = forecast[forecast[INTERVAL_START].dt.hour < 7]
    # Left: the 00:00 half hour of every night but Monday's (Friday evenings run past midnight:
    # Sat 00:00 had contacts on 7 of its Saturdays) and 00:30 on Fridays and Sundays, open on
    # the other nights, 0.00-0.08 contacts each.
    assert len(forecast) == 672 - 2 * 90
    half_hours = night.groupby(night[INTERVAL_START].dt.strftime("%a %H:%M")).size()
    assert half_hours.to_dict() == {
        "Fri 00:00": 2, "Fri 00:30": 2, "Sat 00:00": 2, "Sun 00:00": 2, "Sun 00:30": 2,
        "Thu 00:00": 2, "Tue 00:00": 2, "Wed 00:00": 2,
    }  # fmt: skip
    # 0.0823 while each weekday's day total was forecast at its median rather than its mean.
    assert night["forecast"].max() == pytest.approx(0.0825)


def _desk(night_rate: float, recent_night_rate: float, weeks: int = 100) -> np.ndarray:
    """(days x hours) from a Monday: 5 contacts an hour 08:00-20:00, `night_rate` from 00:00 to
    08:00 and from 20:00, `recent_night_rate` from 00:00 to 08:00 in the last six weeks."""
    rng = np.random.default_rng(0)
    values = np.zeros((7 * weeks, 24))
    values[:, 8:20] = rng.poisson(5, (7 * weeks, 12))
    values[:, :8] = rng.poisson(night_rate, (7 * weeks, 8))
    values[:, 20:] = rng.poisson(night_rate, (7 * weeks, 4))
    values[-42:, :8] = rng.poisson(recent_night_rate, (42, 8))
    return values


def test_a_night_silent_before_the_origin_is_closed_and_one_opened_lately_stays_open():
    around_the_clock = np.ones((7, 24), dtype=bool)  # the import's hours, learned later on
    silent = QueueHistory("desk", 60, pd.Timestamp("2011-01-03"), _desk(0, 0), around_the_clock)
    expected = np.zeros((7, 24), dtype=bool)
    expected[:, 8:20] = True
    assert (hours_before_origin(silent) == expected).all()
    # 158 contacts from 00:00 to 08:00 in the last six weeks, none in the 94 before: the stray
    # rule over all 100 weeks closes those hours; the run's recent days keep them open.
    lately = QueueHistory("desk", 60, pd.Timestamp("2011-01-03"), _desk(0, 0.5), around_the_clock)
    assert np.nansum(lately.values[:, :8]) == 158
    expected[:, :8] = True
    assert (hours_before_origin(lately) == expected).all()


def test_a_quiet_night_of_a_desk_open_around_the_clock_stays_open():
    # Half a contact an hour every night, none on Tuesdays from 03:00 to 05:00 in 100 weeks:
    # the stray rule closes those two hours; the six other weekdays keep them open.
    values = _desk(0.5, 0.5)
    values[1::7, 3:5] = 0
    history = QueueHistory(
        "desk", 60, pd.Timestamp("2011-01-03"), values, np.ones((7, 24), dtype=bool)
    )
    assert hours_before_origin(history).all()


@pytest.mark.parametrize(
    ("queue", "origin", "rows", "night"),
    [
        # Open at night since February 2013: every slot keeps its forecast.
        ("Médical", "2013-06-03", 672, 196),
        ("RENAULT", "2013-06-03", 670, 196),
        # Open at night with Tuesdays 03:00-05:00 quiet (4 and 7 contacts over 20 Tuesdays).
        ("Tech. Total", "2013-06-03", 672, 196),
        # AXA's night desk and a business-hours queue.
        ("Nuit", "2013-06-03", 284, 196),
        ("Gestion Relation Clienteles", "2013-06-03", 190, 0),
    ],
)
def test_queues_open_at_night_or_in_business_hours_keep_every_open_slot(
    shared_data, queue, origin, rows, night
):
    dataset = import_files([shared_data / "axa" / "series" / f"{queue}.csv"])
    result = forecast_dataset(dataset, 14, ForecastSettings(origin=origin))
    forecast = result.forecast[result.forecast[IS_OPEN]]
    assert len(forecast) == rows
    assert (pd.to_datetime(forecast[INTERVAL_START]).dt.hour < 7).sum() == night
    assert not any("open in the export's hours" in note for note in result.notes)


# 2. Thousands separators.


def test_a_queue_opened_years_into_the_data_reads_its_days_with_separators():
    # 1,200 days of zero rows, then eight weeks of contacts: the note read "1200 days".
    frame = synthetic_intervals(1200 + 56, seed=3, start="2020-01-06")
    times = pd.to_datetime(frame[INTERVAL_START])
    frame.loc[times < pd.Timestamp("2023-04-20"), "volume"] = 0.0
    (note,) = forecast_dataset(frame, 7, ForecastSettings()).notes
    assert note == (
        "desk: no contact before Thu 20 Apr 2023, 1,200 days into the data: its history starts "
        "there, the zeros before it read as before the queue opened."
    )


def test_a_queue_without_a_contact_in_years_reads_its_days_with_separators():
    # 1,100 days of zero rows: "its 1100 days hold no contacts at all".
    frame = synthetic_intervals(1100, start="2021-01-04").assign(volume=0.0)
    with pytest.raises(InputError) as refused:
        backtest_dataset(frame, ForecastSettings())
    assert "its 1,100 days hold no contacts at all. There is nothing to backtest" in str(
        refused.value
    )


# 3. A long history with its middle weeks missing.


def _first_and_last_weeks(last_days: int) -> pd.DataFrame:
    """Weekdays 08:00-18:00: the week of Mon 3 Jan 2011, then `last_days` from Mon 20 Nov 2023."""
    first = synthetic_intervals(7, seed=1, start="2011-01-03")
    last = synthetic_intervals(last_days, seed=2, start="2023-11-20")
    return pd.concat([first, last], ignore_index=True)


def test_a_history_missing_its_middle_weeks_is_told_to_import_them(tmp_path, capsys):
    # Thirteen years between the first and the last week: "Import a longer history" told a
    # manager with 4,723 days to find more of them. 673 weeks lie between (4,711 days).
    export = tmp_path / "desk.csv"
    frame = _first_and_last_weeks(19)[[INTERVAL_START, "volume"]]
    frame = frame[
        (frame[INTERVAL_START] < pd.Timestamp("2011-01-10"))
        | (frame[INTERVAL_START] >= pd.Timestamp("2023-12-04"))
    ]
    frame.to_csv(export, index=False)
    out = tmp_path / "scores.csv"
    assert cli.main(["backtest", str(export), "--horizon-days", "14", "--out", str(out)]) == 2
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith(
            "it has 10 days with data over 4,723 calendar days (3 Jan 2011 – 8 Dec 2023): none from Mon 10 "
            "Jan 2011 to Fri 1 Dec 2023 (673 weeks). Import the missing weeks."
        )
    )


def test_a_history_whose_days_would_not_score_names_its_missing_weeks():
    # Three weeks at the end: too few days with data for an origin (a week of 2011 and three of
    # 2023 are 20 of them; an origin needs 20 before it). It read "some 56 days of history or
    # more; it has 4723. Import a longer history".
    with pytest.raises(InputError) as refused:
        backtest_dataset(_first_and_last_weeks(21), ForecastSettings())
    assert str(refused.value).endswith(
        "it has 20 days with data over 4,723 calendar days (3 Jan 2011 – 8 Dec 2023): none from Mon 10 Jan "
        "2011 to Fri 17 Nov 2023 (671 weeks). Import the missing weeks."
    )


def test_a_short_history_is_still_told_to_import_a_longer_one():
    # 19 days, none missing: the advice stays a longer history.
    with pytest.raises(InputError) as refused:
        backtest_dataset(synthetic_intervals(19, start="2024-04-01"), ForecastSettings())
    assert str(refused.value).endswith(
        "it has 15 days with data over 19 calendar days (1 Apr – 19 Apr 2024). Import a longer history."
    )


# 4. Crises: both notes on the end of its data name its last count.


def test_crises_notes_on_the_end_of_its_data_name_the_same_last_count(shared_data):
    # Rows of zeros to Fri 6 Sep 2013 16:00, then 1 contact on Tue 24 Sep 10:00 and 0 at 10:30,
    # then rows without counts: one note said the last count is Tue 24 Sep 10:30, the other
    # "no data after Fri 6 Sep 2013".
    dataset = import_files([shared_data / "axa" / "series" / "Crises.csv"])
    notes = forecast_dataset(dataset, 14, ForecastSettings()).notes
    tail = next(note for note in notes if note.startswith("The data's rows run to"))
    assert "the last count is at Tue 24 Sep 2013 10:30" in tail
    end = next(note for note in notes if note.startswith("Crises: no data"))
    assert end == (
        "Crises: no data from Sat 7 Sep to Mon 23 Sep 2013 (17 days); its last count, Tue 24 "
        "Sep 2013 10:30, is on the day the forecast starts, and the forecast learns from whole "
        "days: it is forecast from its own last weeks of data, to Fri 6 Sep 2013. If the queue "
        "closed, leave it out; if the export missed it, import the missing weeks."
    )
    # The backtest says the same.
    assert end in backtest_dataset(dataset, ForecastSettings()).notes
