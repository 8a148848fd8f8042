"""Round thirty-one of a manager's probe: the Shifts page's refusal of a need no allowed shift
covers names both boxes its start window is now chosen in, “Shifts start between” and “and”.
Driven on the pages' pure helpers, on plans from staffing.shifts.plan_shifts."""

from __future__ import annotations

import pandas as pd
import pytest

from app_ui import settings
from staffing.shifts import ShiftSettings, UncoveredNeedError, plan_shifts

# ------------------------------------------------- Shifts: a need no shift covers


def test_a_need_no_shift_covers_names_both_start_window_boxes():
    # One person needed at 07:00, full time starting 09:00-10:00 alone (as test_app_shifts'
    # start window on the sample): no shift reaches it, a longer one neither.
    need = pd.Series([1.0] * 4, index=pd.date_range("2026-06-03 07:00", periods=4, freq="60min"))
    types = ShiftSettings(part_hours=0, earliest_start=9, latest_start=10).types()
    with pytest.raises(UncoveredNeedError) as raised:
        plan_shifts(need, 60, types)
    # Before: 'widen “Shifts start between” (...)', the box of the first start alone, though
    # the last start is chosen in the box beside it, “and”.
    assert settings.uncovered_need_message(raised.value, types) == (
        "No shift plan: no allowed shift covers Wed 3 Jun 2026 07:00 (1 person needed): widen "
        "“Shifts start between” and “and” (Full time 8 h starts 09:00–10:00)"
    )
    # One person 09:00-19:00 with part time offered: a full-time shift from 10:00 ends at 18:00,
    # and a longer one of either type (up to 12 h, MAX_SHIFT_HOURS) would reach 18:00.
    late = pd.Series([1.0] * 10, index=pd.date_range("2026-06-03 09:00", periods=10, freq="60min"))
    both = ShiftSettings(earliest_start=9, latest_start=10).types()
    with pytest.raises(UncoveredNeedError) as raised:
        plan_shifts(late, 60, both)
    assert settings.uncovered_need_message(raised.value, both) == (
        "No shift plan: no allowed shift covers Wed 3 Jun 2026 18:00 (1 person needed): widen "
        "“Shifts start between” and “and” (Full time 8 h starts 09:00–10:00; Part time "
        "4 h starts 09:00–10:00) or lengthen “Full-time shift (hours)” or “Part-time shift "
        "(hours, 0 = none)”"
    )
