"""Round-twenty probes: Avaya IP Office SMDR (I/O directions, "Connected Time" + hold, a file
without its header line), 8x8's "Processing Time", PureConnect's interaction summary (workgroups,
t-columns, a UTC header), Dialpad's wrap-up in minutes, Vonage call logs, and two notes: a title
date's fix and a summed handle time's unit."""

from __future__ import annotations

import datetime as dt

import pytest
from import_support import at, clock, contacts_per_queue, note_with, write

from data.errors import InputError
from data.importer import import_files_detailed

SMDR_HEADER = (
    "Call Start,Connected Time,Ring Time,Caller,Direction,Called Number,Dialled Number,Account,"
    "Is Internal,Call ID,Continuation,Party1Device,Party1Name,Party2Device,Party2Name,Hold Time,"
    "Park Time"
)


def _smdr_lines() -> list[str]:
    """60 SMDR records: every tenth call outgoing ("O"), inbound calls n % 6 == 1 unanswered
    (00:00:00 connected), the others connected 120 + 3n s with 15 s on hold every fourth."""
    lines = []
    for n in range(60):
        start = dt.datetime(2024, 3, 4, 8) + dt.timedelta(days=n % 3, minutes=9 * n, seconds=n)
        if n % 10 == 7:
            lines.append(
                f"{start:%Y/%m/%d %H:%M:%S},00:02:10,0,201,O,01632960{n:03d},01632960{n:03d},,0,"
                f"{1000 + n},0,E201,Anna,T9001,Line 1.1,0,0"
            )
            continue
        answered = n % 6 != 1
        talk, hold = (120 + 3 * n, 15 if n % 4 == 0 else 0) if answered else (0, 0)
        party2 = f"E20{3 + n % 3},Agent {n % 3}" if answered else "V9501,Support"
        lines.append(
            f"{start:%Y/%m/%d %H:%M:%S},{clock(talk)},{8 if answered else 25},0161496{n:04d},I,"
            f"200,200,,0,{1000 + n},0,T9001,Line 1.2,{party2},{hold},0"
        )
    return lines


def test_an_ip_office_smdr_reads_its_directions_and_connected_time(tmp_path):
    # "I"/"O" had not been read as directions (6 outgoing calls counted as demand, 60 contacts)
    # and "Connected Time" not as the handle time (no AHT at all).
    text = "\n".join([SMDR_HEADER, *_smdr_lines()]) + "\n"
    result = import_files_detailed([write(tmp_path, "smdr.csv", text)])
    columns = result.files[0].columns
    assert columns["direction"] == "Direction"
    assert columns["handle"] == "Connected Time + Hold Time"
    assert contacts_per_queue(result) == {"smdr": 54.0}
    served = [
        120 + 3 * n + (15 if n % 4 == 0 else 0) for n in range(60) if n % 10 != 7 and n % 6 != 1
    ]
    assert len(served) == 46
    assert result.dataset.mean_handle_seconds == pytest.approx(sum(served) / 46)
    assert note_with(result.dataset, "with 'Direction' = O left out").startswith("smdr.csv: 6 row")
    assert at(result.dataset, "2024-03-04 08:00")["wait_seconds"] == 8


def test_an_smdr_without_its_header_line_is_refused_clearly(tmp_path):
    # IP Office writes SMDR without a header: the first call had been taken as the header (59
    # contacts, a timestamp column named '2024/03/04 08:00:00', nothing else read).
    path = write(tmp_path, "smdr.csv", "\n".join(_smdr_lines()) + "\n")
    with pytest.raises(InputError) as caught:
        import_files_detailed([path])
    message = str(caught.value)
    assert message.startswith("smdr.csv: the first line ('2024/03/04 08:00:00,00:02:00,8,")
    assert "is a row of data, not a header naming the columns" in message
    assert "Add a first line naming each column" in message


def test_a_lone_letter_is_no_direction_without_a_direction_header(tmp_path):
    # "I"/"O" under another header ("Line") stay no direction: all 40 calls kept.
    lines = ["Start,Line,Talk Time"]
    for n in range(40):
        start = dt.datetime(2024, 3, 4, 8) + dt.timedelta(minutes=7 * n, seconds=n)
        lines.append(f"{start:%Y-%m-%d %H:%M:%S},{'IO'[n % 2]},{clock(200 + n)}")
    result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])
    assert "direction" not in result.files[0].columns
    assert result.contacts == 40


