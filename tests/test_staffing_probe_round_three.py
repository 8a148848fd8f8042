"""Staffing probe, round three: limits of Erlang A, service-level ties, unchecked inputs.

Expected values come from an independent scalar reference written here (Erlang B by the
log-space recursion 1/B(k) = 1 + k/A * 1/B(k-1), then Erlang C and its service level), never
from the engine's own output.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data.errors import InputError
from staffing import erlang_a, queue_metrics, required_agents
from staffing.backlog import email_plan
from staffing.chat import chat_required_agents
from staffing.people import rostered_agents, supervisors_needed
from staffing.plan import StaffingSettings


def _log_inverse_erlang_b(agents: int, load: float) -> float:
    """log(1 / B(n, A)) by the recursion 1/B(k) = 1 + k/A / B(k-1), summed in logs."""
    value = 0.0
    for k in range(1, agents + 1):
        value = np.logaddexp(0.0, math.log(k / load) + value)
    return float(value)


def _erlang_c_service_level(agents: int, load: float, aht: float, within: float) -> float:
    if agents <= load:
        return 0.0
    blocking = math.exp(-_log_inverse_erlang_b(agents, load))
    wait = agents * blocking / (agents - load * (1.0 - blocking))
    return 1.0 - wait * math.exp(-(agents - load) * within / aht)


def _erlang_c_agents(load: float, aht: float, within: float, target: float) -> int:
    """Smallest n with SL >= target, climbing the recursion one agent at a time."""
    agents = math.floor(load) + 1
    log_inverse = _log_inverse_erlang_b(agents, load)
    while True:
        blocking = math.exp(-log_inverse)
        wait = agents * blocking / (agents - load * (1.0 - blocking))
        if 1.0 - wait * math.exp(-(agents - load) * within / aht) >= target - 1e-12:
            return agents
        agents += 1
        log_inverse = float(np.logaddexp(0.0, math.log(agents / load) + log_inverse))


# --- Erlang A for very patient callers: the M/M/n (Erlang C) limit --------------------------
# Knessl & van Leeuwaarden, "Transient analysis of the Erlang A model" (Math Meth Oper Res
# 82, 2015): M/M/m+M specialises to M/M/m as patience grows without bound and to the M/M/m/m
# loss model as it vanishes.


@pytest.mark.parametrize(
    ("erlangs", "agents"), [(3000.0, 3100), (20_000.0, 20_100), (10.0, 12), (100.0, 110)]
)
def test_service_level_of_very_patient_callers_tends_to_erlang_c(erlangs, agents):
    # 20,000 Erlangs (60,000 calls of 300 s per 15 minutes) on 20,100 agents, 20 s target:
    # Erlang C answers 99.9533% in time. With 1e13 s of patience the service level read 100%
    # (1e10 s: 99.934%), because log Gamma(b + m + 2) - log Gamma(b + 1) with b ~ 7e13 lost
    # its digits to cancellation; 100 Erlangs on 110 agents read 87.62% for 87.83%.
    expected = _erlang_c_service_level(agents, erlangs, 300.0, 20.0)
    volume = erlangs * 900.0 / 300.0
    # Erlang A answers a hair more in time (the few who would wait longest hang up), by a
    # share that falls like 1 / patience
    for patience, gap in ((1e10, 1e-7), (1e13, 1e-10)):
        got = queue_metrics(volume, 300, 900, agents, 20, patience_seconds=patience)
        assert got.service_level.iloc[0] == pytest.approx(expected, abs=gap)
        assert got.service_level.iloc[0] >= expected - 1e-12


def test_very_patient_callers_need_the_erlang_c_agents_at_a_large_center():
    # 95% in 20 s: Erlang C needs 20,040 agents on 20,000 Erlangs of 300 s calls and 20,005
    # on 20,000 Erlangs of 30 s calls. With 1e12 s of patience the search said 20,043 and
    # 20,001 (fewer than any patience can justify on that service level).
    assert _erlang_c_agents(20_000.0, 300.0, 20.0, 0.95) == 20_040
    assert _erlang_c_agents(20_000.0, 30.0, 20.0, 0.95) == 20_005
    got = required_agents(
        [60_000.0, 600_000.0], [300.0, 30.0], 900, 0.95, 20, patience_seconds=1e12
    )
    assert got.tolist() == [20_040, 20_005]


def test_impatient_callers_tend_to_the_erlang_b_loss_system():
    # 30 lines, 25 Erlangs: Erlang B blocks 5.26% (the textbook "approximately 0.05" example;
    # 0.0526032 by the recursion). Callers who hang up at once are that share lost, the rest
    # answered at once.
    blocking = math.exp(-_log_inverse_erlang_b(30, 25.0))
    assert blocking == pytest.approx(0.0526032, abs=1e-7)
    got = queue_metrics(75, 300, 900, 30, 0, patience_seconds=1e-6).iloc[0]
    assert got.abandon_rate == pytest.approx(blocking, rel=1e-6)
    assert got.service_level == pytest.approx(1.0 - blocking, rel=1e-6)
    assert got.occupancy == pytest.approx(25.0 * (1.0 - blocking) / 30.0, rel=1e-6)


@pytest.mark.parametrize("base", [1.0, 3.5, 1e5, 1e6, 1e8, 1e10, 1e14])
def test_log_rising_factorial_keeps_its_digits_for_huge_bases(base):
    # log Gamma(b + 50) - log Gamma(b) = sum_{j<50} log(b + j); gammaln's difference was off
    # by 2.5e-5 at b = 1e10 and by 0.31 at b = 1e14
    expected = math.fsum(math.log(base + j) for j in range(50))
    got = erlang_a._log_rising(np.array([base]), np.array([50.0]))[0]
    assert got == pytest.approx(expected, rel=5e-14)
    assert erlang_a._log_rising(np.array([base]), np.array([0.0]))[0] == pytest.approx(
        0.0, abs=1e-12
    )


# --- a service level met exactly is met ------------------------------------------------------


@pytest.mark.parametrize(
    ("volume", "aht", "target"), [(2, 90, 0.8), (1, 90, 0.9), (6, 30, 0.8), (3, 30, 0.9)]
)
def test_one_agent_answering_exactly_the_target_at_once_is_enough(volume, aht, target):
    # 2 calls of 90 s per 15 minutes is 0.2 Erlangs; one agent (M/M/1) makes a caller wait
    # with probability rho = 0.2, so exactly 80% are answered within 0 s. The float formulas
    # give 0.7999999999999999 and the engine hired a second agent.
    load = volume * aht / 900
    assert 1.0 - load == pytest.approx(target, abs=1e-15)
    assert required_agents(volume, aht, 900, target, 0) == 1
    assert required_agents(volume, aht, 900, target, 0, patience_seconds=120) == 1


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(0.001, 4000.0), min_size=1, max_size=6),
    st.sampled_from([30.0, 180.0, 300.0, 1800.0, 7200.0]),
    st.sampled_from([300.0, 900.0, 1800.0, 3600.0]),
    st.sampled_from([0.2, 0.8, 0.95, 0.999]),
    st.sampled_from([0.0, 10.0, 20.0, 120.0]),
)
def test_every_interval_of_the_vectorised_search_matches_the_scalar_reference(
    volumes, aht, interval, target, within
):
    got = required_agents(volumes, aht, interval, target, within)
    expected = [_erlang_c_agents(v * aht / interval, aht, within, target) for v in volumes]
    assert got.tolist() == expected


@settings(max_examples=60, deadline=None)
@given(
    st.floats(0.0, 400.0),
    st.floats(0.0, 100.0),
    st.sampled_from([None, 60.0, 300.0]),
    st.sampled_from([0.6, 0.8, 0.9]),
)
def test_three_chats_per_agent_a_quantile_above_the_mean_never_gets_fewer_agents(
    mean, buffer, patience, target
):
    # P80 >= mean: sized on more chats, never fewer agents. Three chats per agent with 25%
    # slowdown per extra chat: a 600 s chat takes 900 s, and agents = ceil(slots / 3).
    low, high = (
        int(chat_required_agents(v, 600, 900, target, 30, 3, 0.25, patience_seconds=patience))
        for v in (mean, mean + buffer)
    )
    assert low <= high
    if patience is None and mean > 0:
        slots = _erlang_c_agents(mean * 900 / 900, 900.0, 30.0, target)
        assert low == -(-slots // 3)


# --- inputs that came out as silent numbers ---------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"volume": [np.nan, 10, 0, 0]},
            "e-mail volume must be a finite number; position 0 is nan",
        ),
        ({"volume": [-10.0, 10, 0, 0]}, "e-mail volume cannot be negative (got -10 at position 0)"),
        ({"aht_seconds": np.inf}, "e-mail AHT seconds must be a finite number, got inf"),
        ({"aht_seconds": -300}, "e-mail AHT seconds must be greater than 0 (got -300)"),
        ({"interval_seconds": 0}, "interval seconds must be greater than 0 (got 0)"),
        ({"agents": [np.nan, 2, 2, 2]}, "e-mail agents must be a finite number; position 0"),
        ({"agents": [-1, 2, 2, 2]}, "e-mail agents cannot be negative (got -1 at position 0)"),
        ({"is_open": [True, False]}, "one per interval: 2 flags for 4 intervals"),
    ],
)
def test_email_inputs_that_are_not_numbers_are_refused_by_name(kwargs, message):
    # Before: NaN volume gave NaN backlog and service level; -10 mails got 1, 2, 3 agents; a
    # negative AHT a backlog of 20 mails with 100% answered in time; interval 0 a
    # ZeroDivisionError; mismatched opening flags an IndexError.
    arguments = {"volume": [10.0, 10, 0, 0], "aht_seconds": 300, "interval_seconds": 900,
                 "response_hours": 1} | kwargs  # fmt: skip
    with pytest.raises(InputError) as caught:
        email_plan(**arguments)
    assert message in str(caught.value)


def test_email_checks_keep_whole_agents_whole():
    got = email_plan([10.0, 10, 0, 0], 300, 900, 1, agents=np.array([1, 2, 2, 2]))
    assert got.agents.dtype == np.int64
    assert got.agents.tolist() == [1, 2, 2, 2]


def test_people_counts_that_are_not_numbers_are_refused():
    # Before: NaN agents became -9,223,372,036,854,775,808 people; -5 agents -7 rostered.
    with pytest.raises(InputError, match="agents must be a finite number; position 0 is nan"):
        rostered_agents(np.array([np.nan, 1.0]))
    with pytest.raises(InputError, match=r"agents cannot be negative \(got -5 at position 0\)"):
        rostered_agents(np.array([-5, 1]))
    with pytest.raises(InputError, match="rostered agents must be a finite number"):
        supervisors_needed(np.array([np.inf]))
    # 21 agents at 30% shrinkage are 30 people, 2.5 supervisors at one per 12, so 3
    assert rostered_agents(np.array([21, 0])).tolist() == [30, 0]
    assert supervisors_needed(np.array([30, 0])).tolist() == [3, 0]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"min_agents_open": math.nan}, "minimum agents while open must be a whole number"),
        ({"min_agents_open": math.inf}, "minimum agents while open must be a whole number"),
        ({"service_level": math.nan}, "service level must be a finite number, got nan"),
        ({"answer_within_seconds": math.nan}, "answer-within seconds must be a finite number"),
    ],
)
def test_settings_that_are_not_numbers_are_refused_when_made(kwargs, message):
    # Before: NaN minimum agents raised ValueError (inf OverflowError); a NaN service level or
    # answer time passed every comparison and the settings were kept.
    with pytest.raises(InputError, match=message):
        StaffingSettings(**kwargs)


@pytest.mark.parametrize("patience", [None, 60.0])
@pytest.mark.parametrize("volume", [5e-324, 1e-310, 1e-13])
def test_a_vanishing_load_needs_one_agent_and_no_endless_search(volume, patience):
    # 5e-324 contacts (a subnormal float, as hypothesis draws) made Erlang A's search run on
    # for minutes: its 1/x terms overflow, and the search never bracketed the answer.
    voice = required_agents(volume, 600, 900, 0.8, 30, patience_seconds=patience)
    chat = chat_required_agents(volume, 600, 900, 0.8, 30, 3, 0.25, patience_seconds=patience)
    assert int(voice) == 1 and int(chat) == 1
