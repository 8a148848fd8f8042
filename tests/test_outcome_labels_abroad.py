"""Outcome labels of French, German and Spanish exports (Diabolocom, Kiamo, Alcatel, Puzzel ...),
and voicemails, which no agent answered whatever time the row carries, and whose callers left a
message instead of giving up: neither answered nor abandoned."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pytest
from import_support import note_with, write

from data.importer import import_files_detailed
from data.outcomes import (
    ABANDONED,
    ANSWERED,
    OTHER,
    VOICEMAIL,
    classify_label,
    classify_outcomes,
    disposition,
    transferred,
)

FRENCH = {
    ANSWERED: [
        "Répondu", "Repondu", "répondue", "Répondus", "RÉPONDUES", "Décroché", "Decrochee",
        "Traité", "Traite", "Traitée", "Traités", "Pris", "Prise", "Pris en charge",
        "Appel répondu",
    ],
    ABANDONED: [
        "Abandonné", "Abandonne", "Abandonnée", "abandonnés", "Perdu", "Perdue", "Perdus",
        "Raccroché", "Raccroche", "Non répondu", "Non-répondu", "Non repondu", "Non traité",
        "Non décroché", "Manqué", "Manquée", "Appel manqué", "Appel perdu", "Sans réponse",
    ],
    VOICEMAIL: ["Messagerie", "Répondeur"],
}  # fmt: skip
GERMAN = {
    ANSWERED: [
        "Angenommen", "angenommene", "Beantwortet", "Bearbeitet", "bearbeitete", "Verbunden",
    ],
    ABANDONED: [
        "Verloren", "verlorene", "Aufgelegt", "Abgebrochen", "Nicht angenommen",
        "nicht beantwortet", "Unbeantwortet", "Verpasst", "verpasste",
    ],
    VOICEMAIL: ["Mailbox", "Anrufbeantworter"],
}  # fmt: skip
SPANISH = {
    ANSWERED: [
        "Atendida", "Atendidas", "Atendido", "atendidos", "Contestada", "Contestado",
        "Respondida", "Respondidas", "Llamada atendida",
    ],
    ABANDONED: [
        "Abandonada", "Abandonadas", "Abandonado", "Perdida", "Perdidas", "Perdido",
        "No atendida", "No atendidas", "No contestada", "Colgada", "Colgado", "Sin respuesta",
    ],
    VOICEMAIL: ["Buzón de voz", "Buzon de voz"],
}  # fmt: skip


def _cases(*languages: dict[int, list[str]]) -> list[tuple[str, int]]:
    return [(label, code) for language in languages for code, labels in language.items()
            for label in labels]  # fmt: skip


@pytest.mark.parametrize(("label", "code"), _cases(FRENCH, GERMAN, SPANISH))
def test_french_german_and_spanish_outcome_labels(label, code):
    assert classify_label(label) == code


@pytest.mark.parametrize(
    "label",
    ["Voicemail", "VOICEMAIL", "Voice mail", "voice-mail", "VM", "Went to voicemail",
     "Messagerie", "Mailbox", "Segreteria", "Segreteria telefonica", "Buzón de voz"],
)  # fmt: skip
def test_voicemail_in_any_language_is_a_message_left_neither_answered_nor_abandoned(label):
    assert classify_label(label) == VOICEMAIL
    assert not disposition(label)


def test_voicemail_with_a_duration_is_not_answered():
    # RingCentral and Ringover give a voicemail the message's length as its duration.
    values = pa.array(["Accepted", "Voicemail", "VOICEMAIL", "Messagerie", "Missed"])
    handle = np.array([175.0, 312.0, 40.0, 25.0, 0.0])
    codes, summary = classify_outcomes(values, handle)
    assert codes.tolist() == [ANSWERED, VOICEMAIL, VOICEMAIL, VOICEMAIL, ABANDONED]
    assert "Voicemail -> voicemail (1)" in summary
    assert "rows with a handle time were taken as answered" not in summary


def test_words_that_only_look_like_outcomes_stay_other():
    # Prefixes are whole words abroad: "Traitement" is no "Traité"; a garbled one is not read.
    for label in ["Traitement", "Trait\ufffd", "R\ufffdpondu", "Segreteria studenti"]:
        assert classify_label(label) == OTHER, label


def test_a_deterred_caller_is_neither_answered_nor_abandoned_whatever_its_time():
    # Alcatel's "Dissuadé": a busy or closed message, never queued, so never answered.
    codes, summary = classify_outcomes(pa.array(["Dissuadé", "Dissuadés"]), np.array([20.0, 0]))
    assert codes.tolist() == [OTHER, OTHER]
    assert "Dissuadé -> other (1)" in summary


def test_an_overflow_is_passed_on_like_a_transfer():
    for label in ["Débordé", "Debordee", "Desbordada", "Weitergeleitet"]:
        assert classify_label(label) == OTHER and transferred(label), label
    codes, _ = classify_outcomes(pa.array(["Débordé", "Débordé"]), np.array([90.0, 0.0]))
    assert codes.tolist() == [ANSWERED, OTHER]


def test_a_caller_who_hung_up_abroad_says_only_who_ended_the_call():
    values = pa.array(["Client a raccroché", "Client a raccroché"])
    codes, _ = classify_outcomes(values, np.array([200.0, 0.0]))
    assert codes.tolist() == [ANSWERED, ABANDONED]


def french_call_log(header: str) -> str:
    """A Diabolocom-like call log: 60 answered calls, 15 abandoned, 5 voicemails with a
    duration, over five days."""
    statuses = ["Répondu"] * 12 + ["Abandonné"] * 3 + ["Messagerie"]
    lines = [header]
    for day in range(5):
        for n, status in enumerate(statuses):
            start = dt.datetime(2024, 3, 4 + day, 8, 5) + dt.timedelta(minutes=25 * n)
            talk = {"Répondu": 240 + n, "Abandonné": 0, "Messagerie": 35}[status]
            lines.append(
                f"{start:%d/%m/%Y %H:%M:%S};Entrant;Support;{status};{20 + n};"
                f"00:{talk // 60:02d}:{talk % 60:02d}"
            )
    return "\n".join(lines) + "\n"


def test_a_french_call_log_counts_its_answered_and_abandoned_calls(tmp_path):
    header = "Date de début;Sens;File;Statut;Durée d'attente (s);Durée de conversation"
    path = write(tmp_path, "diabolocom.csv", french_call_log(header))
    result = import_files_detailed([path])
    assert result.files[0].columns.get("outcome") == "Statut"
    dataset = result.dataset
    assert (dataset.answered, dataset.abandoned) == (60, 15)  # the 5 voicemails neither
    note = note_with(dataset, "outcome 'Statut':")
    assert "Répondu -> answered (60)" in note and "Abandonné -> abandoned (15)" in note
    assert "Messagerie -> voicemail (5)" in note


def test_french_outcome_values_under_an_outcome_header_are_read(tmp_path):
    # The same log under a header the column reader knows ("Status"): the values decide.
    header = "Date de début;Sens;File;Status;Durée d'attente (s);Durée de conversation"
    path = write(tmp_path, "diabolocom.csv", french_call_log(header))
    dataset = import_files_detailed([path]).dataset
    assert (dataset.answered, dataset.abandoned) == (60, 15)
    # The voicemails' 35 s are the messages' length, not handle time.
    assert dataset.mean_handle_seconds == pytest.approx(np.mean(np.arange(240, 252)))
