"""Make the README's screenshots from the real window, drawn offscreen.

``python scripts/make_screenshots.py`` writes ``docs/screenshot.png`` (the bundled
network, intact) and ``docs/screenshot-highlight.png`` (the February 2024 storm in
Vesterålen and Lofoten: two risk groups failed, one hospital selected).
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from stamnett_gui.domain import FailureScenario
from stamnett_gui.io.loading import load_default_network
from stamnett_gui.ui.main_window import MainWindow
from stamnett_gui.ui.qt_setup import ensure_application
from stamnett_gui.ui.session import Session

DOCS = Path(__file__).resolve().parents[1] / "docs"
STORM = FailureScenario(failed_groups=frozenset({
    "Vesterålen fibre cable Harstad–Sortland–Stokmarknes",
    "60 kV power line Harstad–Sortland–Stokmarknes–Svolvær",
}))


def shoot(window: MainWindow, name: str) -> None:
    QApplication.processEvents()
    window.map_view.settle()
    QApplication.processEvents()
    window.grab().save(str(DOCS / name), "PNG")
    print(f"wrote docs/{name}")


def main() -> None:
    ensure_application()
    session = Session(load_default_network(), synchronous=True)
    window = MainWindow(session)
    window.resize(1600, 1000)
    window.show()
    QApplication.processEvents()
    window.map_view.zoom_to_norway()
    shoot(window, "screenshot.png")

    session.set_scenario(STORM, "February 2024 storm")
    session.select_sites(("nlsh-stokmarknes",))
    layout = window.map_view.layout
    assert layout is not None
    x, y = layout.site_xy[layout.site_row["nlsh-stokmarknes"]]
    window.map_view.centre_on(float(x), float(y) - 40_000, metres_per_pixel=420.0)
    shoot(window, "screenshot-highlight.png")


if __name__ == "__main__":
    main()
