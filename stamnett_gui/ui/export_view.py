"""The offscreen map an export paints: the window's own map view, drawing a scenario, framed.

Kept apart from the file formats (:mod:`stamnett_gui.ui.export`) so that the evidence pack
paints the same maps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import shapely
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QRegion
from PySide6.QtWidgets import QApplication, QGraphicsView, QWidget

from stamnett_gui.analysis import assess_diversity
from stamnett_gui.analysis.projection import project, unproject
from stamnett_gui.domain import DiversityReport, FailureScenario, Measure, Network
from stamnett_gui.io.basemap import load_basemap
from stamnett_gui.ui import styles
from stamnett_gui.ui.basemap_layer import geometry_path
from stamnett_gui.ui.map_view import MapView
from stamnett_gui.ui.qt_setup import ensure_application

#: Where ``frame`` frames the map: Norway's mainland, every site, what the scenario affects.
FRAMES = ("norway", "sites", "affected")

Bbox = tuple[float, float, float, float]
#: Draws a layer of the window's (and its legend rows) on the map view of an export.
Overlay = Callable[[MapView], None]


@dataclass(frozen=True)
class MapArea:
    """A rectangle in map metres (what a window shows), framed as it is, with no margin."""

    left: float
    bottom: float
    right: float
    top: float

    def rect(self) -> QRectF:
        """The rectangle as Qt's."""
        return QRectF(self.left, self.bottom, self.right - self.left, self.top - self.bottom).normalized()


@dataclass(frozen=True)
class MapContent:
    """What a map shows: a network under a scenario, by a measure and target, framed.

    ``frame`` is one of :data:`FRAMES`, a ``(lon_min, lat_min, lon_max, lat_max)`` box in
    degrees, or a :class:`MapArea`. ``overlays`` draw what the window shows over its map
    (a sweep's heat map, the worst places, survival colours) on the map of the export,
    each with its legend rows; see :func:`stamnett_gui.ui.export_dialog.window_overlays`.
    """

    network: Network
    scenario: FailureScenario = field(default_factory=FailureScenario)
    measure: Measure = Measure.EDGE
    target: int | None = None
    frame: str | Bbox | MapArea = "norway"
    overlays: tuple[Overlay, ...] = field(default=(), compare=False)

    @property
    def settled_target(self) -> int:
        """The target in force: the one asked for, or the network's."""
        return self.network.target if self.target is None else self.target


def assess(content: MapContent) -> DiversityReport:
    """The report the map draws: the content's scenario, measure and target."""
    return assess_diversity(content.network, content.scenario, content.settled_target, content.measure)


def resolved(network: Network, scenario: FailureScenario) -> FailureScenario:
    """The scenario with its hazard areas turned into the links and sites they take down."""
    if not scenario.hazard_areas:
        return scenario
    from stamnett_gui.analysis.hazards import resolve_scenario

    return resolve_scenario(network, scenario)


def affected_sites(network: Network, report: DiversityReport) -> list[str]:
    """Sites that lost diversity or are down, and the ends of every link that is down."""
    scenario = resolved(network, report.scenario)
    ids = {s.site_id for s in report.sites if s.lost}
    ids |= scenario.down_sites(network)
    for link_id in scenario.down_links(network):
        ids.update(network.link(link_id).ends)
    return sorted(ids)


def frame_rect(view: MapView, content: MapContent, report: DiversityReport) -> QRectF | None:
    """The map rectangle (map metres) that ``content.frame`` asks for, or None for all of Norway."""
    frame = content.frame
    layout = view.layout
    if isinstance(frame, MapArea):
        return frame.rect()
    if isinstance(frame, tuple):  # every corner and edge middle: the box's meridians converge
        lon0, lat0, lon1, lat1 = frame
        lons = [lon0, (lon0 + lon1) / 2, lon1]
        lats = [lat0, (lat0 + lat1) / 2, lat1]
        x, y = project([lo for lo in lons for _ in lats], [la for _ in lons for la in lats])
        return QRectF(float(x.min()), float(y.min()), float(x.max() - x.min()), float(y.max() - y.min()))
    if frame == "affected" and layout is not None:
        rows = [layout.site_row[s] for s in affected_sites(content.network, report)
                if s in layout.site_row and layout.placed[layout.site_row[s]]]
        if not rows:
            return None
        xy = layout.site_xy[rows]
        rect = QRectF(float(xy[:, 0].min()), float(xy[:, 1].min()),
                      float(xy[:, 0].max() - xy[:, 0].min()), float(xy[:, 1].max() - xy[:, 1].min()))
        # A few sites close together still get a map around them (60 km at least).
        grow_x = max(0.0, 60_000 - rect.width()) / 2 + 0.15 * rect.width()
        grow_y = max(0.0, 60_000 - rect.height()) / 2 + 0.15 * rect.height()
        return rect.adjusted(-grow_x, -grow_y, grow_x, grow_y)
    if frame == "sites" and layout is not None and layout.placed.any():
        xy = layout.site_xy[layout.placed]
        return QRectF(float(xy[:, 0].min()), float(xy[:, 1].min()),
                      float(xy[:, 0].max() - xy[:, 0].min()), float(xy[:, 1].max() - xy[:, 1].min()))
    if layout is not None and layout.placed.any():  # Norway, unless the network reaches beyond it
        norway = view.basemap_layer.mainland_rect
        xy = layout.site_xy[layout.placed]
        if not all(norway.contains(float(x), float(y)) for x, y in xy):
            return frame_rect(view, MapContent(content.network, frame="sites"), report)
    return None


