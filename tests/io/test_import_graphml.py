"""GraphML: coordinates by common names, parallel edges, CRS, yEd, hyperedges, safety."""

from __future__ import annotations

import io
import math
from pathlib import Path

import networkx as nx
import pytest

from stamnett_gui.domain import Link, Network, RiskGroup, RiskKind, Site, SiteKind
from stamnett_gui.io.errors import CRSRequired, NetworkFileError
from stamnett_gui.io.graphml.reader import parse_graphml, read_graphml
from stamnett_gui.io.graphml.writer import network_to_graphml, write_graphml

FIXTURES = Path(__file__).parents[1] / "fixtures" / "graphml"


def test_lat_lon_names_core_flags_and_parallel_links():
    result = read_graphml(FIXTURES / "norway-latlon.graphml")
    network = result.network
    assert network.name == "Fem steder"
    assert network.core == {"oslo", "bergen"}  # the others take the key's default, false
    oslo = network.site("oslo")
    assert (oslo.name, oslo.lat, oslo.lon) == ("Oslo universitetssykehus", 59.9487, 10.7147)
    assert oslo.health_trust == "Oslo universitetssykehus HF"  # a Norwegian attribute name
    assert oslo.properties == {"population": 709037}
    parallel = [lk for lk in network.links if set(lk.ends) == {"oslo", "hamar"}]
    assert [(lk.id, lk.operator) for lk in parallel] == [("e1", "Telenor"), ("e2", "Broadnet")]
    assert parallel[0].risk_groups == {"Dovrebanen", "E6"}
    assert network.link("hamar-gjovik").ends == ("hamar", "gjovik")  # made-up id for no id
    assert result.findings == ()


def test_zoo_style_latitude_longitude_and_label():
    network = read_graphml(FIXTURES / "zoo-style.graphml").network
    assert [s.name for s in network.sites] == ["Oslo", "Stockholm", "Helsinki"]
    assert network.site("0").position == (10.74609, 59.91273)
    assert math.isnan(network.site("2").lat)
    assert [lk.id for lk in network.links] == ["0-1", "0-1-2", "1-2"]


def test_projected_x_y_with_a_crs():
    network = read_graphml(FIXTURES / "utm33.graphml", crs="EPSG:25833").network
    tromso = network.site("tos")
    assert tromso.name == "Tromsø"
    assert tromso.lon == pytest.approx(18.96, abs=0.01)
    assert tromso.lat == pytest.approx(69.66, abs=0.01)


def test_projected_x_y_without_a_crs_asks_for_one():
    with pytest.raises(CRSRequired, match=r"look projected \(metres\).*EPSG:25833"):
        read_graphml(FIXTURES / "utm33.graphml")


def test_an_unknown_crs_is_named():
    with pytest.raises(NetworkFileError, match="'EPSG:99999' is not a coordinate system"):
        read_graphml(FIXTURES / "utm33.graphml", crs="EPSG:99999")


def test_x_y_in_degrees_are_taken_as_lon_lat_with_a_warning():
    result = read_graphml(FIXTURES / "osmnx-xy.graphml")
    assert result.network.site("10").position == (10.3951, 63.4305)
    assert any("taken as longitude/latitude" in f.message for f in result.findings)
    assert any("directed" in f.message for f in result.findings)
    assert len(result.network.links) == 2  # one each way: two links


def test_yed_node_labels_become_names():
    network = read_graphml(FIXTURES / "yed.graphml").network
    assert [s.name for s in network.sites] == ["Kirkenes", "Vadsø"]
    assert all(math.isnan(s.lon) for s in network.sites)


def test_a_hyperedge_is_a_junction_linked_to_its_ends_sharing_one_risk_group():
    result = read_graphml(FIXTURES / "hyperedge.graphml")
    network = result.network
    ring = network.site("ring")
    assert ring.kind is SiteKind.JUNCTION and ring.position == (11.0, 61.0)
    assert {lk.other_end("ring") for lk in network.links} == {"a", "b", "c"}
    links, _ = network.group_members("shared medium ring")
    assert len(links) == 3


def test_bad_values_and_undeclared_keys_are_warnings_that_name_the_element():
    text = """<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
      <key id="lat" for="node" attr.name="lat" attr.type="double"/>
      <key id="lon" for="node" attr.name="lon" attr.type="double"/>
      <graph edgedefault="undirected">
        <node id="a"><data key="lat">sixty</data><data key="lon">10</data></node>
        <node id="b"><data key="nope">1</data></node>
        <edge source="a" target="ghost"/>
      </graph></graphml>"""
    result = parse_graphml(text, "bad.graphml")
    words = [str(f) for f in result.findings]
    assert any("node 'a' (line 5): attribute 'lat'" in w and "not a number" in w for w in words)
    assert any("node 'b' (line 6)" in w and "undeclared key 'nope'" in w for w in words)
    [error] = result.errors
    assert "'ghost'" in error.message
    assert math.isnan(result.network.site("a").lat)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("<graphml><graph><node id='a'></graph></graphml>", "line 1"),
        ("<html><body/></html>", "not GraphML"),
        ("<graphml><graph/></graphml>", "no nodes"),
        ("", "broken"),
    ],
)
def test_broken_graphml_is_one_clear_error(text, words):
    with pytest.raises(NetworkFileError) as caught:
        parse_graphml(text, "x.graphml")
    assert words in str(caught.value) + " ".join(f.where for f in caught.value.findings)


