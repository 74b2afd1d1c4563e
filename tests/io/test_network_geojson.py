"""The project's GeoJSON network format: reading, every error message, saving, round trips, fuzzing."""

from __future__ import annotations

import contextlib
import copy
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stamnett_gui.domain import Link, Network, RiskKind, Site, SiteKind
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.io.geojson import network as network_geojson
from stamnett_gui.io.geojson.network import (
    dumps_network,
    network_to_geojson,
    parse_network,
    read_network,
    write_network,
)
from stamnett_gui.io.loading import load_network

FIXTURE = Path(__file__).parents[1] / "fixtures" / "small-network.geojson"
CUT_SHORT = ("the file ends before its JSON is complete: it was probably cut short by an "
             "interrupted download or copy")


def base() -> dict[str, Any]:
    """A fresh copy of the valid fixture document."""
    document: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return document


def feature(document: dict[str, Any], feature_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(f for f in document["features"] if f["id"] == feature_id)
    return found


def problems(document: Any) -> list[str]:
    """Every finding, as one line each, for a document that must fail."""
    text = document if isinstance(document, str) else json.dumps(document)
    with pytest.raises(NetworkFileError) as caught:
        parse_network(text, "test.geojson")
    return [str(f) for f in caught.value.findings]


def assert_same(a: Network, b: Network) -> None:
    """Equal networks, including the properties and metadata that ``==`` leaves out."""
    assert a == b
    assert dict(a.metadata) == dict(b.metadata)
    for site, again in zip(a.sites, b.sites, strict=True):
        assert dict(site.properties) == dict(again.properties), site.id
    for link, back in zip(a.links, b.links, strict=True):
        assert dict(link.properties) == dict(back.properties), link.id


# --- reading a valid file ----------------------------------------------------------------------


def test_reads_every_field_of_the_fixture() -> None:
    network = read_network(FIXTURE)
    assert network.name == "Small test network"
    assert network.modelled and network.target == 3
    assert network.core == {"hub-bergen", "hub-trondheim"}
    assert [s.id for s in network.sites] == ["hub-bergen", "hub-trondheim", "forde", "alesund",
                                             "volda", "dombas"]
    assert [lk.id for lk in network.links] == [f"L{i}" for i in range(1, 9)]
    forde = network.site("forde")
    assert (forde.kind, forde.health_trust, forde.municipality) == (
        SiteKind.HOSPITAL, "Helse Førde HF", "Sunnfjord")
    assert dict(forde.properties) == {"type": "somatic+psychiatric", "beds": 260,
                                      "tags": ["west", {"nested": [1, 2.5, None]}]}
    assert network.site("volda").kind is SiteKind.HOSPITAL  # the default kind
    assert network.site("hub-trondheim").position == (10.3951, 63.4305)  # altitude ignored
    assert network.site("alesund").risk_groups == {"Sea cable pair Ålesund"}
    assert network.link("L5").route == ()  # null geometry: route unknown
    assert network.link("L3").properties["circuit"] == "NHN-4711"
    assert network.link("L2").medium == "fibre"  # the default medium
    assert network.risk_groups_by_name["Sea cable pair Ålesund"].kind is RiskKind.SEA_CABLE
    assert network.metadata["source"] == {"what": "hand-made test fixture", "year": 2024}


def test_the_loading_entry_point_reads_the_format(tmp_path: Path) -> None:
    assert load_network(FIXTURE) == read_network(FIXTURE)
    with pytest.raises(NetworkFileError, match="no such file"):
        load_network(tmp_path / "missing.geojson")


def test_missing_name_defaults_to_the_file_name_and_sites_to_their_id() -> None:
    document = base()
    del document["stamnett"]["name"]
    del feature(document, "volda")["properties"]["name"]
    network = parse_network(json.dumps(document), "folder/my-net.geojson")
    assert network.name == "my-net"
    assert network.site("volda").name == "volda"


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.geojson"
    path.write_bytes(b"\xef\xbb\xbf" + FIXTURE.read_bytes())
    assert read_network(path) == read_network(FIXTURE)


def test_numeric_feature_ids_become_text() -> None:
    document = base()
    feature(document, "L8")["id"] = 8
    assert parse_network(json.dumps(document), "x").link("8").a == "forde"


def test_coordinates_are_rounded_to_six_decimals() -> None:
    document = base()
    feature(document, "dombas")["geometry"]["coordinates"] = [9.12470049, 62.07470051]
    feature(document, "L3")["geometry"]["coordinates"][-1] = [9.12470049, 62.07470051]
    feature(document, "L4")["geometry"]["coordinates"][0] = [9.12470049, 62.07470051]
    assert parse_network(json.dumps(document), "x").site("dombas").position == (9.1247, 62.074701)


# --- every error, with its exact words ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the file is empty"),
        (" \n\t", "the file is empty"),
        ('{"type": "FeatureCollection",\n "features": [',
         f"line 2, column 15: {CUT_SHORT}"),
        ('{"type": "Feature', f"line 1, column 10: {CUT_SHORT}"),
        ('{"type": 1,, "x": 2}', "line 1, column 12: not valid JSON: "
                                 "Expecting property name enclosed in double quotes"),
        ("<gml>", "line 1, column 1: not valid JSON: Expecting value"),
        ("[1, 2]", "not a GeoJSON object: the file holds a list"),
        ('{"type": "Feature"}', 'not a GeoJSON FeatureCollection (its "type" is "Feature")'),
        ('{"type": "FeatureCollection", "features": []}',
         'no "stamnett" member: this is GeoJSON but not a stamnett network file'),
        ('{"type": "FeatureCollection", "stamnett": {"format": "qgis", "version": 1}}',
         'stamnett.format: unknown format "qgis" (expected "stamnett-network")'),
        ('{"type": "FeatureCollection", "stamnett": {"format": "stamnett-network", "version": 2}}',
         "stamnett.version: the file is format version 2, newer than this app reads (1): "
         "update stamnett-gui"),
        ('{"type": "FeatureCollection", "stamnett": {"format": "stamnett-network"}}',
         'stamnett.version: "version" must be a whole number from 1, not None'),
        ('{"type": "FeatureCollection", "stamnett": {"format": "stamnett-network", "version": 1},'
         ' "features": {}}', '"features" must be a list of GeoJSON features, not an object'),
        ("[" * 100_000, "not usable JSON: nested too deeply"),
        ('{"n": 1' + "1" * 5000 + "}", "not usable JSON: Exceeds the limit (4300 digits) for "
                                     "integer string conversion: value has 5001 digits; use "
                                     "sys.set_int_max_str_digits() to increase the limit"),
    ],
)
def test_file_level_errors(text: str, expected: str) -> None:
    assert problems(text) == [expected]


