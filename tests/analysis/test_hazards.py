"""Hazard areas fail exactly the links whose route crosses them and the sites inside them."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod

from stamnett_gui.analysis import assess_diversity, explain_site, run_sweep
from stamnett_gui.analysis.hazards import (
    area_hits,
    area_outlines,
    check_area,
    circle_from_map,
    move_area,
    polygon_from_map,
    resolve_scenario,
    scenario_hits,
)
from stamnett_gui.analysis.projection import project, unproject
from stamnett_gui.domain import FailureScenario, HazardArea, HazardAreaError, Link, Network, Site


@pytest.fixture
def vesteralen() -> Network:
    """Hand-placed sites around Vesterålen and links between them, one with a bent route."""
    sites = (
        Site("harstad", "Harstad", 16.54, 68.80),
        Site("sortland", "Sortland", 15.41, 68.70),
        Site("stokmarknes", "Stokmarknes", 14.91, 68.56),
        Site("svolvaer", "Svolvær", 14.57, 68.23),
        Site("bodo", "Bodø", 14.40, 67.28),
        Site("tromso", "Tromsø", 18.96, 69.65),
        Site("nowhere", "No coordinates", math.nan, math.nan),
    )
    links = (
        Link("L1", "harstad", "sortland"),
        Link("L2", "sortland", "stokmarknes"),
        Link("L3", "stokmarknes", "svolvaer"),
        Link("L4", "svolvaer", "bodo"),
        # Tromsø to Bodø inland: bends far east of the islands
        Link("L5", "tromso", "bodo", route=((18.96, 69.65), (18.5, 68.4), (15.6, 67.3), (14.40, 67.28))),
        Link("L6", "harstad", "tromso"),
        Link("L7", "nowhere", "bodo"),
    )
    return Network("Vesterålen test", sites, links, core=frozenset({"tromso", "bodo"}))


# A box over Sortland and Stokmarknes only (lon 14.7-15.6, lat 68.45-68.75).
BOX = [(14.7, 68.45), (15.6, 68.45), (15.6, 68.75), (14.7, 68.75)]


def test_a_polygon_fails_the_links_it_crosses_and_the_sites_inside(vesteralen):
    hits = area_hits(vesteralen, HazardArea.polygon("Storm", BOX))
    assert hits.sites == {"sortland", "stokmarknes"}
    # L1 and L3 leave the box; L2 lies in it; L4, L5, L6 and L7 stay clear
    assert hits.links == {"L1", "L2", "L3"}


def test_a_thin_band_crossing_a_link_fails_only_that_link(vesteralen):
    # A band across L5's bent middle (around 17.0E), clear of every site and straight link
    band = HazardArea.polygon("Landslide", [(16.9, 67.0), (17.1, 67.0), (17.1, 68.0), (16.9, 68.0)])
    hits = area_hits(vesteralen, band)
    assert hits == type(hits)(frozenset({"L5"}), frozenset())
    # The straight line Tromsø–Bodø would cross 17.0E near 68.6N: the route counts, not the ends
    assert area_hits(vesteralen, HazardArea.polygon("North", [(16.9, 68.5), (17.1, 68.5),
                                                              (17.1, 68.75), (16.9, 68.75)])).links == set()


def test_a_hole_is_outside(vesteralen):
    outline = [(14.0, 68.0), (16.0, 68.0), (16.0, 69.0), (14.0, 69.0)]
    hole = [(14.8, 68.5), (15.0, 68.5), (15.0, 68.6), (14.8, 68.6)]  # around Stokmarknes
    hits = area_hits(vesteralen, HazardArea.polygon("Ring", outline, [hole]))
    assert "stokmarknes" not in hits.sites
    assert {"sortland", "svolvaer"} <= hits.sites


def test_a_circle_is_a_circle_on_the_ground(vesteralen):
    geod = Geod(ellps="WGS84")
    _, _, metres = geod.inv(14.91, 68.56, 15.41, 68.70)   # Stokmarknes to Sortland
    km = metres / 1000
    near = HazardArea.circle("Fire", (14.91, 68.56), km * 0.99)
    far = HazardArea.circle("Fire", (14.91, 68.56), km * 1.01)
    assert area_hits(vesteralen, near).sites == {"stokmarknes"}
    assert area_hits(vesteralen, far).sites == {"stokmarknes", "sortland"}


@pytest.mark.parametrize("radius", [0, -1, 0.09, 1000.01, 10_000, math.nan, math.inf])
def test_a_radius_out_of_range_is_refused_with_the_range(radius):
    with pytest.raises(HazardAreaError, match=r"must be from 0\.1 km to 1,000 km"):
        HazardArea.circle("Storm", (15.0, 68.0), radius)


@pytest.mark.parametrize("radius", [0.1, 1, 1000])
def test_a_radius_in_range_is_taken(vesteralen, radius):
    area = HazardArea.circle("Storm", (15.0, 68.0), radius)
    assert check_area(area) == ""
    area_hits(vesteralen, area)


def test_a_circle_reaching_the_pole_is_refused():
    with pytest.raises(HazardAreaError, match="reaches the pole"):
        check_area(HazardArea.circle("Arctic", (15.0, 81.0), 1000))


def test_a_self_intersecting_outline_is_repaired_and_says_so(vesteralen):
    # A bow tie: its two triangles hold Stokmarknes (west) and Harstad (east)
    bow = HazardArea.polygon("Bow", [(14.6, 68.4), (16.8, 69.0), (16.8, 68.4), (14.6, 69.0)])
    note = check_area(bow)
    assert note == ("the outline of hazard area 'Bow' was not a simple shape (self-intersection); "
                    "it was repaired into 2 parts covering everything the outline encloses")
    hits = area_hits(vesteralen, bow)
    assert {"stokmarknes", "harstad"} <= hits.sites
    assert len(area_outlines(bow)) == 2
    # the area keeps the corners as drawn: the repair is applied, not stored
    assert len(bow.rings[0]) == 5


def test_a_loop_drawn_over_itself_covers_everything_it_encloses():
    # A square whose outline runs round again inside: nothing it encloses is left out
    loop = HazardArea.polygon("Loop", [(0, 60), (4, 60), (4, 62), (0, 62), (0, 60.5), (3, 60.5),
                                       (3, 61.5), (1, 61.5), (1, 60.25), (0, 60.25)])
    assert "repaired" in check_area(loop)
    outline = shapely.Polygon(area_outlines(loop)[0])
    x, y = project([2.0], [61.0])   # inside the inner loop
    assert outline.covers(shapely.Point(x[0], y[0]))


def test_an_outline_on_one_line_is_refused():
    with pytest.raises(HazardAreaError, match="'Line' encloses no area"):
        # on the zone's central meridian, a straight line on the map too
        check_area(HazardArea.polygon("Line", [(15.0, 66.0), (15.0, 67.0), (15.0, 68.0), (15.0, 67.5)]))


@pytest.mark.parametrize("corners, message", [
    ([(14.0, 68.0), (15.0, 68.0)], "needs at least three corners"),
    ([(14.0, 68.0), (15.0, 68.0), (14.0, 68.0), (15.0, 68.0)], "needs at least three corners"),
    ([(14.0, 68.0), (15.0, 95.0), (16.0, 68.0)], "has a point off the globe"),
    ([(14.0, 68.0), ("x", 68.0), (16.0, 68.0)], "not a number"),
])
def test_bad_outlines_are_refused_in_one_sentence(corners, message):
    with pytest.raises(HazardAreaError, match=message):
        HazardArea.polygon("Storm", corners)


def test_resolve_adds_the_hits_of_enabled_areas_only(vesteralen):
    storm = HazardArea.polygon("Storm", BOX)
    fire = HazardArea.circle("Fire", (14.40, 67.28), 1)   # Bodø
    scenario = FailureScenario(failed_links=frozenset({"L6"})).add_area(storm).add_area(fire)
    resolved = resolve_scenario(vesteralen, scenario)
    assert resolved.failed_links == {"L1", "L2", "L3", "L4", "L5", "L6"}
    assert resolved.failed_sites == {"sortland", "stokmarknes", "bodo"}
    # L7 has no place on the map (one end has no coordinates) but goes down with Bodø
    assert "L7" in resolved.down_links(vesteralen)
    assert resolved.hazard_areas == ()
    off = resolve_scenario(vesteralen, scenario.toggle_area("Fire"))
    assert off.failed_sites == {"sortland", "stokmarknes"}
    assert resolve_scenario(vesteralen, scenario.toggle_area("Fire").toggle_area("Storm")) == \
        FailureScenario(failed_links=frozenset({"L6"}))
    assert scenario_hits(vesteralen, scenario).sites == {"sortland", "stokmarknes", "bodo"}


def test_every_analysis_sees_the_areas(vesteralen):
    storm = FailureScenario().add_area(HazardArea.polygon("Storm", BOX))
    same = resolve_scenario(vesteralen, storm)
    report = assess_diversity(vesteralen, storm, target=2)
    assert report.scenario == storm   # the report keeps the scenario it was asked about
    assert [s.diversity for s in report.sites] == \
        [s.diversity for s in assess_diversity(vesteralen, same, target=2).sites]
    assert report["sortland"].status.value == "failed"
    assert explain_site(vesteralen, storm, "harstad").cut.size == \
        explain_site(vesteralen, same, "harstad").cut.size
    sweep = run_sweep(vesteralen, of="links", target=2, scenario=storm)
    assert {i.elements[0] for i in sweep.impacts}.isdisjoint({"L1", "L2", "L3"})


def test_renaming_or_switching_an_area_reuses_its_geometry(vesteralen):
    storm = HazardArea.polygon("Storm", BOX)
    first = area_hits(vesteralen, storm)
    assert area_hits(vesteralen, storm.renamed("Uvær").toggled()) is first


# --- property test against shapely's own intersects, one link at a time --------------------------

positions = st.tuples(st.floats(8.0, 22.0), st.floats(62.0, 70.0))


@st.composite
def networks(draw):
    n = draw(st.integers(2, 12))
    sites = tuple(Site(f"s{i}", f"S{i}", *draw(positions)) for i in range(n))
    links = []
    for k in range(draw(st.integers(1, 15))):
        a, b = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        middle = draw(st.lists(positions, max_size=3))
        route = (sites[a].position, *middle, sites[b].position) if middle else ()
        links.append(Link(f"L{k}", f"s{a}", f"s{b}", route=route))
    return Network("random", sites, tuple(links))


@st.composite
def star_polygons(draw):
    """A simple polygon: corners at increasing angles around a centre, at random distances."""
    cx, cy = draw(positions)
    count = draw(st.integers(3, 9))
    angles = sorted(draw(st.lists(st.floats(0, 2 * math.pi, exclude_max=True), min_size=count,
                                  max_size=count, unique=True)))
    radii = draw(st.lists(st.floats(0.05, 4.0), min_size=count, max_size=count))
    corners = [(cx + r * math.cos(t) * 2, cy + r * math.sin(t)) for t, r in zip(angles, radii, strict=True)]
    corners = [(min(max(x, -180), 180), min(max(y, -90), 90)) for x, y in corners]
    return corners


def _projected_line(network, link):
    route = link.route or (network.site(link.a).position, network.site(link.b).position)
    x, y = project([p[0] for p in route], [p[1] for p in route])
    return shapely.LineString(np.column_stack([x, y]))


@settings(max_examples=150, deadline=None)
@given(network=networks(), corners=star_polygons())
def test_hits_equal_shapely_intersects_link_by_link(network, corners):
    try:
        area = HazardArea.polygon("Random", corners)
        check_area(area)
    except HazardAreaError:
        return   # a degenerate star (corners on one line): refused, nothing to compare
    x, y = project([p[0] for p in corners], [p[1] for p in corners])
    polygon = shapely.make_valid(shapely.Polygon(np.column_stack([x, y])), method="structure",
                                 keep_collapsed=False)
    expected_links = {lk.id for lk in network.links
                      if _projected_line(network, lk).intersects(polygon)}
    sx, sy = project([s.lon for s in network.sites], [s.lat for s in network.sites])
    expected_sites = {s.id for s, px, py in zip(network.sites, sx, sy, strict=True)
                      if shapely.Point(px, py).intersects(polygon)}
    hits = area_hits(network, area)
    assert hits.links == expected_links
    assert hits.sites == expected_sites


@settings(max_examples=60, deadline=None)
@given(network=networks(), centre=positions, radius=st.floats(1.0, 400.0))
def test_circle_hits_sites_by_distance_on_the_ground(network, centre, radius):
    geod = Geod(ellps="WGS84")
    hits = area_hits(network, HazardArea.circle("Circle", centre, radius))
    for site in network.sites:
        _, _, metres = geod.inv(centre[0], centre[1], site.lon, site.lat)
        km = metres / 1000
        if km < radius * 0.999:
            assert site.id in hits.sites
        elif km > radius * 1.001:
            assert site.id not in hits.sites


# --- areas drawn on the map -----------------------------------------------------------------------


def test_a_polygon_clicked_on_the_map_fails_what_it_encloses_there(vesteralen):
    corners = list(zip(*project([p[0] for p in BOX], [p[1] for p in BOX]), strict=True))
    area = polygon_from_map("Storm", corners)
    assert area_hits(vesteralen, area) == area_hits(vesteralen, HazardArea.polygon("Storm", BOX))
    assert area.rings[0][0] == pytest.approx(BOX[0])


def test_a_circle_dragged_on_the_map_has_its_radius_on_the_ground():
    geod = Geod(ellps="WGS84")
    cx, cy = project([14.91], [68.56])
    circle = circle_from_map("Fire", (float(cx[0]), float(cy[0])), (float(cx[0]) + 10_000, float(cy[0])))
    assert circle.center == pytest.approx((14.91, 68.56))
    ex, ey = project([circle.center[0]], [circle.center[1]])
    lon, lat = unproject(ex + 10_000, ey)
    _, _, metres = geod.inv(14.91, 68.56, float(lon[0]), float(lat[0]))
    assert circle.radius_km == pytest.approx(metres / 1000, abs=0.001)
    with pytest.raises(HazardAreaError, match=r"must be from 0\.1 km"):
        circle_from_map("Dot", (float(cx[0]), float(cy[0])), (float(cx[0]) + 50, float(cy[0])))


def test_a_dragged_area_moves_on_the_map(vesteralen):
    storm = HazardArea.polygon("Storm", BOX)
    far = move_area(storm, 0, -1_000_000)      # 1,000 km south: nothing there
    assert area_hits(vesteralen, far) == type(area_hits(vesteralen, far))()
    back = move_area(far, 0, 1_000_000)
    for (lon0, lat0), (lon1, lat1) in zip(back.rings[0], storm.rings[0], strict=True):
        assert (lon0, lat0) == pytest.approx((lon1, lat1), abs=1e-9)
    fire = move_area(HazardArea.circle("Fire", (14.91, 68.56), 1, enabled=False), 1000, 0)
    assert fire.radius_km == 1 and fire.enabled is False and fire.center[0] > 14.91


def test_the_worker_and_the_gui_thread_may_ask_at_once(vesteralen, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from stamnett_gui.analysis import hazards

    monkeypatch.setattr(hazards, "_AREAS_REMEMBERED", 5)   # trimming happens all the time
    circles = [HazardArea.circle(f"c{k}", (14.0 + k * 0.05, 68.5), 5 + k % 7) for k in range(60)]
    expected = [area_hits(vesteralen, c) for c in circles]
    with ThreadPoolExecutor(4) as pool:
        for _ in range(3):
            assert list(pool.map(lambda c: area_hits(vesteralen, c), circles)) == expected
