"""Hazard areas on the map: the scenario's areas, the one being drawn, and the handles of the one edited.

An area is drawn translucent with an outline (a switched-off one as a dashed
outline only), its name at its middle. What is drawn is what fails: the
outline comes from :func:`stamnett_gui.analysis.hazards.area_outlines`, so a
circle is its 128-corner polygon and a repaired outline its repaired parts.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from stamnett_gui.analysis.hazards import area_outlines
from stamnett_gui.analysis.projection import FloatArray, geodesic_circle, project
from stamnett_gui.domain import FailureScenario, HazardArea, HazardAreaError
from stamnett_gui.ui import styles

#: Below the links (z 10-12), the sites and the highlight's marks: what fails stays visible.
AREA_Z = 9.0
#: An area's name: above everything else on the map.
LABEL_Z = 40.0


def area_xy(area: HazardArea) -> FloatArray:
    """The corners an area is edited by, in map metres: a polygon's outline, a circle's centre."""
    if area.center is not None:
        x, y = project([area.center[0]], [area.center[1]])
    else:
        ring = area.rings[0][:-1]
        x, y = project([p[0] for p in ring], [p[1] for p in ring])
    return np.column_stack([x, y])


def circle_xy(lon: float, lat: float, radius_km: float, corners: int = 96) -> FloatArray:
    """A geodesic circle in map metres, closed (for the preview while dragging a radius)."""
    lons, lats = geodesic_circle(lon, lat, radius_km, corners)
    x, y = project(np.append(lons, lons[0]), np.append(lats, lats[0]))
    return np.column_stack([x, y])


def _path(rings: Sequence[FloatArray]) -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for ring in rings:
        if len(ring) < 2:
            continue
        path.moveTo(QPointF(*ring[0]))
        for x, y in ring[1:]:
            path.lineTo(QPointF(x, y))
        path.closeSubpath()
    return path


class HazardLayer:
    """The hazard areas of the scenario shown, the sketch being drawn, and editing handles."""

    def __init__(self, view: pg.ViewBox) -> None:
        self.view = view
        self.items: dict[str, QGraphicsPathItem] = {}
        self.labels: dict[str, pg.TextItem] = {}
        self._drawn: dict[str, HazardArea] = {}
        sketch_pen = pg.mkPen(styles.HAZARD_EDGE, width=2.0, style=Qt.PenStyle.DashLine)
        self.sketch = pg.PlotCurveItem(pen=sketch_pen, antialias=True)
        self.sketch.setZValue(30)
        self.sketch_corners = pg.ScatterPlotItem(pxMode=True, size=8, symbol="s",
                                                 brush=pg.mkBrush("w"), pen=pg.mkPen(styles.HAZARD_EDGE))
        self.sketch_corners.setZValue(31)
        self.handles = pg.ScatterPlotItem(pxMode=True, size=styles.HAZARD_HANDLE_SIZE, symbol="s",
                                          brush=pg.mkBrush("w"), pen=pg.mkPen(styles.HAZARD_EDGE, width=2))
        self.handles.setZValue(31)
        #: Dragging this moves the whole area (a click elsewhere in it still picks sites and links).
        self.move_handle = pg.ScatterPlotItem(
            pxMode=True, size=styles.HAZARD_HANDLE_SIZE + 6, symbol="d",
            brush=pg.mkBrush(styles.HAZARD_EDGE), pen=pg.mkPen("w", width=2))
        self.move_handle.setZValue(31)
        for item in (self.sketch, self.sketch_corners, self.handles, self.move_handle):
            view.addItem(item)
        #: The name of the area whose handles are shown, or "".
        self.edited = ""

    def show_areas(self, scenario: FailureScenario) -> None:
        """Draw the scenario's areas (only those that changed are rebuilt)."""
        wanted = {a.name: a for a in scenario.hazard_areas}
        for name in list(self.items):
            if self._drawn.get(name) != wanted.get(name):
                self.view.removeItem(self.items.pop(name))
                self.view.removeItem(self.labels.pop(name))
                del self._drawn[name]
        for name, area in wanted.items():
            if name not in self.items:
                self._add(area)
        if self.edited and self.edited not in wanted:
            self.edited = ""
        self._show_handles(wanted.get(self.edited))

    def _add(self, area: HazardArea) -> None:
        try:
            rings = area_outlines(area)
        except HazardAreaError:
            return  # an area that encloses nothing fails nothing and is not drawn
        item = QGraphicsPathItem(_path(rings))
        pen = QPen(QColor(styles.HAZARD_EDGE), styles.HAZARD_EDGE_WIDTH)
        pen.setCosmetic(True)
        fill = QColor(styles.HAZARD_FILL)
        if area.enabled:
            fill.setAlphaF(styles.HAZARD_FILL_ALPHA)
        else:
            pen.setStyle(Qt.PenStyle.DashLine)
            fill.setAlphaF(0.0)
        item.setPen(pen)
        item.setBrush(fill)
        item.setZValue(AREA_Z)
        self.view.addItem(item)
        # named above its northernmost point, on a light box: readable over sites and their labels
        points = np.concatenate(rings)
        top = points[int(np.argmax(points[:, 1]))]
        label = pg.TextItem(area.name if area.enabled else f"{area.name} (off)",
                            color=styles.HAZARD_LABEL, anchor=(0.5, 1.1),
                            fill=pg.mkBrush(255, 255, 255, 190), border=pg.mkPen(styles.HAZARD_EDGE))
        label.setPos(float(top[0]), float(top[1]))
        label.setZValue(LABEL_Z)
        self.view.addItem(label)
        self.items[area.name], self.labels[area.name], self._drawn[area.name] = item, label, area

    def edit(self, name: str, scenario: FailureScenario) -> None:
        """Show the handles of the area ``name`` ("" for none)."""
        self.edited = name
        self._show_handles(next((a for a in scenario.hazard_areas if a.name == name), None))

    def _show_handles(self, area: HazardArea | None) -> None:
        if area is None:
            self.handles.setData([])
            self.move_handle.setData([])
            return
        self.handles.setData(pos=self.handle_points(area))
        self.move_handle.setData(pos=[self.move_point(area)])

    @staticmethod
    def handle_points(area: HazardArea) -> FloatArray:
        """Where an area is reshaped: a polygon's corners; a circle's edge, east of its centre."""
        if area.center is not None and area.radius_km is not None:
            lons, lats = geodesic_circle(area.center[0], area.center[1], area.radius_km, 4)
            ex, ey = project([lons[1]], [lats[1]])  # the second of four corners: due east
            return np.array([[ex[0], ey[0]]])
        return area_xy(area)

    @staticmethod
    def move_point(area: HazardArea) -> FloatArray:
        """Where an area is moved from: a circle's centre, a polygon's middle (map metres)."""
        xy = area_xy(area)
        return np.asarray(xy[0] if area.center is not None else xy.mean(axis=0), dtype=float)

    def show_sketch(self, corners: Sequence[tuple[float, float]], closed: bool = False) -> None:
        """Draw the outline being drawn (corners in map metres), open or closed."""
        if not corners:
            self.sketch.setData([], [])
            self.sketch_corners.setData([])
            return
        xy = np.asarray(corners, dtype=float)
        line = np.vstack([xy, xy[:1]]) if closed else xy
        self.sketch.setData(line[:, 0], line[:, 1])
        self.sketch_corners.setData(pos=xy[:-1] if not closed and len(xy) > 1 else xy)

    def show_sketch_ring(self, ring: FloatArray) -> None:
        """Draw a closed ring being sized (a circle's preview)."""
        self.sketch.setData(ring[:, 0], ring[:, 1])
        self.sketch_corners.setData(pos=ring[:0])
