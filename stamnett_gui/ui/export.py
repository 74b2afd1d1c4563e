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

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QPoint,
    QRectF,
    QSize,
    QSizeF,
    Qt,
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
    QPen,
    QRegion,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication, QGraphicsView, QWidget

from stamnett_gui.analysis import assess_diversity
from stamnett_gui.analysis.projection import project
from stamnett_gui.domain import DiversityReport, FailureScenario, Measure, Network
from stamnett_gui.domain.content_hash import short_hash
from stamnett_gui.io.atomic_files import write_atomically
from stamnett_gui.io.basemap import load_basemap
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.ui import styles
from stamnett_gui.ui.details_panel import scenario_summary
from stamnett_gui.ui.map_view import MapView
from stamnett_gui.ui.qt_setup import ensure_application

#: Layout units per inch: the window's logical pixel.
LAYOUT_DPI = 96.0
MM_PER_INCH = 25.4

#: File formats by extension.
FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
#: Paper sizes in millimetres, portrait.
PAPERS = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}

MEASURE_WORDS = {
    Measure.EDGE: "edge-disjoint routes (no shared link)",
    Measure.NODE: "node-disjoint routes (no shared link or site)",
    Measure.RISK: "risk-disjoint (fewest risk groups that isolate a site)",
}

#: Where ``frame`` frames the map: Norway's mainland, every site, what the scenario affects.
FRAMES = ("norway", "sites", "affected")

Bbox = tuple[float, float, float, float]


def _tr(text: str) -> str:
    return QCoreApplication.translate("MapExport", text)


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


@dataclass(frozen=True)
class MapContent:
    """What a map shows: a network under a scenario, by a measure and target, framed.

    ``frame`` is one of :data:`FRAMES` or a ``(lon_min, lat_min, lon_max, lat_max)`` box.
    """

    network: Network
    scenario: FailureScenario = field(default_factory=FailureScenario)
    measure: Measure = Measure.EDGE
    target: int | None = None
    frame: str | Bbox = "norway"

    @property
    def settled_target(self) -> int:
        """The target in force: the one asked for, or the network's."""
        return self.network.target if self.target is None else self.target


@dataclass(frozen=True)
class Caption:
    """The text above a map: a title, the scenario's name, and the date it was made."""

    title: str
    scenario_name: str = ""
    date: datetime.date = field(default_factory=datetime.date.today)
    show: bool = True


def default_title(network: Network) -> str:
    """``"Path diversity — Stamnettet (modelled links)"``."""
    return _tr("Path diversity — {0}").format(network.name)


def scenario_name(network: Network, scenario: FailureScenario) -> str:
    """A reference event's name when the scenario is one, else what it fails in words."""
    for event in network.metadata.get("reference_events", ()) or ():
        if not isinstance(event, dict):
            continue
        groups = frozenset(event.get("failed_groups", ()) or ())
        links = frozenset(event.get("failed_links", ()) or ())
        sites = frozenset(event.get("failed_sites", ()) or ())
        if (links, sites, groups) == (scenario.failed_links, scenario.failed_sites,
                                      scenario.failed_groups) and not scenario.is_intact:
            return str(event.get("name", ""))
    if scenario.is_intact:
        return _tr("Intact network (nothing failed)")
    return str(scenario)[0].upper() + str(scenario)[1:]


def data_sources(network: Network) -> list[str]:
    """Who the data on the map comes from: the basemap, and what the network file says of itself."""
    lines = [_tr("Basemap: © Kartverket (CC BY 4.0); neighbouring countries and Svalbard: Natural Earth")]
    source = network.metadata.get("source")
    if isinstance(source, dict):
        for key, text in source.items():
            lines.append(f"{str(key).capitalize()}: {text}")
    elif isinstance(source, str) and source:
        lines.append(_tr("Network: {0}").format(source))
    else:
        lines.append(_tr("Network: {0} (the file names no source)").format(network.name))
    return lines


def modelled_warning(network: Network) -> str:
    """The sentence a report must carry when the links are modelled (empty otherwise)."""
    if not network.modelled:
        return ""
    return _tr("Modelled links: the network's links, routes and risk groups are a model drawn along "
               "real corridors, not the operator's real topology. Results show what the model "
               "implies, not the state of the real network.")


# -- the offscreen map -----------------------------------------------------------------------
def resolved(network: Network, scenario: FailureScenario) -> FailureScenario:
    """The scenario with its hazard areas turned into the links and sites they take down."""
    if not scenario.hazard_areas:
        return scenario
    from stamnett_gui.analysis.hazards import resolve_scenario

    return resolve_scenario(network, scenario)


