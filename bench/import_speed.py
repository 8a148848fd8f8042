"""Benchmark: import a 2-million-row contact-record CSV and aggregate it to 15-minute intervals.

Target: at least 1 million rows/s end to end and under 2 GB peak memory. The file is written by a
child process so that the peak memory printed here belongs to the import alone. The same records,
fewer of them, are then timed as an Excel workbook (no target: it shows what size of .xlsx
export is still quick to upload). Last, a FreePBX call-detail record (CDR) of a million call legs
is imported in a child process of its own, so that its peak memory is its own too.
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
import pyarrow.compute as pc
import pyarrow.csv as pacsv

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from data.importer import ImportOptions, import_files_detailed  # noqa: E402

ROWS = 2_000_000
TARGET_ROWS_PER_SECOND = 1_000_000
MEMORY_LIMIT_MB = 2048
CDR_LEGS = 1_000_000
FREEPBX_HEADER = [
    "calldate", "clid", "src", "dst", "dcontext", "channel", "dstchannel", "lastapp", "lastdata",
    "duration", "billsec", "disposition", "amaflags", "accountcode", "uniqueid", "userfield",
    "did", "recordingfile", "cnum", "cnam",
]  # fmt: skip


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


def write_cdr(path: Path, legs: int, seed: int = 13) -> None:
    """A FreePBX CDR export of `legs` call legs over a year: inbound calls from the trunk to four
    queues (an answered one with its queue member's Local leg too), outbound and internal calls."""
    rng = np.random.default_rng(seed)
    kind = rng.choice(3, legs, p=[0.7, 0.2, 0.1])  # inbound to a queue, outbound, internal
    answered = (kind != 0) | (rng.random(legs) < 0.85)
    member = (kind == 0) & answered  # an answered queue call has a member's Local leg too
    total = np.cumsum(1 + member)
    calls = int(np.searchsorted(total, legs, side="right"))
    if total[calls - 1] < legs:  # one leg short: one more call of a single leg
        member[calls], answered[calls], calls = False, kind[calls] != 0, calls + 1
    kind, answered, member = kind[:calls], answered[:calls], member[:calls]
    days = rng.integers(0, 366, calls)
    seconds = np.clip(rng.normal(13 * 3600, 3 * 3600, calls), 0, 86_399).astype(np.int64)
    arrival = np.sort(np.datetime64("2024-01-01T00:00:00", "s") + days * 86_400 + seconds)
    talk = np.where(answered, rng.gamma(2.0, 90.0, calls).round().astype(np.int64), 0)
    ring = rng.integers(3, 40, calls)
    # The call's own leg first, then the member's (same arrival, its own uniqueid).
    call = np.concatenate([np.arange(calls), np.flatnonzero(member)])
    local = np.concatenate([np.zeros(calls, bool), np.ones(int(member.sum()), bool)])
    order = np.argsort(call, kind="stable")
    call, local = call[order], local[order]
    leg_kind = kind[call]

    def text(values: np.ndarray) -> pa.Array:
        return pc.cast(pa.array(values), pa.string())

    def pick(*choices: tuple[np.ndarray, pa.Array | str]) -> pa.Array:
        out = pa.array([""] * len(call), pa.string())
        for mask, value in choices:
            out = pc.if_else(pa.array(mask), value, out)
        return out

    number = text(rng.integers(3_000_000_000, 3_999_999_999, len(call)))
    agent = text(200 + call % 60)
    seq = text(call)
    stamp = pc.replace_substring(text(arrival[call].astype("datetime64[s]")), "T", " ")
    inbound, outbound, internal = (leg_kind == 0) & ~local, leg_kind == 1, leg_kind == 2
    src = pick((inbound | local, number), (outbound | internal, agent))
    dst = pick(
        (inbound, text(400 + call % 4)), (outbound, number), (internal, text(260 - call % 60)),
        (local, agent),
    )  # fmt: skip
    join = pc.binary_join_element_wise
    took = answered[call]
    table = {
        "calldate": stamp,
        "clid": join('"', src, '" <', src, ">", ""),
        "src": src,
        "dst": dst,
        "dcontext": pick(
            (inbound, "from-trunk"), (outbound | internal, "from-internal"), (local, "from-queue")
        ),  # fmt: skip
        "channel": pick(
            (inbound, join("SIP/trunk-", seq, "")),
            (outbound | internal, join("SIP/", agent, "-", seq, "")),
            (local, join("Local/", agent, "@from-queue-", seq, ";2", "")),
        ),  # fmt: skip
        "dstchannel": pick(
            (inbound & took | local, join("SIP/", agent, "-", seq, "")),
            (outbound, join("SIP/trunk-", seq, "")),
            (internal, join("SIP/", dst, "-", seq, "")),
        ),  # fmt: skip
        "lastapp": pick((inbound, "Queue"), (~inbound, "Dial")),
        "lastdata": join(dst, ",t,,,300", ""),
        "duration": pa.array(ring[call] + talk[call]),
        "billsec": pa.array(talk[call]),
        "disposition": pick((took, "ANSWERED"), (~took, "NO ANSWER")),
        "amaflags": pa.array(np.full(len(call), 3)),
        "accountcode": pick(),
        "uniqueid": join(
            text(arrival[call].astype(np.int64)), join(seq, pick((local, "L")), ""), "."
        ),
        "userfield": pick(),
        "did": pick((inbound, "0212345678")),
        "recordingfile": pick(),
        "cnum": src,
        "cnam": pick(),
    }
    pacsv.write_csv(pa.table({name: table[name] for name in FREEPBX_HEADER}), path)


def time_cdr(legs: int, repeat: int) -> None:
    """Write a CDR of `legs` legs and time its import in a child process (its own peak memory)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cdr.csv"
        began = time.perf_counter()
        subprocess.run(
            [sys.executable, __file__, "--cdr-legs", str(legs), "--write-cdr", str(path)],
            check=True,
        )
        print(
            f"Asterisk CDR: generated {legs:,} legs ({path.stat().st_size / 1e6:,.0f} MB) in "
            f"{time.perf_counter() - began:.1f} s"
        )
        subprocess.run(
            [sys.executable, __file__, "--repeat", str(repeat), "--import-cdr", str(path)],
            check=True,
        )


def import_cdr(path: Path, repeat: int) -> None:
    timings, cpu_times = [], []
    for _ in range(repeat):
        began, cpu_began = time.perf_counter(), time.process_time()
        result = import_files_detailed([path], ImportOptions(interval_minutes=15))
        timings.append(time.perf_counter() - began)
        cpu_times.append(time.process_time() - cpu_began)
        print(f"  run {len(timings)}: {timings[-1]:.2f} s wall, {cpu_times[-1]:.2f} s CPU")
    legs, elapsed = result.files[0].rows, min(timings)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"Asterisk CDR import + 15-minute aggregation: {legs:,} legs ({int(result.contacts):,} inbound "
        f"calls kept) in {elapsed:.2f} s (best of {len(timings)}) = {legs / elapsed:,.0f} rows/s, "
        f"{legs / min(cpu_times):,.0f} rows per CPU-second; peak memory (max RSS) {peak_mb:,.0f} MB"
    )


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
    parser.add_argument(
        "--cdr-legs", type=int, default=CDR_LEGS, help="legs of the Asterisk CDR run (0 skips it)"
    )
    parser.add_argument("--only-cdr", action="store_true", help="time the Asterisk CDR only")
    parser.add_argument("--write-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--write-cdr", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--import-cdr", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_only:
        write_records(args.write_only, args.rows)
        return 0
    if args.write_cdr:
        write_cdr(args.write_cdr, args.cdr_legs)
        return 0
    if args.import_cdr:
        import_cdr(args.import_cdr, args.repeat)
        return 0
    if args.only_cdr:
        time_cdr(args.cdr_legs, args.repeat)
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
    if args.cdr_legs:
        time_cdr(args.cdr_legs, args.repeat)
    ok = rate >= TARGET_ROWS_PER_SECOND and peak_mb < MEMORY_LIMIT_MB
    print("PASS" if ok else "BELOW TARGET")
    # A busy shared machine slows every run; only --strict turns a miss into a failure.
    return 0 if ok or not args.strict else 1


if __name__ == "__main__":
    sys.exit(main())
