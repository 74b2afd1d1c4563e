"""GraphML networks: nodes are sites, edges are links.

Attribute names are matched like CSV headings (:mod:`stamnett_gui.io.fields`):
``name``/``label``/``navn``, ``lat``/``latitude``/``breddegrad`` and
``lon``/``longitude``/``lengdegrad``, or ``x``/``y`` in the CRS given by the
``crs`` option. Without a CRS, ``x``/``y`` that fit longitude and latitude are
taken as such (as OSMnx writes them) and anything else is refused with a hint.
Parallel edges are separate links. A ``<hyperedge>`` becomes a junction site
linked to each of its ends, and those links a risk group (a shared medium).
Every attribute not used for a field is kept in the site's or link's properties.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path
from typing import Any

from stamnett_gui.domain import DEFAULT_TARGET, Link, RiskGroup, RiskKind, Site, SiteKind
from stamnett_gui.io.assembly import ImportResult, NetworkAssembly
from stamnett_gui.io.coordinates import UNKNOWN, crs_required, lonlat_problem, to_lonlat
from stamnett_gui.io.errors import Finding, FindingCode, NetworkFileError, Severity
from stamnett_gui.io.fields import (
    LINK_FIELDS,
    SITE_FIELDS,
    match_fields,
    parse_bool,
    parse_kind,
    parse_number,
    parse_risk_groups,
    parse_route,
)
from stamnett_gui.io.graphml.scan import GraphMLDocument, GraphMLElement, scan_graphml
from stamnett_gui.io.limits import ImportLimits, read_bytes_limited

_SITE_MATCH = {k: v for k, v in SITE_FIELDS.items() if k != "id"}
_LINK_MATCH = {k: v for k, v in LINK_FIELDS.items() if k not in ("id", "from", "to")}


def read_graphml(
    path: str | Path, *, crs: str | None = None, limits: ImportLimits | None = None
) -> ImportResult:
    """Read a GraphML file; see :func:`parse_graphml`."""
    limits = limits or ImportLimits()
    return parse_graphml(read_bytes_limited(path, limits), str(path), crs=crs, limits=limits)


def parse_graphml(
    data: bytes | str,
    source: str | Path = "<graphml>",
    *,
    crs: str | None = None,
    limits: ImportLimits | None = None,
) -> ImportResult:
    """Read GraphML into a network.

    Parameters
    ----------
    data
        The file's bytes (preferred: the XML declaration names the encoding) or text.
    source
        The file name, for messages.
    crs
        The coordinate reference system of ``x``/``y`` attributes, e.g. ``"EPSG:25833"``.
    limits
        Size limits.

    Raises
    ------
    NetworkFileError
        On broken or unsafe XML, no nodes, or ``x``/``y`` that need a CRS.

    """
    limits = limits or ImportLimits()
    limits.check_size(source, len(data))
    doc = scan_graphml(data, source, limits)
    if not doc.nodes:
        raise NetworkFileError(source, "the GraphML file has no nodes")
    build = NetworkAssembly(source, limits)
    build.findings.extend(doc.findings)
    graph = doc.graphs[0] if doc.graphs else None
    if graph is not None and graph.attrs.get("edgedefault") == "directed":
        build.warn("graph", "the graph is directed; its edges are read as undirected links")
    if len(doc.graphs) > 1:
        build.warn("graph", "the file has nested graphs; their nodes and edges are read as one network")
    _add_sites(doc, build, crs, source)
    _add_links(doc, build)
    values = graph.values if graph else {}
    name = str(values.get("name") or (graph.attrs.get("id") if graph else "") or Path(str(source)).stem)
    target = values.get("target", DEFAULT_TARGET)
    return build.finish(
        name,
        description=str(values.get("description", "")),
        target=target if isinstance(target, int) and not isinstance(target, bool) and target > 0
        else DEFAULT_TARGET,
        modelled=values.get("modelled") is True,
        risk_groups=_risk_group_definitions(values.get("risk_groups"), build),
        metadata={k: v for k, v in values.items()
                  if k not in ("name", "description", "target", "modelled", "risk_groups")},
        format="graphml",
        match_names=False,
    )


def _coordinates(
    doc: GraphMLDocument, names: dict[str, str], crs: str | None, source: str | Path,
    build: NetworkAssembly,
) -> tuple[list[tuple[float, float]], set[str]]:
    """Every node's ``(lon, lat)`` and the attribute names used for them."""

    def number(node: GraphMLElement, attr: str) -> float:
        try:
            value = parse_number(node.values.get(attr))
        except ValueError as error:
            build.warn(node.where, f"attribute {attr!r}: {error}; the coordinate is missing")
            return UNKNOWN
        return UNKNOWN if value is None else value

    if "lat" in names and "lon" in names:
        used = {names["lat"], names["lon"]}
        return [(number(n, names["lon"]), number(n, names["lat"])) for n in doc.nodes], used
    if "x" not in names or "y" not in names:
        return [(UNKNOWN, UNKNOWN)] * len(doc.nodes), set()
    used = {names["x"], names["y"]}
    xs = [number(n, names["x"]) for n in doc.nodes]
    ys = [number(n, names["y"]) for n in doc.nodes]
    if crs is not None:
        return to_lonlat(xs, ys, crs, source), used
    if all(lonlat_problem(x, y) is None for x, y in zip(xs, ys, strict=True) if not math.isnan(x + y)):
        build.findings.append(Finding(
            "nodes",
            f"'{names['x']}'/'{names['y']}' were taken as longitude/latitude (WGS84), as every "
            "value fits; if they are in another coordinate system, the sites are misplaced",
            Severity.WARNING, FindingCode.CRS_ASSUMED,
        ))
        return list(zip(xs, ys, strict=True)), used
    raise crs_required(source, f"the nodes' '{names['x']}'/'{names['y']}' coordinates",
                       (names["x"], names["y"]), _sample(doc, names, xs, ys))


