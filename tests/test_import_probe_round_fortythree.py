"""Round-forty-three probes: a handle-time total told by its size in a short report, an
impossible date above a CMS table, a round-the-clock export ending on the next day's 00:00, an
hourly report that writes no row for an empty hour, a holiday written as a day total of 0,
queue names from file names, open hours from few contacts, and a workbook that is none."""

from __future__ import annotations

import pandas as pd
import pytest
from import_support import at, note_with, write
from openpyxl import Workbook

from data import schema
from data.errors import InputError
from data.importer import import_files_detailed


def _refused(tmp_path, name: str, text: str) -> str:
    """The message an import of `text`, written as `name`, is refused with."""
    with pytest.raises(InputError) as refused:
        import_files_detailed([write(tmp_path, name, text)])
    return str(refused.value)


# --- A handle-time total in a report too short to tell by its counts -----------------------------


def _five9(handle: str, calls: int = 13) -> str:
    """Twelve half hours from 08:00 on Mon 2 Nov 2026, each `calls` calls and `handle`."""
    lines = ["DATE,HALF HOUR,CALLS,HANDLE TIME"]
    for slot in range(12):
        lines.append(f"2026-11-02,{8 + slot // 2:02d}:{30 * (slot % 2):02d},{calls},{handle}")
    return "\n".join(lines) + "\n"


def test_a_handle_time_too_long_for_a_mean_is_read_as_each_interval_s_total(tmp_path):
    # Before: 12 rows of 13 calls and 01:05:00 read as a mean of 3,900 s per call, no note.
    dataset = import_files_detailed([write(tmp_path, "five9.csv", _five9("01:05:00"))]).dataset
    assert at(dataset, "2026-11-02 08:00")[schema.AHT_SECONDS] == 300.0  # 3,900 s / 13 calls
    assert dataset.intervals[schema.VOLUME].sum() == 156.0
    assert note_with(dataset, "total") == (
        "five9.csv: 'HANDLE TIME' is each interval's total, not a mean per contact (too few rows "
        "to tell by the counts, but as a mean it would be 3,900 s, over an hour per contact, "
        "which no contact centre takes): divided by the contacts count, median 300 s per contact."
    )


def test_a_handle_time_plausible_either_way_is_said_to_be_read_as_a_mean(tmp_path):
    # Before: 2,400 s a call without a word, though as totals they would be 185 s a call.
    dataset = import_files_detailed([write(tmp_path, "five9.csv", _five9("00:40:00"))]).dataset
    assert at(dataset, "2026-11-02 08:00")[schema.AHT_SECONDS] == 2_400.0
    assert note_with(dataset, "read as a mean") == (
        "five9.csv: 'HANDLE TIME' was read as a mean per contact (median 2,400 s), though its "
        "rows are too few to tell it from each interval's total, which would be 185 s per "
        "contact. If it is the total, name the column 'Total HANDLE TIME' and import again."
    )
    renamed = _five9("00:40:00").replace("HANDLE TIME", "Total HANDLE TIME")
    dataset = import_files_detailed([write(tmp_path, "five9.csv", renamed)]).dataset
    assert at(dataset, "2026-11-02 08:00")[schema.AHT_SECONDS] == pytest.approx(2_400 / 13)
    assert note_with(dataset, "total") == (
        "five9.csv: 'Total HANDLE TIME' is each interval's total, not a mean per contact (its "
        "header says so): divided by the contacts count, median 185 s per contact."
    )


@pytest.mark.parametrize(
    ("handle", "aht"),
    [
        ("00:05:00", 300.0),  # per call 23 s if a total: a mean
        ("20:00:00", 72_000.0),  # 5,538 s per call if a total: neither, kept as written
    ],
)
def test_a_handle_time_plausible_as_a_mean_stays_one(tmp_path, handle, aht):
    dataset = import_files_detailed([write(tmp_path, "five9.csv", _five9(handle))]).dataset
    assert at(dataset, "2026-11-02 08:00")[schema.AHT_SECONDS] == aht
    assert not any("each interval's total" in note for note in dataset.notes)
    assert not any("read as a mean" in note for note in dataset.notes)


# --- An impossible date above a CMS table ---------------------------------------------------------


