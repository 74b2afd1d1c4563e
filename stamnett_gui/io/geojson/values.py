"""Checks of single values in the project's GeoJSON network format.

Each check returns the problem as a sentence for a planner, or the clean value;
none raises. The reader in :mod:`stamnett_gui.io.geojson.network` collects the
sentences into findings.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any, Final

#: The map area: a position outside it is an error (swapped or projected coordinates).
LON_RANGE: Final = (-12.0, 36.0)
LAT_RANGE: Final = (53.0, 82.0)
#: Decimals kept in coordinates (about 0.1 m); applied on reading and writing alike.
COORD_DECIMALS: Final = 6
#: How far a route's end may lie from its site, in metres.
ENDPOINT_TOLERANCE_M: Final = 50.0
#: Nesting allowed inside extra properties and metadata (keeps every file writable).
MAX_NESTING: Final = 32

_EARTH_RADIUS_M = 6_371_008.8


def text_problem(value: Any, name: str, *, empty_ok: bool = True) -> str | None:
    """Why ``value`` is not usable text for the member ``name``, or ``None``.

    >>> text_problem("Bodø", "name") is None, text_problem(3, "name")
    (True, '"name" must be text, not a number')
    """
    if not isinstance(value, str):
        return f'"{name}" must be text, not {json_kind(value)}'
    if not value and not empty_ok:
        return f'"{name}" must not be empty'
    if not is_unicode(value):
        return f'"{name}" holds a character that is not valid Unicode (a lone surrogate)'
    return None


def is_unicode(text: str) -> bool:
    """False when ``text`` holds a lone surrogate (JSON allows one; UTF-8 cannot store it)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def json_kind(value: Any) -> str:
    """How JSON would name the type of ``value``: ``"a number"``, ``"null"``, ``"a list"``..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def names_problem(value: Any, name: str) -> str | None:
    """Why ``value`` is not a list of non-empty names (risk groups, core ids), or ``None``."""
    if not isinstance(value, list):
        return f'"{name}" must be a list of names (text), not {json_kind(value)}'
    for index, item in enumerate(value, start=1):
        if not isinstance(item, str) or not item:
            got = "empty text" if item == "" else json_kind(item)
            return f'"{name}" must be a list of names (text): item {index} is {got}'
        if not is_unicode(item):
            return f'"{name}": item {index} holds a character that is not valid Unicode'
    return None


def as_number(value: Any) -> float | None:
    """``value`` as a finite float, or ``None`` (text, ``true``, ``NaN``, too large)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def position(value: Any) -> tuple[float, float] | str:
    """A GeoJSON position ``[lon, lat]`` (altitude ignored) rounded to 6 decimals, or the problem.

    >>> position([10.7522, 59.9139])
    (10.7522, 59.9139)
    >>> position([10.7, 40.0])
    'latitude 40 is outside the map area (53 to 82)'
    """
    if not isinstance(value, list) or not 2 <= len(value) <= 3:
        return "a position must be [longitude, latitude]"
    numbers = [as_number(v) for v in value[:2]]
    for raw, number in zip(value[:2], numbers, strict=True):
        if number is None:
            if isinstance(raw, float) or (isinstance(raw, int) and not isinstance(raw, bool)):
                return f"coordinates must be finite numbers, not {_show_number(raw)}"
            return f"coordinates must be numbers, not {json_kind(raw)}"
    lon, lat = numbers
    assert lon is not None and lat is not None
    problems = []
    if not LON_RANGE[0] <= lon <= LON_RANGE[1]:
        problems.append(f"longitude {lon:g} is outside the map area (-12 to 36)")
    if not LAT_RANGE[0] <= lat <= LAT_RANGE[1]:
        problems.append(f"latitude {lat:g} is outside the map area (53 to 82)")
    if problems:
        if LAT_RANGE[0] <= lon <= LAT_RANGE[1] and LON_RANGE[0] <= lat <= LON_RANGE[1]:
            problems.append(
                "latitude and longitude swapped? GeoJSON order is [longitude, latitude]"
            )
        return "; ".join(problems)
    return (round(lon, COORD_DECIMALS), round(lat, COORD_DECIMALS))


def _show_number(value: float | int) -> str:
    if isinstance(value, int):
        return "a number too large for a coordinate"
    return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")


def distance_m(p: tuple[float, float], q: tuple[float, float]) -> float:
    """Great-circle distance in metres between two ``(lon, lat)`` points.

    >>> round(distance_m((10.0, 60.0), (10.0, 61.0)) / 1000)
    111
    """
    lon1, lat1, lon2, lat2 = map(math.radians, (*p, *q))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * _EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def show_distance(metres: float) -> str:
    """``"75 m"`` or ``"12.3 km"``."""
    return f"{metres:.0f} m" if metres < 1000 else f"{metres / 1000:.1f} km"


def extra_problem(value: Any, name: str) -> str | None:
    """Why an extra (kept verbatim) member cannot be kept, or ``None``.

    Extras must survive a save: no ``NaN``/``Infinity`` (not JSON), no lone
    surrogates, no nesting deeper than :data:`MAX_NESTING`.
    """
    for path, depth, item in _walk(value, f'"{name}"'):
        if depth > MAX_NESTING:
            return f"{path} is nested more than {MAX_NESTING} levels deep"
        if isinstance(item, float) and not math.isfinite(item):
            return f"{path} is {_show_number(item)}, which JSON does not allow (use null)"
        if isinstance(item, str) and not is_unicode(item):
            return f"{path} holds a character that is not valid Unicode (a lone surrogate)"
    return None


def _walk(value: Any, path: str) -> Iterator[tuple[str, int, Any]]:
    """Every value inside ``value`` with its path and depth; keys come as text values."""
    stack: list[tuple[str, int, Any]] = [(path, 0, value)]
    while stack:
        here, depth, item = stack.pop()
        yield here, depth, item
        if depth > MAX_NESTING:
            continue
        if isinstance(item, dict):
            for key, child in item.items():
                yield f"{here} key {key!r}", depth + 1, key
                stack.append((f"{here}.{key}", depth + 1, child))
        elif isinstance(item, list):
            stack.extend((f"{here}[{i}]", depth + 1, child) for i, child in enumerate(item))
