"""The validation report: what reading a file changed, and what is wrong with the network.

One table row per finding, from the reader (:class:`~stamnett_gui.io.errors.Finding`)
or from :func:`~stamnett_gui.analysis.validation.validate_network`: its severity,
where it is, the problem, and what the app did about it. Double-clicking a row
that names sites or links asks (by signal) for its first site to be shown.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stamnett_gui.analysis.validation import ValidationFinding
from stamnett_gui.domain import Network
from stamnett_gui.io.errors import Finding

#: Words by which a reader says what it did (left a link out, placed a site...).
_ACTION = re.compile(
    r"\b(left out|renamed|is named|placed at|(is|are|were|was) read as|read as junction|"
    r"kept as|treated as missing|ignored|(were|was) matched|(were|was) taken as|were given|"
    r"were made from|is read as|are read)\b"
)
NOTHING_CHANGED = "—"


@dataclass(frozen=True)
class ReportRow:
    """One finding as the report shows it.

    Attributes
    ----------
    severity
        ``"error"`` or ``"warning"``.
    where
        The feature, line or part of the network.
    problem
        What is wrong, and how to fix it.
    action
        What the app did about it (``"—"``: nothing, the network is as the file says).
    sites
        Ids of the sites concerned, the first one to show on the map.

    """

    severity: str
    where: str
    problem: str
    action: str
    sites: tuple[str, ...] = ()


def _clauses(message: str) -> list[str]:
    """``message`` split at ``"; "`` outside parentheses."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(message):
        depth += (char == "(") - (char == ")")
        if depth == 0 and message.startswith("; ", i):
            parts.append(message[start:i])
            start = i + 2
    parts.append(message[start:])
    return [p.strip() for p in parts if p.strip()]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def split_action(message: str) -> tuple[str, str]:
    """``(problem, what the app did)`` from a reader's message.

    >>> split_action("has no coordinates; placed at the mean of its neighbour 'A'")
    ('Has no coordinates', "Placed at the mean of its neighbour 'A'")
    >>> split_action("the graph is directed; its edges are read as undirected links")
    ('The graph is directed', 'Its edges are read as undirected links')
    >>> split_action("Country says Norway, but the position lies outside; check it")
    ('Country says Norway, but the position lies outside; check it', '—')
    """
    clauses = _clauses(message)
    done = [c for c in clauses if _ACTION.search(c)]
    told = [c for c in clauses if not _ACTION.search(c)]
    if not done:
        return _sentence(message), NOTHING_CHANGED
    if not told:  # one sentence both says what was wrong and what was done
        return _sentence(message), QCoreApplication.translate("ValidationReportDialog", "As described")
    return _sentence("; ".join(told)), _sentence("; ".join(done))


def _first_sites(network: Network | None, sites: Sequence[str], links: Sequence[str]) -> tuple[str, ...]:
    """The sites a finding names, then the known ends of the links it names."""
    if network is None:
        return tuple(sites)
    known = network.sites_by_id
    found = [s for s in sites if s in known]
    for link_id in links:
        link = network.links_by_id.get(link_id)
        if link is not None:
            found += [end for end in link.ends if end in known]
    return tuple(dict.fromkeys(found))


def report_rows(
    read: Iterable[Finding], checked: Iterable[ValidationFinding], network: Network | None = None
) -> list[ReportRow]:
    """The rows of the report: the reader's findings, then validation's; errors first."""
    rows = [ReportRow(f.severity.value, f.where, *split_action(f.message)) for f in read]
    rows += [ReportRow(f.severity.value, f.where, _sentence(f.message), NOTHING_CHANGED,
                       _first_sites(network, f.sites, f.links)) for f in checked]
    return sorted(rows, key=lambda row: row.severity != "error")


def report_text(rows: Sequence[ReportRow]) -> str:
    """The report as tab-separated text (to paste into a spreadsheet or a mail)."""
    lines = ["\t".join(QCoreApplication.translate("ValidationReportDialog", title)
                       for title in ValidationReportDialog.COLUMNS)]
    lines += [f"{r.severity}\t{r.where}\t{r.problem}\t{r.action}" for r in rows]
    return "\n".join(lines)


