"""The window as a state machine: after any sequence of user actions, every panel and layer
shows what a fresh computation gives for the final state, never an older one.

The actions go through the real window: clicks on the map's pixels, the failures panel,
the toolbar's controls, the sites table, the keyboard shortcuts and the context menu.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from PySide6.QtCore import Qt

from stamnett_gui.analysis import assess_diversity
from stamnett_gui.analysis.comparison import compare_reports
from stamnett_gui.analysis.explain import explain_pair, explain_site
from stamnett_gui.analysis.hazards import resolve_scenario
from stamnett_gui.analysis.projection import project
from stamnett_gui.domain import Measure, Status
from stamnett_gui.ui.details_panel import HINT, scenario_summary
from stamnett_gui.ui.site_table import NOW, STATUS

SITES = ("bergen", "trondheim", "forde", "alesund", "dombas")
LINKS = ("L1", "L2", "L3", "L4", "L5")
GROUPS = ("E39 corridor", "Dovrebanen corridor")
#: Outlines a planner might draw (lon, lat corners): around Førde, over Dombås, across the E39.
AREAS = (((5.3, 61.2), (6.4, 61.2), (6.4, 61.7), (5.3, 61.7)),
         ((8.6, 61.8), (9.6, 61.8), (9.6, 62.3), (8.6, 62.3)),
         ((5.4, 61.9), (6.6, 61.9), (6.6, 62.2), (5.4, 62.2)))


def fresh_explanation(session):
    """What the selection's routes and cut are, computed from scratch for the session's state."""
    network, scenario, measure = session.shown_network, session.analysed_scenario(), session.measure.value
    if len(session.selection) == 1:
        return explain_site(network, scenario, session.selection[0], measure, session.target)
    if len(session.selection) == 2:
        return explain_pair(network, scenario, *session.selection, measure)
    return None


def drawn(item) -> np.ndarray:
    """The segment end points a ``connect='pairs'`` item draws, as an (n, 2) array."""
    if item.xData is None or len(item.xData) == 0:
        return np.empty((0, 2))
    return np.column_stack([item.xData, item.yData])


def same_segments(item, layout, link_ids) -> bool:
    expected = layout.segments(list(link_ids))
    got = drawn(item)
    if len(expected) != len(got):
        return False
    as_set = lambda a: {tuple(np.round(r, 3)) for r in a.reshape(-1, 4)}  # noqa: E731
    return as_set(expected) == as_set(got)


def check_window_agrees(window) -> None:
    """Every panel and layer equals a fresh computation for the session's current state.

    The state's network is the one shown: in a build-out year, the network as it stood then.
    """
    session = window.session
    network, layout = session.shown_network, window.map_view.layout
    assert layout.network == network
    scenario = session.analysed_scenario()
    truth = assess_diversity(network, scenario, target=session.target, measure=session.measure)
    assert session.report == truth
    # the sites table: now, status, every row
    model = window.site_panel.model
    for row in range(model.rowCount()):
        site_id = model.data(model.index(row, 0), Qt.ItemDataRole.UserRole + 2)
        entry = truth[site_id]
        now = model.data(model.index(row, NOW))
        assert now.rstrip("+") == str(min(entry.diversity, truth.cap)), site_id
        status = model.data(model.index(row, STATUS))
        assert status == entry.status.value + (" · lost" if entry.lost else ""), site_id
    # the map: failed links, the rings around the sites that lost diversity, the selection
    highlight = window.map_view.highlight
    resolved = resolve_scenario(network, scenario)  # hazard areas fail what they cross
    assert same_segments(highlight.failed_links, layout, resolved.down_links(network))
    # the workshop's current step is what the window shows; a comparison is a fresh one
    assert session.workshop.scenarios[session.step].scenario == session.scenario
    parts = window.workshop
    assert set(parts.hazard_layer.items) <= {a.name for a in session.scenario.hazard_areas}
    if session.comparison is not None:
        other = session.workshop.scenarios[session.comparison].scenario.without_unknown(network)
        before = assess_diversity(network, other, target=session.target, measure=session.measure)
        expected = compare_reports(before, truth)
        assert session.comparison_result == expected
        assert parts.compare_panel.layer.marked == ({c.site_id for c in expected.worse},
                                                    {c.site_id for c in expected.better})
    else:
        assert parts.compare_panel.layer.marked == (frozenset(), frozenset())
    lost = {s.site_id for s in truth.sites if s.lost and s.status is not Status.FAILED}
    assert highlight.lost == lost
    assert len(highlight.lost_rings.data) == len(lost)
    assert sorted(highlight.selection_rings.data["data"]) == sorted(session.selection)
    # the summary line
    assert window.summary_label.text() == scenario_summary(truth, network)
    # routes and cut: drawn, written, in the legend
    explanation = fresh_explanation(session)
    text = window.details_panel.plain_text()
    legend = window.map_view.legend.labels()
    if explanation is None:
        assert all(len(drawn(item)) == 0 for item in highlight.path_items)
        assert len(drawn(highlight.cut_links)) == 0
        assert HINT in text.replace("\n", " ")
        assert not any(label.startswith("Independent route") for label in legend)
        return
    assert session.explanation == explanation
    assert explanation.headline() in text.replace("\n", " ")
    routes = [r.links for r in explanation.routes]
    colours = len(highlight.path_items)
    for i, item in enumerate(highlight.path_items):
        if i < colours - 1 or len(routes) <= colours:
            want = routes[i] if i < len(routes) else ()
        else:
            want = [link for r in routes[colours - 1:] for link in r]
        assert same_segments(item, layout, want), f"route {i + 1}"
    cut_links = set(explanation.cut.links)
    for name in explanation.cut.groups:
        cut_links |= network.group_members(name)[0]
    assert same_segments(highlight.cut_links, layout, cut_links)
    assert "Independent route (one colour each)" in legend


class WindowMachine(RuleBasedStateMachine):
    """Random sequences of what a planner does with the window."""

    window = None
    qtbot = None

    def __init__(self) -> None:
        super().__init__()
        window, session = self.window, self.window.session
        # start each sequence from the freshly opened network, as after File → Open
        session.set_network(session.network)
        window.map_view.zoom_to_norway()
        window.map_view.settle()

    # -- failures ------------------------------------------------------------------------
    @rule(link=st.sampled_from(LINKS))
    def click_link(self, link):
        view = self.window.map_view
        x, y = view.layout.midpoint(link)
        assert view.item_at(x, y) == ("link", link)
        self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.map_to_widget(x, y))

    @rule(group=st.sampled_from(GROUPS))
    def check_group_in_panel(self, group):
        item = self.window.failure_panel.group_item(group)
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    @rule(site=st.sampled_from(SITES))
    def fail_site_from_menu(self, site):
        window = self.window
        window._on_map_context("site", site, window.map_view.mapToGlobal(window.map_view.site_pixel(site)))
        menu = window.context_menu
        menu.actions()[0].trigger()  # "Fail site …" / "Repair site …"
        menu.close()

    @rule()
    def repair_first_in_failed_list(self):
        failed = self.window.failure_panel.failed
        item = failed.item(0)
        if item is not None and item.data(Qt.ItemDataRole.UserRole + 1):
            failed.itemDoubleClicked.emit(item)

    # -- hazard areas and workshop steps ------------------------------------------------------
    @rule(outline=st.sampled_from(AREAS))
    def draw_area(self, outline):
        window, view = self.window, self.window.map_view
        window.workshop.polygon_action.trigger()
        points = []
        for lon, lat in outline:
            x, y = project([lon], [lat])
            points.append(view.map_to_widget(float(x[0]), float(y[0])))
        for point in points:
            self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
        self.qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=points[-1])
        window.workshop.hazard_tool.edit("")

    @rule()
    def remove_first_area(self):
        failed = self.window.failure_panel.failed
        for row in range(failed.count()):
            if failed.item(row).data(Qt.ItemDataRole.UserRole + 1) == "area":
                failed.setCurrentRow(row)
                self.qtbot.keyClick(failed, Qt.Key.Key_Delete)
                return

    @rule()
    def switch_first_area(self):
        failed = self.window.failure_panel.failed
        item = failed.item(0)
        if item is not None and item.data(Qt.ItemDataRole.UserRole + 1) == "area":
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    @rule()
    def add_step(self):
        self.qtbot.mouseClick(self.window.workshop.panel.buttons["add"], Qt.MouseButton.LeftButton)

    @rule(forward=st.booleans())
    def step(self, forward):
        key = Qt.Key.Key_PageDown if forward else Qt.Key.Key_PageUp
        self.qtbot.keyClick(self.window, key, Qt.KeyboardModifier.ControlModifier)

    @rule(choice=st.integers(0, 3))
    def compare_with(self, choice):
        box = self.window.workshop.compare_panel.against
        box.setCurrentIndex(choice % box.count())

    @rule()
    def repair_all(self):
        self.qtbot.keyClick(self.window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)

    @rule()
    def undo(self):
        self.qtbot.keyClick(self.window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    @rule()
    def redo(self):
        self.qtbot.keyClick(self.window, Qt.Key.Key_Z,
                            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)

    # -- selection -----------------------------------------------------------------------
    @rule(site=st.sampled_from(SITES), ctrl=st.booleans())
    def click_site(self, site, ctrl):
        view = self.window.map_view
        modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
        self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, view.site_pixel(site))

    @rule(site=st.sampled_from(SITES))
    def select_in_table(self, site):
        panel = self.window.site_panel
        row = panel.model.site_row(site)
        index = panel.proxy.mapFromSource(panel.model.index(row, 0))
        rect = panel.table.visualRect(index)
        self.qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    @rule()
    def deselect(self):
        self.qtbot.keyClick(self.window, Qt.Key.Key_Escape)

    # -- settings ------------------------------------------------------------------------
    @rule(measure=st.sampled_from(list(Measure)))
    def choose_measure(self, measure):
        box = self.window.measure_box
        box.setCurrentIndex(box.findData(measure.value))

    @rule(value=st.integers(1, 4))
    def choose_target(self, value):
        self.window.target_box.setValue(value)

    @invariant()
    def panels_agree(self):
        check_window_agrees(self.window)


def test_every_panel_and_layer_shows_the_current_state(qtbot, window_sync):
    window_sync.map_view.setFocus()
    WindowMachine.window, WindowMachine.qtbot = window_sync, qtbot
    run_state_machine_as_test(WindowMachine, settings=settings(
        max_examples=40, stateful_step_count=12, deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]))


def test_a_selected_site_follows_a_risk_group_failure(qtbot, window_sync):
    """The reported bug: select a site, then fail a risk group from the panel."""
    session = window_sync.session
    view = window_sync.map_view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.site_pixel("forde"))
    assert session.selection == ("forde",)
    window_sync.failure_panel.group_item("E39 corridor").setCheckState(Qt.CheckState.Checked)
    check_window_agrees(window_sync)
    assert "E39 corridor" not in window_sync.details_panel.plain_text().split("would isolate")[-1]


def test_routes_go_when_nothing_is_selected_after_repair_all(qtbot, window_sync):
    session, view = window_sync.session, window_sync.map_view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.site_pixel("alesund"))
    qtbot.keyClick(window_sync, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window_sync, Qt.Key.Key_Escape)
    session.toggle_link("L2")
    check_window_agrees(window_sync)
    assert all(len(drawn(item)) == 0 for item in view.highlight.path_items)


@pytest.mark.parametrize("steps", [
    ("select", "fail", "undo", "redo"),
    ("fail", "select", "measure", "undo", "deselect"),
    ("select", "pair", "fail", "target", "undo", "undo"),
    ("fail", "select", "network"),  # a new network while the old one's results are pending
    ("select", "fail", "network", "select", "fail", "undo"),
])
def test_sequences_with_the_analysis_on_its_worker(qtbot, west_coast, steps):
    """The same agreement when results arrive later, from the worker thread."""
    from stamnett_gui.ui.main_window import MainWindow
    from stamnett_gui.ui.session import Session

    window = MainWindow(Session(west_coast))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    session, view = window.session, window.map_view
    actions = {
        "select": lambda: session.select_sites(("forde",)),
        "pair": lambda: session.select_sites(("forde", "alesund")),
        "deselect": lambda: session.select_sites(()),
        "fail": lambda: session.toggle_group("E39 corridor"),
        "measure": lambda: session.set_measure("node"),
        "target": lambda: session.set_target(2),
        "undo": lambda: session.undo_stack.undo(),  # the stack of the step shown now
        "redo": lambda: session.undo_stack.redo(),
        "network": lambda: session.set_network(replace(west_coast, name="Without L5",
                                                       links=west_coast.links[:-1])),
    }
    for step in steps:
        actions[step]()
        assert session.report is None or session.report.scenario == session.scenario
    qtbot.waitUntil(lambda: not session.busy and session.report is not None
                    and (not session.selection or session.explanation is not None), timeout=5000)
    view.settle()
    check_window_agrees(window)
