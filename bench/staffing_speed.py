"""Benchmark: required agents for a year of 15-minute intervals, ours against pyworkforce.

35,040 intervals, AHT 300 s, 80% answered in 20 s, at two load levels (mean about 22 and 219
Erlangs, peaks about 75 and 750). Times `required_agents` against a loop over pyworkforce 0.5.1
`ErlangC.required_positions` on the same input, checks the answers are identical wherever
pyworkforce is right, and times Erlang A (patience 180 s) for the same year. Then times
`plan_staffing` on that year at the low load, per channel, as the app and the CLI call it:
sizing, the `limit` column and the achieved service together.
Targets: at least 50x faster than pyworkforce at the high load; Erlang A under 5 s.
`python bench/staffing_speed.py plan` runs only the plan timings.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from staffing import queue_metrics, required_agents  # noqa: E402
from staffing.backlog import email_plan  # noqa: E402
from staffing.plan import StaffingSettings, plan_staffing  # noqa: E402

INTERVALS = 365 * 96
AHT_SECONDS = 300.0
INTERVAL_SECONDS = 900.0
SERVICE_LEVEL, ANSWER_WITHIN = 0.8, 20.0
PATIENCE_SECONDS = 180.0
LOADS = {"low": 22.0, "high": 219.0}  # mean Erlangs
TARGET_SPEEDUP = 50.0
TARGET_ERLANG_A_SECONDS = 5.0
PLAN_REPEATS = 3  # best of: a shared machine's wall clock is noisy
# The plans timed: one queue each, the targets a center would set on that channel.
PLAN_SETTINGS = {
    "voice Erlang C, ASA cap 15 s": StaffingSettings(max_occupancy=0.85, max_asa_seconds=15.0),
    "voice Erlang A, 5% abandon": StaffingSettings(
        max_occupancy=0.85, patience_seconds=PATIENCE_SECONDS, max_abandon_rate=0.05
    ),
    "chat, 2 at once": StaffingSettings(channel="chat", max_occupancy=0.85),
    "e-mail, 24 h window": StaffingSettings(channel="email", max_occupancy=0.85),
}


def year_of_load(mean_erlangs: float, seed: int = 5) -> np.ndarray:
    """A contact-center year: two daily peaks, quiet nights, weekends and seasons, some noise."""
    rng = np.random.default_rng(seed)
    slot = np.arange(INTERVALS)
    hour = (slot % 96) / 4.0
    day = slot // 96
    daily = (
        np.exp(-0.5 * ((hour - 10.5) / 2.4) ** 2)
        + 0.8 * np.exp(-0.5 * ((hour - 15.0) / 2.4) ** 2)
        + 0.14
    )
    weekly = np.array([1.0, 0.95, 0.92, 0.92, 0.9, 0.7, 0.55])[day % 7]
    seasonal = 1.0 + 0.12 * np.cos(2 * np.pi * (day - 20) / 365.0)
    shape = daily * weekly * seasonal * rng.lognormal(0.0, 0.06, INTERVALS)
    return shape * (mean_erlangs / shape.mean())


def pyworkforce_loop(volume: np.ndarray) -> np.ndarray:
    from pyworkforce.queuing import ErlangC

    answers = np.zeros(volume.size, dtype=np.int64)  # pyworkforce raises on zero volume
    for index in np.flatnonzero(volume > 0):
        model = ErlangC(transactions=volume[index], aht=AHT_SECONDS / 60, asa=ANSWER_WITHIN / 60,
                        interval=INTERVAL_SECONDS / 60)  # fmt: skip
        answers[index] = model.required_positions(service_level=SERVICE_LEVEL)["raw_positions"]
    return answers


def check_against_pyworkforce(load, ours, theirs) -> tuple[int, int]:
    """Identical except where pyworkforce's search starts above the answer (round(A + 1))."""
    differ = ours != theirs
    start_too_high = differ & (theirs == np.round(load + 1)) & (ours < theirs)
    unexplained = differ & ~start_too_high
    if unexplained.any():
        row = int(np.flatnonzero(unexplained)[0])
        raise AssertionError(
            f"interval {row}: load {load[row]:.3f} Erlangs, ours {ours[row]}, "
            f"pyworkforce {theirs[row]}"
        )
    return int((~differ).sum()), int(start_too_high.sum())


