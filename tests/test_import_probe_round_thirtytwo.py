"""Round-thirty-two probes: queue names written with combining accents as a Mac writes them
("Te\u0301le\u0301phonie"), in cells and in file names; one count column per queue or channel
named by its arrival word ("Sales Offered", "Offered Support", "Voice Offered", "Emails
Received"); Excel for Mac's CSV in Mac Roman ("TŽlŽphonie" read as Windows-1252); durations with
a day count before the clock, as pandas writes a timedelta ("0 days 00:03:05"); 12-hour clocks
counting each half of the day from 0, as Java's "K:mm a" writes them ("0:05 PM"); German and
Portuguese arrival counts ("Eingegangen", "Angebotene", "Recebidas"); summary rows of statistics
under the table ("Maximum", "Minimum", "Median", "Mittelwert", "Máximo"); counts of contacts
offered to or abandoned in the ACD ("ACD Calls Offered", "ACD Calls Abandoned"); Asterisk's
queue_log, app_queue's event log; and counts of the contacts nobody answered, named by denying the
answer ("Non répondus", "Nicht angenommen", "No atendidas", "Unanswered")."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pandas as pd
import pyarrow as pa
import pytest
from import_support import write

from data import schema
from data.errors import InputError
from data.importer import import_files_detailed
from data.timestamps import parse_duration

MONDAY = dt.datetime(2024, 3, 4)


def _slots(minutes: int, per_day: int, days: int = 5, first: dt.datetime = MONDAY) -> list:
    """`per_day` intervals of `minutes` from 08:00 on `days` days from `first`."""
    return [
        first + dt.timedelta(days=day, hours=8, minutes=minutes * slot)
        for day in range(days)
        for slot in range(per_day)
    ]


def _offered(t: dt.datetime) -> int:
    return 5 + t.minute // 15 + t.hour % 3


def _per_queue(result) -> dict[str, float]:
    frame = result.dataset.intervals
    return frame.groupby(schema.QUEUE)[schema.VOLUME].sum().to_dict()


# --- Queue names with combining accents ----------------------------------------------------------

COMPOSED = "Téléphonie"
DECOMPOSED = unicodedata.normalize("NFD", COMPOSED)  # "e" + U+0301, as macOS writes it


def test_a_queue_written_with_combining_accents_is_the_same_queue(tmp_path):
    # Before: two queues 'Téléphonie' (60 and 40 half hours open), each day's rows split by how
    # the name was written.
    assert DECOMPOSED != COMPOSED
    slots = _slots(30, 20)
    lines = ["Date;Heure;File;Appels"] + [
        f"{t:%d/%m/%Y};{t:%H:%M};{DECOMPOSED if t.day % 2 else COMPOSED};{_offered(t)}"
        for t in slots
    ]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    assert _per_queue(result) == {COMPOSED: 710.0}


def test_a_file_named_with_combining_accents_holds_the_queue_of_its_composed_name(tmp_path):
    # Before: the file named on a Mac held a queue 'Téléphonie' of its own beside the other
    # file's, two queues of one week each.
    first = ["Date;Heure;File;Appels"] + [
        f"{t:%d/%m/%Y};{t:%H:%M};{COMPOSED};{_offered(t)}" for t in _slots(30, 20)
    ]
    second = ["Date;Heure;Appels"] + [
        f"{t:%d/%m/%Y};{t:%H:%M};{_offered(t)}"
        for t in _slots(30, 20, first=MONDAY + dt.timedelta(days=7))
    ]
    paths = [
        write(tmp_path, "mars.csv", "\n".join(first) + "\n"),
        write(tmp_path, f"{DECOMPOSED}.csv", "\n".join(second) + "\n"),
    ]
    result = import_files_detailed(paths)
    assert _per_queue(result) == {COMPOSED: 1420.0}


# --- One count column per queue named by its arrival word -----------------------------------------


def _queue_load(t: dt.datetime, queue: int) -> int:
    return 3 + (t.hour * 7 + t.day + 5 * queue) % 6 + queue


@pytest.mark.parametrize(
    ("header", "queues"),
    [
        ("Sales Offered,Support Offered", ["Sales", "Support"]),
        ("Offered Sales,Offered Support", ["Sales", "Support"]),
        ("Voice Offered,Chat Offered,Email Offered", ["Voice", "Chat", "Email"]),
        ("Calls Offered,Chats Offered,Emails Received", ["Calls", "Chats", "Emails"]),
    ],
)
def test_a_count_column_per_queue_named_by_its_arrival_word_is_one_queue_each(
    tmp_path, header, queues
):
    # Before: the first column was read as the file's count and the others dropped without a
    # word: 'Sales Offered' alone, 554 of 1,204 contacts.
    slots = _slots(30, 20)
    lines = [f"Date,Time,{header}"] + [
        f"{t:%d/%m/%Y},{t:%H:%M}," + ",".join(str(_queue_load(t, q)) for q in range(len(queues)))
        for t in slots
    ]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    expected = {name: float(sum(_queue_load(t, q) for t in slots)) for q, name in enumerate(queues)}
    assert _per_queue(result) == expected
    assert list(expected.values())[:2] == [554.0, 650.0]


@pytest.mark.parametrize(
    "header",
    [
        "Calls Offered,Calls Answered",
        "Sales Offered,Sales Answered",
        "Offered Calls,Received Calls",
        "Inbound Calls,Outbound Calls",
    ],
)
def test_guard_an_arrival_word_beside_an_outcome_or_a_direction_names_no_queues(tmp_path, header):
    slots = _slots(30, 20)
    lines = [f"Date,Time,{header}"] + [
        f"{t:%d/%m/%Y},{t:%H:%M},{_queue_load(t, 0)},{_queue_load(t, 1)}" for t in slots
    ]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["volume"] == header.split(",")[0]
    assert _per_queue(result) == {"acd": 554.0}


# --- Excel for Mac's CSV, written in Mac Roman ----------------------------------------------------


@pytest.mark.parametrize(
    ("header", "queue"),
    [
        ("Date;Heure;File d'attente;Appels", "Téléphonie"),
        ("Datum;Zeit;Warteschlange;Anrufe", "Kündigung"),
        ("Fecha;Hora;Cola;Llamadas", "Atención al cliente"),
    ],
)
def test_excel_for_macs_csv_in_mac_roman_keeps_its_accented_queue_names(tmp_path, header, queue):
    # Before: read as Windows-1252 or Latin-1: 'TŽlŽphonie', 'K\x9fndigung', 'Atenci\x97n al
    # cliente', a queue name nobody wrote.
    lines = [header] + [f"{t:%d/%m/%Y};{t:%H:%M};{queue};{_offered(t)}" for t in _slots(30, 20)]
    path = write(tmp_path, "acd.csv", "\r".join(lines) + "\r", encoding="mac_roman")
    result = import_files_detailed([path])
    assert _per_queue(result) == {queue: 710.0}
    assert "mac_roman" in result.dataset.notes[0]


def test_guard_windows_text_with_an_apostrophe_in_a_word_stays_windows_1252(tmp_path):
    lines = ["Date;Heure;File;Appels"] + [
        f"{t:%d/%m/%Y};{t:%H:%M};{'Service client’s' if t.day % 2 else 'Téléphonie'};5"
        for t in _slots(30, 20)
    ]
    path = write(tmp_path, "acd.csv", "\r\n".join(lines) + "\r\n", encoding="cp1252")
    result = import_files_detailed([path])
    assert _per_queue(result) == {"Service client’s": 200.0, "Téléphonie": 300.0}


# --- Durations with a day count before the clock -------------------------------------------------


def _calls(count: int = 150) -> list[dt.datetime]:
    """`count` arrivals, 08:00-17:00 from Monday to Friday, 3 min 37 s apart within a day."""
    return [
        MONDAY + dt.timedelta(days=n % 5, hours=8, seconds=217 * (n // 5)) for n in range(count)
    ]


@pytest.mark.parametrize(
    "written",
    [
        lambda s: f"0 days {s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}",  # pandas
        lambda s: f"0 days {s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}.500000",
        lambda s: f"0 day {s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}",
    ],
)
def test_a_duration_with_a_day_count_before_the_clock_is_read(tmp_path, written):
    # Before: 'Talk Time' was not read as the handle time (150 of 150 sampled values are no
    # duration), so the 300-s stand-in was used.
    lines = ["Start,Queue,Talk Time"] + [
        f"{t:%Y-%m-%d %H:%M:%S},Support,{written(150 + n)}" for n, t in enumerate(_calls())
    ]
    result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["handle"] == "Talk Time"
    frame = result.dataset.intervals
    handled = (frame[schema.VOLUME] * frame[schema.AHT_SECONDS]).sum()
    # 150 calls of 150 ... 299 s: (150 + 299) / 2 = 224.5 s on average.
    assert handled / frame[schema.VOLUME].sum() == pytest.approx(224.5, abs=0.51)


def test_a_day_long_duration_counts_its_day(tmp_path):
    # PostgreSQL writes an interval past a day "1 day 00:02:30" (Python "1 day, 0:02:30").
    written = pa.array(["1 day 00:02:30", "2 days, 1:00:00", "00:03:05"])
    seconds = parse_duration(written, decimal_comma=False)
    assert seconds.tolist() == [86_550.0, 176_400.0, 185.0]


# --- 12-hour clocks counting each half of the day from 0 -----------------------------------------


def _half_day_from_zero(t: dt.datetime) -> str:
    """The clock as Java's SimpleDateFormat "K:mm a" writes it: hours 0-11, then AM or PM."""
    return f"{t.hour % 12}:{t:%M} {t:%p}"


