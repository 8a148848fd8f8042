"""Downloads: floats rounded to a readable number of decimals, everything else as it is."""

import io

import pandas as pd

from app_ui.downloads import to_csv_bytes, to_excel_bytes


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "interval_start": [pd.Timestamp("2026-11-23 08:00")],
            "queue": ["phone"],
            "forecast": [907.2840803084948],
            "vs_usual": [-0.033333333],
            "agents": [12],
        }
    )


def test_csv_keeps_four_decimals_and_leaves_times_texts_and_counts_alone():
    assert to_csv_bytes(frame()).decode() == (
        "interval_start,queue,forecast,vs_usual,agents\n"
        "2026-11-23 08:00:00,phone,907.2841,-0.0333,12\n"
    )


def test_excel_holds_the_same_rounded_values():
    read = pd.read_excel(io.BytesIO(to_excel_bytes(frame(), "forecast")), engine="openpyxl")
    assert read.loc[0, "forecast"] == 907.2841
    assert read.loc[0, "vs_usual"] == -0.0333
    assert read.loc[0, "interval_start"] == pd.Timestamp("2026-11-23 08:00")
