"""Workshops in the real window: steps, their own undo, files, the unsaved mark, compare."""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from stamnett_gui.analysis import assess_diversity
from stamnett_gui.analysis.comparison import compare_reports
from stamnett_gui.domain import FailureScenario, HazardArea, Measure
from stamnett_gui.domain.workshop import NamedScenario, NetworkRef, Workshop
from stamnett_gui.io.scenario_file import write_scenario_file
from stamnett_gui.ui.persistence import Persistence
from stamnett_gui.ui.workshop_files import Kind, saved_content


def press(qtbot, window, key, modifiers=Qt.KeyboardModifier.ControlModifier):
    qtbot.keyClick(window, key, modifiers)


def test_steps_are_added_renamed_reordered_and_stepped_through(qtbot, window_sync):
    window, session = window_sync, window_sync.session
    panel = window.workshop.panel
    session.toggle_link("L1")
    qtbot.mouseClick(panel.buttons["add"], Qt.MouseButton.LeftButton)
    assert len(session.workshop) == 2 and session.step == 1 and session.scenario == FailureScenario()
    item = panel.steps.item(1)
    item.setText("Dovrefjell landslide")  # as the list's editor does on F2 / double-click
    assert session.workshop.scenarios[1].title == "Dovrefjell landslide"
    session.toggle_group("Dovrebanen corridor")
    window.measure_box.setCurrentIndex(window.measure_box.findData("node"))
    qtbot.mouseClick(panel.buttons["duplicate"], Qt.MouseButton.LeftButton)
    assert [s.title for s in session.workshop.scenarios] == [
        "Scenario 1", "Dovrefjell landslide", "Dovrefjell landslide (copy)"]
    assert session.current.scenario.failed_groups == {"Dovrebanen corridor"}
    press(qtbot, window, Qt.Key.Key_PageUp)
    press(qtbot, window, Qt.Key.Key_PageUp)
    assert session.step == 0 and session.scenario.failed_links == {"L1"}
    assert session.measure is Measure.NODE  # step 1 states no measure: the window keeps its own
    press(qtbot, window, Qt.Key.Key_PageDown)
    assert session.step == 1 and session.scenario.failed_groups == {"Dovrebanen corridor"}
    assert panel.position.text() == "2 of 3" and panel.steps.currentRow() == 1
    qtbot.mouseClick(panel.buttons["up"], Qt.MouseButton.LeftButton)
    assert [s.title for s in session.workshop.scenarios][:2] == ["Dovrefjell landslide", "Scenario 1"]
    assert session.step == 0 and session.current.title == "Dovrefjell landslide"
    panel.steps.setCurrentRow(2)  # a click in the list
    assert session.current.title == "Dovrefjell landslide (copy)"
    qtbot.mouseClick(panel.buttons["remove"], Qt.MouseButton.LeftButton)
    assert len(session.workshop) == 2 and session.step == 1 and session.current.title == "Scenario 1"
    assert session.report == assess_diversity(session.network, session.scenario, target=session.target,
                                              measure=session.measure)


def test_each_step_keeps_its_own_undo_history(qtbot, window_sync):
    window, session = window_sync, window_sync.session
    session.toggle_link("L1")
    session.toggle_link("L2")
    session.add_step()
    session.toggle_link("L3")
    press(qtbot, window, Qt.Key.Key_Z)
    assert session.scenario == FailureScenario() and not window.undo_action.isEnabled()
    press(qtbot, window, Qt.Key.Key_PageUp)
    assert window.undo_action.text() == "&Undo Fail link L2"
    press(qtbot, window, Qt.Key.Key_Z)
    assert session.scenario.failed_links == {"L1"}
    press(qtbot, window, Qt.Key.Key_PageDown)
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    press(qtbot, window, Qt.Key.Key_Z, redo)
    assert session.scenario.failed_links == {"L3"}
    assert session.workshop.scenarios[0].scenario.failed_links == {"L1"}


