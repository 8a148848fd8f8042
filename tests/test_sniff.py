"""Format sniffing: encodings, delimiters, decimal comma, and files that are not text tables."""

from __future__ import annotations

import pytest

from data import schema
from data.errors import InputError
from data.importer import import_files
from data.sniff import detect_delimiter, detect_encoding, sniff_bytes


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("timestamp,calls\n2024-01-01 08:00,3\n", ","),
        ("data;ora;chiamate\n01/02/2024;8:00;12,5\n", ";"),
        ("date\tvru_entry\tq_time\n990201\t7:02:47\t0\n", "\t"),
        ("when|n\n2024-01-01 08:00|3\n", "|"),
    ],
)
def test_delimiter_is_recognised(text, delimiter):
    assert sniff_bytes(text.encode(), "f.csv").delimiter == delimiter


def test_semicolon_file_with_decimal_commas_is_not_taken_for_comma_separated():
    lines = ["data;chiamate;aht", "01/02/2024 08:00;12,5;180,25", "01/02/2024 08:15;3;90,5"]
    assert detect_delimiter(lines) == ";"
    found = sniff_bytes("\n".join(lines).encode(), "f.csv")
    assert found.decimal_comma is True
    assert found.header == ["data", "chiamate", "aht"]
    assert found.sample_rows[0] == ["01/02/2024 08:00", "12,5", "180,25"]


@pytest.mark.parametrize(
    ("cells", "european"),
    [
        (["1.250", "980", "12.400"], True),  # dots only ever group thousands
        (["1.234,5", "7"], True),  # grouped and with a decimal comma
        (["1.250", "12.5"], False),  # 12.5 can only be a decimal: so is 1.250
        (["0.250", "0.500"], False),  # a thousand never starts with 0
        (["12", "980"], False),  # no evidence either way: plain numbers read alike
    ],
)
def test_semicolon_file_with_dot_thousands_reads_european_numbers(cells, european):
    rows = [f"2024-03-04 08:{15 * i:02d};{cell}" for i, cell in enumerate(cells)]
    found = sniff_bytes("\n".join(["inizio;volume", *rows]).encode(), "f.csv")
    assert found.decimal_comma is european


def test_title_line_padded_to_the_table_width_is_not_the_header():
    # Excel saves a title cell above a table as "Rapporto;;;" - as wide as the table itself.
    text = "Rapporto giornaliero;;;\nData;Ora;Chiamate;Coda\n04/03/2024;8:00;12;A\n"
    found = sniff_bytes(text.encode(), "f.csv")
    assert found.header_line == 1 and found.header == ["Data", "Ora", "Chiamate", "Coda"]


def test_comma_file_never_uses_decimal_comma():
    found = sniff_bytes(b'when,calls\n"2024-01-01 08:00","1,5"\n', "f.csv")
    assert found.delimiter == "," and found.decimal_comma is False


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        ("coda;attività\nA;1\n".encode(), "utf-8"),
        ("\ufeffcoda;attività\nA;1\n".encode(), "utf-8-sig"),
        ("coda;attività\nA;1\n".encode("latin-1"), "cp1252"),  # the same text either way
        ("coda;attività\nA\x81;1\n".encode("latin-1"), "latin-1"),  # 0x81: not Windows-1252
    ],
)
def test_encoding_is_recognised(raw, encoding):
    assert detect_encoding(raw) == encoding
    assert sniff_bytes(raw, "f.csv").header == ["coda", "attività"]


def test_utf8_character_cut_by_the_end_of_the_head_is_still_utf8():
    assert detect_encoding("ab;è".encode()[:-1], complete=False) == "utf-8"
    assert detect_encoding("ab;è".encode("latin-1"), complete=True) == "cp1252"


def test_bom_never_reaches_the_first_column_name():
    assert sniff_bytes("\ufeffDATE;CALLS\n2024-01-01;1\n".encode(), "f").header[0] == "DATE"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40, "damaged Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "old Excel workbook (.xls)"),
        (bytes(range(256)) * 4, "binary file"),
    ],
)
def test_excel_and_binary_files_are_refused_with_a_way_out(head, expected):
    with pytest.raises(InputError) as error:
        sniff_bytes(head, "history.csv")
    message = str(error.value)
    assert message.startswith("history.csv: ") and expected in message and "CSV" in message


