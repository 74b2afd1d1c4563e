"""Regional failures and survival radii against brute force: a dense grid of disk centres."""

from __future__ import annotations

import random

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from stamnett_gui.analysis.diversity import assess_diversity
from stamnett_gui.analysis.map_geometry import layout_network
from stamnett_gui.analysis.projection import project, unproject
from stamnett_gui.analysis.regional import _UNIT, hit_sets, map_shapes, regional_failures
from stamnett_gui.analysis.survival import survival_radius
from stamnett_gui.domain import FailureScenario, Link, Network, Site, Status

X0, Y0 = 500_000.0, 6_650_000.0  # map metres near Oslo's latitude, on the zone's meridian


def at(x_km: float, y_km: float) -> tuple[float, float]:
    lon, lat = unproject([X0 + 1000 * x_km], [Y0 + 1000 * y_km])
    return float(lon[0]), float(lat[0])


def geo_network(sites_km, links, core=("c",), bends=None) -> Network:
    """Sites at ``(x, y)`` km offsets; links between them, some bent through a waypoint."""
    bends = bends or {}
    sites = tuple(Site(sid, sid.upper(), *at(x, y)) for sid, (x, y) in sites_km.items())
    made = []
    for k, (a, b) in enumerate(links):
        route = ()
        if k in bends:
            route = (at(*sites_km[a]), at(*bends[k]), at(*sites_km[b]))
        made.append(Link(f"L{k}", a, b, route=route))
    return Network("geo", sites, tuple(made), core=frozenset(core))


def random_geo_network(rng: random.Random, n: int) -> Network:
    names = ["c"] + [f"s{i}" for i in range(n - 1)]
    sites_km = {name: (rng.uniform(0, 40), rng.uniform(0, 40)) for name in names}
    links, bends = [], {}
    for i, name in enumerate(names[1:]):
        for other in rng.sample(names[: i + 1], min(i + 1, rng.randint(1, 3))):
            if rng.random() < 0.4:
                bends[len(links)] = (rng.uniform(0, 40), rng.uniform(0, 40))
            links.append((name, other))
    return geo_network(sites_km, links, bends=bends)


def disks(centres: np.ndarray, radius_m: float):
    return shapely.polygons(centres[:, None, :] + radius_m * _UNIT[None])


def grid_hits(network: Network, radius_m: float, step_m: float):
    """Every distinct (links, sites) set the disks centred on a grid hit, with one centre each."""
    layout = layout_network(network)
    routes = [shapely.LineString(layout.link_points[lid]) for lid in layout.link_ids]
    points = shapely.points(layout.site_xy)
    low = layout.site_xy.min(axis=0) - radius_m
    high = layout.site_xy.max(axis=0) + radius_m
    xs = np.arange(low[0], high[0], step_m)
    ys = np.arange(low[1], high[1], step_m)
    centres = np.array([(x, y) for x in xs for y in ys])
    shapes = disks(centres, radius_m)
    hit_links = shapely.STRtree(routes).query(shapes, predicate="intersects")
    hit_sites = shapely.STRtree(points).query(shapes, predicate="intersects")
    per: dict[int, tuple[set[int], set[int]]] = {}
    for d, e in zip(*hit_links, strict=True):
        per.setdefault(int(d), (set(), set()))[0].add(int(e))
    for d, s in zip(*hit_sites, strict=True):
        per.setdefault(int(d), (set(), set()))[1].add(int(s))
    found = {}
    for d, (links, sites) in per.items():
        found.setdefault((tuple(sorted(links)), tuple(sorted(sites))), centres[d])
    return found


def exact_hits(network: Network, centre, radius_m: float):
    layout = layout_network(network)
    disk = disks(np.array([centre]), radius_m)[0]
    links = tuple(i for i, lid in enumerate(layout.link_ids)
                  if shapely.intersects(disk, shapely.LineString(layout.link_points[lid])))
    sites = tuple(i for i, xy in enumerate(layout.site_xy) if shapely.intersects(disk, shapely.Point(xy)))
    return links, sites


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), radius_km=st.sampled_from([2.0, 5.0, 9.0]))
@example(seed=1497232928, radius_km=5.0)  # a witness within rounding of a buffer's edge
@example(seed=75, radius_km=2.0)  # a sliver between a site's disk and its link's buffer end
def test_enumeration_covers_the_grid_and_every_set_is_real(seed, radius_km):
    network = random_geo_network(random.Random(seed), random.Random(seed).randint(4, 8))
    radius = radius_km * 1000
    found = hit_sets(map_shapes(network, frozenset(), frozenset()), radius)
    reported = set(found.sets)
    assert len(reported) == len(found.sets)  # distinct
    for hit, centre in zip(found.sets, found.witness, strict=True):
        assert exact_hits(network, centre, radius) == hit  # a disk there hits exactly this set
    grid = grid_hits(network, radius, step_m=radius / 6)
    missing = set(grid) - reported
    assert not missing, f"the grid found sets the enumeration lacks: {sorted(missing)[:3]}"


