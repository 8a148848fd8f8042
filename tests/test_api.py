"""forecast_dataset / backtest_dataset end to end on seeded synthetic business-hours data (and\none real small queue)."""

import holidays
import numpy as np
import pandas as pd
import pytest

from data.columns import ImportOptions
from data.dates import day_text
from data.errors import InputError
from data.importer import import_files
from forecasting import (
    CAMPAIGN,
    EXCLUDE,
    ForecastEvent,
    ForecastSettings,
    backtest_dataset,
    flag_peaks,
    forecast_dataset,
)
from forecasting.accuracy import model_row
from forecasting.api import held_out_dispersions
from forecasting.backtest import BacktestRuns
from forecasting.intervals import band_coverage, calibrate_dispersion
from forecasting.peaks import REASON
from forecasting.synthetic import synthetic_intervals
from staffing.plan import plan_staffing

FAST = ("seasonal_naive", "historical_average_4w", "weighted_profile", "relevelled_profile")


@pytest.fixture(scope="module")
def history() -> pd.DataFrame:
    # 2024-01-01 .. 2024-04-21 (Sunday): Mon-Fri 08:00-18:00 at 30 minutes, weekends absent.
    return synthetic_intervals(7 * 16, seed=11, level=40)


def settings(**changes) -> ForecastSettings:
    base = {"candidates": FAST, "n_origins": 2, "country": "IT"}
    return ForecastSettings(**(base | changes))


@pytest.fixture(scope="module")
def week_forecast(history):
    """The history's 7-day forecast with the Italian calendar, which several tests read."""
    return forecast_dataset(history, 7, settings())


@pytest.fixture(scope="module")
def week_forecast_without_calendar(history):
    """The same without a holiday calendar."""
    return forecast_dataset(history, 7, settings(country=None))


def test_every_slot_of_the_horizon_closed_ones_zero(history):
    result = forecast_dataset(history, 14, settings())
    forecast = result.forecast
    assert list(forecast.columns) == [
        "interval_start",
        "queue",
        "forecast",
        "p10",
        "p50",
        "p80",
        "p90",
        "is_open",
    ]
    assert len(forecast) == 14 * 48
    # the export ends Friday 17:30 and nothing is ever open later on a Friday: the horizon
    # starts at the next midnight
    assert forecast["interval_start"].iloc[0] == pd.Timestamp("2024-04-20")
    closed = forecast[~forecast["is_open"]]
    assert len(closed) == 14 * 48 - 10 * 20  # ten weekdays x 20 open slots
    assert (closed[["forecast", "p10", "p50", "p80", "p90"]] == 0).all().all()
    open_ = forecast[forecast["is_open"]]
    assert (open_["p10"] <= open_["p50"]).all() and (open_["p50"] <= open_["p90"]).all()
    assert result.chosen_models["desk"] in FAST
    assert set(result.backtest["model"]) == set(FAST)


def test_holiday_in_horizon_is_low_and_day_after_is_labelled(
    week_forecast, week_forecast_without_calendar
):
    # 25 April 2024 (Thursday) is a holiday in Italy; the history's holidays (1 Jan, Easter
    # Monday 1 Apr) carried normal volume in this synthetic data, so only the ratio learned
    # from them applies: check against the same forecast without a holiday calendar.
    with_holidays, without = week_forecast, week_forecast_without_calendar
    day = with_holidays.forecast["interval_start"].dt.normalize() == pd.Timestamp("2024-04-25")
    ratio = (
        with_holidays.forecast.loc[day, "forecast"].sum()
        / without.forecast.loc[day, "forecast"].sum()
    )
    assert ratio == pytest.approx(1.0, abs=0.25)  # learned from normal-looking past holidays


def test_learned_holiday_closure_is_applied(history):
    frame = history.copy()
    days = frame["interval_start"].dt.normalize()
    frame.loc[days.isin(pd.to_datetime(["2024-01-01", "2024-04-01"])), "volume"] = 0.0
    result = forecast_dataset(frame, 7, settings())
    day = result.forecast["interval_start"].dt.normalize() == pd.Timestamp("2024-04-25")
    assert result.forecast.loc[day, "forecast"].sum() == 0
    # ... and the day is shut, so staffing puts nobody there (not the minimum of an open slot).
    assert not result.forecast.loc[day, "is_open"].any()
    assert result.forecast.loc[~day & result.forecast["is_open"], "forecast"].sum() > 0
    plan = plan_staffing(result.forecast, 30)
    on_holiday = plan["interval_start"].dt.normalize() == pd.Timestamp("2024-04-25")
    assert plan.loc[on_holiday, "agents"].sum() == 0 and plan.loc[on_holiday, "cost"].sum() == 0
    assert plan.loc[~on_holiday, "agents"].sum() > 0


