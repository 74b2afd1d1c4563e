"""The capped flow itself: conservation, cancelling paths, decomposition into simple paths."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_diversity_reference import edge_value, node_value, random_network

from stamnett_gui.analysis.augmenting import Augmenter, decompose
from stamnett_gui.analysis.residual import (
    CORE_LEVEL,
    build_residual,
    core_distance,
    node_distance,
)
from stamnett_gui.domain import Link, Measure, Network, Site


def _flow_to_core(net: Network, measure: Measure, source: str, directed: bool, limit: int = 99):
    res = build_residual(net, measure)
    index = {s.id: i for i, s in enumerate(net.sites)}
    core = [index[c] for c in net.core if c != source]
    toward = node_distance(res, core_distance(res, core)) if directed else None
    aug = Augmenter(res, toward)
    cap0 = res.capacities(frozenset())
    cap = list(cap0)
    level = [-1] * res.n_nodes
    for c in core:
        level[res.core_node(c)] = CORE_LEVEL
    rank = [-1] * res.n_nodes
    src = res.source_node(index[source])
    flow = aug.run(cap, cap0, src, level, rank, 1, 0, limit)
    assert cap == cap0, "the working capacities are restored"
    return res, src, flow


@pytest.mark.parametrize("measure", [Measure.EDGE, Measure.NODE])
@pytest.mark.parametrize("directed", [False, True])
@settings(max_examples=120, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_flow_is_conserved_and_decomposes_into_simple_paths(measure, directed, seed):
    rng = random.Random(seed)
    n = rng.randint(3, 40)
    net = random_network(rng, n, rng.randint(n, 4 * n), 0, rng.randint(1, 4))
    source = next(s.id for s in net.sites if s.id not in net.core) if len(net.core) < n else None
    if source is None:
        return
    res, src, flow = _flow_to_core(net, measure, source, directed)
    links = list(net.links)
    sinks = set(net.core)
    expected = (edge_value if measure is Measure.EDGE else node_value)(net, links, source, sinks)
    assert flow.value == expected
    balance: Counter[int] = Counter()
    for arc in flow.arcs:
        balance[res.head[arc ^ 1]] += 1
        balance[res.head[arc]] -= 1
    wanted: Counter[int] = Counter({src: flow.value})
    for end in flow.ends:
        wanted[end] -= 1
    assert +balance == +wanted and -balance == -wanted
    paths = decompose(res, src, flow.arcs)
    assert len(paths) == flow.value
    used = [arc for path in paths for arc in path]
    assert len(used) == len(set(used)) and set(used) <= set(flow.arcs)
    for path in paths:
        nodes = [src] + [res.head[a] for a in path]
        assert len(nodes) == len(set(nodes)), "simple path"
        assert all(res.head[a ^ 1] == u for a, u in zip(path, nodes, strict=False))


def test_paths_that_cancel_on_a_link_still_give_conserved_flow():
    """The classic trap: the first shortest path blocks two others, the second cancels it."""
    ids = ("s", "a", "b", "c", "d", "t")
    sites = tuple(Site(i, i, 0.0, 0.0) for i in ids)
    pairs = [("s", "a"), ("a", "b"), ("b", "t"), ("s", "c"), ("c", "b"), ("a", "d"), ("d", "t")]
    links = tuple(Link(f"L{k}", a, b) for k, (a, b) in enumerate(pairs))
    net = Network("trap", sites, links, core=frozenset({"t"}))
    for directed in (False, True):
        res, _src, flow = _flow_to_core(net, Measure.EDGE, "s", directed)
        assert flow.value == 2
        assert {res.arc_link[a] for a in flow.arcs} == {0, 2, 3, 4, 5, 6}


def test_flow_stops_at_the_limit():
    sites = (Site("c", "c", 0.0, 0.0), Site("s", "s", 0.0, 0.0))
    links = tuple(Link(f"L{k}", "s", "c") for k in range(6))
    net = Network("many", sites, links, core=frozenset({"c"}))
    _res, _src, flow = _flow_to_core(net, Measure.EDGE, "s", True, limit=4)
    assert flow.value == 4 and flow.side is None


def test_a_link_crossed_forward_then_twice_backward_keeps_its_flow():
    """Regression: a link pushed a→b, cancelled, then pushed b→a must still show b→a."""
    pairs = [("s4", "s8"), ("s0", "s3"), ("s5", "s7"), ("s0", "s3"), ("s6", "s2"), ("s4", "s0"),
             ("s6", "s6"), ("s0", "s4"), ("s1", "s3"), ("s2", "s7"), ("s7", "s5"), ("s4", "s6"),
             ("s6", "s8"), ("s5", "s7"), ("s8", "s1"), ("s7", "s4"), ("s8", "s8"), ("s3", "s0"),
             ("s7", "s5"), ("s3", "s5"), ("s5", "s0"), ("s6", "s7"), ("s6", "s7"), ("s1", "s1"),
             ("s5", "s0"), ("s3", "s4"), ("s4", "s7")]
    sites = tuple(Site(f"s{i}", f"s{i}", 0.0, 0.0) for i in range(9))
    links = tuple(Link(f"L{k}", a, b) for k, (a, b) in enumerate(pairs))
    net = Network("cancel", sites, links, core=frozenset({"s6"}))
    for directed in (False, True):
        res, src, flow = _flow_to_core(net, Measure.EDGE, "s0", directed)
        balance: Counter[int] = Counter()
        for arc in flow.arcs:
            balance[res.head[arc ^ 1]] += 1
            balance[res.head[arc]] -= 1
        assert flow.value == edge_value(net, list(links), "s0", {"s6"}) == 5
        assert {k: v for k, v in balance.items() if v} == {src: 5, res.core_node(6): -5}
