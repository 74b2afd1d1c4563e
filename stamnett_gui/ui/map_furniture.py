"""What sits on top of the map: scale bar, north arrow and attribution."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from stamnett_gui.domain.attribution import map_attribution
from stamnett_gui.ui import styles


def nice_length(max_metres: float) -> float:
    """The largest 1, 2 or 5 × 10ⁿ metres not above ``max_metres``.

    >>> nice_length(1234.0), nice_length(380_000.0), nice_length(99.0)
    (1000.0, 200000.0, 50.0)
    """
    if max_metres <= 0:
        return 0.0
    power = 10 ** math.floor(math.log10(max_metres))
    for step in (5, 2, 1):
        if step * power <= max_metres:
            return float(step * power)
    return float(power)


def format_length(metres: float) -> str:
    """``'200 km'`` or ``'500 m'``."""
    return f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"


class MapFurniture(QWidget):
    """A transparent overlay over the map: scale bar, north arrow, attribution.

    The map calls :meth:`set_scale` whenever its zoom changes.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._metres_per_pixel = 1000.0
        self.bar_metres = 0.0
        #: The credits of what is on the map now (the basemap, and the network's sites when known).
        self.attribution = map_attribution(None)
        #: The scale bar and north arrow are drawn this many times their usual size (a projector).
        self.scale = 1.0

    def set_display_scale(self, scale: float) -> None:
        """Draw the scale bar and the north arrow ``scale`` times their usual size."""
        self.scale = scale
        self.set_scale(self._metres_per_pixel)

    def set_attribution(self, text: str) -> None:
        """Credit the data now on the map."""
        self.attribution = text
        self.update()

    def set_scale(self, metres_per_pixel: float) -> None:
        """Redraw the scale bar for this many metres per screen pixel."""
        self._metres_per_pixel = metres_per_pixel
        self.bar_metres = nice_length(styles.SCALE_BAR_MAX_PX * self.scale * metres_per_pixel)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the scale bar, the north arrow and the attribution."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.save()
        painter.scale(self.scale, self.scale)  # the two below draw at the usual size
        self._paint_scale_bar(painter)
        self._paint_north_arrow(painter)
        painter.restore()
        self._paint_attribution(painter)
        painter.end()

    def _paint_scale_bar(self, painter: QPainter) -> None:
        if self.bar_metres <= 0:
            return
        length = self.bar_metres / self._metres_per_pixel / self.scale
        x0, y0 = 16.0, self.height() / self.scale - 30.0
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 190))
        painter.drawRoundedRect(QRectF(x0 - 8, y0 - 20, length + 16, 34), 4, 4)
        pen = QPen(QColor(styles.LABEL_COLOUR), 2)
        painter.setPen(pen)
        painter.drawLine(QPointF(x0, y0), QPointF(x0 + length, y0))
        painter.drawLine(QPointF(x0, y0 - 5), QPointF(x0, y0 + 5))
        painter.drawLine(QPointF(x0 + length, y0 - 5), QPointF(x0 + length, y0 + 5))
        font = QFont(self.font())
        font.setPointSize(9)
        painter.setFont(font)
        painter.drawText(QRectF(x0, y0 - 19, length, 14), Qt.AlignmentFlag.AlignCenter,
                         format_length(self.bar_metres))

    def _paint_north_arrow(self, painter: QPainter) -> None:
        x, y = self.width() / self.scale - 30.0, 18.0
        painter.setPen(QPen(QColor(styles.LABEL_COLOUR), 1))
        painter.setBrush(QColor(styles.LABEL_COLOUR))
        painter.drawPolygon(QPolygonF([QPointF(x, y), QPointF(x - 7, y + 20), QPointF(x, y + 15),
                                       QPointF(x + 7, y + 20)]))
        font = QFont(self.font())
        font.setPointSize(10)
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(QRectF(x - 10, y + 20, 20, 16), Qt.AlignmentFlag.AlignCenter, "N")

    def _paint_attribution(self, painter: QPainter) -> None:
        font = QFont(self.font())
        font.setPointSize(7)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        text = self.attribution
        width = metrics.horizontalAdvance(text) + 10
        rect = QRectF(self.width() - width - 4, self.height() - 18, width, 16)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 170))
        painter.drawRect(rect)
        painter.setPen(QColor("#4a4a4a"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
