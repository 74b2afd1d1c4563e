"""Map benchmarks: cold start to the first painted window, pan/zoom frame time, export-map.

Run: ``python benchmarks/bench_map.py [--network FILE] [--frames N]``

Each figure is printed beside a baseline measured in the same run, as a ratio:
- start: an empty pyqtgraph window in a fresh interpreter (the floor any Qt app pays);
- frame: the same view with the network layer hidden (the basemap's own cost);
- export: the same start-up floor.
Budgets (issue 2): start ≤ 2 s, frame ≤ 16 ms median, export-map ≤ 3 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_FIRST_PAINT = """
import sys, time
t0 = time.perf_counter()
from PySide6.QtCore import QEvent, QObject, QTimer
{setup}
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(f"{{time.perf_counter() - t0:.3f}}", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
watch = Painted()
target.installEventFilter(watch)
app.exec()
"""

_APP = """
from stamnett_gui.app import create_app
app, window = create_app({argv!r})
target = window.map_view.viewport()
"""

_BASELINE = """
import pyqtgraph as pg
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow(); plot = pg.PlotWidget(); window.setCentralWidget(plot); window.show()
target = plot.viewport()
"""


def _child_seconds(code: str) -> float:
    """Wall time from starting a fresh interpreter until the child reports its first paint."""
    # The app reads settings and offers a recovery file from the user's folders: a child
    # gets empty ones, so it starts as on a first start and never waits for a question.
    with tempfile.TemporaryDirectory() as user:
        env = dict(os.environ, XDG_DATA_HOME=f"{user}/data", XDG_CONFIG_HOME=f"{user}/config")
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env=env, timeout=120)
        seconds = time.perf_counter() - start
    if not out.stdout.strip():
        raise RuntimeError(f"the child painted nothing: {out.stderr}")
    return seconds


def bench_start(argv: list[str], runs: int) -> tuple[float, float]:
    app = [_child_seconds(_FIRST_PAINT.format(setup=_APP.format(argv=argv))) for _ in range(runs)]
    base = [_child_seconds(_FIRST_PAINT.format(setup=_BASELINE)) for _ in range(runs)]
    return statistics.median(app), statistics.median(base)


def bench_frames(network_path: str | None, frames: int) -> tuple[float, float]:
    from PySide6.QtWidgets import QApplication

    from stamnett_gui.io.basemap import load_basemap
    from stamnett_gui.io.loading import load_default_network, load_network
    from stamnett_gui.ui.map_view import MapView
    from stamnett_gui.ui.qt_setup import ensure_application

    ensure_application(headless=True)
    network = load_network(network_path) if network_path else load_default_network()
    view = MapView(load_basemap())
    view.resize(1280, 860)
    view.show()
    view.set_network(network)
    QApplication.processEvents()

    with_network = median_frame(view, frames, view.zoom_to_norway)
    view.network_layer.links_item.setVisible(False)
    view.network_layer.sites_item.setVisible(False)
    basemap_only = median_frame(view, frames, view.zoom_to_norway)
    return with_network, basemap_only


def median_frame(view: Any, frames: int, reset: Callable[[], None]) -> float:
    """Median time of one pan/zoom frame: labels, coastline detail, scale bar and a full repaint."""
    times = []
    for i in range(frames):
        reset()
        view.zoom(0.5 if i % 2 else 0.8)
        view.pan(0.05 * ((i % 5) - 2), 0.03)
        start = time.perf_counter()
        view.settle()
        view.viewport().repaint()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_export(argv: list[str]) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "map.png"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "stamnett_gui.cli", "export-map", *argv, "--output", str(out)],
                       check=True, capture_output=True)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--network", help="network file (default: the bundled one)")
    parser.add_argument("--frames", type=int, default=60)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    argv = [args.network] if args.network else []

    start, floor = bench_start(argv, args.runs)
    print(f"cold start to first painted window: {start * 1000:7.0f} ms  "
          f"(empty pyqtgraph window {floor * 1000:.0f} ms, ratio {start / floor:.2f}×)  budget 2000 ms")
    frame, basemap = bench_frames(args.network, args.frames)
    print(f"pan/zoom frame, median of {args.frames}: {frame * 1000:7.1f} ms  "
          f"(basemap alone {basemap * 1000:.1f} ms, ratio {frame / basemap:.2f}×)  budget 16 ms")
    export = bench_export(argv)
    print(f"stamnett export-map (1200x1500):     {export * 1000:7.0f} ms  "
          f"(start-up floor {floor * 1000:.0f} ms, ratio {export / floor:.2f}×)  budget 3000 ms")


if __name__ == "__main__":
    main()
