"""Call-detail exports that say more than arrivals: calls missed because the center was closed are
no demand, a missed-call reason gives the outcome, a yes/no "Abandon" flag is the abandoned flag
and transfer legs sharing a master contact are one contact."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from import_support import at, note_with, write

from data import schema
from data.columns import ImportOptions, plan_columns
from data.importer import import_files_detailed
from data.outcomes import ABANDONED, ANSWERED
from data.records import contact_groups, demand_rows, records_dataset
from data.rows import ParsedRows

MONDAY = dt.datetime(2026, 8, 3)
MISSED_REASONS = ("short_abandoned", "no_available_agent", "agents_did_not_answer")


def per_queue(result) -> dict[str, float]:
    return result.dataset.intervals.groupby(schema.QUEUE)[schema.VOLUME].sum().to_dict()


def aircall_rows(seed: int, count: int = 900) -> tuple[list[str], dict[str, int]]:
    """Two weeks of an Aircall-style call-detail export: weekday calls 08:00-18:00 answered or
    missed (with their reason), outbound calls, and calls at night or on Sunday that met the
    closed center (out_of_opening_hours). Returns the rows and what they hold."""
    rng = np.random.default_rng(seed)
    truth = {"answered": 0, "abandoned": 0, "closed": 0, "outbound": 0}
    rows = []
    for number in range(count):
        day = int(rng.integers(0, 14))
        if day % 7 >= 5 and rng.random() < 0.8:
            day -= 2  # few calls at the weekend, when the center is closed all day
        evening = rng.random() < 0.06
        closed = evening or day % 7 >= 5
        hours = (19, 23) if evening else (8, 18)
        second = int(rng.integers(hours[0] * 3600, hours[1] * 3600))
        start = MONDAY + dt.timedelta(days=day, seconds=second)
        direction = "outbound" if not closed and rng.random() < 0.1 else "inbound"
        if direction == "outbound":
            truth["outbound"] += 1
            reason, answered = "", start + dt.timedelta(seconds=5)
        elif closed:
            truth["closed"] += 1
            reason, answered = "out_of_opening_hours", None
        elif rng.random() < 0.15:
            truth["abandoned"] += 1
            reason, answered = str(rng.choice(MISSED_REASONS)), None
        else:
            truth["answered"] += 1
            reason, answered = "", start + dt.timedelta(seconds=int(rng.integers(5, 60)))
        talk = int(rng.integers(60, 600)) if answered else 0
        end = (answered or start) + dt.timedelta(seconds=talk + 1)
        line = "Support FR" if rng.random() < 0.7 else "Sales FR"
        rows.append(
            f"{number},{direction},{start:%Y-%m-%d %H:%M:%S},"
            f"{answered or ''},{end:%Y-%m-%d %H:%M:%S},{talk},{reason},{line}"
        )
    return rows, truth


AIRCALL_HEADER = "id,direction,started_at,answered_at,ended_at,duration,missed_call_reason,line"


def test_calls_that_met_the_closed_center_are_no_demand(tmp_path):
    rows, truth = aircall_rows(1)
    text = "\n".join([AIRCALL_HEADER, *rows]) + "\n"
    result = import_files_detailed([write(tmp_path, "aircall.csv", text)])
    dataset = result.dataset
    assert result.files[0].columns["outcome"] == "missed_call_reason"
    assert sum(per_queue(result).values()) == truth["answered"] + truth["abandoned"]
    assert (dataset.answered, dataset.abandoned) == (truth["answered"], truth["abandoned"])
    assert result.contacts == truth["answered"] + truth["abandoned"]
    assert truth["closed"] == 116
    assert note_with(dataset, "while the center was closed") == (
        "aircall.csv: 116 calls that arrived while the center was closed (out_of_opening_hours) "
        "are left out of the demand."
    )
    # No evening or weekend slot opens for the calls that met the closed center.
    frame = dataset.intervals
    starts = frame[schema.INTERVAL_START]
    late = frame[(starts.dt.hour >= 19) | (starts.dt.day_of_week >= 5)]
    assert late[schema.VOLUME].sum() == 0
    assert not late[schema.IS_OPEN].any()
    assert not at(dataset, "2026-08-09 10:00", "Support FR")[schema.IS_OPEN]


def test_a_missed_call_reason_gives_the_outcome(tmp_path):
    rows, truth = aircall_rows(2, count=400)
    text = "\n".join([AIRCALL_HEADER, *rows]) + "\n"
    dataset = import_files_detailed([write(tmp_path, "calls.csv", text)]).dataset
    assert (dataset.answered, dataset.abandoned) == (truth["answered"], truth["abandoned"])
    assert (truth["answered"], truth["abandoned"]) == (264, 58)
    summary = note_with(dataset, "outcome from the missed-call reasons")
    assert "(empty) -> answered (264)" in summary
    assert "out_of_opening_hours -> closed (" in summary


@pytest.mark.parametrize(
    "closed",
    [
        "closed",
        "outside business hours",
        "After hours",
        "Hors horaires",
        "Fermé",
        "außerhalb der Geschäftszeiten",
        "Fuera de horario",
    ],
)
def test_a_missed_reason_saying_closed_in_any_language_is_no_demand(tmp_path, closed):
    lines = ["Call Start,Queue,Missed Reason,Talk Time"]
    for day in range(5):
        for slot in range(20):
            start = MONDAY + dt.timedelta(days=day, hours=8, minutes=30 * slot, seconds=17)
            lines.append(f"{start:%Y-%m-%d %H:%M:%S},Support,,{120 + slot}")
            if slot % 4 == 0:
                lines.append(f"{start:%Y-%m-%d %H:%M:%S},Support,No answer,0")
        late = MONDAY + dt.timedelta(days=day, hours=21, minutes=5)
        lines += [f"{late:%Y-%m-%d %H:%M:%S},Support,{closed},0"] * 3
    result = import_files_detailed([write(tmp_path, "log.csv", "\n".join(lines) + "\n")])
    dataset = result.dataset
    assert per_queue(result) == {"Support": 125.0}
    assert (dataset.answered, dataset.abandoned) == (100, 25)
    assert f"15 calls that arrived while the center was closed ({closed})" in note_with(
        dataset, "while the center was closed"
    )


@pytest.mark.parametrize(
    "closed", ["Out of hours", "Hors horaires", "Fuera de horario", "Außerhalb der Öffnungszeiten"]
)
def test_a_status_saying_the_center_was_closed_is_no_demand(tmp_path, closed):
    lines = ["Start,Queue,Status,Talk"]
    for day in range(5):
        for slot in range(20):
            start = MONDAY + dt.timedelta(days=day, hours=8, minutes=30 * slot, seconds=40)
            status = "Abandoned" if slot % 5 == 0 else "Answered"
            lines.append(
                f"{start:%Y-%m-%d %H:%M:%S},Support,{status},{60 * (status == 'Answered')}"
            )
        late = MONDAY + dt.timedelta(days=day, hours=20, minutes=12)
        lines += [f"{late:%Y-%m-%d %H:%M:%S},Support,{closed},0"] * 2
    result = import_files_detailed([write(tmp_path, "log.csv", "\n".join(lines) + "\n")])
    assert per_queue(result) == {"Support": 100.0}
    assert (result.dataset.answered, result.dataset.abandoned) == (80, 20)
    assert "10 calls that arrived while the center was closed" in note_with(
        result.dataset, "while the center was closed"
    )


def test_a_ticket_status_closed_is_no_closed_center(tmp_path):
    # A ticket closed is a ticket resolved: only a missed-call reason "closed" says the center was.
    lines = ["Created,Group,Status"]
    for day in range(5):
        for slot in range(10):
            start = MONDAY + dt.timedelta(days=day, hours=8, minutes=50 * slot, seconds=3)
            lines.append(f"{start:%Y-%m-%d %H:%M:%S},Billing,{'Closed' if slot % 2 else 'Open'}")
    result = import_files_detailed([write(tmp_path, "tickets.csv", "\n".join(lines) + "\n")])
    assert per_queue(result) == {"Billing": 50.0}
    assert not any("while the center was closed" in note for note in result.dataset.notes)


def cxone_rows(
    seed: int, flags: tuple[str, str] = ("Y", "N"), transfers: bool = True
) -> tuple[list[str], dict]:
    """A NICE CXone-style contact-detail export over two weeks: answered and abandoned calls,
    some transferred to a second (and third) leg that shares the first leg's Master Contact ID."""
    rng = np.random.default_rng(seed)
    yes, no = flags
    truth = {"contacts": 0, "legs": 0, "answered": 0, "abandoned": 0, "handle": []}
    rows = []
    contact_id = 5_000_000
    for day in range(14):
        if day % 7 >= 5:
            continue
        for _ in range(60):
            start = MONDAY + dt.timedelta(days=day, seconds=int(rng.integers(8 * 3600, 18 * 3600)))
            master = contact_id
            truth["contacts"] += 1
            skill = "Support" if rng.random() < 0.7 else "Billing"
            if rng.random() < 0.12:  # abandoned in the queue: one leg, no agent
                truth["abandoned"] += 1
                contact_id += 1
                wait = int(rng.integers(5, 200))
                rows.append(
                    f"{master},{master},{start:%m/%d/%Y},{start:%H:%M:%S},{skill},Inbound,"
                    f",,{yes},0,0,{wait}"
                )
                continue
            truth["answered"] += 1
            legs = 1 + int(rng.random() < 0.25) + int(rng.random() < 0.05)
            legs = legs if transfers else 1
            handled = 0
            moment = start
            for leg in range(legs):
                wait = int(rng.integers(2, 60))
                talk, acw = int(rng.integers(60, 500)), int(rng.integers(5, 60))
                handled += talk + acw
                agent = str(rng.choice(["Ada Rossi", "Ben Ortiz", "Chloe Martin"]))
                rows.append(
                    f"{contact_id},{master},{moment:%m/%d/%Y},{moment:%H:%M:%S},"
                    f"{skill if leg == 0 else 'Billing'},Inbound,{agent},"
                    f"{'Transferred' if leg < legs - 1 else 'Resolved'},{no},{acw},{talk},{wait}"
                )
                contact_id += 1
                truth["legs"] += leg > 0
                moment = moment + dt.timedelta(seconds=wait + talk + acw)
            truth["handle"].append(handled)
    return rows, truth