def time_plans(mean_erlangs: float = LOADS["low"]) -> None:
    """Best-of wall time of `plan_staffing` for a year of 15-minute intervals per channel."""
    volume = year_of_load(mean_erlangs) * INTERVAL_SECONDS / AHT_SECONDS
    frame = pd.DataFrame(
        {
            "interval_start": pd.date_range("2025-01-01", periods=INTERVALS, freq="15min"),
            "volume": volume,
            "aht_seconds": AHT_SECONDS,
        }
    )
    print(f"\nplan_staffing, {INTERVALS:,} intervals, mean {mean_erlangs:g} Erlangs "
          f"(best of {PLAN_REPEATS})")  # fmt: skip
    for name, settings in PLAN_SETTINGS.items():
        wall = cpu = np.inf
        for _ in range(PLAN_REPEATS):
            started, cpu_started = time.perf_counter(), time.process_time()
            plan = plan_staffing(frame, 15, settings)
            wall = min(wall, time.perf_counter() - started)
            cpu = min(cpu, time.process_time() - cpu_started)
        limits = plan["limit"].value_counts(normalize=True)
        shares = ", ".join(f"{limit} {share:.0%}" for limit, share in limits.items())
        print(f"  {name:<30} {wall * 1000:9.1f} ms (cpu {cpu * 1000:.0f} ms; {shares})")


def main() -> int:
    if sys.argv[1:] == ["plan"]:
        time_plans()
        return 0
    print(f"{INTERVALS:,} intervals of 15 min, AHT {AHT_SECONDS:g} s, "
          f"{SERVICE_LEVEL:.0%} in {ANSWER_WITHIN:g} s")  # fmt: skip
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    ok = True
    for name, mean in LOADS.items():
        load = year_of_load(mean)
        volume = load * INTERVAL_SECONDS / AHT_SECONDS
        started = time.perf_counter()
        ours = required_agents(volume, AHT_SECONDS, INTERVAL_SECONDS, SERVICE_LEVEL, ANSWER_WITHIN)
        ours_seconds = time.perf_counter() - started
        started = time.perf_counter()
        theirs = pyworkforce_loop(volume)
        theirs_seconds = time.perf_counter() - started
        same, overshoots = check_against_pyworkforce(load, ours, theirs)
        speedup = theirs_seconds / ours_seconds
        print(f"\n{name} load: mean {load.mean():.1f} Erlangs, peak {load.max():.1f}; "
              f"agents mean {ours.mean():.1f}, peak {ours.max()}")  # fmt: skip
        print(f"  Erlang C required_agents   {ours_seconds * 1000:9.1f} ms")
        print(f"  pyworkforce loop           {theirs_seconds * 1000:9.1f} ms")
        print(f"  speed ratio                {speedup:9.1f}x")
        print(f"  identical answers          {same:,} of {INTERVALS:,} "
              f"(pyworkforce one too many at very low load: {overshoots})")  # fmt: skip
        started, cpu_started = time.perf_counter(), time.process_time()
        erlang_a = required_agents(volume, AHT_SECONDS, INTERVAL_SECONDS, SERVICE_LEVEL,
                                   ANSWER_WITHIN, patience_seconds=PATIENCE_SECONDS)  # fmt: skip
        erlang_a_seconds = time.perf_counter() - started
        erlang_a_cpu = time.process_time() - cpu_started
        started = time.perf_counter()
        metrics = queue_metrics(volume, AHT_SECONDS, INTERVAL_SECONDS, erlang_a, ANSWER_WITHIN,
                                PATIENCE_SECONDS)  # fmt: skip
        metrics_seconds = time.perf_counter() - started
        print(f"  Erlang A required_agents   {erlang_a_seconds * 1000:9.1f} ms "
              f"(cpu {erlang_a_cpu * 1000:.0f} ms; patience {PATIENCE_SECONDS:g} s; "
              f"agents peak {erlang_a.max()}, "
              f"abandon mean {metrics.abandon_rate.mean():.2%})")  # fmt: skip
        print(f"  Erlang A queue_metrics     {metrics_seconds * 1000:9.1f} ms")
        started = time.perf_counter()
        email = email_plan(volume, AHT_SECONDS, INTERVAL_SECONDS, response_hours=24.0)
        email_seconds = time.perf_counter() - started
        paid = email.agents.sum() * INTERVAL_SECONDS / (volume.sum() * AHT_SECONDS)
        print(f"  e-mail plan, 24 h window   {email_seconds * 1000:9.1f} ms "
              f"(agent time paid / work = {paid:.4f})")  # fmt: skip
        if name == "high":
            fast_enough = speedup >= TARGET_SPEEDUP
            print(f"  target >= {TARGET_SPEEDUP:g}x: {'met' if fast_enough else 'MISSED'}")
            ok &= fast_enough
        # judged on CPU time: on a shared machine the wall clock mostly measures other work
        erlang_a_ok = erlang_a_cpu < TARGET_ERLANG_A_SECONDS
        print(f"  target Erlang A < {TARGET_ERLANG_A_SECONDS:g} s (cpu): "
              f"{'met' if erlang_a_ok else 'MISSED'}")  # fmt: skip
        ok &= erlang_a_ok
    time_plans()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
