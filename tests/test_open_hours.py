"""Learning open hours: closed weekday x slots versus slots that are merely missing."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data import schema
from data.importer import import_files
from data.open_hours import empty_days_that_are_gaps, learn_open_slots

SLOTS = 96  # 15-minute slots


def slot(hour: float) -> int:
    return int(hour * 4)


def true_open_hours(lunch_closed: bool = False) -> np.ndarray:
    """Mon-Fri 08:00-18:00, Saturday 09:00-13:00, closed Sunday and nights."""
    table = np.zeros((7, SLOTS), dtype=bool)
    table[:5, slot(8) : slot(18)] = True
    table[5, slot(9) : slot(13)] = True
    if lunch_closed:
        table[:5, slot(12) : slot(14)] = False  # a two-hour lunch closure
    return table


def history(table: np.ndarray, weeks: int, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """(days x slots) volumes starting on a Monday: Poisson(4) in open slots (so some open slots
    are genuinely zero), 0 when closed."""
    rng = np.random.default_rng(seed)
    weekdays = np.arange(weeks * 7) % 7
    volume = rng.poisson(4.0, size=(weeks * 7, SLOTS)).astype(float)
    return np.where(table[weekdays], volume, 0.0), weekdays


def test_closed_nights_and_sundays_are_learned_despite_gaps_and_stray_contacts():
    truth = true_open_hours()
    volume, weekdays = history(truth, weeks=30)
    rng = np.random.default_rng(1)
    volume[rng.random(volume.shape) < 0.05] = np.nan  # random gaps in the export
    volume[6, slot(3)] = 1  # one stray call on a Sunday night ...
    volume[8, slot(22)] = 2  # ... and one late on a Tuesday
    learned = learn_open_slots(volume, weekdays, 15)
    np.testing.assert_array_equal(learned, truth)


def test_a_slot_busy_on_a_minority_of_days_is_still_open():
    truth = np.zeros((7, SLOTS), dtype=bool)
    truth[:, slot(10)] = True
    volume, weekdays = history(truth, weeks=30)
    volume[:, slot(20)] = 0
    volume[::7, slot(20)][:5] = 3  # Monday 20:00 busy on 5 of 30 Mondays: 17%, not a stray
    learned = learn_open_slots(volume, weekdays, 15)
    assert learned[0, slot(20)] and not learned[1, slot(20)]


def test_in_a_short_history_any_contact_opens_the_slot():
    truth = true_open_hours()
    volume, weekdays = history(truth, weeks=3)
    volume[6, slot(3)] = 1  # three weeks cannot tell a stray from a quiet open slot
    learned = learn_open_slots(volume, weekdays, 15)
    assert learned[6, slot(3)]
    assert learned[6].sum() == 1


def test_short_quiet_runs_inside_opening_hours_stay_open_but_a_lunch_closure_does_not():
    truth = true_open_hours(lunch_closed=True)
    volume, weekdays = history(truth, weeks=20)
    weekday = (weekdays < 5)[:, None]
    afternoon = weekday & (np.arange(SLOTS) >= slot(14)) & (np.arange(SLOTS) < slot(18))
    volume[afternoon] = 0  # a quiet afternoon: each slot has a contact on 2 of its 20 days ...
    week = np.arange(len(weekdays)) // 7
    volume[weekday[:, 0] & (week % 10 == 0), slot(14) : slot(18)] = 1
    volume[:, slot(16) : slot(17)] = 0  # ... so an hour with none of them is chance, not closed
    learned = learn_open_slots(volume, weekdays, 15)
    np.testing.assert_array_equal(learned, truth)


def test_an_hour_with_never_a_contact_between_busy_slots_is_closed():
    truth = true_open_hours()
    truth[:5, slot(16) : slot(17)] = False
    volume, weekdays = history(truth, weeks=20)  # 0 rows at 16:00-17:00, Poisson(4) around it
    learned = learn_open_slots(volume, weekdays, 15)
    np.testing.assert_array_equal(learned, truth)


def test_a_slot_never_in_the_export_is_closed():
    volume, weekdays = history(true_open_hours(), weeks=10)
    volume[:, : slot(7)] = np.nan  # the export simply has no night rows
    learned = learn_open_slots(volume, weekdays, 15)
    assert not learned[:, : slot(7)].any()


def test_an_empty_busy_weekday_is_a_gap_but_an_empty_quiet_one_is_not():
    weekdays = np.arange(28) % 7
    daily = np.where(weekdays == 6, 3.0, 100.0)  # busy weekdays, a quiet Sunday
    daily[9] = 0  # a Wednesday with no contact at all: the export lost it
    daily[13] = 0  # a Sunday with none: plausible, stays a zero
    gaps = empty_days_that_are_gaps(daily, weekdays)
    assert np.flatnonzero(gaps).tolist() == [9]


def office_year(
    interval: int, daily: float = 800.0, zero_rows: bool = False, seed: int = 3
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A year (52 weeks from a Monday) of an office queue open Mon-Fri 08:00-18:00 with lunch
    closed 13:00-14:00 Mon-Thu (Friday has none), Saturday 09:00-12:00: (volume, weekdays,
    truth). Closed slots have no row (NaN), or a row of 0 with `zero_rows`."""
    slots = 1440 // interval
    hour = np.arange(slots) * interval / 60
    truth = np.zeros((7, slots), dtype=bool)
    truth[:5] = (hour >= 8) & (hour < 18)
    truth[:4] &= (hour < 13) | (hour >= 14)
    truth[5] = (hour >= 9) & (hour < 12)
    shape = 0.2 + np.exp(-0.5 * ((hour - 10.5) / 1.5) ** 2) + np.exp(-0.5 * ((hour - 15) / 2) ** 2)
    rng = np.random.default_rng(seed)
    weekdays = np.arange(52 * 7) % 7
    rate = np.where(truth[weekdays], shape, 0.0)
    volume = rng.poisson(daily * rate / rate.sum(axis=1, keepdims=True).clip(1e-9))
    return np.where(truth[weekdays], volume, 0.0 if zero_rows else np.nan), weekdays, truth


