"""Export shapes that were read wrongly without a word: a queue number taken for the count, a
CSV file of per-agent figures read as contacts (or its queue count summed over the agents),
waits named after the answer, and vendor exports in shapes not covered before (Italian
hh.mm.ss durations, a French "File" queue, a call's total duration taken for its handle time,
3CX's "Talking" and "Ringing")."""

from __future__ import annotations

import datetime as dt

import pytest
from import_support import at, half_hours, note_with, write
from openpyxl import Workbook

from data import schema
from data.columns import ImportOptions, plan_columns
from data.errors import InputError
from data.importer import import_files, import_files_detailed


def csv_file(tmp_path, name: str, header: str, rows: list[str]):
    return write(tmp_path, name, "\n".join([header, *rows]) + "\n")


# --- 1. A queue number is the queue, never the count --------------------------------------------


@pytest.mark.parametrize(
    ("key", "count", "separator"),
    [
        ("Numero coda", "Chiamate", ";"),
        ("Queue ID", "Calls", ","),
        ("Skill No", "Calls", ","),
        ("Split No.", "Calls", ","),
        ("Code de file", "Appels", ";"),
    ],
)
def test_a_queue_number_before_a_generic_count_is_the_queue(tmp_path, key, count, separator):
    # Two queues a row each per half hour, the number column first: read as the count it summed
    # queue numbers; left unread, the two queues were summed into one.
    rows, expected = [], {"101": 0, "102": 0}
    for index, start in enumerate(half_hours(2, 8)):
        for queue in ("101", "102"):
            calls = 10 + (index + int(queue)) % 5
            expected[queue] += calls
            rows.append(separator.join([f"{start:%Y-%m-%d}", f"{start:%H:%M}", queue, str(calls)]))
    header = separator.join(["Date", "Time", key, count])
    result = import_files_detailed([csv_file(tmp_path, "queues.csv", header, rows)])
    columns = result.files[0].columns
    assert columns["volume"] == count and columns["queue"] == key
    intervals = result.dataset.intervals
    assert intervals.groupby(schema.QUEUE)[schema.VOLUME].sum().to_dict() == expected
    assert f"'{key}' holds queue numbers" in note_with(result.dataset, "queue numbers")


def test_a_single_queue_number_names_no_queue(tmp_path):
    rows = [f"{start:%Y-%m-%d},{start:%H:%M},7,{12 + index % 3}"
            for index, start in enumerate(half_hours(2, 8))]  # fmt: skip
    result = import_files_detailed(
        [csv_file(tmp_path, "sales.csv", "Date,Time,Skill ID,Calls", rows)]
    )
    assert result.dataset.queues == ["sales"]
    assert result.contacts == sum(12 + index % 3 for index in range(len(rows)))


def test_a_queue_number_beside_a_queue_name_is_left_aside():
    header = ["Data", "Ora", "Numero coda", "Coda", "Chiamate"]
    sample = [
        ["2024-03-04", "08:00", "101", "Vendite", "12"],
        ["2024-03-04", "08:00", "102", "Assistenza", "20"],
        ["2024-03-04", "08:30", "101", "Vendite", "14"],
        ["2024-03-04", "08:30", "102", "Assistenza", "22"],
    ]
    plan = plan_columns(header, sample, False, ImportOptions(), "x.csv")
    assert plan.queue_column == "Coda" and plan.volume_column == "Chiamate"
    assert "Numero coda" not in plan.used_columns()


def test_whole_numbers_under_a_bare_queue_header_in_a_one_queue_file_stay_no_queue():
    # One row per interval: a "Queue" of whole numbers that differ row by row may count the
    # calls queued, so it is no key.
    header = ["Date", "Time", "Queue", "Offered"]
    sample = [["2024-03-04", f"{8 + slot // 2:02d}:{30 * (slot % 2):02d}", str(slot % 4), "10"]
              for slot in range(8)]  # fmt: skip
    plan = plan_columns(header, sample, False, ImportOptions(), "x.csv")
    assert plan.queue_column is None and plan.volume_column == "Offered"


# --- 2. A CSV file of per-agent figures --------------------------------------------------------


AGENTS = ["Rossi Anna", "Bianchi Luca", "Verdi Sara"]


def _agent_rows(row) -> list[str]:
    return [row(index, start, agent) for index, start in enumerate(half_hours(2, 8))
            for agent in AGENTS]  # fmt: skip


