"""What every subcommand shares: loading the network, reporting bad input."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, replace

from stamnett_gui.cli.hints import error_line
from stamnett_gui.domain import FailureScenario, Measure, Network
from stamnett_gui.domain.scenario import UnknownElementError
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


@dataclass(frozen=True)
class Settings:
    """What the analysis commands share, checked: network, scenario, target, measure."""

    network: Network
    scenario: FailureScenario
    target: int
    measure: Measure


def add_scenario_options(parser: argparse.ArgumentParser) -> None:
    """NETWORK, the scenario options (--fail…, --scenario), --target, --measure and --core."""
    add_network_argument(parser)
    scenario = parser.add_argument_group("failure scenario (all of them add up)")
    scenario.add_argument("--fail", nargs="+", action="extend", default=[], metavar="ID",
                          help="link ids to fail")
    scenario.add_argument("--fail-site", nargs="+", action="extend", default=[], metavar="ID",
                          help="site ids to fail (their links go down with them)")
    scenario.add_argument("--fail-group", nargs="+", action="extend", default=[], metavar="NAME",
                          help="risk groups to fail (every link and site in them)")
    scenario.add_argument("--scenario", metavar="FILE",
                          help="a scenario file (JSON: failed links, sites and risk groups, "
                               "hazard areas; see docs/scenario-format.md)")
    parser.add_argument("--target", metavar="K",
                        help="the diversity every site must have, 1 to 10 "
                             "(default: the network's, 3 by NHN's promise)")
    parser.add_argument("--measure", choices=[m.value for m in Measure], default="edge",
                        help="count routes that share no link (edge, default), no link and no "
                             "site (node), or the fewest risk groups that cut a site off (risk)")
    parser.add_argument("--core", metavar="ID,...|auto|capitals|connected",
                        help="the core sites: comma-separated ids, or 'auto', 'capitals' (the "
                             "sites nearest Oslo, Bergen, Trondheim, Tromsø) or 'connected' (the "
                             "best-connected sites) to propose one, as the window does for files "
                             "that mark none")


def _target(text: str | None, network: Network) -> int:
    if text is None:
        return network.target
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 10 or str(value) != text.strip():
        raise BadInput(f"--target must be a whole number from 1 to 10, not {text!r}")
    return value


def _core(text: str | None, network: Network, source: str) -> Network:
    if text is not None:
        network = with_core(network, text, source)
    if not network.core:
        raise BadInput(f"{source} marks no core sites; {core_advice(network)}")
    return network


def core_advice(network: Network) -> str:
    """Which ``--core`` would do for a network that marks no core, as the window proposes one.

    ``'give --core auto for the sites nearest Oslo, Bergen, Trondheim and Tromsø (A, B, C, D),
    --core connected for the best-connected sites, or --core ID,... to name them'``.
    """
    from stamnett_gui.analysis.core_proposal import core_candidates

    by_id = network.sites_by_id
    capitals = core_candidates(network, "capitals")
    connected = core_candidates(network, "connected")

    def names(found: list[tuple[str, str]]) -> str:
        return ", ".join(by_id[site_id].name or site_id for site_id, _ in found)

    if len(capitals) >= 3:  # what "auto" takes: a Norwegian network
        auto = f"the sites nearest Oslo, Bergen, Trondheim and Tromsø ({names(capitals)})"
        other = "--core connected for the best-connected sites"
    else:
        auto = f"the {len(connected)} best-connected sites ({names(connected)})"
        other = ("--core capitals for the sites nearest Oslo, Bergen, Trondheim and Tromsø"
                 if capitals else "")
    if not connected:
        return "name them with --core ID,... (no site has a link, so none can be proposed)"
    return (f"give --core auto for {auto}, " + (f"{other}, " if other else "")
            + "or --core ID,... to name them")


def _checked_areas(scenario: FailureScenario, path: str) -> FailureScenario:
    """The scenario's hazard areas as the window takes them: repairs said, unusable ones left out."""
    if not scenario.hazard_areas:
        return scenario
    from stamnett_gui.analysis.hazards import review_areas

    review = review_areas(scenario)
    for note in review.notes:
        print(f"stamnett: warning: {path}: {note}", file=sys.stderr)
    return review.scenario


def read_settings(args: argparse.Namespace) -> Settings:
    """Open the network and check every option; :class:`BadInput` names the first bad value."""
    network = open_network(args.network)
    source = args.network or "the bundled network"
    network = _core(args.core, network, source)
    target = _target(args.target, network)
    scenario = FailureScenario(frozenset(args.fail), frozenset(args.fail_site),
                               frozenset(args.fail_group))
    if args.scenario:
        from stamnett_gui.io.scenario_file import read_scenario

        try:
            scenario = read_scenario(args.scenario, network) | scenario
        except NetworkFileError as error:
            raise BadInput(error.one_line()) from error
        scenario = _checked_areas(scenario, args.scenario)
    try:
        scenario.check_against(network)
    except UnknownElementError as error:
        raise BadInput(f"{error} in {source}") from error
    return Settings(network, scenario, target, Measure(args.measure))
