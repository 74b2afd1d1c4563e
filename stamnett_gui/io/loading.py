"""Open and save a network file of any supported format.

The format is chosen by the file's content where it says (a JSON object with a
``"stamnett"`` member is the project's own format; other JSON is generic
GeoJSON; XML with ``<graphml>`` is GraphML; ``graph [`` is GML) and by the
suffix where it does not (``.csv``). :func:`import_network` returns the network
with the reader's findings; :func:`load_network` is the simple form that
returns the network and raises when the file cannot be used as it is.
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

from stamnett_gui.domain import Network
from stamnett_gui.io.assembly import ImportResult
from stamnett_gui.io.encodings import decode_text
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.io.geojson.generic import load_json, parse_geojson
from stamnett_gui.io.geojson.mapping import GeoJSONMapping
from stamnett_gui.io.limits import ImportLimits, read_bytes_limited
from stamnett_gui.io.resources import DEFAULT_NETWORK, resource


class NetworkFormat(StrEnum):
    """The network file formats, by the name the ``--format`` option takes."""

    STAMNETT = "stamnett-geojson"  #: the project's own GeoJSON (coordinates to 6 decimals)
    GEOJSON = "geojson"  #: any RFC 7946 GeoJSON with points and lines
    GRAPHML = "graphml"
    GML = "gml"  #: Internet Topology Zoo GML
    CSV = "csv"  #: a sites table and a links table


_SUFFIXES = {
    ".geojson": NetworkFormat.GEOJSON, ".json": NetworkFormat.GEOJSON,
    ".graphml": NetworkFormat.GRAPHML, ".xml": NetworkFormat.GRAPHML,
    ".gml": NetworkFormat.GML, ".csv": NetworkFormat.CSV, ".tsv": NetworkFormat.CSV,
    ".txt": NetworkFormat.CSV,
}
_GML_START = re.compile(r"\s*(#[^\n]*\n\s*)*(graph|Creator|Version)\s*[\[\"]")
# "stamnett" among the first members of the top-level object (before any nested
# value), as the project's writer puts it: recognised without parsing the file.
_OWN_START = re.compile(r'\s*\{[^{}\[\]]*?"stamnett"\s*:')


def _sniff(path: Path, text: str) -> NetworkFormat:
    """The format by content first, by suffix second."""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    suffix = path.suffix.casefold()
    if head.startswith("{"):
        return NetworkFormat.GEOJSON  # told apart from the own format once parsed
    if head.startswith("<"):
        if "<graphml" in head or suffix in (".graphml", ".xml"):
            return NetworkFormat.GRAPHML
        if suffix == ".gml":
            raise NetworkFileError(
                path,
                "this .gml file is XML: OGC Geography Markup Language, not the graph GML of the "
                "Topology Zoo. Export it as GeoJSON and open that instead",
            )
        raise NetworkFileError(path, "this XML file is not GraphML (it has no <graphml> element)")
    if _GML_START.match(head):
        return NetworkFormat.GML
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    raise NetworkFileError(
        path,
        f"cannot tell what kind of network file this is (suffix {path.suffix or 'none'!r}); "
        "open GeoJSON (.geojson), GraphML (.graphml), Topology Zoo GML (.gml) or CSV (.csv)",
    )


def detect_format(path: str | Path, *, limits: ImportLimits | None = None) -> NetworkFormat:
    """The format of the network file at ``path`` (for a dialog: generic GeoJSON needs a mapping).

    Raises
    ------
    NetworkFileError
        When the file cannot be read or is no supported format.

    """
    path = Path(path)
    limits = limits or ImportLimits()
    if path.suffix.casefold() in (".csv", ".tsv"):
        return NetworkFormat.CSV
    text, _ = decode_text(read_bytes_limited(path, limits))
    found = _sniff(path, text)
    if found is NetworkFormat.GEOJSON:
        if _OWN_START.match(text.lstrip("\ufeff")[:65536]):
            return NetworkFormat.STAMNETT
        data = load_json(text, path)
        if isinstance(data, dict) and "stamnett" in data:
            return NetworkFormat.STAMNETT
    return found


def import_network(
    path: str | Path,
    *,
    format: NetworkFormat | str | None = None,
    mapping: GeoJSONMapping | None = None,
    crs: str | None = None,
    links: str | Path | None = None,
    limits: ImportLimits | None = None,
) -> ImportResult:
    """Read a network file of any supported format, with the reader's findings.

    Parameters
    ----------
    path
        The file (for CSV: the sites table, or the links table when its sites table
        is named like it).
    format
        Force a format instead of detecting it (a :class:`NetworkFormat` or its value).
    mapping
        Generic GeoJSON: which properties hold ids, names, link ends and the core.
        By default guessed from common names.
    crs
        GraphML, CSV and GeoJSON: the coordinate reference system of ``x``/``y``
        coordinates, e.g. ``"EPSG:25833"``.
    links
        CSV: the links table, when it is not named like the sites table.
    limits
        Size limits (default: 1 GB, 1,000,000 sites and links).

    Returns
    -------
    ImportResult
        The network, its findings (what was wrong and what the reader did) and the format.

    Raises
    ------
    NetworkFileError
        When the file cannot be read as a network at all; no partial network is returned.

    """
    path = Path(path)
    limits = limits or ImportLimits()
    chosen = NetworkFormat(format) if format is not None else None
    try:
        return _import(path, chosen, mapping, crs, links, limits)
    except NetworkFileError:
        raise
    except Exception as error:  # a reader bug must still reach the planner as a message
        raise NetworkFileError(
            path,
            f"the file could not be read because of an internal error ({type(error).__name__}: "
            f"{error}); please report it with the file",
        ) from error


def _import(
    path: Path, chosen: NetworkFormat | None, mapping: GeoJSONMapping | None, crs: str | None,
    links: str | Path | None, limits: ImportLimits,
) -> ImportResult:
    from stamnett_gui.io.csv import reader as csv_tables
    from stamnett_gui.io.gml import zoo as zoo_gml
    from stamnett_gui.io.graphml import reader as graphml

    if chosen is NetworkFormat.CSV or (
            chosen is None and (links is not None or path.suffix.casefold() in (".csv", ".tsv"))):
        return csv_tables.read_csv_pair(path, links, crs=crs, limits=limits)
    data = read_bytes_limited(path, limits)
    if chosen is NetworkFormat.GRAPHML or (chosen is None and data.lstrip()[:1] == b"<"):
        if chosen is None:
            _sniff(path, data[:4096].decode("utf-8", errors="replace"))  # OGC GML, plain XML
        return graphml.parse_graphml(data, str(path), crs=crs, limits=limits)
    text, _ = decode_text(data)
    found = chosen or _sniff(path, text)
    if found is NetworkFormat.GML:
        return zoo_gml.parse_zoo_gml(text, str(path), limits=limits)
    if found is NetworkFormat.CSV:
        return csv_tables.read_csv_pair(path, links, crs=crs, limits=limits)
    if found is NetworkFormat.GRAPHML:
        return graphml.parse_graphml(data, str(path), crs=crs, limits=limits)
    if found is NetworkFormat.STAMNETT or (
            chosen is None and _OWN_START.match(text.lstrip("\ufeff")[:65536])):
        return _own_format(text, path, limits)
    document = load_json(text, path)
    if chosen is None and isinstance(document, dict) and "stamnett" in document:
        return _own_format(text, path, limits)
    return parse_geojson(document, str(path), mapping, crs=crs, limits=limits)


def _own_format(text: str, path: Path, limits: ImportLimits) -> ImportResult:
    from stamnett_gui.io.geojson import network as network_geojson

    # A cheap count of features against the limit before the full parse.
    limits.check_count(path, text.count('"Feature"'))
    network = network_geojson.parse_network(text, source=path)
    return ImportResult(network, (), NetworkFormat.STAMNETT.value)


def load_network(path: str | Path) -> Network:
    """Read a network file of any supported format, choosing the reader by content and suffix.

    Warnings (a site placed, a duplicate renamed) are dropped here; use
    :func:`import_network` to show them.

    Raises
    ------
    NetworkFileError
        When the file is missing, unreadable, not a valid network, or has errors
        (a link to an unknown site...); the error names the file and every problem.

    """
    result = import_network(path)
    if result.errors:
        raise NetworkFileError(path, result.errors)
    return result.network


def load_default_network() -> Network:
    """The bundled network: Norway's hospitals with modelled links."""
    from stamnett_gui.io.geojson import network as network_geojson

    return network_geojson.parse_network(
        resource(DEFAULT_NETWORK).read_text(encoding="utf-8"), source=DEFAULT_NETWORK
    )
