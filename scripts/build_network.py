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
import sys
from collections import Counter
from pathlib import Path
from types import MappingProxyType
from typing import Any

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "resources" / "networks" / "stamnettet-modelled.geojson"
sys.path.insert(0, str(ROOT))

from stamnett_model import (  # noqa: E402
    CORE,
    EXCEPTIONS,
    GROUPS,
    HOSPITAL_IDS,
    JUNCTIONS,
    LINKS,
    MOVED_SINCE_2020,
    REFERENCE_EVENTS,
)

from stamnett_gui.domain import Link, Network, RiskGroup, RiskKind, Site, SiteKind  # noqa: E402
from stamnett_gui.io.geojson.network import write_network  # noqa: E402

TARGET = 3
REFERENCE_DATE = "2020-01-01"
DESCRIPTION = (
    "Norway's 86 hospitals (positions from the 2020 list of treatment places) with a MODELLED "
    "core network. NHN's real links, routes and sites are not public: the hubs, data-centre "
    "positions, junctions, links, operators and risk groups here are this project's own model, "
    "drawn along real corridors (railways, main roads, Statnett power lines, sea crossings, and "
    "leased routes through Sweden and Finland). Every hospital reaches the core by at least "
    "three edge-disjoint paths except where geography prevents it (see 'exceptions'). Use it to "
    "explore path diversity; open the real network from a file for planning."
)


def read_hospitals(data: Path) -> list[Site]:
    """The hospitals of the table as sites, with the table's facts in their properties."""
    path = data / "hospitals" / "norway_hospitals.csv"
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    names = [row["name"] for row in rows]
    missing, unknown = set(HOSPITAL_IDS) - set(names), set(names) - set(HOSPITAL_IDS)
    if missing or unknown or len(set(names)) != len(names):
        raise SystemExit(f"hospital table and model disagree: not in table {sorted(missing)}, "
                         f"no id for {sorted(unknown)}")
    sites = []
    for row in rows:
        site_id = HOSPITAL_IDS[row["name"]]
        state = (f"position as of the {REFERENCE_DATE} list of treatment places"
                 + ("; the hospital has moved since (see notes)" if site_id in MOVED_SINCE_2020 else ""))
        properties = {
            "type": row["type"],
            "ownership": row["ownership"],
            "coord_precision": row["coord_precision"],
            "notes": row["notes"],
            "data_state": state,
            "moved_since_2020": site_id in MOVED_SINCE_2020,
            "kommunenummer": row["kommunenummer"],
            "county_2024": row["county_2024"],
            "source": row["source"],
        }
        sites.append(Site(
            id=site_id, name=row["name"], lon=float(row["lon"]), lat=float(row["lat"]),
            kind=SiteKind.HOSPITAL, health_trust=row["health_trust"], region=row["region"],
            municipality=row["municipality"], properties=MappingProxyType(properties),
        ))
    return sites


def modelled_sites() -> list[Site]:
    """The core and the junctions."""
    return [
        Site(id=s.id, name=s.name, lon=s.lon, lat=s.lat, kind=SiteKind(s.kind), region=s.region,
             municipality=s.municipality,
             properties=MappingProxyType({"modelled_position": True, "note": s.note}))
        for s in (*CORE, *JUNCTIONS)
    ]


def build_links(sites: dict[str, Site]) -> list[Link]:
    """Every modelled link, numbered in table order, with its route from site a to site b."""
    links = []
    for number, spec in enumerate(LINKS, start=1):
        a, b = sites[spec.a], sites[spec.b]
        name = spec.name or f"Local fibre {a.name} – {b.name}"
        route = (a.position, *((lon, lat) for lat, lon in spec.via), b.position)
        links.append(Link(
            id=f"L{number:03d}", a=spec.a, b=spec.b, route=route, medium=spec.medium,
            risk_groups=frozenset(spec.groups), name=name, operator=spec.operator,
        ))
    return links


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


def check(network: Network) -> None:
    """Refuse a model below the target anywhere but at its documented exceptions."""
    exceptions = {str(e["site"]): e["edge_disjoint_paths"] for e in EXCEPTIONS}
    counts = edge_disjoint_paths(network)
    wrong = [f"{site}: {count} paths" + (f" (documented: {exceptions[site]})" if site in exceptions else "")
             for site, count in counts.items()
             if (count != exceptions[site] if site in exceptions else count < network.target)]
    if wrong:
        raise SystemExit("the model misses the target:\n  " + "\n  ".join(wrong))
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
                         f"of treatment places, reference date {REFERENCE_DATE}); two positions "
                         "from other sources, named in each site's 'source'",
            "links": "this project's own model; NHN's real topology is not public",
        },
        "licence": "Hospital names and positions: facts credited to Eurostat GISCO / helsenorge.no "
                   "(upstream terms not stated). Hubs, junctions, links and risk groups: the "
                   "project's own model, under the project's licence.",
        "reference_date": REFERENCE_DATE,
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