def test_a_disk_beside_a_site_cuts_its_two_links_and_leaves_it_standing():
    # h has two links to the core leaving in the same direction (east), then apart.
    network = geo_network({"c": (0, 0), "h": (20, 0)}, [("h", "c"), ("h", "c")],
                          bends={0: (10, 5), 1: (10, -5)})
    result = regional_failures(network, 3, target=2)
    worst = result.failures[0]
    assert worst.below_target == ("h",) and worst.isolated == ("h",)
    assert worst.sites == ()  # a disk that takes h itself down is not the worst
    survival = survival_radius(network, target=2)
    assert survival["h"].radius_km == 1
    assert survival["c"].radius_km is None and survival["c"].note  # the core of one site
    assert survival["h"].applies and survival["c"].applies  # no disk lowers c: its radius is endless
    # With one of h's links down, h is below target already: the question does not apply.
    down = survival_radius(network, target=2, scenario=FailureScenario(frozenset({network.links[0].id})))
    assert down["h"].radius_km is None and not down["h"].applies
    assert down["h"].note == "already below target"


def test_impacts_equal_full_assessments():
    network = random_geo_network(random.Random(3), 7)
    result = regional_failures(network, 6, target=2)
    before = assess_diversity(network, target=2)
    for failure in result.failures:
        after = assess_diversity(network, failure.scenario(), target=2)
        below = tuple(s.site_id for s, b in zip(after.sites, before.sites, strict=True)
                      if s.status is not Status.FAILED and b.diversity >= 2 > s.diversity)
        assert failure.below_target == below
        assert failure.failed == tuple(s.site_id for s in after.sites if s.status is Status.FAILED)


def test_survival_radius_is_the_smallest_by_brute_force():
    network = random_geo_network(random.Random(11), 6)
    target = 2
    result = survival_radius(network, target=target)
    base = assess_diversity(network, target=target)
    layout = layout_network(network)
    for i, site in enumerate(result.sites):
        if site.radius_km is None:
            continue
        radius = site.radius_km * 1000.0
        # The disk shown leaves the site standing and pushes it below target.
        x, y = project([site.disk.center[0]], [site.disk.center[1]])
        links, sites = exact_hits(network, (float(x[0]), float(y[0])), radius)
        assert i not in sites
        scenario = FailureScenario(frozenset(network.links[e].id for e in links),
                                   frozenset(network.sites[s].id for s in sites))
        assert assess_diversity(network, scenario, target=target)[site.site_id].diversity < target
        assert base[site.site_id].diversity >= target
        if site.radius_km == 1:
            continue
        # No disk of one km less does it (a grid of centres, every set it finds).
        smaller = (site.radius_km - 1) * 1000.0
        for (links, sites), _ in grid_hits(network, smaller, smaller / 5).items():
            if i in sites:
                continue
            scenario = FailureScenario(frozenset(network.links[e].id for e in links),
                                       frozenset(network.sites[s].id for s in sites))
            value = assess_diversity(network, scenario, target=target)[site.site_id].diversity
            assert value >= target, (site.site_id, site.radius_km, layout.site_xy[i])


def test_bad_radii_and_straight_lines():
    network = geo_network({"c": (0, 0), "a": (10, 0)}, [("a", "c"), ("a", "c")])
    for radius in (0, -5, float("nan")):
        with pytest.raises(ValueError, match="above 0"):
            regional_failures(network, radius)
    with pytest.raises(ValueError, match="larger than the map"):
        regional_failures(network, 50)
    result = regional_failures(network, 2)
    assert result.straight_links == 2
    assert "straight lines" in result.notes()[0] and "straight lines" in result.format()


def test_the_scenario_is_down_already():
    network = geo_network({"c": (0, 0), "a": (10, 0)}, [("a", "c"), ("a", "c"), ("a", "c")],
                          bends={1: (5, 6), 2: (5, -6)})
    scenario = FailureScenario(failed_links=frozenset({"L0"}))
    result = regional_failures(network, 1, scenario=scenario, target=2)
    assert all("L0" not in f.links for f in result.failures)
    assert result.failures[0].below_target == ("a",)
    assert result.to_dict()["worst"][0]["radius_km"] == 1.0
    assert set(result.to_dict()["worst"][0]) >= {"center", "radius_km", "below_target", "isolated"}


def test_every_place_maps_to_what_a_disk_standing_there_does():
    from stamnett_gui.analysis.regional import regional_places

    network = random_geo_network(random.Random(21), 6)
    places = regional_places(network, 4, target=2)
    failures = places.result.failures
    assert len(places.rings) == len(places.failure) >= len(failures)
    assert set(places.failure) == set(range(len(failures)))  # every failure has a place
    for rings, index in zip(places.rings, places.failure, strict=True):
        inside = shapely.Polygon(rings[0], rings[1:]).point_on_surface()
        links, sites = exact_hits(network, (inside.x, inside.y), 4000.0)
        assert failures[index].links == tuple(network.links[e].id for e in links)
        assert failures[index].sites == tuple(network.sites[s].id for s in sites)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.frozensets(st.integers(0, 6), max_size=4),
                          st.frozensets(st.integers(0, 2), max_size=1)), max_size=25, unique=True))
def test_maximal_sets_are_those_no_other_set_holds_with_the_same_sites(raw):
    from stamnett_gui.analysis.survival import maximal_sets

    sets = [(tuple(sorted(links)), tuple(sorted(sites))) for links, sites in raw]
    slow = [k for k, (links, sites) in enumerate(sets)
            if not any(j != k and other_sites == sites and set(links) < set(other_links)
                       for j, (other_links, other_sites) in enumerate(sets))]
    assert maximal_sets(sets) == slow
