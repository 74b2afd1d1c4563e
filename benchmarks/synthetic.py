"""Synthetic national-scale networks for benchmarks: sites spread over Norway's shape.

``synthetic_network(n_sites, seed)`` places sites inside a rough outline of
mainland Norway (a spine from Lindesnes to Kirkenes with a width at each
point, denser in the south), links each site to its nearest neighbours (hub
sites to more of them), joins any separate parts, doubles a few links
(parallel links), leaves a few sites hanging on one or two links (weak spots),
and puts risk groups along corridors: links that run close together in the
same direction share a group. The core is a handful of hub sites in the
regional capitals, more of them for larger networks.

    python benchmarks/synthetic.py 500     # prints a summary

``network_named(label)`` and ``peak_mb()`` serve the benchmarks that run each
case in a fresh process.
"""

from __future__ import annotations

import itertools
import math
import random
import resource
import sys

import numpy as np

from stamnett_gui.domain import Link, Network, RiskGroup, RiskKind, Site, SiteKind

# (lon, lat, half-width in km) along the country, south to north-east.
_SPINE = (
    (7.6, 58.2, 60), (8.6, 59.3, 200), (9.2, 60.5, 230), (9.6, 61.8, 190),
    (10.6, 63.3, 120), (12.4, 64.6, 70), (13.8, 66.1, 60), (15.6, 67.8, 70),
    (18.2, 69.0, 80), (21.5, 69.9, 70), (25.5, 70.4, 80), (29.2, 69.9, 50),
)
# Hubs in the order they join the core as networks grow.
_HUBS = (
    ("oslo", "Oslo hub", 10.75, 59.91), ("bergen", "Bergen hub", 5.32, 60.39),
    ("trondheim", "Trondheim hub", 10.39, 63.43), ("tromso", "Tromsø hub", 18.96, 69.65),
    ("stavanger", "Stavanger hub", 5.73, 58.97), ("kristiansand", "Kristiansand hub", 8.0, 58.15),
    ("bodo", "Bodø hub", 14.40, 67.28), ("alesund", "Ålesund hub", 6.15, 62.47),
    ("hamar", "Hamar hub", 11.07, 60.79), ("alta", "Alta hub", 23.27, 69.97),
    ("mo", "Mo i Rana hub", 14.14, 66.31), ("kirkenes", "Kirkenes hub", 30.05, 69.73),
)
_KM_PER_DEG = 111.2


def _place(rng: random.Random, n: int) -> list[tuple[float, float]]:
    """``n`` points inside the outline; the south gets more (weight: width × length × 1/lat)."""
    weights = []
    for (lon0, lat0, w0), (lon1, lat1, w1) in itertools.pairwise(_SPINE):
        length = math.hypot((lon1 - lon0) * math.cos(math.radians(lat0)), lat1 - lat0)
        weights.append(length * (w0 + w1) * (72 - lat0))
    points = []
    for _ in range(n):
        i = rng.choices(range(len(weights)), weights)[0]
        (lon0, lat0, w0), (lon1, lat1, w1) = _SPINE[i], _SPINE[i + 1]
        t = rng.random()
        lon, lat, w = lon0 + t * (lon1 - lon0), lat0 + t * (lat1 - lat0), w0 + t * (w1 - w0)
        # Offset across the spine direction, in km.
        dx = (lon1 - lon0) * math.cos(math.radians(lat))
        dy = lat1 - lat0
        norm = math.hypot(dx, dy)
        across = rng.uniform(-w, w) / _KM_PER_DEG
        lat += across * dx / norm
        lon += -across * dy / norm / math.cos(math.radians(lat))
        points.append((lon, lat))
    return points


def _xy(points: list[tuple[float, float]]) -> np.ndarray:
    arr = np.asarray(points, dtype=float)
    return np.column_stack((arr[:, 0] * np.cos(np.radians(arr[:, 1])), arr[:, 1])) * _KM_PER_DEG


def network_named(label: str) -> Network:
    """``"bundled"``: the bundled network; a number: a synthetic network of that many sites."""
    if label == "bundled":
        from stamnett_gui.io.loading import load_default_network

        return load_default_network()
    return synthetic_network(int(label))


