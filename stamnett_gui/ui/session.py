"""The open work: the network, the failure scenario, the analysis settings and their results.

Requests come down as method calls (``session.toggle_link(link_id)``); facts go
up as signals. Every change to the scenario is an undoable command.

The state is five values: ``network``, ``scenario``, ``measure``, ``target`` and
``selection``. Every result the window shows (the report, the explanation of
the selection) is a function of them. Setters only change state and call
:meth:`Session._state_changed`, the one place that decides which results are
stale, clears them (so no view can show an older state) and resubmits them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from stamnett_gui.analysis.diversity import DiversityEngine
from stamnett_gui.analysis.explain import explain_pair, explain_site
from stamnett_gui.domain import DiversityReport, FailureScenario, Measure, Network
from stamnett_gui.domain.explanation import Explanation
from stamnett_gui.ui.runner import AnalysisRunner

#: The fields of the session's state, as named in ``state_changed``.
NETWORK, SCENARIO, MEASURE, TARGET, SELECTION = "network", "scenario", "measure", "target", "selection"
#: A change to any of these makes the report stale.
REPORT_FIELDS = frozenset({NETWORK, SCENARIO, MEASURE, TARGET})
#: A change to any of these makes the explanation of the selection stale.
EXPLANATION_FIELDS = REPORT_FIELDS | {SELECTION}


@dataclass(frozen=True)
class AnalysisKey:
    """What a result was computed for; results for any other key are stale."""

    network: Network
    scenario: FailureScenario
    measure: Measure
    target: int
    selection: tuple[str, ...] = ()

    def report_part(self) -> tuple[object, ...]:
        """The part of the key a report depends on (not the selection)."""
        return (self.network, self.scenario, self.measure, self.target)


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
    """Holds the current network, scenario, measure, target and selection, and their results.

    Signals
    -------
    state_changed(frozenset)
        Emitted last after any change, with the names of the fields that changed
        (``network``, ``scenario``, ``measure``, ``target``, ``selection``). Stale results
        are already cleared (``report`` / ``explanation`` is None) when it is emitted.
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
        An explanation (paths and minimum cut) for the current selection.
    analysis_failed(str)
        The analysis raised; one line for the status bar.
    load_failed(str, str)
        Opening a file failed: a one-line summary and every problem. The open work is untouched.
    busy_changed(bool)
        True while a report or an explanation for the current state is being computed.
    """

    state_changed = Signal(frozenset)
    network_changed = Signal(object)
    scenario_changed = Signal(object)
    settings_changed = Signal()
    selection_changed = Signal(object)
    report_ready = Signal(object)
    explanation_ready = Signal(object)
    analysis_failed = Signal(str)
    load_failed = Signal(str, str)
    busy_changed = Signal(bool)

    def __init__(self, network: Network, source: str | None = None, *,
                 synchronous: bool = False) -> None:
        super().__init__()
        self.network = network
        self.source = source
        self.scenario = FailureScenario()
        self.measure = Measure.EDGE
        self.target = network.target
        self.selection: tuple[str, ...] = ()
        #: The report for the current state, or None while it is computed.
        self.report: DiversityReport | None = None
        #: The explanation of the current selection, or None (nothing selected, or computing).
        self.explanation: Explanation | None = None
        self.undo_stack = QUndoStack(self)
        self.runner = AnalysisRunner(synchronous=synchronous, parent=self)
        self.explainer = AnalysisRunner(synchronous=synchronous, parent=self)
        self.runner.finished.connect(self._on_report)
        self.runner.failed.connect(self._on_failed)
        self.explainer.finished.connect(self._on_explanation)
        self.explainer.failed.connect(self._on_failed)
        self.runner.busy_changed.connect(self._on_runner_busy)
        self.explainer.busy_changed.connect(self._on_runner_busy)
        self._busy = False
        # Built and used on the runner's worker only (it takes ~0.2 s at 5,000 sites).
        self._engine: DiversityEngine | None = None

    # -- the network ---------------------------------------------------------------------
    def set_network(self, network: Network, source: str | None = None) -> None:
        """Make ``network`` the open one, intact, with its own target, nothing selected."""
        self.network = network
        self.source = source
        self.undo_stack.clear()
        changed = {NETWORK, SCENARIO, SELECTION}
        if network.target != self.target:
            changed.add(TARGET)
        self.scenario = FailureScenario()
        self.target = network.target
        self.selection = ()
        self._state_changed(changed)

    # -- the scenario (undoable) ---------------------------------------------------------
    def set_scenario(self, scenario: FailureScenario, text: str) -> None:
        """Make ``scenario`` current as one undoable step described by ``text``."""
        if scenario != self.scenario:
            self.undo_stack.push(_ScenarioChange(self, self.scenario, scenario, text))

    def toggle_link(self, link_id: str) -> None:
        """Fail the link, or repair it if it is failed."""
        text = (self.tr("Repair link {0}") if link_id in self.scenario.failed_links
                else self.tr("Fail link {0}"))
        self.set_scenario(self.scenario.toggle_link(link_id), text.format(link_id))

    def toggle_site(self, site_id: str) -> None:
        """Fail the site (and its links), or repair it."""
        text = (self.tr("Repair site {0}") if site_id in self.scenario.failed_sites
                else self.tr("Fail site {0}"))
        self.set_scenario(self.scenario.toggle_site(site_id), text.format(self.network.site(site_id).name))

    def toggle_group(self, name: str) -> None:
        """Fail every link and site of a risk group, or repair them."""
        text = (self.tr("Repair risk group {0}") if name in self.scenario.failed_groups
                else self.tr("Fail risk group {0}"))
        self.set_scenario(self.scenario.toggle_group(name), text.format(name))

    def repair_all(self) -> None:
        """Return to the intact network (one undoable step)."""
        self.set_scenario(FailureScenario(), self.tr("Repair all"))

    def _apply_scenario(self, scenario: FailureScenario) -> None:
        if scenario != self.scenario:
            self.scenario = scenario
            self._state_changed({SCENARIO})

    # -- settings and selection ----------------------------------------------------------
    def set_measure(self, measure: Measure | str) -> None:
        """Count routes by ``edge``, ``node`` or ``risk``."""
        measure = Measure(measure)
        if measure != self.measure:
            self.measure = measure
            self._state_changed({MEASURE})

    def set_target(self, target: int) -> None:
        """Set the diversity every site must have (1…10)."""
        if not 1 <= target <= 10:
            raise ValueError(f"target must be between 1 and 10, not {target}")
        if target != self.target:
            self.target = target
            self._state_changed({TARGET})

    def select_sites(self, site_ids: Iterable[str]) -> None:
        """Select zero, one or two sites (two: the routes between them); unknown ids are ignored."""
        known = [s for s in site_ids if s in self.network.sites_by_id]
        selection = tuple(dict.fromkeys(known))[-2:]
        if selection != self.selection:
            self.selection = selection
            self._state_changed({SELECTION})

    # -- the one place that decides what is stale ------------------------------------------
    def _state_changed(self, fields: set[str]) -> None:
        """Clear and resubmit every result that depends on ``fields``, then tell the views.

        Views are told before any result is resubmitted: in synchronous mode the
        new results arrive inside ``submit`` and must find the views already
        showing the new state.
        """
        report_stale = bool(fields & REPORT_FIELDS)
        explanation_stale = bool(fields & EXPLANATION_FIELDS)
        if report_stale:
            self.report = None
        if explanation_stale:
            self.explanation = None
        if NETWORK in fields:
            self.network_changed.emit(self.network)
        if SCENARIO in fields:
            self.scenario_changed.emit(self.scenario)
        if fields & {MEASURE, TARGET}:
            self.settings_changed.emit()
        if SELECTION in fields:
            self.selection_changed.emit(self.selection)
        self.state_changed.emit(frozenset(fields))
        if report_stale:
            self.analyse()
        if explanation_stale:
            self.explain()

    # -- analysis ------------------------------------------------------------------------
    def key(self) -> AnalysisKey:
        """What the current results must be computed for."""
        return AnalysisKey(self.network, self.scenario, self.measure, self.target, self.selection)

    def down_links(self) -> frozenset[str]:
        """Every link that is down in the current scenario (failed, in a failed group, at a down site)."""
        return self.scenario.down_links(self.network)

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

    def explain(self) -> None:
        """Recompute the explanation of the selection (paths and minimum cut), off the GUI thread."""
        key = self.key()
        if not self.selection:
            return
        if len(self.selection) == 1:
            self.explainer.submit(key, explain_site, self.network, self.scenario, self.selection[0],
                                  self.measure.value, self.target)
        else:
            self.explainer.submit(key, explain_pair, self.network, self.scenario, *self.selection,
                                  self.measure.value)

    def _on_report(self, key: AnalysisKey, report: DiversityReport) -> None:
        if key.report_part() == self.key().report_part():
            self.report = report
            self.report_ready.emit(report)

    def _on_explanation(self, key: AnalysisKey, explanation: Explanation) -> None:
        if key == self.key():
            self.explanation = explanation
            self.explanation_ready.emit(explanation)

    def _on_failed(self, _key: object, message: str) -> None:
        self.analysis_failed.emit(message)

    def _on_runner_busy(self, _busy: bool) -> None:
        busy = self.runner.busy or self.explainer.busy
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    @property
    def busy(self) -> bool:
        """True while a result for the current state is being computed."""
        return self._busy
