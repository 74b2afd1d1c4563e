"""Each validation check on a small hand-built network that has exactly that problem."""

from __future__ import annotations

import math

import pytest
import shapely
from shapely.geometry import Polygon

from stamnett_gui.analysis.validation import (
    Check,
    Level,
    Territory,
    ValidationSettings,
    validate_network,
)
from stamnett_gui.domain import Link, Network, Site

#: A stand-in for Norway's land: lon 5..12, lat 58..63.
LAND = Polygon([(5, 58), (12, 58), (12, 63), (5, 63)])


def net(sites, links=(), core=("a",)):
    return Network("t", tuple(sites), tuple(links), frozenset(core))


def ring():
    """Four sites in a ring around the core site a: nothing wrong."""
    sites = [Site(i, i.upper(), 6 + n, 59 + n / 2) for n, i in enumerate("abcd")]
    links = [Link(f"L{n}", x, y) for n, (x, y) in enumerate(["ab", "bc", "cd", "da"])]
    return sites, links


def checks(findings):
    return [f.check for f in findings]


def test_a_sound_network_has_no_findings():
    sites, links = ring()
    assert validate_network(net(sites, links), LAND) == []


def test_the_west_coast_network_of_the_other_tests_is_clean(west_coast):
    assert validate_network(west_coast) == []


def test_duplicate_site_and_link_ids_are_errors():
    sites, links = ring()
    findings = validate_network(net([*sites, Site("b", "Other B", 7.5, 60.5)],
                                     [*links, Link("L1", "a", "c")]))
    dupes = [f for f in findings if f.check is Check.DUPLICATE_ID]
    assert [(f.where, f.severity) for f in dupes] == [
        ("site 'b'", Level.ERROR), ("link 'L1'", Level.ERROR)]
    assert dupes[0].sites == ("b",) and dupes[1].links == ("L1",)


def test_links_to_unknown_sites_are_errors_naming_the_link():
    sites, links = ring()
    [finding] = [f for f in validate_network(net(sites, [*links, Link("X", "a", "zz")]))
                 if f.check is Check.UNKNOWN_SITE]
    assert (finding.where, finding.links, finding.severity) == ("link 'X'", ("X",), Level.ERROR)
    assert "'zz'" in finding.message


def test_self_loops_are_warnings():
    sites, links = ring()
    [finding] = validate_network(net(sites, [*links, Link("S", "b", "b")]))
    assert (finding.check, finding.severity, finding.sites) == (Check.SELF_LOOP, Level.WARNING,
                                                                ("b",))


def test_sites_without_coordinates_are_errors():
    sites, links = ring()
    sites[2] = Site("c", "C", math.nan, math.nan)
    sites[3] = Site("d", "D", 200.0, 59.0)
    findings = validate_network(net(sites, links), LAND)
    missing = [f for f in findings if f.check is Check.NO_COORDINATES]
    assert [f.sites for f in missing] == [("c",), ("d",)]
    assert all(f.severity is Level.ERROR for f in missing)
    assert findings[:2] == missing  # errors come first


def test_sites_outside_land_and_territorial_waters():
    sites, links = ring()
    sites += [Site("near", "In the waters", 12.3, 60.0),  # 17 km off the "coast": inside
              Site("far", "Out at sea", 12.5, 60.0),  # 28 km off: outside
              Site("sto", "Stockholm", 18.06, 59.33)]
    links += [Link("x1", "a", "near"), Link("x2", "a", "far"), Link("x3", "a", "sto")]
    outside = [f for f in validate_network(net(sites, links), LAND)
               if f.check is Check.OUTSIDE_NORWAY]
    assert [f.sites for f in outside] == [("far",), ("sto",)]
    assert outside[0].where == "site 'far' (Out at sea)"


#: A stand-in for Sweden east of the stand-in Norway, and a far-off land where swapped
#: coordinates of a Norwegian site would fall (lon 58..64, lat 5..12).
SWEDEN = Polygon([(12, 55), (20, 55), (20, 66), (12, 66)])
FAR_OFF = Polygon([(58, 5), (64, 5), (64, 12), (58, 12)])