def test_a_one_hour_lunch_closure_in_a_year_of_15_minute_data_is_closed():
    volume, weekdays, truth = office_year(15)
    learned = learn_open_slots(volume, weekdays, 15)
    np.testing.assert_array_equal(learned, truth)  # Friday, without lunch, stays one block


def test_a_one_hour_lunch_closure_in_30_minute_data_is_closed():
    volume, weekdays, truth = office_year(30)
    np.testing.assert_array_equal(learn_open_slots(volume, weekdays, 30), truth)


def test_a_lunch_closure_exported_as_rows_of_zero_is_closed():
    volume, weekdays, truth = office_year(15, zero_rows=True)
    assert not np.isnan(volume).any()
    np.testing.assert_array_equal(learn_open_slots(volume, weekdays, 15), truth)


def test_a_sparse_queue_keeps_its_quiet_slots_open_in_one_block():
    truth = np.zeros((7, SLOTS), dtype=bool)
    truth[:5, slot(8) : slot(18)] = True
    rng = np.random.default_rng(11)
    weekdays = np.arange(52 * 7) % 7
    volume = rng.poisson(np.where(truth[weekdays], 3 / 40, 0.0)).astype(float)  # 3 a day
    quiet_days = ((volume > 0).reshape(52, 7, SLOTS).sum(axis=0) <= 1) & truth
    assert quiet_days[:, slot(9) : slot(17)].sum() >= 5  # quiet slots by chance, mid-day
    learned = learn_open_slots(volume, weekdays, 15)
    assert not learned[5:].any()
    for weekday in range(5):
        opened = np.flatnonzero(learned[weekday])
        assert opened.tolist() == list(range(opened[0], opened[-1] + 1))  # no hole
        assert slot(8) <= opened[0] <= slot(9) and slot(17) <= opened[-1] < slot(18)


def test_a_lunch_closure_is_not_reported_as_missing_data(tmp_path):
    volume, weekdays, truth = office_year(15, daily=400)
    start = np.datetime64("2024-03-04T00:00")  # a Monday
    stamps = start + np.arange(volume.size).astype("timedelta64[m]") * 15
    present = ~np.isnan(volume.ravel())
    rows = [
        f"{stamp.astype(str).replace('T', ' ')},{int(count)}"
        for stamp, count in zip(stamps[present], volume.ravel()[present], strict=True)
    ]
    path = tmp_path / "office.csv"
    path.write_text("interval_start,volume\n" + "\n".join(rows) + "\n")
    dataset = import_files([path])
    assert not any("no data in the export" in note for note in dataset.notes)
    assert not dataset.intervals[schema.IS_MISSING].any()
    monday = dataset.open_hours[dataset.open_hours[schema.WEEKDAY] == 0]
    lunch = monday[monday[schema.MINUTE_OF_DAY].between(13 * 60, 13 * 60 + 45)]
    assert len(lunch) == 4 and not lunch[schema.IS_OPEN].any()


