"""Opening real files in the real window: the mapping, core and validation dialogs, drop, Save as."""

from __future__ import annotations

import doctest
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from stamnett_gui.analysis.core_proposal import core_candidates
from stamnett_gui.io.loading import load_network
from stamnett_gui.io.saving import save_network
from stamnett_gui.ui import validation_report
from stamnett_gui.ui.import_dialogs import CoreDialog, GeoJSONMappingDialog
from stamnett_gui.ui.import_flow import Step
from stamnett_gui.ui.validation_report import ValidationReportDialog, split_action

FIXTURES = Path(__file__).parents[1] / "fixtures"
NORDU = FIXTURES / "topologies" / "Nordu2010.gml"  # a real Topology Zoo file: no core, sites placed
QUIRKS = FIXTURES / "zoo" / "quirks.gml"  # Norwegian sites, a link to nowhere, a site without position
GIS_EXPORT = FIXTURES / "geojson" / "gis-export.geojson"  # generic GeoJSON with Norwegian properties
CSV_SITES = FIXTURES / "csv" / "net-sites.csv"  # with net-links.csv next to it; marks its core


@pytest.fixture
def window(window_sync):
    return window_sync


def is_untouched(window, network) -> bool:
    layout = window.map_view.layout
    return window.session.network is network and layout is not None and len(layout.site_ids) == 5


# -- formats that need no questions ------------------------------------------------------
def test_a_csv_pair_that_marks_its_core_opens_without_a_dialog(window):
    flow = window.open_path(CSV_SITES)
    assert flow.step is Step.OPENED and flow.dialog is None
    network = window.session.network
    assert len(network.sites) == 3 and len(network.links) == 3
    assert network.core == {"osl", "trd"}
    assert window.session.source == str(CSV_SITES)
    assert len(window.map_view.layout.site_ids) == 3
    assert flow.report is None  # nothing to report on a clean file


def test_two_csv_tables_named_apart_open_as_a_pair_in_either_order(window, tmp_path):
    sites, links = tmp_path / "sykehus 2024.csv", tmp_path / "samband.csv"
    shutil.copy(CSV_SITES, sites)
    shutil.copy(FIXTURES / "csv" / "net-links.csv", links)
    window.open_path(sites, links)
    assert len(window.session.network.links) == 3
    window.session.set_network(load_network(FIXTURES / "small-network.geojson"))
    drop(window, [links, sites])
    assert len(window.session.network.links) == 3 and window.session.network.core == {"osl", "trd"}


# -- the core dialog ---------------------------------------------------------------------
def test_a_zoo_gml_opens_after_the_core_dialog_proposes_the_best_connected_sites(window, west_coast):
    flow = window.open_path(NORDU)
    dialog = flow.dialog
    assert isinstance(dialog, CoreDialog) and dialog.isVisible() and flow.step is Step.CORE
    assert window.session.network is west_coast  # nothing changes until the planner accepts
    assert dialog.connected_button.isChecked()  # no Norwegian capitals in a Nordic research network
    proposed = {site for site, _ in dialog.proposals["connected"]}
    assert dialog.core() == proposed and len(proposed) == 4
    dialog.accept()
    network = window.session.network
    assert flow.step is Step.OPENED and network.name == "Nordu2010"
    assert network.core == proposed
    assert len(network.sites) == 18 and len(window.map_view.layout.site_ids) == 18
    assert "core: 4 sites" in window.network_label.text()


def test_the_core_dialog_proposes_the_capitals_and_the_planner_changes_it(window):
    flow = window.open_path(QUIRKS)
    dialog = flow.dialog
    assert dialog.capitals_button.isChecked()
    assert dialog.core() == {"0", "1", "6"}  # Oslo, Bergen, Tromsø: the file's Trondheim lies on Jan Mayen
    assert "nearest site to Oslo" in dialog._items["0"].text()
    dialog._items["6"].setCheckState(Qt.CheckState.Unchecked)
    dialog._items["7"].setCheckState(Qt.CheckState.Checked)  # Bodø
    assert "Bodø" in dialog.chosen_label.text() and "3 sites" in dialog.chosen_label.text()
    dialog.connected_button.click()
    assert dialog.core() == {s for s, _ in dialog.proposals["connected"]}
    dialog.capitals_button.click()
    dialog.set_core({"0", "1", "7"})
    dialog.accept()
    assert window.session.network.core == {"0", "1", "7"}


def test_the_core_dialog_cannot_accept_an_empty_core(window):
    flow = window.open_path(NORDU)
    flow.dialog.set_core(set())
    assert not flow.dialog.ok_button.isEnabled()
    assert "tick at least one" in flow.dialog.chosen_label.text()


