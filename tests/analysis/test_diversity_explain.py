"""Explanations: routes really are disjoint and reach the core; cuts really isolate, minimally."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_diversity_cases import net
from test_diversity_reference import (
    edge_value,
    node_value,
    random_network,
    random_scenario,
    risk_value,
)

from stamnett_gui.analysis.diversity import assess_diversity
from stamnett_gui.analysis.explain import explain_pair, explain_site
from stamnett_gui.domain import FailureScenario, Network, Status
from stamnett_gui.domain.explanation import Cut, Explanation, Route

MEASURES = ("edge", "node", "risk")


# -- predicates -------------------------------------------------------------------------

def routes_are_walks_on_up_links(network: Network, scenario: FailureScenario,
                                 routes: tuple[Route, ...], start: str, ends: set[str]) -> bool:
    """Each route starts at ``start``, follows up links site by site, ends in ``ends``."""
    down = scenario.down_links(network)
    for route in routes:
        if route.sites[0] != start or route.sites[-1] not in ends:
            return False
        if len(route.sites) != len(route.links) + 1:
            return False
        for here, there, link_id in zip(route.sites, route.sites[1:], route.links, strict=False):
            link = network.link(link_id)
            if link_id in down or {link.a, link.b} != {here, there}:
                return False
    return True


def routes_share_no_link(routes: tuple[Route, ...]) -> bool:
    links = [lk for r in routes for lk in r.links]
    return len(links) == len(set(links))


def routes_share_no_site_on_the_way(routes: tuple[Route, ...]) -> bool:
    inner = [s for r in routes for s in r.sites[1:-1]]
    return len(inner) == len(set(inner)) and all(len(set(r.sites)) == len(r.sites) for r in routes)


def cut_isolates(network: Network, scenario: FailureScenario, cut: Cut, site: str,
                 other: str | None) -> bool:
    """Losing the cut on top of the scenario leaves ``site`` with no route (or down)."""
    combined = scenario | cut.scenario()
    if other is None:
        status = assess_diversity(network, combined)[site].status
        return status in (Status.ISOLATED, Status.FAILED)
    down = combined.down_sites(network)
    if site in down or other in down:
        return True
    links = [lk for lk in network.links if lk.id not in combined.down_links(network)]
    return edge_value(network, links, site, {other}) == 0


def check(network: Network, scenario: FailureScenario, e: Explanation) -> None:
    """Every promise an explanation makes."""
    if e.status is Status.FAILED or e.note:
        assert e.routes == () and e.cut.size == 0
        return
    core_up = set(network.core) - scenario.down_sites(network) - {e.source}
    ends = {e.destination} if e.destination else core_up
    assert routes_are_walks_on_up_links(network, scenario, e.routes, e.source, ends)
    assert routes_share_no_link(e.routes)
    if e.measure.value == "node":
        assert routes_share_no_site_on_the_way(e.routes)
    if e.measure.value in ("edge", "node"):
        assert e.cut.size == len(e.routes)
    assert e.diversity == min(e.cut.size, e.cap)
    assert cut_isolates(network, scenario, e.cut, e.source, e.destination)


def exact(network: Network, scenario: FailureScenario, site: str, ends: set[str],
          measure: str) -> int:
    links = [lk for lk in network.links
             if lk.id not in scenario.down_links(network) and lk.a != lk.b]
    if measure == "edge":
        return edge_value(network, links, site, ends)
    if measure == "node":
        return node_value(network, links, site, ends)
    return risk_value(network, links, site, ends, edge_value(network, links, site, ends) + 1)


# -- hand-built cases -------------------------------------------------------------------

def test_bodo_example_reads_like_a_planner_sentence():
    n = net([("c", "x"), ("x", "a"), ("c", "y"), ("y", "a"), ("c", "a")],
            groups={1: ["Nordlandsbanen corridor"], 3: ["Nordlandsbanen corridor"]})
    e = explain_site(n, None, "a", "risk")
    assert e.diversity == 2
    assert e.headline() == ("A: 2 independent routes to the core (target 3). Losing link L4 "
                            "and risk group 'Nordlandsbanen corridor' together would isolate it.")
    assert str(e).splitlines()[2].startswith("  route 1: A – C  [L4]")
    check(n, FailureScenario(), e)


def test_parallel_links_give_one_route_each():
    n = net([("c", "a"), ("c", "a"), ("c", "a")])
    for measure in MEASURES:
        e = explain_site(n, None, "a", measure)
        assert [r.links for r in e.routes] == [("L0",), ("L1",), ("L2",)]
        assert e.cut == Cut(links=("L0", "L1", "L2"))
        check(n, FailureScenario(), e)


def test_node_cut_names_the_shared_site_and_keeps_links_straight_to_the_core():
    n = net([("c", "a"), ("a", "m"), ("a", "m"), ("m", "c"), ("m", "c")])
    e = explain_site(n, None, "a", "node")
    assert e.diversity == 2 and e.cut == Cut(links=("L0",), sites=("m",))
    check(n, FailureScenario(), e)


def test_bridge_and_isolated_and_failed_sites():
    n = net([("c", "a"), ("a", "b"), ("a", "b")])
    e = explain_site(n, None, "b", "edge")
    assert e.diversity == 1 and e.cut == Cut(links=("L0",))
    assert "Losing link L0 alone would isolate it." in e.headline()
    gone = FailureScenario(failed_links=frozenset({"L0"}))
    iso = explain_site(n, gone, "b", "edge")
    assert iso.diversity == 0 and iso.status is Status.ISOLATED and iso.routes == ()
    assert "no route to the core is left" in iso.headline()
    dead = explain_site(n, FailureScenario(failed_sites=frozenset({"b"})), "b")
    assert dead.status is Status.FAILED and "down in this scenario" in str(dead)


def test_core_sites_and_no_core():
    n = net([("c", "d"), ("c", "d")], core=("c", "d"))
    e = explain_site(n, None, "c", "edge")
    assert e.diversity == 2 and {r.sites[-1] for r in e.routes} == {"d"}
    alone = explain_site(n, FailureScenario(failed_sites=frozenset({"d"})), "c")
    assert alone.diversity == 0 and "no other core site is up" in alone.headline()
    whole = explain_site(net([("c", "a")]), None, "c")
    assert whole.diversity == 4 and "whole core" in whole.headline()
    nocore = Network("n", n.sites, n.links)
    assert explain_site(nocore, None, "c").diversity == 0


def test_pair_between_two_sites_ignores_the_core():
    n = net([("a", "b"), ("a", "b"), ("a", "m"), ("m", "b"), ("a", "c")])
    e = explain_pair(n, None, "a", "b", "node")
    assert e.diversity == 3 and e.destination == "b"
    assert "3 independent routes between them" in e.headline()
    check(n, FailureScenario(), e)
    with pytest.raises(ValueError, match="two different sites"):
        explain_pair(n, None, "a", "a")
    with pytest.raises(ValueError, match="unknown site 'zz'"):
        explain_pair(n, None, "a", "zz")


def test_explanation_values_serialise():
    n = net([("c", "a"), ("c", "a")])
    data = explain_site(n, None, "a").to_dict()
    assert data["diversity"] == 2 and data["cut"]["links"] == ["L0", "L1"]
    assert data["routes"][0] == {"sites": ["a", "c"], "links": ["L0"]}


# -- random networks --------------------------------------------------------------------

@pytest.mark.parametrize("measure", MEASURES)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_site_explanations_keep_every_promise(measure, seed):
    rng = random.Random(seed)
    n = rng.randint(3, 9)
    network = random_network(rng, n, rng.randint(n, 2 * n), 2, rng.randint(1, 3))
    scenario = random_scenario(rng, network, p=0.1)
    report = assess_diversity(network, scenario, measure=measure)
    for site in network.sites:
        e = explain_site(network, scenario, site.id, measure)
        check(network, scenario, e)
        assert e.diversity == report[site.id].diversity
        if e.status is not Status.FAILED and not e.note:
            ends = set(network.core) - scenario.down_sites(network) - {site.id}
            assert e.cut.size == exact(network, scenario, site.id, ends, measure)


@pytest.mark.parametrize("measure", MEASURES)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_pair_explanations_keep_every_promise(measure, seed):
    rng = random.Random(seed)
    n = rng.randint(3, 9)
    network = random_network(rng, n, rng.randint(n, 2 * n), 2, 1)
    scenario = random_scenario(rng, network, p=0.1)
    a, b = rng.sample([s.id for s in network.sites], 2)
    e = explain_pair(network, scenario, a, b, measure)
    check(network, scenario, e)
    if e.status is not Status.FAILED:
        assert e.cut.size == exact(network, scenario, a, {b}, measure)
