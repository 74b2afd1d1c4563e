"""Turning a parsed GeoJSON network document into a :class:`Network`, or findings.

Every problem becomes a :class:`Finding` naming its place (``feature 12 (id
'L7')``, ``stamnett.core``); checking goes on after a problem so that a planner
sees them all at once. Features count from 1, in file order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final

from stamnett_gui.domain import Link, Network, RiskGroup, RiskKind, Site, SiteKind
from stamnett_gui.domain.network import CoordPrecision
from stamnett_gui.io.errors import Finding
from stamnett_gui.io.geojson.values import (
    ENDPOINT_TOLERANCE_M,
    distance_m,
    extra_problem,
    json_kind,
    names_problem,
    position,
    show_distance,
    text_problem,
)

#: The value of ``stamnett.format``.
FORMAT: Final = "stamnett-network"
#: The newest format version this reader understands.
VERSION: Final = 1
#: Members with a meaning of their own; any others are kept verbatim.
NETWORK_MEMBERS: Final = (
    "format", "version", "name", "description", "modelled", "target", "core", "risk_groups",
)
SITE_MEMBERS: Final = (
    "feature", "name", "kind", "health_trust", "region", "municipality", "risk_groups",
    "coord_precision",
)
LINK_MEMBERS: Final = (
    "feature", "a", "b", "name", "operator", "medium", "risk_groups", "in_service",
)
#: The years a link's ``in_service`` may name.
IN_SERVICE_RANGE: Final = (1850, 2100)
TARGET_RANGE: Final = (1, 10)

_SITE_KIND_VALUES: Final = tuple(k.value for k in SiteKind)
_RISK_KIND_VALUES: Final = tuple(k.value for k in RiskKind)
_SITE_KINDS = ", ".join(_SITE_KIND_VALUES)
_PRECISION_VALUES: Final = tuple(p.value for p in CoordPrecision)
_RISK_KINDS = ", ".join(_RISK_KIND_VALUES)


@dataclass
class _Reading:
    """What has been read so far, and every problem found."""

    findings: list[Finding] = field(default_factory=list)
    sites: dict[str, Site] = field(default_factory=dict)
    site_feature: dict[str, int] = field(default_factory=dict)
    link_feature: dict[str, int] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)

    def add(self, where: str, message: str | None) -> None:
        if message:
            self.findings.append(Finding(where, message))


def read_document(document: Any, default_name: str) -> tuple[Network | None, list[Finding]]:
    """The network a parsed JSON document describes, and every problem found.

    Parameters
    ----------
    document
        The result of ``json.loads`` on a network file.
    default_name
        The network's name when the file gives none (the file's stem).

    Returns
    -------
    tuple
        ``(network, [])`` when the document is a valid network, else
        ``(None, findings)``.

    """
    reading = _Reading()
    meta = _header(document, reading)
    if meta is None:
        return None, reading.findings
    features = document.get("features")
    if not isinstance(features, list):
        reading.add("", f'"features" must be a list of GeoJSON features, not {json_kind(features)}')
        return None, reading.findings
    pending_links: list[tuple[str, dict[str, Any], Any, Any]] = []
    for index, feature in enumerate(features, start=1):
        where, feature_id, usable = _feature_head(index, feature, reading)
        if not usable:
            # Still a site to the links that name it, so one fault is reported once.
            if feature_id is not None and _looks_like_site(feature):
                reading.site_feature.setdefault(feature_id, index)
            continue
        assert isinstance(feature, dict) and feature_id is not None
        properties = feature["properties"]
        if properties["feature"] == "site":
            _site(where, index, feature_id, properties, feature["geometry"], reading)
        else:
            pending_links.append((where, properties, feature["geometry"], (index, feature_id)))
    for where, properties, geometry, (index, feature_id) in pending_links:
        _link(where, index, feature_id, properties, geometry, reading)
    network = _network(meta, default_name, reading)
    return (None if reading.findings else network), reading.findings


def _header(document: Any, reading: _Reading) -> dict[str, Any] | None:
    """The ``stamnett`` member when the document is a stamnett network of a known version."""
    if not isinstance(document, dict):
        reading.add("", f"not a GeoJSON object: the file holds {json_kind(document)}")
        return None
    if document.get("type") != "FeatureCollection":
        found = document.get("type")
        shown = f'"{found}"' if isinstance(found, str) else json_kind(found)
        reading.add("", f'not a GeoJSON FeatureCollection (its "type" is {shown})')
        return None
    meta = document.get("stamnett")
    if not isinstance(meta, dict):
        reading.add(
            "",
            'no "stamnett" member: this is GeoJSON but not a stamnett network file'
            if meta is None
            else f'"stamnett" must be an object, not {json_kind(meta)}',
        )
        return None
    fmt, version = meta.get("format"), meta.get("version")
    if fmt != FORMAT:
        shown = f'"{fmt}"' if isinstance(fmt, str) else json_kind(fmt)
        reading.add("stamnett.format", f'unknown format {shown} (expected "{FORMAT}")')
        return None
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        reading.add("stamnett.version", f'"version" must be a whole number from 1, not {version!r}')
        return None
    if version > VERSION:
        reading.add(
            "stamnett.version",
            f"the file is format version {version}, newer than this app reads ({VERSION}): "
            "update stamnett-gui",
        )
        return None
    return meta


def _declared(feature: Any) -> Any:
    """What a feature says it is (``"site"``, ``"link"``), or ``None``."""
    properties = feature.get("properties") if isinstance(feature, dict) else None
    return properties.get("feature") if isinstance(properties, dict) else None


def _looks_like_site(feature: Any) -> bool:
    """A broken feature that says it is a site, or says nothing and has a Point."""
    geometry = feature.get("geometry")
    point = isinstance(geometry, dict) and geometry.get("type") == "Point"
    return _declared(feature) == "site" or (_declared(feature) is None and point)


def _feature_head(index: int, feature: Any, reading: _Reading) -> tuple[str, str | None, bool]:
    """``(where, id or None, fit to read further)`` for one feature."""
    where = f"feature {index}"
    if not isinstance(feature, dict):
        reading.add(where, f"must be a GeoJSON Feature object, not {json_kind(feature)}")
        return where, None, False
    raw_id = feature.get("id")
    usable_id = None
    if isinstance(raw_id, str | int) and not isinstance(raw_id, bool):
        where = f"feature {index} (id {raw_id!r})"
        usable_id = str(raw_id) if raw_id != "" else None
    problems = []
    if feature.get("type") != "Feature":
        problems.append('its "type" must be "Feature"')
    if raw_id is None:
        problems.append('it has no "id"')
    elif isinstance(raw_id, bool) or not isinstance(raw_id, str | int):
        problems.append(f'"id" must be text or a whole number, not {json_kind(raw_id)}')
    elif isinstance(raw_id, str):
        problems.append(text_problem(raw_id, "id", empty_ok=False) or "")
    if _declared(feature) not in ("site", "link"):
        problems.append('"properties" must say "feature": "site" or "feature": "link"')
    if "geometry" not in feature:
        problems.append('it has no "geometry"')
    problems = [p for p in problems if p]
    for problem in problems:
        reading.add(where, problem)
    return where, usable_id, not problems


def _common(where: str, properties: dict[str, Any], text_members: tuple[str, ...],
            known: tuple[str, ...], reading: _Reading) -> tuple[dict[str, str], frozenset[str],
                                                                dict[str, Any]]:
    """Text members, risk groups and extras of a site's or link's properties."""
    texts: dict[str, str] = {}
    for name in text_members:
        if name in properties:
            problem = text_problem(properties[name], name)
            reading.add(where, problem)
            if problem is None:
                texts[name] = properties[name]
    groups: frozenset[str] = frozenset()
    if "risk_groups" in properties:
        problem = names_problem(properties["risk_groups"], "risk_groups")
        reading.add(where, problem)
        if problem is None:
            groups = frozenset(properties["risk_groups"])
    extras = {k: v for k, v in properties.items() if k not in known}
    for key, value in extras.items():
        reading.add(where, extra_problem(value, key) or extra_problem(key, "property name"))
    return texts, groups, extras


def _site(where: str, index: int, site_id: str, properties: dict[str, Any], geometry: Any,
          reading: _Reading) -> None:
    texts, groups, extras = _common(
        where, properties, ("name", "health_trust", "region", "municipality"), SITE_MEMBERS, reading
    )
    kind_value = properties.get("kind", SiteKind.HOSPITAL.value)
    kind = SiteKind(kind_value) if kind_value in _SITE_KIND_VALUES else None
    if kind is None:
        shown = f'"{kind_value}"' if isinstance(kind_value, str) else json_kind(kind_value)
        reading.add(where, f'"kind" must be one of {_SITE_KINDS}, not {shown}')
    precision = _coord_precision(where, properties.get("coord_precision"), reading)
    point: tuple[float, float] | str
    if geometry is None:
        point = "a site needs a Point geometry; it has none (null)"
    elif not isinstance(geometry, dict) or geometry.get("type") != "Point":
        point = f"a site's geometry must be a Point, not {_geometry_kind(geometry)}"
    else:
        point = position(geometry.get("coordinates"))
    reading.add(where, point if isinstance(point, str) else None)
    if site_id in reading.site_feature:
        reading.add(
            where, f"duplicate site id {site_id!r} (also feature {reading.site_feature[site_id]})"
        )
        return
    reading.site_feature[site_id] = index
    if kind is None or isinstance(point, str):
        return
    reading.sites[site_id] = Site(
        id=site_id,
        name=texts.get("name", site_id),
        lon=point[0],
        lat=point[1],
        kind=kind,
        health_trust=texts.get("health_trust", ""),
        region=texts.get("region", ""),
        municipality=texts.get("municipality", ""),
        risk_groups=groups,
        properties=MappingProxyType(extras),
        coord_precision=precision,
    )


def _coord_precision(where: str, value: Any, reading: _Reading) -> CoordPrecision | None:
    """A site's ``coord_precision`` (absent or null: unknown)."""
    if value is None or value in _PRECISION_VALUES:
        return None if value is None else CoordPrecision(value)
    shown = f'"{value}"' if isinstance(value, str) else json_kind(value)
    reading.add(where, f'"coord_precision" must be one of {", ".join(_PRECISION_VALUES)}, '
                       f"not {shown}")
    return None


