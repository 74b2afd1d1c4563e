"""The main window: the map with menus and a status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QWidget

from stamnett_gui.domain import Network, SiteKind
from stamnett_gui.io.basemap import load_basemap
from stamnett_gui.ui.about import AboutDialog
from stamnett_gui.ui.map_view import MapView
from stamnett_gui.ui.session import Session

NETWORK_FILTER = "Network files (*.geojson *.json);;All files (*)"


class MainWindow(QMainWindow):
    """The application window; it shows what its :class:`Session` holds."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.map_view = MapView(load_basemap())
        self.setCentralWidget(self.map_view)
        self.network_label = QLabel()
        self.statusBar().addPermanentWidget(self.network_label)
        self.error_box: QMessageBox | None = None
        self._build_menus()
        self.resize(1280, 900)

        session.network_changed.connect(self._on_network_changed)
        session.load_failed.connect(self._on_load_failed)
        self._on_network_changed(session.network)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_action = self._action("&Open network…", QKeySequence.StandardKey.Open, self._open)
        self.export_action = self._action("&Export map image…", "Ctrl+E", self._export_image)
        self.quit_action = self._action("&Quit", QKeySequence.StandardKey.Quit, self.close)
        for action in (self.open_action, self.export_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        view_menu = self.menuBar().addMenu("&View")
        view = self.map_view
        view_menu.addAction(self._action("Zoom to &Norway", "Home", view.zoom_to_norway))
        view_menu.addAction(self._action("Zoom to &all sites", "Ctrl+0", view.zoom_to_sites))
        view_menu.addAction(self._action("Zoom &in", QKeySequence.StandardKey.ZoomIn,
                                         lambda: view.zoom(0.7)))
        view_menu.addAction(self._action("Zoom &out", QKeySequence.StandardKey.ZoomOut,
                                         lambda: view.zoom(1 / 0.7)))

        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self._action("&About stamnett-gui", None, self._about))

    def _action(self, text: str, shortcut: QKeySequence.StandardKey | str | None,
                slot: object) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # -- session signals -----------------------------------------------------------------
    def _on_network_changed(self, network: Network) -> None:
        self.map_view.set_network(network)
        modelled = " (modelled links)" if network.modelled else ""
        self.setWindowTitle(f"{network.name}{modelled} — stamnett-gui")
        hospitals = sum(1 for s in network.sites if s.kind is SiteKind.HOSPITAL)
        self.network_label.setText(
            f"{network.name}{modelled} · {hospitals} hospitals · {len(network.sites)} sites · "
            f"{len(network.links)} links · core: {len(network.core)} sites · target {network.target}"
        )

    def _on_load_failed(self, summary: str, details: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "Cannot open the network file",
                          summary, QMessageBox.StandardButton.Ok, self)
        box.setInformativeText("The network that was open stays open.")
        box.setDetailedText(details)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.error_box = box
        box.open()
        self.statusBar().showMessage(summary, 10_000)

    # -- actions -------------------------------------------------------------------------
    def _open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open network", "", NETWORK_FILTER)
        if path:
            self.session.open_file(path)

    def _export_image(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export map image", "stamnett-map.png",
                                              "PNG image (*.png)")
        if not path:
            return
        if not self.map_view.grab().save(path, "PNG"):
            self._on_load_failed(f"{path}: cannot write the image", "")
        else:
            self.statusBar().showMessage(f"Saved {Path(path).name}", 5000)

    def _about(self) -> None:
        AboutDialog(self).open()
