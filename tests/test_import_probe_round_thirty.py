"""Round-thirty probes: a round-the-clock 12-hour export writing the start's half of the day
("11:30-12:00 AM" for 11:30), Amazon Connect contact records with Athena's lower-case run-together
headers ("agentinteractionduration"), waits named "Total Queue", "Attente" or "Temps en file",
clocks with a unit after them ("3:05 min"), overflow outcomes in Italian, German and Portuguese
("Trabocco", "Überlauf", "Transbordo"), Excel serial date-times written with four decimals, dates
past the end of their month named as such, outcome labels under a header naming no outcome
("Situação"), interval ranges written with words or without colons ("08:00 bis 08:30",
"0800-0830"), clocks with "Uhr" or "kl.", exports pasted together each with its byte-order mark,
notes right under the table, durations in decimal units or shorthand ("3,5 min", "1h05", "3'05")
the minutes past the hour in a column of their own and a weekday's name after the date ("04/03/2024
(lun)", "04.03.2024, Montag")."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from import_support import at, note_with, spread_arrival, write

from data import schema
from data.errors import InputError
from data.importer import import_files_detailed

MONDAY = dt.datetime(2024, 3, 4)


def _twelve_hour(t: dt.datetime) -> str:
    return f"{t.hour % 12 or 12}:{t:%M}"


# --- A round-the-clock export writing each range with its start's half of the day --------------


def _round_the_clock(half_of_start: bool) -> str:
    """Five days of half hours, 00:00-24:00, "11:30-12:00 AM"-style ranges: 5 calls a slot
    before noon, 20 after."""
    lines = ["Date,Interval,Queue,Offered"]
    for slot in range(5 * 48):
        t = MONDAY + dt.timedelta(minutes=30 * slot)
        end = t + dt.timedelta(minutes=30)
        half = t if half_of_start else end
        calls = 5 if t.hour < 12 else 20
        lines.append(f"{t:%m/%d/%Y},{_twelve_hour(t)}-{_twelve_hour(end)} {half:%p},Q,{calls}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("half_of_start", [True, False])
def test_a_round_the_clock_range_report_keeps_its_slots_before_noon_and_midnight(
    tmp_path, half_of_start
):
    # Before: written with the start's half, "11:30-12:00 AM" (11:30) was read as 23:30 and
    # "11:30-12:00 PM" (23:30) as 11:30: 11:30 held 20 calls and 23:30 held 5.
    result = import_files_detailed([write(tmp_path, "acd.csv", _round_the_clock(half_of_start))])
    for day in (4, 8):
        assert at(result.dataset, f"2024-03-0{day} 11:30")[schema.VOLUME] == 5
        assert at(result.dataset, f"2024-03-0{day} 23:30")[schema.VOLUME] == 20
    assert at(result.dataset, "2024-03-04 00:00")[schema.VOLUME] == 5
    assert at(result.dataset, "2024-03-04 12:00")[schema.VOLUME] == 20


# --- Amazon Connect contact records in lower case, as Athena writes column names -----------------
# Amazon Athena lowers column names (Athena User Guide, "Name databases, tables, and columns"),
# so a contact-record query writes "agentinteractionduration" with no word breaks.


def _connect_records(sep: str) -> tuple[str, float]:
    """120 Connect contact records with lower-case headers (`sep` between a record's part and
    its field): every sixth abandoned, the others served; and their mean handle time."""
    header = [
        "contactid", "initiationmethod", "initiationtimestamp", f"queue{sep}name",
        f"queue{sep}duration", f"agent{sep}agentinteractionduration",
        f"agent{sep}customerholdduration", f"agent{sep}aftercontactworkduration",
        "disconnectreason",
    ]  # fmt: skip
    lines, handled = [",".join(header)], []
    for n in range(120):
        start = f"{spread_arrival(n):%Y-%m-%dT%H:%M:%S}.000Z"
        if n % 6 == 0:
            lines.append(f"c{n},INBOUND,{start},Support,{40 + n % 30},,,,CUSTOMER_DISCONNECT")
            continue
        talk, hold, acw = 120 + n, n % 20, 30
        handled.append(talk + hold + acw)
        lines.append(
            f"c{n},INBOUND,{start},Support,{10 + n % 30},{talk},{hold},{acw},AGENT_DISCONNECT"
        )
    return "\n".join(lines) + "\n", float(np.mean(handled))


@pytest.mark.parametrize("sep", [".", "_"])
def test_connect_records_with_lower_case_run_together_headers_read_handle_and_outcome(
    tmp_path, sep
):
    # Before: no handle time (the 300-s stand-in) and no outcome: 'agentinteractionduration' and
    # 'disconnectreason' named nothing the importer knew.
    text, mean_handle = _connect_records(sep)
    result = import_files_detailed([write(tmp_path, "ctr.csv", text)])
    columns = result.files[0].columns
    assert columns["handle"] == (
        f"agent{sep}agentinteractionduration + agent{sep}customerholdduration + "
        f"agent{sep}aftercontactworkduration"
    )
    assert columns["outcome"] == "disconnectreason"
    dataset = result.dataset
    assert (dataset.answered, dataset.abandoned) == (100, 20)
    assert dataset.mean_handle_seconds == pytest.approx(mean_handle)
    assert mean_handle == pytest.approx(219.6)


# --- Waits named "Total Queue", "Attente", "Temps en file"; clocks with a unit after them --------

_ARRIVALS = [spread_arrival(n, 317) for n in range(150)]


def _call_log(tmp_path, header: str, written) -> tuple[dict[str, str], float | None, float | None]:
    """The columns read from a French call log whose last column is `header`, holding
    `written(n)` for call n, with its mean handle time and mean wait (contact-weighted)."""
    lines = [f"Début;File;Durée de traitement;{header}"] + [
        f"{t:%d/%m/%Y %H:%M:%S};Support;{185 + n % 3 * 60};{written(n)}"
        for n, t in enumerate(_ARRIVALS)
    ]
    result = import_files_detailed([write(tmp_path, "appels.csv", "\n".join(lines) + "\n")])
    frame = result.dataset.intervals

    def mean(column: str) -> float | None:
        timed = frame.dropna(subset=[column])
        return (
            float(np.average(timed[column], weights=timed[schema.VOLUME])) if len(timed) else None
        )

    return result.files[0].columns, mean(schema.AHT_SECONDS), mean(schema.WAIT_SECONDS)


@pytest.mark.parametrize("header", ["Total Queue", "Attente", "Temps en file"])
def test_a_contacts_time_in_queue_named_in_more_ways_is_the_wait(tmp_path, header):
    # Before: none of these was read (no answer speed, no patience from the file); "Total Queue"
    # is Genesys Cloud's time in queue, "Temps en file" French for it.
    columns, _, wait = _call_log(tmp_path, header, lambda n: 5 + n % 11 * 7)
    assert columns["wait"] == header
    assert wait == pytest.approx(np.mean([5 + n % 11 * 7 for n in range(150)]))


def test_a_duration_written_as_a_clock_with_its_unit_after_it_is_read(tmp_path):
    # Before: "3:05 min" was no duration: the handle time fell back to the 300-s stand-in.
    columns, handle, _ = _call_log(tmp_path, "Durée", lambda n: ["3:05 min", "1:00 min"][n % 2])
    assert (columns["handle"], handle) == ("Durée de traitement", pytest.approx(245.0))
    lines = ["Start;Queue;Handle Time"] + [
        f"{t:%Y-%m-%d %H:%M:%S};Support;{['3:05 min', '1:00 min', '0:02:10 h'][n % 3]}"
        for n, t in enumerate(_ARRIVALS)
    ]
    result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["handle"] == "Handle Time"
    assert result.dataset.mean_handle_seconds == pytest.approx((185 + 60 + 130) / 3)


# --- Overflow outcomes in Italian, German and Portuguese ------------------------------------------


@pytest.mark.parametrize("overflow", ["Trabocco", "Überlauf", "Transbordo"])
def test_overflow_outcomes_in_more_languages_are_said_to_pass_the_contact_on(tmp_path, overflow):
    # Before: read as answered with a handle time and neither without one, as "Débordé" is, but
    # the note called the label "no outcome the importer knows".
    lines = ["Inizio;Coda;Esito;Durata"] + [
        f"{t:%d/%m/%Y %H:%M:%S};Vendite;{['Risposta', 'Abbandonata', overflow][n % 3]};"
        f"{[185, 0, 60 * (n % 2)][n % 3]}"
        for n, t in enumerate(_ARRIVALS)
    ]
    result = import_files_detailed([write(tmp_path, "esiti.csv", "\n".join(lines) + "\n")])
    assert (result.dataset.answered, result.dataset.abandoned) == (75, 50)
    note = note_with(result.dataset, "outcome 'Esito':")
    assert f"{overflow} -> answered 25, other 25; '{overflow}' says that the contact was " in note
    assert "no outcome the importer knows" not in note


# --- Excel serial date-times written with four decimals -------------------------------------------
# Four decimals of a day are 8.64 s apart: 08:20 is written 45355.3472, which is 08:19:58.


def _serial(t: dt.datetime, decimals: int) -> str:
    return f"{(t - dt.datetime(1899, 12, 30)).total_seconds() / 86_400:.{decimals}f}"


@pytest.mark.parametrize("minutes", [5, 15])
def test_excel_serials_with_four_decimals_land_in_their_own_interval(tmp_path, minutes):
    # Before: 250 of 600 five-minute rows (80 of 200 quarter hours) landed one interval early,
    # two rows summed in one interval and the next left empty.
    starts = [MONDAY + dt.timedelta(days=d, hours=8, minutes=minutes * s)
              for d in range(5) for s in range(600 // minutes)]  # fmt: skip
    lines = ["Interval;Queue;Offered"]
    lines += [f"{_serial(t, 4)};Q;{10 + n % 7}" for n, t in enumerate(starts)]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    assert result.files[0].interval_minutes == minutes
    frame = result.dataset.intervals.set_index(schema.INTERVAL_START)[schema.VOLUME]
    assert [frame[t] for t in starts] == [10 + n % 7 for n in range(len(starts))]


def test_guard_excel_serials_with_seconds_keep_them(tmp_path):
    # Ten decimals tell the second: a call at 08:14:50 stays in the 08:00 quarter hour.
    arrivals = [
        MONDAY + dt.timedelta(days=n % 5, hours=8, minutes=14, seconds=50) for n in range(60)
    ]
    lines = ["Date,Queue"] + [f"{_serial(t, 10)},Support" for t in arrivals]
    dataset = import_files_detailed([write(tmp_path, "c.csv", "\n".join(lines) + "\n")]).dataset
    assert at(dataset, "2024-03-04 08:00")[schema.VOLUME] == 12
    assert at(dataset, "2024-03-04 08:15")[schema.VOLUME] == 0


# --- A date past its month's end is named as such --------------------------------------------------


def test_a_date_past_its_months_end_is_refused_naming_the_month(tmp_path):
    # Before: "column 'Date' has 1 value(s) that are not readable dates/times (line 41:
    # '31/02/2024'). Expected values such as 01/03/2024 (%d/%m/%Y)": the shape was right.
    lines = ["Date,Time,Queue,Offered"] + [
        f"{MONDAY + dt.timedelta(days=n // 16):%d/%m/%Y},{8 + n % 16 // 2}:{n % 2 * 30:02d},Q,5"
        for n in range(80)
    ]
    lines[40] = "31/02/2024,08:00,Q,5"
    lines[50] = "31/04/2024,09:00,Q,5"
    with pytest.raises(InputError) as refused:
        import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    assert str(refused.value) == (
        "acd.csv: column 'Date' has 2 date(s) past the end of their month (line 41: "
        "'31/02/2024', February 2024 has 29 days; line 51: '31/04/2024', April 2024 has 30 "
        "days). Correct the day or the month of these rows, or remove them."
    )


def test_guard_an_impossible_date_beside_an_unreadable_one_gets_the_shape_message(tmp_path):
    lines = ["Start,Queue"] + [f"{t:%Y-%m-%d %H:%M:%S},Support" for t in _ARRIVALS]
    lines[7] = "2024-04-31 10:30:00,Support"
    lines[9] = "2024-13-04 10:30:00,Support"
    with pytest.raises(InputError, match=r"2 value\(s\) that are not readable dates/times"):
        import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])


# --- Outcome labels under a header that names no outcome -----------------------------------------


@pytest.mark.parametrize("header", ["Situação", "Situación", "Conclusão"])
def test_answered_and_abandoned_labels_make_the_outcome_whatever_the_header(tmp_path, header):
    # Before: "Situação" (Atendida, Abandonada) was not read: no answered or abandoned count,
    # and the 40 abandoned calls' zero handle times were taken for unanswered with a note.
    lines = [f"Data/Hora;Fila;{header};Duração;Agente"] + [
        f"{t:%d/%m/%Y %H:%M:%S};Atendimento;{'Atendida' if n % 5 else 'Abandonada'};"
        f"{185 if n % 5 else 0};{'' if n % 5 == 0 else ['Ana', 'Rui'][n % 2]}"
        for n, t in enumerate(_ARRIVALS)
    ]
    result = import_files_detailed([write(tmp_path, "chamadas.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["outcome"] == header
    assert (result.dataset.answered, result.dataset.abandoned) == (120, 30)
    assert result.dataset.mean_handle_seconds == 185.0


# --- Interval ranges written with words, brackets or clocks without colons ------------------------

_HALF_HOURS = [
    MONDAY + dt.timedelta(days=d, hours=8, minutes=30 * s) for d in range(5) for s in range(20)
]


def _offered(t: dt.datetime) -> int:
    return 10 + t.hour % 5 + 3 * (t.minute // 30)


def _end(t: dt.datetime) -> dt.datetime:
    return t + dt.timedelta(minutes=30)


def _whole_or_half(t: dt.datetime) -> str:
    return f"{t.hour}:30" if t.minute else f"{t.hour}"


def _range(template: str, t: dt.datetime) -> str:
    """`template` with `s`, `e` the interval's start and end, `sw`, `ew` them as 8 or 8:30."""
    return template.format(s=t, e=_end(t), sw=_whole_or_half(t), ew=_whole_or_half(_end(t)))


