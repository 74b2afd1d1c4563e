"""Composes the application: the session, the window, the command line of ``stamnett-gui``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from stamnett_gui import __version__
from stamnett_gui.io.loading import load_default_network
from stamnett_gui.ui.main_window import MainWindow
from stamnett_gui.ui.persistence import Persistence, data_folder
from stamnett_gui.ui.qt_setup import ensure_application
from stamnett_gui.ui.session import Session


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="stamnett-gui",
        description="Open the map of Norway's health network. Without NETWORK, the bundled "
        "network (real hospital sites, modelled links) opens.",
    )
    parser.add_argument("network", nargs="?", metavar="NETWORK", help="network file to open")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--check-install", action="store_true",
        help="open the window, draw the map once and exit 0 (checks an installation or a bundle)",
    )
    return parser.parse_args(list(argv))


def create_app(
    argv: Sequence[str] | None = None, *, exec_app: bool = False
) -> tuple[QApplication, MainWindow] | int:
    """Build the real window (and run it when ``exec_app``).

    A network file goes through the window's import flow (mapping, core and
    validation dialogs as it needs them); one that cannot be read gives one line
    on stderr and a dialog in the window, which keeps the bundled network.

    Returns
    -------
    ``(app, window)`` when not ``exec_app``, else the application's exit code.

    """
    args = _parse(sys.argv[1:] if argv is None else argv)
    app = ensure_application()
    session = Session(load_default_network())
    window = MainWindow(session)
    persistence = Persistence(window, data_folder(), QSettings())
    window.persistence = persistence  # type: ignore[attr-defined]  # kept alive with the window
    asking = persistence.start()
    window.show()
    if args.network:
        # A file that cannot be opened is told on stderr as well as in the window.
        session.load_failed.connect(_tell_stderr)
        window.open_path(args.network)
    elif not asking:
        last = persistence.settings.last_network()
        if last and Path(last).is_file():
            window.open_path(last)
    if not exec_app:
        return app, window
    if args.check_install:
        QTimer.singleShot(0, lambda: _check_and_quit(app, window))
    return app.exec()


def _tell_stderr(summary: str, _details: str) -> None:
    print(f"stamnett-gui: {summary}", file=sys.stderr)


def _check_and_quit(app: QApplication, window: MainWindow) -> None:
    """Draw the window once; exit 0 if the map shows the network, 1 if not."""
    image = window.grab().toImage()
    layout = window.map_view.layout
    ok = not image.isNull() and layout is not None and len(layout.site_ids) > 0
    print(f"stamnett-gui: {'ok' if ok else 'FAILED'}: {len(layout.site_ids) if layout else 0} sites drawn",
          file=sys.stderr)
    window.close()  # a clean close: settings kept, this run's recovery file removed
    app.exit(0 if ok else 1)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``stamnett-gui`` and ``python -m stamnett_gui``."""
    result = create_app(argv, exec_app=True)
    assert isinstance(result, int)
    return result