def round_the_clock_history(night_rate: float, weeks: int = 52, seed: int = 1):
    """A 24/7 queue: a daytime peak of 20 a slot at 13:00, and `night_rate` a slot at night."""
    rng = np.random.default_rng(seed)
    weekdays = np.arange(weeks * 7) % 7
    hours = np.arange(SLOTS) / 4
    rate = np.maximum(20 * np.exp(-(((hours - 13) / 4) ** 2)), night_rate)
    return rng.poisson(np.tile(rate, (weeks * 7, 1))).astype(float), weekdays


def test_quiet_nights_of_a_round_the_clock_queue_stay_open_without_holes():
    # 0.02 contacts a slot at night hits each night slot on about 1 day in 50: the per-slot
    # rule alone left 11-18 scattered night slots closed on most weekdays (holes of hours).
    volume, weekdays = round_the_clock_history(night_rate=0.02)
    assert learn_open_slots(volume, weekdays, 15).all()


def test_nights_are_judged_across_midnight():
    volume, weekdays = round_the_clock_history(night_rate=0.25)
    # Never a contact from Tuesday 22:00 to Wednesday 02:00: at 0.25 a slot, the 16 slots would
    # expect about 200 contacts in a year of Tuesday nights. That many missing is a closure.
    late, early = (weekdays == 1), (weekdays == 2)
    volume[late, slot(22) :] = 0
    volume[early, : slot(2)] = 0
    learned = learn_open_slots(volume, weekdays, 15)
    assert not learned[1, slot(22) :].any() and not learned[2, : slot(2)].any()
    # Quiet slots each side of midnight, with the night's usual strays, are not a closure.
    volume, weekdays = round_the_clock_history(night_rate=0.02, seed=3)
    volume[late, slot(23) :] = 0
    volume[early, : slot(1)] = 0
    learned = learn_open_slots(volume, weekdays, 15)
    assert learned[1, slot(23) :].all() and learned[2, : slot(1)].all()


def test_a_weekly_maintenance_window_in_a_round_the_clock_queue_stays_closed():
    volume, weekdays = round_the_clock_history(night_rate=0.5)
    volume[weekdays == 6, slot(2) : slot(5)] = 0  # Sunday 02:00-05:00, every week
    learned = learn_open_slots(volume, weekdays, 15)
    assert not learned[6, slot(2) : slot(5)].any()
    assert learned[6, : slot(2)].all() and learned[6, slot(5) :].all()


def test_a_late_open_slot_does_not_open_the_evening_of_a_queue_closed_at_night():
    # Mon-Fri 08:00-20:00; a 22:00 callback slot hit on 10% of Mondays. The night is closed,
    # so the two hours between stay closed: only round-the-clock weekdays get long gaps filled.
    truth = np.zeros((7, SLOTS), dtype=bool)
    truth[:5, slot(8) : slot(20)] = True
    volume, weekdays = history(truth, weeks=52)
    mondays = np.flatnonzero(weekdays == 0)
    volume[mondays[::10], slot(22)] = 1
    learned = learn_open_slots(volume, weekdays, 15)
    assert learned[0, slot(22)]
    assert not learned[0, slot(20) : slot(22)].any()


def call_log(tmp_path, after_hours_outcome: str, weeks: int = 12, seed: int = 5):
    """Calls Mon-Fri 09:00-18:00 (answered, 1 in 10 abandoned), plus 2-4 calls every evening
    18:00-21:00 that meet the closed center: the export logs them with `after_hours_outcome`."""
    rng = np.random.default_rng(seed)
    lines = ["start,outcome"]
    day0 = np.datetime64("2024-03-04")  # a Monday
    for day in range(weeks * 7):
        date = day0 + np.timedelta64(day, "D")
        if day % 7 < 5:
            for minute in np.sort(rng.integers(9 * 60, 18 * 60, size=60)):
                outcome = "abandoned" if rng.random() < 0.1 else "answered"
                lines.append(f"{date} {minute // 60:02d}:{minute % 60:02d}:00,{outcome}")
        for minute in np.sort(rng.integers(18 * 60, 21 * 60, size=rng.integers(2, 5))):
            lines.append(f"{date} {minute // 60:02d}:{minute % 60:02d}:00,{after_hours_outcome}")
    path = tmp_path / "calls.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def open_minutes(dataset: schema.Dataset, weekday: int) -> list[int]:
    table = dataset.open_hours
    day = table[(table[schema.WEEKDAY] == weekday) & table[schema.IS_OPEN]]
    return day[schema.MINUTE_OF_DAY].tolist()


