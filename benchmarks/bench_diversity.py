"""Side-by-side timings of the diversity engine, with the budgets it must meet.

    python benchmarks/bench_diversity.py            # bundled network + 100, 500, 1000, 5000 sites
    python benchmarks/bench_diversity.py --quick    # fewer repetitions, no 5,000-site N-1 sweep

Measured in one process: a full assessment per measure, one link failed and
re-assessed (each sampled link once, so no cached answer is reused), an N-1
sweep over all links, and two peers computing the same edge-measure values
site by site on the network with the core contracted to one node: networkx's
``edge_connectivity`` (the obvious way) and igraph's ``maxflow_value`` (a C
library; a benchmark peer only, skipped when not installed). The peers'
answers are compared with the engine's; networkx's ``edge_connectivity`` on a
multigraph undercounts parallel links, and the mismatches are printed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_network

from stamnett_gui.analysis.diversity import DiversityEngine
from stamnett_gui.analysis.sweep import run_sweep
from stamnett_gui.domain import FailureScenario, Network

TARGET = 3
CAP = TARGET + 1
CONTRACTED = "__core__"


def bundled_or_stand_in() -> tuple[str, Network]:
    """The bundled network, or a synthetic 100-site one when the file is not there."""
    try:
        from stamnett_gui.io.loading import load_default_network

        return "bundled", load_default_network()
    except (OSError, ValueError) as error:
        print(f"(bundled network unavailable: {error}; a synthetic 100-site one stands in)")
        return "bundled*", synthetic_network(100, seed=7)


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``repeat`` calls, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def toggles(network: Network, sample: int, seed: int = 1) -> tuple[float, float]:
    """Median and 95th percentile time to fail one link and re-assess (each link once)."""
    engine = DiversityEngine(network, TARGET, "edge")
    links = [lk.id for lk in network.links]
    chosen = random.Random(seed).sample(links, min(sample, len(links)))
    times = []
    for link in chosen:
        scenario = FailureScenario(failed_links=frozenset({link}))
        start = time.perf_counter()
        engine.assess(scenario)
        times.append(time.perf_counter() - start)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def contracted_edges(network: Network) -> list[tuple[str, str]]:
    core = network.core
    edges = []
    for lk in network.links:
        a = CONTRACTED if lk.a in core else lk.a
        b = CONTRACTED if lk.b in core else lk.b
        if a != b:
            edges.append((a, b))
    return edges


def networkx_obvious(network: Network, sites: list[str]) -> dict[str, int]:
    """``nx.edge_connectivity`` per site on the contracted multigraph (what one writes first)."""
    import networkx as nx

    graph = nx.MultiGraph()
    graph.add_nodes_from(s.id for s in network.sites if s.id not in network.core)
    graph.add_node(CONTRACTED)
    graph.add_edges_from(contracted_edges(network))
    return {s: min(nx.edge_connectivity(graph, s, CONTRACTED), CAP) for s in sites}


def igraph_flows(network: Network, sites: list[str]) -> tuple[dict[str, int], float] | None:
    """igraph's max-flow per site on the contracted multigraph, and the time (import excluded)."""
    try:
        import igraph
    except ImportError:
        return None
    start = time.perf_counter()
    names = [s.id for s in network.sites if s.id not in network.core] + [CONTRACTED]
    index = {name: i for i, name in enumerate(names)}
    edges = [(index[a], index[b]) for a, b in contracted_edges(network)]
    graph = igraph.Graph(n=len(names), edges=edges)
    ones = [1] * len(edges)
    t = index[CONTRACTED]
    values = {s: min(int(graph.maxflow_value(index[s], t, ones)), CAP) for s in sites}
    return values, time.perf_counter() - start


@dataclass
class Row:
    label: str
    sites: int
    links: int
    edge: float = 0.0
    node: float = 0.0
    risk: float = 0.0
    toggle: float = 0.0
    toggle_max: float = 0.0
    n1: float | None = None
    nx: float | None = None
    nx_note: str = ""
    ig: float | None = None
    notes: list[str] = field(default_factory=list)


def measure(label: str, network: Network, *, quick: bool, n1: bool, nx_sites: int | None,
            peers: bool) -> Row:
    row = Row(label, len(network.sites), len(network.links))
    repeat = 3 if quick or len(network.sites) > 1000 else 7
    row.edge = timed(lambda: DiversityEngine(network, TARGET, "edge"), repeat)
    row.node = timed(lambda: DiversityEngine(network, TARGET, "node"), repeat)
    row.risk = timed(lambda: DiversityEngine(network, TARGET, "risk"), repeat)
    row.toggle, row.toggle_max = toggles(network, 40 if quick else 200)
    if n1:
        start = time.perf_counter()
        run_sweep(network, order=1, of="links", target=TARGET)
        row.n1 = time.perf_counter() - start
    if not peers:
        return row
    ours = DiversityEngine(network, TARGET, "edge").baseline
    non_core = [s.id for s in network.sites if s.id not in network.core]
    if nx_sites is not None:
        chosen = non_core if nx_sites >= len(non_core) else random.Random(2).sample(
            non_core, nx_sites)
        start = time.perf_counter()
        values = networkx_obvious(network, chosen)
        elapsed = time.perf_counter() - start
        row.nx = elapsed * len(non_core) / len(chosen)
        if len(chosen) < len(non_core):
            row.nx_note = f"~ from {len(chosen)} sites"
        lower = sum(values[s] < ours[s].diversity for s in chosen)
        higher = sum(values[s] > ours[s].diversity for s in chosen)
        if lower or higher:
            row.notes.append(f"networkx lower on {lower} and higher on {higher} of "
                             f"{len(chosen)} sites (it undercounts parallel links)")
    found = igraph_flows(network, non_core)
    if found is not None:
        values_ig, row.ig = found
        wrong = sum(values_ig[s] != ours[s].diversity for s in non_core)
        if wrong:
            row.notes.append(f"igraph disagrees on {wrong} sites")
    return row


