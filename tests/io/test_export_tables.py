"""Tables out: the per-site table and the failure list as CSV (Excel-friendly) and JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest

from stamnett_gui.analysis import assess_diversity
from stamnett_gui.cli import main
from stamnett_gui.domain import FailureScenario, Link, Network, Site
from stamnett_gui.domain.content_hash import network_hash, short_hash
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.io.result_tables import (
    failure_rows,
    failures_csv,
    failures_json,
    sites_csv,
    sites_json,
    write_table,
)

STORM = FailureScenario(failed_groups=frozenset({"E39 corridor"}))


def test_site_csv_has_the_values_the_report_has(west_coast):
    report = assess_diversity(west_coast, STORM)
    rows = list(csv.DictReader(io.StringIO(sites_csv(report, west_coast))))
    by_id = {row["id"]: row for row in rows}
    assert set(by_id) == {s.id for s in west_coast.sites}
    for entry in report.sites:
        row = by_id[entry.site_id]
        assert (int(row["diversity"]), int(row["baseline"]), row["status"]) == (
            entry.diversity, entry.baseline, entry.status.value)
        assert row["lost"] == ("yes" if entry.lost else "no")
    assert by_id["forde"]["health_trust"] == "Helse Førde HF"


def test_excel_csv_starts_with_a_bom_and_splits_on_semicolons(west_coast):
    report = assess_diversity(west_coast, STORM)
    text = sites_csv(report, west_coast, delimiter=";", bom=True)
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:6] == ["id", "name", "diversity", "baseline", "status", "lost"]
    assert any(row[1] == "Førde sentralsjukehus" for row in rows[1:])


def test_an_unknown_delimiter_is_refused(west_coast):
    report = assess_diversity(west_coast, FailureScenario())
    with pytest.raises(ValueError, match="delimiter"):
        sites_csv(report, west_coast, delimiter="|")


def test_failure_list_names_groups_sites_and_links_and_what_they_take_down(west_coast):
    scenario = FailureScenario(frozenset({"L5"}), frozenset({"dombas"}), frozenset({"E39 corridor"}))
    rows = failure_rows(scenario, west_coast)
    assert [(r["kind"], r["id"], r["links_down"]) for r in rows] == [
        ("risk group", "E39 corridor", 2), ("site", "dombas", 3), ("link", "L5", 1)]
    assert rows[2]["name"] == "Bergen hub – Dombås"
    parsed = list(csv.DictReader(io.StringIO(failures_csv(scenario, west_coast, delimiter="tab")),
                                 delimiter="\t"))
    assert [r["id"] for r in parsed] == ["E39 corridor", "dombas", "L5"]
    data = json.loads(failures_json(scenario, west_coast))
    assert data["links_down"] == ["L1", "L2", "L3", "L4", "L5"]
    assert data["network_hash"] == network_hash(west_coast)


def test_site_json_carries_the_network_hash(west_coast):
    data = json.loads(sites_json(assess_diversity(west_coast, STORM), west_coast))
    assert data["network_hash"] == network_hash(west_coast) and data["network"] == west_coast.name


def test_tables_are_written_whole_or_not_at_all(tmp_path):
    target = tmp_path / "sites.csv"
    write_table(target, "id\nførde\n")
    assert target.read_bytes() == "id\nførde\n".encode()
    with pytest.raises(NetworkFileError):
        write_table(tmp_path / "missing" / "x.csv", "id\n")
    assert list(tmp_path.iterdir()) == [target]


def test_network_hash_ignores_order_name_and_core_but_not_content(west_coast):
    from dataclasses import replace

    shuffled = replace(west_coast, name="other", sites=west_coast.sites[::-1],
                       links=west_coast.links[::-1], core=frozenset({"bergen"}))
    assert network_hash(shuffled) == network_hash(west_coast)
    moved = replace(west_coast, sites=(Site("bergen", "Bergen hub", 5.34, 60.39),
                                       *west_coast.sites[1:]))
    assert network_hash(moved) != network_hash(west_coast)
    one_more = replace(west_coast, links=(*west_coast.links, Link("L6", "forde", "bergen")))
    assert network_hash(one_more) != network_hash(west_coast)
    assert len(short_hash(west_coast)) == 12


def test_network_hash_survives_saving_and_reopening(tmp_path, west_coast):
    from stamnett_gui.io.loading import load_network
    from stamnett_gui.io.saving import save_network

    path = tmp_path / "net.geojson"
    save_network(west_coast, path)
    assert network_hash(load_network(path)) == network_hash(west_coast)


def test_command_line_failure_list_as_excel_csv(tmp_path, capsys):
    out = tmp_path / "failed.csv"
    code = main(["analyse", "--fail-group", "Svalbard sea cable pair", "--table", "failures",
                 "--format", "csv", "--delimiter", ";", "--bom", "--output", str(out)])
    assert code == 1
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert [(r["kind"], r["id"]) for r in rows] == [("risk group", "Svalbard sea cable pair")]


def test_tiny_network_json_from_the_command_line(tmp_path, capsys):
    net = Network("tiny", (Site("a", "A", 10, 60), Site("b", "B", 11, 61)),
                  (Link("L1", "a", "b"),), core=frozenset({"a"}))
    from stamnett_gui.io.saving import save_network

    save_network(net, tmp_path / "tiny.geojson")
    code = main(["analyse", str(tmp_path / "tiny.geojson"), "--fail", "L1", "--table", "failures",
                 "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert data["failed"] == [{"kind": "link", "id": "L1", "name": "A – B",
                               "description": "A – B, fibre", "links_down": 1}]


def test_a_computed_survival_radius_is_a_column(west_coast):
    from stamnett_gui.analysis.survival import survival_radius

    report = assess_diversity(west_coast, FailureScenario())
    survival = survival_radius(west_coast, max_radius_km=400)
    radii = {s.site_id: s.radius_km for s in survival.sites}
    rows = list(csv.DictReader(io.StringIO(sites_csv(report, west_coast, survival=survival))))
    assert all("survival_radius_km" in row for row in rows)
    for row in rows:
        expected = radii[row["id"]]
        assert row["survival_radius_km"] == ("" if expected is None else str(expected))
    data = json.loads(sites_json(report, west_coast, survival))
    assert {s["id"]: s["survival_radius_km"] for s in data["sites"]} == radii
    assert "survival_radius_km" not in sites_csv(report, west_coast)  # only when computed


@pytest.mark.parametrize("name", ["stamnett_gui.io.result_tables", "stamnett_gui.io.svg_strokes",
                                  "stamnett_gui.domain.content_hash", "stamnett_gui.ui.export"])
def test_the_export_modules_docstring_examples_hold(name):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
