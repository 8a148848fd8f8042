"""Shift plans: hand-checked covers, pyworkforce's CP-SAT scheduler as a cross-check, caps,
midnight, and one clear message per bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data.errors import InputError
from staffing.shifts import ShiftType, plan_shifts


def _need(values, start="2026-06-01 08:00", minutes=60) -> pd.Series:
    index = pd.date_range(start, periods=len(values), freq=f"{minutes}min")
    return pd.Series(np.asarray(values, dtype=float), index=index)


def test_a_flat_need_is_covered_by_back_to_back_shifts():
    # 1 person from 08:00 to 12:00, 2-hour shifts: 08:00 and 10:00, 4 paid hours, no surplus.
    plan = plan_shifts(_need([1, 1, 1, 1]), 60, [ShiftType("Two hours", 2)])
    assert plan.shifts[["shift_start", "people"]].values.tolist() == [
        [pd.Timestamp("2026-06-01 08:00"), 1],
        [pd.Timestamp("2026-06-01 10:00"), 1],
    ]
    assert plan.paid_hours == 4.0 and plan.needed_hours == 4.0 and plan.efficiency == 1.0
    assert plan.coverage["surplus"].tolist() == [0, 0, 0, 0]
    assert plan.optimal


def test_a_peak_is_cut_with_the_fewest_paid_hours():
    # Need 1, 3, 3, 1 from 08:00 with 2-hour shifts: 08:00 needs a shift of its own and 10:00
    # three more that cover it, so 4 shifts at least; the only 4 that cover every hour are
    # 08:00 x1, 09:00 x2, 10:00 x1 (8 h, no surplus).
    plan = plan_shifts(_need([1, 3, 3, 1]), 60, [ShiftType("Two hours", 2)])
    assert plan.paid_hours == 8.0
    assert plan.coverage["on_shift"].tolist() == [1, 3, 3, 1]
    assert plan.shifts["people"].tolist() == [1, 2, 1]


def test_fractional_needs_are_rounded_up_by_the_cover():
    plan = plan_shifts(_need([0.2, 1.5, 0.0, 0.0]), 60, [ShiftType("Two hours", 2)])
    # 1.5 people at 09:00 needs 2 on duty, 0.2 at 08:00 one: 2 shifts, both over 09:00.
    assert plan.coverage["on_shift"].tolist()[:2] in ([2, 2], [1, 2])
    assert plan.paid_hours == 4.0 and plan.needed_hours == pytest.approx(1.7)


def test_a_24_hour_desk_gets_shifts_across_midnight():
    # One person from 22:00 to 02:00: one 4-hour shift across midnight, not two.
    need = _need([0] * 14 + [1, 1, 1, 1] + [0] * 6, start="2026-06-01 08:00")
    plan = plan_shifts(need, 60, [ShiftType("Four hours", 4)])
    assert plan.shifts[["shift_start", "shift_end", "people"]].values.tolist() == [
        [pd.Timestamp("2026-06-01 22:00"), pd.Timestamp("2026-06-02 02:00"), 1]
    ]


def test_start_hours_are_kept_even_when_they_cost_more_shifts():
    # 1 person 08:00-12:00. A 4-hour shift from 08:00 covers it alone; allowed only from 09:00,
    # two 2-hour shifts (4 h) beat a 2-hour and a 4-hour one (6 h).
    need = _need([1, 1, 1, 1])
    anytime = plan_shifts(need, 60, [ShiftType("Four hours", 4), ShiftType("Two hours", 2)])
    assert anytime.shifts[["shift_start", "shift"]].values.tolist() == [
        [pd.Timestamp("2026-06-01 08:00"), "Four hours"]
    ]
    late = [ShiftType("Four hours", 4, earliest_start=9), ShiftType("Two hours", 2)]
    plan = plan_shifts(need, 60, late)
    assert plan.shifts[["shift_start", "shift"]].values.tolist() == [
        [pd.Timestamp("2026-06-01 08:00"), "Two hours"],
        [pd.Timestamp("2026-06-01 10:00"), "Two hours"],
    ]
    assert plan.paid_hours == anytime.paid_hours == 4.0


def test_part_time_share_is_capped():
    # 10 people 08:00-12:00 and 20 from 12:00 to 16:00, 8 h and 4 h shifts. Uncapped: 10 full
    # from 08:00 and 10 part from 12:00, 120 h, a third part time.
    need = _need([10] * 4 + [20] * 4)
    types = [ShiftType("Full", 8), ShiftType("Part", 4)]
    uncapped = plan_shifts(need, 60, types)
    assert uncapped.paid_hours == 120.0
    # Part time at most 20% of paid hours: with f full and p part shifts, 4p <= 0.2 (8f + 4p)
    # is p <= f / 2, and f + p >= 20 then asks f >= 14: 14 full and 6 part, 136 h.
    capped = plan_shifts(need, 60, [types[0], ShiftType("Part", 4, max_hours_share=0.2)])
    part = capped.shifts.loc[capped.shifts["shift"] == "Part", "people"].sum() * 4
    assert part <= 0.2 * capped.paid_hours + 1e-9
    assert capped.paid_hours == 136.0
    assert (capped.coverage["surplus"] >= 0).all()


def test_a_week_of_half_hours_matches_pyworkforce_cp_sat():
    # pyworkforce 0.5.1 MinRequiredResources (OR-Tools CP-SAT) minimises the cost of shifts per
    # day; with costs in paid half hours its optimum is our paid hours x 2.
    from pyworkforce.scheduling import MinRequiredResources

    rng = np.random.default_rng(7)
    periods = 24  # 08:00-20:00 in half hours
    shape = 2 + 8 * np.sin(np.pi * (np.arange(periods) + 0.5) / periods)
    lengths = {"eight": 16, "four": 8}
    for day in range(3):
        required = np.ceil(shape * rng.uniform(0.7, 1.3, periods)).astype(int)
        coverage = {}
        for name, length in lengths.items():
            for start in range(periods - length + 1):
                coverage[f"{name}_{start}"] = [
                    int(start <= p < start + length) for p in range(periods)
                ]
        cost = {name: lengths[name.split("_")[0]] for name in coverage}
        reference = MinRequiredResources(
            num_days=1,
            periods=periods,
            shifts_coverage=coverage,
            required_resources=[required.tolist()],
            max_period_concurrency=200,
            max_shift_concurrency=200,
            cost_dict=cost,
            max_search_time=30.0,
        ).solve()
        assert reference["status"] == "OPTIMAL"
        need = _need(required, start=f"2026-06-0{day + 1} 08:00", minutes=30)
        plan = plan_shifts(need, 30, [ShiftType("eight", 8), ShiftType("four", 4)])
        assert plan.optimal
        assert plan.paid_hours * 2 == reference["cost"]
        assert (plan.coverage["surplus"] >= 0).all()


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=6), min_size=1, max_size=30),
    st.sampled_from([1, 2, 3, 4]),
)
def test_every_plan_covers_the_need_and_pays_no_more_than_one_shift_per_need(values, length):
    # Covered everywhere; paid hours at least the need, and at most what a shift per needed
    # person-interval would cost (a trivially feasible plan).
    plan = plan_shifts(_need(values), 60, [ShiftType("s", length)])
    assert (plan.coverage["on_shift"] >= plan.coverage["needed"]).all()
    assert plan.paid_hours >= sum(values) - 1e-9
    assert plan.paid_hours <= sum(values) * length + 1e-9
    assert plan.paid_hours == plan.shifts["people"].sum() * length
    # A lower bound from any window: the most needed at once, all paid a whole shift.
    assert plan.paid_hours >= max(values) * length


def test_no_need_gives_no_shifts():
    plan = plan_shifts(_need([0, 0, 0]), 60)
    assert plan.shifts.empty and plan.paid_hours == 0.0 and plan.efficiency == 1.0


def test_the_day_table_sums_people_and_hours():
    need = _need([2] * 8 + [0] * 16 + [1] * 4, start="2026-06-01 08:00")
    plan = plan_shifts(need, 60, [ShiftType("Full", 8), ShiftType("Part", 4)])
    table = plan.by_day()
    # Mon 08:00-16:00 2 full-time; Tue 08:00-12:00 1 part-time.
    assert table["day"].tolist() == [pd.Timestamp("2026-06-01"), pd.Timestamp("2026-06-02")]
    assert table["Full"].tolist() == [2, 0] and table["Part"].tolist() == [0, 1]
    assert table["paid_hours"].tolist() == [16.0, 4.0]


@pytest.mark.parametrize(
    ("need", "types", "message"),
    [
        (
            _need([1, 1]),
            [ShiftType("Odd", 7.75)],
            "shift 'Odd' lasts 7.75 h: give a length that is a whole number of the plan's "
            "60-minute intervals, such as 7 h or 8 h",
        ),
        (
            _need([1, 1, 1]),
            [ShiftType("Late", 4, earliest_start=9)],
            "no allowed shift covers Mon 1 Jun 2026 08:00 (1 person needed): widen the start "
            "hours (Late starts 09:00–23:59)",
        ),
        (
            _need([3, 1]),
            [ShiftType("Full", 2, earliest_start=9.5), ShiftType("Part", 1, earliest_start=10)],
            "no allowed shift covers Mon 1 Jun 2026 08:00 (3 people needed): widen the start "
            "hours (Full starts 10:00–23:59, the interval starts within 09:30–23:59; Part starts "
            "10:00–23:59)",
        ),
        (
            _need([1]),
            [ShiftType("A", 1, max_hours_share=0.5), ShiftType("B", 2, max_hours_share=0.4)],
            "the shift types' most shares of paid hours add up to 90%, so no plan can fill "
            "100%: raise one or leave one uncapped",
        ),
        (
            _need([1, -1]),
            [ShiftType("A", 1)],
            "people needed at Mon 1 Jun 2026 09:00 is -1: give a number 0 or more for every "
            "interval",
        ),
        (
            pd.Series([], dtype=float, index=pd.DatetimeIndex([])),
            [ShiftType("A", 1)],
            "no intervals to cover: the need per interval is empty",
        ),
        (
            _need([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
            [
                ShiftType("Full", 8, earliest_start=20),
                ShiftType("Part", 2, max_hours_share=0.1),
            ],
            "no shift plan keeps the part-time caps (Part at most 10%): the other shifts' start "
            "hours leave some intervals to the capped ones alone. Raise the cap or widen the "
            "other shifts' start hours",
        ),
        (
            _need([1]),
            [ShiftType("A", 1), ShiftType("A", 2)],
            "shift type names must differ; got A, A",
        ),
        (
            _need([1]),
            # 18 to 6 starts across midnight, from 18:00 to 06:00: none at 08:00
            [ShiftType("A", 1, earliest_start=18, latest_start=6)],
            "no allowed shift covers Mon 1 Jun 2026 08:00 (1 person needed): widen the start "
            "hours (A starts 18:00–06:00)",
        ),
    ],
)
def test_bad_shift_inputs_get_one_clear_message(need, types, message):
    with pytest.raises(InputError) as error:
        plan_shifts(need, 60, types)
    assert str(error.value) == message


def test_a_long_horizon_planned_in_blocks_stays_close_to_one_programme(monkeypatch):
    import staffing.shifts as shifts

    # 6 weeks of a 24-hour desk in half hours (two blocks of 4 weeks: the boundary falls at
    # midnight, where night shifts run across it), part time capped at 25%.
    rng = np.random.default_rng(3)
    index = pd.date_range("2026-03-02", periods=42 * 48, freq="30min")
    hour = index.hour + index.minute / 60
    need = pd.Series(np.ceil((3 + 12 * np.exp(-0.5 * ((hour - 13) / 4) ** 2))
                             * rng.uniform(0.8, 1.2, index.size)), index=index)  # fmt: skip
    types = [ShiftType("Full", 8), ShiftType("Part", 4, max_hours_share=0.25)]
    blocks = plan_shifts(need, 30, types)
    assert (blocks.coverage["surplus"] >= 0).all()
    part = blocks.shifts.loc[blocks.shifts["shift"] == "Part", "people"].sum() * 4
    assert part <= 0.25 * blocks.paid_hours + 1e-9
    monkeypatch.setattr(shifts, "BLOCK_DAYS", 100)
    whole = plan_shifts(need, 30, types)
    assert whole.paid_hours <= blocks.paid_hours <= whole.paid_hours * 1.01


def test_a_zero_interval_length_is_refused():
    with pytest.raises(InputError, match=r"^interval length must be above 0 minutes \(got 0\)$"):
        plan_shifts(_need([1]), 0, [ShiftType("A", 1)])


def test_people_to_employ_is_the_busiest_day_or_a_fifth_of_the_weeks_shifts():
    # Mon-Sat of one week, 1 person 08:00-16:00 each day, with 8-hour shifts: 6 shifts, at
    # most 5 each -> 2 people (busiest day 1). Next Monday, 3 people at once: 3 shifts -> 3.
    days = pd.date_range("2026-06-01", periods=6, freq="D")
    hours = [day + pd.Timedelta(hours=8 + h) for day in days for h in range(8)]
    monday = [pd.Timestamp("2026-06-08 08:00") + pd.Timedelta(hours=h) for h in range(8)]
    need = pd.Series(
        [1.0] * len(hours) + [3.0] * len(monday), index=pd.DatetimeIndex(hours + monday)
    )
    plan = plan_shifts(need, 60, [ShiftType("Full", 8)])
    table = plan.people_to_employ()
    assert table.values.tolist() == [
        [pd.Timestamp("2026-06-01"), "Full", 6, 1, 2],
        [pd.Timestamp("2026-06-08"), "Full", 3, 3, 3],
    ]
    # Four shifts a week each: 6 shifts need 2 people still; three a week: 2; one a week: 6.
    assert plan.people_to_employ(1)["people"].tolist() == [6, 3]
    assert plan.people_to_employ(3)["people"].tolist() == [2, 3]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=9), min_size=7, max_size=7),
    st.integers(min_value=1, max_value=7),
)
def test_the_people_to_employ_can_work_every_shift(per_day, per_week):
    # Deal the week's shifts out day by day to the people in turn, as the docstring says, and
    # check nobody works twice a day or more than `per_week` shifts; one person fewer fails
    # one of the two bounds.
    days = pd.date_range("2026-06-01", periods=7, freq="D")  # a Monday
    index = [day + pd.Timedelta(hours=9) for day in days]
    plan = plan_shifts(pd.Series(np.asarray(per_day, float), index=pd.DatetimeIndex(index)), 60,
                       [ShiftType("One hour", 1)])  # fmt: skip
    table = plan.people_to_employ(per_week)
    if sum(per_day) == 0:
        assert table.empty
        return
    people = int(table["people"].iloc[0])
    worked = np.zeros((people, 7), dtype=int)
    turn = 0
    for day, count in enumerate(per_day):
        for _ in range(count):
            worked[turn % people, day] += 1
            turn += 1
    assert worked.max() <= 1 and worked.sum(axis=1).max() <= per_week
    assert people - 1 < max(per_day) or (people - 1) * per_week < sum(per_day)


def test_shifts_per_week_outside_one_to_seven_is_refused():
    plan = plan_shifts(_need([1, 1]), 60, [ShiftType("A", 1)])
    with pytest.raises(InputError, match=r"from 1 to 7 \(got 8\)$"):
        plan.people_to_employ(8)
