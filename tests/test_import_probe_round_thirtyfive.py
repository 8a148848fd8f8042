"""Round-thirty-five probes: hourly reports whose time column writes whole hours with their half
of the day ("8 AM", "8am", "8 a.m.", "8 AM - 9 AM", "8-9 AM") or as French hour ranges ("8h-9h",
"de 8h à 9h")."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest
from import_support import write

from data.importer import import_files_detailed
from data.timestamps import parse_time_of_day

MONDAY = dt.datetime(2024, 3, 4)


def _hours() -> list[dt.datetime]:
    """Ten hours from 08:00 on Monday to Friday from 4 March 2024."""
    return [
        MONDAY + dt.timedelta(days=day, hours=8 + hour) for day in range(5) for hour in range(10)
    ]


def _calls(t: dt.datetime) -> int:
    return 5 + (t.hour - 8) + t.day % 3  # 535 over the 50 hours


# --- Whole hours with their half of the day, French hour ranges ---------------------------------


def _hour_label(template: str, hour: int) -> str:
    """`template` filled with the hour and the next one on both clocks: {h} 8, {half} AM, {ap}
    am, {a} a, {h1} and {half1} the next hour's, {H} and {H1} 24-hour."""
    return template.format(
        h=hour % 12 or 12, half="AM" if hour < 12 else "PM", ap="am" if hour < 12 else "pm",
        a="a" if hour < 12 else "p", h1=(hour + 1) % 12 or 12,
        half1="AM" if hour + 1 < 12 else "PM", H=hour, H1=hour + 1,
    )  # fmt: skip


@pytest.mark.parametrize(
    "template",
    [
        "{h} {half}",
        "{h}{ap}",
        "{h} {a}.m.",
        "{h} {half} - {h1} {half1}",
        "{h}-{h1} {half1}",
        "{H}h-{H1}h",
        "de {H}h à {H1}h",
    ],  # fmt: skip
)
def test_hourly_report_with_whole_hours_is_read_hour_by_hour(tmp_path, template):
    # Before: the hours were no clock times, so 'Hour' was read as ten queues of daily counts
    # ('8 AM', '9 AM', ...) at midnight, the day's shape lost.
    lines = ["Date,Hour,Calls"] + [
        f"{t:%d/%m/%Y},{_hour_label(template, t.hour)},{_calls(t)}" for t in _hours()
    ]
    result = import_files_detailed([write(tmp_path, "hourly.csv", "\n".join(lines))])
    dataset = result.dataset
    assert dataset.interval_minutes == 60
    assert dataset.queues == ["hourly"]
    assert result.contacts == 535
    assert (result.first_interval, result.last_interval) == (
        MONDAY.replace(hour=8),
        MONDAY + dt.timedelta(days=4, hours=17),
    )
    frame = dataset.intervals.set_index("interval_start")
    assert frame.loc[MONDAY + dt.timedelta(days=2, hours=13), "volume"] == 5 + 5 + 6 % 3


def test_whole_hours_with_their_half_of_the_day_read_as_clock_times():
    labels = ["12 AM", "8 AM", "8am", "8 a.m.", "8 A.M.", "12 PM", "12 p.m.", "1 PM - 2 PM",
              "11 AM - 12 PM", "9\u202fPM", "13 PM", "8 AMX"]  # fmt: skip
    hours = parse_time_of_day(pa.array(labels)) / 3600
    assert hours[:10].tolist() == [0, 8, 8, 8, 8, 12, 12, 13, 11, 21]
    assert all(hours[10:] != hours[10:])  # no hour 13 of a half day, no word after the half
