"""Export shapes that were read wrongly without a word: a workbook whose per-agent sheet is its
largest, disconnect reasons as outcomes, a history dated in the future, one ambiguous day,
quoted decimal commas in a comma-separated file, and handle time given as talk + after-call
work."""

from __future__ import annotations

import datetime as dt

import pytest
from import_support import at, half_hours, note_with, write
from openpyxl import Workbook

from data import schema
from data.dates import day_text
from data.errors import InputError
from data.importer import import_files, import_files_detailed

# --- 1. The workbook's sheet is chosen by what it holds, not by its size ----------------------


AGENTS = ["Rossi Anna", "Bianchi Luca", "Verdi Sara", "Neri Paolo", "Gallo Marta", "Costa Ugo"]


def _queue_and_agent_workbook(path, agents_first: bool) -> int:
    """A Genesys-style workbook: a queue sheet per half hour (offered, answered, abandoned,
    AHT) and a larger agent sheet (one row per agent and half hour: logged-in time, calls
    handled, AHT). Returns the offered total."""
    book = Workbook()
    book.remove(book.active)
    agents = book.create_sheet("Agent Performance")
    queue = book.create_sheet("Queue Performance", 0 if not agents_first else 1)
    queue.append(["Date", "Interval", "Queue", "Offered", "Answered", "Abandoned", "AHT"])
    agents.append(["Date", "Interval", "Agent Name", "Logged In Time", "Calls Handled", "AHT"])
    offered_total = 0
    for index, start in enumerate(half_hours(5)):
        offered = 20 + index % 7
        offered_total += offered
        queue.append([start.date(), start.time(), "Support", offered, offered - 2, 2, 280])
        for agent in AGENTS:
            agents.append([start.date(), start.time(), agent, dt.time(0, 30), 3, 265])
    book.save(path)
    return offered_total


@pytest.mark.parametrize("agents_first", [False, True])
def test_workbook_reads_the_queue_sheet_not_the_larger_agent_sheet(tmp_path, agents_first):
    path = tmp_path / "genesys_export.xlsx"
    offered = _queue_and_agent_workbook(path, agents_first)
    result = import_files_detailed([path])
    dataset = result.dataset
    assert result.files[0].columns["volume"] == "Offered"
    assert dataset.intervals[schema.VOLUME].sum() == offered
    assert at(dataset, "2024-03-04 08:00").aht_seconds == 280
    note = dataset.notes[0]
    assert "read sheet 'Queue Performance' of the workbook" in note
    assert "'Agent Performance'" in note and "one row per agent" in note


def test_workbook_with_two_usable_sheets_reads_the_interval_one_and_says_so(tmp_path):
    # A daily summary beside the half-hour sheet: the finer one is the history, whatever its size.
    book = Workbook()
    daily = book.active
    daily.title = "Daily"
    daily.append(["Date", "Calls Offered", "AHT"])
    for day in range(60):
        daily.append([dt.date(2024, 1, 1) + dt.timedelta(days=day), 400, 300])
    intervals = book.create_sheet("Intervals")
    intervals.append(["Date", "Interval", "Calls Offered", "AHT"])
    for start in half_hours(1, slots=20):
        intervals.append([start.date(), start.time(), 20, 300])
    path = tmp_path / "report.xlsx"
    book.save(path)
    dataset = import_files([path])
    assert dataset.interval_minutes == 30
    assert dataset.intervals[schema.VOLUME].sum() == 400
    note = dataset.notes[0]
    assert "read sheet 'Intervals' of the workbook" in note
    assert "'Daily'" in note and "time of day" in note


def test_workbook_without_a_readable_sheet_still_reads_the_largest(tmp_path):
    book = Workbook()
    book.active.append(["Notes"])
    sheet = book.create_sheet("Data")
    sheet.append(["Queue", "Calls"])
    for queue in ("A", "B", "C"):
        sheet.append([queue, 5])
    path = tmp_path / "odd.xlsx"
    book.save(path)
    with pytest.raises(InputError, match="no column with dates"):
        import_files([path])


# --- 2. Disconnect reasons as the outcome -------------------------------------------------------


# (reason, handle seconds, how many): a call-detail export whose outcome is who ended the call.
DISCONNECT_ROWS = [
    ("Agent Disconnect", 257, 7),
    ("Customer Disconnect", 291, 10),
    ("Transferred", 271, 4),
    ("Abandoned in queue", 0, 1),
    ("Caller abandoned", 0, 1),
    ("Timeout", 0, 1),
]


def _disconnect_log() -> str:
    lines = ["Call Start,Queue,Agent,Disconnect Reason,Handle Time"]
    reasons = [(reason, seconds) for reason, seconds, count in DISCONNECT_ROWS
               for _ in range(count)]  # fmt: skip
    for row, (reason, seconds) in enumerate(reasons):
        agent = "" if seconds == 0 else AGENTS[row % len(AGENTS)]
        lines.append(f"2024-03-04 09:{row:02d}:17,Support,{agent},{reason},{seconds}")
    return "\n".join(lines) + "\n"


