"""The Staffing page's FTE says when a horizon of other than whole weeks sets its pace."""

from test_app_pages import assert_clean, go, open_app


def _fte_help(app) -> str:
    (item,) = [item for item in app.metric if item.label == "FTE"]
    return item.proto.help


def test_a_one_day_horizon_says_its_day_is_scaled_to_a_week(picco_home):
    app = go(open_app(horizon_days=1), "staffing")
    assert_clean(app)
    assert _fte_help(app).endswith(
        "The 1 day of the horizon is scaled to a week, so the days it holds set the pace: a "
        "horizon of whole weeks gives the weekly need."
    )


def test_a_horizon_of_whole_weeks_needs_no_such_word(picco_home):
    app = go(open_app(horizon_days=14), "staffing")
    assert_clean(app)
    assert "scaled to a week" not in _fte_help(app)
    assert _fte_help(app).startswith("Agents ")