# German, French, Spanish, Italian and English words between the clocks, a half-open range,
# clocks without colons and whole hours written bare.
_WRITTEN_RANGES = [
    "{s:%H:%M} bis {e:%H:%M}", "{s:%H:%M} à {e:%H:%M}", "de {s:%H:%M} a {e:%H:%M}",
    "dalle {s:%H:%M} alle {e:%H:%M}", "{s:%H:%M} to {e:%H:%M}", "[{s:%H:%M} - {e:%H:%M})",
    "{s:%H%M}-{e:%H%M}", "{sw}-{ew}",
]  # fmt: skip


@pytest.mark.parametrize("template", _WRITTEN_RANGES)
def test_interval_ranges_written_in_other_ways_are_read_by_their_start(tmp_path, template):
    # Before: refused, "100 rows share 5 dates, but no column gives their time of day" (and
    # "'8-8:30' ... not readable dates/times" for ranges that write a whole hour bare).
    lines = ["Datum;Intervall;Warteschlange;Angeboten"] + [
        f"{t:%d.%m.%Y};{_range(template, t)};Service;{_offered(t)}" for t in _HALF_HOURS
    ]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    assert result.files[0].interval_minutes == 30
    frame = result.dataset.intervals.set_index(schema.INTERVAL_START)[schema.VOLUME]
    assert [frame[t] for t in _HALF_HOURS] == [_offered(t) for t in _HALF_HOURS]


