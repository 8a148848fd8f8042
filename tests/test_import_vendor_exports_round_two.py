"""Exports of further vendors in their own words: VICIdial's inbound closer log and its status
codes, XCALLY Motion's queue exits, Dialpad's call categories, Odigo's post-processing time; and
8x8, Zoom Phone, Dixa, LiveChat, ServiceNow, Help Scout and Mitel exports read as they were."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import numpy as np
import pytest
from import_support import note_with, weekday_arrivals, write

from data import schema
from data.importer import import_files_detailed

MONDAY = dt.datetime(2024, 3, 4)


def arrivals(seed: int, count: int) -> list[dt.datetime]:
    return weekday_arrivals(seed, count, MONDAY)


def clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def totals(result, column: str) -> dict[str, float]:
    frame = result.dataset.intervals
    return frame.groupby(schema.QUEUE)[column].sum().to_dict()


def aht(result) -> float:
    """Contact-weighted mean handle time over the import."""
    frame = result.dataset.intervals
    known = frame[schema.AHT_SECONDS].notna()
    weights = frame.loc[known, schema.ANSWERED]
    return float((frame.loc[known, schema.AHT_SECONDS] * weights).sum() / weights.sum())


def test_a_vicidial_closer_log_reads_its_status_codes_and_takes_the_queue_off_the_length(
    tmp_path,
):
    # vicidial_closer_log, as "Export Calls Report" writes it: length_in_sec runs from entering
    # the in-group, so the talk is length_in_sec - queue_seconds (VICIdial's own reports).
    rng = np.random.default_rng(1)
    lines = ["call_date,campaign_id,lead_id,phone_number,user,status,length_in_sec,"
             "queue_seconds,term_reason,uniqueid"]  # fmt: skip
    answered, abandoned, closed, talks = Counter(), Counter(), 0, []
    for i, moment in enumerate(arrivals(1, 500)):
        group = "SUPPORT_IG" if rng.random() < 0.6 else "SALES_IG"
        draw, queued = rng.random(), round(float(rng.uniform(0, 60)), 2)
        if draw < 0.65:
            status, user, reason = (
                str(rng.choice(["SALE", "NI", "CALLBK", "INCALL"])),
                "6001",
                "AGENT",
            )
            talk = int(rng.integers(60, 600))
            answered[group] += 1
            talks.append(talk)
        elif draw < 0.9:
            status, reason = str(rng.choice(["DROP", "TIMEOT", "NANQUE", "XDROP"])), "ABANDON"
            user, talk = "VDCL", 0
            abandoned[group] += 1
        else:
            status, user, reason, talk, queued = "AFTHRS", "VDCL", "AFTERHOURS", 0, 0.0
            closed += 1
        length = int(queued) + talk + (2 if status == "AFTHRS" else 0)
        lines.append(
            f"{moment:%Y-%m-%d %H:%M:%S},{group},{1000 + i},555123{i:04d},{user},{status},"
            f"{length},{queued:.2f},{reason},1709539200.{i}"
        )
    result = import_files_detailed([write(tmp_path, "closer_log.csv", "\n".join(lines) + "\n")])
    columns = result.files[0].columns
    assert (columns["queue"], columns["handle"], columns["wait"], columns["outcome"]) == (
        "campaign_id", "length_in_sec", "queue_seconds", "status"
    )  # fmt: skip
    assert totals(result, schema.ANSWERED) == {g: float(n) for g, n in answered.items()}
    assert totals(result, schema.ABANDONED) == {g: float(n) for g, n in abandoned.items()}
    assert result.contacts == 500 - closed
    assert "AFTHRS" in note_with(result.dataset, "while the center was closed")
    # Whole seconds of queue taken off whole seconds of length: within a second of the talk.
    assert aht(result) == pytest.approx(np.mean(talks), abs=1.0)


def test_xcally_queue_exits_on_timeout_or_an_empty_queue_are_abandoned(tmp_path):
    rng = np.random.default_rng(2)
    lines = ["Data;Ora;Coda;Chiamante;Agente;Esito;Attesa;Conversazione;Uniqueid"]
    counts = {"assistenza": Counter(), "commerciale": Counter()}
    talks = []
    for i, moment in enumerate(arrivals(2, 500)):
        queue = "assistenza" if rng.random() < 0.6 else "commerciale"
        draw, wait, talk, agent = rng.random(), int(rng.integers(0, 90)), 0, ""
        if draw < 0.7:
            exit_ = str(rng.choice(["completeagent", "completecaller"]))
            talk, agent = int(rng.integers(60, 500)), "mario.rossi"
            talks.append(talk)
        else:
            exit_ = str(rng.choice(["abandon", "exitwithtimeout", "exitempty", "exitwithkey"]))
        counts[queue]["answered" if talk else "abandoned"] += 1
        lines.append(
            f"{moment:%d/%m/%Y};{moment:%H:%M:%S};{queue};333123{i:04d};{agent};{exit_};"
            f"{clock(wait)};{clock(talk)};1709539200.{i}"
        )
    result = import_files_detailed([write(tmp_path, "motion.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["outcome"] == "Esito"
    assert totals(result, schema.ANSWERED) == {q: float(c["answered"]) for q, c in counts.items()}
    assert totals(result, schema.ABANDONED) == {q: float(c["abandoned"]) for q, c in counts.items()}
    assert aht(result) == pytest.approx(np.mean(talks))


def test_dialpad_call_categories_give_the_outcome_and_outbound_calls_are_left_out(tmp_path):
    rng = np.random.default_rng(3)
    lines = ["date_started,date_rang,date_connected,date_ended,direction,external_number,"
             "internal_number,target_type,name,categories,talk_duration,total_duration,"
             "call_id"]  # fmt: skip
    outcome = Counter()
    for i, moment in enumerate(arrivals(3, 500)):
        outbound, draw = rng.random() < 0.15, rng.random()
        if outbound:
            categories, kind = "outgoing,answered", "outbound"
        elif draw < 0.7:
            categories, kind = "incoming,answered", "answered"
        else:
            categories = str(
                rng.choice(["incoming,abandoned", "incoming,missed", "incoming,voicemail"])
            )
            # A voicemail is a message left to be called back: neither answered nor abandoned.
            kind = "voicemail" if categories.endswith("voicemail") else "abandoned"
        outcome[kind] += 1
        talk = float(rng.uniform(1, 8)) if kind not in ("abandoned", "voicemail") else 0.0
        connected = moment + dt.timedelta(seconds=15) if talk else None
        ended = moment + dt.timedelta(seconds=30 + talk * 60)
        stamp = "{:%Y-%m-%d %H:%M:%S}.{:03d}".format
        lines.append(
            f"{stamp(moment, i % 1000)},{stamp(moment + dt.timedelta(seconds=2), 0)},"
            f"{stamp(connected, 0) if connected else ''},{stamp(ended, 0)},"
            f"{'outbound' if outbound else 'inbound'},+1555123{i:04d},+15557650000,callcenter,"
            f'Support,"{categories}",{talk:.4f},{(ended - moment).total_seconds() / 60:.4f},'
            f"{5000000000 + i}"
        )
    result = import_files_detailed([write(tmp_path, "dialpad.csv", "\n".join(lines) + "\n")])
    columns = result.files[0].columns
    assert (columns["timestamp"], columns["outcome"]) == ("date_started", "categories")
    assert result.contacts == 500 - outcome["outbound"]
    assert result.dataset.answered == outcome["answered"]
    assert result.dataset.abandoned == outcome["abandoned"]
    # Dialpad writes its durations in minutes: the importer says so rather than guess.
    assert "'talk_duration (min)'" in note_with(result.dataset, "is implausible")


def test_a_french_post_processing_time_is_after_call_work_not_the_whole_handle_time(tmp_path):
    rng = np.random.default_rng(4)
    lines = ["Date et heure d'arrivée;Service;Type;Statut de l'appel;Temps d'attente;"
             "Durée de conversation;Durée de post-traitement;Agent"]  # fmt: skip
    handled, abandoned = [], 0
    for moment in arrivals(4, 400):
        draw, talk, wrap = rng.random(), 0, 0
        if draw < 0.75:
            status, talk, wrap = "Traité", int(rng.integers(60, 400)), int(rng.integers(5, 40))
            handled.append(talk + wrap)
        elif draw < 0.9:
            status, abandoned = "Abandonné en attente", abandoned + 1
        else:
            status = "Dissuadé"
        lines.append(
            f"{moment:%d/%m/%Y %H:%M:%S};Service Client;Entrant;{status};"
            f"{int(rng.integers(0, 60))};{clock(talk)};{wrap};{'Dupont' if talk else ''}"
        )
    path = write(tmp_path, "odigo.csv", "\n".join(lines) + "\n", encoding="cp1252")
    result = import_files_detailed([path])
    columns = result.files[0].columns
    assert columns["handle"] == "Durée de conversation + Durée de post-traitement"
    assert (result.dataset.answered, result.dataset.abandoned) == (len(handled), abandoned)
    assert aht(result) == pytest.approx(np.mean(handled))


def test_an_8x8_interaction_details_report_with_a_title_and_a_total_line(tmp_path):
    rng = np.random.default_rng(5)
    lines = ["Interaction Details Report", "Tenant: Acme", "",
             "Interaction ID,Channel,Direction,Queue,Agent Name,Created Time,Time in Queue,"
             "Talk Time,Hold Time,Wrap Up Time,Processing Time,Outcome"]  # fmt: skip
    answered, abandoned, outbound, handled = Counter(), Counter(), 0, []
    for i, moment in enumerate(arrivals(5, 500)):
        queue, draw = ("Support" if rng.random() < 0.6 else "Sales"), rng.random()
        talk = hold = wrap = 0
        if draw < 0.1:
            direction, outcome, talk, outbound = "Outbound", "Completed", 100, outbound + 1
        elif draw < 0.75:
            direction, outcome = "Inbound", "Accepted"
            talk, hold, wrap = (int(rng.integers(*span)) for span in ((60, 500), (0, 30), (5, 60)))
            answered[queue] += 1
            handled.append(talk + hold + wrap)
        else:
            direction, outcome = "Inbound", str(rng.choice(["Abandoned", "Voicemail"]))
            abandoned[queue] += outcome == "Abandoned"  # a voicemail is neither
        lines.append(
            f"{9000 + i},Phone,{direction},{queue},{'Jane Doe' if talk else ''},"
            f"{moment:%m/%d/%Y %I:%M:%S %p},{clock(int(rng.integers(0, 90)))},{clock(talk)},"
            f"{clock(hold)},{clock(wrap)},{clock(talk + hold + wrap)},{outcome}"
        )
    lines.append("Total" + "," * 11)
    result = import_files_detailed([write(tmp_path, "8x8.csv", "\n".join(lines) + "\n")])
    assert totals(result, schema.ANSWERED) == {
        f"{q} / Phone": float(n) for q, n in answered.items()
    }
    assert totals(result, schema.ABANDONED) == {
        f"{q} / Phone": float(n) for q, n in abandoned.items()
    }
    assert result.contacts == 500 - outbound
    assert aht(result) == pytest.approx(np.mean(handled))


def test_zoom_phone_call_log_results(tmp_path):
    rng = np.random.default_rng(6)
    lines = ["Date & Time,Direction,Caller Name,Caller Number,Callee Name,Callee Number,"
             "Call Queue,Result,Duration,Path"]  # fmt: skip
    outcome, talks = Counter(), []
    for i, moment in enumerate(arrivals(6, 500)):
        draw, length = rng.random(), 0
        if draw < 0.1:
            direction, result_, kind, length = "Outbound", "Call connected", "outbound", 100
        elif draw < 0.7:
            direction, result_, kind = "Inbound", "Call connected", "answered"
            length = int(rng.integers(60, 500))
            talks.append(length)
        else:
            result_ = str(rng.choice(["No Answer", "Voicemail", "Missed"]))
            # A voicemail is a message left to be called back: neither answered nor abandoned.
            direction, kind = "Inbound", "voicemail" if result_ == "Voicemail" else "abandoned"
            length = 30 if result_ == "Voicemail" else 0
        outcome[kind] += 1
        lines.append(
            f"{moment:%Y-%m-%d %H:%M:%S},{direction},Customer,+1555000{i:04d},Support,"
            f"+15559990000,Support,{result_},{clock(length)},Call Queue"
        )
    result = import_files_detailed([write(tmp_path, "zoom.csv", "\n".join(lines) + "\n")])
    assert result.dataset.queues == ["Support"]
    assert (result.dataset.answered, result.dataset.abandoned) == (
        outcome["answered"], outcome["abandoned"]
    )  # fmt: skip
    assert aht(result) == pytest.approx(np.mean(talks))


def test_dixa_conversations_per_queue_and_channel(tmp_path):
    rng = np.random.default_rng(7)
    lines = ["conversation_id,initial_channel,direction,queue_name,created_at,assigned_at,"
             "status,assignee_name,handling_duration,queue_duration"]  # fmt: skip
    contacts, abandoned = Counter(), Counter()
    for i, moment in enumerate(arrivals(7, 500)):
        queue = "Support EN" if rng.random() < 0.6 else "Support DE"
        channel = str(rng.choice(["PhoneCall", "Email", "WidgetChat"]))
        outbound = channel == "PhoneCall" and rng.random() < 0.2
        missed = not outbound and rng.random() < 0.15
        handle = 0 if missed else int(rng.integers(60, 600))
        if not outbound:
            contacts[f"{queue} / {channel}"] += 1
            abandoned[f"{queue} / {channel}"] += missed
        stamp = f"{moment:%Y-%m-%dT%H:%M:%S}.000Z"
        lines.append(
            f"{i + 1},{channel},{'Outbound' if outbound else 'Inbound'},{queue},{stamp},"
            f"{'' if missed else stamp},{'abandoned' if missed else 'closed'},"
            f"{'' if missed else 'Lena'},{handle},{int(rng.integers(0, 60))}"
        )
    result = import_files_detailed([write(tmp_path, "dixa.csv", "\n".join(lines) + "\n")])
    assert totals(result, schema.VOLUME) == {q: float(n) for q, n in contacts.items()}
    assert totals(result, schema.ABANDONED) == {q: float(n) for q, n in abandoned.items()}


def test_livechat_chats_without_an_agent_are_missed(tmp_path):
    rng = np.random.default_rng(8)
    lines = ["Chat ID,Thread ID,Chat start date,Chat end date,Group name,Agent name,"
             "Visitor name,First response time,Chat duration,Rating"]  # fmt: skip
    missed, durations = Counter(), []
    for i, moment in enumerate(arrivals(8, 400)):
        group, lost = ("General" if rng.random() < 0.6 else "Sales"), rng.random() < 0.15
        missed[group] += lost
        length = 0 if lost else int(rng.integers(120, 900))
        if not lost:
            durations.append(length)
        end = moment + dt.timedelta(seconds=length)
        lines.append(
            f"Q{i:06X},T{i:06X},{moment:%Y-%m-%d %H:%M:%S},{end:%Y-%m-%d %H:%M:%S},{group},"
            f"{'' if lost else 'Anna'},Client {i},{'' if lost else int(rng.integers(5, 60))},"
            f"{length},not rated"
        )
    result = import_files_detailed([write(tmp_path, "livechat.csv", "\n".join(lines) + "\n")])
    assert totals(result, schema.ABANDONED) == {g: float(n) for g, n in missed.items()}
    assert aht(result) == pytest.approx(np.mean(durations))


def test_servicenow_incidents_by_assignment_group_and_contact_type(tmp_path):
    rng = np.random.default_rng(9)
    lines = ["number,opened_at,short_description,caller_id,priority,state,category,"
             "assignment_group,assigned_to,contact_type,sys_updated_on,resolved_at,"
             "business_duration,calendar_duration"]  # fmt: skip
    counts = Counter()
    for i, moment in enumerate(arrivals(9, 500)):
        group = "Service Desk" if rng.random() < 0.6 else "Network"
        channel = str(rng.choice(["Phone", "Email", "Self-service"]))
        counts[f"{group} / {channel}"] += 1
        later = moment + dt.timedelta(hours=int(rng.integers(1, 30)))
        lines.append(
            f"INC{10000 + i:07d},{moment:%Y-%m-%d %H:%M:%S},Printer not working,Abel Tuter,"
            f"3 - Moderate,{rng.choice(['Closed', 'Resolved', 'In Progress', 'New'])},Hardware,"
            f"{group},Beth Anglin,{channel},{later:%Y-%m-%d %H:%M:%S},"
            f"{later:%Y-%m-%d %H:%M:%S},{int(rng.integers(600, 90000))},"
            f"{int(rng.integers(600, 90000))}"
        )
    result = import_files_detailed([write(tmp_path, "incident.csv", "\n".join(lines) + "\n")])
    columns = result.files[0].columns
    assert (columns["timestamp"], columns["queue"]) == ("opened_at", "assignment_group")
    assert "handle" not in columns  # business_duration is time to resolve
    assert totals(result, schema.VOLUME) == {q: float(n) for q, n in counts.items()}


def test_help_scout_conversations_by_mailbox(tmp_path):
    rng = np.random.default_rng(10)
    lines = ["Conversation ID,Number,Status,Type,Mailbox,Subject,Customer,Assigned To,"
             "Created At,Closed At,Tags"]  # fmt: skip
    counts, per_hour = Counter(), Counter()
    for i, moment in enumerate(arrivals(10, 500)):
        mailbox = "Support" if rng.random() < 0.6 else "Billing"
        counts[mailbox] += 1
        per_hour[moment.replace(minute=0, second=0)] += 1
        lines.append(
            f"{200000 + i},{1000 + i},{rng.choice(['active', 'pending', 'closed'])},email,"
            f'{mailbox},Question,c{i}@example.com,Ann,"{moment:%b %-d, %Y %-I:%M %p}",,vip'
        )
    result = import_files_detailed([write(tmp_path, "helpscout.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["queue"] == "Mailbox"
    assert totals(result, schema.VOLUME) == {q: float(n) for q, n in counts.items()}
    frame = result.dataset.intervals
    hourly = frame.groupby(frame[schema.INTERVAL_START].dt.floor("h"))[schema.VOLUME].sum()
    assert {stamp.to_pydatetime(): n for stamp, n in hourly.items() if n} == per_hour


def test_a_mitel_queue_performance_by_period_report(tmp_path):
    rng = np.random.default_rng(11)
    lines = ["Queue Performance by Period", "Queue: P6001 Support",
             "Date range: 3/4/2024 - 3/8/2024", "",
             "Period,Calls Offered,Calls Handled,Calls Abandoned,Calls Requeued,"
             "Service Level %,Avg Speed of Answer,Avg Handling Time"]  # fmt: skip
    offered = handled = 0
    for day in range(5):
        for slot in range(20):
            start = MONDAY + dt.timedelta(days=day, hours=8, minutes=30 * slot)
            served, lost = int(rng.poisson(8)), int(rng.poisson(1))
            offered, handled = offered + served + lost, handled + served
            lines.append(
                f"{start:%m/%d/%Y %I:%M %p},{served + lost},{served},{lost},0,85.5,00:00:21,"
                "00:04:10"
            )
    lines.append(f"Total,{offered},{handled},{offered - handled},0,85.5,00:00:21,00:04:10")
    result = import_files_detailed([write(tmp_path, "mitel.csv", "\n".join(lines) + "\n")])
    assert result.dataset.interval_minutes == 30
    assert (result.contacts, result.dataset.answered) == (offered, handled)
    assert result.dataset.abandoned == offered - handled
    assert aht(result) == pytest.approx(250.0)
