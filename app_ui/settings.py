"""Widget keys, their defaults, and the package settings the pages build from them."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pandas as pd
import streamlit as st
from holidays.registry import COUNTRIES

from app_ui import cached, state
from data.schema import INTERVAL_START
from forecasting.events import CAMPAIGN, EXCLUDE, ForecastEvent
from forecasting.registry import MODELS
from forecasting.settings import AUTO, ForecastSettings

NO_CALENDAR = "(none)"
NO_REGION = "(whole country)"
MODEL_CHOICES = [AUTO, *MODELS]
# Forecast widgets (keys and first values); the date ranges depend on the dataset.
FORECAST_DEFAULTS: dict[str, Any] = {
    "horizon_days": 14,
    "forecast_model": AUTO,
    "holiday_country": "IT",
    "holiday_subdivision": NO_REGION,
    "exclude_enabled": False,
    "campaign_enabled": False,
    "campaign_uplift_pct": 20.0,
}


def country_label(code: str) -> str:
    if code == NO_CALENDAR:
        return "No holiday calendar"
    names = {alpha2: re.sub(r"(?<=[a-z])(?=[A-Z])", " ", cls) for cls, alpha2, *_ in COUNTRIES.values()}
    return f"{code} — {names.get(code, code)}"


def country_codes() -> list[str]:
    return [NO_CALENDAR, *sorted(alpha2 for _, alpha2, *_ in COUNTRIES.values())]


def region_codes(country: str) -> list[str]:
    import holidays

    if country == NO_CALENDAR:
        return [NO_REGION]
    return [NO_REGION, *holidays.country_holidays(country).subdivisions]


def seed_forecast(current: state.CurrentDataset) -> None:
    """First values for the forecast widgets; the event dates start near the data's end."""
    state.seed(FORECAST_DEFAULTS)
    state.bind_to_dataset("queue", "exclude_dates", "campaign_dates")
    state.seed({"queue": current.dataset.queues[0]})
    state.valid_choice("queue", current.dataset.queues)


def event_date_defaults(current: state.CurrentDataset) -> dict[str, tuple[date, date]]:
    """Where the event date pickers start: a past week to exclude, a week ahead to boost."""
    last_day = pd.Timestamp(current.dataset.intervals[INTERVAL_START].max()).date()
    return {
        "exclude_dates": (last_day - timedelta(days=34), last_day - timedelta(days=28)),
        "campaign_dates": (last_day + timedelta(days=8), last_day + timedelta(days=14)),
    }


def _day_after(day: date) -> pd.Timestamp:
    return pd.Timestamp(day) + pd.Timedelta(days=1)


def _events() -> list[ForecastEvent]:
    events = []
    session = st.session_state
    dates = session.get("exclude_dates") or ()
    if session.get("exclude_enabled") and len(dates) == 2:
        events.append(
            ForecastEvent("Excluded period", pd.Timestamp(dates[0]), _day_after(dates[1]), EXCLUDE)
        )
    dates = session.get("campaign_dates") or ()
    if session.get("campaign_enabled") and len(dates) == 2:
        events.append(
            ForecastEvent(
                "Planned campaign", pd.Timestamp(dates[0]), _day_after(dates[1]), CAMPAIGN,
                uplift_pct=float(session.get("campaign_uplift_pct", 0.0)),
            )  # fmt: skip
        )
    return events


def forecast_settings() -> ForecastSettings:
    session = st.session_state
    country = session.get("holiday_country", "IT")
    region = session.get("holiday_subdivision", NO_REGION)
    return ForecastSettings(
        model=session.get("forecast_model", AUTO),
        country=None if country == NO_CALENDAR else country,
        subdivision=None if region == NO_REGION else region,
        events=_events(),
    )


def forecast_key(current: state.CurrentDataset) -> str:
    """Identifies a forecast: the data, the settings and the horizon."""
    return f"{current.token}|{int(st.session_state['horizon_days'])}|{forecast_settings()!r}"


def current_forecast(current: state.CurrentDataset):
    """The forecast for the current dataset and forecast widgets (fitted once, then cached)."""
    seed_forecast(current)
    settings = forecast_settings()
    return cached.forecast(
        current.token, repr(settings), int(st.session_state["horizon_days"]), current.dataset,
        settings,
    )  # fmt: skip
