"""A site's coord_precision and a link's in_service year: the project's GeoJSON, CSV and GraphML."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from stamnett_gui.domain import Link, Network, Site
from stamnett_gui.domain.network import CoordPrecision
from stamnett_gui.io.csv.reader import read_table, tables_to_network
from stamnett_gui.io.csv.writer import network_to_csv
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.io.geojson.network import dumps_network, network_to_geojson, parse_network
from stamnett_gui.io.graphml.reader import parse_graphml
from stamnett_gui.io.graphml.writer import network_to_graphml

FIXTURE = Path(__file__).parents[1] / "fixtures" / "small-network.geojson"


def document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return loaded


def first(doc: dict[str, Any], feature: str) -> dict[str, Any]:
    found: dict[str, Any] = next(f for f in doc["features"] if f["properties"]["feature"] == feature)
    return found


def parse(doc: dict[str, Any]) -> Network:
    return parse_network(json.dumps(doc), "net.geojson")


def test_a_file_without_the_fields_reads_them_as_unknown_and_writes_them_back_absent() -> None:
    network = parse(document())
    assert all(s.coord_precision is None for s in network.sites)
    assert all(lk.in_service is None for lk in network.links)
    written = network_to_geojson(network)
    assert not any("coord_precision" in f["properties"] or "in_service" in f["properties"]
                   for f in written["features"])


@pytest.mark.parametrize("precision", ["building", "address", "place"])
def test_coord_precision_reads_into_the_site_and_saves_back(precision: str) -> None:
    doc = document()
    site = first(doc, "site")
    site["properties"]["coord_precision"] = precision
    network = parse(doc)
    read = network.site(str(site["id"]))
    assert read.coord_precision is CoordPrecision(precision)
    assert "coord_precision" not in read.properties  # a field, not an extra property
    assert parse_network(dumps_network(network), "again.geojson") == network
    assert json.loads(dumps_network(network))["features"][0]["properties"]["coord_precision"] == precision


def test_in_service_reads_into_the_link_and_saves_back() -> None:
    doc = document()
    link = first(doc, "link")
    link["properties"]["in_service"] = 2017
    network = parse(doc)
    read = network.link(str(link["id"]))
    assert read.in_service == 2017 and "in_service" not in read.properties
    again = parse_network(dumps_network(network), "again.geojson")
    assert again == network and again.link(read.id).in_service == 2017


def test_null_means_unknown() -> None:
    doc = document()
    first(doc, "site")["properties"]["coord_precision"] = None
    first(doc, "link")["properties"]["in_service"] = None
    network = parse(doc)
    assert network.sites[0].coord_precision is None
    assert all(lk.in_service is None for lk in network.links)


@pytest.mark.parametrize(("feature", "member", "value", "message"), [
    ("site", "coord_precision", "exact",
     '"coord_precision" must be one of building, address, place, not "exact"'),
    ("site", "coord_precision", 3, '"coord_precision" must be one of building, address, place, not a number'),
    ("link", "in_service", "2019", '"in_service" must be a year from 1850 to 2100, not text'),
    ("link", "in_service", 2019.5, '"in_service" must be a year from 1850 to 2100, not a number'),
    ("link", "in_service", True, '"in_service" must be a year from 1850 to 2100, not true'),
    ("link", "in_service", 19, '"in_service" must be a year from 1850 to 2100, not 19'),
])
def test_a_bad_value_is_a_finding_that_names_the_feature(
    feature: str, member: str, value: Any, message: str,
) -> None:
    doc = document()
    target = first(doc, feature)
    target["properties"][member] = value
    with pytest.raises(NetworkFileError) as raised:
        parse(doc)
    found = [f for f in raised.value.findings if message in f.message]
    assert len(found) == 1 and str(target["id"]) in found[0].where


def test_the_fields_take_part_in_equality() -> None:
    site = Site("h", "H", 10.0, 60.0)
    assert site != Site("h", "H", 10.0, 60.0, coord_precision=CoordPrecision.PLACE)
    assert Link("L1", "a", "b") != Link("L1", "a", "b", in_service=2015)


def _with_fields() -> Network:
    network = parse(document())
    sites = tuple(
        replace(s, coord_precision=CoordPrecision.ADDRESS if i % 2 else CoordPrecision.PLACE)
        for i, s in enumerate(network.sites))
    links = tuple(replace(lk, in_service=2015 + i) for i, lk in enumerate(network.links))
    return replace(network, sites=sites, links=links)


def test_a_csv_pair_carries_the_fields_as_columns_and_reads_them_back() -> None:
    network = _with_fields()
    sites_text, links_text = network_to_csv(network)
    assert "coord_precision" in sites_text.splitlines()[0]
    assert "in_service" in links_text.splitlines()[0]
    result = tables_to_network(read_table(sites_text, "net-sites.csv"),
                               read_table(links_text, "net-links.csv"))
    assert result.findings == ()
    assert {s.id: s.coord_precision for s in result.network.sites} == {
        s.id: s.coord_precision for s in network.sites}
    assert {lk.id: lk.in_service for lk in result.network.links} == {
        lk.id: lk.in_service for lk in network.links}
    assert not any("in_service" in lk.properties for lk in result.network.links)


def test_graphml_carries_the_fields_and_reads_them_back() -> None:
    network = _with_fields()
    result = parse_graphml(network_to_graphml(network), "net.graphml")
    assert {s.id: s.coord_precision for s in result.network.sites} == {
        s.id: s.coord_precision for s in network.sites}
    assert {lk.id: lk.in_service for lk in result.network.links} == {
        lk.id: lk.in_service for lk in network.links}


def test_a_table_with_a_bad_value_keeps_it_as_a_property_and_says_so() -> None:
    sites = read_table("id,name,lat,lon,coord_precision\nh,H,60,10,roughly\nc,C,61,11,place\n",
                       "x-sites.csv")
    links = read_table("from,to,in_service\nh,c,soon\nc,h,2019\n", "x-links.csv")
    result = tables_to_network(sites, links)
    assert result.network.site("h").coord_precision is None
    assert result.network.site("h").properties["coord_precision"] == "roughly"
    assert result.network.site("c").coord_precision is CoordPrecision.PLACE
    years = {(lk.a, lk.b): (lk.in_service, lk.properties.get("in_service"))
             for lk in result.network.links}
    assert years == {("h", "c"): (None, "soon"), ("c", "h"): (2019, None)}
    messages = [f.message for f in result.findings]
    assert any("'roughly' is not building, address or place" in m for m in messages)
    assert any("'soon' is not a year" in m for m in messages)