@pytest.mark.parametrize("template", [_WRITTEN_RANGES[0], _WRITTEN_RANGES[6]])
def test_a_grid_whose_interval_headers_are_written_ranges_is_read_as_intervals(tmp_path, template):
    # Before: each "08:00 bis 08:30" column was read as a queue of daily counts at midnight.
    times = _HALF_HOURS[:20]
    lines = ["Datum;" + ";".join(_range(template, t) for t in times)]
    for day in range(5):
        counts = [_offered(t) + day for t in times]
        lines.append(f"{MONDAY + dt.timedelta(days=day):%d.%m.%Y};" + ";".join(map(str, counts)))
    result = import_files_detailed([write(tmp_path, "raster.csv", "\n".join(lines) + "\n")])
    frame = result.dataset.intervals
    assert frame[schema.QUEUE].unique().tolist() == ["raster"]
    assert at(result.dataset, "2024-03-06 17:30")[schema.VOLUME] == _offered(times[-1]) + 2
    assert float(frame[schema.VOLUME].sum()) == sum(_offered(t) for t in times) * 5 + 10 * 20


# --- A time column writing a word for "at" or "o'clock" beside each clock -------------------------


@pytest.mark.parametrize(
    "template", ["{s:%H:%M} Uhr", "{s:%H.%M} Uhr", "kl. {s:%H.%M}", "ore {s:%H:%M}", "{s:%H:%M} h"]
)
def test_clocks_with_a_word_for_at_or_oclock_are_read(tmp_path, template):
    # Before: refused, "100 rows share 5 dates, but no column gives their time of day ... Column
    # 'Zeit' (e.g. '08:00 Uhr', ...) was not read as clock times".
    lines = ["Datum;Zeit;Warteschlange;Anrufe"] + [
        f"{t:%d.%m.%Y};{_range(template, t)};Service;{_offered(t)}" for t in _HALF_HOURS
    ]
    result = import_files_detailed([write(tmp_path, "anrufe.csv", "\n".join(lines) + "\n")])
    frame = result.dataset.intervals.set_index(schema.INTERVAL_START)[schema.VOLUME]
    assert [frame[t] for t in _HALF_HOURS] == [_offered(t) for t in _HALF_HOURS]


