"""View → Colour sites by: the sites' status (the usual) or their survival radius.

In survival colours every site's marker keeps its shape (status, core) and
takes the colour of its survival radius, red for a small one (the site's
"independent" routes meet in one narrow place) to blue for a large one; the
legend's status rows give way to the radius classes. The radii are those the
regional failures panel computed for the state the window shows; for any other
state the markers keep their status colours and the legend says the radii are
not computed. A newly computed set of radii switches this colouring on.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from stamnett_gui.domain import DiversityReport, Status
from stamnett_gui.domain.regional import SiteSurvival, SurvivalResult
from stamnett_gui.ui import styles
from stamnett_gui.ui.legend import KeyRows, heading, status_rows, swatch_rows
from stamnett_gui.ui.map_view import MapView

if TYPE_CHECKING:
    from stamnett_gui.ui.main_window import MainWindow

#: Above the sites drawn by status (22) and the lost rings, below the selection rings (23).
SURVIVAL_SITES_Z = 22.5
#: The object name of View → Colour sites by.
COLOUR_MENU = "Colour sites menu"


def survival_class(site: SiteSurvival) -> int:
    """Index into ``styles.SURVIVAL_COLOURS``, or -1 when the question does not apply.

    A site that no disk up to the search's limit pushes below target is in the
    last class, with the largest radii.
    """
    if not site.applies:
        return -1
    last = len(styles.SURVIVAL_COLOURS) - 1
    if site.radius_km is None:
        return last
    for i, bound in enumerate(styles.SURVIVAL_BOUNDS):
        if site.radius_km <= bound:
            return i
    return last


def survival_colour(site: SiteSurvival) -> str:
    """The fill of ``site``'s marker in survival colours."""
    index = survival_class(site)
    return styles.SURVIVAL_NONE if index < 0 else styles.SURVIVAL_COLOURS[index]


def survival_key() -> KeyRows:
    """The legend's rows for survival colours: a heading, the classes, the sites it does not apply to."""
    bounds = styles.SURVIVAL_BOUNDS
    texts = [QCoreApplication.translate("SiteColours", "up to {0} km").format(bounds[0])]
    texts += [f"{low + 1}–{high} km" for low, high in pairwise(bounds)]
    texts.append(QCoreApplication.translate("SiteColours", "more than {0} km, or none").format(bounds[-1]))
    rows: KeyRows = [(QCoreApplication.translate("SiteColours", "Survival radius of each site:"), heading)]
    classes = list(zip(styles.SURVIVAL_COLOURS, texts, strict=True))
    rows += swatch_rows(classes[:3], 3, kind="fill")  # the small radii, the news, in one row
    rows += swatch_rows(classes[3:], 2, kind="fill")
    rows += swatch_rows([(styles.SURVIVAL_NONE, QCoreApplication.translate(
        "SiteColours", "does not apply (down, already below target)"))], 1, kind="fill")
    return rows


class SurvivalMarkers:
    """Sites' markers in survival colours over a map view: the window's, or an export's."""

    def __init__(self, map_view: MapView) -> None:
        self.map_view = map_view
        self.scatter = pg.ScatterPlotItem(pxMode=True, antialias=True)
        self.scatter.setZValue(SURVIVAL_SITES_Z)
        map_view.view.addItem(self.scatter)

    def show(self, survival: SurvivalResult | None, report: DiversityReport | None) -> None:
        """A marker for each placed site of ``survival``, in its class colour (None: no markers).

        Each marker has the shape and size the map draws the site with for its status in
        ``report`` (compliant while there is none) and its kind.
        """
        highlight, layout = self.map_view.highlight, self.map_view.layout
        spots = []
        if survival is not None and layout is not None:
            for site in survival.sites:
                row = layout.site_row.get(site.site_id)
                if row is None or not layout.placed[row]:
                    continue
                status = report[site.site_id].status if report is not None else Status.COMPLIANT
                symbol, size, _ = highlight.site_style(layout.network.sites[row], status)
                spots.append({"pos": layout.site_xy[row], "symbol": symbol, "size": size,
                              "brush": styles.brush(survival_colour(site)),
                              "pen": pg.mkPen(styles.SITE_EDGE, width=1.2), "data": site.site_id})
        if spots or len(self.scatter.data):  # nothing to clear on a click while sites show status
            self.scatter.setData(spots)

    def colours(self) -> dict[str, str]:
        """Each site's fill as drawn now, by site id (empty while there are no markers)."""
        return {str(spot.data()): spot.brush().color().name() for spot in self.scatter.points()}