class ValidationReportDialog(QDialog):
    """A table of findings about ``network``; non-modal, so the map stays usable beside it.

    Connect :meth:`close_unless_open` to the session's ``network_changed``: a report
    about a network that is no longer open closes.

    Signals
    -------
    site_chosen(str)
        The planner double-clicked a finding that names sites: the id of its first site.
    """

    site_chosen = Signal(str)
    #: Column titles, marked for translation and translated where they are shown.
    COLUMNS: tuple[str, ...] = (  # type: ignore[assignment]  # QT_TRANSLATE_NOOP is typed as object
        QT_TRANSLATE_NOOP("ValidationReportDialog", "Severity"),
        QT_TRANSLATE_NOOP("ValidationReportDialog", "Where"),
        QT_TRANSLATE_NOOP("ValidationReportDialog", "Problem"),
        QT_TRANSLATE_NOOP("ValidationReportDialog", "What the app did"),
    )

    def __init__(self, network: Network, rows: Sequence[ReportRow], summary: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.network = network
        self.rows = list(rows)
        self.setWindowTitle(self.tr("Validation report"))
        self.resize(1040, 520)
        errors = sum(r.severity == "error" for r in self.rows)
        warnings = len(self.rows) - errors
        found = [text.format(n) for n, text in (
            (errors, self.tr("{0} error") if errors == 1 else self.tr("{0} errors")),
            (warnings, self.tr("{0} warning") if warnings == 1 else self.tr("{0} warnings"))) if n]
        counts = (self.tr("{0} and {1}").format(*found) if len(found) == 2
                  else found[0] if found else self.tr("No problems found"))
        if any(r.sites for r in self.rows):
            counts = self.tr("{0}. Double-click a finding to show its site on the map.").format(counts)
        self.summary = QLabel(f"<b>{html.escape(summary)}</b><br>{counts}")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.table = self._build_table()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy report"))
        self.copy_button.setToolTip(self.tr("Copy every finding as tab-separated text"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self._copy)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.table.cellActivated.connect(self._on_cell_activated)

    def _build_table(self) -> QTableWidget:
        table = QTableWidget(len(self.rows), len(self.COLUMNS))
        table.setHorizontalHeaderLabels([QCoreApplication.translate("ValidationReportDialog", title)
                                         for title in self.COLUMNS])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(True)
        table.setAlternatingRowColors(True)
        style = self.style()
        icons = {"error": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                 "warning": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)}
        severities = {"error": self.tr("Error"), "warning": self.tr("Warning")}
        muted = QBrush(QColor("#6b6b6b"))
        bold = QFont(table.font())
        bold.setBold(True)
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter  # once: Qt flags are slow to or
        for row, finding in enumerate(self.rows):
            severity = QTableWidgetItem(icons[finding.severity], severities[finding.severity])
            if finding.severity == "error":
                severity.setFont(bold)
            cells = (severity, QTableWidgetItem(finding.where), QTableWidgetItem(finding.problem),
                     QTableWidgetItem(finding.action))
            if finding.action == NOTHING_CHANGED:
                cells[3].setForeground(muted)
                cells[3].setToolTip(self.tr("Nothing was changed: the network is as the file has it"))
            for column, item in enumerate(cells):
                item.setTextAlignment(align)
                if finding.sites and column != 3:
                    item.setToolTip(self.tr("Double-click to show it on the map"))
                table.setItem(row, column, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(1, 210)
        table.setColumnWidth(3, 340)
        # rows as tall as their wrapped text, at whatever width the columns get
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.setCurrentIndex(QModelIndex())  # no focus frame on the first cell until asked
        return table

    def close_unless_open(self, network: Network) -> None:
        """Close when ``network`` (the one now open) is not the network reported on."""
        if network is not self.network:
            self.close()

    def _on_cell_activated(self, row: int, _column: int) -> None:
        if self.rows[row].sites:
            self.site_chosen.emit(self.rows[row].sites[0])

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(report_text(self.rows))
