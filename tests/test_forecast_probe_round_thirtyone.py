"""Forecast probes: a small desk's weekday whose opening or closing quarter hour stayed empty by
chance in a short history opens and closes with the other weekdays, while a Saturday of its own
hours keeps them and one weekday's stray early contact moves no other weekday's opening."""

from __future__ import annotations

import numpy as np

from data.open_hours import learn_open_slots

SLOTS = 96  # 15-minute slots
EIGHT, NINE, ONE_PM, SIX_PM = 32, 36, 52, 72


def _small_desk(weeks: int) -> tuple[np.ndarray, np.ndarray]:
    """(days x slots) from a Monday: one contact in every quarter hour Mon-Fri 08:00-18:00 and
    Sat 09:00-13:00, none elsewhere."""
    weekdays = np.arange(weeks * 7) % 7
    volume = np.zeros((weeks * 7, SLOTS))
    volume[np.ix_(weekdays < 5, np.arange(EIGHT, SIX_PM))] = 1
    volume[np.ix_(weekdays == 5, np.arange(NINE, ONE_PM))] = 1
    return volume, weekdays


def test_a_closing_quarter_hour_empty_by_chance_closes_with_the_other_weekdays():
    volume, weekdays = _small_desk(weeks=3)
    wednesdays = weekdays == 2
    volume[wednesdays, SIX_PM - 1] = 0  # 17:45 empty on all three Wednesdays
    volume[1, EIGHT - 1] = 1  # a contact at 07:50 on the first Tuesday
    learned = learn_open_slots(volume, weekdays, 15)
    # Before: Wednesday closed at 17:45 and forecast and staffed so. Its last hour held 12
    # contacts, and its 17:45 none: open at that rate, a chance of (4/5)^12 = 0.069 (binomial,
    # 1 slot of 5), far above the bar of 0.01 shared by the two edges judged.
    assert np.flatnonzero(learned[2]).tolist() == list(range(EIGHT, SIX_PM))
    # Tuesday opens at 07:45 for its stray contact (three weeks cannot tell it from a quiet
    # open slot); no other weekday opens there, as one weekday alone is no shared opening.
    assert np.flatnonzero(learned[1]).tolist() == list(range(EIGHT - 1, SIX_PM))
    for weekday in (0, 3, 4):
        assert np.flatnonzero(learned[weekday]).tolist() == list(range(EIGHT, SIX_PM))
    # Saturday opens at 09:00: nothing in 08:00-09:00 against 12 contacts in 09:00-10:00, a
    # chance of (1/2)^12 = 0.0002 were it open, below the bar of 0.005.
    assert np.flatnonzero(learned[5]).tolist() == list(range(NINE, ONE_PM))
    assert not learned[6].any()
