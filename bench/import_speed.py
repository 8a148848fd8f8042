"""Benchmark: import a 2-million-row contact-record CSV and aggregate it to 15-minute intervals.

Target: at least 1 million rows/s end to end and under 2 GB peak memory. The file is written by a
child process so that the peak memory printed here belongs to the import alone. The same records,
fewer of them, are then timed as an Excel workbook (no target: it shows what size of .xlsx
export is still quick to upload).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from data.importer import ImportOptions, import_files_detailed  # noqa: E402

ROWS = 2_000_000
TARGET_ROWS_PER_SECOND = 1_000_000
MEMORY_LIMIT_MB = 2048


def write_records(path: Path, rows: int, seed: int = 11) -> None:
    """A year of calls on three queues: arrival, queue, talk and wait seconds, outcome."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2024-01-01T00:00:00", "s")
    # Arrivals concentrated in business hours, like a real center.
    days = rng.integers(0, 366, rows)
    seconds = np.clip(rng.normal(13 * 3600, 3 * 3600, rows), 0, 86_399).astype(np.int64)
    arrival = np.sort(start + (days * 86_400 + seconds).astype("timedelta64[s]"))
    abandoned = rng.random(rows) < 0.1
    talk = rng.gamma(2.0, 90.0, rows).round()
    table = pa.table(
        {
            "arrival": pa.array(arrival),
            "queue": pa.array(rng.choice(["phone", "chat", "email"], rows)),
            "talk_seconds": pa.array(np.where(abandoned, np.nan, talk), from_pandas=True),
            "wait_seconds": pa.array(rng.exponential(25.0, rows).round()),
            "outcome": pa.array(np.where(abandoned, "abandoned", "answered")),
        }
    )
    pacsv.write_csv(table, path)


def time_workbook(rows: int, folder: Path) -> None:
    """Write `rows` records as an .xlsx (openpyxl, write-only) and time their import."""
    from openpyxl import Workbook

    csv_path, xlsx_path = folder / "records_small.csv", folder / "contact_records.xlsx"
    write_records(csv_path, rows)
    table = pacsv.read_csv(csv_path).to_pylist()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("calls")
    sheet.append(list(table[0]))
    for record in table:
        sheet.append(list(record.values()))
    workbook.save(xlsx_path)
    began, cpu_began = time.perf_counter(), time.process_time()
    result = import_files_detailed([xlsx_path], ImportOptions(interval_minutes=15))
    elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu_began
    print(
        f"Excel workbook: {result.rows:,} rows ({xlsx_path.stat().st_size / 1e6:,.1f} MB) in "
        f"{elapsed:.2f} s wall, {cpu:.2f} s CPU = {result.rows / elapsed:,.0f} rows/s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--repeat", type=int, default=3, help="timed imports (best one counts)")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a target is missed (idle machines only)"
    )
    parser.add_argument(
        "--xlsx-rows", type=int, default=100_000, help="rows of the Excel run (0 skips it)"
    )
    parser.add_argument("--write-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_only:
        write_records(args.write_only, args.rows)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "contact_records.csv"
        began = time.perf_counter()
        subprocess.run(
            [sys.executable, __file__, "--rows", str(args.rows), "--write-only", str(path)],
            check=True,
        )
        size_mb = path.stat().st_size / 1e6
        print(
            f"generated {args.rows:,} rows ({size_mb:,.0f} MB) in {time.perf_counter() - began:.1f} s"
        )
        baseline_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        timings, cpu_times = [], []
        for _ in range(args.repeat):
            began, cpu_began = time.perf_counter(), time.process_time()
            result = import_files_detailed([path], ImportOptions(interval_minutes=15))
            timings.append(time.perf_counter() - began)
            cpu = time.process_time() - cpu_began
            cpu_times.append(cpu)
            print(f"  run {len(timings)}: {timings[-1]:.2f} s wall, {cpu:.2f} s CPU (all threads)")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    dataset = result.dataset
    elapsed = min(timings)
    rate = result.rows / elapsed
    # Other processes on a shared machine slow the runs down: the load shows how much.
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"import + 15-minute aggregation: {result.rows:,} rows in {elapsed:.2f} s (best of "
        f"{len(timings)}; median {sorted(timings)[len(timings) // 2]:.2f} s) = {rate:,.0f} rows/s "
        f"(target {TARGET_ROWS_PER_SECOND:,}); load average {load} on {os.cpu_count()} CPUs"
    )
    # CPU seconds do not grow when other processes compete for the cores: a load-proof figure.
    print(
        f"CPU time: best {min(cpu_times):.2f} s = {result.rows / min(cpu_times):,.0f} rows per "
        "CPU-second (on an idle machine wall time is about the CPU time or less: reading uses both cores)"
    )
    print(
        f"intervals: {len(dataset.intervals):,} rows, queues {dataset.queues}, "
        f"contacts {dataset.intervals['volume'].sum():,.0f}, answered {dataset.answered:,}"
    )
    print(
        f"peak memory (max RSS): {peak_mb:,.0f} MB (before import {baseline_mb:,.0f} MB; "
        f"limit {MEMORY_LIMIT_MB:,} MB)"
    )
    if args.xlsx_rows:
        with tempfile.TemporaryDirectory() as folder:
            time_workbook(args.xlsx_rows, Path(folder))
    ok = rate >= TARGET_ROWS_PER_SECOND and peak_mb < MEMORY_LIMIT_MB
    print("PASS" if ok else "BELOW TARGET")
    # A busy shared machine slows every run; only --strict turns a miss into a failure.
    return 0 if ok or not args.strict else 1


if __name__ == "__main__":
    sys.exit(main())
