"""Round twenty-four of a manager's probe: a raised part-time cap is called idle only against a
baseline with the same shifts, driven headless with AppTest on the sample."""

from __future__ import annotations

from test_app_pages import assert_clean, go, open_app

from planning.compare import ShiftFigures, comparable_part_time_caps, idle_part_time_caps
from staffing.shifts import ShiftSettings

# ------------------------------------------------- A part-time cap against no part time


def test_more_part_time_against_a_baseline_without_part_time_is_not_called_idle(picco_home):
    app = go(open_app(), "shifts")
    app.number_input(key="shift_part_hours").set_value(0.0).run()  # full time only
    go(app, "scenarios")
    app.button(key="save_example_scenarios").click().run()
    assert_clean(app)
    shown = app.dataframe[-1].value
    more_part_time = "Part time 4 h up to 50%"
    row = "Shift hours over 7 days (h)"
    assert shown.loc[row, "Current settings"] == "2,688"
    assert shown.loc[row, more_part_time] == "2,244"
    assert shown.loc["Part time on shifts (%)", "Current settings"] == "0.0"
    # Before: "'Part time 4 h up to 50%' plans 20.5% part time under its 50% cap, less than the
    # 30% of 'Current settings' allows: ... the higher cap changes nothing here", beside its
    # 444 fewer shift hours.
    assert not [item.value for item in app.info if "changes nothing" in item.value]


def test_only_scenarios_with_the_baselines_shifts_are_weighed_for_an_idle_cap():
    base = ShiftSettings(part_max_share=0.3)
    shifts = {
        "base": base,
        "raised": ShiftSettings(part_max_share=0.5),
        "six hours": ShiftSettings(part_hours=6.0, part_max_share=1.0),  # another shift
    }
    assert comparable_part_time_caps(shifts, "base") == {"base": 0.3, "raised": 0.5}
    # No part-time shift: nothing of a cap can be used, whatever its share.
    none = {"base": ShiftSettings(part_hours=0.0), "raised": ShiftSettings(part_max_share=0.5)}
    assert comparable_part_time_caps(none, "base") == {"base": 0.0}
    full_time = {"base": ShiftSettings(part_max_share=0.0), "raised": base}
    assert comparable_part_time_caps(full_time, "base") == {"base": 0.0, "raised": 0.3}
    plans = {name: ShiftFigures(100, 30, 800, 17_600, 0.2) for name in shifts}
    caps = comparable_part_time_caps(shifts, "base")
    assert idle_part_time_caps(plans, caps, "base").startswith(
        "'raised' plans 20.0% part time under its 50% cap, less than the 30% of 'base'"
    )
    assert idle_part_time_caps(plans, comparable_part_time_caps(none, "base"), "base") is None