def test_the_filter_hides_sites_that_do_not_match(window):
    dialog = window.open_path(NORDU).dialog
    dialog.filter_box.setText("lond")
    shown = [item.text() for item in dialog._items.values() if not item.isHidden()]
    assert len(shown) == 2 and all("London" in text for text in shown)


def test_the_proposed_core_is_saved_with_the_network_and_read_back(window, west_coast, tmp_path,
                                                                    monkeypatch):
    coreless = tmp_path / "no-core.graphml"
    save_network(replace(west_coast, core=frozenset()), coreless)
    flow = window.open_path(coreless)
    proposed = flow.dialog.core()
    assert proposed == {s for s, _ in core_candidates(load_network(coreless), "auto")} and proposed
    flow.dialog.accept()
    assert window.session.network.core == proposed
    for name, chosen in (("saved.geojson", "stamnett GeoJSON, coordinates to 0.1 m (*.geojson)"),
                         ("saved.graphml", "GraphML (*.graphml)"),
                         ("saved.csv", "CSV sites and links tables (*.csv)")):
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            staticmethod(lambda *_a, t=tmp_path / name, c=chosen, **_k: (str(t), c)))
        window.save_action.trigger()
        assert window.statusBar().currentMessage().startswith(f"Saved {name}")
        assert load_network(tmp_path / name).core == proposed
    assert "saved-links.csv" in window.statusBar().currentMessage()  # the CSV pair is two files
    # reopening the saved file asks nothing: the core is in it
    reopened = window.open_path(tmp_path / "saved.geojson")
    assert reopened.step is Step.OPENED and reopened.dialog is None
    assert window.session.network.core == proposed and len(window.session.network.sites) == 5


def test_save_as_adds_the_suffix_of_the_chosen_format(window, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a, **_k: (str(tmp_path / "nett"), "GraphML (*.graphml)")))
    window.save_action.trigger()
    assert (tmp_path / "nett.graphml").is_file()
    assert load_network(tmp_path / "nett.graphml").core == window.session.network.core


def test_a_failed_save_says_so_and_writes_nothing(window, tmp_path, monkeypatch):
    target = tmp_path / "missing-folder" / "net.geojson"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(target), "")))
    window.save_action.trigger()
    box = window.error_box
    assert box is not None and box.isVisible() and box.windowTitle() == "Cannot save the network"
    assert not target.exists()


# -- the mapping dialog ------------------------------------------------------------------
def test_generic_geojson_asks_which_properties_hold_what(window):
    flow = window.open_path(GIS_EXPORT)
    dialog = flow.dialog
    assert isinstance(dialog, GeoJSONMappingDialog) and dialog.isVisible() and flow.step is Step.MAPPING
    boxes = dialog.boxes
    assert [boxes[f].currentData() for f in ("site_id", "site_name", "core", "link_from", "link_to")] == [
        "kode", "navn", "kjerne", "fra", "til"]
    assert boxes["link_id"].currentData() is None
    assert "4 points (sites), 3 lines (links), 1 Polygon (left out)" in dialog.intro.text()
    boxes["site_name"].setCurrentIndex(boxes["site_name"].findData("kode"))  # name the sites by code
    dialog.tolerance_box.setValue(500)
    assert dialog.mapping().site_name == "kode" and dialog.mapping().tolerance_m == 500
    dialog.accept()
    network = window.session.network
    assert flow.step is Step.OPENED  # the file marks its core (kjerne): no core dialog
    assert network.core == {"TRD"}
    assert sorted(s.name for s in network.sites) == ["LEV", "NAM", "ORK", "TRD"]
    assert len(network.links) == 3


def test_a_mapping_without_the_core_property_leads_to_the_core_dialog(window):
    flow = window.open_path(GIS_EXPORT)
    flow.dialog.boxes["core"].setCurrentIndex(0)  # (none)
    flow.dialog.accept()
    assert flow.step is Step.CORE and isinstance(flow.dialog, CoreDialog)
    flow.dialog.set_core({"LEV"})
    flow.dialog.accept()
    assert window.session.network.core == {"LEV"}


# -- cancelling and failing ----------------------------------------------------------------
def test_cancelling_the_mapping_dialog_leaves_the_open_network(window, west_coast):
    flow = window.open_path(GIS_EXPORT)
    flow.dialog.reject()
    assert flow.step is Step.CANCELLED and is_untouched(window, west_coast)


def test_cancelling_the_core_dialog_leaves_the_open_network(window, west_coast):
    flow = window.open_path(NORDU)
    flow.dialog.reject()
    assert flow.step is Step.CANCELLED and is_untouched(window, west_coast)
    assert window.error_box is None


