"""``stamnett analyse``: every site's path diversity under a failure scenario.

Exit status: 0 when every site meets the target, 1 when some do not (so a
planner's own pipeline can gate a change on it), 2 for bad input.
"""

from __future__ import annotations

import argparse
import sys

from stamnett_gui.cli.common import (
    BadInput,
    add_scenario_options,
    read_settings,
    report_bad_input,
)
from stamnett_gui.domain import DiversityReport, FailureScenario, Network
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.io.result_tables import (
    DELIMITERS,
    failure_rows,
    failures_csv,
    failures_json,
    sites_csv,
    sites_json,
)

EXIT_COMPLIANT = 0
EXIT_BELOW_TARGET = 1


def add_settings_options(parser: argparse.ArgumentParser) -> None:
    """NETWORK, the scenario options, --target, --measure, --core, --format and --output."""
    add_scenario_options(parser)
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table",
                        help="output format (default: table)")
    parser.add_argument("--output", "-o", metavar="FILE",
                        help="write the result to FILE instead of standard output")


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
    add_table_options(parser)
    parser.set_defaults(func=run)


def add_table_options(parser: argparse.ArgumentParser) -> None:
    """--table (the sites or the failure list), and the CSV options for Excel: --delimiter, --bom."""
    parser.add_argument("--table", choices=("sites", "failures"), default="sites",
                        help="what to write: every site's diversity (default) or the list of "
                             "failed links, sites and risk groups")
    parser.add_argument("--delimiter", choices=tuple(DELIMITERS), default=",",
                        help="CSV field separator (default ','; ';' is what Excel expects where "
                             "the decimal separator is a comma)")
    parser.add_argument("--bom", action="store_true",
                        help="start the CSV with a byte-order mark, so that Excel reads it as UTF-8")


def render(report: DiversityReport, network: Network, fmt: str, *, table: str = "sites",
           delimiter: str = ",", bom: bool = False) -> str:
    """The report (or its failure list) as a table, JSON or CSV text."""
    scenario = report.scenario
    if table == "failures":
        if fmt == "json":
            return failures_json(scenario, network)
        if fmt == "csv":
            return failures_csv(scenario, network, delimiter=delimiter, bom=bom)
        return _failure_table(scenario, network)
    if fmt == "json":
        return sites_json(report, network)
    if fmt == "csv":
        return sites_csv(report, network, delimiter=delimiter, bom=bom)
    return _table(report, network)


def _failure_table(scenario: FailureScenario, network: Network) -> str:
    rows = failure_rows(scenario, network)
    lines = [f"{network.name}: {scenario}"]
    for row in rows:
        lines.append(f"{row['kind']:<10}  {row['name']}  ({row['links_down']} links down)"
                     + (f"  {row['description']}" if row["description"] else ""))
    if not rows:
        lines.append("nothing is failed")
    return "\n".join(lines) + "\n"


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
        write_output(render(report, settings.network, args.format, table=args.table,
                            delimiter=args.delimiter, bom=args.bom), args.output)
    except BadInput as error:
        return report_bad_input(str(error))
    return EXIT_COMPLIANT if report.all_compliant else EXIT_BELOW_TARGET