def test_a_call_log_counting_the_afternoon_from_zero_keeps_its_noon_calls(tmp_path):
    # Before: refused, "column 'Start' has 19 value(s) that are not readable dates/times (line
    # 13: '03/04/2024 0:05 PM' ...)"; the noon hour's calls are now 12:xx, the night's 00:xx.
    arrivals = [MONDAY + dt.timedelta(days=n % 5, minutes=41 * n) for n in range(150)]
    lines = ["Start,Queue,Talk"] + [
        f"{t:%m/%d/%Y} {_half_day_from_zero(t)},Support,120" for t in arrivals
    ]
    result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])
    frame = result.dataset.intervals
    hours = frame[frame[schema.VOLUME] > 0].groupby(frame[schema.INTERVAL_START].dt.hour)
    counted = hours[schema.VOLUME].sum()
    expected = pd.Series([t.hour for t in arrivals]).value_counts()
    assert counted[12] == expected[12] == 8
    assert counted[0] == expected[0] == 6
    assert counted.sum() == 150


def test_a_time_column_counting_the_afternoon_from_zero_places_the_noon_half_hours(tmp_path):
    # Before: refused as having no readable time of day.
    slots = _slots(30, 20)
    lines = ["Date,Time,Calls"] + [
        f"{t:%m/%d/%Y},{_half_day_from_zero(t)},{_offered(t)}" for t in slots
    ]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    volumes = result.dataset.intervals.set_index(schema.INTERVAL_START)[schema.VOLUME]
    assert [volumes[t] for t in slots] == [_offered(t) for t in slots]
    assert volumes[dt.datetime(2024, 3, 4, 12, 30)] == _offered(dt.datetime(2024, 3, 4, 12, 30))


