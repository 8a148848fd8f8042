"""Column roles from headers and sample values, English and Italian, with overrides."""

from __future__ import annotations

import pytest

from data.columns import ImportOptions, header_words, plan_columns
from data.errors import InputError
from data.schema import KIND_INTERVALS, KIND_RECORDS

BANK_HEADER = (
    "vru+line call_id customer_id priority type date vru_entry vru_exit vru_time q_start q_exit "
    "q_time outcome ser_start ser_exit ser_time server"
).split()
BANK_ROW = (
    "AA0101 34536 0 0 PS 990201 7:02:47 7:02:56 9 0:00:00 0:00:00 0 AGENT 7:02:55 7:05:41 166 DORIT"
).split()


def plan(header, rows, options=None, decimal_comma=False):
    return plan_columns(header, rows, decimal_comma, options or ImportOptions(), "f.csv")


def test_header_words_split_snake_camel_and_accents():
    assert header_words("CSPL_RECEIVED_CALLS") == {"cspl", "received", "calls"}
    assert header_words("CallStart") == {"call", "start"}
    assert header_words("Durata média") == {"durata", "media"}


def test_bank_call_log_roles():
    found = plan(BANK_HEADER, [BANK_ROW] * 3)
    assert found.kind == KIND_RECORDS
    assert found.roles() == {
        "date": "date",
        "time": "vru_entry",  # the arrival, not q_start / ser_start
        "handle": "ser_time",
        "wait": "q_time",
        "outcome": "outcome",
    }
    assert found.date_format == "%y%m%d"
    assert "customer_id" not in found.used_columns()


def test_axa_series_roles():
    found = plan(["DATE", "CSPL_RECEIVED_CALLS"], [["2011-01-01 00:30:00.000", "7"]])
    assert found.kind == KIND_INTERVALS
    assert (found.timestamp_column, found.volume_column) == ("DATE", "CSPL_RECEIVED_CALLS")


@pytest.mark.parametrize(
    ("header", "row", "roles"),
    [
        (
            ["data", "ora", "coda", "chiamate", "durata media"],
            ["04/03/2024", "8:30", "Assistenza", "12", "185,5"],
            {"date": "data", "time": "ora", "queue": "coda", "volume": "chiamate",
             "aht": "durata media"},
        ),
        (
            ["Interval Start", "Channel", "Offered", "Answered", "AHT"],
            ["2024-03-04 08:30", "chat", "12", "11", "185"],
            {"timestamp": "Interval Start", "queue": "Channel", "volume": "Offered",
             "aht": "AHT", "answered": "Answered"},
        ),
        (
            ["creato il", "esito", "tempo di attesa", "durata conversazione", "voto"],
            ["04/03/2024 08:30:05", "risposta", "20", "0:03:10", "4"],
            {"timestamp": "creato il", "outcome": "esito", "wait": "tempo di attesa",
             "handle": "durata conversazione", "satisfaction": "voto"},
        ),
    ],
)  # fmt: skip
def test_roles_in_english_and_italian_exports(header, row, roles):
    assert plan(header, [row] * 3, decimal_comma=True).roles() == roles


def test_overrides_win():
    header = ["opened", "closed", "n", "team"]
    row = ["2024-03-04 08:00", "2024-03-04 08:30", "2", "a"]
    found = plan(header, [row], ImportOptions(time_column="closed", queue_column="team"))
    assert (found.timestamp_column, found.queue_column) == ("closed", "team")
    assert plan(header, [row], ImportOptions(kind=KIND_RECORDS)).volume_column is None


def test_a_clock_column_chosen_without_a_date_is_refused():
    with pytest.raises(InputError, match="holds clock times but no date column"):
        plan(["ora", "calls"], [["8:30", "3"]], ImportOptions(time_column="ora"))


def test_intervals_without_any_count_column_are_refused():
    with pytest.raises(InputError, match="no column of counts"):
        plan(["when", "team"], [["2024-03-04 08:00", "a"]], ImportOptions(kind=KIND_INTERVALS))


