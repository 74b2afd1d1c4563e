"""Drawing and editing hazard areas on the map with the mouse.

- **Polygon**: click the corners, double-click (or Enter) to close; Backspace
  takes the last corner back, Esc cancels.
- **Circle**: press at the centre and drag to the radius, or click once and type
  the radius in km.
- **Editing** the area chosen in the failures panel (or just drawn): drag a
  corner handle to reshape it, the edge handle of a circle to resize it, the
  diamond at its middle to move it. Every finished drag is one undoable step;
  a click anywhere else still picks sites and links.

While drawing or dragging, the tool takes the map's mouse events (no panning,
no link toggling); otherwise it lets them through.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from stamnett_gui.analysis.projection import line_length_km, project, unproject
from stamnett_gui.domain import HazardArea, HazardAreaError
from stamnett_gui.domain.hazard import MAX_RADIUS_KM, MIN_RADIUS_KM
from stamnett_gui.ui.hazard_layer import HazardLayer, circle_xy
from stamnett_gui.ui.map_view import MapView
from stamnett_gui.ui.session import SCENARIO, Session

_DRAWING_KEYS = (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Backspace)
#: A press within this many pixels of a handle takes the handle.
HANDLE_PX = 9
#: A press that moves less than this (pixels) before release is a click, not a drag.
DRAG_PX = 5


class Mode(StrEnum):
    """What the tool does with the next mouse events."""

    IDLE = "idle"
    POLYGON = "polygon"
    CIRCLE = "circle"


def _lonlat(x: float, y: float) -> tuple[float, float]:
    lon, lat = unproject([x], [y])
    return (round(float(lon[0]), 6), round(float(lat[0]), 6))


def _xy(ring: tuple[tuple[float, float], ...]) -> list[tuple[float, float]]:
    x, y = project([p[0] for p in ring], [p[1] for p in ring])
    return [(float(a), float(b)) for a, b in zip(x, y, strict=True)]


class RadiusDialog(QDialog):
    """Asks a circle's radius in km; says why a value cannot be used and keeps OK off until it can."""

    def __init__(self, name: str, centre: tuple[float, float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Circle radius"))
        self.name, self.centre = name, centre
        self.field = QLineEdit("25")
        self.field.selectAll()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Radius of {0} around {1:.3f}° E, {2:.3f}° N, in km "
                                        "({3:g} to {4:,.0f}):").format(name, *centre, MIN_RADIUS_KM,
                                                                       MAX_RADIUS_KM)))
        layout.addWidget(self.field)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.field.textChanged.connect(self._check)
        self._check(self.field.text())

    def area(self) -> HazardArea | None:
        """The circle as typed, or None when the text is not a usable radius."""
        try:
            radius = float(self.field.text().replace(",", ".").replace("km", "").strip())
            return HazardArea.circle(self.name, self.centre, radius)
        except (ValueError, HazardAreaError):
            return None

    def _check(self, text: str) -> None:
        message = ""
        try:
            radius = float(text.replace(",", ".").replace("km", "").strip())
            HazardArea.circle(self.name, self.centre, radius)
        except HazardAreaError as error:
            message = str(error)
        except ValueError:
            message = self.tr("Type the radius as a number of km, e.g. 25 or 2.5.")
        self.message.setText(message[:1].upper() + message[1:])
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not message)