def test_external_entities_are_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("password")
    text = f"""<?xml version="1.0"?>
<!DOCTYPE graphml [<!ENTITY x SYSTEM "file://{secret}">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="n" for="node" attr.name="name" attr.type="string"/>
  <graph><node id="a"><data key="n">&x;</data></node></graph></graphml>"""
    with pytest.raises(NetworkFileError) as caught:
        parse_graphml(text.encode(), "xxe.graphml")
    assert "document type" in str(caught.value)
    assert "password" not in str(caught.value)


def test_entity_expansion_bombs_are_refused_quickly():
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    text = (f'<?xml version="1.0"?><!DOCTYPE g [{entities}]>'
            '<graphml><graph><node id="&j;"/></graph></graphml>')
    with pytest.raises(NetworkFileError, match="document type"):
        parse_graphml(text.encode(), "bomb.graphml")


def test_pythons_expat_itself_limits_expansion():
    """The belt under our braces: even without our refusal, expat stops a bomb."""
    import xml.etree.ElementTree as ET

    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    with pytest.raises(ET.ParseError, match="amplification"):
        ET.fromstring(f'<!DOCTYPE g [{entities}]><g>&j;</g>')


def sample_network() -> Network:
    sites = (
        Site("osl", "Oslo <hub> & \"core\"", 10.7522, 59.9139, SiteKind.HUB,
             risk_groups=frozenset({"Oslo S"}), properties={"beds": 12, "note": "a\nb"}),
        Site("bgo", "Bergen", 5.3221, 60.3913, SiteKind.DATA_CENTRE, "Helse Bergen HF",
             "Helse Vest", "Bergen"),
        Site("x", "No position", math.nan, math.nan, SiteKind.JUNCTION),
    )
    links = (
        Link("L1", "osl", "bgo", ((10.7522, 59.9139), (8.0, 60.6), (5.3221, 60.3913)),
             "fibre", frozenset({"Bergensbanen", "a;b"}), "Oslo–Bergen", "Telenor",
             properties={"km": 496.5}),
        Link("L2", "osl", "bgo", medium="radio"),
        Link("L3", "bgo", "x"),
    )
    return Network("Sample", sites, links, frozenset({"osl"}), 2, True, "Two\ncities",
                   (RiskGroup("Bergensbanen", RiskKind.RAILWAY, "the railway"),))


def same_sites(a: Network, b: Network) -> bool:
    def key(s: Site) -> tuple[object, ...]:
        return (s.id, s.name, repr(s.lon), repr(s.lat), s.kind, s.health_trust, s.region,
                s.municipality, s.risk_groups)
    return [key(s) for s in a.sites] == [key(s) for s in b.sites]


def test_written_graphml_reads_back_equal_with_properties(tmp_path):
    network = sample_network()
    write_graphml(network, tmp_path / "out.graphml")
    back = read_graphml(tmp_path / "out.graphml")
    assert back.findings == ()
    assert same_sites(back.network, network)
    assert back.network.links == network.links
    assert (back.network.name, back.network.core, back.network.target, back.network.modelled,
            back.network.description, back.network.risk_groups) == (
        network.name, network.core, network.target, network.modelled, network.description,
        network.risk_groups)
    assert back.network.site("osl").properties == {"beds": 12, "note": "a\nb"}
    assert back.network.link("L1").properties == {"km": 496.5}


def test_networkx_reads_what_we_write_and_we_read_what_networkx_writes():
    network = sample_network()
    graph = nx.read_graphml(io.BytesIO(network_to_graphml(network).encode()))
    assert graph.number_of_nodes() == 3 and graph.number_of_edges() == 3
    assert graph.nodes["bgo"]["lat"] == 60.3913
    theirs = nx.MultiGraph()
    theirs.add_node("a", lat=60.0, lon=10.0, name="A")
    theirs.add_node("b", lat=61.0, lon=11.0, name="B")
    theirs.add_edge("a", "b", medium="radio")
    theirs.add_edge("a", "b", medium="fibre")
    buffer = io.BytesIO()
    nx.write_graphml(theirs, buffer)
    back = parse_graphml(buffer.getvalue(), "nx.graphml").network
    assert [lk.medium for lk in back.links] == ["radio", "fibre"]
    assert back.site("b").position == (11.0, 61.0)


def test_control_characters_cannot_go_into_xml(tmp_path):
    network = Network("n", (Site("a", "bell\x07", 10.0, 60.0),), ())
    with pytest.raises(NetworkFileError, match="control character"):
        write_graphml(network, tmp_path / "x.graphml")
    assert not (tmp_path / "x.graphml").exists()
