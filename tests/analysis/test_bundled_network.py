"""The bundled network: Norway's hospitals as of 2026, a modelled core network, honest routes."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, Point

from stamnett_gui.analysis import assess_diversity, run_sweep
from stamnett_gui.domain import FailureScenario, Link, Network, RiskKind, Site, SiteKind
from stamnett_gui.domain.network import CoordPrecision
from stamnett_gui.io.basemap import load_basemap
from stamnett_gui.io.geojson.network import dumps_network
from stamnett_gui.io.geojson.values import distance_m
from stamnett_gui.io.loading import load_default_network
from stamnett_gui.io.resources import DEFAULT_NETWORK, read_text

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "modelled-network.md"
STORM_2024 = ("Vesterålen fibre cable Harstad–Sortland–Stokmarknes",
              "60 kV power line Harstad–Sortland–Stokmarknes–Svolvær")
#: The coastline of the basemap is simplified: a route within this of land counts as on land.
COAST_TOLERANCE_M = 200
GEOD = Geod(ellps="WGS84")


@pytest.fixture(scope="module")
def network() -> Network:
    return load_default_network()


@pytest.fixture(scope="module")
def land_near() -> shapely.Geometry:
    """Land (Norway, Svalbard, the neighbours) in UTM 33 metres, grown by the coast tolerance."""
    basemap = load_basemap()
    land = shapely.union_all([basemap.land_detailed, basemap.arctic_islands, basemap.neighbours])
    grown = _utm(land).buffer(COAST_TOLERANCE_M, quad_segs=2)
    shapely.prepare(grown)
    return grown


def _utm(geometry: shapely.Geometry) -> shapely.Geometry:
    to_utm = Transformer.from_crs(4326, 25833, always_xy=True)
    return shapely.transform(geometry, lambda c: np.column_stack(to_utm.transform(c[:, 0], c[:, 1])))


def sea_fraction(link: Link, land_near: shapely.Geometry) -> float:
    """The share of a route farther than the coast tolerance from land."""
    line = _utm(LineString(link.route))
    return float(line.difference(land_near).length / line.length)


def length_km(route: tuple[tuple[float, float], ...]) -> float:
    lons, lats = zip(*route, strict=True)
    return float(GEOD.line_length(lons, lats)) / 1000


def edge_disjoint_paths(network: Network, down: frozenset[str] = frozenset(),
                        links: tuple[Link, ...] | None = None) -> dict[str, int]:
    """Reference count: max flow with unit capacity per link each way, to a super-sink on the core.

    Parallel links add their capacities; every edge gets an explicit capacity
    (networkx takes a missing one as infinite). A core site counts its paths to
    the rest of the core.
    """
    graph = nx.DiGraph()
    chosen = network.links if links is None else links
    for pair, count in Counter(frozenset(lk.ends) for lk in chosen if lk.id not in down).items():
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


def docs_table(heading: str) -> list[list[str]]:
    """The rows of the first table under ``heading`` in the modelled-network docs, cells split."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


def ticked(cell: str) -> list[str]:
    """The `code` items of a table cell."""
    return re.findall(r"`([^`]+)`", cell)


def test_the_reference_counts_parallel_links_and_neighbours_of_the_core() -> None:
    sites = (Site("h", "H", 10, 60), Site("j", "J", 11, 60), Site("c1", "C1", 12, 60, SiteKind.HUB),
             Site("c2", "C2", 13, 60, SiteKind.HUB))
    links = (Link("1", "h", "j"), Link("2", "h", "j"), Link("3", "h", "j"),  # three parallel links
             Link("4", "j", "c1"), Link("5", "j", "c1"), Link("6", "j", "c2"), Link("7", "h", "c2"),
             Link("8", "c1", "c2"))
    counts = edge_disjoint_paths(Network("t", sites, links, core=frozenset({"c1", "c2"})))
    # j: its two links to c1, its link to c2, and h's own link to c2; c1: c2 direct, via j, via j-h.
    assert counts == {"h": 4, "j": 4, "c1": 3, "c2": 3}


def test_the_hospitals_are_those_of_2026_with_their_facts(network: Network) -> None:
    hospitals = [s for s in network.sites if s.kind is SiteKind.HOSPITAL]
    assert len(hospitals) == 86
    assert Counter(s.region for s in hospitals) == {
        "Helse Sør-Øst": 44, "Helse Vest": 17, "Helse Midt-Norge": 9, "Helse Nord": 16}
    assert all(s.id.isascii() and s.id == s.id.lower() and " " not in s.id for s in network.sites)
    longyearbyen = network.site("unn-longyearbyen")
    assert longyearbyen.name == "Universitetssykehuset Nord-Norge, Longyearbyen sykehus"
    assert longyearbyen.health_trust == "Universitetssykehuset Nord-Norge HF"
    for site in hospitals:
        assert {"type", "ownership", "notes", "data_state", "source"} <= set(site.properties)
        assert site.coord_precision is not None
        assert "moved_since_2020" not in site.properties
    assert all(s.coord_precision is not None for s in network.sites)


