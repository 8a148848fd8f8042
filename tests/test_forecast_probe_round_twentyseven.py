"""Forecast probes: a campaign or excluded period shorter than an interval or cut across one;
an event whose uplift or dates are not numbers or dates; a campaign that lowers the forecast or
leaves it as it is named as a peak's cause; a peak of one extra contact; the band of a history
too short to backtest; the note on a level shift a plain weekly average does not follow."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data.errors import InputError
from data.schema import INTERVAL_START, QUEUE, VOLUME
from forecasting import ForecastSettings, forecast_dataset
from forecasting.events import CAMPAIGN, EXCLUDE, ForecastEvent, event_grids
from forecasting.intervals import DEFAULT_DISPERSION, quantile_forecasts
from forecasting.peaks import describe_peak

FIRST_DAY = pd.Timestamp("2024-03-04")


def test_a_campaign_inside_one_hour_raises_that_hour_by_the_share_it_covers():
    # 10:10-10:50 on an hourly grid touched no slot start and was lost without a word.
    events = [ForecastEvent("radio spot", "2024-03-05 10:10", "2024-03-05 10:50", CAMPAIGN, 90)]
    _, uplift, campaign = event_grids(events, "q", FIRST_DAY, 3, 60)
    # 40 of the hour's 60 minutes at +90%: x1.6.
    assert uplift[1, 10] == pytest.approx(1 + 0.9 * 40 / 60)
    assert np.count_nonzero(uplift != 1) == 1
    assert campaign[1, 10] == "radio spot"


def test_a_campaign_cut_across_intervals_raises_each_by_its_covered_share():
    # 09:30-11:30 raised 10:00 and 11:00 in full and left 09:00 alone: half the 09:00 hour's
    # campaign contacts were lost and half an 11:00 hour's too many added.
    events = [ForecastEvent("mailing", "2024-03-05 09:30", "2024-03-05 11:30", CAMPAIGN, 100)]
    _, uplift, campaign = event_grids(events, "q", FIRST_DAY, 3, 60)
    assert uplift[1, 8:13].tolist() == pytest.approx([1.0, 1.5, 2.0, 1.5, 1.0])
    assert campaign[1, 8:13].tolist() == ["", "mailing", "mailing", "mailing", ""]


def test_a_period_excluded_within_an_interval_leaves_that_interval_out():
    # An outage from 14:10 to 14:40 excluded nothing on an hourly grid; the 14:00 hour's count
    # holds it, so that hour is what training must leave out.
    events = [ForecastEvent("outage", "2024-03-05 14:10", "2024-03-05 14:40", EXCLUDE)]
    excluded, _, _ = event_grids(events, "q", FIRST_DAY, 3, 60)
    assert np.flatnonzero(excluded.ravel()).tolist() == [24 + 14]


@pytest.mark.parametrize("uplift", [float("nan"), float("inf"), "25"])
def test_a_campaign_whose_uplift_is_no_number_is_refused(uplift):
    # NaN made every interval of the campaign NaN; inf an endless peak "+inf%".
    event = ForecastEvent("promo", "2024-03-05", "2024-03-06", CAMPAIGN, uplift)
    with pytest.raises(InputError) as refused:
        event_grids([event], "q", FIRST_DAY, 3, 60)
    assert str(refused.value) == (
        f"Event 'promo': the uplift must be a number of percent, such as 25 or -10 "
        f"(got {uplift!r})."
    )


def test_an_event_whose_date_is_no_date_is_refused_naming_it():
    # An unreadable start raised pandas' own error; an empty one compared as NaT and passed.
    for start in ("next week", ""):
        event = ForecastEvent("promo", start, "2024-03-06", CAMPAIGN, 10)
        with pytest.raises(InputError) as refused:
            event_grids([event], "q", FIRST_DAY, 3, 60)
        assert str(refused.value) == (
            f"Event 'promo': its start {start!r} is not a date; write it as 2024-03-05 or "
            "2024-03-05 09:30."
        )


def _flat_desk(weeks: int = 5) -> pd.DataFrame:
    """A Mon-Fri desk 09:00-12:00 in hours, 30 contacts in every open hour, from Mon 4 Mar."""
    times = pd.date_range(FIRST_DAY, periods=weeks * 7 * 24, freq="60min")
    times = times[(times.hour >= 9) & (times.hour < 12) & (times.day_of_week < 5)]
    return pd.DataFrame({INTERVAL_START: times, QUEUE: "q", VOLUME: 30.0})


def test_a_campaign_that_lowers_or_keeps_the_forecast_is_no_cause_of_a_peak():
    # Over a ceiling of 25 a Tuesday at -10% (27 per hour) read "(campaign site down)" and a
    # Wednesday at 0% "(campaign placeholder)", as if either brought the contacts.
    events = [
        ForecastEvent("site down", "2024-04-09", "2024-04-10", CAMPAIGN, -10),
        ForecastEvent("placeholder", "2024-04-10", "2024-04-11", CAMPAIGN, 0),
    ]
    settings = ForecastSettings(
        country=None, events=events, model="historical_average_4w", peak_volume_threshold=25
    )
    result = forecast_dataset(_flat_desk(), 7, settings)
    by_day = result.peaks.set_index(result.peaks["start"].dt.day)
    assert by_day.loc[9, "busiest_interval"] == pytest.approx(27.0)
    assert by_day.loc[9, "reason"] == "above 25 per interval"
    assert by_day.loc[10, "reason"] == "above 25 per interval"
    # The day outlook still puts Tuesday's dip down to its campaign; Wednesday has no cause.
    days = result.days.set_index(result.days["date"].dt.day)
    assert days.loc[9, "vs_usual"] == pytest.approx(-0.1)
    assert days.loc[9, "reason"] == "campaign site down"
    assert days.loc[10, "reason"] == ""


@pytest.mark.parametrize(
    ("extra", "said"),
    [(0.8, "≈ 1 extra contact;"), (1.4, "≈ 1 extra contact;"), (2.0, "≈ 2 extra contacts;")],
)
def test_a_peak_of_one_extra_contact_says_contact(extra, said):
    # A ceiling's peak on a usual level read "≈ 1 extra contacts".
    peak = pd.Series(
        {
            "start": pd.Timestamp("2024-02-19 15:00"),
            "end": pd.Timestamp("2024-02-19 16:00"),
            "pct_above_usual": 1.0,
            "extra_contacts": extra,
            "over_ceiling_contacts": 5.0,
            "busiest_interval": 33.0,
            "reason": "above 30 per interval",
        }
    )
    assert describe_peak(peak) == (
        f"Mon 19 Feb 15:00–16:00: +1% over a usual Monday, {said} up to 33 per interval, ≈ 5 "
        "over your ceiling (above 30 per interval)"
    )


def test_a_history_too_short_to_backtest_has_a_band_sized_on_its_weeks_spread():
    # Three weeks of a desk at 21, 30 and 39 contacts an hour (x0.7, x1, x1.3): the default
    # band, P10 22 and P90 38 around the forecast 30 (Var 30 + 0.01 x 30^2), held the middle
    # week alone, a third of the hours the desk had just seen.
    desk = _flat_desk(weeks=3)
    week = (desk[INTERVAL_START] - FIRST_DAY).dt.days // 7
    desk[VOLUME] = 30.0 * np.array([0.7, 1.0, 1.3])[week]
    result = forecast_dataset(desk, 7, ForecastSettings(country=None))
    (note,) = result.notes
    assert note.endswith(
        "It is forecast with the model '4-week average' (--model historical_average_4w), and "
        "its P10–P90 band is sized on how its weeks differed from one another instead of being "
        "calibrated on backtests."
    )
    hours = result.forecast[result.forecast["is_open"]]
    assert hours["forecast"].to_numpy() == pytest.approx(30.0)
    # Each week against the mean of the other two: 21 on 34.5, 30 on 30, 39 on 25.5. An 80%
    # band must hold all three kinds of pair (each a third), so at 30 it holds 21 to 39.
    assert set(hours["p10"]) == {17.0} and set(hours["p90"]) == {45.0}
    default = {
        q: quantile_forecasts(np.array([30.0]), DEFAULT_DISPERSION)[q][0] for q in (0.1, 0.9)
    }
    assert default == {0.1: 22.0, 0.9: 38.0}


def test_a_level_shift_note_says_when_the_model_does_not_follow_the_new_level():
    # Eight weeks of a desk, halved from week six on. With --model historical_average_4w the
    # note read "The forecast starts from the new level: the weeks before were rescaled to it."
    # while the forecast averaged one old week and three new ones: about (30 + 3 x 15) / 4.
    desk = _flat_desk(weeks=8)
    week = (desk[INTERVAL_START] - FIRST_DAY).dt.days // 7
    desk[VOLUME] = np.random.default_rng(0).poisson(np.where(week >= 5, 15.0, 30.0)).astype(float)
    shift = "q: volume changed to x0.51 of its earlier level from Mon 8 Apr 2024. "
    temporary = (
        " If the change was temporary (a campaign, an outage elsewhere), exclude the days from "
        "Mon 8 Apr 2024 as an unusual past period on the Forecast page: the forecast then keeps "
        "the level before."
    )
    for model, follows, level in (
        (
            "historical_average_4w",
            "The model '4-week average' (--model historical_average_4w) averages the weeks as "
            "they came, the earlier level included, so its forecast does not start from the new "
            "level; the other models rescale the weeks before to it.",
            18.75,
        ),
        (
            "relevelled_profile",
            "The forecast starts from the new level: the weeks before were rescaled to it.",
            15.0,
        ),
        # Last week's copy is at the new level already: no plain average in it to warn of.
        (
            "seasonal_naive",
            "The forecast starts from the new level: the weeks before were rescaled to it.",
            15.0,
        ),
    ):
        result = forecast_dataset(desk, 7, ForecastSettings(country=None, model=model))
        assert [note for note in result.notes if "volume changed" in note] == [
            shift + follows + temporary
        ]
        hours = result.forecast[result.forecast["is_open"]]
        assert hours["forecast"].mean() == pytest.approx(level, rel=0.08)
