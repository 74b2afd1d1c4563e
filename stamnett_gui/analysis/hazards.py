"""Hazard areas on the map: which links and sites a storm, a landslide or a flood takes down.

Everything is worked out on the map (EPSG:25833, metres), where the window
draws: a polygon's edges are straight on the map, as they were drawn; a
circle is a geodesic circle on the ground (its radius is true in km), made a
128-corner polygon. A link fails when any segment of its route (the straight
line between its sites when it has no route) intersects the area, touching
included; a site fails when it lies inside or on the edge. Sites without
coordinates are never inside.

**Self-intersecting outlines are repaired, not refused.** An outline that
crosses itself is made valid with shapely's ``make_valid`` (the ``structure``
method: everything the outline encloses is inside) and :func:`check_area`
says so in one sentence, so the window and the file reader can show it while
the area keeps the corners the planner drew. An outline that encloses nothing
(all corners on one line) and a circle that would reach a pole are refused
with :class:`~stamnett_gui.domain.hazard.HazardAreaError`.

:func:`resolve_scenario` is what every analysis applies on entry
(``DiversityEngine.key``, ``explain_site``/``explain_pair``, the sweeps), so
the window, the command line and the Python API see areas alike. It is called
on every click: the per-network index (an ``STRtree`` over route segments) and
each area's hits are cached.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely
from shapely import STRtree

from stamnett_gui.analysis.map_geometry import layout_network
from stamnett_gui.analysis.projection import (
    FloatArray,
    geodesic_circle,
    line_length_km,
    project,
    unproject,
)
from stamnett_gui.domain import FailureScenario, HazardArea, HazardAreaError, Network

#: Corners of the polygon that stands for a circle.
CIRCLE_CORNERS = 128
_KM_PER_DEGREE_OF_LATITUDE = 111.0  # a little under the true 111.1-111.7, so the pole check is safe

_NETWORKS_REMEMBERED = 4
_AREAS_REMEMBERED = 256


@dataclass(frozen=True)
class AreaShape:
    """An area on the map: a valid polygonal shapely geometry in metres.

    Attributes
    ----------
    geometry
        A ``Polygon`` or ``MultiPolygon`` in map metres, prepared for queries.
    repair
        One sentence saying how the outline was repaired; empty when it needed none.

    """

    geometry: Any
    repair: str = ""


@dataclass(frozen=True)
class AreaHits:
    """The links whose route crosses an area and the sites inside it."""

    links: frozenset[str] = frozenset()
    sites: frozenset[str] = frozenset()

    def __or__(self, other: AreaHits) -> AreaHits:
        return AreaHits(self.links | other.links, self.sites | other.sites)


def _shape_key(area: HazardArea) -> HazardArea:
    """The area with its name and switch neutral: renaming or switching reuses the geometry."""
    return replace(area, name="area", enabled=True)


@lru_cache(maxsize=_AREAS_REMEMBERED)
def _shape(key: HazardArea, name: str) -> AreaShape:
    if key.center is not None and key.radius_km is not None:
        lon, lat = key.center
        if (90.0 - abs(lat)) * _KM_PER_DEGREE_OF_LATITUDE <= key.radius_km:
            raise HazardAreaError(f"hazard area {name!r} reaches the pole; make the circle smaller")
        lons, lats = geodesic_circle(lon, lat, key.radius_km, CIRCLE_CORNERS)
        x, y = project(lons, lats)
        geometry = shapely.Polygon(np.column_stack([x, y]))
    else:
        rings = []
        for ring in key.rings:
            x, y = project([p[0] for p in ring], [p[1] for p in ring])
            rings.append(np.column_stack([x, y]))
        geometry = shapely.Polygon(rings[0], rings[1:])
    repair = ""
    if not geometry.is_valid:
        reason = shapely.is_valid_reason(geometry).split("[")[0].strip().lower()
        geometry = shapely.make_valid(geometry, method="structure", keep_collapsed=False)
        polygons = [g for g in shapely.get_parts(geometry)
                    if g.geom_type == "Polygon" and not g.is_empty]
        geometry = shapely.MultiPolygon(polygons) if len(polygons) > 1 else (
            polygons[0] if polygons else shapely.Polygon())
        if not geometry.is_empty:
            parts = f"{len(polygons)} parts" if len(polygons) > 1 else "one part"
            repair = (f"the outline of hazard area {name!r} was not a simple shape ({reason}); "
                      f"it was repaired into {parts} covering everything the outline encloses")
    # Below a square metre is rounding noise of corners on one line, not an area.
    if geometry.is_empty or geometry.area < 1.0:
        raise HazardAreaError(f"the outline of hazard area {name!r} encloses no area")
    shapely.prepare(geometry)
    return AreaShape(geometry, repair)


def area_shape(area: HazardArea) -> AreaShape:
    """The area on the map, repaired if need be (cached).

    Raises
    ------
    HazardAreaError
        When the outline encloses no area, or a circle reaches a pole.

    """
    return _shape(_shape_key(area), area.name)


def check_area(area: HazardArea) -> str:
    """How the area's outline was repaired, in one sentence, or ``""`` when it needed nothing.

    Raises
    ------
    HazardAreaError
        When the area cannot be used (see :func:`area_shape`).

    Examples
    --------
    >>> bow_tie = HazardArea.polygon("Storm", [(15, 68), (17, 69), (17, 68), (15, 69)])
    >>> for part in check_area(bow_tie).split("; "):
    ...     print(part)
    the outline of hazard area 'Storm' was not a simple shape (self-intersection)
    it was repaired into 2 parts covering everything the outline encloses

    """
    return area_shape(area).repair


@dataclass(frozen=True)
class AreaReview:
    """A scenario's areas checked: the scenario less the areas that cannot be used, and why."""

    scenario: FailureScenario
    notes: tuple[str, ...] = ()


