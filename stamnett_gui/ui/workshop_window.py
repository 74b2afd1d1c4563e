"""The window's workshop parts, put together: files, the workshop and compare panels, hazard areas.

:class:`WorkshopParts` is built by the main window once its own panels stand.
It adds the workshop's File entries, a Workshop menu and toolbar, two docks,
the hazard-area layer and tool, and keeps the map showing the step's view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QToolBar

from stamnett_gui.analysis.projection import project, unproject
from stamnett_gui.domain.workshop import MapView as MapExtent
from stamnett_gui.ui.compare_panel import ComparePanel
from stamnett_gui.ui.hazard_layer import HazardLayer
from stamnett_gui.ui.hazard_tool import HazardTool, Mode
from stamnett_gui.ui.map_view import MapView
from stamnett_gui.ui.session import SCENARIO, VIEW
from stamnett_gui.ui.workshop_files import WorkshopFiles
from stamnett_gui.ui.workshop_panel import WorkshopActions, WorkshopPanel

if TYPE_CHECKING:
    from stamnett_gui.ui.main_window import MainWindow

#: How long the map must rest before its view is kept (a pan is many small changes).
VIEW_SETTLE_MS = 400


def view_extent(map_view: MapView) -> MapExtent | None:
    """The part of the map shown as a lon/lat box (edge midpoints), or None before it is laid out."""
    rect = map_view.view.viewRect()
    if rect.width() <= 0 or rect.height() <= 0:
        return None
    cx, cy = rect.center().x(), rect.center().y()
    lon, lat = unproject([rect.left(), rect.right(), cx, cx], [cy, cy, rect.top(), rect.bottom()])
    try:
        return MapExtent(round(float(lon[0]), 5), round(float(min(lat[2], lat[3])), 5),
                         round(float(lon[1]), 5), round(float(max(lat[2], lat[3])), 5))
    except ValueError:
        return None  # beyond the globe (zoomed far out): nothing worth keeping


def extent_rect(extent: MapExtent) -> QRectF:
    """The map rectangle (metres) whose edge midpoints are ``extent``'s sides."""
    mid_lon, mid_lat = (extent.west + extent.east) / 2, (extent.south + extent.north) / 2
    x, y = project([extent.west, extent.east, mid_lon, mid_lon],
                   [mid_lat, mid_lat, extent.south, extent.north])
    return QRectF(float(x[0]), float(y[2]), float(x[1] - x[0]), float(y[3] - y[2]))


def same_extent(a: MapExtent | None, b: MapExtent | None) -> bool:
    """Equal to within a ten-thousandth of the box (rounding, not a different view)."""
    if a is None or b is None:
        return a is b
    tolerance = 1e-4 * max(a.east - a.west, a.north - a.south)
    return bool(np.allclose(a.to_list(), b.to_list(), atol=tolerance, rtol=0))


