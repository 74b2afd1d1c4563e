"""``stamnett analyse`` and ``stamnett sweep`` on hand-built network files."""

from __future__ import annotations

import csv
import io
import json

import pytest

from stamnett_gui.cli import main
from stamnett_gui.cli.sweep import ProgressBar
from stamnett_gui.domain import FailureScenario, Link, Network, RiskGroup, Site, SiteKind
from stamnett_gui.io.geojson.network import write_network
from stamnett_gui.io.scenario_file import write_scenario


def _network(core: bool = True) -> Network:
    """Hub c; a on three links to c and two to b; b on one to c; a corridor holds three links."""
    sites = (
        Site("c", "Hub", 10.75, 59.91, SiteKind.HUB),
        Site("a", "Akershus", 11.0, 59.95),
        Site("b", "Bærum", 10.5, 59.9),
    )
    links = (
        Link("L1", "c", "a", risk_groups=frozenset({"E6 corridor"})),
        Link("L2", "c", "a", risk_groups=frozenset({"E6 corridor"})),
        Link("L3", "c", "a"),
        Link("L4", "a", "b"),
        Link("L5", "a", "b"),
        Link("L6", "c", "b", risk_groups=frozenset({"E6 corridor"})),
    )
    return Network("Test net", sites, links, core=frozenset({"c"}) if core else frozenset(),
                   risk_groups=(RiskGroup("E6 corridor"),))


@pytest.fixture
def net_file(tmp_path):
    path = tmp_path / "net.geojson"
    write_network(_network(), path)
    return str(path)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_table_and_exit_status(capsys, net_file):
    code, out, err = run(capsys, "analyse", net_file)
    assert code == 0 and err == ""
    assert "Test net: intact network" in out and "3 compliant" in out
    code, out, _ = run(capsys, "analyse", net_file, "--fail", "L1", "L2")
    assert code == 1
    assert any(line.startswith("a ") and "degraded  LOST" in line for line in out.splitlines())


