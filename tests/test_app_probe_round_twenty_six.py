"""Round twenty-six of a manager's probe: the e-mail scenarios' grid leaves out the service
level in seconds, which e-mail is not staffed to, and names its response window instead; a
queue expecting no contacts is told to close for the horizon, with the paid hours and cost that
saves; a part-time shift as long as the full-time one is said beside the shift figures. Driven
headless with AppTest on the sample and the real data."""

from __future__ import annotations

from test_app_pages import assert_clean, go, metric, open_app

CSV = "text/csv"

# ------------------------------------------------- E-mail scenarios without SL % and SL s


def test_email_scenarios_show_no_service_level_columns_and_name_the_response_window(
    picco_home,
):
    app = open_app()
    # Picked once the sample is open: opening a dataset drops the queue the session held.
    app.session_state["queue"] = "email"
    app = go(app, "scenarios")
    app.button(key="save_example_scenarios").click().run()
    assert_clean(app)
    grid = app.dataframe[0]
    # Before: "SL %" 80 and "SL s" 20 on every e-mail row, a target e-mail is not sized to.
    assert list(grid.proto.column_order) == [
        "name",
        "volume_change_pct",
        "aht_change_pct",
        "change_from",
        "change_to",
        "shrinkage_pct",
        "supervisor_span",
        "quantile",
        "agent_hourly_cost",
        "supervisor_hourly_cost",
        "part_max_pct",
    ]
    assert len(grid.value) == 4  # no "90% in 30 s" for e-mail
    assert any(
        "Every scenario: E-mail answered within 24 h, 612 s handle time" in item.value
        for item in app.caption
    )
    # The hidden columns are still saved with each row.
    app.button(key="scenario_table_save").click().run()
    assert_clean(app)


# ------------------------------------------------- A queue expecting no contacts: close it


def test_a_queue_expecting_no_contacts_is_told_to_close_with_its_saving(picco_home, shared_data):
    app = open_app()
    cms = shared_data / "axa" / "series" / "CMS.csv"
    app.file_uploader(key="upload_files").set_value([("CMS.csv", cms.read_bytes(), CSV)]).run()
    go(app, "staffing")
    assert_clean(app)
    assert metric(app, "Paid hours") == "87"
    assert metric(app, "Cost, 7 days") == "€ 2,146"
    (note,) = [item.value for item in app.info if "expects no contacts" in item.value]
    # Before: "... 29 of its 29 agent-hours (100%) are that minimum ... Merge it with another
    # queue, or have it answered by a shared pool of agents", advice for a queue with contacts
    # to pool, and no word of the 87 paid hours and € 2,146 the empty queue costs.
    assert note == (
        "Queue 'CMS' expects no contacts over the horizon, yet is staffed with at least one "
        "agent whenever it is open: all 29 of its agent-hours. Close it for these days (a "
        "message or a forward to another queue takes any stray contact) to save its 87 paid "
        "hours and € 2,146 (supervisors included)."
    )


# ------------------------------------------------- Part time as long as full time


def test_part_time_as_long_as_full_time_is_said_beside_the_figures(picco_home):
    app = go(open_app(), "shifts")
    assert not app.warning  # 8 h and 4 h: nothing to say
    app.number_input(key="shift_part_hours").set_value(8.0).run()
    assert not app.exception and not app.error
    assert metric(app, "Paid hours on shifts") == "2,688"
    assert metric(app, "Hours beyond the need") == "1,164"
    assert metric(app, "Share of paid hours needed") == "56.7%"
    # Before: no word beside these figures; only a caption at the page's foot, under "More or
    # fewer part-timers", said the 30% cap changes nothing.
    assert [item.value for item in app.warning] == [
        "The part-time shift is as long as the full-time one (8 h), so every shift is full "
        "time and the part-time cap plans none: 1,164 of the 2,688 paid hours (43%) are beyond "
        "the need. A shorter part-time shift (4 h, say) lets the plan follow the busy hours."
    ]


# ------------------------------------------------- Opening a dataset drops the same keys always


def test_opening_a_dataset_drops_the_keys_bound_to_data_in_any_session_of_the_process(
    picco_home,
):
    # Before: the keys were gathered as pages ran, so a server's first session kept a queue a
    # later session dropped, and a test passed or failed by the tests run before it.
    from app_ui import settings, state

    for key in (settings.QUEUE_CHANNELS, settings.QUEUE_AHTS, settings.QUEUE_PATIENCE):
        assert key in state.DATASET_BOUND_KEYS
    for key in ("queue", "channel", "aht_seconds", "patience_s", "exclude_dates"):
        assert key in state.DATASET_BOUND_KEYS
    app = go(open_app(queue="email"), "staffing")
    assert_clean(app)
    assert app.session_state["queue"] == "phone"  # the sample's busiest queue
    assert app.session_state["channel"] == "voice"
