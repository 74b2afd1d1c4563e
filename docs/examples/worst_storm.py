"""Where would a storm of R km hurt most, which sites fall to the smallest disk, and which pairs are weak.

    python docs/examples/worst_storm.py [NETWORK [RADIUS_KM [WORKERS]]]

Without arguments it uses the bundled network, a 30 km storm and every core.
It prints the three worst places for the storm (each as a hazard circle that
can be pasted into a scenario file), the sites with the smallest survival
radius, and the pairs of sites with fewer independent routes than the target.
"""

import json
import sys

from stamnett_gui import (
    all_pairs,
    load_default_network,
    load_network,
    regional_failures,
    survival_radius,
    sweep,
)


def main(argv: list[str]) -> int:
    """Run the example; 0 on success."""
    network = load_network(argv[0]) if argv else load_default_network()
    radius = float(argv[1]) if len(argv) > 1 else 30.0
    workers = int(argv[2]) if len(argv) > 2 else None  # None: one per core, when it pays

    storms = regional_failures(network, radius, workers=workers)
    print(storms.headline())
    for failure in storms.failures[:3]:
        print(" ", failure.describe(storms.names))
        print("   ", json.dumps(failure.disk.to_dict()))

    survival = survival_radius(network, workers=workers)
    print(survival.headline())
    smallest = sorted((s for s in survival.sites if s.radius_km is not None),
                      key=lambda s: s.radius_km or 0)
    for site in smallest[:3]:
        print(f"  {site.name}: {site.radius_km} km, disk {json.dumps(site.disk.to_dict())}")

    n1 = sweep(network, order=1, of="links", workers=workers)
    print(n1.headline())

    pairs = all_pairs(network)
    print(pairs.format(top=3))
    return 0


if __name__ == "__main__":  # the guard lets worker processes import this file safely
    sys.exit(main(sys.argv[1:]))
