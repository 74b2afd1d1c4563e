"""Hand-built networks with diversity counted by hand, for all three measures."""

from __future__ import annotations

import pytest

from stamnett_gui.analysis.diversity import DiversityEngine, assess_diversity
from stamnett_gui.domain import (
    FailureScenario,
    Link,
    Network,
    RiskGroup,
    Site,
    Status,
    UnknownElementError,
)


def net(pairs, core=("c",), groups=None, site_groups=None, extra_sites=()):
    """Links L0, L1, ... between the given pairs; ``groups`` maps a link index to group names."""
    groups = groups or {}
    site_groups = site_groups or {}
    ids = sorted({x for pair in pairs for x in pair} | set(core) | set(extra_sites))
    sites = tuple(Site(i, i.upper(), 0.0, 0.0, risk_groups=frozenset(site_groups.get(i, ())))
                  for i in ids)
    links = tuple(Link(f"L{k}", a, b, risk_groups=frozenset(groups.get(k, ())))
                  for k, (a, b) in enumerate(pairs))
    names = sorted({g for gs in groups.values() for g in gs}
                   | {g for gs in site_groups.values() for g in gs})
    return Network("hand-built", sites, links, core=frozenset(core),
                   risk_groups=tuple(RiskGroup(g) for g in names))


def values(network, measure="edge", scenario=None, target=3):
    report = assess_diversity(network, scenario, target=target, measure=measure)
    return {s.site_id: s.diversity for s in report.sites}


def test_parallel_links_count_separately():
    n = net([("c", "a"), ("c", "a"), ("c", "a")])
    assert values(n, "edge")["a"] == 3
    assert values(n, "node")["a"] == 3  # no site on the way: each link is its own route
    assert values(n, "risk")["a"] == 3


def test_four_parallel_links_are_capped_at_target_plus_one():
    n = net([("c", "a")] * 6)
    assert values(n, "edge", target=3)["a"] == 4
    assert values(n, "edge", target=5)["a"] == 6
    assert values(n, "edge", target=10)["a"] == 6


def test_a_bridge_limits_everything_behind_it():
    # a and b hang behind the single link c–a; a–b has three parallel links.
    n = net([("c", "a"), ("a", "b"), ("a", "b"), ("a", "b")])
    for measure in ("edge", "node", "risk"):
        assert values(n, measure) == {"c": 4, "a": 1, "b": 1}, measure
    report = assess_diversity(n, FailureScenario(failed_links=frozenset({"L0"})))
    assert report["a"].status is Status.ISOLATED and report["b"].status is Status.ISOLATED
    assert report["a"].lost and report["a"].baseline == 1


def test_node_measure_site_linked_straight_to_a_core_site():
    # a: two links straight to the core site, plus one route through m.
    n = net([("c", "a"), ("c", "a"), ("a", "m"), ("m", "c")])
    assert values(n, "edge")["a"] == 3
    assert values(n, "node")["a"] == 3
    # b reaches the core only through m: two links in, two links out of m share m.
    n2 = net([("b", "m"), ("b", "m"), ("m", "c"), ("m", "c")])
    assert values(n2, "edge")["b"] == 2
    assert values(n2, "node")["b"] == 1


def test_a_site_whose_only_routes_share_one_risk_group():
    # Two link-disjoint routes, both through the same duct.
    n = net([("c", "x"), ("x", "a"), ("c", "y"), ("y", "a")],
            groups={1: ["duct"], 3: ["duct"]})
    assert values(n, "edge")["a"] == 2
    assert values(n, "risk")["a"] == 1
    # A group holding the site itself takes its links down: one event isolates it.
    n2 = net([("c", "a"), ("c", "a"), ("c", "a")], site_groups={"a": ["building a"]})
    assert values(n2, "risk")["a"] == 1


