"""Build the bundled network: Norway's hospitals with a modelled Stamnettet.

Run from the repository: ``python scripts/build_network.py [--data DIR]`` where DIR
holds ``hospitals/norway_hospitals.csv`` as described in the data README (default:
``../shared/data`` beside the repository). The hubs, junctions, links and risk
groups come from the ``stamnett_model`` package beside this script. The build
checks that every site reaches the core by at least ``target`` edge-disjoint
paths, except the documented exceptions, and refuses to write otherwise.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "resources" / "networks" / "stamnettet-modelled.geojson"
sys.path.insert(0, str(ROOT))

from stamnett_model import (  # noqa: E402
    ADDED,
    CLOSED,
    CORE,
    EXCEPTIONS,
    GROUPS,
    HOSPITAL_IDS,
    JUNCTIONS,
    LINKS,
    MOVED,
    NO_LONGER_HOSPITALS,
    REFERENCE_EVENTS,
    TABLE_PRECISION,
)
from stamnett_model.timeline import (  # noqa: E402
    CORE_PAIRS,
    CORE_YEAR,
    HOSPITAL_DETOUR,
    JUNCTION_YEARS,
    NOT_BEFORE,
    OPENED,
    REGION_YEARS,
    TRUST_YEARS,
)

from stamnett_gui.analysis import assess_diversity  # noqa: E402
from stamnett_gui.domain import Link, Network, RiskGroup, RiskKind, Site, SiteKind  # noqa: E402
from stamnett_gui.domain.network import CoordPrecision  # noqa: E402
from stamnett_gui.io.geojson.network import write_network  # noqa: E402
from stamnett_gui.io.geojson.values import distance_m  # noqa: E402

TARGET = 3
REFERENCE_DATE = "2020-01-01"
STATE_YEAR = 2026
DESCRIPTION = (
    "Norway's hospitals as of 2026 (positions from the 2020 list of treatment places, with the "
    "hospitals that have moved since placed at their new buildings) with a MODELLED "
    "core network. NHN's real links, routes and sites are not public: the hubs, data-centre "
    "positions, junctions, links, operators and risk groups here are this project's own model, "
    "drawn along real corridors (railways, main roads, Statnett power lines, sea crossings, and "
    "leased routes through Sweden and Finland). Every hospital reaches the core by at least "
    "three edge-disjoint paths except where geography prevents it, and some only by routes "
    "that share a risk (see 'exceptions'). Links carry a modelled year of coming into service "
    "('in_service'). Use it to explore path diversity; open the real network from a file for "
    "planning."
)


def read_hospitals(data: Path) -> list[Site]:
    """The hospitals as of 2026: the table's, moved, closed or changed as the model says."""
    path = data / "hospitals" / "norway_hospitals.csv"
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    names = [row["name"] for row in rows]
    missing, unknown = set(HOSPITAL_IDS) - set(names), set(names) - set(HOSPITAL_IDS)
    if missing or unknown or len(set(names)) != len(names):
        raise SystemExit(f"hospital table and model disagree: not in table {sorted(missing)}, "
                         f"no id for {sorted(unknown)}")
    sites = [_table_site(row) for row in rows if HOSPITAL_IDS[row["name"]] not in CLOSED]
    for added in ADDED:
        sites.append(Site(
            id=added.id, name=added.name, lon=added.lon, lat=added.lat, kind=SiteKind.HOSPITAL,
            health_trust=added.health_trust, region=added.region, municipality=added.municipality,
            coord_precision=CoordPrecision(added.coord_precision),
            properties=MappingProxyType({
                "type": added.type, "ownership": added.ownership, "notes": added.notes,
                "data_state": f"not in the {REFERENCE_DATE} list; a hospital site in {STATE_YEAR}",
                "kommunenummer": added.kommunenummer, "county_2024": added.county_2024,
                "source": added.source,
            }),
        ))
    return sites


