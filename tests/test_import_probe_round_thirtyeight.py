"""Round-thirty-eight probes: Tableau's one row per measure read in the languages Tableau names
its "Measure Names" and "Measure Values" in ("Kennzahlnamen", "Noms de mesures", "Nomi misure"),
and its "Number of Records" read as the count; a footnote mark a spreadsheet writes after a
header ("Offered¹") no part of its name; a bad row of a file rewritten before it is read
(Tableau's rows per measure made columns, a grid's or a count column per queue's cells made rows)
named by the line of the file that holds it, once; a call log whose missed-call reason column is
empty throughout read from its call type ("Missed": abandoned); two or three bare clocks
("08:00,08:30") beside dates running day by day read as a short day's grid; and a column named as
an outcome's count ("Répondus", "Angenommen", "Sales Abandoned") never read as a queue of a count
column per queue, with French "Offerts" read as the offered count, and served counts per queue
("Sales Handled") read as a count column per queue with a note."""

from __future__ import annotations

import datetime as dt

import pytest
from import_support import day_grid, note_with, spread_arrival, write

from data.columns import ImportOptions
from data.errors import InputError
from data.importer import import_files_detailed

MONDAY = dt.datetime(2024, 3, 4)


# --- Tableau's measure names in other languages -------------------------------------------------


def _tableau_view(
    names: str, values: str, bad_line: int | None = None, offered: str = "Offered"
) -> str:
    """40 hours of queue 'Sales', Monday to Friday 09:00-16:00, one row per measure: `offered`
    20 + k and 'Answered' 18 + k in hour k, under the measure columns `names` and `values`; the
    file's line `bad_line` dated 'n/a'."""
    lines = [f'"Queue","Day of Date","Hour of Date","{names}","{values}"']
    for k in range(40):
        t = MONDAY + dt.timedelta(days=k // 8, hours=9 + k % 8)
        for measure, value in ((offered, 20 + k), ("Answered", 18 + k)):
            day = "n/a" if len(lines) + 1 == bad_line else f"{t:%B %d, %Y}"
            lines.append(f'"Sales","{day}","{t.hour}","{measure}","{value:,}"')
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("names", "values"),
    [
        ("Kennzahlnamen", "Kennzahlwerte"),
        ("Noms de mesures", "Valeurs de mesures"),
        ("Nomi misure", "Valori misure"),
        ("Nombres de medidas", "Valores de medidas"),
    ],
)
def test_tableaus_measure_names_in_another_language_are_one_column_per_measure(
    tmp_path, names, values
):
    # Tableau names its two fields in the language it runs in (help.tableau.com, "Measure
    # Values and Measure Names", de-de and fr-fr pages). Before: the values column read as the
    # count whatever its measure, offered and answered summed as 3,080 contacts of 1,580.
    result = import_files_detailed([write(tmp_path, "view.csv", _tableau_view(names, values))])
    columns = result.files[0].columns
    assert (columns["volume"], columns["answered"]) == ("Offered", "Answered")
    assert result.contacts == sum(20 + k for k in range(40))  # 1,580
    assert result.dataset.intervals["answered"].sum() == sum(18 + k for k in range(40))  # 1,500
    assert note_with(result.dataset, "one measure per row").startswith(
        f"view.csv: '{names}' and '{values}' write one measure per row"
    )


@pytest.mark.parametrize(
    ("names", "values", "records"),
    [
        ("Measure Names", "Measure Values", "Number of Records"),
        ("Nomi misure", "Valori misure", "Numero di record"),
    ],
)
def test_tableaus_number_of_records_is_the_count(tmp_path, names, values, records):
    # Tableau's own count of a view's rows, 1 a row summed. Before: refused, 'view.csv: the
    # times fall on an interval grid, so this looks like a report of counts per interval, but
    # no column was recognised as the count (columns: Queue, Day of Date, Hour of Date, Number
    # of Records, Answered) ...'. Italian 'Numero di record' read already, 'numero' a count word.
    text = _tableau_view(names, values, offered=records)
    result = import_files_detailed([write(tmp_path, "view.csv", text)])
    assert result.files[0].columns["volume"] == records
    assert result.contacts == sum(20 + k for k in range(40))  # 1,580
    assert result.dataset.intervals["answered"].sum() == sum(18 + k for k in range(40))


