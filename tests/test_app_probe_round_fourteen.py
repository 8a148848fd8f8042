"""Round fourteen of a manager's probe of the pages, driven headless with AppTest."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from test_app_pages import assert_clean, chart, go, number, open_app
from test_app_round_two import edit_table, offered, save_scenarios  # noqa: F401
from test_app_staffing_forecast import plotted

from app_ui import downloads, plots
from planning.compare import CONTACTS_ROW, METRIC_LABELS

CONTACTS_7_DAYS = "Contacts expected over 7 days"


def grid(values) -> np.ndarray:
    """A heat map's z (or customdata) from the figure JSON: a typed array with its shape."""
    flat = np.asarray(plotted(values), dtype=float)
    if isinstance(values, dict) and "shape" in values:
        return flat.reshape([int(size) for size in str(values["shape"]).split(",")])
    return flat


def scenario_volumes(plans: pd.DataFrame) -> pd.Series:
    """Each scenario's total `volume` in the plans download, computed from it alone."""
    return plans.groupby("scenario", sort=False)["volume"].sum()


# ------------------------------------------------- Scenarios page: the contacts each one staffs


def test_the_comparison_opens_with_the_contacts_each_scenario_expects(picco_home, offered):  # noqa: F811
    assert METRIC_LABELS[0] == CONTACTS_ROW
    app = go(open_app(), "scenarios")
    save_scenarios(app, "Baseline", "Busier")
    edit_table(app, {1: {"volume_change_pct": 30.0}})  # no From/To: the whole horizon
    assert_clean(app)

    volumes = scenario_volumes(offered["scenario_plans"])
    assert volumes["Baseline"] > 0
    assert volumes["Busier"] == pytest.approx(1.3 * volumes["Baseline"], rel=1e-9)

    # On screen: the first row, its days named as the other totals name theirs.
    shown = app.dataframe[-1].value
    assert shown.index[0] == CONTACTS_7_DAYS
    assert number(shown.loc[CONTACTS_7_DAYS, "Baseline"]) == pytest.approx(
        volumes["Baseline"], abs=0.5
    )
    assert number(shown.loc[CONTACTS_7_DAYS, "Busier"]) == pytest.approx(volumes["Busier"], abs=0.5)
    assert number(shown.loc[CONTACTS_7_DAYS, "Busier Δ"]) == pytest.approx(
        0.3 * volumes["Baseline"], abs=0.5
    )
    assert shown.loc[CONTACTS_7_DAYS, "Busier Δ"].endswith("▲")
    assert shown.loc[CONTACTS_7_DAYS, "Busier Δ%"] == "+30.0%"
    assert any(item.value.startswith("Contacts expected: the calls") for item in app.caption)

    # In the download (CSV and Excel hold the same frame): the first row, in numbers.
    download = offered["scenario_comparison"]
    assert download["Metric"].iloc[0] == CONTACTS_7_DAYS
    row = download.set_index("Metric").loc[CONTACTS_7_DAYS]
    assert row["Baseline"] == pytest.approx(volumes["Baseline"], rel=1e-9)
    assert row["Busier"] == pytest.approx(volumes["Busier"], rel=1e-9)
    assert row["Busier Δ"] == pytest.approx(0.3 * volumes["Baseline"], rel=1e-9)
    assert row["Busier Δ%"] == pytest.approx(30.0, abs=1e-9)
    excel = pd.read_excel(
        io.BytesIO(downloads.to_excel_bytes(download, "Comparison")), engine="openpyxl"
    )
    assert excel["Metric"].iloc[0] == CONTACTS_7_DAYS
    assert excel["Busier Δ%"].iloc[0] == pytest.approx(30.0, abs=0.01)


def test_staffing_to_p80_expects_the_same_contacts_it_is_sized_above(picco_home, offered):  # noqa: F811
    app = go(open_app(), "scenarios")
    save_scenarios(app, "Baseline", "Buffered")
    edit_table(app, {1: {"quantile": "p80"}})
    assert_clean(app)
    plans = offered["scenario_plans"]
    buffered = plans[plans["scenario"] == "Buffered"]
    # Sized on more contacts than it expects: the row counts the contacts expected (`volume`).
    assert buffered["sized_for_volume"].sum() > buffered["volume"].sum()
    row = offered["scenario_comparison"].set_index("Metric").loc[CONTACTS_7_DAYS]
    assert row["Buffered"] == pytest.approx(buffered["volume"].sum(), rel=1e-9)
    assert row["Buffered Δ"] == pytest.approx(0.0, abs=1e-6)
    assert app.dataframe[-1].value.loc[CONTACTS_7_DAYS, "Buffered Δ%"] == "0%"


