"""Round thirty-four of a manager's probe: the Data page's interval download is named by the
dataset and the history's first and last day, as the Forecast, Staffing and Shifts downloads are
named by their horizon's days. Driven on one AppTest run on the sample."""

from __future__ import annotations

import streamlit as st
from test_app_pages import assert_clean, open_app


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
