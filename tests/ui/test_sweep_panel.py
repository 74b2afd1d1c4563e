"""Analysis → Sweep in the real window: the heat map equals the sweep, a row applies its failure, cancel."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from stamnett_gui.analysis.sweep import run_sweep
from stamnett_gui.domain import FailureScenario, Link, Network, Site
from stamnett_gui.ui import styles
from stamnett_gui.ui.heat_layer import heat_class, heat_colour, legend_entries
from stamnett_gui.ui.main_window import MainWindow
from stamnett_gui.ui.session import Session


def grid_network(side: int) -> Network:
    """A side x side grid of sites in southern Norway, each linked to its right and upper neighbour."""
    sites = tuple(Site(f"s{i}_{j}", f"Site {i},{j}", 6.0 + 0.1 * i, 59.0 + 0.05 * j)
                  for i in range(side) for j in range(side))
    links = []
    for i in range(side):
        for j in range(side):
            if i + 1 < side:
                links.append(Link(f"L{len(links)}", f"s{i}_{j}", f"s{i + 1}_{j}"))
            if j + 1 < side:
                links.append(Link(f"L{len(links)}", f"s{i}_{j}", f"s{i}_{j + 1}"))
    return Network("grid", sites, tuple(links), core=frozenset({"s0_0", f"s{side - 1}_{side - 1}"}))


def run_and_wait(qtbot, panel):
    with qtbot.waitSignal(panel.job.finished, timeout=60_000):
        panel.run()


def test_the_heat_map_equals_the_sweep_and_a_row_applies_its_failure(qtbot, window_sync):
    win = window_sync
    panel = win.sweep_panel
    assert panel.dock is not None and not panel.dock.isVisible()
    panel.action.trigger()
    assert panel.dock.isVisible()
    panel.kind_box.setCurrentIndex(panel.kind_box.findData("link"))
    run_and_wait(qtbot, panel)
    network = win.session.network
    expected = run_sweep(network, target=win.session.target)
    assert panel.result == expected
    assert panel.heat.link_values == {i.elements[0]: len(i.below_target) for i in expected.impacts}
    assert panel.model.rowCount() == len(expected.impacts)
    assert not panel.progress.isVisible()
    # Sorted by sites below target, most first; the first row applies its failure, undoably.
    first = panel.impact_at(panel.model.index(0, 0))
    assert len(first.below_target) == max(len(i.below_target) for i in expected.impacts)
    rect = panel.table.visualRect(panel.model.index(0, 0))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.session.scenario == first.scenario()
    assert not panel.heat.shown  # another state now: no heat computed for it
    assert "another state" in panel.headline.text()
    win.undo_action.trigger()
    assert win.session.scenario == FailureScenario()
    assert panel.heat.shown  # back to the state the sweep was computed for
    # The row's failure as a named step of the workshop.
    steps = len(win.session.workshop.scenarios)
    panel.workshop_button.click()
    assert len(win.session.workshop.scenarios) == steps + 1
    added = win.session.workshop.scenarios[win.session.step]
    assert added.scenario == first.scenario() and first.label() in added.title


def test_site_and_group_sweeps_colour_sites_and_group_links(qtbot, window_sync):
    panel = window_sync.sweep_panel
    panel.kind_box.setCurrentIndex(panel.kind_box.findData("group"))
    run_and_wait(qtbot, panel)
    network = window_sync.session.network
    for impact in panel.result.impacts:
        links, _ = network.group_members(impact.elements[0])
        for link in links:
            assert panel.heat.link_values[link] >= len(impact.below_target)
    panel.kind_box.setCurrentIndex(panel.kind_box.findData("site"))
    run_and_wait(qtbot, panel)
    assert panel.heat.site_values == {i.elements[0]: len(i.below_target)
                                      for i in panel.result.impacts}


def test_cancel_stops_the_sweep_and_keeps_the_window_going(qtbot):
    network = grid_network(26)
    win = MainWindow(Session(network, synchronous=True))
    qtbot.addWidget(win)
    panel = win.sweep_panel
    panel.order_box.setCurrentIndex(panel.order_box.findData(2))  # N-2: long enough to cancel
    with qtbot.waitSignal(panel.job.finished, timeout=60_000) as finished:
        panel.run()
        assert panel.progress.isVisibleTo(win)
        panel.cancel_button.click()
    assert finished.args[1] is None  # no result
    assert "cancelled" in panel.headline.text()
    assert panel.result is None and panel.run_button.isEnabled()
    panel.shutdown()
    assert not [t for t in threading.enumerate() if t.name.startswith("sweep")]
    win.session.toggle_link(network.links[0].id)  # the window goes on
    assert network.links[0].id in win.session.scenario.failed_links


def test_colour_classes_and_legend():
    assert heat_class(0) == -1 and heat_colour(0) == styles.HEAT_NONE
    assert [heat_class(v) for v in (1, 2, 3, 4, 7, 8, 16, 31, 32, 500)] == [0, 1, 1, 2, 2, 3, 4, 4, 5, 5]
    texts = [text for _, text in legend_entries()]
    assert texts[:4] == ["none", "1", "2–3", "4–7"] and texts[-1] == "32 or more"


@pytest.fixture(autouse=True)
def _stop_sweeps(request):
    yield
    win = request.node.funcargs.get("window_sync")
    if win is not None:
        win.sweep_panel.shutdown()
