"""Round-fifteen probes: odd cells in counts, Excel text cells, NUL bytes, stray Latin-1 lines."""

from __future__ import annotations

import datetime as dt

import pytest
from import_support import at, contacts_per_queue, note_with, write

from data.errors import InputError
from data.importer import import_files_detailed

_SLOTS = [dt.datetime(2024, 3, 4, 8) + dt.timedelta(minutes=15 * n) for n in range(8)]


def _intervals(tmp_path, calls: list[str], header: str = "Interval,Calls,AHT"):
    lines = [header] + [f"{s:%Y-%m-%d %H:%M},{c},{200 + n}" for n, (s, c) in
                        enumerate(zip(_SLOTS, calls, strict=True))]  # fmt: skip
    return import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])


def _calls(**odd: str) -> list[str]:
    cells = [str(10 + n) for n in range(8)]
    for position, cell in odd.items():
        cells[int(position[1:])] = cell
    return cells


@pytest.mark.parametrize("error", ["#DIV/0!", "#VALUE!", "#REF!"])
def test_an_excel_error_in_a_count_is_a_missing_interval(tmp_path, error):
    # Had refused the file: "should hold counts but 1 value(s) are not numbers".
    result = _intervals(tmp_path, _calls(n2=error))
    data = result.dataset
    assert result.contacts == 108 - 12
    assert at(data, "2024-03-04 08:30")["is_missing"]
    assert at(data, "2024-03-04 08:45")["volume"] == 13
    assert note_with(data, "not available") == (
        f"calls.csv: 1 cell(s) in 'Calls' say the count is not available (line 4: '{error}'): "
        "read as missing, not as 0 contacts."
    )


def test_n_a_beside_a_dash_is_missing_and_a_double_dash_is_zero(tmp_path):
    # 'N/A' was read as missing alone but refused beside a '-' (the column read as text); '--'
    # was refused where '-' is 0.
    result = _intervals(tmp_path, _calls(n2="N/A", n4="--"))
    data = result.dataset
    assert result.contacts == 108 - 12 - 14
    assert at(data, "2024-03-04 08:30")["is_missing"]
    assert at(data, "2024-03-04 09:00")["volume"] == 0
    assert not at(data, "2024-03-04 09:00")["is_missing"]
    assert "(line 4: 'N/A')" in note_with(data, "not available")
    with pytest.raises(InputError, match=r"1 value\(s\) are not numbers \(line 6: 'x'\)"):
        _intervals(tmp_path, _calls(n2="#N/A", n4="x"))


@pytest.mark.parametrize(
    "cell", [lambda v: f'="{v}"', lambda v: f'"=""{v}"""'], ids=["bare", "quoted"]
)
def test_excel_text_cells_are_read_as_their_text(tmp_path, cell):
    # Queues had been named '="0123"'; counts written so made the file contact records and
    # timestamps written so were no timestamps at all.
    lines = ["Interval,Queue,Calls,AHT"] + [
        f"{cell(f'{s:%Y-%m-%d %H:%M}')},{cell(queue)},{cell(10 + n)},{200 + n}"
        for n, s in enumerate(_SLOTS)
        for queue in ("0123", "0124")
    ]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    assert result.files[0].kind == "intervals"
    assert contacts_per_queue(result) == {"0123": 108, "0124": 108}
    assert at(result.dataset, "2024-03-04 08:15", "0124")["aht_seconds"] == 201
    assert note_with(result.dataset, "Excel text") == (
        'acd.csv: 48 cell(s) written as Excel text (="0123") read as their text (0123).'
    )


def _records(count: int = 10) -> list[str]:
    start = dt.datetime(2024, 3, 4, 8)
    return ["Start Time,Queue,Handle"] + [
        f"{start + dt.timedelta(minutes=7 * n):%Y-%m-%d %H:%M:%S},Sales,{100 + n}"
        for n in range(count)
    ]