def _in_service(where: str, value: Any, reading: _Reading) -> int | None:
    """A link's ``in_service`` year (absent or null: unknown)."""
    low, high = IN_SERVICE_RANGE
    if value is None or (type(value) is int and low <= value <= high):
        return value
    shown = str(value) if type(value) is int else json_kind(value)
    reading.add(where, f'"in_service" must be a year from {low} to {high}, not {shown}')
    return None


def _link(where: str, index: int, link_id: str, properties: dict[str, Any], geometry: Any,
          reading: _Reading) -> None:
    texts, groups, extras = _common(
        where, properties, ("name", "operator", "medium"), LINK_MEMBERS, reading
    )
    ends: list[str] = []
    for end in ("a", "b"):
        value = properties.get(end)
        if not isinstance(value, str) or not value:
            reading.add(where, f'"{end}" must be the id of an end site (text), not {json_kind(value)}')
        elif value not in reading.site_feature:
            reading.add(where, f"end {end} {value!r} is not a site in this file")
        else:
            ends.append(value)
    if len(ends) == 2 and ends[0] == ends[1]:
        reading.add(where, f"both ends are site {ends[0]!r}: a link must join two different sites")
    in_service = _in_service(where, properties.get("in_service"), reading)
    route = _route(where, geometry, reading)
    if route and len(ends) == 2 and all(e in reading.sites for e in ends):
        _check_route_ends(where, route, reading.sites[ends[0]], reading.sites[ends[1]], reading)
    if link_id in reading.link_feature:
        reading.add(
            where, f"duplicate link id {link_id!r} (also feature {reading.link_feature[link_id]})"
        )
        return
    reading.link_feature[link_id] = index
    if len(ends) == 2 and route is not None:
        reading.links.append(Link(
            id=link_id,
            a=ends[0],
            b=ends[1],
            route=route,
            medium=texts.get("medium", "fibre"),
            risk_groups=groups,
            name=texts.get("name", ""),
            operator=texts.get("operator", ""),
            properties=MappingProxyType(extras),
            in_service=in_service,
        ))


