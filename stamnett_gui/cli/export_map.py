"""``stamnett export-map``: render the map to a PNG with no screen."""

from __future__ import annotations

import argparse
import re
import sys

from stamnett_gui.cli.common import BadInput, add_network_argument, open_network, report_bad_input


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"size must look like 1600x1200, not {text!r}")
    width, height = int(match[1]), int(match[2])
    if not (64 <= width <= 10000 and 64 <= height <= 10000):
        raise argparse.ArgumentTypeError("width and height must each be between 64 and 10000 pixels")
    return width, height


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``export-map`` subcommand."""
    parser = subparsers.add_parser(
        "export-map",
        help="render the map (basemap, sites, links) to a PNG file",
        description="Render the same map the window shows to a PNG file; needs no screen.",
    )
    add_network_argument(parser)
    parser.add_argument("--output", "-o", required=True, metavar="FILE.png", help="PNG file to write")
    parser.add_argument(
        "--size", type=_size, default=(1200, 1500), metavar="WIDTHxHEIGHT",
        help="image size in pixels (default 1200x1500)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Render and write the PNG; 0 on success, 2 on bad input."""
    try:
        network = open_network(args.network)
    except BadInput as error:
        return report_bad_input(str(error))
    from stamnett_gui.ui.export import render_map_png

    width, height = args.size
    try:
        render_map_png(network, args.output, width, height)
    except OSError as error:
        return report_bad_input(f"{args.output}: cannot write the image ({error.strerror or error})")
    print(f"wrote {args.output} ({width}x{height})", file=sys.stderr)
    return 0