def test_nul_bytes_in_a_text_export_are_removed(tmp_path):
    # One NUL byte had made the whole file "a binary file, not a CSV/text export".
    lines = _records()
    lines[5] = lines[5].replace("Sales", "Sal\x00es")
    text = "\n".join(lines) + "\n"
    result = import_files_detailed([write(tmp_path, "calls.csv", text + "\x00" * 64)])
    assert contacts_per_queue(result) == {"Sales": 10}
    assert result.dataset.mean_handle_seconds == pytest.approx(104.5)
    assert note_with(result.dataset, "NUL") == (
        "calls.csv: 65 NUL byte(s) removed: they are no text (a damaged or padded export)."
    )
    # Mostly NUL bytes is still no text.
    with pytest.raises(InputError, match="looks like a binary file"):
        import_files_detailed([write(tmp_path, "blob.csv", "a,b\n1,2\n" + "\x00" * 64)])


@pytest.mark.parametrize("rows", [10, 40_000])
def test_a_latin_1_line_in_a_utf8_file_keeps_the_queue_names(tmp_path, rows):
    # The whole file had been read as Windows-1252: 'Assistenza Città' became 'Assistenza
    # CittÃ\xa0' on every UTF-8 line, a queue apart from the one Latin-1 line's.
    start = dt.datetime(2024, 3, 4, 8)
    lines = ["Start Time;Coda;Durata"] + [
        f"{start + dt.timedelta(minutes=n):%Y-%m-%d %H:%M:%S};"
        f"{'Assistenza Città' if n % 2 else 'Vendite'};{100 + n % 50}"
        for n in range(rows)
    ]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    last = data.rfind("Città".encode())
    data = data[:last] + "Città".encode("latin-1") + data[last + len("Città".encode()) :]
    path = tmp_path / "calls.csv"
    path.write_bytes(data)
    result = import_files_detailed([path])
    assert contacts_per_queue(result) == {"Assistenza Città": rows / 2, "Vendite": rows / 2}
    assert note_with(result.dataset, "not UTF-8") == (
        f"calls.csv: 1 line(s) are not UTF-8 like the rest of the file (line {rows + 1} first): "
        "read as Windows-1252, so their accented letters match the other lines'."
    )


def test_a_cell_of_megabytes_is_read(tmp_path):
    # Had been refused: "a line near the top cannot be read as CSV (field larger than field
    # limit (131072)). Export the file again as plain CSV."
    lines = _records()
    lines[0] = "Start Time,Queue,Notes,Handle"
    for n in range(1, len(lines)):
        parts = lines[n].split(",")
        lines[n] = ",".join([*parts[:2], "x" * 3_000_000 if n == 4 else "ok", parts[2]])
    result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])
    assert result.contacts == 10
    assert result.files[0].columns["handle"] == "Handle"
    assert result.dataset.mean_handle_seconds == pytest.approx(104.5)


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ('{"report": "calls", "rows": 2}', "JSON data"),  # JSON records are read: see round 27
        ('<?xml version="1.0"?>\n<Workbook><Worksheet><Table><Row><Cell><Data>Interval</Data>'
         "</Cell></Row></Table></Worksheet></Workbook>",
         "an XML document (such as Excel's XML Spreadsheet 2003)"),
    ],
)  # fmt: skip
def test_json_or_xml_saved_as_csv_is_named(tmp_path, text, what):
    # Had been "only a header row was found ([{"interval": ...), no data rows" or "no column
    # with dates or timestamps was found".
    with pytest.raises(InputError) as error:
        import_files_detailed([write(tmp_path, "export.csv", text)])
    assert str(error.value) == (
        f"export.csv: this file is {what}, not a CSV/text export. Export the contact history "
        "as CSV (comma, semicolon or tab separated) or as an Excel workbook (.xlsx), or open "
        "the file in Excel and save it so, then import that file."
    )


@pytest.mark.parametrize(
    ("text", "label"),
    [("Interval;Chiamate;TMG\nTotale;120;200\n", "Totale"),
     ("Start Time,Queue,Handle\nTotal,,3600\n", "Total")],
)  # fmt: skip
def test_a_file_whose_only_row_is_a_total_says_so(tmp_path, text, label):
    # Had been "no column with dates or timestamps was found. Columns: Interval (e.g. no
    # values) ...".
    with pytest.raises(InputError) as error:
        import_files_detailed([write(tmp_path, "report.csv", text)])
    assert str(error.value) == (
        f"report.csv: the only data row(s) hold totals ('{label}'), no interval or contact "
        "rows. Export the history with one row per interval or per contact, not only its totals."
    )
