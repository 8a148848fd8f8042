"""Round-thirty-six probes: an hourly range crossing noon written with the end's half of the day
("11-12 PM") as a day's first row, below the previous day's last hour, read by the 12-hour clock
as 11:00-12:00; a column chosen by name (`--time-column date`) matched to its header in any
case or spacing ('DATE'), refused only where two columns then answer to it; an answered or
abandoned count written mostly as 'N/A', named as unread; and channels or queues named with an
outbound direction after them (Zendesk's "Phone call (outbound)", "Sales - Outbound") left out as
calls out, where a direction first ("Outbound Sales") may be a team's name and is kept; and a
voicemail (Talkdesk's 'Type' "voicemail") read as a message left, neither answered nor abandoned,
still closing the hours a night of them met."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest
from import_support import note_with, weekday_rows_file, write

from data.columns import ImportOptions, names_outbound_channel
from data.errors import InputError
from data.importer import import_files_detailed
from data.timestamps import parse_time_of_day

MONDAY = dt.datetime(2024, 3, 4)


def _twelve_hour(hour: int) -> str:
    return f"{hour % 12 or 12}"


# --- An hourly range crossing noon with no slot before it ---------------------------------------


def test_range_ending_at_noon_below_the_previous_days_last_hour_starts_at_eleven():
    # "11-12 PM" ends at noon on the 12-hour clock (12 PM is noon), so it is the hour from 11:00.
    # Only the slot just before it (10:00-11:00 AM, or 10:00-11:00 PM in a file that writes the
    # start's half) tells otherwise; the previous day's 5:00-6:00 PM above it tells nothing.
    # Before: 23:00 for the day's first row, as if "5:00-6:00 PM" were the slot before it.
    labels = ["11:00-12:00 PM", "12:00-1:00 PM", "5:00-6:00 PM", "11:00-12:00 PM"]
    assert (parse_time_of_day(pa.array(labels)) / 3600).tolist() == [11, 12, 17, 11]
    # Round the clock, written with the start's half, the slot before it still decides.
    labels = ["10:00-11:00 AM", "11:00-12:00 AM", "10:00-11:00 PM", "11:00-12:00 PM"]
    assert (parse_time_of_day(pa.array(labels)) / 3600).tolist() == [10, 11, 22, 23]


def test_hourly_report_whose_days_start_at_eleven_reads_eleven_oclock(tmp_path):
    # Before: 245 calls over 12:00-17:00 and 23:00, every day's 11:00 hour read as 23:00.
    lines = ["Date,Hour,Calls"] + [
        f"{MONDAY + dt.timedelta(days=day):%m/%d/%Y},"
        f"{_twelve_hour(hour)}-{_twelve_hour(hour + 1)} {'AM' if hour + 1 < 12 else 'PM'},"
        f"{5 + day}"
        for day in range(5)
        for hour in range(11, 18)
    ]
    result = import_files_detailed([write(tmp_path, "hourly.csv", "\n".join(lines))])
    frame = result.dataset.intervals
    busy = frame[frame["volume"] > 0]
    assert result.contacts == 7 * (5 + 6 + 7 + 8 + 9)  # 245
    assert sorted(set(busy["interval_start"].dt.hour)) == list(range(11, 18))
    eleven = busy[busy["interval_start"].dt.hour == 11]
    assert eleven["volume"].tolist() == [5, 6, 7, 8, 9]


# --- A chosen column named in another case or spacing -------------------------------------------


def _report_under(tmp_path, header: str):
    """40 half hours from Monday 08:00, 239 calls, under `header` (time, received, answered)."""
    lines = [header] + [
        f"{MONDAY + dt.timedelta(hours=8, minutes=30 * k):%Y-%m-%d %H:%M},{5 + k % 3},{4 + k % 3}"
        for k in range(40)
    ]
    return write(tmp_path, "report.csv", "\n".join(lines))


@pytest.mark.parametrize(
    "chosen",
    [
        ImportOptions(time_column="date"),
        ImportOptions(time_column=" Date "),
        ImportOptions(time_column="DATE", volume_column="received"),
    ],
)
def test_chosen_column_matches_its_header_in_any_case_or_spacing(tmp_path, chosen):
    # `cli.py ... --time-column date` on a file headed 'DATE'. Before: refused, "there is no
    # column named 'date' (chosen as the time column: ...). The columns are: DATE, Received,
    # Answered. Pick one of these names."
    result = import_files_detailed([_report_under(tmp_path, "DATE,Received,Answered")], chosen)
    assert result.contacts == 13 * (5 + 6 + 7) + 5  # 239
    assert "timestamp 'DATE', volume 'Received'" in result.dataset.notes[0]


def test_chosen_column_matching_two_headers_but_for_case_is_refused_naming_both(tmp_path):
    path = _report_under(tmp_path, "Time,Calls,CALLS")
    with pytest.raises(InputError) as refusal:
        import_files_detailed([path], ImportOptions(volume_column="calls"))
    assert str(refusal.value) == (
        "report.csv: 'calls' (chosen as the volume column) names 2 columns written in different "
        "case or spacing: 'Calls', 'CALLS'. Choose one of them written exactly as the file's "
        "header writes it (Volume column in the app, --volume-column on the command line)."
    )
    # Written exactly, it is that column.
    result = import_files_detailed([path], ImportOptions(volume_column="CALLS"))
    assert result.contacts == 13 * (4 + 5 + 6) + 4  # 199


# --- An outcome count written mostly as 'N/A' ---------------------------------------------------


def test_abandoned_column_mostly_not_a_number_is_named_as_unread(tmp_path):
    # An interval report whose 'Abandoned' writes 'N/A' in four rows of five and a count in the
    # fifth: under half its values are numbers, so it is no count column. Before: left out with
    # no word, the abandoned contacts silently unknown.
    lines = ["Interval,Offered,Answered,Abandoned"] + [
        f"{t:%Y-%m-%d %H:%M},{10 + k % 16},{9 + k % 16},{'1' if k % 5 == 0 else 'N/A'}"
        for k, t in enumerate(
            MONDAY + dt.timedelta(days=day, hours=8, minutes=30 * slot)
            for day in range(5)
            for slot in range(16)
        )
    ]
    result = import_files_detailed([write(tmp_path, "report.csv", "\n".join(lines))])
    assert result.contacts == 5 * sum(range(10, 26))  # 1,400
    assert result.dataset.intervals["abandoned"].isna().all()
    assert note_with(result.dataset, "'Abandoned'") == (
        "report.csv: 'Abandoned' was not read as the abandoned count: only 16 of its first 80 "
        "values are numbers, the others 'N/A'. The abandoned contacts are therefore unknown, "
        "not 0. If those values stand for none, export them as 0 and import again."
    )


def test_abandoned_column_of_numbers_and_a_few_not_a_number_is_read_without_that_note(tmp_path):
    # Mostly numbers: the column is read (its 'N/A' cells named by the reader), no such note.
    lines = ["Interval,Offered,Answered,Abandoned"] + [
        f"{MONDAY + dt.timedelta(hours=8, minutes=30 * k):%Y-%m-%d %H:%M},10,9,"
        f"{'N/A' if k % 5 == 0 else '1'}"
        for k in range(16)
    ]
    result = import_files_detailed([write(tmp_path, "report.csv", "\n".join(lines))])
    assert result.dataset.intervals["abandoned"].sum() == 12
    assert not any("was not read as the abandoned count" in n for n in result.dataset.notes)


# --- Channels named with an outbound direction -------------------------------------------------

ZENDESK_VIA = ["Web form", "Email", "Phone call (inbound)", "Phone call (outbound)", "Chat"]


def _ticket_export(tmp_path, header: str, row):
    """200 Zendesk tickets Monday to Friday from 08:00, each 'Via' in turn (40 apiece)."""
    return weekday_rows_file(tmp_path, "tickets.csv", header, row, ZENDESK_VIA)


def test_zendesk_phone_calls_out_are_no_inbound_contacts(tmp_path):
    # Zendesk's ticket 'Via' names the channel a ticket came in by, and a call the agent placed
    # as "Phone call (outbound)". Before: 200 contacts, 'Support / Phone call (outbound)' a queue
    # of its own with 40 of them.
    result = _ticket_export(
        tmp_path,
        "Id,Subject,Status,Via,Created at,Group",
        lambda t, n, via: f"{1000 + n},Help {n},solved,{via},{t:%Y-%m-%d %H:%M:%S},Support",
    )
    assert result.contacts == 160
    assert result.dataset.queues == [
        "Support / Chat", "Support / Email", "Support / Phone call (inbound)", "Support / Web form"
    ]  # fmt: skip
    assert note_with(result.dataset, "left out") == (
        "tickets.csv: 40 row(s) with 'Via' = 'Phone call (outbound)' left out: the value names an "
        "outbound direction after its channel or queue, and calls out are no inbound demand to "
        "forecast. A queue named with the direction first ('Outbound Sales') is kept, as that "
        "may be a team's name."
    )


def test_queue_named_with_a_direction_after_it_is_left_out_and_before_it_kept(tmp_path):
    # 'Queue' of an interval report: "Sales - Outbound" counts calls placed; "Outbound Sales"
    # may be a team that also takes calls back, so its name alone leaves nothing out.
    queues = ["Sales", "Sales - Outbound", "Outbound Sales", "Support (outgoing)"]
    lines = ["Interval,Queue,Offered"] + [
        f"{MONDAY + dt.timedelta(hours=8, minutes=30 * k):%Y-%m-%d %H:%M},{queue},{n + 1}"
        for k in range(16)
        for n, queue in enumerate(queues)
    ]
    result = import_files_detailed([write(tmp_path, "report.csv", "\n".join(lines))])
    assert result.dataset.queues == ["Outbound Sales", "Sales"]
    assert result.contacts == 16 * (1 + 3)  # before: 160, in four queues
    assert note_with(result.dataset, "left out").startswith(
        "report.csv: 32 row(s) with 'Queue' = 'Sales - Outbound' (16), 'Support (outgoing)' (16) "
        "left out:"
    )


def test_names_of_channels_with_an_outbound_direction_after_them():
    named = ["Phone call (outbound)", "Voice - Outbound", "Calls / outgoing", "Appels (sortant)",
             "Sales – OB"]  # fmt: skip
    kept = ["Phone call (inbound)", "Outbound Sales", "Sales Outbound", "Check-out",
            "Support - Intern", "Out of hours", "(outbound)", "Web form"]  # fmt: skip
    assert [names_outbound_channel(value) for value in named] == [True] * len(named)
    assert [names_outbound_channel(value) for value in kept] == [False] * len(kept)


def test_every_row_a_channel_out_is_refused(tmp_path):
    lines = ["Created at,Via"] + [
        f"{MONDAY + dt.timedelta(hours=8, seconds=97 * n):%Y-%m-%d %H:%M:%S},Phone call (outbound)"
        for n in range(30)
    ]
    with pytest.raises(InputError) as refusal:
        import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines))])
    assert str(refusal.value) == (
        "calls.csv: every row's 'Via' names an outbound direction ('Phone call (outbound)'): "
        "calls out are no inbound demand. Picco forecasts inbound demand: export the inbound "
        "contacts."
    )


# --- A voicemail is a message left, no abandon -------------------------------------------------

TALKDESK_TYPES = ["inbound", "inbound", "abandoned", "voicemail", "outbound", "missed", "inbound",
                  "short_abandoned"]  # fmt: skip


def _talkdesk(tmp_path, night_voicemails: int = 0):
    """200 Talkdesk calls Monday to Friday 08:00-18:00, each 'Type' in turn (25 apiece), and
    `night_voicemails` voicemails at 21:00-21:45 on Monday and Tuesday."""
    lines = ["Call ID,Type,Start Time,End Time,Talkdesk Phone Number,Contact Phone Number,"
             "User Name,Total Time,Talk Time,Wait Time,Ring Groups"]  # fmt: skip
    calls = [
        (MONDAY + dt.timedelta(days=n % 5, hours=8, seconds=217 * n % 36_000),
         TALKDESK_TYPES[n % len(TALKDESK_TYPES)])
        for n in range(200)
    ]  # fmt: skip
    calls += [
        (MONDAY + dt.timedelta(days=n % 2, hours=21, minutes=7 * n % 45), "voicemail")
        for n in range(night_voicemails)
    ]
    for n, (t, kind) in enumerate(calls):
        talk = 100 + n if kind in ("inbound", "outbound") else 0
        total = talk + 20 + 30 * (kind == "voicemail")
        lines.append(
            f"c{n},{kind},{t:%Y-%m-%d %H:%M:%S},{t + dt.timedelta(seconds=total):%Y-%m-%d %H:%M:%S},"
            f"+14155550100,+1415555{n:04d},{'Ann' if talk else ''},{total},{talk},20,support"
        )
    return import_files_detailed([write(tmp_path, "talkdesk.csv", "\n".join(lines))])


def test_talkdesk_voicemail_is_neither_answered_nor_abandoned(tmp_path):
    # A caller who leaves a voicemail did not give up: the message waits for a call back. As an
    # abandon its wait would be read as the caller's whole patience (planning.patience: total
    # wait over abandoned calls, after Brown et al. 2005), where it is only a lower bound, and
    # the abandon rate would count it. Before: 175 calls, 75 answered and 100 abandoned,
    # 'voicemail -> abandoned (25)'.
    result = _talkdesk(tmp_path)
    dataset = result.dataset
    assert result.contacts == 175  # the 25 outbound left out; the voicemails still arrivals
    assert (dataset.answered, dataset.abandoned) == (75, 75)
    note = note_with(dataset, "outcome from 'Type'")
    assert "voicemail -> voicemail (25)" in note
    assert note.endswith(
        "'voicemail' says that the caller left a message to be called back: neither answered "
        "nor abandoned (the caller did not give up), still counted as arrivals."
    )


def test_a_night_of_voicemails_still_closes_its_hours(tmp_path):
    # Open hours are learned from contacts left unanswered, voicemails as abandoned calls: the
    # 21:00 voicemails met a closed center and keep 21:00 closed, said in the note.
    dataset = _talkdesk(tmp_path, night_voicemails=12).dataset
    assert note_with(dataset, "Open hours of 'support'") == (
        "Open hours of 'support': 195 of 672 weekly 15-minute slots are open; 15 contact(s) "
        "arrived in closed slots (kept; none of them answered)."
    )  # the 12 voicemails and 3 calls nobody answered; Mon-Fri open 08:00-17:45, 39 slots a day
    frame = dataset.intervals
    night = frame[frame["interval_start"].dt.hour == 21]
    assert night["volume"].sum() == 12 and not night["is_open"].any()
