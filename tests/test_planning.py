"""Scenario layer: quantile and what-if demand, plans against direct Erlang C, comparisons."""

from __future__ import annotations

import dataclasses
import datetime
import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data.errors import InputError
from data.schema import Dataset
from data.store import Store
from planning import (
    METRIC_LABELS,
    Scenario,
    build_plan,
    compare_scenarios,
    default_aht_by_queue,
    scenario_demand,
)
from planning.compare import plans_side_by_side
from staffing import required_agents
from staffing.plan import StaffingSettings

INTERVAL_MINUTES = 15


def forecast_frame(days: int = 2, queues: tuple[str, ...] = ("phone",)) -> pd.DataFrame:
    """A forecast table like forecasting's: open 08:00-20:00, a double intraday peak, widening
    quantiles (p10 < p50 <= forecast < p80 < p90), closed slots 0."""
    starts = pd.date_range("2026-03-02", periods=days * 96, freq=f"{INTERVAL_MINUTES}min")
    hours = starts.hour + starts.minute / 60
    is_open = (hours >= 8) & (hours < 20)
    shape = 40 + 60 * np.exp(-((hours - 10.5) ** 2) / 2) + 45 * np.exp(-((hours - 15) ** 2) / 3)
    frames = []
    for number, queue in enumerate(queues):
        forecast = np.where(is_open, shape * (1 + 0.5 * number), 0.0)
        frames.append(
            pd.DataFrame(
                {
                    "interval_start": starts,
                    "queue": queue,
                    "forecast": forecast,
                    "p10": forecast * 0.8,
                    "p50": forecast * 0.98,
                    "p80": forecast * 1.12,
                    "p90": forecast * 1.2,
                    "is_open": is_open,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def direct_agents(volume: np.ndarray, aht: float, settings: StaffingSettings) -> np.ndarray:
    """Erlang C agents straight from staffing.required_agents (compare on open slots only)."""
    needed = required_agents(
        volume, aht, INTERVAL_MINUTES * 60, settings.service_level, settings.answer_within_seconds
    )
    return np.asarray(needed, dtype=float)


def test_plus_20_percent_volume_matches_erlang_c_on_scaled_volume_and_costs_more():
    frame = forecast_frame()
    base = build_plan(frame, INTERVAL_MINUTES, Scenario("base"))
    more = build_plan(frame, INTERVAL_MINUTES, Scenario("more", volume_change_pct=20))
    is_open = frame["is_open"].to_numpy()
    expected = direct_agents(frame["forecast"].to_numpy() * 1.2, 300.0, StaffingSettings())
    np.testing.assert_array_equal(more.plan["agents"].to_numpy()[is_open], expected[is_open])
    assert (more.plan["agents"].to_numpy()[~is_open] == 0).all()
    np.testing.assert_allclose(more.plan["volume"], frame["forecast"] * 1.2)
    assert more.summary.cost_horizon > base.summary.cost_horizon
    assert more.summary.peak_agents > base.summary.peak_agents


def test_a_change_limited_to_some_days_staffs_those_days_as_changed_and_the_rest_as_forecast():
    frame = forecast_frame(days=3)
    day = frame["interval_start"].dt.date.to_numpy()
    second = datetime.date(2026, 3, 3)
    base = build_plan(frame, INTERVAL_MINUTES, Scenario("base")).plan
    everywhere = Scenario("all", volume_change_pct=50, aht_change_pct=20)
    changed = build_plan(frame, INTERVAL_MINUTES, everywhere).plan
    one_day = dataclasses.replace(everywhere, change_from=second, change_to="2026-03-03")
    plan = build_plan(frame, INTERVAL_MINUTES, one_day).plan
    inside = day == second
    np.testing.assert_allclose(plan["volume"][inside], frame["forecast"][inside] * 1.5)
    np.testing.assert_allclose(plan["volume"][~inside], frame["forecast"][~inside])
    np.testing.assert_allclose(plan["aht_seconds"][inside], 360.0)
    np.testing.assert_allclose(plan["aht_seconds"][~inside], 300.0)
    np.testing.assert_array_equal(plan["agents"][inside], changed["agents"][inside])
    np.testing.assert_array_equal(plan["agents"][~inside], base["agents"][~inside])
    assert (changed["agents"][inside] > base["agents"][inside]).sum() > 20  # a real change
    # Open-ended: from the second day on; up to the second day.
    later = build_plan(frame, INTERVAL_MINUTES, dataclasses.replace(everywhere, change_from=second))
    np.testing.assert_array_equal(
        later.plan["volume"] > base["volume"], frame["forecast"].gt(0) & (day >= second)
    )
    earlier = dataclasses.replace(everywhere, change_to=second)
    np.testing.assert_array_equal(
        build_plan(frame, INTERVAL_MINUTES, earlier).plan["volume"] > base["volume"],
        frame["forecast"].gt(0) & (day <= second),
    )


def test_pyworkforce_cross_check_of_scaled_peak_interval():
    # Independent reference: pyworkforce's ErlangC on the peak interval's 1.2x volume.
    erlang = pytest.importorskip("pyworkforce.queuing").ErlangC
    frame = forecast_frame(days=1)
    outcome = build_plan(frame, INTERVAL_MINUTES, Scenario("more", volume_change_pct=20))
    peak = int(frame["forecast"].idxmax())
    volume = float(frame["forecast"].iloc[peak]) * 1.2
    reference = erlang(transactions=volume, aht=300, asa=20, interval=900, shrinkage=0.0)
    positions = reference.required_positions(service_level=0.8, max_occupancy=1.0)
    assert outcome.plan["agents"].iloc[peak] == positions["raw_positions"]


def test_higher_quantile_never_staffs_fewer_agents():
    frame = forecast_frame()
    agents = {
        quantile: build_plan(frame, INTERVAL_MINUTES, Scenario(quantile, quantile=quantile))
        for quantile in ("mean", "p80", "p90")
    }
    mean, p80, p90 = (agents[name].plan["agents"].to_numpy() for name in ("mean", "p80", "p90"))
    assert (p80 >= mean).all() and (p90 >= p80).all()
    assert p90.sum() > p80.sum() > mean.sum()
    costs = [agents[name].summary.cost_horizon for name in ("mean", "p80", "p90")]
    assert costs[0] < costs[1] < costs[2]
    # Sized on the P90, judged on the mean forecast: the contacts expected.
    np.testing.assert_allclose(agents["p90"].plan["sized_for_volume"], frame["p90"])
    np.testing.assert_allclose(agents["p90"].plan["volume"], frame["forecast"])


def test_p50_quantile_staffs_the_p50_column():
    frame = forecast_frame(days=1)
    demand = scenario_demand(frame, Scenario("median", quantile="p50"))
    np.testing.assert_allclose(demand["volume"], frame["p50"])


def test_aht_by_queue_wins_over_scenario_aht_and_aht_change_scales_it():
    frame = forecast_frame(days=1, queues=("phone", "mail"))
    scenario = Scenario("slower", aht_change_pct=10, staffing=StaffingSettings(aht_seconds=250))
    outcome = build_plan(frame, INTERVAL_MINUTES, scenario, aht_by_queue={"phone": 180.0})
    plan = outcome.plan.set_index(["queue", "interval_start"])
    # phone: learned 180 s x 1.1 = 198 s; mail (not learned): the scenario's 250 s x 1.1 = 275 s
    assert plan.loc["phone", "aht_seconds"].unique().tolist() == pytest.approx([198.0])
    assert plan.loc["mail", "aht_seconds"].unique().tolist() == pytest.approx([275.0])
    phone = frame[frame["queue"] == "phone"]
    is_open = phone["is_open"].to_numpy()
    expected = direct_agents(phone["forecast"].to_numpy(), 198.0, StaffingSettings())
    np.testing.assert_array_equal(
        plan.loc["phone", "agents"].to_numpy()[is_open], expected[is_open]
    )


def test_zero_volume_scenario_keeps_minimum_staff_while_open_and_nobody_when_closed():
    frame = forecast_frame(days=1)
    outcome = build_plan(frame, INTERVAL_MINUTES, Scenario("gone", volume_change_pct=-100))
    is_open = frame["is_open"].to_numpy()
    assert (outcome.plan["volume"] == 0).all()
    assert (outcome.plan["agents"].to_numpy()[is_open] == 1).all()
    assert (outcome.plan["agents"].to_numpy()[~is_open] == 0).all()


def test_default_aht_by_queue_is_volume_weighted_and_skips_unknown():
    intervals = pd.DataFrame(
        {
            "queue": ["a", "a", "a", "b", "c"],
            "volume": [1.0, 3.0, 5.0, 2.0, 0.0],
            "aht_seconds": [100.0, 200.0, np.nan, np.nan, 50.0],
        }
    )
    # a: (1x100 + 3x200) / 4 = 175; b has no AHT; c has no contacts
    assert default_aht_by_queue(intervals) == {"a": pytest.approx(175.0)}
    assert default_aht_by_queue(intervals.drop(columns="aht_seconds")) == {}


def test_default_aht_by_queue_on_bank_log_matches_mean_talk_time(shared_data):
    # The README gives answered calls' mean talk time as about 176 s.
    from data.importer import import_files

    dataset = import_files([shared_data / "anonymous_bank" / "february_1999.txt"])
    aht = default_aht_by_queue(dataset.intervals)
    assert list(aht) == dataset.queues
    assert aht[dataset.queues[0]] == pytest.approx(176, abs=15)


def test_scenario_round_trips_through_json_and_the_store(tmp_path):
    scenario = Scenario(
        "Campaign +15%",
        volume_change_pct=15,
        aht_change_pct=-5.5,
        quantile="p80",
        staffing=StaffingSettings(
            channel="chat",
            aht_seconds=420,
            service_level=0.9,
            answer_within_seconds=30,
            patience_seconds=180,
            max_abandon_rate=0.05,
            supervisor_span=10,
            queue_channels={"mail": "email"},
        ),
        queue="chat",
        change_from="2026-03-09",
        change_to=datetime.date(2026, 3, 15),
    )
    assert Scenario.from_dict(json.loads(json.dumps(scenario.to_dict()))) == scenario
    assert scenario.to_dict()["change_from"] == "2026-03-09"
    store = Store(tmp_path / "picco.duckdb")
    store.save_dataset(tiny_dataset(), "desk")
    store.save_scenario("desk", scenario.name, scenario.to_dict())
    assert Scenario.from_dict(store.load_scenario("desk", scenario.name)) == scenario


def tiny_dataset() -> Dataset:
    starts = pd.date_range("2026-03-02", periods=4, freq="15min")
    intervals = pd.DataFrame(
        {
            "interval_start": starts,
            "queue": "phone",
            "volume": [1.0, 2.0, 3.0, 4.0],
            "answered": np.nan,
            "abandoned": np.nan,
            "aht_seconds": np.nan,
            "wait_seconds": np.nan,
            "is_open": True,
            "is_missing": False,
        }
    )
    open_hours = pd.DataFrame(
        {"queue": "phone", "weekday": 0, "minute_of_day": [0, 15, 30, 45], "is_open": True}
    )
    return Dataset("desk", "intervals", 15, intervals, open_hours)


def test_from_dict_fills_defaults_for_missing_knobs():
    restored = Scenario.from_dict({"name": "old", "staffing": {"service_level": 0.9}})
    assert restored.quantile == "mean" and restored.volume_change_pct == 0
    assert restored.staffing == StaffingSettings(service_level=0.9)
    assert restored.queue is None  # saved before scenarios recorded their queue
    assert restored.change_from is None and restored.change_to is None  # every day


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"quantile": "p95"}, "quantile 'p95'"),
        ({"volume_change_pct": -100.5}, "below -100%"),
        ({"aht_change_pct": -100}, "AHT change"),
        ({"volume_change_pct": "lots"}, "not a number"),
        ({"aht_change_pct": math.inf}, "not a number"),
        ({"name": "  "}, "name is empty"),
        ({"change_from": "2026-03-09", "change_to": "2026-03-02"}, "first day must not be after"),
        ({"change_from": "09/03/2026"}, "'09/03/2026' is not a date; write it as YYYY-MM-DD"),
        ({"change_to": 3.5}, "last day of the change '3.5' is not a date"),
    ],
)
def test_bad_scenario_values_raise_input_error(changes, message):
    arguments = {"name": "bad", **changes}
    with pytest.raises(InputError, match=message):
        Scenario(**arguments)


