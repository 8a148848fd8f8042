"""Exports with one count column per queue ("Interval,Sales,Support,Billing"): read as one queue
per column, a "Total" column checked rather than read, while a call log with numeric columns
stays a call log."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from import_support import note_with

from data import schema
from data.errors import InputError
from data.importer import ImportResult, import_files_detailed

# Three weeks of 15-minute slots, open 08:00-20:00 Monday to Saturday.
SLOTS = pd.date_range("2024-03-04", periods=21 * 96, freq="15min")
OPEN = SLOTS[(SLOTS.day_of_week < 6) & (SLOTS.hour >= 8) & (SLOTS.hour < 20)]


def queue_counts(seed: int, per_day: dict[str, float]) -> dict[str, np.ndarray]:
    """Poisson counts per open slot for each queue, peaking at midday."""
    rng = np.random.default_rng(seed)
    hours = np.asarray(OPEN.hour + OPEN.minute / 60)
    shape = np.sin(np.pi * (hours - 8) / 12) + 0.3
    return {queue: rng.poisson(size / 48 * shape / shape.mean()) for queue, size in per_day.items()}


def write_csv(
    path: Path, header: list[str], rows: list[list[object]], delimiter: str = ","
) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def wide_file(
    path: Path, time_header: str, counts: dict[str, np.ndarray], total: bool = False
) -> Path:
    """One row per open slot: its start, then one count column per queue (and their sum)."""
    header = [time_header, *counts, *(["Total"] if total else [])]
    rows = []
    for slot, start in enumerate(OPEN):
        values = [int(column[slot]) for column in counts.values()]
        rows.append([f"{start:%Y-%m-%d %H:%M}", *values, *([sum(values)] if total else [])])
    return write_csv(path, header, rows)


def per_queue(result: ImportResult) -> dict[str, float]:
    intervals = result.dataset.intervals
    return intervals.groupby(schema.QUEUE)[schema.VOLUME].sum().to_dict()


def truth(counts: dict[str, np.ndarray]) -> dict[str, float]:
    return {queue: float(column.sum()) for queue, column in counts.items()}


@pytest.mark.parametrize(
    ("time_header", "per_day"),
    [
        (
            "interval_start",
            {"retail": 5000, "business": 800, "vip": 60, "newprod": 300, "legacy": 20},
        ),
        ("Interval", {"Sales": 1500, "Support": 3000, "Billing": 200}),
    ],
)
def test_one_count_column_per_queue_is_one_queue_per_column(tmp_path, time_header, per_day):
    counts = queue_counts(1, per_day)
    result = import_files_detailed([wide_file(tmp_path / "queues.csv", time_header, counts)])
    assert result.files[0].kind == schema.KIND_INTERVALS
    assert result.dataset.interval_minutes == 15
    assert per_queue(result) == truth(counts)
    assert result.contacts == sum(truth(counts).values())
    intervals = result.dataset.intervals
    first = intervals[intervals[schema.INTERVAL_START] == pd.Timestamp("2024-03-04 08:00")]
    assert first.set_index(schema.QUEUE)[schema.VOLUME].to_dict() == {
        queue: float(column[0]) for queue, column in counts.items()
    }


def test_the_note_says_the_file_was_read_as_one_column_per_queue(tmp_path):
    counts = queue_counts(2, {"Sales": 1500, "Support": 3000, "Billing": 200})
    result = import_files_detailed([wide_file(tmp_path / "queues.csv", "Interval", counts)])
    assert note_with(result.dataset, "one column per queue") == (
        "queues.csv: one row per interval with a count column per queue (Sales, Support, "
        "Billing), read as one column per queue."
    )
    assert not any("contact records" in note for note in result.dataset.notes)


def test_date_and_time_columns_with_a_count_column_per_queue(tmp_path):
    counts = queue_counts(3, {"Sales": 1500, "Support": 3000, "Billing": 200})
    rows = [
        [f"{start:%d/%m/%Y}", f"{start:%H:%M}", *(int(c[slot]) for c in counts.values())]
        for slot, start in enumerate(OPEN)
    ]
    path = write_csv(tmp_path / "split.csv", ["date", "time", *counts], rows)
    result = import_files_detailed([path])
    assert result.files[0].columns["date"] == "date"
    assert result.files[0].columns["time"] == "time"
    assert per_queue(result) == truth(counts)
    assert note_with(result.dataset, "one column per queue").startswith("split.csv: one row per")


def test_a_date_written_once_per_day_and_european_thousands(tmp_path):
    counts = queue_counts(4, {"Vertrieb": 60000, "Service": 400})
    rows, last_day = [], None
    for slot, start in enumerate(OPEN):
        day = f"{start:%d.%m.%Y}"
        big, small = int(counts["Vertrieb"][slot]), int(counts["Service"][slot])
        thousands = f"{big:,}".replace(",", ".")
        rows.append([day if day != last_day else "", f"{start:%H:%M}", thousands, small])
        last_day = day
    path = write_csv(tmp_path / "de.csv", ["Datum", "Uhrzeit", *counts], rows, delimiter=";")
    result = import_files_detailed([path])
    assert per_queue(result) == truth(counts)
    assert note_with(result.dataset, "'Datum' is written only on the first row of each day")


def test_a_total_column_is_checked_and_is_no_queue(tmp_path):
    counts = queue_counts(5, {"Sales": 1500, "Support": 3000, "Billing": 200})
    result = import_files_detailed([wide_file(tmp_path / "t.csv", "Interval", counts, True)])
    assert per_queue(result) == truth(counts)
    note = note_with(result.dataset, "one column per queue")
    assert note.endswith("read as one column per queue; column(s) Total left out as totals.")


def test_a_row_whose_total_disagrees_is_named_and_the_queues_are_read(tmp_path):
    counts = queue_counts(6, {"Sales": 1500, "Support": 3000, "Billing": 200})
    path = wide_file(tmp_path / "t.csv", "Interval", counts, total=True)
    lines = path.read_text(encoding="utf-8").splitlines()
    # One row's total says 7 more than its queues: a slip in the export, not another queue.
    fields = lines[-1].split(",")
    stated = int(fields[-1])
    fields[-1] = str(stated + 7)
    lines[-1] = ",".join(fields)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = import_files_detailed([path])
    assert per_queue(result) == truth(counts)
    assert f"(line {len(lines)}: 'Total' {stated + 7}, columns {stated})" in note_with(
        result.dataset, "'Total' differs from the sum of the 3 columns on 1 of"
    )


def test_a_numeric_looking_queue_name_is_a_queue_not_an_hour(tmp_path):
    counts = queue_counts(7, {"2024": 900, "Retail": 2500, "7": 40})
    result = import_files_detailed([wide_file(tmp_path / "q.csv", "interval_start", counts)])
    assert per_queue(result) == truth(counts)
    assert result.dataset.interval_minutes == 15


def test_queue_numbers_beside_a_time_column_are_no_hours_across(tmp_path):
    # "1".."4" side by side read like hours of a grid; the times down the rows say otherwise.
    counts = queue_counts(8, {"1": 700, "2": 300, "3": 90, "4": 20})
    rows = [
        [f"{start:%Y-%m-%d}", f"{start:%H:%M}", *(int(c[slot]) for c in counts.values())]
        for slot, start in enumerate(OPEN)
    ]
    result = import_files_detailed([write_csv(tmp_path / "n.csv", ["Date", "Time", *counts], rows)])
    assert per_queue(result) == truth(counts)
    assert result.dataset.interval_minutes == 15


def test_one_row_per_day_with_a_count_column_per_queue(tmp_path):
    days = pd.date_range("2024-01-01", periods=70, freq="D")
    days = days[days.day_of_week < 6]
    rng = np.random.default_rng(9)
    sales, support = rng.poisson(900, len(days)), rng.poisson(120, len(days))
    rows = [
        [f"{day:%Y-%m-%d}", int(a), int(b)] for day, a, b in zip(days, sales, support, strict=True)
    ]
    result = import_files_detailed(
        [write_csv(tmp_path / "d.csv", ["Date", "Sales", "Support"], rows)]
    )
    assert result.dataset.interval_minutes == 1440
    assert per_queue(result) == {"Sales": float(sales.sum()), "Support": float(support.sum())}
    assert note_with(result.dataset, "one column per queue").startswith("d.csv: one row per day")


def test_a_call_log_with_numeric_columns_stays_a_call_log(tmp_path):
    rng = np.random.default_rng(10)
    calls = 3000
    seconds = np.sort(rng.uniform(0, 18 * 86_400, calls))
    arrivals = pd.Timestamp("2024-03-04 08:00") + pd.to_timedelta(seconds, unit="s")
    durations = rng.integers(30, 900, calls)
    rows = [
        [f"{arrival:%Y-%m-%d %H:%M:%S}", int(agent), int(duration), int(wait)]
        for arrival, agent, duration, wait in zip(
            arrivals,
            rng.integers(100, 140, calls),
            durations,
            rng.integers(0, 120, calls),
            strict=True,
        )
    ]
    header = ["timestamp", "agent_id", "duration_s", "wait_s"]
    result = import_files_detailed([write_csv(tmp_path / "calls.csv", header, rows)])
    assert result.files[0].kind == schema.KIND_RECORDS
    assert per_queue(result) == {"calls": float(calls)}
    assert result.files[0].columns["handle"] == "duration_s"
    assert not any("one column per queue" in note for note in result.dataset.notes)


def test_a_call_log_stamped_to_the_quarter_hour_stays_a_call_log(tmp_path):
    # Several calls share each rounded time: not one row per interval.
    rng = np.random.default_rng(11)
    calls = 4000
    quarters = np.sort(rng.integers(0, 18 * 48, calls))
    arrivals = pd.Timestamp("2024-03-04 08:00") + pd.to_timedelta(quarters * 900, unit="s")
    rows = [[f"{arrival:%Y-%m-%d %H:%M}", int(rng.integers(1, 40)), 3] for arrival in arrivals]
    header = ["Start", "Agent", "Rating"]
    result = import_files_detailed([write_csv(tmp_path / "rounded.csv", header, rows)])
    assert result.files[0].kind == schema.KIND_RECORDS
    assert per_queue(result) == {"rounded": float(calls)}


def test_a_column_summing_the_others_is_no_queue_and_is_refused(tmp_path):
    # Offered, answered and abandoned under headers the importer does not know: reading them as
    # three queues would count every contact twice.
    rng = np.random.default_rng(12)
    answered, abandoned = rng.poisson(20, len(OPEN)), rng.poisson(2, len(OPEN))
    rows = [
        [f"{start:%Y-%m-%d %H:%M}", int(a + b), int(a), int(b)]
        for start, a, b in zip(OPEN, answered, abandoned, strict=True)
    ]
    header = ["Aikaväli", "Tarjotut", "Vastatut", "Hylätyt"]  # Finnish
    with pytest.raises(InputError, match=r"interval grid.*--volume-column 'Tarjotut'"):
        import_files_detailed([write_csv(tmp_path / "fi.csv", header, rows)])


@pytest.mark.parametrize(
    ("time_header", "queues"),
    [
        (
            "Interval",
            {"Sales Calls": "Sales", "Support Calls": "Support", "Billing Calls": "Billing"},
        ),
        ("Data", {"Chiamate Vendite": "Vendite", "Chiamate Assistenza": "Assistenza"}),
        (
            "Intervallo",
            {"N. chiamate di Vendita": "Vendita", "N. chiamate Assistenza": "Assistenza"},
        ),
        ("interval_start", {"SalesContacts": "Sales", "service_contacts": "service"}),
    ],
)
def test_a_count_word_in_each_queue_header_is_no_part_of_the_queue(tmp_path, time_header, queues):
    # "Sales Calls" reads as a count header; the columns beside it are queues all the same.
    counts = queue_counts(13, dict(zip(queues, (1500, 3000, 200), strict=False)))
    result = import_files_detailed([wide_file(tmp_path / "q.csv", time_header, counts)])
    assert result.files[0].kind == schema.KIND_INTERVALS
    assert per_queue(result) == {queues[header]: total for header, total in truth(counts).items()}
    assert result.contacts == sum(truth(counts).values())
    intervals = result.dataset.intervals
    first = intervals[intervals[schema.INTERVAL_START] == pd.Timestamp("2024-03-04 08:00")]
    assert first.set_index(schema.QUEUE)[schema.VOLUME].to_dict() == {
        queues[header]: float(column[0]) for header, column in counts.items()
    }


def test_the_note_names_the_queues_of_count_word_headers(tmp_path):
    counts = queue_counts(14, {"Sales Calls": 1500, "Support Calls": 3000, "Total Calls": 0})
    counts["Total Calls"] = counts["Sales Calls"] + counts["Support Calls"]
    result = import_files_detailed([wide_file(tmp_path / "q.csv", "Interval", counts)])
    assert per_queue(result) == {
        "Sales": float(counts["Sales Calls"].sum()),
        "Support": float(counts["Support Calls"].sum()),
    }
    assert note_with(result.dataset, "one column per queue") == (
        "q.csv: one row per interval with a count column per queue (Sales Calls, Support Calls), "
        "read as one column per queue (queues Sales, Support); column(s) Total Calls left out as "
        "totals."
    )


def test_date_and_time_with_contacts_per_queue(tmp_path):
    counts = queue_counts(15, {"Sales contacts": 900, "Support contacts": 2500})
    rows = [
        [f"{start:%Y-%m-%d}", f"{start:%H:%M}", *(int(c[slot]) for c in counts.values())]
        for slot, start in enumerate(OPEN)
    ]
    path = write_csv(tmp_path / "c.csv", ["Date", "Time", *counts], rows)
    result = import_files_detailed([path])
    assert per_queue(result) == {
        "Sales": float(counts["Sales contacts"].sum()),
        "Support": float(counts["Support contacts"].sum()),
    }


def acd_rows(seed: int) -> tuple[np.ndarray, np.ndarray, list[list[object]]]:
    """Offered, answered and abandoned per open slot: answered + abandoned = offered."""
    rng = np.random.default_rng(seed)
    answered, abandoned = rng.poisson(20, len(OPEN)), rng.poisson(2, len(OPEN))
    rows = [
        [f"{start:%Y-%m-%d %H:%M}", int(a + b), int(a), int(b)]
        for start, a, b in zip(OPEN, answered, abandoned, strict=True)
    ]
    return answered, abandoned, rows


@pytest.mark.parametrize(
    "header",
    [
        ["Interval", "Calls Offered", "Calls Answered", "Calls Abandoned"],
        ["Interval", "Offered", "Answered", "Abandoned"],
    ],
)
def test_an_acd_report_with_count_words_stays_one_report(tmp_path, header):
    answered, abandoned, rows = acd_rows(16)
    result = import_files_detailed([write_csv(tmp_path / "acd.csv", header, rows)])
    assert result.files[0].columns["volume"] == header[1]
    assert result.files[0].columns["answered"] == header[2]
    assert result.files[0].columns["abandoned"] == header[3]
    assert per_queue(result) == {"acd": float((answered + abandoned).sum())}
    assert not any("one column per queue" in note for note in result.dataset.notes)


@pytest.mark.parametrize(
    "header",
    [
        ["Interval", "Inbound Calls", "Outbound Calls"],
        ["Interval", "Calls Offered", "Calls Handled"],
        ["Interval", "Calls", "Calls in Queue"],
    ],
)
def test_count_words_beside_a_direction_or_outcome_are_no_queues(tmp_path, header):
    rng = np.random.default_rng(17)
    first, second = rng.poisson(20, len(OPEN)), rng.poisson(5, len(OPEN))
    rows = [
        [f"{start:%Y-%m-%d %H:%M}", int(a), int(b)]
        for start, a, b in zip(OPEN, first, second, strict=True)
    ]
    result = import_files_detailed([write_csv(tmp_path / "r.csv", header, rows)])
    assert result.files[0].columns["volume"] == header[1]
    assert per_queue(result) == {"r": float(first.sum())}


def test_one_count_column_beside_a_queue_column_stays_one_count(tmp_path):
    rng = np.random.default_rng(18)
    sales, support = rng.poisson(15, len(OPEN)), rng.poisson(4, len(OPEN))
    rows = [
        [f"{start:%Y-%m-%d %H:%M}", queue, int(count)]
        for start, a, b in zip(OPEN, sales, support, strict=True)
        for queue, count in (("Sales", a), ("Support", b))
    ]
    header = ["Interval", "Queue", "Sales Calls"]
    result = import_files_detailed([write_csv(tmp_path / "l.csv", header, rows)])
    assert result.files[0].columns["queue"] == "Queue"
    assert per_queue(result) == {"Sales": float(sales.sum()), "Support": float(support.sum())}


def block_rows(seed: int) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Calls and a handle time in seconds per open slot for Sales and Support."""
    rng = np.random.default_rng(seed)
    calls = {"Sales": rng.poisson(15, len(OPEN)), "Support": rng.poisson(30, len(OPEN))}
    aht = {"Sales": rng.integers(120, 400, len(OPEN)), "Support": rng.integers(200, 700, len(OPEN))}
    return calls, aht


