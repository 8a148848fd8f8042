"""Round twenty-eight of a manager's probe: the Shifts page's part-time caps and the Forecast
page's day-by-day downloads hold the whole hours and contacts their tables show; the app writes
its days as the tables and peak lines do ("Mon 1 Mar", not "Mon 01 Mar"); a queue on the
stand-in handle time is named once, not again in the All queues list. Driven headless with
AppTest on the sample and the real data in ../shared."""

from __future__ import annotations

from test_app_pages import assert_clean, go, open_app
from test_app_round_two import offered  # noqa: F401  (the fixture)

CSV = "text/csv"


# ------------------------------------------------- Stand-in handle time: each queue named once


def test_the_queue_on_screen_on_a_stand_in_handle_time_is_not_listed_again(shared_data):
    series = shared_data / "axa" / "series"
    app = open_app()
    app.file_uploader(key="upload_files").set_value(
        [(name, (series / name).read_bytes(), CSV) for name in ("Tech. Axa.csv", "CMS.csv")]
    ).run()
    assert_clean(app)
    app.session_state["queue"] = "Tech. Axa"
    go(app, "staffing")
    assert_clean(app)
    warnings = [item.value for item in app.warning if "handle time" in item.value]
    # Before: 'Tech. Axa' at its handle time, and again beside CMS under the All queues table.
    assert warnings == [
        "The data holds no handle times for 'Tech. Axa': the 300 s above is a stand-in, not a "
        "measured figure, and every agent, hour and cost below rests on it. Type the queue's "
        "average handle time (talk, hold and after-call work).",
        "No handle times in the data for 'CMS': it is staffed at a 300-s stand-in, not a "
        "measured figure. Pick the queue above and type its average handle time.",
    ]