@pytest.mark.parametrize("raw", [b"", b"  \n\r\n"])
def test_empty_file_is_refused(raw):
    with pytest.raises(InputError, match=r"f\.csv: the file is empty"):
        sniff_bytes(raw, "f.csv")


def test_header_without_rows_is_refused():
    with pytest.raises(InputError, match="only a header row"):
        sniff_bytes(b"timestamp;calls\n", "f.csv")


def test_blank_header_names_get_usable_names():
    found = sniff_bytes(b"when,,calls\n2024-01-01,x,1\n", "f.csv")
    assert found.header == ["when", "column_2", "calls"]


def test_title_lines_above_the_header_are_skipped():
    text = (
        "Report: calls by interval\nGenerated 2024-03-05\n\ntimestamp;calls\n2024-03-04 08:00;3\n"
    )
    found = sniff_bytes(text.encode(), "f.csv")
    assert found.delimiter == ";" and found.header == ["timestamp", "calls"]
    assert found.header_line == 3 and found.first_data_line == 5


def test_excel_separator_hint_is_honoured():
    found = sniff_bytes(b"sep=;\ntimestamp;calls\n2024-03-04 08:00;3,5\n", "f.csv")
    assert found.delimiter == ";" and found.header == ["timestamp", "calls"]
    assert found.header_line == 1 and found.decimal_comma


def test_rows_ending_with_a_delimiter_get_an_empty_last_column():
    found = sniff_bytes(b"timestamp;calls\n2024-03-04 08:00;3;\n2024-03-04 08:15;4;\n", "f")
    assert found.header == ["timestamp", "calls", "column_3"]


def test_repeated_header_names_are_told_apart():
    found = sniff_bytes(b"when,calls,calls\n2024-01-01,1,2\n", "f.csv")
    assert found.header == ["when", "calls", "calls.1"]


@pytest.mark.parametrize(
    ("codec", "encoding"),
    [("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be")],
)
def test_excel_unicode_text_is_utf16_not_binary(codec, encoding):
    # Excel's "Unicode text" export: UTF-16 (with a byte-order mark), tab-separated, CRLF
    text = "Intervallo\tChiamate\r\n04/03/2024 08:00\t12\r\n04/03/2024 08:30\t7\r\n"
    found = sniff_bytes(text.encode(codec), "unicode.txt")
    assert found.encoding == encoding
    assert found.delimiter == "\t"
    assert found.header == ["Intervallo", "Chiamate"]
    assert found.sample_rows[1] == ["04/03/2024 08:30", "7"]


@pytest.mark.parametrize(
    ("text", "european"),
    [
        # a US export saved with semicolons: "290.5" shows the dot is the decimal mark
        ("Date;Calls Offered;AHT\n2024-03-04;1,464;290.5\n2024-03-05;1,586;290.5\n", False),
        # counts are whole numbers: "1,464" calls can only be a thousand and more
        ("Date;Calls Offered\n2024-03-04;1,464\n2024-03-05;12,345\n", False),
        ("Data;Chiamate;Coda\n04/03/2024;1,464;A\n", False),
        ("Date;Value\n2024-03-04;1,234,567\n", False),  # two groups: never a decimal
        ("Date;Value;Other\n2024-03-04;1,464;1,234.5\n", False),
        # a comma that cannot group thousands is a decimal comma, whatever the column
        ("Data;Chiamate;TMC\n04/03/2024;1,464;288,0\n", True),
        ("Datum;Anrufe;Servicelevel\n04.03.2024;16;0,81\n", True),
        ("Data;Chiamate;TMC\n04/03/2024;1.234;290,5\n", True),
        ("Data;Chiamate;TMC\n04/03/2024;1.234;290\n", True),  # dots only ever group thousands
    ],
)
def test_thousands_comma_is_told_from_a_decimal_comma(text, european):
    found = sniff_bytes(text.encode(), "f.csv")
    assert found.delimiter == ";"
    assert found.decimal_comma is european


def test_semicolon_export_with_us_thousands_reads_whole_counts(tmp_path):
    path = tmp_path / "daily.csv"
    path.write_text("Date;Calls Offered;AHT\n2024-03-04;1,464;290.5\n2024-03-05;1,586;310.5\n")
    intervals = import_files([path]).intervals
    assert intervals[schema.VOLUME].tolist() == [1464.0, 1586.0]
    assert intervals[schema.AHT_SECONDS].tolist() == [290.5, 310.5]


