"""Erlang A (M/M/n+M): checked against a directly solved birth-death chain, a tagged-customer
Markov chain for the service level, and a seeded discrete-event simulation."""

from __future__ import annotations

import heapq

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import linalg, special

from staffing import queue_metrics, required_agents


def birth_death_chain(load: float, agents: int, aht: float, patience: float, extra: int = 4000):
    """Stationary law of M/M/n+M solved state by state (log space), truncated far in the tail."""
    arrival, service, abandon = load / aht, 1.0 / aht, 1.0 / patience
    states = np.arange(agents + extra + 1)
    departures = np.minimum(states, agents) * service + np.maximum(states - agents, 0) * abandon
    log_ratio = np.log(arrival) - np.log(departures[1:])
    log_weights = np.concatenate([[0.0], np.cumsum(log_ratio)])
    probability = np.exp(log_weights - special.logsumexp(log_weights))
    waiting = np.maximum(states - agents, 0)
    return {
        "states": states,
        "probability": probability,
        "prob_wait": probability[states >= agents].sum(),
        "abandon_rate": abandon * (waiting * probability).sum() / arrival,
        "occupancy": (np.minimum(states, agents) * probability).sum() / agents,
        "mean_wait": (waiting * probability).sum() / arrival,  # Little's law on the queue
    }


def service_level_by_tagged_customer(load, agents, aht, patience, within, ahead_max=200):
    """P(answered within t): an arrival sees m waiting (chain above) and then moves up the queue
    as a small absorbing Markov chain (people ahead leave at n mu + i theta, its own patience
    runs out at theta), solved with a matrix exponential."""
    chain = birth_death_chain(load, agents, aht, patience)
    service, abandon = 1.0 / aht, 1.0 / patience
    size = ahead_max + 1
    generator = np.zeros((size + 2, size + 2))  # states 0..ahead_max, then served, abandoned
    for ahead in range(size):
        move = agents * service + ahead * abandon
        generator[ahead, ahead - 1 if ahead else size] = move
        generator[ahead, size + 1] += abandon
        generator[ahead, ahead] = -(move + abandon)
    served_by_t = linalg.expm(generator * within)[:size, size]
    probability, states = chain["probability"], chain["states"]
    free = probability[states < agents].sum()
    waiting = probability[agents : agents + size]
    return free + (waiting * served_by_t).sum()


