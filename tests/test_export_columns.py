"""Column roles of real-world ACD, telephony and CRM exports, checked end to end on the counts,
handle times and rows they give (each shape taken from a vendor's documented export layout)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from data.columns import header_words, is_total_label
from data.errors import InputError
from data.importer import import_files_detailed
from data.schema import AHT_SECONDS, VOLUME
from planning import default_aht_by_queue


def write(folder: Path, name: str, lines: list[str]) -> Path:
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def interval_report(header: str, row, days: int = 5) -> list[str]:
    """`row(day, hour, calls)` for 08:00-11:30 half-hours on `days` weekdays from 2024-03-04;
    calls vary 2..9 with the hour so that a total and a mean can be told apart."""
    lines = [header]
    for day in range(4, 4 + days):
        for slot in range(8):
            hour = f"{8 + slot // 2:02d}:{30 * (slot % 2):02d}"
            lines.append(row(day, hour, 2 + slot + day % 2))
    return lines


def total_calls(days: int = 5) -> int:
    return sum(2 + slot + day % 2 for day in range(4, 4 + days) for slot in range(8))


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("Datum;Uhrzeit;Anrufe angeboten;Anrufe angenommen;Anrufe verloren", "German"),
        ("Fecha;Hora;Llamadas recibidas;Llamadas atendidas;Llamadas abandonadas", "Spanish"),
    ],
)
def test_interval_reports_in_other_languages_count_the_offered_calls(tmp_path, header, language):
    lines = interval_report(
        header, lambda day, hour, calls: f"{day:02d}.03.2024;{hour};{calls};{calls - 1};1"
    )
    path = write(tmp_path, f"{language}.csv", lines)
    result = import_files_detailed([path])
    assert result.dataset.intervals[VOLUME].sum() == total_calls()
    assert result.files[0].kind == "intervals"


def test_genesys_offer_answer_abandon_headers_are_counts(tmp_path):
    lines = interval_report(
        "Interval Start,Queue Name,Offer,Answer,Abandon",
        lambda day, hour, calls: f"2024-03-{day:02d}T{hour}:00,Support,{calls},{calls - 1},1",
    )
    result = import_files_detailed([write(tmp_path, "genesys.csv", lines)])
    columns = result.files[0].columns
    assert (columns["volume"], columns["answered"], columns["abandoned"]) == (
        "Offer",
        "Answer",
        "Abandon",
    )
    assert result.dataset.intervals[VOLUME].sum() == total_calls()


def test_avaya_acd_and_aband_calls_make_the_offered_count(tmp_path):
    # Avaya CMS: "ACD Calls" are the answered ones; demand is ACD + abandoned.
    lines = interval_report(
        "Date,Interval,ACD Calls,Aband Calls,Avg Aband Time",
        lambda day, hour, calls: f"03/{day:02d}/2024,{hour},{calls - 1},1,0:25",
    )
    result = import_files_detailed([write(tmp_path, "avaya.csv", lines)])
    assert result.files[0].columns["answered"] == "ACD Calls"
    assert result.files[0].columns["abandoned"] == "Aband Calls"
    assert result.dataset.intervals[VOLUME].sum() == total_calls()


def test_unrecognised_count_header_on_an_interval_grid_is_refused_not_read_per_row(tmp_path):
    lines = interval_report(
        "Date,Interval,Contatori X,Y",
        lambda day, hour, calls: f"2024-03-{day:02d},{hour},{calls},3",
    )
    with pytest.raises(InputError, match=r"interval grid.*--volume-column 'Contatori X'"):
        import_files_detailed([write(tmp_path, "unknown.csv", lines)])


def test_a_call_log_with_total_time_columns_stays_a_call_log(tmp_path):
    # Genesys interaction export: "Total Queue" is milliseconds waited, not a count.
    lines = ["Date,Queue,Direction,Total Handle,Total Queue"]
    lines += [
        f"2024-03-04 08:{minute:02d}:{7 * minute % 60:02d},Support,Inbound,{300000 + minute},36000"
        for minute in range(40)
    ]
    result = import_files_detailed([write(tmp_path, "interactions.csv", lines)])
    assert result.files[0].kind == "records"
    assert result.dataset.intervals[VOLUME].sum() == 40


def test_a_duration_column_is_never_the_time_of_day(tmp_path):
    # A CRM call list with a date and a call duration but no clock: counted per day.
    lines = ["Activity Date,Subject,Call Duration"]
    lines += [f"0{4 + row % 3}/03/2024,Inbound call,00:0{row % 9}:33" for row in range(30)]
    result = import_files_detailed([write(tmp_path, "crm.csv", lines)])
    assert result.dataset.interval_minutes == 1440
    assert result.dataset.intervals[VOLUME].tolist() == [10, 10, 10]


@pytest.mark.parametrize(
    ("column", "values", "kept"),
    [
        ("Direction", ["inbound", "outbound-api", "outbound-dial", "inbound"], 2),  # Twilio
        ("Call Direction", ["Incoming", "Outgoing", "Missed", "Incoming"], 3),  # PBX CDR
        ("CALL TYPE", ["Inbound", "Manual", "Internal", "Outbound"], 1),  # Five9
    ],
)
def test_vendor_direction_values_keep_only_inbound_demand(tmp_path, column, values, kept):
    lines = [f"Start,{column}"]
    lines += [f"2024-03-04 08:0{row}:1{row},{values[row % 4]}" for row in range(8)]
    result = import_files_detailed([write(tmp_path, "log.csv", lines)])
    assert result.dataset.intervals[VOLUME].sum() == 2 * kept


def test_a_campaign_named_inbound_is_not_taken_for_the_direction(tmp_path):
    lines = ["Start,Campaign,Call Type"]
    calls = ["Inbound", "Outbound", "Inbound", "Manual"]
    lines += [f"2024-03-04 08:0{row}:1{row},Inbound Support,{calls[row % 4]}" for row in range(8)]
    result = import_files_detailed([write(tmp_path, "five9.csv", lines)])
    assert result.files[0].columns["direction"] == "Call Type"
    assert result.files[0].columns["queue"] == "Campaign"
    assert result.dataset.intervals[VOLUME].sum() == 4


def test_interval_total_handle_time_is_divided_by_the_answered_calls(tmp_path):
    # Five9 interval report: HANDLE TIME is the half hour's sum; 290 s per answered call.
    def row(day: int, hour: str, calls: int) -> str:
        answered = calls - 1
        total = 290 * answered
        return f"2024/03/{day:02d},{hour},{calls},1,{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"

    lines = interval_report("DATE,HALF HOUR,CALLS,ABANDONED,HANDLE TIME", row)
    result = import_files_detailed([write(tmp_path, "five9.csv", lines)])
    intervals = result.dataset.intervals
    assert np.allclose(intervals[AHT_SECONDS].dropna(), 290.0)
    assert default_aht_by_queue(intervals) == {"five9": pytest.approx(290.0)}
    assert any("total, not a mean" in note for note in result.dataset.notes)


def test_a_mean_handle_time_is_left_as_it_is(tmp_path):
    lines = interval_report(
        "Date,Interval,Calls Offered,Handle Time",
        lambda day, hour, calls: f"2024-03-{day:02d},{hour},{calls},{280 + calls % 3 * 10}",
    )
    result = import_files_detailed([write(tmp_path, "mean.csv", lines)])
    expected = {280.0, 290.0, 300.0}
    assert set(result.dataset.intervals[AHT_SECONDS].dropna().round()) == expected
    assert not any("total, not a mean" in note for note in result.dataset.notes)


def test_header_named_total_time_is_divided_even_with_steady_counts(tmp_path):
    # Genesys Cloud's timed metrics (tHandle) are totals in milliseconds.
    lines = interval_report(
        "Date,Interval,Offered,Answered,tHandle",
        lambda day, hour, calls: f"2024-03-{day:02d},{hour},5,4,{4 * 300_000}",
    )
    result = import_files_detailed([write(tmp_path, "steady.csv", lines)])
    assert np.allclose(result.dataset.intervals[AHT_SECONDS].dropna(), 300.0)
    assert result.dataset.intervals[VOLUME].sum() == 5 * 40


@pytest.mark.parametrize(
    ("label", "is_total"),
    [("Totale", True), ("Grand Total", True), ("Subtotal", True), ("Sub-total", True),
     ("Average", True), ("Media", True), ("Summer", False), ("Subscriptions", False),
     ("Meantime desk", False), ("2024-03-04", False)],
)  # fmt: skip
def test_summary_rows_are_told_from_queues_that_merely_start_alike(label, is_total):
    assert is_total_label(label) is is_total


def test_repeats_on_a_weekday_are_not_explained_by_the_clock_change(tmp_path):
    lines = ["Interval Start,Offered"]
    lines += [f"2024-03-08 10:{minute:02d},{calls}" for minute in (0, 30) for calls in (4, 5)]
    result = import_files_detailed([write(tmp_path, "split.csv", lines)])
    assert result.dataset.intervals[VOLUME].sum() == 18
    note = next(note for note in result.dataset.notes if "repeat a timestamp" in note)
    assert "clocks go back" not in note and "media type" in note


def test_a_media_type_beside_the_queue_splits_it_into_one_queue_per_channel(tmp_path):
    # Genesys / NICE interval exports: one row per queue, interval and media type.
    lines = ["Interval Start,Queue,Media Type,Offered"]
    for minute in (0, 30):
        for media, calls in (("Voice", 7), ("Chat", 3)):
            lines.append(f"2024-03-04 08:{minute:02d},Support,{media},{calls}")
    result = import_files_detailed([write(tmp_path, "media.csv", lines)])
    volume = result.dataset.intervals.groupby("queue")[VOLUME].sum()
    assert volume.to_dict() == {"Support / Chat": 6.0, "Support / Voice": 14.0}
    assert not any("repeat a timestamp" in note for note in result.dataset.notes)


def test_a_call_type_column_alone_is_the_queue(tmp_path):
    lines = ["CallTypeName,DateTime,CallsOffered"]
    lines += [
        f"CT_{kind},2024-03-04 08:{m:02d}:00,{n}"
        for m in (0, 15)
        for kind, n in (("Sales", 2), ("Care", 5))
    ]
    result = import_files_detailed([write(tmp_path, "ucce.csv", lines)])
    assert result.dataset.queues == ["CT_Care", "CT_Sales"]


@pytest.mark.parametrize(
    ("header", "row", "volume", "aht"),
    [
        # A service level in plain numbers before the handle time is not the handle time.
        ("Service Level,Avg Speed of Answer,Average Handle Time,Offered", "86.8,24,{aht},{n}",
         "Offered", "Average Handle Time"),
        # Talk, hold and wrap-up before the whole handle time: the handle time wins.
        ("Offered,Avg Talk Time,Avg Hold Time,Avg ACW Time,Avg Handle Time", "{n},3:41,0:23,0:51,{aht}",
         "Offered", "Avg Handle Time"),
        # Outbound calls first: demand is the inbound count, its talk time the handle time.
        ("Calls Out,Calls In,Avg Talk Out,Avg Talk In", "3,{n},120,{aht}", "Calls In", "Avg Talk In"),
        # Calls received include those the IVR answered: the offered count is the demand.
        ("Calls Received,IVR Contained,Calls Offered,AHT", "99,5,{n},{aht}", "Calls Offered", "AHT"),
    ],
)  # fmt: skip
def test_the_demand_and_handle_time_columns_are_chosen_by_meaning_not_order(
    tmp_path, header, row, volume, aht
):
    lines = interval_report(
        f"Date,Interval,{header}",
        lambda day, hour, calls: f"2024-03-{day:02d},{hour}," + row.format(n=calls, aht=290),
    )
    result = import_files_detailed([write(tmp_path, "report.csv", lines)])
    columns = result.files[0].columns
    assert (columns["volume"], columns["aht"]) == (volume, aht)
    assert result.dataset.intervals[VOLUME].sum() == total_calls()
    assert "wait" not in columns or columns["wait"] != "Avg Hold Time"


def test_a_footer_with_a_clock_does_not_turn_the_date_column_into_timestamps(tmp_path):
    lines = interval_report(
        "Date,Interval,Offered", lambda day, hour, calls: f"2024-03-{day:02d},{hour},{calls}"
    )
    lines.append("Report generated on 24/03/2024 07:02:11 by wfm_admin")
    result = import_files_detailed([write(tmp_path, "footer.csv", lines)])
    assert result.dataset.interval_minutes == 30
    assert result.dataset.intervals[VOLUME].sum() == total_calls()


def test_header_words_split_on_typographic_signs_and_drop_accents():
    assert header_words("File d’attente") == {"file", "d", "attente"}
    assert header_words("Ø Bearbeitungszeit (s)") == {"bearbeitungszeit", "s"}
    assert header_words("Qualità") == {"qualita"}
