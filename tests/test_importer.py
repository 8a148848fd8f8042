"""Importing exports into a Dataset: shapes, aggregation, clocks, several files, bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from import_support import at, write

from data import schema
from data.errors import InputError
from data.importer import ImportOptions, import_files, import_files_detailed

RECORDS = """arrival,handle_seconds,wait_seconds,outcome
2024-03-04 08:01:10,100,10,answered
2024-03-04 08:07:00,300,30,answered
2024-03-04 08:14:59,,50,abandoned
2024-03-04 08:15:00,200,0,answered
2024-03-04 08:40:00,0:05:00,0:00:20,ANSWERED
2024-03-05 09:00:00,60,5,transfer
"""


def test_contact_records_are_counted_per_15_minutes(tmp_path):
    dataset = import_files([write(tmp_path, "phone.csv", RECORDS)])
    assert dataset.kind == schema.KIND_RECORDS and dataset.interval_minutes == 15
    first = at(dataset, "2024-03-04 08:00")
    # Hand-counted: three arrivals 08:00-08:15, two answered (100 s and 300 s talk, 10/30 s wait).
    assert (first.volume, first.answered, first.abandoned) == (3, 2, 1)
    assert first.aht_seconds == 200 and first.wait_seconds == 20
    second = at(dataset, "2024-03-04 08:15")  # 08:15:00 starts the next interval
    assert (second.volume, second.aht_seconds, second.wait_seconds) == (1, 200, 0)
    assert at(dataset, "2024-03-04 08:30").aht_seconds == 300  # H:MM:SS durations
    empty = at(dataset, "2024-03-04 10:00")
    assert empty.volume == 0 and np.isnan(empty.aht_seconds) and not empty.is_missing
    # A transfer with a handle time was served here before it was passed on: answered.
    passed_on = at(dataset, "2024-03-05 09:00")
    assert (passed_on.volume, passed_on.answered, passed_on.abandoned) == (1, 1, 0)
    assert (dataset.answered, dataset.abandoned) == (5, 1)
    assert dataset.mean_handle_seconds == pytest.approx((100 + 300 + 200 + 300 + 60) / 5)
    assert dataset.intervals[schema.VOLUME].sum() == 6


def test_records_can_be_aggregated_to_an_hour(tmp_path):
    dataset = import_files(
        [write(tmp_path, "phone.csv", RECORDS)], ImportOptions(interval_minutes=60)
    )
    hour = at(dataset, "2024-03-04 08:00")
    assert dataset.interval_minutes == 60
    assert (hour.volume, hour.answered, hour.abandoned, hour.aht_seconds) == (5, 4, 1, 225)


def test_records_with_a_queue_column_give_one_grid_per_queue(tmp_path):
    text = "created;channel;talk time\n01/03/2024 08:05;chat;120\n01/03/2024 08:20;phone;60\n"
    text += "02/03/2024 17:50;phone;30\n"
    dataset = import_files([write(tmp_path, "export.csv", text)])
    assert dataset.queues == ["chat", "phone"]
    frame = dataset.intervals
    assert frame.groupby(schema.QUEUE)[schema.VOLUME].sum().to_dict() == {"chat": 1, "phone": 2}
    assert len(frame[frame[schema.QUEUE] == "chat"]) == 96  # one day of 15-minute slots
    assert len(frame[frame[schema.QUEUE] == "phone"]) == 2 * 96
    assert at(dataset, "2024-03-01 08:15", "phone").aht_seconds == 60


def test_excel_unicode_text_export_is_read(tmp_path):
    rows = [f"04/03/2024 {8 + i // 2:02d}:{30 * (i % 2):02d}\t{i + 1}\t180,5" for i in range(20)]
    text = "Intervallo\tChiamate\tTMC\r\n" + "\r\n".join(rows) + "\r\n"
    dataset = import_files([write(tmp_path, "unicode.txt", text, "utf-16")])
    assert dataset.intervals[schema.VOLUME].sum() == sum(range(1, 21))
    assert at(dataset, "2024-03-04 17:30").volume == 20
    assert at(dataset, "2024-03-04 08:00").aht_seconds == 180.5


def test_satisfaction_scores_are_averaged_per_interval_over_rated_contacts(tmp_path):
    text = (
        "arrivo;esito;voto\n"
        "04/03/2024 08:01;risposta;5\n"
        "04/03/2024 08:07;risposta;3\n"
        "04/03/2024 08:09;abbandonata;\n"
        "04/03/2024 08:20;risposta;4,5\n"
        "04/03/2024 08:25;risposta;n.d.\n"
    )
    dataset = import_files([write(tmp_path, "csat.csv", text)])
    assert at(dataset, "2024-03-04 08:00")[schema.SATISFACTION] == 4.0  # (5 + 3) / 2
    assert at(dataset, "2024-03-04 08:15")[schema.SATISFACTION] == 4.5
    assert np.isnan(at(dataset, "2024-03-04 08:30")[schema.SATISFACTION])
    assert dataset.mean_satisfaction == pytest.approx(12.5 / 3)
    note = next(note for note in dataset.notes if "satisfaction 'voto':" in note)
    assert "3 rated contact(s), mean 4.17 (from 3 to 5)" in note
    assert "1 value(s) that are not scores were ignored (line 6: 'n.d.')" in note


def test_italian_export_with_dotted_clock_and_month_names(tmp_path):
    dotted = "Inizio;Chiamate\n" + "".join(
        f"03.02.2025 {8 + i // 2:02d}.{30 * (i % 2):02d};{i}\n" for i in range(10)
    )
    named = "Inizio;Chiamate\n" + "".join(
        f"3 feb 2025 {8 + i // 2:02d}:{30 * (i % 2):02d};{i}\n" for i in range(10)
    )
    for name, text in (("punti.csv", dotted), ("mesi.csv", named)):
        dataset = import_files([write(tmp_path, name, text)])
        assert dataset.interval_minutes == 30
        assert at(dataset, "2025-02-03 12:30").volume == 9
        assert dataset.intervals[schema.VOLUME].sum() == sum(range(10))


def test_interval_labels_ending_at_24_00_are_moved_to_interval_starts(tmp_path):
    # Hourly counts labelled by the end of the hour (01:00 ... 24:00), as some ACDs export them.
    hours = [f"{hour:02d}:00" for hour in range(1, 25)]
    lines = [
        f"{day}/03/2024;{hour};{10 + i}" for day in ("04", "05") for i, hour in enumerate(hours)
    ]
    text = "Data;Ora;Chiamate\n" + "\n".join(lines) + "\n"
    result = import_files_detailed([write(tmp_path, "orarie.csv", text)])
    dataset = result.dataset
    assert dataset.interval_minutes == 60
    starts = dataset.intervals[schema.INTERVAL_START]
    assert starts.min() == pd.Timestamp("2024-03-04 00:00")
    assert starts.max() == pd.Timestamp("2024-03-05 23:00")
    assert at(dataset, "2024-03-04 00:00").volume == 10  # the "01:00" row
    assert at(dataset, "2024-03-05 23:00").volume == 33  # the "24:00" row of the 5th
    assert dataset.intervals[schema.VOLUME].sum() == 2 * sum(range(10, 34))
    assert any("mark the end of each interval" in note for note in dataset.notes)


def test_italian_interval_export_with_date_and_time_columns(tmp_path):
    text = (
        "Data;Ora;Chiamate;Durata media\n"
        "04/03/2024;08:00;12;185,5\n"
        "04/03/2024;08:30;7;0:03:00\n"
        "04/03/2024;09:00;0;\n"
        "Totale;;19;\n"
    )
    result = import_files_detailed([write(tmp_path, "assistenza.csv", text, "latin-1")])
    dataset = result.dataset
    assert dataset.kind == schema.KIND_INTERVALS and dataset.interval_minutes == 30
    report = result.files[0]
    assert report.columns == {
        "date": "Data",
        "time": "Ora",
        "volume": "Chiamate",
        "aht": "Durata media",
    }
    assert report.decimal_comma and report.delimiter == ";"
    assert at(dataset, "2024-03-04 08:00").aht_seconds == 185.5
    assert at(dataset, "2024-03-04 08:30").aht_seconds == 180
    assert dataset.intervals[schema.VOLUME].sum() == 19  # the "Totale" row is not an interval
    assert any("total" in note for note in dataset.notes)


def test_italian_thousands_separators_are_not_read_as_decimals(tmp_path):
    # Italian Excel writes 1250 contacts as "1.250": read as 1.25 the day would shrink 1000x.
    text = "Inizio intervallo;Volume\n04/03/2024 08:00;1.250\n04/03/2024 08:30;980\n"
    result = import_files_detailed([write(tmp_path, "giornaliero.csv", text)])
    assert at(result.dataset, "2024-03-04 08:00").volume == 1250
    assert result.dataset.intervals[schema.VOLUME].sum() == 2230
    assert "numbers written 1.234,5" in result.dataset.notes[0]


def test_footer_lines_without_separator_are_skipped_with_a_note(tmp_path):
    text = (
        "timestamp;calls;queue\n2024-03-04 08:00;5;A\n2024-03-04 08:30;7;A\n\n"
        "Report generated by CMS on 05/03/2024\nPage 1 of 1\n"
    )
    dataset = import_files([write(tmp_path, "cms.csv", text)])
    assert dataset.intervals[schema.VOLUME].sum() == 12
    assert any(
        "2 line(s) without any semicolon were skipped" in note and "Page 1 of 1" in note
        for note in dataset.notes
    )


def test_a_row_with_some_fields_missing_is_still_an_error(tmp_path):
    text = "timestamp;calls;queue\n2024-03-04 08:00;5;A\n2024-03-04 08:30;7\n"
    with pytest.raises(
        InputError, match=r"line 3 has 2 fields where the header has 3 \('2024-03-04 08:30;7'\)"
    ):
        import_files([write(tmp_path, "cms.csv", text)])


def test_outbound_and_internal_calls_are_not_counted_as_demand(tmp_path):
    text = (
        "Start Time,Direction,Queue,Talk Time\n"
        "2024-03-04 08:01:10,Inbound,Sales,0:03:10\n"
        "2024-03-04 08:02:10,Outbound,Sales,0:01:10\n"
        "2024-03-04 08:05:10,inbound,Sales,0:02:00\n"
        "2024-03-04 08:17:10,Internal,Sales,0:00:40\n"
        "2024-03-04 08:21:10,Inbound,Care,0:05:00\n"
    )
    result = import_files_detailed([write(tmp_path, "calls.csv", text)])
    dataset = result.dataset
    assert result.files[0].columns["direction"] == "Direction"
    assert dataset.intervals[schema.VOLUME].sum() == 3
    sales = at(dataset, "2024-03-04 08:00", "Sales")
    assert sales.volume == 2 and sales.aht_seconds == 155  # (190 + 120) / 2: outbound left out
    assert any(
        "2 row(s) with 'Direction' = Outbound, Internal left out" in n for n in dataset.notes
    )


def test_an_outbound_only_export_is_refused_with_the_reason(tmp_path):
    text = "Start Time,Direction\n2024-03-04 08:01:10,Outbound\n2024-03-04 08:02:10,OUT\n"
    with pytest.raises(InputError, match="every row is an outbound or internal call"):
        import_files([write(tmp_path, "calls.csv", text)])


@pytest.mark.parametrize(
    ("header", "cells", "aht"),
    [
        ("AHT (min)", ("3,5", "4,5"), 240.0),  # 3.5 and 4.5 minutes
        ("TMC minuti", ("3,5", "4,5"), 240.0),
        ("Handle Time (ms)", ("180000", "240000"), 210.0),
        ("AHT (sec)", ("180", "240"), 210.0),
        ("AHT (mm:ss)", ("3:00", "4:00"), 210.0),  # clock notation: never rescaled
        ("AHT (min)", ("0:03:00", "0:04:00"), 210.0),
    ],
)
def test_handle_time_unit_named_in_the_header_is_applied(tmp_path, header, cells, aht):
    text = (
        f"inizio;chiamate;{header}\n04/03/2024 08:00;1;{cells[0]}\n04/03/2024 08:00;1;{cells[1]}\n"
    )
    dataset = import_files([write(tmp_path, "q.csv", text)])
    assert at(dataset, "2024-03-04 08:00").aht_seconds == pytest.approx(aht)


def test_implausible_handle_time_without_a_unit_gets_a_note(tmp_path):
    text = "timestamp,calls,AHT\n2024-03-04 08:00,4,3.5\n2024-03-04 08:30,6,4.0\n"
    dataset = import_files([write(tmp_path, "q.csv", text)])
    assert any(
        "median handle time of 3.8 s is implausible" in note and "'AHT (min)'" in note
        for note in dataset.notes
    )


def test_a_served_only_count_is_used_with_a_note(tmp_path):
    text = "Interval,Calls Handled,AHT\n2024-03-04 08:00,9,240\n2024-03-04 08:30,18,250\n"
    dataset = import_files([write(tmp_path, "acd.csv", text)])
    assert dataset.intervals[schema.VOLUME].sum() == 27
    assert any("'Calls Handled', which seems to count served" in note for note in dataset.notes)


def test_monthly_exports_of_one_queue_make_one_history_and_overlaps_count_once(tmp_path):
    march = "date,calls\n" + "".join(f"2024-03-{d:02d},{d}\n" for d in range(25, 32))
    april = "date,calls\n2024-03-31,40\n" + "".join(
        f"2024-04-{d:02d},{100 + d}\n" for d in range(1, 8)
    )
    dataset = import_files(
        [write(tmp_path, "calls_2024-03.csv", march), write(tmp_path, "calls_2024-04.csv", april)]
    )
    assert dataset.queues == ["calls"]
    # 31 March is in both exports: April's corrected 40 replaces March's 31, not added to it.
    assert at(dataset, "2024-03-31").volume == 40
    assert dataset.intervals[schema.VOLUME].sum() == sum(range(25, 31)) + 40 + sum(
        100 + d for d in range(1, 8)
    )
    assert any(
        "1 interval row(s) appear in more than one file" in note
        and "calls_2024-03.csv by calls_2024-04.csv" in note
        for note in dataset.notes
    )


def test_hourly_report_with_hour_ranges(tmp_path):
    text = (
        "Data;Fascia oraria;Chiamate\n04/03/2024;08-09;10\n04/03/2024;09-10;12\n"
        "04/03/2024;10-11;9\n05/03/2024;08-09;11\n"
    )
    dataset = import_files([write(tmp_path, "orario.csv", text)])
    assert dataset.interval_minutes == 60  # not daily: the hours were read
    assert at(dataset, "2024-03-04 09:00").volume == 12


def test_us_export_with_ambiguous_dates_and_a_12_hour_clock(tmp_path):
    # 3/4/2024 could be 3 April; read that way the two days would be a month apart.
    text = (
        "Date,Time,Calls\n3/4/2024,12:00 PM,5\n3/4/2024,12:30 PM,7\n3/4/2024,1:00 PM,9\n"
        "3/4/2024,1:30 PM,3\n3/5/2024,12:00 PM,6\n3/5/2024,12:30 PM,1\n"
    )
    dataset = import_files([write(tmp_path, "us.csv", text)])
    assert dataset.interval_minutes == 30
    assert at(dataset, "2024-03-04 13:30").volume == 3
    assert at(dataset, "2024-03-05 12:00").volume == 6
    assert any("read as month/day (%m/%d/%Y)" in note for note in dataset.notes)


def test_european_dates_that_fit_both_ways_stay_day_first(tmp_path):
    text = "".join(f"0{day}/02/2024;{hour};{day}\n" for day in range(1, 10) for hour in (8, 9))
    dataset = import_files([write(tmp_path, "eu.csv", "data;ora;chiamate\n" + text)])
    assert at(dataset, "2024-02-09 08:00").volume == 9
    assert not any("month/day" in note for note in dataset.notes)


def test_acd_interval_report_without_offered_counts_answered_plus_abandoned(tmp_path):
    text = (
        "Interval,Answered,Abandoned,ASA,Avg Abandon Time\n"
        "2024-03-04 08:00,9,1,10,40\n"
        "2024-03-04 08:15,18,3,20,60\n"
        "2024-03-04 08:30,20,0,5,\n"
        "2024-03-04 08:45,10,2,30,30\n"
    )
    result = import_files_detailed(
        [write(tmp_path, "acd.csv", text)], ImportOptions(interval_minutes=30)
    )
    dataset = result.dataset
    assert dataset.kind == schema.KIND_INTERVALS
    assert (dataset.answered, dataset.abandoned) == (57, 6)
    first = at(dataset, "2024-03-04 08:00")
    assert (first.volume, first.answered, first.abandoned) == (31, 27, 4)
    # Waits are weighted by the callers they describe: (9*10 + 18*20) / 27, (1*40 + 3*60) / 4.
    assert first.wait_seconds == pytest.approx(450 / 27)
    assert first.abandon_wait_seconds == pytest.approx(55)
    second = at(dataset, "2024-03-04 08:30")
    assert second.abandon_wait_seconds == 30  # the empty cell had no abandoned caller
    assert any("contacts = 'Answered' + 'Abandoned'" in note for note in dataset.notes)


def test_answered_counts_stay_unknown_for_a_file_that_does_not_report_them(tmp_path):
    with_outcomes = "Interval,Offered,Answered,Abandoned\n2024-03-04 08:00,10,9,1\n"
    without = "Interval,Offered\n2024-03-04 08:00,7\n"
    dataset = import_files(
        [write(tmp_path, "sales.csv", with_outcomes), write(tmp_path, "care.csv", without)]
    )
    assert at(dataset, "2024-03-04 08:00", "sales").answered == 9
    assert np.isnan(at(dataset, "2024-03-04 08:00", "care").answered)  # unknown, not 0


def test_call_log_with_an_abandoned_yes_no_flag_has_outcomes(tmp_path):
    text = (
        "Call start,Queue,Abandoned,Talk Time,Queue Time\n"
        "2024-03-04 08:01:13,Sales,NO,120,10\n2024-03-04 08:03:55,Sales,YES,0,95\n"
        "2024-03-04 08:09:01,Sales,No,200,5\n"
    )
    result = import_files_detailed([write(tmp_path, "log.csv", text)])
    dataset = result.dataset
    assert result.files[0].columns["abandoned flag"] == "Abandoned"
    assert (dataset.answered, dataset.abandoned) == (2, 1)
    slot = at(dataset, "2024-03-04 08:00", "Sales")
    assert (slot.answered, slot.abandoned, slot.aht_seconds) == (2, 1, 160)
    assert slot.abandon_wait_seconds == 95


def test_a_call_log_with_0_1_answered_and_abandoned_flags_stays_a_call_log(tmp_path):
    # Count-like headers, but arrival times to the second: one row per call, not per interval.
    text = (
        "Call start,Answered,Abandoned\n2024-03-04 08:01:13,1,0\n2024-03-04 08:03:55,0,1\n"
        "2024-03-04 08:09:01,1,0\n"
    )
    dataset = import_files([write(tmp_path, "log.csv", text)])
    assert dataset.kind == schema.KIND_RECORDS
    assert dataset.intervals[schema.VOLUME].sum() == 3
    assert (dataset.answered, dataset.abandoned) == (2, 1)


def test_grid_is_regular_from_first_to_last_day_and_sorted(tmp_path):
    text = "timestamp,calls\n2024-03-04 10:00,5\n2024-03-04 10:15,4\n2024-03-06 16:45,2\n"
    dataset = import_files([write(tmp_path, "q.csv", text)])
    frame = dataset.intervals
    assert list(frame.columns) == schema.INTERVAL_COLUMNS
    assert frame[schema.INTERVAL_START].iloc[0] == pd.Timestamp("2024-03-04 00:00")
    assert frame[schema.INTERVAL_START].iloc[-1] == pd.Timestamp("2024-03-06 23:45")
    assert (frame[schema.INTERVAL_START].diff().dropna() == pd.Timedelta(minutes=15)).all()
    assert frame[schema.INTERVAL_START].dtype == "datetime64[ns]"
    assert frame[schema.IS_OPEN].dtype == bool and frame[schema.IS_MISSING].dtype == bool
    assert frame[schema.ANSWERED].isna().all()  # interval input has no outcomes
    assert list(dataset.open_hours.columns) == [
        schema.QUEUE,
        schema.WEEKDAY,
        schema.MINUTE_OF_DAY,
        schema.IS_OPEN,
    ]
    assert len(dataset.open_hours) == 7 * 96


def test_closed_slots_are_zero_and_open_gaps_are_missing(tmp_path):
    """Open 08:00-18:00 on weekdays, no rows at night or at weekends, some open rows dropped."""
    rng = np.random.default_rng(3)
    slots = pd.date_range("2024-01-01", "2024-03-31 23:30", freq="30min")
    open_rows = slots[(slots.day_of_week < 5) & (slots.hour >= 8) & (slots.hour < 18)]
    counts = rng.poisson(6, len(open_rows)) + 1
    dropped = rng.random(len(open_rows)) < 0.03
    kept = pd.DataFrame({"timestamp": open_rows[~dropped], "calls": counts[~dropped]})
    path = tmp_path / "desk.csv"
    kept.to_csv(path, index=False)
    dataset = import_files([path])
    frame = dataset.intervals.set_index(schema.INTERVAL_START)
    assert frame.loc[open_rows[dropped], schema.IS_MISSING].all()
    assert frame.loc[open_rows[dropped], schema.VOLUME].isna().all()
    assert frame[schema.IS_MISSING].sum() == dropped.sum()
    closed = frame[~frame[schema.IS_OPEN]]
    assert (closed[schema.VOLUME] == 0).all() and not closed[schema.IS_MISSING].any()
    assert frame[schema.IS_OPEN].sum() == len(open_rows)
    assert frame[schema.VOLUME].sum() == counts[~dropped].sum()


def test_coarser_interval_sums_native_intervals(tmp_path):
    rows = [f"2024-03-04 08:{minute:02d},{minute // 15 + 1}" for minute in (0, 15, 30, 45)]
    path = write(tmp_path, "q.csv", "timestamp,calls\n" + "\n".join(rows) + "\n")
    dataset = import_files([path], ImportOptions(interval_minutes=60))
    assert dataset.interval_minutes == 60
    assert at(dataset, "2024-03-04 08:00").volume == 1 + 2 + 3 + 4
    later = [f"2024-03-04 09:{minute:02d},10" for minute in (0, 15, 30, 45)]
    gappy = rows[:2] + rows[3:] + later  # 08:30 has no row
    path = write(tmp_path, "gappy.csv", "timestamp,calls\n" + "\n".join(gappy))
    partial = import_files_detailed([path], ImportOptions(interval_minutes=60))
    assert np.isnan(at(partial.dataset, "2024-03-04 08:00").volume)  # not 1 + 2 + 4
    assert at(partial.dataset, "2024-03-04 08:00").is_missing
    assert at(partial.dataset, "2024-03-04 09:00").volume == 40
    assert partial.contacts == 1 + 2 + 4 + 40
    with pytest.raises(InputError, match="15-minute intervals, which cannot be regrouped"):
        import_files([path], ImportOptions(interval_minutes=5))
    with pytest.raises(InputError, match="does not divide the day"):
        import_files([path], ImportOptions(interval_minutes=7))


def test_weekly_totals_are_refused_with_what_to_export(tmp_path):
    weeks = pd.date_range("2024-01-01", periods=12, freq="W-MON")
    rows = [f"{week:%Y-%m-%d},{1000 + k}" for k, week in enumerate(weeks)]
    path = write(tmp_path, "weekly.csv", "week,calls\n" + "\n".join(rows) + "\n")
    with pytest.raises(InputError, match=r"rows are 7 days apart \(one row per week\).*per day"):
        import_files([path])


def test_autumn_repeated_hour_is_summed_and_reported(tmp_path):
    # 2023-10-29: clocks go back 03:00 -> 02:00 in Italy, so 02:00 and 02:30 appear twice.
    text = "timestamp;calls\n" + "\n".join(
        f"2023-10-29 {stamp};{calls}"
        for stamp, calls in [
            ("01:30", 1), ("02:00", 2), ("02:30", 3), ("02:00", 4), ("02:30", 5), ("03:00", 6),
        ]
    )  # fmt: skip
    dataset = import_files([write(tmp_path, "night.csv", text)])
    assert at(dataset, "2023-10-29 02:00").volume == 6
    assert at(dataset, "2023-10-29 02:30").volume == 8
    assert dataset.intervals[schema.VOLUME].sum() == 21
    note = next(note for note in dataset.notes if "repeat a timestamp" in note)
    assert "2 row(s)" in note and "2023-10-29 02:00:00" in note and "summed" in note


def test_spring_forward_gap_is_a_missing_interval_not_a_crash(tmp_path):
    stamps = pd.date_range("2024-03-30", "2024-04-01 23:30", freq="30min")
    gap = (stamps >= "2024-03-31 02:00") & (stamps < "2024-03-31 03:00")
    frame = pd.DataFrame({"DATE": stamps[~gap].strftime("%Y-%m-%d %H:%M:%S.000"), "CALLS": 3})
    path = tmp_path / "spring.csv"
    frame.to_csv(path, sep=";", index=False)
    dataset = import_files([path])
    intervals = dataset.intervals.set_index(schema.INTERVAL_START)
    assert intervals.loc[stamps[gap], schema.IS_MISSING].all()
    assert intervals[schema.VOLUME].sum() == 3 * (~gap).sum()


def test_records_in_the_repeated_autumn_hour_are_each_counted_once(tmp_path):
    text = "arrival\n2023-10-29 02:10:00\n2023-10-29 02:10:00\n2023-10-29 02:14:59\n"
    dataset = import_files([write(tmp_path, "calls.csv", text)])
    assert at(dataset, "2023-10-29 02:00").volume == 3
    assert dataset.intervals[schema.VOLUME].sum() == 3


def test_several_files_become_one_multi_queue_dataset(tmp_path):
    one = write(tmp_path, "Tech. Axa.csv", "DATE;CALLS\n2024-01-01 00:00:00.000;4\n")
    two = write(tmp_path, "Téléphonie.csv", "DATE;CALLS\n2024-01-02 00:30:00.000;5\n")
    dataset = import_files([one, two])
    assert dataset.queues == ["Tech. Axa", "Téléphonie"]
    assert dataset.source_files == ["Tech. Axa.csv", "Téléphonie.csv"]
    totals = dataset.intervals.groupby(schema.QUEUE)[schema.VOLUME].sum()
    assert totals.to_dict() == {"Tech. Axa": 4, "Téléphonie": 5}


def test_display_names_name_the_queues_of_uploaded_temp_files(tmp_path):
    path = write(tmp_path, "tmp8f3k2.csv", "DATE;CALLS\n2024-01-01 00:00;4\n")
    dataset = import_files([path], names=["Assistenza clienti.csv"])
    assert dataset.queues == ["Assistenza clienti"]
    with pytest.raises(InputError, match="Assistenza clienti.csv"):
        import_files([write(tmp_path, "tmp2.csv", "")], names=["Assistenza clienti.csv"])


def test_overrides_win_over_detection(tmp_path):
    text = "opened,closed,n,team\n2024-03-04 08:00,2024-03-04 08:30,2,a\n"
    text += "2024-03-04 08:15,2024-03-04 08:45,3,b\n"
    path = write(tmp_path, "x.csv", text)
    dataset = import_files(
        [path], ImportOptions(time_column="closed", volume_column="n", queue_column="team")
    )
    assert dataset.queues == ["a", "b"]
    assert at(dataset, "2024-03-04 08:45", "b").volume == 3
    records = import_files([path], ImportOptions(kind=schema.KIND_RECORDS))
    assert records.kind == schema.KIND_RECORDS
    assert records.intervals[schema.VOLUME].sum() == 2  # one contact per row


def test_mixing_records_and_intervals_is_refused(tmp_path):
    counts = write(tmp_path, "counts.csv", "timestamp,calls\n2024-03-04 08:00,2\n")
    calls = write(tmp_path, "calls.csv", "arrival,outcome\n2024-03-04 08:01:02,answered\n")
    with pytest.raises(InputError, match=r"mix interval volumes and contact records"):
        import_files([counts, calls])


def test_every_unreadable_file_of_an_upload_is_named_at_once(tmp_path):
    good = write(tmp_path, "march.csv", "timestamp,calls\n2024-03-04 08:00,2\n")
    empty = write(tmp_path, "april.csv", "")
    bare = write(tmp_path, "may.csv", "timestamp,calls\n")
    with pytest.raises(InputError) as raised:
        import_files([good, empty, bare])
    message = str(raised.value)
    assert message.startswith("2 of 3 files cannot be read")
    assert "- april.csv: the file is empty" in message
    assert "- may.csv: only a header row was found" in message
    assert "march.csv" not in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", r"bad\.csv: the file is empty"),
        ("queue,calls\nA,3\nB,4\n", r"bad\.csv: no column with dates or timestamps.*queue"),
        (
            "timestamp,calls\n2024-03-04 08:00,1\n2024-13-45 08:15,2\nyesterday,3\n"
            "2024-03-04 09:00,4\n04/03 10:00,5\n2024-03-04 11:00,6\nlater,7\n"
            "2024-03-04 12:00,1\n2024-03-04 13:00,1\n2024-03-04 14:00,1\n2024-03-04 15:00,1\n",
            r"bad\.csv: column 'timestamp' has 4 value\(s\) that are not readable dates/times "
            r"\(line 3: '2024-13-45 08:15'; line 4: 'yesterday'; line 6: '04/03 10:00'\)",
        ),
        (
            "timestamp,calls\n2024-03-04 08:00,1\n2024-03-04 08:15,-2\n",
            r"bad\.csv: column 'calls' has 1 negative count\(s\) \(line 3: '-2'\)",
        ),
        (
            "timestamp,calls\n2024-03-04 08:00,1\n2024-03-04 08:15,lots\n",
            r"bad\.csv: column 'calls' should hold counts but 1 value\(s\) are not numbers "
            r"\(line 3: 'lots'\)",
        ),
        (
            "timestamp,calls\n2024-03-04 08:00,1\n2024-03-04 08:15,2,3\n",
            r"bad\.csv: line 3 has 3 fields where the header has 2 \('2024-03-04 08:15,2,3'\)",
        ),
    ],
)
def test_bad_input_names_file_line_and_column(tmp_path, text, expected):
    with pytest.raises(InputError, match=expected):
        import_files([write(tmp_path, "bad.csv", text)])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"PK\x03\x04" + bytes(200), "this .*damaged Excel workbook"),
        # An old Excel workbook (.xls) is read; one whose insides are damaged says so.
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), "the workbook could not be opened"),
        (bytes(range(256)) * 8, "this .*binary file"),
    ],
)
def test_spreadsheets_and_binaries_are_refused(tmp_path, raw, expected):
    path = tmp_path / "history.csv"
    path.write_bytes(raw)
    with pytest.raises(InputError, match=f"history.csv: {expected}"):
        import_files([path])


def test_an_unknown_override_column_lists_the_real_ones(tmp_path):
    path = write(tmp_path, "q.csv", "timestamp,calls\n2024-03-04 08:00,1\n")
    with pytest.raises(InputError, match=r"no column named 'Offered'.*timestamp, calls"):
        import_files([path], ImportOptions(volume_column="Offered"))


def test_blank_counts_are_missing_not_zero(tmp_path):
    text = "timestamp,calls\n2024-03-04 08:00,1\n2024-03-04 08:15,\n2024-03-04 08:30,2\n"
    dataset = import_files([write(tmp_path, "q.csv", text)])
    assert np.isnan(at(dataset, "2024-03-04 08:15").volume)
    assert at(dataset, "2024-03-04 08:15").is_missing


def test_latin1_beyond_the_sniffed_head_is_still_read(tmp_path):
    rows = [f"2024-03-04 {hour:02d}:00;{hour};ok" for hour in range(24)] * 3000  # > 1 MB
    text = "timestamp;calls;team\n" + "\n".join(rows) + "\n2024-03-05 00:00;5;caffè\n"
    path = write(tmp_path, "late.csv", text, "latin-1")
    dataset = import_files([path], ImportOptions(queue_column="team"))
    assert dataset.queues == ["caffè", "ok"]
    totals = dataset.intervals.groupby(schema.QUEUE)[schema.VOLUME].sum()
    assert totals.to_dict() == {"caffè": 5, "ok": 3000 * sum(range(24))}


def test_zone_offsets_are_ignored_never_applied(tmp_path):
    text = "arrival\n2024-03-04T08:05:00+01:00\n2024-03-04T08:20:00Z\n2024-03-04T08:25:00-05:00\n"
    dataset = import_files([write(tmp_path, "calls.csv", text)])
    assert at(dataset, "2024-03-04 08:00").volume == 1  # wall clock as written, not UTC
    assert at(dataset, "2024-03-04 08:15").volume == 2
    # Only the Z stamp's clock is UTC rather than local: the note says so.
    assert any("end in Z (UTC) and were read as written" in note for note in dataset.notes)


def test_unix_time_call_log(tmp_path):
    # A database export: call id (not a time) and Unix seconds under "created_ts".
    text = "call_id,created_ts,duration\n1709539250,1709539250,180\n1709539300,1709539300,240\n"
    result = import_files_detailed([write(tmp_path, "calls.csv", text)])
    assert result.files[0].columns["timestamp"] == "created_ts"
    assert at(result.dataset, "2024-03-04 08:00").volume == 2
    assert any(
        "Unix time (seconds), which counts from 1970 in UTC" in n for n in result.dataset.notes
    )


def test_local_offsets_get_no_utc_note(tmp_path):
    text = "arrival\n2024-03-04T08:05:00+01:00\n2024-03-04T08:20:00+01:00\n"
    dataset = import_files([write(tmp_path, "calls.csv", text)])
    assert not any("UTC" in note for note in dataset.notes)


def test_italian_contact_records(tmp_path):
    text = (
        "Data;Ora;Coda;Durata;Attesa;Esito\n"
        "04/03/2024;9:01:00;Assistenza;0:02:00;15;Risposta\n"
        "04/03/2024;9:05:30;Assistenza;0:04:00;45;Risposta\n"
        "04/03/2024;9:07:00;Assistenza;;90;Abbandonata\n"
        "04/03/2024;9:10:00;Vendite;0:01:30;5;Risposta\n"
    )
    result = import_files_detailed([write(tmp_path, "chiamate.csv", text)])
    assert result.files[0].columns == {
        "date": "Data",
        "time": "Ora",
        "handle": "Durata",
        "wait": "Attesa",
        "outcome": "Esito",
        "queue": "Coda",
    }
    dataset = result.dataset
    assert dataset.queues == ["Assistenza", "Vendite"]
    first = at(dataset, "2024-03-04 09:00", "Assistenza")
    assert (first.volume, first.answered, first.abandoned) == (3, 2, 1)
    assert first.aht_seconds == 180 and first.wait_seconds == 30  # answered calls only
    assert at(dataset, "2024-03-04 09:00", "Vendite").aht_seconds == 90


def test_files_with_different_intervals_are_summed_to_the_coarsest(tmp_path):
    quarter = "timestamp,calls\n" + "\n".join(
        f"2024-03-04 08:{minute:02d},1" for minute in (0, 15, 30, 45)
    )
    half = "timestamp,calls\n2024-03-04 08:00,5\n2024-03-04 08:30,6\n"
    dataset = import_files([write(tmp_path, "a.csv", quarter), write(tmp_path, "b.csv", half)])
    assert dataset.interval_minutes == 30
    assert at(dataset, "2024-03-04 08:00", "a").volume == 2
    assert at(dataset, "2024-03-04 08:30", "b").volume == 6
    assert any("different intervals" in note for note in dataset.notes)


def test_timestamps_off_the_grid_fall_in_their_interval(tmp_path):
    text = "timestamp,calls\n2024-03-04 08:00,1\n2024-03-04 08:15,2\n2024-03-04 08:37,4\n"
    text += "2024-03-04 08:45,8\n"
    dataset = import_files([write(tmp_path, "q.csv", text)])
    assert dataset.interval_minutes == 15
    assert at(dataset, "2024-03-04 08:30").volume == 4
    assert any("not on the 15-minute grid" in note for note in dataset.notes)


def test_a_bad_clock_time_is_named_with_its_line(tmp_path):
    rows = [f"04/03/2024;{hour}:00;3" for hour in range(8, 18)]
    rows[4] = "04/03/2024;25:99;3"
    text = "data;ora;chiamate\n" + "\n".join(rows) + "\n"
    with pytest.raises(
        InputError, match=r"orari\.csv: column 'ora' has 1 value\(s\).*line 6: '25:99'"
    ):
        import_files([write(tmp_path, "orari.csv", text)])


def test_export_with_a_title_reports_true_line_numbers(tmp_path):
    head = "Calls by half hour\nsep=;\n"  # title, Excel's separator hint, then the table
    body = [f"2024-03-04 {hour:02d}:00;{hour}" for hour in range(8, 14)]
    path = write(tmp_path, "acd.csv", head + "timestamp;calls\n" + "\n".join(body) + "\n")
    dataset = import_files([path])
    assert dataset.intervals[schema.VOLUME].sum() == sum(range(8, 14))
    body[2] = "2024-03-04 10:00;-1"
    path = write(tmp_path, "acd.csv", head + "timestamp;calls\n" + "\n".join(body) + "\n")
    with pytest.raises(InputError, match=r"line 6: '-1'"):  # the file's own line 6
        import_files([path])


def test_line_numbers_stay_true_after_a_total_row_is_dropped(tmp_path):
    text = "timestamp,calls\nTotal,9\n2024-03-04 08:00,1\n2024-03-04 08:15,x\n2024-03-04 08:30,1\n"
    with pytest.raises(InputError, match=r"line 4: 'x'"):
        import_files([write(tmp_path, "q.csv", text)])


def test_records_with_dates_only_are_counted_per_day(tmp_path):
    text = "data;esito\n04/03/2024;risposta\n04/03/2024;abbandonata\n05/03/2024;risposta\n"
    path = write(tmp_path, "giorni.csv", text)
    dataset = import_files([path])
    assert dataset.interval_minutes == 1440
    assert dataset.intervals[schema.VOLUME].tolist() == [2, 1]
    with pytest.raises(InputError, match="no time of day"):
        import_files([path], ImportOptions(interval_minutes=15))


def test_a_busy_day_missing_from_a_record_export_is_a_gap(tmp_path):
    rng = np.random.default_rng(5)
    days = pd.date_range("2024-03-04", periods=21, freq="D")  # three weeks from a Monday
    stamps = [
        day + pd.Timedelta(seconds=int(second))
        for day in days
        if day != pd.Timestamp("2024-03-13")  # the export lost this Wednesday
        for second in rng.integers(9 * 3600, 17 * 3600, 40 if day.day_of_week < 6 else 2)
    ]
    path = tmp_path / "calls.csv"
    pd.DataFrame({"arrival": sorted(stamps)}).to_csv(path, index=False)
    dataset = import_files([path])
    frame = dataset.intervals.set_index(schema.INTERVAL_START)
    lost = frame.loc["2024-03-13"]
    assert lost[schema.IS_MISSING].sum() == lost[schema.IS_OPEN].sum() > 0
    assert lost.loc[lost[schema.IS_OPEN], schema.VOLUME].isna().all()
    assert not frame.loc["2024-03-12", schema.IS_MISSING].any()
    assert frame[schema.VOLUME].sum() == len(stamps)
    assert any("Wed 13 Mar 2024" in note and "missing" in note for note in dataset.notes)


def test_record_files_with_and_without_outcomes_merge_into_queues(tmp_path):
    phone = "arrival,talk,outcome\n2024-03-04 08:01,100,answered\n2024-03-04 08:02,,abandoned\n"
    chat = "arrival,talk\n2024-03-04 08:03,300\n2024-03-04 08:04,500\n"
    paths = [write(tmp_path, "phone.csv", phone), write(tmp_path, "chat.csv", chat)]
    dataset = import_files(paths)
    assert dataset.queues == ["chat", "phone"]
    assert (dataset.answered, dataset.abandoned) == (1, 1)
    assert at(dataset, "2024-03-04 08:00", "chat").aht_seconds == 400  # no outcome: all served
    assert np.isnan(at(dataset, "2024-03-04 08:00", "chat").answered)  # unknown, not zero
    assert at(dataset, "2024-03-04 08:00", "phone").answered == 1
    assert at(dataset, "2024-03-04 08:00", "phone").aht_seconds == 100
    assert dataset.mean_handle_seconds == pytest.approx((100 + 300 + 500) / 3)


def test_yymmdd_dates_keep_their_leading_zero(tmp_path):
    text = "date\tarrival\n050301\t8:01:00\n050301\t8:20:00\n050302\t9:00:00\n"
    dataset = import_files([write(tmp_path, "calls.txt", text)])
    assert at(dataset, "2005-03-01 08:00").volume == 1
    assert at(dataset, "2005-03-02 09:00").volume == 1


def test_month_first_dates_are_recognised_after_ambiguous_first_rows(tmp_path):
    # US order, 5-minute rows from March 1st: the sniffed first rows all have days <= 12.
    stamps = pd.date_range("2024-03-01", "2024-03-19 23:55", freq="5min")
    text = "timestamp,calls\n" + "\n".join(f"{stamp:%m/%d/%Y %H:%M},1" for stamp in stamps)
    dataset = import_files([write(tmp_path, "us.csv", text)])
    frame = dataset.intervals
    assert frame[schema.INTERVAL_START].min() == pd.Timestamp("2024-03-01")
    assert frame[schema.INTERVAL_START].max() == pd.Timestamp("2024-03-19 23:55")
    assert frame[schema.VOLUME].sum() == len(stamps)
    assert any("month/day" in note for note in dataset.notes)


def test_a_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match=r"gone\.csv: cannot be read"):
        import_files([tmp_path / "gone.csv"])