def test_an_8x8_processing_time_and_wrap_up_make_the_handle_time(tmp_path):
    # 'Processing Time' (the agent's time on the interaction) had been left unread: no handle
    # time at all.
    lines = [
        "Transaction ID,Queue,Channel,Direction,Creation Time,Accepted Time,Agent,Queue Time,"
        "Processing Time,Post Processing Time,Status"
    ]
    handled = []
    for n in range(80):
        start = dt.datetime(2024, 3, 4, 9) + dt.timedelta(days=n % 4, minutes=7 * n)
        queue = "Tech Support" if n % 4 else "Sales"
        if n % 8 == 3:
            lines.append(
                f"T{n},{queue},Voice,Inbound,{start:%d/%m/%Y %H:%M:%S},,,00:00:25,00:00:00,"
                "00:00:00,Abandoned"
            )
            continue
        accepted = start + dt.timedelta(seconds=40)
        handled.append(200 + n + 30)
        lines.append(
            f"T{n},{queue},Voice,Inbound,{start:%d/%m/%Y %H:%M:%S},"
            f"{accepted:%d/%m/%Y %H:%M:%S},Jane Roe,00:00:40,{clock(200 + n)},00:00:30,Completed"
        )
    result = import_files_detailed([write(tmp_path, "8x8.csv", "\n".join(lines) + "\n")])
    dataset = result.dataset
    assert result.files[0].columns["handle"] == "Processing Time + Post Processing Time"
    assert (dataset.answered, dataset.abandoned) == (70, 10)
    assert (
        dataset.mean_handle_seconds
        == pytest.approx(sum(handled) / 70)
        == pytest.approx(269.5714, abs=1e-3)
    )
    assert contacts_per_queue(result) == {"Sales / Voice": 20.0, "Tech Support / Voice": 60.0}


PURECONNECT_HEADER = (
    "InteractionIDKey,SiteID,StartDateTimeUTC,StartDTOffset,EndDateTimeUTC,Direction,"
    "ConnectionType,MediaType,RemoteNumber,DNIS_LocalID,LastAssignedWorkgroupID,LastLocalUserID,"
    "tIVRWait,tQueueWait,tAlert,tConnected,tHeld,tACW,nHeld,nTransfer,LineDuration"
)


def test_a_pureconnect_interaction_summary_by_workgroup(tmp_path):
    # Had been one queue named after the file, and the whole 'LineDuration' (IVR, queue and
    # alerting included) the handle time: 234.3 s a call, abandoned calls too.
    lines = [PURECONNECT_HEADER]
    handled = []
    for n in range(72):
        utc = dt.datetime(2024, 3, 4, 7) + dt.timedelta(days=n % 3, minutes=7 * n + n % 4)
        workgroup = ["Support", "Billing"][n % 2]
        served = n % 9 != 4
        queued = 20_000 + 500 * n
        connected, held, acw = (180_000 + 1000 * n, 10_000, 30_000) if served else (0, 0, 0)
        if served:
            handled.append((connected + held + acw) / 1000)
        end = utc + dt.timedelta(milliseconds=queued + connected)
        lines.append(
            f"{n:010d},1,{utc:%Y-%m-%d %H:%M:%S.000},3600,{end:%Y-%m-%d %H:%M:%S.000},1,1,0,"
            f"+3120555{n:04d},8001,{workgroup},{'jdoe' if served else ''},5000,{queued},"
            f"{4000 if served else 0},{connected},{held},{acw},{int(served)},0,"
            f"{5000 + queued + connected}"
        )
    result = import_files_detailed([write(tmp_path, "ic.csv", "\n".join(lines) + "\n")])
    dataset = result.dataset
    columns = result.files[0].columns
    assert columns["queue"] == "LastAssignedWorkgroupID"
    assert columns["handle"] == "tConnected + tHeld + tACW"
    assert contacts_per_queue(result) == {"Billing": 36.0, "Support": 36.0}
    # A handle time only where an agent was connected: 64 calls, 255.5 s.
    assert dataset.mean_handle_seconds == pytest.approx(sum(handled) / 64) == 255.5
    assert at(dataset, "2024-03-04 07:00", "Support")["wait_seconds"] == 20
    assert "times in 'StartDateTimeUTC' are UTC, as its header says" in note_with(
        dataset, "StartDateTimeUTC' are UTC"
    )


