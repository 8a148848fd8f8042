"""Format sniffing: encodings, delimiters, decimal comma, and files that are not text tables."""

from __future__ import annotations

import pytest

from data.errors import InputError
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
        ("coda;attività\nA;1\n".encode("latin-1"), "latin-1"),
    ],
)
def test_encoding_is_recognised(raw, encoding):
    assert detect_encoding(raw) == encoding
    assert sniff_bytes(raw, "f.csv").header == ["coda", "attività"]


def test_utf8_character_cut_by_the_end_of_the_head_is_still_utf8():
    assert detect_encoding("ab;è".encode()[:-1], complete=False) == "utf-8"
    assert detect_encoding("ab;è".encode("latin-1"), complete=True) == "latin-1"


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
