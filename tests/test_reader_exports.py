"""Realistic export quirks the reader must get right or refuse clearly: dates written in both
day/month orders, labels at interval ends, clocks without a colon, timestamps in vendors'
spellings, dashes for zero, and rows that are not intervals (blank, totals, dates written once)."""

from __future__ import annotations

import pandas as pd
import pytest
from import_support import at, note_with, write

from data import schema
from data.errors import InputError
from data.importer import ImportOptions, import_files, import_files_detailed


def total(dataset: schema.Dataset) -> float:
    return float(dataset.intervals[schema.VOLUME].sum())


# --- 1. Day/month order ---------------------------------------------------------------------


def test_a_column_mixing_day_first_and_month_first_dates_is_refused_naming_both(tmp_path):
    # dd/mm up to 13 March, then mm/dd from 14 March: each order fails on the other's rows.
    days = ["11/03/2024", "12/03/2024", "13/03/2024", "03/14/2024", "03/15/2024"]
    text = "Date,Interval,Calls\n" + "".join(f"{day},08:00,4\n{day},08:30,5\n" for day in days)
    with pytest.raises(InputError) as error:
        import_files([write(tmp_path, "mixed.csv", text)])
    message = str(error.value)
    assert "column 'Date' mixes day/month orders" in message
    assert "line 6: '13/03/2024' only day/month" in message
    assert "line 8: '03/14/2024' can only be month/day" in message
    assert "not readable" not in message  # not the old advice to remove the 13/03 rows


def test_dates_running_day_by_day_one_way_beside_dates_fitting_only_the_other_are_refused(
    tmp_path,
):
    # 04/03-08/03 are day-first (4-8 March), 03/15-03/17 month-first: month-first reads all,
    # but puts the first five in April-August.
    days = [f"0{day}/03/2024" for day in range(4, 9)] + [f"03/{day}/2024" for day in (15, 16, 17)]
    text = "Date,Interval,Calls\n" + "".join(f"{day},08:00,4\n{day},08:30,5\n" for day in days)
    with pytest.raises(InputError) as error:
        import_files([write(tmp_path, "after_fix.csv", text)])
    message = str(error.value)
    assert "column 'Date' seems to mix day/month orders" in message
    assert "line 12: '03/15/2024' can only be month/day" in message
    assert "line 2: '04/03/2024' would be 2024-04-03" in message


def test_day_first_dates_with_a_12_hour_clock_are_read_and_the_note_names_day_month(tmp_path):
    # UK export: "04/03/2024 8:00 AM" fits a US 12-hour format first; 13/03 only day-first.
    rows = [
        f"{day:02d}/03/2024 {hour}:{minute} AM,{day + hour}"
        for day in range(4, 14)
        for hour, minute in ((8, "00"), (8, "30"))
    ]
    text = "Interval Start,Calls Offered\n" + "\n".join(rows) + "\n"
    result = import_files_detailed([write(tmp_path, "uk.csv", text)])
    dataset = result.dataset
    assert dataset.interval_minutes == 30
    assert at(dataset, "2024-03-04 08:00").volume == 12
    assert at(dataset, "2024-03-13 08:30").volume == 21
    assert result.first_interval == pd.Timestamp("2024-03-04 08:00")
    assert result.last_interval == pd.Timestamp("2024-03-13 08:30")
    note = note_with(dataset, "read as day/month (%d/%m/%Y %I:%M %p)")
    assert "line 20: '13/03/2024 8:00 AM'" in note
    assert not any("month/day (%d/%m" in note for note in dataset.notes)


# --- 2. Labels at the end of each interval --------------------------------------------------


def test_an_end_of_interval_time_header_moves_labels_to_interval_starts(tmp_path):
    text = (
        "Data;Ora fine intervallo;Chiamate entranti\n"
        "04/03/2024;08:30;10\n04/03/2024;09:00;6\n04/03/2024;09:30;22\n05/03/2024;08:30;7\n"
    )
    result = import_files_detailed([write(tmp_path, "fine.csv", text)])
    dataset = result.dataset
    assert dataset.interval_minutes == 30
    assert at(dataset, "2024-03-04 08:00").volume == 10  # 08:00-08:30, labelled 08:30
    assert at(dataset, "2024-03-04 09:00").volume == 22
    assert result.first_interval == pd.Timestamp("2024-03-04 08:00")
    assert result.last_interval == pd.Timestamp("2024-03-05 08:00")
    note = note_with(dataset, "'Ora fine intervallo' names the end of each interval")
    assert "30 minutes earlier" in note