class WorkshopParts(QObject):
    """Everything the window needs for workshops, hazard areas and comparing."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        session, map_view = window.session, window.map_view
        self.window, self.session, self.map_view = window, session, map_view
        self.files = WorkshopFiles(session, window)
        self.actions = WorkshopActions(session, window)
        self.panel = WorkshopPanel(session, self.actions)
        self.compare_panel = ComparePanel(session, map_view)
        self.hazard_layer = HazardLayer(map_view.view)
        self.hazard_tool = HazardTool(session, map_view, self.hazard_layer, window)
        self.workshop_dock = self._dock(self.tr("Workshop"), "Workshop", self.panel)
        self.compare_dock = self._dock(self.tr("Compare"), "Compare", self.compare_panel)
        window.tabifyDockWidget(self.workshop_dock, self.compare_dock)
        self.workshop_dock.raise_()
        sites = window.findChild(QDockWidget, "Sites")
        if sites is not None:  # the sites table keeps most of the height; the workshop needs less
            window.resizeDocks([sites, self.workshop_dock], [640, 320], Qt.Orientation.Vertical)

        self.polygon_action = self._draw_action(self.tr("Draw &polygon area"), "Ctrl+Shift+P",
                                                Mode.POLYGON)
        self.circle_action = self._draw_action(self.tr("Draw &circle area"), "Ctrl+Shift+C", Mode.CIRCLE)
        self._build_menus()
        self._view_timer = QTimer(self, singleShot=True, interval=VIEW_SETTLE_MS)
        self._applied: tuple[MapExtent, QRectF] | None = None

        self._view_timer.timeout.connect(self._keep_view)
        map_view.view_changed.connect(self._view_timer.start)
        session.state_changed.connect(self._on_state_changed)
        window.failure_panel.area_chosen.connect(self.hazard_tool.edit)
        self.hazard_tool.mode_changed.connect(self._on_mode_changed)
        self._on_state_changed(frozenset({SCENARIO}))

    def _dock(self, title: str, name: str, widget: object) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        dock.setWidget(widget)  # type: ignore[arg-type]
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        return dock

    def _draw_action(self, text: str, keys: str, mode: Mode) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(True)
        action.setToolTip(text.replace("&", "") + f" ({keys})")
        action.setStatusTip(action.toolTip())
        action.triggered.connect(lambda checked: self.hazard_tool.start(mode if checked else Mode.IDLE))
        self.window.addAction(action)
        return action

    def _build_menus(self) -> None:
        window, files, actions = self.window, self.files, self.actions
        file_menu = window.findChild(QMenu, "File menu")
        assert isinstance(file_menu, QMenu)
        first = file_menu.actions()[0]
        for entry in files.actions():
            if isinstance(entry, QMenu):
                file_menu.insertMenu(first, entry)
            elif entry is not None:
                file_menu.insertAction(first, entry)
        file_menu.insertSeparator(first)
        menu = QMenu(self.tr("&Workshop"), window)
        for entry in (actions.previous_action, actions.next_action, None, actions.add_action,
                      actions.duplicate_action, actions.remove_action, None, self.polygon_action,
                      self.circle_action, None, self.workshop_dock.toggleViewAction(),
                      self.compare_dock.toggleViewAction()):
            if entry is None:
                menu.addSeparator()
            else:
                menu.addAction(entry)
        help_menu = window.menuBar().actions()[-1]
        window.menuBar().insertMenu(help_menu, menu)
        self.menu = menu
        bar = QToolBar(self.tr("Workshop"), window)
        bar.setObjectName("Workshop")
        for action in (actions.previous_action, actions.next_action, None, self.polygon_action,
                       self.circle_action):
            if action is None:
                bar.addSeparator()
            else:
                bar.addAction(action)
        window.addToolBar(bar)
        self.toolbar = bar

    # -- state ---------------------------------------------------------------------------------
    def _on_state_changed(self, fields: frozenset[str]) -> None:
        if fields & {SCENARIO, "network"}:
            self.hazard_layer.show_areas(self.session.scenario)
            self.map_view.legend.set_show_areas(bool(self.session.scenario.hazard_areas))
        view = self.session.view
        if VIEW in fields and view is not None and not same_extent(view_extent(self.map_view), view):
            self.map_view.view.setRange(rect=extent_rect(view), padding=0)
            # the map widens the box to its own shape; until it is panned, it shows this view
            self._applied = (view, self.map_view.view.viewRect())

    def _keep_view(self) -> None:
        extent = view_extent(self.map_view)
        if self._applied is not None:
            view, rect = self._applied
            if view == self.session.view and rect == self.map_view.view.viewRect():
                return
            self._applied = None
        if extent is not None and not same_extent(extent, self.session.view):
            self.session.set_view(extent)

    def _on_mode_changed(self, mode: str) -> None:
        self.polygon_action.setChecked(mode == Mode.POLYGON)
        self.circle_action.setChecked(mode == Mode.CIRCLE)