def test_year_end_eves_learned_from_last_year_lower_this_years():
    # 2024-10-07 .. 2025-12-19; Christmas Eve and New Year's Eve 2024 (Tuesdays) ran at half volume.
    frame = synthetic_intervals(439, seed=12, level=40, start="2024-10-07")
    days = frame["interval_start"].dt.normalize()
    frame.loc[days.isin(pd.to_datetime(["2024-12-24", "2024-12-31"])), "volume"] *= 0.5
    result = forecast_dataset(frame, 14, settings())
    with_eves = result.forecast
    plain = forecast_dataset(frame, 14, settings(country=None)).forecast

    def day_ratio(day: str) -> float:
        on = with_eves["interval_start"].dt.normalize() == pd.Timestamp(day)
        return with_eves.loc[on, "forecast"].sum() / plain.loc[on, "forecast"].sum()

    assert day_ratio("2025-12-24") == pytest.approx(0.5, abs=0.1)
    assert day_ratio("2025-12-31") == pytest.approx(0.5, abs=0.1)
    assert day_ratio("2025-12-23") == pytest.approx(1.0, abs=0.15)  # an ordinary Tuesday
    # The special days of the horizon, named, with the effect applied and its evidence.
    special = result.special_days.set_index("special_day")
    assert list(special.index) == [
        "Christmas Eve",
        "Christmas Day",
        "Saint Stephen's Day",
        "Between Christmas and New Year",  # Monday 29th and Tuesday 30th
        "Between Christmas and New Year",
        "New Year's Eve",
        "New Year's Day",
        "Bridge day after New Year's Day",  # Friday 2 January 2026, before a closed weekend
    ]
    eve = special.loc["New Year's Eve"]
    assert eve["effect"] == pytest.approx(0.5, abs=0.1) and eve["learned_from_days"] == 2
    assert eve["date"] == pd.Timestamp("2025-12-31")
    on = with_eves["interval_start"].dt.normalize() == eve["date"]
    assert eve["forecast_contacts"] == pytest.approx(with_eves.loc[on, "forecast"].sum())


def test_a_quiet_week_between_christmas_and_new_year_does_not_lower_january():
    # 2024-10-07 .. 2025-12-31; the working days between Christmas and New Year's Eve run at
    # 40% both years, as in many offices.
    frame = synthetic_intervals(451, seed=12, level=40, start="2024-10-07")
    days = frame["interval_start"].dt.normalize()
    quiet = days.dt.month.eq(12) & days.dt.day.between(27, 30)
    frame.loc[quiet, "volume"] = (frame.loc[quiet, "volume"] * 0.4).round()
    result = forecast_dataset(frame, 21, settings())
    forecast = result.forecast
    totals = forecast.groupby(forecast["interval_start"].dt.normalize())["forecast"].sum()
    november = frame[days.between("2025-11-03", "2025-11-28")]
    usual = november.groupby(november["interval_start"].dt.day_of_week)["volume"].sum() / 4
    mid_january = totals["2026-01-12":"2026-01-16"]
    ratios = mid_january.to_numpy() / usual.loc[mid_january.index.day_of_week].to_numpy()
    assert ratios == pytest.approx(np.ones(5), abs=0.12)


def test_a_holiday_the_desk_works_is_forecast_at_its_own_level():
    # 2022-2025: IT holidays at 10% of a usual day, except Liberation Day (25 April), worked
    # at 90% every year. Friday 25 April 2025 is forecast near 90% of a usual Friday.
    frame = synthetic_intervals(7 * 172, seed=8, level=40, start="2022-01-03")
    days = frame["interval_start"].dt.normalize()
    for day, name in holidays.country_holidays("IT", years=range(2022, 2026)).items():
        factor = 0.9 if name == "Liberation Day" else 0.1
        frame.loc[days == pd.Timestamp(day), "volume"] *= factor
    result = forecast_dataset(frame, 7, settings(origin="2025-04-21"))
    special = result.special_days.set_index("special_day")
    liberation = special.loc["Liberation Day"]
    assert liberation["effect"] == pytest.approx(0.9, abs=0.1)
    assert liberation["learned_from_days"] == 3
    assert liberation["learned_from"] == "Liberation Day in past years, weighed with all holidays"
    assert special.loc["Easter Monday", "effect"] == pytest.approx(0.1, abs=0.05)
    # 0.8 (Friday) x 40 x 20 open half-hours x 0.9
    assert liberation["forecast_contacts"] == pytest.approx(0.8 * 40 * 20 * 0.9, rel=0.12)


