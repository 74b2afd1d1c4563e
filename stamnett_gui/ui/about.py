"""The About box: what the app is, and credit for every data source it ships."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from stamnett_gui import __version__
from stamnett_gui.io.resources import read_text

CREDITS = (
    "Map data: © Kartverket (CC BY 4.0) — Norway and its counties; "
    "Natural Earth (public domain) — neighbouring countries, Svalbard and Jan Mayen. "
    "Hospital sites: Eurostat GISCO / helsenorge.no. "
    "The bundled links are modelled by this project: Norsk helsenett's real routes are not public."
)


class AboutDialog(QDialog):
    """Version, purpose, credits, and the full list of bundled sources."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About stamnett-gui")
        self.resize(640, 560)
        layout = QVBoxLayout(self)
        heading = QLabel(
            f"<h2>stamnett-gui {__version__}</h2>"
            "<p>Path diversity in Norway's health network (Stamnettet): fail links, sites and "
            "shared-risk corridors, and see which hospitals lose their independent routes.</p>"
        )
        heading.setWordWrap(True)
        self.credits = QLabel(CREDITS)
        self.credits.setWordWrap(True)
        self.sources = QTextBrowser()
        self.sources.setOpenExternalLinks(True)
        self.sources.setMarkdown(read_text("SOURCES.md"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(heading)
        layout.addWidget(self.credits)
        layout.addWidget(QLabel("<b>Bundled data and licences</b>"))
        layout.addWidget(self.sources, 1)
        layout.addWidget(buttons)
