"""Hazard areas drawn on the real map: what they cross fails, on the map and in every panel."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from stamnett_gui.analysis import assess_diversity
from stamnett_gui.analysis.hazards import area_hits
from stamnett_gui.domain import HazardArea
from stamnett_gui.ui.hazard_tool import Mode, RadiusDialog


def pixel(window, lon, lat) -> QPoint:
    from stamnett_gui.analysis.projection import project

    x, y = project([lon], [lat])
    return window.map_view.map_to_widget(float(x[0]), float(y[0]))


def click(qtbot, window, point: QPoint) -> None:
    qtbot.mouseClick(window.map_view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def draw_polygon(qtbot, window, corners) -> None:
    """Click the corners on the map, then double-click the last one, as a planner does."""
    window.workshop.polygon_action.trigger()
    points = [pixel(window, lon, lat) for lon, lat in corners]
    for point in points:
        click(qtbot, window, point)
    qtbot.mouseDClick(window.map_view.viewport(), Qt.MouseButton.LeftButton, pos=points[-1])


def drawn_failed_links(window) -> set[tuple[float, ...]]:
    item = window.map_view.highlight.failed_links
    if item.xData is None or len(item.xData) == 0:
        return set()
    xy = np.column_stack([item.xData, item.yData]).reshape(-1, 4)
    return {tuple(np.round(r, 3)) for r in xy}


def expected_segments(window, link_ids) -> set[tuple[float, ...]]:
    segments = window.map_view.layout.segments(list(link_ids))
    return {tuple(np.round(r, 3)) for r in segments.reshape(-1, 4)}


# Around Førde and the bent route of L1, away from Bergen and Ålesund.
AROUND_FORDE = [(5.3, 61.2), (6.4, 61.2), (6.4, 61.7), (5.3, 61.7)]


def test_a_drawn_polygon_fails_what_it_crosses_on_the_map_and_in_the_panels(qtbot, window_sync):
    window, session = window_sync, window_sync.session
    window.map_view.settle()
    draw_polygon(qtbot, window, AROUND_FORDE)
    assert window.workshop.hazard_tool.mode is Mode.IDLE
    (area,) = session.scenario.hazard_areas
    assert area.name == "Area 1" and len(area.rings[0]) == 5
    hits = area_hits(session.network, area)
    assert hits.sites == {"forde"} and hits.links == {"L1", "L2"}
    # the analysis, the map and the failures panel say the same
    truth = assess_diversity(session.network, session.scenario)
    assert session.report == truth and truth["forde"].status.value == "failed"
    assert drawn_failed_links(window) == expected_segments(window, {"L1", "L2"})
    entry = window.failure_panel.failed.item(0)
    assert entry.text().startswith("Hazard area Area 1") and "2 links, 1 sites" in entry.text()
    assert "Hazard area (what it crosses fails)" in window.map_view.legend.labels()
    assert "Area 1" in window.workshop.hazard_layer.items
    assert "2 links down" in window.summary_label.text()


def test_areas_are_renamed_switched_off_and_removed_and_each_step_undoes(qtbot, window_sync, monkeypatch):
    window, session = window_sync, window_sync.session
    session.add_area(HazardArea.circle("Fire", (5.85, 61.45), 5))
    panel = window.failure_panel
    item = panel.failed.item(0)
    item.setCheckState(Qt.CheckState.Unchecked)  # switch off: nothing fails
    assert not session.scenario.area("Fire").enabled and session.down_links() == frozenset()
    assert session.report == assess_diversity(session.network, session.scenario)
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText", lambda *a, **k: ("Brann", True))
    panel.rename_area("Fire")
    assert [a.name for a in session.scenario.hazard_areas] == ["Brann"]
    panel.failed.setCurrentRow(0)
    qtbot.keyClick(panel.failed, Qt.Key.Key_Delete)
    assert session.scenario.hazard_areas == ()
    for expected in (["Brann"], ["Fire"], ["Fire"]):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert [a.name for a in session.scenario.hazard_areas] == expected
    assert session.scenario.area("Fire").enabled
    assert session.down_sites() == {"forde"}


def test_a_circle_typed_in_km_and_a_radius_out_of_range(qtbot, window_sync):
    window, session = window_sync, window_sync.session
    window.map_view.settle()
    window.workshop.circle_action.trigger()
    click(qtbot, window, pixel(window, 9.12, 62.07))  # Dombås
    dialog = window.workshop.hazard_tool.dialog
    assert isinstance(dialog, RadiusDialog) and dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    for bad, says in (("0", "must be from 0.1 km to 1,000 km, not 0 km"),
                      ("10000", "not 10000 km"), ("far", "as a number of km")):
        dialog.field.setText(bad)
        assert not ok.isEnabled() and says in dialog.message.text()
    dialog.field.setText("12,5")
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    (area,) = session.scenario.hazard_areas
    assert area.is_circle and area.radius_km == 12.5 and area.center == pytest.approx((9.12, 62.07), abs=0.05)
    assert session.down_sites() == {"dombas"}
    assert session.down_links() == {"L3", "L4", "L5"}


def test_a_circle_dragged_to_its_radius(qtbot, window_sync):
    window, session = window_sync, window_sync.session
    window.map_view.settle()
    window.workshop.circle_action.trigger()
    viewport = window.map_view.viewport()
    centre, edge = pixel(window, 9.12, 62.07), pixel(window, 9.12, 62.5)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseMove(viewport, edge)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=edge)
    (area,) = session.scenario.hazard_areas
    assert area.radius_km == pytest.approx(47.9, abs=3)  # 0.43° of latitude, give or take a pixel


def test_a_self_crossing_outline_is_repaired_and_said(qtbot, window_sync):
    window, session = window_sync, window_sync.session
    window.map_view.settle()
    bow_tie = [(5.3, 61.2), (6.4, 61.7), (6.4, 61.2), (5.3, 61.7)]
    draw_polygon(qtbot, window, bow_tie)
    box = window.workshop.hazard_tool.dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "was not a simple shape" in box.text() and "repaired into 2 parts" in box.text()
    assert len(session.scenario.hazard_areas) == 1 and session.down_sites() == {"forde"}


def test_two_corners_are_not_an_area_and_drawing_goes_on(qtbot, window_sync):
    window, session = window_sync, window_sync.session
    window.map_view.settle()
    draw_polygon(qtbot, window, [(5.0, 61.0), (7.0, 62.0)])
    assert "at least three corners" in window.statusBar().currentMessage()
    assert session.scenario.hazard_areas == () and window.workshop.hazard_tool.mode is Mode.POLYGON
    click(qtbot, window, pixel(window, 7.0, 61.0))
    qtbot.mouseDClick(window.map_view.viewport(), Qt.MouseButton.LeftButton, pos=pixel(window, 7.0, 61.0))
    assert len(session.scenario.hazard_areas) == 1


def test_drawing_takes_the_clicks_and_esc_cancels(qtbot, window_sync):
    window, session = window_sync, window_sync.session
    window.map_view.settle()
    window.workshop.polygon_action.trigger()
    x, y = window.map_view.layout.midpoint("L3")
    click(qtbot, window, window.map_view.map_to_widget(x, y))  # a corner, not a link toggle
    assert session.scenario.failed_links == frozenset()
    window.map_view.setFocus()
    qtbot.keyClick(window.map_view, Qt.Key.Key_Escape)
    assert window.workshop.hazard_tool.mode is Mode.IDLE and not window.workshop.polygon_action.isChecked()
    click(qtbot, window, window.map_view.map_to_widget(x, y))
    assert session.scenario.failed_links == {"L3"}


def test_an_area_is_moved_and_reshaped_by_dragging_each_undoable(qtbot, window_sync):
    window, session = window_sync, window_sync.session
    window.map_view.settle()
    wide = [(5.3, 61.2), (7.0, 61.2), (7.0, 61.7), (5.3, 61.7)]  # its middle is not on Førde
    session.add_area(HazardArea.polygon("Storm", wide))
    x, y = window.map_view.layout.site_xy[window.map_view.layout.site_row["forde"]]
    window.map_view.centre_on(float(x) + 60_000, float(y), metres_per_pixel=400)
    window.failure_panel.failed.setCurrentRow(0)  # choose it for editing: handles appear
    layer = window.workshop.hazard_layer
    assert layer.edited == "Storm" and len(layer.handles.data) == 4
    # a click inside the area, away from its handles, still picks what is there
    qtbot.mouseClick(window.map_view.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.map_view.site_pixel("forde"))
    assert session.selection == ("forde",)
    viewport = window.map_view.viewport()
    assert len(layer.move_handle.data) == 1
    # move: drag the diamond at the middle one degree east
    middle = layer.move_point(session.scenario.area("Storm"))
    start = window.map_view.map_to_widget(*middle)
    end = window.map_view.map_to_widget(middle[0] + 53_400, middle[1])  # about 1° east at 61.5° N
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    moved = session.scenario.area("Storm")
    assert moved.rings[0][0][0] == pytest.approx(6.3, abs=0.08)
    assert "forde" not in session.down_sites()
    assert session.undo_stack.undoText() == "Move hazard area Storm"
    # reshape: drag one corner far north-east, over Ålesund
    corner = pixel(window, *moved.rings[0][2])
    target = pixel(window, 6.3, 62.4)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=corner)
    qtbot.mouseMove(viewport, target)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=target)
    assert session.scenario.area("Storm").rings[0][2] == pytest.approx((6.3, 62.4), abs=0.02)
    assert session.undo_stack.undoText() == "Reshape hazard area Storm"
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.scenario.area("Storm").rings[0][0] == wide[0]
