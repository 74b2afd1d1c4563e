"""The map legend: drawn with the same symbols, colours and pens as the map itself."""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from stamnett_gui.domain import Status
from stamnett_gui.ui import styles

Painter = Callable[[QPainter, QPointF], None]
#: Rows of a key: a symbol and its text.
KeyRows = list[tuple[str, Painter]]


def _symbol(symbol: str, size: float, fill: str | None, edge: str = styles.SITE_EDGE,
            width: float = 1.0) -> Painter:
    def paint(painter: QPainter, centre: QPointF) -> None:
        painter.save()
        painter.translate(centre)
        brush = pg.mkBrush(fill) if fill else pg.mkBrush(None)
        pen = pg.mkPen(edge, width=width)
        pen.setCosmetic(True)
        drawSymbol(painter, symbol, size, pen, brush)
        painter.restore()
    return paint


def _line(colour: str, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine,
          dashes: tuple[float, ...] = ()) -> Painter:
    def paint(painter: QPainter, centre: QPointF) -> None:
        pen = QPen(QColor(colour), width)
        pen.setStyle(style)
        if dashes:
            pen.setDashPattern(list(dashes))
        painter.setPen(pen)
        painter.drawLine(QPointF(centre.x() - 11, centre.y()), QPointF(centre.x() + 11, centre.y()))
    return paint


def _failed_link() -> Painter:
    line = _line(styles.LINK_FAILED, styles.LINK_FAILED_WIDTH, dashes=styles.LINK_FAILED_DASHES)
    cross = _symbol("x", styles.LINK_FAILED_MARK_SIZE, styles.LINK_FAILED, "#ffffff", 0.8)

    def paint(painter: QPainter, centre: QPointF) -> None:
        line(painter, centre)
        cross(painter, centre)
    return paint


def _area() -> Painter:
    def paint(painter: QPainter, centre: QPointF) -> None:
        fill = QColor(styles.HAZARD_FILL)
        fill.setAlphaF(styles.HAZARD_FILL_ALPHA)
        painter.setBrush(fill)
        painter.setPen(QPen(QColor(styles.HAZARD_EDGE), 1.6))
        painter.drawRect(QRectF(centre.x() - 10, centre.y() - 6, 20, 12))
    return paint


def swatch(colour: str) -> Painter:
    """A site marker filled with ``colour`` (a colour key's row)."""
    return _symbol("o", 10, colour)


def no_symbol(painter: QPainter, centre: QPointF) -> None:
    """Nothing: a row of text only (a heading or a note in a key)."""


def status_rows() -> KeyRows:
    """The sites' status colours and shapes, the legend's usual first rows."""
    rows: KeyRows = []
    for status in (Status.COMPLIANT, Status.DEGRADED, Status.ISOLATED, Status.FAILED):
        colour, symbol = styles.STATUS_STYLE[status]
        label = QCoreApplication.translate("Styles", styles.STATUS_LABEL[status])  # styles' context
        rows.append((label, _symbol(symbol, 10, colour)))
    return rows


