"""Property tests: the engine equals slow references on random multigraphs with random failures."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_diversity_reference import random_network, random_scenario, reference_values

from stamnett_gui.analysis.diversity import DiversityEngine, assess_diversity
from stamnett_gui.domain import FailureScenario

MEASURES = ("edge", "node", "risk")

network_shapes = st.tuples(
    st.integers(min_value=0, max_value=2**32 - 1),  # seed
    st.integers(min_value=2, max_value=8),  # sites
    st.integers(min_value=0, max_value=14),  # links
    st.integers(min_value=0, max_value=3),  # named risk groups
    st.integers(min_value=0, max_value=3),  # core sites
    st.integers(min_value=1, max_value=3),  # target
)


def _values(report):
    return {s.site_id: (-1 if s.status.value == "failed" else s.diversity) for s in report.sites}


@pytest.mark.parametrize("measure", MEASURES)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shape=network_shapes)
def test_every_measure_equals_the_reference(measure, shape):
    seed, n, m, groups, core, target = shape
    rng = random.Random(seed)
    net = random_network(rng, n, m, groups, core)
    scenario = random_scenario(rng, net)
    report = assess_diversity(net, scenario, target=target, measure=measure)
    assert _values(report) == reference_values(net, scenario, target, measure)
    intact = reference_values(net, FailureScenario(), target, measure)
    assert {s.site_id: s.baseline for s in report.sites} == intact


@pytest.mark.parametrize("measure", MEASURES)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shape=network_shapes, clicks=st.lists(st.integers(min_value=0, max_value=10**6),
                                              min_size=1, max_size=8))
def test_incremental_equals_full_recompute(measure, shape, clicks):
    """Toggling links, sites and groups one click at a time gives the from-scratch answer."""
    seed, n, m, groups, core, target = shape
    rng = random.Random(seed)
    net = random_network(rng, n, m, groups, core)
    engine = DiversityEngine(net, target, measure)
    scenario = FailureScenario()
    for click in clicks:
        kind = click % 3
        if kind == 0 and net.links:
            scenario = scenario.toggle_link(net.links[click % len(net.links)].id)
        elif kind == 1:
            scenario = scenario.toggle_site(net.sites[click % len(net.sites)].id)
        elif net.risk_groups_by_name:
            names = sorted(net.risk_groups_by_name)
            scenario = scenario.toggle_group(names[click % len(names)])
        incremental = engine.assess(scenario)
        fresh = DiversityEngine(net, target, measure).solver.solve(
            *engine.key(scenario))
        assert [max(v, 0) for v in fresh.value] == [s.diversity for s in incremental.sites]


@pytest.mark.parametrize("measure", MEASURES)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_larger_random_networks_equal_the_reference(measure, seed):
    """Around twenty sites: long enough for the sink set to grow past the core."""
    rng = random.Random(seed)
    risk = measure == "risk"
    n = rng.randint(8, 12) if risk else rng.randint(10, 20)
    target = 2 if risk else 3  # the brute-force reference grows fast with the target
    net = random_network(rng, n, rng.randint(n, 2 * n), 3 if risk else 0, rng.randint(1, 3))
    scenario = random_scenario(rng, net, p=0.05)
    report = assess_diversity(net, scenario, target=target, measure=measure)
    assert _values(report) == reference_values(net, scenario, target, measure)
