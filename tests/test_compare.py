"""planning.compare: which raised part-time caps the Scenarios page calls idle."""

from planning.compare import ShiftFigures, idle_part_time_caps


def test_a_raised_cap_planning_the_baselines_very_shifts_is_called_idle():
    # AXA's Tech. Axa over 14 days: 'Part time 4 h up to 50%' planned 1,291 shifts, 139 people,
    # 7,964 h and 29.7% part time, as 'Current settings' at 30% did; 29.7% is within the
    # solver's point of the 30% cap, so the note stayed silent.
    base = ShiftFigures(1291, 139, 7964, 175_208, 0.297)
    figures = {"Current settings": base, "Part time 4 h up to 50%": base}
    caps = {"Current settings": 0.3, "Part time 4 h up to 50%": 0.5}
    assert idle_part_time_caps(figures, caps, "Current settings") == (
        "'Part time 4 h up to 50%' plans the same shifts, people and hours as 'Current settings' "
        "under its 50% cap (29.7% part time): the fewest paid hours need no more part time than "
        "'Current settings' already plans, so the higher cap changes nothing here. The Shifts "
        "page's table of other caps shows where a cap starts to count."
    )
    # One shift more: the raise changed the plan, however little.
    more = ShiftFigures(1292, 139, 7964, 175_208, 0.297)
    assert (
        idle_part_time_caps({**figures, "Part time 4 h up to 50%": more}, caps, "Current settings")
        is None
    )


def test_below_and_same_plans_are_told_in_one_note():
    base = ShiftFigures(100, 30, 800, 17_600, 0.295)
    figures = {"base": base, "same": base, "below": ShiftFigures(101, 31, 800, 17_600, 0.2)}
    caps = {"base": 0.3, "same": 0.5, "below": 1.0}
    assert idle_part_time_caps(figures, caps, "base") == (
        "'below' plans 20.0% part time under no cap, less than the 30% of 'base' allows: the "
        "fewest paid hours use no more part time than that, so the higher cap changes nothing "
        "here. 'same' plans the same shifts, people and hours as 'base' under its 50% cap (29.5% "
        "part time): the fewest paid hours need no more part time than 'base' already plans, so "
        "the higher cap changes nothing here. The Shifts page's table of other caps shows where a "
        "cap starts to count."
    )
