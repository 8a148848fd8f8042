"""Holidays, the days after them and year-end eves: which days, and effects learned from history."""

import numpy as np
import pandas as pd
import pytest

from data.errors import InputError
from forecasting import calendar
from forecasting.calendar import (
    AFTER_HOLIDAY,
    AFTER_HOLIDAY_BREAK,
    AFTER_QUIET_HOLIDAY,
    BRIDGE_AFTER,
    BRIDGE_BEFORE,
    BRIDGES,
    HOLIDAY,
    NORMAL,
    YEAR_END_EVE,
    YEAR_END_WEEK,
    busy_weekdays,
    day_kinds,
    holiday_day_names,
    holiday_ratios_by_name,
    learn_effects,
)
from forecasting.history import history_from_intervals
from forecasting.synthetic import synthetic_intervals

WEEKDAYS_OPEN = np.array([True] * 5 + [False] * 2)


def test_italian_holidays_bridges_and_next_open_day():
    # 2024-04-25 (Liberazione) is a Thursday: Friday 26th is the bridge to the weekend, so what
    # the holiday held back is looked for on Monday 29th. 2024-05-01 is a Wednesday: no bridge.
    kinds = day_kinds(pd.Timestamp("2024-04-22"), 14, WEEKDAYS_OPEN, "IT")
    days = pd.date_range("2024-04-22", periods=14)
    labelled = dict(zip(days.strftime("%m-%d"), kinds, strict=True))
    assert labelled["04-25"] == HOLIDAY and labelled["05-01"] == HOLIDAY
    assert labelled["04-26"] == BRIDGE_AFTER
    # Monday 29th comes after the bridge and a weekend, Thursday 2 May straight after the
    # holiday: the two kinds of day after, learned apart.
    assert labelled["04-29"] == AFTER_HOLIDAY_BREAK and labelled["05-02"] == AFTER_HOLIDAY
    assert (kinds == NORMAL).sum() == 9


def test_monday_before_a_tuesday_holiday_is_a_bridge():
    # 2023-08-15 (Ferragosto) is a Tuesday, so Monday 14th is the bridge; with the weekend busy
    # there is no bridge at all.
    kinds = day_kinds(pd.Timestamp("2023-08-07"), 14, WEEKDAYS_OPEN, "IT")
    assert kinds[7] == BRIDGE_BEFORE and kinds[8] == HOLIDAY and kinds[9] == AFTER_HOLIDAY
    every_day = day_kinds(pd.Timestamp("2023-08-07"), 14, np.ones(7, bool), "IT")
    assert every_day[7] == NORMAL


def test_a_holiday_on_a_quiet_weekday_makes_no_bridge():
    # A Saturday-only queue under the Italian calendar: National Unity Day falls on Sunday
    # 2022-11-06 and Epiphany on Friday 2023-01-06. Neither is a day the queue would have been
    # busy, so Saturdays 2022-11-05 and 2023-01-07 are no bridges: each is the first Saturday
    # after a holiday (All Saints' Day on Tuesday, Epiphany) on a day the queue is closed, which
    # held nothing back, so they are days after a quiet-day holiday.
    saturdays_only = np.array([False] * 5 + [True, False])
    first = pd.Timestamp("2022-10-31")
    kinds = day_kinds(first, 70, saturdays_only, "IT")
    days = pd.date_range(first, periods=70)
    labelled = dict(zip(days.strftime("%Y-%m-%d"), kinds, strict=True))
    assert labelled["2022-11-06"] == HOLIDAY and labelled["2023-01-06"] == HOLIDAY
    assert labelled["2022-11-05"] == AFTER_QUIET_HOLIDAY
    assert labelled["2023-01-07"] == AFTER_QUIET_HOLIDAY
    assert not np.isin(kinds, BRIDGES).any()


def _bridge_history(bridge_share: float) -> tuple:
    """Two Italian years open Monday to Friday at 100 a day, each bridge day at `bridge_share`."""
    days = pd.date_range("2022-01-03", "2023-12-29")
    kinds = day_kinds(days[0], days.size, WEEKDAYS_OPEN, "IT")
    open_day = (days.day_of_week < 5) & (kinds != HOLIDAY)
    daily = np.where(open_day, 100.0, 0.0) * np.where(np.isin(kinds, BRIDGES), bridge_share, 1.0)
    slots = pd.DataFrame(
        {
            "interval_start": np.repeat(days, 2)
            + np.tile(pd.to_timedelta([9, 10], unit="h"), days.size),
            "queue": "q",
            "volume": np.repeat(daily / 2, 2),
        }
    )
    history = history_from_intervals(slots[slots["volume"] > 0], "q", 60)
    return history, day_kinds(history.first_day, history.n_days, WEEKDAYS_OPEN, "IT")


