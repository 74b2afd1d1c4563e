"""Runs the real app in a subprocess for tests/ui/test_recovery_kill.py (not a test module).

``python tests/ui/recovery_driver.py work OUT``: start the app, make changes through
the window, wait until the recovery file holds the last of them, write what the
window shows to OUT, and SIGKILL itself.

``python tests/ui/recovery_driver.py restore OUT [SCREENSHOT]``: start the app again,
answer the restore question with Restore, and write what the window shows to OUT.

The caller sets HOME and XDG_* to a temporary folder, so nothing touches the user's.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from stamnett_gui.analysis.projection import project
from stamnett_gui.app import create_app
from stamnett_gui.io.workshop_file import workshop_to_dict


def shown(window) -> dict:
    """What the window shows now, as JSON values."""
    session = window.session
    return {
        "network": session.source,
        "workshop": workshop_to_dict(session.workshop),
        "step": session.step,
        "selection": list(session.selection),
        "measure": session.measure.value,
        "target": session.target,
        "view": session.view.to_list() if session.view else None,
        "down_links": sorted(session.down_links()),
        "modified": window.workshop.files.modified,
        "title": window.windowTitle(),
        "undo": [session.undo_stack.text(i) for i in range(session.undo_stack.count())],
    }


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def click_map(window, lon: float, lat: float, double: bool = False) -> None:
    x, y = project([lon], [lat])
    pos = window.map_view.map_to_widget(float(x[0]), float(y[0]))
    viewport = window.map_view.viewport()
    if double:
        QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
    else:
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)


def work(out: str) -> None:
    app, window = create_app([], exec_app=False)
    window.showNormal()  # a first start is maximised to the (small) offscreen screen
    window.resize(1400, 900)
    settle(app)
    view = window.map_view
    view.settle()
    # a link clicked on the map, a risk group checked in the failures panel
    x, y = view.layout.midpoint("L001")
    view.centre_on(x, y, metres_per_pixel=60)
    view.settle()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.map_to_widget(x, y))
    window.failure_panel.group_item("132 kV power line Balsfjord–Tromsø").setCheckState(Qt.CheckState.Checked)
    # a second scenario, renamed in the panel, with notes and a storm area drawn by clicks
    window.workshop.actions.add_action.trigger()
    window.workshop.panel.steps.item(1).setText("Storm Vesterålen")
    window.workshop.panel.notes.setPlainText("February 2024: two of three routes out")
    view.zoom_to_norway()
    view.settle()
    window.workshop.polygon_action.trigger()
    corners = [(14.5, 68.2), (16.9, 68.2), (16.9, 69.0), (14.5, 69.0)]
    for lon, lat in corners:
        click_map(window, lon, lat)
    click_map(window, *corners[-1], double=True)
    # a site selected, the measure and the target changed, the map moved
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.site_pixel("unn-harstad"))
    window.measure_box.setCurrentIndex(window.measure_box.findData("risk"))
    window.target_box.setValue(2)
    hx, hy = view.layout.site_xy[view.layout.site_row["unn-harstad"]]
    view.centre_on(float(hx), float(hy), metres_per_pixel=700)
    settle(app, 1.0)  # the view is kept once the map rests
    autosave = window.persistence.autosave
    assert autosave.wait(), "the recovery file was not written"
    with open(out, "w", encoding="utf-8") as stream:
        json.dump(shown(window), stream)
    os.kill(os.getpid(), signal.SIGKILL)


def restore(out: str, screenshot: str | None) -> None:
    app, window = create_app([], exec_app=False)
    window.showNormal()  # a first start is maximised to the (small) offscreen screen
    window.resize(1400, 900)
    settle(app)
    prompt = window.persistence.prompt
    assert prompt.box is not None and prompt.box.isVisible(), "no restore question"
    if screenshot:
        window.grab().save(screenshot.replace(".png", "-window.png"))
        prompt.box.grab().save(screenshot)
    prompt.restore_button.click()
    settle(app, 1.0)
    with open(out, "w", encoding="utf-8") as stream:
        json.dump(shown(window) | {"question": prompt.box.informativeText()
                                   if prompt.box is not None else ""}, stream)


if __name__ == "__main__":
    if sys.argv[1] == "work":
        work(sys.argv[2])
    else:
        restore(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
