"""More export quirks: queues of one file at different intervals, two-digit years written
first, footers and repeated headers inside the table, clocks and dates in other spellings,
Windows-1252 and UTF-32 text, and quoted values spanning lines."""

from __future__ import annotations

import pandas as pd
import pytest
from import_support import at, note_with, write

from data import schema
from data.errors import InputError
from data.importer import ImportOptions, import_files, import_files_detailed


def total(dataset: schema.Dataset, queue: str | None = None) -> float:
    frame = dataset.intervals
    if queue is not None:
        frame = frame[frame[schema.QUEUE] == queue]
    return float(frame[schema.VOLUME].sum())


# --- 1. Queues of one file at different intervals ---------------------------------------------


def _two_interval_queues() -> str:
    """Sales every 15 minutes (2 contacts each), Support every 30 (10 each), 08:00-12:00, three
    days."""
    lines = ["Interval Start,Queue,Offered"]
    for day in ("2024-03-04", "2024-03-05", "2024-03-06"):
        for minute in range(8 * 60, 12 * 60, 15):
            stamp = f"{day} {minute // 60:02d}:{minute % 60:02d}"
            lines.append(f"{stamp},Sales,2")
            if minute % 30 == 0:
                lines.append(f"{stamp},Support,10")
    return "\n".join(lines) + "\n"


def test_queues_at_15_and_30_minutes_in_one_file_are_summed_to_30(tmp_path):
    result = import_files_detailed([write(tmp_path, "mixed.csv", _two_interval_queues())])
    dataset = result.dataset
    assert dataset.interval_minutes == 30
    assert result.files[0].queue_intervals == {"Sales": 15, "Support": 30}
    assert at(dataset, "2024-03-04 08:00", "Sales").volume == 4  # 08:00 + 08:15
    assert at(dataset, "2024-03-04 11:30", "Sales").volume == 4
    # Support's half hours are whole, never halved by empty quarter hours.
    assert at(dataset, "2024-03-04 08:00", "Support").volume == 10
    support = dataset.intervals[dataset.intervals[schema.QUEUE] == "Support"]
    assert not support[schema.IS_MISSING].any()
    assert total(dataset, "Sales") == 3 * 16 * 2 and total(dataset, "Support") == 3 * 8 * 10
    note = note_with(dataset, "its queues have different intervals")
    assert "'Sales' every 15 minutes" in note and "'Support' every 30 minutes" in note
    assert "summed to 30 minutes" in note


def test_a_finer_interval_than_a_queue_has_is_refused(tmp_path):
    path = write(tmp_path, "mixed.csv", _two_interval_queues())
    with pytest.raises(InputError, match="queue 'Support'.*30-minute intervals"):
        import_files([path], ImportOptions(interval_minutes=15))


# --- 2. Two-digit years written first -----------------------------------------------------------


def test_two_digit_year_first_dates_are_read_day_by_day(tmp_path):
    lines = ["Date,Interval,Offered"]
    for day in range(4, 17):  # 24/03/04 .. 24/03/16: 4-16 March 2024, not 24 March 2004-2016
        lines += [f"24/03/{day:02d},08:00,{day}", f"24/03/{day:02d},08:30,1"]
    result = import_files_detailed([write(tmp_path, "yymmdd.csv", "\n".join(lines) + "\n")])
    dataset = result.dataset
    assert at(dataset, "2024-03-04 08:00").volume == 4
    assert at(dataset, "2024-03-16 08:00").volume == 16
    assert result.first_interval == pd.Timestamp("2024-03-04 08:00")
    assert result.last_interval == pd.Timestamp("2024-03-16 08:30")
    note = note_with(dataset, "fall a year apart")
    assert "line 2: '24/03/04' would be 2004-03-24" in note and "2024-03-04" in note


def test_dates_a_year_apart_are_refused(tmp_path):
    lines = ["Date,Interval,Offered"]
    lines += [f"{year}-03-24,08:00,5" for year in range(2004, 2017)]
    path = write(tmp_path, "yearly.csv", "\n".join(lines) + "\n")
    with pytest.raises(InputError, match=r"about a year apart \(line 2: '2004-03-24'.*yy/mm/dd"):
        import_files([path])


