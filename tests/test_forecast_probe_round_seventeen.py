"""Forecast probes: a queue of a contact a week, and campaigns wholly outside the forecast days."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from data.importer import import_files
from data.schema import IS_OPEN, QUEUE
from forecasting import CAMPAIGN, ForecastEvent, ForecastSettings, forecast_dataset
from forecasting.api import ForecastResult
from forecasting.synthetic import synthetic_intervals


def _records(path: Path, seed: int, busy: bool) -> Path:
    """26 weeks from Mon 1 Jan 2024 of contact records: 'Sparse' gets one contact a week on a
    random weekday at a random minute of 09:00-17:00; with `busy`, 'Sales' gets Poisson(40) a
    weekday in the same hours."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2024-01-01")
    rows = []
    for week in range(26):
        day, minute = int(rng.integers(0, 5)), int(rng.integers(9 * 60, 17 * 60))
        rows.append((start + pd.Timedelta(days=7 * week + day, minutes=minute), "Sparse"))
        for day in range(5 if busy else 0):
            for minute in rng.integers(9 * 60, 17 * 60, rng.poisson(40)):
                at = start + pd.Timedelta(days=7 * week + day, minutes=int(minute))
                rows.append((at, "Sales"))
    frame = pd.DataFrame(rows, columns=["arrival", "queue"]).sort_values("arrival")
    frame["arrival"] = frame["arrival"].dt.strftime("%Y-%m-%d %H:%M:%S")
    frame.to_csv(path / "calls.csv", index=False)
    return path / "calls.csv"


@pytest.fixture(scope="module")
def records_forecast(tmp_path_factory) -> Callable[[int, bool], ForecastResult]:
    """The 28-day forecast of `_records(seed, busy)`, worked out once per seed and `busy` for
    the module: the busy file of seed 4 serves both its sparse and its busy queue's test."""
    results: dict[tuple[int, bool], ForecastResult] = {}

    def forecast(seed: int, busy: bool) -> ForecastResult:
        if (seed, busy) not in results:
            folder = tmp_path_factory.mktemp(f"records-{seed}-{busy}")
            dataset = import_files([_records(folder, seed, busy)])
            results[seed, busy] = forecast_dataset(dataset, 28, ForecastSettings(country=None))
        return results[seed, busy]

    return forecast


@pytest.mark.parametrize(
    ("seed", "busy", "total", "open_slots", "hours"),
    [
        # Before: 1.76 over 4 weeks on 152 open slots (38 weekly); Wednesday had no contact.
        (4, True, 3.95, 512, "Mon-Tue 09:00-17:00, Thu-Fri 09:00-17:00"),
        # Before: 2.46 on 108 open slots (27 weekly).
        (4, False, 4.0, 600, "Mon-Fri 09:30-17:00"),
        # Before: 0.0 - no slot was learned open, and the note said no contact ever arrived.
        (10, False, 3.8, 560, "Mon-Fri 10:00-17:00"),
    ],
)
def test_a_queue_of_a_contact_a_week_is_forecast_at_its_rate(
    records_forecast, seed, busy, total, open_slots, hours
):
    result = records_forecast(seed, busy)
    sparse = result.forecast[result.forecast[QUEUE] == "Sparse"]
    # 26 contacts in 26 weeks: 4 in the 4 weeks forecast.
    assert sparse["forecast"].sum() == pytest.approx(total, abs=0.05)
    assert sparse["forecast"].sum() == pytest.approx(4.0, rel=0.2)
    assert int(sparse[IS_OPEN].sum()) == open_slots
    source = "the open hours of the file's busier queues" if busy else "the hours of the day"
    notes = [note for note in result.notes if note.startswith("Sparse: ")]
    assert len(notes) == 1
    assert source in notes[0] and f"({hours})" in notes[0]
    assert "Its forecast is zero" not in " ".join(result.notes)


def test_the_busy_queue_beside_it_keeps_its_own_hours(records_forecast):
    result = records_forecast(4, True)
    sales = result.forecast[result.forecast[QUEUE] == "Sales"]
    assert int(sales[IS_OPEN].sum()) == 4 * 5 * 32  # Mon-Fri 09:00-17:00 in 15 minutes
    assert not any(note.startswith("Sales: ") for note in result.notes)


def _desk_notes(*events: ForecastEvent) -> list[str]:
    """Notes of a 14-day forecast of twelve weeks of a Mon-Fri desk from Mon 1 Jan 2024: the
    forecast covers Sat 23 Mar - Fri 5 Apr 2024."""
    frame = synthetic_intervals(7 * 12, seed=5, level=20)
    return forecast_dataset(frame, 14, ForecastSettings(country=None, events=list(events))).notes


def test_a_campaign_after_the_forecast_days_is_named_with_the_horizon_it_needs():
    # Before: no note at all.
    notes = _desk_notes(ForecastEvent("spring promo", "2024-04-15", "2024-04-20", CAMPAIGN, 30))
    assert (
        "The campaign 'spring promo' (+30%) runs Mon 15 Apr – Fri 19 Apr 2024, after the "
        "forecast's days (Sat 23 Mar – Fri 5 Apr 2024), so it changes no forecast. Forecast 28 "
        "days to include it."
    ) in notes


