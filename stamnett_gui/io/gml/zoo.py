"""Internet Topology Zoo GML files, as the Zoo's files really are.

What the reader does with the Zoo's quirks (each change is a finding):

- parallel edges, with or without ``multigraph 1``: each edge is its own link;
- duplicate ``label`` values: site ids come from the node ``id``, names from
  ``label``, and a repeated label gets the node id added to its name;
- nodes without ``Latitude``/``Longitude`` (or with impossible ones, or 0, 0):
  placed at the mean of their neighbours that have coordinates, repeatedly,
  so chains of such nodes are placed too;
- ``hyperedge 1`` nodes (a shared medium): kept as junction sites, and the
  links to one become a risk group, since one fault of the medium takes all down;
- a ``Country`` that the coordinates plainly contradict (a Norwegian node on
  Jan Mayen): flagged, not moved;
- several components: read as they are (the validation report names them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from stamnett_gui.domain import DEFAULT_TARGET, Link, RiskGroup, RiskKind, Site, SiteKind
from stamnett_gui.io.assembly import ImportResult, NetworkAssembly
from stamnett_gui.io.coordinates import UNKNOWN, lonlat_problem
from stamnett_gui.io.encodings import decode_text
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.io.fields import parse_bool, parse_number
from stamnett_gui.io.gml.syntax import GmlRecord, count_elements, parse_gml
from stamnett_gui.io.limits import ImportLimits, read_bytes_limited

#: ``(lon_min, lat_min, lon_max, lat_max)`` boxes of the countries a Norwegian
#: planner's files are full of; a node whose ``Country`` is one of these but whose
#: coordinates lie outside every box of it (by more than half a degree) is flagged.
COUNTRY_BOXES: Mapping[str, tuple[tuple[float, float, float, float], ...]] = {
    "norway": ((4.0, 57.8, 31.3, 71.3), (10.0, 74.0, 35.0, 81.0)),  # mainland, Svalbard
    "sweden": ((10.9, 55.2, 24.2, 69.1),),
    "denmark": ((8.0, 54.5, 15.2, 57.8),),
    "finland": ((20.5, 59.7, 31.6, 70.1),),
    "iceland": ((-24.6, 63.2, -13.4, 66.6),),
}
_JAN_MAYEN = (-9.2, 70.7, -7.8, 71.2)
_MARGIN = 0.5
_LAT_KEYS = ("Latitude", "latitude", "lat", "Lat")
_LON_KEYS = ("Longitude", "longitude", "lon", "Lon", "lng")


@dataclass
class _Node:
    id: str
    label: str
    line: int
    attrs: dict[str, Any]
    position: tuple[float, float] | None = None
    hyperedge: bool = False
    neighbours: list[str] = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"node {self.id} {self.label!r} (line {self.line})"


def read_zoo_gml(path: str | Path, *, limits: ImportLimits | None = None) -> ImportResult:
    """Read a Topology Zoo (or any) GML graph file; see :func:`parse_zoo_gml`."""
    limits = limits or ImportLimits()
    text, _ = decode_text(read_bytes_limited(path, limits))
    return parse_zoo_gml(text, source=str(path), limits=limits)


def parse_zoo_gml(
    text: str, source: str | Path = "<gml>", *, limits: ImportLimits | None = None
) -> ImportResult:
    """Read GML text into a network, taking the Zoo's quirks as the module docs say.

    Raises
    ------
    NetworkFileError
        When the text is not GML or has no ``graph [ ... ]`` with nodes.

    """
    limits = limits or ImportLimits()
    limits.check_size(source, len(text))
    limits.check_count(source, count_elements(text))
    graph = _graph_records(parse_gml(text, source, limits), source)
    build = NetworkAssembly(source, limits)
    scalars = {r.key: r.value for r in graph if not isinstance(r.value, list)}
    nodes = _read_nodes(graph, build)
    if not nodes:
        raise NetworkFileError(source, "the graph has no nodes")
    edges = [r for r in graph if r.key == "edge" and isinstance(r.value, list)]
    limits.check_count(source, len(nodes) + len(edges))
    links = _read_edges(edges, nodes, build, directed=parse_bool(scalars.get("directed")) is True)
    if scalars.get("multigraph") != 1 and _has_parallel(links):
        build.warn(
            "graph",
            "the file has parallel edges but no 'multigraph 1'; each edge is read as its own link",
        )
    _place_unlocated(nodes, build)
    groups = _hyperedge_groups(nodes, links, build)
    names = _unique_labels(nodes, build)
    for node in nodes.values():
        lon, lat = node.position or (UNKNOWN, UNKNOWN)
        kind = SiteKind.JUNCTION
        props = {k: v for k, v in node.attrs.items() if k not in ("id", *_LAT_KEYS, *_LON_KEYS)}
        build.add_site(Site(node.id, names[node.id], lon, lat, kind, properties=props), node.where)
    for link, where in links:
        build.add_link(link, where)
    name = str(scalars.get("label") or scalars.get("Network") or Path(str(source)).stem)
    return build.finish(
        name, target=DEFAULT_TARGET, risk_groups=groups, metadata=scalars, format="gml",
        match_names=False,
    )


def _graph_records(records: list[GmlRecord], source: str | Path) -> list[GmlRecord]:
    for record in records:
        if record.key == "graph" and isinstance(record.value, list):
            return record.value
    raise NetworkFileError(
        source, "no 'graph [ ... ]' block: this is not a GML graph file (Topology Zoo style)"
    )


def _read_nodes(graph: list[GmlRecord], build: NetworkAssembly) -> dict[str, _Node]:
    nodes: dict[str, _Node] = {}
    for record in graph:
        if record.key != "node" or not isinstance(record.value, list):
            continue
        attrs = _scalars(record)
        if "id" not in attrs:
            build.error(f"node at line {record.line}", "has no 'id'; the node was left out")
            continue
        node_id = _id_text(attrs["id"])
        node = _Node(node_id, str(attrs.get("label", node_id)), record.line, attrs)
        node.hyperedge = parse_bool(attrs.get("hyperedge")) is True
        node.position = _position(node, build)
        if node_id in nodes:
            build.warn(
                node.where,
                f"node id {node_id} is already used by {nodes[node_id].where}; this node was "
                "left out and edges naming the id end at the first one",
            )
            continue
        nodes[node_id] = node
    return nodes


def _scalars(record: GmlRecord) -> dict[str, Any]:
    """The scalar attributes of a ``node [...]`` or ``edge [...]`` (the first of repeated keys)."""
    attrs: dict[str, Any] = {}
    assert isinstance(record.value, list)
    for item in record.value:
        if not isinstance(item.value, list):
            attrs.setdefault(item.key, item.value)
    return attrs


def _id_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _position(node: _Node, build: NetworkAssembly) -> tuple[float, float] | None:
    lat_raw = next((node.attrs[k] for k in _LAT_KEYS if k in node.attrs), None)
    lon_raw = next((node.attrs[k] for k in _LON_KEYS if k in node.attrs), None)
    if lat_raw is None and lon_raw is None:
        return None
    try:
        lat, lon = parse_number(lat_raw), parse_number(lon_raw)
    except ValueError as error:
        build.warn(node.where, f"has unreadable coordinates ({error}); treated as missing")
        return None
    if lat is None or lon is None:
        build.warn(node.where, "has only one of Latitude and Longitude; treated as missing")
        return None
    problem = lonlat_problem(lon, lat)
    if problem:
        build.warn(node.where, f"{problem}; the coordinates are treated as missing")
        return None
    if lat == 0 and lon == 0:
        build.warn(node.where, "sits at latitude 0, longitude 0 (a placeholder); treated as missing")
        return None
    _check_country(node, lon, lat, build)
    return (lon, lat)


def _inside(box: tuple[float, float, float, float], lon: float, lat: float, margin: float) -> bool:
    return box[0] - margin <= lon <= box[2] + margin and box[1] - margin <= lat <= box[3] + margin


def _check_country(node: _Node, lon: float, lat: float, build: NetworkAssembly) -> None:
    country = str(node.attrs.get("Country", "")).strip()
    boxes = COUNTRY_BOXES.get(country.casefold())
    if not boxes or any(_inside(box, lon, lat, _MARGIN) for box in boxes):
        return
    on = " (on Jan Mayen)" if _inside(_JAN_MAYEN, lon, lat, 0.2) else ""
    build.warn(
        node.where,
        f"Country says {country}, but the coordinates (lat {lat}, lon {lon}) lie outside "
        f"{country}{on}; check them (the site was left where the file puts it)",
    )


def _read_edges(
    edges: list[GmlRecord], nodes: dict[str, _Node], build: NetworkAssembly, *, directed: bool
) -> list[tuple[Link, str]]:
    if directed:
        build.warn(
            "graph",
            "the file says 'directed 1'; links are read as undirected, so an edge in each "
            "direction between the same two sites counts as two links",
        )
    records = [(record, _scalars(record)) for record in edges]
    taken = {_id_text(attrs["id"]) for _, attrs in records if "id" in attrs}
    links: list[tuple[Link, str]] = []
    pairs: Counter[tuple[str, str]] = Counter()
    for record, attrs in records:
        where = f"edge at line {record.line}"
        if "source" not in attrs or "target" not in attrs:
            build.error(where, "has no 'source' or no 'target'; the edge was left out")
            continue
        a, b = _id_text(attrs["source"]), _id_text(attrs["target"])
        if "id" in attrs:
            link_id = _id_text(attrs["id"])
        else:
            pairs[a, b] += 1
            link_id = f"{a}-{b}" if pairs[a, b] == 1 else f"{a}-{b}-{pairs[a, b]}"
            while link_id in taken:
                link_id += "'"
            taken.add(link_id)
        label = attrs.get("LinkLabel", attrs.get("label", ""))
        props = {k: v for k, v in attrs.items() if k not in ("id", "source", "target")}
        links.append((Link(link_id, a, b, name=str(label), properties=props), where))
        if a in nodes and b in nodes and a != b:
            nodes[a].neighbours.append(b)
            nodes[b].neighbours.append(a)
    return links


def _has_parallel(links: list[tuple[Link, str]]) -> bool:
    pairs = Counter(frozenset(link.ends) for link, _ in links)
    return any(count > 1 for count in pairs.values())


def _place_unlocated(nodes: dict[str, _Node], build: NetworkAssembly) -> None:
    """Place nodes without coordinates at the mean of placed neighbours, round by round."""
    missing = [n for n in nodes.values() if n.position is None]
    while missing:
        placed: list[tuple[_Node, tuple[float, float], list[_Node]]] = []
        for node in missing:
            located = [nodes[n] for n in dict.fromkeys(node.neighbours) if nodes[n].position]
            if located:
                lon = sum(n.position[0] for n in located if n.position) / len(located)
                lat = sum(n.position[1] for n in located if n.position) / len(located)
                placed.append((node, (lon, lat), located))
        if not placed:
            return
        for node, position, located in placed:
            node.position = position
            names = ", ".join(f"{n.label!r} (node {n.id})" for n in located[:5])
            more = f" and {len(located) - 5} more" if len(located) > 5 else ""
            build.warn(
                node.where,
                f"has no coordinates; placed at the mean of its neighbour(s) {names}{more} "
                f"(lat {position[1]:.5f}, lon {position[0]:.5f})",
            )
        done = {id(node) for node, _, _ in placed}
        missing = [n for n in missing if id(n) not in done]


def _hyperedge_groups(
    nodes: dict[str, _Node], links: list[tuple[Link, str]], build: NetworkAssembly
) -> list[RiskGroup]:
    groups: list[RiskGroup] = []
    for node in nodes.values():
        if not node.hyperedge:
            continue
        name = f"shared medium {node.label}"
        touching = [i for i, (link, _) in enumerate(links) if node.id in link.ends]
        for i in touching:
            link, where = links[i]
            links[i] = (replace(link, risk_groups=link.risk_groups | {name}), where)
        groups.append(RiskGroup(name, RiskKind.OTHER, f"hyperedge node {node.id} in the file"))
        build.warn(
            node.where,
            f"is a hyperedge (a shared medium); kept as a junction site, and its "
            f"{len(touching)} link(s) form the risk group {name!r}",
        )
    return groups


def _unique_labels(nodes: dict[str, _Node], build: NetworkAssembly) -> dict[str, str]:
    first: dict[str, _Node] = {}
    names: dict[str, str] = {}
    for node in nodes.values():
        if node.label in first:
            names[node.id] = f"{node.label} ({node.id})"
            build.warn(
                node.where,
                f"label {node.label!r} is also the label of {first[node.label].where}; "
                f"this site is named {names[node.id]!r}",
            )
        else:
            first[node.label] = node
            names[node.id] = node.label
    return names
