"""Proposing a core for a network that marks none."""

from __future__ import annotations

import math

from stamnett_gui.analysis.core_proposal import core_candidates, propose_core
from stamnett_gui.domain import Link, Network, Site


def norwegian() -> Network:
    sites = (
        Site("ous", "Rikshospitalet", 10.7147, 59.9487),
        Site("hus", "Haukeland", 5.3590, 60.3735),
        Site("stolav", "St. Olavs", 10.3875, 63.4210),
        Site("unn", "UNN Tromsø", 18.9784, 69.6812),
        Site("hamar", "Hamar", 11.0445, 60.8051),
        Site("nowhere", "No position", math.nan, math.nan),
    )
    links = tuple(Link(f"L{i}", "hamar", s.id) for i, s in enumerate(sites[:4]))
    return Network("no", sites, links)


def test_a_norwegian_network_gets_the_sites_nearest_the_four_regional_capitals():
    candidates = core_candidates(norwegian())
    assert [site for site, _ in candidates] == ["ous", "hus", "stolav", "unn"]
    assert candidates[0][1].startswith("nearest site to Oslo (")
    assert propose_core(norwegian()) == {"ous", "hus", "stolav", "unn"}


def test_a_foreign_network_gets_its_best_connected_sites():
    sites = tuple(Site(c, c, 20.0 + i, 45.0) for i, c in enumerate("abcde"))
    links = (Link("1", "a", "b"), Link("2", "a", "c"), Link("3", "a", "d"), Link("4", "b", "c"),
             Link("5", "b", "c"), Link("6", "d", "d"))
    network = Network("x", sites, links)
    assert core_candidates(network, size=2) == [
        ("a", "best connected: 3 neighbours, 3 links"),
        ("b", "best connected: 2 neighbours, 3 links")]  # a parallel link breaks the tie


def test_explicit_strategies():
    network = norwegian()
    assert propose_core(network, "connected", size=1) == {"hamar"}
    far = Network("far", (Site("a", "A", 0.0, 0.0),), ())
    assert propose_core(far, "capitals") == frozenset()
    assert propose_core(far, "connected") == frozenset()  # no links, nothing to rank


def test_a_site_too_far_from_a_capital_is_not_proposed_for_it():
    network = norwegian()
    assert len(propose_core(network, "capitals", max_distance_km=0.5)) == 0