def test_disconnect_reasons_leave_abandoned_calls_out_of_the_handle_time(tmp_path):
    result = import_files_detailed([write(tmp_path, "cdr.csv", _disconnect_log())])
    dataset = result.dataset
    assert result.files[0].columns["outcome"] == "Disconnect Reason"
    # A transfer with a handle time was served here first: answered, its time in the AHT.
    answered = [(seconds, count) for reason, seconds, count in DISCONNECT_ROWS[:3]]
    expected = sum(seconds * count for seconds, count in answered) / 21
    assert expected == pytest.approx(5793 / 21)  # (257 x 7 + 291 x 10 + 271 x 4) / 21
    assert dataset.mean_handle_seconds == pytest.approx(expected)
    assert (dataset.answered, dataset.abandoned) == (21, 2)
    assert dataset.intervals[schema.VOLUME].sum() == 24  # every call was demand
    note = note_with(dataset, "outcome 'Disconnect Reason':")
    assert "Caller abandoned -> abandoned" in note and "Customer Disconnect -> answered" in note
    assert "Transferred -> answered" in note and "Timeout -> other" in note


def test_who_hung_up_without_abandoned_labels_is_told_apart_by_the_handle_time(tmp_path):
    # Amazon Connect style: a caller who gave up waiting is a "Customer Disconnect" too, with
    # no handle time.
    lines = ["Call Start,Disconnect Reason,Handle Time"]
    lines += [f"2024-03-04 09:0{row}:00,CUSTOMER_DISCONNECT,{300 * (row % 2)}" for row in range(6)]
    lines += ["2024-03-04 09:07:00,AGENT_DISCONNECT,420"]
    dataset = import_files([write(tmp_path, "ctr.csv", "\n".join(lines) + "\n")])
    assert (dataset.answered, dataset.abandoned) == (4, 3)
    assert dataset.mean_handle_seconds == pytest.approx((3 * 300 + 420) / 4)
    note = note_with(dataset, "outcome 'Disconnect Reason':")
    assert "CUSTOMER_DISCONNECT -> answered 3, abandoned 3" in note
    assert "handle time" in note


# --- 3. A history dated in the future -----------------------------------------------------------


def test_a_history_entirely_in_the_future_gets_a_note(tmp_path):
    lines = ["Date,Interval,Offered"]
    lines += [f"2091-03-{day:02d},{hour},{day}" for day in (5, 6) for hour in ("08:00", "08:30")]
    dataset = import_files([write(tmp_path, "future.csv", "\n".join(lines) + "\n")])
    assert at(dataset, "2091-03-06 08:30").volume == 6  # still read: a note, not a refusal
    note = note_with(dataset, "after today")
    assert "Mon 5 Mar 2091" in note and day_text(dt.date.today(), True) in note


def test_a_history_up_to_today_gets_no_future_note(tmp_path):
    lines = ["Date,Interval,Offered", "2024-03-04,08:00,5", "2024-03-04,08:30,7"]
    dataset = import_files([write(tmp_path, "past.csv", "\n".join(lines) + "\n")])
    assert not any("after today" in note for note in dataset.notes)


# --- 4. A single day whose date reads both ways -------------------------------------------------


@pytest.mark.parametrize(
    ("written", "day_first", "month_first"),
    [("03/04/2025", "2025-04-03", "2025-03-04"), ("03/04/05", "2005-04-03", "2005-03-04")],
)
def test_one_ambiguous_day_is_read_day_first_with_a_note(tmp_path, written, day_first, month_first):
    lines = ["Date,Interval,Offered"]
    lines += [
        f"{written},{8 + slot // 2:02d}:{30 * (slot % 2):02d},{slot + 1}" for slot in range(8)
    ]
    dataset = import_files([write(tmp_path, "one_day.csv", "\n".join(lines) + "\n")])
    assert at(dataset, f"{day_first} 08:30").volume == 2
    note = note_with(dataset, "fit day/month and month/day alike")
    assert "read as day/month" in note and day_first in note and month_first in note
    assert "year-month-day" in note


def test_ambiguous_days_told_apart_by_their_spacing_get_no_ambiguity_note(tmp_path):
    lines = ["Date,Interval,Offered"]
    lines += [f"0{day}/03/2025,{hour},{day}" for day in range(3, 8) for hour in ("08:00", "08:30")]
    dataset = import_files([write(tmp_path, "week.csv", "\n".join(lines) + "\n")])
    assert at(dataset, "2025-03-07 08:00").volume == 7
    assert not any("alike" in note for note in dataset.notes)


# --- 5. Quoted decimal commas in a comma-separated file ----------------------------------------