def _set(path: str, value: Any) -> Any:
    """A change to the fixture: set the member at ``path`` (feature ids in the path)."""
    def change(document: dict[str, Any]) -> None:
        parts = path.split("/")
        target: Any = feature(document, parts[1]) if parts[0] == "features" else document[parts[0]]
        for part in parts[2 if parts[0] == "features" else 1:-1]:
            target = target[int(part)] if isinstance(target, list) else target[part]
        if value is _DELETE:
            del target[parts[-1]]
        elif isinstance(target, list):
            target[int(parts[-1])] = value
        else:
            target[parts[-1]] = value
    return change


_DELETE = object()
DEEP = json.loads("[" * 33 + "1" + "]" * 33)
TARGET = 'stamnett.target: "target" must be a whole number from 1 to 10, not '
NAN = float("nan")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_set("features/forde/geometry", _DELETE), "feature 3 (id 'forde'): it has no \"geometry\""),
        (_set("features/forde/geometry", None),
         "feature 3 (id 'forde'): a site needs a Point geometry; it has none (null)"),
        (_set("features/forde/geometry", {"type": "LineString", "coordinates": [[5, 61], [6, 62]]}),
         "feature 3 (id 'forde'): a site's geometry must be a Point, not LineString"),
        (_set("features/L8/geometry", {"type": "Point", "coordinates": [5, 61]}),
         "feature 14 (id 'L8'): a link's geometry must be a LineString, not Point"),
        (_set("features/L8/geometry/coordinates", [[5.8887, 61.45703]]),
         "feature 14 (id 'L8'): a LineString needs a list of at least two positions"),
        (_set("features/forde/type", "feature"), "feature 3 (id 'forde'): its \"type\" must be \"Feature\""),
        (_set("features/L8/id", _DELETE), "feature 14: it has no \"id\""),
        (_set("features/L8/id", ""), "feature 14 (id ''): \"id\" must not be empty"),
        (_set("features/L8/id", 2.5), "feature 14: \"id\" must be text or a whole number, not a number"),
        (_set("features/L8/properties/feature", "cable"),
         "feature 14 (id 'L8'): \"properties\" must say \"feature\": \"site\" or \"feature\": \"link\""),
        (_set("features/forde/properties/feature", _DELETE),
         "feature 3 (id 'forde'): \"properties\" must say \"feature\": \"site\" or \"feature\": \"link\""),
        (_set("features/forde/properties/kind", "clinic"),
         "feature 3 (id 'forde'): \"kind\" must be one of hospital, hub, datacentre, junction, "
         "not \"clinic\""),
        (_set("features/forde/properties/name", 7),
         "feature 3 (id 'forde'): \"name\" must be text, not a number"),
        (_set("features/forde/properties/risk_groups", "E39"),
         "feature 3 (id 'forde'): \"risk_groups\" must be a list of names (text), not text"),
        (_set("features/L2/properties/risk_groups", ["E39", 4]),
         "feature 8 (id 'L2'): \"risk_groups\" must be a list of names (text): item 2 is a number"),
        (_set("features/forde/geometry/coordinates", [5.9, 40.0]),
         "feature 3 (id 'forde'): latitude 40 is outside the map area (53 to 82)"),
        (_set("features/forde/geometry/coordinates", [61.45703, 5.8887]),
         "feature 3 (id 'forde'): longitude 61.457 is outside the map area (-12 to 36); latitude "
         "5.8887 is outside the map area (53 to 82); latitude and longitude swapped? GeoJSON order "
         "is [longitude, latitude]"),
        (_set("features/forde/geometry/coordinates", ["5.9", 61.4]),
         "feature 3 (id 'forde'): coordinates must be numbers, not text"),
        (_set("features/forde/geometry/coordinates", [NAN, 61.4]),
         "feature 3 (id 'forde'): coordinates must be finite numbers, not NaN"),
        (_set("features/forde/geometry/coordinates", [5.9]),
         "feature 3 (id 'forde'): a position must be [longitude, latitude]"),
        (_set("features/L4/geometry/coordinates/1", [9.6, 95.0]),
         "feature 10 (id 'L4'): route point 2: latitude 95 is outside the map area (53 to 82)"),
        (_set("features/L8/properties/b", "lom"),
         "feature 14 (id 'L8'): end b 'lom' is not a site in this file"),
        (_set("features/L8/properties/a", None),
         "feature 14 (id 'L8'): \"a\" must be the id of an end site (text), not null"),
        (_set("features/L8/id", "L1"), "feature 14 (id 'L1'): duplicate link id 'L1' (also feature 7)"),
        (lambda d: d["features"].append(copy.deepcopy(d["features"][2])),
         "feature 15 (id 'forde'): duplicate site id 'forde' (also feature 3)"),
        (_set("features/L5/properties/b", "hub-bergen"),
         "feature 11 (id 'L5'): both ends are site 'hub-bergen': a link must join two different sites"),
        (_set("features/L8/geometry/coordinates", [[6.09189, 62.14965], [5.8887, 61.45703]]),
         "feature 14 (id 'L8'): the route runs from 'volda' to 'forde': reversed? (a route must "
         "start at site a and end at site b)"),
        (_set("features/L8/geometry/coordinates/0", [5.8897, 61.45703]),
         "feature 14 (id 'L8'): the route starts 53 m from its site a 'forde' (at most 50 m allowed)"),
        (_set("features/L8/geometry/coordinates/1", [6.2, 62.2]),
         "feature 14 (id 'L8'): the route ends 7.9 km from its site b 'volda' (at most 50 m allowed)"),
        (_set("features/L3/properties/circuit", NAN),
         "feature 9 (id 'L3'): \"circuit\" is NaN, which JSON does not allow (use null)"),
        (_set("stamnett/core", ["hub-bergen", "hub-oslo"]),
         "stamnett.core: core site 'hub-oslo' is not a site in this file"),
        (_set("stamnett/core", "hub-bergen"),
         "stamnett.core: \"core\" must be a list of names (text), not text"),
        (_set("stamnett/target", 0), TARGET + "0"),
        (_set("stamnett/target", 11), TARGET + "11"),
        (_set("stamnett/target", 2.5), TARGET + "2.5"),
        (_set("stamnett/target", "3"), TARGET + "text"),
        (_set("stamnett/target", True), TARGET + "true"),
        (_set("stamnett/modelled", "yes"),
         "stamnett.modelled: \"modelled\" must be true or false, not text"),
        (_set("stamnett/name", ["a"]), "stamnett.name: \"name\" must be text, not a list"),
        (_set("stamnett/risk_groups", "E39"),
         "stamnett.risk_groups: \"risk_groups\" must be a list of objects, not text"),
        (_set("stamnett/risk_groups/1/kind", "cable"),
         "stamnett.risk_groups item 2: \"kind\" must be one of corridor, sea cable, power line, railway, "
         "road, duct, bridge, site, other, not \"cable\""),
        (_set("stamnett/risk_groups/1/name", "E39 corridor Førde–Ålesund"),
         "stamnett.risk_groups item 2: duplicate risk group 'E39 corridor Førde–Ålesund'"),
        (_set("stamnett/risk_groups/0/colour", "red"),
         "stamnett.risk_groups item 1: unknown member(s) 'colour': a risk group has name, kind "
         "and description"),
        (_set("stamnett/extra", {"deep": DEEP}),
         "stamnett: \"extra\".deep[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]"
         "[0][0][0][0][0][0][0][0][0][0] is nested more than 32 levels deep"),
    ],
)
def test_feature_and_metadata_errors(change: Any, expected: str) -> None:
    document = base()
    change(document)
    assert problems(document) == [expected]


