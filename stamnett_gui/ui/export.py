"""Map exports: the map the window draws, with a caption, as PNG, SVG or PDF.

The same offscreen :class:`MapView` the window uses is painted onto the output's own
painter: an image for PNG, Qt's ``QSvgGenerator`` for SVG and ``QPdfWriter`` for PDF,
so SVG and PDF stay vector (lines, markers and text, not a picture of them). Sizes are
laid out in *layout units* of 1/96 inch, the size the window's fonts and markers are
made for; a PNG at more dots per inch is the same page drawn finer.

Every file is rendered to bytes first and then written atomically: a failed export
leaves nothing half-written under the final name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QRectF,
    QSize,
    QSizeF,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QImageWriter,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtSvg import QSvgGenerator

from stamnett_gui.domain import DiversityReport, Network
from stamnett_gui.io.atomic_files import write_atomically
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.io.svg_strokes import portable_strokes
from stamnett_gui.ui.export_caption import Caption, caption_lines, default_title, paint_caption
from stamnett_gui.ui.export_view import MapContent, assess, build_map_view, mask_outside, paint_map
from stamnett_gui.ui.qt_setup import ensure_application

#: Layout units per inch: the window's logical pixel.
LAYOUT_DPI = 96.0
MM_PER_INCH = 25.4

#: File formats by extension.
FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
#: Paper sizes in millimetres, portrait.
PAPERS = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}


class ExportError(Exception):
    """An export that cannot be made; the message is one sentence naming the file."""


def export_format(path: str | Path, requested: str | None = None) -> str:
    """``"png"``, ``"svg"`` or ``"pdf"``: from the file's extension, or ``requested``.

    An unknown extension is refused, and so is a ``requested`` format that the
    extension contradicts: a file is never written in a format its name does not say.

    Raises
    ------
    ExportError
        Naming the file and the formats there are.

    """
    path = Path(path)
    suffix = path.suffix.casefold()
    known = ", ".join(FORMATS)
    if requested is not None and requested.casefold() not in FORMATS.values():
        raise ExportError(f"{path.name}: the format is one of png, svg, pdf, not {requested!r}")
    by_name = FORMATS.get(suffix)
    if suffix and by_name is None:
        raise ExportError(f"{path.name}: unknown extension {path.suffix!r}; "
                          f"a map is exported as {known}")
    if by_name is None and requested is None:
        raise ExportError(f"{path.name}: no extension; name the file {known} or give --format")
    if by_name is not None and requested is not None and by_name != requested.casefold():
        raise ExportError(f"{path.name}: the name says {by_name.upper()} but the format asked "
                          f"for is {requested.upper()}")
    return by_name or str(requested).casefold()


@dataclass(frozen=True)
class PageSize:
    """An output's size in layout units (1/96 inch) and the dots per inch of its pixels.

    >>> PageSize.pixels(1200, 1500).pixel_size()
    (1200, 1500)
    >>> PageSize.paper("A4", landscape=True, dpi=150).pixel_size()
    (1754, 1240)
    """

    width: float
    height: float
    dpi: float = LAYOUT_DPI
    on_paper: bool = False

    @classmethod
    def pixels(cls, width: int, height: int, dpi: float = LAYOUT_DPI) -> PageSize:
        """``width`` × ``height`` pixels at ``dpi`` (which decides the printed size)."""
        scale = LAYOUT_DPI / dpi
        return cls(width * scale, height * scale, dpi)

    @classmethod
    def paper(cls, name: str, *, landscape: bool = False, dpi: float = 150.0) -> PageSize:
        """A4 or A3, portrait or landscape; PNG pixels at ``dpi``."""
        try:
            short, long = PAPERS[name.upper()]
        except KeyError:
            raise ExportError(f"paper is one of {', '.join(PAPERS)}, not {name!r}") from None
        w, h = (long, short) if landscape else (short, long)
        return cls(w / MM_PER_INCH * LAYOUT_DPI, h / MM_PER_INCH * LAYOUT_DPI, dpi, on_paper=True)

    def pixel_size(self) -> tuple[int, int]:
        """The PNG's size in pixels."""
        scale = self.dpi / LAYOUT_DPI
        return round(self.width * scale), round(self.height * scale)

    def size_mm(self) -> tuple[float, float]:
        """The printed size in millimetres."""
        return (self.width / LAYOUT_DPI * MM_PER_INCH, self.height / LAYOUT_DPI * MM_PER_INCH)


# -- the page --------------------------------------------------------------------------------
def page_margin(page: PageSize) -> float:
    """10 mm on paper; on a pixel size, a small margin that grows with the image."""
    if page.on_paper:
        return 10 / MM_PER_INCH * LAYOUT_DPI
    return max(8.0, min(30.0, 0.025 * min(page.width, page.height)))


def page_caption(painter: QPainter, page: PageSize, content: MapContent, caption: Caption,
                 report: DiversityReport) -> list[tuple[str, QFont, str]]:
    """The caption for this page: in full, or compact when the full one would take over a third."""
    if not caption.show:
        return []
    width = page.width - 2 * page_margin(page)
    scale = min(1.0, max(0.6, page.width / 700))
    lines = caption_lines(content, caption, report, scale=scale)
    if paint_caption(painter, 0, 0, width, lines, draw=False) > page.height / 3:
        lines = caption_lines(content, caption, report, compact=True, scale=scale)
    return lines