def _cms(days: tuple[str, ...]) -> str:
    """Split/Skill interval rows as CMS prints them, each day's table under its 'Date:' line."""
    lines = ["Split/Skill Interval Report", "Split/Skill: 12 Sales"]
    for day in days:
        lines += ["", f"Date: {day}", "Time\tACD Calls\tAban Calls\tAvg ACD Time"]
        lines += [f"{clock}\t{calls}\t2\t3:{calls:02d}" for clock, calls in
                  (("8:00 AM-8:30 AM", 16), ("8:30 AM-9:00 AM", 19))]  # fmt: skip
        lines.append("Totals\t35\t4\t3:30")
    return "\r\n".join(lines) + "\r\n"


def test_a_cms_day_under_an_impossible_date_is_refused_naming_its_line(tmp_path):
    # Before: line 16's 'Date: 02/31/26' skipped as a note, its calls summed into Fri 27 Feb's
    # (36 calls at 08:00 where each day had 18).
    text = _cms(("02/26/26", "02/27/26", "02/31/26"))
    assert _refused(tmp_path, "cms.txt", text) == (
        "cms.txt: line 16 ('Date: 02/31/26'): 02/31/26 is not a date: February has 28 days in "
        "2026. Correct the date in the export (or export the report again), and import it again."
    )


def test_a_one_day_cms_report_under_an_impossible_date_is_refused_naming_it(tmp_path):
    # Before: "no column with dates or timestamps was found", the date above not named.
    assert _refused(tmp_path, "cms.txt", _cms(("31/02/2026",))) == (
        "cms.txt: line 4 ('Date: 31/02/2026'): 31/02/2026 is not a date: February has 28 days in "
        "2026. Correct the date in the export (or export the report again), and import it again."
    )


def test_a_cms_report_under_a_leap_day_is_read(tmp_path):
    dataset = import_files_detailed([write(tmp_path, "cms.txt", _cms(("02/29/24",)))]).dataset
    assert at(dataset, "2024-02-29 08:30")[schema.VOLUME] == 21.0  # 19 answered + 2 abandoned


# --- A round-the-clock export ending with the next day's 00:00 ------------------------------------


def test_a_last_row_at_the_next_midnight_closes_the_last_day(tmp_path):
    # Before: '47 open intervals have no data in the export (Mon 16 Nov 2026 00:30-24:00)'.
    stamps = pd.date_range("2026-11-02", "2026-11-16", freq="30min")  # both ends included
    lines = ["Interval,Calls"] + [f"{t:%Y-%m-%d %H:%M},{t.hour % 4 + 3}" for t in stamps]
    dataset = import_files_detailed([write(tmp_path, "all_day.csv", "\n".join(lines) + "\n")])
    dataset = dataset.dataset
    assert len(stamps) == 14 * 48 + 1
    assert at(dataset, "2026-11-16 00:00")[schema.VOLUME] == 3.0
    assert dataset.intervals[schema.VOLUME].sum() == 14 * 48 * 4.5 + 3 == 3_027
    assert not any("no data in the export" in note for note in dataset.notes)
    assert note_with(dataset, "last row") == (
        "Queue 'all_day': the export's last row, Mon 16 Nov 2026 00:00 (3 contacts), closes its "
        "last day (Sun 15 Nov 2026): its count is kept, and the rest of Mon 16 Nov 2026 is after "
        "the export, not missing."
    )


def test_a_gap_before_the_last_midnight_row_is_still_missing(tmp_path):
    # Guard: the last day's 00:00 row after a day cut short is no end of a whole day.
    stamps = pd.date_range("2026-11-02", "2026-11-16", freq="30min")
    kept = stamps[(stamps < "2026-11-15 20:00") | (stamps == "2026-11-16")]
    lines = ["Interval,Calls"] + [f"{t:%Y-%m-%d %H:%M},5" for t in kept]
    dataset = import_files_detailed([write(tmp_path, "all_day.csv", "\n".join(lines) + "\n")])
    assert note_with(dataset.dataset, "no data in the export") == (
        "55 open intervals have no data in the export (Sun 15 Nov 2026 20:00-24:00; Mon 16 Nov "
        "2026 00:30-24:00): kept as missing (empty), not as zero."
    )


# --- A holiday written as a day total of 0 --------------------------------------------------------