# --- German and Portuguese arrival counts --------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "Datum;Intervall;Eingegangen;Angenommen;Aufgelegt",
        "Datum;Intervall;Angebotene;Angenommen;Aufgelegt",
        "Data;Intervalo;Recebidas;Atendidas;Abandonadas",
    ],
)
def test_german_and_portuguese_arrival_counts_are_the_offered_contacts(tmp_path, header):
    # Before: the arrival column was left out and the volume taken as answered + abandoned, 710
    # of the 810 contacts offered (one a half hour overflowed to another site).
    slots = _slots(30, 20)
    lines = [header] + [
        f"{t:%d/%m/%Y};{t:%H:%M};{_offered(t) + 1};{_offered(t) - 1};1" for t in slots
    ]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["volume"] == header.split(";")[2]
    assert result.contacts == 810


@pytest.mark.parametrize("arrivals", ["Eingegangen", "Recebidas"])
def test_an_arrival_count_alone_beside_a_handle_time_is_read(tmp_path, arrivals):
    # Before: refused, "no column was recognised as the count (columns: Datum, Zeit, ...)".
    lines = [f"Datum;Zeit;{arrivals};AHT"] + [
        f"{t:%d.%m.%Y};{t:%H:%M};{_offered(t)};180" for t in _slots(30, 20)
    ]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    assert result.contacts == 710