def test_dialpad_wrap_up_beside_talk_in_minutes_is_in_minutes(tmp_path):
    # 'wrapup_duration' 0.5 had been read as half a second beside the talk read in minutes: a
    # mean handle time of 268.4 s instead of 297.9 s.
    lines = [
        "call_id,master_call_id,date_started,date_rang,date_connected,date_ended,direction,"
        "external_number,internal_number,target_id,target_type,name,email,talk_duration,"
        "total_duration,hold_time,wrapup_duration,categories"
    ]
    handled = []
    for n in range(48):
        arrival = dt.datetime(2024, 3, 4, 14) + dt.timedelta(days=n % 4, minutes=11 * n, seconds=n)
        missed = n % 8 == 3
        talk = 0 if missed else 150 + 5 * n
        if not missed:
            handled.append(talk + 30)
        stamp = f"{arrival:%Y-%m-%d %H:%M:%S}"
        connected = "" if missed else f"{arrival + dt.timedelta(seconds=20):%Y-%m-%d %H:%M:%S}"
        category = "incoming, missed" if missed else "incoming, answered"
        lines.append(
            f"{60000 + n},{60000 + n},{stamp},{stamp},{connected},{stamp},inbound,+1415555{n:04d},"
            f"+14155550000,77{n % 2},callcenter,{['Support', 'Sales'][n % 2]},,{talk / 60:.4f},"
            f'{(talk + 20) / 60:.4f},0,{0 if missed else 0.5},"{category}"'
        )
    result = import_files_detailed([write(tmp_path, "dialpad.csv", "\n".join(lines) + "\n")])
    dataset = result.dataset
    assert result.files[0].columns["handle"] == "talk_duration + hold_time + wrapup_duration"
    assert (dataset.answered, dataset.abandoned) == (42, 6)
    assert dataset.mean_handle_seconds == pytest.approx(sum(handled) / 42, abs=0.01)
    assert dataset.mean_handle_seconds == pytest.approx(297.86, abs=0.01)
    assert note_with(dataset, "'wrapup_duration' read in minutes") == (
        "dialpad.csv: 'wrapup_duration' read in minutes, like 'talk_duration' (median 30 s)."
    )
    assert contacts_per_queue(result) == {"Sales": 24.0, "Support": 24.0}


def test_vonage_business_and_contact_center_logs_read_as_written(tmp_path):
    # Checked and right: 12-hour clock times, a call group, voicemail as neither answered nor
    # abandoned (9 of the 18 unanswered, the 9 'Missed' abandoned); ISO UTC
    # times, talk + wrap, "Overflowed" as neither answered nor abandoned.
    lines = ["Date,Time,Direction,From,To,Extension,Call Group,Duration,Result"]
    results = ["Answered", "Answered", "Missed", "Answered", "Voicemail", "Answered", "Answered"]
    for n in range(70):
        start = dt.datetime(2024, 3, 4, 8) + dt.timedelta(days=n % 5, minutes=8 * n + n * n % 7)
        if n % 10 == 5:
            lines.append(
                f"{start:%m/%d/%Y},{start:%I:%M %p},Outbound,+12015550100,+1908555{n:04d},101,,"
                "0:02:00,Answered"
            )
            continue
        outcome = results[n % 7]
        seconds = {"Answered": 120 + 2 * n, "Voicemail": 25}.get(outcome, 0)
        lines.append(
            f"{start:%m/%d/%Y},{start:%I:%M %p},Inbound,+1908555{n:04d},+12015550100,"
            f"{101 + n % 3},{'Support' if n % 2 else 'Sales'},{clock(seconds)[1:]},{outcome}"
        )
    business = import_files_detailed([write(tmp_path, "vonage.csv", "\n".join(lines) + "\n")])
    assert contacts_per_queue(business) == {"Sales": 35.0, "Support": 28.0}
    assert (business.dataset.answered, business.dataset.abandoned) == (45, 9)
    assert business.dataset.mean_handle_seconds == pytest.approx(189.7778, abs=1e-3)

    lines = [
        "Interaction ID,Channel Type,Direction,Start (UTC),Queue Name,Agent Name,Time in Queue,"
        "Talk Time,Wrap Time,Outcome"
    ]
    outcomes = ["Connected", "Connected", "Connected", "Abandoned", "Connected", "Overflowed"]
    handled = []
    for n in range(60):
        start = dt.datetime(2024, 3, 4, 13) + dt.timedelta(days=n % 4, minutes=9 * n)
        outcome = outcomes[n % 6]
        talk, wrap = (180 + n, 20) if outcome == "Connected" else (0, 0)
        if talk:
            handled.append(talk + wrap)
        lines.append(
            f"i{n:05d},Voice,Inbound,{start:%Y-%m-%dT%H:%M:%S.000Z},{['UK Support', 'UK Billing'][n % 2]},"
            f"{'A. Smith' if talk else ''},{clock(30 + n)},{clock(talk)},{clock(wrap)},{outcome}"
        )
    center = import_files_detailed([write(tmp_path, "vcc.csv", "\n".join(lines) + "\n")])
    assert (center.dataset.answered, center.dataset.abandoned) == (40, 10)
    assert center.dataset.mean_handle_seconds == pytest.approx(sum(handled) / 40)
    assert contacts_per_queue(center) == {"UK Billing / Voice": 30.0, "UK Support / Voice": 30.0}
    assert at(center.dataset, "2024-03-04 13:00", "UK Support / Voice")["volume"] == 1


