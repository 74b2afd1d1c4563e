"""Failing and repairing by direct manipulation of the real window, and the highlight that follows."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt

from stamnett_gui.analysis import assess_diversity
from stamnett_gui.domain import FailureScenario, Status
from stamnett_gui.ui.main_window import MainWindow
from stamnett_gui.ui.session import Session


@pytest.fixture
def window(qtbot, west_coast):
    session = Session(west_coast)
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: session.report is not None)
    win.map_view.zoom_to_norway()
    win.map_view.settle()
    return win


def link_pixel(window, link_id: str) -> QPoint:
    view = window.map_view
    return view.map_to_widget(*view.layout.midpoint(link_id))


def click(qtbot, window, pixel: QPoint, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    with qtbot.waitSignal(window.session.report_ready, timeout=5000, raising=False):
        qtbot.mouseClick(window.map_view.viewport(), Qt.MouseButton.LeftButton, modifier, pixel)


def settled(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.session.busy and window.session.report is not None
                    and window.session.report.scenario == window.session.scenario, timeout=5000)


def test_clicking_a_link_fails_it_and_rings_the_sites_that_lost_diversity(qtbot, window):
    click(qtbot, window, link_pixel(window, "L4"))
    settled(qtbot, window)
    assert window.session.scenario.failed_links == {"L4"}
    highlight = window.map_view.highlight
    # Trondheim's only link is L4: it and Bergen (whose routes to the rest of the core end
    # through Trondheim) lose their one route too
    assert highlight.lost == {"dombas", "bergen", "trondheim"}
    assert len(highlight.failed_links.xData) == 2
    assert window.summary_label.text().startswith("3 sites lost diversity · 2 isolated")
    assert "Link L4" in window.failure_panel.failed.item(0).text()


def test_clicking_a_failed_link_again_repairs_it(qtbot, window):
    pixel = link_pixel(window, "L4")
    click(qtbot, window, pixel)
    click(qtbot, window, pixel)
    settled(qtbot, window)
    assert window.session.scenario.is_intact
    assert window.map_view.highlight.lost == frozenset()


def test_a_double_click_toggles_once(qtbot, window):
    # what a real double-click delivers: press, release, double-click, release
    viewport, pixel, left = window.map_view.viewport(), link_pixel(window, "L4"), Qt.MouseButton.LeftButton
    qtbot.mousePress(viewport, left, pos=pixel)
    qtbot.mouseRelease(viewport, left, pos=pixel)
    qtbot.mouseDClick(viewport, left, pos=pixel)
    qtbot.mouseRelease(viewport, left, pos=pixel)
    settled(qtbot, window)
    assert window.session.scenario.failed_links == {"L4"}


def test_a_click_on_empty_sea_changes_nothing(qtbot, window):
    click(qtbot, window, QPoint(8, 8))
    qtbot.wait(50)
    assert window.session.scenario.is_intact


def test_undo_and_redo_from_the_keyboard(qtbot, window):
    click(qtbot, window, link_pixel(window, "L4"))
    settled(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settled(qtbot, window)
    assert window.session.scenario.is_intact
    assert window.map_view.highlight.lost == frozenset()
    qtbot.keyClick(window, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    settled(qtbot, window)
    assert window.session.scenario.failed_links == {"L4"}
    assert "dombas" in window.map_view.highlight.lost


def test_failing_a_risk_group_from_the_panel(qtbot, window):
    item = window.failure_panel.group_item("Dovrebanen corridor")
    item.setCheckState(Qt.CheckState.Checked)
    settled(qtbot, window)
    assert window.session.scenario.failed_groups == {"Dovrebanen corridor"}
    assert "dombas" in window.map_view.highlight.lost
    window.failure_panel.repair_all_button.click()
    settled(qtbot, window)
    assert window.session.scenario.is_intact
    assert window.failure_panel.group_item("Dovrebanen corridor").checkState() == Qt.CheckState.Unchecked


def test_selecting_a_site_draws_its_paths_and_cut_and_says_why(qtbot, window):
    view = window.map_view
    with qtbot.waitSignal(window.session.explanation_ready, timeout=5000):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.site_pixel("forde"))
    qtbot.waitUntil(lambda: window.session.explanation is not None)
    assert window.session.selection == ("forde",)
    assert len(view.highlight.paths) == 2
    assert view.highlight.cut  # a minimum cut is marked
    text = window.details_panel.plain_text()
    assert "Førde" in text and "2" in text
    assert "Independent route (one colour each)" in view.legend.labels()
    # the table selects the same site
    rows = window.site_panel.table.selectionModel().selectedRows()
    assert [window.site_panel.proxy.data(r, Qt.ItemDataRole.DisplayRole) for r in rows] == [
        "Førde sentralsjukehus"]


def test_ctrl_click_a_second_site_shows_the_routes_between_them(qtbot, window):
    view = window.map_view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.site_pixel("forde"))
    with qtbot.waitSignal(window.session.selection_changed, timeout=5000):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                         view.site_pixel("dombas"))
    assert window.session.selection == ("forde", "dombas")
    qtbot.waitUntil(lambda: window.session.explanation is not None)
    assert len(view.highlight.paths) == 2


def test_target_control_recolours_the_map(qtbot, window):
    report = window.session.report
    assert report["forde"].status is Status.DEGRADED
    window.target_box.setValue(2)
    qtbot.waitUntil(lambda: window.session.report is not None and window.session.report.target == 2)
    assert window.session.report["forde"].status is Status.COMPLIANT


def test_measure_control_switches_the_measure(qtbot, window):
    window.measure_box.setCurrentIndex(window.measure_box.findData("risk"))
    qtbot.waitUntil(lambda: window.session.report is not None
                    and window.session.report.measure.value == "risk")
    # L1 and L2 share the E39 corridor: Førde hangs on one risk group
    assert window.session.report["forde"].diversity == 1


def test_no_core_site_up_is_said_plainly(qtbot, window):
    window.session.toggle_site("bergen")
    window.session.toggle_site("trondheim")
    settled(qtbot, window)
    assert "no core site is up: every site is isolated" in window.summary_label.text()
    statuses = {s.status for s in window.session.report.sites}
    assert statuses <= {Status.ISOLATED, Status.FAILED}


def test_search_centres_and_selects(qtbot, window):
    window.search_box.setText("Ålesund sjukehus")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.session.selection == ("alesund",)


def test_help_lists_the_shortcuts(window):
    keys = dict((v, k) for k, v in window.shortcuts())
    assert keys["Undo"] == "Ctrl+Z"
    assert "Ctrl+Shift+Z" in keys["Redo"]
    assert keys["Repair all"] == "Ctrl+R"


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(clicks=st.lists(st.sampled_from(["L1", "L2", "L3", "L4", "L5"]), min_size=20, max_size=20))
def test_a_burst_of_clicks_ends_in_the_state_of_the_last(qtbot, window, clicks):
    window.session.repair_all()
    for link_id in clicks:
        qtbot.mouseClick(window.map_view.viewport(), Qt.MouseButton.LeftButton,
                         pos=link_pixel(window, link_id))
    settled(qtbot, window)
    expected = FailureScenario()
    for link_id in clicks:
        expected = expected.toggle_link(link_id)
    assert window.session.scenario == expected
    truth = assess_diversity(window.session.network, expected, target=3, measure="edge")
    assert window.session.report == truth


def test_right_click_a_site_offers_to_fail_it_and_its_risk_groups(qtbot, window):
    view = window.map_view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.RightButton, pos=view.site_pixel("dombas"))
    qtbot.waitUntil(lambda: window.context_menu is not None)
    actions = {a.text(): a for a in window.context_menu.actions()}
    assert "Fail site Dombås" in actions
    assert "Show independent routes" in actions
    assert "Centre here" in actions
    actions["Fail site Dombås"].trigger()
    settled(qtbot, window)
    assert window.session.scenario.failed_sites == {"dombas"}
    assert window.session.report["dombas"].status is Status.FAILED
    window.context_menu.close()


def test_right_click_a_link_offers_its_risk_groups(qtbot, window):
    qtbot.mouseClick(window.map_view.viewport(), Qt.MouseButton.RightButton, pos=link_pixel(window, "L4"))
    qtbot.waitUntil(lambda: window.context_menu is not None)
    actions = {a.text(): a for a in window.context_menu.actions()}
    assert "Fail link L4" in actions
    actions["Fail risk group Dovrebanen corridor"].trigger()
    settled(qtbot, window)
    assert window.session.scenario.failed_groups == {"Dovrebanen corridor"}
    window.context_menu.close()


def test_a_failed_site_draws_as_a_cross(qtbot, window):
    window.session.toggle_site("forde")
    settled(qtbot, window)
    spots = {p["data"]: p for p in window.map_view.highlight.changed_sites.data}
    assert spots["forde"]["symbol"] == "x"


def test_hovering_a_site_tells_its_routes_now_and_intact(qtbot, window):
    window.session.toggle_link("L4")
    settled(qtbot, window)
    view = window.map_view
    qtbot.mouseMove(view.viewport(), view.site_pixel("dombas") + QPoint(30, 30))
    qtbot.mouseMove(view.viewport(), view.site_pixel("dombas"))
    qtbot.waitUntil(lambda: view.hover == ("site", "dombas"))
    assert "2 now, 3 intact (edge, target 3)" in view.hover_text
    assert "degraded · lost diversity" in view.hover_text


def test_every_site_failed_keeps_the_window_working(qtbot, window):
    everything = FailureScenario(failed_sites=frozenset(s.id for s in window.session.network.sites))
    window.session.set_scenario(everything, "Fail every site")
    settled(qtbot, window)
    assert {s.status for s in window.session.report.sites} == {Status.FAILED}
    assert "no core site is up" in window.summary_label.text()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settled(qtbot, window)
    assert window.session.scenario.is_intact


def test_a_failed_core_site_leaves_the_rest_of_the_core(qtbot, window):
    window.session.toggle_site("trondheim")
    settled(qtbot, window)
    report = window.session.report
    assert report["trondheim"].status is Status.FAILED
    assert report["bergen"].status is Status.ISOLATED  # no other core site is up to reach
    assert report["forde"].diversity == 2  # Bergen still counts as core for the others


def test_sites_table_puts_the_affected_first_and_filters(qtbot, window):
    panel = window.site_panel
    window.session.toggle_link("L4")
    settled(qtbot, window)
    order = panel.visible_site_ids()
    assert set(order[:3]) == {"dombas", "bergen", "trondheim"}  # lost diversity first
    panel.only_affected.setChecked(True)
    assert "forde" in panel.visible_site_ids()  # below target already
    window.session.repair_all()
    settled(qtbot, window)
    assert set(panel.visible_site_ids()) == {"forde", "alesund", "bergen", "trondheim"}
    panel.only_affected.setChecked(False)
    qtbot.keyClicks(panel.filter, "møre")
    assert panel.visible_site_ids() == ["alesund"]


def test_sites_table_sorts_by_a_clicked_header(qtbot, window):
    panel = window.site_panel
    header = panel.table.horizontalHeader()
    now = 1
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(now) + 10, 5))
    values = [window.session.report[i].diversity for i in panel.visible_site_ids()]
    assert values == sorted(values) or values == sorted(values, reverse=True)
    assert panel.model.headerData(now, Qt.Orientation.Horizontal) == "Now"


def test_the_legend_can_be_hidden_from_the_keyboard(qtbot, window):
    legend = window.map_view.legend
    assert legend.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not legend.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert legend.isVisible()