def test_an_interval_end_timestamp_header_moves_labels_to_interval_starts(tmp_path):
    text = (
        "Interval End,Skill,Calls Offered\n2024-03-04 08:15,Billing,5\n"
        "2024-03-04 08:30,Billing,4\n2024-03-04 08:45,Billing,9\n"
    )
    result = import_files_detailed([write(tmp_path, "ends.csv", text)])
    assert result.first_interval == pd.Timestamp("2024-03-04 08:00")
    assert result.last_interval == pd.Timestamp("2024-03-04 08:30")
    assert at(result.dataset, "2024-03-04 08:30", "Billing").volume == 9
    assert result.files[0].interval_minutes == 15


def test_a_call_log_with_start_and_end_times_counts_each_call_at_its_start(tmp_path):
    text = (
        "Start Time,End Time,Outcome\n2024-03-04 08:10:00,2024-03-04 08:20:00,answered\n"
        "2024-03-04 08:14:00,2024-03-04 08:31:00,answered\n"
    )
    dataset = import_files([write(tmp_path, "log.csv", text)])
    assert dataset.kind == schema.KIND_RECORDS
    assert at(dataset, "2024-03-04 08:00").volume == 2
    assert not any("end of each interval" in note for note in dataset.notes)


# --- 3. Clock times without a colon ---------------------------------------------------------


def test_hhmm_clock_times_without_a_colon_are_intervals_not_days(tmp_path):
    text = "Data;Ora;Chiamate\n20240304;0800;14\n20240304;0830;17\n20240304;1330;41\n"
    text += "20240305;0800;9\n"
    dataset = import_files([write(tmp_path, "hhmm.csv", text)])
    assert dataset.interval_minutes == 30
    assert at(dataset, "2024-03-04 08:30").volume == 17
    assert at(dataset, "2024-03-04 13:30").volume == 41
    assert total(dataset) == 14 + 17 + 41 + 9


def test_hhmm_clock_times_under_a_named_time_column(tmp_path):
    text = "Date,Time,Calls Offered\n20240304,0800,14\n20240304,0830,17\n20240305,0800,9\n"
    options = ImportOptions(time_column="Time")
    dataset = import_files([write(tmp_path, "hhmm.csv", text)], options)
    assert dataset.interval_minutes == 30
    assert at(dataset, "2024-03-04 08:30").volume == 17


def test_french_clock_times_with_an_h_are_read(tmp_path):
    text = "Date;Heure;Appels reçus\n04/03/2024;08h00;8\n04/03/2024;8h30;10\n05/03/2024;08h00;3\n"
    options = ImportOptions(time_column="Heure", volume_column="Appels reçus")
    dataset = import_files([write(tmp_path, "francais.csv", text)], options)
    assert dataset.interval_minutes == 30
    assert at(dataset, "2024-03-04 08:30").volume == 10
    assert at(dataset, "2024-03-05 08:00").volume == 3


def test_interval_slot_numbers_are_refused_instead_of_summed_into_days(tmp_path):
    text = "Date,Interval,Offered\n" + "".join(
        f"2024-03-0{day},{slot},{slot}\n" for day in (4, 5) for slot in (17, 18, 19)
    )
    with pytest.raises(InputError) as error:
        import_files([write(tmp_path, "slots.csv", text)])
    message = str(error.value)
    assert "6 rows share 2 dates, but no column gives their time of day" in message
    assert "Column 'Interval' (e.g. '17', '18', '19') was not read as clock times" in message


def test_one_row_per_day_is_still_daily_data(tmp_path):
    text = "Date,Calls\n2024-03-04,100\n2024-03-05,120\n2024-03-06,90\n"
    dataset = import_files([write(tmp_path, "daily.csv", text)])
    assert dataset.interval_minutes == 1440
    assert at(dataset, "2024-03-05").volume == 120