# --- 3. Footer lines padded with delimiters ---------------------------------------------------


def test_footer_lines_padded_with_delimiters_are_skipped(tmp_path):
    text = (
        "Date,Interval,Offered,Answered\n"
        "2024-03-04,08:00,12,11\n"
        "2024-03-04,08:30,18,16\n"
        "2024-03-05,08:00,7,7\n"
        "2024-03-05,08:30,9,9\n"
        ",,,\n"
        "Report generated on 24/03/2024 07:02:11 by wfm_admin,,,\n"
        "Page 1 of 1,,,\n"
    )
    dataset = import_files([write(tmp_path, "footer.csv", text)])
    assert dataset.interval_minutes == 30
    assert total(dataset) == 46 and at(dataset, "2024-03-05 08:30").volume == 9
    note = note_with(dataset, "holding only a note")
    assert note.startswith("footer.csv: 2 line(s)") and "'Page 1 of 1'" in note


# --- 4. The header repeated inside the data ----------------------------------------------------


def test_header_repeated_inside_the_data_is_skipped(tmp_path):
    header = "Date,Interval,Calls Offered,AHT"
    lines = [header]
    for day in (4, 5, 6):
        lines += [f"2024-03-0{day},08:00,{day},300", f"2024-03-0{day},08:30,1,300", header]
    dataset = import_files([write(tmp_path, "pasted.csv", "\n".join(lines) + "\n")])
    assert total(dataset) == 4 + 5 + 6 + 3
    assert at(dataset, "2024-03-06 08:00").volume == 6
    assert "header line is repeated 3 time(s)" in note_with(dataset, "repeated")


def test_blocks_under_repeated_headers_covering_the_same_intervals_are_refused(tmp_path):
    header = "Date,Interval,Calls Offered"
    lines = ["Skill: Sales", header, "2024-03-04,08:00,4", "2024-03-04,08:30,5"]
    lines += ["", header, "2024-03-04,08:00,7", "2024-03-04,08:30,8"]
    path = write(tmp_path, "skills.csv", "\n".join(lines) + "\n")
    with pytest.raises(InputError, match="repeated 1 time.*separate reports"):
        import_files([path])


def test_blocks_under_repeated_headers_each_titled_with_its_skill_are_those_skills(tmp_path):
    header = "Date,Interval,Calls Offered"
    lines = ["Skill: Sales", header, "2024-03-04,08:00,4", "2024-03-04,08:30,5"]
    lines += ["Skill: Support", header, "2024-03-04,08:00,7", "2024-03-04,08:30,8"]
    dataset = import_files([write(tmp_path, "skills.csv", "\n".join(lines) + "\n")])
    assert at(dataset, "2024-03-04 08:30", "Sales").volume == 5
    assert at(dataset, "2024-03-04 08:30", "Support").volume == 8


# --- 5. Clocks, dates and durations in other spellings -------------------------------------------


def test_short_am_pm_clock(tmp_path):
    text = "Date,Time,Offered\n3/14/2024,8:00a,10\n3/14/2024,8:30a,12\n3/14/2024,7:30p,4\n"
    dataset = import_files([write(tmp_path, "ampm.csv", text)])
    assert at(dataset, "2024-03-14 08:30").volume == 12
    assert at(dataset, "2024-03-14 19:30").volume == 4


def test_german_short_dates(tmp_path):
    text = "Datum;Intervall;Anrufe\n04.03.24;08:00;7\n04.03.24;08:30;22\n05.03.24;08:00;3\n"
    dataset = import_files([write(tmp_path, "de.csv", text)])
    assert at(dataset, "2024-03-04 08:30").volume == 22
    assert at(dataset, "2024-03-05 08:00").volume == 3


def test_excel_long_dates(tmp_path):
    text = (
        "Date,Interval,Offered\n"
        '"Monday, March 4, 2024",08:00 AM,8\n'
        '"Monday, March 4, 2024",08:30 AM,17\n'
        '"Tuesday, March 5, 2024",08:00 AM,5\n'
    )
    dataset = import_files([write(tmp_path, "long.csv", text)])
    assert at(dataset, "2024-03-04 08:30").volume == 17
    assert at(dataset, "2024-03-05 08:00").volume == 5