def _weeks_with_day_total(total: int, date_and_time: bool) -> str:
    """Three weeks of weekdays, 08:00-12:00 hourly, 10 + hour calls; Wed 11 Nov written as a
    day total of `total` (its date alone, or its date with an empty time)."""
    lines = ["Date,Time,Calls"] if date_and_time else ["Interval,Calls"]
    for day in pd.bdate_range("2026-11-02", "2026-11-20"):
        if day == pd.Timestamp("2026-11-11"):
            lines.append(f"2026-11-11,,{total}" if date_and_time else f"2026-11-11,{total}")
            continue
        for hour in range(8, 12):
            sep = "," if date_and_time else " "
            lines.append(f"{day:%Y-%m-%d}{sep}{hour:02d}:00,{10 + hour}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("date_and_time", [False, True])
def test_a_day_total_of_0_on_a_day_without_intervals_is_a_closed_day(tmp_path, date_and_time):
    # Before: Wed 11 Nov left with 4 missing intervals ("... skipped, so the history has no
    # intervals for Wed 11 Nov 2026 rather than 0 contacts at 00:00"); with an empty time
    # beside the date, refused: "1 row(s) have nothing in column 'Time' ...".
    text = _weeks_with_day_total(0, date_and_time)
    dataset = import_files_detailed([write(tmp_path, "desk.csv", text)]).dataset
    day = dataset.intervals[dataset.intervals[schema.INTERVAL_START].dt.day == 11]
    assert day[schema.IS_OPEN].sum() == 4  # Wednesday's 08:00-12:00, kept open
    assert day[schema.VOLUME].sum() == 0.0 and not day[schema.VOLUME].isna().any()
    assert not dataset.intervals[schema.IS_MISSING].any()
    assert dataset.intervals[schema.VOLUME].sum() == 14 * (18 + 19 + 20 + 21) == 1_092
    assert note_with(dataset, "day total") == (
        "desk.csv: 1 day total of 0 on a day without intervals (line 30: '2026-11-11', 0): Wed "
        "11 Nov 2026 was read as closed, no contacts (a holiday), not as missing."
    )


def test_an_empty_time_beside_a_day_total_is_that_day_s_total(tmp_path):
    # Before: refused, "1 row(s) have nothing in column 'Time' though other columns of them are
    # filled (line 30)"; now read as the Interval,Calls file writing the date alone is.
    text = _weeks_with_day_total(250, date_and_time=True)
    dataset = import_files_detailed([write(tmp_path, "desk.csv", text)]).dataset
    assert dataset.intervals[schema.VOLUME].sum() == 1_092
    assert note_with(dataset, "dated without a time") == (
        "desk.csv: 1 row dated without a time on a day with no intervals (line 30: "
        "'2026-11-11', 250) is that day's total, which fits no interval: skipped, so the "
        "history has no intervals for Wed 11 Nov 2026 rather than 250 contacts at 00:00 (the "
        "forecast learns that day from the other weeks). Export that day interval by interval "
        "to count its contacts."
    )


def test_an_empty_time_on_a_day_with_intervals_is_still_refused(tmp_path):
    text = "Date,Time,Calls\n2026-11-02,08:00,5\n2026-11-02,,7\n2026-11-03,08:00,6\n"
    assert _refused(tmp_path, "desk.csv", text).startswith(
        "desk.csv: 1 row(s) have nothing in column 'Time' though other columns of them are "
        "filled (line 3)."
    )


# --- An hourly report that writes no row for an empty hour ---------------------------------------


def _hourly(level: int, left_out: set[tuple[str, int]], zero_at: tuple[str, int] | None = None):
    """Zendesk Explore's hourly tickets over the weekdays 2-13 Nov 2026, 08:00-18:00, `level` +
    (day + hour) % 5 tickets an hour; no row at `left_out` (date, hour) nor on Fri 6 Nov."""
    lines = ["Date,Hour,Tickets"]
    for number, day in enumerate(pd.bdate_range("2026-11-02", "2026-11-13")):
        if day == pd.Timestamp("2026-11-06"):
            continue
        for hour in range(8, 18):
            if (f"{day:%Y-%m-%d}", hour) in left_out:
                continue
            count = 0 if (f"{day:%Y-%m-%d}", hour) == zero_at else level + (number + hour) % 5
            lines.append(f"{day:%Y-%m-%d},{hour},{count}")
    return "\n".join(lines) + "\n"


LEFT_OUT = {("2026-11-03", 12), ("2026-11-05", 9), ("2026-11-05", 10), ("2026-11-10", 16)}


def test_hours_an_hourly_report_leaves_out_are_empty_where_few_tickets_come(tmp_path):
    # Before: the hours left out on 3 and 10 Nov were among '14 open intervals have no data in
    # the export ...': hours without tickets read as gaps in the history.
    text = _hourly(1, LEFT_OUT)
    dataset = import_files_detailed([write(tmp_path, "explore.csv", text)]).dataset
    for stamp in ("2026-11-03 12:00", "2026-11-10 16:00"):
        row = at(dataset, stamp)
        assert (row[schema.VOLUME], row[schema.IS_MISSING]) == (0.0, False)
    # 9 days of 30 tickets, less the 4 + 3 + 4 + 3 of the hours left out.
    assert dataset.intervals[schema.VOLUME].sum() == 9 * 30 - 14 == 256
    assert note_with(dataset, "read as 0 contacts") == (
        "Queue 'explore': 2 open intervals without a row on days with other rows (Tue 3 Nov 2026 "
        "12:00-13:00; Tue 10 Nov 2026 16:00-17:00) were read as 0 contacts, not missing: the "
        "export writes no row of 0, as reports that leave out empty intervals do, and with 3.1 "
        "contacts an interval there on the other days an empty one is likely. If rows were lost "
        "there, export those hours again."
    )
    # Two hours running with 3 tickets each are empty by chance e^-6 = 0.25%: a gap, as is Fri 6
    # Nov without a row at all, a day the export lost, not a quiet one.
    assert note_with(dataset, "no data in the export") == (
        "12 open intervals have no data in the export (Thu 5 Nov 2026 09:00-11:00; Fri 6 Nov "
        "2026 08:00-18:00): kept as missing (empty), not as zero."
    )


@pytest.mark.parametrize(
    ("level", "zero_at"), [(20, None), (1, ("2026-11-04", 8))], ids=["busy", "writes-zeros"]
)
def test_hours_left_out_stay_missing_where_an_empty_hour_is_unlikely(tmp_path, level, zero_at):
    # 22 tickets an hour are never none; an export writing a row of 0 would have written these.
    dataset = import_files_detailed(
        [write(tmp_path, "explore.csv", _hourly(level, LEFT_OUT, zero_at))]
    ).dataset
    assert at(dataset, "2026-11-03 12:00")[schema.IS_MISSING]
    assert not any("read as 0 contacts" in note for note in dataset.notes)
    assert note_with(dataset, "no data in the export").startswith("14 open intervals")


def test_a_steady_export_missing_a_few_quiet_hours_keeps_them_missing(tmp_path):
    # 2 tickets every hour, never 0: left out empties would be e^-2 = 13.5% of its 110 hours,
    # some 15; 2 absent say the counts are steadier than chance and the two are gaps.
    lines = ["Date,Hour,Tickets"]
    for day in pd.bdate_range("2026-11-02", "2026-11-16"):
        lines += [
            f"{day:%Y-%m-%d},{hour},2"
            for hour in range(8, 18)
            if (f"{day:%Y-%m-%d}", hour) not in {("2026-11-03", 12), ("2026-11-10", 16)}
        ]
    dataset = import_files_detailed([write(tmp_path, "explore.csv", "\n".join(lines) + "\n")])
    assert not any("read as 0 contacts" in note for note in dataset.dataset.notes)
    assert note_with(dataset.dataset, "no data in the export").startswith("2 open intervals")


# --- Queue names from file names ------------------------------------------------------------------


def _two_days(first_day: int = 2) -> str:
    lines = ["Interval,Calls"]
    for day in (first_day, first_day + 1):
        lines += [f"2026-11-{day:02d} {hour:02d}:00,{hour}" for hour in range(8, 12)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("name", "queue"),
    [
        ("bom_sep.csv", "bom_sep"),  # before: 'bom', "sep" read as September
        ("help_may.csv", "help_may"),
        ("sales_sep_2024.csv", "sales"),  # a month with its year is a period
        ("Help Desk March 2024 export.csv", "Help Desk export"),
    ],
)
def test_a_queue_named_by_its_file_keeps_the_words_written(tmp_path, name, queue):
    dataset = import_files_detailed([write(tmp_path, name, _two_days())]).dataset
    assert dataset.queues == [queue]


def test_monthly_files_named_by_a_short_month_still_join_into_one_queue(tmp_path):
    march = write(tmp_path, "calls_mar.csv", _two_days(2))
    april = write(tmp_path, "calls_apr.csv", _two_days(9))
    dataset = import_files_detailed([march, april]).dataset
    assert dataset.queues == ["calls"]
    assert dataset.intervals[schema.VOLUME].sum() == 4 * (8 + 9 + 10 + 11) == 152
    assert note_with(dataset, "short name") == (
        "calls_mar.csv, calls_apr.csv: their names differ only by a month's short name: read as "
        "periods of one queue, 'calls'."
    )


def test_the_bank_s_counts_keep_the_year_their_name_and_the_dataset_s_hold(shared_data):
    # Before: queue 'anonymous_bank_6min_counts' in dataset 'anonymous_bank_1999_6min_counts'.
    path = shared_data / "anonymous_bank" / "anonymous_bank_1999_6min_counts.csv"
    dataset = import_files_detailed([path]).dataset
    assert dataset.name == "anonymous_bank_1999_6min_counts"
    assert dataset.queues == ["anonymous_bank_1999_6min_counts"]


def test_sheets_named_by_short_months_alone_stay_periods_of_the_file_s_queue(tmp_path):
    # Guard: a sheet 'Jan' is a month whatever its dates (here both sheets hold 2 Feb).
    book = Workbook()
    book.remove(book.active)
    for title, count in (("Jan", 5), ("Feb", 7)):
        sheet = book.create_sheet(title)
        sheet.append(["Interval", "Offered"])
        for hour in range(8, 12):
            sheet.append([pd.Timestamp(f"2026-02-02 {hour:02d}:00").to_pydatetime(), count])
    book.save(tmp_path / "support.xlsx")
    dataset = import_files_detailed([tmp_path / "support.xlsx"]).dataset
    assert dataset.queues == ["support"]


# --- A workbook that is none ----------------------------------------------------------------------


def test_a_header_named_as_a_workbook_is_said_to_be_no_workbook(tmp_path):
    # Before: "calls.xlsx: only a header row was found (Interval, Calls), no data rows. Export
    # the history with at least one data row.", as if the workbook were read and empty.
    assert _refused(tmp_path, "calls.xlsx", "Interval,Calls\n") == (
        "calls.xlsx: the file is named as an Excel workbook (.xlsx) but is not one: it is text (a "
        "CSV file renamed, or a workbook damaged), holding only a header row (Interval, Calls) "
        "and no data rows. Open the report in Excel or LibreOffice and save it as .xlsx, or "
        "export it again as CSV with its data rows, then import that file."
    )


def test_a_csv_with_rows_named_as_a_workbook_is_still_read(tmp_path):
    text = "Interval,Calls\n2026-11-02 08:00,5\n2026-11-02 08:30,6\n"
    dataset = import_files_detailed([write(tmp_path, "calls.xlsx", text)]).dataset
    assert dataset.intervals[schema.VOLUME].sum() == 11.0


# --- Open hours from few contacts -----------------------------------------------------------------


def _tickets(count: int, days: int) -> str:
    """`count` tickets over `days` days from Mon 2 Nov 2026, 08:30-17:30."""
    lines = ["Created at,Ticket ID"]
    for number in range(count):
        minutes = 8 * 60 + 30 + number * 37 % 540
        stamp = pd.Timestamp("2026-11-02") + pd.Timedelta(days=number % days, minutes=minutes)
        lines.append(f"{stamp:%Y-%m-%d %H:%M:%S},{1000 + number}")
    return "\n".join(lines) + "\n"


def test_open_hours_from_a_few_tickets_are_said_to_be_a_guess(tmp_path):
    # Before: 'Open hours of 'desk': 161 of 672 weekly 15-minute slots are open.', as sure as
    # if a year of tickets had shown them.
    dataset = import_files_detailed([write(tmp_path, "desk.csv", _tickets(20, 9))]).dataset
    hit = dataset.intervals[dataset.intervals[schema.VOLUME] > 0]
    assert hit[schema.VOLUME].sum() == 20 and len(hit) == 20  # each in a slot of its own
    assert note_with(dataset, "Open hours") == (
        "Open hours of 'desk': 161 of 672 weekly 15-minute slots are open. They are a guess: 141 "
        "of those 161 slots never had a contact (20 contacts over 9 days), so the hours follow "
        "each weekday's first and last contacts; check them, or import a longer history."
    )


def test_open_hours_most_of_whose_slots_saw_contacts_are_no_guess(tmp_path):
    dataset = import_files_detailed([write(tmp_path, "desk.csv", _tickets(2_000, 28))]).dataset
    assert "guess" not in note_with(dataset, "Open hours")
