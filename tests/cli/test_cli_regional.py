"""``stamnett regional``, ``stamnett survival`` and the --workers/--scheduler options of the sweeps."""

from __future__ import annotations

import csv
import io
import json
import time

import pytest

from stamnett_gui.cli import main
from stamnett_gui.domain import FailureScenario, HazardArea, Link, Network, Site, SiteKind
from stamnett_gui.io.geojson.network import write_network
from stamnett_gui.io.scenario_file import write_scenario


def _network() -> Network:
    """Hub c; a on two links to c (one bent north, one straight), b on a spur from a."""
    sites = (
        Site("c", "Hub", 10.75, 59.91, SiteKind.HUB),
        Site("a", "Akershus", 11.3, 59.95),
        Site("b", "Bærum", 11.5, 60.1),
    )
    links = (
        Link("L1", "c", "a", route=((10.75, 59.91), (11.0, 60.1), (11.3, 59.95))),
        Link("L2", "c", "a"),
        Link("L3", "a", "b"),
    )
    return Network("Test net", sites, links, core=frozenset({"c"}), target=2)


@pytest.fixture
def net_file(tmp_path):
    path = tmp_path / "net.geojson"
    write_network(_network(), path)
    return str(path)


def test_regional_table_json_and_csv(net_file, capsys):
    assert main(["regional", net_file, "--radius-km", "3", "--workers", "1"]) == 1
    table = capsys.readouterr().out
    assert table.startswith("Regional failures of 3 km (edge measure, target 2)")
    assert "note: 2 links without route geometry" in table
    assert main(["regional", net_file, "--radius-km", "3", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    worst = data["worst"][0]
    assert worst["radius_km"] == 3.0 and len(worst["center"]) == 2
    assert worst["sites_below_target"] == ["a"] and data["straight_links"] == 2
    assert main(["regional", net_file, "--radius-km", "3", "--format", "csv"]) == 1
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == data["distinct_failures"] and rows[0]["sites_below_target"] == "a"


def test_a_worst_disk_pasted_into_a_scenario_file_does_what_it_says(net_file, tmp_path, capsys):
    main(["regional", net_file, "--radius-km", "3", "--format", "json"])
    worst = json.loads(capsys.readouterr().out)["worst"][0]
    scenario = FailureScenario().add_area(HazardArea.circle("storm", worst["center"],
                                                           worst["radius_km"]))
    path = tmp_path / "storm.json"
    write_scenario(scenario, path)
    assert main(["analyse", net_file, "--scenario", str(path), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    below = [s["id"] for s in report["sites"]
             if s["status"] != "failed" and s["baseline"] >= 2 > s["diversity"]]
    assert below == worst["sites_below_target"]


def test_survival_json_has_id_radius_and_a_hazard_circle(net_file, capsys):
    assert main(["survival", net_file, "--format", "json"]) == 0
    sites = {s["id"]: s for s in json.loads(capsys.readouterr().out)["sites"]}
    assert sites["a"]["survival_radius_km"] == 1
    assert set(sites["a"]["disk"]) == {"center", "radius_km"}
    assert sites["b"]["survival_radius_km"] is None and sites["b"]["note"] == "already below target"


@pytest.mark.parametrize(("args", "message"), [
    (["regional", "--radius-km", "0"], "above 0"),
    (["regional", "--radius-km", "-4"], "above 0"),
    (["regional", "--radius-km", "wide"], "number of km"),
    (["regional", "--radius-km", "900"], "larger than the map"),
    (["survival", "--max-radius-km", "0"], "above 0"),
    (["sweep", "--workers", "0"], "--workers must be"),
    (["sweep", "--workers", "2", "--scheduler", "tcp://127.0.0.1:9"], "not both"),
])
def test_bad_input_is_one_line_and_exit_2(net_file, capsys, args, message):
    assert main([args[0], net_file, *args[1:]]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err and captured.err.count("\n") == 1


def test_a_scheduler_that_does_not_answer_is_said_within_seconds(net_file, capsys):
    pytest.importorskip("distributed")
    start = time.monotonic()
    assert main(["sweep", net_file, "--scheduler", "tcp://127.0.0.1:9"]) == 2
    assert time.monotonic() - start < 10
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert "no Dask scheduler answered at tcp://127.0.0.1:9" in captured.err


def test_sweep_on_two_workers_prints_what_one_does(net_file, capsys):
    assert main(["sweep", net_file, "--workers", "1", "--format", "json"]) == 1
    one = capsys.readouterr().out
    assert main(["sweep", net_file, "--workers", "2", "--format", "json"]) == 1
    assert capsys.readouterr().out == one