def test_a_comma_that_reads_both_ways_is_read_as_decimal_and_said():
    found = sniff_bytes(b"Date;Value\n2024-03-04;1,464\n2024-03-05;1,586\n", "f.csv")
    assert found.decimal_comma is True
    assert len(found.notes) == 1
    assert found.notes[0].startswith("f.csv: numbers such as '1,464' were read with a decimal")
    assert "(1.464)" in found.notes[0] and "thousands" in found.notes[0]


@pytest.mark.parametrize(
    "text",
    [
        # label rows of their own width above the table
        "Queue:,Sales EN\nReport date:,24/03/2024 07:00\n\nDate,Time,Offered,AHT\n"
        "04/03/2024,08:00,8,282\n04/03/2024,08:30,9,300\n",
        # the same rows as a workbook writes them: padded to the table's width
        "Queue:,Sales EN,,\nPeriod:,04/03/2024 - 23/03/2024,,\n,,,\nDate,Time,Offered,AHT\n"
        "04/03/2024,08:00,8,282\n04/03/2024,08:30,9,300\n",
    ],
)
def test_label_rows_above_the_table_are_not_the_header(text):
    found = sniff_bytes(text.encode(), "f.csv")
    assert found.header == ["Date", "Time", "Offered", "AHT"]
    assert found.header_line == 3 and found.first_data_line == 5
    assert found.sample_rows[0] == ["04/03/2024", "08:00", "8", "282"]


def test_a_total_row_right_below_the_header_does_not_take_its_place():
    found = sniff_bytes(b"Date,Calls\nTotal,1234\n2024-03-04,12\n2024-03-05,9\n", "f.csv")
    assert found.header == ["Date", "Calls"] and found.header_line == 0


def test_two_line_header_names_each_column_by_its_group_and_its_own_name():
    text = (
        "Report traffico coda Assistenza,,,,,,\n,,,,,,\n"
        "Data,Ora,Chiamate,,,Tempi medi,\n,,Ricevute,Risposte,Abbandonate,TMA,TMC\n"
        "2024-03-04,08:00:00,10,10,0,00:00:30,00:05:14\n"
        "2024-03-04,08:30:00,12,12,0,00:00:36,00:04:19\n"
    )
    found = sniff_bytes(text.encode(), "f.csv")
    assert found.header == [
        "Data", "Ora", "Chiamate Ricevute", "Chiamate Risposte", "Chiamate Abbandonate",
        "Tempi medi TMA", "Tempi medi TMC",
    ]  # fmt: skip
    assert found.header_line == 3 and found.first_data_line == 5
    assert found.sample_rows[0][:3] == ["2024-03-04", "08:00:00", "10"]
    assert found.notes == [
        "f.csv: the header spans lines 3 and 4; each column was named by both lines: 'Data', "
        "'Ora', 'Chiamate Ricevute', 'Chiamate Risposte', 'Chiamate Abbandonate', "
        "'Tempi medi TMA', 'Tempi medi TMC'."
    ]


def test_a_label_row_right_above_the_header_is_not_joined_to_it():
    text = "Queue:,Sales EN,,\nDate,Time,Offered,AHT\n04/03/2024,08:00,8,282\n"
    found = sniff_bytes(text.encode(), "f.csv")
    assert found.header == ["Date", "Time", "Offered", "AHT"] and found.notes == []


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><table><tr><td>Date</td><td>Calls</td></tr></table></body></html>",
        '\ufeff<!DOCTYPE html>\n<html lang="en"><body><table></table></body></html>',
        '<?xml version="1.0"?>\n<html xmlns:o="urn:schemas-microsoft-com:office:office">',
        "  <TABLE border=1><TR><TD>Data</TD><TD>Chiamate</TD></TR></TABLE>",
    ],
)
def test_a_web_page_saved_as_a_spreadsheet_is_refused_with_a_way_out(page):
    with pytest.raises(InputError) as error:
        sniff_bytes(page.encode(), "report.xls")
    assert str(error.value) == (
        "report.xls: this file is a web page (HTML), not a spreadsheet export: open it in a "
        "browser or Excel and save as CSV or .xlsx, then import that file."
    )