def test_a_desk_closed_on_bridge_days_is_forecast_closed_on_the_next_one():
    # 2022-2024, IT, weekends closed: the desk never opened on a bridge day (no rows, as in a
    # per-contact export) - Fri 2022-01-07, 2022-06-03 and 2022-12-09 after a holiday. Friday
    # 26 April 2024, between Liberation Day and the weekend, is forecast closed, and what the
    # long weekend held back is looked for on Monday 29th.
    frame = synthetic_intervals(7 * 125, seed=3, level=40, start="2022-01-03")
    days = frame["interval_start"].dt.normalize()
    bridges = pd.to_datetime(
        ["2022-01-07", "2022-06-03", "2022-10-31", "2022-12-09", "2023-04-24", "2023-08-14"]
    )
    frame = frame[~days.isin(bridges)]
    result = forecast_dataset(frame, 8, settings(origin="2024-04-22"))
    special = result.special_days.set_index("special_day")
    bridge = special.loc["Bridge day after Liberation Day"]
    assert bridge["date"] == pd.Timestamp("2024-04-26")
    assert bridge["effect"] == 0.0 and bridge["learned_from_days"] == 3
    assert bridge["learned_from"] == "all past bridge days after a holiday"
    assert bridge["forecast_contacts"] == 0.0
    assert special.loc["Day after Liberation Day", "date"] == pd.Timestamp("2024-04-29")
    on_bridge = result.forecast["interval_start"].dt.normalize() == pd.Timestamp("2024-04-26")
    assert result.forecast.loc[on_bridge, "forecast"].sum() == 0.0


def test_a_busy_bridge_day_is_a_peak_named_after_its_holiday():
    # Past bridge days brought twice a usual day (what the holiday held back): the coming one
    # is a peak, and its reason names the bridge.
    frame = synthetic_intervals(7 * 125, seed=3, level=40, start="2022-01-03")
    days = frame["interval_start"].dt.normalize()
    bridges = pd.to_datetime(["2022-01-07", "2022-06-03", "2022-12-09"])
    frame.loc[days.isin(bridges), "volume"] *= 2.0
    result = forecast_dataset(frame, 8, settings(origin="2024-04-22"))
    top = result.peaks.iloc[0]
    assert top["start"].normalize() == pd.Timestamp("2024-04-26")
    assert top[REASON] == "bridge day after Liberation Day"


def test_a_day_after_a_holiday_forecast_as_an_ordinary_day_is_not_blamed_on_the_holiday():
    # The level rose by half in the last two weeks; past days after holidays were ordinary, so
    # Tuesday 22 April 2025 (after Easter Monday) is high for the level, as every day is.
    frame = synthetic_intervals(7 * 15, seed=3, level=40, start="2025-01-06")
    times = frame["interval_start"]
    frame.loc[times >= "2025-04-07", "volume"] *= 1.5
    result = forecast_dataset(frame[times < "2025-04-18"], 7, settings())
    after = result.special_days.set_index("special_day").loc["Day after Easter Monday"]
    assert after["effect"] == pytest.approx(1.0, abs=0.05)
    reasons = result.days.set_index("date")["reason"]
    assert reasons[pd.Timestamp("2025-04-22")] == "trend: recent level above usual"
    assert result.peaks.iloc[0][REASON] == "trend: recent level above usual"


def test_bridges_never_seen_are_forecast_as_the_day_they_would_be():
    # One year of history without a bridge day after a holiday: Friday 26 April 2024 keeps the
    # day-after-a-holiday ratio, and says so.
    frame = synthetic_intervals(7 * 16, seed=3, level=40, start="2024-01-08")
    result = forecast_dataset(frame, 7, settings(origin="2024-04-22"))
    bridge = result.special_days.set_index("special_day").loc["Bridge day after Liberation Day"]
    assert bridge["learned_from_days"] == 0
    assert bridge["learned_from"] == "too few bridge days seen: like a day after a holiday"


def test_holidays_on_days_the_queue_is_closed_are_not_listed():
    # A weekday desk (weekends closed) forecast over Easter 2025: Sunday 20 April says nothing.
    frame = synthetic_intervals(120, seed=4, level=30, start="2024-12-16")
    result = forecast_dataset(frame, 7, settings(origin="2025-04-17"))
    assert result.special_days["special_day"].tolist() == [
        "Easter Monday",
        "Day after Easter Monday",
    ]


