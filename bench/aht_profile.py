"""Handle time by weekday and time of day vs one figure: the workload error on held-out weeks."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from data.importer import import_files  # noqa: E402
from data.schema import AHT_SECONDS, INTERVAL_START, QUEUE, VOLUME  # noqa: E402
from planning import aht_profile  # noqa: E402
from planning.aht_profile import MIN_WEEKS, aht_factors, aht_profiles  # noqa: E402

SHARED = PROJECT_ROOT.parent / "shared" / "data"
# Every file with handle times per contact or interval.
FILES = [
    ("Anonymous Bank, February 1999", SHARED / "anonymous_bank" / "february_1999.txt"),
    ("Shipped sample", PROJECT_ROOT / "data" / "samples" / "service_desk.csv"),
]


def held_out_weeks(intervals: pd.DataFrame, rolling: bool) -> pd.DataFrame:
    """Each queue's weeks in turn held out and judged on their workload: the shape and the plain
    mean are learned from the weeks before it (`rolling`, at least MIN_WEEKS of them), or from
    all the other weeks of the window (the file's dates cover too few weeks to roll on)."""
    rows = []
    timed = []
    for queue, frame in intervals.groupby(QUEUE, sort=True, observed=True):
        frame = frame[(frame[VOLUME] > 0) & (frame[AHT_SECONDS] > 0)]
        if frame.empty:
            continue
        end = frame[INTERVAL_START].max()
        weeks = ((end - frame[INTERVAL_START]) // pd.Timedelta(weeks=1)).to_numpy()
        last = int(weeks.max()) - (MIN_WEEKS if rolling else 0)
        for week in range(last, -1, -1):
            before = frame[weeks > week] if rolling else frame[weeks != week]
            held = frame[weeks == week]
            if held.empty:
                continue
            started = time.perf_counter()
            profile = aht_profiles(before)
            timed.append(time.perf_counter() - started)
            level = np.average(before[AHT_SECONDS], weights=before[VOLUME])
            work = (held[AHT_SECONDS] * held[VOLUME]).to_numpy()
            flat = level * held[VOLUME].to_numpy()
            shaped = flat * aht_factors(held, profile)
            hours = held[INTERVAL_START].dt.floor("h").to_numpy()
            rows.append(
                {
                    QUEUE: queue,
                    "week_from": held[INTERVAL_START].min().normalize().date(),
                    "shape_kept": not profile.empty,
                    "work": work.sum(),
                    "flat_error": np.abs(work - flat).sum(),
                    "shaped_error": np.abs(work - shaped).sum(),
                    "flat_hourly_error": _hourly_error(work, flat, hours),
                    "shaped_hourly_error": _hourly_error(work, shaped, hours),
                    **_busiest_hours(work, flat, shaped, hours),
                }
            )
    table = pd.DataFrame(rows)
    table.attrs["seconds"] = float(np.mean(timed)) if timed else float("nan")
    return table


def _hourly_error(work: np.ndarray, predicted: np.ndarray, hours: np.ndarray) -> float:
    actual = pd.Series(work).groupby(hours).sum()
    guess = pd.Series(predicted).groupby(hours).sum()
    return float((actual - guess).abs().sum())


def _busiest_hours(
    work: np.ndarray, flat: np.ndarray, shaped: np.ndarray, hours: np.ndarray
) -> dict[str, float]:
    """Workload of the week's busiest quarter of hours, and what each estimate gave them:
    staffing is tightest there."""
    actual = pd.Series(work).groupby(hours).sum()
    busiest = actual >= actual.quantile(0.75)
    return {
        "busy_work": float(actual[busiest].sum()),
        "busy_flat": float(pd.Series(flat).groupby(hours).sum()[busiest].sum()),
        "busy_shaped": float(pd.Series(shaped).groupby(hours).sum()[busiest].sum()),
    }


def main() -> int:
    argparse.ArgumentParser(description=__doc__).parse_args()
    for label, path in FILES:
        if not path.exists():
            print(f"{label}: {path} not found, skipped")
            continue
        dataset = import_files([path])
        table = held_out_weeks(dataset.intervals, rolling=True)
        how = "weeks before each held-out week"
        if table.empty:
            # Four weeks (February 1999): each held out in turn, learned from the other three,
            # which are judged as enough for this run only.
            aht_profile.MIN_WEEKS = MIN_WEEKS - 1
            table = held_out_weeks(dataset.intervals, rolling=False)
            aht_profile.MIN_WEEKS = MIN_WEEKS
            how = f"the other weeks (too few to roll on: {MIN_WEEKS - 1} weeks judged enough)"
        print(f"\n== {label}: {dataset.interval_minutes}-minute intervals, learned from {how} ==")
        for queue, rows in table.groupby(QUEUE, sort=True):
            work = rows["work"].sum()
            print(
                f"{queue}: {len(rows)} held-out weeks, shape kept in {int(rows['shape_kept'].sum())}"
                f"; workload WAPE per interval {rows['flat_error'].sum() / work:.3f} one figure "
                f"-> {rows['shaped_error'].sum() / work:.3f} shaped, per hour "
                f"{rows['flat_hourly_error'].sum() / work:.3f} -> "
                f"{rows['shaped_hourly_error'].sum() / work:.3f}; busiest quarter of hours "
                f"{rows['busy_flat'].sum() / rows['busy_work'].sum() - 1:+.1%} -> "
                f"{rows['busy_shaped'].sum() / rows['busy_work'].sum() - 1:+.1%}"
            )
        print(f"learning the shapes: {table.attrs['seconds'] * 1000:.0f} ms per dataset-week")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
