"""Checking a network for what a planner must know before trusting its numbers.

:func:`validate_network` runs every check over a :class:`~stamnett_gui.domain.Network`
and returns :class:`ValidationFinding` values, each naming the check, the sites and
links concerned (for the map to select) and a message in plain words. The land
for the "outside Norway" check, and the neighbouring countries' land the map
draws, come in as geometries (the caller reads the basemap): this module does
no I/O.

The findings mirror :class:`stamnett_gui.io.errors.Finding` (``where``,
``message``, ``severity`` with the same values), which this layer may not import.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry.base import BaseGeometry

from stamnett_gui.analysis.projection import FloatArray, project
from stamnett_gui.domain import Network, Site

#: Norway's territorial waters reach 12 nautical miles from the baseline.
TERRITORIAL_WATERS_M = 12 * 1852.0

_GEOD = Geod(ellps="WGS84")


class Level(StrEnum):
    """How bad a finding is (the values of :class:`stamnett_gui.io.errors.Severity`)."""

    ERROR = "error"  #: the network is wrong as it stands
    WARNING = "warning"  #: doubtful, worth a look


class Check(StrEnum):
    """Which check a finding comes from (stable names for JSON output and tests)."""

    DUPLICATE_ID = "duplicate-id"
    UNKNOWN_SITE = "unknown-site"
    SELF_LOOP = "self-loop"
    NO_COORDINATES = "no-coordinates"
    OUTSIDE_NORWAY = "outside-norway"
    STACKED_SITES = "stacked-sites"
    LONG_ROUTE = "long-route"
    DISCONNECTED = "disconnected"
    CANNOT_REACH_CORE = "cannot-reach-core"
    NO_CORE = "no-core"
    UNKNOWN_CORE_SITE = "unknown-core-site"


@dataclass(frozen=True)
class ValidationFinding:
    """One problem in a network.

    Attributes
    ----------
    check
        The check that found it.
    severity
        ``error`` or ``warning``.
    where
        The feature in words: ``site 'bodo' (Nordlandssykehuset Bodø)``, ``link 'L7'``.
    message
        What is wrong and how to fix it.
    sites, links
        Ids of every site and link concerned.

    """

    check: Check
    severity: Level
    where: str
    message: str
    sites: tuple[str, ...] = ()
    links: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class ValidationSettings:
    """Thresholds of the checks.

    Attributes
    ----------
    stacked_m
        Sites closer than this (metres) sit on top of each other.
    detour_factor, detour_min_km
        A link's route is "far longer than its straight line" when it is more than
        ``detour_factor`` times the straight distance and longer by ``detour_min_km``.
    group_after
        More findings of one check than this are given as one finding listing them.

    """

    stacked_m: float = 5.0
    detour_factor: float = 3.0
    detour_min_km: float = 10.0
    group_after: int = 10


class Territory:
    """Norway's land and territorial waters, and the land around it, in map metres.

    Rather than buffering a 40,000-vertex coastline (slow), a point counts as
    inside when it lies on the land or within ``buffer_m`` of it: the same
    answer, exact, from a prepared geometry.

    Parameters
    ----------
    land
        Norway's land (mainland, Svalbard, Jan Mayen) in lon/lat.
    buffer_m
        How far out from the land the waters reach.
    neighbours
        The land of the countries the map draws around Norway (Sweden, Finland,
        Russia near the border...), in lon/lat: a site there, or in their coastal
        waters, is where a network may well have one (a route through Sweden).
        ``None``: only Norway counts.

    """

    def __init__(self, land: BaseGeometry, buffer_m: float = TERRITORIAL_WATERS_M,
                 neighbours: BaseGeometry | None = None) -> None:
        self.buffer_m = buffer_m
        self.land = _prepared(land)
        self.neighbours = None if neighbours is None else _prepared(neighbours)

    def contains(self, lon: FloatArray, lat: FloatArray) -> np.ndarray:
        """Which of the points lie on Norway's land or within its territorial waters (booleans)."""
        return self._near(self.land, lon, lat)

    def abroad(self, lon: FloatArray, lat: FloatArray) -> np.ndarray:
        """Which of the points lie on a neighbour's land or in its coastal waters (booleans)."""
        if self.neighbours is None:
            return np.zeros(np.shape(lon), dtype=bool)
        return self._near(self.neighbours, lon, lat)

    def _near(self, area: BaseGeometry, lon: FloatArray, lat: FloatArray) -> np.ndarray:
        x, y = project(lon, lat)
        inside = np.asarray(shapely.contains_xy(area, x, y), dtype=bool)
        outside = np.flatnonzero(~inside)
        if outside.size:
            points = shapely.points(x[outside], y[outside])
            inside[outside] = shapely.dwithin(area, points, self.buffer_m)
        return inside