class SiteColours(QObject):
    """The Colour sites by menu, the survival-coloured markers and their legend rows."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window, self.map_view = window, window.map_view
        self.survival_markers = SurvivalMarkers(self.map_view)
        self.markers = self.survival_markers.scatter
        #: The radii for the state shown (None: not computed for it).
        self.survival: SurvivalResult | None = None
        self._seen: SurvivalResult | None = None
        group = QActionGroup(self)
        self.status_action = QAction(QCoreApplication.translate("SiteColours", "&Status"), group,
                                     checkable=True, checked=True)
        self.status_action.setStatusTip(QCoreApplication.translate(
            "SiteColours", "Colour each site by its status against the target"))
        self.survival_action = QAction(QCoreApplication.translate("SiteColours", "Survival &radius"), group,
                                       checkable=True)
        self.survival_action.setStatusTip(QCoreApplication.translate(
            "SiteColours",
            "Colour each site by its survival radius (Analysis → Regional failures → Survival radii)"))
        group.triggered.connect(lambda _action: self.redraw())
        self.menu = QMenu(QCoreApplication.translate("SiteColours", "&Colour sites by"), window)
        self.menu.setObjectName(COLOUR_MENU)
        self.menu.addActions([self.status_action, self.survival_action])
        view_menu = window.findChild(QMenu, "View menu")
        if view_menu is not None:
            view_menu.addMenu(self.menu)
        window.session.report_ready.connect(lambda _report: self.redraw())
        window.session.state_changed.connect(lambda _fields: self.redraw())

    @property
    def by_survival(self) -> bool:
        """True while the sites are to be coloured by survival radius."""
        return self.survival_action.isChecked()

    def set_by_survival(self, on: bool) -> None:
        """Colour the sites by survival radius (True) or by status (False)."""
        (self.survival_action if on else self.status_action).setChecked(True)
        self.redraw()

    def show_survival(self, survival: SurvivalResult | None) -> None:
        """The radii valid for the state shown now, or None; radii not seen before switch colouring on."""
        self.survival = survival
        if survival is not None and survival is not self._seen:
            self._seen = survival
            self.survival_action.setChecked(True)
        self.redraw()

    def colours(self) -> dict[str, str]:
        """Each site's fill as drawn now, by site id (empty while the sites show their status)."""
        return self.survival_markers.colours()

    def redraw(self) -> None:
        """Draw the markers and the legend's rows for the colouring chosen and the state shown."""
        legend = self.map_view.legend
        if not self.by_survival:
            self.survival_markers.show(None, None)
            legend.set_site_key(None)
            return
        if self.survival is None:
            self.survival_markers.show(None, None)
            legend.set_site_key([
                (QCoreApplication.translate("SiteColours", "No survival radii for this state;"), heading),
                (QCoreApplication.translate("SiteColours", "sites by status:"), heading), *status_rows()])
            return
        self.survival_markers.show(self.survival, self.window.session.report)
        legend.set_site_key(survival_key())

    def overlay(self) -> Callable[[MapView], None] | None:
        """What colours the sites as now on another map view (an export's), with the legend's rows.

        None while the sites show their status (chosen so, or no radii for the state shown).
        """
        if not self.by_survival or self.survival is None:
            return None
        survival, report = self.survival, self.window.session.report

        def draw(view: MapView) -> None:
            markers = SurvivalMarkers(view)
            markers.show(survival, view.report if view.report is not None else report)
            view.legend.set_site_key(survival_key())
            view.extra_layers.append(markers)
        return draw
