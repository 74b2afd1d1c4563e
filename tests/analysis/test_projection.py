import pytest

from stamnett_gui.analysis.projection import line_length_km, project, unproject


def test_central_meridian_maps_to_false_easting():
    x, y = project([15.0], [0.0])
    assert x[0] == pytest.approx(500_000.0)
    assert y[0] == pytest.approx(0.0, abs=1e-6)


def test_round_trip_through_the_map_projection():
    lon, lat = [5.32, 10.75, 18.95, 29.0], [60.39, 59.91, 69.65, 70.6]
    x, y = project(lon, lat)
    back_lon, back_lat = unproject(x, y)
    assert back_lon == pytest.approx(lon, abs=1e-9)
    assert back_lat == pytest.approx(lat, abs=1e-9)


def test_one_degree_of_latitude_is_about_111_km():
    assert line_length_km([(10.0, 60.0), (10.0, 61.0)]) == pytest.approx(111.4, abs=0.3)


def test_a_line_of_one_point_has_no_length():
    assert line_length_km([(10.0, 60.0)]) == 0.0