def outside_norway(sites, neighbours):
    ring_sites, links = ring()
    network = net([*ring_sites, *sites], [*links, *(Link(f"x{s.id}", "a", s.id) for s in sites)])
    area = Territory(LAND, neighbours=neighbours)
    return [f for f in validate_network(network, area) if f.check is Check.OUTSIDE_NORWAY]


def test_a_site_on_a_neighbours_land_or_coast_is_not_outside():
    sites = [Site("sto", "Stockholm", 18.06, 59.33), Site("lul", "Luleå", 20.1, 65.58),
             Site("coast", "Off the coast", 20.2, 60.0)]  # 11 km off its coast: in its waters
    assert outside_norway(sites, SWEDEN) == []


def test_a_site_at_sea_far_from_any_coast_still_is():
    [finding] = outside_norway([Site("sea", "North Sea", 3.0, 56.0)], SWEDEN)
    assert finding.where == "site 'sea' (North Sea)"
    assert finding.message == (
        "lies at lat 56.0000, lon 3.0000, outside Norway's land and territorial waters and away "
        "from the countries the map draws; check its coordinates (swapped or wrong sign?)")


def test_swapped_coordinates_that_would_land_in_norway_are_named_even_abroad():
    # (lon 60, lat 7) is on the far-off land; swapped, (lon 7, lat 60) is in Norway.
    # (lon 63.8, lat 11) is there too, but swapped it is 90 km north of the stand-in Norway.
    sites = [Site("swap", "Swapped", 60.0, 7.0), Site("far", "Far off", 63.8, 11.0)]
    assert [f.sites for f in outside_norway(sites, SWEDEN)] == [("swap",), ("far",)]
    findings = outside_norway(sites, shapely.union(SWEDEN, FAR_OFF))
    assert [f.sites for f in findings] == [("swap",)]
    assert findings[0].message == ("lies at lat 7.0000, lon 60.0000, outside Norway; with latitude "
                                   "and longitude swapped it would lie in Norway: check its "
                                   "coordinates")


def test_without_neighbours_only_norway_counts():
    assert [f.sites for f in outside_norway([Site("sto", "Stockholm", 18.06, 59.33)], None)] == [
        ("sto",)]


def test_a_prepared_territory_gives_the_same_answer():
    sites, links = ring()
    sites.append(Site("far", "F", 12.5, 60.0))
    network = net(sites, [*links, Link("x", "a", "far")])
    assert validate_network(network, Territory(LAND)) == validate_network(network, LAND)


def test_no_land_skips_the_territory_check():
    network = net([Site("a", "A", 100.0, 10.0), Site("b", "B", 101.0, 11.0)], [Link("L", "a", "b")])
    assert Check.OUTSIDE_NORWAY not in checks(validate_network(network))


def test_sites_on_top_of_each_other_are_one_finding_per_spot():
    sites, links = ring()
    sites += [Site("a2", "A twin", 6.0, 59.0), Site("a3", "A triplet", 6.00001, 59.00001)]
    links += [Link("t1", "a", "a2"), Link("t2", "a", "a3")]
    [finding] = [f for f in validate_network(net(sites, links)) if f.check is Check.STACKED_SITES]
    assert set(finding.sites) == {"a", "a2", "a3"}
    assert "3 sites sit on the same spot" in finding.message


def test_sites_a_few_metres_apart_are_not_stacked():
    sites, links = ring()
    sites.append(Site("e", "E", 6.0002, 59.0))  # 11 m east of a
    findings = validate_network(net(sites, [*links, Link("x", "a", "e")]))
    assert Check.STACKED_SITES not in checks(findings)
    settings = ValidationSettings(stacked_m=20)
    assert Check.STACKED_SITES in checks(validate_network(net(sites, [*links, Link("x", "a", "e")]),
                                                          settings=settings))


def test_a_route_far_longer_than_its_straight_line():
    sites, links = ring()
    detour = ((6.0, 59.0), (10.0, 62.0), (7.0, 59.5))  # a to b by way of Trondheim
    links[0] = Link("L0", "a", "b", route=detour)
    [finding] = [f for f in validate_network(net(sites, links)) if f.check is Check.LONG_ROUTE]
    assert finding.links == ("L0",) and "times the straight line" in finding.message
    gentle = ((6.0, 59.0), (6.6, 59.4), (7.0, 59.5))
    links[0] = Link("L0", "a", "b", route=gentle)
    assert Check.LONG_ROUTE not in checks(validate_network(net(sites, links)))