# --- 4. Timestamps in vendors' spellings ----------------------------------------------------


def test_an_offset_after_a_space_is_dropped_not_applied(tmp_path):
    text = (
        "Id,Created at,Channel\n5000,2024-03-04 08:00:08 +0100,chat\n"
        "5001,2024-03-04 08:07:54 +0100,chat\n5002,2024-03-04 08:16:30 +0100,voice\n"
    )
    dataset = import_files([write(tmp_path, "zendesk.csv", text)])
    assert dataset.kind == schema.KIND_RECORDS
    assert at(dataset, "2024-03-04 08:00", "chat").volume == 2
    assert at(dataset, "2024-03-04 08:15", "voice").volume == 1


def test_a_comma_between_date_and_12_hour_time_is_read(tmp_path):
    text = (
        'Date/Time Opened,Case Origin\n"3/4/2024, 8:08 AM",Phone\n"3/4/2024, 8:18 AM",Phone\n'
        '"3/5/2024, 1:22 PM",Phone\n'
    )
    dataset = import_files([write(tmp_path, "salesforce.csv", text)])
    assert dataset.kind == schema.KIND_RECORDS
    assert at(dataset, "2024-03-04 08:15").volume == 1
    assert at(dataset, "2024-03-05 13:15").volume == 1
    assert total(dataset) == 3


def test_excel_serial_dates_under_a_date_header(tmp_path):
    text = "Date,Time,Calls Offered\n45355,08:00,8\n45355,08:30,11\n45356,08:00,12\n"
    dataset = import_files([write(tmp_path, "serial.csv", text)])
    assert dataset.interval_minutes == 30
    assert at(dataset, "2024-03-04 08:30").volume == 11
    assert at(dataset, "2024-03-05 08:00").volume == 12


def test_dates_after_a_weekday_name_are_read(tmp_path):
    text = (
        "Giorno;Fascia oraria;Chiamate offerte\nlun 04/03/2024;08:00 - 08:30;8\n"
        "lun 04/03/2024;08:30 - 09:00;11\nmar 05/03/2024;08:00 - 08:30;14\n"
    )
    dataset = import_files([write(tmp_path, "giorni.csv", text)])
    assert dataset.interval_minutes == 30
    assert at(dataset, "2024-03-05 08:00").volume == 14
    assert total(dataset) == 33


def test_day_month_year_dates_with_dashes_keep_their_year(tmp_path):
    # The zone-offset pattern used to take "-2024" for an offset and drop it.
    text = "Datum;Uhrzeit;Anrufe\n04-03-2024;08:00;5\n04-03-2024;08:30;6\n05-03-2024;08:00;7\n"
    dataset = import_files([write(tmp_path, "hotline.csv", text)])
    assert at(dataset, "2024-03-04 08:30").volume == 6
    assert at(dataset, "2024-03-05 08:00").volume == 7


# --- 5. Counts ------------------------------------------------------------------------------


def test_an_infinite_count_is_refused_like_any_other_non_number(tmp_path):
    text = "Date,Interval,Calls Offered\n2024-03-04,08:00,2\n2024-03-04,08:30,3\n"
    text += "2024-03-05,08:00,inf\n"
    with pytest.raises(InputError, match=r"'Calls Offered' should hold counts but 1 value\(s\) "):
        import_files([write(tmp_path, "inf.csv", text)])
    with pytest.raises(InputError, match=r"are not numbers \(line 4: 'inf'\)"):
        import_files([write(tmp_path, "inf.csv", text)])


def test_a_dash_for_zero_is_read_as_zero_with_a_note(tmp_path):
    text = (
        "Date,Interval,Calls Offered,AHT\n2024-03-04,00:00,-,-\n2024-03-04,00:30,1,235\n"
        "2024-03-04,01:00,–,-\n2024-03-04,01:30,4,300\n"
    )
    dataset = import_files([write(tmp_path, "dash.csv", text)])
    assert at(dataset, "2024-03-04 00:00").volume == 0
    assert not at(dataset, "2024-03-04 00:00").is_missing
    assert at(dataset, "2024-03-04 01:30").volume == 4
    assert total(dataset) == 5
    assert "2 cell(s) in 'Calls Offered' hold a dash ('-', '–'), read as 0" in note_with(
        dataset, "hold a dash"
    )
    assert not any("not durations" in note for note in dataset.notes)


