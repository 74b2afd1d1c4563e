"""The bundled network: real hospitals, a modelled core network that meets NHN's promise."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from stamnett_gui.domain import FailureScenario, Link, Network, RiskKind, Site, SiteKind
from stamnett_gui.io.geojson.network import dumps_network
from stamnett_gui.io.geojson.values import distance_m
from stamnett_gui.io.loading import load_default_network
from stamnett_gui.io.resources import DEFAULT_NETWORK, read_text

ROOT = Path(__file__).resolve().parents[1]
STORM_2024 = ("Vesterålen fibre cable Harstad–Sortland–Stokmarknes",
              "60 kV power line Harstad–Sortland–Stokmarknes–Svolvær")


@pytest.fixture(scope="module")
def network() -> Network:
    return load_default_network()


def edge_disjoint_paths(network: Network, down: frozenset[str] = frozenset()) -> dict[str, int]:
    """Reference count: max flow with unit capacity per link each way, to a super-sink on the core.

    Parallel links add their capacities; every edge gets an explicit capacity
    (networkx takes a missing one as infinite). A core site counts its paths to
    the rest of the core.
    """
    graph = nx.DiGraph()
    for pair, count in Counter(frozenset(lk.ends) for lk in network.links if lk.id not in down).items():
        u, v = sorted(pair)
        graph.add_edge(u, v, capacity=count)
        graph.add_edge(v, u, capacity=count)
    graph.add_nodes_from(s.id for s in network.sites)
    counts = {}
    for site in network.sites:
        flow = graph.copy()
        for core in network.core - {site.id}:
            flow.add_edge(core, "__sink__", capacity=len(network.links) + 1)
        counts[site.id] = int(nx.maximum_flow_value(flow, site.id, "__sink__"))
    return counts


def test_the_reference_counts_parallel_links_and_neighbours_of_the_core() -> None:
    sites = (Site("h", "H", 10, 60), Site("j", "J", 11, 60), Site("c1", "C1", 12, 60, SiteKind.HUB),
             Site("c2", "C2", 13, 60, SiteKind.HUB))
    links = (Link("1", "h", "j"), Link("2", "h", "j"), Link("3", "h", "j"),  # three parallel links
             Link("4", "j", "c1"), Link("5", "j", "c1"), Link("6", "j", "c2"), Link("7", "h", "c2"),
             Link("8", "c1", "c2"))
    counts = edge_disjoint_paths(Network("t", sites, links, core=frozenset({"c1", "c2"})))
    # j: its two links to c1, its link to c2, and h's own link to c2; c1: c2 direct, via j, via j-h.
    assert counts == {"h": 4, "j": 4, "c1": 3, "c2": 3}


def test_all_86_hospitals_are_sites_with_their_facts(network: Network) -> None:
    hospitals = [s for s in network.sites if s.kind is SiteKind.HOSPITAL]
    assert len(hospitals) == 86
    assert Counter(s.region for s in hospitals) == {
        "Helse Sør-Øst": 44, "Helse Vest": 16, "Helse Midt-Norge": 10, "Helse Nord": 16}
    assert all(s.id.isascii() and s.id == s.id.lower() and " " not in s.id for s in network.sites)
    longyearbyen = network.site("unn-longyearbyen")
    assert longyearbyen.name == "Universitetssykehuset Nord-Norge, Longyearbyen sykehus"
    assert longyearbyen.health_trust == "Universitetssykehuset Nord-Norge HF"
    for site in hospitals:
        assert {"type", "ownership", "notes", "coord_precision", "data_state"} <= set(site.properties)
        assert "2020-01-01" in site.properties["data_state"]
    moved = {s.id for s in hospitals if s.properties["moved_since_2020"]}
    assert moved == {"vv-drammen", "sus-stavanger", "hmr-molde", "hmr-kristiansund"}
    assert all(network.site(i).properties["notes"] for i in moved)


def test_the_core_is_the_four_hubs_and_the_two_data_centres(network: Network) -> None:
    assert network.core == {"hub-oslo", "hub-bergen", "hub-trondheim", "hub-tromso",
                            "dc-trondheim", "dc-tromso"}
    kinds = Counter(network.site(i).kind for i in network.core)
    assert kinds == {SiteKind.HUB: 4, SiteKind.DATA_CENTRE: 2}
    assert network.target == 3


def test_the_file_says_the_links_are_modelled(network: Network) -> None:
    assert network.modelled
    assert "MODELLED" in network.description and "not public" in network.description
    assert network.metadata["source"]["links"].startswith("this project's own model")


def test_every_route_starts_at_site_a_and_ends_at_site_b(network: Network) -> None:
    for link in network.links:
        assert distance_m(link.route[0], network.site(link.a).position) < 1, link.id
        assert distance_m(link.route[-1], network.site(link.b).position) < 1, link.id


def test_long_links_follow_corridors_not_straight_lines(network: Network) -> None:
    for link in network.links:
        if distance_m(link.route[0], link.route[-1]) > 15_000:
            assert len(link.route) >= 3, f"{link.id} {link.name} is a straight line"
    assert sum(len(lk.route) >= 4 for lk in network.links) > len(network.links) / 2


def test_link_ids_names_and_operators(network: Network) -> None:
    assert [lk.id for lk in network.links] == [f"L{i:03d}" for i in range(1, len(network.links) + 1)]
    assert all(lk.name and lk.operator and lk.medium for lk in network.links)
    pairs = Counter(frozenset(lk.ends) for lk in network.links)
    assert any(count > 1 for count in pairs.values())  # parallel links, by another operator


def test_every_risk_group_is_described_and_used(network: Network) -> None:
    described = {g.name: g for g in network.risk_groups}
    used = {name for lk in network.links for name in lk.risk_groups}
    assert used == set(described)
    assert all(g.description and g.kind is not RiskKind.OTHER for g in described.values())
    assert described["Svalbard sea cable pair"].kind is RiskKind.SEA_CABLE
    assert described["Statnett 420 kV Ofoten–Balsfjord"].kind is RiskKind.POWER_LINE
    assert network.group_members("Svalbard sea cable pair")[0] == {
        lk.id for lk in network.links if "unn-longyearbyen" in lk.ends}


def test_every_site_reaches_the_core_three_ways_except_the_documented_exceptions(
    network: Network,
) -> None:
    exceptions = {e["site"]: e["edge_disjoint_paths"] for e in network.metadata["exceptions"]}
    assert exceptions == {"unn-longyearbyen": 2}
    counts = edge_disjoint_paths(network)
    below = {site: count for site, count in counts.items() if count < network.target}
    assert below == exceptions
    modelled_docs = (ROOT / "docs" / "modelled-network.md").read_text(encoding="utf-8")
    assert all(site in modelled_docs for site in exceptions)


def test_the_february_2024_storm_is_two_risk_groups(network: Network) -> None:
    event = network.metadata["reference_events"][0]
    assert tuple(event["failed_groups"]) == STORM_2024
    down = FailureScenario(failed_groups=frozenset(STORM_2024)).down_links(network)
    before, after = edge_disjoint_paths(network), edge_disjoint_paths(network, frozenset(down))
    assert (before["nlsh-stokmarknes"], after["nlsh-stokmarknes"]) == (4, 1)
    assert (before["unn-harstad"], after["unn-harstad"]) == (4, 2)
    assert after["j-svolvaer"] == 3 < before["j-svolvaer"]
    assert all(after[s] > 0 for s in after)  # exposed, not cut off


def test_the_bundled_file_is_exactly_what_the_writer_writes(network: Network) -> None:
    assert dumps_network(network) == read_text(DEFAULT_NETWORK)


def test_the_bundled_file_and_the_fixture_match_the_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "docs" / "network-format.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for text in (read_text(DEFAULT_NETWORK),
                 (ROOT / "tests" / "fixtures" / "small-network.geojson").read_text(encoding="utf-8")):
        validator.validate(json.loads(text))
    broken = json.loads(read_text(DEFAULT_NETWORK))
    broken["stamnett"]["target"] = 11
    broken["features"][0]["geometry"]["coordinates"] = [59.9, 10.7]
    assert len(list(validator.iter_errors(broken))) == 2


def test_the_shared_risks_listed_in_the_docs_are_the_ones_that_break_the_target(
    network: Network,
) -> None:
    before = edge_disjoint_paths(network)
    breaking = {}
    for group in network.risk_groups:
        down = network.group_members(group.name)[0]
        if len(down) < 2:
            continue  # a group of one link is that link's own failure
        after = edge_disjoint_paths(network, down)
        below = {s for s, n in after.items() if n < network.target <= before[s]}
        if below:
            breaking[group.name] = below
    assert breaking == {
        "Askøy bridge": {"olaviken", "sandviken"},
        "E134 Haukelifjell mountain pass": {"sthf-notodden", "sthf-rjukan"},
        "E18 Oslo–Bærum": {"martina-hansens"},
        "E18 Bærum–Asker": {"martina-hansens", "ous-dikemark"},
        "E18 Asker–Drammen": {"ous-dikemark"},
        "E6 Bjerkvik–Narvik": {"unn-narvik"},
        "Gudbrandsdalen flood zone": {"nordfjord"},
        "60 kV power line Harstad–Sortland–Stokmarknes–Svolvær": {"nlsh-stokmarknes"},
    }