@pytest.mark.parametrize(
    ("header", "row"),
    [
        # Agent states only: every row was read as one contact.
        (
            "Date,Interval,Agent Name,Staffed Time,AUX Time,Available Time,ACW Time",
            lambda i, s, a: f"{s:%Y-%m-%d},{s:%H:%M},{a},1800,120,600,200",
        ),
        # The agents' handled calls: summed as if they were the demand.
        (
            "Date,Interval,Agent Name,Logged In Time,Calls Handled,AHT",
            lambda i, s, a: f"{s:%Y-%m-%d},{s:%H:%M},{a},1800,3,265",
        ),
    ],
)
def test_a_per_agent_csv_without_a_count_of_arriving_contacts_is_refused(tmp_path, header, row):
    path = csv_file(tmp_path, "agents.csv", header, _agent_rows(row))
    with pytest.raises(InputError) as refusal:
        import_files([path])
    message = str(refusal.value)
    assert message.startswith("agents.csv: the file holds per-agent figures ('Agent Name', ")
    assert "not contacts per interval or per contact" in message
    assert "interval report" in message and "import that" in message
    assert "Volume column in the app, --volume-column on the command line" in message


def test_a_queue_count_repeated_on_every_agents_row_is_read_once(tmp_path):
    # The queue's offered count is written on each agent's row of the interval: summed, it
    # counted every call three times.
    header = "Date,Interval,Agent,Logged In,Offered,Answered,AHT"
    rows = _agent_rows(
        lambda i, s, a: (
            f"{s:%Y-%m-%d},{s:%H:%M},{a},1800,{20 + i % 5},{18 + i % 5},"
            f"{250 + 10 * AGENTS.index(a)}"
        )
    )
    result = import_files_detailed([csv_file(tmp_path, "agents.csv", header, rows)])
    dataset = result.dataset
    assert result.contacts == sum(20 + index % 5 for index in range(len(half_hours(2, 8))))
    first = at(dataset, "2024-03-04 08:00")
    assert first.volume == 20 and first.answered == 18
    assert first.aht_seconds == pytest.approx(260)  # the agents' mean
    note = note_with(dataset, "per-agent figures")
    assert "'Offered'" in note and "read once per interval" in note and "3 agents" in note
    assert not any("repeat a timestamp" in note for note in dataset.notes)


def test_per_agent_counts_that_differ_are_summed_with_a_note(tmp_path):
    header = "Interval Start,Agent ID,Staffed Time,Avail Time,Calls Offered,ACD Calls"
    rows = _agent_rows(
        lambda i, s, a: (
            f"{s:%Y-%m-%d %H:%M},{1001 + AGENTS.index(a)},1800,600,"
            f"{4 + AGENTS.index(a)},{3 + AGENTS.index(a)}"
        )
    )
    result = import_files_detailed([csv_file(tmp_path, "agents.csv", header, rows)])
    assert at(result.dataset, "2024-03-04 08:00").volume == 4 + 5 + 6
    note = note_with(result.dataset, "per-agent figures")
    assert "'Calls Offered'" in note and "counted once per agent" in note
    # The agents' rows are added up here, so the note on repeated timestamps (which would
    # suggest reading the agent column as the queue) does not follow.
    assert not any("repeat a timestamp" in note for note in result.dataset.notes)


def test_a_per_agent_csv_read_by_the_count_the_user_chose_gets_the_note(tmp_path):
    header = "Date,Interval,Agent Name,Logged In Time,Calls Handled,AHT"
    rows = _agent_rows(lambda i, s, a: f"{s:%Y-%m-%d},{s:%H:%M},{a},1800,{1 + AGENTS.index(a)},265")
    path = csv_file(tmp_path, "agents.csv", header, rows)
    result = import_files_detailed([path], ImportOptions(volume_column="Calls Handled"))
    assert at(result.dataset, "2024-03-04 08:00").volume == 1 + 2 + 3
    assert "counted once per agent" in note_with(result.dataset, "per-agent figures")


