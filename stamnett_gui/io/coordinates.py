"""Coordinates from files: WGS84 checks and projected ``x``/``y`` turned into lon/lat.

A site whose position is unknown gets ``NaN`` for ``lon`` and ``lat``; the
validation report names it and the map leaves it out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

from stamnett_gui.io.errors import NetworkFileError

#: The value of ``Site.lon`` and ``Site.lat`` for a site whose position is unknown.
UNKNOWN = math.nan


def lonlat_problem(lon: float, lat: float) -> str | None:
    """Why ``(lon, lat)`` cannot be a WGS84 position, or ``None`` when it can.

    >>> lonlat_problem(10.7, 59.9) is None, lonlat_problem(59.9, 100.0)
    (True, 'latitude 100.0 is outside -90..90 (are latitude and longitude swapped, or the \
coordinates projected?)')
    """
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return "the coordinates are not numbers"
    if not -90 <= lat <= 90:
        return (
            f"latitude {lat} is outside -90..90 (are latitude and longitude swapped, "
            "or the coordinates projected?)"
        )
    if not -180 <= lon <= 180:
        return f"longitude {lon} is outside -180..180 (are the coordinates projected?)"
    return None


@cache
def _transformer(crs: str) -> Transformer:
    return Transformer.from_crs(CRS.from_user_input(crs), "EPSG:4326", always_xy=True)


def check_crs(crs: str, source: str | Path) -> None:
    """Raise :class:`NetworkFileError` unless ``crs`` names a coordinate reference system."""
    try:
        _transformer(crs)
    except CRSError:
        raise NetworkFileError(
            source,
            f"{crs!r} is not a coordinate reference system pyproj knows; give one like "
            "EPSG:25833 (UTM zone 33N, EUREF89) or EPSG:4326 (longitude/latitude)",
        ) from None


def to_lonlat(
    xs: Sequence[float], ys: Sequence[float], crs: str, source: str | Path
) -> list[tuple[float, float]]:
    """Projected ``x``/``y`` (easting, northing) in ``crs`` as WGS84 ``(lon, lat)`` pairs.

    ``NaN`` in gives ``NaN`` out; points the projection cannot take give ``NaN``.
    """
    check_crs(crs, source)
    if not xs:
        return []
    lons, lats = _transformer(crs).transform(list(xs), list(ys), errcheck=False)
    return [
        (float(lon), float(lat)) if math.isfinite(lon) and math.isfinite(lat) else (UNKNOWN, UNKNOWN)
        for lon, lat in zip(lons, lats, strict=True)
    ]
