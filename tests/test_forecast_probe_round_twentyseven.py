"""Forecast probes: an event whose uplift or dates are not numbers or dates."""

from __future__ import annotations

import pandas as pd
import pytest

from data.errors import InputError
from forecasting.events import CAMPAIGN, ForecastEvent, event_grids

FIRST_DAY = pd.Timestamp("2024-03-04")


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
