"""``stamnett export-map``: the map under a scenario as PNG, SVG or PDF, with no screen.

The format comes from the output's extension (or ``--format``); a name with an unknown
extension is refused, never written as something else.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import TYPE_CHECKING

from stamnett_gui.cli.common import BadInput, Settings, add_scenario_options, read_settings, report_bad_input

if TYPE_CHECKING:  # the window's modules load Qt: only when a map is drawn
    from stamnett_gui.ui.export import PageSize

DEFAULT_SIZE = (1200, 1500)
FITS = ("norway", "sites", "affected")


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"size must look like 1600x1200, not {text!r}")
    width, height = int(match[1]), int(match[2])
    if not (64 <= width <= 10000 and 64 <= height <= 10000):
        raise argparse.ArgumentTypeError("width and height must each be between 64 and 10000 pixels")
    return width, height


def _bbox(text: str) -> tuple[float, float, float, float]:
    parts = [p.strip() for p in text.split(",")]
    try:
        lon0, lat0, lon1, lat1 = (float(p) for p in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--bbox is LON_MIN,LAT_MIN,LON_MAX,LAT_MAX in degrees, like 13,67.5,17,69.5; not {text!r}"
        ) from None
    if not (-180 <= lon0 < lon1 <= 180 and -90 <= lat0 < lat1 <= 90):
        raise argparse.ArgumentTypeError(
            f"--bbox needs LON_MIN < LON_MAX and LAT_MIN < LAT_MAX within ±180 and ±90, not {text!r}")
    return lon0, lat0, lon1, lat1


def _dpi(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 24 <= value <= 1200:
        raise argparse.ArgumentTypeError(f"--dpi is a number from 24 to 1200, not {text!r}")
    return value


def add_page_options(parser: argparse.ArgumentParser) -> None:
    """--size or --paper/--landscape, and --dpi."""
    page = parser.add_argument_group("page")
    size = page.add_mutually_exclusive_group()
    size.add_argument("--size", type=_size, metavar="WIDTHxHEIGHT",
                      help=f"size in pixels (default {DEFAULT_SIZE[0]}x{DEFAULT_SIZE[1]})")
    size.add_argument("--paper", choices=("A4", "A3", "a4", "a3"),
                      help="a paper size instead of pixels (portrait unless --landscape)")
    page.add_argument("--landscape", action="store_true", help="paper in landscape")
    page.add_argument("--dpi", type=_dpi, metavar="N",
                      help="dots per inch: a PNG's pixels on paper (default 150), or the printed "
                           "size of a --size (default 96)")


def page_size(args: argparse.Namespace) -> PageSize:
    """The page the options ask for."""
    from stamnett_gui.ui.export import PageSize

    if args.paper:
        return PageSize.paper(args.paper, landscape=args.landscape, dpi=args.dpi or 150.0)
    if args.landscape:
        raise BadInput("--landscape goes with --paper A4 or A3")
    width, height = args.size or DEFAULT_SIZE
    return PageSize.pixels(width, height, args.dpi or 96.0)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``export-map`` subcommand."""
    parser = subparsers.add_parser(
        "export-map",
        help="the map under a scenario as PNG, SVG or PDF, with a caption",
        description=(
            "Render the map the window shows (sites by status, failed links, legend, scale bar, "
            "north arrow) with a caption (title, scenario, measure and target, date, network and "
            "its content hash) to PNG, SVG or PDF; SVG and PDF are vector. Needs no screen. "
            "Give NETWORK before the --fail lists."
        ),
    )
    add_scenario_options(parser)
    parser.add_argument("--output", "-o", required=True, metavar="FILE",
                        help="the file to write: .png, .svg or .pdf")
    parser.add_argument("--format", choices=("png", "svg", "pdf"),
                        help="the format, when the name has no extension (it must agree with one)")
    frame = parser.add_argument_group("framing").add_mutually_exclusive_group()
    frame.add_argument("--bbox", type=_bbox, metavar="LON_MIN,LAT_MIN,LON_MAX,LAT_MAX",
                       help="show this box (degrees)")
    frame.add_argument("--fit", choices=FITS, default="norway",
                       help="show mainland Norway (default; every site when the network reaches "
                            "beyond it), every site, or what the scenario affects")
    add_page_options(parser)
    parser.add_argument("--title", help="the caption's title (default: 'Path diversity — NETWORK')")
    parser.add_argument("--scenario-name", metavar="TEXT",
                        help="the scenario's name in the caption (default: the scenario file's "
                             "name, a bundled event's name, or what is failed)")
    parser.add_argument("--no-caption", action="store_true", help="the map alone, no caption")
    parser.set_defaults(func=run)


def scenario_file_title(path: str | None) -> str:
    """The title a scenario file gives itself, or ``""`` (the file itself was checked already)."""
    if not path:
        return ""
    from stamnett_gui.io.scenario_file import ScenarioFileError, read_scenario_file

    try:
        return read_scenario_file(path).named.title.strip()
    except ScenarioFileError:
        return ""


def run(args: argparse.Namespace) -> int:
    """Render and write the map; 0 on success, 2 on bad input."""
    from stamnett_gui.ui.export import ExportError, export_format, export_map
    from stamnett_gui.ui.export_caption import Caption, default_title
    from stamnett_gui.ui.export_view import MapContent

    try:
        fmt = export_format(args.output, args.format)
        page = page_size(args)
        settings: Settings = read_settings(args)
    except (ExportError, BadInput) as error:
        return report_bad_input(str(error))
    network = settings.network
    content = MapContent(network, settings.scenario, settings.measure, settings.target,
                         args.bbox if args.bbox else args.fit)
    caption = Caption(args.title or default_title(network),
                      args.scenario_name or scenario_file_title(args.scenario),
                      show=not args.no_caption)
    try:
        export_map(args.output, content, page, fmt=fmt, caption=caption)
    except ExportError as error:
        return report_bad_input(str(error))
    except ValueError as error:  # the analysis refused a setting
        return report_bad_input(str(error))
    width, height = page.pixel_size()
    shown = f"{width}x{height}" if fmt == "png" else fmt.upper()
    print(f"wrote {args.output} ({shown})", file=sys.stderr)
    return 0
