"""Exports probed in round seven: Unix seconds under "..._at" headers (Aircall), Portuguese and
Dutch interval reports and call logs (TMA as the handle time beside TME, "Fila", "Wachtrij",
"Não atendida"), and an interval report repeating each interval once per call type named by a
header the reader does not know (Cisco UCCE's "EnterpriseName")."""

from __future__ import annotations

import datetime as dt

import pytest
from import_support import at, note_with, write

from data import schema
from data.importer import import_files_detailed
from data.outcomes import ABANDONED, ANSWERED, VOICEMAIL, classify_label

MONDAY = dt.datetime(2024, 3, 4)


def epoch(moment: dt.datetime) -> int:
    return int(moment.replace(tzinfo=dt.UTC).timestamp())


def test_unix_seconds_under_a_started_at_header_are_the_arrival_times(tmp_path):
    lines = ["id,direction,started_at,answered_at,ended_at,duration,missed_call_reason"]
    for day in range(3):
        for minute in range(0, 120, 4):  # 30 calls a day from 08:00, every 4 minutes
            start = epoch(MONDAY + dt.timedelta(days=day, hours=8, minutes=minute))
            if minute % 20 == 0:  # 6 a day missed
                lines.append(f"{start},inbound,{start},,{start + 30},30,short_abandoned")
            else:
                lines.append(f"{start},inbound,{start},{start + 9},{start + 240},240,")
        outbound = epoch(MONDAY + dt.timedelta(days=day, hours=12))
        lines.append(f"{outbound},outbound,{outbound},{outbound + 5},{outbound + 60},60,")
    result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])
    dataset = result.dataset
    assert dataset.kind == schema.KIND_RECORDS
    assert dataset.intervals[schema.VOLUME].sum() == 90
    assert (dataset.answered, dataset.abandoned) == (72, 18)
    assert at(dataset, "2024-03-05 08:00")[schema.VOLUME] == 4
    assert "'started_at' holds Unix time (seconds)" in note_with(dataset, "Unix time")
    assert note_with(dataset, "outbound left out").startswith("calls.csv: 3 row(s)")