def test_every_queue_is_forecast_with_the_same_candidates(history):
    second = history.assign(queue="chat", volume=history["volume"] * 2)
    result = forecast_dataset(pd.concat([history, second]), 7, settings())
    assert set(result.chosen_models) == {"desk", "chat"}
    assert set(result.chosen_models.values()) <= set(FAST)
    totals = result.forecast.groupby("queue")["forecast"].sum()
    assert totals["chat"] == pytest.approx(2 * totals["desk"], rel=0.05)
    assert set(result.backtest["queue"]) == {"desk", "chat"}


def test_campaign_uplift_and_peak_reason(history, week_forecast_without_calendar):
    campaign = ForecastEvent("spring promo", "2024-04-23 09:00", "2024-04-23 12:00", CAMPAIGN, 50)
    base = week_forecast_without_calendar
    boosted = forecast_dataset(history, 7, settings(country=None, events=[campaign]))
    window = (base.forecast["interval_start"] >= "2024-04-23 09:00") & (
        base.forecast["interval_start"] < "2024-04-23 12:00"
    )
    np.testing.assert_allclose(
        boosted.forecast.loc[window, "forecast"], 1.5 * base.forecast.loc[window, "forecast"]
    )
    np.testing.assert_allclose(
        boosted.forecast.loc[~window, "forecast"], base.forecast.loc[~window, "forecast"]
    )
    top = boosted.peaks.iloc[0]
    assert top["reason"] == "campaign spring promo"
    assert top["start"] == pd.Timestamp("2024-04-23 09:00")
    assert top["end"] == pd.Timestamp("2024-04-23 12:00")


def test_new_peak_rules_reflag_the_same_forecast_without_refitting(
    week_forecast_without_calendar,
):
    result = week_forecast_without_calendar
    assert result.interval_minutes == 30
    # the fitted run's own rules give its own peaks
    same = flag_peaks(result.peak_basis, 30, settings(country=None))
    pd.testing.assert_frame_equal(same.reset_index(drop=True), result.peaks.reset_index(drop=True))
    # a manager's ceiling flags every open interval forecast above it, busiest first
    forecast = result.forecast[result.forecast["is_open"]]
    ceiling = float(forecast["forecast"].quantile(0.9))
    over = forecast[forecast["forecast"] > ceiling]
    strict = flag_peaks(
        result.peak_basis, 30, settings(peak_volume_threshold=ceiling, peak_threshold_pct=1e6)
    )
    flagged_slots = sum(int((end - start) / pd.Timedelta(minutes=30))
                        for start, end in zip(strict["start"], strict["end"], strict=True))  # fmt: skip
    assert flagged_slots == len(over)
    workload = np.maximum(strict["extra_contacts"], strict["over_ceiling_contacts"])
    assert workload.is_monotonic_decreasing
    assert (strict["over_ceiling_contacts"] > 0).all()


def test_last_backtest_puts_actuals_beside_the_chosen_model_and_the_4_week_average(history):
    result = forecast_dataset(history, 7, settings(country=None, clean_outliers=False))
    last = result.last_backtest
    chosen = result.chosen_models["desk"]
    assert set(last["model"]) == {chosen, "historical_average_4w"}
    # the actuals are the history's own counts
    counts = history.set_index("interval_start")["volume"]
    one = last[last["model"] == "historical_average_4w"].dropna().set_index("interval_start")
    np.testing.assert_array_equal(one["actual"], counts.loc[one.index])
    # and the baseline is the mean of the same slot in the four weeks before the origin
    slot = one.index[-1]
    origin = one.index.min().normalize()
    weeks = [slot - pd.Timedelta(weeks=k) for k in range(1, 5)]
    while weeks[0] >= origin:  # a slot in the horizon's second week or later
        weeks = [day - pd.Timedelta(weeks=1) for day in weeks]
    assert one.loc[slot, "forecast"] == pytest.approx(counts.loc[weeks].mean())


def test_excluded_surge_week_does_not_raise_the_forecast(history):
    frame = history.copy()
    surge = (frame["interval_start"] >= "2024-04-15") & (frame["interval_start"] < "2024-04-20")
    frame.loc[surge, "volume"] *= 4
    exclude = ForecastEvent("system outage", "2024-04-15", "2024-04-20", EXCLUDE)
    clean = forecast_dataset(history, 7, settings(model="historical_average_4w"))
    polluted = forecast_dataset(frame, 7, settings(model="historical_average_4w"))
    excluded = forecast_dataset(frame, 7, settings(model="historical_average_4w", events=[exclude]))
    total = lambda r: r.forecast["forecast"].sum()  # noqa: E731
    assert total(polluted) > 1.5 * total(clean)
    assert total(excluded) == pytest.approx(total(clean), rel=0.1)


