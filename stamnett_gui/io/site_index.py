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
        self._sites = [s for s in sites if math.isfinite(s.lon) and math.isfinite(s.lat)]
        self._cells: dict[tuple[int, int, int], list[int]] = defaultdict(list)
        for i, site in enumerate(self._sites):
            self._cells[self._cell(site.lon, site.lat)].append(i)

    def _cell(self, lon: float, lat: float) -> tuple[int, int, int]:
        x, y, z = _xyz(lon, lat)
        size = self.tolerance_m
        return (math.floor(x / size), math.floor(y / size), math.floor(z / size))

    def nearest(self, lon: float, lat: float) -> tuple[Site, float] | None:
        """The nearest site within the tolerance and its distance in metres, or ``None``."""
        cx, cy, cz = self._cell(lon, lat)
        best: tuple[Site, float] | None = None
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for dz in (-1, 0, 1):
                    for i in self._cells.get((cx + dx, cy + dy, cz + dz), ()):
                        site = self._sites[i]
                        d = distance_m(lon, lat, site.lon, site.lat)
                        if d <= self.tolerance_m and (best is None or d < best[1]):
                            best = (site, d)
        return best

    def nearest_anywhere(self, lon: float, lat: float) -> tuple[Site, float] | None:
        """The nearest site at any distance (a scan: for messages, not for every query)."""
        return min(
            ((s, distance_m(lon, lat, s.lon, s.lat)) for s in self._sites),
            key=lambda pair: pair[1],
            default=None,
        )
