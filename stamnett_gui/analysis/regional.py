"""Regional failures: every distinct set of links and sites a disk of radius r can take down.

A disk fails every link whose route passes within it and every site inside
it. Where the disk's centre stands decides what it hits: the centre is within
r of a link exactly when it lies in the link's r-buffer, and inside a site's
r-disk exactly when the site is inside the disk. So the distinct failures are
the faces of the arrangement of those buffers and disks (Agarwal, Efrat,
Ganjugunte, Hay, Sankararaman and Zussman; Neumayer, Zussman, Cohen and
Modiano; Tapolcai, Rónyai, Vass and Gyimóthi), and every face is one set.

Everything is worked out on the map (EPSG:25833, metres). The "disk" is the
same 128-corner regular polygon everywhere (the corners hazard circles use),
and every buffer is built from it: a route's buffer is the union, over its
segments, of the convex hull of the polygon placed at both ends (the
Minkowski sum of the route and the polygon). Built so, a link's buffer
meets a site's disk along shared polygon edges instead of along two slightly
different approximations of one circle, the arrangement has no slivers, and
the enumeration is exact for that polygon: a face's set is what the polygon
centred anywhere in the face hits. The polygon is within 0.03 % of the radius
of the true circle. See ``docs/regional-failures.md``.

Each distinct set is then failed on top of the scenario, as a sweep does
(on an executor when given one), and ranked by the sites it pushes below
target.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from stamnett_gui.analysis.diversity import DiversityEngine
from stamnett_gui.analysis.executors import (
    cached,
    check_workers,
    chunked,
    dumps_job,
    forget,
    local_executor,
    run_pieces,
    share,
)
from stamnett_gui.analysis.map_geometry import layout_network
from stamnett_gui.analysis.progress import CancelCheck, Cancelled, ProgressCallback
from stamnett_gui.analysis.projection import FloatArray, unproject
from stamnett_gui.analysis.sweep import SweepJob, _build, _Sweep
from stamnett_gui.domain import FailureScenario, Measure, Network
from stamnett_gui.domain.regional import Disk, RegionalFailure, RegionalResult
from stamnett_gui.domain.sweep import ElementKind, FailureImpact

#: Corners of the polygon that stands for a disk (as for hazard circles).
DISK_CORNERS = 128
_ANGLES = 2 * np.pi * np.arange(DISK_CORNERS) / DISK_CORNERS
_UNIT = np.column_stack([np.cos(_ANGLES), np.sin(_ANGLES)])

#: Segments whose buffers are built together (bounds the memory of their corner points).
_HULLS_AT_ONCE = 500
#: Faces smaller than this (square metres) are rounding noise of the overlay, not places.
MIN_FACE_M2 = 1.0
#: The point labelling a face keeps at least this far (metres) from the face's edges.
MIN_CLEARANCE_M = 1e-3

#: A set of link indices and site indices (engine numbering) a disk takes down.
HitSet = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True, eq=False)
class MapShapes:
    """The links and sites a disk can still take down, on the map.

    Attributes
    ----------
    seg_a, seg_b
        Start and end of every route segment of the links that are up, ``(s, 2)``.
    seg_owner
        Per segment, its position in ``links``.
    links
        Engine indices of the links that are up (and drawn).
    site_xy
        Positions of the sites that are up and placed, ``(k, 2)``.
    sites
        Their engine indices.
    span_km
        The diagonal of the network's extent on the map.
    straight_links
        Links without route geometry (straight lines stand in).

    """

    seg_a: FloatArray
    seg_b: FloatArray
    seg_owner: Any
    links: tuple[int, ...]
    site_xy: FloatArray
    sites: tuple[int, ...]
    span_km: float
    straight_links: int


def map_shapes(network: Network, down_links: frozenset[int], down_sites: frozenset[int]) -> MapShapes:
    """What is still up, on the map (engine numbering: the network's order)."""
    layout = layout_network(network)
    site_row = {sid: i for i, sid in enumerate(s.id for s in network.sites)}
    link_row = {lid: i for i, lid in enumerate(lk.id for lk in network.links)}
    starts: list[FloatArray] = []
    ends: list[FloatArray] = []
    owner: list[int] = []
    links: list[int] = []
    for lid in layout.link_ids:
        e = link_row[lid]
        points = layout.link_points[lid]
        if e in down_links or len(points) < 2 or not np.isfinite(points).all():
            continue  # down already, or not on the map (an end without a position)
        starts.append(points[:-1])
        ends.append(points[1:])
        owner += [len(links)] * (len(points) - 1)
        links.append(e)
    sites = [(site_row[sid], xy) for sid, xy, ok in zip(layout.site_ids, layout.site_xy,
                                                        layout.placed, strict=True)
             if ok and site_row[sid] not in down_sites]
    site_xy = np.array([xy for _, xy in sites], dtype=float).reshape(-1, 2)
    every = np.vstack([site_xy, *starts, *ends]) if starts or len(site_xy) else np.zeros((0, 2))
    span = float(np.hypot(*(every.max(axis=0) - every.min(axis=0)))) / 1000 if len(every) else 0.0
    return MapShapes(
        seg_a=np.vstack(starts) if starts else np.zeros((0, 2)),
        seg_b=np.vstack(ends) if ends else np.zeros((0, 2)),
        seg_owner=np.asarray(owner, dtype=np.intp),
        links=tuple(links),
        site_xy=site_xy,
        sites=tuple(i for i, _ in sites),
        span_km=span,
        straight_links=sum(1 for lk in network.links if len(lk.route) < 2),
    )


def disk_polygon(x: float, y: float, radius_m: float) -> Any:
    """The disk's polygon on the map (what every buffer is built from)."""
    return shapely.Polygon(np.array([x, y]) + radius_m * _UNIT)


def buffers(shapes: MapShapes, radius_m: float) -> Any:
    """One polygon per link (its route's buffer) then one per site (its disk), as an array."""
    n_seg = len(shapes.seg_a)
    polygons: list[Any] = []
    if n_seg:
        ring = radius_m * _UNIT
        hulls = np.empty(n_seg, dtype=object)
        for start in range(0, n_seg, _HULLS_AT_ONCE):  # the corner points of a few at a time
            stop = min(start + _HULLS_AT_ONCE, n_seg)
            corners = np.concatenate([shapes.seg_a[start:stop, None, :] + ring,
                                      shapes.seg_b[start:stop, None, :] + ring], axis=1)
            hulls[start:stop] = shapely.convex_hull(shapely.multipoints(
                corners.reshape(-1, 2), indices=np.repeat(np.arange(stop - start), 2 * DISK_CORNERS)))
        bounds = np.flatnonzero(np.diff(shapes.seg_owner)) + 1
        for part in np.split(np.arange(n_seg), bounds):
            polygons.append(hulls[part[0]] if len(part) == 1 else shapely.union_all(hulls[part]))
    polygons += [disk_polygon(x, y, radius_m) for x, y in shapes.site_xy]
    return np.array(polygons, dtype=object)


@dataclass(frozen=True)
class HitSets:
    """The distinct sets, each with a place a disk may stand to hit exactly it."""

    sets: tuple[HitSet, ...]
    witness: tuple[tuple[float, float], ...]  # map metres
    faces: int
    #: Every face as a shapely polygon (map metres) and the index of its set in ``sets``.
    face_polygons: tuple[Any, ...] = ()
    face_sets: tuple[int, ...] = ()


def hit_sets(shapes: MapShapes, radius_m: float, *, keep_faces: bool = False) -> HitSets:
    """Every distinct non-empty set a disk of ``radius_m`` can hit: the arrangement's faces.

    Sets are sorted (sites, then links); each has the point inside its
    largest face that shapely's ``point_on_surface`` picks. ``keep_faces``
    keeps every face's polygon and set too (for a heat map of the places).
    """
    polys = buffers(shapes, radius_m)
    if not len(polys):
        return HitSets((), (), 0)
    noded = shapely.union_all(shapely.boundary(polys))
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
    # Overlay arithmetic can leave hair-thin faces between edges that coincide in exact
    # arithmetic (a site's disk and the end of its link's buffer); no disk stands in one.
    faces = faces[shapely.area(faces) >= MIN_FACE_M2]
    points = shapely.point_on_surface(faces)
    # The point standing for a face must be clear of every edge, or rounding decides which
    # side of an edge it is on; a face with no such point is a sliver of the same kind.
    clear = shapely.distance(points, shapely.boundary(faces)) >= MIN_CLEARANCE_M
    faces, points = faces[clear], points[clear]
    if not len(faces):
        return HitSets((), (), 0)
    areas = shapely.area(faces)
    # Points in a tree, each buffer asking which it holds: GEOS prepares every buffer once
    # (ten times faster than asking, for each point, which buffers hold it).
    poly_of, face_of = shapely.STRtree(points).query(polys, predicate="intersects")
    order = np.lexsort((poly_of, face_of))
    face_of, poly_of = face_of[order], poly_of[order]
    engine = np.array([*shapes.links, *(-1 - s for s in shapes.sites)], dtype=np.intp)[poly_of]
    starts = np.flatnonzero(np.diff(face_of)) + 1
    labels: dict[int, HitSet] = {}
    for f, members in zip(face_of[np.r_[0, starts]].tolist(), np.split(engine, starts), strict=True):
        labels[f] = (tuple(members[members >= 0].tolist()),
                     tuple(sorted((-1 - members[members < 0]).tolist())))
    best: dict[HitSet, int] = {}
    for f, key in labels.items():
        held = best.get(key)
        if held is None or areas[f] > areas[held]:
            best[key] = f
    ordered = sorted(best, key=lambda k: (k[1], k[0]))
    position = {key: i for i, key in enumerate(ordered)}
    xy = shapely.get_coordinates(points)
    labelled = sorted(labels) if keep_faces else []
    return HitSets(tuple(ordered), tuple((float(xy[best[k]][0]), float(xy[best[k]][1]))
                                         for k in ordered), len(faces),
                   tuple(faces[f] for f in labelled),
                   tuple(position[labels[f]] for f in labelled))


def check_radius(radius_km: float, span_km: float) -> float:
    """``radius_km`` as a float if it is above 0 and within the map; ``ValueError`` otherwise."""
    if isinstance(radius_km, bool) or not isinstance(radius_km, int | float) \
            or not math.isfinite(radius_km) or radius_km <= 0:
        raise ValueError(f"the radius must be a number of km above 0, not {radius_km!r}")
    if radius_km > max(span_km, 1.0):
        raise ValueError(f"a radius of {radius_km:g} km is larger than the map: the network "
                         f"spans {span_km:,.0f} km corner to corner")
    return float(radius_km)


def assess_sets(sw: _Sweep, sets: Sequence[HitSet],
                cancelled: CancelCheck | None = None) -> list[FailureImpact]:
    """The impact of each set, in order, failed on top of the sweep's scenario."""
    out = []
    for k, (links, sites) in enumerate(sets):
        if cancelled is not None and cancelled():
            raise Cancelled(f"cancelled after {k} of {len(sets)} failures")
        out.append(sw.failure(links, sites))
    return out


def regional_piece(token: str, blob: bytes, sets: Sequence[HitSet]) -> list[FailureImpact]:
    """Worker side: the impact of each set, failed on top of the job's scenario."""
    lock, sw = cached(token, blob, _build)
    with lock:
        return assess_sets(sw, sets)


class Evaluator:
    """Fails sets of links and sites on top of a scenario: here, or on an executor.

    Use as a context manager: a process pool it starts is shut down on exit.
    """

    def __init__(self, network: Network, *, measure: Measure | str, target: int | None,
                 scenario: FailureScenario | None, executor: Executor | None,
                 workers: int | None) -> None:
        check_workers(workers)
        self.workers = workers
        engine = DiversityEngine(network, target, measure)
        self.job = SweepJob(network, ElementKind.LINK, engine.measure, engine.target,
                            scenario or FailureScenario())
        self.sweep = _Sweep(engine, ElementKind.LINK, self.job.scenario)
        self._given = executor
        self._pool: Executor | None = None
        self._token = uuid.uuid4().hex
        self._blob: bytes | None = None

    def __enter__(self) -> Evaluator:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
            forget(self._token)

    def evaluate(self, sets: Sequence[HitSet], cancelled: CancelCheck | None = None,
                 progress: Callable[[int], None] | None = None) -> list[FailureImpact]:
        """The impact of each set, in order; ``progress(n)`` after each ``n`` sets done."""
        n_workers = check_workers(self.workers, len(sets))
        if self._given is None and n_workers == 1:
            out = []
            for piece in chunked(list(sets), 1, smallest=256):  # progress between pieces
                out += assess_sets(self.sweep, piece, cancelled)
                if progress is not None:
                    progress(len(piece))
            return out
        if self._given is None and self._pool is None:
            share(self._token, self.sweep)  # forked workers start with the sweep built
            # This process is one of the workers: a pool of one fewer.
            self._pool = local_executor(check_workers(self.workers) - 1)
        executor = self._given or self._pool
        assert executor is not None
        if self._blob is None:
            self._blob = dumps_job(self.job)
        pieces = chunked(list(sets), n_workers if self._given is None else 8, smallest=16)
        args = [(self._token, self._blob, piece) for piece in pieces]

        def done(k: int) -> None:
            if progress is not None:
                progress(len(pieces[k]))

        own = self._given is None
        ahead = 2 * max(1, check_workers(self.workers) - 1) if own else 0
        return [impact for part in run_pieces(executor, regional_piece, args, cancelled=cancelled,
                                               done=done, local=own, ahead=ahead)
                for impact in part]


def to_lonlat(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Map metres to ``(lon, lat)`` rounded to 5 decimals (about a metre)."""
    if not points:
        return []
    lon, lat = unproject([p[0] for p in points], [p[1] for p in points])
    return [(round(float(a), 5), round(float(b), 5)) for a, b in zip(lon, lat, strict=True)]


def regional_failures(network: Network, radius_km: float, *, scenario: FailureScenario | None = None,
                      measure: Measure | str = Measure.EDGE, target: int | None = None,
                      progress: ProgressCallback | None = None,
                      cancelled: CancelCheck | None = None, executor: Executor | None = None,
                      workers: int | None = 1) -> RegionalResult:
    """Every distinct failure a disk of ``radius_km`` can cause, worst first.

    Parameters
    ----------
    network
        The network; links without a route count as straight lines (the result says how many).
    radius_km
        The disk's radius in km: above 0 and no larger than the network's extent.
    scenario
        What is down already; a disk is measured against it.
    measure, target
        As for :func:`~stamnett_gui.analysis.diversity.assess_diversity`.
    progress, cancelled
        As for :func:`~stamnett_gui.analysis.sweep.iter_sweep` (a step is one failure).
    executor, workers
        Where the failures are assessed: as for :func:`~stamnett_gui.analysis.sweep.iter_sweep`.

    Examples
    --------
    >>> from stamnett_gui.domain import Link, Site
    >>> sites = (Site("hub", "Hub", 10.0, 60.0), Site("h", "Hospital", 10.0, 61.0))
    >>> net = Network("n", sites, (Link("L1", "hub", "h"), Link("L2", "hub", "h",
    ...               route=((10.0, 60.0), (11.0, 60.5), (10.0, 61.0)))), core=frozenset({"hub"}))
    >>> worst = regional_failures(net, 10, target=2).failures[0]  # beside the hub: both links
    >>> worst.below_target, worst.isolated, worst.links, worst.sites
    (('h',), ('h',), ('L1', 'L2'), ())

    """
    with Evaluator(network, measure=measure, target=target, scenario=scenario,
                   executor=executor, workers=workers) as evaluator:
        sw = evaluator.sweep
        shapes = map_shapes(network, sw.base_key.links, sw.base_key.sites)
        radius = check_radius(radius_km, shapes.span_km)
        found = hit_sets(shapes, radius * 1000.0)
        total, done = len(found.sets), 0

        def advance(n: int) -> None:
            nonlocal done
            done += n
            if progress is not None:
                progress(done, total)

        impacts = evaluator.evaluate(found.sets, cancelled, advance)
    return _result(network, sw, radius, found, impacts, shapes.straight_links)


def _result(network: Network, sw: _Sweep, radius_km: float, found: HitSets,
            impacts: list[FailureImpact], straight: int) -> RegionalResult:
    site_ids = sw.site_ids
    link_ids = sw.engine.residual.link_ids
    centres = to_lonlat(list(found.witness))
    failures = [
        RegionalFailure(Disk(centre, radius_km), tuple(link_ids[e] for e in links),
                        tuple(site_ids[s] for s in sites), impact.failed, impact.lost,
                        impact.below_target, impact.isolated)
        for (links, sites), centre, impact in zip(found.sets, centres, impacts, strict=True)
    ]
    failures.sort(key=_worst_first)
    return RegionalResult(radius_km, sw.engine.measure, sw.engine.target, sw.scenario,
                          tuple(failures), found.faces, straight,
                          names={s.id: s.name for s in network.sites})


def _worst_first(f: RegionalFailure) -> tuple[object, ...]:
    return (-len(f.below_target), -len(f.isolated), -len(f.lost), len(f.links) + len(f.sites),
            f.sites, f.links)


@dataclass(frozen=True)
class RegionalPlaces:
    """A regional result with the places behind it: where each disk may stand, for a heat map.

    Attributes
    ----------
    result
        The ranked failures.
    rings
        Per place (face of the arrangement), its outline and holes in map metres.
    failure
        Per place, the index in ``result.failures`` of what a disk standing there does.

    """

    result: RegionalResult
    rings: tuple[tuple[FloatArray, ...], ...]
    failure: tuple[int, ...]


def regional_places(network: Network, radius_km: float, *, scenario: FailureScenario | None = None,
                    measure: Measure | str = Measure.EDGE, target: int | None = None,
                    progress: ProgressCallback | None = None,
                    cancelled: CancelCheck | None = None, executor: Executor | None = None,
                    workers: int | None = 1) -> RegionalPlaces:
    """:func:`regional_failures` and every place a disk may stand, mapped to its failure."""
    with Evaluator(network, measure=measure, target=target, scenario=scenario,
                   executor=executor, workers=workers) as evaluator:
        sw = evaluator.sweep
        shapes = map_shapes(network, sw.base_key.links, sw.base_key.sites)
        radius = check_radius(radius_km, shapes.span_km)
        found = hit_sets(shapes, radius * 1000.0, keep_faces=True)
        total = len(found.sets)
        done = [0]

        def advance(n: int) -> None:
            done[0] += n
            if progress is not None:
                progress(done[0], total)

        impacts = evaluator.evaluate(found.sets, cancelled, advance)
    result = _result(network, sw, radius, found, impacts, shapes.straight_links)
    rank = {(f.links, f.sites): i for i, f in enumerate(result.failures)}
    link_ids, site_ids = sw.engine.residual.link_ids, sw.site_ids
    of_set = [rank[(tuple(link_ids[e] for e in links), tuple(site_ids[s] for s in sites))]
              for links, sites in found.sets]
    rings = tuple(
        (np.asarray(polygon.exterior.coords, dtype=float),
         *(np.asarray(hole.coords, dtype=float) for hole in polygon.interiors))
        for polygon in found.face_polygons)
    return RegionalPlaces(result, rings, tuple(of_set[k] for k in found.face_sets))
