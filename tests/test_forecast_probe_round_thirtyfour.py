"""Forecast probes on open hours, notes and bridges: a night desk whose daytime slots see a stray
contact on a few percent of days (AXA's night queue, 3-7% of some 150 days per slot) is closed
there, no longer staffed at the one-agent minimum in each of those slots, while a queue open
around the clock keeps its quiet night (with half its weeks lost, or one weekday's night just
short of the cover by chance), a sparse desk its hours and a slot busy on a fair share of days
stays open; a sparse desk (8 weeks at 2 contacts an hour) closing half an hour early on Fridays
is read closed then, as the other weekdays' contacts in that half hour tell, where the Friday's
own last hour alone was too few to; a note's span of days over a new year names the first
day's year, and a queue stopped for years counts its days as every note does; a history ending
on New Year's Eve, the desk closed early, is not read as an export cut short; and a desk that
closed on Ascension's bridge Friday every year, and worked its other bridges, has the next one
forecast closed."""

from __future__ import annotations

import holidays
import numpy as np
import pandas as pd
import pytest

from data.importer import import_files
from data.open_hours import learn_open_slots
from forecasting import ForecastSettings, forecast_dataset
from forecasting.api import _history_has, _stopped_note
from forecasting.data_end import DataEnd, cut_day_ends
from forecasting.history import QueueHistory
from forecasting.recent_run import RecentRun, recent_run_note

HALF_HOURS = 48


