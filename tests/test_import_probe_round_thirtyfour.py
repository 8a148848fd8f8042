"""Round-thirty-four probes: negated outcome labels cut short to "N." as a narrow Italian report
column writes them ("N. risp.", "N. risposta" for non risposta) beside the cut-short negations
already read ("No atend.", "Non rép.", "Nicht angen.")."""

from __future__ import annotations

import datetime as dt

import pytest
from import_support import write

from data import schema
from data.importer import import_files_detailed
from data.outcomes import ABANDONED, OTHER, classify_label

MONDAY = dt.datetime(2024, 3, 4)


def _calls(count: int = 150) -> list[dt.datetime]:
    """`count` arrivals, 08:00-17:00 from Monday to Friday, 3 min 37 s apart within a day."""
    return [
        MONDAY + dt.timedelta(days=n % 5, hours=8, seconds=217 * (n // 5)) for n in range(count)
    ]


# --- Negations cut short --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "answered", "abandoned"),
    [
        ("Inizio;Coda;Esito", "Risp.", "N. risp."),  # risposta, non risposta
        ("Inizio;Coda;Esito", "Risposta", "N. risposta"),
        ("Inizio;Coda;Esito", "Risp.", "N.risp."),
        ("Inicio;Cola;Resultado", "Atend.", "No atend."),  # atendida, no atendida
        ("Début;File;Statut", "Rép.", "Non rép."),  # répondu, non répondu
        ("Beginn;Warteschlange;Ergebnis", "Angen.", "Nicht angen."),  # (nicht) angenommen
    ],
)
def test_negated_outcome_labels_cut_short_are_abandoned(tmp_path, header, answered, abandoned):
    # Before: 'N. risp.' named no outcome, so the 30 unanswered calls of 150 counted neither
    # answered nor abandoned (120 answered, 0 abandoned).
    lines = [header] + [
        f"{t:%d/%m/%Y %H:%M:%S};Servizio;{abandoned if n % 5 == 0 else answered}"
        for n, t in enumerate(_calls())
    ]
    result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])
    frame = result.dataset.intervals
    assert frame[[schema.ANSWERED, schema.ABANDONED]].sum().tolist() == [120.0, 30.0]


@pytest.mark.parametrize(
    ("label", "code"),
    [("N. risp.", ABANDONED), ("N. beantw.", ABANDONED),
     ("N.", OTHER), ("N. 5", OTHER), ("N/A", OTHER), ("No.", OTHER), ("N. Ver.", OTHER)],
)  # fmt: skip
def test_guard_n_dot_negates_only_an_answered_word(label, code):
    # 'N.' alone or before no outcome says nothing, nor 'N. Ver.' (verbunden or verloren).
    assert classify_label(label) == code
