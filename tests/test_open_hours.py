"""Learning open hours: closed weekday x slots versus slots that are merely missing."""

from __future__ import annotations

import numpy as np

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
    quiet = (weekdays < 5)[:, None] & (np.arange(SLOTS) >= slot(16)) & (np.arange(SLOTS) < slot(17))
    volume[quiet] = 0  # an hour with never a contact, inside opening hours
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
