"""Round thirty-four of a manager's probe: the Data page's interval download is named by the
dataset and the history's first and last day, as the Forecast, Staffing and Shifts downloads are
named by their horizon's days; a planned campaign falling only on a queue's closed days is warned
about beside the Events, as one outside the forecast is, not left among the notes under the
backtest; a day a campaign of -100% shuts reads it as its cause in the day-by-day table, not a bare
'Closed' as on a day the queue never opens; the backtest table's MASE, bias and coverage helps say
what their figures mean for the forecast in a manager's words; the peaks list says it runs largest
first, not by day, and the chart's peak reads as the list words it, its contacts over a ceiling
named; and the helps say what the pages do now: the holiday calendar's names the proposal of a
better-fitting calendar, the Data page's queue picker the Shifts page beside the others. Driven on
the pages' pure helpers and one AppTest run on the sample."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import streamlit as st
from test_app_pages import assert_clean, go, open_app, table
from test_plots import render

from app_ui import plots, settings, tables
from forecasting.events import CAMPAIGN, ForecastEvent
from forecasting.metrics import bias, mase, seasonal_naive_scale
from forecasting.peaks import describe_peak, find_peaks

IDLE_NOTE = (
    "phone: the campaign 'Planned campaign' (+40%) falls only when the queue is closed, on Sun "
    "29 Nov 2026 (closed on Sundays), so it changes no forecast. If its contacts will come on "
    "the open days around it, set the campaign on those days; if the queue will open for it, "
    "plan those hours by hand."
)


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
    # Before: 'The same queue as on the Forecast, Staffing and Scenarios pages', the Shifts
    # page's queue picker sharing it unsaid.
    picker = next(item for item in app.selectbox if item.label == "Queue")
    assert picker.help.startswith(
        "The same queue as on the Forecast, Staffing, Shifts and Scenarios pages"
    )

    go(app, "forecast")
    assert_clean(app)
    # Before: the help said nothing of the calendar the page proposes under its boxes.
    assert app.selectbox(key="holiday_country").help.endswith(
        "When your history's quiet days match another country's public holidays better, a note "
        "under these boxes names it, with a button to switch."
    )
    # The sample's phone queue closes on Sundays: a +40% campaign on Sun 29 Nov raises nothing.
    app.checkbox(key="campaign_enabled").check()
    app.date_input(key="campaign_dates").set_value((dt.date(2026, 11, 29), dt.date(2026, 11, 29)))
    app.number_input(key="campaign_uplift_pct").set_value(40.0)
    app.selectbox(key="campaign_queue").set_value("phone").run()
    assert_clean(app)
    # Before: an info under the backtest, far below the Events it is about.
    assert IDLE_NOTE in [item.value for item in app.warning]
    assert IDLE_NOTE not in [item.value for item in app.info]

    # Peaks above a usual week by 5%: three on the phone queue, the afternoon's 66 extra
    # contacts listed before the morning's 30 of the same day. Before: no word of the order.
    app.number_input(key="peak_threshold_pct").set_value(5.0).run()
    assert_clean(app)
    (listed,) = [item.value for item in app.markdown if item.value.startswith("- ")]
    assert [line[:26] for line in listed.splitlines()] == [
        "- Tue 24 Nov 14:30–16:00: ",
        "- Tue 24 Nov 10:15–10:45: ",
        "- Thu 26 Nov 09:00–09:30: ",
    ]
    assert "≈ 66 extra contacts" in listed.splitlines()[0]
    assert (
        "Ranked by the extra contacts each brings over a usual week: largest first, not by day."
        in [item.value for item in app.caption]
    )

    # The campaign at -100% on Tue 24 and Wed 25 Nov shuts two days the queue opens on.
    app.date_input(key="campaign_dates").set_value((dt.date(2026, 11, 24), dt.date(2026, 11, 25)))
    app.number_input(key="campaign_uplift_pct").set_value(-100.0).run()
    assert_clean(app)
    shown, _ = table(app, "date", "reason")
    causes = dict(zip(shown["date"].dt.strftime("%a %d"), shown["reason"], strict=True))
    # Before: 'Closed' on both, as on the Sunday the queue never opens.
    assert (causes["Tue 24"], causes["Wed 25"], causes["Sun 29"]) == (
        "Closed: Planned campaign (-100%)",
        "Closed: Planned campaign (-100%)",
        "Closed",
    )


def test_only_the_planned_campaign_on_closed_days_leaves_the_notes_for_a_warning():
    other = "phone: 12 intervals far from the usual level were left out of training."
    outside = "The campaign 'Planned campaign' (+40%) lies outside the forecast."
    notes = [other, IDLE_NOTE, outside]
    assert settings.idle_campaign_notes(notes) == [IDLE_NOTE]
    assert settings.forecast_notes(notes, None) == [other, outside]
    # A campaign of another name (the CLI's) is not the page's.
    promo = IDLE_NOTE.replace("'Planned campaign'", "'promo'")
    assert settings.idle_campaign_notes([promo]) == []
    assert settings.forecast_notes([promo], None) == [promo]


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


def test_the_peaks_list_says_its_order_and_how_many_it_leaves_to_the_download():
    assert settings.peaks_order_caption(1, 1) is None  # one peak has no order to explain
    assert settings.peaks_order_caption(10, 14, 60.0) == (
        "The 10 largest of 14 peaks, ranked by the extra contacts each brings over a usual week, "
        "or over your ceiling of 60 per interval where that is more: largest first, not by day; "
        "all are in the download."
    )


def test_the_forecast_charts_peak_reads_as_the_list_under_it_words_the_peak():
    # Mon 23 Nov 2026 10:00-11:00 at a usual level, 10:15 and 10:30 over a ceiling of 100 per
    # interval: a peak of 15 contacts over it (10 + 5), though 7% under a usual Monday (215
    # forecast against 230).
    starts = pd.date_range("2026-11-23 10:00", periods=4, freq="15min")
    forecast = np.array([100.0, 110.0, 105.0, 90.0])
    basis = pd.DataFrame(
        {
            "interval_start": starts,
            "queue": "phone",
            "forecast": forecast,
            "usual": [105.0, 120.0, 110.0, 95.0],
        }
    )
    peaks = find_peaks(basis, 15, volume_threshold=100.0)
    listed = describe_peak(peaks.iloc[0])
    assert listed == (
        "Mon 23 Nov 10:15–10:45: -7% against a usual Monday; up to 110 per interval, ≈ 15 over "
        "your ceiling (above 100 per interval)"
    )
    ahead = basis.assign(p10=forecast * 0.9, p90=forecast * 1.1, is_open=True)
    history = pd.DataFrame(
        {
            "interval_start": starts - pd.Timedelta(days=7),
            "queue": "phone",
            "volume": forecast,
            "is_open": True,
        }
    )
    figure = plots.forecast_chart(history, ahead, peaks, "phone")
    marker = next(item for item in figure.data if item.name == "peak")
    # Before: '... (P90 121); the whole peak -7% against a usual such day', a dip for a peak,
    # with no word of the ceiling nor of the contacts over it the list names.
    assert render(marker, 0) == (
        f"Mon 23 Nov 10:15 · peak top: forecast 110 contacts (P90 121)<br>{listed}"
    )


def test_a_day_a_campaign_of_minus_100_percent_shuts_names_it_as_its_cause():
    # phone opens Monday to Saturday; a week of hours from Mon 23 Nov 2026, the campaign
    # 'Planned campaign' of -100% from Sat 28 Nov to Sun 29 Nov, forecast shut both days.
    starts = pd.date_range("2026-11-23", periods=7 * 24, freq="h")
    shut = starts.day_of_week >= 5
    forecast = pd.DataFrame(
        {
            "interval_start": starts,
            "queue": "phone",
            "forecast": np.where(shut, 0.0, 10.0),
            "is_open": ~shut,
        }
    )
    days = pd.DataFrame(
        {
            "queue": "phone",
            "date": pd.date_range("2026-11-23", periods=5, freq="D"),
            "forecast_contacts": 240.0,
            "reason": "",
        }
    )
    open_hours = pd.DataFrame(
        {
            "queue": "phone",
            "weekday": np.repeat(np.arange(7), 24),
            "minute_of_day": np.tile(np.arange(24) * 60, 7),
            "is_open": np.repeat(np.arange(7) < 6, 24),
        }
    )
    weekend = ForecastEvent(
        "Planned campaign", "2026-11-28", "2026-11-30", CAMPAIGN, uplift_pct=-100.0
    )
    closing = settings.closing_campaign_days([weekend], forecast, open_hours)
    # Sunday is closed anyway: not the campaign's doing.
    assert closing == {("phone", pd.Timestamp("2026-11-28")): "Planned campaign (-100%)"}
    every = settings.with_closed_days(days, forecast, None, closing)
    # Before: 'Closed' on Saturday too, as on a day the queue never opens.
    assert every["reason"].tolist()[5:] == ["Closed: Planned campaign (-100%)", "Closed"]
    # A campaign lowering the forecast short of shutting it, or on another queue, names none.
    half = ForecastEvent("Planned campaign", "2026-11-28", "2026-11-30", CAMPAIGN, uplift_pct=-50.0)
    other = ForecastEvent(
        "Planned campaign", "2026-11-28", "2026-11-30", CAMPAIGN, uplift_pct=-100.0, queue="chat"
    )
    assert settings.closing_campaign_days([half, other], forecast, open_hours) == {}
