"""Every colour, width and size the map uses, in one place.

Colours come from the Okabe–Ito palette, which stays distinguishable for the
common forms of colour blindness and on a projector.
"""

from __future__ import annotations

import math
from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QBrush, QColor

from stamnett_gui.domain import Network, Site, SiteKind, Status

# Okabe–Ito
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
BLACK = "#000000"

# Basemap
SEA = "#d6e6f0"
LAND = "#f7f5ef"
COASTLINE = "#8fa3b0"
NEIGHBOUR_LAND = "#e9e7e1"
NEIGHBOUR_EDGE = "#b9b5ab"
COUNTY_BORDER = "#cfc6b6"
COUNTRY_BORDER = "#8c8579"
COASTLINE_WIDTH = 0.8
COUNTY_BORDER_WIDTH = 0.7
COUNTRY_BORDER_WIDTH = 1.2

# Network
LINK_UP = "#3f5f7f"
#: Above this many route segments links are drawn without antialiasing, which keeps a
#: pan/zoom frame of a 5,000-site network within 16 ms (it saves about a fifth).
LINK_ANTIALIAS_MAX_SEGMENTS = 10_000
LINK_WIDTH = 1.6
SITE_EDGE = "#1d2a33"

#: Marker symbol and size (px) for each kind of site.
SITE_SYMBOL: dict[SiteKind, tuple[str, float]] = {
    SiteKind.HOSPITAL: ("o", 8.0),
    SiteKind.HUB: ("s", 13.0),
    SiteKind.DATA_CENTRE: ("d", 14.0),
    SiteKind.JUNCTION: ("o", 4.5),
}
SITE_FILL: dict[SiteKind, str] = {
    SiteKind.HOSPITAL: SKY_BLUE,
    SiteKind.HUB: BLUE,
    SiteKind.DATA_CENTRE: REDDISH_PURPLE,
    SiteKind.JUNCTION: "#7d8a93",
}
# The label tables' texts are marked for translation in the context "Styles"; wherever a label
# is shown it is translated there: QCoreApplication.translate("Styles", label).
#: What to call each kind of site.
SITE_KIND_LABEL: dict[SiteKind, str] = {  # QT_TRANSLATE_NOOP is typed as object; it is the text
    SiteKind.HOSPITAL: QT_TRANSLATE_NOOP("Styles", "Hospital"),  # type: ignore[dict-item]
    SiteKind.HUB: QT_TRANSLATE_NOOP("Styles", "Hub (core)"),  # type: ignore[dict-item]
    SiteKind.DATA_CENTRE: QT_TRANSLATE_NOOP("Styles", "Data centre (core)"),  # type: ignore[dict-item]
    SiteKind.JUNCTION: QT_TRANSLATE_NOOP("Styles", "Junction"),  # type: ignore[dict-item]
}

# Status of a site against the target: a colour and a shape, so that grey-scale still reads.
STATUS_STYLE: dict[Status, tuple[str, str]] = {
    Status.COMPLIANT: (BLUISH_GREEN, "o"),
    Status.DEGRADED: (ORANGE, "t1"),
    Status.ISOLATED: (VERMILLION, "s"),
    Status.FAILED: (BLACK, "x"),
}
#: What the legend calls each status.
STATUS_LABEL: dict[Status, str] = {  # QT_TRANSLATE_NOOP is typed as object; it is the text
    Status.COMPLIANT: QT_TRANSLATE_NOOP("Styles", "Compliant (meets target)"),  # type: ignore[dict-item]
    Status.DEGRADED: QT_TRANSLATE_NOOP("Styles", "Degraded (below target)"),  # type: ignore[dict-item]
    Status.ISOLATED: QT_TRANSLATE_NOOP("Styles", "Isolated (no route to core)"),  # type: ignore[dict-item]
    Status.FAILED: QT_TRANSLATE_NOOP("Styles", "Failed"),  # type: ignore[dict-item]
}
@cache
def brush(colour: str) -> QBrush:
    """One shared brush per colour (thousands of sites share a handful of brushes)."""
    return QBrush(QColor(colour))


def drawn_as_core(network: Network, site: Site) -> bool:
    """True for a site the map draws (and labels) as core: in the network's core, or a hub or data centre."""
    return site.id in network.core or site.kind in (SiteKind.HUB, SiteKind.DATA_CENTRE)


#: Core sites are drawn as hexagons in the status colour, larger.
CORE_SYMBOL = "h"
CORE_SIZE = 18.0
#: Marker size by kind once statuses are shown.
STATUS_SIZE: dict[SiteKind, float] = {
    SiteKind.HOSPITAL: 10.0,
    SiteKind.HUB: CORE_SIZE,
    SiteKind.DATA_CENTRE: CORE_SIZE,
    SiteKind.JUNCTION: 6.0,
}


def marker_scale(site_count: int) -> float:
    """How much to shrink site markers so that a dense network stays readable at overview zoom.

    >>> marker_scale(128), marker_scale(1000), marker_scale(5000)
    (1.0, 0.5, 0.45)
    """
    return min(1.0, max(0.45, math.sqrt(250 / max(site_count, 1))))