# --- A footnote mark after a header -------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    ["Interval,Offered¹,Answered²,AHT (s)³", "Interval,Calls*,Answered†,AHT (s)**"],
    ids=["superscripts", "asterisks"],
)
def test_a_footnote_mark_after_a_header_is_no_part_of_its_name(tmp_path, header):
    # Before, superscripts: refused, 'report.csv: the times fall on an interval grid, so this
    # looks like a report of counts per interval, but no column was recognised as the count
    # (columns: Interval, Offered¹, Answered², AHT (s)³) ...', NFKD making 'offered1' of
    # 'Offered¹'; asterisks and daggers read already.
    lines = [header]
    for k in range(80):
        t = MONDAY + dt.timedelta(days=k // 16, hours=8, minutes=30 * (k % 16))
        lines.append(f"{t:%Y-%m-%d %H:%M},{10 + k % 5},{9 + k % 5},{200 + k % 4 * 20}")
    result = import_files_detailed([write(tmp_path, "report.csv", "\n".join(lines))])
    names = header.split(",")
    columns = result.files[0].columns
    assert (columns["volume"], columns["answered"], columns["aht"]) == tuple(names[1:])
    frame = result.dataset.intervals
    assert (result.contacts, frame["answered"].sum()) == (960, 880)
    # Seconds as written: 200, 220, 240, 260 in turn, weighted by the answered calls.
    weighted = sum((9 + k % 5) * (200 + k % 4 * 20) for k in range(80)) / 880
    assert (frame["aht_seconds"] * frame["answered"]).sum() / 880 == pytest.approx(weighted)


# --- A bad row of a rewritten file --------------------------------------------------------------


def test_a_bad_row_of_tableaus_rows_per_measure_is_named_by_its_own_line(tmp_path):
    # Line 13 is hour 5's 'Answered' row; read as columns, it is the copy's row 7 (line 8).
    # Before: 'view.csv: column 'Day of Date' has 1 value(s) that are not readable dates/times
    # (line 8: 'n/a') ...'.
    text = _tableau_view("Measure Names", "Measure Values", bad_line=13)
    with pytest.raises(InputError, match=r"has 1 value\(s\) .* \(line 13: 'n/a'\)\."):
        import_files_detailed([write(tmp_path, "view.csv", text)])


def _grid_of_days(bad_line: int) -> str:
    """Six days from Monday down, four half hours 08:00-09:30 across, each holding 10; the
    file's line `bad_line` dated 'n/a'."""
    lines = ["Date,08:00,08:30,09:00,09:30"]
    for day in range(6):
        stamp = f"{MONDAY + dt.timedelta(days=day):%m/%d/%Y}"
        lines.append(("n/a" if len(lines) + 1 == bad_line else stamp) + ",10,10,10,10")
    return "\n".join(lines)


def _count_column_per_queue(bad_line: int) -> str:
    """40 half hours, 08:00-11:30 Monday to Friday, a count column per queue (Sales, Support,
    Billing: 10 + k % 7, 3 and 6 more); the file's line `bad_line` dated 'n/a'."""
    lines = ["Date,Interval,Sales,Support,Billing"]
    for k in range(40):
        t = MONDAY + dt.timedelta(days=k // 8, hours=8, minutes=30 * (k % 8))
        stamp = "n/a" if len(lines) + 1 == bad_line else f"{t:%m/%d/%Y}"
        lines.append(f"{stamp},{t:%H:%M},{10 + k % 7},{13 + k % 7},{16 + k % 7}")
    return "\n".join(lines)


@pytest.mark.parametrize("layout", [_grid_of_days, _count_column_per_queue])
def test_a_bad_date_of_a_table_read_across_is_named_once_by_its_own_line(tmp_path, layout):
    # A row of a grid is a row per time across once read as one row per interval; a row of
    # count columns per queue a row per queue, written queue by queue. Before, grid: 'grid.csv:
    # column 'Date' has 4 value(s) that are not readable dates/times (line 14: 'n/a'; line 15:
    # 'n/a'; line 16: 'n/a') ...'; queues: '3 value(s) ... (line 5: 'n/a'; line 45: 'n/a';
    # line 85: 'n/a')'.
    with pytest.raises(InputError) as refused:
        import_files_detailed([write(tmp_path, "grid.csv", layout(bad_line=5))])
    assert "column 'Date' has 1 value(s) that are not readable dates/times (line 5: 'n/a')." in (
        str(refused.value)
    )


# --- An empty missed-call reason beside a call type of "Missed" ---------------------------------


def test_guard_a_missed_call_without_a_reason_is_abandoned_as_its_call_type_says(tmp_path):
    # JustCall's 'Missed Call Reason' left empty on every row: an empty reason reads as
    # answered, and the call type tells the missed calls (3a6df7e), written in either case.
    # Without the call type read, the 40 missed calls counted as answered (100, 0).
    lines = ["Call Date,Call Time,Call Direction,Call Type,Call Duration,Missed Call Reason"]
    for n in range(100):
        t = spread_arrival(n)
        kind = ["Answered", "Answered", "Missed", "Answered", "missed"][n % 5]
        talk = 60 + n % 50 if kind == "Answered" else 0
        lines.append(f"{t:%Y-%m-%d},{t:%H:%M:%S},Incoming,{kind},{talk},")
    result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines))])
    frame = result.dataset.intervals
    assert result.contacts == 100
    assert (frame["answered"].sum(), frame["abandoned"].sum()) == (60, 40)
    assert note_with(result.dataset, "read from 'Call Type'").endswith(
        "Missed -> abandoned (20), missed -> abandoned (20)."
    )


# --- A grid of two or three bare clocks ---------------------------------------------------------


