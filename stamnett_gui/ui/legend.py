"""The map legend: drawn with the same symbols, colours and pens as the map itself."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
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
    """Nothing: a row of text only (a note in a key), set where the other rows' texts are."""


def heading(painter: QPainter, centre: QPointF) -> None:
    """Nothing: the row's text heads the rows under it, set from the key's left edge."""


class SwatchRow:
    """One key row of several colour classes side by side, each a swatch and its text.

    A colour scale in a row or two instead of a row per class. ``kind`` is ``"line"`` (a
    short thick line: links coloured by class) or ``"fill"`` (a filled box: areas, drawn
    with ``alpha``). The legend calls it with the row's left end; it draws its own texts,
    and the row's text (what :meth:`MapLegend.labels` lists) is :attr:`text`.
    """

    SWATCH = 16.0  # the swatch's width
    GAP = 4.0  # between a swatch and its text
    SPACE = 12.0  # between one class and the next

    def __init__(self, entries: Sequence[tuple[str, str]], kind: str = "line", alpha: float = 1.0,
                 line_width: float = 4.0) -> None:
        self.entries = list(entries)  # (colour, text)
        self.kind, self.alpha, self.line_width = kind, alpha, line_width

    @property
    def text(self) -> str:
        """The classes' texts, in order (the row's label)."""
        return "  ".join(text for _, text in self.entries)

    def width(self, metrics: QFontMetricsF) -> float:
        """The row's width in the legend's font."""
        cells = [self.SWATCH + self.GAP + metrics.horizontalAdvance(text) for _, text in self.entries]
        return sum(cells) + self.SPACE * max(0, len(cells) - 1)

    def __call__(self, painter: QPainter, left: QPointF) -> None:
        """Draw the classes from ``left`` (the row's left end, at its middle height)."""
        metrics = QFontMetricsF(painter.font())
        x, y = left.x(), left.y()
        for colour, text in self.entries:
            painter.save()
            fill = QColor(colour)
            if self.kind == "fill":
                fill.setAlphaF(self.alpha)
                painter.setPen(QPen(QColor(styles.NEIGHBOUR_EDGE), 0.6))
                painter.setBrush(fill)
                painter.drawRect(QRectF(x, y - 5, self.SWATCH, 10))
            else:
                pen = QPen(fill, self.line_width)
                pen.setCapStyle(Qt.PenCapStyle.FlatCap)
                painter.setPen(pen)
                painter.drawLine(QPointF(x, y), QPointF(x + self.SWATCH, y))
            painter.restore()
            x += self.SWATCH + self.GAP
            advance = metrics.horizontalAdvance(text)
            painter.setPen(QColor(styles.LABEL_COLOUR))
            painter.drawText(QRectF(x, y - 10, advance + 2, 20), Qt.AlignmentFlag.AlignVCenter, text)
            x += advance + self.SPACE


def swatch_rows(entries: Sequence[tuple[str, str]], per_row: int, kind: str = "line",
                alpha: float = 1.0, line_width: float = 4.0) -> KeyRows:
    """Colour classes ``(colour, text)`` as rows of ``per_row`` classes each (see :class:`SwatchRow`)."""
    rows: KeyRows = []
    for start in range(0, len(entries), per_row):
        row = SwatchRow(entries[start:start + per_row], kind, alpha, line_width)
        rows.append((row.text, row))
    return rows


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
    """A small key in the map's top-left corner; it lists paths and cuts only while they are shown.

    Under its usual rows it lists the keys of the analysis layers drawn on the map (a sweep's
    heat map, the worst places), each set by its layer with :meth:`set_layer_key`.
    """

    ROW = 19
    WIDTH = 250  # at least; more when a text needs it

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.show_paths = False
        self.show_areas = False
        self.show_difference = False
        #: Rows that stand instead of the status colours (sites coloured by something else).
        self.site_key: KeyRows | None = None
        #: The analysis layers' rows by the layer's name, in the order they were first set.
        self.layer_keys: dict[str, KeyRows] = {}
        #: Drawn this many times its usual size (a projector).
        self.scale = 1.0
        self._relayout()

    def set_scale(self, scale: float) -> None:
        """Draw the key ``scale`` times its usual size."""
        if scale != self.scale:
            self.scale = scale
            self._relayout()

    def _current(self) -> list[tuple[str, Painter]]:
        rows = _entries(self.show_paths, self.show_areas, self.show_difference, self.site_key)
        for key in self.layer_keys.values():
            rows += key
        return rows

    def set_layer_key(self, name: str, rows: KeyRows | None) -> None:
        """List ``rows`` under the usual ones for the layer ``name`` (None: the layer shows nothing).

        A layer keeps its place among the others while it replaces its rows.
        """
        if rows is None:
            if self.layer_keys.pop(name, None) is not None:
                self._relayout()
            return
        self.layer_keys[name] = list(rows)
        self._relayout()

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

    def _font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSize(8)
        return font

    def _width(self, rows: list[tuple[str, Painter]]) -> float:
        """The width the rows need at the usual scale: the usual width, or the widest row's."""
        metrics = QFontMetricsF(self._font())
        widest = 0.0
        for text, draw in rows:
            if isinstance(draw, SwatchRow):
                widest = max(widest, 8 + draw.width(metrics) + 8)
            else:
                widest = max(widest, (8 if draw is heading else 40) + metrics.horizontalAdvance(text) + 8)
        return max(float(self.WIDTH), widest)

    def _relayout(self) -> None:
        rows = self._current()
        self.resize(round(self._width(rows) * self.scale), round((14 + self.ROW * len(rows)) * self.scale))
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
        painter.setFont(self._font())
        rows = self._current()
        for i, (text, draw) in enumerate(rows):
            y = 7 + self.ROW * i + self.ROW / 2
            if isinstance(draw, SwatchRow):  # draws its own texts
                draw(painter, QPointF(8, y))
                continue
            left = 40
            if draw is heading:
                left = 8
                if i and rows[i - 1][1] is not heading:  # a hairline sets a key apart from the rows above
                    painter.setPen(QPen(QColor(styles.NEIGHBOUR_EDGE), 0.6))
                    painter.drawLine(QPointF(8, y - self.ROW / 2), QPointF(width - 8, y - self.ROW / 2))
            else:
                draw(painter, QPointF(20, y))
            painter.setPen(QColor(styles.LABEL_COLOUR))
            painter.drawText(QRectF(left, y - self.ROW / 2, width - left - 4, self.ROW),
                             Qt.AlignmentFlag.AlignVCenter, text)
        painter.end()
