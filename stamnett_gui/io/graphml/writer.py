"""Writing a network as GraphML that :mod:`stamnett_gui.io.graphml.reader` reads back unchanged.

Every site and link field is an attribute with a declared type (``lat``/``lon``
as doubles, risk groups as ``a; b``, routes as WKT); network fields are graph
attributes, risk-group definitions a JSON list. Properties and network metadata
from the source file (a Topology Zoo file's labels, say) go out as further
attributes. networkx, Gephi and yEd read the result.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from stamnett_gui.domain import Network
from stamnett_gui.io.atomic_files import write_atomically
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.io.fields import (
    LINK_FIELDS,
    SITE_FIELDS,
    format_risk_groups,
    format_route_wkt,
    link_columns,
    normalise_name,
    site_columns,
)
from stamnett_gui.io.graphml.scan import GRAPHML_NS

_GRAPH_KEYS = (("name", "string"), ("description", "string"), ("target", "int"),
               ("modelled", "boolean"), ("risk_groups", "string"))
_SITE_KEYS = (("name", "string"), ("lat", "double"), ("lon", "double"), ("kind", "string"),
              ("health_trust", "string"), ("region", "string"), ("municipality", "string"),
              ("risk_groups", "string"), ("core", "boolean"))
_LINK_KEYS = (("name", "string"), ("medium", "string"), ("operator", "string"),
              ("risk_groups", "string"), ("route", "string"))
#: Site fields written for every node under their first name (lat and lon are left out when unknown).
_SITE_ALWAYS = tuple(name for name, _ in _SITE_KEYS if name not in ("lat", "lon"))
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TYPES = {str: "string", bool: "boolean", int: "long", float: "double"}


class _Unwritable(ValueError):
    pass


def _escape(text: str, *, attribute: bool = False) -> str:
    if _NOT_XML.search(text):
        raise _Unwritable(f"{text[:40]!r} holds a control character that XML cannot carry")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    if attribute:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
    return text


def _value_text(value: Any, type_name: str) -> str:
    if type_name == "boolean":
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _extra_keys(
    items: Iterable[Mapping[str, Any]], fields: Mapping[str, tuple[str, ...]],
    always: Iterable[str] = (),
) -> dict[str, str]:
    """Property names to declare, with a GraphML type each (``string`` when mixed or complex).

    A property named like a field would be read back as that field, so it is left
    out, unless the field is in ``always``: written for every element under its
    first name, which the reader prefers. A Topology Zoo node's ``label`` (a name
    alias) therefore survives beside the site's ``name``.
    """
    written = set(always)
    reserved = {_match_key(alias) for field, aliases in fields.items()
                for alias in (aliases[:1] if field in written else aliases)}
    found: dict[str, str] = {}
    for properties in items:
        for name, value in properties.items():
            if _match_key(name) in reserved or not name:
                continue
            kind = _TYPES.get(type(value), "json")
            if name in found and found[name] != kind:
                kind = "json"
            found[name] = kind
    return found


def _match_key(name: str) -> str:
    """A name as :func:`~stamnett_gui.io.fields.match_fields` compares it."""
    return normalise_name(name).replace("_", "")


def _property_text(value: Any, kind: str) -> str:
    if kind == "json":
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return _value_text(value, kind)


def network_to_graphml(network: Network) -> str:
    """The network as GraphML text.

    Raises
    ------
    ValueError
        When a text holds a control character that XML 1.0 cannot carry.

    """
    site_extra = _extra_keys((site_columns(s) for s in network.sites), SITE_FIELDS, _SITE_ALWAYS)
    link_extra = _extra_keys((link_columns(lk) for lk in network.links), LINK_FIELDS,
                             (name for name, _ in _LINK_KEYS))
    graph_extra = _extra_keys([network.metadata], {name: (name,) for name, _ in _GRAPH_KEYS})
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<graphml xmlns="{GRAPHML_NS}">']
    declared: list[tuple[str, str, str, str]] = []  # (key id, for, name, type)
    for domain, prefix, keys in (("graph", "g", _GRAPH_KEYS), ("node", "n", _SITE_KEYS),
                                 ("edge", "e", _LINK_KEYS)):
        declared += [(f"{prefix}_{name}", domain, name, type_) for name, type_ in keys]
    for domain, prefix, extra in (("graph", "gp", graph_extra), ("node", "np", site_extra),
                                  ("edge", "ep", link_extra)):
        declared += [(f"{prefix}{i}", domain, name, "string" if kind == "json" else kind)
                     for i, (name, kind) in enumerate(sorted(extra.items()))]
    for key_id, domain, name, type_ in declared:
        out.append(f'  <key id="{key_id}" for="{domain}" attr.name="{_escape(name, attribute=True)}"'
                   f' attr.type="{type_}"/>')
    ids = {(domain, name): key_id for key_id, domain, name, _ in declared}

    def data(domain: str, name: str, value: Any, type_name: str, indent: str) -> None:
        text = _value_text(value, type_name) if type_name != "json" else _property_text(value, "json")
        out.append(f'{indent}<data key="{ids[domain, name]}">{_escape(text)}</data>')

    out.append(f'  <graph id="{_escape(network.name or "network", attribute=True)}" '
               'edgedefault="undirected">')
    data("graph", "name", network.name, "string", "    ")
    data("graph", "description", network.description, "string", "    ")
    data("graph", "target", network.target, "int", "    ")
    data("graph", "modelled", network.modelled, "boolean", "    ")
    definitions = [{"name": g.name, "kind": g.kind.value, "description": g.description}
                   for g in network.risk_groups]
    data("graph", "risk_groups", json.dumps(definitions, ensure_ascii=False), "string", "    ")
    for name, value in network.metadata.items():
        if name in graph_extra:
            data("graph", name, value, graph_extra[name], "    ")
    for site in network.sites:
        out.append(f'    <node id="{_escape(site.id, attribute=True)}">')
        values: dict[str, Any] = {
            "name": site.name, "lat": site.lat, "lon": site.lon, "kind": site.kind.value,
            "health_trust": site.health_trust, "region": site.region,
            "municipality": site.municipality, "risk_groups": format_risk_groups(site.risk_groups),
            "core": site.id in network.core,
        }
        for name, type_ in _SITE_KEYS:
            if not (type_ == "double" and math.isnan(values[name])):
                data("node", name, values[name], type_, "      ")
        for name, value in site_columns(site).items():
            if name in site_extra:
                data("node", name, value, site_extra[name], "      ")
        out.append("    </node>")
    for link in network.links:
        out.append(f'    <edge id="{_escape(link.id, attribute=True)}" '
                   f'source="{_escape(link.a, attribute=True)}" '
                   f'target="{_escape(link.b, attribute=True)}">')
        link_values = {"name": link.name, "medium": link.medium, "operator": link.operator,
                       "risk_groups": format_risk_groups(link.risk_groups),
                       "route": format_route_wkt(link.route)}
        for name, type_ in _LINK_KEYS:
            data("edge", name, link_values[name], type_, "      ")
        for name, value in link_columns(link).items():
            if name in link_extra:
                data("edge", name, value, link_extra[name], "      ")
        out.append("    </edge>")
    out += ["  </graph>", "</graphml>", ""]
    return "\n".join(out)


def write_graphml(network: Network, path: str | Path) -> None:
    """Write the network to a GraphML file (atomically: complete or untouched).

    Raises
    ------
    NetworkFileError
        When a text cannot be written as XML or the file cannot be written.

    """
    try:
        text = network_to_graphml(network)
    except _Unwritable as error:
        raise NetworkFileError(path, f"cannot write GraphML: {error}") from None
    write_atomically(path, text.encode("utf-8"))