_AVAYA_HEADER = (
    "Time\tAvg Speed Ans\tAvg Aban Time\tACD Calls\tAvg ACD Time\tAvg ACW Time\tAban Calls"
)


def test_a_title_dates_note_asks_to_rewrite_that_date_not_to_export_dates(tmp_path):
    # The note had asked to "export the dates as year-month-day": the report has no date
    # column to export so; the date to write so is the one above the table.
    lines = ["Split/Skill Interval", "Split/Skill: 2 Sales", "Date: 3/4/24", "", _AVAYA_HEADER]
    for n in range(20):
        start = dt.datetime(2024, 3, 4, 8) + dt.timedelta(minutes=30 * n)
        end = start + dt.timedelta(minutes=30)
        lines.append(f"{start:%H:%M}-{end:%H:%M}\t0:20\t0:40\t{20 + n}\t3:00\t0:30\t{n % 3}")
    result = import_files_detailed([write(tmp_path, "avaya.txt", "\n".join(lines) + "\n")])
    note = note_with(result.dataset, "fit day/month and month/day alike")
    assert note.endswith(
        "no import option sets the order: write the date above the table as year-month-day "
        "(2024-03-04) and import again."
    )
    assert "export the dates" not in note
    assert contacts_per_queue(result) == {"2 Sales": float(sum(20 + n + n % 3 for n in range(20)))}


def test_a_dates_column_note_still_asks_to_export_dates(tmp_path):
    lines = ["Date,Interval,Offered"]
    for n in range(16):
        lines.append(f"03/04/2024,{8 + n // 2:02d}:{30 * (n % 2):02d},{10 + n}")
    dataset = import_files_detailed([write(tmp_path, "day.csv", "\n".join(lines) + "\n")]).dataset
    note = note_with(dataset, "fit day/month and month/day alike")
    assert "export the dates as year-month-day" in note


@pytest.mark.parametrize("header", ["Total Handle Time", "Handle Time"])
def test_a_summed_handle_time_has_no_milliseconds_note(tmp_path, header):
    # Beside "divided by the answered count, median 300 s per contact" the file had also said
    # that its median of 39,000 s was implausible and might be milliseconds.
    lines = [f"Interval,Offered,Answered,{header}"]
    for n in range(32):
        start = dt.datetime(2024, 3, 4, 8) + dt.timedelta(minutes=30 * (n % 16), days=n // 16)
        answered = 40 + 12 * (n % 16)
        lines.append(f"{start:%Y-%m-%d %H:%M},{answered + 5},{answered},{answered * 300}")
    dataset = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")]).dataset
    assert at(dataset, "2024-03-04 15:30")["aht_seconds"] == 300
    assert "divided by the answered count, median 300 s per contact" in note_with(
        dataset, "is each interval's total"
    )
    assert not any("milliseconds" in note for note in dataset.notes)
    assert not any("is implausible" in note for note in dataset.notes)
