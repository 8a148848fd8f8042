"""Staffing probe, round eleven: the FTE of a plan shorter than a week."""

from __future__ import annotations

import pandas as pd
from staff_support import erlang_c_agents, staff

TARGETS = ("--service-level", 0.8, "--answer-within-seconds", 20)


def _staff_out(capsys, path, tmp_path, *extra: object) -> str:
    """What `cli.py staff` prints for `path` at 80% in 20 s, once it succeeded."""
    code, out, err = staff(capsys, path, tmp_path / "plan.csv", *TARGETS, *extra)
    assert code == 0, err
    return out


def _morning(tmp_path, periods: int = 4, days: int = 1) -> object:
    """`periods` half hours of 100 calls at 180 s (10 Erlangs) from 09:00 on `days` days."""
    starts = pd.DatetimeIndex(
        [
            start
            for day in pd.date_range("2026-06-01 09:00", periods=days, freq="D")
            for start in pd.date_range(day, periods=periods, freq="30min")
        ]
    )
    frame = pd.DataFrame({"interval_start": starts, "volume": 100.0, "aht_seconds": 180})
    path = tmp_path / "forecast.csv"
    frame.to_csv(path, index=False)
    return path


def test_a_one_day_plan_says_its_fte_reads_the_day_as_every_day_of_a_week(capsys, tmp_path):
    # 14 agents (textbook Erlang C at 10 Erlangs, 80/20), 20 rostered at 30% shrinkage and 2
    # supervisors in 4 half hours: 44 paid hours, read as 7 such days = 308 h / 38 = 8.1 FTE.
    # Before, '8.1 FTE' stood alone, as if the desk needed 8 people all week.
    assert erlang_c_agents(10, 180, 20, 0.8, 0.85) == 14
    out = _staff_out(capsys, _morning(tmp_path), tmp_path)
    assert "8.1 FTE, 7.4 of them agents" in out
    assert (
        "note: the 8.1 FTE read the 1 day planned as every day of a week: 44.0 paid hours a day "
        "× 7 / 38 h a contract. The day alone takes 44.0 paid hours (1.2 weekly contracts); "
        "plan a whole week for the people a week needs"
    ) in out


def test_a_three_day_plan_gives_its_mean_day_and_a_week_gets_no_such_note(capsys, tmp_path):
    out = _staff_out(capsys, _morning(tmp_path, days=3), tmp_path)
    # 3 days of 44 paid hours: 44 a day on average, 132 in all = 3.5 contracts of 38 h.
    assert "read the 3 days planned as every day of a week: 44.0 paid hours a day on average" in out
    assert "The 3 days alone take 132.0 paid hours (3.5 weekly contracts)" in out
    out = _staff_out(capsys, _morning(tmp_path, days=7), tmp_path)
    assert "8.1 FTE" in out  # 7 days of 44 h over one week: the same pace, no note
    assert "planned as every day of a week" not in out
