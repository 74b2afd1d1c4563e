"""Analysis → Sweep: every single failure (or pair) over the current scenario, as a table and a heat map.

The sweep runs off the GUI thread (its own worker thread; a process pool when
the sweep is large enough to gain from one), reports progress in the status
bar and stops on Cancel. Its result is shown for the state it was computed
for: the table says which, and the heat map is drawn only while the window
shows that state (a row click applies the row's failure, so the heat map
steps aside until Undo brings the state back).

Signals
-------
result_changed(object)
    The :class:`~stamnett_gui.domain.sweep.SweepResult` now in the table, or None.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from stamnett_gui.analysis.sweep import run_sweep
from stamnett_gui.domain import FailureScenario, Measure, Network
from stamnett_gui.domain.sweep import ElementKind, FailureImpact, SweepResult
from stamnett_gui.domain.workshop import NamedScenario
from stamnett_gui.ui.analysis_docks import add_analysis_dock, results_table
from stamnett_gui.ui.background_job import BackgroundJob
from stamnett_gui.ui.heat_layer import HeatLayer, legend_html
from stamnett_gui.ui.map_view import MapView
from stamnett_gui.ui.session import Session

if TYPE_CHECKING:
    from stamnett_gui.ui.main_window import MainWindow

#: The state fields a sweep depends on.
SWEEP_FIELDS = frozenset({"network", "scenario", "measure", "target", "year", "step"})


@dataclass(frozen=True)
class SweepKey:
    """What a sweep was computed for."""

    network: Network
    scenario: FailureScenario
    measure: Measure
    target: int
    order: int
    kind: ElementKind


class SweepPanel(QWidget):
    """The sweep's controls, table and colour legend; owns the heat layer on the map.

    Signals
    -------
    result_changed(object)
        The result now in the table, or None.
    """

    result_changed = Signal(object)

    def __init__(self, session: Session, map_view: MapView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.map_view = session, map_view
        self.heat = HeatLayer(map_view)
        self.result: SweepResult | None = None
        self.result_key: SweepKey | None = None
        #: Set by :func:`add_sweep_panel`: the dock holding the panel, the menu action, and the
        #: status bar that shows the progress while a sweep runs.
        self.dock: QDockWidget | None = None
        self.action: QAction | None = None
        self.status_bar: QStatusBar | None = None
        self._running: SweepKey | None = None
        self.job = BackgroundJob("sweep", self)
        self._build()
        self.job.progressed.connect(self._on_progress)
        self.job.finished.connect(self._on_finished)
        session.state_changed.connect(self._on_state_changed)
        self.table.clicked.connect(self._on_row_clicked)
        self.workshop_button.clicked.connect(self.add_to_workshop)
        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.cancel)

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        self.order_box = QComboBox()
        self.order_box.addItem(self.tr("N-1: each failure alone"), 1)
        self.order_box.addItem(self.tr("N-2: each pair"), 2)
        self.kind_box = QComboBox()
        for text, kind in ((self.tr("links"), ElementKind.LINK), (self.tr("sites"), ElementKind.SITE),
                           (self.tr("risk groups"), ElementKind.GROUP)):
            self.kind_box.addItem(text, kind.value)
        self.run_button = QPushButton(self.tr("Run sweep"))
        self.run_button.setToolTip(self.tr("Fail every element (or pair) on top of the current "
                                           "scenario and rank the harm"))
        controls = QGridLayout()
        controls.addWidget(self.order_box, 0, 0, 1, 2)
        controls.addWidget(QLabel(self.tr("of")), 1, 0)
        controls.addWidget(self.kind_box, 1, 1)
        controls.addWidget(self.run_button, 1, 2)
        controls.setColumnStretch(3, 1)
        self.headline = QLabel(self.tr("No sweep yet: choose what to fail and press Run sweep."))
        self.headline.setWordWrap(True)
        self.legend = QLabel(legend_html())
        self.legend.setWordWrap(True)
        self.legend.setToolTip(self.tr("Colour of each link or site on the map: how many sites its "
                                       "failure pushes below target"))
        self.model = QStandardItemModel(0, 5, self)
        self.model.setHorizontalHeaderLabels([self.tr("Failure"), self.tr("Below target"),
                                              self.tr("Isolated"), self.tr("Lost"), self.tr("Down")])
        self.table = results_table(self.model, self.tr("Click a row to apply that failure (Undo takes "
                                                       "it back)"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.workshop_button = QPushButton(self.tr("Add to workshop"))
        self.workshop_button.setToolTip(self.tr("Add the selected row's failure to the workshop as "
                                                "a named scenario"))
        self.workshop_button.setEnabled(False)
        # Text and table may be cut rather than widen the dock (and narrow the map).
        for wide in (self.headline, self.legend, self.table):
            wide.setSizePolicy(QSizePolicy.Policy.Ignored, wide.sizePolicy().verticalPolicy())
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.headline)
        layout.addWidget(self.legend)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.workshop_button)
        # The status bar part, shown there while a sweep runs.
        self.progress = QWidget()
        bar = QHBoxLayout(self.progress)
        bar.setContentsMargins(0, 0, 0, 0)
        self.progress_label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(180)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        for widget in (self.progress_label, self.progress_bar, self.cancel_button):
            bar.addWidget(widget)
        self.progress.hide()

    # -- running -------------------------------------------------------------------------
    def current_key(self) -> SweepKey:
        """The key a sweep started now would have."""
        s = self.session
        return SweepKey(s.shown_network, s.analysed_scenario(), s.measure, s.target,
                        int(self.order_box.currentData()), ElementKind(self.kind_box.currentData()))

    def run(self) -> None:
        """Start the sweep chosen in the controls, over the current scenario."""
        if self._running is not None:
            return
        key = self._running = self.current_key()
        self.run_button.setEnabled(False)
        self.progress_label.setText(self.tr("Sweeping…"))
        self.progress_bar.setRange(0, 0)
        if self.status_bar is not None:  # only while sweeping: idle, it would heighten the bar
            self.status_bar.addPermanentWidget(self.progress)
        self.progress.show()
        self.job.start(key, lambda progress, cancelled: run_sweep(
            key.network, order=key.order, of=key.kind, measure=key.measure, target=key.target,
            scenario=key.scenario, progress=progress, cancelled=cancelled, workers=None))

    def cancel(self) -> None:
        """Stop the running sweep; the table keeps what it showed before."""
        self.job.cancel()
        self.progress_label.setText(self.tr("Cancelling…"))

    def wait(self, timeout: float | None = None) -> None:
        """Block until the running sweep (if any) has finished: for tests and shutdown."""
        self.job.wait(timeout)

    def shutdown(self) -> None:
        """Cancel any sweep and stop the thread."""
        self.job.shutdown()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_label.setText(self.tr("Sweep {0} of {1}").format(done, total))

    def _on_finished(self, key: SweepKey, result: SweepResult | None, error: str) -> None:
        self._running = None
        self.run_button.setEnabled(True)
        self.progress.hide()
        if self.status_bar is not None:
            self.status_bar.removeWidget(self.progress)
        if result is None:
            text = (self.tr("The sweep failed: {0}").format(error) if error
                    else self.tr("Sweep cancelled; nothing changed."))
            self.headline.setText(text)
            return
        self.result, self.result_key = result, key
        self._fill(result)
        self._show_heat()
        self.result_changed.emit(result)

    # -- showing -------------------------------------------------------------------------
    def _fill(self, result: SweepResult) -> None:
        self.table.setSortingEnabled(False)
        self.model.removeRows(0, self.model.rowCount())
        names = result.names
        for row, impact in enumerate(result.ranking):
            first = QStandardItem(impact.label())
            first.setData(row, Qt.ItemDataRole.UserRole)
            first.setToolTip(impact.describe(names, shown=6))
            items = [first]
            for value in (len(impact.below_target), len(impact.isolated), len(impact.lost),
                          len(impact.failed)):
                item = QStandardItem()
                item.setData(value, Qt.ItemDataRole.DisplayRole)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                items.append(item)
            if impact.below_target:
                items[1].setForeground(QColor("#b00020"))
            self.model.appendRow(items)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)

    def _headline(self, current: bool) -> str:
        assert self.result is not None and self.result_key is not None
        text = self.result.headline()
        scenario = self.result_key.scenario
        base = self.tr("over the intact network") if scenario.is_intact else \
            self.tr("over: {0}").format(scenario)
        if not current:
            base += " — " + self.tr("the window now shows another state; the heat map returns "
                                    "when it shows this one again")
        return f"{text} ({base})"

    def _show_heat(self) -> None:
        if self.result is None or self.result_key is None:
            self.heat.clear()
            return
        key = self.result_key
        current = self.current_key()
        here = (key.network, key.scenario, key.measure, key.target) == \
            (current.network, current.scenario, current.measure, current.target)
        self.headline.setText(self._headline(here))
        if not here or self.result.order != 1:
            self.heat.clear()
            return
        links, sites = heat_values(self.result, key.network)
        what = {ElementKind.LINK: self.tr("N-1 of links"), ElementKind.SITE: self.tr("N-1 of sites"),
                ElementKind.GROUP: self.tr("N-1 of risk groups")}[self.result.kind]
        self.heat.show(links, sites, what)

    def _on_state_changed(self, fields: frozenset[str]) -> None:
        if not fields & SWEEP_FIELDS:
            return
        if self.result_key is not None and "network" in fields \
                and self.session.shown_network is not self.result_key.network:
            self.result, self.result_key = None, None
            self.model.removeRows(0, self.model.rowCount())
            self.headline.setText(self.tr("No sweep for this network yet."))
            self.result_changed.emit(None)
        self._show_heat()

    def impact_at(self, index: QModelIndex) -> FailureImpact | None:
        """The impact in the table's row of ``index``."""
        if self.result is None or not index.isValid():
            return None
        row = self.model.item(index.row(), 0).data(Qt.ItemDataRole.UserRole)
        return self.result.ranking[int(row)]

    def _on_row_clicked(self, index: QModelIndex) -> None:
        impact = self.impact_at(index)
        if impact is None or self.result_key is None:
            return
        scenario = self.result_key.scenario | impact.scenario()
        self.session.set_scenario(scenario, self.tr("Apply {0}").format(impact.label()))
        self.workshop_button.setEnabled(True)

    def add_to_workshop(self) -> None:
        """Add the selected row's failure (on the sweep's scenario) as a step of the workshop."""
        impact = self.impact_at(self.table.currentIndex())
        if impact is None or self.result is None or self.result_key is None:
            return
        title = self.tr("Sweep: {0}").format(impact.label())
        notes = impact.describe(self.result.names, shown=10)
        self.session.add_step(NamedScenario(title, notes, self.result_key.scenario | impact.scenario(),
                                            self.result_key.measure, self.result_key.target))


