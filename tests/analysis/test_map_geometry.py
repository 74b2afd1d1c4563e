import numpy as np
import pytest

from stamnett_gui.analysis.map_geometry import layout_network


def test_every_route_leg_becomes_one_pair_owned_by_its_link(west_coast):
    layout = layout_network(west_coast)
    assert layout.pairs.shape == (2 * 6, 2)
    owners = [layout.link_ids[i] for i in layout.pair_owner[0::2]]
    assert owners == ["L1", "L1", "L2", "L3", "L4", "L5"]


def test_segments_of_some_links_and_of_all_the_others(west_coast):
    layout = layout_network(west_coast)
    assert len(layout.segments(["L1"])) == 4
    assert len(layout.segments(["L1"], invert=True)) == 8
    assert len(layout.segments([])) == 0


def test_nearest_link_within_tolerance_and_none_beyond(west_coast):
    layout = layout_network(west_coast)
    x, y = layout.midpoint("L4")
    assert layout.nearest_link(x + 500, y, tolerance=2_000) == "L4"
    assert layout.nearest_link(x + 50_000, y + 50_000, tolerance=2_000) is None


def test_nearest_link_picks_the_closer_of_two(west_coast):
    layout = layout_network(west_coast)
    bend = layout.link_points["L1"][1]  # L1's waypoint, far from the straight L5
    assert layout.nearest_link(*bend, tolerance=100_000) == "L1"


def test_midpoint_lies_on_the_route(west_coast):
    layout = layout_network(west_coast)
    a, b = layout.link_points["L2"]
    assert np.allclose(layout.midpoint("L2"), (a + b) / 2)


def test_link_length_follows_the_route_not_the_straight_line(west_coast):
    layout = layout_network(west_coast)
    bent = layout.link_length_km(west_coast.link("L1"))
    assert bent == pytest.approx(125, abs=10)


def test_a_site_without_coordinates_is_analysed_but_not_drawn(west_coast):
    import dataclasses

    lost = dataclasses.replace(west_coast.site("alesund"), lon=float("nan"), lat=float("nan"))
    sites = tuple(lost if s.id == "alesund" else s for s in west_coast.sites)
    layout = layout_network(dataclasses.replace(west_coast, sites=sites))
    assert list(layout.placed) == [True, True, True, False, True]
    # L2 and L3 end at Ålesund: no segment of theirs is drawn or picked
    owners = {layout.link_ids[i] for i in layout.pair_owner}
    assert owners == {"L1", "L4", "L5"}
    assert np.isfinite(layout.pairs).all()