def _prepared(geometry: BaseGeometry) -> BaseGeometry:
    projected = shapely.make_valid(shapely.transform(geometry, _project_xy))
    shapely.prepare(projected)
    return projected


def _project_xy(coords: FloatArray) -> FloatArray:
    x, y = project(coords[:, 0], coords[:, 1])
    return np.column_stack([x, y])


@lru_cache(maxsize=4)
def territory(land: BaseGeometry, buffer_m: float = TERRITORIAL_WATERS_M,
              neighbours: BaseGeometry | None = None) -> Territory:
    """The (cached) :class:`Territory` of ``land`` (and ``neighbours``), lon/lat geometries."""
    return Territory(land, buffer_m, neighbours)


def _site_where(site: Site) -> str:
    return f"site {site.id!r}" + (f" ({site.name})" if site.name and site.name != site.id else "")


def _names(network: Network, ids: Sequence[str], limit: int = 5) -> str:
    by_id = network.sites_by_id
    shown = [by_id[i].name if i in by_id and by_id[i].name else i for i in ids[:limit]]
    more = f" and {len(ids) - limit} more" if len(ids) > limit else ""
    return ", ".join(shown) + more


class _Report:
    def __init__(self, network: Network, settings: ValidationSettings) -> None:
        self.network = network
        self.settings = settings
        self.findings: list[ValidationFinding] = []

    def add_each(
        self, check: Check, severity: Level,
        items: Sequence[tuple[str, str, tuple[str, ...], tuple[str, ...]]], summary: str,
        noun: str = "sites",
    ) -> None:
        """One finding per item, or one for all of them when there are many."""
        if len(items) <= self.settings.group_after:
            self.findings += [ValidationFinding(check, severity, w, m, s, lk) for w, m, s, lk in items]
            return
        sites = tuple(s for _, _, ss, _ in items for s in ss)
        links = tuple(lk for _, _, _, ls in items for lk in ls)
        examples = "; ".join(w for w, _, _, _ in items[:3])
        self.findings.append(ValidationFinding(
            check, severity, f"{len(items)} {noun}", f"{summary} (e.g. {examples}, ...)",
            sites, links,
        ))


def validate_network(
    network: Network,
    land: BaseGeometry | Territory | None = None,
    *,
    settings: ValidationSettings | None = None,
) -> list[ValidationFinding]:
    """Every problem found in ``network``, errors first.

    Parameters
    ----------
    network
        The network to check.
    land
        Norway's land (mainland, Svalbard, Jan Mayen) in lon/lat, or a prepared
        :class:`Territory`; sites farther than 12 nautical miles from it are
        reported, unless the territory has the neighbouring countries and the
        site lies on their land or coastal waters (and would not lie in Norway
        with its latitude and longitude swapped). ``None`` skips that check.
    settings
        Thresholds of the checks.

    Returns
    -------
    list of ValidationFinding
        Errors (duplicate ids, links to unknown sites, sites without coordinates,
        unknown core sites) before warnings.

    """
    report = _Report(network, settings or ValidationSettings())
    _check_ids(report)
    _check_links(report)
    lon, lat, placed = _check_coordinates(report)
    if land is not None and placed.any():
        _check_territory(report, land, lon, lat, placed)
    _check_stacked(report, lon, lat, placed)
    _check_routes(report)
    _check_reach(report)
    return sorted(report.findings, key=lambda f: f.severity is not Level.ERROR)


def _check_ids(report: _Report) -> None:
    network = report.network
    for label, ids in (("site", [s.id for s in network.sites]), ("link", [lk.id for lk in network.links])):
        for ident, count in sorted(Counter(ids).items()):
            if count > 1:
                report.findings.append(ValidationFinding(
                    Check.DUPLICATE_ID, Level.ERROR, f"{label} {ident!r}",
                    f"{count} {label}s have this id; give each its own id",
                    (ident,) if label == "site" else (), (ident,) if label == "link" else (),
                ))
    for ident in sorted(network.core - network.sites_by_id.keys()):
        report.findings.append(ValidationFinding(
            Check.UNKNOWN_CORE_SITE, Level.ERROR, "core",
            f"the core names site {ident!r}, which the network does not have",
        ))
    if not network.core:
        report.findings.append(ValidationFinding(
            Check.NO_CORE, Level.WARNING, "core",
            "no site is marked core, so diversity cannot be measured; choose the core sites",
        ))


