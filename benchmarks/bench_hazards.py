"""Hazard areas and scenario files: a drawn area to a new report; saving a scenario; autosave.

Run: ``python benchmarks/bench_hazards.py [--sizes 5000] [--areas 20]``

- *area to report*: a new polygon (never seen before) on a warm engine: which links and sites it
  takes down (``resolve_scenario``: an STRtree over route segments) and the report with them down
  (``DiversityEngine.assess``). This is the part of "draw an area to a repainted highlight"
  below the ui (issue 9's budgets for the whole path: 100 ms bundled, 300 ms at 5,000 sites).
  The obvious way beside it: shapely's ``intersects`` link by link on prebuilt route lines, then
  a fresh ``assess_diversity``.
- *first area on a network*: building the segment index, once per network.
- *save scenario*: ``write_scenario_file`` (atomic, fsync) of a scenario with five areas (budget
  50 ms), beside a plain ``write_text``.
- *recovery write*: ``write_recovery`` of a ten-scenario workshop (runs off the GUI thread).
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_network

from stamnett_gui.analysis import hazards
from stamnett_gui.analysis.diversity import DiversityEngine, assess_diversity
from stamnett_gui.analysis.map_geometry import route_of
from stamnett_gui.analysis.projection import project
from stamnett_gui.domain import FailureScenario, HazardArea, Network
from stamnett_gui.domain.workshop import NamedScenario, Workshop
from stamnett_gui.io.loading import load_default_network
from stamnett_gui.io.recovery import NetworkSource, RecoveryState, write_recovery
from stamnett_gui.io.scenario_file import write_scenario_file


def _ms(seconds: list[float]) -> float:
    return statistics.median(seconds) * 1000


def random_area(rng: random.Random, network: Network, name: str) -> HazardArea:
    """A star-shaped storm of 30-90 km around a random site."""
    site = rng.choice([s for s in network.sites if math.isfinite(s.lon)])
    corners = []
    for k in range(8):
        angle = 2 * math.pi * k / 8
        km = rng.uniform(30, 90)
        corners.append((site.lon + km / 111 / math.cos(math.radians(site.lat)) * math.cos(angle),
                        site.lat + km / 111 * math.sin(angle)))
    return HazardArea.polygon(name, corners)


def obvious_hits(network: Network, lines: list[object], area: HazardArea) -> frozenset[str]:
    """Link by link, shapely's intersects on the projected route (no index)."""
    ring = area.rings[0]
    x, y = project([p[0] for p in ring], [p[1] for p in ring])
    polygon = shapely.Polygon(np.column_stack([x, y]))
    return frozenset(lk.id for lk, line in zip(network.links, lines, strict=True)
                     if line is not None and line.intersects(polygon))


def bench_network(label: str, network: Network, n_areas: int) -> None:
    rng = random.Random(7)
    engine = DiversityEngine(network)
    hazards._indexes.clear()
    start = time.perf_counter()
    hazards.prepare_network(network)
    first = time.perf_counter() - start

    lines = []
    for lk in network.links:
        route = route_of(network, lk)
        x, y = project([p[0] for p in route], [p[1] for p in route])
        ok = np.isfinite(x).all() and np.isfinite(y).all()
        lines.append(shapely.LineString(np.column_stack([x, y])) if ok else None)

    ours, obvious, hits_only, obvious_hits_only = [], [], [], []
    for k in range(n_areas):
        area = random_area(rng, network, f"storm {k}")
        scenario = FailureScenario().add_area(area)
        start = time.perf_counter()
        found = hazards.area_hits(network, area)
        hits_only.append(time.perf_counter() - start)
        start = time.perf_counter()
        expected = obvious_hits(network, lines, area)
        obvious_hits_only.append(time.perf_counter() - start)
        assert found.links == expected, "the index and the obvious way disagree"
        hazards._indexes[id(network)].hits.clear()   # the report step must find the area new too
        start = time.perf_counter()
        engine.assess(scenario)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        ids = FailureScenario(obvious_hits(network, lines, area), found.sites)
        assess_diversity(network, ids)
        obvious.append(time.perf_counter() - start)
    print(f"{label}: {len(network.sites)} sites, {len(network.links)} links")
    print(f"  prepare_network (the segment index, once per network): {first * 1000:7.1f} ms")
    print(f"  a new area's hits: STRtree {_ms(hits_only):6.2f} ms | link by link "
          f"{_ms(obvious_hits_only):6.2f} ms | ratio {_ms(obvious_hits_only) / _ms(hits_only):5.1f}x")
    print(f"  a new area to its report (median of {n_areas}): {_ms(ours):6.1f} ms "
          f"(max {max(ours) * 1000:.1f}) | obvious {_ms(obvious):6.1f} ms | "
          f"ratio {_ms(obvious) / _ms(ours):5.1f}x")


def bench_files(network: Network) -> None:
    rng = random.Random(3)
    scenario = FailureScenario(failed_links=frozenset(lk.id for lk in network.links[:5]))
    for k in range(5):
        scenario = scenario.add_area(random_area(rng, network, f"area {k}"))
    named = NamedScenario("Storm", "notes " * 50, scenario)
    folder = Path(tempfile.mkdtemp())
    ours, plain = [], []
    for k in range(30):
        start = time.perf_counter()
        write_scenario_file(folder / "s.json", named, network)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        (folder / f"plain-{k}.json").write_text(str(scenario.to_dict()), encoding="utf-8")
        plain.append(time.perf_counter() - start)
    print(f"save a scenario with 5 areas: {_ms(ours):6.2f} ms (max {max(ours) * 1000:.2f}) | "
          f"plain write_text {_ms(plain):6.2f} ms | ratio {_ms(ours) / _ms(plain):5.1f}x "
          "(atomic, fsync, network hash)")
    state = RecoveryState(NetworkSource((), "0" * 64), Workshop("w", (named,) * 10))
    times = []
    for _ in range(30):
        start = time.perf_counter()
        write_recovery(folder / "recovery.json", state)
        times.append(time.perf_counter() - start)
    print(f"recovery write, ten scenarios: {_ms(times):6.2f} ms (max {max(times) * 1000:.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[5000])
    parser.add_argument("--areas", type=int, default=20)
    args = parser.parse_args()
    files_on: Network | None = None
    try:
        files_on = load_default_network()
    except Exception as error:  # the bundled network is optional here; say why it is skipped
        print(f"bundled network skipped: {error}")
    else:
        bench_network("bundled", files_on, args.areas)
    for size in args.sizes:
        network = synthetic_network(size)
        bench_network(f"synthetic {size}", network, args.areas)
        files_on = files_on or network
    if files_on is not None:
        bench_files(files_on)


if __name__ == "__main__":
    main()