def weighted_aht(result: ImportResult) -> dict[str, float]:
    intervals = result.dataset.intervals
    busy = intervals[intervals[schema.VOLUME] > 0]
    handled = (busy[schema.VOLUME] * busy[schema.AHT_SECONDS]).groupby(busy[schema.QUEUE]).sum()
    return (handled / busy.groupby(schema.QUEUE)[schema.VOLUME].sum()).to_dict()


@pytest.mark.parametrize("written", [str, lambda seconds: f"{seconds // 60}:{seconds % 60:02d}"])
def test_a_block_of_calls_and_aht_per_queue_is_one_queue_per_block(tmp_path, written):
    calls, aht = block_rows(19)
    rows = [
        [f"{start:%Y-%m-%d %H:%M}"]
        + [
            value
            for queue in calls
            for value in (int(calls[queue][slot]), written(aht[queue][slot]))
        ]
        for slot, start in enumerate(OPEN)
    ]
    header = ["Interval", "Sales Calls", "Sales AHT", "Support Calls", "Support AHT"]
    result = import_files_detailed([write_csv(tmp_path / "blocks.csv", header, rows)])
    assert result.files[0].kind == schema.KIND_INTERVALS
    assert per_queue(result) == {"Sales": 13183.0, "Support": 26062.0}
    assert per_queue(result) == truth(calls)
    expected = {q: float((calls[q] * aht[q]).sum() / calls[q].sum()) for q in calls}
    assert weighted_aht(result) == pytest.approx(expected)
    assert weighted_aht(result) == pytest.approx(
        {"Sales": 3406063 / 13183, "Support": 11685185 / 26062}
    )
    assert note_with(result.dataset, "one queue per block") == (
        "blocks.csv: one row per interval with a block of columns per queue (Sales, Support), "
        "read as one queue per block: counts Sales Calls, Support Calls; measures Sales AHT, "
        "Support AHT."
    )