def test_bridge_effects_learned_from_past_bridges():
    # Italy 2022-2023, weekends closed: bridges after a holiday on Fri 2022-01-07, 2022-06-03 and
    # 2022-12-09, before one on Mon 2022-10-31, 2023-04-24 and 2023-08-14. Worked at 40%, they
    # are learned as 0.4 on either side.
    history, kinds = _bridge_history(0.4)
    effects = learn_effects(history, kinds)
    assert effects.bridges_after_seen >= 2 and effects.bridges_before_seen >= 2
    assert effects.bridge_after_ratio == pytest.approx(0.4)
    assert effects.bridge_before_ratio == pytest.approx(0.4)


def test_bridges_closed_in_a_per_contact_export_are_learned_as_closures():
    history, kinds = _bridge_history(0.0)  # no row at all on bridge days
    effects = learn_effects(history, kinds)
    assert effects.bridge_after_ratio == 0.0 and effects.bridge_before_ratio == 0.0


def test_day_after_a_friday_holiday_is_the_next_open_monday():
    # 2023-12-08 (Immacolata) is a Friday; with weekends closed the after-day is Monday 11th.
    kinds = day_kinds(pd.Timestamp("2023-12-04"), 14, WEEKDAYS_OPEN, "IT")
    assert kinds[4] == HOLIDAY
    assert kinds[5] == NORMAL and kinds[6] == NORMAL
    assert kinds[7] == AFTER_HOLIDAY_BREAK


def test_after_a_friday_holiday_a_quiet_open_saturday_is_skipped():
    # Open every day but busy Monday to Friday: what a Friday holiday holds back arrives on
    # Monday (2023-12-11), not on the quiet Saturday.
    every_day = np.ones(7, bool)
    busy = np.array([True] * 5 + [False] * 2)
    plain = day_kinds(pd.Timestamp("2023-12-04"), 14, every_day, "IT")
    skipping = day_kinds(pd.Timestamp("2023-12-04"), 14, every_day, "IT", None, busy)
    assert plain[5] == AFTER_HOLIDAY
    assert skipping[5] == NORMAL and skipping[6] == NORMAL and skipping[7] == AFTER_HOLIDAY_BREAK


def test_year_end_eves_and_the_days_after_the_holidays():
    kinds = day_kinds(pd.Timestamp("2024-12-23"), 11, WEEKDAYS_OPEN, "IT")
    dates = pd.date_range("2024-12-23", periods=11).strftime("%m-%d")
    labelled = dict(zip(dates, kinds, strict=True))
    assert labelled["12-24"] == YEAR_END_EVE and labelled["12-31"] == YEAR_END_EVE
    assert labelled["12-25"] == HOLIDAY and labelled["12-26"] == HOLIDAY
    assert labelled["01-01"] == HOLIDAY
    # The working days between Christmas and New Year's Eve are the year-end week (Friday 27th
    # would otherwise bridge Santo Stefano to the weekend); after New Year's Day, Thursday 2nd.
    assert labelled["12-27"] == YEAR_END_WEEK and labelled["12-30"] == YEAR_END_WEEK
    assert labelled["01-02"] == AFTER_HOLIDAY
    assert labelled["12-23"] == NORMAL
    # Where Christmas is no public holiday, those are ordinary days.
    israel = day_kinds(pd.Timestamp("2024-12-23"), 11, WEEKDAYS_OPEN, "IL")
    assert YEAR_END_WEEK not in israel and YEAR_END_EVE in israel
    # Closed on an eve's weekday (2023-12-24 is a Sunday): nothing to mark.
    assert YEAR_END_EVE not in day_kinds(pd.Timestamp("2023-12-24"), 1, WEEKDAYS_OPEN, "IT")
    # No holiday calendar, no eves either.
    assert (day_kinds(pd.Timestamp("2024-12-23"), 11, WEEKDAYS_OPEN, None) == NORMAL).all()


