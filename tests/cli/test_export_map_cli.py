"""``stamnett export-map``: the file is what its name says, or nothing is written."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage

from stamnett_gui.cli import main
from stamnett_gui.domain import FailureScenario
from stamnett_gui.domain.workshop import NamedScenario
from stamnett_gui.io.saving import save_network
from stamnett_gui.io.scenario_file import write_scenario_file


@pytest.fixture
def net_file(tmp_path, west_coast):
    path = tmp_path / "west.geojson"
    save_network(west_coast, path)
    return str(path)


def one_error_line(capsys) -> str:
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_a_pdf_name_gets_a_pdf(qapp, tmp_path, net_file, capsys):
    out = tmp_path / "x.pdf"
    assert main(["export-map", net_file, "--output", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert "wrote" in capsys.readouterr().err


def test_an_svg_name_gets_svg_with_the_scenario(qapp, tmp_path, net_file):
    out = tmp_path / "x.svg"
    assert main(["export-map", net_file, "--fail-group", "E39 corridor", "--measure", "node",
                 "--target", "2", "--title", "E39 storm", "--output", str(out)]) == 0
    root = ET.fromstring(out.read_bytes())
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "E39 storm" in texts
    assert "Scenario: Failed risk groups: E39 corridor" in texts
    assert any("node-disjoint" in t and "target 2" in t for t in texts)


@pytest.mark.parametrize("name", ["x.jpg", "x.pdf.bak", "x.PNGX"])
def test_an_unknown_extension_exits_2_with_one_line_and_writes_nothing(qapp, tmp_path, net_file,
                                                                       capsys, name):
    assert main(["export-map", net_file, "--output", str(tmp_path / name)]) == 2
    line = one_error_line(capsys)
    assert name in line and "unknown extension" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["west.geojson"]


def test_a_format_the_name_contradicts_is_refused(qapp, tmp_path, net_file, capsys):
    assert main(["export-map", net_file, "--output", str(tmp_path / "x.svg"), "--format", "pdf"]) == 2
    assert "says SVG" in one_error_line(capsys)
    assert not (tmp_path / "x.svg").exists()


def test_a_name_without_extension_takes_the_format_option(qapp, tmp_path, net_file):
    out = tmp_path / "map"
    assert main(["export-map", net_file, "--output", str(out), "--format", "pdf"]) == 0
    assert out.read_bytes().startswith(b"%PDF-")


def test_paper_and_dpi_for_a_png(qapp, tmp_path, net_file):
    out = tmp_path / "x.png"
    assert main(["export-map", net_file, "--output", str(out), "--paper", "A4", "--landscape",
                 "--dpi", "100"]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1169, 827)
    assert round(image.dotsPerMeterX() * 0.0254) == 100


def test_a3_landscape_pdf_page(qapp, tmp_path, net_file):
    out = tmp_path / "x.pdf"
    assert main(["export-map", net_file, "--output", str(out), "--paper", "a3", "--landscape",
                 "--fit", "affected", "--fail", "L2"]) == 0
    box = PdfReader(io.BytesIO(out.read_bytes())).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (1191, 842)


def test_the_scenario_file_title_is_the_caption_scenario(qapp, tmp_path, net_file, west_coast):
    scenario = tmp_path / "storm.json"
    write_scenario_file(scenario, NamedScenario(
        "Dovre slide", scenario=FailureScenario(failed_groups=frozenset({"Dovrebanen corridor"}))),
        west_coast)
    out = tmp_path / "x.pdf"
    assert main(["export-map", net_file, "--scenario", str(scenario), "--output", str(out)]) == 0
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
                    .split())
    assert "Scenario: Dovre slide" in text


def test_landscape_without_paper_and_unknown_ids_are_one_line(qapp, tmp_path, net_file, capsys):
    assert main(["export-map", net_file, "--output", str(tmp_path / "x.png"), "--landscape"]) == 2
    assert "--paper" in one_error_line(capsys)
    assert main(["export-map", net_file, "--output", str(tmp_path / "x.png"), "--fail", "L99"]) == 2
    assert "L99" in one_error_line(capsys)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["west.geojson"]


def test_a_bad_bbox_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["export-map", "--output", "x.png", "--bbox", "13,70,12,60"])
    assert exit_info.value.code == 2
    assert "--bbox" in capsys.readouterr().err
