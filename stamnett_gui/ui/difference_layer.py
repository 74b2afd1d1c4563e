"""The difference map: sites worse or better now than in the scenario compared against.

Comparing with another scenario of the workshop marks every site whose
diversity differs: a downward triangle around a site that is worse now, an
upward one around a site that is better, each in its own colour (and shape,
so it reads in grey too). The usual "lost diversity" rings compare with the
intact network and are hidden meanwhile, so the two never mix.
"""

from __future__ import annotations

import pyqtgraph as pg

from stamnett_gui.analysis.comparison import ScenarioComparison, SiteChange
from stamnett_gui.ui import styles
from stamnett_gui.ui.map_view import MapView

WORSE_SYMBOL, BETTER_SYMBOL = "t", "t1"


class DifferenceLayer:
    """Worse and better marks over the map's sites."""

    def __init__(self, map_view: MapView) -> None:
        self.map_view = map_view
        self.worse = pg.ScatterPlotItem(pxMode=True, antialias=True, brush=None, symbol=WORSE_SYMBOL,
                                        size=styles.DIFFERENCE_SIZE,
                                        pen=pg.mkPen(styles.DIFFERENCE_WORSE, width=styles.DIFFERENCE_WIDTH))
        self.better = pg.ScatterPlotItem(pxMode=True, antialias=True, brush=None, symbol=BETTER_SYMBOL,
                                         size=styles.DIFFERENCE_SIZE,
                                         pen=pg.mkPen(styles.DIFFERENCE_BETTER,
                                                      width=styles.DIFFERENCE_WIDTH))
        for item in (self.worse, self.better):
            item.setZValue(21.5)
            map_view.view.addItem(item)
        #: The site ids marked worse and better now.
        self.marked: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())

    def show(self, comparison: ScenarioComparison | None, comparing: bool) -> None:
        """Mark the comparison's sites (None: nothing); ``comparing`` hides the intact rings."""
        self.map_view.highlight.lost_rings.setVisible(not comparing)
        changes = comparison.changes if comparison is not None and comparing else ()
        worse = [c for c in changes if c.worse]
        better = [c for c in changes if not c.worse]
        self.worse.setData(self._spots(worse))
        self.better.setData(self._spots(better))
        self.marked = (frozenset(c.site_id for c in worse), frozenset(c.site_id for c in better))

    def _spots(self, changes: list[SiteChange]) -> list[dict[str, object]]:
        layout = self.map_view.layout
        if layout is None:
            return []
        spots: list[dict[str, object]] = []
        for change in changes:
            row = layout.site_row.get(change.site_id)
            if row is not None and layout.placed[row]:
                spots.append({"pos": layout.site_xy[row], "data": change.site_id})
        return spots