def test_busy_weekdays_are_those_with_half_the_busiest_volume():
    frame = synthetic_intervals(7 * 8, seed=2, level=60)  # Mon 1.3 .. Fri 0.8, weekend closed
    fridays = frame["interval_start"].dt.day_of_week == 4
    frame.loc[fridays, "volume"] *= 0.4  # Friday 0.32 of Monday's 1.3: below half
    history = history_from_intervals(frame, "desk")
    assert busy_weekdays(history).tolist() == [True] * 4 + [False] * 3


def test_regional_holiday_needs_the_subdivision():
    # 2024-06-29, Saints Peter and Paul: a holiday in Rome (RM) only.
    national = day_kinds(pd.Timestamp("2024-06-29"), 1, np.ones(7, bool), "IT")
    rome = day_kinds(pd.Timestamp("2024-06-29"), 1, np.ones(7, bool), "IT", "RM")
    assert national[0] == NORMAL and rome[0] == HOLIDAY


def test_no_country_means_no_special_days():
    assert (day_kinds(pd.Timestamp("2024-01-01"), 10, WEEKDAYS_OPEN, None) == NORMAL).all()


def test_unknown_country_is_an_input_error():
    with pytest.raises(InputError, match=r"^Unknown holiday country 'XX': use an ISO code"):
        day_kinds(pd.Timestamp("2024-01-01"), 10, WEEKDAYS_OPEN, "XX")
    with pytest.raises(InputError, match=r"^Unknown holiday region 'ZZ' of IT: .*\(AG, AL, "):
        day_kinds(pd.Timestamp("2024-01-01"), 10, WEEKDAYS_OPEN, "IT", "ZZ")


def test_effects_learned_from_history():
    frame = synthetic_intervals(7 * 20, seed=4, level=60)  # 2024-01-01 .. 2024-05-19
    days = frame["interval_start"].dt.normalize()
    # Holidays at 10% of a normal day, the day after at 150% (after Thursday 25 April, Monday
    # 29th: Friday 26th is a bridge).
    frame.loc[days.isin(pd.to_datetime(["2024-01-01", "2024-04-01", "2024-04-25"])), "volume"] *= (
        0.1
    )
    frame.loc[days.isin(pd.to_datetime(["2024-01-02", "2024-04-02", "2024-04-29"])), "volume"] *= (
        1.5
    )
    history = history_from_intervals(frame, "desk")
    kinds = day_kinds(history.first_day, history.n_days, history.open_mask.any(axis=1), "IT")
    effects = learn_effects(history, kinds)
    # Jan 1, Easter Monday Apr 1, Apr 25, May 1 fall on open days; May 1 was left normal.
    assert effects.holidays_seen == 4
    assert effects.holiday_ratio == pytest.approx(0.1, abs=0.05)
    assert effects.after_holiday_ratio == pytest.approx(1.5, abs=0.1)


def test_a_ratio_is_pulled_toward_one_as_far_as_its_contacts_are_too_few():
    # Posterior mean with real effects spread 0.2 around 1: N / (N + 1 / 0.2^2) of the way.
    assert calendar._shrunk_to_one(2.0, 10) == pytest.approx(1 + 10 / 35)
    assert calendar._shrunk_to_one(0.5, 25) == pytest.approx(0.75)
    assert calendar._shrunk_to_one(2.0, 5_000) == pytest.approx(2.0, abs=0.01)
    assert calendar._shrunk_to_one(1.7, 0) == 1.0


@pytest.mark.parametrize(("level", "kept"), [(0.25, (0.2, 0.7)), (60, (0.98, 1.0))])
def test_days_after_holidays_are_believed_as_far_as_their_contacts_allow(level, kept, monkeypatch):
    # Days after holidays at twice their usual: a desk of 5 contacts a day, one of 1,200.
    frame = synthetic_intervals(7 * 20, seed=4, level=level)  # 2024-01-01 .. 2024-05-19
    after = pd.to_datetime(["2024-01-02", "2024-04-02", "2024-04-29"])
    days = frame["interval_start"].dt.normalize()
    frame["volume"] = frame["volume"].astype(float)
    frame.loc[days.isin(after), "volume"] *= 2.0
    history = history_from_intervals(frame, "desk")
    kinds = day_kinds(history.first_day, history.n_days, history.open_mask.any(axis=1), "IT")
    believed = learn_effects(history, kinds).after_holiday_ratio
    monkeypatch.setattr(calendar, "EFFECT_PRIOR_CONTACTS", 0.0)
    measured = learn_effects(history, kinds).after_holiday_ratio
    assert measured > 1.4  # what the days showed
    share = (believed - 1) / (measured - 1)  # of the measured effect, what is kept
    assert kept[0] < share < kept[1] + 1e-9


