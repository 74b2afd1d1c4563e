"""The criticality heat map: links and sites coloured by how many sites their failure pushes below target.

One curve per colour class (``connect='pairs'``), not one item per link, and
one scatter for sites. The classes double (1, 2-3, 4-7, …) so a few very
critical elements stand out from many mildly critical ones; elements whose
failure pushes no site below target are drawn in a quiet grey.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication

from stamnett_gui.ui import styles
from stamnett_gui.ui.legend import KeyRows, heading, swatch_rows
from stamnett_gui.ui.map_view import MapView

HEAT_Z = 11.0  # above the links, below the failed marks and the sites
#: The heat map's name among the legend's layer keys.
HEAT_KEY = "heat"


def heat_class(value: int) -> int:
    """The colour class of a value: -1 for 0, else the index into ``styles.HEAT_COLOURS``."""
    index = -1
    for i, bound in enumerate(styles.HEAT_BOUNDS):
        if value >= bound:
            index = i
    return index


def heat_colour(value: int) -> str:
    """The colour that stands for ``value`` sites pushed below target."""
    index = heat_class(value)
    return styles.HEAT_NONE if index < 0 else styles.HEAT_COLOURS[index]


def legend_entries() -> list[tuple[str, str]]:
    """``(colour, text)`` for each class, for a legend."""
    bounds = styles.HEAT_BOUNDS
    entries = [(styles.HEAT_NONE, QCoreApplication.translate("HeatLayer", "none"))]
    for i, low in enumerate(bounds):
        high = bounds[i + 1] - 1 if i + 1 < len(bounds) else None
        text = str(low) if high == low else (
            f"{low}–{high}" if high else QCoreApplication.translate("HeatLayer", "{0} or more").format(low))
        entries.append((styles.HEAT_COLOURS[i], text))
    return entries


def legend_html() -> str:
    """The colour classes as one line of rich text that wraps between entries."""
    title = QCoreApplication.translate("HeatLayer", "Sites pushed below target:")
    entries = " ".join(
        f'<span style="background:{colour}">{"&nbsp;" * 4}</span>&nbsp;'
        f'{text.replace(" ", "&nbsp;")}&nbsp;' for colour, text in legend_entries())
    return f"{title} {entries}"


def heat_key(what: str = "") -> KeyRows:
    """The map legend's rows for the heat map: a heading (naming the sweep), then four classes a row."""
    title = QCoreApplication.translate("HeatLayer", "Sites pushed below target by its failure:")
    if what:
        title = QCoreApplication.translate("HeatLayer", "{0}: sites pushed below target by each failure:") \
            .format(what)
    rows: KeyRows = [(title, heading)]
    return rows + swatch_rows(legend_entries(), 4, line_width=styles.HEAT_LINK_WIDTH)


class HeatLayer:
    """Links and sites coloured by a count each (what the last sweep found for them)."""

    def __init__(self, map_view: MapView) -> None:
        self.map_view = map_view
        colours = (styles.HEAT_NONE, *styles.HEAT_COLOURS)
        self.curves = []
        for i, colour in enumerate(colours):
            curve = pg.PlotDataItem(connect="pairs", antialias=True,
                                    pen=pg.mkPen(colour, width=styles.HEAT_LINK_WIDTH))
            curve.setZValue(HEAT_Z + 0.01 * i)  # darker classes on top
            map_view.view.addItem(curve)
            self.curves.append(curve)
        self.sites = pg.ScatterPlotItem(pxMode=True, antialias=True, size=styles.HEAT_SITE_SIZE,
                                        symbol="o")
        self.sites.setZValue(19.5)  # just under the site markers: a coloured halo
        map_view.view.addItem(self.sites)
        #: The values drawn now, by link id and by site id.
        self.link_values: dict[str, int] = {}
        self.site_values: dict[str, int] = {}
        #: Which sweep the values are from, in a few words (the legend's heading names it).
        self.what = ""

    def show(self, links: Mapping[str, int] | None = None, sites: Mapping[str, int] | None = None,
             what: str = "") -> None:
        """Colour these links and sites by their values; everything else as it was drawn."""
        self.link_values = dict(links or {})
        self.site_values = dict(sites or {})
        layout = self.map_view.layout
        by_class: list[list[str]] = [[] for _ in self.curves]
        for link_id, value in self.link_values.items():
            by_class[heat_class(value) + 1].append(link_id)
        for curve, ids in zip(self.curves, by_class, strict=True):
            segments = layout.segments(ids) if layout is not None and ids else np.empty((0, 2))
            if len(segments):  # keep whole pairs of finite points only
                pairs = segments.reshape(-1, 2, 2)
                segments = pairs[np.isfinite(pairs).all(axis=(1, 2))].reshape(-1, 2)
            if len(segments):
                curve.setData(segments[:, 0], segments[:, 1], connect="pairs")
            else:
                curve.setData([], [])
        spots = []
        if layout is not None:
            for site_id, value in self.site_values.items():
                row = layout.site_row.get(site_id)
                if row is not None and layout.placed[row]:
                    spots.append({"pos": layout.site_xy[row], "data": site_id,
                                  "brush": pg.mkBrush(heat_colour(value)),
                                  "pen": pg.mkPen(styles.SITE_EDGE, width=0.8)})
        self.sites.setData(spots)
        self.what = what
        self.map_view.legend.set_layer_key(HEAT_KEY, heat_key(what) if self.shown else None)

    def overlay(self) -> Callable[[MapView], None] | None:
        """What draws the values shown now on another map view (an export's), or None when none are."""
        if not self.shown:
            return None
        links, sites, what = dict(self.link_values), dict(self.site_values), self.what

        def draw(view: MapView) -> None:
            layer = HeatLayer(view)
            layer.show(links, sites, what)
            view.extra_layers.append(layer)
        return draw

    def clear(self) -> None:
        """Draw no heat."""
        self.show()

    @property
    def shown(self) -> bool:
        """True while some link or site is coloured."""
        return bool(self.link_values or self.site_values)
