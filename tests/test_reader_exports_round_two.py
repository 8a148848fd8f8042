"""Export shapes and choices that were read wrongly or explained only half: a column the user
chose for one role also read in another, messages that named command-line flags only, Avaya's
"Avg Speed Ans" and "Aban Calls", a workbook of per-agent figures, and two-digit years that may
come first."""

from __future__ import annotations

import datetime as dt

import pytest
from import_support import at, note_with, write
from openpyxl import Workbook

from data import schema
from data.columns import ImportOptions, plan_columns
from data.errors import InputError
from data.importer import import_files, import_files_detailed


def half_hour_lines(days: int = 2, slots: int = 8) -> list[tuple[str, str]]:
    """(date, time) of half hours from 08:00 on `days` days from Monday 2024-03-04."""
    return [
        (f"2024-03-{4 + day:02d}", f"{8 + slot // 2:02d}:{30 * (slot % 2):02d}")
        for day in range(days)
        for slot in range(slots)
    ]


def csv_file(tmp_path, name: str, header: str, rows: list[str]) -> object:
    return write(tmp_path, name, "\n".join([header, *rows]) + "\n")


# --- 1. A column chosen for one role is never read in another ---------------------------------


def test_a_chosen_queue_column_is_not_also_read_as_the_count(tmp_path):
    # "Numero coda" (queue number) is count-like by its words; chosen as the queue column it
    # must not be summed as the volume too.
    rows = [
        f"{date};{time};{101 + index % 2};{10 + index % 5}"
        for index, (date, time) in enumerate(half_hour_lines())
    ]
    path = csv_file(tmp_path, "code.csv", "Data;Ora;Numero coda;Chiamate", rows)
    result = import_files_detailed([path], ImportOptions(queue_column="Numero coda"))
    assert result.files[0].columns["queue"] == "Numero coda"
    assert result.files[0].columns["volume"] == "Chiamate"
    assert set(result.dataset.intervals[schema.QUEUE]) == {"101", "102"}
    assert result.contacts == sum(10 + index % 5 for index in range(len(rows)))


@pytest.mark.parametrize(
    ("header", "row"),
    [
        ("Date,Time,Offered,AHT", "{date},{time},{count},300"),
        # An answered count beside it: the file still has no count of arriving contacts.
        ("Date,Time,Queue,Offered,Answered,AHT", "{date},{time},Support,{count},{count},300"),
    ],
)
def test_the_only_count_chosen_as_the_queue_column_is_refused(tmp_path, header, row):
    rows = [
        row.format(date=date, time=time, count=10 + index % 4)
        for index, (date, time) in enumerate(half_hour_lines())
    ]
    path = csv_file(tmp_path, "offered.csv", header, rows)
    with pytest.raises(InputError) as refusal:
        import_files([path], ImportOptions(queue_column="Offered"))
    message = str(refusal.value)
    assert "'Offered'" in message and "queue column" in message
    assert "count of contacts per interval" in message
    assert "Queue column in the app, --queue-column on the command line" in message


def test_one_column_chosen_for_two_roles_is_refused(tmp_path):
    rows = [f"{date},{time},Support,12" for date, time in half_hour_lines()]
    path = csv_file(tmp_path, "two_roles.csv", "Date,Time,Queue,Offered", rows)
    options = ImportOptions(volume_column="Offered", queue_column="Offered")
    with pytest.raises(InputError, match=r"'Offered' is chosen as the volume column and as the "):
        import_files([path], options)


def test_a_chosen_column_taken_from_another_role_is_noted(tmp_path):
    # "AHT" chosen as the queue column: read so, as asked, but the user is told that no handle
    # time was read.
    rows = [f"{date},{time},12,300" for date, time in half_hour_lines()]
    path = csv_file(tmp_path, "aht_queue.csv", "Date,Time,Offered,AHT", rows)
    result = import_files_detailed([path], ImportOptions(queue_column="AHT"))
    assert "aht" not in result.files[0].columns
    note = note_with(result.dataset, "'AHT' was read as the queue column only")
    assert "aht column" in note