def test_cancelling_the_core_dialog_after_the_mapping_leaves_the_open_network(window, west_coast):
    flow = window.open_path(GIS_EXPORT)
    flow.dialog.boxes["core"].setCurrentIndex(0)
    flow.dialog.accept()
    flow.dialog.reject()
    assert flow.step is Step.CANCELLED and is_untouched(window, west_coast)


def test_a_broken_file_shows_the_warning_box_and_leaves_the_open_network(window, west_coast, tmp_path):
    bad = tmp_path / "cut-off.gml"
    bad.write_text(NORDU.read_text(encoding="utf-8")[:3000], encoding="utf-8")
    flow = window.open_path(bad)
    assert flow.step is Step.FAILED and flow.dialog is None
    box = window.error_box
    assert box is not None and box.isVisible()
    assert "cut-off.gml" in box.text() and box.detailedText()
    assert box.informativeText() == "The network that was open stays open."
    assert is_untouched(window, west_coast)


def test_a_generic_geojson_that_fails_after_the_mapping_leaves_the_open_network(window, west_coast,
                                                                                  tmp_path):
    lines_only = tmp_path / "lines.geojson"
    lines_only.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", '
                          '"properties": {}, "geometry": {"type": "LineString", '
                          '"coordinates": [[10, 60], [11, 61]]}}]}', encoding="utf-8")
    flow = window.open_path(lines_only)
    flow.dialog.accept()
    assert flow.step is Step.FAILED and "no Point features" in window.error_box.text()
    assert is_untouched(window, west_coast)


def test_opening_another_file_cancels_the_dialog_still_open(window):
    first = window.open_path(NORDU)
    second = window.open_path(CSV_SITES)
    assert first.step is Step.CANCELLED and second.step is Step.OPENED


# -- the validation report ---------------------------------------------------------------
def test_the_report_lists_what_reading_changed_and_what_validation_found(qtbot, window):
    flow = window.open_path(QUIRKS)
    flow.dialog.accept()
    report = flow.report
    assert isinstance(report, ValidationReportDialog) and report.isVisible()
    rows = report.rows
    where = [row.where for row in rows]
    # the reader's findings: a link to an unknown node left out, positions placed, labels renamed
    assert "edge at line 131" in where and rows[0].severity == "error"
    left_out = rows[where.index("edge at line 131")]
    assert left_out.problem.startswith("Link '0-99' ends at '99'") and "left out" in left_out.action
    placed = [r for r in rows if r.where == "node 3 'Bergen' (line 34)" and "Placed" in r.action]
    assert placed and placed[0].problem == "Has no coordinates"
    # validation's: a site with no position, one outside Norway; nothing was changed for them
    lost = rows[where.index("site '9' (Lost)")]
    assert lost.severity == "error" and lost.action == "—" and lost.sites == ("9",)
    assert any("outside Norway" in r.problem for r in rows)
    assert [r.severity for r in rows] == sorted((r.severity for r in rows), key=lambda s: s != "error")
    table = report.table
    assert table.rowCount() == len(rows)
    assert table.item(0, 0).text() == "Error" and table.item(0, 1).text() == rows[0].where
    assert "2 errors" in report.summary.text() and "quirks.gml" in report.summary.text()


def test_double_clicking_a_finding_selects_its_first_site(qtbot, window):
    flow = window.open_path(QUIRKS)
    flow.dialog.accept()
    report = flow.report
    row = next(i for i, r in enumerate(report.rows) if r.sites and r.sites[0] == "5")  # outside Norway
    table = report.table
    table.scrollToItem(table.item(row, 2))
    rect = table.visualItemRect(table.item(row, 2))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(window.session.selection_changed):
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.session.selection == ("5",)


def test_a_finding_about_a_link_selects_the_links_first_site(window, west_coast):
    rows = validation_report.report_rows([], [_finding(links=("L3",))], west_coast)
    assert rows[0].sites == ("alesund", "dombas")


def _finding(**ids):
    from stamnett_gui.analysis.validation import Check, Level, ValidationFinding

    return ValidationFinding(Check.LONG_ROUTE, Level.WARNING, "link 'L3'", "far too long", **ids)


def test_validate_network_reports_on_the_open_network_with_its_import_findings(window):
    window.open_path(QUIRKS).dialog.accept()
    window.import_flow.report.close()
    window.validate_action.trigger()
    report = window.findChildren(ValidationReportDialog)[-1]
    assert report.isVisible() and report.network is window.session.network
    assert any(r.where == "edge at line 131" for r in report.rows)  # what reading the file changed


