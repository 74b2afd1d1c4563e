"""The map: basemap, network, labels, hover tooltips, pan and zoom."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPoint, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QToolTip, QWidget

from stamnett_gui.analysis.map_geometry import MapLayout, layout_network
from stamnett_gui.domain import DiversityReport, Measure, Network
from stamnett_gui.domain.attribution import map_attribution
from stamnett_gui.io.basemap import Basemap
from stamnett_gui.ui import styles
from stamnett_gui.ui.basemap_layer import BasemapLayer
from stamnett_gui.ui.highlight_layer import HighlightLayer
from stamnett_gui.ui.legend import MapLegend
from stamnett_gui.ui.map_furniture import MapFurniture
from stamnett_gui.ui.network_layer import NetworkLayer

#: A tooltip stays up while the pointer moves less than this from where it was last renewed.
HOVER_SLACK_PX = 12
#: How long a tooltip stays up while the pointer rests on its item (an hour: until it moves off).
TOOLTIP_MS = 3_600_000


class MapView(pg.GraphicsView):  # type: ignore[misc]  # pyqtgraph ships no type hints
    """An offline map of Norway with one network drawn on it.

    Signals
    -------
    hovered(str, str)
        What is under the pointer changed: ``("site", id)``, ``("link", id)`` or ``("", "")``.
    clicked(str, str, object)
        A left click (not a drag, not the second click of a double-click) on ``("site", id)``,
        ``("link", id)`` or empty map ``("", "")``, with the keyboard modifiers.
    context_requested(str, str, object)
        A right click on a site, a link or empty map, with the global ``QPoint`` for a menu.
    view_changed()
        After any pan or zoom, once the labels and scale bar are updated.
    """

    hovered = Signal(str, str)
    clicked = Signal(str, str, object)
    context_requested = Signal(str, str, object)
    view_changed = Signal()

    def __init__(self, basemap: Basemap, parent: QWidget | None = None) -> None:
        super().__init__(parent, background=styles.SEA)
        # The basemap draws without antialiasing (a third of the frame time otherwise);
        # links, sites and highlights antialias themselves.
        self.setAntialiasing(False)
        self.view = pg.ViewBox(lockAspect=True, enableMenu=False, defaultPadding=0.02)
        self.view.setAspectLocked(True, ratio=1.0)
        self.setCentralItem(self.view)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.basemap_layer = BasemapLayer(self.view, basemap)
        self.network_layer = NetworkLayer(self.view)
        self.highlight = HighlightLayer(self.view)
        self.furniture = MapFurniture(self)
        self.legend = MapLegend(self)
        #: Further widgets floating over the map (the presentation's title): labels keep clear of them.
        self.overlays: list[QWidget] = []
        #: Layers drawn over the map by others and kept with it (an export's heat map, places, colours).
        self.extra_layers: list[object] = []
        self.hover: tuple[str, str] = ("", "")
        self.report: DiversityReport | None = None
        #: Each site's survival radius in km, when computed for the state shown (for tooltips).
        self.survival: dict[str, int | None] | None = None
        self._baseline_key: tuple[int, Measure, int] | None = None
        self.hover_text = ""
        self._relabel = QTimer(self, singleShot=True, interval=0)

        self._relabel.timeout.connect(self._on_view_settled)
        self.view.sigRangeChanged.connect(self._on_range_changed)
        self.scene().sigMouseClicked.connect(self._on_scene_clicked)
        self.zoom_to_norway()

    # -- the network ---------------------------------------------------------------------
    @property
    def layout(self) -> MapLayout | None:
        """The projected network now drawn, if any."""
        return self.network_layer.layout

    def set_network(self, network: Network) -> None:
        """Draw ``network`` instead of whatever was drawn."""
        layout = layout_network(network)
        self.furniture.set_attribution(map_attribution(network))
        self.network_layer.set_layout(layout)
        self.highlight.set_layout(layout)
        self._baseline_key = None
        self.report = None
        self._relabel.start()

    def set_display_scale(self, scale: float) -> None:
        """Draw markers, lines, labels and the legend ``scale`` times their usual size (a projector).

        Takes effect from the next :meth:`set_network`; the caller draws its state again after it.
        """
        self.network_layer.set_display_scale(scale)
        self.highlight.set_display_scale(scale)
        self.legend.set_scale(scale)
        self.furniture.set_display_scale(scale)

    def show_report(self, report: DiversityReport | None) -> None:
        """Draw every site by its status: the intact network's once, then what changed.

        ``None`` (the report is being computed) removes every status that differs
        from the intact network, so nothing of an older scenario stays drawn.
        """
        self.report = report
        if report is None:
            self.highlight.show_statuses(None)
            return
        key = (id(self.layout), report.measure, report.target)
        if key != self._baseline_key:  # once per network and settings
            self.network_layer.restyle_sites(*self.highlight.baseline_styles(report))
            self._baseline_key = key
        self.highlight.show_statuses(report)

    def set_emphasis(self, site_ids: list[str], forced: int = 0) -> None:
        """Label these sites at any zoom when there is room, in this order of priority.

        The first ``forced`` of them (the selection) are labelled even where labels would touch.
        """
        if (site_ids, forced) != (self.network_layer.emphasis, self.network_layer.forced):
            self.network_layer.emphasis, self.network_layer.forced = site_ids, forced
            self._relabel.start()

    # -- navigation ----------------------------------------------------------------------
    def zoom_to_norway(self) -> None:
        """Show all of mainland Norway."""
        self.view.setRange(rect=self.basemap_layer.mainland_rect, padding=0.02)

    def zoom_to_sites(self) -> None:
        """Show every site of the network (Svalbard included)."""
        if self.layout is None or not self.layout.placed.any():
            self.zoom_to_norway()
            return
        xy = self.layout.site_xy[self.layout.placed]
        rect = QRectF(QPointF(*xy.min(axis=0)), QPointF(*xy.max(axis=0)))
        self.view.setRange(rect=rect, padding=0.08)

    def centre_on(self, x: float, y: float, metres_per_pixel: float | None = None) -> None:
        """Centre the map on map coordinates, optionally at a given zoom."""
        rect = self.view.viewRect()
        if metres_per_pixel is not None:
            scale = metres_per_pixel / self.metres_per_pixel()
            rect = QRectF(0, 0, rect.width() * scale, rect.height() * scale)
        rect.moveCenter(QPointF(x, y))
        self.view.setRange(rect=rect, padding=0)

    def zoom(self, factor: float) -> None:
        """Zoom in (factor < 1) or out (factor > 1) about the centre."""
        self.view.scaleBy((factor, factor))

    def pan(self, dx_fraction: float, dy_fraction: float) -> None:
        """Pan by fractions of the visible width and height."""
        rect = self.view.viewRect()
        self.view.translateBy(x=rect.width() * dx_fraction, y=rect.height() * dy_fraction)

    def metres_per_pixel(self) -> float:
        """Map metres one screen pixel covers now."""
        size = self.view.viewPixelSize()
        return float(size[0]) if size[0] > 0 else 1000.0

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrow keys pan, + and − zoom, Home shows all of Norway."""
        key = event.key()
        moves = {
            Qt.Key.Key_Left: (-0.2, 0.0), Qt.Key.Key_Right: (0.2, 0.0),
            Qt.Key.Key_Up: (0.0, 0.2), Qt.Key.Key_Down: (0.0, -0.2),
        }
        if key in moves:
            self.pan(*moves[Qt.Key(key)])
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(0.7)
        elif key == Qt.Key.Key_Minus:
            self.zoom(1 / 0.7)
        elif key == Qt.Key.Key_Home:
            self.zoom_to_norway()
        else:
            super().keyPressEvent(event)

    # -- coordinates ---------------------------------------------------------------------
    def map_to_widget(self, x: float, y: float) -> QPoint:
        """The viewport pixel where map point ``(x, y)`` is drawn."""
        scene: QPointF = self.view.mapViewToScene(QPointF(x, y))
        pixel: QPoint = self.mapFromScene(scene)
        return pixel

    def site_pixel(self, site_id: str) -> QPoint:
        """The viewport pixel where a site is drawn."""
        p = self.network_layer.site_position(site_id)
        return self.map_to_widget(p.x(), p.y())

    def widget_to_map(self, pos: QPoint | QPointF) -> QPointF:
        """Map coordinates under a viewport pixel."""
        point: QPointF = self.view.mapSceneToView(self.mapToScene(QPoint(int(pos.x()), int(pos.y()))))
        return point

    def site_at(self, x: float, y: float, tolerance_px: float = styles.SITE_PICK_TOLERANCE_PX) -> str | None:
        """The site drawn nearest map point ``(x, y)``, within a tolerance in pixels."""
        layout = self.layout
        if layout is None or not layout.placed.any():
            return None
        d2 = ((layout.site_xy - (x, y)) ** 2).sum(axis=1)
        d2[~layout.placed] = np.inf
        i = int(np.argmin(d2))
        limit = tolerance_px * self.metres_per_pixel()
        return layout.site_ids[i] if d2[i] <= limit * limit else None

    def link_at(self, x: float, y: float, tolerance_px: float = styles.PICK_TOLERANCE_PX) -> str | None:
        """The link drawn nearest map point ``(x, y)``, within a tolerance in pixels."""
        if self.layout is None:
            return None
        return self.layout.nearest_link(x, y, tolerance_px * self.metres_per_pixel())

    # -- hover ---------------------------------------------------------------------------
    def describe(self, kind: str, item_id: str) -> str:
        """Tooltip text (rich text) for a site or a link."""
        layout = self.layout
        if layout is None:
            return ""
        network = layout.network
        if kind == "site":
            site = network.site(item_id)
            rows = [(self.tr("Health trust"), site.health_trust), (self.tr("Region"), site.region),
                    (self.tr("Municipality"), site.municipality),
                    (self.tr("Kind"),
                     QCoreApplication.translate("Styles", styles.SITE_KIND_LABEL[site.kind])),
                    (self.tr("Core"), self.tr("yes") if site.id in network.core else "")]
            entry = self.report.by_id.get(site.id) if self.report else None
            if entry is not None and self.report is not None:
                cap = self.report.cap
                now = f"{entry.diversity}+" if entry.diversity >= cap else str(entry.diversity)
                intact = f"{entry.baseline}+" if entry.baseline >= cap else str(entry.baseline)
                lost = self.tr(" · lost diversity") if entry.lost else ""
                rows.append((self.tr("Routes"), self.tr("{0} now, {1} intact ({2}, target {3})").format(
                    now, intact, self.report.measure.value, self.report.target)))
                rows.append((self.tr("Status"), f"{entry.status.value}{lost}"))
            radius = self.survival.get(site.id) if self.survival else None
            if radius is not None:
                rows.append((self.tr("Survival radius"),
                             self.tr("{0} km (a storm that size can push it below target)").format(radius)))
            title = site.name
        else:
            link = network.link(item_id)
            a, b = network.site(link.a).name, network.site(link.b).name
            groups = ", ".join(sorted(link.risk_groups)) or self.tr("none")
            rows = [(self.tr("Between"), f"{a} – {b}"),
                    (self.tr("Length"), self.tr("{0:.0f} km").format(layout.link_length_km(link))),
                    (self.tr("Medium"), link.medium), (self.tr("Operator"), link.operator),
                    (self.tr("Risk groups"), groups)]
            title = self.tr("Link {0}").format(link.id) + (f" · {link.name}" if link.name else "")
        body = "".join(
            f"<tr><td style='color:#555;padding-right:8px'>{html.escape(k)}</td>"
            f"<td>{html.escape(v)}</td></tr>" for k, v in rows if v
        )
        return f"<b>{html.escape(title)}</b><table>{body}</table>"

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Track what is under the pointer (every move: the scene's own signal is rate-limited)."""
        super().mouseMoveEvent(event)
        self._update_hover(event.position())

    def _update_hover(self, pixel: QPointF) -> None:
        point = self.widget_to_map(pixel)
        hover = self.item_at(point.x(), point.y())
        changed = hover != self.hover
        if changed:
            self.hover = hover
            self.hover_text = self.describe(*hover) if hover[0] else ""
        if self.hover_text:
            # Qt hides a tip once the pointer leaves the tip's rectangle, or after a timeout:
            # renewing it on every move keeps it up for as long as the pointer stays on the item.
            here = pixel.toPoint()
            rect = QRect(here - QPoint(HOVER_SLACK_PX, HOVER_SLACK_PX),
                         QSize(2 * HOVER_SLACK_PX, 2 * HOVER_SLACK_PX))
            QToolTip.showText(self.mapToGlobal(here), self.hover_text, self, rect, TOOLTIP_MS)
        elif changed:
            QToolTip.hideText()
        if changed:
            self.hovered.emit(*hover)

    def item_at(self, x: float, y: float) -> tuple[str, str]:
        """``("site", id)``, ``("link", id)`` or ``("", "")`` at map point ``(x, y)``; sites win."""
        site = self.site_at(x, y)
        if site:
            return ("site", site)
        link = self.link_at(x, y)
        return ("link", link) if link else ("", "")

    def _on_scene_clicked(self, event: object) -> None:
        point = self.view.mapSceneToView(event.scenePos())  # type: ignore[attr-defined]
        kind, item_id = self.item_at(point.x(), point.y())
        button = event.button()  # type: ignore[attr-defined]
        if button == Qt.MouseButton.LeftButton and not event.double():  # type: ignore[attr-defined]
            self.clicked.emit(kind, item_id, event.modifiers())  # type: ignore[attr-defined]
        elif button == Qt.MouseButton.RightButton:
            screen = event.screenPos()  # type: ignore[attr-defined]
            self.context_requested.emit(kind, item_id, QPoint(int(screen.x()), int(screen.y())))

    # -- view changes --------------------------------------------------------------------
    def _on_range_changed(self, *_: object) -> None:
        self._relabel.start()

    def _on_view_settled(self) -> None:
        mpp = self.metres_per_pixel()
        self.basemap_layer.update_detail(mpp)
        self.network_layer.update_labels(mpp, self.view.viewRect(), self._overlay_rects())
        self.furniture.set_scale(mpp)
        self.view_changed.emit()

    def request_relabel(self) -> None:
        """Place the labels again once the event loop is free (what floats over the map moved)."""
        self._relabel.start()

    def set_legend_visible(self, visible: bool) -> None:
        """Show or hide the legend; labels may use the space it leaves."""
        self.legend.setVisible(visible)
        self._relabel.start()

    def _overlay_rects(self) -> list[QRectF]:
        """Map-unit rectangles under what floats over the map (legend, scale bar, north arrow)."""
        f = self.furniture.scale
        boxes = [QRectF(0, self.height() - 60 * f, 180 * f, 60 * f),  # scale bar
                 QRectF(self.width() - 50 * f, 0, 50 * f, 60 * f),    # north arrow
                 QRectF(self.width() - 420, self.height() - 20, 420, 20)]  # attribution
        if self.legend.isVisible():
            boxes.append(QRectF(self.legend.geometry()))
        boxes += [QRectF(w.geometry()) for w in self.overlays if w.isVisible()]
        rects = []
        for box in boxes:
            a = self.widget_to_map(box.topLeft())
            b = self.widget_to_map(box.bottomRight())
            rects.append(QRectF(a, b).normalized())
        return rects

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the overlay covering the map."""
        super().resizeEvent(event)
        if hasattr(self, "furniture"):  # pyqtgraph resizes once inside its own __init__
            self.furniture.setGeometry(self.rect())
            self._relabel.start()

    def settle(self) -> None:
        """Bring labels, coastline detail and scale bar up to date now (for exports and tests)."""
        self._relabel.stop()
        self._on_view_settled()