def review_areas(scenario: FailureScenario) -> AreaReview:
    """Check every hazard area of ``scenario`` once, as a file is opened.

    Areas that cannot be used (an outline enclosing nothing, a circle reaching
    a pole) are left out; the notes say so, and say which outlines were
    repaired, one sentence each, in the scenario's order of areas.

    Examples
    --------
    >>> line = HazardArea.polygon("Line", [(15.0, 66.0), (15.0, 67.0), (15.0, 68.0)])
    >>> review = review_areas(FailureScenario().add_area(line))
    >>> review.scenario.hazard_areas, review.notes
    ((), ("the outline of hazard area 'Line' encloses no area; it was left out",))

    """
    kept, notes = [], []
    for area in scenario.hazard_areas:
        try:
            repair = check_area(area)
        except HazardAreaError as error:
            notes.append(f"{error}; it was left out")
            continue
        kept.append(area)
        if repair:
            notes.append(repair)
    return AreaReview(replace(scenario, hazard_areas=tuple(kept)), tuple(notes))


def area_outlines(area: HazardArea) -> list[FloatArray]:
    """Every ring of the (repaired) area in map metres, as ``(n, 2)`` arrays: for drawing it.

    A circle comes back as its 128-corner polygon, so what the map draws is what fails.
    """
    geometry = area_shape(area).geometry
    rings: list[FloatArray] = []
    for polygon in shapely.get_parts(geometry):
        rings.append(np.asarray(polygon.exterior.coords, dtype=float))
        rings.extend(np.asarray(r.coords, dtype=float) for r in polygon.interiors)
    return rings


def polygon_from_map(name: str, corners: FloatArray | list[tuple[float, float]]) -> HazardArea:
    """A polygon area from corners clicked on the map (metres), stored in lon/lat.

    Raises
    ------
    HazardAreaError
        Fewer than three different corners.

    """
    xy = np.asarray(corners, dtype=float).reshape(-1, 2)
    lons, lats = unproject(xy[:, 0], xy[:, 1])
    return HazardArea.polygon(name, list(zip(lons.tolist(), lats.tolist(), strict=True)))


def circle_from_map(name: str, centre: tuple[float, float], edge: tuple[float, float]) -> HazardArea:
    """A circle from its centre and a point on its edge, both on the map (metres).

    The radius is the distance on the ground between the two, so a circle
    dragged on the map is as wide on the ground as it looks.

    Raises
    ------
    HazardAreaError
        A radius outside 0.1 to 1,000 km.

    """
    lons, lats = unproject([centre[0], edge[0]], [centre[1], edge[1]])
    points = list(zip(lons.tolist(), lats.tolist(), strict=True))
    return HazardArea.circle(name, points[0], round(line_length_km(points), 3))


def move_area(area: HazardArea, dx: float, dy: float) -> HazardArea:
    """The area moved by ``(dx, dy)`` metres on the map (a dragged area), same name and switch."""
    if area.center is not None:
        x, y = project([area.center[0]], [area.center[1]])
        lon, lat = unproject(x + dx, y + dy)
        return replace(area, center=(float(lon[0]), float(lat[0])))
    rings = []
    for ring in area.rings:
        x, y = project([p[0] for p in ring], [p[1] for p in ring])
        lons, lats = unproject(x + dx, y + dy)
        rings.append(tuple(zip(lons.tolist(), lats.tolist(), strict=True)))
    return replace(area, rings=tuple(rings))