# --- 6. Rows that are not intervals ---------------------------------------------------------


def day_rows(day: str, counts: list[int], separator: str = ",") -> str:
    clocks = ["08:00", "08:30", "09:00", "09:30"]
    return "".join(
        f"{day}{separator}{clock}{separator}{count}\n"
        for clock, count in zip(clocks, counts, strict=False)
    )


def test_empty_delimiter_only_rows_between_days_are_skipped(tmp_path):
    text = "Data;Ora;Chiamate ricevute\n" + day_rows("04/03/2024", [13, 14], ";") + ";;\n"
    text += day_rows("05/03/2024", [9, 10], ";") + " ; ;\n"
    dataset = import_files([write(tmp_path, "righe_vuote.csv", text)])
    assert at(dataset, "2024-03-05 08:30").volume == 10
    assert total(dataset) == 46
    assert "2 empty row(s) skipped" in note_with(dataset, "empty row")


def test_total_rows_labelled_in_the_time_column_are_skipped(tmp_path):
    text = "Date,Interval,Calls Offered\n" + day_rows("2024-03-04", [14, 12])
    text += "2024-03-04,Total,26\n" + day_rows("2024-03-05", [7, 5]) + "2024-03-05,Total,12\n"
    text += ",Grand Total,38\n"
    dataset = import_files([write(tmp_path, "subtotals.csv", text)])
    assert at(dataset, "2024-03-04 08:30").volume == 12
    assert total(dataset) == 38
    assert "3 total/subtotal row(s) were skipped" in note_with(dataset, "total/subtotal")


def test_subtotal_and_average_rows_are_skipped(tmp_path):
    text = "Date,Interval,Calls Offered\n" + day_rows("2024-03-04", [14, 12])
    text += day_rows("2024-03-05", [7, 5]) + "Subtotal,,38\nAverage,,9.5\n"
    dataset = import_files([write(tmp_path, "summary.csv", text)])
    assert total(dataset) == 38
    assert "2 total/subtotal row(s) were skipped" in note_with(dataset, "total/subtotal")


def test_a_date_written_once_per_day_is_filled_down(tmp_path):
    text = (
        "Date,Interval,Calls Offered\n2024-03-04,08:00,12\n,08:30,7\n,09:00,19\n"
        "2024-03-05,08:00,11\n,08:30,6\n,Grand Total,55\n"
    )
    dataset = import_files([write(tmp_path, "once.csv", text)])
    assert dataset.interval_minutes == 30
    assert at(dataset, "2024-03-04 09:00").volume == 19
    assert at(dataset, "2024-03-05 08:30").volume == 6
    assert total(dataset) == 55
    note = note_with(dataset, "written only on the first row of each day")
    assert "3 row(s) below took the date above them" in note


def test_a_stray_empty_date_in_a_dated_file_is_still_named(tmp_path):
    text = (
        "Date,Interval,Calls Offered\n2024-03-04,08:00,12\n2024-03-04,08:30,7\n,09:00,19\n"
        "2024-03-05,08:00,11\n2024-03-05,08:30,6\n"
    )
    with pytest.raises(InputError, match=r"1 row\(s\) have nothing in column 'Date' .*\(line 4\)"):
        import_files([write(tmp_path, "stray.csv", text)])


def test_handle_times_written_as_excel_day_fractions_are_read_as_such(tmp_path):
    # 0.0034 of a day is 4 min 54 s: an Excel time cell exported as its number.
    lines = ["Date,Interval,Calls Offered,AHT"]
    lines += [
        f"2024-03-04,{8 + slot // 2:02d}:{30 * (slot % 2):02d},10,0.0034" for slot in range(8)
    ]
    path = tmp_path / "fraction.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dataset = import_files([path])
    assert dataset.intervals["aht_seconds"].dropna().round(1).unique().tolist() == [293.8]
    assert any("fractions of a day" in note for note in dataset.notes)
