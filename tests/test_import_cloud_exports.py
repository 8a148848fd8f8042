"""Cloud contact-center exports: Amazon Connect contact records (handle time as interaction + hold
+ after-contact work, transfer legs joined by their InitialContactId, calls that never reached a
queue), Zendesk tickets split by their "Via", Twilio TaskRouter tasks canceled by the caller and
an e-mail export's mailbox as the queue."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pytest
from import_support import note_with, write

from data import schema
from data.importer import import_files_detailed
from data.outcomes import ABANDONED, OTHER, classify_label
from data.records import contact_groups

MONDAY = dt.datetime(2026, 8, 3)
CTR_HEADER = (
    "ContactId,InitialContactId,PreviousContactId,Channel,InitiationMethod,InitiationTimestamp,"
    "DisconnectTimestamp,Queue.Name,Queue.Duration,Agent.AgentInteractionDuration,"
    "Agent.CustomerHoldDuration,Agent.AfterContactWorkDuration,DisconnectReason"
)
HANDLE_PARTS = (
    "Agent.AgentInteractionDuration + Agent.CustomerHoldDuration + Agent.AfterContactWorkDuration"
)


def per_queue(result) -> dict[str, float]:
    return result.dataset.intervals.groupby(schema.QUEUE)[schema.VOLUME].sum().to_dict()


def iso(moment: dt.datetime) -> str:
    return f"{moment:%Y-%m-%dT%H:%M:%S}.000Z"


def connect_rows(
    seed: int, first_leg: str = "own", transfers: bool = True, ivr: int = 0, callbacks: int = 0
) -> tuple[list[str], dict]:
    """Two weeks of an Amazon Connect contact-record export (flattened): inbound calls answered
    or abandoned in Sales or Support, some transferred to Billing (a TRANSFER leg sharing the
    first leg's InitialContactId, which the first leg writes as its own id or leaves empty),
    outbound calls, calls ended in the IVR without a queue, and queued callbacks."""
    rng = np.random.default_rng(seed)
    truth: dict = {"contacts": 0, "answered": 0, "abandoned": 0, "legs": 0, "outbound": 0}
    truth.update(queues={}, handle=[], first_handle=[])
    rows = []
    number = 0

    def new_id() -> str:
        nonlocal number
        number += 1
        return f"00000000-0000-4000-8000-{number:012d}"

    for day in range(14):
        if day % 7 >= 5:
            continue
        for _ in range(40):
            start = MONDAY + dt.timedelta(days=day, seconds=int(rng.integers(8 * 3600, 17 * 3600)))
            queue = "Sales" if rng.random() < 0.4 else "Support"
            own = new_id()
            initial = own if first_leg == "own" else ""
            wait = int(rng.integers(3, 90))
            truth["contacts"] += 1
            truth["queues"][f"{queue} / VOICE"] = truth["queues"].get(f"{queue} / VOICE", 0) + 1
            if rng.random() < 0.1:
                truth["abandoned"] += 1
                end = start + dt.timedelta(seconds=wait + 15)
                rows.append(
                    f"{own},{initial},,VOICE,INBOUND,{iso(start)},{iso(end)},{queue},{wait},,,,"
                    "CUSTOMER_DISCONNECT"
                )
                continue
            truth["answered"] += 1
            talk, hold = int(rng.integers(60, 500)), int(rng.integers(0, 40))
            acw = int(rng.integers(5, 90))
            end = start + dt.timedelta(seconds=wait + 15 + talk + hold)
            rows.append(
                f"{own},{initial},,VOICE,INBOUND,{iso(start)},{iso(end)},{queue},{wait},{talk},"
                f"{hold},{acw},CUSTOMER_DISCONNECT"
            )
            handled = talk + hold + acw
            truth["first_handle"].append(handled)
            if transfers and rng.random() < 0.2:
                leg_talk, leg_acw = int(rng.integers(60, 300)), int(rng.integers(5, 60))
                later = end + dt.timedelta(seconds=leg_talk + 10)
                rows.append(
                    f"{new_id()},{own},{own},VOICE,TRANSFER,{iso(end)},{iso(later)},Billing,10,"
                    f"{leg_talk},0,{leg_acw},AGENT_DISCONNECT"
                )
                truth["legs"] += 1
                handled += leg_talk + leg_acw
            truth["handle"].append(handled)
            if rng.random() < 0.15:
                truth["outbound"] += 1
                dialled = start + dt.timedelta(minutes=3)
                rows.append(
                    f"{new_id()},,,VOICE,OUTBOUND,{iso(dialled)},"
                    f"{iso(dialled + dt.timedelta(seconds=180))},{queue},,170,0,30,AGENT_DISCONNECT"
                )
    for _ in range(ivr):
        day = int(rng.choice([0, 1, 2, 3, 4, 7, 8, 9, 10, 11]))
        start = MONDAY + dt.timedelta(days=day, seconds=int(rng.integers(8 * 3600, 17 * 3600)))
        own = new_id()
        end = start + dt.timedelta(seconds=40)
        rows.append(f"{own},{own},,VOICE,INBOUND,{iso(start)},{iso(end)},,,,,,CUSTOMER_DISCONNECT")
    for _ in range(callbacks):
        day = int(rng.choice([0, 1, 2, 3, 4, 7, 8, 9, 10, 11]))
        start = MONDAY + dt.timedelta(days=day, seconds=int(rng.integers(8 * 3600, 17 * 3600)))
        own = new_id()
        end = start + dt.timedelta(seconds=300)
        rows.append(
            f"{own},{own},,VOICE,CALLBACK,{iso(start)},{iso(end)},Support,120,200,0,30,"
            "AGENT_DISCONNECT"
        )
    rows.sort(key=lambda row: row.split(",")[5])
    return rows, truth


def import_ctr(tmp_path, rows: list[str], header: str = CTR_HEADER):
    text = "\n".join([header, *rows]) + "\n"
    return import_files_detailed([write(tmp_path, "ctr.csv", text)])


def test_connect_handle_time_is_interaction_hold_and_after_contact_work(tmp_path):
    rows, truth = connect_rows(1, transfers=False)
    result = import_ctr(tmp_path, rows)
    assert (truth["contacts"], truth["answered"], truth["outbound"]) == (400, 360, 52)
    assert result.contacts == truth["contacts"]
    assert result.files[0].columns["handle"] == HANDLE_PARTS
    # Connect's handle time: the agent's interaction, the customer's hold and the after-contact
    # work, not the interaction alone.
    assert result.dataset.mean_handle_seconds == pytest.approx(np.mean(truth["handle"]))
    assert note_with(result.dataset, "no whole handle time") == (
        "ctr.csv: the export has no whole handle time, so the handle time is "
        "'Agent.AgentInteractionDuration' + 'Agent.CustomerHoldDuration' + "
        "'Agent.AfterContactWorkDuration' (talk + hold + after-call work)."
    )


@pytest.mark.parametrize("first_leg", ["own", "empty"])
def test_connect_transfer_legs_sharing_an_initial_contact_id_are_one_contact(tmp_path, first_leg):
    rows, truth = connect_rows(2, first_leg)
    result = import_ctr(tmp_path, rows)
    dataset = result.dataset
    assert (truth["contacts"], truth["legs"], truth["answered"]) == (400, 69, 358)
    assert result.files[0].columns["master contact"] == "InitialContactId"
    assert result.contacts == truth["contacts"]
    # Every contact counts where it arrived: no Billing queue of transfers.
    assert per_queue(result) == truth["queues"]
    assert (dataset.answered, dataset.abandoned) == (truth["answered"], truth["abandoned"])
    assert dataset.mean_handle_seconds == pytest.approx(np.mean(truth["handle"]))
    assert note_with(dataset, "transfer legs") == (
        "ctr.csv: 69 transfer legs joined to the contacts they continue (InitialContactId): "
        "each contact counts once, where its first leg arrived, with the legs' handle times "
        "together."
    )


def test_a_first_leg_without_a_master_id_is_the_master_of_its_legs():
    # Rows 0 and 1 are one contact (the first leg's master id is empty, its own id is "a");
    # row 2 has neither id: a contact of its own.
    groups, legs = contact_groups(pa.array(["", "a", None, "c"]), pa.array(["a", "b", "", "c"]))
    assert legs == 1
    assert groups[0] == groups[1] and len(np.unique(groups)) == 3


def test_connect_transfer_legs_without_an_initial_contact_id_are_left_out(tmp_path):
    rows, truth = connect_rows(2)
    header = CTR_HEADER.replace("InitialContactId,", "")
    rows = [",".join(row.split(",")[:1] + row.split(",")[2:]) for row in rows]
    result = import_ctr(tmp_path, rows, header)
    assert result.contacts == truth["contacts"] == 400
    assert per_queue(result) == truth["queues"]
    assert result.dataset.answered == truth["answered"]
    # Without the legs the handle time is the first legs' only, as the note says.
    assert result.dataset.mean_handle_seconds == pytest.approx(np.mean(truth["first_handle"]))
    assert note_with(result.dataset, "= TRANSFER") == (
        "ctr.csv: 69 row(s) with 'InitiationMethod' = TRANSFER left out: each is a transfer leg "
        "of a contact counted where it first arrived, and no master contact id column (such as "
        "'InitialContactId') joins it to that contact; their handle time is not in the AHT."
    )
    assert note_with(result.dataset, "= OUTBOUND") == (
        f"ctr.csv: {truth['outbound']} row(s) with 'InitiationMethod' = OUTBOUND left out: only "
        "inbound contacts are demand to forecast."
    )


def test_connect_callbacks_stay_demand_with_a_note(tmp_path):
    rows, truth = connect_rows(3, callbacks=30)
    result = import_ctr(tmp_path, rows)
    assert result.contacts == truth["contacts"] + 30 == 430
    assert note_with(result.dataset, "= CALLBACK") == (
        "ctr.csv: 30 row(s) with 'InitiationMethod' = CALLBACK kept as demand: a callback is an "
        "agent calling back a customer who asked for it while queued, work the queue must staff; "
        "where the master contact id links one to the call it continues, the two count once."
    )


def test_connect_calls_that_never_reached_a_queue_are_named_in_a_note(tmp_path):
    rows, truth = connect_rows(4, transfers=False, ivr=60)
    result = import_ctr(tmp_path, rows)
    assert per_queue(result) == {**truth["queues"], "(no queue) / VOICE": 60.0}
    # They ended in the IVR: the caller hung up without a handle time, so abandoned.
    assert result.dataset.abandoned == truth["abandoned"] + 60
    assert note_with(result.dataset, "have no 'Queue.Name'") == (
        "ctr.csv: 60 row(s) have no 'Queue.Name' (calls that ended in the IVR, for instance): "
        "read as the queue '(no queue) / VOICE'. Such contacts never reached an agent queue "
        "(self-service or the IVR ended them, or the caller hung up there), so no agent could "
        "answer them; kept, they are forecast and staffed as a queue of their own (and count as "
        "abandoned where the outcome says the caller hung up). To plan for agent demand only, "
        "drop that queue: leave these rows out of the export and import again."
    )


def zendesk_lines(seed: int, vias: list[str]) -> tuple[list[str], dict[str, int]]:
    """Tickets over two weeks, each in a group and arriving by one of `vias`."""
    rng = np.random.default_rng(seed)
    lines = ["Id,Subject,Status,Group,Via,Created at,Updated at"]
    truth: dict[str, int] = {}
    for number in range(300):
        created = MONDAY + dt.timedelta(
            days=int(rng.integers(0, 12)), seconds=int(rng.integers(8 * 3600, 18 * 3600))
        )
        group = "Billing" if rng.random() < 0.6 else "Tier 1"
        via = str(rng.choice(vias))
        truth[f"{group} / {via}"] = truth.get(f"{group} / {via}", 0) + 1
        updated = created + dt.timedelta(hours=5)
        lines.append(
            f"{1000 + number},Order {number},solved,{group},{via},{created:%Y-%m-%d %H:%M:%S},"
            f"{updated:%Y-%m-%d %H:%M:%S}"
        )
    return lines, truth


def test_a_zendesk_via_splits_each_group_by_channel(tmp_path):
    lines, truth = zendesk_lines(5, ["Mail", "Web form", "Chat", "Phone call"])
    result = import_files_detailed([write(tmp_path, "tickets.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["queue split"] == "Via"
    assert per_queue(result) == truth
    assert truth == {
        "Billing / Chat": 51, "Billing / Mail": 42, "Billing / Phone call": 50,
        "Billing / Web form": 50, "Tier 1 / Chat": 24, "Tier 1 / Mail": 31,
        "Tier 1 / Phone call": 28, "Tier 1 / Web form": 24,
    }  # fmt: skip


def test_a_via_of_street_names_splits_nothing(tmp_path):
    lines, truth = zendesk_lines(6, ["Via Roma 12", "Via Garibaldi 3", "Via del Web 7"])
    result = import_files_detailed([write(tmp_path, "tickets.csv", "\n".join(lines) + "\n")])
    assert "queue split" not in result.files[0].columns
    billing = sum(count for queue, count in truth.items() if queue.startswith("Billing"))
    assert per_queue(result) == {"Billing": billing, "Tier 1": 300 - billing}


def taskrouter_lines(seed: int, reason: bool) -> tuple[list[str], dict[str, int]]:
    """TaskRouter tasks: completed, or canceled when the caller hung up while waiting."""
    rng = np.random.default_rng(seed)
    header = "Task Sid,Task Queue,Task Channel,Date Created,Assignment Status"
    lines = [header + (",Reason" if reason else "")]
    truth = {"answered": 0, "canceled": 0}
    for number in range(400):
        created = MONDAY + dt.timedelta(
            days=int(rng.integers(0, 12)), seconds=int(rng.integers(8 * 3600, 18 * 3600))
        )
        canceled = rng.random() < 0.12
        truth["canceled" if canceled else "answered"] += 1
        status, why = (
            ("canceled", "Task canceled by caller hangup")
            if canceled
            else ("completed", "Task completed")
        )
        line = f"WT{number:032x},Support,voice,{created:%Y-%m-%dT%H:%M:%SZ},{status}"
        lines.append(line + (f",{why}" if reason else ""))
    return lines, truth


def test_a_task_canceled_by_caller_hangup_is_abandoned(tmp_path):
    lines, truth = taskrouter_lines(7, reason=True)
    result = import_files_detailed([write(tmp_path, "tasks.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["outcome reason"] == "Reason"
    assert (result.dataset.answered, result.dataset.abandoned) == (
        truth["answered"], truth["canceled"],
    )  # fmt: skip
    assert truth == {"answered": 361, "canceled": 39}
    assert note_with(result.dataset, "took it from 'Reason'") == (
        "tasks.csv: 39 row(s) whose 'Assignment Status' says nothing about how the contact ended "
        "took it from 'Reason': Task canceled by caller hangup -> abandoned (39)."
    )


def test_a_bare_canceled_task_is_neither_answered_nor_abandoned(tmp_path):
    # Without a reason, "canceled" says not by whom: a timeout or a supervisor cancels tasks too.
    lines, truth = taskrouter_lines(7, reason=False)
    result = import_files_detailed([write(tmp_path, "tasks.csv", "\n".join(lines) + "\n")])
    assert (result.dataset.answered, result.dataset.abandoned) == (truth["answered"], 0)


@pytest.mark.parametrize(
    "label, code",
    [("Task canceled by caller hangup", ABANDONED), ("Cancelled by customer", ABANDONED),
     ("canceled", OTHER), ("Task canceled", OTHER)],
)  # fmt: skip
def test_only_a_cancel_by_the_caller_is_abandoned(label, code):
    assert classify_label(label) == code


@pytest.mark.parametrize(
    "header", ["Casella postale", "Mailbox", "Inbox", "Boîte de réception", "Postfach", "Buzón"]
)
def test_an_email_exports_mailbox_is_the_queue(tmp_path, header):
    rng = np.random.default_rng(8)
    lines = [f"Ricevuto il;Mittente;Oggetto;{header};Dimensione (KB)"]
    truth: dict[str, int] = {}
    for number in range(200):
        received = MONDAY + dt.timedelta(
            days=int(rng.integers(0, 12)), seconds=int(rng.integers(8 * 3600, 18 * 3600))
        )
        box = "assistenza@azienda.it" if rng.random() < 0.7 else "ordini@azienda.it"
        truth[box] = truth.get(box, 0) + 1
        lines.append(
            f"{received:%d/%m/%Y %H:%M};cliente{number}@example.it;Richiesta {number};{box};"
            f"{int(rng.integers(5, 900))}"
        )
    path = write(tmp_path, "posta.csv", "\r\n".join(lines) + "\r\n", encoding="cp1252")
    result = import_files_detailed([path])
    assert result.files[0].columns["queue"] == header
    assert per_queue(result) == truth == {"assistenza@azienda.it": 142, "ordini@azienda.it": 58}


def test_a_group_is_a_better_queue_than_the_mailbox(tmp_path):
    lines = ["Received,Mailbox,Group"]
    for number in range(40):
        received = MONDAY + dt.timedelta(hours=8, minutes=11 * number, seconds=7)
        lines.append(f"{received:%Y-%m-%d %H:%M:%S},help@example.com,{'AB'[number % 2]}")
    result = import_files_detailed([write(tmp_path, "mail.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["queue"] == "Group"
    assert per_queue(result) == {"A": 20.0, "B": 20.0}