def test_a_failed_core_site_is_failed_and_the_rest_of_the_core_still_counts():
    n = net([("c", "d"), ("c", "a"), ("d", "a"), ("d", "a")], core=("c", "d"))
    assert values(n, "edge") == {"a": 3, "c": 2, "d": 2}
    report = assess_diversity(n, FailureScenario(failed_sites=frozenset({"c"})))
    assert report["c"].status is Status.FAILED and report["c"].diversity == 0
    assert report["a"].diversity == 2
    # d is the only core site up: no rest of the core to reach.
    assert report["d"].diversity == 0 and report["d"].status is Status.ISOLATED
    # A core of one site is the whole core.
    one = net([("c", "a")])
    assert values(one)["c"] == 4


def test_a_disconnected_part_is_isolated():
    n = net([("c", "a"), ("c", "a"), ("c", "a"), ("x", "y"), ("x", "y")])
    v = values(n, "edge")
    assert v["x"] == 0 and v["y"] == 0 and v["a"] == 3
    report = assess_diversity(n)
    assert report["x"].status is Status.ISOLATED
    assert not report.all_compliant


def test_no_core_site_up_means_every_up_site_is_isolated():
    n = net([("c", "a"), ("c", "a"), ("a", "b")])
    report = assess_diversity(n, FailureScenario(failed_sites=frozenset({"c"})))
    assert [(s.site_id, s.status) for s in report.sites] == [
        ("a", Status.ISOLATED), ("b", Status.ISOLATED), ("c", Status.FAILED)]
    empty = Network("no core", n.sites, n.links)
    assert {s.status for s in assess_diversity(empty).sites} == {Status.ISOLATED}


def test_a_core_site_counts_routes_to_the_rest_of_the_core():
    n = net([("c", "d"), ("c", "d"), ("c", "e"), ("d", "e")], core=("c", "d", "e"))
    assert values(n, "edge") == {"c": 3, "d": 3, "e": 2}


def test_failed_risk_group_takes_its_links_and_sites_down():
    n = net([("c", "a"), ("c", "a"), ("c", "b"), ("a", "b")],
            groups={0: ["corridor"], 1: ["corridor"]}, site_groups={"b": ["corridor"]})
    report = assess_diversity(n, FailureScenario(failed_groups=frozenset({"corridor"})))
    assert report["b"].status is Status.FAILED
    assert report["a"].status is Status.ISOLATED


def test_bad_arguments_are_refused_with_clear_messages():
    n = net([("c", "a")])
    with pytest.raises(ValueError, match="target must be a whole number from 1 to 10"):
        assess_diversity(n, target=11)
    with pytest.raises(ValueError, match="unknown measure 'hops'"):
        assess_diversity(n, measure="hops")
    with pytest.raises(UnknownElementError, match="unknown link 'L9'"):
        assess_diversity(n, FailureScenario(failed_links=frozenset({"L9"})))
    with pytest.raises(ValueError, match="core site 'zz' is not a site"):
        DiversityEngine(Network("x", n.sites, n.links, core=frozenset({"zz"})))


def test_report_round_trips_and_summarises():
    n = net([("c", "a"), ("c", "a"), ("a", "b")])
    report = assess_diversity(n, FailureScenario(failed_links=frozenset({"L0"})), target=2)
    data = report.to_dict()
    assert data["target"] == 2 and data["cap"] == 3 and data["measure"] == "edge"
    assert data["summary"]["lost"] == 1  # b sits behind the single link a–b either way
    assert {"id": "a", "name": "A", "diversity": 1, "baseline": 2, "status": "degraded",
            "lost": True} in data["sites"]
    assert "lost diversity" in str(report)


def test_the_engine_remembers_scenarios_and_answers_repairs():
    n = net([("c", "a"), ("c", "a"), ("c", "b"), ("a", "b"), ("b", "d"), ("a", "d")])
    engine = DiversityEngine(n, 3)
    one = FailureScenario(failed_links=frozenset({"L0"}))
    two = one.toggle_link("L2")
    assert engine.assess(two)["b"].diversity == 1  # everything now funnels into L1
    assert engine.assess(one)["a"].diversity == 2
    assert engine.assess()["a"].diversity == 3
    assert engine.assess(two) == assess_diversity(n, two)
