"""Generic RFC 7946 GeoJSON: property mapping, matching line ends to sites, odd geometries."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from stamnett_gui.io.errors import CRSRequired, NetworkFileError
from stamnett_gui.io.geojson.generic import (
    geojson_properties,
    parse_geojson,
    read_geojson,
    read_geojson_properties,
)
from stamnett_gui.io.geojson.mapping import GeoJSONMapping, suggest_geojson_mapping

FIXTURES = Path(__file__).parents[1] / "fixtures" / "geojson"


def point(lon, lat, fid=None, **props):
    feature = {"type": "Feature", "properties": props,
               "geometry": {"type": "Point", "coordinates": [lon, lat]}}
    if fid is not None:
        feature["id"] = fid
    return feature


def line(*coords, fid=None, **props):
    feature = {"type": "Feature", "properties": props,
               "geometry": {"type": "LineString", "coordinates": [list(c) for c in coords]}}
    if fid is not None:
        feature["id"] = fid
    return feature


def collection(*features):
    return {"type": "FeatureCollection", "features": list(features)}


def test_the_dialog_gets_property_names_most_common_first_and_a_suggestion():
    props = read_geojson_properties(FIXTURES / "gis-export.geojson")
    assert props.site_properties[:2] == ("kode", "navn")
    assert set(props.link_properties) == {"leverandor", "trase", "fra", "til", "navn"}
    assert (props.site_count, props.link_count, dict(props.skipped)) == (4, 3, {"Polygon": 1})
    assert suggest_geojson_mapping(props) == GeoJSONMapping(
        site_id="kode", site_name="navn", link_from="fra", link_to="til", core="kjerne")


def test_a_gis_export_with_mixed_link_ends():
    result = read_geojson(FIXTURES / "gis-export.geojson")
    network = result.network
    assert network.name == "Trøndelag export"
    assert [s.id for s in network.sites] == ["TRD", "ORK", "LEV", "NAM"]  # NAM: a MultiPoint
    assert network.core == {"TRD"}
    assert network.site("TRD").health_trust == "St. Olavs hospital HF"
    assert [lk.ends for lk in network.links] == [("TRD", "ORK"), ("TRD", "LEV"), ("LEV", "NAM")]
    # Given as fra TRD, til LEV but drawn from Levanger: the route is turned to run a to b.
    assert network.link("TRD-LEV").route[0] == (10.3875, 63.4210)
    assert len(network.link("LEV-NAM").route) == 4  # both MultiLineString parts
    assert network.link("TRD-ORK").properties == {"trase": "E39"}
    words = [f.message for f in result.findings]
    assert any("1 Polygon feature(s) left out" in w for w in words)
    assert any("4 line end(s)" in w and "nearest site" in w for w in words)


def test_a_line_end_far_from_every_site_is_an_error_naming_the_nearest():
    result = read_geojson(FIXTURES / "far-end.geojson")
    [error] = result.errors
    assert error.where == "feature 2 (id 'sea-cable')"
    assert "'kirkenes', 37,333 m away" in error.message and "tolerance" in error.message
    assert result.network.links == ()


def test_a_larger_tolerance_matches_the_far_end():
    mapping = GeoJSONMapping(site_name="name", tolerance_m=40_000)
    result = read_geojson(FIXTURES / "far-end.geojson", mapping)
    [link] = result.network.links
    assert link.ends == ("hammerfest", "kirkenes")
    assert link.id == "sea-cable" and link.medium == "sea cable"


def test_explicit_mapping_overrides_the_guess():
    data = collection(point(10.0, 60.0, nr="1", tittel="A"), point(11.0, 61.0, nr="2", tittel="B"),
                      line((10.0, 60.0), (11.0, 61.0), start="1", slutt="2", ref="X"))
    mapping = GeoJSONMapping(site_id="nr", site_name="tittel", link_id="ref", link_from="start",
                             link_to="slutt")
    network = parse_geojson(data, "m.geojson", mapping).network
    assert [s.name for s in network.sites] == ["A", "B"]
    assert network.link("X").ends == ("1", "2")


def test_sites_without_any_id_get_numbered_ids_and_a_warning():
    data = collection(point(10.0, 60.0), point(11.0, 61.0))
    result = parse_geojson(data, "n.geojson")
    assert [s.id for s in result.network.sites] == ["site-0", "site-1"]
    assert any("given ids" in f.message for f in result.findings)


def test_both_ends_nearest_one_site_is_left_out():
    data = collection(point(10.0, 60.0, "a"), point(11.0, 61.0, "b"),
                      line((10.0, 60.0), (10.0001, 60.0001)))
    result = parse_geojson(data, "x.geojson")
    assert result.network.links == ()
    assert any("both ends" in f.message for f in result.findings)


def test_a_legacy_crs_member_and_the_crs_option_reproject():
    utm = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25833"}}
    data = {**collection(point(653480, 7732440, "tos")), "crs": utm}
    assert parse_geojson(data, "c.geojson").network.site("tos").lat == pytest.approx(69.66, abs=0.01)
    plain = collection(point(653480, 7732440, "tos"))
    with pytest.raises(CRSRequired) as caught:  # every point projected: the file is, and says not how
        parse_geojson(plain, "p.geojson")
    assert caught.value.sample == ("tos", 653480, 7732440)
    assert parse_geojson(plain, "p.geojson", crs="EPSG:25833").errors == ()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ([1, 2], "expected a FeatureCollection"),
        ({"type": "Topology"}, "expected a FeatureCollection"),
        ({"type": "FeatureCollection"}, "no 'features' list"),
        (collection(line((1, 2), (3, 4))), "no Point features"),
    ],
)
def test_what_is_not_a_network_is_one_clear_error(data, words):
    with pytest.raises(NetworkFileError, match=words):
        parse_geojson(data, "x.geojson")


def test_broken_json_names_line_and_column(tmp_path):
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection",\n "features": [,]}')
    with pytest.raises(NetworkFileError) as caught:
        read_geojson(path)
    assert caught.value.findings[0].where == "line 2, column 15"


def test_bad_coordinates_are_errors_naming_the_feature():
    data = collection(point("10", 60.0, "a"), point(10.0, 95.0, "b"), point(10.0, 60.0, "c"),
                      {"type": "Feature", "geometry": None, "properties": {}}, "junk")
    result = parse_geojson(data, "x.geojson")
    where = [f.where for f in result.errors]
    assert where == ["feature 0 (id 'a')", "feature 1 (id 'b')"]
    assert [s.id for s in result.network.sites] == ["a", "b", "c"]  # kept, without position
    assert any("geometry-less" in f.message for f in result.findings)


def test_a_single_feature_and_a_bare_geometry_collection():
    assert len(parse_geojson(point(10.0, 60.0, "x"), "f.geojson").network.sites) == 1
    bare = {"type": "GeometryCollection", "geometries": [
        {"type": "Point", "coordinates": [10.0, 60.0]},
        {"type": "Point", "coordinates": [11.0, 61.0]},
        {"type": "LineString", "coordinates": [[10.0, 60.0], [11.0, 61.0]]}]}
    network = parse_geojson(bare, "g.geojson").network
    assert [lk.ends for lk in network.links] == [("site-0", "site-1")]


def test_property_listing_counts_features_by_kind():
    props = geojson_properties(collection(point(1, 2, a=1), line((1, 2), (3, 4), b=2)))
    assert (props.site_properties, props.link_properties) == (("a",), ("b",))
    assert replace(suggest_geojson_mapping(props), tolerance_m=5).tolerance_m == 5
    assert json.dumps(dict(props.skipped)) == "{}"
