"""Fuzzed bytes and mutated real files into every reader.

Every outcome must be an import result or a :class:`NetworkFileError`, never
another exception. The readers are called directly (not through
``import_network``, whose last-resort net would turn a bug into a message and
hide it here); the whole path through ``import_network`` is fuzzed too, and there
a message about an internal error counts as a failure.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stamnett_gui.io.assembly import ImportResult
from stamnett_gui.io.csv.reader import read_table, tables_to_network
from stamnett_gui.io.encodings import decode_text
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.io.geojson.generic import load_json, parse_geojson
from stamnett_gui.io.gml.zoo import parse_zoo_gml
from stamnett_gui.io.graphml.reader import parse_graphml
from stamnett_gui.io.limits import ImportLimits
from stamnett_gui.io.loading import import_network

FIXTURES = Path(__file__).parents[1] / "fixtures"
LIMITS = ImportLimits(max_bytes=1_000_000, max_features=5_000)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_gml(data: bytes) -> ImportResult:
    return parse_zoo_gml(decode_text(data)[0], "fuzz.gml", limits=LIMITS)


def read_graphml(data: bytes) -> ImportResult:
    return parse_graphml(data, "fuzz.graphml", limits=LIMITS)


def read_geojson(data: bytes) -> ImportResult:
    text = decode_text(data)[0]
    return parse_geojson(load_json(text, "fuzz.geojson"), "fuzz.geojson", limits=LIMITS)


def read_csv(data: bytes) -> ImportResult:
    sites, _, links = data.partition(b"\n--links--\n")
    return tables_to_network(read_table(decode_text(sites)[0], "fuzz-sites.csv"),
                             read_table(decode_text(links)[0], "fuzz-links.csv") if links else None,
                             limits=LIMITS)


READERS: dict[str, Callable[[bytes], ImportResult]] = {
    "gml": read_gml, "graphml": read_graphml, "geojson": read_geojson, "csv": read_csv,
}

SAMPLES = {
    "gml": [FIXTURES / "topologies" / "Nordu2010.gml", FIXTURES / "zoo" / "quirks.gml"],
    "graphml": [FIXTURES / "graphml" / "norway-latlon.graphml", FIXTURES / "graphml" / "yed.graphml"],
    "geojson": [FIXTURES / "geojson" / "gis-export.geojson"],
    "csv": [FIXTURES / "csv" / "steder.csv", FIXTURES / "csv" / "net-sites.csv"],
}


def sample_bytes(kind: str) -> list[bytes]:
    samples = [path.read_bytes() for path in SAMPLES[kind]]
    if kind == "csv":
        samples[0] += b"\n--links--\n" + (FIXTURES / "csv" / "lenker.csv").read_bytes()
        samples[1] += b"\n--links--\n" + (FIXTURES / "csv" / "net-links.csv").read_bytes()
    return samples


def survives(reader: Callable[[bytes], ImportResult], data: bytes) -> None:
    try:
        result = reader(data)
    except NetworkFileError as error:
        assert error.findings and str(error)
        return
    assert isinstance(result, ImportResult)
    assert all(lk.a in result.network.sites_by_id and lk.b in result.network.sites_by_id
               for lk in result.network.links)


#: Pieces that break parsers: brackets, quotes, entities, odd numbers, separators.
TOKENS = [b"[", b"]", b"{", b"}", b'"', b"<", b">", b"&", b"&#0;", b"&#x110000;", b"<!DOCTYPE x>",
          b"nan", b"-1e999", b"1e400", b"9" * 5000, b";", b",", b"\n", b"\r", b"\x00", b"\xff",
          b"\xef\xbb\xbf", b"id", b"node", b"edge", b"source", b"target", b"Latitude", b"null",
          b'"coordinates": [[[', b"</graph>", b"<node id='x'/>", b"sep=;", b"\\u0000"]


@st.composite
def mutations(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["delete", "insert", "duplicate", "flip", "truncate"]))
        if action == "delete":
            del data[where:where + draw(st.integers(1, 40))]
        elif action == "insert":
            data[where:where] = draw(st.sampled_from(TOKENS) | st.binary(max_size=8))
        elif action == "duplicate":
            data[where:where] = data[where:where + draw(st.integers(1, 200))]
        elif action == "flip" and where < len(data):
            data[where] = draw(st.integers(0, 255))
        else:
            del data[where:]
    return bytes(data)


@pytest.mark.parametrize("kind", list(READERS))
@FUZZ
@given(data=st.binary(max_size=600))
def test_random_bytes(kind, data):
    survives(READERS[kind], data)


@pytest.mark.parametrize("kind", list(READERS))
@FUZZ
@given(data=st.data())
def test_mutated_real_files(kind, data):
    original = data.draw(st.sampled_from(sample_bytes(kind)))
    survives(READERS[kind], data.draw(mutations(original)))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner,
                                                                  max_size=4),
    max_leaves=12,
)


@FUZZ
@given(geometry=JSON, properties=JSON, ident=JSON, coordinates=JSON,
       kind=st.sampled_from(["Point", "LineString", "MultiPoint", "MultiLineString", "Polygon", 3]))
def test_structured_geojson(geometry, properties, ident, coordinates, kind):
    features = [
        {"type": "Feature", "id": ident, "properties": properties, "geometry": geometry},
        {"type": "Feature", "properties": properties,
         "geometry": {"type": kind, "coordinates": coordinates}},
        {"type": "Feature", "id": "a", "properties": {"name": "A"},
         "geometry": {"type": "Point", "coordinates": [10.0, 60.0]}},
    ]
    survives(read_geojson, json.dumps({"type": "FeatureCollection", "features": features}).encode())


GML_VALUE = st.one_of(st.integers(-5, 5), st.floats(allow_nan=False, allow_infinity=False),
                      st.text("abc 0123&#;", max_size=6).map(lambda s: json.dumps(s)))


@FUZZ
@given(records=st.lists(st.tuples(
    st.sampled_from(["node", "edge"]),
    st.lists(st.tuples(st.sampled_from(["id", "label", "source", "target", "Latitude",
                                        "Longitude", "hyperedge", "Country"]), GML_VALUE),
             max_size=6)), max_size=8))
def test_structured_gml(records):
    body = "\n".join(f"{kind} [ " + " ".join(f"{k} {v}" for k, v in attrs) + " ]"
                     for kind, attrs in records)
    survives(read_gml, f"graph [\n{body}\n]".encode())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), suffix=st.sampled_from([".gml", ".graphml", ".geojson", ".json", ".csv",
                                               ".txt", ""]))
def test_the_whole_path_through_import_network(data, suffix):
    kind = data.draw(st.sampled_from(list(SAMPLES)))
    content = data.draw(mutations(data.draw(st.sampled_from(sample_bytes(kind))))
                        | st.binary(max_size=200))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(content)
        try:
            import_network(path, limits=LIMITS)
        except NetworkFileError as error:
            assert "internal error" not in str(error), str(error)
