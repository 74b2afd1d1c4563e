"""The ``stamnett`` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from stamnett_gui import __version__
from stamnett_gui.cli import analyse, convert, export_map, regional, report, sweep, validate

#: Each subcommand module has ``register(subparsers)`` that adds its parser
#: and sets ``run(args) -> int`` as the parser's ``func`` default.
_COMMANDS = (export_map, validate, convert, analyse, sweep, regional, report)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="stamnett",
        description=(
            "Path diversity in Norway's health network (Stamnettet). "
            "Without NETWORK, the bundled network (real hospital sites, modelled links) is used."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _COMMANDS:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 finding, 2 bad input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        code: int = args.func(args)
    except KeyboardInterrupt:
        print("stamnett: interrupted", file=sys.stderr)
        return 130
    return code