def test_offered_answered_abandoned_per_queue_are_read_per_queue(tmp_path):
    rng = np.random.default_rng(20)
    answered = {"Sales": rng.poisson(15, len(OPEN)), "Support": rng.poisson(30, len(OPEN))}
    abandoned = {"Sales": rng.poisson(2, len(OPEN)), "Support": rng.poisson(3, len(OPEN))}
    rows = [
        [f"{start:%Y-%m-%d %H:%M}"]
        + [
            value
            for queue in answered
            for value in (
                int(answered[queue][slot] + abandoned[queue][slot]),
                int(answered[queue][slot]),
                int(abandoned[queue][slot]),
            )
        ]
        for slot, start in enumerate(OPEN)
    ]
    header = ["Interval"] + [
        f"{queue} {role}" for queue in answered for role in ("Offered", "Answered", "Abandoned")
    ]
    result = import_files_detailed([write_csv(tmp_path / "acd.csv", header, rows)])
    intervals = result.dataset.intervals
    sums = intervals.groupby(schema.QUEUE)[[schema.VOLUME, schema.ANSWERED, schema.ABANDONED]].sum()
    assert sums.to_dict("index") == {
        "Sales": {schema.VOLUME: 14843.0, "answered": 13052.0, "abandoned": 1791.0},
        "Support": {schema.VOLUME: 28041.0, "answered": 25516.0, "abandoned": 2525.0},
    }
    for queue in answered:
        assert sums.loc[queue, schema.ANSWERED] == answered[queue].sum()
        assert sums.loc[queue, schema.ABANDONED] == abandoned[queue].sum()


