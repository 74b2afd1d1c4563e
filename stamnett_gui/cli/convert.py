"""``stamnett convert IN OUT``: read a network in any format, write it in another.

The output format follows OUT's suffix (``.geojson`` the project's own,
coordinates to 6 decimals, about 0.1 m; ``.graphml``; ``.csv`` a sites and a
links table) or ``--to``. A file whose
reading found errors (links to unknown sites...) is not written unless
``--force`` is given. What reading found is summed up in a line or two (the
first finding and a count); ``--verbose`` prints every finding and
``--findings FILE`` writes them to a file. A CSV pair never replaces the other
half of an existing pair unless ``--replace-pair`` is given.
"""

from __future__ import annotations

import argparse
import sys

from stamnett_gui.cli.common import EXIT_BAD_INPUT, BadInput, report_bad_input, with_core
from stamnett_gui.cli.findings import add_findings_options, counted, finding_line, report_findings
from stamnett_gui.cli.hints import describe, error_line
from stamnett_gui.cli.import_options import add_import_options, import_from_args
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.io.loading import NetworkFormat


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``convert`` subcommand."""
    parser = subparsers.add_parser(
        "convert",
        help="convert a network file to GeoJSON, GraphML or CSV",
        description=(
            "Read a network file (GeoJSON, GraphML, Topology Zoo GML or CSV) and write it as the "
            "project's GeoJSON (.geojson, coordinates to 6 decimals: 0.1 m), GraphML (.graphml) "
            "or a CSV pair (.csv: NAME-sites.csv and NAME-links.csv)."
        ),
    )
    parser.add_argument("network", metavar="IN", help="the network file to read")
    parser.add_argument("output", metavar="OUT", nargs="?", help="the file to write")
    parser.add_argument("--output", "-o", dest="output_option", metavar="OUT",
                        help="the file to write (instead of the OUT argument)")
    parser.add_argument("--to", choices=("geojson", "graphml", "csv"),
                        help="write this format whatever OUT's suffix")
    parser.add_argument(
        "--core", metavar="SITES",
        help="set the core: comma-separated site ids, or 'auto', 'capitals' (sites nearest Oslo, "
        "Bergen, Trondheim, Tromsø) or 'connected' (best-connected sites) to propose one",
    )
    parser.add_argument("--force", action="store_true",
                        help="write even when reading found errors (what could be read)")
    parser.add_argument("--replace-pair", action="store_true",
                        help="for a CSV pair: also replace the other file of the pair when it "
                             "exists (OUT names one file; the other is named like it)")
    add_findings_options(parser)
    add_import_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Convert; 0 written, 1 written with errors (``--force``), 2 nothing written."""
    from stamnett_gui.io.saving import files_replaced_besides, save_network

    output = args.output_option or args.output
    if output is None:
        return report_bad_input("give the file to write (OUT or --output)")
    to = NetworkFormat.STAMNETT if args.to == "geojson" else args.to
    try:  # before reading: a refusal should not wait for a large file to be read
        others = files_replaced_besides(output, to)
    except NetworkFileError as error:
        return report_bad_input(error_line(error))
    if others and not args.replace_pair:
        names = " and ".join(str(p) for p in others)
        return report_bad_input(
            f"{output} not written: a CSV pair is two files, and {names} is there already "
            "(perhaps the other half of another pair); give --replace-pair to replace it too, "
            "or choose another OUT")
    try:
        result = import_from_args(args.network, args)
    except NetworkFileError as error:
        hint = report_findings(error.findings, args, told=1) if len(error.findings) > 1 else ""
        print(f"stamnett: {error_line(error)}" + (f"; {hint}" if hint else ""), file=sys.stderr)
        return EXIT_BAD_INPUT
    if result.errors and not args.force:
        hint = report_findings(result.findings, args, told=1)
        return report_bad_input(
            f"{output} not written: reading {args.network} found {counted(result.findings)}, "
            f"the first: {describe(result.errors[0])}; fix them, or give --force to write what "
            "could be read" + (f"; {hint}" if hint else "")
        )
    if result.findings:
        if not args.verbose:
            print(f"stamnett: {finding_line(result.findings[0])}", file=sys.stderr)
        hint = report_findings(result.findings, args, told=0 if args.verbose else 1)
        if hint:
            print(f"stamnett: {counted(result.findings)} in all; {hint}", file=sys.stderr)
    network = result.network
    try:
        if args.core:
            network = with_core(network, args.core, args.network)
        written = save_network(network, output, format=to)
    except (BadInput, ValueError) as error:
        return report_bad_input(str(error))
    except NetworkFileError as error:
        return report_bad_input(error_line(error))
    names = " and ".join(str(path) for path in written)
    print(f"wrote {names} ({len(network.sites)} sites, {len(network.links)} links, "
          f"core of {len(network.core)})", file=sys.stderr)
    return 1 if result.errors else 0