def test_a_lone_surrogate_in_a_name_is_an_error_not_a_crash() -> None:
    text = json.dumps(base()).replace('"Volda sjukehus"', '"Volda \\ud800"')
    assert problems(text) == [
        "feature 5 (id 'volda'): \"name\" holds a character that is not valid Unicode (a lone surrogate)"
    ]


def test_every_problem_is_reported_at_once() -> None:
    document = base()
    feature(document, "forde")["geometry"]["coordinates"] = [5.9, 40.0]
    feature(document, "L8")["properties"]["b"] = "lom"
    feature(document, "L7")["id"] = "L6"
    document["stamnett"]["target"] = 0
    with pytest.raises(NetworkFileError) as caught:
        parse_network(json.dumps(document), "net.geojson")
    error = caught.value
    assert [f.where for f in error.findings] == [
        "feature 3 (id 'forde')", "feature 13 (id 'L6')", "feature 14 (id 'L8')", "stamnett.target"]
    assert str(error) == (
        "net.geojson: feature 3 (id 'forde'): latitude 40 is outside the map area (53 to 82) "
        "(and 3 more problems)")


def test_a_hundred_bad_route_points_make_one_finding() -> None:
    document = base()
    feature(document, "L4")["geometry"]["coordinates"][1:2] = [["x", 1]] * 100
    assert problems(document) == [
        "feature 10 (id 'L4'): route point 2: coordinates must be numbers, not text "
        "(and 99 more bad route points)"]


