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
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Any, Final

from stamnett_gui.domain import Link, Network, Site
from stamnett_gui.io.errors import Finding, NetworkFileError
from stamnett_gui.io.geojson.network_reader import (
    FORMAT,
    LINK_MEMBERS,
    NETWORK_MEMBERS,
    SITE_MEMBERS,
    VERSION,
    read_document,
)
from stamnett_gui.io.geojson.values import COORD_DECIMALS

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
#: The bundled network of 128 sites and 277 links is about 0.3 MB.
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
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise NetworkFileError(path, _too_large(size))
        data = path.read_bytes()
    except OSError as error:
        raise NetworkFileError(path, f"cannot read the file ({error.strerror or error})") from None
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
    OSError
        When the folder is missing or not writable, or the disk is full.

    """
    path = Path(path)
    try:
        text = dumps_network(network)
    except (TypeError, ValueError, RecursionError) as error:
        raise NetworkFileError(path, f"the network cannot be saved as JSON ({error})") from None
    parse_network(text, source=path)  # refuse to write what could not be read back
    _replace_file(path, text.encode("utf-8"))


def dumps_network(network: Network) -> str:
    """The text :func:`write_network` writes (raises ``TypeError`` for non-JSON properties)."""
    text = json.dumps(network_to_geojson(network), ensure_ascii=False, indent=2, allow_nan=False)
    return _SPREAD_PAIR.sub(r"[\1, \2]", text) + "\n"


def _load_json(text: str, source: str | Path) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            message = f"the file ends too early: truncated? ({error.msg})"
        else:
            message = f"not valid JSON: {error.msg}"
        raise NetworkFileError(source, [Finding(where, message)]) from None
    except RecursionError:
        raise NetworkFileError(source, "not usable JSON: nested too deeply") from None
    except ValueError as error:  # e.g. an integer with more than 4300 digits
        raise NetworkFileError(source, f"not usable JSON: {error}") from None


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
    properties.update(_extras(link.properties, LINK_MEMBERS))
    geometry = (
        {"type": "LineString", "coordinates": [_point(lon, lat) for lon, lat in link.route]}
        if link.route
        else None
    )
    return {"type": "Feature", "id": link.id, "properties": properties, "geometry": geometry}


def _replace_file(path: Path, data: bytes) -> None:
    """Write ``data`` beside ``path`` and rename it over ``path`` (keeping its permissions)."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = 0o644
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
