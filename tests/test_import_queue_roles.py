"""Which column is the queue: a queue, group or CSQ column wherever it stands (a channel or
media type beside it splits each queue), a readable queue name before a queue id; a CSQ report's
"Avg Queue Time" is its wait; an empty "Call Notes" column in a call log is no count."""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections import Counter
from pathlib import Path

import pytest
from import_support import at

from data import schema
from data.columns import ImportOptions
from data.errors import InputError
from data.importer import import_files_detailed

MONDAY = dt.datetime(2024, 3, 4)


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def call_log(seed: int, pairs: list[tuple[str, str]], count: int) -> list[tuple[str, str, str]]:
    """(arrival to the second, queue, channel) of `count` contacts over two days, drawn from
    the (queue, channel) `pairs`."""
    rng = random.Random(seed)
    contacts = []
    for _ in range(count):
        day = rng.randrange(2)
        second = rng.randrange(8 * 3600, 18 * 3600)
        arrival = MONDAY + dt.timedelta(days=day, seconds=second)
        queue, channel = rng.choice(pairs)
        contacts.append((f"{arrival:%Y-%m-%d %H:%M:%S}", queue, channel))
    return sorted(contacts)


def per_queue(result) -> dict[str, float]:
    intervals = result.dataset.intervals
    return intervals.groupby(schema.QUEUE)[schema.VOLUME].sum().to_dict()


# --- 1. The queue column is the queue whatever the column order -----------------------------


@pytest.mark.parametrize(
    ("channel_header", "queue_header"),
    [
        ("Channel", "Queue"),
        ("Channel", "Group"),  # Zendesk tickets
        ("CHANNEL", "QUEUE_NAME"),  # Amazon Connect contact records
        ("Media Type", "Queue Name"),
    ],
)
@pytest.mark.parametrize("queue_first", [False, True])
def test_a_queue_column_is_the_queue_and_a_channel_beside_it_splits_it_in_either_order(
    tmp_path, channel_header, queue_header, queue_first
):
    pairs = [("Tier 1", "email"), ("Tier 1", "chat"), ("Tier 2", "email")]
    contacts = call_log(7, pairs, 300)
    expected = Counter(f"{queue} / {channel}" for _, queue, channel in contacts)
    if queue_first:
        header = ["Start Time", queue_header, channel_header, "Talk Time"]
        rows = [[arrival, queue, channel, "240"] for arrival, queue, channel in contacts]
    else:
        header = ["Start Time", channel_header, queue_header, "Talk Time"]
        rows = [[arrival, channel, queue, "240"] for arrival, queue, channel in contacts]
    result = import_files_detailed([write_csv(tmp_path / "log.csv", header, rows)])
    assert result.files[0].columns["queue"] == queue_header
    assert result.files[0].columns["queue split"] == channel_header
    # Tier 1 and Tier 2 e-mail stay apart: the channel alone would have summed them.
    assert per_queue(result) == {name: float(count) for name, count in expected.items()}
    assert result.contacts == 300


def test_queue_numbers_before_a_channel_column_stay_the_queue(tmp_path):
    contacts = call_log(11, [("101", "phone"), ("102", "phone"), ("102", "chat")], 240)
    rows = [[arrival, channel, queue, "180"] for arrival, queue, channel in contacts]
    path = write_csv(tmp_path / "log.csv", ["Start Time", "Channel", "Queue ID", "Talk Time"], rows)
    result = import_files_detailed([path])
    expected = Counter(f"{queue} / {channel}" for _, queue, channel in contacts)
    assert per_queue(result) == {name: float(count) for name, count in expected.items()}
    assert set(expected) == {"101 / phone", "102 / phone", "102 / chat"}


# --- 2. An interval report: media type first, then a queue id and a queue name ---------------

QUEUE_IDS = {
    "Support EN": "6f1c2e9a-3b4d-4c1e-9f0a-1b2c3d4e5f60",
    "Support DE": "a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d",
}