def test_guard_a_bare_angebot_is_no_count(tmp_path):
    # "Angebot" alone is a CRM's quote (its number), never read as contacts offered.
    lines = ["Datum;Zeit;Angebot;AHT"] + [
        f"{t:%d.%m.%Y};{t:%H:%M};{_offered(t)};180" for t in _slots(30, 20)
    ]
    with pytest.raises(InputError, match="no column was recognised as the count"):
        import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])


# --- Summary rows of statistics under the table ---------------------------------------------------


@pytest.mark.parametrize(
    "labels",
    [
        ["Total", "Average", "Maximum", "Minimum"],
        ["Total", "Median", "Std Dev"],
        ["Summe", "Mittelwert", "Max", "Min"],
        ["Totale", "Media", "Massimo", "Minimo"],
        ["Total", "Promedio", "Máximo", "Mínimo"],
        ["Total", "Moyenne", "Médiane", "Écart type"],
    ],
)
def test_summary_rows_of_statistics_under_the_table_are_skipped(tmp_path, labels):
    # Before: refused, "column 'Interval' has 2 value(s) that are not readable dates/times (line
    # 104: 'Maximum'; line 105: 'Minimum')", though 'Total' and 'Average' were skipped.
    slots = _slots(30, 20)
    lines = ["Interval,Queue,Offered,AHT"] + [
        f"{t:%d/%m/%Y %H:%M},Sales,{_offered(t)},180" for t in slots
    ]
    lines += [f"{label},,{710 if n == 0 else 7},180" for n, label in enumerate(labels)]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    assert result.contacts == 710
    skipped = next(note for note in result.dataset.notes if "total/subtotal row" in note)
    said = "; ".join(f"line {102 + n}: {label!r}" for n, label in enumerate(labels[:3]))
    assert f"{len(labels)} total/subtotal row(s) were skipped ({said}" in skipped


def test_guard_a_queue_named_like_a_statistic_is_a_queue(tmp_path):
    # Only rows without a readable time are asked: queues named "Max" and "Min", even in the
    # first column, keep their rows.
    slots = _slots(30, 20)
    lines = ["Queue,Interval,Offered"] + [
        f"{queue},{t:%d/%m/%Y %H:%M},{_offered(t)}" for t in slots for queue in ("Max", "Min")
    ]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    assert _per_queue(result) == {"Max": 710.0, "Min": 710.0}


# --- Counts of contacts offered to or abandoned in the ACD ----------------------------------------


