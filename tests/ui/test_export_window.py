"""The window's File menu exports, driven by clicks on the real window."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialogButtonBox

from stamnett_gui.ui.export_dialog import ExportMapDialog, ExportPackDialog, ExportTableDialog


def save(qtbot, dialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def file_menu_texts(window) -> list[str]:
    menu = window.menuBar().actions()[0].menu()
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def test_the_file_menu_has_the_three_exports(window_sync):
    texts = file_menu_texts(window_sync)
    for text in ("Export map…", "Export table…", "Export evidence pack…"):
        assert text in texts


def test_export_map_as_svg_with_the_scenario_in_the_caption(qtbot, window_sync, tmp_path):
    window = window_sync
    window.session.toggle_group("E39 corridor")
    window.exports.map_action.trigger()
    dialog = window.exports.dialog
    assert isinstance(dialog, ExportMapDialog) and dialog.isVisible()
    dialog.path.setText(str(tmp_path / "map.svg"))
    assert dialog.format_label.text() == "SVG (vector)"
    dialog.size_box.setCurrentIndex(dialog.size_box.findData("Pixels"))
    dialog.width_box.setValue(800)
    dialog.height_box.setValue(600)
    dialog.frame_box.setCurrentIndex(dialog.frame_box.findData("affected"))
    dialog.scenario_name.setText("Slide on the E39")
    save(qtbot, dialog)
    assert not dialog.isVisible()
    root = ET.fromstring((tmp_path / "map.svg").read_bytes())
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Scenario: Slide on the E39" in texts
    assert "Førde sentralsjukehus" in texts
    assert "Saved map.svg" in window.statusBar().currentMessage()


def test_export_map_png_at_paper_size(qtbot, window_sync, tmp_path):
    window_sync.exports.map_action.trigger()
    dialog = window_sync.exports.dialog
    dialog.path.setText(str(tmp_path / "map.png"))
    dialog.size_box.setCurrentIndex(dialog.size_box.findData("A4 portrait"))
    dialog.dpi_box.setValue(100)
    save(qtbot, dialog)
    image = QImage(str(tmp_path / "map.png"))
    assert (image.width(), image.height()) == (827, 1169)


def test_an_unknown_extension_cannot_be_saved(qtbot, window_sync, tmp_path):
    window_sync.exports.map_action.trigger()
    dialog = window_sync.exports.dialog
    dialog.path.setText(str(tmp_path / "map.jpg"))
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    assert ".pdf" in dialog.format_label.text()
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_folder_says_so_and_writes_nothing(qtbot, window_sync, tmp_path):
    window_sync.exports.map_action.trigger()
    dialog = window_sync.exports.dialog
    dialog.path.setText(str(tmp_path / "gone" / "map.pdf"))
    save(qtbot, dialog)
    assert dialog.isVisible()  # still open: the planner can pick another place
    assert dialog.error_box is not None and dialog.error_box.isVisible()
    assert "cannot write" in dialog.error_box.text()
    assert list(tmp_path.iterdir()) == []


def test_export_the_failure_list_for_excel(qtbot, window_sync, tmp_path):
    window = window_sync
    window.session.toggle_group("E39 corridor")
    window.session.toggle_link("L5")
    window.exports.table_action.trigger()
    dialog = window.exports.dialog
    assert isinstance(dialog, ExportTableDialog)
    dialog.failures.setChecked(True)
    dialog.path.setText(str(tmp_path / "failed.csv"))
    save(qtbot, dialog)
    data = (tmp_path / "failed.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "kind;id;name;description;links_down"
    assert [line.split(";")[1] for line in lines[1:]] == ["E39 corridor", "L5"]


def test_export_the_sites_table_as_json_matches_the_window(qtbot, window_sync, tmp_path):
    import json

    window = window_sync
    window.session.toggle_link("L1")
    window.exports.table_action.trigger()
    dialog = window.exports.dialog
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("json"))
    assert dialog.path.text().endswith("stamnett-sites.json")
    dialog.path.setText(str(tmp_path / "sites.json"))
    save(qtbot, dialog)
    data = json.loads((tmp_path / "sites.json").read_text(encoding="utf-8"))
    shown = {s.site_id: (s.diversity, s.baseline) for s in window.session.report.sites}
    assert {s["id"]: (s["diversity"], s["baseline"]) for s in data["sites"]} == shown


def test_export_the_evidence_pack_of_the_scenario_shown(qtbot, window_sync, tmp_path):
    window = window_sync
    window.session.toggle_group("E39 corridor")
    window.exports.pack_action.trigger()
    dialog = window.exports.dialog
    assert isinstance(dialog, ExportPackDialog)
    assert not dialog.whole.isEnabled()  # a workshop of one scenario
    dialog.path.setText(str(tmp_path / "pack.pdf"))
    dialog.title.setText("Board briefing")
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: (tmp_path / "pack.pdf").exists())
    reader = PdfReader(io.BytesIO((tmp_path / "pack.pdf").read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Board briefing" in text and "E39 corridor" in text and "Førde sentralsjukehus" in text
    assert "Saved pack.pdf" in window.statusBar().currentMessage()


def test_a_pack_not_named_pdf_is_refused_in_the_dialog(qtbot, window_sync, tmp_path):
    window_sync.exports.pack_action.trigger()
    dialog = window_sync.exports.dialog
    dialog.path.setText(str(tmp_path / "pack.doc"))
    save(qtbot, dialog)
    assert dialog.isVisible() and "is a PDF" in dialog.error_box.text()
    assert list(tmp_path.iterdir()) == []


def test_the_evidence_pack_of_the_whole_workshop(qtbot, window_sync, tmp_path):
    from stamnett_gui.domain import FailureScenario, Measure
    from stamnett_gui.domain.workshop import NamedScenario, Workshop

    window = window_sync
    window.session.set_workshop(Workshop("Vestland day", (
        NamedScenario("E39 slide", scenario=FailureScenario(failed_groups=frozenset({"E39 corridor"}))),
        NamedScenario("Dovre cut", scenario=FailureScenario(failed_links=frozenset({"L4"})),
                      measure=Measure.NODE, target=2),
    )))
    window.exports.pack_action.trigger()
    dialog = window.exports.dialog
    assert dialog.whole.isEnabled()
    dialog.whole.setChecked(True)
    dialog.path.setText(str(tmp_path / "day.pdf"))
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: (tmp_path / "day.pdf").exists())
    reader = PdfReader(io.BytesIO((tmp_path / "day.pdf").read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "1. E39 slide" in text and "2. Dovre cut" in text
    assert "node-disjoint" in text and "target 2" in text


def test_in_a_build_out_year_the_exports_show_the_network_of_that_year(qtbot, tmp_path):
    from stamnett_gui.domain import Link, Network, Site, SiteKind
    from stamnett_gui.ui.main_window import MainWindow
    from stamnett_gui.ui.session import Session

    sites = (Site("bergen", "Bergen hub", 5.33, 60.39, SiteKind.HUB),
             Site("trondheim", "Trondheim hub", 10.40, 63.43, SiteKind.HUB),
             Site("forde", "Førde sentralsjukehus", 5.85, 61.45))
    links = (Link("L1", "bergen", "trondheim", in_service=2015),
             Link("L2", "bergen", "forde", in_service=2015),
             Link("L3", "forde", "trondheim", in_service=2019))
    window = MainWindow(Session(Network("Built", sites, links, core=frozenset({"bergen", "trondheim"})),
                                synchronous=True))
    qtbot.addWidget(window)
    window.show()
    window.session.set_year(2017)
    window.exports.table_action.trigger()
    dialog = window.exports.dialog
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("csv"))
    dialog.path.setText(str(tmp_path / "sites.csv"))
    save(qtbot, dialog)
    rows = (tmp_path / "sites.csv").read_text(encoding="utf-8").splitlines()
    forde = next(r for r in rows if r.startswith("forde,"))
    assert forde.split(",")[2] == "1"  # one route in 2017: L3 came in 2019
    window.exports.map_action.trigger()
    assert "as in service in 2017" in window.exports.dialog.title.text()


def test_what_the_window_shows_is_the_exported_frame(qtbot, window_sync):
    from stamnett_gui.ui.export_view import MapArea, MapContent, assess, build_map_view

    window = window_sync
    window.map_view.zoom(0.5)
    window.exports.map_action.trigger()
    dialog = window.exports.dialog
    assert dialog.frame_box.currentData() == "window"
    frame = dialog.frame()
    assert isinstance(frame, MapArea)
    shown = window.map_view.view.viewRect()
    content = MapContent(window.session.network, frame=frame)
    view = build_map_view(content, assess(content), 400, 400)
    try:
        drawn = view.view.viewRect()
        assert drawn.adjusted(-1, -1, 1, 1).contains(shown)  # all of it, and no margin beyond its fit
        assert min(drawn.width() / shown.width(), drawn.height() / shown.height()) < 1.01
    finally:
        view.deleteLater()
