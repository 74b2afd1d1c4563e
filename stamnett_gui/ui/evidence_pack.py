"""The evidence pack: one PDF a risk report can quote, for one scenario or a whole workshop.

A cover (title, date, network name and content hash, the scenarios and their notes), then
for each scenario a page with the map before and after (vector) and the words: what
failed, the affected sites with their diversity before and after, each one's remaining
routes and minimum cut, and at the end the method, the data sources and the
modelled-data warning. Pages are numbered; the text is text (selectable, searchable),
in embedded fonts.

Built with Qt's own machinery: ``QPdfWriter`` and ``QPainter`` for the pages and the
maps (the window's own map, painted as vectors), ``QTextDocument`` to lay the words out
and break them across pages. Two steps: :func:`prepare_pack` is pure analysis (it may
run on a worker thread), :func:`render_pack` paints (GUI thread).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QPainter, QPdfWriter, QPen, QTextDocument

from stamnett_gui import __version__
from stamnett_gui.analysis import assess_diversity, explain_site
from stamnett_gui.domain import FailureScenario, Measure, Network, Status
from stamnett_gui.domain.content_hash import network_hash
from stamnett_gui.io.atomic_files import write_atomically
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.ui import styles
from stamnett_gui.ui.evidence_text import SectionResult, method_chunks, section_chunks
from stamnett_gui.ui.export import ExportError, PageSize, new_pdf_writer
from stamnett_gui.ui.export_caption import MEASURE_WORDS, modelled_warning, text_font
from stamnett_gui.ui.export_view import (
    Bbox,
    MapContent,
    build_map_view,
    frame_rect,
    mask_outside,
    paint_map,
    resolved,
)
from stamnett_gui.ui.qt_setup import ensure_application

MM = 96 / 25.4  # layout units per millimetre
MARGIN = 16 * MM
FOOTER = 8 * MM
#: Space between two pieces of text on a page.
CHUNK_GAP = 2 * MM


@dataclass(frozen=True)
class PackSection:
    """One scenario of the pack, and how to count and frame it."""

    title: str
    scenario: FailureScenario = field(default_factory=FailureScenario)
    notes: str = ""
    measure: Measure = Measure.EDGE
    target: int | None = None
    frame: str | Bbox = "affected"


@dataclass(frozen=True)
class EvidencePack:
    """What to put in the pack: a network and one or more scenarios."""

    network: Network
    sections: tuple[PackSection, ...]
    title: str = ""
    notes: str = ""
    date: datetime.date = field(default_factory=datetime.date.today)

    @property
    def heading(self) -> str:
        """The cover's title."""
        if self.title:
            return self.title
        if len(self.sections) == 1:
            return QCoreApplication.translate("EvidencePack", "Evidence: {0}").format(self.sections[0].title)
        return QCoreApplication.translate("EvidencePack", "Evidence pack — {0}").format(self.network.name)


def prepare_section(network: Network, section: PackSection) -> SectionResult:
    """The analysis behind one section: the report, the affected sites and their explanations.

    Pure computation (no Qt objects): safe on a worker thread.
    """
    target = network.target if section.target is None else section.target
    report = assess_diversity(network, section.scenario, target, section.measure)
    whole = resolved(network, section.scenario)
    down = whole.down_sites(network)
    affected = sorted((s for s in report.sites if s.lost or s.site_id in down),
                      key=lambda s: (s.status is Status.FAILED, s.diversity, s.name.casefold()))
    explanations = tuple(explain_site(network, section.scenario, s.site_id, section.measure, target)
                         for s in affected)
    return SectionResult(section.title, section.notes, section.scenario, whole, report,
                         tuple(affected), explanations)


def prepare_pack(pack: EvidencePack) -> tuple[SectionResult, ...]:
    """Every section's analysis, in order (see :func:`prepare_section`)."""
    return tuple(prepare_section(pack.network, s) for s in pack.sections)


# -- pages -----------------------------------------------------------------------------------
Page = Callable[[QPainter, QRectF], None]