def test_validate_network_on_a_clean_network_says_so(window):
    window.validate_action.trigger()
    report = window.findChildren(ValidationReportDialog)[-1]
    assert report.isVisible() and report.table.rowCount() == 0
    assert "No problems found" in report.summary.text()


def test_a_report_closes_when_another_network_opens(window):
    flow = window.open_path(QUIRKS)
    flow.dialog.accept()
    assert flow.report.isVisible()
    window.open_path(CSV_SITES)
    assert not flow.report.isVisible()


def test_copy_report_puts_every_finding_on_the_clipboard(window):
    flow = window.open_path(QUIRKS)
    flow.dialog.accept()
    flow.report.copy_button.click()
    text = QApplication.clipboard().text()
    assert text.startswith("Severity\tWhere\tProblem\tWhat the app did")
    assert len(text.splitlines()) == len(flow.report.rows) + 1


@pytest.mark.parametrize(("message", "problem", "action"), [
    ("the graph is directed; its edges are read as undirected links",
     "The graph is directed", "Its edges are read as undirected links"),
    ("repeats site 'a' from line 3; left out", "Repeats site 'a' from line 3", "Left out"),
    ("label 'X' is also the label of node 1 'X' (line 18); this site is named 'X (3)'",
     "Label 'X' is also the label of node 1 'X' (line 18)", "This site is named 'X (3)'"),
    ("1 Polygon feature(s) left out: only points (sites) and lines (links) are read",
     "1 Polygon feature(s) left out: only points (sites) and lines (links) are read", "As described"),
    ("lies outside (lat 1; lon 2); check it", "Lies outside (lat 1; lon 2); check it", "—"),
])
def test_a_readers_message_is_split_into_problem_and_what_the_app_did(message, problem, action):
    assert split_action(message) == (problem, action)


def test_the_report_modules_examples_hold():
    failed, attempted = doctest.testmod(validation_report)
    assert attempted > 0 and failed == 0


# -- File → Open, drag and drop, the command line --------------------------------------------
def test_file_open_offers_every_format_and_opens_through_the_flow(window, monkeypatch):
    asked = {}

    def choose(_parent, _title, _dir, filters):
        asked["filters"] = filters
        return [str(NORDU)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(choose))
    window.open_action.trigger()
    first = asked["filters"].split(";;")[0]
    for pattern in ("*.geojson", "*.json", "*.graphml", "*.gml", "*.csv"):
        assert pattern in first
    assert isinstance(window.import_flow.dialog, CoreDialog)


def drop(window, paths: list[Path]) -> tuple[QDragEnterEvent, QDropEvent]:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPoint(window.width() // 2, window.height() // 2)
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    dropped = QDropEvent(pos.toPointF(), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, dropped)
    return enter, dropped


def test_dropping_a_file_on_the_window_opens_it(window):
    assert window.acceptDrops()
    enter, dropped = drop(window, [NORDU])
    assert enter.isAccepted() and dropped.isAccepted()
    flow = window.import_flow
    assert isinstance(flow.dialog, CoreDialog)
    flow.dialog.accept()
    assert window.session.network.name == "Nordu2010"


def test_a_drag_without_local_files_is_refused(window):
    data = QMimeData()
    data.setText("not a file")
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_the_command_line_file_goes_through_the_same_flow(qtbot):
    from stamnett_gui.app import create_app

    _app, window = create_app([str(NORDU)])
    qtbot.addWidget(window)
    flow = window.import_flow
    assert isinstance(flow.dialog, CoreDialog)
    assert window.session.network.modelled  # the bundled network until the planner accepts
    flow.dialog.accept()
    assert window.session.network.name == "Nordu2010" and len(window.session.network.core) == 4


def test_saving_a_csv_pair_asks_before_replacing_the_other_half_of_someone_elses_pair(window, tmp_path):
    theirs = tmp_path / "net-links.csv"
    theirs.write_text("their links\n", encoding="utf-8")
    window.save_network_to(tmp_path / "net-sites.csv")
    box = window.error_box
    assert box is not None and box.isVisible() and "net-links.csv" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert theirs.read_text(encoding="utf-8") == "their links\n"  # untouched
    assert not (tmp_path / "net-sites.csv").exists()  # and no half pair either
    window.save_network_to(tmp_path / "net-sites.csv")
    window.error_box.button(QMessageBox.StandardButton.Yes).click()
    assert load_network(tmp_path / "net-sites.csv").core == window.session.network.core
    assert theirs.read_text(encoding="utf-8") != "their links\n"
