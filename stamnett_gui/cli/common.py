"""What every subcommand shares: loading the network, reporting bad input."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from stamnett_gui.cli.hints import error_line
from stamnett_gui.domain import Network
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.io.loading import load_default_network, load_network

#: Exit code for bad input (a file that cannot be read, an unknown id, a bad option value).
EXIT_BAD_INPUT = 2


class BadInput(Exception):
    """Input the command cannot use; the message is one line for stderr."""


#: ``--core`` words that ask for a proposed core instead of naming the sites.
CORE_STRATEGIES = ("auto", "capitals", "connected")


def with_core(network: Network, text: str, source: str) -> Network:
    """``network`` with the core that ``--core TEXT`` names: site ids, or a proposal strategy.

    Raises :class:`BadInput` naming the first id that is not a site of ``source``.
    """
    text = text.strip()
    if text in CORE_STRATEGIES:
        from stamnett_gui.analysis.core_proposal import propose_core

        return replace(network, core=propose_core(network, text))  # type: ignore[arg-type]
    ids = [part.strip() for part in text.split(",") if part.strip()]
    if not ids:
        raise BadInput("--core needs at least one site id")
    for site_id in ids:
        if site_id not in network.sites_by_id:
            raise BadInput(f"--core: {site_id!r} is not a site of {source}")
    return replace(network, core=frozenset(ids))


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