# --- 2. Messages name a choice both as the app and as the command line do ----------------------


def _no_count_file(tmp_path):
    rows = [f"{date},{time},Support" for date, time in half_hour_lines()]
    return csv_file(tmp_path, "no_count.csv", "Date,Time,Queue", rows), ImportOptions(
        kind="intervals"
    )


def _clock_without_date(tmp_path):
    rows = [f"{time},12" for _, time in half_hour_lines(1)]
    return csv_file(tmp_path, "clock.csv", "Time,Offered", rows), ImportOptions(time_column="Time")


def _no_dates(tmp_path):
    return csv_file(tmp_path, "no_dates.csv", "Queue,Offered", ["A,1", "B,2"]), None


def _unnamed_counts(tmp_path):
    rows = [f"{date},{time},{index % 7},3" for index, (date, time) in enumerate(half_hour_lines())]
    return csv_file(tmp_path, "unnamed.csv", "Date,Interval,Contatori X,Y", rows), None


def _slot_numbers(tmp_path):
    rows = [f"2024-03-{4 + day:02d},{slot},5" for day in range(3) for slot in range(17, 20)]
    return csv_file(tmp_path, "slots.csv", "Date,Interval,Offered", rows), None


def _dates_only_records(tmp_path):
    rows = [f"2024-03-0{4 + index % 3},C{index}" for index in range(9)]
    return csv_file(tmp_path, "dated.csv", "Date,Call ID", rows), ImportOptions(interval_minutes=15)


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (_no_count_file, "volume_column"),
        (_clock_without_date, "date_column"),
        (_no_dates, "time_column"),
        (_unnamed_counts, "volume_column"),
        (_slot_numbers, "time_column"),
        (_dates_only_records, "interval_minutes"),
    ],
)
def test_messages_name_the_choice_as_the_app_and_the_command_line_do(tmp_path, make, field):
    from data.errors import IMPORT_CHOICES

    path, options = make(tmp_path)
    with pytest.raises(InputError) as refusal:
        import_files([path], options)
    message = str(refusal.value)
    label, flag = IMPORT_CHOICES[field]
    assert f"{label} " in message and " in the app, " in message, message
    assert f"{flag}" in message and " on the command line" in message, message
    assert field not in message  # no ImportOptions field names


def test_mixed_kinds_message_names_the_file_kind_choice(tmp_path):
    intervals = csv_file(tmp_path, "a.csv", "Date,Time,Offered", ["2024-03-04,08:00,5"] * 1)
    records = csv_file(
        tmp_path, "b.csv", "Arrival,Call ID", ["2024-03-04 08:01:13,A", "2024-03-04 08:07:45,B"]
    )
    with pytest.raises(InputError) as refusal:
        import_files([intervals, records])
    assert "File kind in the app, --kind on the command line" in str(refusal.value)


def test_unnamed_counts_message_keeps_the_column_in_both_spellings(tmp_path):
    path, _ = _unnamed_counts(tmp_path)
    with pytest.raises(InputError) as refusal:
        import_files([path])
    message = str(refusal.value)
    assert "Volume column 'Contatori X' in the app, --volume-column 'Contatori X'" in message
    assert "File kind 'records' in the app, --kind 'records' on the command line" in message


# --- 3. Speed of answer is the wait; Avaya's "Aban" is abandoned --------------------------------


