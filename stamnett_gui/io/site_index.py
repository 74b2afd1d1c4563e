"""Finding the site nearest a point, within a distance in metres.

Sites go into a grid over 3-D positions on the sphere with cells as wide as the
tolerance. A straight chord is never longer than the arc over the ground, so
every site within the tolerance lies in the 27 cells around the point's own:
the answer is exact, anywhere on Earth, in constant time per query.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from stamnett_gui.domain import Site

#: Mean Earth radius (IUGG), metres.
EARTH_RADIUS_M = 6_371_008.8


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres between two WGS84 points (haversine, mean radius).

    >>> round(distance_m(10.75, 59.91, 5.32, 60.39) / 1000)  # Oslo to Bergen
    305
    """
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((phi2 - phi1) / 2) ** 2
         + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, h)))


def _xyz(lon: float, lat: float) -> tuple[float, float, float]:
    phi, lam = math.radians(lat), math.radians(lon)
    return (EARTH_RADIUS_M * math.cos(phi) * math.cos(lam),
            EARTH_RADIUS_M * math.cos(phi) * math.sin(lam),
            EARTH_RADIUS_M * math.sin(phi))


class SiteIndex:
    """The sites of a network, for nearest-site queries within ``tolerance_m``.

    Sites without coordinates (``NaN``) are left out.
    """

    def __init__(self, sites: Sequence[Site], tolerance_m: float) -> None:
        self.tolerance_m = max(float(tolerance_m), 1.0)
        # The longest chord whose arc is within the tolerance (chords are shorter than arcs).
        self._chord = 2 * EARTH_RADIUS_M * math.sin(min(self.tolerance_m / (2 * EARTH_RADIUS_M),
                                                         math.pi / 2))
        self._sites = [s for s in sites if math.isfinite(s.lon) and math.isfinite(s.lat)]
        self._xyz = [_xyz(s.lon, s.lat) for s in self._sites]
        self._cells: dict[tuple[int, int, int], list[int]] = defaultdict(list)
        for i, point in enumerate(self._xyz):
            self._cells[self._cell(point)].append(i)

    def _cell(self, point: tuple[float, float, float]) -> tuple[int, int, int]:
        size = self.tolerance_m
        return (math.floor(point[0] / size), math.floor(point[1] / size),
                math.floor(point[2] / size))

    def nearest(self, lon: float, lat: float) -> tuple[Site, float] | None:
        """The nearest site within the tolerance and its distance in metres, or ``None``."""
        x, y, z = point = _xyz(lon, lat)
        cx, cy, cz = self._cell(point)
        best, best_chord2 = -1, self._chord ** 2
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for dz in (-1, 0, 1):
                    for i in self._cells.get((cx + dx, cy + dy, cz + dz), ()):
                        sx, sy, sz = self._xyz[i]
                        chord2 = (sx - x) ** 2 + (sy - y) ** 2 + (sz - z) ** 2
                        if chord2 <= best_chord2:
                            best, best_chord2 = i, chord2
        if best < 0:
            return None
        site = self._sites[best]
        return site, distance_m(lon, lat, site.lon, site.lat)

    def nearest_anywhere(self, lon: float, lat: float) -> tuple[Site, float] | None:
        """The nearest site at any distance (a scan: for messages, not for every query)."""
        return min(
            ((s, distance_m(lon, lat, s.lon, s.lat)) for s in self._sites),
            key=lambda pair: pair[1],
            default=None,
        )
