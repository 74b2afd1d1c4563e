"""The network drawn on the map: links as bulk line items, sites as one scatter item."""

from __future__ import annotations

from typing import TypeVar

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QBrush, QFont

from stamnett_gui.analysis.map_geometry import MapLayout
from stamnett_gui.domain import Network, SiteKind
from stamnett_gui.ui import styles

T = TypeVar("T")


def _placed(values: list[T], placed: np.ndarray) -> list[T]:
    """The values of the sites that have a position on the map."""
    return [v for v, keep in zip(values, placed, strict=True) if keep]


class NetworkLayer:
    """Graphics items for one network's links, sites and labels.

    Links are drawn by one ``connect='pairs'`` curve (not one item per link);
    sites by one scatter item; labels are created when first shown.
    """

    def __init__(self, view: pg.ViewBox) -> None:
        self._view = view
        self.links_item = pg.PlotCurveItem(
            connect="pairs", pen=pg.mkPen(styles.LINK_UP, width=styles.LINK_WIDTH), antialias=True
        )
        self.links_item.setZValue(10)
        self.sites_item = pg.ScatterPlotItem(pxMode=True, antialias=True, hoverable=False)
        self.sites_item.setZValue(20)
        view.addItem(self.links_item)
        view.addItem(self.sites_item)
        self._labels: dict[str, pg.TextItem] = {}
        self._label_size: dict[str, tuple[float, float]] = {}
        self.layout: MapLayout | None = None
        self.visible_labels: set[str] = set()
        #: Sites labelled at any zoom when there is room (selected, on a drawn route, affected),
        #: the first ``forced`` of them even where labels would touch.
        self.emphasis: list[str] = []
        self.forced = 0
        self._core_ids: list[str] = []
        #: Markers, line widths and labels are drawn this many times their usual size (a projector).
        self.display_scale = 1.0
        #: Hospital labels appear this many times further out than usual (View → Labels).
        self.label_density = 1.0

    def set_display_scale(self, scale: float) -> None:
        """Draw at ``scale`` times the usual size from the next :meth:`set_layout` on."""
        self.display_scale = scale
        self.links_item.setPen(pg.mkPen(styles.LINK_UP, width=styles.LINK_WIDTH * scale))

    def set_layout(self, layout: MapLayout) -> None:
        """Draw the network of ``layout`` (replacing what was drawn)."""
        self.layout = layout
        network = layout.network
        segments = layout.segments()
        smooth = len(segments) // 2 <= styles.LINK_ANTIALIAS_MAX_SEGMENTS
        if len(segments):
            self.links_item.setData(segments[:, 0], segments[:, 1], connect="pairs", antialias=smooth)
        else:
            self.links_item.setData([], [])
        symbols, sizes, brushes = [], [], []
        scale = styles.marker_scale(len(network.sites))
        for site in network.sites:
            symbol, size = styles.SITE_SYMBOL[site.kind]
            symbols.append(symbol)
            size = size if styles.drawn_as_core(network, site) else size * scale
            sizes.append(size * self.display_scale)
            brushes.append(styles.brush(styles.SITE_FILL[site.kind]))
        placed = layout.placed
        self.sites_item.setData(
            pos=layout.site_xy[placed], symbol=_placed(symbols, placed), size=_placed(sizes, placed),
            brush=_placed(brushes, placed), pen=pg.mkPen(styles.SITE_EDGE, width=1.0),
            data=_placed(list(layout.site_ids), placed),
        )
        for item in self._labels.values():
            self._view.removeItem(item)
        self._labels.clear()
        self._label_size.clear()
        self.visible_labels = set()
        self.emphasis, self.forced = [], 0
        # the sites labelled at every zoom, found once (a pass over 5,000 sites costs 4 ms a frame)
        self._core_ids = [s.id for i, s in enumerate(network.sites)
                          if placed[i] and styles.drawn_as_core(network, s)]

    def restyle_sites(self, symbols: list[str], sizes: list[float], brushes: list[QBrush]) -> None:
        """Give every site a new symbol, size and brush (once per network and settings)."""
        assert self.layout is not None
        placed = self.layout.placed
        self.sites_item.setSymbol(_placed(symbols, placed), update=False)
        self.sites_item.setSize(_placed(sizes, placed), update=False)
        self.sites_item.setBrush(_placed(brushes, placed))

    def _label(self, network: Network, site_id: str) -> pg.TextItem:
        item = self._labels.get(site_id)
        if item is None:
            site = network.site(site_id)
            core = styles.drawn_as_core(network, site)
            font = QFont()
            points = styles.HUB_LABEL_POINT_SIZE if core else styles.SITE_LABEL_POINT_SIZE
            font.setPointSize(round(points * self.display_scale))
            font.setBold(core)
            item = pg.TextItem(site.name, color=styles.LABEL_COLOUR, fill=styles.LABEL_HALO,
                               anchor=(0, 0.5))
            item.setFont(font)
            item.setZValue(30 if core else 25)
            self._view.addItem(item, ignoreBounds=True)
            box = item.textItem.boundingRect()  # what is drawn, margins included
            self._label_size[site_id] = (box.width(), box.height())
            self._labels[site_id] = item
        return item

    def update_labels(self, metres_per_pixel: float, view_rect: QRectF,
                      obstacles: list[QRectF] | None = None) -> None:
        """Show hub labels always and hospital labels when zoomed in, never overlapping.

        ``obstacles`` (map units) are kept clear too: the legend, the scale bar, the north arrow.
        """
        if self.layout is None:
            return
        network = self.layout.network
        show_hospitals = metres_per_pixel <= styles.SITE_LABELS_BELOW_M_PER_PX * self.label_density
        on_map = self.layout.placed
        row = self.layout.site_row
        emphasis = [s for s in self.emphasis if s in row and on_map[row[s]]]
        forced = set(emphasis[:self.forced])
        candidates = emphasis[:self.forced]
        candidates += [site_id for site_id in self._core_ids if site_id not in forced]
        candidates += emphasis[self.forced:]
        if show_hospitals:
            xy = self.layout.site_xy
            inside = (
                (xy[:, 0] >= view_rect.left()) & (xy[:, 0] <= view_rect.right())
                & (xy[:, 1] >= view_rect.top()) & (xy[:, 1] <= view_rect.bottom())
            )
            candidates += [
                self.layout.site_ids[i] for i in np.flatnonzero(inside)
                if network.sites[i].kind is SiteKind.HOSPITAL
            ]
        placed: list[QRectF] = list(obstacles or [])
        shown: set[str] = set()
        for site_id in dict.fromkeys(candidates):
            must = site_id in forced or styles.drawn_as_core(network, network.site(site_id))
            item = self._label(network, site_id)
            rect = self._place(site_id, metres_per_pixel, placed, view_rect, force=must)
            if rect is None:
                continue
            placed.append(rect)
            shown.add(site_id)
            item.setPos(rect.left(), rect.center().y())
        for site_id, item in self._labels.items():
            item.setVisible(site_id in shown)
        self.visible_labels = shown

    def _place(self, site_id: str, mpp: float, placed: list[QRectF], view_rect: QRectF, *,
               force: bool) -> QRectF | None:
        """A free rectangle (map units) for the label beside its site, trying eight places.

        Sides that fit inside the view are tried first, so labels near an edge stay readable.
        """
        assert self.layout is not None
        x, y = self.layout.site_xy[self.layout.site_row[site_id]]
        w, h = (v * mpp for v in self._label_size[site_id])
        # beside the marker / clear of a neighbour's label
        gap, vgap = 7 * mpp * self.display_scale, 11 * mpp * self.display_scale
        options = (
            QRectF(x + gap, y - h / 2, w, h),            # right
            QRectF(x - gap - w, y - h / 2, w, h),        # left
            QRectF(x - w / 2, y + vgap, w, h),           # above (y grows north)
            QRectF(x - w / 2, y - vgap - h, w, h),       # below
            QRectF(x + gap, y + vgap, w, h),             # above right
            QRectF(x + gap, y - vgap - h, w, h),         # below right
            QRectF(x - gap - w, y + vgap, w, h),         # above left
            QRectF(x - gap - w, y - vgap - h, w, h),     # below left
        )
        ordered = sorted(options, key=lambda r: not view_rect.contains(r))
        for rect in ordered:
            if not any(rect.intersects(other) for other in placed):
                return rect
        return ordered[0] if force else None

    def site_position(self, site_id: str) -> QPointF:
        """Map coordinates of a site."""
        assert self.layout is not None
        x, y = self.layout.site_xy[self.layout.site_row[site_id]]
        return QPointF(float(x), float(y))