def test_moved_hospitals_stand_at_their_new_buildings_with_a_named_source(network: Network) -> None:
    moved = {s.id: s for s in network.sites if "position_2020" in s.properties}
    assert set(moved) == {"vv-drammen", "sus-stavanger", "hmr-molde", "finnmark-hammerfest",
                          "unn-narvik"}
    for site in moved.values():
        old = tuple(site.properties["position_2020"])
        # not left at the closed building (Hammerfest's new one is in the same town, 400 m off)
        assert distance_m(old, site.position) > 300, site.id
        assert "2026" in site.properties["data_state"]
        assert site.coord_precision is CoordPrecision.PLACE
    assert distance_m(network.site("vv-drammen").position, (10.232, 59.742)) < 300  # Brakerøya
    assert "Sykehusbygg" in moved["sus-stavanger"].properties["source"]
    assert "Finnmarkssykehuset" in moved["finnmark-hammerfest"].properties["source"]
    assert "Hjelset" in moved["hmr-molde"].name
    assert "Furumoen" in moved["unn-narvik"].properties["notes"]


def test_closed_and_changed_hospitals(network: Network) -> None:
    assert "vv-blakstad" not in network.sites_by_id  # moved into the new Drammen sykehus
    kristiansund = network.site("hmr-kristiansund")
    assert kristiansund.kind is SiteKind.JUNCTION
    assert "district medical centre" in kristiansund.name
    valand = network.site("sus-valand")  # psychiatry stayed at Våland
    assert valand.kind is SiteKind.HOSPITAL and valand.properties["type"] == "psychiatric"
    assert distance_m(valand.position, network.site("sus-stavanger").position) > 2_000
    assert network.site("ahus-gardermoen").coord_precision is CoordPrecision.PLACE
    assert network.site("j-dombas").region == "Helse Sør-Øst"


def test_every_hospital_is_on_land_or_at_the_coast(network: Network, land_near) -> None:
    off = [s.id for s in network.sites if s.kind is SiteKind.HOSPITAL
           and not land_near.contains(_utm(Point(s.lon, s.lat)))]
    assert off == []


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
    assert network.metadata["hospitals_as_of"] == 2026


def test_every_route_starts_at_site_a_and_ends_at_site_b(network: Network) -> None:
    for link in network.links:
        assert distance_m(link.route[0], network.site(link.a).position) < 1, link.id
        assert distance_m(link.route[-1], network.site(link.b).position) < 1, link.id


def test_long_links_follow_corridors_not_straight_lines(network: Network) -> None:
    for link in network.links:
        if distance_m(link.route[0], link.route[-1]) > 15_000:
            assert len(link.route) >= 3, f"{link.id} {link.name} is a straight line"
    assert sum(len(lk.route) >= 4 for lk in network.links) > len(network.links) / 2


def test_no_land_link_runs_at_sea(network: Network, land_near) -> None:
    at_sea = {lk.id: round(sea_fraction(lk, land_near), 2) for lk in network.links
              if "sea cable" not in lk.medium}
    assert {i: f for i, f in at_sea.items() if f > 0.2} == {}


def test_a_link_mostly_at_sea_says_so_in_its_medium_and_groups(network: Network, land_near) -> None:
    kinds = {g.name: g.kind for g in network.risk_groups}
    for link in network.links:
        if sea_fraction(link, land_near) > 0.2:
            assert "sea cable" in link.medium, link.id
            assert any(kinds[g] is RiskKind.SEA_CABLE for g in link.risk_groups), link.id


def test_no_link_runs_twice_its_straight_line_without_a_named_reason(network: Network) -> None:
    detours = {}
    for link in network.links:
        straight = length_km((link.route[0], link.route[-1]))
        if length_km(link.route) > 2 * straight:
            detours[link.id] = link.properties.get("detour_reason", "")
    assert set(detours) == {"L265"}  # Alta–Kautokeino–Karasjok: the only inland road
    assert all(len(reason) > 40 for reason in detours.values())
    assert length_km(network.link("L128").route) < 2 * length_km(
        (network.link("L128").route[0], network.link("L128").route[-1]))


