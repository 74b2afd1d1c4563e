"""Where the Analysis menu's panels live: a dock tabbed with Details, and an entry in the menu."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QMainWindow, QMenu, QTableView, QWidget

#: The object name of the Analysis menu, so each panel finds the one the first one made.
ANALYSIS_MENU = "Analysis menu"


def analysis_menu(window: QMainWindow) -> QMenu:
    """The window's Analysis menu, made (before Help) the first time it is asked for."""
    menu = window.findChild(QMenu, ANALYSIS_MENU)
    if menu is not None:
        return menu
    menu = QMenu(QCoreApplication.translate("MainWindow", "&Analysis"), window)
    menu.setObjectName(ANALYSIS_MENU)
    menus = window.menuBar().actions()
    if menus:  # before Help
        window.menuBar().insertMenu(menus[-1], menu)
    else:
        window.menuBar().addMenu(menu)
    return menu


def add_analysis_dock(window: QMainWindow, panel: QWidget, title: str, name: str, entry: str,
                      tip: str, shortcut: str | None = None) -> tuple[QDockWidget, QAction]:
    """Put ``panel`` in a hidden dock tabbed with Details, and ``entry`` in the Analysis menu to show it.

    ``title``, ``entry`` and ``tip`` are already translated; ``name`` is the dock's object name
    (the window's saved layout refers to it).
    """
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    details = window.findChild(QDockWidget, "Details")
    if details is not None:
        window.tabifyDockWidget(details, dock)
    dock.hide()
    action = QAction(entry, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setStatusTip(tip)

    def show() -> None:
        dock.show()
        dock.raise_()

    action.triggered.connect(show)
    window.addAction(action)
    analysis_menu(window).addAction(action)
    return dock, action


def results_table(model: QStandardItemModel, tip: str) -> QTableView:
    """A panel's table of results: sortable, read-only, whole rows selected, no row numbers."""
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setToolTip(tip)
    return table
