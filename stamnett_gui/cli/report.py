"""``stamnett report``: the evidence pack (a PDF) for a scenario, or for every scenario of a workshop.

Exit status: 0 when the pack is written, 2 for bad input (nothing is written then).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from stamnett_gui.cli.common import BadInput, Settings, add_scenario_options, read_settings, report_bad_input
from stamnett_gui.domain import Measure

if TYPE_CHECKING:  # the window's modules load Qt: only when a pack is made
    from stamnett_gui.ui.evidence_pack import EvidencePack


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``report`` subcommand."""
    parser = subparsers.add_parser(
        "report",
        help="the evidence pack: one PDF with maps before and after, affected sites, routes, "
             "cuts and the method",
        description=(
            "Write an evidence pack a risk report can quote: a cover (network and its content "
            "hash, the scenarios), for each scenario the map before and after, what failed, the "
            "affected sites with their diversity before and after, each one's remaining routes "
            "and minimum cut, and the method and data sources. One scenario from the --fail "
            "options or --scenario FILE, or every scenario of --workshop FILE. Give NETWORK "
            "before the --fail lists."
        ),
    )
    add_scenario_options(parser)
    parser.add_argument("--workshop", metavar="FILE",
                        help="a workshop file: one section per scenario, with its own measure and "
                             "target where it names them")
    parser.add_argument("--output", "-o", required=True, metavar="FILE.pdf", help="the PDF to write")
    parser.add_argument("--title", help="the cover's title (default: the scenario's or workshop's)")
    parser.add_argument("--fit", choices=("affected", "norway", "sites"), default="affected",
                        help="what the maps show: what the scenario affects (default), mainland "
                             "Norway, or every site")
    parser.set_defaults(func=run)


def _single(args: argparse.Namespace, settings: Settings) -> EvidencePack:
    from stamnett_gui.ui.evidence_pack import EvidencePack, PackSection
    from stamnett_gui.ui.export_caption import scenario_name, scenario_notes

    title, notes = "", ""
    if args.scenario:
        from stamnett_gui.io.scenario_file import read_scenario_file

        named = read_scenario_file(args.scenario).named  # read and checked once already
        title, notes = named.title.strip(), named.notes.strip()
    title = title or scenario_name(settings.network, settings.scenario)
    notes = notes or scenario_notes(settings.network, settings.scenario)
    section = PackSection(title, settings.scenario, notes, settings.measure, settings.target, args.fit)
    return EvidencePack(settings.network, (section,), args.title or "")


def _workshop(args: argparse.Namespace, settings: Settings) -> EvidencePack:
    from stamnett_gui.io.errors import NetworkFileError
    from stamnett_gui.io.workshop_file import read_workshop_file
    from stamnett_gui.ui.evidence_pack import EvidencePack, PackSection

    network = settings.network
    try:
        read = read_workshop_file(args.workshop, network)
    except NetworkFileError as error:
        raise BadInput(error.one_line()) from error
    for number, missing in enumerate(read.missing, start=1):
        if missing:  # a pack that silently leaves failures out would mislead its reader
            listed = ", ".join(str(m) for m in missing[:5]) + (", …" if len(missing) > 5 else "")
            raise BadInput(f"{args.workshop}: scenario {number} fails what "
                           f"{args.network or 'the bundled network'} lacks ({listed}); was it "
                           "made on another network?")
    for warning in read.warnings:
        print(f"stamnett: warning: {args.workshop}: {warning}", file=sys.stderr)
    workshop = read.workshop
    if not workshop.scenarios:
        raise BadInput(f"{args.workshop}: the workshop has no scenarios")
    sections = []
    for number, named in enumerate(workshop.scenarios, start=1):
        view = named.view
        frame = (view.west, view.south, view.east, view.north) if view is not None else args.fit
        sections.append(PackSection(
            named.title or f"Scenario {number}", named.scenario, named.notes,
            Measure(named.measure) if named.measure is not None else settings.measure,
            named.target if named.target is not None else settings.target, frame))
    return EvidencePack(network, tuple(sections), args.title or workshop.title, workshop.notes)


def run(args: argparse.Namespace) -> int:
    """Analyse, render and write the pack; 0 on success, 2 on bad input."""
    try:
        if Path(args.output).suffix.casefold() != ".pdf":
            raise BadInput(f"{Path(args.output).name}: an evidence pack is a PDF; name the file .pdf")
        if args.workshop and (args.scenario or args.fail or args.fail_site or args.fail_group):
            raise BadInput("--workshop brings its own scenarios; leave out --scenario and --fail…")
        settings = read_settings(args)
        pack = _workshop(args, settings) if args.workshop else _single(args, settings)
        from stamnett_gui.ui.evidence_pack import export_evidence_pack
        from stamnett_gui.ui.export import ExportError

        try:
            export_evidence_pack(args.output, pack)
        except ExportError as error:
            raise BadInput(str(error)) from error
        except ValueError as error:  # the analysis refused a setting
            raise BadInput(str(error)) from error
    except BadInput as error:
        return report_bad_input(str(error))
    count = len(pack.sections)
    print(f"wrote {args.output} ({count} scenario{'s' if count != 1 else ''})", file=sys.stderr)
    return 0