def affected_sites(network: Network, report: DiversityReport) -> list[str]:
    """Sites that lost diversity or are down, and the ends of every link that is down."""
    scenario = resolved(network, report.scenario)
    ids = {s.site_id for s in report.sites if s.lost}
    ids |= scenario.down_sites(network)
    for link_id in scenario.down_links(network):
        ids.update(network.link(link_id).ends)
    return sorted(ids)


def frame_rect(view: MapView, content: MapContent, report: DiversityReport) -> QRectF | None:
    """The map rectangle (map metres) that ``content.frame`` asks for, or None for all of Norway."""
    frame = content.frame
    layout = view.layout
    if isinstance(frame, tuple):
        x, y = project([frame[0], frame[2]], [frame[1], frame[3]])
        return QRectF(float(x[0]), float(y[0]), float(x[1] - x[0]), float(y[1] - y[0])).normalized()
    if frame == "affected" and layout is not None:
        rows = [layout.site_row[s] for s in affected_sites(content.network, report)
                if s in layout.site_row and layout.placed[layout.site_row[s]]]
        if not rows:
            return None
        xy = layout.site_xy[rows]
        rect = QRectF(float(xy[:, 0].min()), float(xy[:, 1].min()),
                      float(xy[:, 0].max() - xy[:, 0].min()), float(xy[:, 1].max() - xy[:, 1].min()))
        # A few sites close together still get a map around them (60 km at least).
        grow_x = max(0.0, 60_000 - rect.width()) / 2 + 0.15 * rect.width()
        grow_y = max(0.0, 60_000 - rect.height()) / 2 + 0.15 * rect.height()
        return rect.adjusted(-grow_x, -grow_y, grow_x, grow_y)
    if frame == "sites" and layout is not None and layout.placed.any():
        xy = layout.site_xy[layout.placed]
        return QRectF(float(xy[:, 0].min()), float(xy[:, 1].min()),
                      float(xy[:, 0].max() - xy[:, 0].min()), float(xy[:, 1].max() - xy[:, 1].min()))
    if layout is not None and layout.placed.any():  # Norway, unless the network reaches beyond it
        norway = view.basemap_layer.mainland_rect
        xy = layout.site_xy[layout.placed]
        if not all(norway.contains(float(x), float(y)) for x, y in xy):
            return frame_rect(view, MapContent(content.network, frame="sites"), report)
    return None


def build_map_view(content: MapContent, report: DiversityReport, width: int, height: int,
                   rect: QRectF | None = None) -> MapView:
    """An offscreen map of ``width`` × ``height`` layout units drawing ``report``, framed.

    ``rect`` (map metres) overrides ``content.frame``: two maps of one page show the same
    place. The caller deletes the view (``view.deleteLater()``) when done.
    """
    ensure_application(headless=True)
    view = MapView(load_basemap())
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    view.resize(width, height)
    view.show()  # lays the scene out at the final size before the range is set
    network = content.network
    view.set_network(network)
    if network.core:
        view.show_report(report)
    view.highlight.show_failed_links(resolved(network, report.scenario).down_links(network))
    view.set_emphasis(affected_sites(network, report))  # labelled wherever there is room
    if report.scenario.hazard_areas:  # drawn as the window draws them
        from stamnett_gui.ui.hazard_layer import HazardLayer

        HazardLayer(view.view).show_areas(report.scenario)  # its items live in the view's scene
        view.legend.set_show_areas(True)
    QApplication.processEvents()
    rect = rect if rect is not None else frame_rect(view, content, report)
    if rect is None:
        view.zoom_to_norway()
    else:
        view.view.setRange(rect=rect, padding=0.04)
    view.settle()
    return view


def paint_map(painter: QPainter, target: QRectF, view: MapView) -> None:
    """Paint ``view`` (map, legend, scale bar, north arrow, attribution) into ``target``.

    pyqtgraph items draw for export while this runs: site markers as shapes, not the
    bitmaps they are cached as on screen, so that SVG and PDF stay vector.
    """
    items = [item for item in view.scene().items() if hasattr(item, "setExportMode")]
    options = {"antialias": True, "background": None, "painter": painter, "resolutionScale": 1.0}
    for item in items:
        item.setExportMode(True, options)
    # pyqtgraph caches the background (the sea) as a bitmap; drawn as a fill it stays vector.
    view.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
    painter.save()
    try:
        painter.translate(target.topLeft())
        painter.setClipRect(QRectF(0, 0, target.width(), target.height()))
        # QWidget's render, not QGraphicsView's: the legend and the furniture are child widgets.
        QWidget.render(view, painter, QPoint(0, 0), QRegion(view.rect()),
                       QWidget.RenderFlag.DrawChildren | QWidget.RenderFlag.DrawWindowBackground)
    finally:
        painter.restore()
        for item in items:
            item.setExportMode(False)


