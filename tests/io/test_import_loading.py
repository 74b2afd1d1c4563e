"""Choosing the reader, size limits, load versus import, and saving in each format."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from stamnett_gui.domain import Link, Network, Site
from stamnett_gui.io.errors import FindingCode, NetworkFileError
from stamnett_gui.io.geojson import network as network_geojson
from stamnett_gui.io.limits import ImportLimits
from stamnett_gui.io.loading import NetworkFormat, detect_format, import_network, load_network
from stamnett_gui.io.saving import output_format, save_network

FIXTURES = Path(__file__).parents[1] / "fixtures"


def small() -> Network:
    sites = (Site("osl", "Oslo", 10.75, 59.91), Site("bgo", "Bergen", 5.32, 60.39))
    return Network("Small", sites, (Link("L1", "osl", "bgo"),), frozenset({"osl"}))


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("topologies/Geant2012.gml", NetworkFormat.GML),
        ("graphml/norway-latlon.graphml", NetworkFormat.GRAPHML),
        ("csv/steder.csv", NetworkFormat.CSV),
        ("geojson/gis-export.geojson", NetworkFormat.GEOJSON),
    ],
)
def test_formats_are_detected(path, expected):
    assert detect_format(FIXTURES / path) is expected
    assert import_network(FIXTURES / path).format == expected.value


def test_content_wins_over_a_misleading_suffix(tmp_path):
    shutil.copy(FIXTURES / "graphml" / "norway-latlon.graphml", tmp_path / "net.txt")
    shutil.copy(FIXTURES / "topologies" / "Nordu2010.gml", tmp_path / "nordu.dat")
    shutil.copy(FIXTURES / "geojson" / "gis-export.geojson", tmp_path / "export.json")
    assert import_network(tmp_path / "net.txt").format == "graphml"
    assert import_network(tmp_path / "nordu.dat").format == "gml"
    assert import_network(tmp_path / "export.json").format == "geojson"


def test_the_own_format_is_told_apart_by_its_stamnett_member(tmp_path):
    network_geojson.write_network(small(), tmp_path / "own.geojson")
    assert detect_format(tmp_path / "own.geojson") is NetworkFormat.STAMNETT
    result = import_network(tmp_path / "own.geojson")
    assert (result.format, result.network, result.findings) == ("stamnett-geojson", small(), ())
    with pytest.raises(NetworkFileError, match="more than 1 sites and links"):
        import_network(tmp_path / "own.geojson", limits=ImportLimits(max_features=1))


def test_the_stamnett_member_is_found_wherever_it_stands(tmp_path):
    document = network_geojson.network_to_geojson(small())
    moved = {"type": "FeatureCollection", "features": document["features"],
             "stamnett": document["stamnett"]}
    (tmp_path / "late.json").write_text(json.dumps(moved))
    assert detect_format(tmp_path / "late.json") is NetworkFormat.STAMNETT
    assert import_network(tmp_path / "late.json").network == small()


def test_ogc_gml_and_unknown_files_get_a_hint(tmp_path):
    (tmp_path / "roads.gml").write_text('<?xml version="1.0"?><gml:FeatureCollection/>')
    with pytest.raises(NetworkFileError, match="Geography Markup Language"):
        import_network(tmp_path / "roads.gml")
    (tmp_path / "data.bin").write_text("site;place\n", encoding="utf-8")
    with pytest.raises(NetworkFileError, match="cannot tell what kind"):
        import_network(tmp_path / "data.bin")


def test_missing_files_and_folders(tmp_path):
    with pytest.raises(NetworkFileError, match="no such file"):
        import_network(tmp_path / "none.graphml")
    with pytest.raises(NetworkFileError, match="folder"):
        import_network(tmp_path)


def test_the_size_limit_refuses_before_reading_with_a_clear_message(tmp_path):
    path = tmp_path / "big.gml"
    shutil.copy(FIXTURES / "topologies" / "Geant2012.gml", path)
    with pytest.raises(NetworkFileError) as caught:
        import_network(path, limits=ImportLimits(max_bytes=1000))
    assert "the file is 12.0 kB, more than the limit of 1.0 kB" in str(caught.value)
    assert caught.value.code is FindingCode.TOO_LARGE  # the command line adds its --max-bytes


@pytest.mark.parametrize(
    "path",
    ["topologies/Geant2012.gml", "graphml/norway-latlon.graphml", "csv/steder.csv",
     "geojson/gis-export.geojson"],
)
def test_the_feature_limit_applies_to_every_format(path):
    with pytest.raises(NetworkFileError, match="more than 3 sites and links"):
        import_network(FIXTURES / path, limits=ImportLimits(max_features=3))


def test_the_default_limits_are_well_above_a_national_network():
    limits = ImportLimits()
    assert limits.max_features >= 1_000_000 and limits.max_bytes >= 1_000_000_000


def test_load_network_returns_the_network_and_raises_on_errors(tmp_path):
    assert len(load_network(FIXTURES / "topologies" / "Nordu2010.gml").sites) == 18
    with pytest.raises(NetworkFileError) as caught:
        load_network(FIXTURES / "zoo" / "quirks.gml")
    assert "'99'" in str(caught.value)


def test_a_reader_bug_still_reaches_the_planner_as_a_message(monkeypatch):
    from stamnett_gui.io.gml import zoo as zoo_gml

    def broken(*args, **kwargs):
        raise ZeroDivisionError("oops")

    monkeypatch.setattr(zoo_gml, "parse_zoo_gml", broken)
    with pytest.raises(NetworkFileError, match=r"internal error \(ZeroDivisionError: oops"):
        import_network(FIXTURES / "topologies" / "Nordu2010.gml")


def test_a_forced_format(tmp_path):
    shutil.copy(FIXTURES / "csv" / "net-sites.csv", tmp_path / "sites.data")
    with pytest.raises(NetworkFileError):
        import_network(tmp_path / "sites.data")
    assert len(import_network(tmp_path / "sites.data", format="csv").network.sites) == 3


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.geojson", "stamnett-geojson"), ("a.json", "stamnett-geojson"),
     ("a.graphml", "graphml"), ("a.csv", "csv")],
)
def test_output_format_by_suffix(name, expected):
    assert output_format(name) == expected


def test_gml_and_unknown_suffixes_are_not_written(tmp_path):
    with pytest.raises(NetworkFileError, match="GML is read, not written"):
        save_network(small(), tmp_path / "x.gml")
    with pytest.raises(NetworkFileError, match=r"suffix '\.png'"):
        save_network(small(), tmp_path / "x.png")


def test_save_network_writes_each_format_and_they_read_back(tmp_path):
    for name in ("n.geojson", "n.graphml", "n.csv"):
        written = save_network(small(), tmp_path / name)
        back = import_network(written[0]).network
        assert (back.sites, back.links, back.core) == (small().sites, small().links, small().core)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "n-links.csv", "n.csv", "n.geojson", "n.graphml"]


def test_a_failed_save_leaves_the_old_file(tmp_path):
    path = tmp_path / "n.graphml"
    save_network(small(), path)
    before = path.read_bytes()
    bad = Network("n", (Site("a", "nul\x00", 10.0, 60.0),), ())
    with pytest.raises(NetworkFileError):
        save_network(bad, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["n.graphml"]  # no temporary left behind


def test_a_file_that_fails_halfway_gives_an_error_and_no_network(tmp_path):
    (tmp_path / "half-sites.csv").write_text("id,lat,lon\na,60,10\nb,61,11\n")
    (tmp_path / "half-links.csv").write_text('from,to\na,b\nb,"a\n')
    with pytest.raises(NetworkFileError, match="not valid CSV"):
        import_network(tmp_path / "half-sites.csv")
    truncated = (FIXTURES / "topologies" / "Geant2012.gml").read_text()[:5000]
    (tmp_path / "cut.gml").write_text(truncated)
    with pytest.raises(NetworkFileError, match=r"line 323: the file ends before"):
        import_network(tmp_path / "cut.gml")