def test_acd_calls_offered_and_abandoned_are_the_offered_and_abandoned_counts(tmp_path):
    # Before: 'ACD' read as Avaya's answered "ACD Calls", so no count was the volume and the
    # report was read as a call log: 100 rows, 100 contacts for 810 offered.
    slots = _slots(30, 20)
    lines = ["Date;Time;Queue;ACD Calls Offered;ACD Calls Handled;ACD Calls Abandoned;AHT"] + [
        f"{t:%d/%m/%Y};{t:%H:%M};Support;{_offered(t) + 1};{_offered(t) - 1};2;180" for t in slots
    ]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    columns = result.files[0].columns
    assert (columns["volume"], columns["answered"], columns["abandoned"]) == (
        "ACD Calls Offered",
        "ACD Calls Handled",
        "ACD Calls Abandoned",
    )
    frame = result.dataset.intervals
    assert frame[[schema.VOLUME, schema.ANSWERED, schema.ABANDONED]].sum().tolist() == [
        810.0,
        610.0,
        200.0,
    ]


def test_guard_avayas_acd_calls_stay_the_answered_count(tmp_path):
    slots = _slots(30, 20)
    lines = ["Date;Time;Calls Offered;ACD Calls;Aband Calls"] + [
        f"{t:%d/%m/%Y};{t:%H:%M};{_offered(t)};{_offered(t) - 1};1" for t in slots
    ]
    result = import_files_detailed([write(tmp_path, "cms.csv", "\n".join(lines) + "\n")])
    columns = result.files[0].columns
    assert (columns["volume"], columns["answered"]) == ("Calls Offered", "ACD Calls")
    assert result.contacts == 710


# --- Asterisk's queue_log --------------------------------------------------------------------------


