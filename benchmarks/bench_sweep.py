"""N-1 sweeps on one and two workers, side by side with the way they were done before.

    python benchmarks/bench_sweep.py            # 5,000-site synthetic network and the bundled one
    python benchmarks/bench_sweep.py --quick    # 1,000 sites

Each case runs in a fresh process, so its peak memory (the process and its
worker processes, from ``getrusage``) is its own. The cases:

* **derive** (before): each failure derived from the base state with
  ``DiversityEngine.state``, which copies every per-site and per-arc list
  (what the sweep did until the in-place probe); timed on a sample of links
  and scaled to all of them;
* **1 worker**: ``run_sweep(..., workers=1)``, in the process;
* **2 workers**: ``run_sweep(..., workers=2)``: this process and a pool of one
  more (start-up included);
* **ideal 2**: the most two processes can do on this machine: the engine
  built here, then this process and one forked copy each fail half of the
  links with nothing sent back (no pool, no results, no progress); the
  ratio of 1 worker to this is the ceiling for "2 workers vs 1" here;
* **window**: Analysis → Sweep in the real window, offscreen, on the bundled
  network: Run pressed to the heat map drawn.

The machine these numbers come from may be shared: the ratio of the two
worker counts is only as good as the cores that were free.
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

TARGET = 3
SAMPLE = 1500





def case(label: str, how: str) -> dict[str, float]:
    """One measurement, in this process."""
    from stamnett_gui.analysis.diversity import DiversityEngine
    from stamnett_gui.analysis.sweep import run_sweep
    from stamnett_gui.domain import FailureScenario

    network = network_named(label)
    start = time.perf_counter()
    if how == "derive":
        engine = DiversityEngine(network, TARGET, "edge")
        base_key = engine.key(FailureScenario())
        base = engine.state(base_key)
        links = list(range(len(network.links)))[:SAMPLE]
        t0 = time.perf_counter()
        for e in links:
            engine.state(type(base_key)(frozenset({e}), frozenset()), base)
        per = (time.perf_counter() - t0) / len(links)
        seconds = (t0 - start) + per * len(network.links)
        critical = -1
    elif how == "ideal":
        import multiprocessing

        from stamnett_gui.analysis.sweep import ElementKind, _Sweep

        sw = _Sweep(DiversityEngine(network, TARGET, "edge"), ElementKind.LINK, FailureScenario())
        half = len(sw.elements) // 2

        def run(lo: int, hi: int) -> None:
            for i in range(lo, hi):
                sw.single(i)

        other = multiprocessing.get_context("fork").Process(target=run, args=(half, len(sw.elements)))
        other.start()
        run(0, half)
        other.join()
        seconds = time.perf_counter() - start
        critical = -1
    else:
        result = run_sweep(network, order=1, of="links", target=TARGET,
                           workers=1 if how == "1" else 2)
        seconds = time.perf_counter() - start
        critical = len(result.critical)
    return {"seconds": seconds, "peak_mb": peak_mb(), "critical": critical,
            "links": len(network.links), "sites": len(network.sites)}


def window_case() -> dict[str, float]:
    """Analysis → Sweep in the real window (offscreen): Run pressed to the heat map drawn, median of 5."""
    import os as _os

    _os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from stamnett_gui.io.loading import load_default_network
    from stamnett_gui.ui.main_window import MainWindow
    from stamnett_gui.ui.session import Session

    app = QApplication.instance() or QApplication([])
    window = MainWindow(Session(load_default_network(), synchronous=True))
    window.show()
    app.processEvents()
    panel = window.sweep_panel
    times = []
    for _ in range(5):
        panel.result_key = None
        start = time.perf_counter()
        panel.run()
        while panel.result_key is None or not panel.heat.shown:
            app.processEvents()
        times.append(time.perf_counter() - start)
    panel.shutdown()
    return {"seconds": sorted(times)[2], "peak_mb": peak_mb(), "critical": len(panel.result.critical),
            "links": len(window.session.network.links), "sites": len(window.session.network.sites)}


def run_case(label: str, how: str) -> dict[str, float]:
    """:func:`case` in a fresh Python process."""
    out = subprocess.run([sys.executable, __file__, "--case", label, how], check=True,
                         capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 sites instead of 5,000")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each case, interleaved; the median is reported (default 3)")
    parser.add_argument("--case", nargs=2, metavar=("NETWORK", "HOW"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.case:
        print(json.dumps(window_case() if args.case[1] == "window" else case(*args.case)))
        return 0
    size = "1000" if args.quick else "5000"
    load = os.getloadavg()[0]
    print(f"cores: {os.cpu_count()}, load average before: {load:.2f}")
    runs: dict[tuple[str, str], list[dict[str, float]]] = {}
    for rep in range(args.repeat):  # interleaved, so a busy spell of the machine hits every case
        for label in (size, "bundled"):
            for how in ("derive", "1", "2", "ideal"):
                print(f"measuring {label} / {how} ({rep + 1} of {args.repeat}) ...", file=sys.stderr)
                runs.setdefault((label, how), []).append(run_case(label, how))
    rows = {key: sorted(values, key=lambda r: r["seconds"])[len(values) // 2]
            for key, values in runs.items()}
    print(f"\nN-1 sweep of links, edge measure, target {TARGET}; each case in a fresh process, "
          f"median of {args.repeat}.")
    print(f"{'network':<10}{'sites':>7}{'links':>7}{'before (derive)':>17}{'1 worker':>11}"
          f"{'2 workers':>11}{'1w/before':>11}{'2w vs 1w':>10}{'ideal 2':>10}{'peak MB 1w/2w':>16}")
    for label in (size, "bundled"):
        d, one, two, ideal = (rows[label, h] for h in ("derive", "1", "2", "ideal"))
        print(f"{label:<10}{one['sites']:>7}{one['links']:>7}{d['seconds']:>15.2f} s"
              f"{one['seconds']:>9.2f} s{two['seconds']:>9.2f} s"
              f"{d['seconds'] / one['seconds']:>10.1f}x{one['seconds'] / two['seconds']:>9.2f}x"
              f"{one['seconds'] / ideal['seconds']:>9.2f}x"
              f"{one['peak_mb']:>8.0f}/{two['peak_mb']:.0f}")
        assert one["critical"] == two["critical"]
    print(f"\n(before: timed on the first {SAMPLE:,} links and scaled to all; ideal 2: two "
          "processes failing half the links each with nothing sent back, the ceiling of two "
          "workers on this machine; peak memory is the process plus its workers)")
    window = run_case("bundled", "window")
    print(f"in the window (Analysis → Sweep, bundled, N-1 links): Run to heat map "
          f"{window['seconds']:.2f} s (median of 5), peak {window['peak_mb']:.0f} MB")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    big = rows[size, "1"], rows[size, "2"]
    ceiling = big[0]["seconds"] / rows[size, "ideal"]["seconds"]
    print(f"two workers reach {big[0]['seconds'] / big[1]['seconds'] / ceiling:.0%} of what two "
          f"processes with nothing to share reach on this machine ({ceiling:.2f}x)")
    checks = [
        (f"N-1 links at {size} sites on one worker: {big[0]['seconds']:.2f} s <= 6 s",
         big[0]["seconds"] <= 6.0),
        (f"two workers vs one: {big[0]['seconds'] / big[1]['seconds']:.2f}x >= 1.7x",
         big[0]["seconds"] / big[1]["seconds"] >= 1.7),
        (f"N-1 links of the bundled network in the window, Run to heat map: "
         f"{window['seconds']:.2f} s <= 1 s", window["seconds"] <= 1.0),
    ]
    print("\nBudgets:")
    for text, ok in checks:
        print(f"  [{'ok' if ok else 'OVER'}] {text}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