# -- the caption -----------------------------------------------------------------------------
def text_font(points: float, bold: bool = False) -> QFont:
    """The font of exported text: no ligatures, so that text copied out of a PDF reads as typed."""
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    font.setFeature(QFont.Tag("liga"), 0)
    return font


def caption_lines(content: MapContent, caption: Caption, report: DiversityReport, *,
                  compact: bool = False, scale: float = 1.0) -> list[tuple[str, QFont, str]]:
    """``(text, font, colour)`` of each caption line, top to bottom.

    ``compact`` keeps what a reader must have (title, scenario, measure, target, date,
    network, hash, the modelled-links flag) in three lines, for small pages.
    """
    network = content.network
    name = caption.scenario_name or scenario_name(network, content.scenario)
    measure = MEASURE_WORDS[content.measure]
    ink = styles.LABEL_COLOUR
    network_line = _tr("Network: {0} · content hash {1} · {2} sites, {3} links").format(
        network.name, short_hash(network), len(network.sites), len(network.links))
    if compact:
        flag = _tr(" · MODELLED LINKS") if network.modelled else ""
        return [
            (caption.title, text_font(11 * scale, bold=True), ink),
            (_tr("{0} · {1} measure, target {2} · {3}").format(
                name, content.measure.value, content.settled_target, caption.date.isoformat()),
             text_font(7.5 * scale, bold=True), ink),
            (f"{network.name} · {short_hash(network)}{flag}", text_font(7 * scale), ink),
        ]
    lines = [
        (caption.title, text_font(14 * scale, bold=True), ink),
        (_tr("Scenario: {0}").format(name), text_font(9.5 * scale, bold=True), ink),
        (scenario_summary(report, network), text_font(8.5 * scale), ink),
        (_tr("Measure: {0} · target {1} · made {2}").format(
            measure, content.settled_target, caption.date.isoformat()), text_font(8.5 * scale), ink),
        (network_line, text_font(8.5 * scale), ink),
    ]
    if network.modelled:
        lines.append((modelled_warning(network), text_font(8.5 * scale, bold=True), styles.VERMILLION))
    lines.append((" · ".join(data_sources(network)), text_font(7.5 * scale), "#4a4a4a"))
    return lines


def paint_caption(painter: QPainter, left: float, top: float, width: float,
                  lines: Sequence[tuple[str, QFont, str]], *, draw: bool = True) -> float:
    """Paint the caption lines (wrapped to ``width``) from ``top``; return the height used."""
    y = top
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap)
    for text, font, colour in lines:
        painter.setFont(font)
        box = painter.boundingRect(QRectF(left, y, width, 10_000), flags, text)
        if draw:
            painter.setPen(QColor(colour))
            painter.drawText(QRectF(left, y, width, box.height()), flags, text)
        y += box.height() + 2
    return y - top


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


def mask_outside(painter: QPainter, page: QRectF, keep: QRectF) -> None:
    """Paint the page white around ``keep``.

    SVG output ignores clipping: the basemap's land reaches past the map's frame and
    would run under the caption.
    """
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("white"))
    for band in (QRectF(page.left(), page.top(), page.width(), keep.top() - page.top()),
                 QRectF(page.left(), keep.bottom(), page.width(), page.bottom() - keep.bottom()),
                 QRectF(page.left(), keep.top(), keep.left() - page.left(), keep.height()),
                 QRectF(keep.right(), keep.top(), page.right() - keep.right(), keep.height())):
        if band.width() > 0 and band.height() > 0:
            painter.drawRect(band)
    painter.setPen(QPen(QColor(styles.COUNTRY_BORDER), 0.8))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(keep)
    painter.restore()


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
    generator.setDescription(_tr("Made with stamnett-gui"))
    painter = QPainter(generator)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint(painter)
    finally:
        painter.end()
    return bytes(data.data())


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


def assess(content: MapContent) -> DiversityReport:
    """The report the map draws: the content's scenario, measure and target."""
    return assess_diversity(content.network, content.scenario, content.settled_target, content.measure)


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
