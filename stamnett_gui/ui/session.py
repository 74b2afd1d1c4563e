"""The open work: the network, the failure scenario, the analysis settings and their results.

Requests come down as method calls (``session.toggle_link(link_id)``); facts go
up as signals. Every change to the scenario is an undoable command.

The state is a few values: ``network``, ``scenario``, ``measure``, ``target`` and
``selection``; the ``workshop`` (an ordered list of named scenarios) with the
``step`` shown, the ``comparison`` (another step to compare with, or none: the
intact network) and the map ``view``; and the build-out ``year`` (None: the
whole network; a year: the network as it stood then, which the map shows and
every result is computed on). Every result the window shows (the
report, the explanation of the selection, the comparison) is a function of
them. Setters only change state and call :meth:`Session._state_changed`, the
one place that decides which results are stale, clears them (so no view can
show an older state), keeps the workshop's current step in step with the live
values, and resubmits them.

Each step of a workshop keeps its own undo history while the window is open:
one :class:`QUndoStack` per step in a :class:`QUndoGroup` whose active stack is
the step shown, so Edit → Undo follows the step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from stamnett_gui.analysis.buildout import network_in_service
from stamnett_gui.analysis.comparison import ScenarioComparison, compare_reports
from stamnett_gui.analysis.diversity import DiversityEngine
from stamnett_gui.analysis.explain import explain_pair, explain_site
from stamnett_gui.analysis.hazards import check_area, resolve_scenario
from stamnett_gui.domain import DiversityReport, FailureScenario, HazardArea, Measure, Network
from stamnett_gui.domain.explanation import Explanation
from stamnett_gui.domain.workshop import MapView as MapExtent
from stamnett_gui.domain.workshop import NamedScenario, Workshop
from stamnett_gui.ui.runner import AnalysisRunner

#: The fields of the session's state, as named in ``state_changed``.
NETWORK, SCENARIO, MEASURE, TARGET, SELECTION = "network", "scenario", "measure", "target", "selection"
WORKSHOP, STEP, COMPARISON, VIEW = "workshop", "step", "comparison", "view"
YEAR = "year"
#: A change to any of these makes the report stale.
REPORT_FIELDS = frozenset({NETWORK, SCENARIO, MEASURE, TARGET, YEAR})
#: A change to any of these makes the explanation of the selection stale.
EXPLANATION_FIELDS = REPORT_FIELDS | {SELECTION}
#: A change to any of these may make the comparison stale (it is checked by key).
COMPARISON_FIELDS = REPORT_FIELDS | {WORKSHOP, STEP, COMPARISON}


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


@dataclass(frozen=True)
class ComparisonKey:
    """What the scenario compared against was computed for."""

    network: Network
    scenario: FailureScenario
    measure: Measure
    target: int


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
        (``network``, ``scenario``, ``measure``, ``target``, ``selection``, ``workshop``,
        ``step``, ``comparison``, ``view``). Stale results are already cleared
        (``report`` / ``explanation`` / ``comparison_result`` is None) when it is emitted.
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
    comparison_ready(object)
        A :class:`~stamnett_gui.analysis.comparison.ScenarioComparison` of the step compared
        against (before) and the current state (after).
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
    comparison_ready = Signal(object)
    analysis_failed = Signal(str)
    load_failed = Signal(str, str)
    busy_changed = Signal(bool)

    def __init__(self, network: Network, source: str | None = None, *,
                 synchronous: bool = False) -> None:
        super().__init__()
        self.network = network
        self.source = source
        #: The build-out year shown (None: the whole network), and the network it shows.
        self.year: int | None = None
        self._shown = network
        self.scenario = FailureScenario()
        self.measure = Measure.EDGE
        self.target = network.target
        self.selection: tuple[str, ...] = ()
        #: The report for the current state, or None while it is computed.
        self.report: DiversityReport | None = None
        #: The explanation of the current selection, or None (nothing selected, or computing).
        self.explanation: Explanation | None = None
        #: The workshop: its step ``step`` always holds the live scenario, measure, target, view.
        self.workshop = Workshop(scenarios=(NamedScenario(self.tr("Scenario 1")),))
        self.step = 0
        #: The step compared against, or None: the intact network (the map's usual highlight).
        self.comparison: int | None = None
        #: The part of the map shown (reported by the window), or None before it is known.
        self.view: MapExtent | None = None
        #: The report of the step compared against, and the comparison (None: computing, or off).
        self.comparand: DiversityReport | None = None
        self.comparison_result: ScenarioComparison | None = None
        self._comparand_key: ComparisonKey | None = None
        self.undo_group = QUndoGroup(self)
        self._stacks: list[QUndoStack] = [self._new_stack()]
        self.undo_group.setActiveStack(self._stacks[0])
        self.runner = AnalysisRunner(synchronous=synchronous, parent=self)
        self.explainer = AnalysisRunner(synchronous=synchronous, parent=self)
        self.comparer = AnalysisRunner(synchronous=synchronous, parent=self)
        self.runner.finished.connect(self._on_report)
        self.runner.failed.connect(self._on_failed)
        self.explainer.finished.connect(self._on_explanation)
        self.explainer.failed.connect(self._on_failed)
        self.comparer.finished.connect(self._on_comparand)
        self.comparer.failed.connect(self._on_failed)
        for runner in (self.runner, self.explainer, self.comparer):
            runner.busy_changed.connect(self._on_runner_busy)
        self._busy = False
        # Built and used on the runner's worker only (it takes ~0.2 s at 5,000 sites);
        # the comparer has its own, on its own worker.
        self._engine: DiversityEngine | None = None
        self._compare_engine: DiversityEngine | None = None

    @property
    def undo_stack(self) -> QUndoStack:
        """The undo history of the step shown."""
        return self._stacks[self.step]

    def _new_stack(self) -> QUndoStack:
        stack = QUndoStack(self)
        self.undo_group.addStack(stack)
        return stack

    def _reset_stacks(self, count: int) -> None:
        for stack in self._stacks:
            self.undo_group.removeStack(stack)
            stack.deleteLater()
        self._stacks = [self._new_stack() for _ in range(max(count, 1))]

    # -- the network ---------------------------------------------------------------------
    def set_network(self, network: Network, source: str | None = None) -> None:
        """Make ``network`` the open one, intact, with its own target, nothing selected."""
        self.network = network
        self.source = source
        changed = {NETWORK, SCENARIO, SELECTION, WORKSHOP, STEP, COMPARISON}
        if network.target != self.target:
            changed.add(TARGET)
        if self.year is not None:
            changed.add(YEAR)
        self.year, self._shown = None, network
        self.scenario = FailureScenario()
        self.target = network.target
        self.selection = ()
        self.workshop = Workshop(scenarios=(NamedScenario(self.tr("Scenario 1"), target=network.target),))
        self.step, self.comparison = 0, None
        self._reset_stacks(1)
        self.undo_group.setActiveStack(self._stacks[0])
        self._state_changed(changed)

    # -- the workshop --------------------------------------------------------------------
    @property
    def current(self) -> NamedScenario:
        """The step shown, with the live scenario, measure, target and view."""
        return self.workshop.scenarios[self.step]

    def set_workshop(self, workshop: Workshop, step: int = 0) -> None:
        """Open ``workshop`` on the current network and show its step ``step`` (new undo histories).

        Steps naming ids the network lacks keep them: the analysis would refuse them,
        so callers pass a workshop already checked against the network (see
        ``FailureScenario.without_unknown``). An empty workshop gets one intact step.
        """
        if not workshop.scenarios:
            workshop = replace(workshop, scenarios=(NamedScenario(self.tr("Scenario 1")),))
        step = min(max(step, 0), len(workshop.scenarios) - 1)
        self.workshop = workshop
        self._reset_stacks(len(workshop.scenarios))
        self.step, self.comparison = step, None
        self._show_step({WORKSHOP, STEP, COMPARISON})

    def go_to_step(self, index: int) -> None:
        """Show step ``index``: its scenario, measure, target and view; its own undo history."""
        if index == self.step or not 0 <= index < len(self.workshop.scenarios):
            return
        self.step = index
        fields = {STEP}
        if self.comparison == index:  # comparing a step with itself says nothing
            self.comparison = None
            fields.add(COMPARISON)
        self._show_step(fields)

    def _show_step(self, fields: set[str]) -> None:
        named = self.current
        self.undo_group.setActiveStack(self._stacks[self.step])
        fields = set(fields)
        if named.scenario != self.scenario:
            self.scenario = named.scenario
            fields.add(SCENARIO)
        if named.measure is not None and named.measure != self.measure:
            self.measure = named.measure
            fields.add(MEASURE)
        if named.target is not None and named.target != self.target:
            self.target = named.target
            fields.add(TARGET)
        if named.view is not None and named.view != self.view:
            self.view = named.view
            fields.add(VIEW)
        selection = tuple(s for s in self.selection if s in self._shown.sites_by_id)
        if selection != self.selection:
            self.selection = selection
            fields.add(SELECTION)
        self._state_changed(fields)

    def add_step(self, named: NamedScenario | None = None, index: int | None = None) -> int:
        """Insert a step (default: an intact one, after the current step) and show it."""
        index = self.step + 1 if index is None else min(max(index, 0), len(self.workshop.scenarios))
        if named is None:
            title = self.tr("Scenario {0}").format(len(self.workshop.scenarios) + 1)
            named = NamedScenario(self._free_title(title), measure=self.measure,
                                  target=self.target, view=self.view)
        self.workshop = self.workshop.inserted(index, named)
        self._stacks.insert(index, self._new_stack())
        if self.comparison is not None and self.comparison >= index:
            self.comparison += 1
        self.step = index
        self._show_step({WORKSHOP, STEP})
        return index

    def duplicate_step(self, index: int | None = None) -> int:
        """Copy step ``index`` (default: the current one) right after it, titled "… (copy)"."""
        index = self.step if index is None else index
        original = self.workshop.scenarios[index]
        title = self._free_title(self.tr("{0} (copy)").format(original.title))
        return self.add_step(replace(original, title=title), index + 1)

    def remove_step(self, index: int) -> None:
        """Remove step ``index`` (the last step left is emptied instead: a workshop has one)."""
        if len(self.workshop.scenarios) == 1:
            self.set_workshop(replace(self.workshop, scenarios=(NamedScenario(self.current.title),)))
            return
        self.workshop = self.workshop.removed(index)
        stack = self._stacks.pop(index)
        self.undo_group.removeStack(stack)
        stack.deleteLater()
        fields = {WORKSHOP, STEP}
        if self.comparison is not None:
            if self.comparison == index:
                self.comparison = None
                fields.add(COMPARISON)
            elif self.comparison > index:
                self.comparison -= 1
        if self.step > index or self.step == len(self.workshop.scenarios):
            self.step -= 1
        self._show_step(fields)

    def move_step(self, index: int, to: int) -> None:
        """Move step ``index`` to position ``to``; the step shown stays shown."""
        count = len(self.workshop.scenarios)
        if index == to or not (0 <= index < count and 0 <= to < count):
            return
        order = list(range(count))
        order.insert(to, order.pop(index))
        self.workshop = self.workshop.moved(index, to)
        self._stacks.insert(to, self._stacks.pop(index))
        self.step = order.index(self.step)
        if self.comparison is not None:
            self.comparison = order.index(self.comparison)
        self._state_changed({WORKSHOP, STEP})

    def rename_step(self, index: int, title: str) -> None:
        """Give step ``index`` a new title."""
        named = self.workshop.scenarios[index]
        if title != named.title:
            self.workshop = self.workshop.replaced(index, replace(named, title=title))
            self._state_changed({WORKSHOP})

    def set_step_notes(self, index: int, notes: str) -> None:
        """Set the facilitator's notes of step ``index``."""
        named = self.workshop.scenarios[index]
        if notes != named.notes:
            self.workshop = self.workshop.replaced(index, replace(named, notes=notes))
            self._state_changed({WORKSHOP})

    def set_workshop_title(self, title: str) -> None:
        """Set the workshop's title."""
        if title != self.workshop.title:
            self.workshop = replace(self.workshop, title=title)
            self._state_changed({WORKSHOP})

    def set_comparison(self, index: int | None) -> None:
        """Compare the current step with step ``index``, or (None) with the intact network."""
        if index is not None and not 0 <= index < len(self.workshop.scenarios):
            raise IndexError(f"the workshop has no step {index}")
        if index == self.step:
            index = None
        if index != self.comparison:
            self.comparison = index
            self._state_changed({COMPARISON})

    def set_view(self, view: MapExtent | None) -> None:
        """Remember the part of the map shown (saved with the step; no result depends on it)."""
        if view != self.view:
            self.view = view
            self._state_changed({VIEW})

    def _free_title(self, base: str) -> str:
        """``base``, or ``base 2``, ``base 3``…: the first no step has."""
        taken = {n.title for n in self.workshop.scenarios}
        title, number = base, 1
        while title in taken:
            number += 1
            title = f"{base} {number}"
        return title

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

    def add_area(self, area: HazardArea) -> str:
        """Draw a hazard area (one undoable step); return how its outline was repaired, or "".

        Raises
        ------
        HazardAreaError
            When the area cannot be used (encloses nothing, reaches a pole) or its name is taken.
        """
        repair = check_area(area)
        self.set_scenario(self.scenario.add_area(area), self.tr("Draw hazard area {0}").format(area.name))
        return repair

    def replace_area(self, name: str, area: HazardArea, text: str = "") -> str:
        """Move, reshape or rename the area ``name`` (one undoable step); say any repair."""
        repair = check_area(area)
        self.set_scenario(self.scenario.replace_area(name, area),
                          text or self.tr("Change hazard area {0}").format(name))
        return repair

    def rename_area(self, name: str, new_name: str) -> None:
        """Rename a hazard area (``HazardAreaError`` if the new name is empty or taken)."""
        if new_name.strip() != name:
            self.replace_area(name, self.scenario.area(name).renamed(new_name),
                              self.tr("Rename hazard area {0}").format(name))

    def toggle_area(self, name: str) -> None:
        """Switch a hazard area off (nothing in it fails) or on."""
        on = self.scenario.area(name).enabled
        text = self.tr("Switch off hazard area {0}") if on else self.tr("Switch on hazard area {0}")
        self.set_scenario(self.scenario.toggle_area(name), text.format(name))

    def remove_area(self, name: str) -> None:
        """Remove a hazard area."""
        self.set_scenario(self.scenario.remove_area(name), self.tr("Remove hazard area {0}").format(name))

    def free_area_name(self, stem: str) -> str:
        """``stem 1``, ``stem 2``…: the first not taken by an area of the current scenario."""
        taken = {a.name for a in self.scenario.hazard_areas}
        number = 1
        while f"{stem} {number}" in taken:
            number += 1
        return f"{stem} {number}"

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
        known = [s for s in site_ids if s in self._shown.sites_by_id]
        selection = tuple(dict.fromkeys(known))[-2:]
        if selection != self.selection:
            self.selection = selection
            self._state_changed({SELECTION})

    # -- the build-out timeline -----------------------------------------------------------
    @property
    def shown_network(self) -> Network:
        """The network the map shows and the results are computed on (``network`` in ``year``)."""
        return self._shown

    def set_year(self, year: int | None) -> None:
        """Show the network as it stood in ``year`` (None: the whole network again).

        The scenario and every undo history stay; what the scenario names that was
        not in service yet is left out of the analysis (:meth:`analysed_scenario`),
        and selected sites not on the network that year are unselected.
        """
        if year == self.year:
            return
        self.year = year
        self._shown = self.network if year is None else network_in_service(self.network, year)
        fields = {YEAR}
        selection = tuple(s for s in self.selection if s in self._shown.sites_by_id)
        if selection != self.selection:
            self.selection = selection
            fields.add(SELECTION)
        self._state_changed(fields)

    def analysed_scenario(self) -> FailureScenario:
        """The scenario as analysed: in a build-out year, less what was not in service then."""
        if self.year is None:
            return self.scenario
        return self.scenario.without_unknown(self._shown)

    # -- the one place that decides what is stale ------------------------------------------
    def _state_changed(self, fields: set[str]) -> None:
        """Clear and resubmit every result that depends on ``fields``, then tell the views.

        The workshop's current step takes the live values that changed, so the
        workshop always says what the window shows. Views are told before any
        result is resubmitted: in synchronous mode the new results arrive inside
        ``submit`` and must find the views already showing the new state.
        """
        fields = set(fields)
        self._keep_step(fields)
        report_stale = bool(fields & REPORT_FIELDS)
        explanation_stale = bool(fields & EXPLANATION_FIELDS)
        comparand_key = self._comparison_key()
        comparand_stale = bool(fields & COMPARISON_FIELDS) and comparand_key != self._comparand_key
        if report_stale:
            self.report = None
        if explanation_stale:
            self.explanation = None
        if report_stale or comparand_stale:
            self.comparison_result = None
        if comparand_stale:
            self.comparand = None
            self._comparand_key = comparand_key
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
        if comparand_stale and comparand_key is not None:
            self.comparer.submit(comparand_key, self._assess_comparand, comparand_key)

    def _keep_step(self, fields: set[str]) -> None:
        """Write the live values that changed into the current step (adds ``workshop`` if any did)."""
        if NETWORK in fields and STEP not in fields:
            return  # a new network starts a new workshop (set_network)
        named = self.current
        kept = named
        if SCENARIO in fields:
            kept = replace(kept, scenario=self.scenario)
        if MEASURE in fields:
            kept = replace(kept, measure=self.measure)
        if TARGET in fields:
            kept = replace(kept, target=self.target)
        if VIEW in fields and self.view is not None:
            kept = replace(kept, view=self.view)
        if kept != named:
            self.workshop = self.workshop.replaced(self.step, kept)
            fields.add(WORKSHOP)

    # -- analysis ------------------------------------------------------------------------
    def key(self) -> AnalysisKey:
        """What the current results must be computed for."""
        return AnalysisKey(self._shown, self.scenario, self.measure, self.target, self.selection)

    def resolved(self) -> FailureScenario:
        """The current scenario with its hazard areas turned into failed links and sites."""
        return resolve_scenario(self._shown, self.analysed_scenario())

    def down_links(self) -> frozenset[str]:
        """Every link down now: failed, in a failed group, at a down site, or crossing an area."""
        return self.resolved().down_links(self._shown)

    def down_sites(self) -> frozenset[str]:
        """Every site down now: failed, in a failed group, or inside an area."""
        return self.resolved().down_sites(self._shown)

    def _comparison_key(self) -> ComparisonKey | None:
        if self.comparison is None or self.comparison >= len(self.workshop.scenarios):
            return None
        other = self.workshop.scenarios[self.comparison].scenario
        if self.year is not None:
            other = other.without_unknown(self._shown)
        return ComparisonKey(self._shown, other, self.measure, self.target)

    def _assess_comparand(self, key: ComparisonKey) -> DiversityReport:
        """Runs on the comparer's worker, with its own engine."""
        engine = self._compare_engine
        if engine is None or (engine.network, engine.target, engine.measure) != (
                key.network, key.target, key.measure):
            engine = self._compare_engine = DiversityEngine(key.network, target=key.target,
                                                            measure=key.measure)
        return engine.assess(key.scenario)

    def analyse(self) -> None:
        """Recompute the report for the current state, off the GUI thread."""
        self.runner.submit(self.key(), self._assess, self._shown, self.target, self.measure,
                           self.analysed_scenario())

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
            self.explainer.submit(key, explain_site, self._shown, self.analysed_scenario(), self.selection[0],
                                  self.measure.value, self.target)
        else:
            self.explainer.submit(key, explain_pair, self._shown, self.analysed_scenario(), *self.selection,
                                  self.measure.value)

    def _on_report(self, key: AnalysisKey, report: DiversityReport) -> None:
        if key.report_part() == self.key().report_part():
            self.report = report
            self.report_ready.emit(report)
            self._compare()

    def _on_comparand(self, key: ComparisonKey, report: DiversityReport) -> None:
        if key == self._comparison_key():
            self.comparand = report
            self._compare()

    def _compare(self) -> None:
        """The comparison, once both the current report and the step compared against are in."""
        if self.report is None or self.comparand is None or self.comparison_result is not None:
            return
        if (self.comparand.measure, self.comparand.target) != (self.report.measure, self.report.target):
            return
        self.comparison_result = compare_reports(self.comparand, self.report)
        self.comparison_ready.emit(self.comparison_result)

    def _on_explanation(self, key: AnalysisKey, explanation: Explanation) -> None:
        if key == self.key():
            self.explanation = explanation
            self.explanation_ready.emit(explanation)

    def _on_failed(self, _key: object, message: str) -> None:
        self.analysis_failed.emit(message)

    def _on_runner_busy(self, _busy: bool) -> None:
        busy = self.runner.busy or self.explainer.busy or self.comparer.busy
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    @property
    def busy(self) -> bool:
        """True while a result for the current state is being computed."""
        return self._busy
