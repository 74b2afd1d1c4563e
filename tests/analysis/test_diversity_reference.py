"""Slow, obviously correct reference answers, and checks of the references themselves.

Other test modules compare the engine against these. They use networkx max-flow
on a DiGraph with an explicit ``capacity`` on every arc (a missing capacity is
infinite in networkx), parallel links summed, node splitting for the node
measure, and brute-force enumeration of risk-group sets for the risk measure.
"""

from __future__ import annotations

import random
from itertools import combinations

import networkx as nx

from stamnett_gui.domain import FailureScenario, Link, Network, RiskGroup, Site

CORE = "__core__"


def _up(network: Network, scenario: FailureScenario):
    down_links = scenario.down_links(network)
    down_sites = scenario.down_sites(network)
    links = [lk for lk in network.links if lk.id not in down_links and lk.a != lk.b]
    return links, down_sites


def _sink_name(site: str, sinks: set[str]) -> str:
    return CORE if site in sinks else site


def edge_value(network: Network, links: list[Link], source: str, sinks: set[str]) -> int:
    """Link-disjoint paths from ``source`` to the contracted ``sinks`` (uncapped)."""
    g = nx.DiGraph()
    g.add_node(source)
    g.add_node(CORE)
    for lk in links:
        a, b = _sink_name(lk.a, sinks), _sink_name(lk.b, sinks)
        if a == b:
            continue
        for u, v in ((a, b), (b, a)):
            cap = g.edges[u, v]["capacity"] + 1 if g.has_edge(u, v) else 1
            g.add_edge(u, v, capacity=cap)
    return int(nx.maximum_flow_value(g, source, CORE, capacity="capacity"))


def node_value(network: Network, links: list[Link], source: str, sinks: set[str]) -> int:
    """Paths sharing no link and no intermediate site, by node splitting (uncapped)."""
    g = nx.DiGraph()
    src = ("out", source)
    g.add_node(src)
    g.add_node(CORE)
    for site in network.sites:
        if site.id != source and site.id not in sinks:
            g.add_edge(("in", site.id), ("out", site.id), capacity=1)

    def tail(x: str):
        return CORE if x in sinks else ("out", x)

    def head(x: str):
        if x in sinks:
            return CORE
        return ("out", x) if x == source else ("in", x)

    for lk in links:
        for x, y in ((lk.a, lk.b), (lk.b, lk.a)):
            u, v = tail(x), head(y)
            if u in (v, CORE):
                continue
            cap = g.edges[u, v]["capacity"] + 1 if g.has_edge(u, v) else 1
            g.add_edge(u, v, capacity=cap)
    return int(nx.maximum_flow_value(g, src, CORE, capacity="capacity"))


def _connected(links: list[Link], source: str, sinks: set[str]) -> bool:
    g = nx.MultiGraph()
    g.add_node(source)
    g.add_edges_from((lk.a, lk.b) for lk in links)
    return any(t in g and nx.has_path(g, source, t) for t in sinks)


def risk_value(network: Network, links: list[Link], source: str, sinks: set[str],
               cap: int) -> int:
    """The fewest groups (each link its own) whose loss cuts ``source`` off, capped."""
    groups: list[frozenset[str]] = [frozenset({lk.id}) for lk in links]
    for name in sorted(network.risk_groups_by_name):
        link_ids, site_ids = network.group_members(name)
        members = set(link_ids)
        for sid in site_ids:
            members.update(network.links_of(sid))
        groups.append(frozenset(members))
    for k in range(cap):
        for chosen in combinations(groups, k):
            gone = frozenset().union(*chosen)
            if not _connected([lk for lk in links if lk.id not in gone], source, sinks):
                return k
    return cap


def reference_values(network: Network, scenario: FailureScenario, target: int,
                     measure: str) -> dict[str, int]:
    """Every site's capped value; ``-1`` for a down site."""
    cap = target + 1
    links, down_sites = _up(network, scenario)
    up_core = {c for c in network.core if c not in down_sites}
    out: dict[str, int] = {}
    for site in network.sites:
        if site.id in down_sites:
            out[site.id] = -1
            continue
        if not up_core:
            out[site.id] = 0
            continue
        sinks = up_core - {site.id}
        if not sinks:  # the only core site up: the whole core if it is the only one at all
            out[site.id] = cap if len(network.core) == 1 else 0
            continue
        if measure == "edge":
            value = edge_value(network, links, site.id, sinks)
        elif measure == "node":
            value = node_value(network, links, site.id, sinks)
        else:
            value = risk_value(network, links, site.id, sinks, cap)
        out[site.id] = min(value, cap)
    return out


def random_network(rng: random.Random, n_sites: int, n_links: int, n_groups: int,
                   n_core: int) -> Network:
    """A random multigraph (parallel links and self-loops allowed) with risk groups."""
    names = [f"s{i}" for i in range(n_sites)]
    group_names = [f"g{i}" for i in range(n_groups)]
    site_groups = {n: frozenset(g for g in group_names if rng.random() < 0.1) for n in names}
    sites = tuple(Site(n, n.upper(), 0.0, 0.0, risk_groups=site_groups[n]) for n in names)
    links = []
    for i in range(n_links):
        a, b = rng.choice(names), rng.choice(names)
        groups = frozenset(g for g in group_names if rng.random() < 0.3)
        links.append(Link(f"L{i}", a, b, risk_groups=groups))
    core = frozenset(rng.sample(names, min(n_core, n_sites)))
    return Network("random", sites, tuple(links), core=core,
                   risk_groups=tuple(RiskGroup(g) for g in group_names))


def random_scenario(rng: random.Random, network: Network, p: float = 0.15) -> FailureScenario:
    """Each link, site and group down with probability ``p`` (sites and groups less often)."""
    return FailureScenario(
        failed_links=frozenset(lk.id for lk in network.links if rng.random() < p),
        failed_sites=frozenset(s.id for s in network.sites if rng.random() < p / 3),
        failed_groups=frozenset(g for g in network.risk_groups_by_name if rng.random() < p / 2),
    )


# The references themselves, on cases small enough to count by hand.

def _line(*pairs: tuple[str, str]) -> Network:
    ids = sorted({x for pair in pairs for x in pair})
    sites = tuple(Site(i, i, 0.0, 0.0) for i in ids)
    links = tuple(Link(f"L{k}", a, b) for k, (a, b) in enumerate(pairs))
    return Network("t", sites, links, core=frozenset({"c"}))


def test_reference_counts_parallel_links():
    net = _line(("c", "a"), ("c", "a"), ("c", "a"))
    assert reference_values(net, FailureScenario(), 5, "edge")["a"] == 3
    assert reference_values(net, FailureScenario(), 5, "node")["a"] == 3


def test_reference_node_measure_shares_no_site():
    net = _line(("a", "m"), ("a", "m"), ("m", "c"), ("m", "c"))
    assert reference_values(net, FailureScenario(), 5, "edge")["a"] == 2
    assert reference_values(net, FailureScenario(), 5, "node")["a"] == 1


def test_reference_risk_group_shared_by_both_paths():
    sites = tuple(Site(i, i, 0.0, 0.0) for i in ("c", "a"))
    links = (Link("L1", "c", "a", risk_groups=frozenset({"duct"})),
             Link("L2", "c", "a", risk_groups=frozenset({"duct"})))
    net = Network("t", sites, links, core=frozenset({"c"}))
    assert reference_values(net, FailureScenario(), 3, "risk")["a"] == 1
