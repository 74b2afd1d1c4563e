"""Proposing a core for a network whose file marks none.

Two ways, as a planner would pick by hand: the sites nearest the four regional
capitals (Oslo, Bergen, Trondheim, Tromsø: the core NHN built first), or the
best-connected sites. ``"auto"`` takes the capitals when the network has sites
near at least three of them (a Norwegian network), and the best connected otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Literal

import numpy as np
from pyproj import Geod

from stamnett_gui.domain import Network

#: ``(lon, lat)`` of the regional capitals, whose hubs NHN joined first (2015).
REGIONAL_CAPITALS: Mapping[str, tuple[float, float]] = {
    "Oslo": (10.7522, 59.9139),
    "Bergen": (5.3221, 60.3913),
    "Trondheim": (10.3951, 63.4305),
    "Tromsø": (18.9553, 69.6492),
}

Strategy = Literal["auto", "capitals", "connected"]

_GEOD = Geod(ellps="WGS84")


def core_candidates(
    network: Network, strategy: Strategy = "auto", *, size: int = 4, max_distance_km: float = 50.0
) -> list[tuple[str, str]]:
    """Proposed core sites with the reason for each: ``[(site id, reason), ...]``.

    Parameters
    ----------
    network
        The network.
    strategy
        ``"capitals"``: the site nearest each regional capital, within
        ``max_distance_km``; ``"connected"``: the ``size`` sites with the most
        neighbours (then the most links, then by id); ``"auto"``: the capitals
        when at least three are found, else the best connected.
    size
        How many sites ``"connected"`` proposes.
    max_distance_km
        How far from a capital its site may be.

    Examples
    --------
    >>> from stamnett_gui.domain import Link, Site
    >>> sites = (Site("osl", "Oslo", 10.75, 59.91), Site("a", "A", 11.0, 60.5),
    ...          Site("b", "B", 12.0, 61.0))
    >>> net = Network("n", sites, (Link("1", "osl", "a"), Link("2", "a", "b")))
    >>> core_candidates(net, "capitals")
    [('osl', 'nearest site to Oslo (0 km)')]
    >>> core_candidates(net, "connected", size=1)
    [('a', 'best connected: 2 neighbours, 2 links')]

    """
    if strategy in ("auto", "capitals"):
        found = _nearest_capitals(network, max_distance_km)
        if strategy == "capitals" or len(found) >= 3:
            return found
    return _best_connected(network, size)


def propose_core(
    network: Network, strategy: Strategy = "auto", *, size: int = 4, max_distance_km: float = 50.0
) -> frozenset[str]:
    """The ids of the proposed core sites (see :func:`core_candidates`)."""
    return frozenset(site_id for site_id, _ in core_candidates(
        network, strategy, size=size, max_distance_km=max_distance_km))


def _nearest_capitals(network: Network, max_distance_km: float) -> list[tuple[str, str]]:
    sites = [s for s in network.sites if math.isfinite(s.lon) and math.isfinite(s.lat)
             and abs(s.lat) <= 90 and abs(s.lon) <= 180]
    if not sites:
        return []
    lons = np.array([s.lon for s in sites])
    lats = np.array([s.lat for s in sites])
    found: list[tuple[str, str]] = []
    for city, (lon, lat) in REGIONAL_CAPITALS.items():
        _, _, metres = _GEOD.inv(np.full_like(lons, lon), np.full_like(lats, lat), lons, lats)
        best = int(np.argmin(metres))
        km = float(metres[best]) / 1000
        if km <= max_distance_km and sites[best].id not in {i for i, _ in found}:
            found.append((sites[best].id, f"nearest site to {city} ({km:.0f} km)"))
    return found


def _best_connected(network: Network, size: int) -> list[tuple[str, str]]:
    neighbours: dict[str, set[str]] = {s.id: set() for s in network.sites}
    links: dict[str, int] = dict.fromkeys(neighbours, 0)
    for link in network.links:
        if link.a == link.b or link.a not in neighbours or link.b not in neighbours:
            continue
        neighbours[link.a].add(link.b)
        neighbours[link.b].add(link.a)
        links[link.a] += 1
        links[link.b] += 1
    ranked = sorted((s for s in neighbours if links[s]),
                    key=lambda s: (-len(neighbours[s]), -links[s], s))
    return [(s, f"best connected: {_count(len(neighbours[s]), 'neighbour')}, {_count(links[s], 'link')}")
            for s in ranked[:size]]


def _count(n: int, word: str) -> str:
    """``'1 link'``, ``'2 links'``."""
    return f"{n} {word}{'' if n == 1 else 's'}"
