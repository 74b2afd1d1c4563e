"""Settings remembered between runs (QSettings): the window, its docks, recent files, the last network.

What is kept: the window's geometry and dock layout, the recent workshop and
scenario files, the last network opened, the measure, the target and how many
hospital labels the map shows (View → Labels). The
first start fills the screen's available area (maximised). View → Reset window and
settings puts everything back as on a first start and forgets the rest.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, QSettings, Qt
from PySide6.QtGui import QActionGroup, QGuiApplication

from stamnett_gui.domain import Measure

if TYPE_CHECKING:
    from stamnett_gui.ui.main_window import MainWindow

GEOMETRY, STATE, RECENT = "window/geometry", "window/state", "files/recent"
LAST_NETWORK, MEASURE, TARGET = "files/last_network", "analysis/measure", "analysis/target"
LABEL_DENSITY = "map/label_density"
#: View → Labels: how far out hospital labels appear, as a multiple of the usual zoom.
DENSITIES = (("Fewer hospital labels", 0.5), ("Usual hospital labels", 1.0),
             ("More hospital labels", 2.5))


class WindowSettings(QObject):
    """Reads the settings into the window at start and writes them back on close."""

    def __init__(self, window: MainWindow, settings: QSettings) -> None:
        super().__init__(window)
        self.window, self.settings = window, settings
        self._default_state = window.saveState()
        self.density_actions = QActionGroup(self)
        for text, density in DENSITIES:
            action = self.density_actions.addAction(self.tr(text))
            action.setCheckable(True)
            action.setData(density)
            action.setChecked(density == 1.0)
        self.density_actions.triggered.connect(lambda action: self.set_label_density(action.data()))
        window.workshop.files.recent_changed.connect(self._on_recent_changed)

    def set_label_density(self, density: float) -> None:
        """Show hospital labels from ``density`` times the usual distance (and remember it)."""
        layer = self.window.map_view.network_layer
        for action in self.density_actions.actions():
            action.setChecked(action.data() == density)
        if density != layer.label_density:
            layer.label_density = density
            self.window.map_view.settle()
        self.settings.setValue(LABEL_DENSITY, density)

    def restore(self) -> None:
        """Put back the window, docks, recent files, measure and target of the last run."""
        window, settings = self.window, self.settings
        geometry = settings.value(GEOMETRY)
        if not (isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)):
            self.fill_screen()
        state = settings.value(STATE)
        if isinstance(state, QByteArray):
            window.restoreState(state)
        recent = settings.value(RECENT, [])
        window.workshop.files.set_recent([str(p) for p in recent] if isinstance(recent, list)
                                         else [str(recent)] if recent else [])
        session = window.session
        with contextlib.suppress(ValueError):  # a hand-edited value: keep the default
            session.set_measure(Measure(str(settings.value(MEASURE, session.measure.value))))
        target = settings.value(TARGET)
        if target is not None and str(target).isdigit() and 1 <= int(str(target)) <= 10:
            session.set_target(int(str(target)))
        density = settings.value(LABEL_DENSITY)
        with contextlib.suppress(TypeError, ValueError):
            if density is not None and float(str(density)) in {d for _, d in DENSITIES}:
                self.set_label_density(float(str(density)))
        files = window.workshop.files
        files.mark_saved(files.path, files.kind)  # how the window starts is not an unsaved change

    def fill_screen(self) -> None:
        """Fill the available area of the screen the window is on (a first start)."""
        screen = self.window.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            self.window.setGeometry(screen.availableGeometry())  # the size when un-maximised
        self.window.setWindowState(self.window.windowState() | Qt.WindowState.WindowMaximized)

    def last_network(self) -> str | None:
        """The network file opened last, if one was."""
        value = self.settings.value(LAST_NETWORK)
        return str(value) if value else None

    def save(self) -> None:
        """Write the window's geometry and layout, the last network, measure and target."""
        window, settings, session = self.window, self.settings, self.window.session
        settings.setValue(GEOMETRY, window.saveGeometry())
        settings.setValue(STATE, window.saveState())
        if session.source:
            settings.setValue(LAST_NETWORK, session.source)
        else:
            settings.remove(LAST_NETWORK)
        settings.setValue(MEASURE, session.measure.value)
        settings.setValue(TARGET, session.target)
        settings.sync()

    def _on_recent_changed(self, paths: list[str]) -> None:
        self.settings.setValue(RECENT, paths)
        self.settings.sync()  # a crash must not forget a file just saved

    def reset(self) -> None:
        """Forget every setting; the window, measure and target as on a first start."""
        self.settings.clear()
        self.settings.sync()
        window = self.window
        window.restoreState(self._default_state)
        self.fill_screen()
        window.workshop.files.set_recent([])
        window.session.set_measure(Measure.EDGE)
        window.session.set_target(window.session.network.target)
        self.set_label_density(1.0)
        self.settings.remove(LABEL_DENSITY)
        window.statusBar().showMessage(self.tr("Window and settings are back to their defaults"), 8000)