def test_without_past_holidays_a_desk_closed_at_weekends_is_closed_on_holidays():
    frame = synthetic_intervals(7 * 6, seed=4, level=60, start="2024-02-05")  # Monday-Friday
    history = history_from_intervals(frame, "desk")
    effects = learn_effects(history, np.zeros(history.n_days, dtype=np.int8))
    assert effects.holidays_seen == 0
    assert effects.holiday_ratio == 0.0  # as on Saturday and Sunday
    assert effects.after_holiday_ratio == 1.0


def test_without_past_holidays_a_desk_open_every_day_sees_them_as_its_quietest_day():
    weekdays = synthetic_intervals(7 * 6, seed=4, level=60, start="2024-02-05")  # Monday-Friday
    # Saturday and Sunday open too, each at a third of the Monday before it, slot by slot.
    mondays = weekdays[weekdays["interval_start"].dt.day_of_week == 0]
    weekend = [
        mondays.assign(
            interval_start=mondays["interval_start"] + pd.Timedelta(days=offset),
            volume=(mondays["volume"] / 3).round(),
        )
        for offset in (5, 6)
    ]
    frame = pd.concat([weekdays, *weekend]).sort_values("interval_start", ignore_index=True)
    days = frame["interval_start"].dt.normalize()
    history = history_from_intervals(frame, "desk")
    assert history.open_mask.any(axis=1).all()
    effects = learn_effects(history, np.zeros(history.n_days, dtype=np.int8))
    totals = frame.groupby(days)["volume"].sum()
    means = totals.groupby(totals.index.day_of_week).mean()
    assert effects.holiday_ratio == pytest.approx(means.min() / means.mean(), rel=1e-6)
    assert 0.2 < effects.holiday_ratio < 0.6


def test_holidays_without_a_single_contact_between_busy_days_are_closures():
    # A per-contact export has no row on a closed holiday: the importer leaves those days
    # missing, and the holiday effect must still come out as "closed", not as a quiet day.
    frame = synthetic_intervals(7 * 20, seed=4, level=60)  # 2024-01-01 .. 2024-05-19
    days = frame["interval_start"].dt.normalize()
    frame.loc[days.isin(pd.to_datetime(["2024-01-01", "2024-04-01", "2024-04-25"])), "volume"] = (
        np.nan
    )
    history = history_from_intervals(frame, "desk")
    kinds = day_kinds(history.first_day, history.n_days, history.open_mask.any(axis=1), "IT")
    effects = learn_effects(history, kinds)
    # Jan 1 is the first day (nothing before it: unknown); Apr 1 and Apr 25 were closed;
    # May 1 was a normal day (ratio about 1): the median of 0, 0, 1 is a closure
    assert effects.holidays_seen == 3
    assert effects.holiday_ratio == 0.0


def test_a_holiday_inside_a_longer_gap_is_not_taken_for_a_closure():
    frame = synthetic_intervals(7 * 20, seed=4, level=60)
    days = frame["interval_start"].dt.normalize()
    frame.loc[(days >= "2024-04-20") & (days <= "2024-04-30"), "volume"] = np.nan  # export gap
    history = history_from_intervals(frame, "desk")
    kinds = day_kinds(history.first_day, history.n_days, history.open_mask.any(axis=1), "IT")
    effects = learn_effects(history, kinds)
    # Jan 1, Easter Monday and May 1 were normal days in this history; Apr 25 is unknown
    assert effects.holidays_seen == 3
    assert effects.holiday_ratio == pytest.approx(1.0, abs=0.15)