def test_save_and_open_a_workshop_with_the_unsaved_mark(qtbot, window_sync, tmp_path):
    window, session = window_sync, window_sync.session
    files = window.workshop.files
    assert "[*]" in window.windowTitle() and not window.isWindowModified()
    session.add_area(HazardArea.circle("Fire", (5.85, 61.45), 3))
    session.rename_step(0, "Førde fire")
    session.add_step()
    session.toggle_group("E39 corridor")
    session.set_step_notes(1, "Ask the room: which corridor next?")
    session.set_workshop_title("Vestland")
    assert window.isWindowModified() and files.modified
    path = tmp_path / "vestland.json"
    assert files.save_to(path, Kind.WORKSHOP)
    assert not window.isWindowModified() and window.windowTitle().startswith("vestland.json[*]")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "stamnett-workshop" and len(data["scenarios"]) == 2
    saved = session.workshop
    session.toggle_link("L5")
    assert window.isWindowModified()
    session.undo_stack.undo()  # back to what the file holds: no longer unsaved
    assert not window.isWindowModified()
    files.new()
    assert len(session.workshop) == 1 and files.path is None
    assert files.open_path(path)
    assert saved_content(session.workshop) == saved_content(saved)
    assert session.step == 0 and session.scenario.area("Fire").radius_km == 3
    assert session.down_sites() == {"forde"} and not window.isWindowModified()
    assert files.recent[0] == str(path.resolve())


def test_a_scenario_made_on_another_network_applies_what_exists_and_lists_the_rest(qtbot, window_sync,
                                                                                    tmp_path):
    window, session = window_sync, window_sync.session
    path = tmp_path / "storm.json"
    storm = FailureScenario(failed_links=frozenset({"L2", "L210"}), failed_sites=frozenset({"bodo"}),
                            failed_groups=frozenset({"E39 corridor", "Lofoten 60 kV"}))
    write_scenario_file(path, NamedScenario("Storm", "notes", storm, Measure.RISK, 2),
                        NetworkRef("Stamnettet (modelled)", "0" * 64))
    assert window.workshop.files.open_path(path)
    assert session.scenario == FailureScenario(failed_links=frozenset({"L2"}),
                                               failed_groups=frozenset({"E39 corridor"}))
    assert session.measure is Measure.RISK and session.target == 2
    box = window.workshop.files.message_box
    assert box is not None and box.isVisible()
    text = box.informativeText()
    for words in ("Made on the network 'Stamnettet (modelled)'", "link 'L210'", "site 'bodo'",
                  "risk group 'Lofoten 60 kV'"):
        assert words in text
    assert window.workshop.files.kind is Kind.SCENARIO and "storm.json" in window.windowTitle()


def test_a_cut_or_hand_edited_file_says_why_and_changes_nothing(qtbot, window_sync, tmp_path):
    window, session = window_sync, window_sync.session
    session.toggle_link("L1")
    files = window.workshop.files
    cut = tmp_path / "cut.json"
    cut.write_text('{"format": "stamnett-workshop", "version": 1, "scenarios": [', encoding="utf-8")
    edited = tmp_path / "edited.json"
    edited.write_text('{"format": "stamnett-scenario", "version": 2, "target": "three"}', encoding="utf-8")
    for path, says in ((cut, "cut off"), (edited, '"target" must be a whole number')):
        assert not files.open_path(path)
        assert says in files.message_box.text(), files.message_box.text()
        assert session.scenario.failed_links == {"L1"} and files.modified


def test_saving_where_nothing_can_be_written_keeps_the_work(qtbot, window_sync, tmp_path):
    window, session = window_sync, window_sync.session
    session.toggle_link("L1")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert not window.workshop.files.save_to(blocker / "workshop.json", Kind.WORKSHOP)
    box = window.workshop.files.message_box
    assert box.windowTitle() == "Cannot save" and "Nothing was lost" in box.informativeText()
    assert window.isWindowModified() and session.scenario.failed_links == {"L1"}


def answer_next_question(button):
    """Click ``button`` in the next modal question box, once it is up."""
    def click():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(button).click()
        else:
            QTimer.singleShot(20, click)
    QTimer.singleShot(0, click)


def test_closing_asks_only_when_there_are_unsaved_changes(qtbot, window_sync, tmp_path):
    window, session = window_sync, window_sync.session
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    persistence = Persistence(window, tmp_path / "data", settings)
    persistence.autosave.start()
    session.toggle_link("L1")
    answer_next_question(QMessageBox.StandardButton.Cancel)
    assert not window.close() and window.isVisible()
    assert window.workshop.files.message_box.text() == "Save the changes to this workshop?"
    session.undo_stack.undo()  # nothing unsaved any more: no question
    window.workshop.files.message_box = None
    assert window.close()
    assert window.workshop.files.message_box is None
    assert not (tmp_path / "data" / "recovery.json").exists()  # a clean close removes it


