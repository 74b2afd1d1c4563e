"""``stamnett regional`` and ``stamnett survival``: failures of everything within r km of a point.

``regional`` lists every distinct set of links and sites a disk of the given
radius can take down, worst first; exit status 0 when none pushes a site
below target, 1 when some do, 2 for bad input. ``survival`` gives each site
the smallest disk that leaves it standing yet pushes it below target; exit
status 0, or 2 for bad input. Disks print in the shape of a scenario file's
hazard circle, ``{"center": [lon, lat], "radius_km": R}``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys

from stamnett_gui.cli.analyse import add_settings_options, write_output
from stamnett_gui.cli.common import BadInput, read_settings, report_bad_input
from stamnett_gui.cli.sweep import ProgressBar
from stamnett_gui.cli.workers import add_worker_options, executor_from
from stamnett_gui.domain.regional import RegionalResult, SurvivalResult

EXIT_NONE_CRITICAL = 0
EXIT_SOME_CRITICAL = 1


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``regional`` and ``survival`` subcommands."""
    regional = subparsers.add_parser(
        "regional",
        help="every distinct failure a disk of R km can cause (storms, floods), worst first",
        description=(
            "A disk of radius R km fails every link whose route passes within it and every site "
            "inside it. List every distinct set of links and sites such a disk can take down, on "
            "top of the scenario, ranked by the sites it pushes below target. Links without a "
            "route count as straight lines. Exit status 0: no disk pushes a site below target; "
            "1: some do; 2: bad input."
        ),
    )
    regional.add_argument("--radius-km", required=True, metavar="R",
                          help="the disk's radius in km (above 0, within the map)")
    regional.add_argument("--top", type=int, default=20, metavar="N",
                          help="rows in the table (default 20; JSON and CSV list all)")
    add_settings_options(regional)
    add_worker_options(regional)
    regional.set_defaults(func=run_regional)

    survival = subparsers.add_parser(
        "survival",
        help="per site, the smallest disk that leaves it standing yet pushes it below target",
        description=(
            "For every site, the smallest radius (to the whole km) of a disk that does not cover "
            "the site but takes down enough of its routes to push it below target, and where that "
            "disk stands. A small radius means the site's routes leave it through one narrow "
            "place. Exit status 0, or 2 for bad input."
        ),
    )
    survival.add_argument("--max-radius-km", metavar="R",
                          help="search no further (default: the network's extent)")
    add_settings_options(survival)
    add_worker_options(survival)
    survival.set_defaults(func=run_survival)


def _radius(text: str, option: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise BadInput(f"{option} must be a number of km, not {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise BadInput(f"{option} must be a number of km above 0, not {text!r}")
    return value


def render_regional(result: RegionalResult, fmt: str, top: int) -> str:
    """The worst places as a table, JSON or CSV text."""
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["rank", "lon", "lat", "radius_km", "below_target", "isolated", "lost",
                         "links_down", "sites_down", "sites_below_target", "sites_isolated"])
        for rank, f in enumerate(result.failures, 1):
            writer.writerow([rank, f.disk.center[0], f.disk.center[1], f.disk.radius_km,
                             len(f.below_target), len(f.isolated), len(f.lost),
                             ";".join(f.links), ";".join(f.sites), ";".join(f.below_target),
                             ";".join(f.isolated)])
        return out.getvalue()
    text = result.format(top) + "\n"
    left_out = len(result.failures) - top
    if left_out > 0:
        text += (f"  ... {left_out:,} more row{'s' * (left_out != 1)} left out; show them with "
                 f"--top {len(result.failures)}, or every row with --format csv or json\n")
    return text


def render_survival(result: SurvivalResult, fmt: str) -> str:
    """Every site's survival radius as a table, JSON or CSV text."""
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", "name", "survival_radius_km", "lon", "lat", "note"])
        for s in result.sites:
            lon, lat = s.disk.center if s.disk else ("", "")
            writer.writerow([s.site_id, s.name, "" if s.radius_km is None else s.radius_km,
                             lon, lat, s.note])
        return out.getvalue()
    return result.format() + "\n"


def run_regional(args: argparse.Namespace) -> int:
    """Regional failures of one radius; 0 none critical, 1 some critical, 2 bad input."""
    from stamnett_gui.analysis.executors import WorkerFailed
    from stamnett_gui.analysis.regional import regional_failures

    try:
        radius = _radius(args.radius_km, "--radius-km")
        if args.top < 1:
            raise BadInput(f"--top must be at least 1, not {args.top}")
        settings = read_settings(args)
        bar = ProgressBar(f"disks of {radius:g} km", sys.stderr) if sys.stderr.isatty() else None
        try:
            with executor_from(args) as (executor, workers):
                result = regional_failures(settings.network, radius, scenario=settings.scenario,
                                           measure=settings.measure, target=settings.target,
                                           progress=bar, executor=executor, workers=workers)
        except (ValueError, WorkerFailed) as error:
            raise BadInput(str(error)) from error
        finally:
            if bar is not None:
                bar.clear()
        write_output(render_regional(result, args.format, args.top), args.output)
    except BadInput as error:
        return report_bad_input(str(error))
    return EXIT_SOME_CRITICAL if result.critical else EXIT_NONE_CRITICAL


def run_survival(args: argparse.Namespace) -> int:
    """Every site's survival radius; 0, or 2 for bad input."""
    from stamnett_gui.analysis.executors import WorkerFailed
    from stamnett_gui.analysis.survival import survival_radius

    try:
        limit = None
        if args.max_radius_km is not None:
            limit = math.ceil(_radius(args.max_radius_km, "--max-radius-km"))
        settings = read_settings(args)
        bar = ProgressBar("survival radii", sys.stderr) if sys.stderr.isatty() else None
        try:
            with executor_from(args) as (executor, workers):
                result = survival_radius(settings.network, scenario=settings.scenario,
                                         measure=settings.measure, target=settings.target,
                                         max_radius_km=limit, progress=bar, executor=executor,
                                         workers=workers)
        except (ValueError, WorkerFailed) as error:
            raise BadInput(str(error)) from error
        finally:
            if bar is not None:
                bar.clear()
        write_output(render_survival(result, args.format), args.output)
    except BadInput as error:
        return report_bad_input(str(error))
    return 0