def test_json_has_every_field(capsys, net_file):
    code, out, _ = run(capsys, "analyse", net_file, "--fail", "L6", "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert (data["target"], data["cap"], data["measure"]) == (3, 4, "edge")
    assert data["summary"]["lost"] == 2 and data["summary"]["degraded"] == 1
    a = next(s for s in data["sites"] if s["id"] == "a")
    assert a == {"id": "a", "name": "Akershus", "diversity": 3, "baseline": 4,
                 "status": "compliant", "lost": True}


def test_csv_and_measures(capsys, net_file):
    code, out, _ = run(capsys, "analyse", net_file, "--measure", "risk", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 1  # the corridor and L3 cut a off
    assert [r["id"] for r in rows] == ["c", "a", "b"]
    assert rows[1]["diversity"] == "2" and rows[1]["status"] == "degraded"
    code, out, _ = run(capsys, "analyse", net_file, "--measure", "node", "--target", "2",
                       "--format", "csv")
    assert code == 0


def test_scenario_file_and_options_add_up(capsys, net_file, tmp_path):
    scenario = tmp_path / "storm.json"
    write_scenario(FailureScenario(failed_links=frozenset({"L6"})), scenario, name="storm")
    code, out, _ = run(capsys, "analyse", net_file, "--scenario", str(scenario),
                       "--fail-group", "E6 corridor", "--format", "json")
    data = json.loads(out)
    assert data["scenario"] == {"failed_links": ["L6"], "failed_sites": [],
                                "failed_groups": ["E6 corridor"]}
    b = next(s for s in data["sites"] if s["id"] == "b")
    assert b["diversity"] == 1 and code == 1
    code, out, _ = run(capsys, "analyse", net_file, "--fail-site", "a", "--format", "json")
    assert next(s for s in json.loads(out)["sites"] if s["id"] == "a")["status"] == "failed"


def test_output_file(capsys, net_file, tmp_path):
    target = tmp_path / "report.json"
    code, out, err = run(capsys, "analyse", net_file, "--format", "json", "--output", str(target))
    assert code == 0 and out == "" and "wrote" in err
    assert json.loads(target.read_text(encoding="utf-8"))["cap"] == 4


def test_core_option(capsys, tmp_path):
    path = tmp_path / "nocore.geojson"
    write_network(_network(core=False), path)
    code, out, err = run(capsys, "analyse", str(path))
    assert code == 2 and out == ""
    # as the window's core dialog proposes: here the best connected (one capital is near)
    assert err.strip() == (
        f"stamnett: {path} marks no core sites; give --core auto for the 3 best-connected sites "
        "(Akershus, Hub, Bærum), --core capitals for the sites nearest Oslo, Bergen, Trondheim "
        "and Tromsø, or --core ID,... to name them")
    code, out, _ = run(capsys, "analyse", str(path), "--core", "c", "--format", "json")
    assert code == 0 and json.loads(out)["summary"]["compliant"] == 3
    for command in ("analyse", "sweep"):
        code, out, _ = run(capsys, command, str(path), "--core", "auto", "--format", "json")
        assert code in (0, 1) and out.startswith("{")


def test_a_norwegian_network_without_a_core_is_offered_the_capitals(capsys, tmp_path):
    sites = (Site("osl", "Oslo", 10.75, 59.91), Site("ber", "Bergen", 5.32, 60.39),
             Site("trd", "Trondheim", 10.40, 63.43), Site("tos", "Tromsø", 18.96, 69.65),
             Site("ham", "Hamar", 11.04, 60.8))
    links = tuple(Link(f"L{i}", a, b) for i, (a, b) in enumerate(
        [("osl", "ber"), ("ber", "trd"), ("trd", "tos"), ("tos", "osl"), ("ham", "osl"), ("ham", "trd")]))
    path = tmp_path / "norway.geojson"
    write_network(Network("n", sites, links), path)
    code, _, err = run(capsys, "sweep", str(path))
    assert code == 2
    assert err.strip().endswith(
        "marks no core sites; give --core auto for the sites nearest Oslo, Bergen, Trondheim and "
        "Tromsø (Oslo, Bergen, Trondheim, Tromsø), --core connected for the best-connected sites, "
        "or --core ID,... to name them")


def test_sweep_says_how_many_rows_it_left_out_and_how_to_see_them(capsys, net_file):
    _, out, _ = run(capsys, "sweep", net_file, "--top", "2")
    lines = out.splitlines()
    assert len(lines) == 1 + 2 + 1
    assert lines[-1] == ("  ... 4 more rows left out; show them with --top 6, or every row with "
                         "--format csv or json")
    _, out, _ = run(capsys, "sweep", net_file, "--top", "6")
    assert "left out" not in out and len(out.splitlines()) == 1 + 6


@pytest.mark.parametrize(("argv", "message"), [
    (["--fail", "L9"], "unknown link 'L9'"),
    (["--fail-site", "zz"], "unknown site 'zz'"),
    (["--fail-group", "nope"], "unknown risk group 'nope'"),
    (["--target", "0"], "--target must be a whole number from 1 to 10, not '0'"),
    (["--target", "11"], "--target must be a whole number from 1 to 10, not '11'"),
    (["--target", "three"], "--target must be a whole number from 1 to 10, not 'three'"),
    (["--core", "c,zz"], "--core: 'zz' is not a site of"),
    (["--scenario", "missing.json"], "missing.json: no such file"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, net_file, argv, message):
    for command in ("analyse", "sweep"):
        code, out, err = run(capsys, command, net_file, *argv)
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and message in err


def test_unknown_id_in_a_scenario_file(capsys, net_file, tmp_path):
    scenario = tmp_path / "bad.json"
    scenario.write_text('{"failed_links": ["L1", "L99"]}', encoding="utf-8")
    code, out, err = run(capsys, "analyse", net_file, "--scenario", str(scenario))
    assert code == 2 and out == ""
    assert err.strip() == f"stamnett: {scenario}: unknown link 'L99'"
    scenario.write_text('{"failed_links": "L1"}', encoding="utf-8")
    code, _, err = run(capsys, "analyse", net_file, "--scenario", str(scenario))
    assert code == 2 and "failed_links must be a list of strings" in err


def test_sweep_ranks_and_sets_the_exit_status(capsys, net_file):
    code, out, err = run(capsys, "sweep", net_file, "--order", "1", "--of", "links")
    assert code == 1 and err == ""  # no progress bar: stderr is not a terminal here
    lines = out.splitlines()
    assert lines[0].startswith("N-1 sweep of links (edge measure, target 3): ")
    assert lines[1].startswith("  link L")
    code, out, _ = run(capsys, "sweep", net_file, "--of", "groups", "--format", "json")
    data = json.loads(out)
    assert data["of"] == "groups" and data["ranking"][0]["elements"] == ["E6 corridor"]
    code, out, _ = run(capsys, "sweep", net_file, "--order", "2", "--format", "csv",
                       "--target", "1")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["rank"] == "1" and "+" in rows[0]["failure"]
    code, _, _ = run(capsys, "sweep", net_file, "--target", "1")
    assert code == 0  # no single link cuts any site off


def test_progress_bar_draws_and_clears():
    stream = io.StringIO()
    bar = ProgressBar("N-1 sweep of links", stream, width=10)
    bar(5, 10)
    bar(10, 10)
    bar.clear()
    text = stream.getvalue()
    assert "[#####.....] 5/10" in text and "[##########] 10/10" in text
    assert text.endswith("\r")


def test_analyse_takes_a_proposed_core_too(capsys):
    import json

    from stamnett_gui.cli import main

    # the sites nearest Oslo, Bergen, Trondheim and Tromsø, as `convert --core capitals` proposes
    assert main(["analyse", "--core", "capitals", "--format", "json"]) in (0, 1)
    report = json.loads(capsys.readouterr().out)
    from stamnett_gui.io.loading import load_default_network

    assert len(report["sites"]) == len(load_default_network().sites)