def paint_page(painter: QPainter, page: PageSize, content: MapContent, caption: Caption,
               report: DiversityReport) -> None:
    """Paint the whole page: the caption on top, the map under it."""
    margin = page_margin(page)
    width = page.width - 2 * margin
    lines = page_caption(painter, page, content, caption, report)
    top = margin + (paint_caption(painter, margin, margin, width, lines, draw=False) + 6 if lines else 0)
    map_rect = QRectF(margin, top, round(width), round(page.height - margin - top))
    view = build_map_view(content, report, max(64, int(map_rect.width())), max(64, int(map_rect.height())))
    try:
        paint_map(painter, map_rect, view)
    finally:
        view.deleteLater()
    mask_outside(painter, QRectF(0, 0, page.width, page.height), map_rect)
    paint_caption(painter, margin, margin, width, lines)


def _png_bytes(page: PageSize, paint: PagePainter) -> bytes:
    width, height = page.pixel_size()
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.scale(width / page.width, height / page.height)
        paint(painter)
    finally:
        painter.end()
    # Set only now: fonts given in points would otherwise be sized for this resolution
    # and then scaled up once more by the painter.
    dots_per_metre = round(page.dpi / MM_PER_INCH * 1000)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not QImageWriter(buffer, QByteArray(b"png")).write(image):
        raise ExportError("the image could not be encoded as PNG")
    return bytes(data.data())


def _svg_bytes(page: PageSize, title: str, paint: PagePainter) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setResolution(round(LAYOUT_DPI))
    generator.setSize(QSize(round(page.width), round(page.height)))
    generator.setViewBox(QRectF(0, 0, page.width, page.height))
    generator.setTitle(title)
    generator.setDescription(QCoreApplication.translate("MapExport", "Made with stamnett-gui"))
    painter = QPainter(generator)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint(painter)
    finally:
        painter.end()
    return portable_strokes(bytes(data.data()))


def new_pdf_writer(buffer: QBuffer, page: PageSize, title: str) -> QPdfWriter:
    """A PDF writer on ``buffer`` for pages of ``page``'s size, laid out in layout units."""
    writer = QPdfWriter(buffer)
    writer.setResolution(round(LAYOUT_DPI))
    w_mm, h_mm = page.size_mm()
    layout = QPageLayout(QPageSize(QSizeF(w_mm, h_mm), QPageSize.Unit.Millimeter),
                         QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    writer.setPageLayout(layout)
    writer.setTitle(title)
    writer.setCreator("stamnett-gui")
    return writer


def _pdf_bytes(page: PageSize, title: str, paint: PagePainter) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = new_pdf_writer(buffer, page, title)
    painter = QPainter(writer)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint(painter)
    finally:
        painter.end()
    return bytes(data.data())


class PagePainter:
    """Paints one page; a callable so that each output format can call it on its own painter."""

    def __init__(self, page: PageSize, content: MapContent, caption: Caption,
                 report: DiversityReport) -> None:
        self.page, self.content, self.caption, self.report = page, content, caption, report

    def __call__(self, painter: QPainter) -> None:
        """Paint the page on ``painter``."""
        paint_page(painter, self.page, self.content, self.caption, self.report)


def render_map(content: MapContent, page: PageSize, fmt: str, caption: Caption | None = None,
               report: DiversityReport | None = None) -> bytes:
    """The map as the bytes of a PNG, SVG or PDF file."""
    ensure_application(headless=True)
    caption = caption or Caption(default_title(content.network))
    report = report or assess(content)
    paint = PagePainter(page, content, caption, report)
    if fmt == "png":
        return _png_bytes(page, paint)
    if fmt == "svg":
        return _svg_bytes(page, caption.title, paint)
    if fmt == "pdf":
        return _pdf_bytes(page, caption.title, paint)
    raise ExportError(f"unknown format {fmt!r}")


def export_map(path: str | Path, content: MapContent, page: PageSize, *, fmt: str | None = None,
               caption: Caption | None = None, report: DiversityReport | None = None) -> str:
    """Render the map and write it to ``path`` atomically; return the format written.

    Raises
    ------
    ExportError
        An unknown extension or format, or a file that cannot be written (the message
        names the file and the reason; nothing is left under its name).

    """
    chosen = export_format(path, fmt)
    data = render_map(content, page, chosen, caption, report)
    try:
        write_atomically(path, data)
    except NetworkFileError as error:
        raise ExportError(error.one_line()) from None
    return chosen


def render_map_png(network: Network, path: str | Path, width: int, height: int) -> None:
    """Draw ``network`` (intact) on the map as the window does and save it as a PNG, no caption.

    Raises
    ------
    OSError
        When the file cannot be written.

    """
    content = MapContent(network)
    try:
        write_atomically(path, render_map(content, PageSize.pixels(width, height), "png",
                                          Caption("", show=False)))
    except NetworkFileError as error:
        raise OSError(error.one_line()) from None