def queue_report(tmp_path: Path, with_media: bool, name_first: bool) -> tuple[Path, dict[str, int]]:
    """Half-hour counts of two queues in one row each per interval, keyed by a GUID and a name."""
    rng = random.Random(3)
    header = ["Interval Start", "Media Type", "Queue Id", "Queue Name", "Offer", "Avg Wait"]
    if name_first:
        header[2], header[3] = header[3], header[2]
    totals = dict.fromkeys(QUEUE_IDS, 0)
    rows = []
    for slot in range(40):
        start = MONDAY + dt.timedelta(days=slot // 20, hours=8, minutes=30 * (slot % 20))
        for name, guid in QUEUE_IDS.items():
            offered = rng.randrange(5, 30)
            totals[name] += offered
            keys = [name, guid] if name_first else [guid, name]
            rows.append([f"{start:%m/%d/%y %I:%M %p}", "voice", *keys, str(offered), "25"])
    if not with_media:
        header = header[:1] + header[2:]
        rows = [row[:1] + row[2:] for row in rows]
    return write_csv(tmp_path / "queues.csv", header, rows), totals


def test_an_interval_report_with_media_type_before_the_queue_keeps_the_queues_apart(tmp_path):
    path, totals = queue_report(tmp_path, with_media=True, name_first=False)
    result = import_files_detailed([path])
    assert result.files[0].columns["queue"] == "Queue Name"
    assert result.files[0].columns["queue split"] == "Media Type"
    assert per_queue(result) == {
        "Support DE / voice": float(totals["Support DE"]),
        "Support EN / voice": float(totals["Support EN"]),
    }
    assert not any("repeat a timestamp" in note for note in result.dataset.notes)


@pytest.mark.parametrize("name_first", [False, True])
def test_a_readable_queue_name_is_preferred_over_a_queue_guid(tmp_path, name_first):
    path, totals = queue_report(tmp_path, with_media=False, name_first=name_first)
    result = import_files_detailed([path])
    assert result.files[0].columns["queue"] == "Queue Name"
    assert per_queue(result) == {name: float(total) for name, total in totals.items()}


# --- 3. A Cisco CSQ report ---------------------------------------------------------------------


def test_a_csq_name_is_the_queue_and_avg_queue_time_is_the_wait(tmp_path):
    header = [
        "Interval Start Time", "Interval End Time", "CSQ Name", "Calls Presented",
        "Calls Handled", "Calls Abandoned", "Max Queue Time", "Avg Queue Time",
        "Avg Handle Time",
    ]  # fmt: skip
    rng = random.Random(5)
    presented = {"CSQ_Helpdesk": 0, "CSQ_VIP": 0}
    rows = []
    for slot in range(20):
        start = MONDAY + dt.timedelta(days=slot // 10, hours=8 + slot % 10)
        end = start + dt.timedelta(minutes=59, seconds=59)
        for csq, wait in (("CSQ_Helpdesk", 21), ("CSQ_VIP", 8)):
            abandoned = rng.randrange(0, 3)
            handled = rng.randrange(10, 30)
            presented[csq] += handled + abandoned
            rows.append([
                f"{start:%m/%d/%y %I:%M:%S %p}", f"{end:%m/%d/%y %I:%M:%S %p}", csq,
                str(handled + abandoned), str(handled), str(abandoned), "00:03:10",
                f"00:00:{wait:02d}", "00:04:04",
            ])  # fmt: skip
    result = import_files_detailed([write_csv(tmp_path / "csq.csv", header, rows)])
    columns = result.files[0].columns
    assert columns["queue"] == "CSQ Name"
    assert columns["wait"] == "Avg Queue Time"  # not the longest wait beside it
    assert per_queue(result) == {csq: float(total) for csq, total in presented.items()}
    assert at(result.dataset, "2024-03-04 09:00", "CSQ_Helpdesk")[schema.WAIT_SECONDS] == 21
    assert at(result.dataset, "2024-03-04 09:00", "CSQ_VIP")[schema.WAIT_SECONDS] == 8
    assert at(result.dataset, "2024-03-04 09:00", "CSQ_VIP")[schema.AHT_SECONDS] == 244


# --- 4. An empty column is no count in a call log --------------------------------------------


@pytest.mark.parametrize("empty_header", ["Call Notes", "Call Activity Details"])
def test_an_empty_call_column_in_a_call_log_is_not_taken_for_the_count(tmp_path, empty_header):
    contacts = call_log(13, [("Sales", ""), ("Support", "")], 200)
    rows = [[arrival, queue, "300", ""] for arrival, queue, _ in contacts]
    header = ["Start Time", "Queue", "Talk Time", empty_header]
    result = import_files_detailed([write_csv(tmp_path / "log.csv", header, rows)])
    assert result.dataset.kind == schema.KIND_RECORDS
    assert "volume" not in result.files[0].columns
    expected = Counter(queue for _, queue, _ in contacts)
    assert per_queue(result) == {queue: float(count) for queue, count in expected.items()}
    assert result.dataset.mean_handle_seconds == 300


def test_an_empty_count_column_on_an_interval_grid_is_still_refused(tmp_path):
    rows = [[f"{MONDAY + dt.timedelta(hours=8, minutes=30 * slot):%Y-%m-%d %H:%M}", "Sales", ""]
            for slot in range(12)]  # fmt: skip
    path = write_csv(tmp_path / "report.csv", ["Interval", "Queue", "Calls"], rows)
    with pytest.raises(InputError, match="every count cell is empty"):
        import_files_detailed([path])


def test_an_empty_call_column_still_reads_when_the_per_contact_layout_is_chosen(tmp_path):
    contacts = call_log(17, [("Sales", "")], 50)
    rows = [[arrival, queue, "300", ""] for arrival, queue, _ in contacts]
    path = write_csv(tmp_path / "log.csv", ["Start Time", "Queue", "Talk Time", "Call Notes"], rows)
    result = import_files_detailed([path], ImportOptions(kind=schema.KIND_RECORDS))
    assert result.contacts == 50
