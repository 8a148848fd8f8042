"""Forecast probes: a lull between two periods of a day above the usual joins them by its length
against theirs, not by a fixed hour: Tech. Axa's bridge day before Victory Day stays one peak
whether Holt-Winters splits its days by the shape of 8 weeks or 12, while a lull longer than the
shorter of the two periods still splits them; Holt-Winters splits its days by the shape of 12
weeks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from data.importer import import_files
from forecasting import ForecastSettings, forecast_dataset
from forecasting.history import QueueHistory
from forecasting.peaks import describe_peak, find_peaks
from forecasting.registry import MODELS, make_model
from forecasting.top_down import HoltWintersTopDown, intraday_shares

ROOT = Path(__file__).resolve().parent.parent
TECH_AXA = ROOT.parent / "shared/data/axa/series/Tech. Axa.csv"


def _monday(forecast: list[float], usual: float = 100.0) -> pd.DataFrame:
    """Half hours of Monday 3 March 2025 from 09:00 with their forecast, each slot's usual
    `usual`."""
    return pd.DataFrame(
        {
            "interval_start": pd.date_range(
                "2025-03-03 09:00", periods=len(forecast), freq="30min"
            ),
            "queue": "phone",
            "forecast": np.asarray(forecast, dtype=float),
            "usual": usual,
        }
    )


# 1. A lull of an hour and a half inside a long surge split it into two peaks: a dip joined two
#    periods only when it lasted an hour or less, however long the periods around it.


def test_a_lull_no_longer_than_the_periods_around_it_joins_them():
    # 09:30-11:30 and 13:00-15:00 at +40% of a usual 100, 11:30-13:00 at +10%: a lull of
    # 1.5 h between two surges of 2 h. Before: two peaks of 160 extra contacts each.
    peaks = find_peaks(_monday([100] + [140] * 4 + [110] * 3 + [140] * 4 + [100]), 30)
    assert len(peaks) == 1
    peak = peaks.iloc[0]
    assert peak["extra_contacts"] == pytest.approx(350)  # 8 x 40 + 3 x 10
    assert peak["pct_above_usual"] == pytest.approx(100 * (1450 / 1100 - 1))  # 31.8%
    assert describe_peak(peak) == (
        "Mon 3 Mar 09:30–15:00: +32% over a usual Monday, ≈ 350 extra contacts "
        "(above the usual pattern)"
    )


def test_a_lull_longer_than_the_shorter_period_still_splits():
    # The same 1.5 h lull before a surge of 1 h: longer than it, a lull of its own. Joined,
    # the three would still stand +30% above their usual (1,170 on 900): the length alone
    # splits them.
    short_after = find_peaks(_monday([100] + [140] * 4 + [110] * 3 + [140] * 2 + [100]), 30)
    assert short_after["start"].dt.strftime("%H:%M").tolist() == ["09:30", "13:00"]
    assert short_after["extra_contacts"].tolist() == pytest.approx([160, 80])
    # A 2.5 h lull between two surges of 2 h: longer than either.
    long_lull = find_peaks(_monday([100] + [140] * 4 + [110] * 5 + [140] * 4 + [100]), 30)
    assert long_lull["start"].dt.strftime("%H:%M").tolist() == ["09:30", "14:00"]
    # An hour's lull joins whatever the periods' length: two 30-minute bursts read as one.
    bursts = find_peaks(_monday([100, 160, 110, 110, 160, 100]), 30)
    assert len(bursts) == 1 and bursts.iloc[0]["extra_contacts"] == pytest.approx(140)


@pytest.mark.parametrize(
    ("shape_weeks", "extra"),
    # 11:00-21:00: 2,583.8 forecast on a usual 2,095.5 with the 8-week split, 2,583.0 with the
    # 12-week one (2,581.8 and 2,581.0, 486 and 485, while each weekday's day total was
    # forecast at its median rather than its mean).
    [(8, 488), (12, 487)],
)
def test_tech_axas_bridge_day_is_one_peak_with_an_8_or_12_week_intraday_split(
    shared_data, monkeypatch, shape_weeks, extra
):
    # Forecast from Mon 7 May 2012. With the 12-week split, 18:30 falls to +19% (105 on a
    # usual 88) and 18:00 alone is under 1% of the day: 16:00-17:30 and 19:00-21:00 lie
    # 1.5 h apart, above the usual throughout. Before: 11:00-17:30 (≈ 359) and 19:00-21:00
    # (≈ 57), two peaks.
    class Split(HoltWintersTopDown):
        def _fit(self, history):
            super()._fit(history)
            self.shares_ = intraday_shares(history, shape_weeks)

    monkeypatch.setitem(MODELS, "holt_winters_top_down", Split)
    axa = import_files([TECH_AXA])
    result = forecast_dataset(axa, 14, ForecastSettings(country="FR", origin="2012-05-07"))
    monday = result.peaks[result.peaks["start"].dt.normalize() == pd.Timestamp("2012-05-07")]
    assert [describe_peak(peak) for _, peak in monday.iterrows()] == [
        f"Mon 7 May 11:00–21:00: +23% over a usual Monday, ≈ {extra} extra contacts "
        "(bridge day before Victory Day)"
    ]


# 2. Holt-Winters split its daily totals by the intraday shape of 8 weeks: a slot's Poisson noise
#    carried into the split. Over 12 weeks (recent weeks still weighted 0.85**k back) the bank's
#    auto interval WAPE over the last 8 / 12 / 16 origins is 0.1879 / 0.1921 / 0.2139, was
#    0.1880 / 0.1922 / 0.2141 (bench/forecast_accuracy.py).


def test_holt_winters_splits_its_days_by_the_shape_of_12_weeks():
    # Four weeks at 50:50, then eight at 80:20, 100 contacts a day. Over 8 weeks the first slot's
    # share is 0.8; over 12, weighted 0.85**k back, (0.8 x W8 + 0.5 x W4) / (W8 + W4) with
    # W8 = 0.85**0 + ... + 0.85**7 = 4.8501 and W4 = 0.85**8 + ... + 0.85**11 = 0.8683: 0.75445.
    share = np.r_[np.full(28, 0.5), np.full(56, 0.8)]
    values = 100.0 * np.stack([share, 1 - share], axis=1)
    history = QueueHistory("q", 720, pd.Timestamp("2024-01-01"), values, np.ones((7, 2), bool))
    weights = 0.85 ** np.arange(12)
    expected = (0.8 * weights[:8].sum() + 0.5 * weights[8:].sum()) / weights.sum()
    assert expected == pytest.approx(0.75445, abs=1e-5)
    forecast = make_model("holt_winters_top_down").fit(history).predict_days(7)
    np.testing.assert_allclose(forecast[:, 0] / forecast.sum(axis=1), expected, rtol=1e-9)