def test_avaya_split_interval_report_reads_speed_of_answer_and_aban_calls(tmp_path):
    # Avaya CMS / BCMS split report columns (BCMS User's Manual, Issue 5.0, May 2005, "Header
    # definitions": AVG SPEED ANS is the average time answered ACD calls spent in queue and
    # ringing; the CMS columns are "Avg Speed Answer", "Calls Aban", "Aban Time").
    header = "Date,Time,ACD Calls,Avg Speed Ans,Aban Calls,Avg Aban Time,Avg ACD Time,Avg ACW Time"
    rows = [
        f"{date},{time},{20 + index % 3},{15 + index % 4},2,40,240,30"
        for index, (date, time) in enumerate(half_hour_lines())
    ]
    result = import_files_detailed([csv_file(tmp_path, "avaya.csv", header, rows)])
    columns = result.files[0].columns
    assert columns["wait"] == "Avg Speed Ans"
    assert columns["answered"] == "ACD Calls" and columns["abandoned"] == "Aban Calls"
    assert columns["abandon wait"] == "Avg Aban Time"
    assert "volume" not in columns  # offered = answered + abandoned
    first = at(result.dataset, "2024-03-04 08:00")
    assert first.volume == 22 and first.answered == 20 and first.abandoned == 2


@pytest.mark.parametrize(
    "wait_header",
    [
        "Avg Speed Ans",
        "AVG SPEED ANS",
        "Speed of Answer",
        "Average Speed of Answer",
        "Avg Speed Answer",
        "ASA",
        "Velocità di risposta",
        "Velocita media di risposta",
    ],
)
@pytest.mark.parametrize("seconds", ["12", "0:00:12"])
def test_speed_of_answer_headers_are_the_wait_not_a_count(wait_header, seconds):
    # Before the answered count, so that a count-like reading would take it first.
    header = ["Date", "Time", "Offered", wait_header, "Answered", "Abandoned", "AHT"]
    sample = [
        ["2024-03-04", "08:00", "10", seconds, "9", "1", "300"],
        ["2024-03-04", "08:30", "12", seconds, "11", "1", "310"],
    ]
    plan = plan_columns(header, sample, False, ImportOptions(), "x.csv")
    assert plan.wait_column == wait_header
    assert plan.answered_column == "Answered" and plan.volume_column == "Offered"


def test_speed_of_answer_is_the_wait_of_a_contact_log():
    header = ["Arrival", "Call ID", "Speed of Answer", "Talk Time", "Outcome"]
    sample = [
        ["2024-03-04 08:01:13", "A1", "0:00:12", "0:04:10", "answered"],
        ["2024-03-04 08:07:45", "A2", "0:00:31", "0:03:02", "answered"],
    ]
    plan = plan_columns(header, sample, False, ImportOptions(), "log.csv")
    assert plan.kind == schema.KIND_RECORDS
    assert plan.wait_column == "Speed of Answer"


def test_answered_counts_are_not_taken_for_waits():
    header = ["Date", "Time", "Calls Offered", "Calls Answered", "Answered Calls", "AHT"]
    sample = [
        ["2024-03-04", "08:00", "10", "9", "9", "300"],
        ["2024-03-04", "08:30", "12", "11", "11", "310"],
    ]
    plan = plan_columns(header, sample, False, ImportOptions(), "x.csv")
    assert plan.wait_column is None
    assert plan.answered_column == "Calls Answered"


# --- 4. A workbook of per-agent figures ------------------------------------------------------


AGENTS = ["Rossi Anna", "Bianchi Luca", "Verdi Sara"]


def _half_hours(days: int = 3) -> list[dt.datetime]:
    return [
        dt.datetime(2024, 3, 4 + day, 8) + dt.timedelta(minutes=30 * slot)
        for day in range(days)
        for slot in range(16)
    ]