class HazardTool(QObject):
    """Turns clicks and drags on the map into hazard areas in the session.

    Signals
    -------
    mode_changed(str)
        The tool started or stopped drawing (``idle``, ``polygon``, ``circle``).
    """

    mode_changed = Signal(str)

    def __init__(self, session: Session, map_view: MapView, layer: HazardLayer,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.session, self.map_view, self.layer, self.window = session, map_view, layer, parent
        self.mode = Mode.IDLE
        self.corners: list[tuple[float, float]] = []
        self._press: QPointF | None = None
        self._pointer: tuple[float, float] | None = None
        self._drag: tuple[str, int, HazardArea] | None = None  # (kind, handle index, area before)
        #: The last dialog or message shown (for keyboard users and tests).
        self.dialog: QDialog | None = None
        map_view.viewport().installEventFilter(self)
        map_view.installEventFilter(self)
        session.state_changed.connect(self._on_state_changed)

    # -- modes -------------------------------------------------------------------------------
    def start(self, mode: Mode | str) -> None:
        """Start drawing a polygon or a circle (any drawing under way is dropped)."""
        self.mode = Mode(mode)
        self.corners, self._press, self._drag = [], None, None
        self.layer.show_sketch([])
        self.map_view.setCursor(Qt.CursorShape.CrossCursor if self.mode is not Mode.IDLE
                                else Qt.CursorShape.ArrowCursor)
        hint = {Mode.POLYGON: self.tr("Click the corners of the area; double-click or Enter to close, "
                                      "Backspace takes a corner back, Esc cancels"),
                Mode.CIRCLE: self.tr("Press at the centre and drag to the radius, or click and type "
                                     "the radius; Esc cancels"),
                Mode.IDLE: ""}[self.mode]
        if hint:
            self.window.statusBar().showMessage(hint)  # type: ignore[attr-defined]
        else:
            self.window.statusBar().clearMessage()  # type: ignore[attr-defined]
        self.mode_changed.emit(self.mode.value)

    def cancel(self) -> None:
        """Stop drawing without making an area."""
        self.start(Mode.IDLE)

    def edit(self, name: str) -> None:
        """Show the handles of the area ``name`` for moving and reshaping ("" for none)."""
        self.layer.edit(name, self.session.scenario)

    def _on_state_changed(self, fields: frozenset[str]) -> None:
        if SCENARIO in fields or "network" in fields:
            self.layer.show_areas(self.session.scenario)

    # -- events ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Take the map's mouse events while drawing or dragging an area."""
        kind = event.type()
        # while drawing, Esc, Enter and Backspace are the tool's, not the window's shortcuts
        if (watched is self.map_view and kind == QEvent.Type.ShortcutOverride and self.mode is not Mode.IDLE
                and isinstance(event, QKeyEvent) and event.key() in _DRAWING_KEYS):
            event.accept()
            return True
        if watched is self.map_view and kind == QEvent.Type.KeyPress:
            return self._key(event)  # type: ignore[arg-type]
        if watched is not self.map_view.viewport() or not isinstance(event, QMouseEvent):
            return False
        if self.mode is Mode.IDLE:
            return self._edit_event(kind, event)
        if event.button() not in (Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton):
            return kind != QEvent.Type.MouseMove  # a right click while drawing: nothing
        point = self.map_view.widget_to_map(event.position())
        here = (point.x(), point.y())
        if kind == QEvent.Type.MouseButtonPress:
            self._press = event.position()
            if self.mode is Mode.CIRCLE:
                self.corners = [here]
        elif kind == QEvent.Type.MouseMove:
            self._pointer = here
            self._preview()
        elif kind == QEvent.Type.MouseButtonRelease and self._press is not None:
            dragged = (event.position() - self._press).manhattanLength() > DRAG_PX
            self._press = None
            if self.mode is Mode.POLYGON:
                if not self.corners or self.corners[-1] != here:
                    self.corners.append(here)
                self._preview()
            elif dragged and self.corners:
                self._finish_circle(here)
            elif self.corners:
                self._ask_radius(self.corners[0])
        elif kind == QEvent.Type.MouseButtonDblClick and self.mode is Mode.POLYGON:
            self._press = None
            self.finish_polygon()
        return True

    def _key(self, event: QKeyEvent) -> bool:
        if self.mode is Mode.IDLE:
            if event.key() == Qt.Key.Key_Escape and self.layer.edited:
                self.edit("")
                return False  # Esc also clears the selection, as always
            return False
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.mode is Mode.POLYGON:
            self.finish_polygon()
        elif event.key() == Qt.Key.Key_Backspace and self.corners:
            self.corners.pop()
            self._preview()
        else:
            return False
        return True

    def _preview(self) -> None:
        if self.mode is Mode.POLYGON:
            pointer = [self._pointer] if self._pointer is not None else []
            self.layer.show_sketch(self.corners + pointer)
        elif self.mode is Mode.CIRCLE and self.corners and self._press is not None and self._pointer:
            radius = self._radius_km(self.corners[0], self._pointer)
            if radius >= MIN_RADIUS_KM:
                self.layer.show_sketch_ring(circle_xy(*_lonlat(*self.corners[0]), min(radius, MAX_RADIUS_KM)))

    @staticmethod
    def _radius_km(centre: tuple[float, float], edge: tuple[float, float]) -> float:
        return line_length_km([_lonlat(*centre), _lonlat(*edge)])

    # -- making areas --------------------------------------------------------------------------
    def finish_polygon(self) -> None:
        """Close the outline drawn so far into an area (three corners at least)."""
        corners = list(dict.fromkeys(self.corners))
        if len(corners) < 3:
            self.window.statusBar().showMessage(  # type: ignore[attr-defined]
                self.tr("An area needs at least three corners; click more, or Esc to cancel"), 8000)
            return
        name = self.session.free_area_name(self.tr("Area"))
        outline = [_lonlat(x, y) for x, y in corners]
        self.start(Mode.IDLE)
        self._add(lambda: HazardArea.polygon(name, outline))

    def _finish_circle(self, edge: tuple[float, float]) -> None:
        centre = self.corners[0]
        name = self.session.free_area_name(self.tr("Circle"))
        radius = round(self._radius_km(centre, edge), 1)
        self.start(Mode.IDLE)
        self._add(lambda: HazardArea.circle(name, _lonlat(*centre), radius))

    def _ask_radius(self, centre: tuple[float, float]) -> None:
        name = self.session.free_area_name(self.tr("Circle"))
        dialog = RadiusDialog(name, _lonlat(*centre), self.window)
        self.dialog = dialog

        def accepted() -> None:
            area = dialog.area()
            if area is not None:
                self._add(lambda: area)
        dialog.accepted.connect(accepted)
        self.start(Mode.IDLE)
        dialog.open()

    def _add(self, make: object) -> None:
        """Make the area and add it; say why not, or how its outline was repaired."""
        try:
            area = make()  # type: ignore[operator]
            repair = self.session.add_area(area)
        except HazardAreaError as error:
            self._tell(QMessageBox.Icon.Warning, self.tr("Cannot use this area"), str(error))
            return
        if repair:
            self._tell(QMessageBox.Icon.Information, self.tr("Area repaired"), repair)
        self.edit(area.name)

    def _tell(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        box = QMessageBox(icon, title, text[:1].upper() + text[1:] + ".", QMessageBox.StandardButton.Ok,
                          self.window)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog = box
        box.open()
        self.window.statusBar().showMessage(text, 15_000)  # type: ignore[attr-defined]

    # -- editing an area -----------------------------------------------------------------------
    def _edit_event(self, kind: QEvent.Type, event: QMouseEvent) -> bool:
        name = self.layer.edited
        if not name or name not in {a.name for a in self.session.scenario.hazard_areas}:
            return False
        area = self.session.scenario.area(name)
        point = self.map_view.widget_to_map(event.position())
        here = np.array([point.x(), point.y()])
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            handles = np.vstack([HazardLayer.handle_points(area), HazardLayer.move_point(area)])
            pixels = np.hypot(*(handles - here).T) / self.map_view.metres_per_pixel()
            nearest = int(np.argmin(pixels))
            if pixels[nearest] > HANDLE_PX:
                return False  # not on a handle: the click picks a site or a link as always
            last = len(handles) - 1
            self._drag = ("move", -1, area) if nearest == last else ("handle", nearest, area)
            self._press = QPointF(point.x(), point.y())
            return True
        if self._drag is None:
            return False
        if kind == QEvent.Type.MouseMove:
            moved = self._dragged(here)
            if moved is not None and moved.center is not None and moved.radius_km is not None:
                self.layer.show_sketch_ring(circle_xy(*moved.center, moved.radius_km))
            elif moved is not None:
                self.layer.show_sketch([tuple(p) for p in HazardLayer.handle_points(moved)], closed=True)
            return True
        if kind == QEvent.Type.MouseButtonRelease:
            moved, (drag_kind, _, before) = self._dragged(here), self._drag
            self._drag, self._press = None, None
            self.layer.show_sketch([])
            if moved is not None and moved != before:
                text = (self.tr("Move hazard area {0}") if drag_kind == "move"
                        else self.tr("Reshape hazard area {0}")).format(before.name)
                try:
                    repair = self.session.replace_area(before.name, moved, text)
                except HazardAreaError as error:
                    self._tell(QMessageBox.Icon.Warning, self.tr("Cannot use this shape"), str(error))
                    return True
                if repair:
                    self.window.statusBar().showMessage(repair, 15_000)  # type: ignore[attr-defined]
                self.edit(before.name)
            return True
        return True

    def _dragged(self, here: np.ndarray) -> HazardArea | None:
        """The area being dragged as it would be with the pointer at ``here`` (map metres)."""
        if self._drag is None or self._press is None:
            return None
        kind, index, area = self._drag
        dx, dy = here[0] - self._press.x(), here[1] - self._press.y()
        try:
            if area.center is not None and area.radius_km is not None:
                centre = HazardLayer.move_point(area)
                if kind == "handle":
                    radius = self._radius_km((centre[0], centre[1]), (here[0], here[1]))
                    return HazardArea.circle(area.name, area.center, round(radius, 1),
                                             enabled=area.enabled)
                return HazardArea.circle(area.name, _lonlat(centre[0] + dx, centre[1] + dy),
                                         area.radius_km, enabled=area.enabled)
            corners = HazardLayer.handle_points(area)
            holes = [list(ring) for ring in area.rings[1:]]
            if kind == "handle":
                corners[index] = here
            else:
                corners = corners + np.array([dx, dy])
                holes = [[_lonlat(x + dx, y + dy) for x, y in _xy(ring)] for ring in area.rings[1:]]
            return HazardArea.polygon(area.name, [_lonlat(x, y) for x, y in corners], holes,
                                      enabled=area.enabled)
        except HazardAreaError:
            return None