def test_from_dict_rejects_unknown_knobs_and_bad_staffing_values():
    with pytest.raises(InputError, match="unknown staffing settings colour"):
        Scenario.from_dict({"name": "x", "staffing": {"colour": "red"}})
    with pytest.raises(InputError, match="span"):
        Scenario.from_dict({"name": "x", "staffing": {"supervisor_span": 20}})
    with pytest.raises(InputError, match="no name"):
        Scenario.from_dict({"staffing": {}})


def test_forecast_without_the_chosen_quantile_column_is_an_input_error():
    frame = forecast_frame(days=1).drop(columns="p90")
    with pytest.raises(InputError, match="p90"):
        build_plan(frame, INTERVAL_MINUTES, Scenario("x", quantile="p90"))


def test_compare_scenarios_lists_metrics_and_deltas_against_baseline():
    frame = forecast_frame()
    outcomes = {
        "base": build_plan(frame, INTERVAL_MINUTES, Scenario("base")),
        "more": build_plan(frame, INTERVAL_MINUTES, Scenario("more", volume_change_pct=20)),
        "patient": build_plan(
            frame,
            INTERVAL_MINUTES,
            Scenario("patient", staffing=StaffingSettings(patience_seconds=120)),
        ),
    }
    table = compare_scenarios(outcomes, baseline="base")
    assert table.index.tolist() == METRIC_LABELS
    assert table.columns.tolist() == [
        "base", "more", "patient", "more Δ", "more Δ%", "patient Δ", "patient Δ%",
    ]  # fmt: skip
    base_cost = outcomes["base"].summary.cost_horizon
    more_cost = outcomes["more"].summary.cost_horizon
    assert table.loc["Total cost", "base"] == pytest.approx(base_cost)
    assert table.loc["Total cost", "more Δ"] == pytest.approx(more_cost - base_cost)
    assert table.loc["Total cost", "more Δ%"] == pytest.approx((more_cost / base_cost - 1) * 100)
    assert table.loc["Total cost", "more Δ"] > 0
    assert table.loc["Peak agents", "more"] == outcomes["more"].summary.peak_agents
    # Only the Erlang A scenario has an abandonment figure.
    assert math.isnan(table.loc["Expected abandonment", "base"])
    assert 0 < table.loc["Expected abandonment", "patient"] < 0.2
    with pytest.raises(InputError, match="Baseline scenario 'nope'"):
        compare_scenarios(outcomes, baseline="nope")


