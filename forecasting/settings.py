"""Every forecasting knob in one dataclass, with the defaults the app and CLI start from."""

from __future__ import annotations

import numbers
from dataclasses import dataclass, field

import pandas as pd

from data.errors import InputError
from forecasting.events import ForecastEvent

AUTO = "auto"
# The longest horizon the app and the CLI forecast, about a quarter: further ahead, a forecast
# from weeks of history only repeats its last weeks.
MAX_HORIZON_DAYS = 92
# A country that turns the holiday calendar off.
NO_CALENDAR_NAMES = ("", "none")


def check_horizon_days(days: int) -> int:
    """`days` as a horizon the forecast takes: whole days from 1 to MAX_HORIZON_DAYS (a longer
    one would only repeat the last weeks, a fraction leaves part of a day unforecast)."""
    whole = isinstance(days, numbers.Integral) and not isinstance(days, bool)
    if not whole or not 1 <= int(days) <= MAX_HORIZON_DAYS:
        raise InputError(
            f"Horizon must be a whole number of days from 1 to {MAX_HORIZON_DAYS} (got {days})."
        )
    return int(days)


@dataclass
class ForecastSettings:
    """How to forecast: model choice, calendar, events, backtest layout, peak rules."""

    model: str = AUTO  # "auto" (picked per queue by backtest: select.pick_model) or a model name
    country: str | None = "IT"  # holiday calendar (ISO code of the `holidays` package), None = off
    subdivision: str | None = None  # region/province code within the country
    events: list[ForecastEvent] = field(default_factory=list)
    queues: tuple[str, ...] | None = None  # forecast only these queues (None = every queue)
    origin: pd.Timestamp | str | None = None  # cut the history here (forecast starts at it)
    horizon_days: int = 14  # backtest horizon (forecast_dataset takes its own horizon argument)
    n_origins: int = 4  # rolling origins a backtest evaluates (selection uses earlier ones too)
    step_days: int = 7  # days between rolling origins
    selection_origins: int = 4  # how many earlier origins pick the model and calibrate intervals
    candidates: tuple[str, ...] | None = None  # models auto may pick from (None = defaults)
    extra_models: tuple[str, ...] = ()  # backtest these too, beside auto's candidates
    clean_outliers: bool = True  # leave detected outliers out of training (always reported)
    interval_coverage: float = 0.8  # the P10-P90 band is calibrated to cover this share
    peak_threshold_pct: float = 20.0  # flag forecasts this far above the usual weekday x slot
    peak_min_contacts: float = 1.0  # ... and at least this many extra contacts per interval
    # ... and by this many sqrt(usual) per interval and sqrt(forecast) per period (Poisson noise)
    peak_noise_sigmas: float = 2.0
    peak_min_day_share_pct: float = 1.0  # a period's extra contacts >= this % of its day's
    peak_volume_threshold: float | None = None  # manager-set absolute contacts per interval
    usual_weeks: int = 8  # "usual" = same weekday x slot median over this many weeks

    def __post_init__(self) -> None:
        # 'none' turns the calendar off, as the CLI's --country none and the unknown-country
        # message ask (before, the API looked 'none' up as a country and refused it).
        if isinstance(self.country, str) and self.country.strip().lower() in NO_CALENDAR_NAMES:
            self.country = None
