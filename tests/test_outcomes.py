"""Outcome labels (English, Italian, vendor codes) mapped to answered / abandoned / other."""

from __future__ import annotations

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
