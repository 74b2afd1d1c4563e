"""Between all points: link-disjoint routes between every pair of sites, in n − 1 maximum flows.

NHN's promise is three independent routes *between all points*. For the edge
measure the count between two sites is a minimum cut, and Gusfield's method
(D. Gusfield, "Very simple methods for all pairs network flow analysis",
SIAM J. Comput. 19(1), 1990) finds every pair's minimum cut with n − 1
maximum flows on the network itself, without contracting anything: the
answers form a tree whose path minima are the pairs' values (a
flow-equivalent tree, what a Gomory–Hu tree also gives).

The flows are this module's own: a shortest-augmenting-path maximum flow on
the sites with parallel links summed as capacities (each link counts, as
everywhere in the app). networkx's ``gomory_hu_tree`` would give the same
tree, but networkx is only the tests' reference: the app's engine stays exact
pure Python, and the tests check every pair against a separate maximum flow.
"""

from __future__ import annotations

from collections import deque

from stamnett_gui.analysis.diversity import apply_hazard_areas, check_target
from stamnett_gui.analysis.progress import CancelCheck, ProgressCallback, Steps
from stamnett_gui.domain import FailureScenario, Network
from stamnett_gui.domain.pairs import PairDiversity, PairsResult


def _capacities(network: Network, scenario: FailureScenario) -> tuple[list[str], list[dict[int, int]]]:
    scenario = apply_hazard_areas(network, scenario)
    scenario.check_against(network)
    down_sites = scenario.down_sites(network)
    down_links = scenario.down_links(network)
    sites = [s.id for s in network.sites if s.id not in down_sites]
    index = {sid: i for i, sid in enumerate(sites)}
    cap: list[dict[int, int]] = [{} for _ in sites]
    for link in network.links:
        if link.id in down_links or link.a == link.b:
            continue
        a, b = index[link.a], index[link.b]
        cap[a][b] = cap[a].get(b, 0) + 1
        cap[b][a] = cap[b].get(a, 0) + 1
    return sites, cap


def min_cut(cap: list[dict[int, int]], s: int, t: int) -> tuple[int, set[int]]:
    """Maximum flow value from ``s`` to ``t`` and the source side of a minimum cut.

    >>> min_cut([{1: 2, 2: 1}, {0: 2, 2: 1}, {0: 1, 1: 1}], 0, 2)
    (2, {0, 1})
    """
    flow: list[dict[int, int]] = [{} for _ in cap]
    value = 0
    while True:
        parent = {s: s}
        queue = deque([s])
        while queue and t not in parent:
            u = queue.popleft()
            for v, c in cap[u].items():
                if v not in parent and c - flow[u].get(v, 0) > 0:
                    parent[v] = u
                    queue.append(v)
        if t not in parent:
            return value, set(parent)
        v = t
        while v != s:  # unit augmentations: the counts are small
            u = parent[v]
            flow[u][v] = flow[u].get(v, 0) + 1
            flow[v][u] = flow[v].get(u, 0) - 1
            v = u
        value += 1


def all_pairs(network: Network, scenario: FailureScenario | None = None, *,
              target: int | None = None, top: int = 100,
              progress: ProgressCallback | None = None,
              cancelled: CancelCheck | None = None) -> PairsResult:
    """Link-disjoint routes between every pair of sites that are up, and the weakest pairs.

    Parameters
    ----------
    network, scenario
        The network and what is down (a down site is in no pair).
    target
        The routes every pair must have (default: the network's).
    top
        How many of the pairs below target to list, fewest routes first.
    progress, cancelled
        As for :func:`~stamnett_gui.analysis.sweep.iter_sweep` (a step is one flow).

    Examples
    --------
    >>> from stamnett_gui.domain import Link, Site
    >>> sites = tuple(Site(i, i.upper(), 0, 0) for i in "abc")
    >>> links = (Link("L1", "a", "b"), Link("L2", "a", "b"), Link("L3", "b", "c"))
    >>> result = all_pairs(Network("n", sites, links), target=2)
    >>> result.routes("a", "b"), result.routes("a", "c"), result.below_target
    (2, 1, 2)

    """
    target = check_target(network.target if target is None else target)
    scenario = scenario or FailureScenario()
    sites, cap = _capacities(network, scenario)
    n = len(sites)
    steps = Steps(max(n - 1, 0), progress, cancelled)
    parent = [0] * n
    value = [0] * n
    for s in range(1, n):  # Gusfield's flow-equivalent tree
        steps.check()
        t = parent[s]
        value[s], side = min_cut(cap, s, t)
        for i in range(s + 1, n):
            if i in side and parent[i] == t:
                parent[i] = s
        steps.advance()
    tree = tuple((sites[s], sites[parent[s]], value[s]) for s in range(1, n))
    weak = _pairs_below(n, parent, value, target)
    ordered = sorted(weak, key=lambda p: (p[2], p[0], p[1]))
    return PairsResult(
        target, scenario, tuple(sites), tree, n * (n - 1) // 2, len(weak),
        tuple(PairDiversity(sites[a], sites[b], v) for a, b, v in ordered[:top]),
        names={s.id: s.name for s in network.sites},
    )


def _pairs_below(n: int, parent: list[int], value: list[int],
                 target: int) -> list[tuple[int, int, int]]:
    """Every pair whose tree path holds an edge below target, with its path minimum."""
    adjacent: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for s in range(1, n):
        adjacent[s].append((parent[s], value[s]))
        adjacent[parent[s]].append((s, value[s]))
    if not any(v < target for v in value[1:]):
        return []
    out = []
    for a in range(n):  # a walk of the tree from every site: n² steps, fine up to a few thousand
        least = {a: -1}
        stack = [a]
        while stack:
            x = stack.pop()
            for y, v in adjacent[x]:
                if y not in least:
                    least[y] = v if least[x] < 0 else min(least[x], v)
                    stack.append(y)
        out += [(a, b, m) for b, m in least.items() if b > a and m < target]
    return out
