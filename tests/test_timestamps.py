"""Vectorised parsing of timestamps, dates, clock times, durations and numbers."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from data.timestamps import (
    DATE_FORMATS,
    DATETIME_FORMATS,
    EPOCH_MILLISECONDS,
    EPOCH_SECONDS,
    EXCEL_SERIAL,
    EXCEL_SERIAL_DATE,
    ISO,
    detect_format,
    epoch_format,
    has_end_of_day_labels,
    parse_duration,
    parse_number,
    parse_time_of_day,
    parse_timestamps,
)


def epoch(text: str) -> float:
    return float(np.datetime64(text, "s").astype(np.int64))


def text(*values: str) -> pa.Array:
    return pa.array(list(values), pa.string())


@pytest.mark.parametrize(
    ("sample", "fmt", "expected"),
    [
        (["2011-01-01 00:30:00.000"], ISO, "2011-01-01T00:30:00"),
        (["2024-03-01T08:15:00"], ISO, "2024-03-01T08:15:00"),
        (["2024-03-01 08:15"], ISO, "2024-03-01T08:15:00"),
        (["2024-03-01 08:15:00+01:00"], ISO, "2024-03-01T08:15:00"),  # offset dropped, not applied
        (["13/02/2024 8:30"], "%d/%m/%Y %H:%M", "2024-02-13T08:30:00"),
        (["01/02/2024 08:30:15"], "%d/%m/%Y %H:%M:%S", "2024-02-01T08:30:15"),
        (["02/13/2024 08:30"], "%m/%d/%Y %H:%M", "2024-02-13T08:30:00"),
        (["01.02.2024 08:30"], "%d.%m.%Y %H:%M", "2024-02-01T08:30:00"),
        (["01/02/2024 08:30 - 08:45"], "%d/%m/%Y %H:%M", "2024-02-01T08:30:00"),
        (["2024-02-01 08:30-08:45"], ISO, "2024-02-01T08:30:00"),
        (["3/4/2024 8:15 PM"], "%m/%d/%Y %I:%M %p", "2024-03-04T20:15:00"),
        # Two-digit years: strptime's %Y would read "24" as the year 24 AD.
        (["04/03/24 08:00"], "%d/%m/%y %H:%M", "2024-03-04T08:00:00"),
        (["3/13/24 1:30 PM"], "%m/%d/%y %I:%M %p", "2024-03-13T13:30:00"),
        (["12/31/99 23:30"], "%m/%d/%y %H:%M", "1999-12-31T23:30:00"),
        (["01.02.2024 08.30"], "%d.%m.%Y %H.%M", "2024-02-01T08:30:00"),
        (["03-Feb-2025 08:00"], "%d-%b-%Y %H:%M", "2025-02-03T08:00:00"),
        (["Feb 3, 2025 8:05 PM"], "%b %d, %Y %I:%M %p", "2025-02-03T20:05:00"),
        (["3 February 2025 08:00:10"], "%d %b %Y %H:%M:%S", "2025-02-03T08:00:10"),
        (["3 gen 2025 08:00"], "%d %b %Y %H:%M", "2025-01-03T08:00:00"),  # Italian months
        (["21 Dicembre 2025 17:45"], "%d %b %Y %H:%M", "2025-12-21T17:45:00"),
        (["01-ago-2025 09:15"], "%d-%b-%Y %H:%M", "2025-08-01T09:15:00"),
    ],
)
def test_datetime_format_is_detected_and_read_as_wall_clock(sample, fmt, expected):
    assert detect_format(sample, DATETIME_FORMATS) == fmt
    assert parse_timestamps(text(*sample), fmt)[0] == epoch(expected)


def test_day_first_wins_when_both_orders_fit():
    assert detect_format(["01/02/2024 08:00", "03/04/2024 09:00"], DATETIME_FORMATS) == (
        "%d/%m/%Y %H:%M"
    )


@pytest.mark.parametrize(
    ("sample", "fmt", "expected"),
    [
        (["990201", "991231"], "%y%m%d", "1999-02-01"),
        (["20240301"], "%Y%m%d", "2024-03-01"),
        (["2024-03-01"], ISO, "2024-03-01"),
        (["01/03/2024"], "%d/%m/%Y", "2024-03-01"),
        (["01/03/24"], "%d/%m/%y", "2024-03-01"),
        (["12/31/24"], "%m/%d/%y", "2024-12-31"),
        (["03-Mar-2024"], "%d-%b-%Y", "2024-03-03"),
        (["1 ottobre 2024"], "%d %b %Y", "2024-10-01"),
    ],
)
def test_date_formats(sample, fmt, expected):
    assert detect_format(sample, DATE_FORMATS) == fmt
    assert parse_timestamps(text(*sample), fmt)[0] == epoch(f"{expected}T00:00:00")


def test_unreadable_values_become_nan_not_errors():
    seconds = parse_timestamps(text("2024-03-01 08:00", "soon", ""), ISO)
    assert seconds[0] == epoch("2024-03-01T08:00:00")
    assert np.isnan(seconds[1:]).all()


def test_clock_times_of_day():
    seconds = parse_time_of_day(
        text("7:02:47", "17:05", "08.30", "08:00 - 08:15", "9", "25:00", "x")
    )
    expected = [25367, 61500, 30600, 28800, 32400]
    assert seconds[:5].tolist() == expected
    assert np.isnan(seconds[5:]).all()


def test_hour_ranges_start_their_hour():
    seconds = parse_time_of_day(text("08-09", "9 - 10", "23–24", "25-26"))
    assert (seconds[:3] / 3600).tolist() == [8, 9, 23]
    assert np.isnan(seconds[3])


def test_twelve_hour_clock_times():
    seconds = parse_time_of_day(
        text("8:00 AM", "12:30 PM", "12:00 AM", "1:15 pm", "8:00 a.m.", "08:00 AM - 08:30 AM",
             "0:30 AM", "13:00 PM")
    )  # fmt: skip
    # "0:30 AM": Java's "K:mm a" counts each half of the day from 0, so it is 00:30.
    hours = [8, 12.5, 0, 13.25, 8, 8, 0.5]
    assert (seconds[:7] / 3600).tolist() == hours
    assert np.isnan(seconds[7:]).all()  # no 13 o'clock on a 12-hour dial


def test_24_00_closes_the_day():
    assert parse_time_of_day(text("24:00", "24:00:00", "24:30")).tolist()[:2] == [86400, 86400]
    assert np.isnan(parse_time_of_day(text("24:30"))[0])
    fmt = detect_format(["05/01/2026 23:30", "05/01/2026 24:00"], DATETIME_FORMATS)
    assert fmt == "%d/%m/%Y %H:%M"
    seconds = parse_timestamps(text("05/01/2026 23:30", "05/01/2026 24:00"), fmt)
    assert seconds.tolist() == [epoch("2026-01-05T23:30:00"), epoch("2026-01-06T00:00:00")]
    iso = parse_timestamps(text("2026-01-05 24:00:00", "2026-01-05T24:00"), ISO)
    assert iso.tolist() == [epoch("2026-01-06T00:00:00")] * 2
    assert has_end_of_day_labels(text("23:30", "24:00"))
    assert not has_end_of_day_labels(text("23:30", "00:00", "2026-01-05 14:24:00"))


def test_durations_in_seconds_or_clock_notation():
    seconds = parse_duration(text("166", "0:02:46", "02:46", "1:00:00", "12,5", "", "n/a"), True)
    assert seconds[:5].tolist() == [166, 166, 166, 3600, 12.5]
    assert np.isnan(seconds[5:]).all()


def test_numbers_with_decimal_point_or_comma():
    assert parse_number(text("12.5", " 3 ", "-1", "1e3"), False).tolist() == [12.5, 3, -1, 1000]
    assert parse_number(text("12,5", "7", "1.234,5"), True).tolist() == [12.5, 7, 1234.5]
    assert parse_number(text("1,234", "12,345.5"), False).tolist() == [1234, 12345.5]
    assert np.isnan(parse_number(text("12,5", "abc", ""), False)).all()


@pytest.mark.parametrize(
    ("sample", "fmt"),
    [
        (["1709539200", "1709541000"], EPOCH_SECONDS),  # 2024-03-04 08:00 and 08:30 UTC
        (["1709539200000"], EPOCH_MILLISECONDS),
        (["34536", "34537"], None),  # call ids, not times
        (["899999999"], None),  # 1998: before 2000, not taken for a time
        (["1709539200", "abc"], None),
        (["¹"], None),  # a digit to str.isdigit, not to int()
        (["45355.333333", "45355.354167"], EXCEL_SERIAL),  # 2024-03-04 08:00 and 08:30
        (["45355", "45356"], None),  # whole numbers: counts as likely as dates
    ],
)
def test_unix_times_are_recognised_only_in_a_plausible_range(sample, fmt):
    assert epoch_format(sample) == fmt


def test_excel_serial_date_times_read_to_the_second():
    seconds = parse_timestamps(text("45355.333333", "45355.354167"), EXCEL_SERIAL)
    assert seconds.tolist() == [epoch("2024-03-04T08:00:00"), epoch("2024-03-04T08:30:00")]


def test_unix_times_read_as_utc_wall_clock():
    seconds = parse_timestamps(text("1709539200", "1709541000999", ""), EPOCH_SECONDS)
    assert seconds[0] == epoch("2024-03-04T08:00:00")
    assert np.isnan(seconds[1:]).all()  # milliseconds under a seconds format: out of range
    millis = parse_timestamps(text("1709541000999"), EPOCH_MILLISECONDS)
    assert millis[0] == epoch("2024-03-04T08:30:00")


def test_clock_times_without_a_colon():
    french = parse_time_of_day(text("08h00", "8h30", "8h", "08h00 - 08h30", "12 h 30"))
    assert (french[:4] / 3600).tolist() == [8, 8.5, 8, 8]
    hhmm = parse_time_of_day(text("0800", "1330", "2400", "", "1360"))
    assert (hhmm[:3] / 3600).tolist() == [8, 13.5, 24]
    assert np.isnan(hhmm[3:]).all()  # a blank, and a minute past 59
    # Leading zeros dropped by a spreadsheet: "0" and "30" are midnight and 00:30.
    assert (parse_time_of_day(text("0", "30", "100", "2330")) / 3600).tolist() == [0, 0.5, 1, 23.5]
    # Only one or two digits: whole hours, as before.
    assert (parse_time_of_day(text("8", "9", "20")) / 3600).tolist() == [8, 9, 20]
    assert has_end_of_day_labels(text("2330", "2400"))
    assert not has_end_of_day_labels(text("20240304", "45355"))


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        ("2024-03-04 08:00:08 +0100", ISO, "2024-03-04T08:00:08"),  # Zendesk: space, no colon
        ("3/4/2024, 8:08 AM", "%m/%d/%Y %I:%M %p", "2024-03-04T08:08:00"),  # Salesforce
        ("lun 04/03/2024", "%d/%m/%Y", "2024-03-04T00:00:00"),
        ("Mon, 3/14/2024 08:15", "%m/%d/%Y %H:%M", "2024-03-14T08:15:00"),
        ("04-03-2024", "%d-%m-%Y", "2024-03-04T00:00:00"),  # "-2024" is a year, not an offset
    ],
)
def test_vendor_spellings_of_dates_are_detected_and_read(value, fmt, expected):
    formats = DATETIME_FORMATS if ":" in value else DATE_FORMATS
    assert detect_format([value], formats) == fmt
    assert parse_timestamps(text(value), fmt)[0] == epoch(expected)


def test_excel_serial_dates_are_whole_days_in_a_plausible_range():
    assert detect_format(["45355", "45356"], DATE_FORMATS) == EXCEL_SERIAL_DATE
    assert detect_format(["240304"], DATE_FORMATS) == "%y%m%d"  # six digits stay yymmdd
    seconds = parse_timestamps(text("45355", "45374", "12", "45355.5", ""), EXCEL_SERIAL_DATE)
    assert seconds[:2].tolist() == [epoch("2024-03-04T00:00:00"), epoch("2024-03-23T00:00:00")]
    assert np.isnan(seconds[2:]).all()


def test_infinite_numbers_are_not_numbers():
    assert np.isnan(parse_number(text("inf", "-inf", "nan"), False)).all()
    typed = parse_number(pa.array([np.inf, 2.0]), False)  # a column arrow read as floats
    assert np.isnan(typed[0]) and typed[1] == 2


def test_excel_day_fractions_read_only_when_asked_and_only_as_a_whole_column():
    from data.timestamps import parse_time_of_day

    fractions = pa.array(["0.3333333333333333", "0.375", "0", ""])
    assert parse_time_of_day(fractions, day_fractions=True)[:3].tolist() == [28800, 32400, 0]
    assert np.isnan(parse_time_of_day(fractions)[:2]).all()  # not without a time header
    # Dotted clocks that happen to fall in the first hour stay clocks: 0.30 is 00:30.
    assert parse_time_of_day(pa.array(["0.15", "0.30"]), day_fractions=True).tolist() == [
        900,
        1800,
    ]
    mixed = parse_time_of_day(pa.array(["8:00", "0.5"]), day_fractions=True)
    assert mixed[0] == 28800 and np.isnan(mixed[1])


def test_short_am_pm_clocks():
    from data.timestamps import parse_time_of_day

    clocks = parse_time_of_day(pa.array(["8:00a", "8:30p", "12:00a", "12:30p", "8:00 A.M."]))
    assert clocks.tolist() == [28800, 73800, 0, 45000, 28800]


def test_durations_written_with_units():
    from data.timestamps import parse_duration

    values = pa.array(["5m 0s", "1m 28s", "1h 2m 3s", "59s", "2 min 5 sec", "00:07:29.120", "x"])
    seconds = parse_duration(values, decimal_comma=False)
    assert seconds[:6].tolist() == [300, 88, 3723, 59, 125, 449.12] and np.isnan(seconds[6])
