"""``stamnett analyse``: every site's path diversity under a failure scenario.

Exit status: 0 when every site meets the target, 1 when some do not (so a
planner's own pipeline can gate a change on it), 2 for bad input.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from dataclasses import dataclass

from stamnett_gui.cli.common import BadInput, add_network_argument, open_network, report_bad_input, with_core
from stamnett_gui.domain import DiversityReport, FailureScenario, Measure, Network
from stamnett_gui.domain.scenario import UnknownElementError
from stamnett_gui.io.errors import NetworkFileError

EXIT_COMPLIANT = 0
EXIT_BELOW_TARGET = 1


@dataclass(frozen=True)
class Settings:
    """What the analysis commands share, checked: network, scenario, target, measure."""

    network: Network
    scenario: FailureScenario
    target: int
    measure: Measure


def add_settings_options(parser: argparse.ArgumentParser) -> None:
    """NETWORK, the scenario options, --target, --measure, --core, --format and --output."""
    add_network_argument(parser)
    scenario = parser.add_argument_group("failure scenario (all of them add up)")
    scenario.add_argument("--fail", nargs="+", action="extend", default=[], metavar="ID",
                          help="link ids to fail")
    scenario.add_argument("--fail-site", nargs="+", action="extend", default=[], metavar="ID",
                          help="site ids to fail (their links go down with them)")
    scenario.add_argument("--fail-group", nargs="+", action="extend", default=[], metavar="NAME",
                          help="risk groups to fail (every link and site in them)")
    scenario.add_argument("--scenario", metavar="FILE",
                          help="a scenario file (JSON with failed_links, failed_sites, "
                               "failed_groups)")
    parser.add_argument("--target", metavar="K",
                        help="the diversity every site must have, 1 to 10 "
                             "(default: the network's, 3 by NHN's promise)")
    parser.add_argument("--measure", choices=[m.value for m in Measure], default="edge",
                        help="count routes that share no link (edge, default), no link and no "
                             "site (node), or the fewest risk groups that cut a site off (risk)")
    parser.add_argument("--core", metavar="ID,...",
                        help="comma-separated ids of the core sites (for files that mark none, "
                             "or to try another core)")
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table",
                        help="output format (default: table)")
    parser.add_argument("--output", "-o", metavar="FILE",
                        help="write the result to FILE instead of standard output")


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
        raise BadInput(f"{source} marks no core sites; name them with --core ID,...")
    return network


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
    try:
        scenario.check_against(network)
    except UnknownElementError as error:
        raise BadInput(f"{error} in {source}") from error
    return Settings(network, scenario, target, Measure(args.measure))


def write_output(text: str, path: str | None) -> None:
    """Print ``text``, or write it to ``path`` whole (:class:`BadInput` if that fails)."""
    if path is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from stamnett_gui.io.atomic_files import write_atomically

    try:
        write_atomically(path, text.encode("utf-8"))
    except NetworkFileError as error:
        raise BadInput(error.one_line()) from error
    print(f"wrote {path}", file=sys.stderr)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``analyse`` subcommand."""
    parser = subparsers.add_parser(
        "analyse",
        help="path diversity of every site under a failure scenario",
        description=(
            "Count each site's independent routes to the core with the given links, sites and "
            "risk groups down. Exit status 0: every site meets the target; 1: some do not; "
            "2: bad input. Give NETWORK before the --fail lists."
        ),
    )
    add_settings_options(parser)
    parser.set_defaults(func=run)


def render(report: DiversityReport, network: Network, fmt: str) -> str:
    """The report as a table, JSON or CSV text."""
    if fmt == "json":
        data = {"network": network.name, **report.to_dict()}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", "name", "diversity", "baseline", "status", "lost"])
        for s in report.sites:
            writer.writerow([s.site_id, s.name, s.diversity, s.baseline, s.status.value,
                             "yes" if s.lost else "no"])
        return out.getvalue()
    return _table(report, network)


def _table(report: DiversityReport, network: Network) -> str:
    def shown(value: int) -> str:
        return f"{value}+" if value >= report.cap else str(value)

    width_id = max([len(s.site_id) for s in report.sites] + [4])
    width_name = max([len(s.name) for s in report.sites] + [4])
    lines = [f"{network.name}: {report.scenario}", report.summary(), ""]
    lines.append(f"{'site':<{width_id}}  {'name':<{width_name}}  {'now':>4}  {'intact':>6}  "
                 "status")
    for s in report.sites:
        mark = "  LOST" if s.lost else ""
        lines.append(f"{s.site_id:<{width_id}}  {s.name:<{width_name}}  {shown(s.diversity):>4}  "
                     f"{shown(s.baseline):>6}  {s.status.value}{mark}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Analyse and print; 0 all compliant, 1 some below target, 2 bad input."""
    from stamnett_gui.analysis.diversity import assess_diversity

    try:
        settings = read_settings(args)
        try:
            report = assess_diversity(settings.network, settings.scenario, settings.target,
                                      settings.measure)
        except ValueError as error:
            raise BadInput(str(error)) from error
        write_output(render(report, settings.network, args.format), args.output)
    except BadInput as error:
        return report_bad_input(str(error))
    return EXIT_COMPLIANT if report.all_compliant else EXIT_BELOW_TARGET
