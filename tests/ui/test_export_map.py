"""Map exports open in other programs' parsers and hold what a report quotes."""

from __future__ import annotations

import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage

from stamnett_gui.domain import FailureScenario, Measure
from stamnett_gui.domain.content_hash import short_hash
from stamnett_gui.ui.export import ExportError, PageSize, export_format, export_map, render_map
from stamnett_gui.ui.export_caption import Caption
from stamnett_gui.ui.export_view import MapContent, build_map_view

SVG = "{http://www.w3.org/2000/svg}"
STORM = FailureScenario(failed_groups=frozenset({"E39 corridor"}))
CAPTION = Caption("Vestland exposure", "Storm on the E39", datetime.date(2026, 2, 3))


def svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def pdf_text(data: bytes) -> str:
    """The text a reader copies out of the PDF, with runs of white space as one space."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


def test_svg_is_xml_with_the_caption_and_the_site_names_as_text(qapp, west_coast):
    content = MapContent(west_coast, STORM, frame="sites")
    data = render_map(content, PageSize.pixels(1000, 1200), "svg", CAPTION)
    texts = svg_texts(data)
    assert "Vestland exposure" in texts
    assert "Scenario: Storm on the E39" in texts
    for name in ("Bergen hub", "Trondheim hub", "Førde sentralsjukehus", "Ålesund sjukehus"):
        assert name in texts, name
    assert any(short_hash(west_coast) in t for t in texts)
    assert any("Modelled links" in t for t in texts)  # the fixture says its links are modelled
    root = ET.fromstring(data)
    assert not list(root.iter(f"{SVG}image")), "the map must be vector, not a picture"


def test_svg_strokes_are_drawn_alike_by_readers_without_vector_effect(qapp, west_coast):
    """Links 1.6 px wide on the page, whatever the map's scale: no reader-dependent stroke."""
    import math
    import re

    from stamnett_gui.ui import styles

    data = render_map(MapContent(west_coast, frame="sites"), PageSize.pixels(800, 800), "svg", CAPTION)
    assert b"non-scaling-stroke" not in data
    root = ET.fromstring(data)
    widths = []
    for group in root.iter(f"{SVG}g"):
        if group.get("stroke") == styles.LINK_UP.lower() and "transform" in group.attrib:
            a, b, c, d = (float(v) for v in re.findall(r"[-0-9.e+]+", group.get("transform"))[:4])
            widths.append(float(group.get("stroke-width")) * math.sqrt(abs(a * d - b * c)))
    assert widths and all(w == pytest.approx(styles.LINK_WIDTH, rel=1e-3) for w in widths)


def test_pdf_text_holds_title_scenario_measure_target_date_and_hash(qapp, west_coast):
    content = MapContent(west_coast, STORM, Measure.RISK, 2, frame="sites")
    data = render_map(content, PageSize.paper("A3", landscape=True), "pdf", CAPTION)
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (1191, 842)  # A3 landscape, points
    text = pdf_text(data)
    for expected in ("Vestland exposure", "Storm on the E39", "target 2", "2026-02-03",
                     "risk-disjoint", short_hash(west_coast), "Førde sentralsjukehus", "N"):
        assert expected in text, expected
    assert not reader.pages[0].images, "the map must be vector, not a picture"


def test_pdf_fonts_are_embedded(qapp, west_coast):
    data = render_map(MapContent(west_coast), PageSize.paper("A4"), "pdf", CAPTION)
    page = PdfReader(io.BytesIO(data)).pages[0]
    fonts = page["/Resources"]["/Font"]
    assert fonts
    for ref in fonts.values():
        font = ref.get_object()
        descendants = font.get("/DescendantFonts")
        descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"]
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


@pytest.mark.parametrize(("page", "pixels", "dpi"), [
    (PageSize.pixels(800, 600, 200), (800, 600), 200),
    (PageSize.paper("A4", dpi=150), (1240, 1754), 150),
    (PageSize.paper("A4", landscape=True, dpi=300), (3508, 2480), 300),
])
def test_png_has_the_asked_size_and_dpi(qapp, west_coast, tmp_path, page, pixels, dpi):
    out = tmp_path / "map.png"
    assert export_map(out, MapContent(west_coast, STORM), page, caption=CAPTION) == "png"
    image = QImage(str(out))
    assert (image.width(), image.height()) == pixels
    assert image.dotsPerMeterX() * 0.0254 == pytest.approx(dpi, abs=0.1)
    assert image.dotsPerMeterY() * 0.0254 == pytest.approx(dpi, abs=0.1)


def test_the_format_comes_from_the_name_and_an_unknown_name_is_refused(tmp_path):
    assert export_format("map.PDF") == "pdf"
    assert export_format("map", "svg") == "svg"
    with pytest.raises(ExportError, match=r"unknown extension '\.jpg'"):
        export_format("map.jpg")
    with pytest.raises(ExportError, match="says SVG"):
        export_format("map.svg", "pdf")
    with pytest.raises(ExportError, match="no extension"):
        export_format("map")


def test_an_unknown_extension_writes_nothing(qapp, west_coast, tmp_path):
    with pytest.raises(ExportError):
        export_map(tmp_path / "map.jpeg", MapContent(west_coast), PageSize.pixels(300, 300))
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_place_is_an_export_error_and_leaves_the_old_file(qapp, west_coast, tmp_path):
    with pytest.raises(ExportError, match="cannot write"):
        export_map(tmp_path / "missing" / "map.pdf", MapContent(west_coast), PageSize.paper("A4"))
    old = tmp_path / "map.svg"
    old.write_text("old", encoding="utf-8")
    export_map(old, MapContent(west_coast), PageSize.pixels(300, 300))
    assert old.read_bytes().startswith(b"<?xml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.svg"]  # no temporary file left


def test_fit_affected_frames_the_sites_the_scenario_touches(qapp, west_coast):
    from stamnett_gui.analysis import assess_diversity

    content = MapContent(west_coast, FailureScenario(failed_links=frozenset({"L1"})), frame="affected")
    report = assess_diversity(west_coast, content.scenario)
    view = build_map_view(content, report, 600, 600)
    try:
        rect = view.view.viewRect()
        for site_id in ("bergen", "forde"):  # the ends of the failed link
            point = view.network_layer.site_position(site_id)
            assert rect.contains(point), site_id
        assert rect.width() < view.basemap_layer.mainland_rect.width() / 3
    finally:
        view.deleteLater()


def test_a_bbox_frames_that_box(qapp, west_coast):
    from stamnett_gui.analysis import assess_diversity
    from stamnett_gui.analysis.projection import project

    content = MapContent(west_coast, frame=(9.0, 62.0, 11.0, 64.0))
    view = build_map_view(content, assess_diversity(west_coast, FailureScenario()), 500, 500)
    try:
        x, y = project([10.0], [63.0])
        rect = view.view.viewRect()
        assert rect.contains(float(x[0]), float(y[0]))
        assert rect.width() < 300_000
    finally:
        view.deleteLater()


def test_the_sources_credit_what_the_file_says_it_comes_from():
    from stamnett_gui.domain import Network
    from stamnett_gui.ui.export_caption import data_sources

    zoo = data_sources(Network("Abilene", (), (), metadata={"Creator": "Topology Zoo Toolset"}))
    assert zoo[0].startswith("Basemap: © Kartverket") and zoo[1] == "Network: The Internet Topology Zoo"
    own = data_sources(Network("Mine", (), (), metadata={"source": {"links": "our survey 2025"}}))
    assert own[1] == "Links: our survey 2025"
    assert "names no source" in data_sources(Network("Bare", (), ()))[1]