def _night_desk(weeks: int, stray_share: float, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """(days x half hours) from a Monday: some 5 contacts a half hour from 22:00 to 08:00 every
    day, and in each daytime half hour a stray contact on `stray_share` of the days."""
    rng = np.random.default_rng(seed)
    weekdays = np.arange(weeks * 7) % 7
    night = np.r_[0:16, 44:48]
    volume = (rng.random((weeks * 7, HALF_HOURS)) < stray_share).astype(float)
    volume[:, night] = rng.poisson(5.0, (weeks * 7, night.size))
    return volume, weekdays


def test_a_night_desks_stray_daytime_contacts_open_no_slot():
    volume, weekdays = _night_desk(weeks=150, stray_share=0.03)
    learned = learn_open_slots(volume, weekdays, 30)
    # Before: 185 of the 196 daytime slots open (each hit on 3% of days, above the 2% stray
    # share), each staffed at one agent for a thirtieth of a contact.
    assert learned[:, 16:44].sum() == 0
    assert learned[:, :16].all() and learned[:, 44:].all()
    # Contacts on a fair share of days are no strays: one daytime half hour busy on 30% of
    # Mondays stays open.
    volume[weekdays == 0, 24] = np.random.default_rng(5).random(150) < 0.3
    assert learn_open_slots(volume, weekdays, 30)[0, 24]


def test_a_queue_open_around_the_clock_keeps_its_quiet_night():
    # Busy 06:00-23:00, a contact in a night half hour on 6% of days: the four hours from
    # midnight see a contact on some 39% of the days, so the night is part of its cover.
    rng = np.random.default_rng(8)
    weekdays = np.arange(150 * 7) % 7
    volume = (rng.random((150 * 7, HALF_HOURS)) < 0.06).astype(float)
    volume[:, 12:46] = rng.poisson(5.0, (150 * 7, 34))
    assert learn_open_slots(volume, weekdays, 30).all()
    # Half its weeks lost from the export: the nights are judged on the days it has rows for
    # (before: on all days, the lost ones as nights without contacts, so the night read as
    # no part of the cover and 60 of its slots were closed as strays).
    volume[np.repeat(np.arange(150) % 2 == 1, 7)] = np.nan
    assert learn_open_slots(volume, weekdays, 30).all()


def test_a_weekday_whose_night_falls_just_short_of_the_cover_keeps_it():
    # Busy 07:00-23:00, a night contact in 5% of half hours: the four hours from midnight see
    # one on some 34% of days, 31-39% on six weekdays here, but on 24.7% of the Sundays (before:
    # Sunday 00:00-07:00 closed as strays while the six other nights stayed open).
    rng = np.random.default_rng(7)
    weekdays = np.arange(150 * 7) % 7
    volume = (rng.random((150 * 7, HALF_HOURS)) < 0.05).astype(float)
    volume[:, 14:46] = rng.poisson(5.0, (150 * 7, 32))
    assert learn_open_slots(volume, weekdays, 30).all()


def test_a_sparse_desk_keeps_its_hours():
    # A contact a day spread over Mon-Fri 09:00-17:00: each half hour hit on some 6% of days,
    # as few as the night desk's strays, but no slot of it is hit more often.
    rng = np.random.default_rng(4)
    weekdays = np.arange(150 * 7) % 7
    volume = np.zeros((150 * 7, HALF_HOURS))
    working = np.flatnonzero(weekdays < 5)
    np.add.at(volume, (working, rng.integers(18, 34, working.size)), 1)
    learned = learn_open_slots(volume, weekdays, 30)
    assert learned[:5, 18:34].all() and not learned[5:].any()


def test_axas_night_queue_is_open_at_night_only(shared_data):
    dataset = import_files([shared_data / "axa" / "series" / "Nuit.csv"])
    opened = dataset.open_hours[dataset.open_hours["is_open"]]
    minute = opened["minute_of_day"]
    # Before: 324 of 336 weekly slots open, 177 of them from 09:00 to 22:30, hit on 0-9% of
    # days each.
    assert len(opened) == 142
    assert not ((minute >= 9 * 60) & (minute < 22 * 60 + 30)).any()
    night = opened[(minute < 8 * 60) | (minute >= 23 * 60)]
    assert len(night) == 7 * 18
    assert (
        "Open hours of 'Nuit': 142 of 336 weekly 30-minute slots are open; 1,120 contact(s) "
        "arrived in closed slots (kept)."
    ) in dataset.notes


@pytest.mark.parametrize(
    ("queue", "open_slots"),
    [("Gestion DZ", 82), ("Manager", 206), ("Gestion Amex", 96), ("Regulation Medicale", 336)],
)
def test_axas_low_volume_and_round_the_clock_queues_keep_their_hours(
    shared_data, queue, open_slots
):
    dataset = import_files([shared_data / "axa" / "series" / f"{queue}.csv"])
    assert int(dataset.open_hours["is_open"].sum()) == open_slots


QUARTERS = 96
EIGHT_AM, FIVE_THIRTY_PM, SIX_PM = 32, 70, 72


def _desk_closing_early_on_fridays(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(days x quarter hours) over 8 weeks from a Monday: some 2 contacts an hour (Poisson),
    Mon-Thu 08:00-18:00 and Friday 08:00-17:30."""
    rng = np.random.default_rng(seed)
    weekdays = np.arange(8 * 7) % 7
    volume = rng.poisson(0.5, (8 * 7, QUARTERS)).astype(float)
    hours = np.zeros((7, QUARTERS), dtype=bool)
    hours[:4, EIGHT_AM:SIX_PM] = True
    hours[4, EIGHT_AM:FIVE_THIRTY_PM] = True
    return np.where(hours[weekdays], volume, 0.0), weekdays


def test_a_sparse_desks_friday_closing_half_an_hour_early_is_read_closed_then():
    learned = [learn_open_slots(*_desk_closing_early_on_fridays(seed), 15) for seed in range(40)]
    # Before: 7 of the 40 Fridays read open to 18:00 and staffed so. Their last hour held 9 to
    # 11 contacts: an empty half hour after it, were it open, a chance of (2/3)^10 = 0.017
    # (binomial, 2 slots of 6), above the bar. The other weekdays' same half hour held 31 to 37
    # contacts where Friday brings 22% of what they do together: 0.78^31 = 0.0005.
    assert sum(table[4, FIVE_THIRTY_PM:].any() for table in learned) == 0
    fridays_right = [
        np.flatnonzero(table[4]).tolist() == list(range(EIGHT_AM, FIVE_THIRTY_PM))
        for table in learned
    ]
    assert sum(fridays_right) == 39  # before: 32
    # Mon-Thu read as they are, 08:00-18:00, in all 40 (before: all 40 too).
    for table in learned:
        for day in range(4):
            assert np.flatnonzero(table[day]).tolist() == list(range(EIGHT_AM, SIX_PM))


def _history_from(first_day: str, days: int) -> QueueHistory:
    """A queue of 10 contacts in each of its 24 hourly slots every day from `first_day`."""
    return QueueHistory(
        "desk", 60, pd.Timestamp(first_day), np.full((days, 24), 10.0), np.ones((7, 24), bool)
    )


def test_a_span_of_days_over_a_new_year_names_both_years():
    # Evenements (AXA) read 'it has 957 days (1 Mar – 12 Oct 2013), 19 of them with data', its
    # days running from 1 Mar 2011; now '(1 Mar 2011 – 12 Oct 2013)'.
    assert _history_has(_history_from("2023-12-20", 17)) == (
        "it has 17 days, all with data (20 Dec 2023 – 5 Jan 2024)"
    )
    assert _history_has(_history_from("2024-03-01", 17)) == (
        "it has 17 days, all with data (1 Mar – 17 Mar 2024)"
    )
    note = recent_run_note(_history_from("2023-11-01", 67), RecentRun(60, 66, 7, 2.0, 1.8))
    assert note.startswith("desk: Sun 31 Dec 2023 – Sat 6 Jan 2024, 7 open days at the end")


def _desk_ending(last_day: str) -> pd.DataFrame:
    """Mon-Fri 08:00-19:00, 20 contacts an hour, for 8 weeks to `last_day`, whose contacts stop
    at 16:00 (its last three hours listed at 0)."""
    days = pd.date_range(pd.Timestamp(last_day) - pd.Timedelta(weeks=8), last_day)
    days = days[days.day_of_week < 5]
    times = (days.values[:, None] + pd.to_timedelta(np.arange(8, 19), unit="h").values).ravel()
    times = pd.DatetimeIndex(times)
    volume = np.where((times.normalize() == last_day) & (times.hour >= 16), 0.0, 20.0)
    return pd.DataFrame({"interval_start": times, "queue": "desk", "volume": volume})


def test_a_history_ending_on_new_years_eve_closed_early_is_no_export_cut_short():
    eve = _desk_ending("2024-12-31")
    quick = ForecastSettings(country="FR", model="historical_average_4w", n_origins=1)
    result = forecast_dataset(eve, 7, quick)
    # Before: 'desk: no contact from Tue 31 Dec 2024 16:00 to the end of the data, where about
    # 60 are usual at those times: read as missing (an export cut short), and forecast.', the
    # forecast starting at 16:00 on the eve.
    assert not [note for note in result.notes if "cut short" in note]
    assert result.forecast["interval_start"].min() == pd.Timestamp("2025-01-01")
    # Without a holiday calendar, as on an ordinary Tuesday, the day is read as cut short.
    for frame, country in ((eve, None), (_desk_ending("2024-12-10"), "FR")):
        cut, notes = cut_day_ends(frame, country)
        assert cut["volume"].isna().sum() == 3
        assert notes[0].endswith(
            "16:00 to the end of the data, where about 60 are usual at those times: read as "
            "missing (an export cut short), and forecast."
        )


def test_a_queue_stopped_for_years_counts_its_days_as_every_note_does():
    history = _history_from("2011-01-01", 1096)
    note = _stopped_note(
        history, DataEnd(last_day=1095, zero_days=0, gap_days=0, stopped_days=1076)
    )
    # AXA's Gestion Renault read '(1076 days)'.
    assert "from Fri 21 Jan 2011 to Tue 31 Dec 2013 (1,076 days), longer than" in note


def _desk_closed_on_ascensions_bridge() -> pd.DataFrame:
    """A French Mon-Fri desk, 08:00-18:00 half hours at some 20 contacts each (Poisson), from
    Mon 2 Jan 2023 to Sun 18 May 2025, with no rows on holidays and on the Fridays after
    Ascension Day (19 May 2023, 10 May 2024), its other bridge days worked as usual."""
    days = pd.date_range("2023-01-02", "2025-05-18")
    shut = set(pd.DatetimeIndex(list(holidays.country_holidays("FR", years=[2023, 2024]))))
    shut |= {pd.Timestamp("2023-05-19"), pd.Timestamp("2024-05-10")}
    days = days[(days.day_of_week < 5) & ~days.isin(list(shut))]
    times = days.values[:, None] + pd.to_timedelta(np.arange(16, 36) * 30, unit="min").values
    times = pd.DatetimeIndex(times.ravel())
    calls = np.random.default_rng(2).poisson(20, times.size)
    return pd.DataFrame({"interval_start": times, "queue": "desk", "volume": calls})


def test_a_bridge_day_closed_every_year_is_forecast_closed():
    quick = ForecastSettings(country="FR", model="combination_glm", n_origins=1)
    result = forecast_dataset(_desk_closed_on_ascensions_bridge(), 14, quick)
    special = result.special_days.set_index("date")
    bridge = special.loc[pd.Timestamp("2025-05-30")]
    # Before: 402 contacts, x1.02 'all past bridge days after a holiday' (5 days: the two
    # closed Fridays and three worked bridges), staffed as a usual Friday.
    assert bridge["forecast_contacts"] == 0 and bridge["effect"] == 0
    assert bridge["learned_from_days"] == 2
    assert bridge["learned_from"] == (
        "bridge days after Ascension Day in past years: closed each time"
    )
    day = result.forecast[result.forecast["interval_start"].dt.normalize() == "2025-05-30"]
    assert day["forecast"].sum() == 0
    # The Friday before, no bridge, keeps its usual level of some 400.
    friday = result.forecast[result.forecast["interval_start"].dt.normalize() == "2025-05-23"]
    assert friday["forecast"].sum() == pytest.approx(400, rel=0.05)