@pytest.mark.parametrize(
    ("clocks", "step"),
    [(["08:00", "08:30"], 30), (["18:00", "18:15", "18:30"], 15), (["08:00", "09:00"], 60)],
)
@pytest.mark.parametrize("days", [5, 14])
def test_two_or_three_bare_clocks_beside_dates_are_a_short_days_grid(tmp_path, clocks, step, days):
    # An evening desk's grid of two or three intervals. Before: 5 days read as 5 contact
    # records (5 contacts of 145 or 255), 14 days as queues '08:00' and '08:30' of daily counts
    # at midnight.
    result = day_grid(tmp_path, clocks, days)
    dataset = result.dataset
    assert (dataset.kind, dataset.queues) == ("intervals", ["grid"])
    assert result.contacts == sum(10 + d + 5 * k for d in range(days) for k in range(len(clocks)))
    frame = dataset.intervals.set_index("interval_start")["volume"]
    first = dt.datetime(2024, 3, 6, int(clocks[0][:2]), int(clocks[0][3:]))
    assert frame[first] == 12  # Wednesday's first interval
    assert frame[first + dt.timedelta(minutes=step)] == 17


@pytest.mark.parametrize(
    "clocks", [["00:20", "00:40"], ["0:30", "1:00", "2:00"], ["08:00", "16:00"]]
)
def test_guard_bare_clocks_that_may_be_waits_or_shifts_stay_columns(tmp_path, clocks):
    # Wait-time buckets start near 0:00 or keep no one step; shift starts lie hours apart.
    assert day_grid(tmp_path, clocks, days=14).dataset.queues == sorted(clocks)


# --- An outcome's count is no queue -------------------------------------------------------------


def _french_report(tmp_path, counts: str):
    """80 half hours, Monday to Friday 08:00-15:30, semicolon-separated under 'Date;Heure;' and
    `counts`: the first 10-14, the second one fewer."""
    lines = [f"Date;Heure;{counts}"]
    for k in range(80):
        t = MONDAY + dt.timedelta(days=k // 16, hours=8, minutes=30 * (k % 16))
        lines.append(f"{t:%d/%m/%Y};{t:%H:%M};{10 + k % 5};{9 + k % 5}")
    return write(tmp_path, "report.csv", "\n".join(lines))


@pytest.mark.parametrize("counts", ["Présentés;Répondus", "Eingang;Angenommen"])
def test_a_column_naming_an_outcome_alone_is_no_queue(tmp_path, counts):
    # With no column named as the offered count, the two columns looked like a count column per
    # queue. Before: two queues, 'Présentés' and 'Répondus' (or 'Eingang' and 'Angenommen'),
    # offered and answered summed as 1,840 contacts.
    path = _french_report(tmp_path, counts)
    offered = counts.split(";")[0]
    with pytest.raises(
        InputError, match=f"no column was recognised as the count .* e.g. '{offered}'"
    ):
        import_files_detailed([path])
    chosen = import_files_detailed([path], ImportOptions(volume_column=offered))
    assert (chosen.contacts, chosen.dataset.intervals["answered"].sum()) == (960, 880)
    assert chosen.dataset.queues == ["report"]


@pytest.mark.parametrize(
    "counts", ["Sales Answered;Support Answered", "Sales Abandoned;Support Abandoned"]
)
def test_answered_or_abandoned_counts_per_queue_are_no_arrivals(tmp_path, counts):
    # As a lone 'Answered' or 'Sales Abandoned' is no file's count, refused. Before: queues
    # 'Sales Answered' and 'Support Answered' (or '... Abandoned') of 1,840 contacts, the
    # answered or abandoned calls read as all the calls that came.
    with pytest.raises(InputError, match="no column was recognised as the count"):
        import_files_detailed([_french_report(tmp_path, counts)])


def test_served_counts_per_queue_are_a_count_column_per_queue_with_a_note(tmp_path):
    # As a lone 'Handled' is read with its note. Before: 'Sales Handled' read as the file's
    # count, 960 calls in one queue, and 'Support Handled' left out without a word.
    result = import_files_detailed([_french_report(tmp_path, "Sales Handled;Support Handled")])
    assert result.dataset.queues == ["Sales", "Support"]
    assert result.contacts == 960 + 880
    assert note_with(result.dataset, "served").endswith(
        "The counts come from 'Sales Handled', 'Support Handled', which seem to count served "
        "contacts only. Abandoned contacts were demand too: import the offered/received counts "
        "if the export has them."
    )


def test_guard_columns_named_by_queues_alone_are_still_queues(tmp_path):
    result = import_files_detailed([_french_report(tmp_path, "Sales;Support")])
    assert result.dataset.queues == ["Sales", "Support"]
    assert result.contacts == 960 + 880


def test_french_offerts_alone_is_the_offered_count(tmp_path):
    # "Appels offerts" read already. Before: queues 'Offerts' and 'Répondus' summed as 1,840.
    result = import_files_detailed([_french_report(tmp_path, "Offerts;Répondus")])
    columns = result.files[0].columns
    assert (columns["volume"], columns["answered"]) == ("Offerts", "Répondus")
    assert (result.contacts, result.dataset.intervals["answered"].sum()) == (960, 880)
