"""The coordinate-system question: which CRS a file's projected coordinates are in.

Asked when a reader finds easting/northing in metres and the file does not say
which coordinate system they are in (:class:`~stamnett_gui.io.errors.CRSRequired`).
The common Norwegian choices are offered, EUREF89 / UTM zone 33N first; any EPSG
code or PROJ string can be typed, and is checked before the dialog closes. Where
one site of the file would land is shown for the choice, with the nearest of
Oslo, Bergen, Trondheim and Tromsø, so a wrong zone shows as a city in the
wrong place.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stamnett_gui.analysis.core_proposal import REGIONAL_CAPITALS
from stamnett_gui.io.coordinates import crs_name, crs_problem, to_lonlat
from stamnett_gui.io.errors import CRSRequired
from stamnett_gui.io.site_index import distance_m
from stamnett_gui.ui.styles import VERMILLION

#: The common choices for Norwegian files: (CRS, what to call it in the list). The first is preselected.
#: What to call them is marked for translation, and translated where it is shown.
COMMON_CRS: tuple[tuple[str, str], ...] = (  # type: ignore[assignment]  # QT_TRANSLATE_NOOP is typed as object
    ("EPSG:25833", QT_TRANSLATE_NOOP("CRSDialog", "UTM zone 33N (EPSG:25833): most Norwegian maps")),
    ("EPSG:25832", QT_TRANSLATE_NOOP("CRSDialog", "UTM zone 32N (EPSG:25832): southern and western Norway")),
    ("EPSG:25835", QT_TRANSLATE_NOOP("CRSDialog", "UTM zone 35N (EPSG:25835): Finnmark")),
    ("EPSG:4326", QT_TRANSLATE_NOOP("CRSDialog", "WGS84 degrees (EPSG:4326)")),
    ("EPSG:3857", QT_TRANSLATE_NOOP("CRSDialog", "Web Mercator (EPSG:3857): web maps")),
)
_OTHER: str = QT_TRANSLATE_NOOP(  # type: ignore[assignment]  # typed as object; it is the text
    "CRSDialog", "Another: type its EPSG code or PROJ string below")
_MUTED = "#555"


def _nearest_city(lon: float, lat: float) -> str:
    """``"by Oslo"`` or ``"310 km from Bergen"``: the nearest of the regional capitals."""
    km, city = min((distance_m(lon, lat, c_lon, c_lat) / 1000, city)
                   for city, (c_lon, c_lat) in REGIONAL_CAPITALS.items())
    if km < 5:
        return QCoreApplication.translate("CRSDialog", "by {0}").format(city)
    return QCoreApplication.translate("CRSDialog", "{0} km from {1}").format(f"{km:,.0f}", city)


def _coloured(text: str, colour: str) -> str:
    return f"<span style='color:{colour}'>{html.escape(text, quote=False)}</span>"


def _metres(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u202f")  # thin spaces group thousands, as in Norwegian


def _degrees(lon: float, lat: float) -> str:
    if lat >= 0:
        north_south = QCoreApplication.translate("CRSDialog", "N", "north")
    else:
        north_south = QCoreApplication.translate("CRSDialog", "S", "south")
    if lon >= 0:
        east_west = QCoreApplication.translate("CRSDialog", "E", "east")
    else:
        east_west = QCoreApplication.translate("CRSDialog", "W", "west")
    return f"{abs(lat):.4f}° {north_south}, {abs(lon):.4f}° {east_west}"


class CRSDialog(QDialog):
    """Which coordinate system a file's projected coordinates are in.

    Parameters
    ----------
    error
        What the reader found: the coordinate columns and one site's coordinates.
    file_name
        The file's name, for the question.
    in_norway
        Tells whether a ``(lon, lat)`` lies in Norway, for the preview; none by default.
    parent
        The window.

    :meth:`crs` is the choice; the dialog does not close on one that is not a
    coordinate system.
    """

    def __init__(self, error: CRSRequired, file_name: str,
                 in_norway: Callable[[float, float], bool] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Which coordinate system?"))
        self.sample = error.sample
        self.columns = error.columns
        self.in_norway = in_norway
        x_name, y_name = (html.escape(c) for c in error.columns)
        intro = QLabel(self.tr(
            "<b>{0}</b>: the coordinates in <i>{1}</i>/<i>{2}</i> "
            "are in metres (projected), not longitude and latitude, and the file does not say "
            "which coordinate system they are in. Choose it, and check where the site below lands."
        ).format(html.escape(file_name), x_name, y_name))
        intro.setWordWrap(True)
        self.choice_box = QComboBox()
        for crs, label in COMMON_CRS:
            self.choice_box.addItem(QCoreApplication.translate("CRSDialog", label), crs)
        self.choice_box.addItem(QCoreApplication.translate("CRSDialog", _OTHER), None)
        self.text_box = QLineEdit(COMMON_CRS[0][0])
        self.text_box.setPlaceholderText(self.tr("e.g. EPSG:5973 or +proj=utm +zone=33 +ellps=GRS80"))
        self.text_box.setClearButtonEnabled(True)
        self.name_label = QLabel()
        self.name_label.setWordWrap(True)
        self.preview_label = QLabel()
        self.preview_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Coordinate system"), self.choice_box)
        form.addRow(self.tr("EPSG code or PROJ string"), self.text_box)
        form.addRow("", self.name_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button: QPushButton = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Open"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.preview_label)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)

        self.choice_box.activated.connect(self._on_choice)
        self.text_box.textChanged.connect(self._on_text)
        self._on_text(self.text_box.text())

    def crs(self) -> str:
        """The coordinate system as chosen or typed (an EPSG code or a PROJ string)."""
        return self.text_box.text().strip()

    def problem(self) -> str | None:
        """Why the text is no coordinate system, or ``None`` when it is one."""
        return crs_problem(self.crs())

    def accept(self) -> None:
        """Close with the choice, unless the text names no coordinate system."""
        if self.problem() is not None:
            self._on_text(self.text_box.text())
            self.text_box.setFocus()
            self.text_box.selectAll()
            return
        super().accept()

    def _on_choice(self, index: int) -> None:
        crs = self.choice_box.itemData(index)
        self.text_box.setText(crs or "")  # "another": typed in the box
        if crs is None:
            self.text_box.setFocus()

    def _on_text(self, text: str) -> None:
        found = self.choice_box.findData(text.strip().upper())
        self.choice_box.setCurrentIndex(found if found >= 0 else self.choice_box.count() - 1)
        problem = self.problem()
        self.ok_button.setEnabled(problem is None)
        if not text.strip():
            self.name_label.setText(_coloured(self.tr("Type an EPSG code or a PROJ string."), _MUTED))
            self.preview_label.setText("")
            return
        if problem is not None:
            self.name_label.setText(_coloured(problem, VERMILLION))
            self.preview_label.setText("")
            self._grow()
            return
        self.name_label.setText(_coloured(crs_name(self.crs()), _MUTED))
        self.preview_label.setText(self._preview())
        self._grow()

    def _grow(self) -> None:
        """Grow to fit longer messages, never shrink while the planner types."""
        layout = self.layout()
        if layout is None or not self.isVisible():
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def showEvent(self, event: QShowEvent) -> None:
        """Fit the wrapped texts to the width the dialog opens at."""
        super().showEvent(event)
        self._grow()

    def _preview(self) -> str:
        if self.sample is None:
            return ""
        name, x, y = self.sample
        (lon, lat), = to_lonlat([x], [y], self.crs(), "")
        x_name, y_name = (html.escape(c) for c in self.columns)
        site = f"<b>{html.escape(name)}</b> ({x_name} {_metres(x)}, {y_name} {_metres(y)})"
        if math.isnan(lon) or not (-180 <= lon <= 180 and -90 <= lat <= 90):
            nowhere = self.tr("{0} has no place on the earth in this coordinate system: choose another.")
            return f"<span style='color:{VERMILLION}'>{nowhere.format(site)}</span>"
        where = self.tr("{0} lands at {1}, {2}").format(site, _degrees(lon, lat), _nearest_city(lon, lat))
        if self.in_norway is None:
            return where + "."
        if self.in_norway(lon, lat):
            inside = self.tr("(in Norway)")
            return where + f" <span style='color:{_MUTED}'>{inside}</span>."
        outside = self.tr("outside Norway; check the choice.")
        return f"{where}: <span style='color:{VERMILLION}'>{outside}</span>"
