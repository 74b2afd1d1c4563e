"""A network laid out on the map: projected sites and link routes, and a link index.

Built once per network; the ui draws from it and asks it which link is near a
point (a shapely ``STRtree`` over link segments, not a loop over links).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
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

    """

    network: Network
    site_ids: tuple[str, ...]
    site_xy: FloatArray
    link_ids: tuple[str, ...]
    link_points: Mapping[str, FloatArray]
    site_row: Mapping[str, int] = field(repr=False)
    _segment_tree: STRtree = field(repr=False)
    _segment_link: tuple[str, ...] = field(repr=False)

    def segments(self, link_ids: list[str] | tuple[str, ...] | None = None) -> FloatArray:
        """Route segments of the given links (default all) as a ``(2s, 2)`` array of pairs.

        Suited to a line item drawn with ``connect='pairs'``.
        """
        chosen = self.link_ids if link_ids is None else link_ids
        parts = []
        for link_id in chosen:
            pts = self.link_points[link_id]
            pairs = np.empty((2 * (len(pts) - 1), 2))
            pairs[0::2] = pts[:-1]
            pairs[1::2] = pts[1:]
            parts.append(pairs)
        return np.concatenate(parts) if parts else np.empty((0, 2))

    def nearest_link(self, x: float, y: float, tolerance: float) -> str | None:
        """The link whose route passes nearest ``(x, y)``, if within ``tolerance`` metres."""
        point = shapely.Point(x, y)
        hits = self._segment_tree.query(point, predicate="dwithin", distance=tolerance)
        if len(hits) == 0:
            return None
        distances = shapely.distance(self._segment_tree.geometries.take(hits), point)
        return self._segment_link[int(hits[int(np.argmin(distances))])]

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
    flat = [p for r in routes for p in r]
    lx, ly = project([p[0] for p in flat], [p[1] for p in flat])
    link_points: dict[str, FloatArray] = {}
    start = 0
    segment_lines = []
    segment_link: list[str] = []
    for link, route in zip(network.links, routes, strict=True):
        pts = np.column_stack([lx[start : start + len(route)], ly[start : start + len(route)]])
        start += len(route)
        link_points[link.id] = pts
        for i in range(len(pts) - 1):
            segment_lines.append(pts[i : i + 2])
            segment_link.append(link.id)
    tree = STRtree(shapely.linestrings(segment_lines) if segment_lines else [])
    return MapLayout(
        network=network,
        site_ids=tuple(s.id for s in sites),
        site_xy=site_xy,
        link_ids=tuple(link.id for link in network.links),
        link_points=MappingProxyType(link_points),
        site_row=MappingProxyType({s.id: i for i, s in enumerate(sites)}),
        _segment_tree=tree,
        _segment_link=tuple(segment_link),
    )