def test_an_e_mail_scenario_counts_its_e_mails_as_contacts(picco_home, offered):  # noqa: F811
    app = go(open_app(), "forecast")
    app.selectbox(key="queue").set_value("email").run()
    app = go(app, "staffing")
    assert app.selectbox(key="channel").value == "email"  # the queue's own settings follow
    assert_clean(app)
    app = go(app, "scenarios")
    save_scenarios(app, "Mail", "Mail busier")
    edit_table(app, {1: {"volume_change_pct": 10.0}})
    assert_clean(app)
    volumes = scenario_volumes(offered["scenario_plans"])
    assert set(offered["scenario_plans"]["channel"]) == {"email"}
    row = offered["scenario_comparison"].set_index("Metric").loc[CONTACTS_7_DAYS]
    assert row["Mail"] == pytest.approx(volumes["Mail"], rel=1e-9) and row["Mail"] > 0
    assert row["Mail busier Δ%"] == pytest.approx(10.0, abs=1e-9)


# ------------------------------------------------- Staffing page: the weekly pattern's heat map


def test_the_heat_map_shows_the_most_people_any_week_needs_and_the_mean_on_hover():
    # Two Mondays 9:00-9:30: a holiday closed (0) and a normal one (10, 12). The mean, 5 and 6,
    # would staff a weekly pattern with half of what a normal Monday needs.
    starts = pd.to_datetime(
        ["2025-04-14 09:00", "2025-04-14 09:15", "2025-04-21 09:00", "2025-04-21 09:15"]
    )
    plan = pd.DataFrame({"interval_start": starts, "rostered": [10.0, 12.0, 0.0, 0.0]})
    figure = plots.requirement_heatmap(plan)
    heat = figure.data[0]
    monday = list(heat.y).index("Mon")
    assert list(heat.x) == ["09:00", "09:15"]
    assert list(heat.z[monday]) == [10.0, 12.0]
    assert list(heat.customdata[monday]) == [5.0, 6.0]
    assert "most in any week" in figure.layout.title.text
    assert "mean over the weeks" in heat.hovertemplate


def test_the_staffing_heat_map_cells_are_the_busiest_week_of_the_plan(picco_home, offered):  # noqa: F811
    # Two weeks, the second raised by a campaign (the Forecast page's default: its days 8 to
    # 14): a pattern built on the first week's needs, or on the mean, under-staffs the second.
    app = go(open_app(horizon_days=14), "forecast")
    app.checkbox(key="campaign_enabled").check().run()
    app = go(app, "staffing")
    assert_clean(app)
    (stem,) = [name for name in offered if name.startswith("staffing_plan")]
    plan = offered[stem]
    starts = pd.to_datetime(plan["interval_start"])
    # Independently: per weekday and time, every week's rostered people, then the most of them.
    weeks = pd.DataFrame(
        {
            "weekday": starts.dt.day_of_week,
            "time": starts.dt.strftime("%H:%M"),
            "rostered": plan["rostered"].astype(float),
        }
    )
    most = weeks.groupby(["weekday", "time"])["rostered"].max().unstack("time")
    mean = weeks.groupby(["weekday", "time"])["rostered"].mean().unstack("time")
    assert (weeks.groupby(["weekday", "time"]).size() == 2).all()  # 14 days: two of each

    figure = chart(app, "staffing_heatmap")
    heat = figure["data"][0]
    assert "most in any week" in figure["layout"]["title"]["text"]
    names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    days = [names.index(day) for day in heat["y"]]
    z = pd.DataFrame(grid(heat["z"]), index=days, columns=heat["x"])
    hover = pd.DataFrame(grid(heat["customdata"]), index=z.index, columns=z.columns)
    expected = most.reindex(index=z.index, columns=z.columns).where(lambda v: v != 0)
    np.testing.assert_allclose(z.to_numpy(dtype=float), expected.to_numpy(dtype=float))
    np.testing.assert_allclose(
        hover.to_numpy(dtype=float),
        mean.reindex(index=z.index, columns=z.columns).to_numpy(dtype=float),
    )
    # The weeks differ somewhere: there the map shows more than their mean did.
    open_cells = expected.notna().to_numpy()
    assert (z.to_numpy(dtype=float)[open_cells] > hover.to_numpy(dtype=float)[open_cells]).any()