def _check_links(report: _Report) -> None:
    known = report.network.sites_by_id
    unknown: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = []
    loops: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = []
    for link in report.network.links:
        missing = [end for end in dict.fromkeys(link.ends) if end not in known]
        if missing:
            unknown.append((f"link {link.id!r}", "ends at " + " and ".join(repr(m) for m in missing)
                            + ", which is no site of the network; correct the end or add the site",
                            (), (link.id,)))
        elif link.a == link.b:
            loops.append((f"link {link.id!r}", f"runs from site {link.a!r} to itself; it adds no "
                          "route and can be removed", (link.a,), (link.id,)))
    report.add_each(Check.UNKNOWN_SITE, Level.ERROR, unknown, "links end at sites the network "
                    "does not have", "links")
    report.add_each(Check.SELF_LOOP, Level.WARNING, loops, "links run from a site to itself", "links")


def _check_coordinates(report: _Report) -> tuple[FloatArray, FloatArray, np.ndarray]:
    sites = report.network.sites
    lon = np.array([s.lon for s in sites], dtype=float)
    lat = np.array([s.lat for s in sites], dtype=float)
    with np.errstate(invalid="ignore"):
        placed = np.isfinite(lon) & np.isfinite(lat) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
    items = [(_site_where(sites[i]), "has no usable coordinates, so it is left off the map; "
              "give it a latitude and longitude", (sites[i].id,), ())
             for i in np.flatnonzero(~placed)]
    report.add_each(Check.NO_COORDINATES, Level.ERROR, items, "sites have no usable coordinates")
    return lon, lat, placed


def _check_territory(
    report: _Report, land: BaseGeometry | Territory, lon: FloatArray, lat: FloatArray,
    placed: np.ndarray,
) -> None:
    """Sites neither in Norway nor on the land the map draws around it, or there by a swap."""
    area = land if isinstance(land, Territory) else territory(land)
    index = np.flatnonzero(placed)
    outside = index[~area.contains(lon[index], lat[index])]
    abroad = area.abroad(lon[outside], lat[outside])
    # Swapped latitude and longitude that would land in Norway: a typing slip, even abroad.
    swappable = outside[np.abs(lon[outside]) <= 90]
    swapped = set(swappable[area.contains(lat[swappable], lon[swappable])].tolist())
    sites = report.network.sites
    items = []
    for i, is_abroad in zip(outside.tolist(), abroad.tolist(), strict=True):
        at = f"lies at lat {lat[i]:.4f}, lon {lon[i]:.4f}"
        if i in swapped:
            message = (f"{at}, outside Norway; with latitude and longitude swapped it would lie "
                       "in Norway: check its coordinates")
        elif not is_abroad:
            message = (f"{at}, outside Norway's land and territorial waters and away from the "
                       "countries the map draws; check its coordinates (swapped or wrong sign?)")
        else:
            continue  # on a neighbour's land: a route through Sweden, a site in Stockholm
        items.append((_site_where(sites[i]), message, (sites[i].id,), ()))
    report.add_each(Check.OUTSIDE_NORWAY, Level.WARNING, items,
                    "sites lie outside Norway's land and territorial waters")


