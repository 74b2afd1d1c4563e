"""Getting a QApplication, on a desktop or on a machine with no screen."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from stamnett_gui.io.resources import resource

APP_ID = "no.stamnett.StamnettGui"


def _has_screen() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def ensure_application(argv: Sequence[str] | None = None, *, headless: bool = False) -> QApplication:
    """The running QApplication, created if there is none.

    With ``headless`` (or no screen on Linux) Qt's offscreen platform is used, so
    exports work on servers and in CI.
    """
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    if (headless or not _has_screen()) and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    pg.setConfigOptions(antialias=True, background=None, foreground="k")
    app = QApplication(list(argv) if argv is not None else [sys.argv[0]])
    app.setApplicationName("stamnett-gui")
    app.setOrganizationName("stamnett-gui")
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(QIcon(str(resource("icons/stamnett-gui.svg"))))
    return app
