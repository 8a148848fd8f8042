"""Round-twenty-eight probes: NICE IEX WFM's pipe-delimited exports with eight-digit dates
("03042024"), and clock times written as six digits ("083000")."""

from __future__ import annotations

import datetime as dt

import pytest
from import_support import at, write

from data import schema
from data.errors import InputError
from data.importer import import_files_detailed

MONDAY = dt.datetime(2024, 3, 4, 8)


def _slots(days: int = 10, count: int = 16) -> list[dt.datetime]:
    """`count` half hours from 08:00 on `days` days from Monday 4 March 2024."""
    return [MONDAY + dt.timedelta(days=day, minutes=30 * slot)
            for day in range(days) for slot in range(count)]  # fmt: skip


def _calls(t: dt.datetime) -> int:
    return 10 + t.hour % 4 + t.day % 3


def _first_and_last_counted(frame) -> tuple[dt.datetime, dt.datetime]:
    """The first and last intervals holding contacts (the dataset spans whole days)."""
    counted = frame.loc[frame[schema.VOLUME] > 0, schema.INTERVAL_START]
    return counted.min().to_pydatetime(), counted.max().to_pydatetime()


# --- Eight-digit dates: NICE IEX WFM export modules ---------------------------------------------
# NICE IEX WFM Integrated, "CT Queue Data Export Module" and "CT Results Export Module"
# (help.nicecxone.com): pipe-delimited, "date" formatted mmddyyyy unless the export's dateFormat
# says otherwise (ddmmyyyy is one of its choices), "period" the start time of the period, "TZ" the
# contact type's time zone.


def _iex_export(date_format: str) -> str:
    lines = ["date|period|TZ|contacts|aht"]
    lines += [f"{t:{date_format}}|{t:%H:%M}|EST|{_calls(t)}|185" for t in _slots()]
    return "\n".join(lines) + "\n"


def test_an_iex_export_with_month_first_eight_digit_dates_is_read(tmp_path):
    # Before: "03042024" fitted no date format: refused, "no column with dates or timestamps".
    path = write(tmp_path, "ctQueue_031524_0600.txt", _iex_export("%m%d%Y"))
    result = import_files_detailed([path])
    assert result.files[0].columns["date"] == "date"
    assert result.files[0].interval_minutes == 30
    frame = result.dataset.intervals
    assert _first_and_last_counted(frame) == (MONDAY, dt.datetime(2024, 3, 13, 15, 30))
    assert at(result.dataset, "2024-03-12 09:30")[schema.VOLUME] == _calls(
        dt.datetime(2024, 3, 12, 9)
    )
    assert float(frame[schema.VOLUME].sum()) == sum(map(_calls, _slots()))


def test_day_first_eight_digit_dates_are_read_day_first(tmp_path):
    result = import_files_detailed([write(tmp_path, "ctq.txt", _iex_export("%d%m%Y"))])
    frame = result.dataset.intervals
    assert _first_and_last_counted(frame) == (MONDAY, dt.datetime(2024, 3, 13, 15, 30))


def test_eight_digit_dates_mixing_both_orders_are_refused_naming_the_lines(tmp_path):
    text = _iex_export("%m%d%Y") + "25032024|08:00|EST|5|185\n"
    with pytest.raises(InputError) as refused:
        import_files_detailed([write(tmp_path, "ctq.txt", text)])
    message = str(refused.value)
    assert "mixes day/month orders" in message
    assert "'03132024' can only be month/day" in message and "'25032024'" in message


def test_guard_digits_of_another_width_are_no_eight_digit_date(tmp_path):
    # "3042024" may be 3 April or 30 April: a date column must write every date in full.
    lines = ["date|period|contacts"] + [
        f"{t.month}{t:%d%Y}|{t:%H:%M}|{_calls(t)}" for t in _slots(days=3)
    ]
    with pytest.raises(InputError, match="no column with dates"):
        import_files_detailed([write(tmp_path, "ctq.txt", "\n".join(lines) + "\n")])


# --- Clock times written as six digits ------------------------------------------------------------


def test_an_interval_report_with_six_digit_clock_times(tmp_path):
    # Before: refused, "Column 'TIME' (e.g. '080000') was not read as clock times".
    lines = ["DATE,TIME,QUEUE,OFFERED,HANDLED"]
    lines += [f"{t:%Y%m%d},{t:%H%M%S},Q1,{_calls(t)},{_calls(t) - 1}" for t in _slots(days=5)]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["time"] == "TIME"
    assert result.files[0].interval_minutes == 30
    assert at(result.dataset, "2024-03-06 15:30")[schema.VOLUME] == _calls(
        dt.datetime(2024, 3, 6, 15)
    )
    assert float(result.dataset.intervals[schema.VOLUME].sum()) == sum(map(_calls, _slots(days=5)))


def test_a_call_log_with_six_digit_clocks_missing_their_leading_zero(tmp_path):
    # A spreadsheet writes 08:05:12 as 80512: five digits before ten o'clock.
    arrivals = [MONDAY + dt.timedelta(minutes=7 * i, seconds=i) for i in range(120)]
    lines = ["CALL_DATE,CALL_TIME,QUEUE,TALK_SEC"]
    lines += [f"{t:%Y%m%d},{int(t.strftime('%H%M%S'))},Support,120" for t in arrivals]
    result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["time"] == "CALL_TIME"
    frame = result.dataset.intervals
    assert _first_and_last_counted(frame) == (MONDAY, dt.datetime(2024, 3, 4, 21, 45))
    # 08:00-08:15 holds the calls at 08:00:00, 08:07:01 and 08:14:02.
    assert at(result.dataset, "2024-03-04 08:00")[schema.VOLUME] == 3
    assert float(frame[schema.VOLUME].sum()) == 120
