"""``stamnett analyse --scenario FILE`` applies hazard areas exactly as the window does."""

from __future__ import annotations

import json

import pytest

from stamnett_gui.analysis.hazards import resolve_scenario
from stamnett_gui.cli import main
from stamnett_gui.domain import FailureScenario, HazardArea, Link, Network, Site, SiteKind
from stamnett_gui.domain.workshop import NamedScenario
from stamnett_gui.io.geojson.network import write_network
from stamnett_gui.io.scenario_file import write_scenario_file


def _network() -> Network:
    """Bodø hub; Svolvær and Stokmarknes on the islands, each on two links; Narvik inland."""
    sites = (
        Site("bodo", "Bodø", 14.40, 67.28, SiteKind.HUB),
        Site("svolvaer", "Svolvær", 14.57, 68.23),
        Site("stokmarknes", "Stokmarknes", 14.91, 68.56),
        Site("narvik", "Narvik", 17.43, 68.44),
    )
    links = (
        Link("L1", "bodo", "svolvaer"),
        Link("L2", "svolvaer", "stokmarknes"),
        Link("L3", "stokmarknes", "narvik"),
        Link("L4", "narvik", "bodo"),
        Link("L5", "bodo", "stokmarknes", route=((14.40, 67.28), (13.5, 68.0), (14.91, 68.56))),
    )
    return Network("Islands", sites, links, core=frozenset({"bodo"}))


@pytest.fixture
def net_file(tmp_path):
    path = tmp_path / "net.geojson"
    write_network(_network(), path)
    return str(path)


def _analyse(capsys, *argv):
    code = main(["analyse", *argv, "--format", "json"])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out else None), err


STORM = HazardArea.polygon("Storm", [(14.2, 68.0), (15.3, 68.0), (15.3, 68.7), (14.2, 68.7)])


def test_an_area_in_a_scenario_file_fails_what_it_crosses(capsys, tmp_path, net_file):
    path = tmp_path / "storm.json"
    scenario = FailureScenario().add_area(STORM)
    write_scenario_file(path, NamedScenario("Storm", scenario=scenario), _network())
    code, data, err = _analyse(capsys, net_file, "--scenario", str(path))
    assert err == "" and code == 1
    ids = resolve_scenario(_network(), scenario)
    assert ids.failed_sites == {"svolvaer", "stokmarknes"}
    code, by_ids, _ = _analyse(capsys, net_file, "--fail-site", *sorted(ids.failed_sites),
                               "--fail", *sorted(ids.failed_links))
    assert [s["diversity"] for s in data["sites"]] == [s["diversity"] for s in by_ids["sites"]]
    assert data["scenario"]["hazard_areas"] == [STORM.to_dict()]


def test_a_switched_off_area_fails_nothing(capsys, tmp_path, net_file):
    path = tmp_path / "off.json"
    write_scenario_file(path, NamedScenario(scenario=FailureScenario().add_area(STORM.toggled())))
    _, data, _ = _analyse(capsys, net_file, "--scenario", str(path))
    _, intact, _ = _analyse(capsys, net_file)
    assert data["sites"] == intact["sites"]
    assert not any(s["lost"] for s in data["sites"])


def test_a_repaired_outline_is_a_warning_and_an_empty_one_is_left_out(capsys, tmp_path, net_file):
    bow = HazardArea.polygon("Bow", [(14.2, 68.0), (15.3, 68.7), (15.3, 68.0), (14.2, 68.7)])
    line = HazardArea.polygon("Line", [(15.0, 66.0), (15.0, 67.0), (15.0, 68.0)])
    path = tmp_path / "bad.json"
    write_scenario_file(path, NamedScenario(scenario=FailureScenario(hazard_areas=(bow, line))))
    _, data, err = _analyse(capsys, net_file, "--scenario", str(path))
    assert err.splitlines() == [
        f"stamnett: warning: {path}: the outline of hazard area 'Bow' was not a simple shape "
        "(self-intersection); it was repaired into 2 parts covering everything the outline encloses",
        f"stamnett: warning: {path}: the outline of hazard area 'Line' encloses no area; "
        "it was left out",
    ]
    assert [a["name"] for a in data["scenario"]["hazard_areas"]] == ["Bow"]


def test_a_bad_radius_in_a_file_is_one_line_and_exit_2(capsys, tmp_path, net_file):
    path = tmp_path / "wide.json"
    path.write_text(json.dumps({"format": "stamnett-scenario", "version": 2, "hazard_areas": [
        {"name": "Storm", "center": [15, 68], "radius_km": 10000}]}), encoding="utf-8")
    code = main(["analyse", net_file, "--scenario", str(path)])
    _, err = capsys.readouterr()
    assert code == 2
    assert err == (f"stamnett: {path}: the radius of hazard area 'Storm' must be from 0.1 km to "
                   "1,000 km, not 10000 km\n")