def _sample(
    doc: GraphMLDocument, names: dict[str, str], xs: list[float], ys: list[float]
) -> tuple[str, float, float] | None:
    """The first node with two coordinates, as ``(name, x, y)``."""
    for node, x, y in zip(doc.nodes, xs, ys, strict=True):
        if not math.isnan(x + y):
            name = node.values.get(names["name"]) if "name" in names else None
            return str(name or node.yed_label or node.attrs.get("id") or "the first node"), x, y
    return None


def _add_sites(
    doc: GraphMLDocument, build: NetworkAssembly, crs: str | None, source: str | Path
) -> None:
    names = match_fields({k for n in doc.nodes for k in n.values}, _SITE_MATCH)
    positions, used = _coordinates(doc, names, crs, source, build)
    used |= {names[f] for f in ("name", "kind", "health_trust", "region", "municipality",
                                "risk_groups", "core") if f in names}
    unknown_kinds: Counter[str] = Counter()
    for node, (lon, lat) in zip(doc.nodes, positions, strict=True):
        node_id = node.attrs.get("id", "")
        if not node_id:
            build.error(f"node at line {node.line}", "has no id; the node was left out")
            continue
        problem = None if math.isnan(lon) or math.isnan(lat) else lonlat_problem(lon, lat)
        if problem:
            build.warn(node.where, f"{problem}; the site has no coordinates")
            lon = lat = UNKNOWN
        values = node.values

        def text(field: str, values: dict[str, Any] = values) -> str:
            value = values.get(names[field]) if field in names else None
            return "" if value is None else str(value)

        kind = parse_kind(text("kind")) if text("kind") else SiteKind.HOSPITAL
        if kind is None:
            unknown_kinds[text("kind")] += 1
        try:
            groups = parse_risk_groups(values.get(names.get("risk_groups", "")))
        except ValueError as error:
            build.warn(node.where, f"risk groups: {error}; ignored")
            groups = frozenset()
        site = Site(
            node_id, text("name") or node.yed_label or node_id, lon, lat,
            kind or SiteKind.HOSPITAL, text("health_trust"), text("region"),
            text("municipality"), groups,
            properties={k: v for k, v in values.items() if k not in used},
        )
        added = build.add_site(site, node.where)
        if added and parse_bool(values.get(names.get("core", ""))) is True:
            build.core.add(added)
    for word, count in unknown_kinds.items():
        build.warn(
            "nodes",
            f"{count} node(s) have kind {word!r}, which is not a site kind (hospital, hub, "
            "datacentre, junction); they were read as hospitals",
        )


