"""Exports of help desks and switches in their own words: French, German and Spanish call
directions, teams and departments as queues, "Period Ending" labels, per-queue total lines
without a time, a date at midnight beside its hour, a ticket's source as its channel."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from import_support import half_hours, note_with, weekday_arrivals, write

from data import schema
from data.importer import import_files_detailed

# Two weeks of arrivals, Monday to Friday 08:00-18:00.
MONDAY = dt.datetime(2024, 3, 4)


def arrivals(seed: int, count: int) -> list[dt.datetime]:
    return weekday_arrivals(seed, count, MONDAY)


def per_queue(result) -> dict[str, float]:
    return result.dataset.intervals.groupby(schema.QUEUE)[schema.VOLUME].sum().to_dict()


def aht(result, queue: str | None = None) -> float:
    """Contact-weighted mean handle time over the import."""
    frame = result.dataset.intervals
    if queue is not None:
        frame = frame[frame[schema.QUEUE] == queue]
    known = frame[schema.AHT_SECONDS].notna()
    weights = frame.loc[known, schema.VOLUME]
    return float((frame.loc[known, schema.AHT_SECONDS] * weights).sum() / weights.sum())


@pytest.mark.parametrize(
    ("inbound", "outbound"),
    [("Entrant", "Sortant"), ("eingehend", "ausgehend"), ("Entrante", "Saliente")],
)
def test_outbound_calls_in_french_german_or_spanish_are_no_demand(tmp_path, inbound, outbound):
    rng = np.random.default_rng(1)
    lines = ["Date de début;Sens;File;Statut;Durée de communication;Durée d'attente (s)"]
    incoming = 0
    for moment in arrivals(1, 600):
        is_in = rng.random() < 0.85
        incoming += is_in
        talk = int(rng.integers(60, 600))
        lines.append(
            f"{moment:%d/%m/%Y %H:%M:%S};{inbound if is_in else outbound};Support;Répondu;"
            f"{talk // 3600:02d}:{talk // 60 % 60:02d}:{talk % 60:02d};{int(rng.integers(0, 90))}"
        )
    result = import_files_detailed([write(tmp_path, "appels.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["direction"] == "Sens"
    assert per_queue(result) == {"Support": float(incoming)}
    assert f"{600 - incoming:,} row(s) with 'Sens' = {outbound} left out" in note_with(
        result.dataset, "left out"
    )


def test_a_french_call_log_reads_talk_plus_wrap_up_as_its_handle_time(tmp_path):
    rng = np.random.default_rng(2)
    lines = ["Date de début;Sens;Campagne / File;Statut;Durée d'attente (s);"
             "Durée de communication;Durée post-appel (s)"]  # fmt: skip
    handled = []
    for moment in arrivals(2, 400):
        talk, wrap = int(rng.integers(60, 600)), int(rng.integers(5, 40))
        handled.append(talk + wrap)
        lines.append(
            f"{moment:%d/%m/%Y %H:%M:%S};Entrant;Support;Répondu;{int(rng.integers(0, 90))};"
            f"00:{talk // 60:02d}:{talk % 60:02d};{wrap}"
        )
    result = import_files_detailed([write(tmp_path, "diabolocom.csv", "\n".join(lines) + "\n")])
    columns = result.files[0].columns
    assert columns["wait"] == "Durée d'attente (s)"
    assert columns["handle"] == "Durée de communication + Durée post-appel (s)"
    assert aht(result) == pytest.approx(np.mean(handled))


def test_a_service_column_is_the_queue_and_a_duration_in_minutes_the_handle_time(tmp_path):
    rng = np.random.default_rng(3)
    lines = ["Date;Service;Type d'appel;Statut;Durée (min);Agent"]
    counts = {"SAV": 0, "Ventes": 0}
    minutes = []
    for moment in arrivals(3, 500):
        service = "SAV" if rng.random() < 0.7 else "Ventes"
        counts[service] += 1
        minutes.append(round(float(rng.uniform(1, 6)), 2))
        lines.append(
            f"{moment:%d/%m/%Y %H:%M};{service};Entrant;Traité;"
            f"{str(minutes[-1]).replace('.', ',')};Martin"
        )
    result = import_files_detailed([write(tmp_path, "kiamo.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["queue"] == "Service"
    assert per_queue(result) == {queue: float(n) for queue, n in counts.items()}
    assert aht(result) == pytest.approx(60 * np.mean(minutes), rel=1e-6)


def test_alcatel_pilots_are_queues_and_served_calls_are_answered(tmp_path):
    rng = np.random.default_rng(4)
    lines = ["Date;Période;Pilote;N° pilote;Appels reçus;Appels servis;Appels perdus;"
             "Durée moy. conversation"]  # fmt: skip
    truth = {"Accueil": [0, 0], "SAV": [0, 0]}
    for day in range(5):
        for slot in range(40):
            start = MONDAY + dt.timedelta(days=day, hours=8, minutes=15 * slot)
            for pilot, number in (("Accueil", 3000), ("SAV", 3001)):
                served, lost = int(rng.poisson(6)), int(rng.poisson(1))
                truth[pilot][0] += served + lost
                truth[pilot][1] += served
                end = start + dt.timedelta(minutes=15)
                lines.append(
                    f"{start:%d/%m/%y};{start:%Hh%M}-{end:%Hh%M};{pilot};{number};"
                    f"{served + lost};{served};{lost};00:04:00"
                )
    result = import_files_detailed([write(tmp_path, "omnipcx.csv", "\n".join(lines) + "\n")])
    columns = result.files[0].columns
    assert (columns["queue"], columns["answered"]) == ("Pilote", "Appels servis")
    assert per_queue(result) == {pilot: float(total) for pilot, (total, _) in truth.items()}
    frame = result.dataset.intervals
    assert frame.groupby(schema.QUEUE)[schema.ANSWERED].sum().to_dict() == {
        pilot: float(served) for pilot, (_, served) in truth.items()
    }


def test_intercom_teams_are_queues_split_by_channel_and_the_id_is_no_handle_time(tmp_path):
    rng = np.random.default_rng(5)
    lines = ["Conversation ID,Conversation started at,Channel,Team currently assigned,"
             "Teammate currently assigned,State,First response time (seconds)"]  # fmt: skip
    counts: dict[str, int] = {}
    for number, moment in enumerate(arrivals(5, 400)):
        team, channel = rng.choice(["Sales", "Support"]), rng.choice(["Conversation", "Email"])
        counts[f"{team} / {channel}"] = counts.get(f"{team} / {channel}", 0) + 1
        lines.append(
            f"{1_000_000_000 + number},{moment:%Y-%m-%d %H:%M:%S},{channel},{team},Ann,closed,"
            f"{int(rng.integers(5, 60))}"
        )
    result = import_files_detailed([write(tmp_path, "intercom.csv", "\n".join(lines) + "\n")])
    columns = result.files[0].columns
    assert columns["queue"] == "Team currently assigned"
    assert columns["queue split"] == "Channel"
    assert "handle" not in columns
    assert per_queue(result) == {queue: float(n) for queue, n in counts.items()}


def test_a_queue_column_is_preferred_to_a_team_column(tmp_path):
    lines = ["Time,Team,Queue,Duration"]
    for moment in arrivals(6, 200):
        lines.append(f"{moment:%Y-%m-%d %H:%M:%S},Blue,Billing,240")
    result = import_files_detailed([write(tmp_path, "log.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["queue"] == "Queue"


@pytest.mark.parametrize("full_timestamp", [False, True])
def test_period_ending_labels_are_moved_to_interval_starts(tmp_path, full_timestamp):
    starts = half_hours(days=5)
    counts = np.random.default_rng(7).poisson(12, len(starts))
    header = "Period Ending,Offered" if full_timestamp else "Date,Period Ending,Offered"
    lines = [header]
    for start, count in zip(starts, counts, strict=True):
        end = start + dt.timedelta(minutes=30)
        stamp = f"{end:%Y-%m-%d %H:%M}" if full_timestamp else f"{end:%d/%m/%Y},{end:%H:%M}"
        lines.append(f"{stamp},{count}")
    result = import_files_detailed([write(tmp_path, "ending.csv", "\n".join(lines) + "\n")])
    frame = result.dataset.intervals
    assert frame.loc[frame[schema.VOLUME] > 0, schema.INTERVAL_START].min() == pd.Timestamp(
        "2024-03-04 08:00"
    )
    first = frame[frame[schema.INTERVAL_START] == pd.Timestamp("2024-03-04 08:00")]
    assert float(first[schema.VOLUME].iloc[0]) == counts[0]
    assert "'Period Ending' names the end of each interval" in note_with(
        result.dataset, "names the end"
    )


def test_cisco_total_lines_of_each_csq_are_skipped(tmp_path):
    rng = np.random.default_rng(8)
    lines = ["CSQ Name,Interval Start Time,Interval End Time,Calls Presented,Avg Handle Time"]
    truth = {}
    for csq in ("CSQ_Billing", "CSQ_Tech"):
        total = 0
        for start in half_hours(days=5):
            count = int(rng.poisson(9))
            total += count
            end = start + dt.timedelta(minutes=30)
            lines.append(
                f'"{csq}","{start:%m/%d/%y %I:%M:%S %p}","{end:%m/%d/%y %I:%M:%S %p}",{count},'
                '"0:04:10"'
            )
        lines.append(f'"Total for {csq}","","",{total},"0:04:10"')
        truth[csq] = float(total)
    result = import_files_detailed([write(tmp_path, "uccx.csv", "\n".join(lines) + "\n")])
    assert per_queue(result) == truth
    assert "2 total/subtotal row(s) were skipped" in note_with(result.dataset, "total")


def test_a_date_at_midnight_beside_its_hour_is_read_hour_by_hour(tmp_path):
    rng = np.random.default_rng(9)
    lines = ["Date,Hour,Call Queue Identity,Call Count,Call Queue Target Type"]
    truth = {}
    for day in range(10):
        date = MONDAY + dt.timedelta(days=day)
        for hour in range(8, 18):
            count = int(rng.poisson(30))
            truth[date + dt.timedelta(hours=hour)] = count
            lines.append(f"{date:%-m/%-d/%Y} 12:00:00 AM,{hour},Helpdesk CQ,{count},User")
    result = import_files_detailed([write(tmp_path, "teams.csv", "\n".join(lines) + "\n")])
    frame = result.dataset.intervals
    assert result.dataset.interval_minutes == 60
    assert result.files[0].columns["time"] == "Hour"
    assert "queue split" not in result.files[0].columns  # where calls went, not a channel
    assert frame[schema.QUEUE].unique().tolist() == ["Helpdesk CQ"]
    read = frame.set_index(schema.INTERVAL_START)[schema.VOLUME]
    assert {stamp: int(read[pd.Timestamp(stamp)]) for stamp in truth} == truth
    assert read.sum() == sum(truth.values())


def test_a_ticket_source_is_its_channel_and_time_tracked_its_handle_time(tmp_path):
    rng = np.random.default_rng(10)
    lines = ["Ticket ID,Subject,Status,Source,Group,Created time,Time tracked"]
    counts: dict[str, int] = {}
    tracked = []
    for number, moment in enumerate(arrivals(10, 300)):
        group, source = rng.choice(["Billing", "Tech"]), rng.choice(["Email", "Phone", "Portal"])
        counts[f"{group} / {source}"] = counts.get(f"{group} / {source}", 0) + 1
        seconds = int(rng.integers(60, 900))
        tracked.append(seconds)
        lines.append(
            f"{10_000 + number},Order,Resolved,{source},{group},{moment:%Y-%m-%d %H:%M:%S},"
            f"00:{seconds // 60:02d}:{seconds % 60:02d}"
        )
    result = import_files_detailed([write(tmp_path, "freshdesk.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["queue split"] == "Source"
    assert per_queue(result) == {queue: float(n) for queue, n in counts.items()}
    assert aht(result) == pytest.approx(np.mean(tracked))


def test_an_interval_report_with_a_mean_wait_first_takes_the_talk_time_as_handle_time(tmp_path):
    lines = ["Date;Heure;Appels reçus;Durée moyenne d'attente;Durée moyenne de communication"]
    for start in half_hours(days=3):
        lines.append(f"{start:%d/%m/%Y};{start:%H:%M};10;00:00:40;00:05:00")
    result = import_files_detailed([write(tmp_path, "rapport.csv", "\n".join(lines) + "\n")])
    columns = result.files[0].columns
    assert columns["aht"] == "Durée moyenne de communication"
    assert columns["wait"] == "Durée moyenne d'attente"
    assert aht(result) == pytest.approx(300.0)
