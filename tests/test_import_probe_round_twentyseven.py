"""Round-twenty-seven probes: ISO week dates ("2024-W10-1") and a week number beside a weekday
name, answered yes/no flags in several languages, a time chosen as the volume, counts written
in words, and Amazon Connect contact records whose queue and agent cells hold JSON objects."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from import_support import (
    answered_weighted_aht,
    at,
    clock,
    contacts_per_queue,
    note_with,
    spread_arrival,
    write,
)

from data import schema
from data.columns import ImportOptions
from data.errors import InputError
from data.importer import import_files_detailed

MONDAY = dt.datetime(2024, 3, 4, 8)


def _slots(days: int = 5, count: int = 20) -> list[dt.datetime]:
    return [MONDAY + dt.timedelta(days=day, minutes=30 * slot)
            for day in range(days) for slot in range(count)]  # fmt: skip


def _calls(t: dt.datetime) -> int:
    return 10 + t.hour % 3


# --- ISO week dates ----------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["{y}-W{w:02d}-{d}", "{y}W{w:02d}{d}"])
def test_iso_week_dates_are_read_as_their_calendar_days(tmp_path, written):
    # Before: "2024-W10-1" fitted no date format, so the file was refused for want of a date.
    lines = ["Date,Interval,Offered,AHT"]
    for t in _slots():
        year, week, day = t.isocalendar()
        lines.append(f"{written.format(y=year, w=week, d=day)},{t:%H:%M},{_calls(t)},180")
    result = import_files_detailed([write(tmp_path, "weeks.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["date"] == "Date"
    assert result.files[0].interval_minutes == 30
    assert at(result.dataset, "2024-03-04 08:00")[schema.VOLUME] == 12
    assert at(result.dataset, "2024-03-08 09:30")[schema.VOLUME] == 10
    assert float(result.dataset.intervals[schema.VOLUME].sum()) == sum(map(_calls, _slots()))


def test_an_iso_week_date_with_its_clock_is_one_timestamp(tmp_path):
    lines = ["Interval Start,Calls"] + [
        f"{t.isocalendar()[0]}-W{t.isocalendar()[1]:02d}-{t.isocalendar()[2]} {t:%H:%M},{_calls(t)}"
        for t in _slots()
    ]
    result = import_files_detailed([write(tmp_path, "stamps.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["timestamp"] == "Interval Start"
    assert at(result.dataset, "2024-03-06 12:30")[schema.VOLUME] == _calls(
        dt.datetime(2024, 3, 6, 12)
    )


def test_a_week_number_beside_a_weekday_name_is_refused_saying_the_year_is_missing(tmp_path):
    # Before: the generic "no column with dates" refusal, which named neither column.
    lines = ["Week,Day,Interval,Offered"] + [
        f"{t.isocalendar()[1]},{t:%A},{t:%H:%M},{_calls(t)}" for t in _slots()
    ]
    with pytest.raises(InputError) as refused:
        import_files_detailed([write(tmp_path, "by_week.csv", "\n".join(lines) + "\n")])
    message = str(refused.value)
    assert "'Week' holds week numbers (e.g. '10')" in message
    assert "'Day' weekday names (e.g. 'Monday')" in message
    assert "2024-W10-1" in message


# --- answered yes/no flags ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "yes", "no"),
    [
        ("Answered", "Y", "N"),
        ("Answered?", "Yes", "No"),
        ("是否接通", "是", "否"),
        ("Beantwortet", "ja", "nein"),
        ("Répondu", "oui", "non"),
        ("Atendida", "sí", "no"),
    ],
)
def test_an_answered_flag_says_which_calls_were_answered(tmp_path, header, yes, no):
    # Before: the flag was left unread, so no call was answered or abandoned and the 0-second
    # rows were only guessed unanswered from their handle time.
    lines = [f"Start Time,Queue,{header},Talk Time"]
    for n in range(200):
        served = n % 5 != 2
        lines.append(f"{spread_arrival(n):%Y-%m-%d %H:%M:%S},Support,{yes if served else no},"
                     f"{clock(120 + n % 7 if served else 0)}")  # fmt: skip
    result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["answered flag"] == header
    frame = result.dataset.intervals
    assert (float(frame[schema.ANSWERED].sum()), float(frame[schema.ABANDONED].sum())) == (160, 40)
    assert note_with(result.dataset, "(yes/no)").endswith("abandoned 40, answered 160.")


def test_an_abandoned_flag_still_means_yes_is_abandoned(tmp_path):
    lines = ["Start Time,Queue,Abandoned,Talk Time"]
    for n in range(100):
        lost = n % 4 == 0
        lines.append(f"{spread_arrival(n):%Y-%m-%d %H:%M:%S},Support,{'Y' if lost else 'N'},"
                     f"{clock(0 if lost else 90)}")  # fmt: skip
    result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])
    frame = result.dataset.intervals
    assert (float(frame[schema.ANSWERED].sum()), float(frame[schema.ABANDONED].sum())) == (75, 25)


# --- a time chosen as the volume ---------------------------------------------------------------


def test_a_handle_time_chosen_as_the_volume_is_warned_of(tmp_path):
    # Before: 241,500 "contacts" without a word of doubt.
    lines = ["Date,Interval,Handle Time (s),Queue"] + [
        f"{t:%Y-%m-%d},{t:%H:%M},{2400 + t.minute},Support" for t in _slots()
    ]
    path = write(tmp_path, "aht.csv", "\n".join(lines) + "\n")
    result = import_files_detailed([path], ImportOptions(volume_column="Handle Time (s)"))
    assert float(result.dataset.intervals[schema.VOLUME].sum()) == 241_500
    assert note_with(result.dataset, "chosen as the volume") == (
        "aht.csv: 'Handle Time (s)', chosen as the volume, names a time (typically 2,415 a row): "
        "each second or minute of it is counted as a contact. If it is a handle time or a wait, "
        "choose the column counting the contacts as the volume instead."
    )


def test_a_count_chosen_as_the_volume_is_not_warned_of(tmp_path):
    lines = ["Date,Interval,Calls,Queue"] + [
        f"{t:%Y-%m-%d},{t:%H:%M},{_calls(t)},Support" for t in _slots()
    ]
    path = write(tmp_path, "calls.csv", "\n".join(lines) + "\n")
    result = import_files_detailed([path], ImportOptions(volume_column="Calls"))
    assert not [note for note in result.dataset.notes if "chosen as the volume" in note]


# --- counts written in words -------------------------------------------------------------------


@pytest.mark.parametrize("words", [("five", "six", "seven"), ("cinque", "sei", "sette"),
                                   ("fünf", "sechs", "zwanzig")])  # fmt: skip
def test_counts_written_in_words_are_refused_naming_the_column(tmp_path, words):
    # Before: each row was read as one contact, with only the generic records note.
    lines = ["Date,Interval,Calls"] + [
        f"{t:%Y-%m-%d},{t:%H:%M},{words[t.hour % 3]}" for t in _slots()
    ]
    with pytest.raises(InputError) as refused:
        import_files_detailed([write(tmp_path, "words.csv", "\n".join(lines) + "\n")])
    message = str(refused.value)
    assert message.startswith("words.csv: 'Calls' should count the contacts of each interval")
    assert "Write the counts as digits" in message


# --- Amazon Connect contact records with JSON cells -------------------------------------------


def _connect_ctr(bad_row: int | None = None) -> tuple[str, list[int]]:
    """Contact records as Connect's CTR stream writes them to CSV: "Queue" and "Agent" hold JSON
    objects; "Agent" is empty for a call nobody answered (every fifth)."""
    lines = ["ContactId,InitiationTimestamp,Channel,InitiationMethod,Queue,Agent,DisconnectReason"]
    handled = []
    for n in range(200):
        arrival = spread_arrival(n)
        queue = {"Name": ["Support", "Billing"][n % 2], "ARN": "arn:aws:connect:queue/abc",
                 "EnqueueTimestamp": f"{arrival:%Y-%m-%dT%H:%M:%SZ}", "Duration": 30 + n % 20,
                 "Hierarchy": {"Level1": "EU"}}  # fmt: skip
        agent = "" if n % 5 == 2 else json.dumps({
            "Username": "ana", "AgentInteractionDuration": 120 + n % 60,
            "CustomerHoldDuration": 10, "AfterContactWorkDuration": 30,
        })  # fmt: skip
        if agent:
            handled.append(120 + n % 60 + 10 + 30)
        queue_cell = "Support" if n == bad_row else json.dumps(queue).replace('"', '""')
        lines.append(f'c{n},{arrival:%Y-%m-%dT%H:%M:%SZ},VOICE,INBOUND,"{queue_cell}",'
                     f'"{agent.replace(chr(34), chr(34) * 2)}",CUSTOMER_DISCONNECT')  # fmt: skip
    return "\n".join(lines) + "\n", handled


def test_connect_json_cells_are_read_as_their_fields(tmp_path):
    # Before: each JSON object was a queue of its own (200 queues named '{"Name": ...}'), with
    # no handle time or wait.
    text, handled = _connect_ctr()
    result = import_files_detailed([write(tmp_path, "ctr.csv", text)])
    columns = result.files[0].columns
    assert (columns["queue"], columns["wait"]) == ("Queue.Name", "Queue.Duration")
    assert columns["handle"] == (
        "Agent.AgentInteractionDuration + Agent.CustomerHoldDuration + "
        "Agent.AfterContactWorkDuration"
    )
    assert contacts_per_queue(result) == {"Billing / VOICE": 100.0, "Support / VOICE": 100.0}
    frame = result.dataset.intervals
    assert (float(frame[schema.ANSWERED].sum()), float(frame[schema.ABANDONED].sum())) == (160, 40)
    assert answered_weighted_aht(result) == pytest.approx(sum(handled) / len(handled))
    assert note_with(result.dataset, "JSON objects").startswith(
        "ctr.csv: cells holding JSON objects were read as columns of their fields: 'Queue' into "
        "'Queue.Name', 'Queue.ARN', 'Queue.EnqueueTimestamp', 'Queue.Duration' and 1 more; "
        "'Agent' into 'Agent.Username'"
    )


def test_a_connect_row_without_its_json_object_is_refused_naming_it(tmp_path):
    text, _ = _connect_ctr(bad_row=150)
    with pytest.raises(InputError) as refused:
        import_files_detailed([write(tmp_path, "ctr.csv", text)])
    assert str(refused.value).startswith(
        "ctr.csv: line 152: 'Queue' holds 'Support', where the other rows hold JSON objects"
    )


# --- contact records written as JSON ----------------------------------------------------------


def _ctr_objects() -> list[dict]:
    objects = []
    for n in range(100):
        arrival = spread_arrival(n)
        objects.append({
            "ContactId": f"c{n}", "InitiationTimestamp": f"{arrival:%Y-%m-%dT%H:%M:%SZ}",
            "Channel": "VOICE", "Queue": {"Name": ["Support", "Billing"][n % 2], "Duration": 20},
            "Agent": None if n % 5 == 2 else {"AgentInteractionDuration": 100 + n},
            "DisconnectReason": "CUSTOMER_DISCONNECT",
        })  # fmt: skip
    return objects


@pytest.mark.parametrize("layout", ["lines", "list", "back to back"])
def test_connect_contact_records_written_as_json_are_read(tmp_path, layout):
    # Before: refused as "JSON data, not a CSV/text export", though Connect's contact-record
    # stream writes nothing else.
    objects = _ctr_objects()
    text = {
        "lines": "\n".join(map(json.dumps, objects)) + "\n",
        "list": json.dumps(objects, indent=1),
        "back to back": "".join(map(json.dumps, objects)),
    }[layout]
    result = import_files_detailed([write(tmp_path, "ctr.json", text)])
    columns = result.files[0].columns
    assert (columns["timestamp"], columns["queue"]) == ("InitiationTimestamp", "Queue.Name")
    assert (columns["handle"], columns["wait"]) == (
        "Agent.AgentInteractionDuration", "Queue.Duration")  # fmt: skip
    assert contacts_per_queue(result) == {"Billing / VOICE": 50.0, "Support / VOICE": 50.0}
    frame = result.dataset.intervals
    assert (float(frame[schema.ANSWERED].sum()), float(frame[schema.ABANDONED].sum())) == (80, 20)
    handled = [100 + n for n in range(100) if n % 5 != 2]
    assert answered_weighted_aht(result) == pytest.approx(sum(handled) / len(handled))
    assert note_with(result.dataset, "JSON records") == (
        "ctr.json: JSON records read as a table, one row per object (100), nested fields as "
        "columns of their own (7 columns)."
    )


def test_a_bad_value_in_json_records_is_refused_saying_which_object(tmp_path):
    text = '{"interval": "2024-03-04 08:00", "calls": 5}\n{"interval": "x", "calls": 7}\n'
    with pytest.raises(InputError) as refused:
        import_files_detailed([write(tmp_path, "export.json", text)])
    message = str(refused.value)
    assert "(line 3: 'x')" in message
    assert message.endswith("line N is its object N - 1.)")


# --- Swiss thousands in a duration ------------------------------------------------------------


@pytest.mark.parametrize("mark", ["'", "\u2019"])
def test_swiss_thousands_in_a_handle_time_are_read(tmp_path, mark):
    # Before: "1'056" in an AHT column was "no duration" (an apostrophe marks minutes in
    # "4'33''"), so the handle time was left out; seconds never run to three digits.
    lines = ["Datum;Zeit;Anrufe;AHT (Sek.)"] + [
        f"{t:%d.%m.%Y};{t:%H:%M};{_calls(t)};1{mark}{t.hour:03d}" for t in _slots()
    ]
    result = import_files_detailed([write(tmp_path, "ch.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["aht"] == "AHT (Sek.)"
    assert at(result.dataset, "2024-03-05 09:30")[schema.AHT_SECONDS] == 1009


def test_minutes_marked_by_an_apostrophe_stay_minutes():
    import pyarrow as pa

    from data.timestamps import parse_duration

    read = parse_duration(pa.array(["4'33''", "1'056", "12'345"]), decimal_comma=False)
    assert read.tolist() == [273, 1056, 12345]


def test_a_file_whose_only_rows_read_as_a_summary_is_refused_not_a_crash(tmp_path):
    # Before: an IndexError from the sniffer (found by the messy-file property test).
    with pytest.raises(InputError, match="only a header row was found"):
        import_files_detailed([write(tmp_path, "x.csv", "timestamp\n\n:,0")])


@pytest.mark.parametrize(
    ("header", "means"), [("Answered", "answered"), ("Abandoned", "abandoned")]
)
def test_a_flag_column_repeating_its_header_or_empty_is_read(tmp_path, header, means):
    # Before: "Answered" or an empty cell under "Answered" was left unread.
    lines = [f"Start Time,Queue,{header},Talk Time"]
    for n in range(100):
        served = n % 5 != 2
        said = served if means == "answered" else not served
        lines.append(f"{spread_arrival(n):%Y-%m-%d %H:%M:%S},Support,{header if said else ''},"
                     f"{clock(120 if served else 0)}")  # fmt: skip
    result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns[f"{means} flag"] == header
    frame = result.dataset.intervals
    assert (float(frame[schema.ANSWERED].sum()), float(frame[schema.ABANDONED].sum())) == (80, 20)


def test_rows_at_00_20_and_45_say_where_they_start_and_how_to_choose_the_interval(tmp_path):
    # Before: only "50 timestamp(s) were not on the 20-minute grid", as for a stray timestamp.
    lines = ["Interval Start,Offered"] + [
        f"2024-03-{4 + day:02d} {hour:02d}:{minute:02d},5"
        for day in range(5)
        for hour in range(8, 18)
        for minute in (0, 20, 45)
    ]
    result = import_files_detailed([write(tmp_path, "odd.csv", "\n".join(lines) + "\n")])
    assert result.files[0].interval_minutes == 20
    assert float(result.dataset.intervals[schema.VOLUME].sum()) == 750
    assert note_with(result.dataset, "not on the 20-minute grid") == (
        "50 timestamp(s) were not on the 20-minute grid and were counted in the interval they "
        "fall in. They are 33% of the rows, which start at :00, :20, :45 past the hour: if the "
        "export's interval is another length, choose it (Interval length in the app, "
        "--interval-minutes on the command line)."
    )
