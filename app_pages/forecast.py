"""Forecast page: settings, the forecast with its P10–P90 band, the model choice and the peaks."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_ui import downloads, plots, settings, state
from data.errors import InputError
from data.schema import INTERVAL_START, QUEUE

HISTORY_TAIL_DAYS = 14

st.title("Forecast")
current = state.current()
settings.seed_forecast(current)
st.caption(f"Dataset: **{current.name}** · {current.dataset.interval_minutes}-minute intervals")

top = st.columns([2, 1, 2, 2, 2])
top[0].selectbox("Queue", current.dataset.queues, key="queue", persist_state="session")
top[1].number_input(
    "Horizon (days)", min_value=1, max_value=92, step=1, key="horizon_days",
    persist_state="session",
)  # fmt: skip
top[2].selectbox(
    "Model", settings.MODEL_CHOICES, key="forecast_model", persist_state="session",
    help="auto: the model with the lowest backtest error (WAPE) on recent weeks, per queue.",
)  # fmt: skip
top[3].selectbox(
    "Holiday calendar (country)", settings.country_codes(), key="holiday_country",
    format_func=settings.country_label, persist_state="session",
)  # fmt: skip
regions = settings.region_codes(st.session_state["holiday_country"])
state.valid_choice("holiday_subdivision", regions)
top[4].selectbox(
    "Region / province", regions, key="holiday_subdivision", persist_state="session"
)

event_dates = settings.event_date_defaults(current)
with st.expander("Events: leave out an unusual past period, add a planned campaign"):
    left, right = st.columns(2)
    left.checkbox(
        "Exclude a past period from training (e.g. a surge week)", key="exclude_enabled",
        persist_state="session",
    )  # fmt: skip
    left.date_input(
        "Period to exclude (first and last day)", value=event_dates["exclude_dates"],
        key="exclude_dates", persist_state="session",
    )  # fmt: skip
    right.checkbox("Add a planned campaign", key="campaign_enabled", persist_state="session")
    right.date_input(
        "Campaign days (first and last day)", value=event_dates["campaign_dates"],
        key="campaign_dates", persist_state="session",
    )  # fmt: skip
    right.number_input(
        "Campaign uplift (%)", min_value=-100.0, max_value=1000.0, step=5.0,
        key="campaign_uplift_pct", persist_state="session",
    )  # fmt: skip

try:
    result = settings.current_forecast(current)
except InputError as error:
    st.error(str(error))
    st.stop()

queue = st.session_state["queue"]
forecast = result.forecast
history = current.dataset.intervals
tail_start = history[INTERVAL_START].max() - pd.Timedelta(days=HISTORY_TAIL_DAYS)
peaks = settings.peaks_of(result, queue)
st.plotly_chart(
    plots.forecast_chart(history[history[INTERVAL_START] > tail_start], forecast, peaks, queue),
    key="forecast_chart",
)

ahead = forecast[forecast[QUEUE] == queue]
figures = st.columns(4)
figures[0].metric("Forecast contacts", f"{ahead['forecast'].sum():,.0f}", border=True)
figures[1].metric(
    "P10 – P90 of the busiest interval",
    f"{ahead['p10'].max():,.0f} – {ahead['p90'].max():,.0f}",
    border=True,
)
figures[2].metric("Model used", str(result.chosen_models.get(queue, "—")), border=True)
figures[3].metric("Peaks found", f"{len(peaks)}", border=True)

st.subheader("Peaks")
if peaks.empty:
    st.info("No interval of this forecast stands out from a usual week.")
else:
    st.markdown("\n".join(f"- {sentence}" for sentence in settings.peak_sentences(peaks)))

st.subheader("Why this model")
st.caption(
    "Rolling-origin backtest on the most recent weeks: the lowest error (WAPE) wins when the "
    "model is auto."
)
backtest = settings.backtest_of(result, queue)
st.dataframe(backtest, hide_index=True, key="backtest_table")

st.subheader("Downloads")
downloads.download_table(forecast, "forecast", "Forecast, all queues", key="download_forecast")
downloads.download_table(result.peaks, "peaks", "Peaks", key="download_peaks")
downloads.download_table(result.backtest, "backtest", "Backtest", key="download_backtest")