def _entries(show_paths: bool, show_areas: bool = False, show_difference: bool = False,
             site_key: KeyRows | None = None) -> KeyRows:
    entries: KeyRows = list(status_rows() if site_key is None else site_key)
    if show_difference:  # compared with another scenario: its marks replace the lost rings
        entries.append((QCoreApplication.translate("MapLegend", "Worse than the scenario compared"), _symbol(
            "t", 16, None, styles.DIFFERENCE_WORSE, styles.DIFFERENCE_WIDTH)))
        entries.append((QCoreApplication.translate("MapLegend", "Better than the scenario compared"), _symbol(
            "t1", 16, None, styles.DIFFERENCE_BETTER, styles.DIFFERENCE_WIDTH)))
    else:
        entries.append((QCoreApplication.translate("MapLegend", "Lost diversity (vs. intact)"), _symbol(
            "o", 20, None, styles.LOST_RING, styles.LOST_RING_WIDTH)))
    entries.append((QCoreApplication.translate("MapLegend", "Core site (hub, data centre)"), _symbol(
        styles.CORE_SYMBOL, 13, styles.STATUS_STYLE[Status.COMPLIANT][0])))
    entries.append((QCoreApplication.translate("MapLegend", "Link"),
                    _line(styles.LINK_UP, styles.LINK_WIDTH)))
    entries.append((QCoreApplication.translate("MapLegend", "Failed link"), _failed_link()))
    if show_areas:
        entries.append((QCoreApplication.translate("MapLegend", "Hazard area (what it crosses fails)"),
                        _area()))
    if show_paths:
        route = _line(styles.PATH_COLOURS[0], styles.PATH_WIDTH)
        entries.append((QCoreApplication.translate("MapLegend", "Independent route (one colour each)"),
                        route))
        entries.append((QCoreApplication.translate("MapLegend", "Minimum cut"),
                        _line(styles.CUT_COLOUR, 4.0, Qt.PenStyle.DotLine)))
    return entries


class MapLegend(QWidget):
    """A small key in the map's top-left corner; it lists paths and cuts only while they are shown."""

    ROW = 19

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.show_paths = False
        self.show_areas = False
        self.show_difference = False
        #: Rows that stand instead of the status colours (sites coloured by something else).
        self.site_key: KeyRows | None = None
        #: Drawn this many times its usual size (a projector).
        self.scale = 1.0
        self._relayout()

    def set_scale(self, scale: float) -> None:
        """Draw the key ``scale`` times its usual size."""
        if scale != self.scale:
            self.scale = scale
            self._relayout()

    def _current(self) -> list[tuple[str, Painter]]:
        return _entries(self.show_paths, self.show_areas, self.show_difference, self.site_key)

    def set_site_key(self, rows: KeyRows | None) -> None:
        """List these rows instead of the status colours (None: the status colours)."""
        if rows is None and self.site_key is None:
            return
        self.site_key = rows
        self._relayout()

    def set_show_areas(self, show: bool) -> None:
        """List the hazard-area entry (when the scenario has areas) or not."""
        if show != self.show_areas:
            self.show_areas = show
            self._relayout()

    def set_show_difference(self, show: bool) -> None:
        """List the worse/better marks (comparing with another scenario) instead of the lost ring."""
        if show != self.show_difference:
            self.show_difference = show
            self._relayout()

    def labels(self) -> list[str]:
        """The entries' texts, top to bottom."""
        return [text for text, _ in self._current()]

    def set_show_paths(self, show: bool) -> None:
        """List the route and cut entries (when a site is selected) or not."""
        if show != self.show_paths:
            self.show_paths = show
            self._relayout()

    def _relayout(self) -> None:
        rows = len(self._current())
        self.resize(round(250 * self.scale), round((14 + self.ROW * rows) * self.scale))
        self.move(round(10 * self.scale), round(10 * self.scale))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the key."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(self.scale, self.scale)  # every size below is at the usual scale
        width, height = self.width() / self.scale, self.height() / self.scale
        painter.setPen(QPen(QColor(styles.NEIGHBOUR_EDGE), 1))
        painter.setBrush(QColor(255, 255, 255, 215))
        painter.drawRoundedRect(QRectF(0.5, 0.5, width - 1, height - 1), 5, 5)
        font = QFont(self.font())
        font.setPointSize(8)
        painter.setFont(font)
        for i, (text, draw) in enumerate(self._current()):
            y = 7 + self.ROW * i + self.ROW / 2
            draw(painter, QPointF(20, y))
            painter.setPen(QColor(styles.LABEL_COLOUR))
            painter.drawText(QRectF(40, y - self.ROW / 2, width - 44, self.ROW),
                             Qt.AlignmentFlag.AlignVCenter, text)
        painter.end()
