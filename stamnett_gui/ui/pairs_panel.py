"""Analysis → Between all points: the pairs of sites with fewer independent routes than the target.

NHN's promise is three independent routes between all points, not only to
the core. The panel counts link-disjoint routes between every pair of sites
(:func:`~stamnett_gui.analysis.pairs.all_pairs`, off the GUI thread) for the
state the window shows, lists the weakest pairs, and a click on a pair
selects both sites, so the map draws the routes between them and their cut.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QAction, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from stamnett_gui.analysis.pairs import all_pairs
from stamnett_gui.domain import Measure
from stamnett_gui.domain.pairs import PairsResult
from stamnett_gui.ui.analysis_docks import add_analysis_dock, results_table
from stamnett_gui.ui.background_job import BackgroundJob
from stamnett_gui.ui.regional_panel import StateKey
from stamnett_gui.ui.session import Session

if TYPE_CHECKING:
    from stamnett_gui.ui.main_window import MainWindow

#: Weakest pairs listed.
TOP_PAIRS = 500


class PairsPanel(QWidget):
    """The count of pairs below target and the weakest pairs, for the state computed."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.result: PairsResult | None = None
        self.result_key: StateKey | None = None
        self.job = BackgroundJob("pairs", self)
        self.count_button = QPushButton(self.tr("Count every pair"))
        self.count_button.setToolTip(self.tr("Independent routes (sharing no link) between every "
                                             "pair of sites, for the scenario shown"))
        self.headline = QLabel(self.tr("NHN's promise: three independent routes between all points."))
        self.headline.setWordWrap(True)
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([self.tr("Site"), self.tr("Site"), self.tr("Routes")])
        self.table = results_table(self.model, self.tr("Click a pair to draw the routes between them "
                                                       "and their cut"))
        for wide in (self.headline, self.table):
            wide.setSizePolicy(QSizePolicy.Policy.Ignored, wide.sizePolicy().verticalPolicy())
        layout = QVBoxLayout(self)
        layout.addWidget(self.count_button)
        layout.addWidget(self.headline)
        layout.addWidget(self.table, 1)
        self.count_button.clicked.connect(self.count)
        self.table.clicked.connect(self._on_row_clicked)
        self.job.finished.connect(self._on_finished)
        session.state_changed.connect(self._on_state_changed)
        #: Set by :func:`add_pairs_panel`.
        self.dock: QDockWidget | None = None
        self.action: QAction | None = None

    def state_key(self) -> StateKey:
        """The state shown now."""
        s = self.session
        return StateKey(s.shown_network, s.analysed_scenario(), s.measure, s.target)

    def count(self) -> None:
        """Count every pair for the state shown now, off the GUI thread."""
        key = self.state_key()
        self.count_button.setEnabled(False)
        self.headline.setText(self.tr("Counting…"))
        self.job.start(key, lambda _progress, _cancelled: all_pairs(
            key.network, key.scenario, target=key.target, top=TOP_PAIRS))

    def wait(self, timeout: float | None = None) -> None:
        """Block until the count has finished (tests)."""
        self.job.wait(timeout)

    def shutdown(self) -> None:
        """Stop the worker thread."""
        self.job.shutdown()

    def _on_finished(self, key: StateKey, result: PairsResult | None, error: str) -> None:
        self.count_button.setEnabled(True)
        if result is None:
            self.headline.setText(self.tr("Counting failed: {0}").format(error))
            return
        self.result, self.result_key = result, key
        self.table.setSortingEnabled(False)
        self.model.removeRows(0, self.model.rowCount())
        names = result.names
        for pair in result.weakest:
            routes = QStandardItem()
            routes.setData(pair.routes, Qt.ItemDataRole.DisplayRole)
            first = QStandardItem(names.get(pair.a, pair.a))
            first.setData((pair.a, pair.b), Qt.ItemDataRole.UserRole)
            self.model.appendRow([first, QStandardItem(names.get(pair.b, pair.b)), routes])
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        self._on_state_changed(frozenset({"scenario"}))

    def _on_state_changed(self, fields: frozenset[str]) -> None:
        if self.result is None or not fields & {"network", "scenario", "measure", "target", "year",
                                                "step"}:
            return
        text = self.result.headline()
        if self.result_key is not None and self.result_key.measure is not Measure.EDGE:
            text += " " + self.tr("(routes between pairs are counted as sharing no link, whatever "
                                  "the measure chosen)")
        if self.result_key != self.state_key():
            text += " — " + self.tr("counted for another state; count again for this one")
        self.headline.setText(text)

    def _on_row_clicked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        pair = self.model.item(index.row(), 0).data(Qt.ItemDataRole.UserRole)
        self.session.select_sites(tuple(pair))


def add_pairs_panel(window: MainWindow) -> PairsPanel:
    """Put the pairs in ``window``: a dock by Details and Analysis → Between all points."""
    panel = PairsPanel(window.session)
    panel.dock, panel.action = add_analysis_dock(
        window, panel, QCoreApplication.translate("PairsPanel", "Between all points"), "Between all points",
        QCoreApplication.translate("PairsPanel", "&Between all points…"),
        QCoreApplication.translate(
            "PairsPanel", "The pairs of sites with fewer independent routes than the target"))
    return panel
