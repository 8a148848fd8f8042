"""Label codes from dictionary-encoded or plain text columns, across chunks."""

from __future__ import annotations

import pyarrow as pa

from data.labels import label_codes
from data.outcomes import ABANDONED, ANSWERED, OTHER, classify_label, classify_outcomes


def test_chunks_with_different_dictionaries_share_one_label_list():
    first = pa.array(["phone", "chat ", "phone"]).dictionary_encode()
    second = pa.array(["email", "phone", None]).dictionary_encode()
    codes, labels = label_codes(pa.chunked_array([first, second]))
    assert labels == ["phone", "chat", "email", ""]
    assert [labels[code] for code in codes] == ["phone", "chat", "phone", "email", "phone", ""]


def test_plain_text_is_encoded_too():
    codes, labels = label_codes(pa.array(["a", "b", "a"]))
    assert labels == ["a", "b"] and codes.tolist() == [0, 1, 0]


def test_outcome_labels_in_english_italian_and_vendor_codes():
    assert classify_label("AGENT") == classify_label("Risposta") == ANSWERED
    assert classify_label("HANG") == classify_label("Abbandonata") == ABANDONED
    assert classify_label("not answered") == ABANDONED
    assert classify_label("PHANTOM") == classify_label("transfer") == OTHER


def test_outcome_summary_counts_each_label():
    codes, summary = classify_outcomes(pa.array(["AGENT", "HANG", "AGENT", "PHANTOM"]))
    assert codes.tolist() == [ANSWERED, ABANDONED, ANSWERED, OTHER]
    assert summary == "AGENT -> answered (2), HANG -> abandoned (1), PHANTOM -> other (1)"