def _queue_log(calls: int = 120) -> tuple[str, dict]:
    """A queue_log of `calls` calls from Monday 4 March 2024 08:00 UTC, 4 min apart on five days:
    every sixth abandoned after 40 s, every tenth (not sixth) timed out after 90 s, the rest
    answered after 8 + n % 5 s and talked 100 + n s; the queue started and an agent logged in
    first, each answered call rang one agent unanswered first. Returns the text and the truth."""
    epoch = int((MONDAY - dt.datetime(1970, 1, 1)).total_seconds()) + 8 * 3600
    lines = [
        f"{epoch - 600}|NONE|NONE|NONE|QUEUESTART|",
        f"{epoch - 60}|NONE|support|SIP/201|ADDMEMBER|",
    ]
    truth = {"answered": 0, "abandoned": 0, "timeout": 0, "waits": [], "talks": []}
    for n in range(calls):
        at = epoch + 86_400 * (n % 5) + 240 * (n // 5)
        call = f"{at}.{n}"
        lines.append(f"{at}|{call}|support|NONE|ENTERQUEUE||0612345{n:03d}|1")
        if n % 6 == 0:
            lines.append(f"{at + 40}|{call}|support|NONE|ABANDON|1|1|40")
            truth["abandoned"] += 1
        elif n % 10 == 0:
            lines.append(f"{at + 90}|{call}|support|NONE|EXITWITHTIMEOUT|1|1|90")
            truth["timeout"] += 1
        else:
            wait, talk = 8 + n % 5, 100 + n
            lines.append(f"{at + 5}|{call}|support|SIP/202|RINGNOANSWER|5000")
            lines.append(f"{at + wait}|{call}|support|SIP/201|CONNECT|{wait}|{call}|3")
            done = "COMPLETECALLER" if n % 2 else "COMPLETEAGENT"
            lines.append(f"{at + wait + talk}|{call}|support|SIP/201|{done}|{wait}|{talk}|1")
            truth["answered"] += 1
            truth["waits"].append(wait)
            truth["talks"].append(talk)
    return "\n".join(lines) + "\n", truth


def test_asterisks_queue_log_is_read_as_one_row_per_call(tmp_path):
    # Before: refused, "no column with dates or timestamps was found. Columns: 1709539904
    # (e.g. '1709539934'); ... ENTERQUEUE (e.g. 'ABANDON') ...".
    text, truth = _queue_log()
    assert (truth["answered"], truth["abandoned"], truth["timeout"]) == (92, 20, 8)
    result = import_files_detailed([write(tmp_path, "queue_log", text)])
    assert result.contacts == 120
    frame = result.dataset.intervals
    assert frame[schema.ANSWERED].sum() == 92
    # A caller timed out of the queue gave up waiting there too (EXITWITHTIMEOUT is abandoned).
    assert frame[schema.ABANDONED].sum() == 20 + 8
    answered = frame[frame[schema.ANSWERED] > 0]
    weights = answered[schema.ANSWERED]
    mean_talk = (answered[schema.AHT_SECONDS] * weights).sum() / weights.sum()
    # 100 s + the answered calls' mean n: (7,140 - 1,140 abandoned - 480 timed out) / 92 = 60.
    assert mean_talk == pytest.approx(sum(truth["talks"]) / 92) == pytest.approx(160.0)
    assert _per_queue(result) == {"support": 120.0}
    assert any("read as Asterisk's queue_log" in note for note in result.dataset.notes)
    # Unix time is UTC: the first call is at 08:00 as written.
    assert frame.loc[frame[schema.VOLUME] > 0, schema.INTERVAL_START].min() == pd.Timestamp(
        "2024-03-04 08:00"
    )


def test_guard_a_pipe_separated_report_is_no_queue_log(tmp_path):
    lines = ["Interval|Queue|Offered"] + [
        f"{t:%Y-%m-%d %H:%M}|Support|{_offered(t)}" for t in _slots(30, 20)
    ]
    result = import_files_detailed([write(tmp_path, "acd.txt", "\n".join(lines) + "\n")])
    assert result.contacts == 710
    assert not any("queue_log" in note for note in result.dataset.notes)


# --- Counts of the contacts nobody answered, named by denying the answer ------------------------


@pytest.mark.parametrize(
    "header",
    [
        "Date;Heure;Appels reçus;Non répondus",
        "Datum;Zeit;Angebotene Anrufe;Nicht angenommen",
        "Data;Ora;Chiamate ricevute;Non risposte",
        "Fecha;Hora;Llamadas recibidas;No atendidas",
        "Data;Hora;Chamadas recebidas;Não atendidas",
        "Datum;Tijd;Aangeboden gesprekken;Niet beantwoord",
        "Date;Time;Calls Offered;Calls not answered",
        "Date;Time;Calls Offered;Unanswered",
    ],
)
def test_a_count_denying_the_answer_is_the_unanswered_count(tmp_path, header):
    # Before: 'Non répondus' was read as the answered count, 100 calls answered of 710, and
    # no call abandoned ('Unanswered': no outcome count at all).
    lines = [header] + [f"{t:%d/%m/%Y};{t:%H:%M};{_offered(t)};1" for t in _slots(30, 20)]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    columns = result.files[0].columns
    assert columns["abandoned"] == header.split(";")[3]
    assert "answered" not in columns
    frame = result.dataset.intervals
    assert (frame[schema.VOLUME].sum(), frame[schema.ABANDONED].sum()) == (710.0, 100.0)


def test_a_count_denying_the_answer_beside_the_answered_count(tmp_path):
    # Before: 'Appels non répondus' was left out beside 'Appels répondus': no abandoned count.
    lines = ["Date;Heure;Appels reçus;Appels répondus;Appels non répondus"] + [
        f"{t:%d/%m/%Y};{t:%H:%M};{_offered(t)};{_offered(t) - 1};1" for t in _slots(30, 20)
    ]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    columns = result.files[0].columns
    assert (columns["answered"], columns["abandoned"]) == ("Appels répondus", "Appels non répondus")
    frame = result.dataset.intervals
    assert frame[[schema.ANSWERED, schema.ABANDONED]].sum().tolist() == [610.0, 100.0]


@pytest.mark.parametrize("answered", ["No. Answered", "No. of calls answered", "Nº atendidas"])
def test_guard_a_number_sign_before_the_answer_denies_nothing(tmp_path, answered):
    lines = [f"Interval;Offered;{answered};Abandoned"] + [
        f"{t:%Y-%m-%d %H:%M};{_offered(t)};{_offered(t) - 1};1" for t in _slots(30, 20)
    ]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["answered"] == answered
