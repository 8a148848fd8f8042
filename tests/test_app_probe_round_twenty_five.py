"""Round twenty-five of a manager's probe: a service level above the 99% cap is called a choice
of the planner, not an impossibility, driven headless with AppTest on the sample and small
uploads."""

from __future__ import annotations

from test_app_pages import go, open_app

# ------------------------------------------------- A service level above the planner's cap


def test_a_service_level_above_99_percent_is_said_to_pass_the_planners_cap(picco_home):
    app = go(open_app(), "staffing")
    app.number_input(key="sl_target_pct").set_value(99.9).run()
    errors = [item.value for item in app.error]
    # Before: "A service level above 99% cannot be planned for when contacts arrive at random
    # (you entered 99.9%): the agents it takes grow without bound.", though 99.9% within 20 s
    # is a finite number of agents.
    assert errors == [
        "These settings cannot be staffed: A service level of 99.9% is above the 99% the planner sizes for: near 100% each "
        "further step takes many more agents for a few more contacts answered in time. "
        "Enter at most 99%."
    ]
