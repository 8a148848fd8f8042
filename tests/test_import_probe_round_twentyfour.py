"""Round-twenty-four probes: messy files rather than vendor layouts. Thousands grouped by an
apostrophe (Swiss) or a space (French Excel's no-break spaces); a broken export's placeholder
dates (1970-01-01, 2150) among real ones; a file whose counts are all zero (a note); and messy layouts
that already import right (a chart sheet before the data, quoted newlines and separators, a
printed report with a title block, page headers and a total)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from import_support import at, contacts_per_queue, half_hours, note_with, spread_arrival, write
from openpyxl.chart import BarChart, Reference

from data import schema
from data.errors import InputError
from data.importer import import_files_detailed

SLOTS = half_hours(3)  # 48 half hours, 08:00-16:00 from Monday 4 March 2024
QUEUES = ("Qualità", "Réclamations")


def _interval_lines(counts, header: str = "Intervallo;Coda;Chiamate;AHT") -> list[str]:
    """One line per half hour, the queues in turn, the counts written as `counts(n)` says."""
    return [header] + [
        f"{t:%d/%m/%Y %H:%M};{QUEUES[n % 2]};{counts(n)};{120 + n}" for n, t in enumerate(SLOTS)
    ]


def _text(lines: list[str]) -> str:
    return "\r\n".join(lines) + "\r\n"


EXPECTED = {  # 1200 + n contacts on line n
    queue: float(sum(1200 + n for n in range(len(SLOTS)) if n % 2 == side))
    for side, queue in enumerate(QUEUES)
}


# --- Thousands grouped by an apostrophe or a space -------------------------------------------


@pytest.mark.parametrize("mark", ["'", "’"], ids=["apostrophe", "right quote"])
def test_swiss_apostrophe_thousands_are_counts(tmp_path, mark):
    # Before: "1'234" was no number, so 'Chiamate' was no count: the file was read as contact
    # records, one contact per line (24 per queue instead of some 29,000).
    lines = _interval_lines(lambda n: f"1{mark}{200 + n:03d}")
    result = import_files_detailed([write(tmp_path, "swiss.csv", _text(lines))])
    assert result.files[0].kind == schema.KIND_INTERVALS
    assert result.files[0].columns["volume"] == "Chiamate"
    assert contacts_per_queue(result) == EXPECTED
    assert at(result.dataset, "2024-03-04 08:30", "Réclamations")[schema.VOLUME] == 1201


@pytest.mark.parametrize(
    "space", ["\u202f", "\u00a0", " "], ids=["narrow no-break", "no-break", "plain"]
)
def test_french_space_grouped_thousands_are_counts(tmp_path, space):
    # Before: French Excel's "1 234" (a narrow no-break space grouping thousands) was no
    # number: contact records again, one per line.
    lines = _interval_lines(lambda n: f"1{space}{200 + n:03d}")
    result = import_files_detailed([write(tmp_path, "appels.csv", _text(lines))])
    assert result.files[0].columns["volume"] == "Chiamate"
    assert contacts_per_queue(result) == EXPECTED


def test_space_grouped_thousands_with_a_decimal_comma(tmp_path):
    # Before: "1 234,5" showed no decimal comma to the sniffer (its thousands were no dots) and
    # read as no number: the handle times were lost and the file read as records.
    lines = ["Intervalle;File;Appels;Durée moyenne (s)"] + [
        f"{t:%d/%m/%Y %H:%M};{QUEUES[n % 2]};1\u202f{200 + n:03d};1\u202f{n:03d},5"
        for n, t in enumerate(SLOTS)
    ]
    result = import_files_detailed([write(tmp_path, "emails.csv", _text(lines))])
    assert result.files[0].columns["volume"] == "Appels"
    assert result.files[0].columns["aht"] == "Durée moyenne (s)"
    assert contacts_per_queue(result) == EXPECTED
    assert at(result.dataset, "2024-03-04 09:00", "Qualità")[schema.AHT_SECONDS] == 1002.5


def test_guard_thousands_of_another_width_stay_unread(tmp_path):
    # "12 34" groups no thousands: still no number, so no count column.
    lines = _interval_lines(lambda n: f"12 {n:02d}")
    result = import_files_detailed([write(tmp_path, "odd.csv", _text(lines))])
    assert "volume" not in result.files[0].columns


# --- A broken export's placeholder dates --------------------------------------------------------


def test_an_epoch_zero_date_among_the_intervals_is_refused(tmp_path):
    # Before: '01/01/1970 00:00' was read as written: 54 years of empty intervals (950,000
    # rows) and the open hours of Qualità shifted.
    lines = _interval_lines(lambda n: 10 + n % 7)
    lines[8] = "01/01/1970 00:00;Qualità;12;130"
    with pytest.raises(InputError) as error:
        import_files_detailed([write(tmp_path, "broken.csv", _text(lines))])
    assert str(error.value) == (
        "broken.csv: column 'Intervallo' has 1 date(s) more than five years away from all the "
        "other rows (line 9: '01/01/1970 00:00'; the others run from 2024-03-04 to 2024-03-06): a "
        "placeholder date of a broken export (such as 1970-01-01) or a mistyped year. Fix or "
        "remove these rows and import again."
    )


def test_a_far_future_date_in_a_call_log_is_refused(tmp_path):
    # Before: one call dated 2150 stretched the history over 126 years of empty intervals.
    lines = ["Start time,Queue,Talk time"] + [
        f"{spread_arrival(n):%Y-%m-%d %H:%M:%S},Sales,{60 + n}" for n in range(200)
    ]
    lines[18] = "2150-01-01 08:00:00,Sales,77"
    lines[40] = "2150-01-01 08:00:00,Sales,78"
    with pytest.raises(InputError, match="2 date\\(s\\) more than five years away") as error:
        import_files_detailed([write(tmp_path, "calls.csv", _text(lines))])
    assert "(line 19: '2150-01-01 08:00:00'; line 41: '2150-01-01 08:00:00';" in str(error.value)
    assert "the others run from 2024-03-04 to 2024-03-08" in str(error.value)


def test_guard_a_few_rows_a_year_off_the_rest_import(tmp_path):
    # Real exports hold a few rows a year or so off the rest (a late correction): read as
    # written. Only dates five years off are refused.
    lines = ["Interval,Queue,Calls"] + [f"{t:%Y-%m-%d %H:%M},Sales,10" for t in half_hours(3)]
    lines += ["2025-06-02 08:00,Sales,4", "2025-06-02 08:30,Sales,6"]
    result = import_files_detailed([write(tmp_path, "late.csv", _text(lines))])
    assert result.contacts == 490
    assert result.last_interval == dt.datetime(2025, 6, 2, 8, 30)


# --- Every count zero ---------------------------------------------------------------------------


def test_a_file_whose_counts_are_all_zero_is_told(tmp_path):
    # Before: imported with every slot closed ("0 of 336 weekly slots are open") and nothing
    # to forecast from, with no word of why.
    lines = _interval_lines(lambda n: 0)
    result = import_files_detailed([write(tmp_path, "zero.csv", _text(lines))])
    assert result.contacts == 0
    assert note_with(result.dataset, "every count of contacts") == (
        "zero.csv: every count of contacts ('Chiamate') is 0, from Mon 4 Mar 2024 to Wed 6 Mar "
        "2024: there is no demand to forecast from. Check that the export covers the right "
        "queues and dates, and import it again."
    )


def test_guard_one_queue_of_zeros_beside_another_is_not_told(tmp_path):
    lines = _interval_lines(lambda n: 0 if n % 2 else 10)
    result = import_files_detailed([write(tmp_path, "half.csv", _text(lines))])
    assert contacts_per_queue(result) == {"Qualità": 240.0, "Réclamations": 0.0}
    assert not [note for note in result.dataset.notes if "every count of contacts" in note]


# --- Messy layouts that already import right ----------------------------------------------------


def test_a_chart_sheet_before_the_data_sheet(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Dati"
    sheet.append(["Intervallo", "Coda", "Chiamate"])
    for n, t in enumerate(SLOTS):
        sheet.append([t, "Qualità", 10 + n % 7])
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=3, min_row=1, max_row=49), titles_from_data=True)
    book.create_chartsheet("Grafico", 0).add_chart(chart)
    path = tmp_path / "report.xlsx"
    book.save(path)
    result = import_files_detailed([path])
    assert contacts_per_queue(result) == {"Qualità": float(sum(10 + n % 7 for n in range(48)))}
    assert note_with(result.dataset, "read sheet 'Dati'").startswith("report.xlsx: read sheet")


def test_quoted_fields_holding_newlines_and_the_separator(tmp_path):
    lines = ["Interval,Queue,Calls,Comment"] + [
        f'{t:%Y-%m-%d %H:%M},"Sales, EMEA",{10 + n % 7},"called back\nnext day, twice"'
        for n, t in enumerate(SLOTS)
    ]
    result = import_files_detailed([write(tmp_path, "notes.csv", _text(lines))])
    assert contacts_per_queue(result) == {"Sales, EMEA": float(sum(10 + n % 7 for n in range(48)))}
    assert at(result.dataset, "2024-03-04 08:30")[schema.VOLUME] == 11


def test_a_printed_report_with_title_page_headers_and_totals(tmp_path):
    # A title block, a page title and the header again on every page, headers in another case
    # with stray spaces, a "Totale" line and a summary table below a blank line.
    header = " INTERVALLO ; coda ;CHIAMATE  "
    body = [f"{t:%d/%m/%Y %H:%M};{QUEUES[n % 2]};{10 + n % 7}" for n, t in enumerate(SLOTS)]
    lines = ["Report chiamate", "Periodo: 04/03/2024 - 06/03/2024", ""]
    for page in range(0, len(body), 20):
        lines += [f"Pagina {page // 20 + 1}", header, *body[page : page + 20]]
    lines += ["Totale;;621", "", "Riepilogo", "Coda;Chiamate", "Qualità;309", "Réclamations;312"]
    result = import_files_detailed([write(tmp_path, "stampa.csv", _text(lines), "cp1252")])
    assert result.files[0].columns["volume"] == "CHIAMATE"
    assert contacts_per_queue(result) == {"Qualità": 309.0, "Réclamations": 312.0}
    assert note_with(result.dataset, "total/subtotal row(s) were skipped")
    assert note_with(result.dataset, "the header line is repeated")