def test_quoted_decimal_commas_in_a_comma_file_are_read_as_decimals(tmp_path):
    lines = ["Date,Interval,Offered,AHT,ASA"]
    for day in (4, 5):
        lines += [
            f'2024-03-{day:02d},08:00,12,"302,2",14',
            f'2024-03-{day:02d},08:30,20,"288,75",9',
            f"2024-03-{day:02d},09:00,8,310,11",
        ]
    result = import_files_detailed([write(tmp_path, "comma.csv", "\n".join(lines) + "\n")])
    dataset = result.dataset
    assert result.files[0].columns["aht"] == "AHT"
    assert at(dataset, "2024-03-04 08:00").aht_seconds == pytest.approx(302.2)
    assert at(dataset, "2024-03-05 08:30").aht_seconds == pytest.approx(288.75)
    assert at(dataset, "2024-03-05 09:00").aht_seconds == pytest.approx(310)
    note = note_with(dataset, "decimal comma")
    assert "'AHT'" in note and "302,2" in note


def test_quoted_thousands_in_a_comma_file_stay_thousands(tmp_path):
    lines = ["Date,Interval,Offered,AHT"]
    lines += [f'2024-03-04,{hour},"1,{hour[:2]}0",300' for hour in ("08:00", "08:30", "09:00")]
    dataset = import_files([write(tmp_path, "thousands.csv", "\n".join(lines) + "\n")])
    assert at(dataset, "2024-03-04 08:30").volume == 1080
    assert not any("decimal comma" in note for note in dataset.notes)


# --- 6. Handle time given in parts --------------------------------------------------------------


def _avaya_split_report(extra_header: str = "", extra=lambda slot: "") -> str:
    """Avaya CMS split/skill interval report: talk (ACD) and after-call work (ACW) times per
    answered call, and no whole handle time."""
    lines = [f"Date,Interval,ACD Calls,Avg Speed Ans,Aband Calls,Avg ACD Time,Avg ACW Time"
             f"{extra_header}"]  # fmt: skip
    for slot, start in enumerate(half_hours(3)):
        lines.append(
            f"{start:%m/%d/%Y},{start:%H:%M},{10 + slot % 5},0:12,1,3:50,0:47{extra(slot)}"
        )
    return "\n".join(lines) + "\n"


def test_avaya_talk_and_after_call_work_make_the_handle_time(tmp_path):
    result = import_files_detailed([write(tmp_path, "avaya.csv", _avaya_split_report())])
    dataset = result.dataset
    assert at(dataset, "2024-03-04 08:00").aht_seconds == 230 + 47
    assert set(dataset.intervals[schema.AHT_SECONDS].dropna()) == {277}
    assert result.files[0].columns["aht"] == "Avg ACD Time + Avg ACW Time"
    note = note_with(dataset, "handle time")
    assert "'Avg ACD Time' + 'Avg ACW Time'" in note


def test_an_interval_hold_time_is_not_added_to_talk_and_wrap_up(tmp_path):
    # An interval report's hold time is often a mean over the held calls only.
    text = _avaya_split_report(",Avg Hold Time", lambda slot: ",1:00")
    dataset = import_files([write(tmp_path, "avaya.csv", text)])
    assert set(dataset.intervals[schema.AHT_SECONDS].dropna()) == {277}
    assert "'Avg Hold Time' was not added" in note_with(dataset, "handle time")


def test_call_records_add_talk_hold_and_wrap_up(tmp_path):
    lines = ["Start Time,Talk Time,Hold Time,Wrap Up Time,Outcome"]
    lines += [
        f"2024-03-04 08:0{row}:10,0:04:00,0:00:{10 * row:02d},30,Answered" for row in range(4)
    ]
    lines.append("2024-03-04 08:07:00,0:00:00,0:00:00,0,Abandoned")
    dataset = import_files([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])
    assert dataset.mean_handle_seconds == pytest.approx(240 + 15 + 30)
    assert "'Talk Time' + 'Hold Time' + 'Wrap Up Time'" in note_with(dataset, "handle time")


def test_a_whole_handle_time_is_never_added_to_its_parts(tmp_path):
    lines = ["Start Time,Talk Time,Hold Time,After Call Work Time,Handle Time"]
    lines += [f"2024-03-04 08:0{row}:10,240,15,30,285" for row in range(4)]
    result = import_files_detailed([write(tmp_path, "five9.csv", "\n".join(lines) + "\n")])
    assert result.dataset.mean_handle_seconds == pytest.approx(285)
    assert result.files[0].columns["handle"] == "Handle Time"


def test_a_blank_wrap_up_counts_as_none_and_a_blank_talk_time_as_no_handle_time(tmp_path):
    lines = ["Start Time,Talk Time,Wrap Up Time"]
    lines += ["2024-03-04 08:01:00,200,40", "2024-03-04 08:02:00,,", "2024-03-04 08:03:00,100,"]
    lines += ["2024-03-04 08:04:00,,40"]
    dataset = import_files([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])
    assert dataset.mean_handle_seconds == pytest.approx((240 + 100) / 2)
    assert at(dataset, "2024-03-04 08:00").aht_seconds == pytest.approx((240 + 100) / 2)
