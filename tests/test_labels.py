"""Label codes from dictionary-encoded or plain text columns, across chunks."""

from __future__ import annotations

import pyarrow as pa

from data.labels import label_codes


def test_chunks_with_different_dictionaries_share_one_label_list():
    first = pa.array(["phone", "chat ", "phone"]).dictionary_encode()
    second = pa.array(["email", "phone", None]).dictionary_encode()
    codes, labels = label_codes(pa.chunked_array([first, second]))
    assert labels == ["phone", "chat", "email", ""]
    assert [labels[code] for code in codes] == ["phone", "chat", "phone", "email", "phone", ""]


def test_plain_text_is_encoded_too():
    codes, labels = label_codes(pa.array(["a", "b", "a"]))
    assert labels == ["a", "b"] and codes.tolist() == [0, 1, 0]