def ms(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="fewer repetitions and samples; no N-1 sweep at 5,000 sites")
    parser.add_argument("--sizes", default="100,500,1000,5000",
                        help="synthetic network sizes (default 100,500,1000,5000)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    label, bundled = bundled_or_stand_in()
    networks = [(label, bundled)] + [(f"synthetic {n}", synthetic_network(n)) for n in sizes]
    rows = []
    for name, network in networks:
        n = len(network.sites)
        print(f"measuring {name} ({n} sites, {len(network.links)} links)...", file=sys.stderr)
        nx_sites = None if n > 1000 else (60 if args.quick and n > 200 else n)
        rows.append(measure(name, network, quick=args.quick, n1=not (args.quick and n > 1000),
                            nx_sites=nx_sites, peers=True))
    print(f"\nTarget {TARGET}, times are medians; 'toggle' fails one link and re-assesses.")
    header = (f"{'network':<16}{'sites':>6}{'links':>7}{'edge':>11}{'node':>11}{'node/edge':>10}"
              f"{'risk':>11}{'toggle':>11}{'(p95)':>10}{'N-1 links':>11}{'networkx':>12}"
              f"{'nx/ours':>9}{'igraph':>11}{'ig/ours':>9}")
    print(header)
    for r in rows:
        nx_ratio = f"{r.nx / r.edge:.0f}x" if r.nx else "skipped"
        ig_ratio = f"{r.ig / r.edge:.1f}x" if r.ig else "-"
        print(f"{r.label:<16}{r.sites:>6}{r.links:>7}{ms(r.edge):>11}{ms(r.node):>11}"
              f"{r.node / r.edge:>9.2f}x{ms(r.risk):>11}{ms(r.toggle):>11}{ms(r.toggle_max):>10}"
              f"{ms(r.n1):>11}{ms(r.nx):>12}{nx_ratio:>9}{ms(r.ig):>11}{ig_ratio:>9}")
        for note in ([f"networkx time {r.nx_note}"] if r.nx_note else []) + r.notes:
            print(f"{'':<16}  note: {note}")
    print("\nnetworkx is skipped above 1,000 sites (minutes per run); ratios compare a whole "
          "assessment\n(all sites, core sites included) with the peers' per-site loop over "
          "non-core sites.")
    print("\nBudgets:")
    checks = budget_checks(rows)
    for text, ok in checks:
        print(f"  [{'ok' if ok else 'OVER'}] {text}")
    return 0 if all(ok for _, ok in checks) else 1


def budget_checks(rows: list[Row]) -> list[tuple[str, bool]]:
    bundled = rows[0]
    big = next((r for r in rows if r.sites >= 5000), None)
    mid = next((r for r in rows if 400 <= r.sites <= 600 and r.label.startswith("synth")), None)
    checks = [
        (f"full edge assessment, {bundled.label}: {ms(bundled.edge)} <= 5 ms",
         bundled.edge <= 0.005),
        (f"one link toggled, {bundled.label}: {ms(bundled.toggle)} <= 2 ms",
         bundled.toggle <= 0.002),
        (f"risk measure, {bundled.label}: {ms(bundled.risk)} <= 50 ms", bundled.risk <= 0.05),
    ]
    if bundled.n1 is not None:
        checks.append((f"N-1 over all links, {bundled.label}: {ms(bundled.n1)} <= 0.5 s",
                       bundled.n1 <= 0.5))
    for r in rows:
        checks.append((f"node within 2x of edge, {r.label}: {r.node / r.edge:.2f}x",
                       r.node <= 2 * r.edge))
    if big is not None:
        checks.append((f"full edge assessment, 5,000 sites: {ms(big.edge)} <= 1 s",
                       big.edge <= 1.0))
        checks.append((f"one link toggled, 5,000 sites: median {ms(big.toggle)} <= 50 ms",
                       big.toggle <= 0.05))
        if big.n1 is not None:
            checks.append((f"N-1 over all links, 5,000 sites: {ms(big.n1)} <= 60 s",
                           big.n1 <= 60))
        if big.ig is not None:
            checks.append((f"faster than igraph at 5,000 sites: {big.ig / big.edge:.1f}x",
                           big.ig > big.edge))
    if mid is not None and mid.nx is not None:
        checks.append((f"networkx per-site edge_connectivity at 500 sites: "
                       f"{mid.nx / mid.edge:.0f}x >= 100x", mid.nx >= 100 * mid.edge))
    if mid is not None and mid.ig is not None:
        checks.append((f"faster than igraph at 500 sites: {mid.ig / mid.edge:.1f}x",
                       mid.ig > mid.edge))
    return checks


if __name__ == "__main__":
    sys.exit(main())