# --- files: size, encoding -----------------------------------------------------------------------


def test_files_over_the_size_limit_are_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(network_geojson, "MAX_FILE_BYTES", 1_000_000)
    path = tmp_path / "big.geojson"
    path.write_bytes(b" " * 2_000_001)
    with pytest.raises(NetworkFileError) as caught:
        read_network(path)
    assert caught.value.details() == (
        "the file is 2 MB; network files over 1 MB are refused (is this the right file?)")
    with pytest.raises(NetworkFileError, match="network files over 1 MB are refused"):
        parse_network(" " * 2_000_001, "big.geojson")


def test_the_default_size_limit_is_512_megabytes() -> None:
    assert network_geojson.MAX_FILE_BYTES == 512_000_000


def test_text_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.geojson"
    path.write_bytes(FIXTURE.read_text(encoding="utf-8").encode("cp1252"))
    with pytest.raises(NetworkFileError) as caught:
        read_network(path)
    assert caught.value.details().endswith(": not UTF-8 text: a network file must be UTF-8")
    assert caught.value.details().startswith("byte ")


# --- saving --------------------------------------------------------------------------------------


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    network = read_network(FIXTURE)
    path = tmp_path / "saved.geojson"
    write_network(network, path)
    again = read_network(path)
    assert_same(network, again)
    first = path.read_bytes()
    write_network(again, path)
    assert path.read_bytes() == first  # stable: saving twice changes nothing


def test_saved_text_is_readable_utf8_with_one_coordinate_pair_per_line(tmp_path: Path) -> None:
    path = tmp_path / "saved.geojson"
    write_network(read_network(FIXTURE), path)
    text = path.read_text(encoding="utf-8")
    assert "Førde sentralsjukehus" in text  # not \u00f8 escapes
    assert '"coordinates": [5.8887, 61.45703]' in text
    assert "          [5.6, 60.9],\n" in text
    assert text.endswith("}\n")
    document = json.loads(text)
    assert list(document) == ["type", "stamnett", "features"]
    assert list(document["stamnett"])[:8] == [
        "format", "version", "name", "description", "modelled", "target", "core", "risk_groups"]
    assert document["features"][10]["geometry"] is None  # L5, route unknown


