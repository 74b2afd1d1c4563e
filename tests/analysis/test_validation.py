"""Each validation check on a small hand-built network that has exactly that problem."""

from __future__ import annotations

import math

import pytest
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