@pytest.mark.parametrize(
    ("values", "direction"),
    [
        (["Inbound", "Outbound", "inbound", "Internal"], "Direzione"),
        (["Entrante", "Uscente", "entrante"], "Direzione"),
        (["IN", "OUT", "IN"], "Direzione"),
        (["Sales", "Care", "Sales"], None),  # a queue, not a direction
        (["IN", "Sales", "Care"], None),  # too few direction words
    ],
)
def test_direction_column_is_recognised_by_its_values(values, direction):
    rows = [[f"2024-03-04 08:{i:02d}", value, "0:03:00"] for i, value in enumerate(values)]
    found = plan(["inizio", "Direzione", "durata"], rows)
    assert found.direction_column == direction
    assert found.kind == KIND_RECORDS


@pytest.mark.parametrize(
    ("header", "row", "volume", "aht"),
    [
        # An ACD interval report: offered calls are the demand, handled ones exclude abandons.
        (["Interval", "Calls Handled", "Calls Offered", "Calls Abandoned", "AHT"],
         ["04/03/2024 08:00", "9", "10", "1", "240"], "Calls Offered", "AHT"),
        # The Italian equivalent: TMA is the mean wait ("tempo medio di attesa"), TMC the talk.
        (["Data", "Fascia oraria", "Risposte", "Entrate", "Abbandonate", "TMA", "TMC"],
         ["04/03/2024", "08:00-08:30", "9", "10", "1", "0:00:12", "0:04:00"], "Entrate", "TMC"),
        (["Interval", "Calls Handled", "AHT"], ["04/03/2024 08:00", "9", "240"], "Calls Handled",
         "AHT"),
    ],
)  # fmt: skip
def test_volume_is_the_offered_count_when_served_counts_sit_beside_it(header, row, volume, aht):
    found = plan(header, [row] * 3)
    assert found.kind == KIND_INTERVALS
    assert (found.volume_column, found.aht_column) == (volume, aht)


@pytest.mark.parametrize(
    ("header", "row", "roles"),
    [
        # No offered count: contacts are answered + abandoned (volume left to the reader).
        (["Interval", "Answered", "Abandoned", "ASA"], ["2024-03-04 08:00", "9", "1", "12"],
         {"timestamp": "Interval", "wait": "ASA", "answered": "Answered",
          "abandoned": "Abandoned"}),
        (["Interval", "Calls Handled", "Calls Offered", "Calls Abandoned", "AHT",
          "Avg Abandon Time", "ASA", "Abandoned %"],
         ["2024-03-04 08:00", "9", "10", "1", "240", "35", "12", "10"],
         {"timestamp": "Interval", "volume": "Calls Offered", "aht": "AHT", "wait": "ASA",
          "answered": "Calls Handled", "abandoned": "Calls Abandoned",
          "abandon wait": "Avg Abandon Time"}),
        # Handled + abandoned beat a served-only volume.
        (["Interval", "Calls Handled", "Calls Abandoned", "AHT"],
         ["2024-03-04 08:00", "9", "1", "240"],
         {"timestamp": "Interval", "aht": "AHT", "answered": "Calls Handled",
          "abandoned": "Calls Abandoned"}),
        (["Data", "Fascia oraria", "Entrate", "Risposte", "Abbandonate", "TMA", "TMC",
          "Tempo medio abbandono"],
         ["04/03/2024", "08:00-08:30", "10", "9", "1", "0:00:12", "0:04:00", "0:00:40"],
         {"date": "Data", "time": "Fascia oraria", "volume": "Entrate", "aht": "TMC",
          "wait": "TMA", "answered": "Risposte", "abandoned": "Abbandonate",
          "abandon wait": "Tempo medio abbandono"}),
    ],
)  # fmt: skip
def test_acd_interval_report_outcome_counts_and_waits(header, row, roles):
    found = plan(header, [row] * 3)
    assert found.kind == KIND_INTERVALS
    assert found.roles() == roles
