"""Rendering the map to an image file without a window on screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from stamnett_gui.analysis import assess_diversity
from stamnett_gui.domain import FailureScenario, Network
from stamnett_gui.io.basemap import load_basemap
from stamnett_gui.ui.map_view import MapView
from stamnett_gui.ui.qt_setup import ensure_application


def render_map_png(network: Network, path: str | Path, width: int, height: int) -> None:
    """Draw ``network`` on the map exactly as the window does and save it as a PNG.

    Raises
    ------
    OSError
        When the file cannot be written.

    """
    ensure_application(headless=True)
    view = MapView(load_basemap())
    try:
        view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        view.resize(width, height)
        view.show()  # lays the scene out at the final size before the range is set
        view.set_network(network)
        if network.core:  # sites by their status in the intact network, as the window draws them
            view.show_report(assess_diversity(network, FailureScenario(), target=network.target))
        QApplication.processEvents()
        view.zoom_to_norway()
        view.settle()
        image = view.grab().toImage()
        if not image.save(str(path), "PNG"):
            raise OSError(f"cannot write {path}")
    finally:
        view.deleteLater()
