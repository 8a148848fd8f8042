"""Forecast probes: a day after a holiday lies at most a long weekend past it, so a weekend-only
desk's Saturday five days after Easter Monday is an ordinary Saturday while a Monday-to-Friday
desk's Monday after a Friday holiday and a Monday-to-Thursday desk's Monday after Ascension
Day keep theirs; the Forecast page's special-days caption names the days not seen in the
history yet, and says nothing of them when there are none (it opened 'Learned from 0 days: ...'
whatever the table held); a desk closed on every working day between Christmas and New Year
last year is told which of those days the forecast keeps open (26 and 31 December, learned with
all days after a holiday and eves) and how to mark them closed, and an export without rows
that week learns its days between Christmas and New Year closed as one with zeros does; nothing
where it worked that week or the days are marked; a regional holiday that opens such a break
names no region, while one kept with its bridge day still does."""

from __future__ import annotations

import numpy as np
import pandas as pd
from test_app_pages import assert_clean, go, open_app, table

from data.schema import INTERVAL_START, QUEUE, VOLUME
from forecasting import ForecastSettings, forecast_dataset
from forecasting.calendar import (
    AFTER_HOLIDAY,
    AFTER_HOLIDAY_BREAK,
    AFTER_QUIET_HOLIDAY,
    HOLIDAY,
    NORMAL,
    day_kinds,
    holiday_rows,
)
from forecasting.history import history_from_intervals
from forecasting.regions import regional_holiday_note
from forecasting.year_end import year_end_closure_note

FIRST_MONDAY = pd.Timestamp("2024-03-25")


def _kind_on(kinds: np.ndarray, date: str) -> int:
    return int(kinds[(pd.Timestamp(date) - FIRST_MONDAY).days])


def test_a_day_after_a_holiday_is_at_most_a_long_weekend_past_it():
    # France 2024: Easter Monday 1 Apr, Labour Day Wed 1 May, Ascension Day Thu 9 May.
    weekend_only = day_kinds(FIRST_MONDAY, 60, np.array([0, 0, 0, 0, 0, 1, 1], bool), "FR")
    assert _kind_on(weekend_only, "2024-04-01") == HOLIDAY
    # Sat 6 Apr, four working days past Easter Monday (before: 'Day after Easter Monday').
    assert _kind_on(weekend_only, "2024-04-06") == NORMAL
    # Sat 4 May, two days past Labour Day, is still the day after it.
    assert _kind_on(weekend_only, "2024-05-04") == AFTER_QUIET_HOLIDAY
    weekdays = day_kinds(FIRST_MONDAY, 60, np.array([1, 1, 1, 1, 1, 0, 0], bool), "FR")
    assert _kind_on(weekdays, "2024-04-02") == AFTER_HOLIDAY
    # Mon 13 May, past Ascension Day, its bridge Friday and the weekend.
    assert _kind_on(weekdays, "2024-05-13") == AFTER_HOLIDAY_BREAK
    four_days = day_kinds(FIRST_MONDAY, 60, np.array([1, 1, 1, 1, 0, 0, 0], bool), "FR")
    # Mon 13 May, past Ascension Day and the desk's three-day weekend.
    assert _kind_on(four_days, "2024-05-13") == AFTER_HOLIDAY_BREAK


def test_the_special_days_caption_speaks_of_unseen_days_only_where_there_are_some(picco_home):
    # Three weeks from 23 Nov 2026 on the sample's phone queue: every special day was seen.
    # The caption opened 'Learned from 0 days: ...' all the same, read as said of the table.
    app = go(open_app(horizon_days=21), "forecast")
    app.selectbox(key="queue").set_value("phone").run()
    assert_clean(app)
    special, _ = table(app, "special_day", "effect", "learned_from_days")
    assert (special["learned_from_days"] > 0).all()
    caption = next(item.value for item in app.caption if "volume ratio" in item.value)
    assert "Learned from 0 days" not in caption
    assert "Not seen in your history yet" not in caption
    assert "The day after a holiday that fell on a day you are quiet" in caption


def _desk(closed: list[str], export_rows: bool = False) -> pd.DataFrame:
    """A Monday-to-Friday desk of 10 contacts a half hour 09:00-17:00 from Mon 2 Oct 2023 to
    Sat 14 Dec 2024, closed on France's holidays and the `closed` dates; with `export_rows`
    as a per-contact export counts it, with no row where nobody called."""
    times = pd.date_range("2023-10-02", periods=440 * 48, freq="30min")
    hour = times.hour + times.minute / 60
    volume = np.where((times.day_of_week < 5) & (hour >= 9) & (hour < 17), 10.0, 0.0)
    holidays = holiday_rows(pd.Timestamp("2023-10-02"), 440, "FR")
    shut = holidays[(times.normalize() - pd.Timestamp("2023-10-02")).days]
    shut |= times.normalize().isin(pd.to_datetime(closed))
    frame = pd.DataFrame({INTERVAL_START: times, QUEUE: "desk", VOLUME: np.where(shut, 0, volume)})
    return frame[frame[VOLUME] > 0] if export_rows else frame


