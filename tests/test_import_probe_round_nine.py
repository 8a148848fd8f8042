"""Round-nine probes: a workbook of one sheet per day with full dates, a RingCentral call log,
chats nobody answered, the daylight-saving nights of a 24/7 interval report."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest
from import_support import at, note_with

from data.errors import InputError
from data.importer import import_files_detailed


def _rows_csv(path, rows):
    with open(path, "w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_a_workbook_of_one_sheet_per_day_with_dated_intervals_is_one_queue(tmp_path):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for day in (2, 3):
        sheet = book.create_sheet(f"{day:02d}-03")
        sheet.append(["Interval", "Offered", "AHT"])
        for slot in range(16):
            stamp = f"2026-03-{day:02d} {8 + slot // 2:02d}:{30 * (slot % 2):02d}"
            sheet.append([stamp, 10 + slot + day, 180 + day])
    path = tmp_path / "days.xlsx"
    book.save(path)
    result = import_files_detailed([path])
    assert result.contacts == 2 * sum(range(10, 26)) + 16 * (2 + 3) == 640
    assert set(result.dataset.intervals["queue"]) == {"days"}
    assert at(result.dataset, "2026-03-02 08:30")["volume"] == 13
    assert at(result.dataset, "2026-03-03 15:30")["volume"] == 28
    assert at(result.dataset, "2026-03-03 15:30")["aht_seconds"] == 183
    assert note_with(result.dataset, "read 2 sheets holding the same columns").endswith(
        "as periods of one queue, 'days', named by the file: '02-03' Mon 2 Mar 2026, '03-03' "
        "Tue 3 Mar 2026."
    )


_RINGCENTRAL = [
    # (Direction, Action, Result, Date, Time, Duration)
    ("Inbound", "Phone Call", "Accepted", "03/02/2026", "09:01:10", "0:03:25"),
    ("Inbound", "Phone Call", "Accepted", "03/02/2026", "09:10:10", "0:02:00"),
    ("Inbound", "VoIP Call", "Call connected", "03/02/2026", "09:20:10", "0:05:00"),
    ("Inbound", "Incoming Call", "Missed", "03/02/2026", "09:40:10", "0:00:00"),
    ("Inbound", "Phone Call", "Voicemail", "03/02/2026", "10:05:10", "0:00:40"),
    ("Outbound", "RingOut", "Call connected", "03/02/2026", "10:10:10", "0:04:00"),
    ("Outbound", "Phone Call", "Call connected", "03/02/2026", "10:12:10", "0:04:00"),
    ("Outbound", "Outgoing Fax", "Call connected", "03/02/2026", "10:15:10", "0:01:00"),
    ("Inbound", "Phone Call", "Hang Up", "03/02/2026", "10:20:10", "0:00:10"),
    ("Inbound", "Phone Call", "Accepted", "03/03/2026", "11:00:10", "0:06:00"),
]


@pytest.mark.parametrize("with_direction", [True, False])
def test_a_ringcentral_call_log_keeps_inbound_calls_and_reads_its_results(tmp_path, with_direction):
    # "Call connected" had been an unknown label; without a Direction column the RingOut and
    # outgoing fax rows had been counted as demand.
    header = ["Type", "Direction", "Action", "Result", "From", "To", "Date", "Time", "Duration"]
    rows = [header]
    for direction, action, result, date, time, duration in _RINGCENTRAL:
        kind = "Fax" if "Fax" in action else "Voice"
        rows.append([kind, direction, action, result, "+3902", "101", date, time, duration])
    if not with_direction:
        rows = [row[:1] + row[2:] for row in rows]
        rows = [row for row in rows if row[1] != "Phone Call" or row[2] != "Call connected"]
    result = import_files_detailed([_rows_csv(tmp_path / "calllog.csv", rows)])
    data = result.dataset
    assert result.contacts == 7
    assert (data.answered, data.abandoned) == (4, 2)  # the voicemail is neither
    assert data.mean_handle_seconds == pytest.approx((205 + 120 + 300 + 360) / 4)
    first = at(data, "2026-03-02 09:00")
    assert (first["volume"], first["answered"], first["aht_seconds"]) == (2, 2, 162.5)
    assert at(data, "2026-03-02 09:15")["aht_seconds"] == 300
    assert at(data, "2026-03-02 09:30")["abandoned"] == 1
    # The voicemail: a message left to be called back, neither answered nor abandoned.
    voicemail = at(data, "2026-03-02 10:00")
    assert (voicemail["volume"], voicemail["answered"], voicemail["abandoned"]) == (1, 0, 0)
    assert at(data, "2026-03-03 11:00")["volume"] == 1
    assert "Call connected -> answered (1), Missed -> abandoned (1), Voicemail -> voicemail" in (
        note_with(data, "outcome 'Result':")
    )
    if with_direction:
        assert note_with(data, "3 row(s) with 'Direction' = Outbound left out")
    else:
        assert note_with(data, "2 row(s) with 'Action' = RingOut, Outgoing Fax left out")


def _chats(path, status: bool):
    header = ["Chat ID", "Started At", "Agent", "First Response Time (s)", "Duration (s)"]
    chats = [
        ["1", "2026-03-02 09:01:00", "Anna", "12", "300", ""],
        ["2", "2026-03-02 09:05:00", "Bob", "20", "240", ""],
        ["3", "2026-03-02 09:10:00", "", "", "0", "missed"],
        ["4", "2026-03-02 09:40:00", "", "", "35", "unanswered"],
        ["5", "2026-03-02 10:01:00", "Anna", "8", "600", ""],
        ["6", "2026-03-02 10:20:00", "", "", "45", ""],
        ["7", "2026-03-02 10:25:00", "", "", "", ""],
    ]
    rows = [[*header, "Status"], *chats] if status else [header] + [row[:5] for row in chats]
    return _rows_csv(path, rows)


@pytest.mark.parametrize("status", [True, False])
def test_chats_with_neither_agent_nor_first_response_are_missed_demand(tmp_path, status):
    # Chat 6 (45 s open, no agent) had been answered with a handle time of 45 s; chat 7 neither.
    result = import_files_detailed([_chats(tmp_path / "chats.csv", status)])
    data = result.dataset
    assert result.contacts == 7
    assert (data.answered, data.abandoned) == (3, 4)
    assert data.mean_handle_seconds == pytest.approx((300 + 240 + 600) / 3)
    assert at(data, "2026-03-02 09:00")["answered"] == 2
    assert at(data, "2026-03-02 09:00")["aht_seconds"] == 270
    late = at(data, "2026-03-02 10:15")
    assert (late["volume"], late["answered"], late["abandoned"]) == (2, 0, 2)
    assert late["aht_seconds"] != late["aht_seconds"]  # NaN: nobody handled them
    missed = 2 if status else 4  # with a status, 'missed' and 'unanswered' said so already
    assert (
        f"chats.csv: {missed} contact(s) with neither an agent in 'Agent' nor a time in 'First "
        "Response Time (s)' were never answered: counted as abandoned (missed demand)"
    ) in note_with(data, "were never answered")


def _italian_nights(path):
    """A 24/7 queue at 30 minutes, local time: 2025-03-30 skips 02:00-02:59, 2025-10-26 lives
    02:00-02:59 twice (the second pass counting 4 calls of 100 s a half hour)."""
    rows = [["Date", "Time", "Offered", "Answered", "AHT"]]
    days = [dt.date(2025, 3, 29) + dt.timedelta(days=n) for n in range(3)]
    days += [dt.date(2025, 10, 25) + dt.timedelta(days=n) for n in range(3)]
    for day in days:
        for slot in range(48):
            hour, minute = slot // 2, 30 * (slot % 2)
            if day == dt.date(2025, 3, 30) and hour == 2:
                continue
            rows.append([day.isoformat(), f"{hour:02d}:{minute:02d}", 10, 9, 200])
            if day == dt.date(2025, 10, 26) and hour == 2:
                rows.append([day.isoformat(), f"{hour:02d}:{minute:02d}", 4, 4, 100])
    return _rows_csv(path, rows)


def test_the_daylight_saving_nights_sum_the_repeated_hour_and_lose_no_count(tmp_path):
    result = import_files_detailed([_italian_nights(tmp_path / "dst.csv")])
    data = result.dataset
    assert result.contacts == 6 * 48 * 10 - 2 * 10 + 2 * 4 == 2868
    assert data.intervals["volume"].sum() == 2868
    repeated = at(data, "2025-10-26 02:30")
    assert (repeated["volume"], repeated["answered"]) == (14, 13)
    assert repeated["aht_seconds"] == pytest.approx((9 * 200 + 4 * 100) / 13, abs=1.0)
    assert at(data, "2025-10-26 03:00")["volume"] == 10
    skipped = at(data, "2025-03-30 02:00")["volume"]
    assert skipped != skipped or skipped == 0  # the hour that never was: no count
    assert at(data, "2025-03-30 03:00")["volume"] == 10
    assert note_with(data, "repeat a timestamp").startswith(
        "2 row(s) repeat a timestamp already seen for the same queue (e.g. 2025-10-26 02:00:00, "
        "2025-10-26 02:30:00) on 2025-10-26, the night the clock went back an hour"
    )


def test_a_repeated_hour_on_another_night_is_not_taken_for_the_clock_change(tmp_path):
    # A Sunday night in June: rows pasted twice, not a clock change.
    rows = [["Date", "Time", "Offered"]]
    for slot in range(8):
        rows.append(["2025-06-15", f"{slot // 2:02d}:{30 * (slot % 2):02d}", 5])
    rows += rows[5:7]
    result = import_files_detailed([_rows_csv(tmp_path / "june.csv", rows)])
    assert result.contacts == 50
    note = note_with(result.dataset, "repeat a timestamp")
    assert "clock went back" not in note and "remove the repeats" in note


def test_tickets_without_an_agent_or_a_first_reply_are_open_not_missed(tmp_path):
    # A Freshdesk ticket export: a ticket nobody has replied to yet waits in the backlog; only a
    # chat nobody picked up is missed demand.
    header = ["Ticket ID", "Created time", "Agent", "Status", "First response time (in hrs)"]
    tickets = [
        ["101", "2026-03-02 09:01:00", "Anna", "Resolved", "1.5"],
        ["102", "2026-03-02 09:20:00", "", "Open", ""],
        ["103", "2026-03-02 10:05:00", "Bob", "Closed", "0.5"],
    ]
    result = import_files_detailed([_rows_csv(tmp_path / "tickets.csv", [header, *tickets])])
    assert result.contacts == 3
    assert result.dataset.abandoned == 0
    assert not [note for note in result.dataset.notes if "never answered" in note]


def test_dates_only_one_order_reads_in_part_are_named_not_a_crash(tmp_path):
    # Found by the property test: "04/03/2024" beside "3/4/24 8:00" left a cell neither order
    # read, which the either-order check took for two different days and failed on.
    path = tmp_path / "messy.csv"
    path.write_text(
        "calls,timestamp,timestamp,timestamp\n"
        "2024-03-04 08:00,04/03/2024,2024-03-04 08:00,2024-03-04 08:00\n"
        "2024-03-04 08:00,3/4/24 8:00,2024-03-04 08:00,2024-03-04 08:00"
    )
    with pytest.raises(InputError, match=r"not readable dates/times \(line 2: '04/03/2024'\)"):
        import_files_detailed([path])