def test_the_svalbard_cables_run_through_isfjorden_to_their_landings(network: Network) -> None:
    hotellneset, breivika = (15.47, 78.255), network.site("j-andoya").position
    land = _utm(load_basemap().arctic_islands)
    for link_id in ("L236", "L237"):
        link = network.link(link_id)
        assert link.ends == ("unn-longyearbyen", "j-andoya") and link.medium == "sea cable"
        assert min(distance_m(p, hotellneset) for p in link.route) < 500
        assert link.route[-1] == breivika
        # out through Isfjorden: west along 78 N, not over Spitsbergen
        assert any(78.0 < lat < 78.3 and 13 < lon < 14.5 for lon, lat in link.route)
        assert _utm(LineString(link.route)).intersection(land).length < 10_000
        assert 1_150 < length_km(link.route) < 1_375  # the cables: 1,375 and 1,339 km
    assert "Breivika" in network.site("j-andoya").name


def test_link_ids_names_and_operators(network: Network) -> None:
    ids = [lk.id for lk in network.links]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"L\d{3}", i) for i in ids)
    assert set(ids) == {f"L{i:03d}" for i in range(1, 284)}  # every 2025 id kept; new ones added
    # ids stay with their links
    assert network.link("L236").name.startswith("Svalbard cable 1")
    assert network.link("L034").ends == ("vv-baerum", "j-asker")
    assert all(lk.name and lk.operator and lk.medium for lk in network.links)
    pairs = Counter(frozenset(lk.ends) for lk in network.links)
    assert any(count > 1 for count in pairs.values())  # parallel links, by another operator


def test_names_and_facts(network: Network) -> None:
    names = " ".join(lk.name for lk in network.links) + " ".join(g.name for g in network.risk_groups)
    assert "Rombaksbrua" not in names and "Hålogalandsbrua" in network.link("L238").name
    assert not re.search(r"Skillemo(?!en)", names + network.site("j-alta").name)
    assert network.link("L267").name.startswith("132 kV") and "420 kV" not in str(
        sorted(network.link("L267").risk_groups))


def test_every_link_has_a_year_of_service_from_the_build_out(network: Network) -> None:
    years = Counter(lk.in_service for lk in network.links)
    assert set(years) <= set(range(2015, 2023)) and None not in years
    table = {int(row[0]): int(row[1]) for row in docs_table("Build-out years (`in_service`)")}
    assert table == years
    first = {"Helse Nord": 2017, "Helse Midt-Norge": 2018, "Helse Vest": 2019, "Helse Sør-Øst": 2019}
    core_2015 = tuple(lk for lk in network.links if lk.in_service == 2015)
    for link in network.links:
        if link.in_service == 2015:
            continue
        for end in link.ends:
            site = network.site(end)
            if site.kind is SiteKind.HOSPITAL:
                assert link.in_service is not None and link.in_service >= first[site.region], link.id
    # 2015: three independent routes between the regional capitals (NHN's 2015 report)
    graph = nx.DiGraph()
    for pair, count in Counter(frozenset(lk.ends) for lk in core_2015).items():
        u, v = sorted(pair)
        graph.add_edge(u, v, capacity=count)
        graph.add_edge(v, u, capacity=count)
    capitals = ("hub-oslo", "hub-bergen", "hub-trondheim", "hub-tromso")
    for i, capital in enumerate(capitals):
        for other in capitals[i + 1:]:
            assert nx.maximum_flow_value(graph, capital, other) >= 3, (capital, other)


def test_every_risk_group_is_described_and_used(network: Network) -> None:
    described = {g.name: g for g in network.risk_groups}
    used = {name for lk in network.links for name in lk.risk_groups}
    assert used == set(described)
    assert all(g.description and g.kind is not RiskKind.OTHER for g in described.values())
    assert described["Svalbard sea cable pair"].kind is RiskKind.SEA_CABLE
    assert described["Statnett 420 kV Ofoten–Balsfjord"].kind is RiskKind.POWER_LINE
    assert network.group_members("Svalbard sea cable pair")[0] == {
        lk.id for lk in network.links if "unn-longyearbyen" in lk.ends}


@pytest.mark.parametrize(("links", "why"), [
    ({"L129", "L136"}, "E39 from Ålesund to Ørskog"),
    ({"L272", "L274"}, "E6 Kirkenes–Neiden"),
    ({"L272", "L273"}, "E6 Tana bru–Varangerbotn"),
    ({"L125", "L128"}, "E39/Rv5 Førde–Skei"),
    ({"L042", "L049"}, "Sørlandsbanen Drammen–Hokksund"),
    ({"L091", "L097"}, "E134 Haugesund–Aksdal"),
    ({"L123", "L124"}, "E16 Borlaug–Lærdal"),
    ({"L230", "L231"}, "E10 Bjerkvik–Evenes"),
    ({"L157", "L174", "L175"}, "Dovrefjell"),
    ({"L206", "L220", "L221"}, "the Bodø landing"),
    ({"L234", "L235", "L236", "L237"}, "the Andøya landing"),
])
def test_links_that_share_a_road_a_track_or_a_landing_share_a_risk_group(
    network: Network, links: set[str], why: str,
) -> None:
    shared = set.intersection(*(set(network.link(i).risk_groups) for i in links))
    assert shared, why


