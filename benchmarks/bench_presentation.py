"""Presentation mode: Page Down to the next scenario, to a repainted map, on the bundled network.

Run: ``python benchmarks/bench_presentation.py [--rounds 3]``

The real window (offscreen) at 1920×1080 in presentation mode, the analysis run
in the GUI thread (the runner's synchronous mode) so the time covers the whole
path: the key press, the step's scenario, measure and view, the engine, every
layer, the title and summary over the map, pending label placement, the repaint.
The scenarios are the bundled real events (the example workshop). Beside it,
the obvious alternative: opening the network again (``Session.set_network``) to
a repainted map, and a build-out year to the next one (Page Down with the
timeline on). Budget (issue 11): next scenario ≤ 200 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from stamnett_gui.io.loading import load_default_network
from stamnett_gui.ui.main_window import MainWindow
from stamnett_gui.ui.qt_setup import ensure_application
from stamnett_gui.ui.session import Session

#: An offscreen screen of a projector's size: presentation mode fills the screen it is on.
SCREEN = {"screens": [{"name": "projector", "x": 0, "y": 0, "width": 1920, "height": 1080,
                       "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}


def repainted(window: MainWindow, action: Callable[[], object]) -> float:
    """Seconds from ``action`` to the map painted (deferred label placement included)."""
    start = time.perf_counter()
    action()
    QApplication.processEvents()  # the relabel timer (0 ms) and the overlay's placing
    window.map_view.viewport().repaint()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="passes through every scenario")
    args = parser.parse_args()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as config:
        json.dump(SCREEN, config)
    # read when the application starts, not when Qt is imported
    os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={config.name}")
    ensure_application()
    network = load_default_network()
    window = MainWindow(Session(network, synchronous=True))
    window.resize(1920, 1080)
    window.show()
    window.activateWindow()  # the keys are the window's shortcuts: it must be the active one
    QApplication.processEvents()
    presentation, session, view = window.presentation, window.session, window.map_view
    presentation.set_active(True)
    presentation.step(1)  # the bundled real events
    QApplication.processEvents()
    box = window.workshop.files.message_box
    if box is not None and box.isVisible():  # opened with a note (a rebuilt network): not timed
        print(f"note: {box.informativeText()}")
        box.close()
        window.activateWindow()  # a desktop does this itself; the offscreen platform does not
        QApplication.processEvents()
    steps = len(session.workshop)
    if steps < 2:
        raise SystemExit("the bundled real events did not open: nothing to step through")

    def page_down() -> None:
        QTest.keyClick(view, Qt.Key.Key_PageDown)

    forward: list[float] = []
    for _ in range(args.rounds):
        session.go_to_step(0)
        QApplication.processEvents()
        for _ in range(steps - 1):
            forward.append(repainted(window, page_down))
    assert session.step == steps - 1

    reopen = [repainted(window, lambda: session.set_network(network)) for _ in range(args.rounds * 2)]

    years: list[float] = []
    timeline = window.timeline
    for _ in range(args.rounds):
        timeline.set_year(timeline.years[0])
        QApplication.processEvents()
        for _ in range(len(timeline.years) - 1):
            years.append(repainted(window, page_down))
    size = window.size()
    presentation.set_active(False)
    os.unlink(config.name)

    ours, theirs, year = (statistics.median(t) * 1000 for t in (forward, reopen, years))
    print(f"Bundled network ({len(network.sites)} sites, {len(network.links)} links), "
          f"{steps} scenarios, presentation mode at {size.width()}×{size.height()}")
    print(f"  Page Down to the next scenario, repainted, median: {ours:7.1f} ms "
          f"(max {max(forward) * 1000:.1f} ms, {len(forward)} steps)   budget 200 ms")
    print(f"  opening the network again, repainted, median:    {theirs:7.1f} ms   "
          f"ratio {ours / theirs:.2f}")
    print(f"  Page Down to the next build-out year, median:    {year:7.1f} ms "
          f"({len(years)} steps)")


if __name__ == "__main__":
    main()
