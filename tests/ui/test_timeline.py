"""View → Build-out in the real window: the year slider shows the network as it stood that year."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from test_window_state_machine import check_window_agrees

from stamnett_gui.analysis import assess_diversity
from stamnett_gui.analysis.buildout import network_in_service
from stamnett_gui.domain import FailureScenario

#: The west coast, built in three steps: Bergen–Dombås–Trondheim and Førde first, Ålesund later.
YEARS = {"L1": 2015, "L4": 2015, "L5": 2015, "L3": 2017, "L2": 2019}


@pytest.fixture
def dated(west_coast):
    return replace(west_coast, links=tuple(replace(lk, in_service=YEARS[lk.id]) for lk in west_coast.links))


@pytest.fixture
def window(qtbot, dated):
    from stamnett_gui.ui.main_window import MainWindow
    from stamnett_gui.ui.session import Session

    win = MainWindow(Session(dated, synchronous=True))
    qtbot.addWidget(win)
    win.resize(1000, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def truth(session, year):
    shown = network_in_service(session.network, year)
    return assess_diversity(shown, session.scenario.without_unknown(shown), target=session.target,
                            measure=session.measure)


def test_the_slider_shows_each_year_and_its_report(qtbot, window, dated):
    session, timeline = window.session, window.timeline
    assert timeline.action.isEnabled() and not timeline.bar.isVisible()
    timeline.action.trigger()  # View → Build-out timeline
    assert timeline.bar.isVisible() and session.year == 2015
    assert {s.id for s in window.map_view.layout.network.sites} == {"bergen", "forde", "dombas",
                                                                     "trondheim"}
    assert session.report == truth(session, 2015)
    assert window.site_panel.model.rowCount() == 4
    assert timeline.year_label.text() == "2015"
    # the bar says it in words: which hospitals were on the network, and their routes
    assert timeline.summary_label.text() == (
        "1 hospital on the network · 0 with 3 or more independent routes · 1 with fewer")
    qtbot.keyClick(timeline.slider, Qt.Key.Key_Right)
    assert session.year == 2017 and session.report == truth(session, 2017)
    assert session.report["alesund"].diversity == 1
    check_window_agrees(window)
    timeline.slider.setValue(2)  # a drag to the end
    assert session.year == 2019 and session.report == truth(session, 2019)
    assert session.report["alesund"].diversity == 2
    assert timeline.summary_label.text().startswith("2 hospitals on the network")
    check_window_agrees(window)


def test_failures_selection_and_undo_follow_the_year_and_survive_leaving(qtbot, window):
    session, timeline = window.session, window.timeline
    session.toggle_link("L2")  # not in service before 2019
    session.toggle_link("L5")
    session.select_sites(("alesund",))
    timeline.action.trigger()
    # Ålesund was not on the network in 2015: unselected; L2 is left out of that year's analysis
    assert session.year == 2015 and session.selection == ()
    assert session.report == truth(session, 2015)
    assert session.report.scenario.failed_links == {"L5"}
    check_window_agrees(window)
    session.select_sites(("forde",))
    qtbot.keyClick(timeline.slider, Qt.Key.Key_Right)
    check_window_agrees(window)
    session.undo_stack.undo()  # L5 back
    assert session.report == truth(session, 2017)
    check_window_agrees(window)
    session.set_measure("node")
    check_window_agrees(window)
    timeline.action.trigger()  # leave: the whole network, the scenario and its undo history intact
    assert session.year is None and not timeline.bar.isVisible()
    assert session.scenario == FailureScenario(failed_links=frozenset({"L2"}))
    assert session.report == assess_diversity(session.network, session.scenario, target=session.target,
                                              measure=session.measure)
    check_window_agrees(window)
    session.undo_stack.redo()
    assert session.scenario.failed_links == {"L2", "L5"}
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.scenario == FailureScenario()


def test_play_steps_through_every_year_then_stops(qtbot, window):
    session, timeline = window.session, window.timeline
    timeline.timer.setInterval(5)
    seen = []
    session.state_changed.connect(lambda fields: seen.append(session.year) if "year" in fields else None)
    qtbot.mouseClick(timeline.play_button, Qt.MouseButton.LeftButton)  # turns the timeline on
    assert timeline.playing and timeline.play_button.text() == "Pause"
    qtbot.waitUntil(lambda: not timeline.playing, timeout=3000)
    assert seen == [2015, 2017, 2019] and session.year == 2019
    assert timeline.play_button.text() == "Play"
    check_window_agrees(window)


def test_opening_another_network_leaves_the_timeline(qtbot, window, west_coast):
    session, timeline = window.session, window.timeline
    timeline.action.trigger()
    session.set_network(west_coast)
    assert session.year is None and not timeline.action.isChecked() and not timeline.bar.isVisible()
    assert not timeline.action.isEnabled()  # its links carry no years


def test_a_network_without_years_has_no_timeline(qtbot, window_sync):
    timeline = window_sync.timeline
    assert not timeline.action.isEnabled()
    assert "no in-service years" in timeline.action.toolTip()
    view_menu = next(a.menu() for a in window_sync.menuBar().actions() if a.text() == "&View")
    assert timeline.action in view_menu.actions()
    timeline.action.trigger()  # a disabled action does nothing
    assert window_sync.session.year is None and not timeline.bar.isVisible()
