"""Label codes from dictionary-encoded or plain text columns, across chunks; queue names from
file names."""

from __future__ import annotations

import pyarrow as pa
import pytest

from data import schema
from data.importer import import_files
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


def test_labels_no_row_uses_any_more_are_dropped():
    column = pa.array(["sales", "care", "sales", None, "retention"]).dictionary_encode()
    kept = column.filter(pa.array([False, True, False, True, True]))  # keeps its dictionary
    codes, labels = label_codes(kept)
    assert labels == ["care", "retention", ""]
    assert [labels[code] for code in codes] == ["care", "", "retention"]


def test_a_campaign_of_outbound_calls_only_is_no_queue(tmp_path):
    lines = ["time,campaign,call type"]
    for day in range(1, 29):
        for hour in range(9, 17):
            lines.append(f"2026-02-{day:02d} {hour:02d}:10,Care,Inbound")
            lines.append(f"2026-02-{day:02d} {hour:02d}:40,Outbound Sales,Outbound")
    path = tmp_path / "calls.csv"
    path.write_text("\n".join(lines) + "\n")
    dataset = import_files([path])
    assert dataset.queues == ["Care"]
    assert dataset.intervals["volume"].sum() == 28 * 8
    assert any("224 row(s) with 'call type' = Outbound left out" in note for note in dataset.notes)


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
        (
            "anonymous_bank_1999_6min_counts.csv",
            "anonymous_bank_1999_6min_counts",
        ),  # a year between words stays
        ("february_1999.txt", "all"),  # nothing but a period: the whole center
        ("2024-03.csv", "all"),
        # no date: the name exactly as written
        ("Gestion - Accueil Telephonique.csv", "Gestion - Accueil Telephonique"),
        ("Tech. Axa.csv", "Tech. Axa"),
        ("maria.csv", "maria"),  # "mar" inside a word is not March
        ("sales_v2.csv", "sales_v2"),
        # a month and its year run together, as report schedulers name monthly files
        ("48_sales_calls_Mar24.csv", "48_sales_calls"),
        ("48_sales_calls_Apr24.csv", "48_sales_calls"),
        ("sales_Mar2024.csv", "sales"),
        ("Vendite marzo2024.xlsx", "Vendite"),
        ("calls Mar-24.csv", "calls"),
        ("assistenza_03-2024.csv", "assistenza"),
        # words that merely start with a month stay
        ("Marketing.csv", "Marketing"),
        ("Maggiore_calls.csv", "Maggiore_calls"),
        ("Marketing_Mar24.csv", "Marketing"),
    ],
)
def test_queue_from_file_name_drops_the_period(file_name, queue):
    assert queue_from_file_name(file_name) == queue


@pytest.mark.parametrize(
    ("file_name", "queue"),
    [
        ("39_Queue Report (1).csv", "39_Queue Report"),
        ("39_Queue Report (2).csv", "39_Queue Report"),
        ("calls(3).csv", "calls"),
        ("Vendite marzo 2024 (1).xlsx", "Vendite"),
        ("(1).csv", "(1)"),  # nothing else to name the queue by
    ],
)
def test_queue_from_file_name_drops_a_browsers_copy_number(file_name, queue):
    assert queue_from_file_name(file_name) == queue


def test_monthly_downloads_of_one_queue_join_into_one_history(tmp_path):
    march = tmp_path / "sales_calls_Mar24 (1).csv"
    april = tmp_path / "sales_calls_Apr24 (1).csv"
    march.write_text("Date,Interval,Calls Offered\n2024-03-04,08:00,6\n2024-03-04,08:30,18\n")
    april.write_text("Date,Interval,Calls Offered\n2024-04-01,08:00,9\n2024-04-01,08:30,10\n")
    dataset = import_files([march, april])
    assert dataset.queues == ["sales_calls"]
    assert dataset.intervals[schema.VOLUME].sum() == 6 + 18 + 9 + 10
