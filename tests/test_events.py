"""User events on the grid: excluded periods and campaign uplifts."""

import numpy as np
import pandas as pd
import pytest

from data.errors import InputError
from forecasting.events import CAMPAIGN, EXCLUDE, ForecastEvent, event_grids

FIRST = pd.Timestamp("2024-03-04")


def test_exclude_and_campaign_cover_their_slots():
    events = [
        ForecastEvent("surge", "2024-03-05", "2024-03-06", EXCLUDE),
        ForecastEvent("promo", "2024-03-07 09:00", "2024-03-07 11:00", CAMPAIGN, uplift_pct=25),
        ForecastEvent("other queue", "2024-03-04", "2024-03-05", EXCLUDE, queue="chat"),
    ]
    excluded, uplift, campaign = event_grids(events, "phone", FIRST, 5, 60)
    assert excluded[1].all() and excluded.sum() == 24
    assert uplift[3, 9] == pytest.approx(1.25) and uplift[3, 10] == pytest.approx(1.25)
    assert uplift[3, 11] == 1.0 and np.count_nonzero(uplift != 1) == 2
    assert campaign[3, 9] == "promo" and campaign[3, 11] == ""


def test_overlapping_campaigns_multiply_and_are_both_named():
    events = [
        ForecastEvent("promo", "2024-03-05", "2024-03-07", CAMPAIGN, uplift_pct=30),
        ForecastEvent("newsletter", "2024-03-06", "2024-03-08", CAMPAIGN, uplift_pct=20),
    ]
    _, uplift, campaign = event_grids(events, "phone", FIRST, 5, 60)
    assert uplift[1, 0] == pytest.approx(1.3) and uplift[2, 0] == pytest.approx(1.56)
    assert uplift[3, 0] == pytest.approx(1.2)
    # The day both raise was named after the newsletter alone.
    assert [campaign[day, 0] for day in (1, 2, 3)] == ["promo", "promo + newsletter", "newsletter"]


def test_bad_events_are_input_errors():
    with pytest.raises(InputError, match="must come after"):
        event_grids([ForecastEvent("x", "2024-03-06", "2024-03-05")], "q", FIRST, 5, 60)
    with pytest.raises(InputError, match="kind 'party'"):
        event_grids([ForecastEvent("x", "2024-03-05", "2024-03-06", "party")], "q", FIRST, 5, 60)
    with pytest.raises(InputError, match="uplift of -150% would make contacts negative"):
        event_grids(
            [ForecastEvent("x", "2024-03-05", "2024-03-06", CAMPAIGN, uplift_pct=-150)],
            "q",
            FIRST,
            5,
            60,
        )


def test_an_event_for_a_queue_the_data_lacks_is_refused():
    from forecasting import ForecastSettings, forecast_dataset
    from forecasting.synthetic import synthetic_intervals

    event = ForecastEvent("promo", "2030-01-01", "2030-01-05", CAMPAIGN, 10, queue="nosuch")
    with pytest.raises(InputError, match="queue\\(s\\) nosuch, which the data does not have"):
        forecast_dataset(
            synthetic_intervals(7 * 6, seed=1), 7, ForecastSettings(country=None, events=(event,))
        )