def _route(where: str, geometry: Any, reading: _Reading) -> tuple[tuple[float, float], ...] | None:
    """The route points; ``()`` for ``null`` (route unknown); ``None`` after a problem."""
    if geometry is None:
        return ()
    if not isinstance(geometry, dict) or geometry.get("type") != "LineString":
        reading.add(where, f"a link's geometry must be a LineString, not {_geometry_kind(geometry)}")
        return None
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list) or len(coordinates) < 2:
        reading.add(where, "a LineString needs a list of at least two positions")
        return None
    points: list[tuple[float, float]] = []
    bad: list[str] = []
    for number, raw in enumerate(coordinates, start=1):
        point = position(raw)
        if isinstance(point, str):
            bad.append(f"route point {number}: {point}")
        else:
            points.append(point)
    if bad:
        more = f" (and {len(bad) - 1} more bad route points)" if len(bad) > 1 else ""
        reading.add(where, bad[0] + more)
        return None
    return tuple(points)


def _check_route_ends(where: str, route: tuple[tuple[float, float], ...], a: Site, b: Site,
                      reading: _Reading) -> None:
    tolerance = ENDPOINT_TOLERANCE_M
    start_a, end_b = distance_m(route[0], a.position), distance_m(route[-1], b.position)
    if start_a <= tolerance and end_b <= tolerance:
        return
    if distance_m(route[0], b.position) <= tolerance and distance_m(route[-1], a.position) <= tolerance:
        reading.add(
            where,
            f"the route runs from {b.id!r} to {a.id!r}: reversed? "
            "(a route must start at site a and end at site b)",
        )
        return
    if start_a > tolerance:
        reading.add(where, f"the route starts {show_distance(start_a)} from its site a {a.id!r} "
                           f"(at most {tolerance:.0f} m allowed)")
    if end_b > tolerance:
        reading.add(where, f"the route ends {show_distance(end_b)} from its site b {b.id!r} "
                           f"(at most {tolerance:.0f} m allowed)")