def test_discard_closes_and_save_writes_the_file(qtbot, window_sync, tmp_path):
    window, session = window_sync, window_sync.session
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    Persistence(window, tmp_path / "data", settings)
    path = tmp_path / "w.json"
    window.workshop.files.save_to(path, Kind.WORKSHOP)
    session.toggle_link("L4")
    answer_next_question(QMessageBox.StandardButton.Save)
    assert window.close()
    assert json.loads(path.read_text())["scenarios"][0]["failed_links"] == ["L4"]


def test_compare_with_another_step_lists_both_values_and_draws_the_difference(qtbot, window_sync):
    window, session = window_sync, window_sync.session
    session.rename_step(0, "Storm")
    session.toggle_group("E39 corridor")
    session.add_step()
    session.rename_step(1, "Landslide")
    session.toggle_link("L4")
    panel = window.workshop.compare_panel
    window.workshop.compare_dock.raise_()
    assert panel.against.itemText(1) == "Storm"
    panel.against.setCurrentIndex(1)
    assert session.comparison == 0
    storm = assess_diversity(session.network, session.workshop.scenarios[0].scenario)
    expected = compare_reports(storm, session.report)
    assert session.comparison_result == expected and expected.worse and expected.better
    worse, better = panel.layer.marked
    assert worse == {c.site_id for c in expected.worse} and better == {c.site_id for c in expected.better}
    assert not window.map_view.highlight.lost_rings.isVisible()
    assert "Worse than the scenario compared" in window.map_view.legend.labels()
    rows = {panel.table.item(r, 0).text(): [panel.table.item(r, c).text() for c in (1, 2, 3)]
            for r in range(panel.table.rowCount())}
    for change in expected.changes:
        assert rows[change.name][2] == ("worse" if change.worse else "better")
    assert panel.table.horizontalHeaderItem(1).toolTip() == "Routes in “Storm”"
    session.toggle_link("L4")  # the comparison follows the current state
    assert session.comparison_result == compare_reports(
        storm, assess_diversity(session.network, session.scenario))
    panel.choose(None)  # back to the intact network: the usual rings
    assert session.comparison is None and window.map_view.highlight.lost_rings.isVisible()
    assert panel.layer.marked == (frozenset(), frozenset())


def test_the_example_workshop_opens_on_the_bundled_network_as_it_was_made(qtbot):
    from stamnett_gui.io.loading import load_default_network
    from stamnett_gui.ui.main_window import MainWindow
    from stamnett_gui.ui.session import Session

    window = MainWindow(Session(load_default_network(), synchronous=True))
    qtbot.addWidget(window)
    files = window.workshop.files
    assert files.example_action.isEnabled()
    files.example_action.trigger()
    session = window.session
    assert files.message_box is None  # nothing left out, nothing repaired: made on this network
    titles = [s.title for s in session.workshop.scenarios]
    assert len(titles) >= 5 and any("Vesterålen" in t for t in titles)
    assert files.path is None and not files.modified  # saving asks where: the example stays as it is
    storm = next(i for i, s in enumerate(session.workshop.scenarios) if s.scenario.hazard_areas)
    session.go_to_step(storm)
    assert session.down_links() and session.report == assess_diversity(
        session.network, session.scenario, target=session.target, measure=session.measure)


def test_a_workshop_round_trips_through_a_file_on_the_window(qtbot, window_sync, tmp_path):
    session = window_sync.session
    workshop = Workshop("W", (NamedScenario("A", scenario=FailureScenario(failed_links=frozenset({"L1"}))),
                              NamedScenario("B", "n", FailureScenario(failed_sites=frozenset({"alesund"})),
                                            Measure.RISK, 2)))
    session.set_workshop(workshop, 1)
    assert session.measure is Measure.RISK and session.scenario.failed_sites == {"alesund"}
    files = window_sync.workshop.files
    files.save_to(tmp_path / "w.json", Kind.WORKSHOP)
    session.set_workshop(Workshop(scenarios=(NamedScenario("x"),)))
    files.open_path(tmp_path / "w.json")
    assert saved_content(session.workshop) == saved_content(workshop)