def _agent_interval_workbook(path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Agent Performance"
    sheet.append(["Date", "Interval", "Agent Name", "Logged In Time", "Calls Handled", "AHT"])
    for start in _half_hours():
        for agent in AGENTS:
            sheet.append([start.date(), start.time(), agent, dt.time(0, 30), 3, 265])
    book.save(path)


def _agent_login_workbook(path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Agents"
    sheet.append(["Date", "Agent", "Login", "Logout", "Logged In Time", "Available Time"])
    for day in range(3):
        for agent in AGENTS:
            sheet.append(
                [dt.date(2024, 3, 4 + day), agent, dt.time(8), dt.time(16), dt.time(8), dt.time(2)]
            )
    notes = book.create_sheet("Notes")
    notes.append(["Exported by the WFM tool"])
    book.save(path)


@pytest.mark.parametrize("make", [_agent_interval_workbook, _agent_login_workbook])
def test_a_workbook_of_per_agent_figures_only_is_refused(tmp_path, make):
    path = tmp_path / "agents.xlsx"
    make(path)
    with pytest.raises(InputError) as refusal:
        import_files([path])
    message = str(refusal.value)
    assert "per-agent figures" in message
    assert "not contacts per interval or per contact" in message
    assert "interval report" in message and "import that" in message


def test_a_per_agent_sheet_that_also_counts_offered_contacts_is_read_with_a_note(tmp_path):
    # One row per half hour with the queue's offered count beside agent-state figures.
    book = Workbook()
    sheet = book.active
    sheet.title = "Queue and agents"
    sheet.append(["Date", "Interval", "Offered", "AHT", "Agent Occupancy", "Agent Logged In"])
    offered_total = 0
    for index, start in enumerate(_half_hours()):
        offered = 20 + index % 5
        offered_total += offered
        sheet.append([start.date(), start.time(), offered, 280, 0.85, 6])
    path = tmp_path / "mixed.xlsx"
    book.save(path)
    result = import_files_detailed([path])
    assert result.files[0].columns["volume"] == "Offered"
    assert result.contacts == offered_total
    note = note_with(result.dataset, "per-agent figures")
    assert "'Offered'" in note


# --- 5. Two-digit years that may come first ---------------------------------------------------


def _one_day(tmp_path, written: str, separator: str = ","):
    lines = [separator.join(["Date", "Interval", "Offered"])]
    lines += [
        separator.join([written, f"{8 + slot // 2:02d}:{30 * (slot % 2):02d}", str(slot + 1)])
        for slot in range(8)
    ]
    return write(tmp_path, "one_day.csv", "\n".join(lines) + "\n")


def test_an_ambiguous_two_digit_year_date_notes_the_year_first_reading(tmp_path):
    dataset = import_files([_one_day(tmp_path, "03/04/05")])
    assert at(dataset, "2005-04-03 08:30").volume == 2
    note = note_with(dataset, "fit day/month and month/day alike")
    assert "2005-03-04" in note and "2003-04-05" in note and "year first" in note


@pytest.mark.parametrize(
    ("written", "separator", "as_read", "year_first"),
    [
        ("13/04/05", ",", "2005-04-13", "2013-04-05"),  # only day/month fits, year first too
        ("04.03.24", ";", "2024-03-04", "2004-03-24"),  # German short dates
    ],
)
def test_a_two_digit_year_date_that_may_come_first_gets_a_note(
    tmp_path, written, separator, as_read, year_first
):
    dataset = import_files([_one_day(tmp_path, written, separator)])
    assert at(dataset, f"{as_read} 08:30").volume == 2
    note = note_with(dataset, "year first")
    assert as_read in note and year_first in note and "year-month-day" in note


@pytest.mark.parametrize("written", ["05/05/05", "03/04/2005"])
def test_no_year_first_note_where_it_reads_the_same_or_the_year_has_four_digits(tmp_path, written):
    dataset = import_files([_one_day(tmp_path, written)])
    assert not any("year first" in note for note in dataset.notes)


def test_no_year_first_note_when_the_dates_run_day_by_day(tmp_path):
    # Read year first, 04/03/24 .. 08/03/24 would fall a year apart: not a possible reading.
    lines = ["Date,Interval,Offered"]
    lines += [f"0{day}/03/24,{hour},{day}" for day in range(4, 9) for hour in ("08:00", "08:30")]
    dataset = import_files([write(tmp_path, "week.csv", "\n".join(lines) + "\n")])
    assert at(dataset, "2024-03-08 08:00").volume == 8
    assert not any("year first" in note for note in dataset.notes)
