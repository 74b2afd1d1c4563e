"""The options that say how to read a network file, shared by ``validate`` and ``convert``."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import Any

from stamnett_gui.io.assembly import ImportResult
from stamnett_gui.io.geojson.generic import read_geojson_properties
from stamnett_gui.io.geojson.mapping import GeoJSONMapping, suggest_geojson_mapping
from stamnett_gui.io.limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_FEATURES, ImportLimits
from stamnett_gui.io.loading import NetworkFormat, detect_format, import_network

_MAPPING_OPTIONS = {
    "site_id": "--site-id", "site_name": "--site-name", "link_id": "--link-id",
    "link_from": "--link-from", "link_to": "--link-to", "core": "--core-property",
}


def _positive(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def _metres(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a distance in metres") from None
    if not 0 < value <= 1_000_000:
        raise argparse.ArgumentTypeError("the tolerance must be between 0 and 1,000,000 metres")
    return value


def add_import_options(parser: argparse.ArgumentParser) -> None:
    """Add the reading options (format, CSV links file, CRS, GeoJSON mapping, limits)."""
    group = parser.add_argument_group("reading the file")
    group.add_argument(
        "--input-format", choices=[f.value for f in NetworkFormat], metavar="FORMAT",
        help="read as this format instead of detecting it: "
        + ", ".join(f.value for f in NetworkFormat),
    )
    group.add_argument("--links", metavar="LINKS.csv",
                       help="CSV: the links table, when it is not named like the sites table")
    group.add_argument("--crs", metavar="CRS",
                       help="CRS of x/y (øst/nord) coordinates, e.g. EPSG:25833")
    for field, option in _MAPPING_OPTIONS.items():
        what = field.replace("_", " ").replace("link from", "link's first end site").replace(
            "link to", "link's second end site").replace("core", "core flag (true/ja/1)")
        group.add_argument(option, dest=f"map_{field}", metavar="PROPERTY",
                           help=f"GeoJSON: the property holding the {what}"
                           + ("; '' for none (match line ends to sites)" if "end" in what else ""))
    group.add_argument("--tolerance", type=_metres, metavar="METRES",
                       help="GeoJSON: how far a line end may be from the site it is matched to "
                       "(default 250)")
    group.add_argument("--max-bytes", type=_positive, default=DEFAULT_MAX_BYTES, metavar="N",
                       help=f"largest file accepted (default {DEFAULT_MAX_BYTES:,} bytes)")
    group.add_argument("--max-features", type=_positive, default=DEFAULT_MAX_FEATURES, metavar="N",
                       help=f"most sites plus links accepted (default {DEFAULT_MAX_FEATURES:,})")


def _mapping(path: Path, args: argparse.Namespace, limits: ImportLimits) -> GeoJSONMapping | None:
    given: dict[str, Any] = {f: getattr(args, f"map_{f}") for f in _MAPPING_OPTIONS}
    given = {f: (v or None) for f, v in given.items() if v is not None}
    if args.tolerance is not None:
        given["tolerance_m"] = args.tolerance
    if not given:
        return None
    if detect_format(path, limits=limits) is not NetworkFormat.GEOJSON:
        return None
    return replace(suggest_geojson_mapping(read_geojson_properties(path, limits=limits)), **given)


def import_from_args(path: str, args: argparse.Namespace) -> ImportResult:
    """Read ``path`` as the options say (raises ``NetworkFileError``)."""
    limits = ImportLimits(args.max_bytes, args.max_features)
    return import_network(
        path,
        format=args.input_format,
        mapping=_mapping(Path(path), args, limits),
        crs=args.crs,
        links=args.links,
        limits=limits,
    )