def test_a_campaign_beyond_the_longest_horizon_and_one_in_the_past_are_named():
    notes = _desk_notes(
        ForecastEvent("autumn promo", "2024-10-01", "2024-10-02", CAMPAIGN, 25, queue="desk"),
        ForecastEvent("winter promo", "2024-02-05", "2024-02-10", CAMPAIGN, -20),
    )
    assert (
        "The campaign 'autumn promo' (+25% for desk) runs Tue 1 Oct 2024, after the forecast's "
        "days (Sat 23 Mar – Fri 5 Apr 2024), so it changes no forecast. Forecast it nearer its "
        "dates: a forecast covers up to 92 days."
    ) in notes
    past = [note for note in notes if note.startswith("The campaign 'winter promo' (-20%) runs")]
    assert len(past) == 1
    assert "Mon 5 Feb – Fri 9 Feb 2024, before the forecast's days" in past[0]
    assert "exclude its days as an unusual past period instead" in past[0]


@pytest.mark.parametrize(
    ("start", "end", "uplift"),
    [
        ("2024-03-26", "2024-03-28", 25),
        ("2024-04-04", "2024-04-10", 25),
        ("2024-05-01", "2024-05-03", 0),
    ],
)
def test_a_campaign_reaching_the_forecast_days_or_without_uplift_is_not_named(start, end, uplift):
    notes = _desk_notes(ForecastEvent("promo", start, end, CAMPAIGN, uplift))
    assert not any("forecast's days" in note for note in notes)


def _stopped_queue_intervals(busy_weeks: int, silent_days: int) -> pd.DataFrame:
    """One queue alone in its file: weekdays 09:00-17:00 at 6 contacts a half hour from Mon 1
    Jan 2024 for `busy_weeks` weeks, then `silent_days` days of zero rows at the same hours."""
    days = pd.date_range("2024-01-01", periods=7 * busy_weeks + silent_days, freq="D")
    rows = []
    for number, day in enumerate(days):
        for slot in range(16):
            busy = number < 7 * busy_weeks and day.day_of_week < 5
            rows.append((day + pd.Timedelta(minutes=540 + 30 * slot), 6.0 if busy else 0.0))
    frame = pd.DataFrame(rows, columns=["interval_start", "volume"])
    frame["queue"] = "Renault desk"
    return frame


def test_a_queue_silent_for_months_is_read_as_stopped_not_as_an_export_cut_short():
    # Before: 122 days of zero rows (from the weekend after the last busy Friday) were read as
    # an export cut short and forecast from the busy weeks before them (6 a half hour: 96 a
    # weekday, 1,920 over 4 weeks).
    frame = _stopped_queue_intervals(busy_weeks=12, silent_days=120)
    result = forecast_dataset(frame, 28, ForecastSettings(country=None))
    assert result.forecast["forecast"].sum() == 0.0
    notes = [note for note in result.notes if "no contact at all from" in note]
    assert notes == [
        "Renault desk: no contact at all from Sat 23 Mar 2024 to Mon 22 Jul 2024 (122 days), "
        "longer than an export padded to the end of its period: read as a queue that stopped, "
        "and forecast at 0. If it is still open, check the export for those months; if it "
        "closed, leave it out."
    ]
    assert not any("export cut short" in note for note in result.notes)


def test_a_month_of_zero_rows_alone_in_its_file_is_still_an_export_cut_short():
    frame = _stopped_queue_intervals(busy_weeks=12, silent_days=30)
    result = forecast_dataset(frame, 28, ForecastSettings(country=None))
    # Forecast from the busy weeks: 96 a weekday, 20 weekdays.
    assert result.forecast["forecast"].sum() == pytest.approx(1920, rel=0.05)
    assert any("export cut short" in note for note in result.notes)
    assert not any("no contact at all from" in note for note in result.notes)


def test_a_line_busy_in_rare_bursts_keeps_the_hours_learned_from_it(tmp_path):
    # A crisis line: two bursts in 26 weeks (weeks 3 and 17), nothing between. Its contacts fall
    # on hit-once slots as a sparse queue's do, but spread over the site's hours its bursts would
    # become a level every day; it keeps its learned hours and gets no note.
    rng = np.random.default_rng(3)
    start = pd.Timestamp("2024-01-01")
    rows = [
        (start + pd.Timedelta(days=7 * week + int(rng.integers(0, 5)), minutes=minute), "Crisis")
        for week in (3, 17)
        for minute in rng.integers(9 * 60, 17 * 60, 12).tolist()
    ]
    rows += [
        (start + pd.Timedelta(days=7 * week + day, minutes=int(minute)), "Sales")
        for week in range(26)
        for day in range(5)
        for minute in rng.integers(9 * 60, 17 * 60, 40)
    ]
    frame = pd.DataFrame(rows, columns=["arrival", "queue"]).sort_values("arrival")
    frame["arrival"] = frame["arrival"].dt.strftime("%Y-%m-%d %H:%M:%S")
    frame.to_csv(tmp_path / "calls.csv", index=False)
    dataset = import_files([tmp_path / "calls.csv"])
    result = forecast_dataset(dataset, 28, ForecastSettings(country=None))
    crisis = result.forecast[result.forecast[QUEUE] == "Crisis"]
    assert not any(note.startswith("Crisis: ") and "open hours" in note for note in result.notes)
    assert int(crisis[IS_OPEN].sum()) < 100
