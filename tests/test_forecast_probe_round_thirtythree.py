"""Forecast probes on holiday calendar hints and interval tables: the holiday calendar the
history's quiet days match better than the one used is named in forecast_dataset's notes for API
callers, in the same words the CLI's hint and the Forecast page's proposal give it; an interval
table given to the API with rows repeating an interval start (a queue's channels in rows of
their own) has them summed, as the import does, with a note, not the last row kept for them all."""

from __future__ import annotations

import holidays
import numpy as np
import pandas as pd
import pytest

from app_ui.settings import forecast_notes
from cli_commands.notes import forecast_note_lines
from forecasting import ForecastSettings, forecast_dataset
from forecasting.history import history_from_intervals


def _italian_desk() -> pd.DataFrame:
    """A Mon-Fri desk of 2024, 08:00-18:00 hourly, about 20 contacts an hour (Poisson), shut on
    Italy's public holidays; the export lists every weekday hour, 0 on the holidays."""
    days = pd.date_range("2024-01-01", "2024-12-31")
    shut = pd.DatetimeIndex(list(holidays.country_holidays("IT", years=[2024])))
    days = days[days.day_of_week < 5]
    times = (days.values[:, None] + pd.to_timedelta(np.arange(8, 18), unit="h").values).ravel()
    calls = np.random.default_rng(7).poisson(20, times.size).astype(float)
    calls[pd.DatetimeIndex(times).normalize().isin(shut)] = 0
    return pd.DataFrame({"interval_start": times, "queue": "desk", "volume": calls})


def test_api_callers_the_cli_and_the_app_get_one_holiday_calendar_hint():
    quick = {"model": "historical_average_4w", "n_origins": 1}  # the hint is no model's
    result = forecast_dataset(_italian_desk(), 7, ForecastSettings(country="FR", **quick))
    found = (
        "the history's quiet days match the public holidays of Italy (IT): 8 of 8 on busy "
        "weekdays were quiet, against 6 of 10 for France (FR)"
    )
    # Before: no such note; only the CLI, computing it again, printed a hint.
    assert f"Holiday calendar: {found}; try country IT." in result.notes
    assert result.holiday_suggestion.suggested.country == "IT"
    lines = forecast_note_lines(result.notes, result.holiday_suggestion)
    assert [line for line in lines if "quiet days" in line] == [f"hint: {found}; try --country IT"]
    # The Forecast page proposes it above with a button, and shows the note once.
    assert not [note for note in forecast_notes(result.notes, None, result.holiday_suggestion)
                if "quiet days" in note]  # fmt: skip
    assert len(forecast_notes(result.notes, None)) == len(result.notes)
    kept = forecast_dataset(_italian_desk(), 7, ForecastSettings(country="IT", **quick))
    assert kept.holiday_suggestion is None
    assert not [note for note in kept.notes if "quiet days" in note]


def test_an_interval_tables_rows_repeating_an_interval_start_add_up():
    times = pd.date_range("2024-01-01", periods=8 * 7 * 24, freq="h")
    rng = np.random.default_rng(1)
    # A queue's phone and chat counts in rows of their own, no queue column to tell them apart.
    channels = [
        pd.DataFrame({"interval_start": times, "volume": rng.poisson(10, times.size)})
        for _ in range(2)
    ]
    frame = pd.concat(channels, ignore_index=True)
    quick = ForecastSettings(model="historical_average_4w", n_origins=1)
    result = forecast_dataset(frame, 7, quick)
    # Before: 9.77 an hour, each interval's last row standing for both (19.94 an hour came).
    assert frame["volume"].sum() / times.size == pytest.approx(19.94, abs=0.01)
    assert result.forecast["forecast"].mean() == pytest.approx(19.86, abs=0.01)
    assert result.notes[0] == (
        "1,344 row(s) of the interval table repeat an interval start already given for the same "
        "queue (e.g. Mon 1 Jan 2024 00:00, Mon 1 Jan 2024 01:00, Mon 1 Jan 2024 02:00): their "
        "volumes were summed into that interval, as the import sums them. If the table holds the "
        "same rows twice, drop the repeats (drop_duplicates) and forecast again."
    )
    history = history_from_intervals(frame.assign(queue="all"), "all", 60)
    assert history.values.ravel()[0] == frame.loc[[0, times.size], "volume"].sum()