def test_excluding_the_whole_history_is_refused_not_forecast_as_zero(history):
    everything = ForecastEvent("all", "2023-12-01", "2024-05-01", EXCLUDE)
    with pytest.raises(InputError, match="excluded periods cover every day of its history"):
        forecast_dataset(history, 7, settings(events=[everything]))


def test_origin_cuts_the_history(history):
    result = forecast_dataset(history, 3, settings(origin="2024-03-04"))
    assert result.forecast["interval_start"].min() == pd.Timestamp("2024-03-04")
    assert result.forecast["interval_start"].max() == pd.Timestamp("2024-03-06 23:30")


def test_progress_is_reported_up_to_one(history):
    seen = []
    forecast_dataset(history, 7, settings(), progress=lambda f, m: seen.append(f))
    assert seen[-1] == 1.0 and seen == sorted(seen)


def test_unknown_model_and_queue_are_input_errors(history):
    with pytest.raises(InputError, match="Unknown model 'prophet'"):
        forecast_dataset(history, 7, settings(model="prophet"))
    with pytest.raises(InputError, match="not in the data"):
        forecast_dataset(history, 7, settings(queues=("chat",)))


def test_a_queue_too_new_to_backtest_is_named_and_the_others_are_scored(history):
    # A chat queue opened three weeks before the end of the export: no 14-day backtest fits.
    chat = synthetic_intervals(21, seed=2, queue="chat", start="2024-04-01", level=10)
    result = backtest_dataset(pd.concat([history, chat]), settings(n_origins=2))
    assert set(result.table["queue"]) == {"desk"}
    assert len(result.notes) == 1
    assert "Queue 'chat' was not backtested" in result.notes[0]
    # 1-19 April up to the forecast start (Saturday the 20th), its 15 weekdays with data.
    assert "it has 15 days with data over 19 calendar days (1 Apr – 19 Apr 2024)" in result.notes[0]
    with pytest.raises(
        InputError, match="Queue 'chat' was not backtested: it needs 20 days with data"
    ) as e:
        backtest_dataset(chat, settings())
    assert "forecast with" not in str(e.value)  # a backtest forecasts nothing
    # 19 days score no backtest however short: a shorter horizon would be refused too.
    assert str(e.value).endswith("Import a longer history.")
    # Forecasting it says what a 7-day backtest would need and what it does instead.
    (note,) = forecast_dataset(chat, 7, settings()).notes
    assert note.startswith(
        "Queue 'chat' was not backtested: it needs 20 days with data to train on"
    )
    assert "It is forecast with the model '4-week average' (--model historical_average_4w)" in note
    assert "band is sized on how its weeks differed from one another" in note


def test_many_queues_too_short_to_backtest_are_listed_one_per_line_under_one_requirement():
    # Twelve new chat queues of three weeks each: one statement of what a backtest needs, a line
    # per queue (ten named, the rest counted), the advice once, not twelve joined paragraphs.
    queues = [
        synthetic_intervals(21, seed=n, queue=f"chat {n:02d}", start="2024-04-01", level=10)
        for n in range(12)
    ]
    with pytest.raises(InputError) as refused:
        backtest_dataset(pd.concat(queues), settings())
    lines = str(refused.value).splitlines()
    assert lines[0] == (
        "None of the 12 queues below could be backtested: each needs 4 of each open weekday with "
        "data to train on (28 days with data for a queue open every day) and, after those, a "
        "14-day stretch with at least 50% of its open intervals observed to score. Import a "
        "longer history, or "
        "backtest a shorter horizon."
    )
    assert (
        lines[1]
        == "- 'chat 00': it has 15 days with data over 19 calendar days (1 Apr – 19 Apr 2024)."
    )
    assert len(lines) == 12 and lines[-1] == "- … and 2 more."
    assert str(refused.value).count("Import a longer history") == 1


