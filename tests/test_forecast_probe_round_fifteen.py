"""Forecast probes: a queue shut for good beside one still counting, and a campaign on a bridge
day named in the day outlook."""

from __future__ import annotations

import holidays
import pandas as pd
import pytest

from forecasting import CAMPAIGN, ForecastEvent, ForecastSettings, forecast_dataset
from forecasting.peaks import day_outlook
from forecasting.synthetic import synthetic_intervals


def _two_queues(silent_weeks: int) -> pd.DataFrame:
    """Queues A and B, Mon-Fri 08:00-18:00 at 30 minutes, 14 weeks from Mon 2024-01-01, exported
    with zero rows; B brings no contact in its last `silent_weeks` weeks while A goes on."""
    a = synthetic_intervals(98, seed=13, level=20, queue="A", include_closed=True)
    b = synthetic_intervals(98, seed=14, level=8, queue="B", include_closed=True)
    silent = b["interval_start"] >= pd.Timestamp("2024-04-08") - pd.Timedelta(weeks=silent_weeks)
    b.loc[silent, "volume"] = 0.0
    return pd.concat([a, b], ignore_index=True)


def test_a_queue_silent_for_five_weeks_while_another_counts_is_forecast_closed():
    # B's rows go on, all zeros, for five weeks while A's count contacts: the export ran, so
    # B shut. It was read as an export cut short and forecast at its old level (1,725 contacts
    # in the two weeks, for a queue nobody calls any more).
    result = forecast_dataset(_two_queues(5), 14, ForecastSettings(country=None))
    totals = result.forecast.groupby("queue")["forecast"].sum()
    assert totals["B"] == 0.0
    assert totals["A"] == pytest.approx(2 * 2_080, rel=0.1)  # A untouched: 20 x 104 a week
    assert not result.forecast.loc[result.forecast["queue"] == "B", "is_open"].any()
    notes = " ".join(result.notes)
    assert "B: no contact at all in the last 4 weeks" in notes and "forecast at 0" in notes
    assert "export cut short" not in notes


def test_a_shorter_silence_beside_a_busy_queue_is_still_read_as_missing():
    # Two weeks are too short to call the queue shut: kept as data, the zeros would pull the
    # forecast part way down unsaid, so they stay missing (with the note) as before.
    result = forecast_dataset(_two_queues(2), 14, ForecastSettings(country=None))
    total = result.forecast.loc[result.forecast["queue"] == "B", "forecast"].sum()
    assert total == pytest.approx(1_663, rel=0.05)
    assert any(
        note.startswith("B: zero contacts from Mon 25 Mar to Fri 5 Apr 2024, where the weeks "
                        "before bring many on each of its 10 ordinary open days")
        for note in result.notes
    )  # fmt: skip


def test_a_queue_alone_silent_for_five_weeks_is_still_an_export_cut_short():
    # Nothing else in the data counted on those days: an export cut short is as likely.
    b = _two_queues(5).query("queue == 'B'")
    result = forecast_dataset(b, 14, ForecastSettings(country=None))
    assert result.forecast["forecast"].sum() == pytest.approx(1_725, rel=0.05)
    assert any("read as missing (an export cut short)" in note for note in result.notes)


def test_a_campaign_on_a_bridge_day_is_named_in_the_day_outlook():
    # IT desk closed on its holidays; a +50% campaign Wed 24 - Fri 26 Apr 2024, Friday being
    # the bridge after Liberation Day (Thu 25), which the history moves by about 1%. The
    # outlook said only "Bridge day after Liberation Day" for a day 55% above usual.
    closed = holidays.country_holidays("IT", years=range(2023, 2025))
    frame = synthetic_intervals(280, seed=11, level=20, start="2023-10-02")
    frame = frame[~frame["interval_start"].dt.date.isin(list(closed))]
    promo = ForecastEvent("promo", "2024-04-24", "2024-04-27", CAMPAIGN, uplift_pct=50)
    result = forecast_dataset(frame, 14, ForecastSettings(origin="2024-04-22", events=[promo]))
    days = result.days.set_index("date")
    friday = days.loc[pd.Timestamp("2024-04-26")]
    assert friday["vs_usual"] == pytest.approx(0.55, abs=0.05)
    assert friday["reason"] == "Bridge day after Liberation Day; campaign promo"
    assert days.loc[pd.Timestamp("2024-04-24"), "reason"] == "campaign promo"


def test_a_special_day_whose_cause_is_itself_is_named_once():
    frame = pd.DataFrame(
        {
            "interval_start": pd.to_datetime(["2024-04-26 09:00", "2024-04-26 09:30"]),
            "queue": "desk",
            "forecast": [12.0, 14.0],
            "p90": [17.0, 19.0],
            "is_open": True,
            "usual": [10.0, 10.0],
            "reason": ["bridge day after Liberation Day", ""],
            "special_day": ["Bridge day after Liberation Day"] * 2,
        }
    )
    assert day_outlook(frame)["reason"].tolist() == ["Bridge day after Liberation Day"]