def test_evening_calls_that_nobody_answers_do_not_open_the_evening(tmp_path):
    # The evening calls arrive on most days, so by contacts alone 18:00-21:00 is open, all week
    # long; none of them is ever answered: the center is closed then, and is not staffed.
    dataset = import_files([call_log(tmp_path, "abandoned")])
    monday = open_minutes(dataset, 0)
    assert monday[0] == 9 * 60 and monday[-1] == 17 * 60 + 45 and len(monday) == 36
    assert open_minutes(dataset, 6) == []  # Sunday's evening calls: never answered either
    closed = dataset.intervals[~dataset.intervals[schema.IS_OPEN]]
    kept = closed[schema.VOLUME].sum()  # the calls are kept, in closed slots, and the note says
    assert kept > 0
    assert f"{kept:,.0f} contact(s) arrived in closed slots (kept; none of them answered)." in (
        " ".join(dataset.notes)
    )


def test_calls_without_an_outcome_still_open_their_slots(tmp_path):
    # The same log with no outcome for the evening calls: nothing says they went unanswered.
    dataset = import_files([call_log(tmp_path, "")])
    assert open_minutes(dataset, 0)[-1] >= 20 * 60


def test_a_line_that_answers_few_of_its_calls_keeps_the_hours_its_contacts_give(tmp_path):
    # Every call "abandoned" (a voicemail line, or a column naming something else): the outcomes
    # cannot tell open hours, and the hours come from the contacts as before.
    path = call_log(tmp_path, "abandoned")
    path.write_text(path.read_text().replace(",answered", ",abandoned"))
    dataset = import_files([path])
    assert open_minutes(dataset, 0)[-1] >= 20 * 60


def test_an_interval_report_with_answered_counts_closes_its_unanswered_evenings(tmp_path):
    lines = ["interval_start,offered,answered"]
    day0 = np.datetime64("2024-03-04T00:00")
    rng = np.random.default_rng(2)
    for slot_index in range(12 * 7 * 48):  # 12 weeks of 30-minute rows
        stamp = day0 + np.timedelta64(30 * slot_index, "m")
        weekday, minute = (slot_index // 48) % 7, (slot_index % 48) * 30
        if weekday < 5 and 9 * 60 <= minute < 18 * 60:
            offered = int(rng.poisson(20))
            answered = offered - int(rng.binomial(offered, 0.1))
        else:
            offered = int(rng.poisson(1.0 if 18 * 60 <= minute < 21 * 60 else 0.0))
            answered = 0
        lines.append(f"{str(stamp).replace('T', ' ')},{offered},{answered}")
    path = tmp_path / "report.csv"
    path.write_text("\n".join(lines) + "\n")
    dataset = import_files([path])
    assert open_minutes(dataset, 0) == list(range(9 * 60, 18 * 60, 30))


def test_a_busy_line_with_many_unanswered_evening_calls_is_not_forecast_in_the_evening(
    tmp_path,
):
    # A fifth of the log is evening calls that met the closed center. They are not demand the
    # agents can serve, so they must not count as contacts the open hours "left out" (which
    # would widen the forecast's hours to the evening, as for a queue too sparse to learn).
    from forecasting.api import forecast_dataset
    from forecasting.settings import ForecastSettings

    path = call_log(tmp_path, "abandoned", weeks=10)
    rng = np.random.default_rng(9)
    extra = []
    for day in range(70):
        date = np.datetime64("2024-03-04") + np.timedelta64(day, "D")
        for minute in np.sort(rng.integers(18 * 60, 21 * 60, size=12)):
            extra.append(f"{date} {minute // 60:02d}:{minute % 60:02d}:00,abandoned")
    path.write_text(path.read_text() + "\n".join(extra) + "\n")
    dataset = import_files([path])
    closed = dataset.intervals.loc[~dataset.intervals[schema.IS_OPEN], schema.VOLUME].sum()
    assert closed > 0.15 * dataset.intervals[schema.VOLUME].sum()
    result = forecast_dataset(dataset, 7, ForecastSettings(country=None))
    forecast = result.forecast
    evening = forecast[pd.to_datetime(forecast[schema.INTERVAL_START]).dt.hour >= 18]
    assert evening["forecast"].sum() == 0
    assert not any("outside the open hours" in note for note in result.notes)
