"""Opening and validating a 5,000-site network, beside the obvious alternatives.

    python benchmarks/bench_import.py            # 5,000 sites
    python benchmarks/bench_import.py 20000      # another size

Generates the files itself (random sites over Norway's longitude/latitude
envelope, each linked to the next two by latitude, every link with a bent
route), then times, as the median of several runs:

- opening the project's GeoJSON, a generic GeoJSON whose lines must be matched
  to their sites by position, and GraphML (``import_network``, format detection
  included), and laying each out for the map (``layout_network``);
- validating the network against the real basemap (territory prepared once, as
  the app does; the first preparation is shown on its own line).

Each is printed beside an obvious alternative that does less (``json.load``
alone, ``networkx.read_graphml`` alone, ``networkx`` connected components with a
plain point-in-polygon test) and the budget from the issue.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import numpy as np
import shapely

from stamnett_gui.analysis.map_geometry import layout_network
from stamnett_gui.analysis.projection import project
from stamnett_gui.analysis.validation import Territory, territory, validate_network
from stamnett_gui.domain import Link, Network, Site, SiteKind
from stamnett_gui.io.basemap import load_basemap
from stamnett_gui.io.geojson import network as network_geojson
from stamnett_gui.io.graphml.writer import write_graphml
from stamnett_gui.io.loading import import_network

LON = (4.5, 31.0)
LAT = (58.0, 71.0)


def synthetic(n: int, seed: int = 5) -> Network:
    """``n`` sites over Norway's envelope; each linked to the next two by latitude."""
    rng = random.Random(seed)
    points = sorted((round(rng.uniform(*LAT), 6), round(rng.uniform(*LON), 6)) for _ in range(n))
    sites = tuple(Site(f"s{i}", f"Site {i}", lon, lat, SiteKind.HOSPITAL if i % 7 else SiteKind.HUB,
                       region=f"Region {i % 4}") for i, (lat, lon) in enumerate(points))
    links = []
    for i, a in enumerate(sites):
        for step in (1, 2):
            if i + step < n:
                b = sites[i + step]
                bend = (round((a.lon + b.lon) / 2 + 0.01, 6), round((a.lat + b.lat) / 2, 6))
                links.append(Link(f"L{i}-{step}", a.id, b.id, (a.position, bend, b.position),
                                  risk_groups=frozenset({f"corridor {i // 50}"})))
    core = frozenset(s.id for s in sites[:: max(1, n // 8)])
    return Network("Synthetic", sites, tuple(links), core)


def generic_geojson(network: Network) -> dict[str, object]:
    """Plain RFC 7946 GeoJSON: points with an id, lines with no end-site properties."""
    points = [{"type": "Feature", "id": s.id, "properties": {"name": s.name},
               "geometry": {"type": "Point", "coordinates": list(s.position)}}
              for s in network.sites]
    lines = [{"type": "Feature", "id": lk.id, "properties": {"medium": lk.medium},
              "geometry": {"type": "LineString", "coordinates": [list(p) for p in lk.route]}}
             for lk in network.links]
    return {"type": "FeatureCollection", "features": points + lines}


def median_time(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def open_and_lay_out(path: Path) -> None:
    layout_network(import_network(path).network)


def naive_validation(network: Network, land: Territory) -> None:
    """The obvious alternative: networkx components and a point-in-land test, nothing else."""
    graph = nx.MultiGraph()
    graph.add_nodes_from(s.id for s in network.sites)
    graph.add_edges_from(lk.ends for lk in network.links)
    list(nx.connected_components(graph))
    x, y = project([s.lon for s in network.sites], [s.lat for s in network.sites])
    shapely.contains_xy(land.land, x, y)


def main(n: int = 5000, runs: int = 5) -> None:
    network = synthetic(n)
    basemap = load_basemap()
    land = basemap.norwegian_land
    with tempfile.TemporaryDirectory() as folder:
        own = Path(folder) / "own.geojson"
        plain = Path(folder) / "plain.geojson"
        graphml = Path(folder) / "net.graphml"
        network_geojson.write_network(network, own)
        plain.write_text(json.dumps(generic_geojson(network)))
        write_graphml(network, graphml)
        assert import_network(plain).network.links == tuple(
            Link(lk.id, lk.a, lk.b, lk.route, risk_groups=frozenset()) for lk in network.links)

        def load_json(path: Path) -> Callable[[], object]:
            return lambda: json.loads(path.read_bytes())

        start = time.perf_counter()
        prepared = territory(land, neighbours=basemap.neighbours)  # as the app prepares it
        first_territory = time.perf_counter() - start
        rows = [
            (f"open {n:,}-site GeoJSON, own format", median_time(lambda: import_network(own), runs),
             1.0, "json.load alone", median_time(load_json(own), runs)),
            ("  ... and lay it out for the map", median_time(lambda: open_and_lay_out(own), runs),
             1.0, "json.load alone", median_time(load_json(own), runs)),
            (f"open {n:,}-site generic GeoJSON (ends by position)",
             median_time(lambda: import_network(plain), runs), 1.0, "json.load alone",
             median_time(load_json(plain), runs)),
            (f"open {n:,}-site GraphML", median_time(lambda: import_network(graphml), runs), 2.0,
             "networkx.read_graphml alone", median_time(lambda: nx.read_graphml(graphml), runs)),
            ("  ... and lay it out for the map",
             median_time(lambda: open_and_lay_out(graphml), runs), 2.0,
             "networkx.read_graphml alone", median_time(lambda: nx.read_graphml(graphml), runs)),
            (f"validate {n:,} sites (territory prepared)",
             median_time(lambda: validate_network(network, prepared), runs), 0.5,
             "nx components + point-in-land", median_time(lambda: naive_validation(network, prepared),
                                                          runs)),
            ("  preparing the territory, once per run of the app", first_territory, None,
             "", float("nan")),
        ]
    findings = validate_network(network, prepared)
    print(f"{n:,} sites, {len(network.links):,} links; median of {runs} runs; "
          f"{len(findings)} validation findings\n")
    print(f"{'':52} {'time':>8} {'budget':>7}   {'alternative':<30} {'time':>8} {'ratio':>6}")
    for what, seconds, budget, other, other_seconds in rows:
        budget_text = f"{budget:.1f} s" if budget else ""
        ratio = f"{seconds / other_seconds:5.1f}x" if not np.isnan(other_seconds) else ""
        other_text = f"{other_seconds:6.3f} s" if not np.isnan(other_seconds) else ""
        flag = "  OVER BUDGET" if budget and seconds > budget else ""
        print(f"{what:52} {seconds:6.3f} s {budget_text:>7}   {other:<30} {other_text:>8} {ratio:>6}"
              f"{flag}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
