"""GeoJSON features as sites and links: the work behind :mod:`stamnett_gui.io.geojson.generic`."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from stamnett_gui.domain import Link, Site, SiteKind
from stamnett_gui.io.assembly import NetworkAssembly
from stamnett_gui.io.coordinates import UNKNOWN, crs_required, lonlat_problem, to_lonlat
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.io.fields import (
    LINK_FIELDS,
    SITE_FIELDS,
    match_fields,
    parse_bool,
    parse_kind,
    parse_risk_groups,
)
from stamnett_gui.io.geojson.mapping import GeoJSONMapping
from stamnett_gui.io.site_index import SiteIndex, distance_m

_GEOMETRIES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
               "GeometryCollection")
_SITE_EXTRA = {k: SITE_FIELDS[k] for k in ("kind", "health_trust", "region", "municipality",
                                           "risk_groups")}
_LINK_EXTRA = {k: LINK_FIELDS[k] for k in ("name", "medium", "operator", "risk_groups")}


@dataclass(frozen=True)
class Feature:
    """A Point or LineString feature: its place in the file, id member, points and properties."""

    index: int
    id: Any
    points: tuple[Any, ...]
    properties: dict[str, Any] = field(default_factory=dict)

    @property
    def where(self) -> str:
        """``feature 12 (id 'L7')``: the words a planner can find in the file."""
        return f"feature {self.index}" + (f" (id {self.id!r})" if self.id is not None else "")


def _not_geojson(source: str | Path, found: str) -> NetworkFileError:
    return NetworkFileError(source, f"this is not GeoJSON: expected a FeatureCollection, a Feature "
                            f"or a geometry at the top, found {found}")


def _geometries(data: Any) -> Iterator[tuple[int, Any, Any, Any]]:
    """``(index, id, geometry, properties)`` of each feature or bare geometry."""
    kind = data.get("type")
    if kind == "FeatureCollection":
        features = data.get("features")
        for index, feature in enumerate(features if isinstance(features, list) else []):
            if isinstance(feature, dict) and feature.get("type") == "Feature":
                yield index, feature.get("id"), feature.get("geometry"), feature.get("properties")
            else:
                yield index, None, {"type": "not a Feature object"}, None
    elif kind == "Feature":
        yield 0, data.get("id"), data.get("geometry"), data.get("properties")
    elif kind == "GeometryCollection":
        geometries = data.get("geometries")
        for index, geometry in enumerate(geometries if isinstance(geometries, list) else []):
            yield index, None, geometry, None
    else:
        yield 0, None, data, None


def features_of(data: Any, source: str | Path) -> tuple[list[Feature], list[Feature], Counter[str]]:
    """``(points, lines, skipped)``: Point and LineString features, counts of the others.

    A one-point MultiPoint counts as a Point; a MultiLineString's parts are joined in order.
    """
    if not isinstance(data, dict):
        raise _not_geojson(source, type(data).__name__)
    if data.get("type") not in ("FeatureCollection", "Feature", *_GEOMETRIES):
        raise _not_geojson(source, repr(data.get("type"))[:40])
    if data.get("type") == "FeatureCollection" and not isinstance(data.get("features"), list):
        raise NetworkFileError(source, "the FeatureCollection has no 'features' list")
    points: list[Feature] = []
    lines: list[Feature] = []
    skipped: Counter[str] = Counter()
    for index, ident, geometry, properties in _geometries(data):
        props = properties if isinstance(properties, dict) else {}
        if not isinstance(geometry, dict):
            skipped["geometry-less"] += 1
            continue
        kind, coords = geometry.get("type"), geometry.get("coordinates")
        if kind == "MultiPoint" and isinstance(coords, list) and len(coords) == 1:
            kind, coords = "Point", coords[0]
        if kind == "MultiLineString" and isinstance(coords, list) and all(
                isinstance(part, list) for part in coords):
            kind, coords = "LineString", [p for part in coords for p in part]
        if kind == "Point":
            points.append(Feature(index, ident, (coords,), props))
        elif kind == "LineString" and isinstance(coords, list):
            lines.append(Feature(index, ident, tuple(coords), props))
        else:
            skipped[str(kind)[:40]] += 1
    return points, lines, skipped


def _lonlat(point: Any) -> tuple[float, float] | None:
    """``(lon, lat)`` from a GeoJSON position, ``None`` when it is not two numbers."""
    if not isinstance(point, list | tuple) or len(point) < 2:
        return None
    lon, lat = point[0], point[1]
    if isinstance(lon, bool) or isinstance(lat, bool) or not (
            isinstance(lon, int | float) and isinstance(lat, int | float)):
        return None
    try:
        lon, lat = float(lon), float(lat)
    except OverflowError:
        return None
    return (lon, lat) if math.isfinite(lon) and math.isfinite(lat) else None


def check_not_projected(points: list[Feature], name_property: str | None, source: str | Path) -> None:
    """Raise :class:`~stamnett_gui.io.errors.CRSRequired` when no point is longitude/latitude.

    RFC 7946 GeoJSON is WGS84, but GIS tools still write projected files; when
    every point's coordinates are out of longitude/latitude range, the file is
    projected, not a file of bad points. A single point out of range is that
    point's error.
    """
    located = [(f, p) for f in points for p in [_lonlat(f.points[0]) if f.points else None]
               if p is not None]
    if not located or any(lonlat_problem(*p) is None for _, p in located):
        return
    feature, (x, y) = located[0]
    name = _text(feature.properties.get(name_property)) if name_property else ""
    label = name or (_text(feature.id) if feature.id is not None else "") or feature.where
    raise crs_required(source, "the points' coordinates", ("x", "y"), (label, x, y))


def _positions(
    feature: Feature, crs: str | None, build: NetworkAssembly
) -> list[tuple[float, float]] | None:
    """The feature's points in WGS84, or ``None`` (and a finding) when any is unusable."""
    points = [_lonlat(p) for p in feature.points]
    if any(p is None for p in points):
        build.error(feature.where, "has coordinates that are not [longitude, latitude] numbers")
        return None
    valid = [p for p in points if p is not None]
    if crs is not None:
        valid = to_lonlat([p[0] for p in valid], [p[1] for p in valid], crs, build.source)
    for lon, lat in valid:
        problem = lonlat_problem(lon, lat)
        if problem:
            build.error(feature.where, f"{problem}; RFC 7946 GeoJSON is longitude/latitude "
                        "(WGS84)")
            return None
    return valid


