"""Presentation mode in the real window: F11, Page Down / Page Up through the scenarios, Esc back."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QToolBar

from stamnett_gui.analysis import assess_diversity
from stamnett_gui.domain import FailureScenario
from stamnett_gui.domain.workshop import NamedScenario, Workshop
from stamnett_gui.ui import styles
from stamnett_gui.ui.details_panel import scenario_summary

STEPS = (
    NamedScenario("Intact"),
    NamedScenario("E39 closed", scenario=FailureScenario(failed_groups=frozenset({"E39 corridor"}))),
    NamedScenario("Dombås down", scenario=FailureScenario(failed_sites=frozenset({"dombas"}))),
)


def key(qtbot, window, key):
    qtbot.keyClick(window.map_view, key)


def bars(window):
    """The docks and toolbars shown, by name."""
    return {w.objectName() for w in window.findChildren(QDockWidget) + window.findChildren(QToolBar)
            if w.parent() is window and w.isVisible()}


def fresh(session):
    return assess_diversity(session.shown_network, session.analysed_scenario(), target=session.target,
                            measure=session.measure)


def test_f11_fills_the_screen_with_the_map_and_esc_puts_everything_back(qtbot, window_sync):
    window, view = window_sync, window_sync.map_view
    window.resize(760, 640)  # within the offscreen screen, so that the window can have its size back
    qtbot.waitUntil(lambda: window.size().width() == 760)
    window.session.select_sites(("forde",))
    before = bars(window)
    assert {"Sites", "Details", "Analysis"} <= before
    state, geometry, legend_size = window.saveState(), window.saveGeometry(), view.legend.size()
    view_rect = view.view.viewRect()
    key(qtbot, window, Qt.Key.Key_F11)
    presentation = window.presentation
    assert presentation.active and presentation.action.isChecked() and window.isFullScreen()
    assert bars(window) == set()
    assert window.menuBar().isHidden() and window.statusBar().isHidden()
    # the legend stays, larger; markers, links and labels are drawn larger
    assert view.legend.isVisible()
    scale = styles.presentation_scale(window.screen().geometry().height())
    assert scale > 1.25  # the offscreen screen is 800 pixels high: less than on a 1080p projector
    assert view.legend.width() == round(legend_size.width() * scale)
    assert view.network_layer.display_scale == scale
    assert view.highlight.display_scale == scale
    assert view.furniture.scale == scale  # the scale bar and north arrow
    assert presentation.title_label.isVisible() and "Scenario 1" in presentation.title_label.text()
    summary = scenario_summary(window.session.report, window.session.network)
    assert presentation.summary_label.text() == summary
    key(qtbot, window, Qt.Key.Key_Escape)  # leaves (the selection stays)
    assert not presentation.active and not presentation.action.isChecked() and not window.isFullScreen()
    assert window.session.selection == ("forde",)
    assert bars(window) == before and window.saveGeometry() == geometry
    qtbot.waitUntil(lambda: window.saveState() == state, timeout=1000)
    assert not window.menuBar().isHidden() and not window.statusBar().isHidden()
    assert view.legend.size() == legend_size and view.network_layer.display_scale == 1.0
    assert view.highlight.display_scale == view.furniture.scale == 1.0
    assert not presentation.title_label.isVisible() and not presentation.summary_label.isVisible()
    qtbot.waitUntil(lambda: view.view.viewRect() == view_rect, timeout=1000)
    key(qtbot, window, Qt.Key.Key_Escape)  # Esc clears the selection again, as always
    assert window.session.selection == ()


def test_f11_again_also_leaves(qtbot, window_sync):
    key(qtbot, window_sync, Qt.Key.Key_F11)
    assert window_sync.isFullScreen()
    key(qtbot, window_sync, Qt.Key.Key_F11)
    assert not window_sync.presentation.active and not window_sync.isFullScreen()
    assert "Sites" in bars(window_sync)


def test_page_down_and_up_step_through_the_workshop(qtbot, window_sync):
    window, session = window_sync, window_sync.session
    session.set_workshop(Workshop("West coast", STEPS))
    window.presentation.action.trigger()  # View → Presentation
    presentation = window.presentation
    assert "Intact" in presentation.title_label.text()
    assert "Scenario 1 of 3" in presentation.title_label.text()
    key(qtbot, window, Qt.Key.Key_PageDown)
    assert session.step == 1 and session.scenario == STEPS[1].scenario
    assert session.report == fresh(session) and session.report.counts["lost"] > 0
    assert "E39 closed" in presentation.title_label.text()
    assert presentation.summary_label.text() == scenario_summary(session.report, session.network)
    key(qtbot, window, Qt.Key.Key_PageDown)
    assert session.step == 2 and session.report == fresh(session)
    key(qtbot, window, Qt.Key.Key_PageDown)  # nothing after the last: it says so
    assert session.step == 2 and "Last scenario" in presentation.title_label.text()
    key(qtbot, window, Qt.Key.Key_PageUp)
    assert session.step == 1 and session.report == fresh(session)
    key(qtbot, window, Qt.Key.Key_Escape)
    assert session.step == 1  # leaving keeps the scenario shown


def test_page_down_opens_the_bundled_real_events_on_the_bundled_network(qtbot):
    from stamnett_gui.io.loading import load_default_network
    from stamnett_gui.ui.main_window import MainWindow
    from stamnett_gui.ui.session import Session

    window = MainWindow(Session(load_default_network(), synchronous=True))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    session = window.session
    assert len(session.workshop) == 1
    key(qtbot, window, Qt.Key.Key_F11)
    key(qtbot, window, Qt.Key.Key_PageDown)
    assert len(session.workshop) > 1 and session.step == 0
    box = window.workshop.files.message_box
    if box is not None:  # a note that the bundled network changed since the events were made
        assert "left out" not in box.informativeText()  # every id they name is there
        box.close()
        window.activateWindow()  # a desktop does this itself; the offscreen platform does not
        qtbot.waitUntil(window.isActiveWindow)
    assert "storm" in session.current.title.casefold()
    assert session.current.title in window.presentation.title_label.text()
    assert session.report == fresh(session) and session.report.counts["lost"] > 0
    key(qtbot, window, Qt.Key.Key_PageDown)
    assert session.step == 1 and session.report == fresh(session)


def test_another_network_without_a_workshop_has_nothing_to_step_through(qtbot, window_sync):
    session = window_sync.session
    key(qtbot, window_sync, Qt.Key.Key_F11)
    key(qtbot, window_sync, Qt.Key.Key_PageDown)
    assert len(session.workshop) == 1 and session.scenario == FailureScenario()
    assert "open a workshop" in window_sync.presentation.title_label.text()


@pytest.fixture
def dated_window(qtbot, west_coast):
    from stamnett_gui.ui.main_window import MainWindow
    from stamnett_gui.ui.session import Session

    years = {"L1": 2015, "L4": 2015, "L5": 2015, "L3": 2017, "L2": 2019}
    dated = replace(west_coast, links=tuple(replace(lk, in_service=years[lk.id]) for lk in west_coast.links))
    win = MainWindow(Session(dated, synchronous=True))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_presentation_plays_the_build_out(qtbot, dated_window):
    window, session, presentation = dated_window, dated_window.session, dated_window.presentation
    window.timeline.action.trigger()
    key(qtbot, window, Qt.Key.Key_F11)
    assert not window.timeline.bar.isVisible()  # the year is shown large on the map instead
    assert presentation.year_label.isVisible() and presentation.year_label.text() == "2015"
    assert presentation.summary_label.text() == window.timeline.summary_label.text() != ""
    key(qtbot, window, Qt.Key.Key_PageDown)  # with the timeline on, the keys step the years
    assert session.year == 2017 and presentation.year_label.text() == "2017"
    assert session.report == fresh(session)
    window.timeline.timer.setInterval(5)
    key(qtbot, window, Qt.Key.Key_Space)
    assert window.timeline.playing and "Pause" in presentation.play_button.text()
    qtbot.waitUntil(lambda: not window.timeline.playing, timeout=3000)
    assert session.year == 2019 and presentation.year_label.text() == "2019"
    key(qtbot, window, Qt.Key.Key_Escape)
    assert window.timeline.bar.isVisible() and session.year == 2019


def test_the_drawing_scale_follows_the_projector():
    assert styles.presentation_scale(1080) == styles.PRESENTATION_SCALE == 2.0
    assert styles.presentation_scale(2160) == 2.0  # a 4K screen: markers are big enough already
    assert styles.presentation_scale(720) == 1.33
    assert styles.presentation_scale(480) == 1.25  # never smaller than this
