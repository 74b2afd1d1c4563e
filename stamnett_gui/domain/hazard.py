"""Hazard areas: a storm, a landslide, a flood drawn on the map.

An area is either a polygon (rings of ``(lon, lat)`` points, the first ring the
outline and any further rings holes, as in a GeoJSON Polygon) or a circle (a
centre and a radius on the ground in km). Every link whose route crosses an
enabled area and every site inside it fails; which ones is geometry, worked out
in :mod:`stamnett_gui.analysis.hazards`. Here the area is only a value: checked
for shape, compared by content, changed by making a new one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

#: Smallest circle radius accepted, in km (about one building).
MIN_RADIUS_KM = 0.1
#: Largest circle radius accepted, in km: a storm front over all of Nord-Norge. Beyond this a
#: circle on the ground stops looking like one on the map, and no real event is that wide.
MAX_RADIUS_KM = 1000.0

Point = tuple[float, float]
Ring = tuple[Point, ...]


class HazardAreaError(ValueError):
    """An area that is not a usable shape; the message is one sentence naming the area."""


def _point(value: Any, name: str) -> Point:
    if isinstance(value, str) or not isinstance(value, Sequence) or len(value) < 2:
        raise HazardAreaError(f"a point of hazard area {name!r} is not a [longitude, latitude] pair")
    lon, lat = value[0], value[1]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lon, lat)):
        raise HazardAreaError(f"a point of hazard area {name!r} has a coordinate that is not a number")
    lon, lat = float(lon), float(lat)
    if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
        raise HazardAreaError(
            f"hazard area {name!r} has a point off the globe ({lon:g}, {lat:g}); "
            "longitude goes from -180 to 180 and latitude from -90 to 90")
    return (lon, lat)


def _ring(points: Any, name: str) -> Ring:
    """A closed ring without repeated consecutive points."""
    if isinstance(points, str) or not isinstance(points, Iterable):
        raise HazardAreaError(f"the outline of hazard area {name!r} is not a list of points")
    ring: list[Point] = []
    for value in points:
        point = _point(value, name)
        if not ring or ring[-1] != point:
            ring.append(point)
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring.pop()
    if len(set(ring)) < 3:
        raise HazardAreaError(f"the outline of hazard area {name!r} needs at least three corners")
    return (*ring, ring[0])


@dataclass(frozen=True)
class HazardArea:
    """A named area on the map whose links and sites fail together.

    Build one with :meth:`polygon` or :meth:`circle`; the constructor checks
    the shape and raises :class:`HazardAreaError` with one sentence when it is
    not usable. Rings are stored closed (first point repeated last), in the
    orientation given (RFC 7946's winding order is not required).

    Examples
    --------
    >>> storm = HazardArea.polygon("Storm", [(15, 68), (17, 68), (16, 69)])
    >>> storm.rings[0][-1] == storm.rings[0][0], storm.is_circle
    (True, False)
    >>> HazardArea.circle("Fire", (10.4, 63.4), 2).toggled().enabled
    False
    >>> try:
    ...     HazardArea.circle("Flood", (10.4, 63.4), 0)
    ... except HazardAreaError as error:
    ...     print(error)
    the radius of hazard area 'Flood' must be from 0.1 km to 1,000 km, not 0 km

    """

    name: str
    rings: tuple[Ring, ...] = ()
    center: Point | None = None
    radius_km: float | None = None
    enabled: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise HazardAreaError("a hazard area needs a name")
        object.__setattr__(self, "name", self.name.strip())
        name = self.name
        if self.rings and (self.center is not None or self.radius_km is not None):
            raise HazardAreaError(f"hazard area {name!r} is either a polygon or a circle, not both")
        if self.rings:
            object.__setattr__(self, "rings", tuple(_ring(r, name) for r in self.rings))
        elif self.center is None or self.radius_km is None:
            raise HazardAreaError(
                f"hazard area {name!r} needs an outline, or a centre and a radius")
        else:
            object.__setattr__(self, "center", _point(self.center, name))
            radius = self.radius_km
            if isinstance(radius, bool) or not isinstance(radius, int | float):
                raise HazardAreaError(f"the radius of hazard area {name!r} is not a number")
            if not (math.isfinite(radius) and MIN_RADIUS_KM <= radius <= MAX_RADIUS_KM):
                raise HazardAreaError(
                    f"the radius of hazard area {name!r} must be from {MIN_RADIUS_KM:g} km to "
                    f"{MAX_RADIUS_KM:,.0f} km, not {radius:g} km")
            object.__setattr__(self, "radius_km", float(radius))
        if not isinstance(self.enabled, bool):
            raise HazardAreaError(f"'enabled' of hazard area {name!r} must be true or false")

    @classmethod
    def polygon(cls, name: str, outline: Iterable[Sequence[float]],
                holes: Iterable[Iterable[Sequence[float]]] = (), *, enabled: bool = True) -> HazardArea:
        """A polygon area from its outline's corners (closed or not) and optional holes."""
        rings = (tuple(tuple(p) for p in outline), *(tuple(tuple(p) for p in h) for h in holes))
        return cls(name, rings=rings, enabled=enabled)  # type: ignore[arg-type]  # checked in __post_init__

    @classmethod
    def circle(cls, name: str, center: Sequence[float], radius_km: float, *,
               enabled: bool = True) -> HazardArea:
        """A circle on the ground: centre ``(lon, lat)`` and radius in km."""
        return cls(name, center=tuple(center), radius_km=radius_km,  # type: ignore[arg-type]
                   enabled=enabled)

    @property
    def is_circle(self) -> bool:
        """True for a circle, False for a polygon."""
        return self.center is not None

    def renamed(self, name: str) -> HazardArea:
        """The same area under another name."""
        return replace(self, name=name)

    def toggled(self) -> HazardArea:
        """The area switched off if it is on, on if it is off."""
        return replace(self, enabled=not self.enabled)

    def switched(self, enabled: bool) -> HazardArea:
        """The area switched on or off."""
        return replace(self, enabled=enabled)

    def to_dict(self) -> dict[str, Any]:
        """The scenario file's shape: a GeoJSON Polygon, or a centre and a radius."""
        data: dict[str, Any] = {"name": self.name}
        if self.center is not None:
            data["center"] = list(self.center)
            data["radius_km"] = self.radius_km
        else:
            data["geometry"] = {"type": "Polygon",
                                "coordinates": [[list(p) for p in ring] for ring in self.rings]}
        data["enabled"] = self.enabled
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> HazardArea:
        """An area from :meth:`to_dict` output; :class:`HazardAreaError` names what is wrong."""
        if not isinstance(data, Mapping):
            raise HazardAreaError("a hazard area must be a JSON object")
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            raise HazardAreaError("a hazard area has no name")
        unknown = set(data) - {"name", "geometry", "center", "radius_km", "enabled"}
        if unknown:
            raise HazardAreaError(
                f"hazard area {name!r} has unknown field(s): {', '.join(sorted(unknown))}")
        enabled = data.get("enabled", True)
        if "geometry" in data:
            if "center" in data or "radius_km" in data:
                raise HazardAreaError(
                    f"hazard area {name!r} has both a geometry and a centre; give one")
            geometry = data["geometry"]
            if not isinstance(geometry, Mapping) or geometry.get("type") != "Polygon":
                raise HazardAreaError(
                    f"the geometry of hazard area {name!r} must be a GeoJSON Polygon")
            coordinates = geometry.get("coordinates")
            if not isinstance(coordinates, list) or not coordinates:
                raise HazardAreaError(f"the geometry of hazard area {name!r} has no coordinates")
            return cls(name, rings=tuple(coordinates), enabled=enabled)
        if "center" not in data or "radius_km" not in data:
            raise HazardAreaError(
                f"hazard area {name!r} needs a geometry, or a center and a radius_km")
        return cls(name, center=data["center"], radius_km=data["radius_km"], enabled=enabled)

    def __str__(self) -> str:
        shape = (f"circle of {self.radius_km:g} km" if self.radius_km is not None
                 else f"polygon of {len(self.rings[0]) - 1} corners")
        return f"{self.name} ({shape}{'' if self.enabled else ', off'})"
