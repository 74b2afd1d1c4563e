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
from pyproj.exceptions import CRSError, ProjError

from stamnett_gui.io.errors import CRSRequired, NetworkFileError

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


def crs_problem(crs: str) -> str | None:
    """Why ``crs`` names no coordinate system the app can use, or ``None`` when it does.

    >>> crs_problem("EPSG:25833") is None, crs_problem("UTM 33")
    (True, "'UTM 33' is not a coordinate system the app knows: write an EPSG code like \
EPSG:25833 or a PROJ string like +proj=utm +zone=33 +ellps=GRS80")
    """
    if not crs.strip():
        return "no coordinate system is given: write an EPSG code like EPSG:25833"
    try:
        _transformer(crs.strip())
    except (CRSError, ProjError):
        return (f"{crs.strip()!r} is not a coordinate system the app knows: write an EPSG code like "
                "EPSG:25833 or a PROJ string like +proj=utm +zone=33 +ellps=GRS80")
    return None


def crs_name(crs: str) -> str:
    """The coordinate system's own name (``"ETRS89 / UTM zone 33N"``); ``crs`` must be valid."""
    name = str(CRS.from_user_input(crs.strip()).name)
    return name if name and name != "unknown" else "a coordinate system without a name"


def check_crs(crs: str, source: str | Path) -> None:
    """Raise :class:`NetworkFileError` unless ``crs`` names a coordinate reference system."""
    problem = crs_problem(crs)
    if problem:
        raise NetworkFileError(source, problem)


def crs_required(
    source: str | Path, what: str, columns: tuple[str, str], sample: tuple[str, float, float] | None
) -> CRSRequired:
    """The error for projected coordinates read without a coordinate system.

    ``what`` names the coordinates in the message (``"the columns 'øst'/'nord'"``).
    The wording suits the window and the command line alike; each adds its own way
    of giving the coordinate system.
    """
    return CRSRequired(
        source,
        f"{what} look projected (metres), not longitude and latitude: say which coordinate "
        "system they are in (in Norway most often EUREF89 / UTM zone 33N, EPSG:25833)",
        columns=columns, sample=sample,
    )


def to_lonlat(
    xs: Sequence[float], ys: Sequence[float], crs: str, source: str | Path
) -> list[tuple[float, float]]:
    """Projected ``x``/``y`` (easting, northing) in ``crs`` as WGS84 ``(lon, lat)`` pairs.

    ``NaN`` in gives ``NaN`` out; points the projection cannot take give ``NaN``.
    """
    check_crs(crs, source)
    crs = crs.strip()
    if not xs:
        return []
    lons, lats = _transformer(crs).transform(list(xs), list(ys), errcheck=False)
    return [
        (float(lon), float(lat)) if math.isfinite(lon) and math.isfinite(lat) else (UNKNOWN, UNKNOWN)
        for lon, lat in zip(lons, lats, strict=True)
    ]
