"""Exports: the evidence pack and vector map exports, beside a PNG grab of the window's map.

Run: ``python benchmarks/bench_export.py [--runs 3]``

Everything runs in one process, offscreen, on the bundled network. The peer is the obvious
alternative: a PNG grab of an offscreen map of the same size (what File → Export map image
did before), which has no caption, no vectors and no second map.
Budgets (issue 11): evidence pack of the February 2024 storm ≤ 5 s; of a 5-scenario workshop
≤ 15 s; an A3 vector PDF map ≤ 3 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from stamnett_gui.domain import FailureScenario, Measure
from stamnett_gui.io.loading import load_default_network
from stamnett_gui.io.resources import EXAMPLE_WORKSHOP, read_text
from stamnett_gui.io.workshop_file import read_workshop_text
from stamnett_gui.ui.evidence_pack import EvidencePack, PackSection, export_evidence_pack
from stamnett_gui.ui.export import PageSize, export_map
from stamnett_gui.ui.export_view import MapContent, assess, build_map_view
from stamnett_gui.ui.qt_setup import ensure_application

STORM_GROUPS = frozenset({"Vesterålen fibre cable Harstad–Sortland–Stokmarknes",
                          "60 kV power line Harstad–Sortland–Stokmarknes–Svolvær"})


def timed(job: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        QApplication.processEvents()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def png_grab(content: MapContent, page: PageSize, out: Path) -> None:
    """The old export: grab the offscreen map widget at the page's size and save a PNG."""
    report = assess(content)
    view = build_map_view(content, report, round(page.width), round(page.height))
    try:
        if not view.grab().save(str(out), "PNG"):
            raise OSError(out)
    finally:
        view.deleteLater()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ensure_application(headless=True)
    network = load_default_network()
    storm = FailureScenario(failed_groups=STORM_GROUPS)
    tmp = Path(tempfile.mkdtemp())
    a3 = PageSize.paper("A3", landscape=True)
    a4 = PageSize.paper("A4")

    content = MapContent(network, storm, frame="affected")
    timed(lambda: export_map(tmp / "warm.pdf", content, a4), 1)  # fonts, basemap paths, engine
    pdf = timed(lambda: export_map(tmp / "map.pdf", content, a3), args.runs)
    svg = timed(lambda: export_map(tmp / "map.svg", content, a3), args.runs)
    png = timed(lambda: export_map(tmp / "map.png", content, a3), args.runs)
    grab = timed(lambda: png_grab(content, a3, tmp / "grab.png"), args.runs)
    print(f"A3 map, vector PDF with caption:   {pdf * 1000:7.0f} ms  (PNG grab {grab * 1000:.0f} ms, "
          f"ratio {pdf / grab:.2f}×)  budget 3000 ms  [{(tmp / 'map.pdf').stat().st_size // 1024} KB]")
    print(f"A3 map, vector SVG with caption:   {svg * 1000:7.0f} ms  (ratio {svg / grab:.2f}×)  "
          f"[{(tmp / 'map.svg').stat().st_size // 1024} KB]")
    print(f"A3 map, PNG 150 dpi with caption:  {png * 1000:7.0f} ms  (ratio {png / grab:.2f}×)")

    pack = EvidencePack(network, (PackSection("Storm in Nord-Norge, February 2024", storm),))
    storm_pack = timed(lambda: export_evidence_pack(tmp / "storm.pdf", pack), args.runs)
    grab_a4 = timed(lambda: png_grab(content, a4, tmp / "grab4.png"), args.runs)
    print(f"evidence pack, February 2024 storm: {storm_pack * 1000:6.0f} ms  (PNG grab of one A4 map "
          f"{grab_a4 * 1000:.0f} ms, ratio {storm_pack / grab_a4:.2f}×)  budget 5000 ms  "
          f"[{(tmp / 'storm.pdf').stat().st_size // 1024} KB]")

    workshop = read_workshop_text(read_text(EXAMPLE_WORKSHOP), network).workshop
    sections = []
    for named in workshop.scenarios[:5]:
        view = named.view
        frame = (view.west, view.south, view.east, view.north) if view else "affected"
        sections.append(PackSection(named.title, named.scenario, named.notes,
                                    Measure(named.measure or "edge"), named.target, frame))
    five = EvidencePack(network, tuple(sections), workshop.title)
    workshop_pack = timed(lambda: export_evidence_pack(tmp / "workshop.pdf", five), args.runs)
    print(f"evidence pack, 5-scenario workshop: {workshop_pack * 1000:6.0f} ms  (5 PNG grabs "
          f"{5 * grab_a4 * 1000:.0f} ms, ratio {workshop_pack / (5 * grab_a4):.2f}×)  budget 15000 ms  "
          f"[{(tmp / 'workshop.pdf').stat().st_size // 1024} KB]")


if __name__ == "__main__":
    sys.exit(main())