def _add_links(doc: GraphMLDocument, build: NetworkAssembly) -> None:
    names = match_fields({k for e in doc.edges for k in e.values}, _LINK_MATCH)
    used = {names[f] for f in ("name", "medium", "operator", "risk_groups", "route") if f in names}
    pairs: Counter[tuple[str, str]] = Counter()
    for edge in doc.edges:
        a, b = edge.attrs.get("source"), edge.attrs.get("target")
        if not a or not b:
            build.error(edge.where, "has no source or no target; the edge was left out")
            continue
        pairs[a, b] += 1
        link_id = edge.attrs.get("id") or (f"{a}-{b}" if pairs[a, b] == 1 else f"{a}-{b}-{pairs[a, b]}")
        values = edge.values
        try:
            groups = parse_risk_groups(values.get(names.get("risk_groups", "")))
            route = parse_route(values.get(names.get("route", "")))
        except ValueError as error:
            build.warn(edge.where, f"{error}; ignored")
            groups, route = frozenset(), ()
        medium = str(values.get(names.get("medium", ""), "") or "fibre")
        build.add_link(
            Link(
                link_id, a, b, route, medium, groups,
                str(values.get(names.get("name", ""), "")),
                str(values.get(names.get("operator", ""), "")),
                properties={k: v for k, v in values.items() if k not in used},
            ),
            edge.where,
        )
    for number, hyperedge in enumerate(doc.hyperedges, start=1):
        _add_hyperedge(number, hyperedge, build)


def _add_hyperedge(number: int, hyperedge: GraphMLElement, build: NetworkAssembly) -> None:
    """A shared medium: a junction site at the mean of its ends, one link to each end."""
    ends = [e for e in dict.fromkeys(hyperedge.endpoints)]
    known = {s.id: s for s in build.sites()}
    located = [known[e] for e in ends if e in known and not math.isnan(known[e].lon)]
    lon = sum(s.lon for s in located) / len(located) if located else UNKNOWN
    lat = sum(s.lat for s in located) / len(located) if located else UNKNOWN
    hub_id = hyperedge.attrs.get("id") or f"hyperedge-{number}"
    group = f"shared medium {hub_id}"
    added = build.add_site(Site(hub_id, hub_id, lon, lat, SiteKind.JUNCTION), hyperedge.where)
    if added is None:
        return
    for end in ends:
        build.add_link(Link(f"{added}-{end}", added, end, risk_groups=frozenset({group})),
                       hyperedge.where)
    build.warn(
        hyperedge.where,
        f"is a hyperedge (a shared medium); read as junction site {added!r} linked to its "
        f"{len(ends)} end(s), and those links form the risk group {group!r}",
    )


def _risk_group_definitions(value: Any, build: NetworkAssembly) -> list[RiskGroup]:
    if value is None:
        return []
    try:
        items = json.loads(value) if isinstance(value, str) else None
        if not isinstance(items, list):
            raise ValueError
        groups = [RiskGroup(str(i["name"]), RiskKind(i.get("kind", "other")),
                            str(i.get("description", ""))) for i in items]
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        build.warn("graph", "the risk group definitions are not a JSON list of "
                   "{name, kind, description}; ignored")
        return []
    return groups