def test_durations_written_in_hours_minutes_and_seconds(tmp_path):
    text = (
        "Start Time,Outcome,Handle Time,Wait Time\n"
        "2024-03-04 08:02:50,Answered,5m 0s,0m 28s\n"
        "2024-03-04 08:06:42,Answered,1h 2m 3s,0m 29s\n"
        "2024-03-04 08:20:00,Answered,1m 28s,59s\n"
    )
    dataset = import_files([write(tmp_path, "handle.csv", text)])
    first = at(dataset, "2024-03-04 08:00")
    assert first.volume == 2
    assert first.aht_seconds == pytest.approx((300 + 3723) / 2)
    assert at(dataset, "2024-03-04 08:15").aht_seconds == pytest.approx(88)


def test_excel_day_fractions_as_time_of_day(tmp_path):
    lines = ["Date,Time,Calls Offered"]
    for serial in (45355, 45356):
        lines += [f"{serial},0.3333333333333333,10", f"{serial},0.3541666666666667,4"]
        lines += [f"{serial},0.375,6"]
    dataset = import_files([write(tmp_path, "fractions.csv", "\n".join(lines) + "\n")])
    assert dataset.interval_minutes == 30
    assert at(dataset, "2024-03-04 08:00").volume == 10
    assert at(dataset, "2024-03-05 08:30").volume == 4
    assert "fractions of a day" in note_with(dataset, "'Time' holds times of day")


# --- 6. Encodings -------------------------------------------------------------------------------


def test_windows_1252_text_is_read_as_such(tmp_path):
    text = (
        "Date;Heure;File d’attente;Appels reçus\n"
        "04/03/2024;08:00;Réclamations – Crédit;5\n"
        "04/03/2024;08:00;Facturation €;3\n"
        "04/03/2024;08:30;Réclamations – Crédit;2\n"
    )
    result = import_files_detailed([write(tmp_path, "cp.csv", text, "cp1252")])
    assert result.dataset.queues == ["Facturation €", "Réclamations – Crédit"]
    assert result.files[0].encoding == "cp1252"
    assert result.files[0].columns["queue"] == "File d’attente"
    assert at(result.dataset, "2024-03-04 08:00", "Réclamations – Crédit").volume == 5


def test_utf32_text_is_read(tmp_path):
    text = "\ufeffData\tIntervallo\tChiamate\n04/03/2024\t08:00\t12\n04/03/2024\t08:30\t7\n"
    result = import_files_detailed([write(tmp_path, "u32.txt", text, "utf-32-le")])
    assert result.files[0].encoding == "utf-32"
    assert at(result.dataset, "2024-03-04 08:30").volume == 7


# --- 7. Quoted values spanning lines ------------------------------------------------------------


def test_quoted_values_with_line_breaks(tmp_path):
    lines = ["Id,Subject,Description,Status,Group,Created at,Via,Assignee"]
    for number in range(20):
        description = (
            f'"Hello,\nmy order says ""shipped"" but nothing came.\n\nOrder: #{number}\n'
            'Thanks,\nCustomer"'
            if number % 5
            else "Short one"
        )
        stamp = f"2024-03-04 {8 + number // 4:02d}:{(number % 4) * 15 + 3:02d}:21 +0100"
        lines.append(f"{5000 + number},Refund,{description},solved,Support,{stamp},web,Agent 3")
    result = import_files_detailed([write(tmp_path, "tickets.csv", "\n".join(lines) + "\n")])
    dataset = result.dataset
    assert dataset.kind == schema.KIND_RECORDS
    assert result.files[0].columns["timestamp"] == "Created at"
    assert result.contacts == 20 and dataset.queues == ["Support"]
    assert at(dataset, "2024-03-04 08:00").volume == 1
    assert at(dataset, "2024-03-04 12:45").volume == 1
    assert total(dataset) == 20


def test_an_absurd_count_is_refused_naming_its_line(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text(
        "timestamp,calls\n2024-03-04 08:00,12\n2024-03-04 08:30,99999999999999999999999\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"above 10,000,000 contacts in one row \(line 3"):
        import_files([path])