def heat_values(result: SweepResult, network: Network) -> tuple[dict[str, int], dict[str, int]]:
    """Per link and per site, the sites its failure pushes below target (N-1 results).

    A risk group's count goes to each of its links and sites (the largest, when
    a link is in several groups).
    """
    links: dict[str, int] = {}
    sites: dict[str, int] = {}
    for impact in result.impacts:
        value = len(impact.below_target)
        (element,) = impact.elements
        if result.kind is ElementKind.LINK:
            links[element] = value
        elif result.kind is ElementKind.SITE:
            sites[element] = value
        else:
            group_links, group_sites = network.group_members(element)
            for link in group_links:
                links[link] = max(links.get(link, 0), value)
            for site in group_sites:
                sites[site] = max(sites.get(site, 0), value)
    return links, sites


def add_sweep_panel(window: MainWindow) -> SweepPanel:
    """Put the sweep in ``window``: a dock by Details, Analysis → Sweep, progress in the status bar."""
    panel = SweepPanel(window.session, window.map_view)
    panel.status_bar = window.statusBar()
    panel.dock, panel.action = add_analysis_dock(
        window, panel, QCoreApplication.translate("SweepPanel", "Sweep"), "Sweep",
        QCoreApplication.translate("SweepPanel", "&Sweep…"),
        QCoreApplication.translate(
            "SweepPanel", "Fail every link, site or risk group (or every pair) and see the harm"),
        "Ctrl+Shift+W")
    return panel
