"""The offline basemap drawn as painter paths in map metres."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem
from shapely.geometry.base import BaseGeometry

from stamnett_gui.analysis.projection import project
from stamnett_gui.io.basemap import Basemap
from stamnett_gui.ui import styles


def _rings(geometry: BaseGeometry) -> Iterator[np.ndarray]:
    """Every ring of every polygon, or every line, as an ``(n, 2)`` lon/lat array."""
    kind = geometry.geom_type
    if kind == "Polygon":
        yield np.asarray(geometry.exterior.coords)
        for interior in geometry.interiors:
            yield np.asarray(interior.coords)
    elif kind in ("LineString", "LinearRing"):
        yield np.asarray(geometry.coords)
    elif kind.startswith("Multi") or kind == "GeometryCollection":
        for part in geometry.geoms:
            yield from _rings(part)


def geometry_path(geometry: BaseGeometry) -> QPainterPath:
    """A painter path in map metres holding every ring or line of ``geometry``."""
    rings = [r for r in _rings(geometry) if len(r) >= 2]
    if not rings:
        return QPainterPath()
    coords = np.concatenate(rings)
    x, y = project(coords[:, 0], coords[:, 1])
    connect = np.ones(len(coords), dtype=bool)
    ends = np.cumsum([len(r) for r in rings]) - 1
    connect[ends] = False  # no line from the end of one ring to the start of the next
    path: QPainterPath = pg.arrayToQPath(x, y, connect=connect)
    path.setFillRule(Qt.FillRule.OddEvenFill)
    return path


class _BasemapItem(QGraphicsPathItem):
    """A path that is only drawn: it never takes part in hit tests.

    pyqtgraph asks every item under a click or hover for its ``shape()``; for a
    coastline of 14,000 points that costs several milliseconds a time.
    """

    _NO_SHAPE = QPainterPath()

    def __init__(self, path: QPainterPath) -> None:
        super().__init__(path)
        rect = path.controlPointRect()
        margin = 0.01 * max(rect.width(), rect.height())
        self._bounds = rect.adjusted(-margin, -margin, margin, margin)

    def shape(self) -> QPainterPath:
        """Nothing to hit."""
        return self._NO_SHAPE

    def boundingRect(self) -> QRectF:
        """The path's extent with a small margin for the (cosmetic) pen.

        Qt would derive it from :meth:`shape`, which is empty here.
        """
        return self._bounds


def _item(path: QPainterPath, fill: str | None, edge: str, width: float,
          style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QGraphicsPathItem:
    item = _BasemapItem(path)
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    pen = QPen(QColor(edge))
    pen.setCosmetic(True)  # widths in screen pixels whatever the zoom
    pen.setWidthF(width)
    pen.setStyle(style)
    item.setPen(pen)
    item.setBrush(QBrush(QColor(fill)) if fill else QBrush(Qt.BrushStyle.NoBrush))
    return item


class BasemapLayer:
    """The basemap's graphics items, with a coarse and a detailed coastline.

    Call :meth:`update_detail` with the current metres per pixel; the detailed
    outline is shown only when zoomed in far enough to see the difference.
    """

    def __init__(self, view: pg.ViewBox, basemap: Basemap) -> None:
        self.neighbours = _item(geometry_path(basemap.neighbours), styles.NEIGHBOUR_LAND,
                                styles.NEIGHBOUR_EDGE, styles.COASTLINE_WIDTH)
        self.coarse = _item(geometry_path(basemap.land_coarse), styles.LAND,
                            styles.COASTLINE, styles.COASTLINE_WIDTH)
        self.detailed = _item(geometry_path(basemap.land_detailed), styles.LAND,
                              styles.COASTLINE, styles.COASTLINE_WIDTH)
        self.islands = _item(geometry_path(basemap.arctic_islands), styles.LAND,
                             styles.COASTLINE, styles.COASTLINE_WIDTH)
        self.counties = _item(geometry_path(basemap.county_borders), None,
                              styles.COUNTY_BORDER, styles.COUNTY_BORDER_WIDTH,
                              Qt.PenStyle.DashLine)
        self.countries = _item(geometry_path(basemap.country_borders), None,
                               styles.COUNTRY_BORDER, styles.COUNTRY_BORDER_WIDTH)
        for z, item in enumerate((self.neighbours, self.coarse, self.detailed, self.islands,
                                  self.counties, self.countries)):
            item.setZValue(-100 + z)
            view.addItem(item, ignoreBounds=True)
        self.detailed.setVisible(False)
        #: Mainland Norway's extent in map metres, for "zoom to Norway".
        self.mainland_rect = self.coarse.path().boundingRect()

    def update_detail(self, metres_per_pixel: float) -> None:
        """Show the detailed coastline when zoomed in, the coarse one otherwise."""
        detailed = metres_per_pixel < styles.DETAILED_COAST_BELOW_M_PER_PX
        self.detailed.setVisible(detailed)
        self.coarse.setVisible(not detailed)

    @property
    def showing_detail(self) -> bool:
        """True when the detailed coastline is the one drawn."""
        return self.detailed.isVisible()