@dataclass(eq=False)
class _NetworkIndex:
    """A network's sites and route segments on the map, and the hits of recent areas."""

    network: weakref.ref[Network]
    site_ids: tuple[str, ...]
    site_x: FloatArray
    site_y: FloatArray
    link_ids: tuple[str, ...]
    segment_owner: npt.NDArray[np.intp]
    tree: STRtree
    hits: OrderedDict[HazardArea, AreaHits] = field(default_factory=OrderedDict)

    def area_hits(self, key: HazardArea, name: str) -> AreaHits:
        found = self.hits.get(key)
        if found is not None:
            self.hits.move_to_end(key)
            return found
        geometry = _shape(key, name).geometry
        inside = shapely.intersects_xy(geometry, self.site_x, self.site_y)
        segments = self.tree.query(geometry, predicate="intersects")
        links = {self.link_ids[int(i)] for i in self.segment_owner[segments]}
        found = AreaHits(frozenset(links),
                         frozenset(self.site_ids[int(i)] for i in np.flatnonzero(inside)))
        self.hits[key] = found
        while len(self.hits) > _AREAS_REMEMBERED:
            self.hits.popitem(last=False)
        return found


# Keyed by id() and checked through a weak reference: hashing a Network hashes every site and
# link, which on a 5,000-site network costs more than the lookup is meant to save.
_indexes: OrderedDict[int, _NetworkIndex] = OrderedDict()
# The analysis worker and the GUI thread (drawing what an area takes down) both ask; one at a time
# keeps the caches' reordering and trimming consistent.
_lock = threading.RLock()


def _index(network: Network) -> _NetworkIndex:
    with _lock:
        return _index_unlocked(network)


def _index_unlocked(network: Network) -> _NetworkIndex:
    index = _indexes.get(id(network))
    if index is not None and index.network() is network:
        _indexes.move_to_end(id(network))
        return index
    layout = layout_network(network)
    segments = layout.pairs.reshape(-1, 2, 2)
    index = _NetworkIndex(
        network=weakref.ref(network),
        site_ids=layout.site_ids,
        site_x=np.ascontiguousarray(layout.site_xy[:, 0]),
        site_y=np.ascontiguousarray(layout.site_xy[:, 1]),
        link_ids=layout.link_ids,
        segment_owner=layout.pair_owner[0::2],
        tree=STRtree(shapely.linestrings(segments) if len(segments) else []),
    )
    _indexes[id(network)] = index
    while len(_indexes) > _NETWORKS_REMEMBERED:
        _indexes.popitem(last=False)
    return index


def prepare_network(network: Network) -> None:
    """Build the network's segment index now, so the first area drawn costs what later ones do.

    Call it off the GUI thread as a network opens: the index takes about 0.04 s on the
    bundled network and 0.17 s at 5,000 sites.
    """
    _index(network)


def area_hits(network: Network, area: HazardArea) -> AreaHits:
    """The links whose route crosses ``area`` and the sites inside it, switched on or not.

    Examples
    --------
    >>> from stamnett_gui.domain import Link, Site
    >>> sites = (Site("a", "A", 15.0, 68.0), Site("b", "B", 17.0, 68.0), Site("c", "C", 16.0, 66.0))
    >>> net = Network("n", sites, (Link("L1", "a", "b"), Link("L2", "a", "c")))
    >>> storm = HazardArea.circle("Storm", (16.0, 68.0), 20)
    >>> hits = area_hits(net, storm)
    >>> sorted(hits.links), sorted(hits.sites)
    (['L1'], [])

    """
    with _lock:
        return _index(network).area_hits(_shape_key(area), area.name)


def scenario_hits(network: Network, scenario: FailureScenario) -> AreaHits:
    """Everything the scenario's enabled hazard areas take down (their union)."""
    hits = AreaHits()
    with _lock:
        index = _index(network)
        for area in scenario.enabled_areas:
            hits = hits | index.area_hits(_shape_key(area), area.name)
    return hits


def resolve_scenario(network: Network, scenario: FailureScenario) -> FailureScenario:
    """The scenario with its enabled hazard areas turned into failed links and sites.

    The result has no hazard areas: it names, by id, everything the areas
    take down, on top of what the scenario already fails. A scenario without
    enabled areas comes back as it is (less any switched-off areas).

    Raises
    ------
    HazardAreaError
        When an enabled area cannot be used (see :func:`area_shape`).

    Examples
    --------
    >>> from stamnett_gui.domain import Link, Site
    >>> sites = (Site("a", "A", 15.0, 68.0), Site("b", "B", 17.0, 68.0))
    >>> net = Network("n", sites, (Link("L1", "a", "b"), Link("L2", "a", "b")))
    >>> storm = FailureScenario(failed_links=frozenset({"L2"})).add_area(
    ...     HazardArea.circle("Storm", (17.0, 68.0), 5))
    >>> resolved = resolve_scenario(net, storm)
    >>> sorted(resolved.failed_links), sorted(resolved.failed_sites), resolved.hazard_areas
    (['L1', 'L2'], ['b'], ())

    """
    if not scenario.hazard_areas:
        return scenario
    if not scenario.enabled_areas:
        return scenario.without_areas()
    hits = scenario_hits(network, scenario)
    return FailureScenario(scenario.failed_links | hits.links, scenario.failed_sites | hits.sites,
                           scenario.failed_groups)