def test_eve_effect_learned_from_past_eves():
    # 2024-10-07 .. 2025-01-12: Dec 24 and Dec 31 2024 are Tuesdays, worked at half volume.
    frame = synthetic_intervals(7 * 14, seed=5, level=60, start="2024-10-07")
    days = frame["interval_start"].dt.normalize()
    history = history_from_intervals(frame, "desk")
    kinds = day_kinds(history.first_day, history.n_days, history.open_mask.any(axis=1), "IT")
    ordinary = learn_effects(history, kinds)
    assert ordinary.eves_seen == 2 and ordinary.eve_ratio == pytest.approx(1.0, abs=0.1)
    frame.loc[days.isin(pd.to_datetime(["2024-12-24", "2024-12-31"])), "volume"] *= 0.5
    effects = learn_effects(history_from_intervals(frame, "desk"), kinds)
    assert effects.eves_seen == 2 and effects.eve_ratio == pytest.approx(0.5, abs=0.06)
    # Closed on both eves: a per-contact export has no rows then, and that is a closure.
    frame.loc[days.isin(pd.to_datetime(["2024-12-24", "2024-12-31"])), "volume"] = np.nan
    closed = learn_effects(history_from_intervals(frame, "desk"), kinds)
    assert closed.eves_seen == 2 and closed.eve_ratio == 0.0
    # A history without a single eve leaves them as ordinary days.
    early = history.truncate(7 * 10)
    assert learn_effects(early, kinds[: 7 * 10]).eve_ratio == 1.0


def test_holiday_ratios_by_name_shrink_by_hand():
    # Three holidays seen twice: within-holiday variance (0.02 + 0.02 + 0) / 3 = 0.01333;
    # variance of the means 0.3, 0.9, 0.1 is 0.17333, so between = 0.17333 - 0.01333 / 2
    # = 0.16667 and k = 0.08. Pulled toward 0.3: (0.6 + 0.024) / 2.08 = 0.3,
    # (1.8 + 0.024) / 2.08 = 0.87692, (0.2 + 0.024) / 2.08 = 0.10769.
    names = np.array(["A", "A", "B", "B", "C", "C"])
    ratios = np.array([0.2, 0.4, 0.8, 1.0, 0.1, 0.1])
    by_name = holiday_ratios_by_name(ratios, names, 0.3)
    assert by_name["A"] == (pytest.approx(0.3), 2)
    assert by_name["B"] == (pytest.approx(0.876923, abs=1e-6), 2)
    assert by_name["C"] == (pytest.approx(0.107692, abs=1e-6), 2)


def test_holidays_differing_only_by_noise_share_one_ratio():
    # Means 0.35, 0.3, 0.35 lie closer together than years of one holiday: between < 0.
    names = np.array(["A", "A", "B", "B", "C", "C"])
    assert holiday_ratios_by_name(np.array([0.2, 0.5, 0.1, 0.5, 0.5, 0.2]), names, 0.3) == {}
    # Fewer than three holidays seen twice: nothing to compare.
    assert holiday_ratios_by_name(np.array([0.1, 0.1, 0.9, 0.9]), names[:4], 0.5) == {}


def _three_years_with_holidays(worked: dict[str, float]) -> tuple:
    """A weekday desk 2022-2024 whose IT holidays run at 10% of a usual day, except `worked`."""
    frame = synthetic_intervals(7 * 156, seed=6, level=60, start="2022-01-03")
    history = history_from_intervals(frame, "desk")
    kinds = day_kinds(history.first_day, history.n_days, history.open_mask.any(axis=1), "IT")
    names = holiday_day_names(history.first_day, kinds, "IT")
    days = frame["interval_start"].dt.normalize()
    for row in np.flatnonzero(names != ""):
        on = days == history.first_day + pd.Timedelta(days=int(row))
        frame.loc[on, "volume"] *= worked.get(names[row], 0.1)
    return history_from_intervals(frame, "desk"), kinds, names


def test_a_holiday_the_desk_works_gets_its_own_ratio():
    history, kinds, names = _three_years_with_holidays({"Liberation Day": 0.9})
    effects = learn_effects(history, kinds, names)
    assert effects.holiday_ratio == pytest.approx(0.1, abs=0.03)
    liberation, seen = effects.holiday_effect("Liberation Day")
    assert seen == 3 and liberation == pytest.approx(0.9, abs=0.08)
    assert effects.holiday_effect("Christmas Day")[0] == pytest.approx(0.1, abs=0.03)
    # A holiday the history never saw keeps the common ratio.
    assert effects.holiday_effect("Republic Day 2099") == (
        effects.holiday_ratio,
        effects.holidays_seen,
    )
    # Without names every holiday shares the median.
    assert learn_effects(history, kinds).by_holiday == {}


def test_holidays_alike_keep_one_ratio():
    history, kinds, names = _three_years_with_holidays({})
    effects = learn_effects(history, kinds, names)
    for name in set(names[names != ""]):
        assert effects.holiday_effect(name)[0] == pytest.approx(0.1, abs=0.03)
