"""Timestamps that start with a word or end in UTC, ISO intervals, Italian dotted clocks after a
day-month-year date, grids with plain-number hour headers, and one-day reports whose date is
only in their title."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from import_support import at, write

from data import schema
from data.errors import InputError
from data.importer import ImportOptions, import_files_detailed
from data.sniff import is_footer_row
from data.wide import hour_columns

ITALIAN_DAYS = ["lun", "mar", "mer", "gio", "ven", "sab", "dom"]


def arrivals(count: int = 300, seed: int = 7) -> list[dt.datetime]:
    """`count` seeded arrival times over the weekdays of two weeks, 08:00-20:00, in order."""
    rng = np.random.default_rng(seed)
    days = [dt.datetime(2024, 2, 19) + dt.timedelta(days=d) for d in range(14)]
    weekdays = [day for day in days if day.weekday() < 5]
    picked = rng.integers(0, len(weekdays), count)
    seconds = rng.integers(8 * 3600, 20 * 3600, count)
    return sorted(
        weekdays[d] + dt.timedelta(seconds=int(s)) for d, s in zip(picked, seconds, strict=True)
    )


def log_file(folder, name: str, spell, footer: str | None = None):
    """A ticket log whose only used column is 'Created', written by `spell`."""
    lines = ["Created,Subject"]
    for stamp in arrivals():
        text = spell(stamp)
        lines.append(f'"{text}",help' if "," in text else f"{text},help")
    if footer:
        lines.append(footer)
    return write(folder, name, "\n".join(lines) + "\n")


def last_interval(stamp: dt.datetime, minutes: int = 15) -> pd.Timestamp:
    return pd.Timestamp(stamp).floor(f"{minutes}min")


SPELLINGS = {
    "italian_weekday": lambda t: f"{ITALIAN_DAYS[t.weekday()]} {t:%d/%m/%Y %H:%M:%S}",
    "english_weekday": lambda t: f"{t:%A %d/%m/%Y %H:%M}",
    "us_month_name": lambda t: f"{t:%b} {t.day}, {t:%Y} {t.hour % 12 or 12}:{t:%M:%S %p}",
    "rfc_2822": lambda t: f"{t:%a, %d %b %Y %H:%M:%S} +0100",
    "weekday_day_month_name": lambda t: f"{t:%A %d %B %Y %H:%M:%S}",
    "weekday_month_name_day": lambda t: f"{t:%A, %B} {t.day}, {t:%Y} {t.hour % 12 or 12}:{t:%M %p}",
}


@pytest.mark.parametrize("spelling", list(SPELLINGS))
def test_timestamps_starting_with_a_word_are_all_read_none_taken_for_a_footer(tmp_path, spelling):
    path = log_file(tmp_path, f"{spelling}.csv", SPELLINGS[spelling])
    result = import_files_detailed([path])
    assert result.contacts == 300
    assert result.files[0].columns == {"timestamp": "Created"}
    assert result.last_interval == last_interval(arrivals()[-1])
    assert not any("holding only a note" in note for note in result.dataset.notes)


def test_a_real_footer_below_word_led_timestamps_is_still_skipped(tmp_path):
    path = log_file(
        tmp_path,
        "tickets.csv",
        SPELLINGS["italian_weekday"],
        footer="Report generated on 01/03/2024 07:02 by admin,",
    )
    result = import_files_detailed([path])
    assert result.contacts == 300
    note = next(n for n in result.dataset.notes if "holding only a note" in n)
    assert note.startswith("tickets.csv: 1 line(s)") and "Report generated on" in note


def test_a_one_word_footer_with_a_date_is_no_contact(tmp_path):
    path = log_file(
        tmp_path, "calls.csv", SPELLINGS["italian_weekday"], footer="Generated 24/03/2024 07:02:00,"
    )
    result = import_files_detailed([path])
    assert result.contacts == 300  # not 301, and no day added on 24 March
    assert result.dataset.intervals["interval_start"].max() < pd.Timestamp("2024-03-24")


def test_footer_rows_are_notes_but_dates_after_a_weekday_are_data():
    assert is_footer_row(["Page 1 of 1", ""])
    assert is_footer_row(["Report generated on 01/03/2024 07:02 by admin"])
    # One word before a date is a footer unless it is a weekday or a month.
    assert is_footer_row(["Generated 24/03/2024 07:02"])
    assert is_footer_row(["Stampato 24/03/2024 07:02", ""])
    assert not is_footer_row(["Monday, February 19, 2024 08:05"])
    assert not is_footer_row(["Mo 19.02.2024 08:05"])
    assert not is_footer_row(["mer. 21/02/2024 08:05"])
    assert not is_footer_row(["ven 12/04/2024 19:46:05", ""])
    assert not is_footer_row(["Apr 12, 2024 7:46:05 PM"])
    assert not is_footer_row(["Fri, 12 Apr 2024 19:46:05 +0100"])


def test_a_utc_suffix_is_read_as_written_with_a_note(tmp_path):
    path = log_file(tmp_path, "utc.csv", lambda t: f"{t:%Y-%m-%d %H:%M:%S} UTC")
    result = import_files_detailed([path])
    assert result.contacts == 300
    assert result.last_interval == last_interval(arrivals()[-1])
    assert any("end in UTC and were read as written" in note for note in result.dataset.notes)


def five9_log() -> str:
    """Calls of two campaigns with RFC 2822 timestamps, one outbound call among them."""
    lines = ["CALL ID,TIMESTAMP,CAMPAIGN,CALL TYPE,HANDLE TIME"]
    for number, stamp in enumerate(arrivals(120)):
        campaign = "Retention" if number % 3 == 0 else "Customer Care"
        lines.append(
            f'{100000 + number},"{stamp:%a, %d %b %Y %H:%M:%S}",{campaign},Inbound,00:03:30'
        )
    lines.append('200000,"Fri, 01 Mar 2024 10:00:00",Outbound Sales,Manual,00:01:10')
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("chosen", [None, "TIMESTAMP"])
def test_rfc_2822_timestamps_with_a_weekday_are_read(tmp_path, chosen):
    path = write(tmp_path, "five9.csv", five9_log())
    result = import_files_detailed([path], ImportOptions(time_column=chosen))
    assert result.files[0].columns["timestamp"] == "TIMESTAMP"
    volumes = result.dataset.intervals.groupby(schema.QUEUE)[schema.VOLUME].sum()
    assert volumes["Customer Care"] == 80 and volumes["Retention"] == 40
    assert result.contacts == 120
    assert result.dataset.intervals[schema.AHT_SECONDS].dropna().unique().tolist() == [210]


def test_day_month_year_with_an_italian_dotted_clock_reads_as_intervals(tmp_path):
    lines = ["Intervallo;Entrate"]
    for day in (19, 20):
        for slot in range(8):
            minute = 8 * 60 + 15 * slot
            lines.append(f"{day}-02-2024 {minute // 60:02d}.{minute % 60:02d};{day + slot}")
    path = write(tmp_path, "punti.csv", "\n".join(lines) + "\n")
    result = import_files_detailed([path])
    dataset = result.dataset
    assert dataset.kind == schema.KIND_INTERVALS and dataset.interval_minutes == 15
    assert result.contacts == sum(day + slot for day in (19, 20) for slot in range(8))
    assert at(dataset, "2024-02-20 09:45").volume == 20 + 7


def test_iso_interval_strings_are_their_start_and_give_the_interval_length(tmp_path):
    # Half-hour intervals, but only every other one has calls: the steps alone say an hour.
    lines = ["interval,queueName,nOffered"]
    for day in (19, 20, 21):
        for hour in range(8, 12):
            start = dt.datetime(2024, 2, day, hour)
            end = start + dt.timedelta(minutes=30)
            span = f"{start:%Y-%m-%dT%H:%M:%S}.000Z/{end:%Y-%m-%dT%H:%M:%S}.000Z"
            lines.append(f"{span},Claims,{hour + day}")
    path = write(tmp_path, "genesys.csv", "\n".join(lines) + "\n")
    result = import_files_detailed([path])
    dataset = result.dataset
    assert result.files[0].interval_minutes == 30
    assert dataset.interval_minutes == 30
    assert at(dataset, "2024-02-20 09:00").volume == 29
    assert at(dataset, "2024-02-20 09:30").volume == 0  # never in the export: closed
    assert result.contacts == sum(hour + day for day in (19, 20, 21) for hour in range(8, 12))
    assert any("end in Z (UTC)" in note for note in dataset.notes)


def hour_grid(first_hour: int, last_hour: int, total: bool, days: int = 10) -> tuple[str, int]:
    """One row per weekday with plain-number hour headers; returns the text and its sum."""
    hours = range(first_hour, last_hour + 1)
    header = ["Data", *(str(hour) for hour in hours)] + (["Totale"] if total else [])
    lines = [";".join(header)]
    grand = 0
    day = dt.date(2024, 2, 19)
    for _ in range(days):
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        counts = [day.day + hour for hour in hours]
        grand += sum(counts)
        cells = [f"{day:%d/%m/%Y}", *(str(count) for count in counts)]
        lines.append(";".join(cells + ([str(sum(counts))] if total else [])))
        day += dt.timedelta(days=1)
    return "\n".join(lines) + "\n", grand


def test_plain_number_hour_headers_beside_dates_make_an_hourly_grid(tmp_path):
    text, grand = hour_grid(8, 19, total=False)
    result = import_files_detailed([write(tmp_path, "pivot.csv", text)])
    dataset = result.dataset
    assert dataset.kind == schema.KIND_INTERVALS and dataset.interval_minutes == 60
    assert result.contacts == grand
    assert at(dataset, "2024-02-21 19:00").volume == 21 + 19
    assert any("12 interval columns (8 ... 19)" in note for note in dataset.notes)


def test_an_hour_grid_total_column_is_a_check_not_the_data(tmp_path):
    text, grand = hour_grid(0, 23, total=True)
    lines = text.splitlines()
    cells = lines[3].split(";")  # 21/02/2024: its total 10 too high
    cells[-1] = str(int(cells[-1]) + 10)
    lines[3] = ";".join(cells)
    path = write(tmp_path, "hours.csv", "\n".join(lines) + "\n")
    result = import_files_detailed([path])
    dataset = result.dataset
    assert result.contacts == grand  # the 24 hours, not the totals
    assert at(dataset, "2024-02-21 00:00").volume == 21
    assert at(dataset, "2024-02-21 23:00").volume == 21 + 23
    note = next(n for n in dataset.notes if "24 interval columns (0 ... 23)" in n)
    assert "Totale left out as totals" in note
    assert "'Totale' differs from the sum of the 24 columns on 1 of 10 row(s)" in note
    assert "line 4: 'Totale' 790, columns 780" in note


def test_numbered_columns_that_are_not_hours_of_a_day_are_no_grid():
    dates = [[f"{day:02d}/03/2024", "1", "2", "3", "4", "5"] for day in (4, 5, 6, 7)]
    assert hour_columns(["Data", "8", "9", "10", "11", "12"], dates) == {
        "8": "08:00", "9": "09:00", "10": "10:00", "11": "11:00", "12": "12:00"}  # fmt: skip
    weekly = [[f"{day:02d}/03/2024", "1", "2", "3", "4", "5"] for day in (4, 11, 18, 25)]
    assert hour_columns(["Week of", "1", "2", "3", "4", "5"], weekly) == {}  # days across
    assert hour_columns(["Data", "8", "10", "12", "14", "16"], dates) == {}  # not one apart
    named = [["Sales", "1", "2", "3", "4", "5"]]
    assert hour_columns(["Queue", "1", "2", "3", "4", "5"], named) == {}  # no dates beside
    month = [["03/2024", *map(str, range(20, 26))]]
    assert hour_columns(["Month", *map(str, range(20, 26))], month) == {}  # past 23


def cms_day(date_text: str) -> str:
    """A one-day split interval report: title lines, a tab-separated table, a totals line."""
    lines = ["Split/Skill Interval", "Split/Skill:\t1 Support", f"Date:\t{date_text}", ""]
    lines.append("Time\tACD Calls\tAband Calls\tAvg ACD Time")
    for slot in range(6):
        start = dt.datetime(2024, 1, 1, 8) + dt.timedelta(minutes=30 * slot)
        end = start + dt.timedelta(minutes=30)
        label = f"{start:%-I:%M %p}-{end:%-I:%M %p}"
        lines.append(f"{label}\t{10 + slot}\t1\t240")
    lines.append("Totals\t75\t6\t240")
    return "\n".join(lines) + "\n"


def test_a_one_day_report_takes_its_date_from_the_title_line(tmp_path):
    paths = [
        write(tmp_path, f"split_interval_2024-03-0{day}.txt", cms_day(f"3/{day}/2024"))
        for day in (4, 5)
    ]
    result = import_files_detailed(paths)
    dataset = result.dataset
    assert dataset.interval_minutes == 30
    assert result.contacts == 2 * (75 + 6)
    assert at(dataset, "2024-03-05 10:30").volume == 15 + 1
    assert result.first_interval == pd.Timestamp("2024-03-04 08:00")
    assert result.last_interval == pd.Timestamp("2024-03-05 10:30")
    assert any(
        "the date above it (line 3: '3/4/2024', 2024-03-04 as the file name says)" in note
        for note in dataset.notes
    )


def test_a_dateless_table_under_several_title_dates_is_refused_with_the_fix(tmp_path):
    text = cms_day("3/4/2024").replace("Split/Skill:\t1 Support", "From:\t3/1/2024")
    with pytest.raises(InputError, match=r"several dates \(line 2: '3/1/2024'; line 3: "
                       r"'3/4/2024'\).*multi-day interval report"):  # fmt: skip
        import_files_detailed([write(tmp_path, "split.txt", text)])


def test_a_date_above_a_table_that_still_reads_undated_is_refused_once(tmp_path):
    # Found by the property test: the dated copy's own date column went unread, so it was dated
    # again and again until no column name was left (StopIteration, a traceback).
    raw = "timestamp\n2024-03-04 08:00\n1,5\n2024-03-04 08:00\n04/03/2024\n8:15"
    with pytest.raises(InputError, match="no column with dates or timestamps") as refused:
        import_files_detailed([write(tmp_path, "messy.csv", raw)])
    assert "Report date" not in str(refused.value) and "Title date" not in str(refused.value)
