"""Days as every message writes them: no leading zero on the day of month, weekday first."""

import datetime as dt

import pandas as pd

from data.dates import day_text


def test_a_day_reads_without_a_leading_zero():
    assert day_text(pd.Timestamp("2025-01-07 09:30")) == "Tue 7 Jan"
    assert day_text("2025-01-07", year=True) == "Tue 7 Jan 2025"
    assert day_text(dt.date(2025, 1, 17), year=True) == "Fri 17 Jan 2025"


def test_a_moment_keeps_its_clock_and_the_weekday_can_be_left_out():
    assert day_text(pd.Timestamp("2025-01-07 09:05"), year=True, clock=True) == (
        "Tue 7 Jan 2025 09:05"
    )
    assert day_text(pd.Timestamp("2025-01-07 21:30"), clock=True) == "Tue 7 Jan 21:30"
    assert day_text("2025-03-02", weekday=False) == "2 Mar"
    assert day_text("2025-03-02", year=True, weekday=False) == "2 Mar 2025"
