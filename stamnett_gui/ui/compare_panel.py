"""The compare panel: the scenario shown against the intact network or another scenario.

Against the intact network it lists the sites that lost diversity (what the
map rings). Against another step of the workshop it lists every site worse
or better now, with both values, and the map marks them (a difference map).
A row clicked selects its site.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stamnett_gui.analysis.comparison import SiteChange
from stamnett_gui.domain import Status
from stamnett_gui.ui import styles
from stamnett_gui.ui.difference_layer import DifferenceLayer
from stamnett_gui.ui.map_view import MapView
from stamnett_gui.ui.session import COMPARISON, NETWORK, STEP, WORKSHOP, Session

SITE_ID_ROLE = Qt.ItemDataRole.UserRole + 2


def _value(value: int, status: Status, cap: int) -> str:
    if status is Status.FAILED:
        return "failed"
    return f"{value}+" if value >= cap else str(value)


class ComparePanel(QWidget):
    """Chooses what to compare with, lists the sites that differ, draws the difference map."""

    def __init__(self, session: Session, map_view: MapView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.layer = DifferenceLayer(map_view)
        self.legend = map_view.legend
        self.against = QComboBox()
        self.against.setToolTip(self.tr("What the scenario shown is compared with"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Compare with")))
        row.addWidget(self.against, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self._syncing = False
        self._shown: tuple[object, ...] = ()

        self.against.currentIndexChanged.connect(self._on_choice)
        self.table.cellClicked.connect(self._on_cell_clicked)
        session.state_changed.connect(self._on_state_changed)
        session.report_ready.connect(lambda _report: self._show())
        session.comparison_ready.connect(lambda _comparison: self._show())
        self._on_state_changed(frozenset({WORKSHOP}))

    def _on_state_changed(self, fields: frozenset[str]) -> None:
        if fields & {WORKSHOP, STEP, COMPARISON, NETWORK}:
            self._fill_choices()
        self._show()

    def _fill_choices(self) -> None:
        session = self.session
        self._syncing = True
        self.against.clear()
        self.against.addItem(self.tr("Intact network"), None)
        for i, named in enumerate(session.workshop.scenarios):
            if i != session.step:
                self.against.addItem(named.title or self.tr("Scenario {0}").format(i + 1), i)
        self.against.setCurrentIndex(max(self.against.findData(session.comparison), 0))
        self._syncing = False

    def _on_choice(self, _index: int) -> None:
        if not self._syncing:
            self.session.set_comparison(self.against.currentData())

    def choose(self, step: int | None) -> None:
        """Compare with step ``step`` (None: the intact network), as the combo box does."""
        self.against.setCurrentIndex(self.against.findData(step))

    # -- showing -------------------------------------------------------------------------------
    def rows(self) -> list[SiteChange]:
        """What the table lists now: the lost sites (intact) or the sites that differ (a step)."""
        session = self.session
        if session.comparison is None:
            report = session.report
            if report is None:
                return []
            return [SiteChange(s.site_id, s.name, s.baseline, s.diversity, Status.COMPLIANT, s.status)
                    for s in sorted(report.lost, key=lambda s: (s.diversity - s.baseline, s.name))]
        result = session.comparison_result
        return list(result.changes) if result is not None else []

    def _show(self) -> None:
        session = self.session
        comparing = session.comparison is not None
        index = session.comparison
        other_title = session.workshop.scenarios[index].title if index is not None else ""
        shown = (session.report, session.comparison_result, session.comparison, other_title)
        if len(self._shown) == 4 and all(a is b for a, b in zip(shown[:2], self._shown[:2], strict=True)) \
                and shown[2:] == self._shown[2:]:
            return  # the same results (a note typed, the map panned): nothing to redraw
        self._shown = shown
        self.layer.show(session.comparison_result, comparing)
        self.legend.set_show_difference(comparing)
        other = other_title if comparing else self.tr("Intact")
        short = self.fontMetrics().elidedText(other, Qt.TextElideMode.ElideRight, 110)
        self.table.setHorizontalHeaderLabels([self.tr("Site"), short, self.tr("Now"), self.tr("Change")])
        header_item = self.table.horizontalHeaderItem(1)
        if header_item is not None:
            header_item.setToolTip(self.tr("Routes in “{0}”").format(other))
        ready = session.report is not None and (not comparing or session.comparison_result is not None)
        rows = self.rows() if ready else []
        cap = session.report.cap if session.report is not None else session.target + 1
        self.table.setRowCount(len(rows))
        for r, change in enumerate(rows):
            worse = change.worse
            values = (change.name,
                      _value(change.before, change.before_status, cap),
                      _value(change.after, change.after_status, cap),
                      self.tr("worse") if worse else self.tr("better"))
            colour = QColor(styles.DIFFERENCE_WORSE if worse else styles.DIFFERENCE_BETTER)
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(SITE_ID_ROLE, change.site_id)
                if c == 3:
                    item.setForeground(QBrush(colour))
                self.table.setItem(r, c, item)
        if not ready:
            self.summary.setText(self.tr("Comparing…"))
        elif not comparing:
            self.summary.setText(self.tr("{0} site(s) lost diversity against the intact network "
                                         "(ringed on the map).").format(len(rows)))
        else:
            worse_count = sum(1 for c in rows if c.worse)
            self.summary.setText(self.tr("Against “{0}”: {1} site(s) worse now (▽), {2} better (△).")
                                 .format(other, worse_count, len(rows) - worse_count))

    def _on_cell_clicked(self, row: int, _column: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.session.select_sites((item.data(SITE_ID_ROLE),))