class _Pages:
    """Collects page painters, then paints them all with 'Page n of N' footers."""

    def __init__(self, page: PageSize, footer: str) -> None:
        self.page = page
        self.footer = footer
        self.painters: list[Page] = []
        self.body = QRectF(MARGIN, MARGIN, page.width - 2 * MARGIN, page.height - 2 * MARGIN - FOOTER)

    def add(self, painter: Page) -> None:
        self.painters.append(painter)

    def add_text(self, chunks: Sequence[QTextDocument]) -> None:
        """Flow ``chunks`` onto new pages, each kept whole on one page when it fits.

        Qt's own page breaking would split a paragraph between pages and draw (clipped) the
        line above each page's top as well, which puts that line in the PDF's text twice.
        """
        width, height = self.body.width(), self.body.height()
        placed: list[tuple[QTextDocument, float]] = []
        y = 0.0
        for document in chunks:
            document.setTextWidth(width)
            size = document.size().height()
            if size > height:  # longer than a page (a very long table): Qt breaks it
                if placed:
                    self.add(_chunks_page(placed))
                    placed, y = [], 0.0
                document.setPageSize(QSizeF(width, height))
                for number in range(document.pageCount()):
                    self.add(_text_page(document, number))
                continue
            if y and y + size > height:
                self.add(_chunks_page(placed))
                placed, y = [], 0.0
            placed.append((document, y))
            y += size + CHUNK_GAP
        if placed:
            self.add(_chunks_page(placed))

    def paint(self, writer_painter: QPainter, new_page: Callable[[], bool]) -> None:
        total = len(self.painters)
        for number, paint in enumerate(self.painters, start=1):
            if number > 1 and not new_page():
                raise ExportError(QCoreApplication.translate(
                    "EvidencePack", "the PDF writer refused a new page"))
            paint(writer_painter, self.body)
            self._footer(writer_painter, number, total)

    def _footer(self, painter: QPainter, number: int, total: int) -> None:
        painter.save()
        y = self.page.height - MARGIN - FOOTER + 3 * MM
        painter.setPen(QPen(QColor("#999999"), 0.5))
        painter.drawLine(QRectF(MARGIN, y, self.body.width(), 0).topLeft(),
                         QRectF(MARGIN, y, self.body.width(), 0).topRight())
        painter.setFont(text_font(7.5))
        painter.setPen(QColor("#4a4a4a"))
        box = QRectF(MARGIN, y + 1 * MM, self.body.width(), FOOTER - 2 * MM)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), self.footer)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         QCoreApplication.translate("EvidencePack", "Page {0} of {1}").format(number, total))
        painter.restore()


def _chunks_page(placed: Sequence[tuple[QTextDocument, float]]) -> Page:
    def paint(painter: QPainter, body: QRectF) -> None:
        for document, y in placed:
            painter.save()
            painter.translate(body.left(), body.top() + y)
            document.drawContents(painter)
            painter.restore()
    return paint


def _text_page(document: QTextDocument, number: int) -> Page:
    def paint(painter: QPainter, body: QRectF) -> None:
        height = document.pageSize().height()
        painter.save()
        painter.translate(body.left(), body.top() - number * height)
        document.drawContents(painter, QRectF(0, number * height, body.width(), height))
        painter.restore()
    return paint


def _document(html: str, device: QPdfWriter) -> QTextDocument:
    """The words laid out with the PDF's own font metrics."""
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setDocumentMargin(0)
    document.setDefaultFont(text_font(9.5))
    document.setDefaultStyleSheet(
        f"h1 {{ font-size: 20pt; color: {styles.LABEL_COLOUR}; }}"
        f"h2 {{ font-size: 14pt; color: {styles.LABEL_COLOUR}; margin-top: 14px; }}"
        "h3 { font-size: 11pt; margin-top: 10px; } h4 { font-size: 10pt; margin-top: 8px; }"
        "th { font-weight: bold; } td, th { font-size: 8.5pt; }")
    document.setHtml(html)
    return document


def _cover_html(pack: EvidencePack, results: Sequence[SectionResult]) -> str:
    network = pack.network
    e = _escape
    rows = [(QCoreApplication.translate("EvidencePack", "Date"), pack.date.isoformat()),
            (QCoreApplication.translate("EvidencePack", "Network"), network.name),
            (QCoreApplication.translate("EvidencePack", "Content hash"), network_hash(network)),
            (QCoreApplication.translate("EvidencePack", "Sites and links"),
             QCoreApplication.translate("EvidencePack", "{0} sites, {1} links").format(len(network.sites),
                                                                                       len(network.links)))]
    measures = sorted({r.report.measure for r in results}, key=lambda m: m.value)
    targets = sorted({r.report.target for r in results})
    rows.append((QCoreApplication.translate("EvidencePack", "Measure"),
                 "; ".join(MEASURE_WORDS[m] for m in measures)))
    rows.append((QCoreApplication.translate("EvidencePack", "Target"), ", ".join(str(t) for t in targets)))
    table = "".join(f"<tr><td style='color:#555'>{e(k)}</td><td><b>{e(v)}</b></td></tr>" for k, v in rows)
    intro = QCoreApplication.translate(
        "EvidencePack", "Independent routes of every site to the core, before and after failures.")
    parts = [f"<h1>{e(pack.heading)}</h1>",
             f"<p>{e(intro)}</p>",
             f"<table cellpadding='3'>{table}</table>"]
    warning = modelled_warning(network)
    if warning:
        parts.append(f"<p style='color:{styles.VERMILLION}'><b>{e(warning)}</b></p>")
    if pack.notes:
        parts.append("".join(f"<p><i>{e(line)}</i></p>" for line in pack.notes.splitlines() if line))
    scenarios = QCoreApplication.translate("EvidencePack", "Scenarios")
    parts.append(f"<h2>{e(scenarios)}</h2><ol>")
    for result in results:
        counts = result.report.counts
        summary = QCoreApplication.translate("EvidencePack", "{0} sites lost diversity, {1} isolated").format(
            counts["lost"], counts["isolated"])
        notes = f"<br><i>{e(result.notes)}</i>" if result.notes else ""
        parts.append(f"<li><b>{e(result.title)}</b> — {e(summary)}{notes}</li>")
    parts.append("</ol>")
    made_with = QCoreApplication.translate("EvidencePack", "Made with stamnett-gui {0}.").format(__version__)
    parts.append(f"<p style='color:#555'>{e(made_with)}</p>")
    return "".join(parts)


