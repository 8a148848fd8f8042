"""Round fifteen of a manager's probe of the pages, driven headless with AppTest."""

from __future__ import annotations

from test_app_pages import assert_clean, chart, go, open_app
from test_app_round_two import offered, reload, save_scenarios  # noqa: F401

from app_ui import downloads

HEATMAP_CAPTION = "Each cell: the most people rostered"


def captions(app) -> list[str]:
    return [item.value for item in app.caption]


def metric_help(app, label: str) -> str:
    (found,) = [item.proto.help for item in app.metric if item.label == label]
    return found


# ------------------------------------------------- Staffing page: what a heat map cell is


def test_the_heat_map_says_its_cells_are_the_busiest_week_and_why(picco_home):
    app = go(open_app(horizon_days=14), "staffing")
    assert_clean(app)
    (said,) = [text for text in captions(app) if text.startswith(HEATMAP_CAPTION)]
    assert "in any week of the 14 days of the horizon" in said
    assert "hover for the mean over those weeks" in said
    assert "a weekly shift pattern repeats every week, so it has to cover the busiest one" in said
    # Right under the heat map: the element after the chart in the page's main body.
    body = list(app.main)
    spots = [
        index
        for index, item in enumerate(body)
        if getattr(item, "proto", None) is not None
        and str(getattr(item.proto, "id", "")).endswith("staffing_heatmap")
    ]
    assert spots, "no heat map in the page body"
    assert body[spots[0] + 1].value == said


def test_a_one_day_horizon_is_named_in_the_singular(picco_home):
    app = go(open_app(horizon_days=1), "staffing")
    assert_clean(app)
    (said,) = [text for text in captions(app) if text.startswith(HEATMAP_CAPTION)]
    assert "of the 1 day of the horizon" in said


# ------------------------------------------------- One queue on every page, the Data page too


def test_a_queue_picked_on_the_data_page_is_the_queue_of_every_other_page(picco_home):
    app = open_app()
    assert app.selectbox(key="intraday_queue").value == "phone"  # the busiest
    app.selectbox(key="intraday_queue").set_value("email").run()
    assert_clean(app)
    assert app.query_params["queue"] == "email"
    go(app, "forecast")
    assert_clean(app)
    assert app.selectbox(key="queue").value == "email"
    go(app, "staffing")
    assert_clean(app)
    assert app.selectbox(key="queue").value == "email"
    assert app.selectbox(key="channel").value == "email"  # the queue's own settings follow
    go(app, "scenarios")
    assert_clean(app)
    assert app.selectbox(key="scenarios_queue").value == "email"


def test_the_data_page_follows_a_queue_picked_later_on_another_page(picco_home):
    app = open_app()
    assert app.selectbox(key="intraday_queue").value == "phone"
    go(app, "staffing")
    app.selectbox(key="queue").set_value("chat").run()
    go(app, "data")
    assert_clean(app)
    # Before: the Data page kept its own first pick (phone) once it had one.
    assert app.selectbox(key="intraday_queue").value == "chat"
    title = chart(app, "intraday_chart")["layout"]["title"]["text"]
    assert title.startswith("Average day, chat:")


def test_a_reload_on_the_data_page_keeps_the_queue_picked_there(picco_home):
    app = open_app()
    app.selectbox(key="intraday_queue").set_value("chat").run()
    reloaded = reload(app, "data")
    assert_clean(reloaded)
    assert reloaded.selectbox(key="intraday_queue").value == "chat"
    go(reloaded, "staffing")
    assert reloaded.selectbox(key="queue").value == "chat"


# ------------------------------------------------- Staffing page: chat words for chat


def test_the_chat_asa_help_speaks_of_chat_customers_not_callers(picco_home):
    app = go(open_app(), "staffing")
    app.selectbox(key="queue").set_value("chat").run()
    app.checkbox(key="use_patience").check().run()
    assert_clean(app)
    said = metric_help(app, "Expected ASA")
    assert "all chat customers, those leaving the chat before an answer included" in said
    assert "caller" not in said and "hung up" not in said
    app.selectbox(key="queue").set_value("phone").run()
    said = metric_help(app, "Expected ASA")
    assert "all callers, those hanging up before an answer included" in said


# ------------------------------------------------- Scenarios page: a file name without spaces


def test_the_scenarios_download_is_named_as_the_other_downloads_are(picco_home, offered):  # noqa: F811
    app = go(open_app(), "scenarios")
    save_scenarios(app, "Baseline")
    assert_clean(app)
    stem = downloads.file_stem("scenarios", "Sample service desk")
    assert stem == "scenarios_Sample_service_desk"
    assert stem in offered
    assert "scenarios_Sample service desk" not in offered
    assert offered[stem]["name"].tolist() == ["Baseline"]
