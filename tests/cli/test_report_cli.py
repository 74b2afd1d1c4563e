"""``stamnett report``: the evidence pack from the command line, for a scenario or a workshop."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from stamnett_gui.cli import main
from stamnett_gui.domain import FailureScenario, Measure
from stamnett_gui.domain.workshop import NamedScenario, Workshop
from stamnett_gui.io.saving import save_network
from stamnett_gui.io.scenario_file import write_scenario_file
from stamnett_gui.io.workshop_file import write_workshop_file


@pytest.fixture
def net_file(tmp_path, west_coast):
    path = tmp_path / "west.geojson"
    save_network(west_coast, path)
    return str(path)


def pdf_text(path) -> str:
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    return re.sub(r"\s+:", ":", " ".join(text.split()))


def one_error_line(capsys) -> str:
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_a_scenario_file_gives_a_pack_with_its_title_and_notes(qapp, tmp_path, net_file, west_coast,
                                                                 capsys):
    scenario = tmp_path / "storm.json"
    write_scenario_file(scenario, NamedScenario(
        "E39 storm", "A slide took both E39 cables.",
        FailureScenario(failed_groups=frozenset({"E39 corridor"}))), west_coast)
    out = tmp_path / "pack.pdf"
    assert main(["report", net_file, "--scenario", str(scenario), "--output", str(out)]) == 0
    assert "wrote" in capsys.readouterr().err
    text = pdf_text(out)
    for expected in ("Evidence: E39 storm", "A slide took both E39 cables.", "Førde sentralsjukehus",
                     "Now no route to the core, 2 in the intact network (target 3): isolated.",
                     "Method"):
        assert expected in text, expected


def test_fail_options_and_measure(qapp, tmp_path, net_file):
    out = tmp_path / "pack.pdf"
    assert main(["report", net_file, "--fail", "L1", "--measure", "node", "--output", str(out),
                 "--title", "Cable cut Bergen–Førde"]) == 0
    text = pdf_text(out)
    assert "Cable cut Bergen–Førde" in text and "node-disjoint" in text
    assert "Failed links: L1" in text  # the scenario named by what it fails


def test_a_workshop_gives_one_section_per_scenario(qapp, tmp_path, net_file, west_coast):
    workshop = Workshop("Vestland workshop", (
        NamedScenario("Storm", scenario=FailureScenario(failed_groups=frozenset({"E39 corridor"}))),
        NamedScenario("Dovre", scenario=FailureScenario(failed_links=frozenset({"L4"})),
                      measure=Measure.RISK, target=2),
    ))
    path = tmp_path / "day.json"
    write_workshop_file(path, workshop, west_coast)
    out = tmp_path / "pack.pdf"
    assert main(["report", net_file, "--workshop", str(path), "--output", str(out)]) == 0
    text = pdf_text(out)
    assert "Vestland workshop" in text and "1. Storm" in text and "2. Dovre" in text
    assert "risk-disjoint" in text and "edge-disjoint" in text


def test_a_workshop_for_another_network_is_refused(qapp, tmp_path, net_file, capsys):
    workshop = Workshop("Elsewhere", (NamedScenario("Other", scenario=FailureScenario(
        failed_links=frozenset({"X9"}))),))
    path = tmp_path / "other.json"
    write_workshop_file(path, workshop)
    out = tmp_path / "pack.pdf"
    assert main(["report", net_file, "--workshop", str(path), "--output", str(out)]) == 2
    line = one_error_line(capsys)
    assert "other.json" in line and "X9" in line and "another network" in line
    assert not out.exists()


@pytest.mark.parametrize(("extra", "message"), [
    (["--output", "pack.docx"], "is a PDF"),
    (["--output", "pack.pdf", "--fail", "L99"], "L99"),
    (["--output", "pack.pdf", "--workshop", "w.json", "--fail", "L1"], "--workshop brings"),
])
def test_bad_input_is_one_line_and_exit_2(qapp, tmp_path, net_file, capsys, monkeypatch, extra, message):
    monkeypatch.chdir(tmp_path)
    assert main(["report", net_file, *extra]) == 2
    assert message in one_error_line(capsys)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["west.geojson"]


def test_an_unwritable_place_is_exit_2_and_nothing_written(qapp, tmp_path, net_file, capsys):
    out = tmp_path / "missing" / "pack.pdf"
    assert main(["report", net_file, "--output", str(out)]) == 2
    assert "cannot write" in one_error_line(capsys)


def test_the_bundled_storm_pack_names_the_event_and_every_affected_site(qapp, tmp_path):
    from stamnett_gui.analysis import assess_diversity
    from stamnett_gui.io.loading import load_default_network

    groups = ["Vesterålen fibre cable Harstad–Sortland–Stokmarknes",
              "60 kV power line Harstad–Sortland–Stokmarknes–Svolvær"]
    out = tmp_path / "storm.pdf"
    assert main(["report", "--fail-group", *groups, "--output", str(out)]) == 0
    text = pdf_text(out)
    assert "Storm in Nord-Norge, February 2024" in text and "NHN named" in text
    report = assess_diversity(load_default_network(), FailureScenario(failed_groups=frozenset(groups)))
    assert report.lost
    for entry in report.lost:
        before = f"{entry.baseline} or more" if entry.baseline >= report.cap else str(entry.baseline)
        assert entry.name in text
        assert f"in the intact network (target 3): {entry.status.value}" in text
        assert f"Now {entry.diversity} independent route" in text and f", {before} in the intact" in text
