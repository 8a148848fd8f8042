"""Round twenty-nine of a manager's probe: the handle-time shape tick is saved with each
scenario, so one saved unticked stays flat whatever the Staffing page holds later, and the
Staffing page's way back to the default targets leaves that tick, like the handle time it
shapes, alone; the Scenarios grid names the forecast quantile "P80" as the Staffing page does;
the e-mail plan table counts its backlog in e-mails as the metric above it; the All queues
row of the queue on screen reads as that queue's metrics while the column still adds up to
the total line; the Data page writes the history's days as the other pages write theirs.
Driven headless with AppTest on the sample, and on the pages' pure helpers."""

from __future__ import annotations

import json

import pandas as pd
from test_app_pages import assert_clean, go, metric, number, open_app, table

from app_ui import settings, tables, widgets
from data.store import Store
from planning.scenario import Scenario

SHAPE_TICK = "“Handle time by weekday and time of day”"


# ------------------------------------------------- The handle-time shape, saved per scenario


def test_a_scenario_keeps_the_handle_time_shape_it_was_saved_with():
    flat = Scenario("Flat", aht_by_time_of_day=False)
    assert Scenario.from_dict(json.loads(json.dumps(flat.to_dict()))).aht_by_time_of_day is False
    assert flat.other_settings()["aht_by_time_of_day"] is False
    # Saved before the tick was kept: shaped, as the page's default tick staffed it.
    older = {key: value for key, value in flat.to_dict().items() if key != "aht_by_time_of_day"}
    assert Scenario.from_dict(older).aht_by_time_of_day is True


def test_a_scenario_saved_unticked_stays_flat_when_the_staffing_page_is_ticked(picco_home):
    app = open_app(aht_by_time_of_day=False)
    go(app, "scenarios")
    app.text_input(key="new_scenario_name").input("Flat")
    app.button(key="save_scenario").click().run()
    # Ticked on the Staffing page afterwards (its checkbox's key).
    app.session_state["aht_by_time_of_day"] = True
    app.text_input(key="new_scenario_name").input("Shaped")
    app.button(key="save_scenario").click().run()
    assert_clean(app)
    shown = app.dataframe[-1].value
    # One handle time all week pays 1,680 h (EUR 38,191); the shape 1,678 h (EUR 38,152, the
    # Staffing page's Cost metric ticked). Before, the tick on the page now shaped both: 1,678.
    assert shown.loc["Paid hours over 7 days (h)", ["Flat", "Shaped"]].map(number).tolist() == [
        1680,
        1678,
    ]
    assert shown.loc["Total cost over 7 days (EUR)", ["Flat", "Shaped"]].map(number).tolist() == [
        38191,
        38152,
    ]
    (context,) = [item.value for item in app.caption if item.value.startswith("Change cells")]
    assert context.endswith(
        "That handle time is the average: 'Shaped' staffs each interval with it times the "
        f"interval's weekday and time-of-day ratio, as the Staffing page's {SHAPE_TICK} was "
        "ticked when saved; 'Flat' staffs every interval with the one figure."
    )


def test_back_to_the_default_targets_leaves_the_handle_time_shape_alone(monkeypatch):
    session = {key: value for key, value in settings.STAFFING_DEFAULTS.items()}
    session.update(sl_target_pct=90.0, aht_seconds=420.0, aht_by_time_of_day=False)
    monkeypatch.setattr(settings.st, "session_state", session)
    settings.reset_staffing_defaults()
    assert session["sl_target_pct"] == 80.0  # a target: back to its default
    # The handle time and its shape are the queue's, as the data and the manager gave them.
    # Before: the shape ticked again, unticked a moment earlier, moving the plan's cost.
    assert session["aht_seconds"] == 420.0
    assert session["aht_by_time_of_day"] is False


# ------------------------------------------------- Scenarios: the forecast quantile as labelled


