"""What a failure scenario and its analysis add to the map.

Failed links draw dashed in the failure colour, sites in their status colour
and shape, sites that *lost* diversity inside a ring, and the selected site's
witness paths and minimum cut on top. Only the sites whose status differs from
the intact network are redrawn on each click (one small overlay item), which
keeps a click cheap on large networks.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from stamnett_gui.analysis.map_geometry import MapLayout
from stamnett_gui.domain import DiversityReport, Site, Status, classify
from stamnett_gui.ui import styles


def _pairs_item(pen: object, z: float) -> pg.PlotCurveItem:
    item = pg.PlotCurveItem(connect="pairs", pen=pen, antialias=True)
    item.setZValue(z)
    return item


def _set_pairs(item: pg.PlotCurveItem, pairs: np.ndarray) -> None:
    if len(pairs):
        item.setData(pairs[:, 0], pairs[:, 1], connect="pairs")
    else:
        item.setData([], [])


class HighlightLayer:
    """Scenario, status, paths and cut, drawn over a :class:`NetworkLayer`."""

    def __init__(self, view: pg.ViewBox) -> None:
        self.failed_links = _pairs_item(None, 12)
        self.failed_marks = pg.ScatterPlotItem(
            pxMode=True, antialias=True, symbol="x", brush=styles.brush(styles.LINK_FAILED))
        self.failed_marks.setZValue(12.5)
        self.cut_links = _pairs_item(None, 24.5)
        self.path_items = [_pairs_item(None, 24) for _ in styles.PATH_COLOURS]
        self.changed_sites = pg.ScatterPlotItem(pxMode=True, antialias=True)
        self.changed_sites.setZValue(22)
        self.lost_rings = pg.ScatterPlotItem(pxMode=True, antialias=True, brush=None)
        self.lost_rings.setZValue(21)
        self.selection_rings = pg.ScatterPlotItem(pxMode=True, antialias=True, brush=None)
        self.selection_rings.setZValue(23)
        self.cut_sites = pg.ScatterPlotItem(pxMode=True, antialias=True, brush=None, symbol="s")
        self.cut_sites.setZValue(23)
        #: Markers, rings and lines are drawn this many times their usual size (a projector).
        self.display_scale = 1.0
        self._set_pens()
        for item in (self.failed_links, self.failed_marks, self.cut_links, *self.path_items,
                     self.changed_sites, self.lost_rings, self.selection_rings, self.cut_sites):
            view.addItem(item)
        self.layout: MapLayout | None = None
        self.scale = 1.0
        self.lost: frozenset[str] = frozenset()
        self.changed: frozenset[str] = frozenset()
        self.paths: tuple[tuple[str, ...], ...] = ()
        self.cut: frozenset[str] = frozenset()

    def _set_pens(self) -> None:
        scale = self.display_scale
        dashed = pg.mkPen(styles.LINK_FAILED, width=styles.LINK_FAILED_WIDTH * scale)
        dashed.setDashPattern(list(styles.LINK_FAILED_DASHES))
        self.failed_links.setPen(dashed)
        self.failed_marks.setPen(pg.mkPen("w", width=0.8 * scale))
        self.failed_marks.setSize(styles.LINK_FAILED_MARK_SIZE * scale)
        self.cut_links.setPen(pg.mkPen(styles.CUT_COLOUR, width=styles.CUT_WIDTH * scale,
                                       style=Qt.PenStyle.DotLine))
        for item, colour in zip(self.path_items, styles.PATH_COLOURS, strict=True):
            item.setPen(pg.mkPen(colour, width=styles.PATH_WIDTH * scale))
        self.lost_rings.setPen(pg.mkPen(styles.LOST_RING, width=styles.LOST_RING_WIDTH * scale))
        self.selection_rings.setPen(pg.mkPen(styles.SELECTION_RING, width=2.5 * scale,
                                             style=Qt.PenStyle.DashLine))
        self.cut_sites.setPen(pg.mkPen(styles.CUT_COLOUR, width=3 * scale))

    def set_display_scale(self, scale: float) -> None:
        """Draw at ``scale`` times the usual size from the next :meth:`set_layout` on."""
        self.display_scale = scale
        self._set_pens()

    def set_layout(self, layout: MapLayout) -> None:
        """Start over for a new network."""
        self.layout = layout
        self.scale = styles.marker_scale(len(layout.network.sites))
        self.show_failed_links(())
        self.show_statuses(None)
        self.show_explanation((), (), ())
        self.show_selection(())

    # -- scenario and report -------------------------------------------------------------
    def show_failed_links(self, link_ids: Collection[str]) -> None:
        """Draw these links dashed in the failure colour, each with a cross at its middle."""
        assert self.layout is not None
        _set_pairs(self.failed_links, self.layout.segments(link_ids))
        drawn = self.layout.link_points
        middles = [self.layout.midpoint(link_id) for link_id in sorted(link_ids) if link_id in drawn]
        self.failed_marks.setData(pos=middles if middles else np.empty((0, 2)))

    def site_style(self, site: Site, status: Status) -> tuple[str, float, str]:
        """``(symbol, size, colour)`` of a site with this status."""
        assert self.layout is not None
        colour, symbol = styles.STATUS_STYLE[status]
        size = styles.STATUS_SIZE[site.kind] * self.scale
        if styles.drawn_as_core(self.layout.network, site):
            size = styles.CORE_SIZE
            if status is not Status.FAILED:
                symbol = styles.CORE_SYMBOL
        return symbol, size * self.display_scale, colour

    def baseline_styles(self, report: DiversityReport) -> tuple[list[str], list[float], list[QBrush]]:
        """Symbols, sizes and brushes of every site in the intact network (for the base item)."""
        assert self.layout is not None
        network = self.layout.network
        symbols, sizes, brushes = [], [], []
        for site in network.sites:
            entry = report.by_id.get(site.id)
            status = classify(entry.baseline, report.target) if entry else Status.ISOLATED
            symbol, size, colour = self.site_style(site, status)
            symbols.append(symbol)
            sizes.append(size)
            brushes.append(styles.brush(colour))
        return symbols, sizes, brushes

    def show_statuses(self, report: DiversityReport | None) -> None:
        """Overlay the sites whose status differs from the intact network, and ring the lost ones."""
        if report is None or self.layout is None:
            self.changed_sites.setData([])
            self.lost_rings.setData([])
            self.lost = self.changed = frozenset()
            return
        layout, network = self.layout, self.layout.network
        changed = [s for s in report.sites if s.status is not classify(s.baseline, report.target)]
        rows = [layout.site_row[s.site_id] for s in changed]
        spots = []
        for entry, row in zip(changed, rows, strict=True):
            if not layout.placed[row]:
                continue
            symbol, size, colour = self.site_style(network.sites[row], entry.status)
            spots.append({"pos": layout.site_xy[row], "symbol": symbol, "size": size,
                          "brush": styles.brush(colour), "pen": pg.mkPen(styles.SITE_EDGE, width=1.2),
                          "data": entry.site_id})
        self.changed_sites.setData(spots)
        lost = [s.site_id for s in report.sites if s.lost and s.status is not Status.FAILED]
        self.lost_rings.setData(self._ring_spots(lost, styles.LOST_RING_EXTRA))
        self.lost = frozenset(lost)
        self.changed = frozenset(s.site_id for s in changed)

    def _ring_spots(self, site_ids: Sequence[str], extra: float) -> list[dict[str, object]]:
        assert self.layout is not None
        layout = self.layout
        spots: list[dict[str, object]] = []
        for site_id in site_ids:
            if not layout.placed[layout.site_row[site_id]]:
                continue
            site = layout.network.site(site_id)
            core = styles.drawn_as_core(layout.network, site)
            size = (styles.CORE_SIZE if core else styles.STATUS_SIZE[site.kind] * self.scale) + extra
            size *= self.display_scale
            spots.append({"pos": layout.site_xy[layout.site_row[site_id]], "size": size,
                          "symbol": "o", "data": site_id})
        return spots

    # -- selection and explanation -------------------------------------------------------
    def show_selection(self, site_ids: Sequence[str]) -> None:
        """Ring the selected sites."""
        self.selection_rings.setData(self._ring_spots(site_ids, 20.0))

    def show_explanation(self, paths: Sequence[Sequence[str]], cut_links: Collection[str],
                         cut_sites: Collection[str]) -> None:
        """Draw each witness path (link ids) in its own colour and mark the minimum cut."""
        if self.layout is None:
            return
        self.paths = tuple(tuple(p) for p in paths)
        for i, item in enumerate(self.path_items):
            _set_pairs(item, self.layout.segments(self.paths[i]) if i < len(self.paths) else np.empty((0, 2)))
        extra = self.paths[len(self.path_items):]
        if extra:  # more paths than colours: the last colour carries the rest
            last = self.path_items[-1]
            all_links = [link for p in (self.paths[len(self.path_items) - 1], *extra) for link in p]
            _set_pairs(last, self.layout.segments(all_links))
        _set_pairs(self.cut_links, self.layout.segments(cut_links))
        self.cut_sites.setData(self._ring_spots(list(cut_sites), 10.0))
        self.cut = frozenset(cut_links) | frozenset(cut_sites)
