"""The worst-places heat map and a site's survival disk, over the map.

Every place a disk of the chosen radius may stand (a face of the
arrangement, see ``docs/regional-failures.md``) is filled in the colour of
the number of sites a disk standing there pushes below target; places that
push none are left clear. One path item per colour class, not one per place.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QPainterPath
from PySide6.QtWidgets import QGraphicsPathItem

from stamnett_gui.analysis.regional import RegionalPlaces, disk_polygon
from stamnett_gui.ui import styles
from stamnett_gui.ui.heat_layer import heat_class, legend_entries
from stamnett_gui.ui.legend import KeyRows, heading, swatch_rows
from stamnett_gui.ui.map_view import MapView

PLACES_Z = 5.0  # above the basemap, below the links
DISK_Z = 24.0  # above the sites
#: The worst places' name among the legend's layer keys.
PLACES_KEY = "places"


def places_key(radius_km: float) -> KeyRows:
    """The map legend's rows for the worst places: a heading, then the classes three to a row.

    Places a storm there pushes no site below target are left clear: no class for them.
    """
    rows: KeyRows = [(QCoreApplication.translate(
        "PlacesLayer", "Sites a storm of {0} km there pushes below target:").format(f"{radius_km:g}"),
        heading)]
    return rows + swatch_rows(legend_entries()[1:], 3, kind="fill", alpha=styles.HEAT_PLACE_ALPHA)


def _path(rings: list[np.ndarray]) -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(pg.QtCore.Qt.FillRule.OddEvenFill)
    for ring in rings:
        path.moveTo(float(ring[0, 0]), float(ring[0, 1]))
        for x, y in ring[1:]:
            path.lineTo(float(x), float(y))
        path.closeSubpath()
    return path


class PlacesLayer:
    """Worst places filled by class, and one survival disk outlined."""

    def __init__(self, map_view: MapView) -> None:
        self.map_view = map_view
        self.fills: list[QGraphicsPathItem] = []
        for i, colour in enumerate(styles.HEAT_COLOURS):
            item = QGraphicsPathItem()
            fill = QColor(colour)
            fill.setAlphaF(styles.HEAT_PLACE_ALPHA)
            item.setBrush(fill)
            item.setPen(pg.mkPen(None))
            item.setZValue(PLACES_Z + 0.01 * i)
            map_view.view.addItem(item)
            self.fills.append(item)
        self.disk = pg.PlotDataItem(pen=pg.mkPen(styles.SURVIVAL_EDGE, width=styles.SURVIVAL_WIDTH,
                                                 style=pg.QtCore.Qt.PenStyle.DashLine),
                                    antialias=True)
        self.disk.setZValue(DISK_Z)
        map_view.view.addItem(self.disk)
        #: Places drawn per colour class.
        self.counts: list[int] = [0] * len(self.fills)
        #: The places drawn now (None: none).
        self.places: RegionalPlaces | None = None

    def show_places(self, places: RegionalPlaces | None) -> None:
        """Fill the places of ``places`` by what a disk there does (None: clear them)."""
        by_class: list[list[np.ndarray]] = [[] for _ in self.fills]
        if places is not None:
            failures = places.result.failures
            for rings, index in zip(places.rings, places.failure, strict=True):
                k = heat_class(len(failures[index].below_target))
                if k >= 0:
                    by_class[k].extend(rings)
        for item, outlines in zip(self.fills, by_class, strict=True):
            item.setPath(_path(outlines) if outlines else QPainterPath())
        self.counts = [len(r) for r in by_class]
        shown = self.places = places if sum(self.counts) else None
        self.map_view.legend.set_layer_key(
            PLACES_KEY, places_key(shown.result.radius_km) if shown is not None else None)

    def overlay(self) -> Callable[[MapView], None] | None:
        """What fills the places shown now on another map view (an export's), or None when none are.

        The survival disk is the selected site's: not carried.
        """
        places = self.places
        if places is None:
            return None

        def draw(view: MapView) -> None:
            layer = PlacesLayer(view)
            layer.show_places(places)
            view.extra_layers.append(layer)
        return draw

    def show_disk(self, centre: tuple[float, float] | None, radius_km: float = 0.0) -> None:
        """Outline the disk of ``radius_km`` at ``centre`` (map metres); None: no disk."""
        if centre is None:
            self.disk.setData([], [])
            return
        ring = np.asarray(disk_polygon(centre[0], centre[1], radius_km * 1000.0).exterior.coords)
        self.disk.setData(ring[:, 0], ring[:, 1])

    @property
    def disk_shown(self) -> bool:
        """True while a survival disk is outlined."""
        x, _ = self.disk.getData()
        return x is not None and len(x) > 0