CXONE_HEADER = (
    "Contact ID,Master Contact ID,Start Date,Start Time,Skill Name,Campaign Name,Agent Name,"
    "Disposition,Abandon,ACW Seconds,Agent Time,Inqueue Time"
)


@pytest.mark.parametrize(
    "flags", [("Y", "N"), ("Yes", "No"), ("True", "False"), ("1", "0"), ("Oui", "Non"),
              ("Ja", "Nein"), ("Sí", "No")],
)  # fmt: skip
def test_an_abandon_flag_of_yes_and_no_is_the_abandoned_flag(tmp_path, flags):
    rows, truth = cxone_rows(3, flags, transfers=False)
    text = "\n".join([CXONE_HEADER, *rows]) + "\n"
    result = import_files_detailed([write(tmp_path, "cxone.csv", text)])
    columns = result.files[0].columns
    assert columns["abandoned flag"] == "Abandon"
    assert (result.dataset.answered, result.dataset.abandoned) == (
        truth["answered"], truth["abandoned"],
    )  # fmt: skip
    assert (truth["answered"], truth["abandoned"]) == (526, 74)
    # The agent's time with the caller and the after-call work make the handle time.
    assert columns["handle"] == "Agent Time + ACW Seconds"
    assert result.dataset.mean_handle_seconds == pytest.approx(np.mean(truth["handle"]))


