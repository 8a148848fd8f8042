"""Round thirty of a manager's probe: the backtest table's fit times read in milliseconds, so
a fast model's 0.4 ms no longer reads 0.0 s.
Driven headless with AppTest on the sample, and on the pages' pure helpers."""

from __future__ import annotations

import pandas as pd

from app_ui import tables

# ------------------------------------------------- Forecast: fit times that say something


def test_the_backtest_tables_fit_times_read_in_milliseconds():
    # The sample's phone queue fits its 4-week average in 0.000387 s and its seasonal naive in
    # 0.001745 s per backtest week: both read 0.0 under "Fit time (s)" at one decimal.
    backtest = pd.DataFrame(
        {"model": ["mean4", "seasonal_naive"], "fit_seconds": [0.000387, 0.001745]}
    )
    column = tables.column_for("fit_seconds")
    assert column.label == "Fit time (ms)"
    assert tables.NUMBER_FORMATS[column.kind] == "%,.1f"
    shown = tables.display_frame(backtest)["fit_seconds"]
    assert [f"{value:,.1f}" for value in shown] == ["0.4", "1.7"]
    # A slow model's 2.5 s reads 2,500.0 ms; a download keeps fit_seconds in seconds.
    assert (
        tables.display_frame(pd.DataFrame({"fit_seconds": [2.5]}))["fit_seconds"].item() == 2500.0
    )
