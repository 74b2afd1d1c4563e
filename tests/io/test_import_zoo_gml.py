"""Topology Zoo GML: the two real samples, and a fixture with every quirk of the Zoo's files."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from stamnett_gui.domain import SiteKind
from stamnett_gui.io.errors import NetworkFileError, Severity
from stamnett_gui.io.gml.syntax import parse_gml
from stamnett_gui.io.gml.zoo import parse_zoo_gml, read_zoo_gml

FIXTURES = Path(__file__).parents[1] / "fixtures"


def messages(result, text):
    return [f for f in result.findings if text in f.message]


def test_geant_2012_reads_all_40_nodes_and_61_edges_placing_the_3_without_coordinates():
    result = read_zoo_gml(FIXTURES / "topologies" / "Geant2012.gml")
    network = result.network
    assert (len(network.sites), len(network.links)) == (40, 61)
    assert network.name == "Geant2012"
    placed = messages(result, "placed at the mean")
    assert sorted(f.where.split(" ")[1] for f in placed) == ["10", "11", "19"]
    assert all(f.severity is Severity.WARNING for f in result.findings)
    ua = network.site("10")
    pl = network.site("3")
    assert (ua.name, ua.lon, ua.lat) == ("UA", pl.lon, pl.lat)  # its one neighbour is Poland


def test_nordu_2010_places_chains_renames_duplicate_labels_and_keeps_both_components():
    result = read_zoo_gml(FIXTURES / "topologies" / "Nordu2010.gml")
    network = result.network
    assert (len(network.sites), len(network.links)) == (18, 17)
    assert all(math.isfinite(s.lon) and math.isfinite(s.lat) for s in network.sites)
    # GLORIAD (6) has only St Petersburg (15) as neighbour, which has no coordinates
    # either: it is placed in a second round, where Espoo put St Petersburg.
    espoo = network.site("13")
    assert network.site("15").position == espoo.position == network.site("6").position
    assert [network.site(i).name for i in ("2", "5", "7", "8")] == [
        "London", "London (5)", "INTERNET", "INTERNET (8)"]
    assert len(messages(result, "is also the label of")) == 2
    assert network.site("5").properties["label"] == "London"


@pytest.fixture(scope="module")
def quirks():
    return read_zoo_gml(FIXTURES / "zoo" / "quirks.gml")


def test_parallel_edges_without_multigraph_header_are_each_a_link(quirks):
    between = [lk for lk in quirks.network.links if set(lk.ends) == {"0", "1"}]
    assert len(between) == 3
    assert len({lk.id for lk in between}) == 3
    assert [lk.name for lk in between[:2]] == ["Oslo-Bergen 1", "Oslo-Bergen 2"]
    assert messages(quirks, "no 'multigraph 1'")


def test_sites_without_coordinates_are_placed_at_the_mean_of_their_neighbours(quirks):
    network = quirks.network
    bergen = network.site("1")
    assert network.site("3").position == bergen.position  # round one: next to Bergen
    assert network.site("4").position == bergen.position  # round two: next to node 3
    ring = network.site("5")
    ends = [network.site(i) for i in ("0", "1", "2")]
    assert ring.lon == pytest.approx(sum(s.lon for s in ends) / 3)
    assert ring.lat == pytest.approx(sum(s.lat for s in ends) / 3)
    placed = {f.where.split(" ")[1] for f in messages(quirks, "placed at the mean")}
    assert placed == {"3", "4", "5", "8", "10"}


def test_a_node_with_no_located_neighbour_stays_without_coordinates(quirks):
    lost = quirks.network.site("9")
    assert math.isnan(lost.lon) and math.isnan(lost.lat)


def test_impossible_and_placeholder_coordinates_are_treated_as_missing(quirks):
    assert messages(quirks, "latitude 100.7 is outside -90..90")
    assert messages(quirks, "latitude 0, longitude 0")
    assert quirks.network.site("8").position == quirks.network.site("6").position
    assert quirks.network.site("10").position == quirks.network.site("0").position


def test_a_norwegian_node_on_jan_mayen_is_flagged_and_left_in_place(quirks):
    [finding] = messages(quirks, "on Jan Mayen")
    assert finding.where.startswith("node 2 'Trondheim'")
    assert quirks.network.site("2").position == (-8.5, 71.0)


def test_a_hyperedge_node_becomes_a_junction_and_its_links_a_risk_group(quirks):
    network = quirks.network
    assert network.site("5").kind is SiteKind.JUNCTION
    [group] = network.risk_groups
    assert group.name == "shared medium Ring"
    links, _ = network.group_members(group.name)
    assert {network.link(i).other_end("5") for i in links} == {"0", "1", "2"}


def test_character_references_in_labels_are_decoded(quirks):
    assert quirks.network.site("6").name == "Tromsø"


def test_an_edge_to_a_missing_node_is_left_out_with_an_error(quirks):
    [error] = quirks.errors
    assert "'99'" in error.message and "left out" in error.message
    assert error.where == "edge at line 131"
    assert len(quirks.network.links) == 12


def test_multigraph_header_with_string_ids_and_a_directed_flag():
    result = read_zoo_gml(FIXTURES / "zoo" / "multigraph.gml")
    assert [lk.ends for lk in result.network.links] == [
        ("osl", "bgo"), ("osl", "bgo"), ("bgo", "osl")]
    assert [f.message for f in result.findings if "directed" in f.message]
    assert not messages(result, "multigraph")


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ('graph [\n node [ id 1 label "a ]\n]', "line 2", "never closed"),
        ("graph [\n node [ id 1 ]\n", "line 1", "never closed"),
        ("graph [ node [ id 1 ] ] ]", "line 1", "never opened"),
        ("graph [\n  node [ id ]\n]", "line 2", "has no value"),
        ("graph [\n  @ 1\n]", "line 2", "unexpected text"),
        ("graph [ node [ id 1 ] edge [ source", "line 1", "ends before"),
    ],
)
def test_broken_gml_names_the_line(text, where, words):
    with pytest.raises(NetworkFileError) as caught:
        parse_zoo_gml(text, "broken.gml")
    [finding] = caught.value.findings
    assert finding.where == where and words in finding.message


def test_gml_without_a_graph_or_nodes_is_refused():
    with pytest.raises(NetworkFileError, match="no 'graph"):
        parse_zoo_gml("Creator 1", "x.gml")
    with pytest.raises(NetworkFileError, match="no nodes"):
        parse_zoo_gml("graph [ directed 0 ]", "x.gml")


def test_deep_nesting_is_refused_without_recursion():
    with pytest.raises(NetworkFileError, match="nested more than"):
        parse_gml("a " + "[ b " * 10_000, "deep.gml")


def test_numbers_strings_and_comments():
    records = parse_gml('# comment\nx -1.5e3 y "two\nlines" z +INF w 7', "t.gml")
    assert [(r.key, r.value, r.line) for r in records] == [
        ("x", -1500.0, 2), ("y", "two\nlines", 2), ("z", math.inf, 3), ("w", 7, 3)]
