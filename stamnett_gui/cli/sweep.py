"""``stamnett sweep``: every single failure (N-1) or pair (N-2), ranked by harm.

Exit status: 0 when no failure pushes a site below the target, 1 when some
do, 2 for bad input. A progress bar goes to standard error when that is a
terminal.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from typing import TextIO

from stamnett_gui.cli.analyse import add_settings_options, write_output
from stamnett_gui.cli.common import BadInput, read_settings, report_bad_input
from stamnett_gui.cli.workers import add_worker_options, executor_from
from stamnett_gui.domain.sweep import SweepResult

EXIT_NONE_CRITICAL = 0
EXIT_SOME_CRITICAL = 1


class ProgressBar:
    """A one-line bar on a terminal stream, redrawn at most ten times a second."""

    def __init__(self, label: str, stream: TextIO, width: int = 30) -> None:
        self.label = label
        self.stream = stream
        self.width = width
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        """Show ``done`` of ``total``."""
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        filled = self.width * done // max(total, 1)
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total}")
        self.stream.flush()

    def clear(self) -> None:
        """Remove the bar from the line."""
        self.stream.write("\r" + " " * (len(self.label) + self.width + 30) + "\r")
        self.stream.flush()


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``sweep`` subcommand."""
    parser = subparsers.add_parser(
        "sweep",
        help="fail every link, site or risk group (or every pair) and rank the harm",
        description=(
            "Fail each element (N-1) or each pair of elements (N-2) on top of the scenario and "
            "rank them: most sites pushed below target, then most isolated. N-2 lists the pairs "
            "that do more than either failure alone. Exit status 0: no failure pushes a site "
            "below target; 1: some do; 2: bad input."
        ),
    )
    parser.add_argument("--order", type=int, choices=(1, 2), default=1,
                        help="1: single failures (default); 2: pairs")
    parser.add_argument("--of", choices=("links", "sites", "groups"), default="links",
                        help="what to fail (default: links)")
    parser.add_argument("--top", type=int, default=20, metavar="N",
                        help="rows in the table (default 20; JSON and CSV list all)")
    add_settings_options(parser)
    add_worker_options(parser)
    parser.set_defaults(func=run)


def render(result: SweepResult, fmt: str, top: int) -> str:
    """The ranking as a table, JSON or CSV text."""
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["rank", "failure", "below_target", "isolated", "lost", "failed",
                         "sites_below_target", "sites_isolated"])
        for rank, impact in enumerate(result.ranking, 1):
            writer.writerow([rank, " + ".join(impact.elements), len(impact.below_target),
                             len(impact.isolated), len(impact.lost), len(impact.failed),
                             ";".join(impact.below_target), ";".join(impact.isolated)])
        return out.getvalue()
    left_out = len(result.ranking) - top
    if left_out <= 0:
        return result.format(top) + "\n"
    return (result.format(top) + f"\n  ... {left_out:,} more row{'s' * (left_out != 1)} left out; "
            f"show them with --top {len(result.ranking)}, or every row with --format csv or json\n")


def run(args: argparse.Namespace) -> int:
    """Sweep and print the ranking; 0 none critical, 1 some critical, 2 bad input."""
    from stamnett_gui.analysis.executors import WorkerFailed
    from stamnett_gui.analysis.sweep import run_sweep

    try:
        settings = read_settings(args)
        if args.top < 1:
            raise BadInput(f"--top must be at least 1, not {args.top}")
        bar = None
        if sys.stderr.isatty():
            bar = ProgressBar(f"N-{args.order} sweep of {args.of}", sys.stderr)
        try:
            with executor_from(args) as (executor, workers):
                result = run_sweep(settings.network, order=args.order, of=args.of,
                                   measure=settings.measure, target=settings.target,
                                   scenario=settings.scenario, progress=bar,
                                   executor=executor, workers=workers)
        except (ValueError, WorkerFailed) as error:
            raise BadInput(str(error)) from error
        finally:
            if bar is not None:
                bar.clear()
        write_output(render(result, args.format, args.top), args.output)
    except BadInput as error:
        return report_bad_input(str(error))
    return EXIT_SOME_CRITICAL if result.critical else EXIT_NONE_CRITICAL
