"""Settings persist across a restart of the real window; Reset puts the first start back."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from stamnett_gui.domain import Measure


def answer_next_question(button):
    """Click ``button`` in the next modal question box, once it is up."""
    def click():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(button).click()
        else:
            QTimer.singleShot(20, click)
    QTimer.singleShot(0, click)


def start(monkeypatch, tmp_path):
    """The real app, its settings and data in the test's folder."""
    from stamnett_gui.app import create_app

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    _app, window = create_app([], exec_app=False)
    return window


def test_the_first_start_fills_the_screen(qtbot, tmp_path, monkeypatch):
    window = start(monkeypatch, tmp_path)
    qtbot.addWidget(window)
    assert window.isMaximized()  # the screen's available area, whatever the screen


def test_settings_persist_across_a_restart_of_the_real_window(qtbot, tmp_path, monkeypatch):
    window = start(monkeypatch, tmp_path)
    window.showNormal()
    window.setGeometry(20, 30, 760, 600)  # inside the 800 x 800 offscreen screen
    window.measure_box.setCurrentIndex(window.measure_box.findData("node"))
    window.target_box.setValue(2)
    window.workshop.compare_dock.close()
    window.removeDockWidget(window.workshop.workshop_dock)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.workshop.workshop_dock)
    window.workshop.workshop_dock.show()
    window.workshop.files.set_recent(["/somewhere/storm.json", "/somewhere/fire.json"])
    more = next(a for a in window.persistence.settings.density_actions.actions() if a.data() == 2.5)
    more.trigger()
    assert window.map_view.network_layer.label_density == 2.5
    assert window.workshop.files.modified  # the scenario shown now has another measure and target
    answer_next_question(QMessageBox.StandardButton.Discard)
    assert window.close()

    again = start(monkeypatch, tmp_path)
    qtbot.addWidget(again)
    assert not again.workshop.files.modified  # starting with the remembered settings is no change
    assert not again.isMaximized() and again.geometry().size() == window.geometry().size()
    assert again.session.measure is Measure.NODE and again.session.target == 2
    assert again.measure_box.currentData() == "node" and again.target_box.value() == 2
    assert not again.workshop.compare_dock.isVisibleTo(again)
    assert again.dockWidgetArea(again.workshop.workshop_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert again.workshop.files.recent == ["/somewhere/storm.json", "/somewhere/fire.json"]
    assert again.map_view.network_layer.label_density == 2.5
    labelled = again.map_view.network_layer.visible_labels
    again.map_view.view.setRange(again.map_view.view.viewRect(), padding=0)
    again.map_view.settle()
    assert again.map_view.network_layer.visible_labels == labelled

    again.persistence.reset_action.trigger()
    again.workshop.files.mark_saved(None, again.workshop.files.kind)  # closing at teardown asks nothing
    assert again.session.measure is Measure.EDGE and again.session.target == 3
    assert again.workshop.compare_dock.isVisibleTo(again) or again.workshop.compare_dock.isVisible() is False
    assert again.dockWidgetArea(again.workshop.workshop_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert again.workshop.files.recent == []
    assert again.map_view.network_layer.label_density == 1.0
    assert again.isMaximized()


def test_the_last_network_opens_again(qtbot, tmp_path, monkeypatch):
    fixture = str(__import__("pathlib").Path(__file__).parents[1] / "fixtures" / "small-network.geojson")
    window = start(monkeypatch, tmp_path)
    window.open_path(fixture)
    assert window.session.source == fixture
    assert window.close()
    again = start(monkeypatch, tmp_path)
    qtbot.addWidget(again)
    assert again.session.source == fixture


def test_more_labels_show_hospital_names_further_out(qtbot, tmp_path, monkeypatch):
    window = start(monkeypatch, tmp_path)
    qtbot.addWidget(window)
    view = window.map_view
    x, y = view.layout.site_xy[view.layout.site_row["hub-oslo"]]
    view.centre_on(float(x), float(y), metres_per_pixel=1500)  # beyond the usual 900 m a pixel
    view.settle()
    network = window.session.network
    hospitals = {s.id for s in network.sites if s.kind.value == "hospital"}
    assert not view.network_layer.visible_labels & hospitals
    actions = {a.data(): a for a in window.persistence.settings.density_actions.actions()}
    actions[2.5].trigger()
    assert view.network_layer.visible_labels & hospitals
    actions[0.5].trigger()
    assert not view.network_layer.visible_labels & hospitals