def _escape(text: object) -> str:
    import html

    return html.escape(str(text))


def _maps_page(network: Network, section: PackSection, result: SectionResult, number: int | None) -> Page:
    def paint(painter: QPainter, body: QRectF) -> None:
        heading = result.title if number is None else f"{number}. {result.title}"
        painter.setFont(text_font(14, bold=True))
        painter.setPen(QColor(styles.LABEL_COLOUR))
        title_box = QRectF(body.left(), body.top(), body.width(), 9 * MM)
        painter.drawText(title_box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), heading)
        gap = 4 * MM
        label = 6 * MM
        height = (body.height() - title_box.height() - 2 * (label + gap)) / 2
        before_report = assess_diversity(network, FailureScenario(), result.report.target,
                                         result.report.measure)
        after = MapContent(network, section.scenario, result.report.measure, result.report.target,
                           section.frame)
        before = MapContent(network, FailureScenario(), result.report.measure, result.report.target)
        top = title_box.bottom() + gap
        size = (int(body.width()), int(height))
        after_view = build_map_view(after, result.report, *size)
        try:
            rect = frame_rect(after_view, after, result.report)
            before_view = build_map_view(before, before_report, *size, rect=after_view.view.viewRect()
                                         if rect is not None else None)
            try:
                for caption, view, report in (
                    (QCoreApplication.translate("EvidencePack", "Before: the intact network"),
                     before_view, before_report),
                    (QCoreApplication.translate("EvidencePack", "After: {0}").format(result.title),
                     after_view, result.report),
                ):
                    painter.setFont(text_font(9.5, bold=True))
                    painter.setPen(QColor(styles.LABEL_COLOUR))
                    below = sum(1 for s in report.sites if s.status is not Status.COMPLIANT)
                    summary = (QCoreApplication.translate("EvidencePack", "1 site below target") if below == 1
                               else QCoreApplication.translate("EvidencePack", "{0} sites below target")
                               .format(below))
                    painter.drawText(QRectF(body.left(), top, body.width(), label),
                                     int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                                     f"{caption} · {summary}")
                    target = QRectF(body.left(), top + label, size[0], size[1])
                    paint_map(painter, target, view)
                    mask_outside(painter, QRectF(body.left(), top + label - 0.5, body.width(), size[1] + 1),
                                 target)
                    top += label + size[1] + gap
            finally:
                before_view.deleteLater()
        finally:
            after_view.deleteLater()
    return paint


def render_pack(pack: EvidencePack, results: Sequence[SectionResult]) -> bytes:
    """The evidence pack's PDF bytes (GUI thread: it paints the window's map)."""
    ensure_application(headless=True)
    page = PageSize.paper("A4")
    network = pack.network
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = new_pdf_writer(buffer, page, pack.heading)
    footer = f"{pack.heading} · {network.name} · {network_hash(network)[:12]} · {pack.date.isoformat()}"
    pages = _Pages(page, footer)
    pages.add_text([_document(_cover_html(pack, results), writer)])
    numbered = len(results) > 1
    for i, (section, result) in enumerate(zip(pack.sections, results, strict=True), start=1):
        pages.add(_maps_page(network, section, result, i if numbered else None))
        pages.add_text([_document(chunk, writer)
                        for chunk in section_chunks(network, result, i if numbered else None)])
    method = method_chunks(network, [r.report.measure for r in results], [r.report.target for r in results])
    pages.add_text([_document(chunk, writer) for chunk in method])
    painter = QPainter(writer)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pages.paint(painter, writer.newPage)
    finally:
        painter.end()
    return bytes(data.data())


def export_evidence_pack(path: str | Path, pack: EvidencePack,
                         results: Sequence[SectionResult] | None = None) -> None:
    """Analyse (unless ``results`` are given), render and write the pack to ``path`` atomically.

    Raises
    ------
    ExportError
        The name does not end in ``.pdf``, or the file cannot be written (nothing is left
        under its name).

    """
    if Path(path).suffix.casefold() != ".pdf":
        raise ExportError(QCoreApplication.translate(
            "EvidencePack", "{0}: an evidence pack is a PDF; name the file .pdf").format(Path(path).name))
    data = render_pack(pack, results if results is not None else prepare_pack(pack))
    try:
        write_atomically(path, data)
    except NetworkFileError as error:
        raise ExportError(error.one_line()) from None
