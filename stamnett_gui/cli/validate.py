"""``stamnett validate [FILE]``: what is wrong with a network file, and what reading it changed.

Without FILE the bundled network is validated, as every command uses it without NETWORK.

Exit status: 0 when clean, 1 with warnings only, 2 with errors (or when the
file cannot be read at all).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from typing import Any

from stamnett_gui.cli.common import EXIT_BAD_INPUT
from stamnett_gui.cli.hints import error_line, hinted_message
from stamnett_gui.cli.import_options import add_import_options, import_from_args
from stamnett_gui.io.errors import Finding, NetworkFileError, Severity

EXIT_CLEAN = 0
EXIT_WARNINGS = 1


@dataclass(frozen=True)
class ReportLine:
    """One finding, from the reader (check ``"import"``) or from validation."""

    severity: str
    check: str
    where: str
    message: str
    sites: tuple[str, ...] = ()
    links: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"severity": self.severity, "check": self.check, "where": self.where,
                "message": self.message, "sites": list(self.sites), "links": list(self.links)}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``validate`` subcommand."""
    parser = subparsers.add_parser(
        "validate",
        help="check a network file and report every problem",
        description=(
            "Read a network file (GeoJSON, GraphML, Topology Zoo GML or CSV) and report what is "
            "wrong with it and what reading it changed. Exit status 0: clean; 1: warnings; "
            "2: errors."
        ),
    )
    parser.add_argument("network", metavar="FILE", nargs="?",
                        help="the network file (default: the bundled network)")
    parser.add_argument("--format", choices=("table", "json"), default="table",
                        help="report as a table (default) or as JSON")
    parser.add_argument("--no-territory", action="store_true",
                        help="skip the check that sites lie in Norway, its territorial waters or "
                             "the neighbouring countries the map draws")
    add_import_options(parser)
    parser.set_defaults(func=run)


def _from_import(finding: Finding) -> ReportLine:
    return ReportLine(finding.severity.value, "import", finding.where, hinted_message(finding))


def _land(args: argparse.Namespace) -> Any:
    """Norway and the countries the map draws, from the bundled basemap, or ``None`` (with a note)."""
    if args.no_territory:
        return None
    from stamnett_gui.analysis.validation import territory
    from stamnett_gui.io.basemap import load_basemap

    try:
        basemap = load_basemap()
        return territory(basemap.norwegian_land, neighbours=basemap.neighbours)
    except (OSError, ValueError, KeyError) as error:
        print(f"stamnett: note: the territory check was skipped (basemap unavailable: {error})",
              file=sys.stderr)
        return None


def collect_report(args: argparse.Namespace) -> tuple[list[ReportLine], dict[str, Any]]:
    """The report lines and a summary of the network; raises ``NetworkFileError``."""
    from stamnett_gui.analysis.validation import validate_network

    if args.network is None:
        from stamnett_gui.io.assembly import ImportResult
        from stamnett_gui.io.loading import NetworkFormat, load_default_network

        result = ImportResult(load_default_network(), (), NetworkFormat.STAMNETT.value)
    else:
        result = import_from_args(args.network, args)
    network = result.network
    lines = [_from_import(f) for f in result.findings]
    lines += [ReportLine(f.severity.value, f.check.value, f.where, f.message, f.sites, f.links)
              for f in validate_network(network, _land(args))]
    lines.sort(key=lambda line: line.severity != Severity.ERROR.value)
    summary = {"name": network.name, "format": result.format, "sites": len(network.sites),
               "links": len(network.links), "core": sorted(network.core)}
    return lines, summary


def exit_code(lines: list[ReportLine]) -> int:
    """2 with errors, 1 with warnings only, 0 when clean."""
    if any(line.severity == Severity.ERROR.value for line in lines):
        return EXIT_BAD_INPUT
    return EXIT_WARNINGS if lines else EXIT_CLEAN


def _print_table(path: str, lines: list[ReportLine], summary: dict[str, Any] | None) -> None:
    if summary is not None:
        core = f"core of {len(summary['core'])}" if summary["core"] else "no core"
        print(f"{path}: {summary['format']}, {summary['sites']} sites, {summary['links']} links, "
              f"{core}")
    for line in lines:
        where = f"{line.where}: " if line.where else ""
        print(f"  {line.severity:<7}  {where}{line.message}")
    errors = sum(line.severity == Severity.ERROR.value for line in lines)
    warnings = len(lines) - errors
    print(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
          if lines else "no problems found")


def run(args: argparse.Namespace) -> int:
    """Validate the file and print the report; the exit status says how it went."""
    summary: dict[str, Any] | None
    try:
        lines, summary = collect_report(args)
    except NetworkFileError as error:
        lines = [_from_import(f) for f in error.findings] or [
            ReportLine("error", "import", "", error_line(error))]
        summary = None
        print(f"stamnett: {error_line(error)}", file=sys.stderr)
    code = exit_code(lines) if summary is not None else EXIT_BAD_INPUT
    if args.format == "json":
        document = {"file": args.network or _bundled(), "readable": summary is not None, "network": summary,
                    "findings": [line.to_dict() for line in lines],
                    "errors": sum(line.severity == "error" for line in lines),
                    "warnings": sum(line.severity == "warning" for line in lines),
                    "exit_code": code}
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_table(args.network or f"the bundled network ({_bundled()})", lines, summary)
    return code


def _bundled() -> str:
    from stamnett_gui.io.resources import DEFAULT_NETWORK

    return DEFAULT_NETWORK