def test_a_workbook_sheet_repeating_the_queue_count_per_agent_is_read_once(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "Agents by interval"
    sheet.append(["Date", "Interval", "Agent Name", "Logged In Time", "Offered", "AHT"])
    offered = 0
    for index, start in enumerate(half_hours(2, 8)):
        offered += 20 + index % 5
        for agent in AGENTS:
            sheet.append([start.date(), start.time(), agent, dt.time(0, 30), 20 + index % 5, 270])
    path = tmp_path / "agents.xlsx"
    book.save(path)
    result = import_files_detailed([path])
    assert result.contacts == offered
    assert len([note for note in result.dataset.notes if "per-agent figures" in note]) == 1


# --- 3. Waits named after the answer ------------------------------------------------------------


def _call_log(wait_header: str, waits: list[str]) -> str:
    lines = [f"Arrival,Call ID,{wait_header},Talk Time,Outcome"]
    for row, wait in enumerate(waits):
        outcome = "answered" if row < 3 else "abandoned"
        lines.append(f"2024-03-04 08:0{row}:13,A{row},{wait},0:04:10,{outcome}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "wait_header",
    [
        "Time to Answer",
        "Answer Time",
        "Tempo di risposta",
        "Temps de réponse",
        "Wait Time",
        "Queue Time",
        "Time in Queue",
        "Queue Duration",
        "Tiempo de espera",
        "Temps d'attente",
        "Wartezeit",
    ],
)
@pytest.mark.parametrize("written", [["0:00:12", "0:00:30", "0:01:00"], ["12", "30", "60"]])
def test_a_contacts_wait_named_after_the_answer_or_the_queue_is_the_wait(
    tmp_path, wait_header, written
):
    text = _call_log(wait_header, [*written, "0:00:40"])
    result = import_files_detailed([write(tmp_path, "log.csv", text)])
    assert result.files[0].columns["wait"] == wait_header
    assert result.files[0].columns["handle"] == "Talk Time"
    assert at(result.dataset, "2024-03-04 08:00").wait_seconds == pytest.approx(34)


@pytest.mark.parametrize(
    ("wait_header", "values"),
    [
        ("Answer Time", ["08:00:25", "08:01:40", "08:03:13", ""]),  # the moment of the answer
        ("Answer Time", ["8:00", "8:01", "8:02", ""]),  # the same to the minute (reads as m:ss)
        ("Wait Time", ["8:00", "8:01", "8:02", ""]),
        ("Queue Time", ["08:00:25", "08:01:40", "08:03:13", ""]),  # the moment it was queued
        ("Answered At", ["2024-03-04 08:00:25", "2024-03-04 08:01:40", "2024-03-04 08:03:13", ""]),
        ("Answer Date", ["2024-03-04 08:00:25", "2024-03-04 08:01:40", "2024-03-04 08:03:13", ""]),
        ("Answered", ["1", "1", "1", "0"]),
    ],
)
def test_answer_moments_and_answered_flags_are_not_waits(tmp_path, wait_header, values):
    result = import_files_detailed([write(tmp_path, "log.csv", _call_log(wait_header, values))])
    columns = result.files[0].columns
    assert "wait" not in columns and columns["timestamp"] == "Arrival"
    assert wait_header not in (columns.get("queue"), columns.get("handle"))
    assert result.contacts == 4


# --- 4. Vendor exports in shapes not covered before --------------------------------------------


def _report_code(decimal_comma: bool) -> tuple[str, dict[str, float]]:
    """An Italian ACD "Report Code": semicolons, "hh.mm.ss" durations, a queue code beside the
    queue name; with `decimal_comma`, a service level written 85,5 too."""
    header = "Data;Fascia oraria;Codice coda;Coda;Chiamate entrate;Chiamate risposte;TMA;TMC"
    lines = [header + (";Livello di servizio" if decimal_comma else "")]
    for start in half_hours(2, 4):
        for code, queue, tma, tmc in ((11, "Assistenza", "00.00.42", "00.03.53"),
                                      (12, "Commerciale", "00.01.05", "00.05.14")):  # fmt: skip
            end = start + dt.timedelta(minutes=30)
            line = f"{start:%d/%m/%Y};{start:%H.%M}-{end:%H.%M};{code};{queue};12;11;{tma};{tmc}"
            lines.append(line + (";85,5" if decimal_comma else ""))
    return "\n".join(lines) + "\n", {"Assistenza": 233, "Commerciale": 314}


@pytest.mark.parametrize("decimal_comma", [False, True])
def test_italian_hh_mm_ss_durations_are_read(tmp_path, decimal_comma):
    text, handle = _report_code(decimal_comma)
    result = import_files_detailed([write(tmp_path, "report_code.csv", text, "cp1252")])
    columns = result.files[0].columns
    assert (columns["aht"], columns["wait"], columns["queue"]) == ("TMC", "TMA", "Coda")
    dataset = result.dataset
    for queue, seconds in handle.items():
        assert at(dataset, "2024-03-04 08:00", queue).aht_seconds == seconds
    assert at(dataset, "2024-03-04 08:00", "Assistenza").wait_seconds == 42
    assert at(dataset, "2024-03-05 09:30", "Commerciale").wait_seconds == 65


def test_a_french_file_column_is_the_queue(tmp_path):
    header = "Date;Tranche horaire;File;Appels présentés;Appels traités;Appels abandonnés;DMT"
    rows = [
        f"{start:%d/%m/%Y};{start:%H}h{start:%M};{queue};{count};{count - 1};1;00:05:00"
        for start in half_hours(2, 8)
        for queue, count in (("Particuliers", 12), ("Professionnels", 7))
    ]
    path = write(tmp_path, "appels.csv", "\n".join([header, *rows]) + "\n", "cp1252")
    dataset = import_files([path])
    assert dataset.queues == ["Particuliers", "Professionnels"]
    assert at(dataset, "2024-03-04 08:00", "Professionnels").volume == 7


def test_a_file_column_of_recordings_is_no_queue():
    header = ["Start Time", "File", "Talk Time"]
    sample = [
        ["2024-03-04 08:01:13", "rec_0001.wav", "0:04:10"],
        ["2024-03-04 08:07:45", "rec_0002.wav", "0:03:02"],
    ]
    assert plan_columns(header, sample, False, ImportOptions(), "x.csv").queue_column is None


def test_a_calls_total_duration_is_not_its_handle_time(tmp_path):
    # Aircall-style: "duration (total)" runs from arrival to hang-up, the wait included.
    lines = ["id,direction,status,started_at,answered_at,ended_at,duration (total),"
             "duration (in call)"]  # fmt: skip
    for row in range(4):
        start = dt.datetime(2024, 3, 4, 8, row * 3, 5)
        answered, ended = start + dt.timedelta(seconds=40), start + dt.timedelta(seconds=340)
        lines.append(f"{row},inbound,answered,{start},{answered},{ended},340,300")
    result = import_files_detailed([write(tmp_path, "aircall.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["handle"] == "duration (in call)"
    assert result.dataset.mean_handle_seconds == pytest.approx(300)


def test_3cx_talking_and_ringing_are_the_handle_time_and_the_wait(tmp_path):
    lines = ["Call Time,From,To,Direction,Status,Ringing,Talking"]
    lines += [
        f"04/03/2024 08:0{row}:25,+3902123456{row},Support (800),Inbound,Answered,00:00:20,00:04:00"
        for row in range(4)
    ]
    lines.append(
        "04/03/2024 08:05:10,+390212345699,Support (800),Inbound,Unanswered,00:00:45,00:00:00"
    )
    result = import_files_detailed([write(tmp_path, "3cx.csv", "\n".join(lines) + "\n")])
    columns = result.files[0].columns
    assert (columns["handle"], columns["wait"]) == ("Talking", "Ringing")
    dataset = result.dataset
    assert dataset.mean_handle_seconds == pytest.approx(240)
    assert (dataset.answered, dataset.abandoned) == (4, 1)
    assert at(dataset, "2024-03-04 08:00").wait_seconds == pytest.approx(20)


# --- A whole timestamp of the answer beside the arrival's date and clock ------------------------


def test_the_arrival_clock_beats_a_whole_answer_timestamp(tmp_path):
    # Each call arrives at 08:2x and is answered at 08:3x: counted by the answer, both calls
    # would move to the 08:30 half hour.
    rows = [
        "04/03/2024,08:20:00,04/03/2024 08:31:00,240",
        "04/03/2024,08:25:00,04/03/2024 08:32:30,300",
        "04/03/2024,08:40:00,04/03/2024 08:41:00,200",
    ]
    path = csv_file(tmp_path, "calls.csv", "Date,Arrival Time,Answer Time,Talk Time", rows)
    result = import_files_detailed([path], ImportOptions(interval_minutes=30))
    dataset = result.dataset
    assert at(dataset, "2024-03-04 08:00").volume == 2
    assert at(dataset, "2024-03-04 08:30").volume == 1
    assert result.files[0].columns["time"] == "Arrival Time"
    assert "names the arrival" in note_with(dataset, "'Answer Time' holds whole timestamps")


def test_a_whole_arrival_timestamp_is_still_read_as_one_column(tmp_path):
    rows = ["04/03/2024 08:20:00,08:31:00,240", "04/03/2024 08:40:00,08:41:00,200"]
    path = csv_file(tmp_path, "calls.csv", "Start Time,Answer Clock,Talk Time", rows)
    result = import_files_detailed([path], ImportOptions(interval_minutes=30))
    assert result.files[0].columns["timestamp"] == "Start Time"


# --- Handle times merged by the contacts handled --------------------------------------------------


def test_merged_intervals_weigh_handle_times_by_the_answered_contacts(tmp_path):
    # 08:00: 10 offered, 5 answered at 300 s; 08:15: 10 offered, 10 answered at 200 s. The
    # half hour's handle time is (5 x 300 + 10 x 200) / 15 = 233.3 s, not the offered-weighted
    # 250 s.
    rows = ["2024-03-04 08:00,10,5,5,300", "2024-03-04 08:15,10,10,0,200"]
    path = csv_file(tmp_path, "q.csv", "Interval,Offered,Answered,Abandoned,AHT", rows)
    dataset = import_files([path], ImportOptions(interval_minutes=30))
    assert at(dataset, "2024-03-04 08:00").aht_seconds == pytest.approx(3500 / 15)