def test_the_scenario_grid_names_the_forecast_quantile_as_the_staffing_page_does(picco_home):
    app = go(open_app(quantile="p80"), "scenarios")
    app.text_input(key="new_scenario_name").input("Busy days")
    app.button(key="save_scenario").click().run()
    assert_clean(app)
    (grid,) = [item for item in app.dataframe if "quantile" in item.value.columns]
    # Before: 'p80' in the cell and the choices mean, p50, p80, p90, beside the Staffing page's
    # 'P80 (each interval's volume exceeded 1 time in 5)' and the example 'Staffed to P80'.
    assert grid.value["quantile"].tolist() == ["P80"]
    staff = json.loads(grid.proto.columns)["quantile"]
    assert staff["type_config"]["options"] == ["mean", "P50", "P80", "P90"]
    # The cell picked as shown is saved under the planner's name.
    app.session_state["scenario_editor_0"] = {
        "edited_rows": {0: {"quantile": "P90"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.button(key="scenario_table_save").click().run()
    assert_clean(app)
    assert Store().load_scenario("Sample service desk", "Busy days")["quantile"] == "p90"


# ------------------------------------------------- Staffing: the e-mail backlog's unit


def test_the_plan_tables_backlog_is_counted_in_e_mails_as_its_metric_says():
    # Only e-mail queues have a backlog; the metric above the table reads "Peak backlog
    # (e-mails)" 688 on the sample, the table's column read "Backlog (contacts)".
    assert tables.column_for("backlog").label == "Backlog (e-mails)"


# ------------------------------------------------- Staffing: the queue on screen, as its metrics


def test_the_queue_on_screen_keeps_its_own_rounding_and_the_others_take_the_total():
    # The sample's FTE at 38-h weeks (round twenty): chat 23.75, e-mail 25.171, phone 44.158,
    # 93.079 in all, shown 93.1. By largest remainders alone: 23.7 + 25.2 + 44.2.
    fte = pd.Series([23.75, 25.171053, 44.157895], index=["chat", "email", "phone"])
    assert tables.rounded_keeping_total(fte, decimals=1).tolist() == [23.7, 25.2, 44.2]
    # Chat on screen reads 23.8 as its metric does ('23.75' printed to one decimal); e-mail and
    # phone share the 69.3 left: 25.2 and 44.1.
    kept = tables.rounded_keeping_total(fte, decimals=1, keep="chat")
    assert kept.tolist() == [23.8, 25.2, 44.1]
    assert round(kept.sum(), 1) == 93.1


def test_the_all_queues_row_of_the_queue_on_screen_reads_as_its_metrics(picco_home):
    app = open_app()
    app.session_state["queue"] = "chat"
    go(app, "staffing")
    assert_clean(app)
    queues, _ = table(app, "queue", "fte", "paid_hours", "cost")
    chat = queues.set_index("queue").loc["chat"]
    # Before: 23.7 FTE and 903 h in chat's row under its own metrics' 23.8 FTE and 902 h.
    assert (chat["fte"], chat["paid_hours"], chat["cost"]) == (23.8, 902, 20647)
    assert (metric(app, "FTE"), metric(app, "Paid hours")) == ("23.8", "902")
    assert metric(app, "Cost, 7 days") == "€ 20,647"
    # The column still adds up to the All queues line: 23.8 + 25.2 + 44.1, 902 + 957 + 1,678.
    assert round(queues["fte"].sum(), 1) == 93.1
    assert queues["paid_hours"].sum() == 3537
    assert [item.value for item in app.markdown if item.value.startswith("**All queues")] == [
        "**All queues:** 93.1 FTE, 3,537 paid hours, € 80,702 over the horizon."
    ]


# ------------------------------------------------- Data page: days as the other pages write them


def test_the_data_pages_days_read_as_the_other_pages_days():
    # Before: "2024-11-25" for the sample's First day beside the Forecast page's "Mon 23 Nov"
    # and its horizon "from Mon 23 Nov 2026 00:00 to Mon 30 Nov 2026 00:00".
    assert widgets.history_day(pd.Timestamp("2024-11-25 00:00")) == "Mon 25 Nov 2024"
    assert widgets.history_day(pd.Timestamp("2026-11-22 23:45")) == "Sun 22 Nov 2026"
    assert widgets.history_day(None) == "—"  # a stored import without rows
