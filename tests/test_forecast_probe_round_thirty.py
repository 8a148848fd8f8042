"""Forecast probes: a day after a holiday lies at most a long weekend past it, so a weekend-only
desk's Saturday five days after Easter Monday is an ordinary Saturday while a Monday-to-Friday
desk's Monday after a Friday holiday and a Monday-to-Thursday desk's Monday after Ascension
Day keep theirs; the Forecast page's special-days caption names the days not seen in the
history yet, and says nothing of them when there are none (it opened 'Learned from 0 days: ...'
whatever the table held)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from test_app_pages import assert_clean, go, open_app, table

from forecasting.calendar import (
    AFTER_HOLIDAY,
    AFTER_HOLIDAY_BREAK,
    AFTER_QUIET_HOLIDAY,
    HOLIDAY,
    NORMAL,
    day_kinds,
)

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
