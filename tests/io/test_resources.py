"""Bundled data is found through one module: in a source checkout and in an installed wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from stamnett_gui.io import resources
from stamnett_gui.io.basemap import load_basemap

ROOT = Path(__file__).resolve().parents[2]
BASEMAP_FILES = ("norway-detailed", "norway-coarse", "county-borders", "neighbours",
                 "arctic-islands", "country-borders")


def test_source_checkout_finds_the_top_level_resources_folder():
    root = resources.resource_root()
    assert Path(str(root)).resolve() == (ROOT / "resources").resolve()
    for name in BASEMAP_FILES:
        assert resources.resource(f"basemap/{name}.geojson").is_file()
    assert "Kartverket" in resources.read_text("SOURCES.md")


def test_basemap_layers_are_valid_geometries():
    basemap = load_basemap()
    assert basemap.land_detailed.is_valid and basemap.land_coarse.is_valid
    # Oslo is on land, the Skagerrak is not, Longyearbyen is on Svalbard
    from shapely import Point

    assert basemap.land_detailed.contains(Point(10.75, 59.91))
    assert not basemap.land_detailed.contains(Point(8.0, 57.8))
    assert basemap.arctic_islands.contains(Point(15.63, 78.22))


def test_basemap_layers_are_every_feature_of_their_files_exactly():
    import json

    import shapely
    from shapely.geometry import shape

    basemap = load_basemap()
    layers = {"norway-detailed": basemap.land_detailed, "norway-coarse": basemap.land_coarse,
              "arctic-islands": basemap.arctic_islands, "neighbours": basemap.neighbours,
              "county-borders": basemap.county_borders, "country-borders": basemap.country_borders}
    for name, layer in layers.items():
        features = json.loads(resources.read_text(f"basemap/{name}.geojson"))["features"]
        parts = [shape(f["geometry"]) for f in features]  # the slow, obvious reading
        expected = parts[0] if len(parts) == 1 else shapely.GeometryCollection(parts)
        assert shapely.equals_exact(layer, expected, 0), name


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out),
         str(ROOT)],
        check=True,
    )
    (built,) = out.glob("stamnett_gui-*.whl")
    return built


def test_wheel_carries_the_resources_inside_the_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for name in BASEMAP_FILES:
        assert f"stamnett_gui/resources/basemap/{name}.geojson" in names
    assert "stamnett_gui/resources/SOURCES.md" in names


def test_installed_wheel_finds_its_resources(wheel, tmp_path):
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)  # what an installer puts in site-packages
    probe = (
        "import stamnett_gui, stamnett_gui.io.resources as r; "
        "print(stamnett_gui.__file__); print(r.resource_root()); "
        "print(r.resource('basemap/norway-coarse.geojson').is_file())"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run([sys.executable, "-c", probe], env=env, cwd=tmp_path, capture_output=True,
                         text=True, check=True).stdout.splitlines()
    assert out[0].startswith(str(target))
    assert out[1].startswith(str(target / "stamnett_gui" / "resources"))
    assert out[2] == "True"


def test_every_bundled_hospital_lies_on_norwegian_land():
    from shapely import Point, prepared

    from stamnett_gui.domain import SiteKind
    from stamnett_gui.io.loading import load_default_network

    land = prepared.prep(load_basemap().norwegian_land)
    network = load_default_network()
    hospitals = [s for s in network.sites if s.kind is SiteKind.HOSPITAL]
    assert len(hospitals) == 86
    off = [s.name for s in hospitals if not land.contains(Point(s.lon, s.lat))]
    assert off == []