def test_network_to_geojson_rounds_and_orders() -> None:
    sites = (Site("b", "B", 10.123456789, 60.0), Site("a", "A", 11.0, 61.0, SiteKind.HUB))
    links = (Link("L1", "b", "a", route=((10.123456789, 60.0), (11.0, 61.0)),
                  properties={"zeta": 1, "alpha": 2, "a": "not kept: a is the end site"}),)
    network = Network("n", sites, links, core=frozenset({"a"}), metadata={"zeta": 1, "alpha": 2})
    document = network_to_geojson(network)
    assert document["features"][0]["geometry"]["coordinates"] == [10.123457, 60.0]
    assert list(document["features"][2]["properties"])[-3:] == ["risk_groups", "alpha", "zeta"]
    assert document["features"][2]["properties"]["a"] == "b"
    assert list(document["stamnett"])[-2:] == ["alpha", "zeta"]


def test_saving_an_invalid_network_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "net.geojson"
    path.write_text("old contents", encoding="utf-8")
    broken = Network("n", (Site("a", "A", 10.0, 60.0),), (Link("L1", "a", "nowhere"),))
    with pytest.raises(NetworkFileError, match="end b 'nowhere' is not a site in this file"):
        write_network(broken, path)
    not_json = Network("n", (Site("a", "A", 10.0, 60.0, properties={"when": object()}),), ())
    with pytest.raises(NetworkFileError, match="cannot be saved as JSON"):
        write_network(not_json, path)
    assert path.read_text(encoding="utf-8") == "old contents"
    assert os.listdir(tmp_path) == ["net.geojson"]


def test_a_failed_save_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "net.geojson"
    path.write_text("old contents", encoding="utf-8")

    def disk_full(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(NetworkFileError, match="cannot write the file \\(No space left"):
        write_network(read_network(FIXTURE), path)
    assert path.read_text(encoding="utf-8") == "old contents"
    assert os.listdir(tmp_path) == ["net.geojson"]


def test_saving_over_a_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "net.geojson"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0o640)
    write_network(read_network(FIXTURE), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


# --- fuzzing: any input gives a Network or a NetworkFileError, never a traceback -----------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


def _paths(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*here, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*here, index))
    return found


def _outcome(text: str) -> Network | None:
    """Parse; on success check that the network saves and reads back equal."""
    try:
        network = parse_network(text, "fuzz.geojson")
    except NetworkFileError as error:
        assert error.findings and all(f.message for f in error.findings)
        return None
    assert_same(network, parse_network(dumps_network(network), "again.geojson"))
    return network


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_fuzz_any_text(text: str) -> None:
    _outcome(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_fuzz_any_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.geojson"
    path.write_bytes(data)
    with contextlib.suppress(NetworkFileError):
        read_network(path)


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_fuzz_mutated_valid_files(data: st.DataObject) -> None:
    document: Any = base()
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(document)))
        if not path:
            document = data.draw(json_values)
            break
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        if isinstance(parent, dict) and data.draw(st.booleans()):
            del parent[path[-1]]
        else:
            parent[path[-1]] = data.draw(json_values)
    _outcome(json.dumps(document))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_fuzz_truncated_and_spliced_files(data: st.DataObject) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    cut = data.draw(st.integers(0, len(text)))
    junk = data.draw(st.text(max_size=5))
    resume = data.draw(st.integers(cut, len(text)))
    _outcome(text[:cut] + junk + text[resume:])


def test_fuzzed_survivors_include_real_networks() -> None:
    """The mutation fuzzer is not vacuous: small changes to valid files still load."""
    document = copy.deepcopy(base())
    feature(document, "forde")["properties"]["extra"] = {"a": [1, None, "x"]}
    assert _outcome(json.dumps(document)) is not None


def test_the_example_in_the_format_docs_reads() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "network-format.md").read_text(encoding="utf-8")
    example = docs.split("```json\n", 1)[1].split("```", 1)[0]
    network = parse_network(example, "example.geojson")
    assert (len(network.sites), len(network.links)) == (4, 3)
    assert network.link("L3").route == ()
    assert network.site("forde").properties["beds"] == 260
