"""Analysis → Between all points in the real window: the count, the weakest pairs, a click on a pair."""

from __future__ import annotations

from PySide6.QtCore import Qt

from stamnett_gui.analysis.pairs import all_pairs


def test_weakest_pairs_are_listed_and_a_click_selects_both_sites(qtbot, window_sync):
    win = window_sync
    panel = win.pairs_panel
    panel.action.trigger()
    assert panel.dock.isVisible()
    with qtbot.waitSignal(panel.job.finished, timeout=30_000):
        panel.count()
    expected = all_pairs(win.session.network, target=win.session.target, top=500)
    assert panel.result == expected
    assert panel.model.rowCount() == len(expected.weakest) == expected.below_target > 0
    assert f"{expected.below_target} of {expected.pairs} pairs" in panel.headline.text()
    first = panel.model.index(0, 0)
    a, b = panel.model.item(0, 0).data(Qt.ItemDataRole.UserRole)
    routes = panel.model.item(0, 2).data(Qt.ItemDataRole.DisplayRole)
    assert routes == min(p.routes for p in expected.weakest) == expected.routes(a, b)
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.table.visualRect(first).center())
    assert win.session.selection == (a, b)
    win.session.toggle_link("L1")
    assert "another state" in panel.headline.text()
    panel.shutdown()