def _table_site(row: dict[str, str]) -> Site:
    """A row of the hospital table as the site it is in 2026."""
    site_id = HOSPITAL_IDS[row["name"]]
    move, changed = MOVED.get(site_id), NO_LONGER_HOSPITALS.get(site_id)
    properties: dict[str, Any] = {
        "type": row["type"],
        "ownership": row["ownership"],
        "notes": row["notes"],
        "data_state": f"position as of the {REFERENCE_DATE} list of treatment places, still in "
                      f"use in {STATE_YEAR}",
        "geocoding": row["coord_precision"],
        "kommunenummer": row["kommunenummer"],
        "county_2024": row["county_2024"],
        "source": row["source"],
    }
    lat, lon = float(row["lat"]), float(row["lon"])
    precision = TABLE_PRECISION[row["coord_precision"]]
    name, kind = row["name"], SiteKind.HOSPITAL
    if move is not None:
        lat, lon, precision, name = move.lat, move.lon, move.coord_precision, move.name or name
        properties.update(
            notes=move.note, source=move.source, geocoding="placed by hand at the place",
            data_state=f"position as of {STATE_YEAR}: moved since the {REFERENCE_DATE} list",
            position_2020=[float(row["lon"]), float(row["lat"])], source_2020=row["source"],
        )
    if changed is not None:
        name, kind = changed.name, SiteKind(changed.kind)
        properties.update(
            notes=changed.note, source=f"{changed.source}; position: {row['source']}",
            type="district medical centre",
            data_state=f"a hospital in the {REFERENCE_DATE} list; no longer one in {STATE_YEAR}",
        )
    if name != row["name"]:
        properties["name_2020"] = row["name"]
    return Site(
        id=site_id, name=name, lon=lon, lat=lat, kind=kind, health_trust=row["health_trust"],
        region=row["region"], municipality=row["municipality"],
        properties=MappingProxyType(properties), coord_precision=CoordPrecision(precision),
    )


def modelled_sites() -> list[Site]:
    """The core and the junctions (positions at the place: a town, a station)."""
    return [
        Site(id=s.id, name=s.name, lon=s.lon, lat=s.lat, kind=SiteKind(s.kind), region=s.region,
             municipality=s.municipality, coord_precision=CoordPrecision.PLACE,
             properties=MappingProxyType({"modelled_position": True, "note": s.note}))
        for s in (*CORE, *JUNCTIONS)
    ]


def site_year(site: Site) -> int:
    """The year a site's area was built out (see ``stamnett_model.timeline``)."""
    if site.kind in (SiteKind.HUB, SiteKind.DATA_CENTRE):
        return CORE_YEAR
    if site.id in OPENED:
        return OPENED[site.id]
    if site.id in JUNCTION_YEARS:
        return JUNCTION_YEARS[site.id]
    trust = next((y for t, y in TRUST_YEARS.items() if site.health_trust.startswith(t)), None)
    return trust or REGION_YEARS[site.region]


def core_links(links: list[Link], sites: dict[str, Site]) -> set[str]:
    """The 2015 core: the three shortest link-disjoint routes between each pair of capitals.

    A min-cost flow of three units with one unit of capacity per link (a node
    per link, so that parallel links stay apart), costed by route length. The
    core ran between exchanges: a link that ends at a hospital costs
    :data:`HOSPITAL_DETOUR` times its length, so routes pass hospitals only
    where the corridor itself does, and never one that opened after 2015.
    """
    graph = nx.DiGraph()
    for link in links:
        ends = [sites[end] for end in link.ends]
        if NOT_BEFORE.get(link.id, CORE_YEAR) > CORE_YEAR or any(
                OPENED.get(end.id, CORE_YEAR) > CORE_YEAR for end in ends):
            continue
        detour = HOSPITAL_DETOUR if any(end.kind is SiteKind.HOSPITAL for end in ends) else 1
        cost = detour * round(sum(distance_m(p, q) for p, q in itertools.pairwise(link.route)))
        middle = f"link:{link.id}"
        graph.add_edge(middle, "__cap__" + link.id, capacity=1, weight=cost)
        for end in link.ends:
            graph.add_edge(end, middle, capacity=1, weight=0)
            graph.add_edge("__cap__" + link.id, end, capacity=1, weight=0)
    chosen: set[str] = set()
    for a, b in CORE_PAIRS:
        flow_graph = graph.copy()
        flow_graph.add_edge("__source__", a, capacity=TARGET, weight=0)
        flows = nx.max_flow_min_cost(flow_graph, "__source__", b)
        if sum(flows["__source__"].values()) != TARGET:
            raise SystemExit(f"the core between {a} and {b} has fewer than {TARGET} routes")
        chosen |= {node.removeprefix("link:") for node, out in flows.items()
                   if node.startswith("link:") and any(out.values())}
    return chosen


def build_links(sites: dict[str, Site]) -> list[Link]:
    """Every modelled link with its route from site a to site b and its year of service."""
    links = []
    for spec in LINKS:
        a, b = sites[spec.a], sites[spec.b]
        name = spec.name or f"Local fibre {a.name} – {b.name}"
        route = (a.position, *((lon, lat) for lat, lon in spec.via), b.position)
        properties = MappingProxyType({"detour_reason": spec.detour} if spec.detour else {})
        links.append(Link(
            id=spec.id, a=spec.a, b=spec.b, route=route, medium=spec.medium,
            risk_groups=frozenset(spec.groups), name=name, operator=spec.operator,
            properties=properties,
        ))
    if len({lk.id for lk in links}) != len(links):
        raise SystemExit("duplicate link ids in the model")
    core = core_links(links, sites)
    return [replace(lk, in_service=max(
        CORE_YEAR if lk.id in core else max(site_year(sites[lk.a]), site_year(sites[lk.b])),
        NOT_BEFORE.get(lk.id, CORE_YEAR),
    )) for lk in links]


