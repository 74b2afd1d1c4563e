"""Fail a corridor (a risk group), see which sites lose routes, why, and what to fear next.

    python docs/examples/fail_a_corridor.py [NETWORK [RISK GROUP]]

Without arguments it uses the bundled network and the 60 kV power line that
carried fibre through Harstad, Sortland, Stokmarknes and Svolvær (in the
February 2024 storm a broken mast on such a line took out one of the routes
between Tromsø and Bodø).
"""

import sys

from stamnett_gui import (
    FailureScenario,
    assess_diversity,
    explain_site,
    load_default_network,
    load_network,
    run_sweep,
)

STORM_LINE = "60 kV power line Harstad–Sortland–Stokmarknes–Svolvær"


def main(argv: list[str]) -> int:
    """Run the example; 0 when every site still meets the target, 1 otherwise, 2 bad input."""
    network = load_network(argv[0]) if argv else load_default_network()
    group = argv[1] if len(argv) > 1 else STORM_LINE
    if group not in network.risk_groups_by_name:
        print(f"no risk group {group!r} in {network.name}", file=sys.stderr)
        return 2

    # 1. What the failure does: every site's diversity, against the intact network.
    storm = FailureScenario(failed_groups=frozenset({group}))
    report = assess_diversity(network, storm, target=3, measure="risk")
    print(f"{network.name}, {storm}")
    print(report.summary())

    # 2. Why: each site that lost diversity, with its routes and weakest cut.
    for site in report.lost:
        print()
        print(explain_site(network, storm, site.site_id, measure="risk"))

    # 3. What next: the risk groups whose loss on top of this one hurts most.
    sweep = run_sweep(network, of="groups", measure="risk", scenario=storm)
    print()
    print(sweep.format(top=3))
    return 0 if report.all_compliant else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