def _text(value: Any) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_sites(
    points: list[Feature], mapping: GeoJSONMapping, crs: str | None, build: NetworkAssembly
) -> None:
    """Add a site for each Point feature."""
    names = match_fields({k for f in points for k in f.properties} - {
        mapping.site_id, mapping.site_name, mapping.core}, _SITE_EXTRA)
    used = {*names.values(), mapping.site_id, mapping.site_name, mapping.core}
    made_up = 0
    unknown_kinds: Counter[str] = Counter()
    for feature in points:
        props = feature.properties
        position = _positions(feature, crs, build)
        lon, lat = position[0] if position else (UNKNOWN, UNKNOWN)
        site_id = _text(props.get(mapping.site_id)) if mapping.site_id else ""
        site_id = site_id or _text(feature.id)
        if not site_id:
            made_up += 1
            site_id = f"site-{feature.index}"
        kind_text = _text(props.get(names.get("kind", "")))
        kind = parse_kind(kind_text) if kind_text else SiteKind.HOSPITAL
        if kind is None:
            unknown_kinds[kind_text] += 1
        try:
            groups = parse_risk_groups(props.get(names.get("risk_groups", "")))
        except ValueError as error:
            build.warn(feature.where, f"risk groups: {error}; ignored")
            groups = frozenset()
        site = Site(
            site_id, _text(props.get(mapping.site_name)) if mapping.site_name else "", lon, lat,
            kind or SiteKind.HOSPITAL, _text(props.get(names.get("health_trust", ""))),
            _text(props.get(names.get("region", ""))),
            _text(props.get(names.get("municipality", ""))), groups,
            properties={k: v for k, v in props.items() if k not in used},
        )
        if not site.name:
            site = replace(site, name=site_id)
        added = build.add_site(site, feature.where)
        if added and mapping.core and parse_bool(props.get(mapping.core)) is True:
            build.core.add(added)
    if made_up:
        build.warn("features", f"{made_up} point feature(s) have no site id (no id member"
                   + (f" and no {mapping.site_id!r} property" if mapping.site_id else "")
                   + "); they were given ids 'site-<feature number>'")
    for word, count in unknown_kinds.items():
        build.warn("features", f"{count} site(s) have kind {word!r}, which is not a site kind "
                   "(hospital, hub, datacentre, junction); they were read as hospitals")


