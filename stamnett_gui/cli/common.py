"""What every subcommand shares: loading the network, reporting bad input."""

from __future__ import annotations

import argparse
import sys

from stamnett_gui.cli.hints import error_line
from stamnett_gui.domain import Network
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.io.loading import load_default_network, load_network

#: Exit code for bad input (a file that cannot be read, an unknown id, a bad option value).
EXIT_BAD_INPUT = 2


class BadInput(Exception):
    """Input the command cannot use; the message is one line for stderr."""


def add_network_argument(parser: argparse.ArgumentParser) -> None:
    """Add the optional NETWORK positional."""
    parser.add_argument(
        "network",
        nargs="?",
        metavar="NETWORK",
        help="network file (default: the bundled network with modelled links)",
    )


def open_network(path: str | None) -> Network:
    """The network named on the command line, or the bundled one; :class:`BadInput` if unusable."""
    try:
        return load_default_network() if path is None else load_network(path)
    except NetworkFileError as error:
        raise BadInput(error_line(error, reading_options=False)) from error


def report_bad_input(message: str) -> int:
    """Print one line on stderr and return the bad-input exit code."""
    print(f"stamnett: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT
