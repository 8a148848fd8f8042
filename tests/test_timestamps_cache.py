"""Timestamp detection's shortcuts (a cheap weekday pre-check, a cache) change no answer."""

import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import given, settings
from hypothesis import strategies as st

from data import timestamps
from data.timestamps import DATE_FORMATS, DATETIME_FORMATS, clean_text, detect_format

WEEKDAY_LED = [
    "lun 04/03/2024 08:00",
    "Mon, 3/4/2024 8:08 AM",
    "Monday, February 19, 2024 08:30",
    "lunes, 3 de agosto de 2026 08:30",
    "Пн 04.03.2024 08:00",  # Cyrillic: outside the Latin-1 letters the month names use
    "śr. 06.03.2024 08:00",
    "Δευ 04/03/2024 08:00",
]


def test_weekday_names_in_any_script_still_go_before_the_date():
    cleaned = clean_text(pa.array(WEEKDAY_LED)).to_pylist()
    assert cleaned == [
        "04/03/2024 08:00",
        "3/4/2024 8:08 AM",
        "February 19, 2024 08:30",
        "3 de agosto de 2026 08:30",
        "04.03.2024 08:00",
        "06.03.2024 08:00",
        "04/03/2024 08:00",
    ]


# Values built from the pieces the weekday pattern looks at, so many of them match it.
_WORDS = ["lun", "Mon", "Пн", "Δευ", "śr", "ao", "x1", "a", "Sábado", "-", "12"]
_DATES = ["04/03/2024", "3 de agosto", "3. März", "März 3", "2024-03-04", "3", "12 ab", "x"]
_PIECES = _WORDS + _DATES + [".", ",", " ", "  ", "08:00"]
_TEXT = st.one_of(
    st.tuples(
        st.sampled_from(_WORDS),
        st.sampled_from(["", ".", ",", ".,"]),
        st.sampled_from(["", " ", "  "]),
        st.sampled_from(_DATES),
    ).map("".join),
    st.lists(st.sampled_from(_PIECES), max_size=6).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=5))
def test_the_weekday_pre_check_lets_through_every_value_the_weekday_pattern_matches(values):
    array = pa.array(values)
    full = pc.match_substring_regex(array, timestamps._WEEKDAY).to_pylist()
    cheap = pc.match_substring_regex(array, timestamps._MAYBE_WEEKDAY).to_pylist()
    assert all(quick for quick, exact in zip(cheap, full, strict=True) if exact)


def test_the_weekday_pre_check_passes_the_weekday_led_examples():
    assert all(
        pc.match_substring_regex(pa.array(WEEKDAY_LED), timestamps._MAYBE_WEEKDAY).to_pylist()
    )


def test_a_repeated_sample_is_detected_once_and_answers_the_same():
    timestamps._detect_format_cached.cache_clear()
    sample = ["03/08/2026 08:00", "03/08/2026 08:30", "04/08/2026 09:00"]
    first = detect_format(sample, DATETIME_FORMATS, 0.9)
    again = detect_format(list(sample), DATETIME_FORMATS, 0.9)
    assert first == again == "%d/%m/%Y %H:%M"
    assert timestamps._detect_format_cached.cache_info().hits == 1
    assert detect_format(sample, DATE_FORMATS) is None  # other formats: another answer


def test_a_long_sample_is_detected_without_the_cache():
    timestamps._detect_format_cached.cache_clear()
    sample = [f"2026-08-{day:02d} 08:00" for day in range(1, 29)] * 20  # 560 values
    assert detect_format(sample, DATETIME_FORMATS) == timestamps.ISO
    assert timestamps._detect_format_cached.cache_info().currsize == 0


def test_month_names_are_translated_once_for_every_month_format_and_still_read():
    sample = ["3. März 2026 08:30", "4. März 2026 09:00", "5 de agosto de 2026 10:15"]
    fmt = timestamps._detect_format(sample, DATETIME_FORMATS, 1.0)
    assert fmt is not None and ("%b" in fmt or "%B" in fmt)
    parsed = timestamps.parse_with_format(clean_text(pa.array(sample)), fmt).to_pylist()
    assert [str(value) for value in parsed] == [
        "2026-03-03 08:30:00",
        "2026-03-04 09:00:00",
        "2026-08-05 10:15:00",
    ]