def test_plans_side_by_side_stacks_each_scenarios_intervals_in_order():
    frame = forecast_frame(days=1)
    outcomes = {
        "more": build_plan(frame, INTERVAL_MINUTES, Scenario("more", volume_change_pct=20)),
        "base": build_plan(frame, INTERVAL_MINUTES, Scenario("base")),
    }
    plans = plans_side_by_side(outcomes)
    assert plans.columns[0] == "scenario"
    assert plans["scenario"].tolist() == ["more"] * 96 + ["base"] * 96
    for name, outcome in outcomes.items():
        mine = plans[plans["scenario"] == name].reset_index(drop=True)
        assert mine["rostered"].tolist() == outcome.plan["rostered"].tolist()
        # Open 08:00-20:00 (48 slots): the 48 closed ones have no service figures.
        assert mine["service_level"].isna().sum() == 48
        assert mine.loc[mine["is_open"], "service_level"].notna().all()
    # +20% volume never needs fewer people in an interval, and somewhere needs more.
    more, base = (plans.loc[plans["scenario"] == n, "rostered"].to_numpy() for n in outcomes)
    assert (more >= base).all() and (more > base).any()
    assert plans_side_by_side({}).columns.tolist() == ["scenario"]


@settings(max_examples=25, deadline=None)
@given(
    volume_change=st.floats(min_value=-100, max_value=300),
    aht_change=st.floats(min_value=-90, max_value=300),
    quantile=st.sampled_from(["mean", "p50", "p80", "p90"]),
)
def test_scenario_demand_scales_the_chosen_column(volume_change, aht_change, quantile):
    frame = forecast_frame(days=1)
    scenario = Scenario("s", volume_change, aht_change, quantile)
    demand = scenario_demand(frame, scenario, {"phone": 200.0})
    column = "forecast" if quantile == "mean" else quantile
    np.testing.assert_allclose(demand["volume"], frame[column] * (1 + volume_change / 100))
    np.testing.assert_allclose(demand["aht_seconds"], 200.0 * (1 + aht_change / 100))
    assert Scenario.from_dict(json.loads(json.dumps(scenario.to_dict()))) == scenario


def test_the_settings_the_table_does_not_show_are_listed_for_the_download():
    scenario = Scenario(
        name="Erlang A 70%",
        queue="phone",
        staffing=StaffingSettings(
            max_occupancy=0.7, max_asa_seconds=30.0, patience_seconds=180.0, chat_concurrency=3
        ),
    )
    assert scenario.other_settings() == {
        "queue": "phone",
        "max_occupancy_pct": 70.0,
        "max_asa_seconds": 30.0,
        "erlang_a_patience_seconds": 180.0,
        "max_abandon_pct": None,
        "chats_per_agent": 3,
        "email_response_hours": StaffingSettings().email_response_hours,
        "email_hours": "0-24",
        "weekly_contract_hours": StaffingSettings().weekly_contract_hours,
        "full_time_shift_hours": 8.0,
        "shift_start_hours": "0-23.5",
        "shifts_per_person_per_week": 5,
        "aht_by_time_of_day": True,
    }