def test_a_weekday_whose_latest_day_is_long_past_is_named_with_its_date(history, week_forecast):
    # Saturday mornings were worked only in January: the forecast repeats those Saturdays, which
    # must not pass for what recent weeks showed.
    saturdays = pd.DataFrame(
        {
            "interval_start": [
                pd.Timestamp(day) + pd.Timedelta(minutes=30 * slot)
                for day in ("2024-01-06 10:00", "2024-01-13 10:00", "2024-01-20 10:00")
                for slot in range(4)
            ],
            "queue": "desk",
            "volume": 50.0,
        }
    )
    result = forecast_dataset(pd.concat([history, saturdays]), 7, settings())
    (note,) = [note for note in result.notes if "long past" in note]
    assert "Saturdays from Sat 20 Jan 2024, 13 weeks back." in note
    saturday = result.forecast[result.forecast["interval_start"].dt.day_of_week == 5]
    assert saturday["forecast"].sum() == pytest.approx(200, rel=0.05)  # Jan's 4 x 50
    assert not [note for note in week_forecast.notes if "long past" in note]


def test_history_for_backtest_origins_but_none_scored_is_said_not_a_traceback():
    # 50 days fit 14-day origins, but none has an earlier origin whose 14 days had passed.
    short = synthetic_intervals(50, seed=3, queue="desk", start="2024-03-04", level=20)
    with pytest.raises(InputError) as refused:
        backtest_dataset(short, settings(horizon_days=14))
    message = str(refused.value)
    assert message.startswith("Queue 'desk' was not backtested: a scored 14-day backtest needs")
    # Open Mon-Fri: 20 weekdays with data (4 weeks) to train on, then 14 + 14 days.
    assert (
        "20 days with data to train on (4 of each of its 5 open weekdays) before the earlier one, "
        "then 28 days for the two backtests: 56 calendar days of history at the least; it has 36 "
        "days with data over 50 calendar days (4 Mar – 22 Apr 2024)."
    ) in message
    # A 7-day backtest of the same history is scored.
    table = backtest_dataset(short, settings(horizon_days=7, n_origins=2)).table
    assert set(table["queue"]) == {"desk"} and table["wape_interval"].notna().all()


def test_the_selection_table_counts_the_weeks_each_model_beat_the_preferred(history):
    result = forecast_dataset(history, 7, settings(candidates=(*FAST, "combination_glm")))
    table = result.backtest.set_index("model")
    assert np.isnan(table.loc["combination_glm", "weeks_better"])
    others = table.drop(index="combination_glm")
    assert others["weeks_better"].between(0, others["n_origins"]).all()
    # On a stable desk the seasonal naive (one week of data) loses every week.
    assert others.loc["seasonal_naive", "weeks_better"] == 0
    # No model won both weeks, so auto kept the preferred combination.
    assert (others["weeks_better"] < others["n_origins"]).all()
    assert result.chosen_models["desk"] == "combination_glm"


def test_backtest_table_has_every_measure_and_auto(history):
    result = backtest_dataset(history, settings(n_origins=3, selection_origins=2))
    table = result.table.set_index("model")
    assert set(table.index) == set(FAST) | {"auto"}
    assert (table["n_origins"] == 3).all()
    for column in (
        "wape_interval",
        "wape_daily",
        "wape_interval_d1",
        "wape_interval_d8_14",
        "mase",
        "bias",
        "coverage_80",
        "pinball",
    ):
        assert table[column].notna().all(), column
    # Poisson noise around a stable pattern: the profiles are near the noise floor.
    assert table.loc["historical_average_4w", "wape_interval"] < 0.25
    assert (
        table.loc["seasonal_naive", "wape_interval"]
        > table.loc["historical_average_4w", "wape_interval"]
    )
    assert 0.65 <= table.loc["auto", "coverage_80"] <= 0.95


def test_outliers_reported_and_optionally_cleaned(history):
    frame = history.copy()
    spike = frame["interval_start"] == pd.Timestamp("2024-04-03 10:00")  # a Wednesday, 3 weeks back
    frame.loc[spike, "volume"] = 2000.0
    kept = forecast_dataset(frame, 7, settings(model="historical_average_4w", clean_outliers=False))
    cleaned = forecast_dataset(frame, 7, settings(model="historical_average_4w"))  # the default
    assert pd.Timestamp("2024-04-03 10:00") in set(kept.outliers["interval_start"])
    slot = kept.forecast["interval_start"] == pd.Timestamp("2024-04-24 10:00")
    assert kept.forecast.loc[slot, "forecast"].iloc[0] > 400  # (2000 + 3 normal) / 4
    assert cleaned.forecast.loc[slot, "forecast"].iloc[0] < 150


