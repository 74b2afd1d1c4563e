"""The open work: the network, the failure scenario, the analysis settings and their results.

Requests come down as method calls (``session.toggle_link(link_id)``); facts go
up as signals. Every change to the scenario is an undoable command.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from stamnett_gui.analysis.diversity import DiversityEngine
from stamnett_gui.analysis.explain import explain_pair, explain_site
from stamnett_gui.domain import DiversityReport, FailureScenario, Measure, Network
from stamnett_gui.domain.explanation import Explanation
from stamnett_gui.ui.runner import AnalysisRunner


@dataclass(frozen=True)
class AnalysisKey:
    """What a result was computed for; results for any other key are stale."""

    network: Network
    scenario: FailureScenario
    measure: Measure
    target: int
    selection: tuple[str, ...] = ()


class _ScenarioChange(QUndoCommand):
    def __init__(self, session: Session, before: FailureScenario, after: FailureScenario,
                 text: str) -> None:
        super().__init__(text)
        self._session, self._before, self._after = session, before, after

    def redo(self) -> None:
        self._session._apply_scenario(self._after)

    def undo(self) -> None:
        self._session._apply_scenario(self._before)


class Session(QObject):
    """Holds the current network, scenario, measure, target and selection.

    Signals
    -------
    network_changed(object)
        A new :class:`Network` is open (the scenario is reset to intact).
    scenario_changed(object)
        The :class:`FailureScenario` changed (by a click, a panel, undo or redo).
    settings_changed()
        The measure or the target changed.
    selection_changed(object)
        The selected site ids changed (a tuple of 0, 1 or 2 ids).
    report_ready(object)
        A :class:`DiversityReport` for the current network, scenario and settings.
    explanation_ready(object)
        An explanation (paths and minimum cut) for the current selection, or None.
    analysis_failed(str)
        The analysis raised; one line for the status bar.
    load_failed(str, str)
        Opening a file failed: a one-line summary and every problem. The open work is untouched.
    """

    network_changed = Signal(object)
    scenario_changed = Signal(object)
    settings_changed = Signal()
    selection_changed = Signal(object)
    report_ready = Signal(object)
    explanation_ready = Signal(object)
    analysis_failed = Signal(str)
    load_failed = Signal(str, str)

    def __init__(self, network: Network, source: str | None = None, *,
                 synchronous: bool = False) -> None:
        super().__init__()
        self.network = network
        self.source = source
        self.scenario = FailureScenario()
        self.measure = Measure.EDGE
        self.target = network.target
        self.selection: tuple[str, ...] = ()
        self.report: DiversityReport | None = None
        self.explanation: Explanation | None = None
        self.undo_stack = QUndoStack(self)
        self.runner = AnalysisRunner(synchronous=synchronous, parent=self)
        self.explainer = AnalysisRunner(synchronous=synchronous, parent=self)
        self.runner.finished.connect(self._on_report)
        self.runner.failed.connect(self._on_failed)
        self.explainer.finished.connect(self._on_explanation)
        self.explainer.failed.connect(self._on_failed)
        # Built and used on the runner's worker only (it takes ~0.2 s at 5,000 sites).
        self._engine: DiversityEngine | None = None

    # -- the network ---------------------------------------------------------------------
    def set_network(self, network: Network, source: str | None = None) -> None:
        """Make ``network`` the open one, intact, with its own target."""
        self.network = network
        self.source = source
        self.scenario = FailureScenario()
        self.target = network.target
        self.selection = ()
        self.undo_stack.clear()
        self.network_changed.emit(network)
        self.scenario_changed.emit(self.scenario)
        self.selection_changed.emit(self.selection)
        self.analyse()

    # -- the scenario (undoable) ---------------------------------------------------------
    def set_scenario(self, scenario: FailureScenario, text: str) -> None:
        """Make ``scenario`` current as one undoable step described by ``text``."""
        if scenario != self.scenario:
            self.undo_stack.push(_ScenarioChange(self, self.scenario, scenario, text))

    def toggle_link(self, link_id: str) -> None:
        """Fail the link, or repair it if it is failed."""
        verb = "Repair" if link_id in self.scenario.failed_links else "Fail"
        self.set_scenario(self.scenario.toggle_link(link_id), f"{verb} link {link_id}")

    def toggle_site(self, site_id: str) -> None:
        """Fail the site (and its links), or repair it."""
        verb = "Repair" if site_id in self.scenario.failed_sites else "Fail"
        name = self.network.site(site_id).name
        self.set_scenario(self.scenario.toggle_site(site_id), f"{verb} site {name}")

    def toggle_group(self, name: str) -> None:
        """Fail every link and site of a risk group, or repair them."""
        verb = "Repair" if name in self.scenario.failed_groups else "Fail"
        self.set_scenario(self.scenario.toggle_group(name), f"{verb} risk group {name}")

    def repair_all(self) -> None:
        """Return to the intact network (one undoable step)."""
        self.set_scenario(FailureScenario(), "Repair all")

    def _apply_scenario(self, scenario: FailureScenario) -> None:
        self.scenario = scenario
        self.scenario_changed.emit(scenario)
        self.analyse()

    # -- settings and selection ----------------------------------------------------------
    def set_measure(self, measure: Measure | str) -> None:
        """Count routes by ``edge``, ``node`` or ``risk``."""
        measure = Measure(measure)
        if measure != self.measure:
            self.measure = measure
            self.settings_changed.emit()
            self.analyse()

    def set_target(self, target: int) -> None:
        """Set the diversity every site must have (1…10)."""
        if not 1 <= target <= 10:
            raise ValueError(f"target must be between 1 and 10, not {target}")
        if target != self.target:
            self.target = target
            self.settings_changed.emit()
            self.analyse()

    def select_sites(self, site_ids: tuple[str, ...]) -> None:
        """Select zero, one or two sites (two: the routes between them)."""
        site_ids = tuple(dict.fromkeys(site_ids))[-2:]
        if site_ids != self.selection:
            self.selection = site_ids
            self.selection_changed.emit(site_ids)
            self.explain()

    # -- analysis ------------------------------------------------------------------------
    def key(self) -> AnalysisKey:
        """What the current results must be computed for."""
        return AnalysisKey(self.network, self.scenario, self.measure, self.target, self.selection)

    def analyse(self) -> None:
        """Recompute the report for the current state, off the GUI thread."""
        self.runner.submit(self.key(), self._assess, self.network, self.target, self.measure, self.scenario)

    def _assess(self, network: Network, target: int, measure: Measure,
                scenario: FailureScenario) -> DiversityReport:
        """Runs on the worker: reuse the engine while network and settings stay the same."""
        engine = self._engine
        if engine is None or (engine.network, engine.target, engine.measure) != (network, target, measure):
            engine = self._engine = DiversityEngine(network, target=target, measure=measure)
        return engine.assess(scenario)
        self.explain()

    def explain(self) -> None:
        """Recompute the explanation of the selection (paths and minimum cut)."""
        key = self.key()
        if not self.selection:
            self.explanation = None
            self.explanation_ready.emit(None)
            return
        self.explanation = None
        if len(self.selection) == 1:
            self.explainer.submit(key, explain_site, self.network, self.scenario, self.selection[0],
                                  self.measure.value, self.target)
        else:
            self.explainer.submit(key, explain_pair, self.network, self.scenario, *self.selection,
                                  self.measure.value)

    def _on_report(self, key: AnalysisKey, report: DiversityReport) -> None:
        if key.network is self.network and (key.scenario, key.measure, key.target) == (
            self.scenario, self.measure, self.target
        ):
            self.report = report
            self.report_ready.emit(report)

    def _on_explanation(self, key: AnalysisKey, explanation: Explanation) -> None:
        if key == self.key():
            self.explanation = explanation
            self.explanation_ready.emit(explanation)

    def _on_failed(self, _key: object, message: str) -> None:
        self.analysis_failed.emit(message)