def _check_stacked(report: _Report, lon: FloatArray, lat: FloatArray, placed: np.ndarray) -> None:
    """Clusters of sites within ``stacked_m`` of each other (a grid over 3-D positions)."""
    size = max(report.settings.stacked_m, 0.01)
    index = np.flatnonzero(placed)
    phi, lam = np.radians(lat[index]), np.radians(lon[index])
    radius = 6_371_008.8
    xyz = np.column_stack([radius * np.cos(phi) * np.cos(lam), radius * np.cos(phi) * np.sin(lam),
                           radius * np.sin(phi)])
    cells: dict[tuple[int, int, int], list[int]] = defaultdict(list)
    for row, cell in enumerate(map(tuple, np.floor(xyz / size).astype(np.int64).tolist())):
        cells[cell].append(row)
    parent = list(range(len(index)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (cx, cy, cz), rows in cells.items():
        near = [r for dx in (-1, 0, 1) for dy in (-1, 0, 1) for dz in (-1, 0, 1)
                for r in cells.get((cx + dx, cy + dy, cz + dz), ())]
        for i in rows:
            for j in near:
                if i < j and np.linalg.norm(xyz[i] - xyz[j]) <= size:
                    parent[root(j)] = root(i)
    clusters: dict[int, list[int]] = defaultdict(list)
    for row in range(len(index)):
        clusters[root(row)].append(row)
    sites = report.network.sites
    items = []
    for rows in clusters.values():
        if len(rows) > 1:
            ids = tuple(sites[index[r]].id for r in rows)
            items.append((_site_where(sites[index[rows[0]]]),
                          f"{len(ids)} sites sit on the same spot (within {size:g} m): "
                          f"{_names(report.network, ids)}; are they one site, or is a position "
                          "a placeholder?", ids, ()))
    report.add_each(Check.STACKED_SITES, Level.WARNING, items, "groups of sites sit on the same spot",
                    "groups of sites")


def _check_routes(report: _Report) -> None:
    """Links whose route is far longer than the straight line between their ends."""
    sites = report.network.sites_by_id
    routed = [lk for lk in report.network.links if len(lk.route) >= 2 and lk.a in sites
              and lk.b in sites and lk.a != lk.b]
    if not routed:
        return
    seg_lon1, seg_lat1, seg_lon2, seg_lat2, owner = [], [], [], [], []
    for i, link in enumerate(routed):
        for (x1, y1), (x2, y2) in zip(link.route, link.route[1:], strict=False):
            seg_lon1.append(x1)
            seg_lat1.append(y1)
            seg_lon2.append(x2)
            seg_lat2.append(y2)
            owner.append(i)
    _, _, seg_m = _GEOD.inv(seg_lon1, seg_lat1, seg_lon2, seg_lat2)
    route_km = np.bincount(owner, weights=np.asarray(seg_m), minlength=len(routed)) / 1000
    ends = [(sites[lk.a], sites[lk.b]) for lk in routed]
    _, _, straight_m = _GEOD.inv([a.lon for a, _ in ends], [a.lat for a, _ in ends],
                                 [b.lon for _, b in ends], [b.lat for _, b in ends])
    straight_km = np.asarray(straight_m) / 1000
    s = report.settings
    items = []
    for link, route, straight in zip(routed, route_km, straight_km, strict=True):
        if not math.isfinite(route + straight):
            continue
        if route > s.detour_factor * straight and route - straight > s.detour_min_km:
            ratio = f"{route / straight:.1f} times" if straight > 0 else "far longer than"
            items.append((f"link {link.id!r}", f"its route is {route:,.0f} km, {ratio} the straight "
                          f"line of {straight:,.0f} km between its sites; check the route and its "
                          "end sites", (link.a, link.b), (link.id,)))
    report.add_each(Check.LONG_ROUTE, Level.WARNING, items,
                    "links have routes far longer than their straight line", "links")


def _components(network: Network) -> list[list[str]]:
    """The connected parts of the network (site ids), largest first."""
    parent = {s.id: s.id for s in network.sites}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for link in network.links:
        if link.a in parent and link.b in parent:
            parent[root(link.a)] = root(link.b)
    parts: dict[str, list[str]] = defaultdict(list)
    for site in network.sites:
        parts[root(site.id)].append(site.id)
    return sorted(parts.values(), key=len, reverse=True)


def _check_reach(report: _Report) -> None:
    network = report.network
    parts = _components(network)
    if len(parts) > 1:
        sizes = ", ".join(str(len(p)) for p in parts[:8]) + (", ..." if len(parts) > 8 else "")
        report.findings.append(ValidationFinding(
            Check.DISCONNECTED, Level.WARNING, "network",
            f"the network falls into {len(parts)} separate parts (of {sizes} sites); no route "
            "joins them", tuple(s for part in parts[1:] for s in part),
        ))
    if not network.core:
        return
    items = []
    for part in parts:
        if network.core.isdisjoint(part):
            where = _site_where(network.site(part[0])) if len(part) == 1 else f"{len(part)} sites"
            items.append((where, f"no path leads to any core site, even with every link up: "
                          f"{_names(network, part)}; add a link to the rest of the network",
                          tuple(part), ()))
    report.add_each(Check.CANNOT_REACH_CORE, Level.WARNING, items,
                    "parts of the network cannot reach the core", "parts")
