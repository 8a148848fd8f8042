"""Benchmark: shifts covering the rostered people of a year of 15-minute intervals.

The year of `staffing_speed.py` (two daily peaks, weekends, seasons) at its low and high loads,
sized by Erlang C (80% in 20 s, AHT 300 s, 30% shrinkage), then covered by `plan_shifts` with
8-hour shifts alone and with 4-hour part-time shifts capped at 30% of paid hours. Prints the
solve time, paid hours, the share of them the need asks for, whether HiGHS proved the plan
optimal, and the people to employ in the busiest week and the CPU seconds, against the first
plan alone (before the search for fewer people at the same paid hours). Target: a year in under
30 s; `python bench/shift_speed.py weeks` times 4 weeks only.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import staffing.shifts as shifts_module  # noqa: E402
from bench.staffing_speed import AHT_SECONDS, INTERVAL_SECONDS, LOADS, year_of_load  # noqa: E402
from staffing.plan import StaffingSettings, plan_staffing  # noqa: E402
from staffing.shifts import ShiftType, plan_shifts  # noqa: E402

TARGET_YEAR_SECONDS = 30.0
SHIFT_SETS = {
    "8 h only": [ShiftType("Full time 8 h", 8.0)],
    "8 h + 4 h (<= 30%)": [
        ShiftType("Full time 8 h", 8.0),
        ShiftType("Part time 4 h", 4.0, max_hours_share=0.3),
    ],
}


def rostered_need(mean_erlangs: float, days: int) -> pd.Series:
    """Rostered people per 15 minutes for the first `days` days of the benchmark year."""
    volume = year_of_load(mean_erlangs) * INTERVAL_SECONDS / AHT_SECONDS
    frame = pd.DataFrame(
        {
            "interval_start": pd.date_range("2025-01-01", periods=volume.size, freq="15min"),
            "volume": volume,
            "aht_seconds": AHT_SECONDS,
        }
    ).head(days * 96)
    plan = plan_staffing(frame, 15, StaffingSettings())
    return pd.Series(plan["rostered"].to_numpy(dtype=float), index=plan["interval_start"])


def first_plan_only(
    need: pd.Series, types: list[ShiftType]
) -> tuple[shifts_module.ShiftPlan, float]:
    """The plan at the fewest paid hours without the search for fewer people, and its CPU time."""
    search = shifts_module._fewer_people
    shifts_module._fewer_people = lambda chosen, *args: chosen
    try:
        started = time.process_time()
        plan = plan_shifts(need, 15, types, time_limit_seconds=120)
        return plan, time.process_time() - started
    finally:
        shifts_module._fewer_people = search


def main() -> int:
    days = 28 if sys.argv[1:] == ["weeks"] else 365
    print(f"{days} days of 15-minute intervals; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")  # fmt: skip
    slowest = 0.0
    for load_name, mean in LOADS.items():
        need = rostered_need(mean, days)
        print(f"\n{load_name} load: rostered mean {need.mean():.1f}, peak {need.max():.0f}")
        for name, types in SHIFT_SETS.items():
            started, cpu = time.perf_counter(), time.process_time()
            plan = plan_shifts(need, 15, types, time_limit_seconds=120)
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            slowest = max(slowest, seconds)
            state = "optimal" if plan.optimal else f"stopped, gap {plan.gap:.2%}"
            print(f"  {name:<20} {seconds:7.2f} s  {plan.paid_hours:12,.0f} paid h  "
                  f"need {plan.efficiency:6.1%} of them  {len(plan.shifts):6,} start rows  "
                  f"{state}")  # fmt: skip
            first, first_seconds = first_plan_only(need, types)
            print(f"  {'':<20} people to employ {plan.busiest_week_people():,} in {cpu:.2f} s CPU, "
                  f"first plan alone {first.busiest_week_people():,} at {first.paid_hours:,.0f} "
                  f"paid h in {first_seconds:.2f} s CPU")  # fmt: skip
    if days == 365:
        verdict = "OK" if slowest <= TARGET_YEAR_SECONDS else "SLOW"
        print(f"\nslowest year: {slowest:.1f} s (target {TARGET_YEAR_SECONDS:g} s): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