# --- Exports pasted together, each starting with its byte-order mark -----------------------------
# Excel's "CSV UTF-8" starts each file with a BOM; pasted one after the other (copy a+b, cat), the
# second file's header line starts with U+FEFF inside the data.


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_header_repeated_with_its_byte_order_mark_is_skipped(tmp_path, encoding):
    # Before: refused, "column 'Date' has 1 value(s) that are not readable dates/times (line 52:
    # '\ufeffDate')".
    def export(times: list[dt.datetime]) -> bytes:
        lines = ["Date;Time;Queue;Offered"]
        lines += [f"{t:%d/%m/%Y};{t:%H:%M};Service;{_offered(t)}" for t in times]
        text = "\r\n".join(lines) + "\r\n"
        return text.encode(encoding) if encoding == "utf-16" else ("\ufeff" + text).encode()

    path = tmp_path / "pasted.csv"
    path.write_bytes(export(_HALF_HOURS[:50]) + export(_HALF_HOURS[50:]))
    result = import_files_detailed([path])
    frame = result.dataset.intervals.set_index(schema.INTERVAL_START)[schema.VOLUME]
    assert [frame[t] for t in _HALF_HOURS] == [_offered(t) for t in _HALF_HOURS]
    assert note_with(result.dataset, "header line is repeated 1 time(s)")


