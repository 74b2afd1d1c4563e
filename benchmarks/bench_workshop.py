"""Workshops: saving a scenario, the GUI thread while autosaving, drawing a hazard area.

Run: ``python benchmarks/bench_workshop.py [--sizes 5000] [--runs 20]``

- **Saving a scenario** through the window (File → Save: the network's hash, the
  JSON, an atomic write with ``fsync``), against the obvious way: ``json.dump``
  straight into the file (not atomic, not synced, no network hash).
- **The longest GUI-thread stall during 100 fast changes** (notes typed into the
  workshop panel, one keystroke every 5 ms) with autosave writing after *every*
  change (no debounce: the worst case), measured by a 1 ms heartbeat timer; against
  no autosave, and against the obvious way: writing the recovery file in the change
  handler on the GUI thread.
- **Drawing and applying a hazard area**: the real window, analysis in the GUI
  thread; the corners are clicked, then the time from the closing double-click to
  the repainted highlight; against the obvious way: every link's route tested
  against the area one by one with shapely, a full ``assess_diversity``, every
  site restyled, the same repaint.

Budgets (issue 9): save ≤ 50 ms; stall ≤ 16 ms; area ≤ 100 ms (bundled), ≤ 300 ms (5,000 sites).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyqtgraph as pg
import shapely
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from synthetic import synthetic_network

from stamnett_gui.analysis import assess_diversity
from stamnett_gui.analysis.map_geometry import route_of
from stamnett_gui.analysis.projection import project
from stamnett_gui.domain import FailureScenario, HazardArea, Network, Status
from stamnett_gui.domain.workshop import NetworkRef
from stamnett_gui.io.loading import load_default_network
from stamnett_gui.io.recovery import RECOVERY_FILE_NAME, NetworkSource, RecoveryState, write_recovery
from stamnett_gui.ui import styles
from stamnett_gui.ui.autosave import Autosave
from stamnett_gui.ui.main_window import MainWindow
from stamnett_gui.ui.qt_setup import ensure_application
from stamnett_gui.ui.session import Session
from stamnett_gui.ui.workshop_files import Kind


def open_window(network: Network, synchronous: bool) -> MainWindow:
    window = MainWindow(Session(network, synchronous=synchronous))
    window.resize(1440, 920)
    window.show()
    QApplication.processEvents()
    window.map_view.zoom_to_sites()
    window.map_view.settle()
    QApplication.processEvents()
    return window


def storm(network: Network) -> FailureScenario:
    """A scenario a workshop would save: a few failures and two areas."""
    links = sorted(lk.id for lk in network.links)[:5]
    site = network.sites[len(network.sites) // 2]
    return FailureScenario(failed_links=frozenset(links)).add_area(
        HazardArea.circle("Storm", (site.lon, site.lat), 40)).add_area(
        HazardArea.polygon("Flood", [(site.lon - 0.5, site.lat - 0.2), (site.lon + 0.5, site.lat - 0.2),
                                     (site.lon, site.lat + 0.3)]))


# -- saving --------------------------------------------------------------------------------------
def time_save(window: MainWindow, runs: int) -> tuple[float, float, float]:
    """``(first save, median save, median json.dump)``: the first hashes the network."""
    session, files = window.session, window.workshop.files
    session.set_scenario(storm(session.network), "storm")
    with tempfile.TemporaryDirectory() as folder:
        ours, plain = [], []
        for i in range(runs):
            path = Path(folder) / f"storm-{i % 3}.json"
            start = time.perf_counter()
            assert files.save_to(path, Kind.SCENARIO)
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            with open(Path(folder) / "plain.json", "w", encoding="utf-8") as stream:
                json.dump({"title": session.current.title, **session.scenario.to_dict()}, stream)
            plain.append(time.perf_counter() - start)
    return ours[0], statistics.median(ours), statistics.median(plain)


# -- the GUI thread while autosaving ------------------------------------------------------------
def longest_stall(window: MainWindow, changes: int, mode: str, folder: Path) -> float:
    """The longest gap between 1 ms heartbeats while ``changes`` keystrokes go into the notes."""
    session = window.session
    # written after every change (no debounce): the worst case
    autosave = Autosave(session, window.workshop.files, window, folder / RECOVERY_FILE_NAME, delay_ms=0)
    if mode == "worker":
        autosave.start()
    recovery = folder / "gui-thread-recovery.json"

    def write_on_gui_thread(_fields: object) -> None:
        write_recovery(recovery, RecoveryState(NetworkSource((), NetworkRef.of(session.network).hash),
                                               session.workshop, session.step))
    if mode == "gui":
        session.state_changed.connect(write_on_gui_thread)
    ticks: list[float] = []
    heartbeat = QTimer(interval=1)
    heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    typed = 0

    def type_one() -> None:
        nonlocal typed
        window.workshop.panel.notes.insertPlainText("x")
        typed += 1
        if typed < changes:
            QTimer.singleShot(5, type_one)

    heartbeat.start()
    QTimer.singleShot(5, type_one)
    end = time.perf_counter() + 30
    while typed < changes and time.perf_counter() < end:
        QApplication.processEvents()
        time.sleep(0.0002)
    autosave.wait()
    heartbeat.stop()
    if mode == "gui":
        session.state_changed.disconnect(write_on_gui_thread)
    autosave.shutdown()
    window.workshop.panel.notes.clear()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    return max(gaps) if gaps else float("nan")


# -- hazard areas ---------------------------------------------------------------------------------
def square_around(window: MainWindow, rng: random.Random, half_km: float) -> list[tuple[float, float]]:
    layout = window.map_view.layout
    assert layout is not None
    x, y = layout.site_xy[rng.randrange(len(layout.site_ids))]
    corners = [(x - half_km * 1000, y - half_km * 1000), (x + half_km * 1000, y - half_km * 1000),
               (x + half_km * 1000, y + half_km * 1000), (x - half_km * 1000, y + half_km * 1000)]
    return [(float(cx), float(cy)) for cx, cy in corners]


def time_areas(window: MainWindow, runs: int, half_km: float) -> list[float]:
    view, session, rng = window.map_view, window.session, random.Random(3)
    times = []
    for _ in range(runs):
        pixels = [view.map_to_widget(x, y) for x, y in square_around(window, rng, half_km)]
        window.workshop.polygon_action.trigger()
        for pixel in pixels:
            QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             pixel)
        start = time.perf_counter()
        QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                          pixels[-1])
        view.viewport().repaint()
        times.append(time.perf_counter() - start)
        assert session.scenario.hazard_areas, "the area was not made"
        session.undo_stack.undo()
    return times


def time_areas_naive(window: MainWindow, runs: int, half_km: float) -> list[float]:
    """The obvious way: every route tested one by one, a full recompute, every site restyled."""
    view, session, rng = window.map_view, window.session, random.Random(3)
    network = session.network
    times = []
    for _ in range(runs):
        corners = square_around(window, rng, half_km)
        start = time.perf_counter()
        area = shapely.Polygon(corners)
        down_links = set()
        for link in network.links:
            x, y = project(*zip(*route_of(network, link), strict=True))
            if area.intersects(shapely.LineString(list(zip(x, y, strict=True)))):
                down_links.add(link.id)
        sx, sy = project([s.lon for s in network.sites], [s.lat for s in network.sites])
        down_sites = {s.id for s, px, py in zip(network.sites, sx, sy, strict=True)
                      if area.intersects(shapely.Point(px, py))}
        scenario = FailureScenario(frozenset(down_links), frozenset(down_sites))
        report = assess_diversity(network, scenario, target=session.target, measure=session.measure)
        brushes = [pg.mkBrush(styles.STATUS_STYLE[s.status if s.status else Status.COMPLIANT][0])
                   for s in report.sites]
        view.network_layer.sites_item.setBrush(brushes)
        view.highlight.show_failed_links(down_links)
        view.viewport().repaint()
        times.append(time.perf_counter() - start)
    return times


def run(label: str, network: Network, runs: int, budget_ms: float) -> None:
    print(f"{label}: {len(network.sites)} sites, {len(network.links)} links")
    window = open_window(network, synchronous=True)
    first, ours, plain = time_save(window, runs)
    print(f"  save a scenario (File → Save), median:      {ours * 1000:7.1f} ms   "
          f"(json.dump, not atomic, no hash: {plain * 1000:.2f} ms; {ours / plain:.0f}x slower; "
          "budget 50 ms)")
    print(f"  ... the first save of a network, hash cold: {first * 1000:7.1f} ms   "
          "(in the app the first autosave has hashed it on its worker by then)")
    window.session.repair_all()
    areas = statistics.median(time_areas(window, runs, 60))
    naive = statistics.median(time_areas_naive(window, runs, 60))
    print(f"  draw a 120 km area to repainted highlight: {areas * 1000:7.1f} ms   "
          f"(route by route + full recompute {naive * 1000:.1f} ms, {naive / areas:.1f}x faster; "
          f"budget {budget_ms:.0f} ms)")
    window.close()
    async_window = open_window(network, synchronous=False)
    with tempfile.TemporaryDirectory() as folder:
        # the median of three runs: the machine's other work shows up as stalls too
        stalls = {mode: statistics.median(longest_stall(async_window, 100, mode, Path(folder) / f"{mode}{i}")
                                          for i in range(3))
                  for mode in ("off", "worker", "gui")}
    print(f"  longest GUI-thread stall, 100 changes:      {stalls['worker'] * 1000:7.1f} ms   "
          f"(autosave off {stalls['off'] * 1000:.1f} ms; writing on the GUI thread "
          f"{stalls['gui'] * 1000:.1f} ms, {stalls['gui'] / stalls['worker']:.1f}x; budget 16 ms)")
    async_window.close()
    QApplication.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[5000])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    ensure_application(headless=True)
    run("bundled network", load_default_network(), args.runs, 100)
    for n in args.sizes:
        run(f"synthetic network of {n} sites", synthetic_network(n), args.runs, 300)


if __name__ == "__main__":
    main()
