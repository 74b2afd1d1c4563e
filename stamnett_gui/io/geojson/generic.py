"""Any RFC 7946 GeoJSON: Point features are sites, LineString features are links.

Which properties hold a site's id and name, a link's id and its two end sites,
and whether a site is core is given by a
:class:`~stamnett_gui.io.geojson.mapping.GeoJSONMapping` (the mapping dialog and
the command-line options fill one in;
:func:`~stamnett_gui.io.geojson.mapping.suggest_geojson_mapping` guesses it from
common names). A link without end-site properties is matched to
the sites nearest the two ends of its line, within ``tolerance_m`` metres.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from stamnett_gui.io.assembly import ImportResult, NetworkAssembly
from stamnett_gui.io.encodings import decode_text
from stamnett_gui.io.errors import Finding, NetworkFileError
from stamnett_gui.io.geojson.features import (
    Feature,
    check_not_projected,
    features_of,
    read_links,
    read_sites,
)
from stamnett_gui.io.geojson.mapping import GeoJSONMapping, GeoJSONProperties, suggest_geojson_mapping
from stamnett_gui.io.limits import ImportLimits, read_bytes_limited


def load_json(text: str, source: str | Path) -> Any:
    """Parse JSON text; :class:`NetworkFileError` naming the line when it is not JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise NetworkFileError(source, [Finding(
            f"line {error.lineno}, column {error.colno}", json_error_message(error, text)
        )]) from None
    except RecursionError:
        raise NetworkFileError(source, "the JSON is nested too deeply to be a network file") from None
    except ValueError as error:  # e.g. an integer with thousands of digits
        raise NetworkFileError(source, f"not valid JSON: {error}") from None


def json_error_message(error: json.JSONDecodeError, text: str) -> str:
    """What is wrong with JSON text, in words: cut short, or the parser's complaint.

    >>> try:
    ...     json.loads('{"type": "Feature')
    ... except json.JSONDecodeError as error:
    ...     print(json_error_message(error, '{"type": "Feature'))
    the file ends before its JSON is complete: it was probably cut short by an interrupted download or copy
    """
    if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
        return ("the file ends before its JSON is complete: it was probably cut short by an "
                "interrupted download or copy")
    return f"not valid JSON: {error.msg}"


def _names_by_frequency(features: list[Feature]) -> tuple[str, ...]:
    counts: Counter[str] = Counter(name for f in features for name in f.properties)
    return tuple(name for name, _ in counts.most_common())


def geojson_properties(data: Any, source: str | Path = "<geojson>") -> GeoJSONProperties:
    """The property names and feature counts of parsed GeoJSON ``data``."""
    points, lines, skipped = features_of(data, source)
    return GeoJSONProperties(
        _names_by_frequency(points), _names_by_frequency(lines), len(points), len(lines),
        dict(skipped),
    )


def read_geojson_properties(path: str | Path, *, limits: ImportLimits | None = None) -> GeoJSONProperties:
    """The property names and feature counts of a GeoJSON file (for the mapping dialog)."""
    limits = limits or ImportLimits()
    text, _ = decode_text(read_bytes_limited(path, limits))
    return geojson_properties(load_json(text, path), path)


def read_geojson(
    path: str | Path,
    mapping: GeoJSONMapping | None = None,
    *,
    crs: str | None = None,
    limits: ImportLimits | None = None,
) -> ImportResult:
    """Read a GeoJSON file as a network; see :func:`parse_geojson`."""
    limits = limits or ImportLimits()
    text, _ = decode_text(read_bytes_limited(path, limits))
    return parse_geojson(load_json(text, path), str(path), mapping, crs=crs, limits=limits)


def parse_geojson(
    data: Any,
    source: str | Path = "<geojson>",
    mapping: GeoJSONMapping | None = None,
    *,
    crs: str | None = None,
    limits: ImportLimits | None = None,
) -> ImportResult:
    """Read parsed GeoJSON ``data`` (a FeatureCollection, a Feature or a geometry) as a network.

    Parameters
    ----------
    data
        The parsed JSON.
    source
        The file name, for messages.
    mapping
        Which properties hold what; by default :func:`suggest_geojson_mapping`'s guess.
    crs
        The CRS of the coordinates when they are not WGS84 longitude/latitude
        (RFC 7946 allows only WGS84; older files name theirs in a ``crs`` member,
        which is honoured when this is not given).
    limits
        Size limits.

    Raises
    ------
    NetworkFileError
        When the data is not GeoJSON or has no Point features.
    CRSRequired
        When no CRS is given or named and every point lies outside longitude/latitude
        range (a projected file).

    """
    limits = limits or ImportLimits()
    points, lines, skipped = features_of(data, source)
    limits.check_count(source, len(points) + len(lines))
    if mapping is None:
        mapping = suggest_geojson_mapping(geojson_properties(data, source))
    if crs is None and isinstance(data, dict):
        crs = _legacy_crs(data.get("crs"))
    if crs is None:
        check_not_projected(points, mapping.site_name, source)
    build = NetworkAssembly(source, limits)
    for geometry_type, count in sorted(skipped.items()):
        build.warn("features", f"{count} {geometry_type} feature(s) left out: only points "
                   "(sites) and lines (links) are read")
    read_sites(points, mapping, crs, build)
    if build.site_count == 0:
        raise NetworkFileError(source, "the file has no Point features, so no sites: a network "
                               "needs its sites as points")
    read_links(lines, mapping, crs, build)
    name = data.get("name") if isinstance(data, dict) else None
    return build.finish(str(name) if isinstance(name, str) and name else Path(str(source)).stem,
                        format="geojson")


def _legacy_crs(member: Any) -> str | None:
    """The CRS named by a pre-RFC 7946 ``crs`` member, or ``None`` for WGS84 or none."""
    if not isinstance(member, dict) or not isinstance(member.get("properties"), dict):
        return None
    name = member["properties"].get("name")
    if not isinstance(name, str) or name.upper().endswith(("CRS84", "EPSG::4326", "EPSG:4326")):
        return None
    return name