def test_disconnected_parts_and_sites_that_cannot_reach_the_core():
    sites, links = ring()
    sites += [Site("x", "X", 8.0, 61.0), Site("y", "Y", 8.5, 61.5), Site("z", "Z", 9.0, 62.0)]
    links.append(Link("xy", "x", "y"))
    findings = validate_network(net(sites, links))
    [parts] = [f for f in findings if f.check is Check.DISCONNECTED]
    assert "3 separate parts (of 4, 2, 1 sites)" in parts.message
    cut_off = [f for f in findings if f.check is Check.CANNOT_REACH_CORE]
    assert [set(f.sites) for f in cut_off] == [{"x", "y"}, {"z"}]
    assert cut_off[1].where == "site 'z' (Z)"


def test_a_part_with_its_own_core_site_can_reach_the_core():
    sites, links = ring()
    sites += [Site("x", "X", 8.0, 61.0), Site("y", "Y", 8.5, 61.5)]
    links.append(Link("xy", "x", "y"))
    findings = validate_network(net(sites, links, core=("a", "x")))
    assert checks(findings) == [Check.DISCONNECTED]


def test_no_core_and_unknown_core_sites():
    sites, links = ring()
    assert checks(validate_network(net(sites, links, core=()))) == [Check.NO_CORE]
    [finding] = validate_network(net(sites, links, core=("a", "ghost")))
    assert (finding.check, finding.severity) == (Check.UNKNOWN_CORE_SITE, Level.ERROR)


def test_many_findings_of_one_check_are_grouped_with_every_id():
    sites = [Site(f"s{i}", f"S{i}", math.nan, math.nan) for i in range(30)]
    [finding] = [f for f in validate_network(net(sites, core=("s0",)))
                 if f.check is Check.NO_COORDINATES]
    assert finding.where == "30 sites" and len(finding.sites) == 30


@pytest.mark.parametrize("check", list(Check))
def test_every_check_has_a_stable_name(check):
    assert check.value == check.value.lower() and " " not in check.value


# --- the real map ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def drawn_land() -> Territory:
    from stamnett_gui.analysis.validation import territory
    from stamnett_gui.io.basemap import load_basemap

    basemap = load_basemap()
    return territory(basemap.norwegian_land, neighbours=basemap.neighbours)


def test_the_bundled_network_has_no_findings(drawn_land):
    from stamnett_gui.io.loading import load_default_network

    assert validate_network(load_default_network(), drawn_land) == []


@pytest.mark.parametrize("name", ["Nordu2010", "Geant2012"])
def test_topology_zoo_sites_in_the_nordic_countries_are_not_outside(drawn_land, name):
    from pathlib import Path

    from stamnett_gui.io.loading import import_network

    path = Path(__file__).parents[1] / "fixtures" / "topologies" / f"{name}.gml"
    network = import_network(path).network
    findings = validate_network(network, drawn_land, settings=ValidationSettings(group_after=100))
    outside = {network.site(f.sites[0]).name for f in findings if f.check is Check.OUTSIDE_NORWAY}
    nordic = {"Stockholm", "Helsinki", "Copenhagen", "SE", "FI", "DK"}
    assert {s.name for s in network.sites} & nordic
    assert not outside & nordic
    assert "Reyjavik" in outside or "IS" in outside  # Iceland is not on the map: still outside


def test_the_real_map_still_warns_at_sea_and_for_swaps(drawn_land):
    sites = [Site("a", "Oslo", 10.75, 59.91), Site("sea", "Norwegian Sea", -2.0, 66.0),
             Site("swap", "Tromsø swapped", 69.65, 18.96), Site("hap", "Haparanda", 24.14, 65.84),
             Site("ivalo", "Ivalo", 27.54, 68.66), Site("kola", "Murmansk", 33.08, 68.97)]
    network = net(sites, [Link(f"L{s.id}", "a", s.id) for s in sites[1:]])
    outside = [f.sites for f in validate_network(network, drawn_land)
               if f.check is Check.OUTSIDE_NORWAY]
    assert outside == [("sea",), ("swap",)]
