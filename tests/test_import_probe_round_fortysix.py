"""Round-forty-six probes: a contact log's handle time from its start and end, a queue named in
the report's title, a bare "Call" column of ids, old and OpenDocument workbooks, transfer legs
under one id; then exports as desks send them."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import numpy as np
import pytest
from import_support import at, note_with, write

from data import schema
from data.errors import InputError
from data.importer import import_files_detailed

MONDAY = dt.datetime(2026, 6, 1, 9, 0)


def _start_end_log(spans: list[int]) -> str:
    """A contact a row from 09:00, one every 7 minutes, each lasting its span in seconds."""
    lines = ["Call ID,Start,End,Queue"]
    for index, span in enumerate(spans):
        start = MONDAY + dt.timedelta(minutes=7 * index)
        end = start + dt.timedelta(seconds=span)
        lines.append(f"{1000 + index},{start:%Y-%m-%d %H:%M:%S},{end:%Y-%m-%d %H:%M:%S},Sales")
    return "\n".join(lines) + "\n"


# --- Handle time from a start and an end ------------------------------------------------------


def test_start_and_end_without_a_duration_give_the_handle_time(tmp_path):
    # Before: no AHT at all ('aht_seconds' NaN throughout) and no word of it.
    spans = [120 + 10 * (index % 5) for index in range(40)]
    path = write(tmp_path, "log.csv", _start_end_log(spans))
    dataset = import_files_detailed([path]).dataset
    # 09:00-09:15 holds the contacts of 09:00, 09:07 and 09:14: 120, 130 and 140 s.
    assert at(dataset, "2026-06-01 09:00", "Sales")[schema.AHT_SECONDS] == 130.0
    assert note_with(dataset, "derived") == (
        "log.csv: no handle-time column, so each contact's handle time was derived as 'End' − "
        "'Start' (40 contacts, median 2:20)."
    )


def test_spans_below_zero_or_over_twelve_hours_are_named_and_left_out(tmp_path):
    spans = [120] * 40
    text = _start_end_log(spans).splitlines()
    # Line 3 (the second contact, 09:07) ends before it starts; line 5 (09:21) 13 hours later.
    text[2] = "1001,2026-06-01 09:07:00,2026-06-01 09:05:00,Sales"
    text[4] = "1003,2026-06-01 09:21:00,2026-06-01 22:21:00,Sales"
    path = write(tmp_path, "log.csv", "\n".join(text) + "\n")
    dataset = import_files_detailed([path]).dataset
    assert (
        at(dataset, "2026-06-01 09:00", "Sales")[schema.AHT_SECONDS] == 120.0
    )  # not (120-120+120)/3
    assert at(dataset, "2026-06-01 09:15", "Sales")[schema.AHT_SECONDS] == 120.0  # not 15,660 / 2
    assert at(dataset, "2026-06-01 09:15", "Sales")[schema.VOLUME] == 2.0  # still counted
    assert note_with(dataset, "end before") == (
        "log.csv: 2 contact(s) end before they start or more than 12 hours after (line 3: "
        "'2026-06-01 09:07:00' to '2026-06-01 09:05:00'; line 5: '2026-06-01 09:21:00' to "
        "'2026-06-01 22:21:00'): their handle time is left unknown. Check those rows' start and "
        "end."
    )


def test_clock_times_of_start_and_end_cross_midnight(tmp_path):
    lines = ["Date,Start Time,End Time,Queue,Outcome"]
    for index in range(30):
        start = dt.datetime(2026, 6, 1, 23, 30) + dt.timedelta(minutes=2 * index)
        end = start + dt.timedelta(seconds=200)
        lines.append(f"{start:%d/%m/%Y},{start:%H:%M:%S},{end:%H:%M:%S},Night,Answered")
    path = write(tmp_path, "night.csv", "\n".join(lines) + "\n")
    dataset = import_files_detailed([path]).dataset
    # 23:58:00 ends at 00:01:20: 200 s, not 200 s less a day.
    assert at(dataset, "2026-06-01 23:45", "Night")[schema.AHT_SECONDS] == 200.0
    assert note_with(dataset, "derived").endswith(
        "derived as 'End Time' − 'Start Time' (30 contacts, median 3:20)."
    )
    frame = dataset.intervals
    assert np.nansum(frame[schema.VOLUME]) == 30.0


def test_an_end_clock_beside_a_dated_start_crosses_midnight(tmp_path):
    # Before: 'End' 23:02:30 beside 'Start' 2026-06-01 23:00:00 was not read: no AHT, no note.
    lines = ["Call ID,Start,End,Queue"]
    for index in range(40):
        start = dt.datetime(2026, 6, 1, 23) + dt.timedelta(minutes=2 * index)
        end = start + dt.timedelta(seconds=150)
        lines.append(f"{1000 + index},{start:%Y-%m-%d %H:%M:%S},{end:%H:%M:%S},Sales")
    dataset = import_files_detailed([write(tmp_path, "log.csv", "\n".join(lines) + "\n")]).dataset
    # 23:58:00 to 00:00:30 is 150 s, as is every other call.
    assert at(dataset, "2026-06-01 23:45", "Sales")[schema.AHT_SECONDS] == 150.0
    assert note_with(dataset, "derived").endswith("(40 contacts, median 2:30).")


def test_a_wait_column_is_taken_off_the_span_from_arrival(tmp_path):
    # The start is the arrival: a contact of 150 s that waited 30 s was handled for 120 s.
    lines = ["Call ID,Start,End,Wait Time,Queue"]
    for index in range(40):
        start = MONDAY + dt.timedelta(minutes=7 * index)
        end = start + dt.timedelta(seconds=150)
        lines.append(f"{1000 + index},{start:%Y-%m-%d %H:%M:%S},{end:%Y-%m-%d %H:%M:%S},30,Sales")
    dataset = import_files_detailed([write(tmp_path, "log.csv", "\n".join(lines) + "\n")]).dataset
    assert at(dataset, "2026-06-01 09:00", "Sales")[schema.AHT_SECONDS] == 120.0
    assert note_with(dataset, "derived").endswith(
        "derived as 'End' − 'Start' − 'Wait Time' (40 contacts, median 2:00)."
    )


# --- A queue named in the report's title ------------------------------------------------------


def _titled_report(title: str, queue_column: bool = False) -> str:
    """A half-hourly report under `title`, 10-12 contacts a row from 08:00 on Mon 1 Jun 2026."""
    header = "Interval,Offered,Answered" + (",Queue" if queue_column else "")
    lines = [title, "", header]
    for slot in range(16):
        start = dt.datetime(2026, 6, 1, 8) + dt.timedelta(minutes=30 * slot)
        row = f"{start:%Y-%m-%d %H:%M},{10 + slot % 3},{9 + slot % 3}"
        lines.append(row + (",Billing" if queue_column else ""))
    return "\n".join(lines) + "\n"


def _queue_totals(dataset: schema.Dataset) -> dict[str, float]:
    return dataset.intervals.groupby(schema.QUEUE)[schema.VOLUME].sum().to_dict()


def test_a_title_naming_report_then_queue_names_the_queue_not_the_file(tmp_path):
    # Before: {'export_0612': 175.0}, the queue named after the file.
    path = write(tmp_path, "export_0612.csv", _titled_report("Queue report Assistenza - June 2026"))
    dataset = import_files_detailed([path]).dataset
    assert _queue_totals(dataset) == {"Assistenza": 175.0}  # 16 rows: 6 x 10 + 5 x 11 + 5 x 12
    assert note_with(dataset, "named above") == (
        "export_0612.csv: the table has no queue column; the queue named above it (line 1: "
        "'Queue report Assistenza - June 2026') was given to every row."
    )


def test_italian_and_french_titles_name_their_queues(tmp_path):
    italian = write(tmp_path, "a.csv", _titled_report("Report coda Vendite Italia - giugno 2026"))
    french = write(tmp_path, "b.csv", _titled_report("Rapport file d'attente Support FR"))
    dataset = import_files_detailed([italian, french]).dataset
    assert _queue_totals(dataset) == {"Support FR": 175.0, "Vendite Italia": 175.0}


def test_a_title_of_report_words_only_or_a_queue_column_keeps_the_rule(tmp_path):
    # "Queue report Interval Detail" names a kind of report, no queue: the file names it (it was
    # named "June 2026", the period after the dash).
    plain = write(tmp_path, "sales.csv", _titled_report("Queue report Interval Detail - June 2026"))
    assert _queue_totals(import_files_detailed([plain]).dataset) == {"sales": 175.0}
    # A queue column wins over the title, which is then said to disagree.
    column = write(tmp_path, "mixed.csv", _titled_report("Queue report Assistenza", True))
    dataset = import_files_detailed([column]).dataset
    assert _queue_totals(dataset) == {"Billing": 175.0}
    assert "is not in its 'Queue' column, which holds 'Billing' (16 rows)" in note_with(
        dataset, "named above the table"
    )


# --- A bare "Call" column: each contact's number, or a count ----------------------------------


def _evenly_timed(header: str, values: list[int]) -> str:
    """`header` and Time, a row every 15 minutes from 08:00 on Mon 1 Jun 2026."""
    lines = [f"{header},Time"]
    for index, value in enumerate(values):
        start = dt.datetime(2026, 6, 1, 8) + dt.timedelta(minutes=15 * index)
        lines.append(f"{value},{start:%Y-%m-%d %H:%M}")
    return "\n".join(lines) + "\n"


def test_a_call_column_of_rising_numbers_is_one_contact_a_row(tmp_path):
    # Before: read as counts, 5001 + 5002 + ... + 5040 = 200,820 contacts in 40 rows.
    path = write(tmp_path, "calls.csv", _evenly_timed("Call", list(range(5001, 5041))))
    result = import_files_detailed([path])
    assert result.contacts == 40.0
    assert at(result.dataset, "2026-06-01 08:15")[schema.VOLUME] == 1.0
    assert note_with(result.dataset, "rising") == (
        "calls.csv: 'Call' holds a number per row, each distinct and rising (e.g. '5001', "
        "'5002', '5003'): read as each contact's number, one contact a row, not as a count."
    )


def test_large_rising_call_numbers_with_gaps_are_numbers_too(tmp_path):
    numbers = [88_412_000 + 37 * index for index in range(40)]  # ids of a switch shared by queues
    path = write(tmp_path, "calls.csv", _evenly_timed("Call", numbers))
    assert import_files_detailed([path]).contacts == 40.0


def test_counts_under_call_or_calls_stay_counts(tmp_path):
    counts = [3 + index % 4 for index in range(40)]  # 3, 4, 5, 6, 3, ...: 10 x 18 = 180
    for header in ("Call", "Calls"):
        path = write(tmp_path, f"{header}.csv", _evenly_timed(header, counts))
        result = import_files_detailed([path])
        assert result.contacts == 180.0
        assert at(result.dataset, "2026-06-01 08:15")[schema.VOLUME] == 4.0
    # Rising counts of a morning, repeating later, are counts too.
    ramp = list(range(1, 21)) + list(range(20, 0, -1))  # 2 x 210
    path = write(tmp_path, "ramp.csv", _evenly_timed("Call", ramp))
    assert import_files_detailed([path]).contacts == 420.0


# --- Old Excel (.xls) and OpenDocument (.ods) workbooks ----------------------------------------

FIXTURES = Path(__file__).parent / "fixtures"


def test_an_old_excel_interval_report_imports_with_its_title_queue_and_total():
    # Written once with xlwt (tests/fixtures/write_old_excel_fixture.py): date-time cells, a
    # title line and a Total row, as Excel 97-2003 saves an ACD's report.
    result = import_files_detailed([FIXTURES / "old_excel_interval_report.xls"])
    dataset = result.dataset
    assert result.contacts == 216.0  # 2 days x (10 + 11 + ... + 17)
    assert _queue_totals(dataset) == {"Billing": 216.0}
    row = at(dataset, "2024-06-04 11:30", "Billing")
    assert (row[schema.VOLUME], row[schema.ANSWERED], row[schema.AHT_SECONDS]) == (17, 16, 240)
    assert note_with(dataset, "total/subtotal") == (
        "old_excel_interval_report.xls: 1 total/subtotal row(s) were skipped (line 20: 'Total')."
    )


def test_a_cut_old_excel_file_is_refused_with_the_way_to_save_it(tmp_path):
    whole = (FIXTURES / "old_excel_interval_report.xls").read_bytes()
    path = tmp_path / "cut.xls"
    path.write_bytes(whole[:1536])  # a download cut short
    with pytest.raises(InputError, match=r"^cut\.xls: the workbook could not be opened .*") as e:
        import_files_detailed([path])
    assert str(e.value).endswith(
        "Save it again from Excel or LibreOffice as .xlsx, or export the sheet as CSV."
    )


_ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
    '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type='
    '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
    'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


def _ods_cell(value: object) -> str:
    """A cell as LibreOffice Calc saves it: dates and numbers typed, their display text kept."""
    if isinstance(value, dt.datetime):
        typed = f'office:value-type="date" office:date-value="{value:%Y-%m-%dT%H:%M:%S}"'
        shown = f"{value:%d/%m/%Y %H:%M}"
    elif isinstance(value, int | float):
        typed, shown = f'office:value-type="float" office:value="{value}"', str(value)
    else:
        typed, shown = 'office:value-type="string"', str(value)
    return f"<table:table-cell {typed}><text:p>{shown}</text:p></table:table-cell>"


def _write_ods(path: Path, rows: list[list[object]]) -> Path:
    body = "".join(
        "<table:table-row>" + "".join(_ods_cell(value) for value in row) + "</table:table-row>"
        for row in rows
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NAMESPACES} '
        'office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Foglio1">'
        f"{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def test_an_opendocument_sheet_of_date_cells_imports(tmp_path):
    rows: list[list[object]] = [["Intervallo", "Chiamate offerte"]]
    for slot in range(16):
        rows.append([dt.datetime(2024, 6, 3, 8) + dt.timedelta(minutes=30 * slot), 10 + slot])
    result = import_files_detailed([_write_ods(tmp_path / "vendite.ods", rows)])
    assert result.contacts == 280.0  # 10 + 11 + ... + 25
    assert at(result.dataset, "2024-06-03 15:30", "vendite")[schema.VOLUME] == 25.0


# --- Transfer legs under one call id --------------------------------------------------------


def _legged_log(header: str, day_gap: int = 0) -> str:
    """30 calls to Sales, one every 5 minutes from 09:00, 120 s each; every third transferred
    to Billing 150 s later for 60 s more, its leg a row of the same call id. With `day_gap`,
    the ids start again that many days later for 30 more calls."""
    lines = [header]
    for day in (0, day_gap) if day_gap else (0,):
        for index in range(30):
            start = MONDAY + dt.timedelta(days=day, minutes=5 * index)
            lines.append(f"{70000 + index},1,{start:%Y-%m-%d %H:%M:%S},Sales,120,Answered")
            if index % 3 == 0:
                later = start + dt.timedelta(seconds=150)
                lines.append(f"{70000 + index},2,{later:%Y-%m-%d %H:%M:%S},Billing,60,Answered")
    return "\n".join(lines) + "\n"


def test_legs_of_one_call_id_with_a_segment_column_count_once(tmp_path):
    # Before: 40 contacts (30 calls + 10 transfer legs), Billing given 10 arrivals of its own.
    header = "Call ID,Segment,Start Time,Queue,Talk Time,Disposition"
    path = write(tmp_path, "legs.csv", _legged_log(header))
    result = import_files_detailed([path])
    assert result.contacts == 30.0
    assert _queue_totals(result.dataset) == {"Sales": 30.0}
    # 09:00-09:15 holds calls 70000-70002; 70000 was transferred: (180 + 120 + 120) / 3.
    assert at(result.dataset, "2026-06-01 09:00", "Sales")[schema.AHT_SECONDS] == 140.0
    assert note_with(result.dataset, "continue a call") == (
        "legs.csv: 10 rows continue a call another row of the same 'Call ID' began (its "
        "'Segment' legs, within two hours): each call counts once, where its first leg arrived, "
        "with the legs' handle times together."
    )
    assert result.files[0].columns["leg"] == "Segment"


def test_ids_starting_again_the_next_day_stay_other_calls(tmp_path):
    header = "Call ID,Segment,Start Time,Queue,Talk Time,Disposition"
    path = write(tmp_path, "legs.csv", _legged_log(header, day_gap=1))
    result = import_files_detailed([path])
    assert result.contacts == 60.0  # 30 calls a day, not 30 over both
    assert at(result.dataset, "2026-06-02 09:00", "Sales")[schema.VOLUME] == 3.0


def test_a_repeated_call_id_without_a_leg_column_joins_nothing(tmp_path):
    header = "Call ID,Line,Start Time,Queue,Talk Time,Disposition"
    path = write(tmp_path, "legs.csv", _legged_log(header))
    result = import_files_detailed([path])
    assert result.contacts == 40.0
    assert _queue_totals(result.dataset) == {"Billing": 10.0, "Sales": 30.0}


# --- Exports as desks send them ----------------------------------------------------------------


def test_a_german_pivot_tables_result_rows_are_skipped(tmp_path):
    # Before: refused, "column 'Datum' has 3 value(s) that are not readable dates/times (line
    # 6: '01.06.2026 Ergebnis'; line 11: '02.06.2026 Ergebnis'; line 12: 'Gesamtergebnis')".
    lines = ["Datum;Uhrzeit;Anrufe"]
    for day in (1, 2):
        lines += [f"0{day}.06.2026;{hour:02d}:00;1.2{hour:02d}" for hour in range(8, 12)]
        lines.append(f"0{day}.06.2026 Ergebnis;;4.{4 * 200 + 8 + 9 + 10 + 11}")
    lines.append("Gesamtergebnis;;9.676")
    path = write(tmp_path, "anrufe.csv", "\n".join(lines) + "\n")
    result = import_files_detailed([path])
    assert result.contacts == 9_676.0  # 2 x (1,208 + 1,209 + 1,210 + 1,211): 1.208 is 1,208
    assert at(result.dataset, "2026-06-02 11:00")[schema.VOLUME] == 1_211.0
    assert note_with(result.dataset, "total/subtotal") == (
        "anrufe.csv: 3 total/subtotal row(s) were skipped (line 6: '01.06.2026 Ergebnis'; "
        "line 11: '02.06.2026 Ergebnis'; line 12: 'Gesamtergebnis')."
    )


def test_a_gesamt_column_beside_one_count_per_queue_is_their_total(tmp_path):
    # Before: refused, "no column was recognised as the count (columns: Intervall, Vertrieb,
    # Support, Gesamt)".
    lines = ["Intervall;Vertrieb;Support;Gesamt"]
    for slot in range(16):
        start = dt.datetime(2026, 6, 1, 8) + dt.timedelta(minutes=30 * slot)
        sales, support = 5 + slot % 3, 7 + slot % 4
        lines.append(f"{start:%d.%m.%Y %H:%M};{sales};{support};{sales + support}")
    path = write(tmp_path, "wide.csv", "\n".join(lines) + "\n")
    dataset = import_files_detailed([path]).dataset
    # Vertrieb: 16 x 5 + (0+1+2) x 5 + 0 = 95; Support: 16 x 7 + (0+1+2+3) x 4 = 136.
    assert _queue_totals(dataset) == {"Support": 136.0, "Vertrieb": 95.0}


def test_a_call_logs_total_row_labelled_under_its_call_id_is_skipped(tmp_path):
    # Before: refused, "1 row(s) have nothing in column 'Date/Time' though other columns of
    # them are filled (line 42)": the 'Total' stood in 'Call ID', a column not read.
    lines = ["Call ID,Date/Time,Agent,Queue,Talk Time"]
    for index in range(40):
        start = MONDAY + dt.timedelta(minutes=7 * index)
        lines.append(f"{8000 + index},{start:%Y-%m-%d %H:%M:%S},Rossi,Sales,0:03:{index:02d}")
    lines.append("Total,,,,2:11:00")
    path = write(tmp_path, "log.csv", "\n".join(lines) + "\n")
    result = import_files_detailed([path])
    assert result.contacts == 40.0
    # 09:00-09:15 holds 3:00, 3:01 and 3:02.
    assert at(result.dataset, "2026-06-01 09:00", "Sales")[schema.AHT_SECONDS] == 181.0
    assert note_with(result.dataset, "total/subtotal") == (
        "log.csv: 1 total/subtotal row(s) were skipped (line 42: 'Total')."
    )
