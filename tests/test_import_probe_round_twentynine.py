"""Round-twenty-nine probes: Avaya CMS interval ranges with AM/PM written once after their end
("1:00- 1:30 PM", also as a grid's headers and as Spanish "p. m.") or after both clocks beside a
date, Japanese clocks counting the afternoon from 0 ("午後0:30"), Oracle's DD-MON-RR dates and
dotted timestamps ("04-MAR-24 01.05.00.000000 PM"), Excel serial date-times under a date header or
with a decimal comma, date and clock as one run of digits ("20240304081500"), a total queue row
in any language ("Gesamt"), German and Spanish unit words in durations ("3 Min. 5 Sek.", "3 min
5 seg") and milliseconds after a comma, the year after the clock (Java's Date.toString), waits
named as a time in the queue in more languages ("Tempo em fila"), Hungarian year-first dotted
dates ("2024.03.04. 08:00"), IBM Db2 timestamps ("2024-03-04-08.00.00.000000"), dates their
month does not have ("31/02/2024"), which were rolled into the next month, and halves of the day
named in Greek and Swedish ("8:15 π.μ.", "fm")."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from import_support import (
    at,
    contacts_per_queue,
    half_hours,
    note_with,
    write,
)

from data import schema
from data.errors import InputError
from data.importer import import_files_detailed

MONDAY = dt.datetime(2024, 3, 4, 8)


def _calls(t: dt.datetime) -> int:
    return 10 + t.hour % 4 + t.day % 3


def _twelve_hour(t: dt.datetime) -> str:
    return f"{t.hour % 12 or 12}:{t:%M}"


# --- Avaya CMS interval column: "1:00- 1:30 PM" ------------------------------------------------
# Avaya CMS Supervisor's split/skill interval report prints each row's range with one AM/PM after
# its end, and the split and date in the lines above the table.


def _cms_report(ranges: list[tuple[dt.datetime, str]]) -> str:
    lines = ["Split/Skill Interval", "Split/Skill: 2 Sales", "Date: 3/4/24", ""]
    lines.append("Time\tACD Calls\tAvg Speed Ans\tAban Calls\tAvg ACD Time\tAvg ACW Time")
    lines += [f"{label}\t{_calls(t)}\t0:12\t1\t3:05\t0:30" for t, label in ranges]
    return "\n".join(lines) + "\n"


def _cms_label(t: dt.datetime, half_of: dt.datetime) -> str:
    end = t + dt.timedelta(minutes=30)
    return f"{_twelve_hour(t):>5}-{_twelve_hour(end):>5} {half_of:%p}"


def test_an_avaya_cms_range_reads_its_afternoon_start_from_the_pm_after_its_end(tmp_path):
    # Before: "1:00- 1:30 PM" was read as 01:00, the afternoon counted at night (01:00-03:30).
    ranges = [(t, _cms_label(t, t + dt.timedelta(minutes=30))) for t in half_hours(1)]
    result = import_files_detailed([write(tmp_path, "cms.txt", _cms_report(ranges))])
    frame = result.dataset.intervals
    counted = frame.loc[frame[schema.VOLUME] > 0, schema.INTERVAL_START]
    assert (counted.min(), counted.max()) == (MONDAY, dt.datetime(2024, 3, 4, 15, 30))
    # ACD calls plus one abandoned: 13:00 holds 12 + 1, 11:30 ("11:30-12:00 PM") 14 + 1.
    assert at(result.dataset, "2024-03-04 13:00")[schema.VOLUME] == 13
    assert at(result.dataset, "2024-03-04 11:30")[schema.VOLUME] == 15
    assert float(frame[schema.VOLUME].sum()) == sum(_calls(t) + 1 for t in half_hours(1))


def test_the_slot_before_noon_follows_the_half_its_hour_11_neighbour_is_written_in(tmp_path):
    # Written with the start's half ("11:30-12:00 AM"), the slot before noon is still 11:30, as
    # "11:00-11:30 AM" beside it says; the afternoon's "1:00- 1:30 PM" stays 13:00.
    ranges = [(t, _cms_label(t, t)) for t in half_hours(1)]
    result = import_files_detailed([write(tmp_path, "cms.txt", _cms_report(ranges))])
    assert at(result.dataset, "2024-03-04 11:30")[schema.VOLUME] == 15
    assert at(result.dataset, "2024-03-04 13:00")[schema.VOLUME] == 13
    assert at(result.dataset, "2024-03-04 23:30")[schema.VOLUME] == 0


def _afternoon_starts(result) -> tuple[dt.datetime, dt.datetime, float]:
    frame = result.dataset.intervals
    counted = frame.loc[frame[schema.VOLUME] > 0, schema.INTERVAL_START]
    return counted.min(), counted.max(), float(frame[schema.VOLUME].sum())


_FIVE_DAYS = (MONDAY, dt.datetime(2024, 3, 8, 15, 30), float(sum(map(_calls, half_hours(5)))))


def test_a_grid_with_range_headers_written_with_the_half_after_their_end(tmp_path):
    # Before: the "1:00-1:30 PM" column was read as 01:00, the afternoon counted at night.
    times = half_hours(1)
    header = ["Date"] + [_cms_label(t, t + dt.timedelta(minutes=30)).strip() for t in times]
    lines = [",".join(header)]
    for day in range(5):
        counts = [_calls(t + dt.timedelta(days=day)) for t in times]
        lines.append(f"{MONDAY + dt.timedelta(days=day):%m/%d/%Y}," + ",".join(map(str, counts)))
    result = import_files_detailed([write(tmp_path, "grid.csv", "\n".join(lines) + "\n")])
    assert _afternoon_starts(result) == _FIVE_DAYS
    assert at(result.dataset, "2024-03-05 13:00")[schema.VOLUME] == _calls(
        dt.datetime(2024, 3, 5, 13)
    )


def _read_rows(tmp_path, header: str, row) -> tuple[dt.datetime, dt.datetime, float]:
    """The first and last intervals counted and the contacts of a file of `row(t)` lines."""
    lines = [header] + [row(t) for t in half_hours(5)]
    return _afternoon_starts(
        import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    )


def _end(t: dt.datetime) -> dt.datetime:
    return t + dt.timedelta(minutes=30)


def test_spanish_ranges_with_p_m_after_their_end(tmp_path):
    # "1:00 - 1:30 p. m." (a space inside the mark, as Spanish Windows writes it): before, 01:00.
    def row(t: dt.datetime) -> str:
        half = "a. m." if _end(t).hour < 12 else "p. m."
        return f"{t:%d/%m/%Y};{_twelve_hour(t)} - {_twelve_hour(_end(t))} {half};Ventas;{_calls(t)}"

    assert _read_rows(tmp_path, "Fecha;Intervalo;Cola;Recibidas", row) == _FIVE_DAYS


def test_a_date_and_a_range_with_am_pm_after_both_clocks_in_one_column(tmp_path):
    # "03/04/2024 1:00 PM - 1:30 PM": before, refused as having no date column.
    def row(t: dt.datetime) -> str:
        return (
            f"{t:%m/%d/%Y} {_twelve_hour(t)} {t:%p} - {_twelve_hour(_end(t))} {_end(t):%p},"
            f"Sales,{_calls(t)}"
        )

    assert _read_rows(tmp_path, "Interval,Queue,Offered", row) == _FIVE_DAYS


# --- Japanese 12-hour clocks from 0: "午後0:30" ----------------------------------------------------


def test_a_japanese_call_log_with_afternoon_hour_zero_is_read(tmp_path):
    # Before: refused, "11 value(s) that are not readable dates/times (... '2024/03/05 午後0:03')".
    arrivals = [MONDAY + dt.timedelta(days=i % 5, seconds=i * 317 % 36_000) for i in range(150)]
    lines = ["開始日時,キュー"] + [
        f"{t:%Y/%m/%d} {'午前' if t.hour < 12 else '午後'}{t.hour % 12}:{t:%M},サポート"
        for t in arrivals
    ]
    result = import_files_detailed([write(tmp_path, "通話履歴.csv", "\n".join(lines) + "\n")])
    frame = result.dataset.intervals
    assert float(frame[schema.VOLUME].sum()) == 150
    noon = [t for t in arrivals if t.hour == 12 and t.minute < 15 and t.day == 5]
    assert len(noon) >= 1
    assert at(result.dataset, "2024-03-05 12:00")[schema.VOLUME] == len(noon)


# --- Oracle's DD-MON-RR dates with a clock ----------------------------------------------------------
# Oracle Database writes dates as DD-MON-RR (NLS_DATE_FORMAT) and timestamps as
# 'DD-MON-RR HH.MI.SSXFF AM' (NLS_TIMESTAMP_FORMAT) unless told otherwise (Oracle Database
# Globalization Support Guide), so a report run straight from the database writes them so.

_ARRIVALS = [MONDAY + dt.timedelta(days=i % 5, seconds=i * 317 % 36_000) for i in range(150)]


def _read_log(tmp_path, stamp) -> schema.Dataset:
    lines = ["CALL_START,QUEUE_NAME"] + [f"{stamp(t)},Support" for t in _ARRIVALS]
    return import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")]).dataset


def _first_quarter_hours(dataset: schema.Dataset) -> list[float]:
    frame = dataset.intervals
    return frame.loc[frame[schema.VOLUME] > 0, schema.VOLUME].head(3).tolist()


def _expected_first_quarter_hours() -> list[float]:
    counts: dict[dt.datetime, int] = {}
    for t in _ARRIVALS:
        start = t.replace(minute=t.minute // 15 * 15, second=0)
        counts[start] = counts.get(start, 0) + 1
    return [float(counts[key]) for key in sorted(counts)[:3]]


def test_oracle_day_month_name_two_digit_year_dates_with_a_clock_are_read(tmp_path):
    # Before: "04-MAR-24 08:00" was refused, "no column with dates or timestamps was found".
    dataset = _read_log(tmp_path, lambda t: f"{t:%d-%b-%y %H:%M:%S}".upper())
    assert float(dataset.intervals[schema.VOLUME].sum()) == 150
    assert at(dataset, "2024-03-07 08:15")[schema.VOLUME] == sum(
        1 for t in _ARRIVALS if t.day == 7 and t.hour == 8 and 15 <= t.minute < 30
    )
    assert _first_quarter_hours(dataset) == _expected_first_quarter_hours()


def test_oracle_timestamps_with_a_dotted_clock_fraction_and_am_pm_are_read(tmp_path):
    # "04-MAR-24 01.05.00.000000 PM": before, refused as no date column.
    dataset = _read_log(tmp_path, lambda t: f"{t:%d-%b-%y %I.%M.%S}.000000 {t:%p}".upper())
    counted = dataset.intervals.loc[dataset.intervals[schema.VOLUME] > 0, schema.INTERVAL_START]
    # The last call, Friday 17:35, lies in the 17:30 quarter hour: its PM was read.
    assert max(_ARRIVALS) == dt.datetime(2024, 3, 8, 17, 35, 53)
    assert (counted.min(), counted.max()) == (MONDAY, dt.datetime(2024, 3, 8, 17, 30))
    assert _first_quarter_hours(dataset) == _expected_first_quarter_hours()


def test_italian_month_abbreviations_with_a_two_digit_year_are_read(tmp_path):
    months = ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"]
    dataset = _read_log(tmp_path, lambda t: f"{t:%d}-{months[t.month - 1]}-{t:%y} {t:%H:%M}")
    assert _first_quarter_hours(dataset) == _expected_first_quarter_hours()
    assert float(dataset.intervals[schema.VOLUME].sum()) == 150


# --- Excel serial date-times under a date header -------------------------------------------------
# A date-time cell formatted as "General" is saved as its serial: days since 1899-12-30, the time
# as the fraction (Microsoft, "DATEVALUE function"), with the locale's decimal mark.


def _serial(t: dt.datetime) -> float:
    return (t - dt.datetime(1899, 12, 30)).total_seconds() / 86_400


def test_a_call_log_with_excel_serial_date_times_under_date_is_read(tmp_path):
    # Before: "45355.333333" under "Date" was refused, "no column with dates or timestamps".
    lines = ["Date,Queue"] + [f"{_serial(t):.10f},Support" for t in _ARRIVALS]
    dataset = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")]).dataset
    assert _first_quarter_hours(dataset) == _expected_first_quarter_hours()
    assert float(dataset.intervals[schema.VOLUME].sum()) == 150


def test_an_interval_report_with_decimal_comma_serials_is_read(tmp_path):
    # A German spreadsheet writes the serial with a decimal comma: "45355,3333333333".
    lines = ["Datum;Warteschlange;Angebotene Anrufe"] + [
        f"{_serial(t):.10f};Vertrieb;{_calls(t)}".replace(".", ",") for t in half_hours(5)
    ]
    result = import_files_detailed([write(tmp_path, "anrufe.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["timestamp"] == "Datum"
    assert result.files[0].interval_minutes == 30
    assert at(result.dataset, "2024-03-06 13:30")[schema.VOLUME] == _calls(
        dt.datetime(2024, 3, 6, 13)
    )
    frame = result.dataset.intervals
    assert float(frame[schema.VOLUME].sum()) == sum(map(_calls, half_hours(5)))


# --- Date and clock as one run of digits: "20240304081500" ------------------------------------------
# SAP's TIMESTAMP data type is YYYYMMDDhhmmss written as digits (SAP ABAP keyword documentation,
# "Time Stamps"); telephone switches' call records often write their start times the same way.


def test_a_call_log_with_fourteen_digit_start_times_is_read(tmp_path):
    # Before: refused, "no column with dates or timestamps was found".
    dataset = _read_log(tmp_path, lambda t: f"{t:%Y%m%d%H%M%S}")
    assert _first_quarter_hours(dataset) == _expected_first_quarter_hours()
    assert float(dataset.intervals[schema.VOLUME].sum()) == 150


def test_an_interval_report_with_twelve_digit_interval_starts_is_read(tmp_path):
    lines = ["INTERVAL_START;QUEUE;OFFERED"]
    lines += [f"{t:%Y%m%d%H%M};Billing;{_calls(t)}" for t in half_hours(5)]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    assert result.files[0].interval_minutes == 30
    assert at(result.dataset, "2024-03-08 15:30")[schema.VOLUME] == _calls(
        dt.datetime(2024, 3, 8, 15)
    )


def test_guard_digits_under_a_caller_header_are_no_timestamp(tmp_path):
    # A caller's number of fourteen digits that happens to fit the shape is never the arrival.
    lines = ["Caller,Start Time,Queue"] + [
        f"20240101{i:06d},{t:%Y-%m-%d %H:%M:%S},Support" for i, t in enumerate(_ARRIVALS)
    ]
    result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["timestamp"] == "Start Time"
    assert _first_quarter_hours(result.dataset) == _expected_first_quarter_hours()


# --- A total queue row named in any language -------------------------------------------------------


def _queues_with_total(total: str, queues: tuple[str, ...] = ("Vertrieb", "Service")) -> str:
    lines = ["Datum;Intervall;Warteschlange;Angeboten;Angenommen"]
    for t in half_hours(5):
        rows = [(q, _calls(t) + 3 * k) for k, q in enumerate(queues)]
        rows.append((total, sum(count for _, count in rows)))
        lines += [f"{t:%d.%m.%Y};{t:%H:%M};{q};{n};{n - 1}" for q, n in rows]
    return "\n".join(lines) + "\n"


def test_a_total_queue_row_is_found_by_its_sums_whatever_it_is_called(tmp_path):
    # Before: "Gesamt" was a third queue of 2,272 contacts beside Vertrieb's 1,016 and Service's
    # 1,256, every contact counted twice.
    result = import_files_detailed([write(tmp_path, "ivr.csv", _queues_with_total("Gesamt"))])
    assert contacts_per_queue(result) == {"Service": 1256.0, "Vertrieb": 1016.0}
    assert note_with(result.dataset, "total/subtotal") == (
        "ivr.csv: 80 total/subtotal row(s) were skipped (80 'Gesamt' rows in 'Warteschlange', "
        "each the sum of the rows beside it in its interval)."
    )
    for total in ("Tutte le code", "Σ"):
        other = import_files_detailed([write(tmp_path, "ivr.csv", _queues_with_total(total))])
        assert contacts_per_queue(other) == {"Service": 1256.0, "Vertrieb": 1016.0}


def test_guard_a_queue_that_only_sometimes_equals_the_others_sum_stays(tmp_path):
    # Three queues where the third equals the other two in a few intervals only: no total.
    lines = ["Datum;Intervall;Warteschlange;Angeboten"]
    for i, t in enumerate(half_hours(5)):
        third = 2 * _calls(t) if i % 10 == 0 else _calls(t) + 1
        lines += [f"{t:%d.%m.%Y};{t:%H:%M};{q};{n}"
                  for q, n in (("A", _calls(t)), ("B", _calls(t)), ("C", third))]  # fmt: skip
    result = import_files_detailed([write(tmp_path, "q.csv", "\n".join(lines) + "\n")])
    assert sorted(contacts_per_queue(result)) == ["A", "B", "C"]
    assert not any("total/subtotal" in note for note in result.dataset.notes)


# --- Durations in German and Spanish words, or with a decimal comma in the seconds ----------------


def _handle_times(tmp_path, header: str, written: list[str]) -> tuple[str | None, float]:
    lines = [f"Beginn;Warteschlange;{header}"] + [
        f"{t:%d.%m.%Y %H:%M:%S};Service;{written[i % len(written)]}"
        for i, t in enumerate(_ARRIVALS)
    ]
    result = import_files_detailed([write(tmp_path, "anrufe.csv", "\n".join(lines) + "\n")])
    frame = result.dataset.intervals.dropna(subset=[schema.AHT_SECONDS])
    mean = np.average(frame[schema.AHT_SECONDS], weights=frame[schema.VOLUME])
    return result.files[0].columns.get("handle"), float(mean)


def test_durations_in_german_and_spanish_unit_words_are_read(tmp_path):
    # Before: "3 Min. 5 Sek." and "3 min 5 seg" were no durations: no handle time, the 300-s
    # stand-in, with a note that the column was not read.
    column, aht = _handle_times(tmp_path, "Gesprächsdauer", ["3 Min. 5 Sek.", "1 Std. 1 Min."])
    assert (column, aht) == ("Gesprächsdauer", (185 + 3660) / 2)
    column, aht = _handle_times(tmp_path, "Duración", ["3 min 5 seg", "45 seg"])
    assert (column, aht) == ("Duración", (185 + 45) / 2)


def test_clock_durations_with_a_decimal_comma_before_the_milliseconds_are_read(tmp_path):
    # "00:03:05,120", as a spreadsheet with a German locale writes milliseconds.
    column, aht = _handle_times(tmp_path, "Gesprächsdauer", ["00:03:05,120", "00:01:00,900"])
    assert column == "Gesprächsdauer"
    assert aht == pytest.approx((185.12 + 60.9) / 2)  # the milliseconds kept


# --- The year after the clock: C's asctime, Unix `date`, Java's Date.toString ------------------------
# Java SE's Date.toString writes "EEE MMM dd HH:mm:ss zzz yyyy"; C's asctime and the Unix `date`
# command write the year last too ("Mon Mar  4 08:00:00 2024", the day padded with a space).


def test_java_date_strings_with_the_year_after_the_clock_are_read(tmp_path):
    # Before: refused, "no column with dates or timestamps was found".
    dataset = _read_log(tmp_path, lambda t: f"{t:%a %b %d %H:%M:%S} CET {t:%Y}")
    assert _first_quarter_hours(dataset) == _expected_first_quarter_hours()
    assert float(dataset.intervals[schema.VOLUME].sum()) == 150
    padded = _read_log(tmp_path, lambda t: f"{t:%a %b} {t.day:>2} {t:%H:%M:%S} {t:%Y}")
    assert _first_quarter_hours(padded) == _expected_first_quarter_hours()


# --- Waits named in Finnish, German compounds, Portuguese and Polish --------------------------------


def test_waits_named_in_more_languages_are_read_as_the_wait(tmp_path):
    # Before: none of these was read, so no answer speed and no patience came from the file.
    for header in ("Odotusaika", "Wartedauer", "Tempo em fila", "Czas w kolejce"):
        lines = [f"Start;Queue;Talk Time;{header}"] + [
            f"{t:%Y-%m-%d %H:%M:%S};Support;185;{20 + i % 2 * 10}" for i, t in enumerate(_ARRIVALS)
        ]
        result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])
        assert result.files[0].columns["wait"] == header
        frame = result.dataset.intervals.dropna(subset=[schema.WAIT_SECONDS])
        mean = np.average(frame[schema.WAIT_SECONDS], weights=frame[schema.VOLUME])
        assert mean == 25.0


def test_an_interval_reports_mean_time_in_the_queue_is_the_wait_not_the_handle_time(tmp_path):
    lines = [
        "Data;Intervalo;Fila;Chamadas recebidas;Chamadas atendidas;Tempo médio em fila;"
        "Tempo médio de atendimento"
    ]
    lines += [
        f"{t:%d/%m/%Y};{t:%H:%M};Suporte;{_calls(t)};{_calls(t) - 1};00:00:25;00:04:05"
        for t in half_hours(5)
    ]
    result = import_files_detailed([write(tmp_path, "chamadas.csv", "\n".join(lines) + "\n")])
    columns = result.files[0].columns
    assert (columns["wait"], columns["aht"]) == (
        "Tempo médio em fila",
        "Tempo médio de atendimento",
    )
    frame = result.dataset.intervals
    assert set(frame[schema.WAIT_SECONDS].dropna()) == {25.0}
    assert set(frame[schema.AHT_SECONDS].dropna()) == {245.0}


# --- Year-first dates with dots: Hungarian "2024.03.04." ---------------------------------------------
# The Hungarian locale's short date runs year first with a dot after each part, "2024.03.04."
# (Windows' hu-HU "yyyy. MM. dd." is also written without its spaces), unlike Korean's "2024. 3. 4.".


def test_a_call_log_with_hungarian_dates_is_read(tmp_path):
    # Before: refused, "no column with dates or timestamps was found".
    dataset = _read_log(tmp_path, lambda t: f"{t:%Y.%m.%d. %H:%M:%S}")
    assert _first_quarter_hours(dataset) == _expected_first_quarter_hours()
    assert float(dataset.intervals[schema.VOLUME].sum()) == 150


def test_an_interval_report_with_year_first_dotted_dates_is_read(tmp_path):
    def row(t: dt.datetime) -> str:
        return f"{t:%Y.%m.%d};{t:%H:%M};Support;{_calls(t)}"

    assert _read_rows(tmp_path, "Date;Time;Queue;Calls", row) == _FIVE_DAYS


# --- IBM Db2 timestamps: "2024-03-04-08.00.00.000000" ------------------------------------------------


def test_a_call_log_with_db2_timestamps_is_read(tmp_path):
    # Before: refused, "no column with dates or timestamps was found".
    dataset = _read_log(tmp_path, lambda t: f"{t:%Y-%m-%d-%H.%M.%S}.000000")
    assert _first_quarter_hours(dataset) == _expected_first_quarter_hours()
    assert float(dataset.intervals[schema.VOLUME].sum()) == 150


# --- A date its month does not have is named, not rolled into the next month -----------------------


def test_a_day_past_the_end_of_its_month_is_refused_naming_its_line(tmp_path):
    # Before: "31/02/2024" was read as Saturday 2 March, its contacts opening a closed weekend slot.
    lines = ["Date,Time,Queue,Offered"] + [
        f"{t:%d/%m/%Y},{t:%H:%M},Q,{_calls(t)}" for t in half_hours(5)
    ]
    lines[40] = "31/02/2024,08:00,Q,5"
    with pytest.raises(InputError) as refused:
        import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    assert "column 'Date' has 1 date(s) past the end of their month" in str(refused.value)
    assert "(line 41: '31/02/2024', February 2024 has 29 days)" in str(refused.value)


def test_an_iso_timestamp_on_a_day_its_month_lacks_is_refused(tmp_path):
    lines = ["Start,Queue"] + [f"{t:%Y-%m-%d %H:%M:%S},Support" for t in _ARRIVALS]
    lines[7] = "2024-04-31 10:30:00,Support"
    with pytest.raises(InputError, match=r"line 8: '2024-04-31 10:30:00'"):
        import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])


def test_guard_the_first_days_of_a_month_beside_clocks_at_30_still_read(tmp_path):
    # 1 March at 08:30 holds a "30" and a day 1 after a short month: a real date, kept.
    lines = ["Start,Queue"] + [
        f"{t - dt.timedelta(days=3):%Y-%m-%d %H:%M:30},Support" for t in _ARRIVALS
    ]
    dataset = import_files_detailed([write(tmp_path, "c.csv", "\n".join(lines) + "\n")]).dataset
    assert float(dataset.intervals[schema.VOLUME].sum()) == 150
    assert at(dataset, "2024-03-01 08:00")[schema.VOLUME] == sum(
        1 for t in _ARRIVALS if t.day == 4 and t.hour == 8 and t.minute < 15
    )


# --- Halves of the day named in other locales: Greek "π.μ."/"μ.μ.", Swedish "fm"/"em" -----------------
# CLDR's day periods for el and sv, as Windows' 12-hour clocks in those locales write them.


def test_a_greek_call_log_with_a_twelve_hour_clock_is_read(tmp_path):
    # Before: refused, "no column with dates or timestamps was found".
    def stamp(t: dt.datetime) -> str:
        return f"{t:%d/%m/%Y} {_twelve_hour(t)}:{t:%S} {'π.μ.' if t.hour < 12 else 'μ.μ.'}"

    dataset = _read_log(tmp_path, stamp)
    assert _first_quarter_hours(dataset) == _expected_first_quarter_hours()
    counted = dataset.intervals.loc[dataset.intervals[schema.VOLUME] > 0, schema.INTERVAL_START]
    assert counted.max() == dt.datetime(2024, 3, 8, 17, 30)


def test_a_swedish_interval_report_with_fm_and_em_clocks_is_read(tmp_path):
    def row(t: dt.datetime) -> str:
        return (
            f"{t:%Y-%m-%d};{_twelve_hour(t)} {'fm' if t.hour < 12 else 'em'};Kundtjänst;{_calls(t)}"
        )

    assert _read_rows(tmp_path, "Datum;Tid;Kö;Samtal", row) == _FIVE_DAYS