LOST_RING = REDDISH_PURPLE
LOST_RING_WIDTH = 3.5
LOST_RING_EXTRA = 12.0
SELECTION_RING = BLACK
LINK_FAILED = VERMILLION
LINK_FAILED_WIDTH = 3.2
#: Dash pattern of a failed link, in pen widths: long enough to read as dashes at the national view.
LINK_FAILED_DASHES = (4.0, 2.5)
#: A failed link also carries a cross at its middle, so that a short one reads at any zoom.
LINK_FAILED_MARK_SIZE = 11.0
#: Independent routes, one colour each. None is the failed-link colour (vermillion) or the
#: lost-diversity ring's (reddish purple); the sixth is a dark brown outside Okabe–Ito.
PATH_COLOURS = (BLUE, ORANGE, BLUISH_GREEN, SKY_BLUE, YELLOW, "#7a4a1e")
PATH_WIDTH = 4.5
CUT_COLOUR = BLACK
CUT_WIDTH = 7.0

# Hazard areas (a storm, a landslide, a flood): translucent, outlined; distinct from every status colour
HAZARD_EDGE = "#5a3e8c"
HAZARD_FILL = "#8e6cc4"
HAZARD_FILL_ALPHA = 0.30
HAZARD_EDGE_WIDTH = 2.2
HAZARD_LABEL = "#3d2a61"
HAZARD_HANDLE_SIZE = 11.0
#: Comparing with another scenario: a site worse now than there, and one better.
DIFFERENCE_WORSE = VERMILLION
DIFFERENCE_BETTER = BLUISH_GREEN
DIFFERENCE_WIDTH = 3.0
DIFFERENCE_SIZE = 26.0

# Labels
LABEL_COLOUR = "#1d2a33"
LABEL_HALO = QColor(255, 255, 255, 200)
HUB_LABEL_POINT_SIZE = 10
SITE_LABEL_POINT_SIZE = 8
#: Hospital labels appear when one screen pixel covers at most this many metres.
SITE_LABELS_BELOW_M_PER_PX = 900.0
#: Hover and click tolerance, in screen pixels: a click within about 10 px of a link picks it.
PICK_TOLERANCE_PX = 10.0
#: Sites take a click within this many pixels, before links do (a marker is about 10 px wide).
SITE_PICK_TOLERANCE_PX = 8.0

# Map furniture
#: Switch to the detailed coastline when one pixel covers fewer metres than this.
DETAILED_COAST_BELOW_M_PER_PX = 700.0
SCALE_BAR_MAX_PX = 140

# Presentation mode: a projector at 1920×1080, read from the back of a room
#: Markers, link widths, site labels and the legend are drawn this many times their usual size
#: on a screen 1080 pixels high (see :func:`presentation_scale` for others).
PRESENTATION_SCALE = 2.0
PRESENTATION_SCREEN_HEIGHT = 1080


def presentation_scale(screen_height: int) -> float:
    """The presentation's drawing scale on a screen this many (logical) pixels high.

    A smaller projector gets less, so that the legend and labels still leave room for the map;
    never less than 1.25, never more than :data:`PRESENTATION_SCALE`.

    >>> presentation_scale(1080), presentation_scale(720), presentation_scale(2160)
    (2.0, 1.33, 2.0)
    """
    scale = PRESENTATION_SCALE * min(1.0, screen_height / PRESENTATION_SCREEN_HEIGHT)
    return round(max(1.25, scale), 2)
#: Point sizes on the map: the scenario title, the build-out year, the summary line.
PRESENTATION_TITLE_POINT_SIZE = 32
PRESENTATION_YEAR_POINT_SIZE = 64
PRESENTATION_SUMMARY_POINT_SIZE = 20
#: The title and summary panels over the map: a white card, so text reads over sea and land alike.
PRESENTATION_PANEL = "rgba(255, 255, 255, 225)"
#: The build-out timeline plays one year per this many milliseconds.
TIMELINE_STEP_MS = 1000

# Criticality heat (sweeps and regional failures): sites pushed below target, a sequential
# colour-blind-safe scale (plasma), light for few and dark for many; grey for none.
HEAT_NONE = "#c3c9cf"
HEAT_COLOURS = ("#f0f921", "#fca636", "#e16462", "#b12a90", "#6a00a8", "#0d0887")
#: Lower bound of each colour's class: 1, 2-3, 4-7, 8-15, 16-31, 32 or more.
HEAT_BOUNDS = (1, 2, 4, 8, 16, 32)
HEAT_LINK_WIDTH = 4.0
HEAT_SITE_SIZE = 20.0
HEAT_PLACE_ALPHA = 0.45
#: A selected site's survival disk.
SURVIVAL_EDGE = "#0d0887"
SURVIVAL_WIDTH = 2.5

# Sites coloured by survival radius (View → Colour sites by): small radii are the news, so
# they are red and large ones blue (a diverging, colour-blind-safe scale, ColorBrewer RdYlBu).
SURVIVAL_COLOURS = ("#d7191c", "#fdae61", "#fee08b", "#abd9e9", "#2c7bb6")
#: Largest radius (km) of each class but the last: up to 2, 3-10, 11-50, 51-200, more (or none).
SURVIVAL_BOUNDS = (2, 10, 50, 200)
#: A site the question does not apply to (down, already below target, not on the map).
SURVIVAL_NONE = "#ffffff"