def test_one_off_spikes_of_a_small_queue_are_neither_forecast_nor_peaks(shared_data):
    # February 1999 of the bank's call log: 407 calls at 13:00 on Wednesday 3 Feb (about 50
    # usual) and 97-157 a slot on Sunday 14 Feb 21:00-22:30 (about 15 usual) are one-offs.
    path = shared_data / "anonymous_bank" / "february_1999.txt"
    dataset = import_files([path], ImportOptions(interval_minutes=30))
    result = forecast_dataset(dataset, 7, ForecastSettings(country="IL"))
    outliers = set(result.outliers["interval_start"])
    assert {pd.Timestamp("1999-02-03 13:00"), pd.Timestamp("1999-02-14 21:30")} <= outliers
    forecast = result.forecast.set_index("interval_start")["forecast"]
    assert forecast[pd.Timestamp("1999-03-03 13:00")] < 70  # not (407 + 3 x ~50) / 4 = 142
    assert forecast[pd.Timestamp("1999-03-07 21:30")] < 30  # not (157 + 3 x ~17) / 4 = 52
    # Nothing left worth a peak: neither the cleaned spikes nor a stray call at night.
    assert result.peaks.empty


def test_an_open_weekday_with_no_ordinary_day_is_named_not_silently_zero():
    # Mon 1 - Wed 3 January 2024: New Year's Day and the day after it are special days, so
    # Monday and Tuesday have no ordinary day to learn from and are forecast at 0.
    three_days = synthetic_intervals(3, seed=1)
    result = forecast_dataset(three_days, 7, settings())
    note = next(n for n in result.notes if "no ordinary" in n)
    assert note.startswith("desk: no ordinary Monday or Tuesday in the history")
    by_day = result.forecast.groupby(result.forecast["interval_start"].dt.day_name())["forecast"]
    assert by_day.sum()[["Monday", "Tuesday"]].eq(0).all() and by_day.sum()["Wednesday"] > 0
    # Without a holiday calendar both days are ordinary: nothing to report.
    plain = forecast_dataset(three_days, 7, settings(country=None))
    assert not any("no ordinary" in n for n in plain.notes)


def test_a_queue_of_zeros_is_said_to_hold_no_contacts():
    zeros = synthetic_intervals(60, seed=1).assign(volume=0.0)
    result = forecast_dataset(zeros, 7, settings())
    assert result.forecast["forecast"].eq(0).all()
    (note,) = result.notes
    assert "its 60 days hold no contacts at all" in note


def test_a_storm_day_before_the_end_is_left_out_and_named(history, week_forecast):
    # The last Thursday (2024-04-18) at 5x: without cleaning it, every Thursday ahead would
    # carry part of it.
    stormy = history.copy()
    thursday = stormy["interval_start"].dt.normalize() == pd.Timestamp("2024-04-18")
    stormy.loc[thursday, "volume"] *= 5
    clean = week_forecast.forecast
    result = forecast_dataset(stormy, 7, settings())
    thursdays = result.forecast["interval_start"].dt.day_of_week == 3
    ratio = (
        result.forecast.loc[thursdays, "forecast"].sum() / clean.loc[thursdays, "forecast"].sum()
    )
    assert ratio == pytest.approx(1.0, abs=0.03)
    assert any("Thu 18 Apr 2024 brought x4.9" in note for note in result.notes)


def test_a_queue_whose_data_stopped_weeks_ago_is_forecast_from_its_own_last_weeks(history):
    # Queue 'old' is the same desk, but its rows stop six weeks before the other queue's.
    old = history[history["interval_start"] < pd.Timestamp("2024-03-11")].assign(queue="old")
    both = pd.concat([history, old], ignore_index=True)
    result = forecast_dataset(both, 7, settings())
    totals = result.forecast.groupby("queue")["forecast"].sum()
    assert totals["old"] == pytest.approx(totals["desk"], rel=0.1)
    assert any("old: no data after Fri 8 Mar 2024, 42 days" in note for note in result.notes)


def test_weekdays_a_short_history_never_showed_are_named(history):
    # Wednesday 3 to Friday 5 January only: Monday, Tuesday and the weekend never appear.
    days = history["interval_start"].dt.normalize()
    short = history[(days >= "2024-01-03") & (days <= "2024-01-05")]
    result = forecast_dataset(short, 7, settings())
    forecast_days = result.forecast.loc[result.forecast["is_open"], "interval_start"]
    assert sorted(forecast_days.dt.day_of_week.unique()) == [2, 3, 4]
    assert any(
        "only 3 days, so Monday, Tuesday, Saturday and Sunday never appear" in note
        for note in result.notes
    )