def edge_disjoint_paths(network: Network) -> dict[str, int]:
    """Each site's number of edge-disjoint paths to the core (to the rest of it, for a core site).

    Unit capacity per link in each direction, parallel links summed, and a
    super-sink joined to every core site: the maximum flow is the count.
    """
    graph = nx.DiGraph()
    graph.add_nodes_from(site.id for site in network.sites)  # a site without links has 0 paths
    pairs = Counter(frozenset(link.ends) for link in network.links)
    for pair, count in pairs.items():
        u, v = sorted(pair)
        graph.add_edge(u, v, capacity=count)
        graph.add_edge(v, u, capacity=count)
    plenty = len(network.links) + 1
    counts = {}
    for site in network.sites:
        flow_graph = graph.copy()
        for core in network.core - {site.id}:
            flow_graph.add_edge(core, "__core__", capacity=plenty)
        counts[site.id] = int(nx.maximum_flow_value(flow_graph, site.id, "__core__"))
    return counts


def below_target(network: Network) -> dict[str, dict[str, int]]:
    """Per measure (``edge``, ``risk``), the sites below the target and their diversity."""
    edge = edge_disjoint_paths(network)
    risk = assess_diversity(network, measure="risk")
    return {
        "edge": {s: n for s, n in edge.items() if n < network.target},
        "risk": {s.site_id: s.diversity for s in risk.sites if s.diversity < network.target},
    }


def check(network: Network) -> None:
    """Refuse a model below the target anywhere but at its documented exceptions."""
    found = below_target(network)
    for measure, key in (("edge", "edge_disjoint_paths"), ("risk", "risk_disjoint_paths")):
        documented = {str(e["site"]): e[key] for e in EXCEPTIONS if key in e}
        if found[measure] != documented:
            raise SystemExit(f"the model misses the target ({measure} measure) elsewhere than "
                             f"documented:\n  found      {sorted(found[measure].items())}\n  "
                             f"documented {sorted(documented.items())}")
    used = {g for link in network.links for g in link.risk_groups}
    if used != set(GROUPS):
        raise SystemExit(f"risk groups described but unused: {sorted(set(GROUPS) - used)}")


def build(data: Path) -> Network:
    """The whole network, checked."""
    sites = read_hospitals(data) + modelled_sites()
    by_id = {s.id: s for s in sites}
    if len(by_id) != len(sites):
        raise SystemExit("duplicate site ids in the model")
    metadata: dict[str, Any] = {
        "source": {
            "hospitals": "Eurostat GISCO, Healthcare services in Europe (Norway: helsenorge.no list "
                         f"of treatment places, reference date {REFERENCE_DATE}); the hospitals "
                         f"that moved or opened since, as of {STATE_YEAR}, from the health trusts' "
                         "and builders' pages named in each site's 'source'",
            "links": "this project's own model; NHN's real topology is not public",
        },
        "licence": "Hospital names and positions: facts credited to Eurostat GISCO / helsenorge.no "
                   "(upstream terms not stated). Hubs, junctions, links and risk groups: the "
                   "project's own model, under the project's licence.",
        "reference_date": REFERENCE_DATE,
        "hospitals_as_of": STATE_YEAR,
        "exceptions": list(EXCEPTIONS),
        "reference_events": list(REFERENCE_EVENTS),
        "generated_by": "scripts/build_network.py",
    }
    network = Network(
        name="Stamnettet (modelled links)",
        sites=tuple(sites),
        links=tuple(build_links(by_id)),
        core=frozenset(s.id for s in CORE),
        target=TARGET,
        modelled=True,
        description=DESCRIPTION,
        risk_groups=tuple(RiskGroup(name, RiskKind(kind), description)
                          for name, (kind, description) in sorted(GROUPS.items())),
        metadata=MappingProxyType(metadata),
    )
    check(network)
    return network


def main() -> None:
    """Build and write the network file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with hospitals/")
    parser.add_argument("--output", type=Path, default=OUT, help="network file to write")
    args = parser.parse_args()
    network = build(args.data)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    write_network(network, args.output)
    kinds = Counter(s.kind.value for s in network.sites)
    print(f"wrote {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}: "
          f"{len(network.sites)} sites ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}), "
          f"{len(network.links)} links, {len(network.risk_groups)} risk groups, "
          f"{len(EXCEPTIONS)} exception(s)")


if __name__ == "__main__":
    main()