def portuguese_report() -> str:
    lines = ["Data;Hora;Fila;Chamadas recebidas;Chamadas atendidas;Chamadas abandonadas;TMA;TME"]
    for day in range(4, 8):
        for slot in range(16):
            clock = dt.time(8 + slot // 2, 30 * (slot % 2))
            offered = 10 + slot % 5
            lines.append(
                f"{day:02d}/03/2024;{clock:%H:%M};SAC;{offered};{offered - 2};2;00:04:10;00:00:25"
            )
    return "\n".join(lines) + "\n"


def test_a_portuguese_report_reads_tma_as_the_handle_time_and_tme_as_the_wait(tmp_path):
    result = import_files_detailed([write(tmp_path, "relatorio.csv", portuguese_report())])
    dataset = result.dataset
    assert dataset.queues == ["SAC"]
    assert dataset.intervals[schema.VOLUME].sum() == 4 * (16 * 10 + 3 * (1 + 2 + 3 + 4))  # 760
    row = at(dataset, "2024-03-05 09:00", "SAC")
    assert (row[schema.VOLUME], row[schema.ANSWERED], row[schema.ABANDONED]) == (12, 10, 2)
    assert row[schema.AHT_SECONDS] == 250
    assert row[schema.WAIT_SECONDS] == 25
    columns = result.files[0].columns
    assert (columns["volume"], columns["aht"], columns["wait"]) == (
        "Chamadas recebidas",
        "TMA",
        "TME",
    )


def test_an_italian_tma_stays_the_wait(tmp_path):
    lines = ["Data;Ora;Chiamate ricevute;Chiamate gestite;TMA"]
    for slot in range(20):
        lines.append(f"04/03/2024;{8 + slot // 2:02d}:{30 * (slot % 2):02d};12;11;00:00:40")
    result = import_files_detailed([write(tmp_path, "report.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["wait"] == "TMA"
    assert "aht" not in result.files[0].columns


def test_a_brazilian_call_log_reads_the_fila_the_duracao_and_nao_atendida(tmp_path):
    lines = ["Data/Hora;Fila;Status;Tempo de espera;Duração"]
    statuses = ["Atendida"] * 7 + ["Abandonada", "Não atendida", "Caixa postal"]
    for day in range(4, 6):
        for call in range(40):
            status = statuses[call % 10]
            talk = "00:05:00" if status == "Atendida" else "00:00:00"
            lines.append(
                f"{day:02d}/03/2024 {9 + call // 10:02d}:{call % 10 * 5:02d}:10;Suporte;{status};"
                f"00:00:20;{talk}"
            )
    result = import_files_detailed([write(tmp_path, "ligacoes.csv", "\n".join(lines) + "\n")])
    dataset = result.dataset
    assert dataset.queues == ["Suporte"]
    assert (dataset.answered, dataset.abandoned) == (56, 16)  # 'Caixa postal' (voicemail) neither
    assert dataset.mean_handle_seconds == 300
    assert result.files[0].columns["handle"] == "Duração"


def test_a_dutch_report_reads_aangeboden_wachtrij_and_gesprekstijd(tmp_path):
    lines = ["Datum;Tijd;Wachtrij;Aangeboden;Beantwoord;Verlaten;Gem. gesprekstijd"]
    for day in range(4, 9):
        for slot in range(20):
            lines.append(
                f"{day:02d}-03-2024;{8 + slot // 2:02d}:{30 * (slot % 2):02d};Klantenservice;"
                f"{14 + slot % 3};{13 + slot % 3};1;0:03:30"
            )
    path = write(tmp_path, "rapport.csv", "\n".join(lines) + "\n")
    result = import_files_detailed([path])
    dataset = result.dataset
    assert result.files[0].columns["volume"] == "Aangeboden"
    assert result.files[0].columns["answered"] == "Beantwoord"
    assert result.files[0].columns["abandoned"] == "Verlaten"
    assert dataset.abandoned == 5 * 20
    assert dataset.queues == ["Klantenservice"]
    assert dataset.intervals[schema.VOLUME].sum() == 5 * (20 * 14 + 7 * 1 + 6 * 2)  # 1,495
    row = at(dataset, "2024-03-06 09:00", "Klantenservice")
    assert row[schema.VOLUME] == 16
    assert row[schema.AHT_SECONDS] == 210
    assert result.files[0].columns["aht"] == "Gem. gesprekstijd"


def test_a_dutch_call_log_reads_its_queue_duration_and_outcomes(tmp_path):
    lines = ["Begintijd;Wachtrij;Resultaat;Wachttijd;Gespreksduur"]
    results = ["Beantwoord"] * 8 + ["Niet beantwoord", "Opgehangen"]
    for call in range(50):
        result = results[call % 10]
        talk = 180 if result == "Beantwoord" else 0
        lines.append(
            f"2024-03-04 {9 + call // 10:02d}:{call % 10 * 5:02d}:00;Verkoop;{result};15;{talk}"
        )
    imported = import_files_detailed([write(tmp_path, "gesprekken.csv", "\n".join(lines) + "\n")])
    dataset = imported.dataset
    assert dataset.queues == ["Verkoop"]
    assert (dataset.answered, dataset.abandoned) == (40, 10)
    assert dataset.mean_handle_seconds == 180
    columns = imported.files[0].columns
    assert (columns["handle"], columns["wait"]) == ("Gespreksduur", "Wachttijd")


def test_each_interval_repeated_per_call_type_name_keeps_the_call_types_apart(tmp_path):
    lines = ["DateTime,CallTypeID,EnterpriseName,CallsOffered,CallsHandled,TotalCallsAband"]
    for day in range(4, 8):
        for slot in range(16):
            stamp = f"2024-03-{day:02d} {8 + slot // 2:02d}:{30 * (slot % 2):02d}:00.000"
            lines.append(f"{stamp},5001,CT_Billing,10,9,1")
            lines.append(f"{stamp},5002,CT_Support,20,18,2")
    result = import_files_detailed([write(tmp_path, "call_type.csv", "\n".join(lines) + "\n")])
    dataset = result.dataset
    assert dataset.queues == ["CT_Billing", "CT_Support"]
    assert at(dataset, "2024-03-05 10:00", "CT_Support")[schema.VOLUME] == 20
    assert at(dataset, "2024-03-05 10:00", "CT_Billing")[schema.VOLUME] == 10
    assert note_with(dataset, "each interval comes once per value") == (
        "call_type.csv: each interval comes once per value of 'EnterpriseName' (e.g. "
        "'CT_Billing', 'CT_Support'): read as the queue, so they are kept apart. If they are not "
        "queues, choose the queue column (Queue column in the app, --queue-column on the command "
        "line)."
    )
    assert not any("repeat a timestamp" in note for note in dataset.notes)


@pytest.mark.parametrize(
    ("label", "outcome"),
    [
        ("Não atendida", ABANDONED),
        ("Sem resposta", ABANDONED),
        ("Caixa postal", VOICEMAIL),
        ("Niet beantwoord", ABANDONED),
        ("Gemist", ABANDONED),
        ("Beantwoord", ANSWERED),
        ("Atendida", ANSWERED),
    ],
)
def test_portuguese_and_dutch_outcome_labels(label, outcome):
    assert classify_label(label) == outcome
