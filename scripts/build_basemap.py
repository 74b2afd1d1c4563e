"""Build the bundled basemap in resources/basemap/ from the raw source files.

Run from the repository: ``python scripts/build_basemap.py [--data DIR]`` where DIR
holds ``basemap/`` as described in the data README (default: ``../shared/data``
beside the repository). Output is WGS84 GeoJSON, repaired with ``make_valid``,
coordinates rounded to 5 decimals (about 1 m), so that the app needs no repair.
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import box, mapping, shape
from shapely.geometry.base import BaseGeometry

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "resources" / "basemap"

# Boxes (lon/lat) that pick Norway's arctic islands out of Natural Earth land.
SVALBARD = box(9.0, 74.0, 36.0, 81.0)
JAN_MAYEN = box(-9.5, 70.5, -7.5, 71.5)


def _read(path: Path) -> list[dict[str, Any]]:
    features: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["features"]
    return features


def _valid(geometry: BaseGeometry) -> BaseGeometry:
    fixed = shapely.make_valid(geometry)
    # make_valid may return a collection with stray lines; keep the areas only.
    if fixed.geom_type == "GeometryCollection":
        fixed = shapely.union_all([g for g in fixed.geoms if g.area > 0])
    return shapely.set_precision(fixed, 1e-5)


def _write(name: str, features: list[dict[str, Any]], note: str) -> None:
    collection = {"type": "FeatureCollection", "note": note, "features": features}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    (OUT / name).write_text(text + "\n", encoding="utf-8")
    print(f"  {name}: {len(features)} features, {len(text) // 1024} KiB")


def _feature(geometry: BaseGeometry, **properties: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": properties, "geometry": mapping(geometry)}


def build(data: Path) -> None:
    """Write every basemap file."""
    src = data / "basemap"
    OUT.mkdir(parents=True, exist_ok=True)
    kartverket = "© Kartverket, CC BY 4.0"
    natural_earth = "Natural Earth, public domain"
    for level, name in (("M", "norway-detailed.geojson"), ("S", "norway-coarse.geojson")):
        parts = [_valid(shape(f["geometry"])) for f in _read(src / f"Norge-{level}.geojson")]
        land = shapely.union_all(parts)
        _write(name, [_feature(land, name="Norge")], f"Mainland Norway ({level}). {kartverket}")

    counties = [
        (f["properties"]["fylkesnavn"], _valid(shape(f["geometry"])))
        for f in _read(src / "Fylker-S.geojson")
    ]
    borders = []
    for (name_a, a), (name_b, b) in itertools.combinations(counties, 2):
        shared = shapely.line_merge(a.boundary.intersection(b.boundary))
        if not shared.is_empty and shared.length > 0:
            borders.append(_feature(shared, between=f"{name_a} – {name_b}"))
    _write("county-borders.geojson", borders, f"Borders between the counties of 2024. {kartverket}")

    neighbours = [
        _feature(_valid(shape(f["geometry"])), name=f["properties"]["name"])
        for f in _read(src / "ne_50m_countries_nordic.geojson")
        if f["properties"].get("iso_a3") != "NOR"
    ]
    _write("neighbours.geojson", neighbours, f"Neighbouring countries, 1:50m. {natural_earth}")

    natural_land = [_valid(shape(f["geometry"])) for f in _read(src / "ne_10m_land_nordic.geojson")]
    land = shapely.union_all(natural_land)
    islands = [
        _feature(_valid(land.intersection(area)), name=name)
        for name, area in (("Svalbard", SVALBARD), ("Jan Mayen", JAN_MAYEN))
    ]
    _write("arctic-islands.geojson", islands, f"Svalbard and Jan Mayen, 1:10m land. {natural_earth}")

    border_features = _read(src / "ne_10m_borders_nordic.geojson")
    lines = [_feature(_valid_line(shape(f["geometry"]))) for f in border_features]
    _write("country-borders.geojson", lines, f"Land borders between countries, 1:10m. {natural_earth}")


def _valid_line(geometry: BaseGeometry) -> BaseGeometry:
    return shapely.set_precision(geometry, 1e-5)


def main() -> None:
    """Parse arguments and build."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with basemap/")
    args = parser.parse_args()
    print(f"building {OUT.relative_to(ROOT)} from {args.data}")
    build(args.data)


if __name__ == "__main__":
    main()
