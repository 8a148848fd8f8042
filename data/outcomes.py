"""Map the outcome labels of contact records (English/Italian, vendor codes) to answered,
abandoned or other."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from data.labels import label_codes

OTHER, ANSWERED, ABANDONED = 0, 1, 2
_NAMES = {OTHER: "other", ANSWERED: "answered", ABANDONED: "abandoned"}

# Label prefixes, upper case. AGENT is the Anonymous Bank's code for a call an agent served;
# "Resolved" is a dialler disposition an agent set (Five9), so the call was answered.
_ANSWERED_PREFIXES = (
    "ANSW", "AGENT", "RISP", "HANDL", "GESTIT", "SERVED", "CONNECT", "ACCEPT", "COMPLET", "OK",
    "EVAS", "RESOLV", "RISOLT",
)  # fmt: skip
_ABANDONED_PREFIXES = (
    "ABAND", "ABBANDON", "HANG", "LOST", "PERS", "DROP", "MISSED", "NON RISP", "NOT ANSW",
    "UNANSW", "NO ANSW",
)  # fmt: skip


def classify_label(label: str) -> int:
    """ANSWERED, ABANDONED or OTHER for one outcome label.

    Anything unrecognised - e.g. the Anonymous Bank's PHANTOM records, which have no real caller
    behind them - is OTHER: it still counts as an arrival (the bank's own interval counts include
    it) but neither as answered nor as abandoned.
    """
    upper = label.strip().upper()
    if upper.startswith(_ABANDONED_PREFIXES):  # before answered: "NOT ANSWERED" is abandoned
        return ABANDONED
    if upper.startswith(_ANSWERED_PREFIXES):
        return ANSWERED
    return OTHER


def classify_outcomes(values: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, str]:
    """Per-row outcome codes (int8) and a summary like "AGENT -> answered (27,162), ..."."""
    indices, labels = label_codes(values)
    mapping = np.array([classify_label(label) for label in labels], dtype=np.int8)
    codes = mapping[indices] if len(labels) else np.zeros(len(indices), dtype=np.int8)
    counts = np.bincount(indices, minlength=len(labels))
    order = np.argsort(-counts, kind="stable")
    summary = ", ".join(
        f"{labels[i] or '(empty)'} -> {_NAMES[int(mapping[i])]} ({counts[i]:,})" for i in order[:8]
    )
    if len(labels) > 8:
        summary += f", and {len(labels) - 8} more label(s)"
    return codes, summary


# Yes/no cells of an "Abandoned" flag column; anything else is left as another outcome.
_TRUE_FLAGS = {"yes", "y", "true", "1", "si", "sì", "vero", "x"}
_FALSE_FLAGS = {"no", "n", "false", "0", "falso", ""}
FLAG_VALUES = _TRUE_FLAGS | _FALSE_FLAGS


def classify_abandoned_flags(values: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, str]:
    """Outcome codes from an "Abandoned: yes/no" column: yes is abandoned, no is answered."""
    indices, labels = label_codes(values)
    keys = [label.strip().lower() for label in labels]
    mapping = np.array(
        [ABANDONED if k in _TRUE_FLAGS else ANSWERED if k in _FALSE_FLAGS else OTHER for k in keys],
        dtype=np.int8,
    )
    codes = mapping[indices] if len(labels) else np.zeros(len(indices), dtype=np.int8)
    counted = np.bincount(codes, minlength=3)
    summary = f"abandoned {counted[ABANDONED]:,}, answered {counted[ANSWERED]:,}"
    return codes, summary