def _end(
    feature: Feature, prop: str | None, point: tuple[float, float], index: SiteIndex,
    build: NetworkAssembly, snapped: list[float],
) -> str | None:
    """A link end: the property's value, or the site nearest ``point`` within the tolerance."""
    value = _text(feature.properties.get(prop)) if prop else ""
    if value:
        return value
    found = index.nearest(*point)
    if found is not None:
        snapped.append(found[1])
        return found[0].id
    anywhere = index.nearest_anywhere(*point)
    near = (f"; the nearest site is {anywhere[0].id!r}, {anywhere[1]:,.0f} m away"
            if anywhere else "")
    build.error(feature.where, f"the line end at lon {point[0]:.5f}, lat {point[1]:.5f} is "
                f"more than {index.tolerance_m:,.0f} m from every site{near}; the link was left out "
                "(raise the tolerance, or give the link's end sites as properties)")
    return None


def read_links(
    lines: list[Feature], mapping: GeoJSONMapping, crs: str | None, build: NetworkAssembly
) -> None:
    """Add a link for each LineString feature, matching unnamed ends to the nearest sites."""
    names = match_fields({k for f in lines for k in f.properties} - {
        mapping.link_id, mapping.link_from, mapping.link_to}, _LINK_EXTRA)
    used = {*names.values(), mapping.link_id, mapping.link_from, mapping.link_to}
    index = SiteIndex(build.sites(), mapping.tolerance_m)
    by_id = {s.id: s for s in build.sites()}
    snapped: list[float] = []
    pairs: Counter[tuple[str, str]] = Counter()
    for feature in lines:
        route = _positions(feature, crs, build)
        if route is None or len(route) < 2:
            if route is not None:
                build.error(feature.where, "is a line with fewer than two points; left out")
            continue
        matched: list[float] = []
        a = _end(feature, mapping.link_from, route[0], index, build, matched)
        b = _end(feature, mapping.link_to, route[-1], index, build, matched)
        if a is None or b is None:
            continue
        if a == b and not (mapping.link_from and mapping.link_to):
            build.warn(feature.where, f"both ends of the line are nearest to site {a!r}; "
                       "the link was left out")
            continue
        snapped += matched
        if a in by_id and b in by_id and _reversed(route, by_id[a], by_id[b]):
            route.reverse()
        props = feature.properties
        pairs[a, b] += 1
        link_id = (_text(props.get(mapping.link_id)) if mapping.link_id else "") or _text(feature.id)
        link_id = link_id or (f"{a}-{b}" if pairs[a, b] == 1 else f"{a}-{b}-{pairs[a, b]}")
        try:
            groups = parse_risk_groups(props.get(names.get("risk_groups", "")))
        except ValueError as error:
            build.warn(feature.where, f"risk groups: {error}; ignored")
            groups = frozenset()
        build.add_link(Link(
            link_id, a, b, tuple(route), _text(props.get(names.get("medium", ""))) or "fibre",
            groups, _text(props.get(names.get("name", ""))),
            _text(props.get(names.get("operator", ""))),
            properties={k: v for k, v in props.items() if k not in used},
        ), feature.where)
    if snapped:
        build.warn("links", f"{len(snapped)} line end(s) had no end-site property and were "
                   f"matched to the nearest site (farthest {max(snapped):,.0f} m away)")


def _reversed(route: list[tuple[float, float]], a: Site, b: Site) -> bool:
    """True when the line runs from ``b`` to ``a``: its start is nearer ``b``."""
    if math.isnan(a.lon + b.lon):
        return False
    (x0, y0), (x1, y1) = route[0], route[-1]
    forward = distance_m(x0, y0, a.lon, a.lat) + distance_m(x1, y1, b.lon, b.lat)
    backward = distance_m(x0, y0, b.lon, b.lat) + distance_m(x1, y1, a.lon, a.lat)
    return backward < forward
