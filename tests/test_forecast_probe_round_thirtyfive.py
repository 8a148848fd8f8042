"""Forecast probes on odd but real histories: a small desk of quarter hours that opens an hour
later since four weeks, each quarter hour of the lost hour too quiet to show the change alone,
is forecast closed there, where it was forecast at 0.58-0.99 contacts a quarter hour (an agent
staffed for nobody), while a sparse desk's opening hour silent by chance, a weekday seen on a
few dates over years and a burst on one night show no new hours; hours changed five weeks ago
are read from the day they changed; an Israeli desk is told of the days its calendar lists
only as optional holidays (Chol HaMoed, Purim) on which it ran low, and of those ahead,
forecast as ordinary days; and a queue whose export opens with weeks of zeros before its
first contact has its hours learned from its days since, its quiet first quarter hour open."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from data.importer import import_files
from forecasting import ForecastSettings, forecast_dataset
from forecasting.history import QueueHistory
from forecasting.hours_change import find_hours_change, hours_change_note
from forecasting.optional_holidays import optional_holiday_note

MONDAY = pd.Timestamp("2026-08-03")
WEEKS = 16
QUARTERS = 96
EIGHT, NINE, EIGHT_PM = 32, 36, 80  # quarter-hour slots of 08:00, 09:00 and 20:00


def _later_desk(rate: float, seed: int) -> np.ndarray:
    """(days x quarter hours) from a Monday: weekdays `rate` contacts a quarter hour from 08:00
    to 20:00, from 09:00 in the last four weeks; weekends closed."""
    rng = np.random.default_rng(seed)
    values = np.zeros((7 * WEEKS, QUARTERS))
    weekday = np.arange(7 * WEEKS) % 7 < 5
    values[weekday, EIGHT:EIGHT_PM] = rng.poisson(rate, (weekday.sum(), EIGHT_PM - EIGHT))
    values[7 * (WEEKS - 4) :, EIGHT:NINE] = 0.0
    return values


def _weekday_mask() -> np.ndarray:
    mask = np.zeros((7, QUARTERS), dtype=bool)
    mask[:5, EIGHT:EIGHT_PM] = True
    return mask


def test_an_hour_no_longer_open_is_found_over_its_quarter_hours_together():
    values = _later_desk(rate=1.5, seed=2)
    history = QueueHistory("desk", 15, MONDAY, values, _weekday_mask())
    # Each weekday's quarter hours of 08:00-09:00 had 8-19 contacts in the 8 weeks before and
    # none in the last 4: all on one side with chance (2/3)^19 = 0.05% at most, above the
    # 0.01 / 240 open slots the rule asks of a slot alone (before: no change found, the hour
    # forecast open). The hour's 47-63 contacts together: (2/3)^47 = 5e-9, far below it.
    earlier = values[7 * (WEEKS - 12) : 7 * (WEEKS - 4), EIGHT:NINE].reshape(8, 7, 4).sum(axis=0)
    assert earlier[:5].max() == 19 and earlier[:5].sum(axis=1).tolist() == [47, 50, 63, 61, 55]
    assert 19 * np.log(2 / 3) > np.log(0.01 / 240) > 47 * np.log(2 / 3)
    change = find_hours_change(history)
    expected = np.zeros((7, QUARTERS), dtype=bool)
    expected[:5, EIGHT:NINE] = True
    assert (change.closed == expected).all()
    assert not change.opened.any()


def test_a_sparse_desks_opening_hour_silent_by_chance_stays_open():
    # A contact every 2.5 hours, none from 08:00 to 09:00 in the last four weeks: that hour's 8
    # weeks before hold 2-7 contacts a weekday, all on one side with chance (2/3)^7 = 6% at
    # least: chance, no change of hours.
    values = _later_desk(rate=0.1, seed=4)
    earlier = values[7 * (WEEKS - 12) : 7 * (WEEKS - 4), EIGHT:NINE].reshape(8, 7, 4).sum(axis=0)
    assert earlier[:5].sum(axis=1).tolist() == [2, 4, 7, 4, 3]
    history = QueueHistory("desk", 15, MONDAY, values, _weekday_mask())
    assert not find_hours_change(history).any()


def test_a_desk_opening_an_hour_later_is_not_forecast_in_that_hour():
    values = _later_desk(rate=1.5, seed=2)
    days = pd.date_range(MONDAY, periods=7 * WEEKS)
    times = days.repeat(QUARTERS) + pd.to_timedelta(
        np.tile(np.arange(QUARTERS) * 15, days.size), "min"
    )
    frame = pd.DataFrame({"interval_start": times, "queue": "desk", "volume": values.ravel()})
    frame = frame[frame["interval_start"].dt.day_of_week < 5]
    result = forecast_dataset(frame, 7, ForecastSettings(country=None))
    forecast = result.forecast
    early = forecast["interval_start"].dt.hour == 8
    # Before: 08:00-09:00 forecast at 0.58-0.99 a quarter hour, 15.6 contacts over the week,
    # and no note.
    assert forecast.loc[early, "forecast"].sum() == 0
    assert not forecast.loc[early, "is_open"].any()
    # The rest of the day stays at its 1.5 a quarter hour.
    rest = forecast[forecast["is_open"]]
    assert abs(rest["forecast"].mean() - 1.5) < 0.15
    assert (
        "desk: opening hours changed in the last 4 weeks, and the forecast follows the new "
        "ones; now closed (contacts before, none since): forecast closed: Mon, Tue, Wed, Thu, "
        "Fri 08:00–09:00."
    ) in result.notes


BANK_COUNTS = (
    Path(__file__).resolve().parents[1].parent
    / "shared/data/anonymous_bank/anonymous_bank_1999_6min_counts.csv"
)


def test_an_israeli_desk_is_told_of_the_optional_holidays_it_ran_low_on():
    # Israel's calendar lists Chol HaMoed (Sukkot's and Pesach's intermediate days), Purim,
    # Remembrance Day and Tisha B'Av only as optional holidays: read as ordinary days.
    counts = pd.read_csv(BANK_COUNTS, parse_dates=["interval_start"])
    daily = counts.set_index("interval_start")["calls"].resample("D").sum()
    purim = pd.Timestamp("1999-03-02")
    tuesdays = [daily[purim + pd.Timedelta(weeks=k)] for k in (-4, -3, -2, -1, 1, 2, 3, 4)]
    # 850 calls against a median Tuesday of 1,605.5 in the 4 weeks either side: 0.53.
    assert daily[purim] == 850 and np.median(tuesdays) == 1605.5
    dataset = import_files([BANK_COUNTS])
    settings = ForecastSettings(country="IL", origin="1999-09-19")
    result = forecast_dataset(dataset, 14, settings)
    # Before: no word; the five days of Sukkot's Chol HaMoed ahead forecast as ordinary ones.
    assert (
        "anonymous_bank_1999_6min_counts: Tue 2 Mar 1999 (Purim, 0.53 of a usual day), Tue 6 Apr "
        "1999 (Pesach holiday, 0.05 of a usual day), Tue 20 Apr 1999 (Remembrance Day, 0.47 of a "
        "usual day), Thu 22 Jul 1999 (Tisha B'Av, 0.61 of a usual day) ran low; Israel's "
        "holiday calendar lists those days as optional holidays only, so the forecast reads "
        "them as ordinary days and forecasts Mon 27 Sep – Thu 30 Sep 1999 (Sukkot holiday) as "
        "ordinary. If the queue runs low on them every year, exclude the past ones as an "
        "unusual past period on the Forecast page and plan the coming ones by hand."
    ) in result.notes
    # Sun 26 Sep, the day after Sukkot, is read as such already (x0.80), so it is not named;
    # Pesach's Fri 2 - Mon 5 Apr brought 0.93-1.47 of a usual day, no low.
    # The same history under Italy's calendar, which has no optional holidays: no such note.
    italian = forecast_dataset(dataset, 14, ForecastSettings(country="IT", origin="1999-09-19"))
    assert not any("optional holidays" in note for note in italian.notes)


def test_an_optional_holiday_low_by_chance_or_read_as_an_eve_is_not_named():
    # Israel's Purim 2026 is Tue 3 Mar. A desk of 40 contacts a day every day for 8 weeks.
    first = pd.Timestamp("2026-01-20")
    values = np.full((56, 48), 40 / 48)
    purim = (pd.Timestamp("2026-03-03") - first).days
    history = QueueHistory("desk", 30, first, values.copy(), np.ones((7, 48), dtype=bool))
    # 30 of 40 (0.75) is within 3 Poisson deviations (19 contacts) of usual: chance.
    values[purim] = 30 / 48
    assert optional_holiday_note(history.with_values(values), 7, "IL") is None
    # 15 of 40 is not: named, with its share.
    values[purim] = 15 / 48
    note = optional_holiday_note(history.with_values(values), 7, "IL")
    assert note is not None and note.startswith("desk: Tue 3 Mar 2026 (Purim, 0.38 of a usual day)")
    # A day the forecast reads as special already (an eve, a bridge) is not its to name.
    ordinary = np.ones(63, dtype=bool)
    ordinary[purim] = False
    assert optional_holiday_note(history.with_values(values), 7, "IL", None, ordinary) is None


AXA_CAT = Path(__file__).resolve().parents[1].parent / "shared/data/axa/series/CAT.csv"


def test_a_weekday_seen_on_a_few_dates_over_years_shows_no_new_hours():
    # AXA's CAT has whole Saturdays in its export on a few dates only: its last four (Sat 18 Feb
    # 2012 – Sat 7 Dec 2013) span 94 weeks, three of them with 7-10 calls from 07:00, the eight
    # before none there. Judged as a run, 07:00-10:30 read 'newly open' in 'the last 4 weeks'
    # and Saturday was learned from those four dates alone; no run is judged over days so old.
    result = forecast_dataset(import_files([AXA_CAT]), 14, ForecastSettings(country="FR"))
    assert not any("opening hours changed" in note for note in result.notes)


def test_a_burst_on_one_night_is_no_hours_the_desk_kept():
    # Open around the clock, busy 07:30-24:00, the night before quiet: AXA's Médical had 31
    # calls from 02:00 to 04:00 on Tue 20 Nov 2012 and none the Tuesday nights around it.
    rng = np.random.default_rng(6)
    values = np.zeros((7 * WEEKS, 48))
    values[:, 15:] = rng.poisson(5.0, (7 * WEEKS, 33))
    burst = 7 * (WEEKS - 7) + 1  # a Tuesday among the 8 weeks before the last 4
    values[burst, 4:7] = [12.0, 11.0, 8.0]
    history = QueueHistory("desk", 30, MONDAY, values, np.ones((7, 48), dtype=bool))
    # The 31 contacts of 00:00-07:30 all before, with chance (2/3)^31 = 4e-6, below the
    # 0.01 / 336 open slots; but on 1 of the 8 Tuesdays (before: Tue 00:00-07:30 read as now
    # closed, and Tuesday learned from its last 4 weeks alone).
    assert 31 * np.log(2 / 3) < np.log(0.01 / 336)
    assert not find_hours_change(history).any()


def test_hours_changed_five_weeks_ago_are_read_from_the_day_they_changed():
    # Weekdays 4 contacts a quarter hour 08:00-18:00, then 09:00-20:00 for the last five weeks.
    rng = np.random.default_rng(4)
    values = np.zeros((7 * WEEKS, QUARTERS))
    weekday = np.arange(7 * WEEKS) % 7 < 5
    new = np.arange(7 * WEEKS) >= 7 * (WEEKS - 5)
    values[weekday & ~new, EIGHT:72] = rng.poisson(4.0, ((weekday & ~new).sum(), 40))
    values[weekday & new, NINE:EIGHT_PM] = rng.poisson(4.0, ((weekday & new).sum(), 44))
    history = QueueHistory("desk", 15, MONDAY, values, _weekday_mask())
    change = find_hours_change(history)
    # Before: the week five back counted among the 8 earlier ones, so its evening contacts
    # made 18:00-20:00 no new hours: the note read '... in the last 4 weeks ...; now closed
    # ...: Mon, Tue, Wed, Thu, Fri 08:00–09:00.' alone, and the weekdays were learned from
    # their last 4 weeks, not the 5 on the new hours.
    expected_closed = np.zeros((7, QUARTERS), dtype=bool)
    expected_closed[:5, EIGHT:NINE] = True
    expected_opened = np.zeros((7, QUARTERS), dtype=bool)
    expected_opened[:5, 72:EIGHT_PM] = True
    assert (change.closed == expected_closed).all()
    assert (change.opened == expected_opened).all()
    assert change.since[:5].tolist() == list(range(7 * (WEEKS - 5), 7 * (WEEKS - 5) + 5))
    assert hours_change_note(history, change) == (
        "desk: opening hours changed in the last 5 weeks, and the forecast follows the new "
        "ones; now closed (contacts before, none since): forecast closed: Mon, Tue, Wed, Thu, "
        "Fri 08:00–09:00. newly open (none before): forecast from the weeks since: Mon, Tue, "
        "Wed, Thu, Fri 18:00–20:00."
    )


def test_a_queue_that_opened_last_week_keeps_its_quiet_first_and_last_quarter_hours(tmp_path):
    # An export of nine weeks of zero rows, then a week of weekdays 08:00-18:00: 3 contacts a
    # quarter hour, 1.5 in the first (08:00) and last three (17:15-18:00), the quiet edges.
    rng = np.random.default_rng(11)
    days = pd.date_range("2026-09-28", periods=68)
    rates = np.zeros(QUARTERS)
    rates[EIGHT:72] = 3.0
    rates[[EIGHT, 69, 70, 71]] = 1.5
    values = np.zeros((68, QUARTERS))
    week = np.arange(63, 68)
    values[week] = rng.poisson(rates, (5, QUARTERS))
    busy = values[week] > 0
    assert values[week][:, [EIGHT, 69, 70, 71]].sum() == 27
    assert values.sum() == 541 and busy.sum() == 182
    times = days.repeat(QUARTERS) + pd.to_timedelta(np.tile(np.arange(QUARTERS) * 15, 68), "min")
    export = tmp_path / "new.csv"
    pd.DataFrame({"interval_start": times, "calls": values.ravel().astype(int)}).to_csv(
        export, index=False
    )
    result = forecast_dataset(import_files([export]), 7, ForecastSettings(country=None))
    # Before: the import's hours, learned over the zeros too, held none of its slots; widened to
    # the span of its contacts less 2% at either edge, Mon-Fri 08:15-17:45, 08:00 closed every
    # day (15 of the 20 edge quarter hours open), 530 contacts forecast for its week of 541,
    # with a note that '541 of its 541 contacts arrived outside the open hours learned from
    # it'. Now learned from its week, as when the export starts with it: 08:00-18:00, 541.
    forecast = result.forecast.sort_values("interval_start")
    by_weekday = forecast.sort_values(
        "interval_start", key=lambda t: t.dt.day_of_week, kind="stable"
    )
    is_open = by_weekday["is_open"].to_numpy().reshape(7, QUARTERS)[:5]  # Mon-Fri
    assert is_open[busy].all()
    assert is_open[:, [EIGHT, 69, 70, 71]].sum() == 20
    assert forecast["forecast"].sum() == pytest.approx(541)
    assert not any("outside the open hours" in note for note in result.notes)