# --- Notes on the report right under the table, spread over its columns ---------------------------


def test_notes_under_an_interval_table_filling_several_cells_are_skipped(tmp_path):
    # Before: refused, "column 'Datum' has 2 value(s) that are not readable dates/times (line
    # 102: 'Erstellt am'; line 103: 'Filter')".
    lines = ["Datum;Uhrzeit;Warteschlange;Angebotene Anrufe"]
    lines += [f"{t:%d.%m.%Y};{t:%H:%M};Service;{_offered(t)}" for t in _HALF_HOURS]
    lines += ["Erstellt am;09.03.2024 07:00;von;admin", "Filter;Warteschlange = Service;;"]
    result = import_files_detailed([write(tmp_path, "bericht.csv", "\n".join(lines) + "\n")])
    said = note_with(result.dataset, "below the table")
    assert said == (
        "bericht.csv: 2 line(s) below the table hold words where 'Datum' has its dates (line "
        "102: 'Erstellt am'; line 103: 'Filter'): skipped as notes on the report, not data."
    )
    frame = result.dataset.intervals
    assert float(frame[schema.VOLUME].sum()) == sum(map(_offered, _HALF_HOURS)) == 1350


def test_a_count_line_under_a_call_log_beside_its_totals_is_skipped(tmp_path):
    # Before: "Total" and "Average" were skipped as totals, then "Count" refused the file.
    lines = ["Call Start,Queue,Talk Time,Result"] + [
        f"{t:%Y-%m-%d %H:%M:%S},Sales,{120 + n % 60},{'Answered' if n % 5 else 'Abandoned'}"
        for n, t in enumerate(_ARRIVALS)
    ]
    lines += ["Total,,22000,", "Average,,147,", "Count,150,,"]
    result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])
    assert (result.dataset.answered, result.dataset.abandoned) == (120, 30)
    assert "(line 154: 'Count')" in note_with(result.dataset, "below the table")


