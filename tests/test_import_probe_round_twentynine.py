"""Round-twenty-nine probes: Avaya CMS interval ranges with AM/PM written once after their end
("1:00- 1:30 PM"), Japanese clocks counting the afternoon from 0 ("午後0:30")."""

from __future__ import annotations

import datetime as dt

from import_support import at, half_hours, write

from data import schema
from data.importer import import_files_detailed

MONDAY = dt.datetime(2024, 3, 4, 8)


def _calls(t: dt.datetime) -> int:
    return 10 + t.hour % 4 + t.day % 3


def _twelve_hour(t: dt.datetime) -> str:
    return f"{t.hour % 12 or 12}:{t:%M}"


# --- Avaya CMS interval column: "1:00- 1:30 PM" ------------------------------------------------
# Avaya CMS Supervisor's split/skill interval report prints each row's range with one AM/PM after
# its end, and the split and date in the lines above the table.


def _cms_report(ranges: list[tuple[dt.datetime, str]]) -> str:
    lines = ["Split/Skill Interval", "Split/Skill: 2 Sales", "Date: 3/4/24", ""]
    lines.append("Time\tACD Calls\tAvg Speed Ans\tAban Calls\tAvg ACD Time\tAvg ACW Time")
    lines += [f"{label}\t{_calls(t)}\t0:12\t1\t3:05\t0:30" for t, label in ranges]
    return "\n".join(lines) + "\n"


def _cms_label(t: dt.datetime, half_of: dt.datetime) -> str:
    end = t + dt.timedelta(minutes=30)
    return f"{_twelve_hour(t):>5}-{_twelve_hour(end):>5} {half_of:%p}"


def test_an_avaya_cms_range_reads_its_afternoon_start_from_the_pm_after_its_end(tmp_path):
    # Before: "1:00- 1:30 PM" was read as 01:00, the afternoon counted at night (01:00-03:30).
    ranges = [(t, _cms_label(t, t + dt.timedelta(minutes=30))) for t in half_hours(1)]
    result = import_files_detailed([write(tmp_path, "cms.txt", _cms_report(ranges))])
    frame = result.dataset.intervals
    counted = frame.loc[frame[schema.VOLUME] > 0, schema.INTERVAL_START]
    assert (counted.min(), counted.max()) == (MONDAY, dt.datetime(2024, 3, 4, 15, 30))
    # ACD calls plus one abandoned: 13:00 holds 12 + 1, 11:30 ("11:30-12:00 PM") 14 + 1.
    assert at(result.dataset, "2024-03-04 13:00")[schema.VOLUME] == 13
    assert at(result.dataset, "2024-03-04 11:30")[schema.VOLUME] == 15
    assert float(frame[schema.VOLUME].sum()) == sum(_calls(t) + 1 for t in half_hours(1))


def test_the_slot_before_noon_follows_the_half_its_hour_11_neighbour_is_written_in(tmp_path):
    # Written with the start's half ("11:30-12:00 AM"), the slot before noon is still 11:30, as
    # "11:00-11:30 AM" beside it says; the afternoon's "1:00- 1:30 PM" stays 13:00.
    ranges = [(t, _cms_label(t, t)) for t in half_hours(1)]
    result = import_files_detailed([write(tmp_path, "cms.txt", _cms_report(ranges))])
    assert at(result.dataset, "2024-03-04 11:30")[schema.VOLUME] == 15
    assert at(result.dataset, "2024-03-04 13:00")[schema.VOLUME] == 13
    assert at(result.dataset, "2024-03-04 23:30")[schema.VOLUME] == 0


# --- Japanese 12-hour clocks from 0: "午後0:30" ----------------------------------------------------


def test_a_japanese_call_log_with_afternoon_hour_zero_is_read(tmp_path):
    # Before: refused, "11 value(s) that are not readable dates/times (... '2024/03/05 午後0:03')".
    arrivals = [MONDAY + dt.timedelta(days=i % 5, seconds=i * 317 % 36_000) for i in range(150)]
    lines = ["開始日時,キュー"] + [
        f"{t:%Y/%m/%d} {'午前' if t.hour < 12 else '午後'}{t.hour % 12}:{t:%M},サポート"
        for t in arrivals
    ]
    result = import_files_detailed([write(tmp_path, "通話履歴.csv", "\n".join(lines) + "\n")])
    frame = result.dataset.intervals
    assert float(frame[schema.VOLUME].sum()) == 150
    noon = [t for t in arrivals if t.hour == 12 and t.minute < 15 and t.day == 5]
    assert len(noon) >= 1
    assert at(result.dataset, "2024-03-05 12:00")[schema.VOLUME] == len(noon)
