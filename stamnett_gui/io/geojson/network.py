"""The project's own network file: GeoJSON with a ``"stamnett"`` metadata member.

A FeatureCollection (RFC 7946) whose features are sites (Points) and links
(LineStrings), and whose foreign member ``"stamnett"`` holds the network's
name, core, target and risk groups. ``docs/network-format.md`` describes every
field; ``docs/network-format.schema.json`` is its JSON Schema.

Reading reports every problem at once, each naming the feature, in one
:class:`~stamnett_gui.io.errors.NetworkFileError`; no input raises anything
else. A file that reads saves and reads back equal.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any, Final

from stamnett_gui.domain import Link, Network, Site
from stamnett_gui.io.atomic_files import write_atomically
from stamnett_gui.io.encodings import text_problem
from stamnett_gui.io.errors import Finding, NetworkFileError
from stamnett_gui.io.geojson.generic import json_error_message
from stamnett_gui.io.geojson.network_reader import (
    FORMAT,
    LINK_MEMBERS,
    NETWORK_MEMBERS,
    SITE_MEMBERS,
    VERSION,
    read_document,
)
from stamnett_gui.io.geojson.values import COORD_DECIMALS
from stamnett_gui.io.limits import read_regular_file

__all__ = [
    "FORMAT",
    "MAX_FILE_BYTES",
    "VERSION",
    "network_to_geojson",
    "parse_network",
    "read_network",
    "write_network",
]

#: Files larger than this (512 MB) are refused before reading: a wrong file, not a network.
#: The bundled network of 130 sites and 283 links is about 0.3 MB.
MAX_FILE_BYTES: Final = 512_000_000

# A coordinate pair that ``json.dumps(indent=...)`` spread over four lines. JSON
# strings cannot hold a raw newline, so this never matches inside text.
_NUMBER = r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"
_SPREAD_PAIR = re.compile(rf"\[\n\s*({_NUMBER}),\n\s*({_NUMBER})\n\s*\]")


def parse_network(text: str, source: str | Path) -> Network:
    """Read a network from the text of a GeoJSON network file.

    Parameters
    ----------
    text
        The whole file as text.
    source
        The file's name, used in error messages.

    Returns
    -------
    Network
        The network, with extra properties and metadata kept for saving.

    Raises
    ------
    NetworkFileError
        Naming every problem found (not JSON, truncated, not a stamnett
        network, bad features, unknown sites...). Nothing else is raised.

    Examples
    --------
    >>> parse_network("", "empty.geojson")
    Traceback (most recent call last):
    ...
    stamnett_gui.io.errors.NetworkFileError: empty.geojson: the file is empty

    """
    if len(text) > MAX_FILE_BYTES:
        raise NetworkFileError(source, _too_large(len(text)))
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise NetworkFileError(source, "the file is empty")
    document = _load_json(text, source)
    network, findings = read_document(document, default_name=Path(str(source)).stem)
    if findings or network is None:
        raise NetworkFileError(source, findings or [Finding("", "not a network")])
    return network


def read_network(path: str | Path) -> Network:
    """Read a network file (UTF-8 GeoJSON, with or without a byte-order mark).

    Raises
    ------
    NetworkFileError
        When the file cannot be read, is over :data:`MAX_FILE_BYTES`, is not
        UTF-8, or is not a valid network (see :func:`parse_network`).

    """
    path = Path(path)
    data = read_regular_file(path, MAX_FILE_BYTES, _check_size)
    problem = text_problem(data)
    if problem:
        raise NetworkFileError(path, problem)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise NetworkFileError(
            path, [Finding(f"byte {error.start}", "not UTF-8 text: a network file must be UTF-8")]
        ) from None
    return parse_network(text, source=path)


def network_to_geojson(network: Network) -> dict[str, Any]:
    """The network as a GeoJSON FeatureCollection (a JSON-ready dict) in a stable order.

    Known members come first in a fixed order, extra properties and metadata
    after them sorted by name; sites come before links, each in network order;
    coordinates are rounded to 6 decimals (about 0.1 m). A link without a route
    gets ``"geometry": null``.
    """
    meta: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "name": network.name,
        "description": network.description,
        "modelled": network.modelled,
        "target": network.target,
        "core": sorted(network.core),
        "risk_groups": [
            {"name": g.name, "kind": g.kind.value, "description": g.description}
            for g in network.risk_groups
        ],
    }
    meta.update(_extras(network.metadata, NETWORK_MEMBERS))
    features = [_site_feature(s) for s in network.sites] + [_link_feature(lk) for lk in network.links]
    return {"type": "FeatureCollection", "stamnett": meta, "features": features}


def write_network(network: Network, path: str | Path) -> None:
    """Save ``network`` as a GeoJSON network file, replacing ``path`` only when complete.

    The text is UTF-8 with two-space indents and one coordinate pair per line,
    so that version-control diffs stay readable. It is written to a temporary
    file beside ``path`` and renamed over it: a failed save leaves the old file.

    Raises
    ------
    NetworkFileError
        When the network could not be read back from the file it would make
        (e.g. a link to a missing site, a property that is not JSON); nothing
        is written then.
        A site whose latitude or longitude is not a number (NaN) or infinite is
        named, and nothing is written. The file is written with
        :func:`~stamnett_gui.io.atomic_files.write_atomically`: a folder that is
        missing or not writable, or a full disk, also raise this error and leave
        the old file as it was.

    """
    path = Path(path)
    unplaced = _not_finite(network)
    if unplaced:
        raise NetworkFileError(path, unplaced)
    try:
        text = dumps_network(network)
    except (TypeError, ValueError, RecursionError) as error:
        raise NetworkFileError(path, _not_json(network) or
                               f"the network cannot be saved as JSON ({error})") from None
    parse_network(text, source=path)  # refuse to write what could not be read back
    write_atomically(path, text.encode("utf-8"))


def dumps_network(network: Network) -> str:
    """The text :func:`write_network` writes (raises ``TypeError`` for non-JSON properties)."""
    text = json.dumps(network_to_geojson(network), ensure_ascii=False, indent=2, allow_nan=False)
    return _SPREAD_PAIR.sub(r"[\1, \2]", text) + "\n"


def _load_json(text: str, source: str | Path) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise NetworkFileError(source, [Finding(where, json_error_message(error, text))]) from None
    except RecursionError:
        raise NetworkFileError(source, "not usable JSON: nested too deeply") from None
    except ValueError as error:  # e.g. an integer with more than 4300 digits
        raise NetworkFileError(source, f"not usable JSON: {error}") from None


def _check_size(source: str | Path, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise NetworkFileError(source, _too_large(size))


def _too_large(size: int) -> str:
    return (
        f"the file is {size / 1e6:,.0f} MB; network files over {MAX_FILE_BYTES / 1e6:,.0f} MB "
        "are refused (is this the right file?)"
    )


def _extras(properties: Any, known: tuple[str, ...]) -> dict[str, Any]:
    return {k: properties[k] for k in sorted(properties) if k not in known}


def _point(lon: float, lat: float) -> list[float]:
    return [round(lon, COORD_DECIMALS), round(lat, COORD_DECIMALS)]


def _site_feature(site: Site) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "feature": "site",
        "name": site.name,
        "kind": site.kind.value,
        "health_trust": site.health_trust,
        "region": site.region,
        "municipality": site.municipality,
        "risk_groups": sorted(site.risk_groups),
    }
    if site.coord_precision is not None:
        properties["coord_precision"] = site.coord_precision.value
    properties.update(_extras(site.properties, SITE_MEMBERS))
    return {
        "type": "Feature",
        "id": site.id,
        "properties": properties,
        "geometry": {"type": "Point", "coordinates": _point(site.lon, site.lat)},
    }


def _link_feature(link: Link) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "feature": "link",
        "a": link.a,
        "b": link.b,
        "name": link.name,
        "operator": link.operator,
        "medium": link.medium,
        "risk_groups": sorted(link.risk_groups),
    }
    if link.in_service is not None:
        properties["in_service"] = link.in_service
    properties.update(_extras(link.properties, LINK_MEMBERS))
    geometry = (
        {"type": "LineString", "coordinates": [_point(lon, lat) for lon, lat in link.route]}
        if link.route
        else None
    )
    return {"type": "Feature", "id": link.id, "properties": properties, "geometry": geometry}


def _not_finite(network: Network) -> list[Finding]:
    """Sites and routes with a coordinate that is NaN or infinite: JSON has no such numbers."""
    findings = []
    for site in network.sites:
        bad = [f"{name} is {_number_word(value)}"
               for name, value in (("latitude", site.lat), ("longitude", site.lon))
               if not math.isfinite(value)]
        if bad:
            findings.append(Finding(
                _where(site),
                f"cannot be saved: its {' and its '.join(bad)}; the project's GeoJSON needs "
                "every site's position. Give the site one, or save as GraphML or CSV, which "
                "keep a site without a position",
            ))
    for link in network.links:
        for number, (lon, lat) in enumerate(link.route, start=1):
            if not (math.isfinite(lon) and math.isfinite(lat)):
                findings.append(Finding(
                    f"link {link.id!r}",
                    f"cannot be saved: point {number} of its route is not a number (NaN) "
                    "or infinite; remove that point or the route",
                ))
                break
    return findings


def _not_json(network: Network) -> list[Finding]:
    """The sites and links whose properties JSON cannot hold (NaN, objects), named."""
    findings = []
    named: list[tuple[str, Any]] = [(_where(s), s.properties) for s in network.sites]
    named += [(f"link {lk.id!r}", lk.properties) for lk in network.links]
    for where, properties in named:
        try:
            json.dumps(dict(properties), allow_nan=False)
        except (TypeError, ValueError, RecursionError) as error:
            findings.append(Finding(where, f"cannot be saved as JSON: a property holds a value "
                                           f"JSON cannot hold ({error})"))
    return findings


def _where(site: Site) -> str:
    return f"site {site.id!r}" + (f" ({site.name})" if site.name and site.name != site.id else "")


def _number_word(value: float) -> str:
    return "not a number (NaN)" if math.isnan(value) else "infinite"
