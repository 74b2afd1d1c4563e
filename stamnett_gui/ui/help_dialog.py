"""Help → Keyboard and mouse: every shortcut the window has."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

MOUSE = (
    ("Click a link", "fail it; click again to repair it"),
    ("Click a site", "select it: its independent routes and minimum cut are drawn"),
    ("Ctrl+click a second site", "the independent routes between the two sites"),
    ("Right-click a site or link", "menu: fail or repair, fail its risk groups, show paths, centre"),
    ("Drag", "pan the map"),
    ("Wheel", "zoom about the pointer"),
    ("Hover", "details of a site or a link"),
)


class HelpDialog(QDialog):
    """Lists the mouse actions and every keyboard shortcut of the window's actions."""

    def __init__(self, shortcuts: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard and mouse")
        self.resize(560, 560)
        rows = "".join(f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>"
                       for k, v in shortcuts)
        mouse = "".join(f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>"
                        for k, v in MOUSE)
        self.text = QTextBrowser()
        self.text.setHtml(f"<h3>Mouse</h3><table cellpadding='3'>{mouse}</table>"
                          f"<h3>Keyboard</h3><table cellpadding='3'>{rows}</table>"
                          "<p>Arrow keys pan the map, + and − zoom, when the map has focus.</p>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