def _geometry_kind(geometry: Any) -> str:
    if isinstance(geometry, dict):
        kind = geometry.get("type")
        return f"{kind}" if isinstance(kind, str) and kind else "a geometry without a type"
    return json_kind(geometry)


def _network(meta: dict[str, Any], default_name: str, reading: _Reading) -> Network | None:
    """The network from the ``stamnett`` member and the features read."""
    texts: dict[str, str] = {}
    for name in ("name", "description"):
        if name in meta:
            problem = text_problem(meta[name], name)
            reading.add("stamnett.name" if name == "name" else "stamnett.description", problem)
            if problem is None:
                texts[name] = meta[name]
    modelled = meta.get("modelled", False)
    if not isinstance(modelled, bool):
        reading.add("stamnett.modelled", f'"modelled" must be true or false, not {json_kind(modelled)}')
    target = meta.get("target", 3)
    low, high = TARGET_RANGE
    if isinstance(target, bool) or not isinstance(target, int) or not low <= target <= high:
        shown = target if isinstance(target, int | float) and not isinstance(target, bool) else (
            json_kind(target))
        reading.add("stamnett.target", f'"target" must be a whole number from {low} to {high}, '
                                       f"not {shown}")
    core = meta.get("core", [])
    problem = names_problem(core, "core")
    reading.add("stamnett.core", problem)
    if problem is None:
        for site_id in core:
            if site_id not in reading.site_feature:
                reading.add("stamnett.core", f"core site {site_id!r} is not a site in this file")
    groups = _risk_groups(meta.get("risk_groups", []), reading)
    extras = {k: v for k, v in meta.items() if k not in NETWORK_MEMBERS}
    for key, value in extras.items():
        reading.add("stamnett", extra_problem(value, key) or extra_problem(key, "member name"))
    if reading.findings:
        return None
    return Network(
        name=texts.get("name", default_name),
        sites=tuple(reading.sites.values()),
        links=tuple(reading.links),
        core=frozenset(core),
        target=target,
        modelled=modelled,
        description=texts.get("description", ""),
        risk_groups=groups,
        metadata=MappingProxyType(extras),
    )


def _risk_groups(value: Any, reading: _Reading) -> tuple[RiskGroup, ...]:
    if not isinstance(value, list):
        reading.add("stamnett.risk_groups",
                    f'"risk_groups" must be a list of objects, not {json_kind(value)}')
        return ()
    groups: list[RiskGroup] = []
    seen: set[str] = set()
    for index, item in enumerate(value, start=1):
        where = f"stamnett.risk_groups item {index}"
        if not isinstance(item, dict):
            reading.add(where, f"a risk group must be an object, not {json_kind(item)}")
            continue
        unknown = sorted(str(k) for k in item if k not in ("name", "kind", "description"))
        if unknown:
            reading.add(where, f"unknown member(s) {', '.join(map(repr, unknown))}: a risk group "
                               "has name, kind and description")
        name, kind, description = item.get("name"), item.get("kind", "other"), item.get(
            "description", "")
        problems = [text_problem(name, "name", empty_ok=False),
                    text_problem(description, "description")]
        if kind not in _RISK_KIND_VALUES:
            shown = f'"{kind}"' if isinstance(kind, str) else json_kind(kind)
            problems.append(f'"kind" must be one of {_RISK_KINDS}, not {shown}')
        elif isinstance(name, str) and name in seen:
            problems.append(f"duplicate risk group {name!r}")
        for problem in problems:
            reading.add(where, problem)
        if not any(problems) and not unknown and isinstance(name, str):
            seen.add(name)
            groups.append(RiskGroup(name=name, kind=RiskKind(kind), description=description))
    return tuple(groups)