CHRISTMAS_BREAK = [f"2023-12-{day}" for day in (26, 27, 28, 29)]


def test_a_christmas_break_seen_last_year_is_named_where_the_forecast_keeps_it_open():
    # Closed Tue 26 to Fri 29 Dec 2023 (Christmas Day and New Year's Day are holidays): 27 and
    # 30 Dec 2024 are forecast closed, learned from 27-29 Dec 2023, but Thu 26 Dec 2024 (a day
    # after a holiday, pooled with 6 open ones and clipped at x0.8) and Tue 31 Dec (an eve,
    # never seen on a working day) are forecast at a usual 160 contacts, without a word.
    result = forecast_dataset(_desk(CHRISTMAS_BREAK), 28, ForecastSettings(country="FR"))
    days = result.days.set_index("date")["forecast_contacts"]
    assert days[pd.Timestamp("2024-12-26")] == 160
    assert days[pd.Timestamp("2024-12-31")] == 160
    notes = [note for note in result.notes if "between Christmas and New Year" in note]
    assert notes == [
        "desk: closed on every working day between Christmas and New Year in 2023 (Tue 26 Dec "
        "to Fri 29 Dec 2023), yet Thu 26 Dec and Tue 31 Dec 2024 are forecast open: each takes "
        "the effect learned from all past days of its kind (days after a holiday, eves), not "
        "from that break alone. If the desk closes again, add a planned campaign of -100% on "
        "those days (Forecast page, Events), or set their contacts to 0 in the forecast file "
        "before staffing it."
    ]


def test_a_christmas_break_without_rows_in_the_export_is_learned_as_with_zeros():
    # A per-contact export has no row from Fri 22 Dec 2023 evening to Tue 2 Jan 2024. The day
    # after Christmas, no special day of its own, broke that gap into unknown days: 27-29 Dec
    # were 'none seen: an ordinary day' and 27 and 30 Dec 2024 forecast at 160, Christmas Day
    # and New Year's Day left out of the holidays learned (9 days, not 11).
    result = forecast_dataset(_desk(CHRISTMAS_BREAK, True), 28, ForecastSettings(country="FR"))
    special = result.special_days.set_index("date")
    for day in ("2024-12-27", "2024-12-30"):
        assert special.loc[pd.Timestamp(day), "effect"] == 0
        assert special.loc[pd.Timestamp(day), "learned_from_days"] == 3
    assert special.loc[pd.Timestamp("2024-12-25"), "learned_from_days"] == 11
    notes = [note for note in result.notes if "between Christmas and New Year" in note]
    assert len(notes) == 1
    assert "yet Thu 26 Dec and Tue 31 Dec 2024 are forecast open" in notes[0]


def test_no_note_where_last_year_was_worked_or_the_days_are_marked_closed():
    ahead = np.ones(28, dtype=bool)
    worked = history_from_intervals(_desk(CHRISTMAS_BREAK[:-1]), "desk")  # open Fri 29 Dec
    assert year_end_closure_note(worked, ahead, "FR") is None
    broken = history_from_intervals(_desk(CHRISTMAS_BREAK), "desk")
    assert year_end_closure_note(broken, ahead, "FR") is not None
    # Campaigns of -100% on 26, 27, 30 and 31 Dec 2024 (horizon days 11, 12, 15 and 16 from
    # Sun 15 Dec).
    marked = ahead.copy()
    marked[[11, 12, 15, 16]] = False
    assert year_end_closure_note(broken, marked, "FR") is None
    assert year_end_closure_note(broken, ahead, None) is None


def test_a_closure_starting_on_a_regional_holiday_names_no_region():
    # Closed Tue 26 to Fri 29 Dec 2023: Tue 26 Dec, Saint Stephen's Day in Alsace-Moselle only,
    # opens a four-day closure (before: 'closed on Tue 26 Dec 2023, Saint Stephen's Day - in
    # France a holiday only in Moselle (57), Alsace (6AE) ... set the holiday region ...' beside
    # the note on the break, the day before it being open).
    broken = history_from_intervals(_desk(CHRISTMAS_BREAK), "desk")
    assert regional_holiday_note(broken, 28, "FR") is None
    # Closed on the holiday and the day after it only, as a desk keeping it with a bridge: a
    # sign of the holiday still.
    bridged = history_from_intervals(_desk(CHRISTMAS_BREAK[:2]), "desk")
    note = regional_holiday_note(bridged, 28, "FR")
    assert note is not None
    assert "closed on Tue 26 Dec 2023, Saint Stephen's Day" in note