def simulate(load, agents, aht, patience, within, customers=120_000, seed=7):
    """First come, first served: each caller takes the first agent free after those ahead,
    unless its patience runs out first (then it leaves without using an agent)."""
    rng = np.random.default_rng(seed)
    arrivals = np.cumsum(rng.exponential(aht / load, customers))
    services = rng.exponential(aht, customers)
    patiences = rng.exponential(patience, customers)
    free_at = [0.0] * agents
    waits = np.empty(customers)
    answered = np.zeros(customers, dtype=bool)
    for index in range(customers):
        arrival = arrivals[index]
        wait = max(free_at[0] - arrival, 0.0)
        if wait > patiences[index]:
            waits[index] = patiences[index]
            continue
        answered[index] = True
        waits[index] = wait
        heapq.heapreplace(free_at, arrival + wait + services[index])
    keep = slice(customers // 10, None)  # drop the warm-up from an empty center
    return {
        "service_level": np.mean(answered[keep] & (waits[keep] <= within)),
        "abandon_rate": 1.0 - np.mean(answered[keep]),
        "prob_wait": np.mean(waits[keep] > 0),
        "asa_seconds": np.mean(waits[keep]),
    }


def test_reference_example_100_calls_aht_3_min_patience_5_min():
    # 100 calls / 30 min, AHT 3 min, mean patience 5 min, 14 agents (issue reference values)
    row = queue_metrics(100, 180, 1800, 14, 20, patience_seconds=300).iloc[0]
    assert row.prob_wait == pytest.approx(0.1453, abs=1e-4)
    assert row.abandon_rate == pytest.approx(0.0140, abs=1e-4)
    assert row.occupancy == pytest.approx(0.704, abs=1e-3)
    assert row.asa_seconds == pytest.approx(4.2, abs=0.05)


@pytest.mark.parametrize(
    ("load", "agents", "aht", "patience"),
    [(10.0, 14, 180, 300), (10.0, 9, 180, 300), (10.0, 5, 180, 60), (3.0, 4, 300, 1200),
     (0.4, 1, 240, 90), (50.0, 52, 300, 600), (200.0, 190, 300, 120)],
)  # fmt: skip
def test_matches_the_birth_death_chain(load, agents, aht, patience):
    chain = birth_death_chain(load, agents, aht, patience)
    row = queue_metrics(load * 900 / aht, aht, 900, agents, 20, patience).iloc[0]
    assert row.prob_wait == pytest.approx(chain["prob_wait"], rel=1e-8)
    assert row.abandon_rate == pytest.approx(chain["abandon_rate"], rel=1e-7)
    assert row.occupancy == pytest.approx(chain["occupancy"], rel=1e-8)
    assert row.asa_seconds == pytest.approx(chain["mean_wait"], rel=1e-7)


@pytest.mark.parametrize(
    ("load", "agents", "aht", "patience", "within"),
    [(10.0, 14, 180, 300, 20), (10.0, 11, 180, 300, 60), (10.0, 8, 180, 120, 30),
     (3.0, 4, 300, 1200, 15), (40.0, 41, 300, 200, 20), (5.0, 6, 200, 50, 0)],
)  # fmt: skip
def test_service_level_matches_the_tagged_customer_chain(load, agents, aht, patience, within):
    expected = service_level_by_tagged_customer(load, agents, aht, patience, within)
    got = queue_metrics(load * 900 / aht, aht, 900, agents, within, patience).service_level
    assert got.iloc[0] == pytest.approx(expected, abs=1e-9)


def test_large_center_matches_the_chain_in_log_space():
    chain = birth_death_chain(1000.0, 1000, 300, 300, extra=3000)
    row = queue_metrics(3000, 300, 900, 1000, 20, 300).iloc[0]
    assert 0.0 < row.prob_wait < 1.0
    assert row.prob_wait == pytest.approx(chain["prob_wait"], rel=1e-7)
    assert row.abandon_rate == pytest.approx(chain["abandon_rate"], rel=1e-6)


def test_matches_a_seeded_simulation():
    simulated = simulate(10.0, 12, 180, 300, 20)
    row = queue_metrics(100, 180, 1800, 12, 20, 300).iloc[0]
    assert row.service_level == pytest.approx(simulated["service_level"], abs=0.01)
    assert row.abandon_rate == pytest.approx(simulated["abandon_rate"], abs=0.004)
    assert row.prob_wait == pytest.approx(simulated["prob_wait"], abs=0.01)
    assert row.asa_seconds == pytest.approx(simulated["asa_seconds"], rel=0.08)


def test_vectorised_rows_equal_one_at_a_time():
    rng = np.random.default_rng(3)
    volume = rng.uniform(0, 800, 40)
    agents = rng.integers(0, 300, 40)
    patience = rng.uniform(20, 900, 40)
    together = queue_metrics(volume, 300, 900, agents, 20, patience)
    for row in range(0, 40, 5):
        alone = queue_metrics(volume[row], 300, 900, agents[row], 20, patience[row]).iloc[0]
        assert together.iloc[row].to_numpy() == pytest.approx(alone.to_numpy(), rel=1e-10)
    assert np.isfinite(together.to_numpy()).all()


def test_required_agents_is_the_smallest_meeting_every_target():
    agents = int(required_agents(100, 180, 1800, 0.8, 20, patience_seconds=300))
    assert agents == 13  # one fewer than Erlang C: callers who hang up shorten the queue
    metrics = queue_metrics(100, 180, 1800, [agents - 1, agents], 20, 300)
    assert metrics.service_level.iloc[0] < 0.8 <= metrics.service_level.iloc[1]
    capped = int(required_agents(100, 180, 1800, 0.8, 20, patience_seconds=300,
                                 max_abandon_rate=0.005))  # fmt: skip
    metrics = queue_metrics(100, 180, 1800, [capped - 1, capped], 20, 300)
    assert metrics.abandon_rate.iloc[0] > 0.005 >= metrics.abandon_rate.iloc[1]


def test_very_patient_callers_give_the_erlang_c_answer():
    volume = np.array([10, 100, 1000, 30_000.0])
    erlang_c = required_agents(volume, 300, 900, 0.8, 20)
    erlang_a = required_agents(volume, 300, 900, 0.8, 20, patience_seconds=1e9)
    assert erlang_a.tolist() == erlang_c.tolist()


def test_understaffed_large_center_is_finite_and_sensible():
    metrics = queue_metrics(30_000, 300, 900, [0, 5_000, 9_500, 10_000], 20, 300)
    # without an agent nobody is answered: the answered callers' mean wait has no value
    answered = metrics.pop("answered_asa_seconds")
    assert np.isnan(answered.iloc[0]) and np.isfinite(answered.iloc[1:]).all()
    assert np.isfinite(metrics.to_numpy()).all()
    # with half the agents needed, about half the callers hang up (fluid limit 1 - n / A)
    assert metrics.abandon_rate.iloc[1] == pytest.approx(0.5, abs=0.01)
    assert metrics.abandon_rate.iloc[0] == 1.0
    assert metrics.service_level.iloc[0] == 0.0


@settings(max_examples=40, deadline=None)
@given(st.floats(1, 1500), st.floats(60, 900), st.floats(30, 1200), st.floats(0.5, 0.95),
       st.floats(1.0, 1.5))  # fmt: skip
def test_more_volume_never_needs_fewer_agents(volume, aht, patience, level, growth):
    low, high = required_agents([volume, volume * growth], aht, 900, level, 20,
                                patience_seconds=patience)  # fmt: skip
    assert low <= high


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(1, 5000), min_size=1, max_size=30),
    st.lists(st.integers(1, 6000), min_size=30, max_size=30),
    st.integers(1, 50),
    st.sampled_from(["linear", "concave", "steps"]),
)
def test_vectorised_search_finds_the_exact_threshold(answers, starts, step, shape):
    from staffing.search import smallest_feasible

    answers = np.array(answers)
    starts = np.array(starts[: answers.size])
    curves = {
        "linear": lambda n, a: n - a,
        "concave": lambda n, a: np.tanh((n - a + 0.5) / 40.0),
        "steps": lambda n, a: np.where(n >= a, 0.5, -1.0),  # flat: the secant has no slope
    }

    def slack(rows, agents):
        return curves[shape](agents.astype(float), answers[rows])

    assert smallest_feasible(starts, slack, step).tolist() == answers.tolist()


