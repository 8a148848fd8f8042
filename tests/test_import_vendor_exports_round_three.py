"""Exports of further vendors in their own words: Dialpad's call history naming its call center
in a bare "name" beside "target_type", Vocalcom Hermes' call history (codes under "CallType" and
"CallStatusGroup", "ConvDuration" + "WrapupDuration"), Cisco's "Call ANI", and a Zoom Contact
Center engagement log read as it was."""

from __future__ import annotations

import datetime as dt

import pytest
from import_support import at, contacts_per_queue, monday_calls, write

from data import schema
from data.importer import import_files_detailed


def test_dialpad_names_its_call_center_in_name_beside_target_type(tmp_path):
    header = (
        "call_id,date_started,date_rang,date_connected,date_ended,direction,external_number,"
        "internal_number,target_id,target_type,name,email,talk_duration,total_duration,categories"
    )
    lines = [header]
    for index, (arrival, queue, abandoned, talk, wait) in enumerate(monday_calls()):
        kind = "callcenter" if index % 3 else "department"
        name = queue if kind == "callcenter" else "Billing"
        connected = "" if abandoned else f"{arrival + dt.timedelta(seconds=wait):%Y-%m-%d %H:%M:%S}"
        ended = arrival + dt.timedelta(seconds=wait + talk)
        category = "incoming, missed" if abandoned else "incoming, answered"
        lines.append(
            f"{1000 + index},{arrival:%Y-%m-%d %H:%M:%S},{arrival:%Y-%m-%d %H:%M:%S},{connected},"
            f"{ended:%Y-%m-%d %H:%M:%S},inbound,+15550001,+15559999,{555 + index % 3},{kind},"
            f'{name},,{talk},{talk + wait},"{category}"'
        )
    result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["queue"] == "name"
    assert contacts_per_queue(result) == {"Billing": 14, "Sales": 13, "Support": 13}
    assert (result.dataset.answered, result.dataset.abandoned) == (34, 6)


def test_a_bare_name_without_target_type_is_no_queue(tmp_path):
    lines = ["date_started,direction,name,talk_duration"]
    for arrival, queue, _, talk, _ in monday_calls():
        lines.append(f"{arrival:%Y-%m-%d %H:%M:%S},inbound,{queue},{talk}")
    result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])
    assert result.dataset.queues == ["calls"]


VOCALCOM_HEADER = (
    "ID;CallType;CallLocalTime;Duration;IvrDuration;WaitDuration;ConvDuration;WrapupDuration;"
    "ANI;DNIS;FirstCampaign;LastCampaign;Abandon;Closed;NoAgent;CallStatusGroup;CallStatusNum;"
    "EndReason"
)


def test_a_vocalcom_hermes_call_history_is_read_as_calls(tmp_path):
    # "CallType" and "CallStatusGroup" codes had been read as counts per interval, and the
    # whole "Duration" (IVR and wait included) as the handle time.
    lines = [VOCALCOM_HEADER]
    for index, (arrival, _, abandoned, talk, wait) in enumerate(monday_calls()):
        wrap = 0 if abandoned else 20
        lines.append(
            f"{index:032x};1;{arrival:%Y-%m-%d %H:%M:%S}.073;{10 + wait + talk + wrap};10;{wait};"
            f"{talk};{wrap};33612345678;546012;511;511;{int(abandoned)};0;0;"
            f"{6 if abandoned else 1};0;0"
        )
    result = import_files_detailed([write(tmp_path, "CallHistory.csv", "\n".join(lines) + "\n")])
    data = result.dataset
    assert data.kind == schema.KIND_RECORDS
    assert result.contacts == 40
    assert (data.answered, data.abandoned) == (34, 6)
    assert result.files[0].columns["handle"] == "ConvDuration + WrapupDuration"
    answered_talk = [talk for _, _, abandoned, talk, _ in monday_calls() if not abandoned]
    assert data.mean_handle_seconds == pytest.approx(sum(answered_talk) / 34 + 20)


def test_a_cisco_call_ani_is_the_callers_number_not_a_count(tmp_path):
    lines = ["Call Start Time,Call ANI,Called Number DNIS,Disposition,Talk Time,Queue Time"]
    for arrival, _, abandoned, talk, wait in monday_calls(12):
        outcome = "Abandoned" if abandoned else "Handled"
        lines.append(
            f"{arrival:%m/%d/%Y %H:%M:%S},5551001,8001,{outcome},"
            f"00:{talk // 60:02d}:{talk % 60:02d},00:00:{wait % 60:02d}"
        )
    result = import_files_detailed([write(tmp_path, "csq.csv", "\n".join(lines) + "\n")])
    assert result.dataset.kind == schema.KIND_RECORDS
    assert result.contacts == 12
    assert (result.dataset.answered, result.dataset.abandoned) == (10, 2)


def test_a_zoom_contact_center_engagement_log(tmp_path):
    lines = [
        "Engagement ID,Start Time,End Time,Direction,Channel,Queue Name,Flow Name,"
        "Consumer Number,Agent Name,Duration,Waiting Duration,Handling Duration,"
        "Wrap Up Duration,Result"
    ]
    for index, (arrival, queue, abandoned, talk, wait) in enumerate(monday_calls()):
        ended = arrival + dt.timedelta(seconds=wait + talk)
        lines.append(
            f"eng{index:04d},{arrival:%Y-%m-%d %H:%M:%S},{ended:%Y-%m-%d %H:%M:%S},Inbound,"
            f"Voice,{queue},Main IVR,+15550001,{'' if abandoned else 'Ann Lee'},{wait + talk},"
            f"{wait},{talk},{0 if abandoned else 20},{'Abandoned' if abandoned else 'Answered'}"
        )
    result = import_files_detailed([write(tmp_path, "engagements.csv", "\n".join(lines) + "\n")])
    data = result.dataset
    assert contacts_per_queue(result) == {"Sales / Voice": 20, "Support / Voice": 20}
    assert (data.answered, data.abandoned) == (34, 6)
    assert result.files[0].columns["handle"] == "Handling Duration"
    assert at(data, "2024-03-04 08:00", "Support / Voice")[schema.VOLUME] == 1
