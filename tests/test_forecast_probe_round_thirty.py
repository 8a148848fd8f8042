"""Forecast probes: a day after a holiday lies at most a long weekend past it, so a weekend-only
desk's Saturday five days after Easter Monday is an ordinary Saturday while a Monday-to-Friday
desk's Monday after a Friday holiday and a Monday-to-Thursday desk's Monday after Ascension
Day keep theirs."""

from __future__ import annotations

import numpy as np
import pandas as pd

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
