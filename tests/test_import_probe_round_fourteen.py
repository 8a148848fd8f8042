"""Round-fourteen probes: one-field footer lines below an Asterisk CDR, Vocalcom Hermes'
FirstQueue / LastQueue, Dialpad calls to a person and Dialpad's talk_duration in minutes."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from import_support import contacts_per_queue, monday_calls, note_with, write

from data.columns import ImportOptions
from data.importer import import_files_detailed

# One-field footer lines below an Asterisk CDR

_CDR_HEADER = [
    "calldate", "clid", "src", "dst", "dcontext", "channel", "dstchannel", "lastapp", "lastdata",
    "duration", "billsec", "disposition", "amaflags", "accountcode", "uniqueid", "userfield",
    "did", "recordingfile", "cnum", "cnam",
]  # fmt: skip


def _cdr(tmp_path, footers: list[list[str]]):
    """A FreePBX CDR of 12 inbound queue-400 calls every 10 minutes from Mon 02 Mar 2026 09:00,
    every third one unanswered, then `footers` and the blank line a file ends with."""
    path = tmp_path / "cdr.csv"
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(_CDR_HEADER)
        for n in range(12):
            stamp = dt.datetime(2026, 3, 2, 9) + dt.timedelta(minutes=10 * n)
            answered = n % 3 != 2
            src, uid, bill = f"33300{n:05d}", f"1772442000.{n}", 60 + n if answered else 0
            writer.writerow([f"{stamp:%Y-%m-%d %H:%M:%S}", src, src, "400", "ext-queues",
                             f"SIP/trunk-{uid}", f"SIP/2{n:02d}-{n}" if answered else "",
                             "Queue", "400,t", bill + 5, bill,
                             "ANSWERED" if answered else "NO ANSWER", 3, "", uid, "", "", "",
                             src, ""])  # fmt: skip
        writer.writerows(footers)
    with open(path, "a", newline="") as handle:
        handle.write("\r\n")
    return import_files_detailed([path])


def test_one_field_footers_of_a_cdr_are_counted_in_the_note(tmp_path):
    # 'Total' and 'End of report' had been left out without a word.
    result = _cdr(tmp_path, [["Total"], ["End of report"]])
    data = result.dataset
    assert result.contacts == 12
    assert (data.answered, data.abandoned) == (8, 4)
    assert note_with(data, "without a call start") == (
        "cdr.csv: 2 row(s) without a call start (e.g. 'Total') left out."
    )
    # The blank line the file ends with is no footer.
    result = _cdr(tmp_path, [])
    assert result.contacts == 12
    assert not any("without a call start" in note for note in result.dataset.notes)


def test_one_and_two_field_footers_of_a_cdr_are_counted_together(tmp_path):
    result = _cdr(tmp_path, [["Total", "13"], ["End of report"]])
    assert result.contacts == 12
    assert note_with(result.dataset, "without a call start") == (
        "cdr.csv: 2 row(s) without a call start (e.g. line 14: 'Total,13') left out."
    )


# Vocalcom Hermes: FirstQueue / LastQueue


def _vocalcom(tmp_path, queues: dict[str, list[str]]):
    """A Vocalcom Hermes call history with the `queues` columns (name -> value per call)."""
    named = "".join(f"{column};" for column in queues)
    lines = [
        "ID;CallType;CallLocalTime;Duration;IvrDuration;WaitDuration;ConvDuration;"
        f"WrapupDuration;ANI;DNIS;FirstCampaign;LastCampaign;{named}Abandon;Closed;NoAgent;"
        "CallStatusGroup;CallStatusNum;EndReason"
    ]
    for index, (arrival, _, abandoned, talk, wait) in enumerate(monday_calls()):
        wrap = 0 if abandoned else 20
        values = "".join(f"{cells[index]};" for cells in queues.values())
        lines.append(
            f"{index:032x};1;{arrival:%Y-%m-%d %H:%M:%S}.073;{10 + wait + talk + wrap};10;{wait};"
            f"{talk};{wrap};33612345678;546012;511;511;{values}{int(abandoned)};0;0;"
            f"{6 if abandoned else 1};0;0"
        )
    return import_files_detailed([write(tmp_path, "CallHistory.csv", "\n".join(lines) + "\n")])


def test_a_vocalcom_last_queue_of_numbers_is_the_queue(tmp_path):
    # The queue numbers had been passed over: every call in one queue named after the file.
    last = [str(30 + index % 2) for index in range(40)]  # 30 Support, 31 Sales
    result = _vocalcom(tmp_path, {"LastQueue": last})
    data = result.dataset
    assert result.files[0].columns["queue"] == "LastQueue"
    assert contacts_per_queue(result) == {"30": 20, "31": 20}
    assert (data.answered, data.abandoned) == (34, 6)
    answered_talk = [talk for _, _, abandoned, talk, _ in monday_calls() if not abandoned]
    assert data.mean_handle_seconds == pytest.approx(sum(answered_talk) / 34 + 20)
    assert note_with(data, "queue numbers") == (
        "CallHistory.csv: 'LastQueue' holds queue numbers (e.g. '30', '31'): read as the queue, "
        "not as a count."
    )


def test_a_vocalcom_first_queue_alone_is_the_queue(tmp_path):
    result = _vocalcom(tmp_path, {"FirstQueue": [str(30 + i % 2) for i in range(40)]})
    assert result.files[0].columns["queue"] == "FirstQueue"
    assert contacts_per_queue(result) == {"30": 20, "31": 20}


@pytest.mark.parametrize("by_number", [True, False])
def test_a_vocalcom_call_counts_in_the_queue_it_ended_in(tmp_path, by_number):
    # With both, the queue the call entered had been read (by name) or neither (by number).
    if by_number:
        first, last = ["10"] * 40, [str(30 + i % 2) for i in range(40)]
        expected = {"30": 20, "31": 20}
    else:
        first, last = ["Accueil"] * 40, [c[1] for c in monday_calls()]
        expected = {"Sales": 20, "Support": 20}
    result = _vocalcom(tmp_path, {"FirstQueue": first, "LastQueue": last})
    assert result.files[0].columns["queue"] == "LastQueue"
    assert contacts_per_queue(result) == expected
    assert (result.dataset.answered, result.dataset.abandoned) == (34, 6)
    assert note_with(result.dataset, "the queue it ended in") == (
        "CallHistory.csv: each call is counted in 'LastQueue', the queue it ended in, not in "
        "'FirstQueue', the queue it entered. To count calls where they came in, choose "
        "'FirstQueue' as the queue column (Queue column in the app, --queue-column on the "
        "command line)."
    )


# Dialpad: calls to a person, talk_duration in minutes

DIALPAD_HEADER = (
    "call_id,date_started,date_rang,date_connected,date_ended,direction,external_number,"
    "internal_number,target_id,target_type,name,email,talk_duration,total_duration,categories"
)


def _dialpad(tmp_path, target, minutes: bool = False, header: str = DIALPAD_HEADER):
    """A Dialpad call history of `monday_calls()`, each to the target `target(index)` gives: "user"
    calls go to Ann Lee, "department" ones to Billing; talk times in seconds or minutes."""
    lines = [header]
    for index, (arrival, queue, abandoned, talk, wait) in enumerate(monday_calls()):
        kind = target(index)
        name = {"callcenter": queue, "department": "Billing", "user": "Ann Lee"}[kind]
        connected = "" if abandoned else f"{arrival + dt.timedelta(seconds=wait):%Y-%m-%d %H:%M:%S}"
        ended = arrival + dt.timedelta(seconds=wait + talk)
        category = "incoming, missed" if abandoned else "incoming, answered"
        talked = f"{talk / 60:.4f}" if minutes else str(talk)
        total = f"{(talk + wait) / 60:.4f}" if minutes else str(talk + wait)
        lines.append(
            f"{1000 + index},{arrival:%Y-%m-%d %H:%M:%S},{arrival:%Y-%m-%d %H:%M:%S},{connected},"
            f"{ended:%Y-%m-%d %H:%M:%S},inbound,+15550001,+15559999,{555 + index % 3},{kind},"
            f'{name},,{talked},{total},"{category}"'
        )
    return import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])


def _mixed_target(index: int) -> str:
    """Every third call to a call center kept as such; of the rest, department and user."""
    return "callcenter" if index % 3 == 0 else ["department", "user"][index % 2]


def test_dialpad_calls_to_a_person_are_left_out_beside_call_centers(tmp_path):
    # 'Ann Lee' had been a queue of her own, with 13 calls.
    result = _dialpad(tmp_path, _mixed_target)
    data = result.dataset
    assert contacts_per_queue(result) == {"Billing": 13, "Sales": 7, "Support": 7}
    assert result.contacts == 27
    assert (data.answered, data.abandoned) == (23, 4)  # calls 7 and 35 to Ann Lee
    assert note_with(data, "calls to a person") == (
        "calls.csv: 13 calls to a person rather than a call center left out ('target_type' = "
        "user): they are no queue's demand. To forecast them too, choose 'name' as the queue "
        "column (Queue column in the app, --queue-column on the command line)."
    )
    # The queue column chosen by hand keeps them, as the note says.
    chosen = import_files_detailed([tmp_path / "calls.csv"], ImportOptions(queue_column="name"))
    assert contacts_per_queue(chosen) == {"Ann Lee": 13, "Billing": 13, "Sales": 7, "Support": 7}
    assert not any("calls to a person" in note for note in chosen.dataset.notes)
    # A file of calls to persons only keeps them.
    persons = _dialpad(tmp_path, lambda index: "user")
    assert contacts_per_queue(persons) == {"Ann Lee": 40}
    assert not any("calls to a person" in note for note in persons.dataset.notes)


def test_dialpad_talk_duration_is_read_in_minutes(tmp_path):
    # Read in seconds, the mean handle time had been 3.3 s, with a note asking to rename.
    result = _dialpad(tmp_path, lambda index: "callcenter", minutes=True)
    data = result.dataset
    assert result.files[0].columns["handle"] == "talk_duration"
    assert (data.answered, data.abandoned) == (34, 6)
    answered_talk = [talk for _, _, abandoned, talk, _ in monday_calls() if not abandoned]
    assert data.mean_handle_seconds == pytest.approx(sum(answered_talk) / 34, abs=0.01)
    assert note_with(data, "read as 'talk_duration (min)'") == (
        "calls.csv: 'talk_duration' read as 'talk_duration (min)': Dialpad writes its call "
        "durations in minutes, and in seconds its median handle time of 3.3 s is implausible "
        "(3.33 min read so). If it is in seconds after all, rename the column to "
        "'talk_duration (s)' and import again."
    )
    # Whole seconds stay seconds.
    seconds = _dialpad(tmp_path, lambda index: "callcenter")
    assert seconds.dataset.mean_handle_seconds == pytest.approx(sum(answered_talk) / 34)
    assert not any("(min)" in note for note in seconds.dataset.notes)
    # The same minutes without Dialpad's target_type: only the note asking to rename.
    other = _dialpad(tmp_path, lambda index: "callcenter", minutes=True,
                     header=DIALPAD_HEADER.replace("target_type", "kind"))  # fmt: skip
    assert other.dataset.mean_handle_seconds == pytest.approx(sum(answered_talk) / 34 / 60, 1e-3)
    assert "rename the column to 'talk_duration (min)'" in note_with(
        other.dataset, "is implausible"
    )