def build_map_view(content: MapContent, report: DiversityReport, width: int, height: int,
                   rect: QRectF | None = None) -> MapView:
    """An offscreen map of ``width`` × ``height`` layout units drawing ``report``, framed.

    ``rect`` (map metres) overrides ``content.frame``: two maps of one page show the same
    place. The caller deletes the view (``view.deleteLater()``) when done.
    """
    ensure_application(headless=True)
    view = MapView(load_basemap())
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    view.resize(width, height)
    view.show()  # lays the scene out at the final size before the range is set
    network = content.network
    view.set_network(network)
    if network.core:
        view.show_report(report)
    view.highlight.show_failed_links(resolved(network, report.scenario).down_links(network))
    view.set_emphasis(affected_sites(network, report))  # labelled wherever there is room
    if report.scenario.hazard_areas:  # drawn as the window draws them
        from stamnett_gui.ui.hazard_layer import HazardLayer

        HazardLayer(view.view).show_areas(report.scenario)  # its items live in the view's scene
        view.legend.set_show_areas(True)
    for overlay in content.overlays:  # what the window draws over its map, and its legend rows
        overlay(view)
    QApplication.processEvents()
    rect = rect if rect is not None else frame_rect(view, content, report)
    if rect is None:
        view.zoom_to_norway()
    else:
        view.view.setRange(rect=rect, padding=0 if isinstance(content.frame, MapArea) else 0.04)
    crop_basemap(view)
    view.settle()
    return view


def crop_basemap(view: MapView) -> None:
    """Cut the offscreen view's basemap down to what it shows (and a margin).

    Vector output keeps every point of a path, seen or not: the whole detailed coastline
    would sit in a map of one fjord (1 MB a map, and paths some SVG readers give up on).
    """
    rect = view.view.viewRect()
    margin = 0.1 * max(rect.width(), rect.height())
    rect = rect.adjusted(-margin, -margin, margin, margin)
    xs = [rect.left(), rect.center().x(), rect.right()]
    ys = [rect.top(), rect.center().y(), rect.bottom()]
    lon, lat = unproject([x for x in xs for _ in ys], [y for _ in xs for y in ys])
    box = (float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max()))
    basemap, layer = load_basemap(), view.basemap_layer
    for item, geometry in ((layer.neighbours, basemap.neighbours), (layer.coarse, basemap.land_coarse),
                           (layer.detailed, basemap.land_detailed), (layer.islands, basemap.arctic_islands),
                           (layer.counties, basemap.county_borders),
                           (layer.countries, basemap.country_borders)):
        item.setPath(geometry_path(shapely.clip_by_rect(geometry, *box)))


def paint_map(painter: QPainter, target: QRectF, view: MapView) -> None:
    """Paint ``view`` (map, legend, scale bar, north arrow, attribution) into ``target``.

    pyqtgraph items draw for export while this runs: site markers as shapes, not the
    bitmaps they are cached as on screen, so that SVG and PDF stay vector.
    """
    items = [item for item in view.scene().items() if hasattr(item, "setExportMode")]
    options = {"antialias": True, "background": None, "painter": painter, "resolutionScale": 1.0}
    for item in items:
        item.setExportMode(True, options)
    # pyqtgraph caches the background (the sea) as a bitmap; drawn as a fill it stays vector.
    view.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
    painter.save()
    try:
        painter.translate(target.topLeft())
        painter.setClipRect(QRectF(0, 0, target.width(), target.height()))
        # QWidget's render, not QGraphicsView's: the legend and the furniture are child widgets.
        QWidget.render(view, painter, QPoint(0, 0), QRegion(view.rect()),
                       QWidget.RenderFlag.DrawChildren | QWidget.RenderFlag.DrawWindowBackground)
    finally:
        painter.restore()
        for item in items:
            item.setExportMode(False)



def mask_outside(painter: QPainter, page: QRectF, keep: QRectF) -> None:
    """Paint the page white around ``keep``.

    SVG output ignores clipping: the basemap's land reaches past the map's frame and
    would run under the caption.
    """
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("white"))
    for band in (QRectF(page.left(), page.top(), page.width(), keep.top() - page.top()),
                 QRectF(page.left(), keep.bottom(), page.width(), page.bottom() - keep.bottom()),
                 QRectF(page.left(), keep.top(), keep.left() - page.left(), keep.height()),
                 QRectF(keep.right(), keep.top(), page.right() - keep.right(), keep.height())):
        if band.width() > 0 and band.height() > 0:
            painter.drawRect(band)
    painter.setPen(QPen(QColor(styles.COUNTRY_BORDER), 0.8))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(keep)
    painter.restore()
