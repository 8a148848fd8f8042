"""Round twenty of a manager's probe: a handle time nobody measured, the weekly pattern to roster
from, and e-mail outside its working hours, driven headless with AppTest."""

from __future__ import annotations

from test_app_pages import assert_clean, go, open_app, table
from test_app_probe_round_sixteen import TWO_QUEUES, two_queue_export, upload

STAND_IN = "is a stand-in, not a measured figure"

# ------------------------------------------------- Staffing and Shifts: the 300 s stand-in


def test_a_queue_without_handle_times_says_its_300_s_is_a_stand_in(picco_home):
    billing, sales = TWO_QUEUES
    app = upload(open_app(), "two.csv", two_queue_export())  # counts only, no handle time
    go(app, "staffing")
    assert not app.exception
    assert app.session_state["queue"] == billing
    assert app.number_input(key="aht_seconds").value == 300
    # Before: only the input's tooltip said so; the All queues caption even claimed each
    # queue's handle time came "from the data".
    assert [item.value for item in app.warning] == [
        f"The data holds no handle times for '{billing}': the 300 s above {STAND_IN}, and "
        "every agent, hour and cost below rests on it. Type the queue's average handle time "
        "(talk, hold and after-call work).",
        f"No handle times in the data for '{billing}' and '{sales}': they are staffed at a "
        "300-s stand-in, not a measured figure. Pick each queue above and type its average "
        "handle time.",
    ]
    overview, _ = table(app, "queue", "aht_seconds", "fte")
    assert overview["aht_seconds"].tolist() == [300, 300]

    # A typed handle time is the manager's own: only the other queue is still a stand-in.
    app.number_input(key="aht_seconds").set_value(240).run()
    assert [item.value for item in app.warning] == [
        f"No handle times in the data for '{sales}': it is staffed at a 300-s stand-in, not a "
        "measured figure. Pick the queue above and type its average handle time."
    ]
    overview, _ = table(app, "queue", "aht_seconds", "fte")
    assert overview["aht_seconds"].tolist() == [240, 300]

    # The Shifts page covers people sized on it, so it says so too.
    go(app, "shifts")
    assert not app.exception
    assert [item.value for item in app.warning] == []  # Billing EN, typed: nothing to say
    app.radio(key="shift_cover").set_value("all queues").run()
    assert [item.value for item in app.warning] == [
        f"No handle times in the data for '{sales}': it is staffed at a 300-s stand-in, not a "
        "measured figure. Pick the queue on the Staffing page and type its average handle time."
    ]


def test_the_sample_with_measured_handle_times_warns_of_no_stand_in(picco_home):
    app = go(open_app(), "staffing")
    assert_clean(app)
    assert app.number_input(key="aht_seconds").value == 307  # the phone queue's own
    assert not [item for item in app.warning if STAND_IN in item.value]
