"""Help-desk and cloud telephony exports: pipelines, projects, ring groups and lines as queues, a
case's origin as its channel, a ticket's time to resolution never a handle time, Genesys' timed
metrics in milliseconds, Zoho and Jira dates, subtotal rows labelled anywhere."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from import_support import half_hours, note_with, weekday_arrivals, write

from data import schema
from data.importer import import_files_detailed

MONDAY = dt.datetime(2026, 8, 31)


def arrivals(seed: int, count: int) -> list[dt.datetime]:
    return weekday_arrivals(seed, count, MONDAY)


def per_queue(result) -> dict[str, float]:
    return result.dataset.intervals.groupby(schema.QUEUE)[schema.VOLUME].sum().to_dict()


def log(tmp_path, name: str, header: str, rows: list[str]):
    return import_files_detailed([write(tmp_path, name, "\n".join([header, *rows]) + "\n")])


@pytest.mark.parametrize(
    ("queue_header", "time_header", "written"),
    [
        ("Pipeline", "Create date", "%Y-%m-%d %H:%M"),  # HubSpot
        ("Project name", "Created", "%d/%b/%y %I:%M %p"),  # Jira: 31/Aug/26 8:28 AM
        ("Ring Groups", "Start Time", "%m/%d/%Y %I:%M:%S %p"),  # Talkdesk
        ("Department", "Created Time", "%d %b %Y %I:%M %p"),  # Zoho Desk: 31 Aug 2026 08:21 AM
    ],
)
def test_a_pipeline_project_ring_group_or_department_is_the_queue(
    tmp_path, queue_header, time_header, written
):
    rng = np.random.default_rng(1)
    counts = {"Support": 0, "Onboarding": 0}
    rows = []
    for number, moment in enumerate(arrivals(1, 300)):
        queue = "Support" if rng.random() < 0.7 else "Onboarding"
        counts[queue] += 1
        rows.append(f"{number},Ticket {number},{moment.strftime(written)},{queue},Open")
    result = log(tmp_path, "export.csv", f"Id,Subject,{time_header},{queue_header},Status", rows)
    assert result.files[0].columns["queue"] == queue_header
    assert result.files[0].columns["timestamp"] == time_header
    assert per_queue(result) == {queue: float(n) for queue, n in counts.items()}


def test_aircall_lines_are_queues_and_a_country_code_is_not(tmp_path):
    rng = np.random.default_rng(2)
    counts = {"Support FR": 0, "Sales FR": 0}
    rows = []
    for number, moment in enumerate(arrivals(2, 300)):
        line = "Support FR" if rng.random() < 0.7 else "Sales FR"
        counts[line] += 1
        rows.append(
            f"{number},{moment:%Y-%m-%d %H:%M:%S},inbound,{line},FR,{int(rng.integers(60, 600))}"
        )
    result = log(tmp_path, "aircall.csv", "id,datetime,direction,line,country_code,duration", rows)
    assert result.files[0].columns["queue"] == "line"
    assert per_queue(result) == {line: float(n) for line, n in counts.items()}


def test_a_case_origin_is_its_channel(tmp_path):
    rng = np.random.default_rng(3)
    counts: dict[str, int] = {}
    rows = []
    for number, moment in enumerate(arrivals(3, 300)):
        origin = str(rng.choice(["Email", "Phone", "Web"]))
        counts[origin] = counts.get(origin, 0) + 1
        rows.append(f"0000{number},{moment:%m/%d/%Y %I:%M %p},{origin},New")
    result = log(tmp_path, "cases.csv", "Case Number,Date/Time Opened,Case Origin,Status", rows)
    assert result.files[0].columns["queue"] == "Case Origin"
    assert per_queue(result) == {origin: float(n) for origin, n in counts.items()}


def test_a_tickets_time_to_resolution_is_no_handle_time(tmp_path):
    rows = [
        f"INC{number:05d},{moment:%Y-%m-%d %H:%M:%S},Service Desk,phone,{7200 + number}"
        for number, moment in enumerate(arrivals(4, 200))
    ]
    result = log(
        tmp_path, "incident.csv", "number,opened_at,assignment_group,contact_type,business_duration",
        rows,
    )  # fmt: skip
    assert "handle" not in result.files[0].columns
    assert result.dataset.mean_handle_seconds is None
    assert per_queue(result) == {"Service Desk / phone": 200.0}


def test_genesys_timed_metrics_are_milliseconds(tmp_path):
    # tHandle is each interval's total handle time in ms: 240 s per answered call here.
    rng = np.random.default_rng(5)
    rows = []
    for start in half_hours(days=5):
        answered = int(rng.integers(2, 30))
        stamp = f"{start:%Y-%m-%dT%H:%M:%S.000+01:00}"
        rows.append(f"Support,{stamp},{answered},{answered},{answered * 240_000}")
    result = log(tmp_path, "genesys.csv", "Queue,Interval Start,Offer,Answer,tHandle", rows)
    intervals = result.dataset.intervals.dropna(subset=[schema.AHT_SECONDS])
    assert np.allclose(intervals[schema.AHT_SECONDS], 240.0)
    assert "'tHandle' read in milliseconds" in note_with(result.dataset, "milliseconds")


@pytest.mark.parametrize("label", ["Week 36 total", "Wk 36 Total", "Summe KW 36"])
def test_subtotal_rows_labelled_anywhere_are_skipped(tmp_path, label):
    rows, total = [], 0
    for start in half_hours(days=5):
        total += 7
        rows.append(f"{start:%d/%m/%Y},{start:%H:%M},7")
    rows.append(f"{label},,{total}")
    result = log(tmp_path, "weekly.csv", "Date,Interval,Offered", rows)
    assert per_queue(result) == {"weekly": float(total)}


def test_rows_without_a_queue_are_named_in_a_note(tmp_path):
    rows = [
        f"{moment:%Y-%m-%d %H:%M:%S},{'' if number % 10 == 0 else 'support'},inbound"
        for number, moment in enumerate(arrivals(6, 200))
    ]
    result = log(tmp_path, "talkdesk.csv", "Start Time,Queue,Direction", rows)
    assert per_queue(result) == {"(no queue)": 20.0, "support": 180.0}
    assert note_with(result.dataset, "have no 'Queue'").startswith(
        "talkdesk.csv: 20 row(s) have no 'Queue' (calls that ended in the IVR, for instance): "
        "read as the queue '(no queue)'."
    )
