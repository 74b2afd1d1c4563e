"""Regional failures and survival radii, side by side with the obvious arrangement.

    python benchmarks/bench_regional.py            # bundled network: r = 25, 50, 100 km, survival
    python benchmarks/bench_regional.py --big      # and the 5,000-site network (an hour or more)

Each case runs in a fresh process (its peak memory, with its workers', from
``getrusage``). The obvious alternative is the same arrangement built from
shapely's own ``buffer(route, r)`` for the links and ``buffer(point, r)`` for
the sites (round caps approximated separately, so a site's disk and its links'
caps cross in slivers): its faces are counted and timed, geometry only.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from synthetic import network_named, peak_mb  # noqa: E402


def case(label: str, what: str, radius: str, workers: str) -> dict[str, float]:
    """One measurement in this process."""
    import numpy as np
    import shapely

    from stamnett_gui.analysis.regional import map_shapes, regional_failures
    from stamnett_gui.analysis.survival import survival_radius

    network = network_named(label)
    start = time.perf_counter()
    out: dict[str, float] = {}
    if what == "regional":
        result = regional_failures(network, float(radius), workers=int(workers))
        out = {"faces": result.faces, "sets": len(result.failures),
               "critical": len(result.critical)}
    elif what == "survival":
        limit = int(radius) or None  # the search's limit in km (0: the network's extent)
        result_s = survival_radius(network, workers=int(workers), max_radius_km=limit)
        radii = [s.radius_km for s in result_s.sites if s.radius_km is not None]
        out = {"radii": len(result_s.radii_examined), "known": len(radii),
               "largest": max(radii, default=0)}
    else:  # the obvious arrangement, geometry only
        shapes = map_shapes(network, frozenset(), frozenset())
        r = float(radius) * 1000
        lines = [shapely.LineString(np.vstack([a, b])) for a, b in zip(shapes.seg_a, shapes.seg_b,
                                                                         strict=True)]
        owner = shapes.seg_owner
        routes = [shapely.union_all([lines[i] for i in np.flatnonzero(owner == k)])
                  for k in range(len(shapes.links))]
        polys = shapely.buffer(np.array(routes + list(shapely.points(shapes.site_xy))), r,
                               quad_segs=32)
        faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(
            shapely.union_all(shapely.boundary(polys)))))
        out = {"faces": len(faces)}
    out["seconds"] = time.perf_counter() - start
    out["peak_mb"] = peak_mb()
    return out


def run_case(*args: str) -> dict[str, float]:
    """:func:`case` in a fresh Python process."""
    done = subprocess.run([sys.executable, __file__, "--case", *args], check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--big", action="store_true", help="also the 5,000-site network (slow)")
    parser.add_argument("--case", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.case:
        print(json.dumps(case(*args.case)))
        return 0
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.2f}")
    checks = []
    print(f"\n{'network':<9}{'r km':>6}{'faces':>8}{'sets':>7}{'1 worker':>10}{'2 workers':>11}"
          f"{'peak MB':>9}{'   shapely buffer(): faces, geometry time':<40}")
    rows = [("bundled", r) for r in ("25", "50", "100")]
    if args.big:
        rows.append(("5000", "5"))
    for label, radius in rows:
        print(f"measuring {label} r={radius} ...", file=sys.stderr)
        one = run_case(label, "regional", radius, "1")
        two = run_case(label, "regional", radius, "2") if label == "bundled" else None
        plain = run_case(label, "plain", radius, "1") if label == "bundled" else None
        two_text = f"{two['seconds']:>9.2f}s" if two else f"{'-':>10}"
        plain_text = f"   {plain['faces']:>7,.0f} faces, {plain['seconds']:.2f} s" if plain else ""
        print(f"{label:<9}{radius:>6}{one['faces']:>8,.0f}{one['sets']:>7,.0f}{one['seconds']:>9.2f}s"
              f"{two_text}{one['peak_mb']:>9.0f}{plain_text}")
        if label == "bundled":
            best = min(one["seconds"], two["seconds"]) if two else one["seconds"]
            checks.append((f"regional failures, bundled, r = {radius} km: {best:.2f} s <= 5 s",
                           best <= 5.0))
    print("measuring survival ...", file=sys.stderr)
    surv = run_case("bundled", "survival", "0", "1")
    print(f"\nsurvival radius of every bundled site, one worker: {surv['seconds']:.2f} s, "
          f"{surv['radii']:.0f} radii examined, {surv['known']:.0f} sites with a radius, "
          f"peak {surv['peak_mb']:.0f} MB")
    checks.append((f"survival radius, bundled, one worker: {surv['seconds']:.2f} s <= 30 s",
                   surv["seconds"] <= 30.0))
    if args.big:
        # Up to 16 km: every radius of the search is an arrangement of 12,500 links' buffers,
        # and those grow with the radius (32 km took over 10 minutes alone, 7 GB).
        print("measuring survival at 5,000 sites (up to 16 km) ...", file=sys.stderr)
        big = run_case("5000", "survival", "16", "2")
        print(f"survival radius of every site of the 5,000-site network up to 16 km, two workers: "
              f"{big['seconds']:.2f} s, {big['radii']:.0f} radii examined, {big['known']:.0f} sites "
              f"with a radius, up to {big['largest']:.0f} km, peak {big['peak_mb']:.0f} MB")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    print("\nBudgets:")
    for text, ok in checks:
        print(f"  [{'ok' if ok else 'OVER'}] {text}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
