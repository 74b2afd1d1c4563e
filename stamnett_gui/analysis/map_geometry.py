"""A network laid out on the map: projected sites and link routes, and a link index.

Built once per network; the ui draws from it and asks it which link is near a
point (a shapely ``STRtree`` over link segments, not a loop over links).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import numpy.typing as npt
import shapely
from shapely import STRtree

from stamnett_gui.analysis.projection import FloatArray, line_length_km, project
from stamnett_gui.domain import Link, Network


@dataclass(frozen=True, eq=False)
class MapLayout:
    """Map coordinates (metres, EPSG:25833) of every site and link route.

    Attributes
    ----------
    site_ids
        Site ids in the order of the ``site_xy`` rows.
    site_xy
        ``(n, 2)`` array of projected site positions.
    link_ids
        Link ids in network order.
    link_points
        Per link, an ``(m, 2)`` array of its projected route (at least its two ends).
    pairs
        Every route segment as two consecutive rows: a ``(2s, 2)`` array for a
        line item drawn with ``connect='pairs'``.
    pair_owner
        For each row of ``pairs``, the index (in ``link_ids``) of its link.
    placed
        For each site, whether it has a position on the map (a file may leave a
        site without coordinates; such a site is analysed but not drawn, nor its links).

    """

    network: Network
    site_ids: tuple[str, ...]
    site_xy: FloatArray
    link_ids: tuple[str, ...]
    link_points: Mapping[str, FloatArray]
    pairs: FloatArray
    pair_owner: npt.NDArray[np.intp]
    placed: npt.NDArray[np.bool_]
    site_row: Mapping[str, int] = field(repr=False)
    link_row: Mapping[str, int] = field(repr=False)
    _segment_tree: STRtree = field(repr=False)

    def segments(self, link_ids: Collection[str] | None = None, *, invert: bool = False) -> FloatArray:
        """Route segments of the given links (default all) as pairs of rows.

        With ``invert``, the segments of every *other* link.
        """
        if link_ids is None:
            return self.pairs
        chosen = np.zeros(len(self.link_ids), dtype=bool)
        chosen[[self.link_row[i] for i in link_ids if i in self.link_row]] = True
        if invert:
            chosen = ~chosen
        return self.pairs[chosen[self.pair_owner]]

    def nearest_link(self, x: float, y: float, tolerance: float) -> str | None:
        """The link whose route passes nearest ``(x, y)``, if within ``tolerance`` metres."""
        point = shapely.Point(x, y)
        hits = self._segment_tree.query(point, predicate="dwithin", distance=tolerance)
        if len(hits) == 0:
            return None
        distances = shapely.distance(self._segment_tree.geometries.take(hits), point)
        segment = int(hits[int(np.argmin(distances))])
        return self.link_ids[int(self.pair_owner[2 * segment])]

    def midpoint(self, link_id: str) -> tuple[float, float]:
        """A point halfway along the link's drawn route (for labels, tests, centring)."""
        pts = self.link_points[link_id]
        lengths = np.hypot(*np.diff(pts, axis=0).T)
        half = lengths.sum() / 2
        i = int(np.searchsorted(np.cumsum(lengths), half))
        i = min(i, len(lengths) - 1)
        before = lengths[:i].sum()
        t = (half - before) / lengths[i] if lengths[i] > 0 else 0.0
        x, y = pts[i] + t * (pts[i + 1] - pts[i])
        return float(x), float(y)

    def link_length_km(self, link: Link) -> float:
        """Ground length of the link's route (straight between its sites when unknown)."""
        return line_length_km(route_of(self.network, link))


def route_of(network: Network, link: Link) -> tuple[tuple[float, float], ...]:
    """The link's route, or the straight line between its sites when it has none."""
    if len(link.route) >= 2:
        return link.route
    return (network.site(link.a).position, network.site(link.b).position)


def layout_network(network: Network) -> MapLayout:
    """Project every site and link route of ``network`` to the map."""
    sites = network.sites
    sx, sy = project([s.lon for s in sites], [s.lat for s in sites])
    site_xy = np.column_stack([sx, sy]) if sites else np.empty((0, 2))

    routes = [route_of(network, link) for link in network.links]
    lengths = np.array([len(r) for r in routes], dtype=np.intp)
    flat = np.array([p for r in routes for p in r], dtype=float).reshape(-1, 2)
    lx, ly = project(flat[:, 0], flat[:, 1])
    points = np.column_stack([lx, ly]) if len(flat) else np.empty((0, 2))
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]) if len(routes) else np.empty(0, np.intp)
    link_points = {
        link.id: points[start : start + n]
        for link, start, n in zip(network.links, starts, lengths, strict=True)
    }
    # Segment k of the flat point list joins point k to k+1, unless k is a route's last point.
    is_last = np.zeros(len(points), dtype=bool)
    is_last[starts + lengths - 1] = True
    first = np.flatnonzero(~is_last)
    owner_of_point = np.repeat(np.arange(len(routes), dtype=np.intp), lengths)
    drawable = np.isfinite(points[first]).all(axis=1) & np.isfinite(points[first + 1]).all(axis=1)
    first = first[drawable]
    pairs = np.empty((2 * len(first), 2))
    pairs[0::2] = points[first]
    pairs[1::2] = points[first + 1]
    pair_owner = np.repeat(owner_of_point[first], 2)
    tree = STRtree(shapely.linestrings(pairs.reshape(-1, 2, 2)) if len(first) else [])
    return MapLayout(
        network=network,
        site_ids=tuple(s.id for s in sites),
        site_xy=site_xy,
        link_ids=tuple(link.id for link in network.links),
        link_points=MappingProxyType(link_points),
        pairs=pairs,
        pair_owner=pair_owner,
        placed=np.asarray(np.isfinite(site_xy).all(axis=1), dtype=bool).reshape(len(sites)),
        site_row=MappingProxyType({s.id: i for i, s in enumerate(sites)}),
        link_row=MappingProxyType({link.id: i for i, link in enumerate(network.links)}),
        _segment_tree=tree,
    )
