"""Between all points: every pair's count from Gusfield's tree equals a maximum flow for that pair."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_diversity_cases import net
from test_diversity_reference import random_network, random_scenario

from stamnett_gui.analysis.pairs import all_pairs
from stamnett_gui.domain import FailureScenario


def flow_per_pair(network, scenario):
    """networkx's maximum flow for each pair, parallel links summed as capacity."""
    down_sites = scenario.down_sites(network)
    down_links = scenario.down_links(network)
    graph = nx.Graph()
    graph.add_nodes_from(s.id for s in network.sites if s.id not in down_sites)
    for link in network.links:
        if link.id in down_links or link.a == link.b:
            continue
        if graph.has_edge(link.a, link.b):
            graph[link.a][link.b]["capacity"] += 1
        else:
            graph.add_edge(link.a, link.b, capacity=1)
    return {(a, b): nx.maximum_flow_value(graph, a, b)
            for a, b in itertools.combinations(list(graph.nodes), 2)}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_every_pair_equals_its_own_maximum_flow(seed):
    rng = random.Random(seed)
    n = rng.randint(2, 9)
    network = random_network(rng, n, rng.randint(0, 3 * n), 2, 1)
    scenario = random_scenario(rng, network, p=0.1)
    target = rng.randint(1, 4)
    result = all_pairs(network, scenario, target=target, top=10_000)
    expected = flow_per_pair(network, scenario)
    for (a, b), value in expected.items():
        assert result.routes(a, b) == value == result.routes(b, a)
    below = sorted((v, *sorted((a, b))) for (a, b), v in expected.items() if v < target)
    assert result.below_target == len(below) and result.pairs == len(expected)
    assert sorted((p.routes, *sorted((p.a, p.b))) for p in result.weakest) == below
    assert [p.routes for p in result.weakest] == sorted(p.routes for p in result.weakest)


def test_parallel_links_count_and_down_sites_leave_the_pairs():
    n = net([("c", "a"), ("c", "a"), ("c", "a"), ("a", "b"), ("b", "c")])
    result = all_pairs(n, target=3)
    assert result.routes("a", "c") == 4 and result.routes("a", "b") == 2
    assert result.below_target == 2  # a-b and b-c
    down = all_pairs(n, FailureScenario(failed_sites=frozenset({"b"})), target=3)
    assert down.pairs == 1 and down.routes("a", "c") == 3
    with pytest.raises(KeyError):
        down.routes("a", "b")
    assert "1 of 1 pairs" not in down.headline() and down.below_target == 0
