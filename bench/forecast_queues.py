"""Auto against the plain 4-week average on every real queue with volume, not just four series."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from forecast_accuracy import AXA, BANK, plain_average_wape  # noqa: E402

from data.columns import ImportOptions  # noqa: E402
from data.errors import InputError  # noqa: E402
from data.importer import import_files  # noqa: E402
from data.schema import INTERVAL_START, VOLUME, Dataset  # noqa: E402
from forecasting import ForecastSettings, backtest_dataset  # noqa: E402

MIN_DAILY = 10.0  # contacts a day over the last year; below it a queue is noise and zeros


def daily_volume(dataset: Dataset) -> float:
    frame = dataset.intervals
    days = frame[INTERVAL_START].dt.normalize()
    last_year = frame[days > days.max() - np.timedelta64(365, "D")]
    return float(last_year[VOLUME].sum()) / 365


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--origins", type=int, default=30)
    args = parser.parse_args()
    sources = [("Anonymous Bank 1999", "IL", None)]
    sources += [(path.stem, "FR", path) for path in sorted(AXA.glob("*.csv"))]
    rows = []
    started = time.perf_counter()
    for label, country, path in sources:
        if path is None:
            dataset = import_files([BANK], ImportOptions(interval_minutes=30))
        else:
            dataset = import_files([path])
        per_day = daily_volume(dataset)
        if per_day < MIN_DAILY:
            print(f"{label}: {per_day:.1f} contacts a day, skipped")
            continue
        settings = ForecastSettings(country=country, n_origins=args.origins, horizon_days=14)
        try:
            result = backtest_dataset(dataset, settings)
        except InputError as error:  # a queue whose history has no 14-day stretch to score
            print(f"{label}: {error}")
            continue
        auto = result.table.loc[result.table["model"] == "auto"].iloc[0]
        base = plain_average_wape(dataset, settings)
        rows.append((label, per_day, auto["wape_interval"], base, int(auto["n_origins"])))
        print(
            f"{label}: {per_day:.0f} a day, auto {auto['wape_interval']:.3f} vs plain 4-week "
            f"average {base:.3f} ({1 - auto['wape_interval'] / base:+.1%}), "
            f"{int(auto['n_origins'])} origins",
            flush=True,
        )
    ratios = np.array([row[2] / row[3] for row in rows])
    print(
        f"\n{len(rows)} queues, {time.perf_counter() - started:.0f} s: auto's interval WAPE is "
        f"{ratios.mean():.3f} of the plain 4-week average's on average; "
        f"{(ratios <= 0.9).sum()} queues are 10% or more lower, {(ratios > 1).sum()} are worse."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
