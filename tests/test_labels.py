"""Label codes from dictionary-encoded or plain text columns, across chunks; queue names from
file names."""

from __future__ import annotations

import pyarrow as pa
import pytest

from data.labels import label_codes, queue_from_file_name


def test_chunks_with_different_dictionaries_share_one_label_list():
    first = pa.array(["phone", "chat ", "phone"]).dictionary_encode()
    second = pa.array(["email", "phone", None]).dictionary_encode()
    codes, labels = label_codes(pa.chunked_array([first, second]))
    assert labels == ["phone", "chat", "email", ""]
    assert [labels[code] for code in codes] == ["phone", "chat", "phone", "email", "phone", ""]


def test_plain_text_is_encoded_too():
    codes, labels = label_codes(pa.array(["a", "b", "a"]))
    assert labels == ["a", "b"] and codes.tolist() == [0, 1, 0]


@pytest.mark.parametrize(
    ("file_name", "queue"),
    [
        ("calls_2024-03.csv", "calls"),
        ("Vendite marzo 2024.xlsx", "Vendite"),
        ("assistenza_20240301_20240331.csv", "assistenza"),
        ("calls_2024-03-01_to_2024-03-31.csv", "calls"),
        ("Vendite dal 01-03-2024 al 31-03-2024.csv", "Vendite"),
        ("Help Desk March 2024 export.csv", "Help Desk export"),
        ("help_desk_week12.csv", "help_desk"),
        ("Support 01-03-2024.csv", "Support"),
        ("anonymous_bank_1999_6min_counts.csv", "anonymous_bank_6min_counts"),
        ("february_1999.txt", "all"),  # nothing but a period: the whole center
        ("2024-03.csv", "all"),
        # no date: the name exactly as written
        ("Gestion - Accueil Telephonique.csv", "Gestion - Accueil Telephonique"),
        ("Tech. Axa.csv", "Tech. Axa"),
        ("maria.csv", "maria"),  # "mar" inside a word is not March
        ("sales_v2.csv", "sales_v2"),
    ],
)
def test_queue_from_file_name_drops_the_period(file_name, queue):
    assert queue_from_file_name(file_name) == queue
