"""Build the example workshop on the bundled network: resources/workshops/nord-norge.json.

Run from the repository: ``python scripts/build_workshop.py`` (``--check`` exits 1 when the file
differs from what the bundled network gives now, without writing). Every id and risk-group name is
looked up in the bundled network by what it is (a name, a kind, a place), and the build stops
with a message when something is not there or not unique, so a rebuilt network cannot silently
leave the workshop naming links it no longer has.

The scenarios are the real events of docs/modelled-network.md and a few a planner would ask for:

1. the February 2024 storm in Vesterålen as its two risk groups;
2. the same storm drawn as an area over Harstad–Sortland–Stokmarknes–Svolvær;
3. the Svalbard cable pair;
4. a 2018 Finnmark-style double failure: a sea cable at Hammerfest and an exchange in Øst-Finnmark;
5. a fire at the Trondheim data centre;
6. a rock slide closing Romsdalen under Mannen.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np
import shapely

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "workshops" / "nord-norge.json"
sys.path.insert(0, str(ROOT))

from stamnett_gui.analysis.map_geometry import route_of  # noqa: E402
from stamnett_gui.analysis.projection import project, unproject  # noqa: E402
from stamnett_gui.domain import FailureScenario, HazardArea, Measure, Network, Site  # noqa: E402
from stamnett_gui.domain.workshop import MapView, NamedScenario, NetworkRef, Workshop  # noqa: E402
from stamnett_gui.io.atomic_files import write_atomically  # noqa: E402
from stamnett_gui.io.loading import load_default_network  # noqa: E402
from stamnett_gui.io.workshop_file import workshop_bytes  # noqa: E402


class BuildError(Exception):
    """The bundled network lacks something a scenario needs."""


def one(found: list[str], what: str) -> str:
    if len(found) != 1:
        raise BuildError(f"{what}: expected exactly one, found {found or 'none'}")
    return found[0]


def group(network: Network, *words: str) -> str:
    """The one risk group whose name holds every word."""
    return one([g for g in network.risk_groups_by_name if all(w in g for w in words)],
               f"risk group with {words}")


def nearest(network: Network, lon: float, lat: float, kinds: tuple[str, ...],
            within_km: float = 15.0) -> Site:
    """The site of one of ``kinds`` nearest (lon, lat), within ``within_km``."""
    def km(s: Site) -> float:
        return math.hypot((s.lon - lon) * math.cos(math.radians(lat)), s.lat - lat) * 111.2

    candidates = [s for s in network.sites if s.kind.value in kinds and math.isfinite(s.lon)]
    best = min(candidates, key=km)
    if km(best) > within_km:
        raise BuildError(f"no {'/'.join(kinds)} site within {within_km} km of ({lon}, {lat})")
    return best


def view_around(points: list[tuple[float, float]], margin_km: float = 40.0) -> MapView:
    """A lon/lat box around ``points`` with a margin, rounded to 0.01 degrees."""
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    dlat = margin_km / 111.2
    dlon = dlat / math.cos(math.radians(max(lats)))
    return MapView(round(min(lons) - dlon, 2), round(min(lats) - dlat, 2),
                   round(max(lons) + dlon, 2), round(max(lats) + dlat, 2))


def _lonlat(xy: np.ndarray) -> list[tuple[float, float]]:
    lons, lats = unproject(xy[:, 0], xy[:, 1])
    return [(round(float(x), 4), round(float(y), 4)) for x, y in zip(lons, lats, strict=True)]


def storm_area(network: Network, towns: list[Site]) -> HazardArea:
    """A storm front over the towns, drawn as a planner would: a band 12 km either side of the
    line through them, with the four sites themselves standing (own power), as in 2024."""
    x, y = project([s.lon for s in towns], [s.lat for s in towns])
    band = shapely.LineString(np.column_stack([x, y])).buffer(12_000, quad_segs=2).simplify(1_500)
    holes = [np.asarray(shapely.Point(px, py).buffer(1_500, quad_segs=2).exterior.coords)
             for px, py in zip(x, y, strict=True)]
    return HazardArea.polygon("Storm front Harstad–Svolvær",
                              _lonlat(np.asarray(band.exterior.coords)),
                              [_lonlat(h) for h in holes])


def landslide_area(network: Network) -> HazardArea:
    """A rock slide from Mannen across Romsdalen at Horgheim: a band 3 km along the valley and
    8 km across it, over the road, the railway and the river."""
    cx, cy = project([7.85], [62.47])
    along = np.array([0.58, -0.81])   # the valley runs from Åndalsnes south-east towards Dombås
    across = np.array([0.81, 0.58])
    centre = np.array([cx[0], cy[0]])
    corners = [centre + a * 1_500 * along + b * 4_000 * across
               for a, b in ((-1, -1), (1, -1), (1, 1), (-1, 1))]
    return HazardArea.polygon("Rock slide from Mannen", _lonlat(np.asarray(corners)))


def sea_cable_at(network: Network, site: Site) -> str:
    """The one sea-cable link within 20 km of ``site`` (by route)."""
    x, y = project([site.lon], [site.lat])
    here = shapely.Point(x[0], y[0])
    found = []
    for link in network.links:
        if "sea" not in link.medium:
            continue
        route = route_of(network, link)
        lx, ly = project([p[0] for p in route], [p[1] for p in route])
        if shapely.LineString(np.column_stack([lx, ly])).distance(here) < 20_000:
            found.append(link.id)
    return one(sorted(found), f"sea cable near {site.name}")


def build(network: Network) -> Workshop:
    """The workshop's scenarios, looked up in ``network``."""
    storm_groups = (group(network, "Vesterålen fibre cable"),
                    group(network, "60 kV power line", "Harstad"))
    harstad = nearest(network, 16.54, 68.80, ("hospital",))
    sortland = nearest(network, 15.41, 68.70, ("junction",))
    stokmarknes = nearest(network, 14.91, 68.56, ("hospital",))
    svolvaer = nearest(network, 14.57, 68.23, ("junction",))
    towns = [harstad, sortland, stokmarknes, svolvaer]
    vesteralen = view_around([s.position for s in towns], 60)

    longyearbyen = nearest(network, 15.55, 78.22, ("hospital",))
    andoya = nearest(network, 16.05, 69.28, ("junction",), 40)
    hammerfest = nearest(network, 23.67, 70.67, ("hospital",))
    east = nearest(network, 28.19, 70.20, ("junction",), 60)   # the exchange at Tana bru
    kirkenes = nearest(network, 30.03, 69.71, ("hospital",))
    dc = nearest(network, 10.37, 63.37, ("datacentre",))
    fire = HazardArea.circle(f"Fire at {dc.name}", dc.position, 0.3)
    slide = landslide_area(network)

    steps = (
        NamedScenario(
            "February 2024 storm in Vesterålen (risk groups)",
            "Two of the three routes between Tromsø and Bodø were down at once: a fibre cable and a "
            "broken 60 kV mast that carried fibre — two 'independent' routes that shared a risk. "
            "NHN named Harstad–Stokmarknes–Svolvær as the exposed area (NRK, 2024). "
            "Ask the room: which sites are one fault from isolation now?",
            FailureScenario(failed_groups=frozenset(storm_groups)), Measure.EDGE, 3, vesteralen),
        NamedScenario(
            "February 2024 storm, drawn over Harstad–Sortland–Stokmarknes–Svolvær",
            "The same storm as an area on the map: everything that crosses it fails, not only the "
            "two lines that broke in 2024. The towns themselves (hospitals, exchanges) stand. "
            "Compare with the previous step: how much worse is a storm that takes every cable "
            "and line in the area?",
            FailureScenario().add_area(storm_area(network, towns)), Measure.EDGE, 3, vesteralen),
        NamedScenario(
            "Svalbard cable pair",
            "Both Svalbard sea cables fail together: they share their landings. One of them was "
            "damaged in January 2022. Longyearbyen has no third route in this model "
            "(satellite and radio are left out).",
            FailureScenario(failed_groups=frozenset({group(network, "Svalbard sea cable")})),
            Measure.EDGE, 3, view_around([longyearbyen.position, andoya.position], 80)),
        NamedScenario(
            "Finnmark double failure (as in 2018)",
            "In 2018 a sea-cable fault Hammerfest–Gjesvær and a human error in the Vadsø exchange cut "
            "Øst-Finnmark off for more than five hours (Telenor's network, not Stamnettet). "
            f"Here: the sea cable at Hammerfest and the exchange at {east.name}.",
            FailureScenario(failed_links=frozenset({sea_cable_at(network, hammerfest)}),
                            failed_sites=frozenset({east.id})),
            Measure.EDGE, 3, view_around([hammerfest.position, east.position, kirkenes.position], 60)),
        NamedScenario(
            f"Fire at {dc.name}",
            "A fire closes one of NHN's two data centres. The data centres are core sites: the "
            "rest of the core must still reach each other, and every site the core.",
            FailureScenario().add_area(fire), Measure.NODE, 3, view_around([dc.position], 25)),
        NamedScenario(
            "Rock slide closes Romsdalen",
            "Mannen, the mountainside above Horgheim in Romsdalen, is watched day and night by NVE: "
            "a slide would close the E136 and Raumabanen and everything else in the valley floor. "
            "Ask the room: which sites lose a route, and where does their traffic go instead?",
            FailureScenario().add_area(slide), Measure.EDGE, 3,
            view_around([p for ring in slide.rings for p in ring], 60)),
    )
    return Workshop("Nord-Norge and beyond: a resilience workshop", steps, NetworkRef.of(network),
                    "Made on the bundled (modelled) network by scripts/build_workshop.py; the events "
                    "are those of docs/modelled-network.md.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the file differs from a fresh build; write nothing")
    args = parser.parse_args()
    try:
        data = workshop_bytes(build(load_default_network()))
    except BuildError as error:
        print(f"build_workshop: {error}", file=sys.stderr)
        return 2
    if args.check:
        same = OUT.is_file() and OUT.read_bytes() == data
        print(f"{OUT.relative_to(ROOT)} is {'up to date' if same else 'out of date'}")
        return 0 if same else 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(OUT, data)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