def test_guard_a_wrong_date_at_the_end_is_still_refused(tmp_path):
    lines = ["Datum;Uhrzeit;Warteschlange;Angebotene Anrufe"]
    lines += [f"{t:%d.%m.%Y};{t:%H:%M};Service;{_offered(t)}" for t in _HALF_HOURS]
    lines += ["09.13.2024;08:00;Service;5", "Filter;Warteschlange = Service;;"]
    with pytest.raises(InputError, match=r"line 102: '09\.13\.2024'"):
        import_files_detailed([write(tmp_path, "bericht.csv", "\n".join(lines) + "\n")])


# --- Durations in decimal units or French and Italian shorthand -----------------------------------


@pytest.mark.parametrize(
    ("written", "mean"),
    [(["3,5 min", "1,5 min"], 150.0), (["3.5 min", "0.05 h"], 195.0), (["1h05", "0h03"], 2040.0),
     (["3'05", "1'55"], 150.0)],
)  # fmt: skip
def test_durations_in_decimal_units_or_shorthand_are_read(tmp_path, written, mean):
    # Before: none was a duration: no handle time, the 300-s stand-in.
    lines = ["Début;File;Durée"] + [
        f"{t:%d/%m/%Y %H:%M:%S};Support;{written[n % 2]}" for n, t in enumerate(_ARRIVALS)
    ]
    result = import_files_detailed([write(tmp_path, "appels.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["handle"] == "Durée"
    assert result.dataset.mean_handle_seconds == pytest.approx(mean)


# --- An hour column with the minutes past it in a column of their own ------------------------------


def test_the_minutes_past_the_hour_in_their_own_column_place_each_row(tmp_path):
    # A query grouping by HOUR() and MINUTE(). Before: 'call_minute' (0, 30) was read as the count
    # of contacts (1,500 minutes summed) and 'calls' left out, in hourly intervals.
    lines = ["call_date,call_hour,call_minute,queue,calls"] + [
        f"{t:%Y-%m-%d},{t.hour},{t.minute},Support,{_offered(t)}" for t in _HALF_HOURS
    ]
    result = import_files_detailed([write(tmp_path, "by_minute.csv", "\n".join(lines) + "\n")])
    columns = result.files[0].columns
    assert (columns["time"], columns["minute"], columns["volume"]) == (
        "call_hour", "call_minute", "calls",
    )  # fmt: skip
    assert result.files[0].interval_minutes == 30
    frame = result.dataset.intervals.set_index(schema.INTERVAL_START)[schema.VOLUME]
    assert [frame[t] for t in _HALF_HOURS] == [_offered(t) for t in _HALF_HOURS]


def test_guard_minutes_out_of_range_are_refused_naming_the_column(tmp_path):
    lines = ["Date,Hour,Minute,Queue,Calls"] + [
        f"{t:%Y-%m-%d},{t.hour},{t.minute},Support,{_offered(t)}" for t in _HALF_HOURS
    ]
    lines[5] = "2024-03-04,10,75,Support,5"
    with pytest.raises(InputError, match=r"column 'Minute' has 1 value\(s\).*line 6: '75'"):
        import_files_detailed([write(tmp_path, "by_minute.csv", "\n".join(lines) + "\n")])


# --- A weekday's name after the date, in brackets or not ------------------------------------------


@pytest.mark.parametrize(
    ("header", "stamp"),
    [
        ("Data;Ora", "{s:%d/%m/%Y} ({s:%a});{s:%H:%M}"),
        ("Datum", "{s:%d.%m.%Y} ({s:%a}.) {s:%H:%M}"),
        ("Datum;Uhrzeit", "{s:%d.%m.%Y}, {s:%A};{s:%H:%M}"),
        ("Date", "{s:%Y-%m-%d} {s:%a} {s:%H:%M}"),
    ],
)
def test_a_weekday_after_the_date_is_read_past(tmp_path, header, stamp):
    # Before: refused, "no column with dates or timestamps was found. Columns: Data (e.g.
    # '04/03/2024 (Mon)') ...".
    lines = [f"{header};Coda;Chiamate"] + [
        f"{stamp.format(s=t)};Assistenza;{_offered(t)}" for t in _HALF_HOURS
    ]
    result = import_files_detailed([write(tmp_path, "chiamate.csv", "\n".join(lines) + "\n")])
    frame = result.dataset.intervals.set_index(schema.INTERVAL_START)[schema.VOLUME]
    assert [frame[t] for t in _HALF_HOURS] == [_offered(t) for t in _HALF_HOURS]


def test_guard_a_day_total_labelled_after_its_date_is_not_read_as_midnight(tmp_path):
    # "04/03/2024 Totale" is a total's label, not a weekday: still skipped as a total.
    lines = ["Data;Ora;Coda;Chiamate"]
    for day in range(5):
        times = _HALF_HOURS[20 * day : 20 * day + 20]
        lines += [f"{t:%d/%m/%Y} ({t:%a});{t:%H:%M};Assistenza;{_offered(t)}" for t in times]
        lines.append(f"{times[0]:%d/%m/%Y} Totale;;Assistenza;{sum(map(_offered, times))}")
    result = import_files_detailed([write(tmp_path, "chiamate.csv", "\n".join(lines) + "\n")])
    assert float(result.dataset.intervals[schema.VOLUME].sum()) == 1350
    assert "5 total/subtotal row(s) were skipped" in note_with(result.dataset, "total/subtotal")


def test_a_lower_case_call_log_reads_its_run_together_after_call_work(tmp_path):
    # Before: 'acwtime' named nothing known: the handle time was talk + hold, 130 s for 160 s.
    lines = ["callid,starttime,queuename,talktime,holdtime,acwtime,waittime,disposition"] + [
        f"c{n},{t:%Y-%m-%d %H:%M:%S},Sales,{120 + n % 7},10,30,{n % 40},answered"
        for n, t in enumerate(_ARRIVALS)
    ]
    result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["handle"] == "talktime + holdtime + acwtime"
    assert result.dataset.mean_handle_seconds == pytest.approx(
        np.mean([120 + n % 7 + 40 for n in range(150)])
    )
