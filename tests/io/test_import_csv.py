"""CSV sites and links tables: Norwegian and English headings, separators, encodings."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest

from stamnett_gui.domain import SiteKind
from stamnett_gui.io.csv.reader import pair_paths, read_csv_pair, read_table
from stamnett_gui.io.csv.writer import network_to_csv, write_csv_pair
from stamnett_gui.io.errors import CRSRequired, NetworkFileError

FIXTURES = Path(__file__).parents[1] / "fixtures" / "csv"


def test_norwegian_excel_export_semicolons_decimal_commas_windows_1252():
    result = read_csv_pair(FIXTURES / "steder.csv")
    network = result.network
    assert (len(network.sites), len(network.links)) == (6, 7)
    tromso = network.site("TOS")
    assert tromso.name == "Universitetssykehuset Nord-Norge, Tromsø"
    assert (tromso.lat, tromso.lon) == (69.6812, 18.9784)
    assert tromso.health_trust == "UNN HF" and tromso.municipality == "Tromsø"
    assert network.core == {"TOS", "BOD"}
    assert network.site("NAR").kind is SiteKind.HUB  # "knutepunkt"
    link = network.link("HAR-STO")
    assert link.name == "Harstad–Stokmarknes" and link.operator == "Telenor"
    assert link.risk_groups == {"Hålogalandsbrua", "60 kV-linje"}
    narvik_tromso = [lk.id for lk in network.links if set(lk.ends) == {"NAR", "TOS"}]
    assert narvik_tromso == ["NAR-TOS", "NAR-TOS-2"]  # parallel links, each its own
    assert result.findings == ()


def test_opening_the_links_table_finds_its_sites_table():
    result = read_csv_pair(FIXTURES / "lenker.csv")
    assert len(result.network.sites) == 6 and len(result.network.links) == 7


def test_english_headings_utf8_bom_routes_and_quoted_commas():
    network = read_csv_pair(FIXTURES / "net-sites.csv").network
    assert network.name == "net"
    assert network.core == {"osl", "trd"}
    assert network.site("dombas").name == "Dombås, junction"
    assert network.site("dombas").kind is SiteKind.JUNCTION
    assert network.site("osl").region == "Helse Sør-Øst"
    assert network.link("L1").route == ((10.7522, 59.9139), (10.0, 61.0), (9.125, 62.0744))
    assert network.link("L3").operator == "Broadnet, leased"
    assert network.link("L3").medium == "sea cable"


def test_excel_sep_line_and_utm_columns_with_a_crs():
    network = read_csv_pair(FIXTURES / "utm-steder.csv", crs="EPSG:25833").network
    assert network.site("tos").lat == pytest.approx(69.66, abs=0.01)
    with pytest.raises(CRSRequired, match="say which coordinate system they are in"):
        read_csv_pair(FIXTURES / "utm-steder.csv")


def test_a_hospital_list_without_ids_or_links_opens_as_sites(tmp_path):
    path = tmp_path / "hospitals.csv"
    path.write_text("name,lat,lon\nSt. Olavs hospital,63.421,10.3875\nVolda sjukehus,62.15,6.09\n")
    result = read_csv_pair(path)
    assert [s.id for s in result.network.sites] == ["st-olavs-hospital", "volda-sjukehus"]
    assert result.network.links == ()
    assert any("no id column" in f.message for f in result.findings)


def test_links_naming_sites_by_name_and_rows_with_problems(tmp_path):
    (tmp_path / "a-sites.csv").write_text(
        "id;navn;lat;lon\nosl;Oslo;59,91;10,75\nbgo;Bergen;sixty;5,32\nosl;Oslo;59,91;10,75\n"
        "osl;Oslo again;59,92;10,76\n")
    (tmp_path / "a-links.csv").write_text("fra;til\nOslo;Bergen\nosl;Trondheim\n;bgo\n")
    result = read_csv_pair(tmp_path / "a-sites.csv")
    found = [str(f) for f in result.findings]
    assert any("a-sites.csv line 3: column 'lat'" in f and "not a number" in f for f in found)
    assert math.isnan(result.network.site("bgo").lat)
    assert any("line 4: repeats site 'osl'" in f for f in found)
    assert any("line 5: site id 'osl' is already used" in f and "'osl-2'" in f for f in found)
    assert any("'Trondheim'" in f and "left out" in f for f in found)
    assert any("a-links.csv line 4: has no from or no to" in f for f in found)
    assert any("matched to the site of that name" in f for f in found)
    assert [lk.ends for lk in result.network.links] == [("osl", "bgo")]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("id;name\na;b\n", "no coordinate columns"),
        ("lat;lon\n60;10\n", "needs an id or a name"),
        ('id,name,lat,lon\na,"unclosed,60,10\n', "not valid CSV: unexpected end"),
    ],
)
def test_unusable_sites_tables_are_one_clear_error(tmp_path, text, words):
    path = tmp_path / "s.csv"
    path.write_text(text)
    with pytest.raises(NetworkFileError, match=words):
        read_csv_pair(path)


def test_a_links_table_alone_says_where_it_looked(tmp_path):
    shutil.copy(FIXTURES / "lenker.csv", tmp_path / "lenker.csv")
    with pytest.raises(NetworkFileError, match=r"looked for .*steder\.csv"):
        read_csv_pair(tmp_path / "lenker.csv")


def test_separator_detection_tab_and_comma():
    assert read_table("a\tb\n1\t2\n", "t").rows[0][1] == {"a": "1", "b": "2"}
    assert read_table("a,b;c\n1,2;3\n", "t").headings == ("a", "b;c")


@pytest.mark.parametrize(
    ("name", "sites", "links"),
    [
        ("net-sites.csv", "net-sites.csv", "net-links.csv"),
        ("net-links.csv", "net-sites.csv", "net-links.csv"),
        ("Steder.csv", "Steder.csv", "Lenker.csv"),
        ("nodes_2024.csv", "nodes_2024.csv", "edges_2024.csv"),
        ("net.csv", "net.csv", "net-links.csv"),
        ("website.csv", "website.csv", "website-links.csv"),
    ],
)
def test_pair_names(name, sites, links):
    assert [p.name for p in pair_paths(name)] == [sites, links]


def test_written_pair_reads_back_with_every_digit(tmp_path):
    network = read_csv_pair(FIXTURES / "steder.csv").network
    written = write_csv_pair(network, tmp_path / "nord.csv")
    assert [p.name for p in written] == ["nord.csv", "nord-links.csv"]
    assert written[0].read_bytes().startswith(b"\xef\xbb\xbf")  # Excel shows æøå
    back = read_csv_pair(tmp_path / "nord.csv").network
    assert back.sites == network.sites and back.links == network.links
    assert back.core == network.core
    sites_text, _ = network_to_csv(network)
    assert sites_text.splitlines()[0] == (
        "id,name,lat,lon,kind,health_trust,region,municipality,core,risk_groups")
