"""Failure scenarios with hazard areas, workshops and the network hash, as plain values."""

from __future__ import annotations

import doctest
import importlib

import pytest

from stamnett_gui.domain import FailureScenario, HazardArea, HazardAreaError, Link, Network, Site
from stamnett_gui.domain.content_hash import network_hash
from stamnett_gui.domain.workshop import MapView, NamedScenario, NetworkRef, Workshop

STORM = HazardArea.polygon("Storm", [(15, 68), (17, 68), (16, 69)])
FIRE = HazardArea.circle("Fire", (10.4, 63.4), 2)


@pytest.mark.parametrize("name", ["stamnett_gui.domain.hazard", "stamnett_gui.domain.scenario",
                                  "stamnett_gui.domain.workshop",
                                  "stamnett_gui.analysis.hazards"])
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0


def test_areas_are_added_replaced_toggled_and_removed_as_new_values():
    base = FailureScenario(failed_links=frozenset({"L1"}))
    s = base.add_area(STORM).add_area(FIRE)
    assert [a.name for a in s.hazard_areas] == ["Storm", "Fire"]
    assert base.hazard_areas == ()
    assert s.toggle_area("Storm").area("Storm").enabled is False
    assert s.toggle_area("Storm").toggle_area("Storm") == s
    moved = HazardArea.polygon("Storm", [(15, 67), (17, 67), (16, 68)])
    assert s.replace_area("Storm", moved).hazard_areas == (moved, FIRE)
    assert s.replace_area("Storm", STORM.renamed("Uvær")).hazard_areas[0].name == "Uvær"
    assert s.remove_area("Storm").hazard_areas == (FIRE,)
    assert s.remove_area("Storm").remove_area("Fire") == base
    with pytest.raises(HazardAreaError, match="already a hazard area named 'Fire'"):
        s.add_area(FIRE)
    with pytest.raises(HazardAreaError, match="already a hazard area named 'Fire'"):
        s.replace_area("Storm", STORM.renamed("Fire"))
    with pytest.raises(KeyError):
        s.remove_area("Flood")
    with pytest.raises(HazardAreaError, match="two hazard areas are named 'Storm'"):
        FailureScenario(hazard_areas=(STORM, STORM.toggled()))


def test_toggling_ids_keeps_the_areas():
    s = FailureScenario().add_area(STORM)
    assert s.toggle_link("L1").toggle_site("a").toggle_group("g").hazard_areas == (STORM,)


def test_an_enabled_area_makes_a_scenario_not_intact():
    assert FailureScenario().add_area(STORM).is_intact is False
    assert FailureScenario().add_area(STORM.toggled()).is_intact is True
    assert str(FailureScenario().add_area(STORM.toggled())) == "failed hazard areas: Storm (off)"
    assert str(FailureScenario(failed_links=frozenset({"L1"})).add_area(STORM)) == \
        "failed links: L1; hazard areas: Storm"
    assert str(FailureScenario()) == "intact network"


def test_union_keeps_the_left_area_on_a_shared_name():
    left = FailureScenario(failed_links=frozenset({"L1"})).add_area(STORM)
    right = FailureScenario(failed_sites=frozenset({"a"})).add_area(STORM.toggled()).add_area(FIRE)
    both = left | right
    assert both.hazard_areas == (STORM, FIRE)
    assert both.failed_links == {"L1"} and both.failed_sites == {"a"}


def test_scenarios_with_areas_hash_and_round_trip_through_dicts():
    s = FailureScenario(failed_groups=frozenset({"g"})).add_area(STORM).add_area(FIRE.toggled())
    again = FailureScenario.from_dict(s.to_dict())
    assert again == s and hash(again) == hash(s)
    assert {s: 1}[again] == 1
    # without areas the dict keeps its old shape (the command line's JSON output depends on it)
    assert FailureScenario().to_dict() == {"failed_links": [], "failed_sites": [], "failed_groups": []}


def test_area_dicts_are_geojson_polygons_or_circles():
    assert STORM.to_dict() == {"name": "Storm", "geometry": {"type": "Polygon", "coordinates": [
        [[15.0, 68.0], [17.0, 68.0], [16.0, 69.0], [15.0, 68.0]]]}, "enabled": True}
    assert FIRE.to_dict() == {"name": "Fire", "center": [10.4, 63.4], "radius_km": 2.0,
                              "enabled": True}
    with pytest.raises(HazardAreaError, match="both a geometry and a centre"):
        HazardArea.from_dict({**STORM.to_dict(), "center": [1, 2]})
    with pytest.raises(HazardAreaError, match="must be a GeoJSON Polygon"):
        HazardArea.from_dict({"name": "x", "geometry": {"type": "LineString", "coordinates": []}})
    with pytest.raises(HazardAreaError, match="unknown field"):
        HazardArea.from_dict({**FIRE.to_dict(), "radius": 3})
    with pytest.raises(HazardAreaError, match="'enabled' of hazard area 'Fire'"):
        HazardArea.from_dict({**FIRE.to_dict(), "enabled": "yes"})


def test_rings_are_closed_and_cleaned_of_repeats():
    area = HazardArea.polygon("A", [(1, 1), (2, 1), (2, 1), (2, 2), (1, 1)])
    assert area.rings == (((1.0, 1.0), (2.0, 1.0), (2.0, 2.0), (1.0, 1.0)),)
    assert area == HazardArea.polygon("A", [(1, 1), (2, 1), (2, 2)])


def test_a_network_ref_names_the_network_and_its_content_hash():
    a, b = Site("a", "A", 10.0, 60.0), Site("b", "B", 11.0, 60.0)
    net = Network("n", (a, b), (Link("L1", "a", "b"),))
    assert NetworkRef.of(net) == NetworkRef("n", network_hash(net))


def test_workshop_steps_are_values():
    one, two = NamedScenario("One"), NamedScenario("Two", scenario=FailureScenario().add_area(FIRE))
    w = Workshop("W", (one,))
    assert w.inserted(1, two).scenarios == (one, two)
    assert w.inserted(1, two).removed(0).scenarios == (two,)
    assert w.inserted(0, two).moved(0, 1).scenarios == (one, two)
    assert w.replaced(0, one.with_scenario(two.scenario)).scenarios[0].scenario == two.scenario
    assert w.scenarios == (one,)
    with pytest.raises(ValueError, match="from 1 to 10"):
        NamedScenario("x", target=0)
    with pytest.raises(ValueError, match="west < east"):
        MapView(10, 60, 5, 61)