def test_an_acd_report_of_one_queue_with_an_aht_stays_one_report(tmp_path):
    answered, abandoned, rows = acd_rows(21)
    rng = np.random.default_rng(22)
    rows = [
        [*row, int(seconds)]
        for row, seconds in zip(rows, rng.integers(120, 400, len(rows)), strict=True)
    ]
    header = ["Interval", "Calls Offered", "Calls Answered", "Calls Abandoned", "AHT"]
    result = import_files_detailed([write_csv(tmp_path / "acd.csv", header, rows)])
    assert result.files[0].columns["volume"] == "Calls Offered"
    assert result.files[0].columns["aht"] == "AHT"
    assert per_queue(result) == {"acd": float((answered + abandoned).sum())}
    assert not any("queue per block" in note for note in result.dataset.notes)


@pytest.mark.parametrize(
    ("time_header", "queues"),
    [
        ("Interval", {"Calls": "Calls", "Chats": "Chats", "Emails": "Emails"}),
        ("Data", {"N. chiamate": "Chiamate", "N. chat": "Chat", "N. email": "Email"}),
        ("Interval", {"Voice": "Voice", "Chat": "Chat", "E-mail": "E-mail"}),
    ],
)
def test_a_count_column_per_channel_is_one_queue_per_channel(tmp_path, time_header, queues):
    # "Calls" alone reads as the file's count; "Chats" and "Emails" beside it had been dropped.
    counts = queue_counts(19, dict(zip(queues, (2400, 600, 150), strict=True)))
    result = import_files_detailed([wide_file(tmp_path / "ch.csv", time_header, counts)])
    assert per_queue(result) == {queues[header]: total for header, total in truth(counts).items()}
    assert result.contacts == sum(truth(counts).values())


@pytest.mark.parametrize(
    "header",
    [
        ["Interval", "Calls", "Phone"],  # the same channel twice: no queues
        ["Interval", "Calls", "Calls Handled"],
    ],
)
def test_columns_naming_one_channel_twice_stay_one_count(tmp_path, header):
    rng = np.random.default_rng(20)
    first, second = rng.poisson(20, len(OPEN)), rng.poisson(5, len(OPEN))
    rows = [
        [f"{start:%Y-%m-%d %H:%M}", int(a), int(b)]
        for start, a, b in zip(OPEN, first, second, strict=True)
    ]
    result = import_files_detailed([write_csv(tmp_path / "r.csv", header, rows)])
    assert result.files[0].columns["volume"] == "Calls"
    assert per_queue(result) == {"r": float(first.sum())}
