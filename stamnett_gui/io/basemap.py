"""The bundled offline basemap: land, neighbours and borders as shapely geometries (WGS84)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import shapely
from shapely.geometry.base import BaseGeometry

from stamnett_gui.io.resources import read_text


@dataclass(frozen=True)
class Basemap:
    """Every layer of the offline map, in lon/lat.

    ``land_detailed`` and ``land_coarse`` are mainland Norway at two levels of
    detail; ``arctic_islands`` are Svalbard and Jan Mayen; ``neighbours`` the
    countries around; the two border layers are lines.
    """

    land_detailed: BaseGeometry
    land_coarse: BaseGeometry
    arctic_islands: BaseGeometry
    neighbours: BaseGeometry
    county_borders: BaseGeometry
    country_borders: BaseGeometry

    @property
    def norwegian_land(self) -> BaseGeometry:
        """Mainland Norway (detailed) with Svalbard and Jan Mayen."""
        return shapely.union(self.land_detailed, self.arctic_islands)


def _layer(name: str) -> BaseGeometry:
    # GEOS reads the whole feature collection at once (two to three times faster than
    # json.loads and shape() per feature): the features' geometries in one collection.
    collection = shapely.from_geojson(read_text(f"basemap/{name}.geojson"))
    parts = collection.geoms if collection.geom_type == "GeometryCollection" else [collection]
    # The build script already repaired and merged each layer: no union needed here.
    return parts[0] if len(parts) == 1 else collection


@cache
def load_basemap() -> Basemap:
    """Read the bundled basemap (once; it never changes while the app runs)."""
    return Basemap(
        land_detailed=_layer("norway-detailed"),
        land_coarse=_layer("norway-coarse"),
        arctic_islands=_layer("arctic-islands"),
        neighbours=_layer("neighbours"),
        county_borders=_layer("county-borders"),
        country_borders=_layer("country-borders"),
    )
