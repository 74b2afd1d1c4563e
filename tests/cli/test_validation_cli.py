"""``stamnett validate`` and ``stamnett convert`` from the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from stamnett_gui.cli import main
from stamnett_gui.io.loading import import_network

FIXTURES = Path(__file__).parents[1] / "fixtures"


def clean_network(tmp_path: Path) -> Path:
    path = tmp_path / "clean-sites.csv"
    path.write_text("id,name,lat,lon,core\nosl,Oslo,59.91,10.75,yes\nhmr,Hamar,60.8,11.04,no\n"
                    "gjo,Gjøvik,60.79,10.69,no\n", encoding="utf-8")
    (tmp_path / "clean-links.csv").write_text("from,to\nosl,hmr\nhmr,gjo\ngjo,osl\n")
    return path


def test_a_clean_file_exits_0(tmp_path, capsys):
    assert main(["validate", str(clean_network(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "3 sites, 3 links, core of 1" in out and "no problems found" in out


def test_warnings_exit_1_with_a_table(capsys):
    assert main(["validate", str(FIXTURES / "topologies" / "Nordu2010.gml"),
                 "--no-territory"]) == 1
    out = capsys.readouterr().out
    assert "warning  node 15 'St Petersburg' (line 121): has no coordinates; placed" in out
    assert "separate parts" in out


def test_errors_exit_2_and_json_lists_every_finding(capsys):
    assert main(["validate", str(FIXTURES / "zoo" / "quirks.gml"), "--format", "json",
                 "--no-territory"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["exit_code"] == 2 and report["readable"] is True
    assert report["network"]["sites"] == 11
    assert report["errors"] == sum(f["severity"] == "error" for f in report["findings"]) >= 2
    checks = {f["check"] for f in report["findings"]}
    assert {"import", "no-coordinates", "disconnected", "no-core"} <= checks
    [lost] = [f for f in report["findings"] if f["check"] == "no-coordinates"]
    assert lost["sites"] == ["9"]


def test_the_territory_check_uses_the_bundled_basemap(tmp_path, capsys):
    path = tmp_path / "abroad-sites.csv"
    path.write_text("id,name,lat,lon,core\nosl,Oslo,59.91,10.75,yes\nsto,Stockholm,59.33,18.06,no\n"
                    "dog,Dogger Bank,55.0,2.5,no\n")
    (tmp_path / "abroad-links.csv").write_text("from,to\nosl,sto\nsto,dog\ndog,osl\n")
    assert main(["validate", str(path), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    # Stockholm is on the land the map draws; the Dogger Bank is at sea, far from any coast
    assert [f["sites"] for f in report["findings"] if f["check"] == "outside-norway"] == [["dog"]]


def test_validate_without_a_file_validates_the_bundled_network(capsys):
    assert main(["validate"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("the bundled network (networks/stamnettet-modelled.geojson): "
                             "stamnett-geojson, ")
    assert out[-1] == "no problems found"
    assert main(["validate", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["file"] == "networks/stamnettet-modelled.geojson" and report["findings"] == []


def test_an_unreadable_file_exits_2_with_one_line_on_stderr(tmp_path, capsys):
    path = tmp_path / "broken.graphml"
    path.write_text("<graphml><graph><node id='a'></graph></graphml>")
    assert main(["validate", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(f"stamnett: {path}: line 1: the XML is broken at column 32")
    assert "Traceback" not in captured.err + captured.out
    assert main(["validate", str(path), "--format", "json"]) == 2
    assert json.loads(capsys.readouterr().out)["readable"] is False


def test_geojson_mapping_options(tmp_path, capsys):
    path = FIXTURES / "geojson" / "far-end.geojson"
    assert main(["validate", str(path), "--format", "json", "--no-territory"]) == 2
    capsys.readouterr()
    assert main(["validate", str(path), "--format", "json", "--no-territory",
                 "--tolerance", "40000"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["network"]["links"] == 1


def test_crs_and_links_options(tmp_path, capsys):
    shutil.copy(FIXTURES / "csv" / "steder.csv", tmp_path / "a.csv")
    shutil.copy(FIXTURES / "csv" / "lenker.csv", tmp_path / "b.csv")
    assert main(["validate", str(tmp_path / "a.csv"), "--links", str(tmp_path / "b.csv"),
                 "--format", "json"]) in (0, 1)
    assert json.loads(capsys.readouterr().out)["network"]["links"] == 7
    assert main(["validate", str(FIXTURES / "csv" / "utm-steder.csv"), "--crs", "EPSG:25833",
                 "--format", "json", "--no-territory"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["network"]["sites"] == 2


def test_convert_writes_each_format(tmp_path, capsys):
    source = FIXTURES / "csv" / "steder.csv"
    for name in ("nord.geojson", "nord.graphml", "nord.csv"):
        assert main(["convert", str(source), str(tmp_path / name)]) == 0
    err = capsys.readouterr().err
    assert "wrote " in err and "nord-links.csv" in err
    original = import_network(source).network
    for name in ("nord.geojson", "nord.graphml", "nord.csv"):
        back = import_network(tmp_path / name).network
        assert (back.sites, back.links, back.core) == (original.sites, original.links, original.core)


def test_convert_refuses_a_file_with_errors_unless_forced(tmp_path, capsys):
    source = str(FIXTURES / "zoo" / "quirks.gml")
    out = tmp_path / "q.graphml"
    assert main(["convert", source, str(out)]) == 2
    assert not out.exists()
    assert "--force" in capsys.readouterr().err
    assert main(["convert", source, "--output", str(out), "--force"]) == 1
    assert out.exists()


@pytest.mark.parametrize(
    ("core", "expected"),
    # Only Tromsø of the four capitals is near: "auto" falls back to the best connected.
    [("capitals", {"TOS"}), ("TOS,BOD", {"TOS", "BOD"}), ("auto", None), ("connected", None)],
)
def test_convert_sets_or_proposes_a_core(tmp_path, core, expected):
    out = tmp_path / "c.graphml"
    assert main(["convert", str(FIXTURES / "csv" / "steder.csv"), str(out), "--core", core]) == 0
    got = import_network(out).network.core
    assert got == expected if expected is not None else len(got) == 4


def test_convert_problems_are_one_line(tmp_path, capsys):
    source = str(FIXTURES / "csv" / "steder.csv")
    assert main(["convert", source, str(tmp_path / "x.gml")]) == 2
    assert "GML is read, not written" in capsys.readouterr().err
    assert main(["convert", source, str(tmp_path / "x.csv"), "--core", "NOPE"]) == 2
    assert "--core: 'NOPE' is not a site of" in capsys.readouterr().err
    assert main(["convert", source]) == 2