def test_the_rest_of_a_partial_last_day_is_forecast(history):
    # The export stops at 10:30 on Friday 19 April, a day open until 18:00.
    cut = history[history["interval_start"] < pd.Timestamp("2024-04-19 10:30")]
    result = forecast_dataset(cut, 3, settings())
    open_ = result.forecast[result.forecast["is_open"]]
    assert open_["interval_start"].iloc[0] == pd.Timestamp("2024-04-19 10:30")
    friday = open_[open_["interval_start"].dt.normalize() == pd.Timestamp("2024-04-19")]
    assert len(friday) == 15  # 10:30 .. 17:30, the slots the export did not reach


def test_mase_scale_counts_open_slots_only():
    # Mon-Fri 08:00-18:00 (20 of 48 half hours, 5 of 7 days open) exported with the closed
    # slots as zero rows: the weekly seasonal naive scored out of sample is about as good as it
    # is in sample, MASE near 1. Scaling by all slots, closed zeros included, gave 3.3 (about
    # the inverse of the 100 / 336 open share).
    frame = synthetic_intervals(7 * 30, seed=5, level=40, include_closed=True)
    table = backtest_dataset(frame, settings(n_origins=4, country=None)).table.set_index("model")
    assert 0.8 <= table.loc["seasonal_naive", "mase"] <= 1.25


def test_backtest_coverage_is_measured_on_weeks_the_band_was_not_fitted_on():
    # Three calm weeks (Poisson around the forecast of 50) and one at double the volume: a band
    # calibrated on all four covers 80% by construction; calibrated on the other three, the
    # band misses nearly every interval of the busy week, as the manager would have met it.
    rng = np.random.default_rng(3)
    forecast = np.full((4, 7, 20), 50.0)
    actual = rng.poisson(forecast).astype(float)
    actual[3] = rng.poisson(100.0, size=(7, 20))
    runs = BacktestRuns(
        queue="phone",
        horizon_days=7,
        origins=[0, 7, 14, 21],
        origin_times=list(pd.date_range("2024-01-01", periods=4, freq="7D")),
        actual=actual,
        scales=np.ones(4),
        forecasts={"flat": forecast},
        fit_seconds={"flat": 0.0},
    )
    held_out = held_out_dispersions(runs, "flat", 0.8)
    calm = np.arange(4) != 3
    assert held_out[3] == calibrate_dispersion(actual[calm], forecast[calm], 0.8)
    in_sample = calibrate_dispersion(actual, forecast, 0.8)
    assert band_coverage(actual, forecast, in_sample, 0.8) == pytest.approx(0.8, abs=0.03)
    busy_week = band_coverage(actual[3], forecast[3], held_out[3], 0.8)
    assert busy_week < 0.05
    # ... while each calm week, judged with a band widened by the busy one, is all covered.
    assert band_coverage(actual[0], forecast[0], held_out[0], 0.8) == pytest.approx(1.0, abs=0.01)
    row = model_row(actual, forecast, held_out, scale=1.0)
    assert row["coverage_80"] == pytest.approx(0.75, abs=0.01)


def test_a_forecast_beyond_two_weeks_reports_the_backtest_error_of_days_15_to_28(
    history, week_forecast
):
    table = forecast_dataset(history, 21, settings(country=None)).backtest.set_index("model")
    # Backtests of a 21-day forecast run 21 days: days 15-21 get their own error.
    assert table["wape_interval_d15_28"].between(0.01, 0.5).all()
    assert "wape_interval_d15_28" not in week_forecast.backtest


def test_zeros_before_a_new_queues_first_contact_are_not_its_history():
    # A file of two queues: "launch" opened five weeks before the end; the rows before hold
    # zeros. Read as zeros they made its start a steep trend (+12% on the next week).
    old = synthetic_intervals(7 * 16, seed=1, queue="old", level=80)
    new = synthetic_intervals(7 * 16, seed=2, queue="launch", level=40)
    opened = new["interval_start"].min() + pd.Timedelta(weeks=11)
    new.loc[new["interval_start"] < opened, "volume"] = 0.0
    result = forecast_dataset(pd.concat([old, new], ignore_index=True), 7, settings(country=None))
    assert (
        f"launch: no contact before {day_text(opened, year=True)}, 77 days into the data: its history "
        "starts there, the zeros before it read as before the queue opened."
    ) in result.notes
    forecast = result.forecast.groupby("queue")["forecast"].sum()
    last_week = new[new["interval_start"] >= new["interval_start"].max() - pd.Timedelta(days=7)]
    assert forecast["launch"] == pytest.approx(last_week["volume"].sum(), rel=0.06)
    assert not any(note.startswith("old:") for note in result.notes)
