"""Analysis → Regional failures: where a storm of R km hurts most, and each site's survival radius.

"Worst places" fills every place a disk of R km may stand by the number of
sites it pushes below target and lists the worst disks; a row click adds
that disk to the scenario as a hazard circle (undoable). "Survival radii"
gives each site the smallest disk that leaves it standing yet pushes it
below target; the selected site's disk is drawn on the map. Both run off
the GUI thread with progress and Cancel, and are shown only while the window
shows the state they were computed for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDockWidget,
    QGridLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from stamnett_gui.analysis.progress import CancelCheck, ProgressCallback
from stamnett_gui.analysis.projection import project
from stamnett_gui.analysis.regional import RegionalPlaces, regional_places
from stamnett_gui.analysis.survival import survival_radius
from stamnett_gui.domain import FailureScenario, HazardArea, Measure, Network
from stamnett_gui.domain.regional import SurvivalResult
from stamnett_gui.ui import styles
from stamnett_gui.ui.analysis_docks import add_analysis_dock, results_table
from stamnett_gui.ui.background_job import BackgroundJob
from stamnett_gui.ui.heat_layer import legend_html
from stamnett_gui.ui.map_view import MapView
from stamnett_gui.ui.places_layer import PlacesLayer
from stamnett_gui.ui.session import Session
from stamnett_gui.ui.site_colours import survival_class

if TYPE_CHECKING:
    from stamnett_gui.ui.main_window import MainWindow

#: Worst places listed in the table.
TOP_PLACES = 200


@dataclass(frozen=True)
class StateKey:
    """The state a regional result was computed for."""

    network: Network
    scenario: FailureScenario
    measure: Measure
    target: int


class RegionalPanel(QWidget):
    """Radius, the two analyses, the worst places table; owns the places layer.

    Signals
    -------
    survival_shown(object)
        The :class:`SurvivalResult` valid for the state the window shows now, or None
        (not computed, or computed for another state); sent on every change of state.
    """

    survival_shown = Signal(object)

    def __init__(self, session: Session, map_view: MapView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.map_view = session, map_view
        self.layer = PlacesLayer(map_view)
        self.places: RegionalPlaces | None = None
        self.places_key: StateKey | None = None
        self.survival: SurvivalResult | None = None
        self.survival_key: StateKey | None = None
        self.job = BackgroundJob("regional", self)
        self._build()
        self.job.progressed.connect(self._on_progress)
        self.job.finished.connect(self._on_finished)
        session.state_changed.connect(self._on_state_changed)
        self.table.clicked.connect(self._on_row_clicked)
        self.places_button.clicked.connect(self.run_places)
        self.survival_button.clicked.connect(self.run_survival)
        self.cancel_button.clicked.connect(self.job.cancel)
        #: Set by :func:`add_regional_panel`.
        self.dock: QDockWidget | None = None
        self.action: QAction | None = None

    def _build(self) -> None:
        self.radius_box = QSpinBox()
        self.radius_box.setRange(1, 500)
        self.radius_box.setValue(30)
        self.radius_box.setSuffix(" km")
        self.radius_box.setToolTip(self.tr("Radius of the disk: everything within it fails"))
        self.places_button = QPushButton(self.tr("Worst places"))
        self.survival_button = QPushButton(self.tr("Survival radii"))
        self.survival_button.setToolTip(self.tr("Per site, the smallest disk that leaves it standing "
                                                "yet pushes it below target"))
        controls = QGridLayout()
        controls.addWidget(QLabel(self.tr("Disk of")), 0, 0)
        controls.addWidget(self.radius_box, 0, 1)
        controls.addWidget(self.places_button, 0, 2)
        controls.addWidget(self.survival_button, 1, 2)
        controls.setColumnStretch(3, 1)
        self.headline = QLabel(self.tr("Where would a storm hurt most? Choose a radius."))
        self.survival_label = QLabel()
        self.legend = QLabel(legend_html())
        self.legend.setWordWrap(True)
        self.legend.setToolTip(self.tr("Colour of each place on the map: how many sites a disk "
                                       "standing there pushes below target"))
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels([self.tr("Disk centre"), self.tr("Below target"),
                                              self.tr("Isolated"), self.tr("Down")])
        self.table = results_table(self.model, self.tr("Click a row to add that disk to the scenario "
                                                       "as a hazard area"))
        self.progress_bar = QProgressBar()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        for label in (self.headline, self.survival_label):
            label.setWordWrap(True)
        for wide in (self.headline, self.survival_label, self.legend, self.table):
            wide.setSizePolicy(QSizePolicy.Policy.Ignored, wide.sizePolicy().verticalPolicy())
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.headline)
        layout.addWidget(self.legend)
        layout.addWidget(self.survival_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.cancel_button)
        layout.addWidget(self.table, 1)
        self._set_running(False)

    # -- running -------------------------------------------------------------------------
    def state_key(self) -> StateKey:
        """The state shown now."""
        s = self.session
        return StateKey(s.shown_network, s.analysed_scenario(), s.measure, s.target)

    def _set_running(self, running: bool) -> None:
        self.progress_bar.setVisible(running)
        self.cancel_button.setVisible(running)
        self.places_button.setEnabled(not running)
        self.survival_button.setEnabled(not running)

    def _start(self, what: str, job: Callable[[StateKey, ProgressCallback, CancelCheck], object]) -> None:
        key = self.state_key()
        self.progress_bar.setRange(0, 0)
        self._set_running(True)
        self.job.start((key, what), lambda progress, cancelled: job(key, progress, cancelled))

    def run_places(self) -> None:
        """Find the worst places for the radius chosen, over the current scenario."""
        radius = self.radius_box.value()
        self._start("places", lambda key, progress, cancelled: regional_places(
            key.network, radius, scenario=key.scenario, measure=key.measure, target=key.target,
            progress=progress, cancelled=cancelled, workers=None))

    def run_survival(self) -> None:
        """Find every site's survival radius over the current scenario."""
        self._start("survival", lambda key, progress, cancelled: survival_radius(
            key.network, scenario=key.scenario, measure=key.measure, target=key.target,
            progress=progress, cancelled=cancelled, workers=None))

    def wait(self, timeout: float | None = None) -> None:
        """Block until the running analysis has finished (tests)."""
        self.job.wait(timeout)

    def shutdown(self) -> None:
        """Cancel and stop the worker thread."""
        self.job.shutdown()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)

    def _on_finished(self, tag: tuple[StateKey, str], result: object, error: str) -> None:
        self._set_running(False)
        key, what = tag
        if result is None:
            self.headline.setText(self.tr("Failed: {0}").format(error) if error
                                  else self.tr("Cancelled; nothing changed."))
            return
        if what == "places":
            assert isinstance(result, RegionalPlaces)
            self.places, self.places_key = result, key
            self._fill(result)
        else:
            assert isinstance(result, SurvivalResult)
            self.survival, self.survival_key = result, key
        self._refresh()

    # -- showing -------------------------------------------------------------------------
    def _fill(self, places: RegionalPlaces) -> None:
        self.table.setSortingEnabled(False)
        self.model.removeRows(0, self.model.rowCount())
        result = places.result
        for row, failure in enumerate(result.failures[:TOP_PLACES]):
            lon, lat = failure.disk.center
            first = QStandardItem(f"{lat:.3f}° N, {lon:.3f}° E")
            first.setData(row, Qt.ItemDataRole.UserRole)
            first.setToolTip(failure.describe(result.names, shown=6))
            items = [first]
            for value in (len(failure.below_target), len(failure.isolated),
                          len(failure.links) + len(failure.sites)):
                item = QStandardItem()
                item.setData(value, Qt.ItemDataRole.DisplayRole)
                items.append(item)
            self.model.appendRow(items)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)

    def _refresh(self) -> None:
        now = self.state_key()
        here = self.places is not None and self.places_key == now
        self.layer.show_places(self.places if here else None)
        if self.places is not None:
            text = self.places.result.headline()
            if not here:
                text += " — " + self.tr("computed for another state; shown again when the window "
                                        "returns to it")
            notes = self.places.result.notes()
            self.headline.setText(text + ("\n" + "; ".join(notes) if notes else ""))
        self._show_selected_disk()

    def _show_selected_disk(self) -> None:
        survival = self.survival if self.survival_key == self.state_key() else None
        self.survival_shown.emit(survival)
        selection = self.session.selection
        if survival is None or not selection:
            self.layer.show_disk(None)
            self.survival_label.setText(self.survival_summary(survival) if survival else "")
            return
        site = survival[selection[0]]
        if site.radius_km is None or site.disk is None:
            self.layer.show_disk(None)
            self.survival_label.setText(self.tr("{0}: no survival radius ({1}).")
                                        .format(site.name, site.note))
            return
        x, y = project([site.disk.center[0]], [site.disk.center[1]])
        self.layer.show_disk((float(x[0]), float(y[0])), site.radius_km)
        self.survival_label.setText(
            self.tr("{0}: survival radius {1} km — a disk of {1} km (dashed) leaves it standing "
                    "and pushes it below target.").format(site.name, site.radius_km))

    def survival_summary(self, survival: SurvivalResult) -> str:
        """How many sites fall in each class of the survival colours, and how to read the smallest."""
        counts = [0] * (len(styles.SURVIVAL_COLOURS) + 1)  # the last: the question does not apply
        for site in survival.sites:
            counts[survival_class(site)] += 1
        bounds = styles.SURVIVAL_BOUNDS
        texts = [self.tr("{0} up to {1} km").format(counts[0], bounds[0])]
        texts += [self.tr("{0} of {1}–{2} km").format(counts[i + 1], low + 1, high)
                  for i, (low, high) in enumerate(pairwise(bounds))]
        texts.append(self.tr("{0} more than {1} km or none").format(counts[-2], bounds[-1]))
        if counts[-1]:
            texts.append(self.tr("{0} not asked (down or already below target)").format(counts[-1]))
        parts = [self.tr("Survival radii ({0} measure, target {1}): {2}.").format(
            survival.measure.value, survival.target, " · ".join(texts))]
        if counts[0]:
            parts.append(self.tr("Up to {0} km: the site has no spare route, or its routes pass "
                                 "close together somewhere (often at a junction).").format(bounds[0]))
        parts.append(self.tr("Select a site to see its disk."))
        return " ".join(parts)

    def _on_state_changed(self, fields: frozenset[str]) -> None:
        if fields & {"network", "scenario", "measure", "target", "year", "step", "selection"}:
            self._refresh()

    def failure_at(self, index: QModelIndex) -> int | None:
        """The index in the result's failures of the table row of ``index``."""
        if self.places is None or not index.isValid():
            return None
        return int(self.model.item(index.row(), 0).data(Qt.ItemDataRole.UserRole))

    def _on_row_clicked(self, index: QModelIndex) -> None:
        row = self.failure_at(index)
        if row is None or self.places is None:
            return
        disk = self.places.result.failures[row].disk
        name = self.session.free_area_name(self.tr("Storm {0:g} km").format(disk.radius_km))
        self.session.add_area(HazardArea.circle(name, disk.center, disk.radius_km))


def add_regional_panel(window: MainWindow) -> RegionalPanel:
    """Put the regional failures in ``window``: a dock by Details and Analysis → Regional failures."""
    panel = RegionalPanel(window.session, window.map_view)
    panel.dock, panel.action = add_analysis_dock(
        window, panel, QCoreApplication.translate("RegionalPanel", "Regional failures"), "Regional failures",
        QCoreApplication.translate("RegionalPanel", "&Regional failures…"),
        QCoreApplication.translate(
            "RegionalPanel", "Where a storm of some km would hurt most; each site's survival radius"))
    return panel
