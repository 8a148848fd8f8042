"""Outcome labels (English, Italian, vendor codes) mapped to answered / abandoned / other."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from data.outcomes import ABANDONED, ANSWERED, OTHER, classify_label, classify_outcomes


def test_outcome_labels_in_english_italian_and_vendor_codes():
    assert classify_label("AGENT") == classify_label("Risposta") == ANSWERED
    assert classify_label("HANG") == classify_label("Abbandonata") == ABANDONED
    assert classify_label("not answered") == ABANDONED
    assert classify_label("Resolved") == classify_label("Risolta") == ANSWERED
    assert classify_label("PHANTOM") == classify_label("transfer") == OTHER


def test_outcome_summary_counts_each_label():
    codes, summary = classify_outcomes(pa.array(["AGENT", "HANG", "AGENT", "PHANTOM"]))
    assert codes.tolist() == [ANSWERED, ABANDONED, ANSWERED, OTHER]
    assert summary == "AGENT -> answered (2), HANG -> abandoned (1), PHANTOM -> other (1)"


def test_transfers_are_answered_where_an_agent_here_handled_them():
    # An agent's transfer carries that agent's handle time; an IVR transfer carries none.
    values = pa.array(["Transferred", "Transferred", "TRASFERITA", "xfer", "answered"])
    handle = np.array([120.0, 0.0, np.nan, 30.0, 200.0])
    codes, summary = classify_outcomes(values, handle)
    assert codes.tolist() == [ANSWERED, OTHER, OTHER, ANSWERED, ANSWERED]
    assert "Transferred -> answered 1, other 1" in summary
    assert "that the contact was passed on" in summary
    # Without handle times a transfer says nothing about who served it.
    assert classify_outcomes(values)[0].tolist() == [OTHER, OTHER, OTHER, OTHER, ANSWERED]
