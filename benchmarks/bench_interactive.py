"""Interactive failures: click on a link to the repainted highlight; pan/zoom with paths; memory.

Run: ``python benchmarks/bench_interactive.py [--sizes 5000] [--clicks 30]``

Each click is a real mouse event on the pixel where a link is drawn, in the real
window (offscreen), with the analysis run in the GUI thread (the runner's
synchronous mode) so the time covers the whole path: hit test, scenario, engine,
highlight, repaint. The baseline is the obvious way: a full ``assess_diversity``
and every site's brush set again, then the same repaint.
Budgets (issues 4 and 8): click ≤ 50 ms median (bundled), ≤ 150 ms (5,000 sites), also with a
site selected (its routes and cut recomputed);
pan/zoom frame with paths shown ≤ 16 ms median at 5,000 sites; ≤ 400 MB resident.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyqtgraph as pg
from bench_map import median_frame
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from synthetic import synthetic_network

from stamnett_gui.analysis import assess_diversity
from stamnett_gui.domain import Network, Status
from stamnett_gui.io.loading import load_default_network
from stamnett_gui.ui import styles
from stamnett_gui.ui.main_window import MainWindow
from stamnett_gui.ui.qt_setup import ensure_application
from stamnett_gui.ui.session import Session


def resident_mb() -> float:
    """Resident memory of this process now, in MB (Linux)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def open_window(network: Network) -> MainWindow:
    session = Session(network, synchronous=True)
    window = MainWindow(session)
    window.resize(1440, 920)
    window.show()
    QApplication.processEvents()
    window.map_view.zoom_to_sites()
    window.map_view.settle()
    QApplication.processEvents()
    return window


def clickable_links(window: MainWindow, count: int, seed: int = 7) -> list[str]:
    """Links whose midpoint pixel really picks them (not hidden under a site or another link)."""
    view = window.map_view
    layout = view.layout
    assert layout is not None
    ids = list(layout.link_ids)
    random.Random(seed).shuffle(ids)
    chosen = []
    for link_id in ids:
        x, y = layout.midpoint(link_id)
        pixel = view.map_to_widget(x, y)
        if not view.viewport().rect().contains(pixel):
            continue
        here = view.widget_to_map(pixel)
        if view.item_at(here.x(), here.y()) == ("link", link_id):
            chosen.append(link_id)
        if len(chosen) == count:
            break
    return chosen


def time_clicks(window: MainWindow, links: list[str]) -> list[float]:
    view = window.map_view
    layout = view.layout
    assert layout is not None
    times = []
    for link_id in links:
        pixel = view.map_to_widget(*layout.midpoint(link_id))
        start = time.perf_counter()
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pixel)
        view.viewport().repaint()
        times.append(time.perf_counter() - start)
        window.session.undo_stack.undo()  # back to intact, not timed
    return times


def time_naive(window: MainWindow, links: list[str]) -> list[float]:
    """The obvious way: recompute every site from scratch and restyle every point."""
    session, view = window.session, window.map_view
    times = []
    for link_id in links:
        start = time.perf_counter()
        scenario = session.scenario.toggle_link(link_id)
        report = assess_diversity(session.network, scenario, target=session.target, measure=session.measure)
        brushes = [pg.mkBrush(styles.STATUS_STYLE[s.status if s.status else Status.COMPLIANT][0])
                   for s in report.sites]
        view.network_layer.sites_item.setBrush(brushes)
        view.viewport().repaint()
        times.append(time.perf_counter() - start)
    return times


def time_frames(window: MainWindow, frames: int) -> float:
    return median_frame(window.map_view, frames, window.map_view.zoom_to_sites)


def run(label: str, network: Network, clicks: int, frames: int) -> None:
    before = resident_mb()
    window = open_window(network)
    loaded = resident_mb()
    links = clickable_links(window, clicks)
    ours = statistics.median(time_clicks(window, links))
    naive = statistics.median(time_naive(window, links))
    print(f"{label}: {len(network.sites)} sites, {len(network.links)} links, {len(links)} clicks")
    print(f"  click to repainted highlight, median: {ours * 1000:7.1f} ms   "
          f"(full recompute + restyle {naive * 1000:.1f} ms, {naive / ours:.1f}x faster)")
    busiest = max(network.sites, key=lambda s: len(network.links_of(s.id))).id
    window.session.select_sites((busiest,))
    QApplication.processEvents()
    selected = statistics.median(time_clicks(window, links))
    print(f"  ... with a site selected:            {selected * 1000:7.1f} ms   "
          f"(its routes and minimum cut recomputed and redrawn on every click)")
    with_paths = time_frames(window, frames)
    window.session.select_sites(())
    without = time_frames(window, frames)
    print(f"  pan/zoom frame with paths shown:     {with_paths * 1000:7.1f} ms   "
          f"(no selection {without * 1000:.1f} ms, ratio {with_paths / without:.2f}x)")
    print(f"  resident memory: {loaded:.0f} MB with the window open ({loaded - before:+.0f} MB for it)")
    window.close()
    window.deleteLater()
    QApplication.processEvents()


def time_open_to_painted(network: Network, runs: int = 3) -> dict[str, float]:
    """Open a network file in the real window until its map is painted (issue 5's budgets)."""
    import tempfile

    from stamnett_gui.io.saving import save_network

    window = open_window(load_default_network())
    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for suffix in ("geojson", "graphml"):
            path = Path(tmp) / f"net.{suffix}"
            save_network(network, path)
            samples = []
            for _ in range(runs):
                start = time.perf_counter()
                window.open_path(path)
                QApplication.processEvents()
                window.map_view.settle()
                window.map_view.viewport().repaint()
                samples.append(time.perf_counter() - start)
                assert window.session.network.name == network.name
            times[suffix] = statistics.median(samples)
    window.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[5000])
    parser.add_argument("--clicks", type=int, default=30)
    parser.add_argument("--frames", type=int, default=40)
    args = parser.parse_args()
    ensure_application(headless=True)
    run("bundled network", load_default_network(), args.clicks, args.frames)
    for n in args.sizes:
        network = synthetic_network(n)
        run(f"synthetic network of {n} sites", network, args.clicks, args.frames)
        opened = time_open_to_painted(network)
        print(f"  File → Open to a painted map: GeoJSON {opened['geojson'] * 1000:.0f} ms (budget 1000 ms), "
              f"GraphML {opened['graphml'] * 1000:.0f} ms (budget 2000 ms), analysis included")


if __name__ == "__main__":
    main()
