"""What makes the window's work survive: autosave and recovery, settings, the question on close.

Attached by the application (``create_app``), not by every window: a window
built for a test or an export keeps nothing and asks nothing unless a test
attaches this with its own folder and settings.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QStandardPaths
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from stamnett_gui.io.atomic_files import remove_leftovers
from stamnett_gui.io.recovery import RECOVERY_FILE_NAME
from stamnett_gui.ui.autosave import Autosave
from stamnett_gui.ui.recovery_prompt import RestorePrompt
from stamnett_gui.ui.window_settings import WindowSettings

if TYPE_CHECKING:
    from stamnett_gui.ui.main_window import MainWindow


def data_folder() -> Path:
    """The user's data folder for the app (Qt's AppDataLocation: ``~/.local/share/…`` on Linux)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


class Persistence(QObject):
    """Autosave to ``folder``, the restore question, settings in ``settings``, and asking on close."""

    def __init__(self, window: MainWindow, folder: Path, settings: QSettings) -> None:
        super().__init__(window)
        self.window = window
        remove_leftovers(folder)  # temporary files of writes a kill cut short
        self.autosave = Autosave(window.session, window.workshop.files, window,
                                 folder / RECOVERY_FILE_NAME)
        self.prompt = RestorePrompt(window, self.autosave)
        self.settings = WindowSettings(window, settings)
        self.reset_action = QAction(self.tr("&Reset window and settings"), window)
        self.reset_action.setStatusTip(self.tr("Put the window, its panels and the settings back "
                                               "as on a first start"))
        self.reset_action.triggered.connect(self.settings.reset)
        view_menu = window.findChild(QMenu, "View menu")
        if isinstance(view_menu, QMenu):
            view_menu.addSeparator()
            labels = view_menu.addMenu(self.tr("&Labels"))
            labels.addActions(self.settings.density_actions.actions())
            view_menu.addAction(self.reset_action)
        window.close_guards.append(self._may_close)

    def start(self) -> bool:
        """Restore the settings and ask about the last session; True when the question is shown."""
        self.settings.restore()
        return self.prompt.ask()

    def _may_close(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; on a close, clean up."""
        if not self.window.workshop.files.confirm_discard():
            return False
        self.settings.save()
        if self.autosave.enabled:
            self.autosave.finish()
        else:  # the restore question is unanswered: the last session's file stays for next time
            self.autosave.shutdown()
        return True
