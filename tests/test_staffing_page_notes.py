"""Notes the Staffing and Forecast pages add: days of the horizon already past, abandonment that
meets the target by itself, and download names that say their queue."""

from __future__ import annotations

from datetime import date

import pandas as pd

from app_ui import downloads, settings


def slots(first: str, days: int) -> pd.Series:
    return pd.Series(pd.date_range(first, periods=days * 4, freq="6h"))


def test_no_note_when_the_horizon_starts_today_or_later():
    assert settings.past_days_note(slots("2026-12-01", 14), today=date(2026, 12, 1)) is None


def test_the_days_already_past_are_counted_and_named():
    note = settings.past_days_note(
        slots("2026-11-23", 14), counted="agents and cost", today=date(2026, 12, 1)
    )
    assert note == (
        "The forecast starts right after the history, on Mon 23 Nov: its first 8 days, up to "
        "Mon 30 Nov, are already past, and their agents and cost are counted in the totals. "
        "Import your latest contacts to plan from today."
    )


def test_one_day_already_past_is_said_in_the_singular():
    note = settings.past_days_note(slots("2026-11-30", 14), today=date(2026, 12, 1))
    assert note is not None and note.startswith(
        "The forecast starts right after the history, on Mon 30 Nov: its first day, Mon 30 Nov, "
        "is already past."
    )


def test_a_horizon_wholly_past_says_so():
    note = settings.past_days_note(slots("2026-10-01", 7), today=date(2026, 12, 1))
    assert note is not None and note.startswith(
        "The whole horizon (Thu 1 Oct – Wed 7 Oct 2026) is already past"
    )


def test_abandonment_above_ten_percent_is_a_warning():
    assert settings.abandonment_warning(None, 0.8) is None
    assert settings.abandonment_warning(0.1, 0.8) is None
    warning = settings.abandonment_warning(0.156, 0.844)
    assert warning is not None and warning.startswith(
        "15.6% of the contacts are expected to give up before an answer: the service level of "
        "84.4% is reached partly because they leave the queue."
    )


def test_download_names_carry_the_queue():
    assert downloads.file_stem("staffing_plan", "Billing EN") == "staffing_plan_Billing_EN"
    assert downloads.file_stem("staffing_plan", "Sales / Chat") == "staffing_plan_Sales_Chat"
    assert downloads.file_stem("staffing_plan", "Assistenza più") == "staffing_plan_Assistenza_più"
    assert downloads.file_stem("staffing_plan", "///") == "staffing_plan"