def test_wide_random_inputs_stay_finite_and_consistent():
    rng = np.random.default_rng(11)
    size = 3_000
    volume = 10 ** rng.uniform(-3, 4.5, size)
    aht = 10 ** rng.uniform(0.5, 3.5, size)
    patience = 10 ** rng.uniform(-0.5, 5, size)
    agents = np.floor(volume * aht / 900 * rng.uniform(0, 2, size))
    within = rng.uniform(0, 600, size)
    metrics = queue_metrics(volume, aht, 900, agents, within, patience)
    answered = metrics.pop("answered_asa_seconds")
    assert np.isnan(answered).tolist() == (agents == 0).tolist()  # nobody answered: no value
    values = metrics.to_numpy()
    assert np.isfinite(values).all()
    # the answered callers' share of the total wait is part of it
    served = agents > 0
    share = (answered * (1 - metrics.abandon_rate))[served]
    assert (share <= metrics.asa_seconds[served] * (1 + 1e-9) + 1e-12).all()
    probabilities = metrics[["service_level", "occupancy", "prob_wait", "abandon_rate"]]
    assert ((probabilities >= 0) & (probabilities <= 1)).all().all()
    # answered in time <= answered; waiting at least as likely as hanging up
    assert (metrics.service_level <= 1 - metrics.abandon_rate + 1e-9).all()
    assert (metrics.abandon_rate <= metrics.prob_wait + 1e-9).all()


@settings(max_examples=40, deadline=None)
@given(st.floats(1, 1500), st.floats(60, 900), st.floats(1.0, 1.5), st.floats(30, 1200),
       st.floats(0.5, 0.95), st.floats(0.0, 0.04), st.floats(0, 60))  # fmt: skip
def test_longer_calls_or_tighter_targets_never_need_fewer_agents(
    volume, aht, longer, patience, level, tighter, within
):
    base = required_agents(volume, aht, 900, level, within + 5, patience_seconds=patience)
    assert base <= required_agents(volume, aht * longer, 900, level, within + 5,
                                   patience_seconds=patience)  # fmt: skip
    assert base <= required_agents(volume, aht, 900, level + tighter, within,
                                   patience_seconds=patience)  # fmt: skip
