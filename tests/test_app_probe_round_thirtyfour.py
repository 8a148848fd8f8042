"""Round thirty-four of a manager's probe: the Data page's interval download is named by the
dataset and the history's first and last day, as the Forecast, Staffing and Shifts downloads are
named by their horizon's days; the backtest table's MASE, bias and coverage helps say what
their figures mean for the forecast in a manager's words. Driven on the pages' pure helpers and
one AppTest run on the sample."""

from __future__ import annotations

import numpy as np
import streamlit as st
from test_app_pages import assert_clean, open_app

from app_ui import tables
from forecasting.metrics import bias, mase, seasonal_naive_scale


def test_the_sample_read_through_the_data_and_forecast_pages(picco_home, monkeypatch):
    # st.download_button's file name is not in the element AppTest reads: kept on the way.
    names: list[str] = []
    original = st.download_button

    def record(label, data, file_name=None, *args, **kwargs):
        names.append(file_name)
        return original(label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", record)
    app = open_app()
    assert_clean(app)
    # The sample's history runs from Mon 25 Nov 2024 to Sun 22 Nov 2026. Before:
    # 'Sample_service_desk_intervals.csv', a later import's download under the same name.
    assert "intervals_Sample_service_desk_2024-11-25_to_2026-11-22.csv" in names
    assert "Sample_service_desk_intervals.csv" not in names


def test_the_backtest_helps_say_what_their_figures_mean_for_the_forecast():
    # Bias = sum(forecast - actual) / sum(actual) (forecasting.metrics.bias): 110 forecast for
    # 100 come reads +10%, the forecast too high.
    assert bias(np.array([100.0]), np.array([110.0])) > 0
    assert "above 0 the forecast was too high" in tables.COLUMNS["bias"].help
    # MASE (Hyndman & Koehler 2006): a history of weeks alternating 10 and 14 contacts gives a
    # copy of the week before an error of 4 each interval; a forecast off by 3 reads 0.75.
    history = np.array([10.0, 14.0, 10.0, 14.0])
    scale = seasonal_naive_scale(history, 1)
    assert scale == 4.0
    assert mase(np.array([12.0]), np.array([15.0]), scale) == 0.75
    assert tables.COLUMNS["mase"].help == (
        "Error per interval against that of copying the same interval a week earlier, through "
        "the history: below 1 beats that copy (0.75: a quarter less error), above 1 does worse."
    )
    # Before: 'Share of actual intervals inside the P10–P90 band; aim: 80%.', no word of which
    # way a miss goes.
    assert tables.COLUMNS["coverage_80"].help.endswith(
        "Above it the band is wider than it need be, below it too narrow."
    )