def test_ferry_crossings_are_in_a_sea_group(network: Network) -> None:
    kinds = {g.name: g.kind for g in network.risk_groups}
    for link_id, ferry in (("L128", "Anda–Lote"), ("L140", "Kanestraum–Halsa"),
                           ("L101", "Løfallstrand–Gjermundshamn"), ("L090", "Hjelmeland–Nesvik")):
        groups = [g for g in network.link(link_id).risk_groups if kinds[g] is RiskKind.SEA_CABLE]
        assert any(ferry in g for g in groups), link_id


def test_the_sites_below_target_are_the_documented_exceptions(network: Network) -> None:
    exceptions = network.metadata["exceptions"]
    edge = {e["site"]: e["edge_disjoint_paths"] for e in exceptions if "edge_disjoint_paths" in e}
    risk = {e["site"]: e["risk_disjoint_paths"] for e in exceptions}
    counts = edge_disjoint_paths(network)
    assert {s: n for s, n in counts.items() if n < network.target} == edge == {"unn-longyearbyen": 2}
    report = assess_diversity(network, measure="risk")
    assert {s.site_id: s.diversity for s in report.sites if s.diversity < network.target} == risk
    assert all(e["reason"] and e["shared_risks"] for e in exceptions)
    table = {ticked(row[0])[0]: (int(row[1]), int(row[2])) for row in docs_table(
        "Exceptions: sites below the target in the intact network")}
    assert table == {site: (counts[site], risk[site]) for site in risk}


def test_the_north_east_keeps_three_routes_only_through_sweden_and_finland(network: Network) -> None:
    abroad = frozenset(s.id for s in network.sites if "outside" in s.region)
    assert abroad == {"j-ostersund", "j-umea", "j-lulea", "j-haparanda"}
    report = assess_diversity(network, FailureScenario(failed_sites=abroad))
    below = {s.site_id for s in report.sites
             if s.site_id not in abroad and s.diversity < network.target <= s.baseline}
    assert below == {"ahus-kongsvinger", "finnmark-karasjok", "finnmark-kirkenes", "j-lakselv",
                     "j-tana", "j-skibotn"}
    docs = DOCS.read_text(encoding="utf-8")
    assert all(f"`{site}`" in docs for site in below)


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
    broken["features"][1]["properties"]["coord_precision"] = "exact"
    link = next(f for f in broken["features"] if f["properties"]["feature"] == "link")
    link["properties"]["in_service"] = "2019"
    assert len(list(validator.iter_errors(broken))) == 4


def test_the_docs_list_the_single_risk_groups_that_break_the_target(network: Network) -> None:
    """The docs' table is what the engine's N-1 sweep over risk groups finds, group for group."""
    sweep = run_sweep(network, order=1, of="groups", measure="edge")
    found = {}
    for impact in sweep.impacts:
        (group,) = impact.elements
        if impact.below_target and len(network.group_members(group)[0]) >= 2:
            found[group] = set(impact.below_target)  # one-link groups are that link's own failure
    table = {ticked(row[0])[0]: set(ticked(row[2]))
             for row in docs_table("Single risk groups that break the target")}
    assert table == found
    for row in docs_table("Single risk groups that break the target"):
        assert set(row[1].replace(" ", "").split(",")) == set(
            network.group_members(ticked(row[0])[0])[0])


def test_the_docs_count_what_is_in_the_file(network: Network) -> None:
    rows = {row[0]: row[1] for row in docs_table("What is in it")}
    kinds = Counter(s.kind for s in network.sites)
    assert rows["sites"] == (f"{len(network.sites)}: {kinds[SiteKind.HOSPITAL]} hospitals, "
                             f"{kinds[SiteKind.HUB]} hubs, {kinds[SiteKind.DATA_CENTRE]} data centres, "
                             f"{kinds[SiteKind.JUNCTION]} junctions")
    assert rows["links"].startswith(f"{len(network.links)} ")
    assert rows["risk groups"] == str(len(network.risk_groups))
    assert rows["exceptions"].startswith(str(len(network.metadata["exceptions"])))