def peak_mb() -> float:
    """Peak memory of this process plus its largest finished child process, in MB (Linux)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024  # kB on Linux


def synthetic_network(n_sites: int, seed: int = 1) -> Network:
    """A network of about ``n_sites`` sites (see the module docstring)."""
    rng = random.Random(seed)
    n_hubs = min(len(_HUBS), 4 + n_sites // 600)
    hubs = _HUBS[:n_hubs]
    points = [(lon, lat) for _, _, lon, lat in hubs] + _place(rng, n_sites - n_hubs)
    xy = _xy(points)
    n = len(points)
    pairs: set[tuple[int, int]] = set()
    weak = set(rng.sample(range(n_hubs, n), max(1, n // 40)))
    for i in range(n):
        dist = np.hypot(*(xy - xy[i]).T)
        dist[i] = np.inf
        k = 6 if i < n_hubs else (rng.choice((1, 2)) if i in weak else 4)
        for j in np.argsort(dist)[:k]:
            if i in weak and j in weak:
                continue
            pairs.add((min(i, int(j)), max(i, int(j))))
    _join_parts(n, pairs, xy)
    sites = tuple(
        Site(hubs[i][0], hubs[i][1], lon, lat, SiteKind.HUB) if i < n_hubs
        else Site(f"S{i:04d}", f"Site {i}", lon, lat,
                  SiteKind.HOSPITAL if rng.random() < 0.4 else SiteKind.JUNCTION)
        for i, (lon, lat) in enumerate(points)
    )
    link_ends = sorted(pairs)
    link_ends += [p for p in link_ends if rng.random() < 0.04]  # some parallel links
    groups = _corridors(rng, link_ends, xy, n_groups=max(2, len(link_ends) // 12))
    links = tuple(
        Link(f"L{k:05d}", sites[a].id, sites[b].id,
             risk_groups=frozenset(g for g, members in groups.items() if k in members))
        for k, (a, b) in enumerate(link_ends)
    )
    return Network(
        f"Synthetic Norway, {n} sites", sites, links,
        core=frozenset(h[0] for h in hubs), modelled=True,
        risk_groups=tuple(RiskGroup(g, RiskKind.CORRIDOR) for g in sorted(groups)),
    )


def _join_parts(n: int, pairs: set[tuple[int, int]], xy: np.ndarray) -> None:
    """Link separate parts to their nearest neighbouring part until there is one."""
    while True:
        parent = list(range(n))

        def find(x: int, parent: list[int] = parent) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for a, b in pairs:
            parent[find(a)] = find(b)
        roots = {find(i) for i in range(n)}
        if len(roots) == 1:
            return
        label = np.array([find(i) for i in range(n)])
        smallest = min(roots, key=lambda r: int((label == r).sum()))
        inside = np.flatnonzero(label == smallest)
        outside = np.flatnonzero(label != smallest)
        d = np.hypot(*(xy[inside][:, None, :] - xy[outside][None, :, :]).transpose(2, 0, 1))
        i, j = np.unravel_index(np.argmin(d), d.shape)
        a, b = int(inside[i]), int(outside[j])
        pairs.add((min(a, b), max(a, b)))


def _corridors(rng: random.Random, ends: list[tuple[int, int]], xy: np.ndarray,
               n_groups: int) -> dict[str, set[int]]:
    """Risk groups: a seed link and up to four nearby links running the same way."""
    mid = np.array([(xy[a] + xy[b]) / 2 for a, b in ends])
    vec = np.array([xy[b] - xy[a] for a, b in ends])
    unit = vec / np.maximum(np.hypot(vec[:, 0], vec[:, 1]), 1e-9)[:, None]
    groups: dict[str, set[int]] = {}
    for g, seed_link in enumerate(rng.sample(range(len(ends)), min(n_groups, len(ends)))):
        near = np.hypot(*(mid - mid[seed_link]).T) < 25.0
        parallel = np.abs(unit @ unit[seed_link]) > 0.85
        members = [int(k) for k in np.flatnonzero(near & parallel) if k != seed_link]
        rng.shuffle(members)
        groups[f"corridor-{g:03d}"] = {seed_link, *members[: rng.randint(1, 4)]}
    return groups


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    net = synthetic_network(size)
    degrees = [len(net.links_of(s.id)) for s in net.sites]
    print(f"{net.name}: {len(net.links)} links, {len(net.risk_groups)} risk groups, "
          f"core {sorted(net.core)}, degree min {min(degrees)} "
          f"mean {sum(degrees) / len(degrees):.1f} max {max(degrees)}")