@pytest.mark.parametrize("header", ["Abandon", "Abandon Flag", "Is Abandoned", "Abandoned"])
def test_a_header_naming_abandonment_alone_over_yes_and_no_is_the_flag(header):
    sample = [["2026-08-03 08:01:13", "Support", "Sale", "Y"]]
    sample += [["2026-08-03 08:03:55", "Support", "", "N"]]
    plan = plan_columns(
        ["Start", "Queue", "Disposition", header], sample, False, ImportOptions(), "x.csv"
    )
    assert (plan.abandoned_flag_column, plan.outcome_column) == (header, None)


@pytest.mark.parametrize("header", ["Abandon Time", "Abandons", "Avg Abandon"])
def test_a_count_or_time_named_after_abandonment_is_no_flag(tmp_path, header):
    lines = [f"Start,Queue,{header}"]
    for slot in range(40):
        start = MONDAY + dt.timedelta(hours=8, minutes=7 * slot, seconds=11)
        lines.append(f"{start:%Y-%m-%d %H:%M:%S},Support,{slot % 2}")
    result = import_files_detailed([write(tmp_path, "log.csv", "\n".join(lines) + "\n")])
    assert "abandoned flag" not in result.files[0].columns
    assert result.dataset.abandoned is None


def legs_as_rows(lines: list[str]) -> ParsedRows:
    """The rows a reader makes of `cxone_rows`: arrival, skill, handle time (agent time + ACW),
    outcome from the Abandon flag and the contact each leg belongs to."""
    cells = [line.split(",") for line in lines]
    arrivals = pd.to_datetime([f"{c[2]} {c[3]}" for c in cells], format="%m/%d/%Y %H:%M:%S")
    skills = sorted({c[4] for c in cells})
    groups, legs = contact_groups(pa.array([c[1] for c in cells]))
    rows = ParsedRows(
        seconds=(arrivals.asi8 // 1_000_000_000).astype(np.int64),
        codes=np.array([skills.index(c[4]) for c in cells], dtype=np.int64),
        queue_names=skills,
        handle=np.array([float(c[9]) + float(c[10]) for c in cells]),
        wait=np.array([float(c[11]) for c in cells]),
        outcome=np.array([ABANDONED if c[8] == "Y" else ANSWERED for c in cells], dtype=np.int8),
        contact_group=groups,
    )
    rows.notes.append(f"{legs} transfer legs")
    return rows


def test_transfer_legs_are_joined_to_the_contact_they_continue():
    lines, truth = cxone_rows(4)
    rows = legs_as_rows(lines)
    assert truth["contacts"] == 600 and truth["legs"] == 160
    assert rows.notes == ["160 transfer legs"]
    contacts = demand_rows(rows)
    assert len(contacts.seconds) == truth["contacts"]
    dataset = records_dataset(contacts, 15)
    assert dataset.intervals[schema.VOLUME].sum() == truth["contacts"]
    assert (dataset.answered, dataset.abandoned) == (truth["answered"], truth["abandoned"])
    # The handle time of a transferred call is every leg's work.
    assert dataset.mean_handle_seconds == pytest.approx(np.mean(truth["handle"]))


def assert_transfer_joined(dataset: schema.Dataset) -> None:
    """Contact 101 arrived at 08:05 in Support and went on to Billing at 08:20 (300 s + 200 s),
    103 gave up in Support at 08:21, 104 came to Billing at 08:40."""
    frame = dataset.intervals
    by_slot = frame[frame[schema.VOLUME] > 0].set_index([schema.INTERVAL_START, schema.QUEUE])
    assert by_slot[schema.VOLUME].to_dict() == {
        (pd.Timestamp("2026-08-13 08:00"), "Support"): 1.0,
        (pd.Timestamp("2026-08-13 08:15"), "Support"): 1.0,
        (pd.Timestamp("2026-08-13 08:30"), "Billing"): 1.0,
    }
    assert at(dataset, "2026-08-13 08:00", "Support")[schema.AHT_SECONDS] == 500
    assert (dataset.answered, dataset.abandoned) == (2, 1)


def test_a_contact_counts_where_its_first_leg_arrived():
    day = pd.Timestamp("2026-08-13").value // 1_000_000_000
    rows = ParsedRows(
        seconds=np.array([day + 8 * 3600 + 300, day + 8 * 3600 + 1210, day + 8 * 3600 + 1260,
                          day + 8 * 3600 + 2400]),
        codes=np.array([1, 0, 1, 0]),  # Support, the transfer to Billing, Support, Billing
        queue_names=["Billing", "Support"],
        handle=np.array([300.0, 200.0, 0.0, 100.0]),
        outcome=np.array([ANSWERED, ANSWERED, ABANDONED, ANSWERED], dtype=np.int8),
        contact_group=contact_groups(pa.array([101, 101, 103, None], pa.int64()))[0],
    )  # fmt: skip
    dataset = records_dataset(demand_rows(rows), 15)
    assert_transfer_joined(dataset)


def test_rows_without_a_master_contact_stay_contacts_of_their_own():
    groups, legs = contact_groups(pa.array(["7", "", "7", None, "9"]))
    assert legs == 1
    assert len(np.unique(groups)) == 4 and groups[0] == groups[2]


def test_an_export_with_master_contact_ids_counts_each_contact_once(tmp_path):
    rows, truth = cxone_rows(4)
    text = "\n".join([CXONE_HEADER, *rows]) + "\n"
    result = import_files_detailed([write(tmp_path, "cxone.csv", text)])
    dataset = result.dataset
    assert result.files[0].columns["master contact"] == "Master Contact ID"
    assert truth["contacts"] == 600 and truth["legs"] == 160
    assert result.contacts == truth["contacts"]
    assert dataset.intervals[schema.VOLUME].sum() == truth["contacts"]
    assert (dataset.answered, dataset.abandoned) == (truth["answered"], truth["abandoned"])
    # The handle time of a transferred call is every leg's work.
    assert dataset.mean_handle_seconds == pytest.approx(np.mean(truth["handle"]))
    assert note_with(dataset, "transfer legs") == (
        "cxone.csv: 160 transfer legs joined to the contacts they continue (Master Contact ID): "
        "each contact counts once, where its first leg arrived, with the legs' handle times "
        "together."
    )


def test_an_exported_contact_counts_where_its_first_leg_arrived(tmp_path):
    lines = [
        "Contact ID,Master Contact ID,Start Date,Start Time,Skill Name,Agent Name,Abandon,"
        "Agent Time",
        "101,101,08/13/2026,08:05:00,Support,Ada,N,300",
        "102,101,08/13/2026,08:20:10,Billing,Ben,N,200",  # the transfer, in the next slot
        "103,103,08/13/2026,08:21:00,Support,,Y,0",
        "104,104,08/13/2026,08:40:00,Billing,Ben,N,100",
    ]
    dataset = import_files_detailed([write(tmp_path, "c.csv", "\n".join(lines) + "\n")]).dataset
    assert_transfer_joined(dataset)
