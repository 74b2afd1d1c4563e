"""The real main window, built offscreen and driven by real mouse and key events."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QToolTip

from stamnett_gui.ui.main_window import MainWindow
from stamnett_gui.ui.session import Session


@pytest.fixture
def window(qtbot, west_coast):
    win = MainWindow(Session(west_coast))
    qtbot.addWidget(win)
    win.resize(1000, 800)
    win.show()
    qtbot.waitExposed(win)
    win.map_view.zoom_to_norway()
    win.map_view.settle()
    return win


def hover(qtbot, window, pixel: QPoint) -> None:
    view = window.map_view
    qtbot.mouseMove(view.viewport(), pixel + QPoint(30, 30))  # start elsewhere
    qtbot.mouseMove(view.viewport(), pixel)


def test_title_and_status_say_the_links_are_modelled(window):
    assert "modelled links" in window.windowTitle()
    assert "2 hospitals · 5 sites · 5 links" in window.network_label.text()


def test_every_site_is_one_point_of_one_scatter_item(window, west_coast):
    points = window.map_view.network_layer.sites_item.data
    assert [p["data"] for p in points] == [s.id for s in west_coast.sites]


def test_links_are_one_item_with_a_segment_per_route_leg(window):
    item = window.map_view.network_layer.links_item
    # L1 has three points (two legs), the other four links are straight (one leg each)
    assert len(item.xData) == 2 * (2 + 4)


def test_hovering_a_site_shows_its_name_trust_region_and_kind(qtbot, window):
    view = window.map_view
    hover(qtbot, window, view.site_pixel("forde"))
    qtbot.waitUntil(lambda: view.hover == ("site", "forde"))
    text = QToolTip.text()
    for expected in ("Førde sentralsjukehus", "Helse Førde HF", "Helse Vest", "Hospital"):
        assert expected in text


def test_hovering_a_link_shows_its_ends_length_and_risk_groups(qtbot, window):
    view = window.map_view
    # the middle waypoint of L1's bent route
    points = view.layout.link_points["L1"]
    pixel = view.map_to_widget(*points[1])
    hover(qtbot, window, pixel)
    qtbot.waitUntil(lambda: view.hover == ("link", "L1"))
    text = QToolTip.text()
    assert "Bergen hub – Førde sentralsjukehus" in text
    assert "E39 corridor" in text
    assert " km" in text


def test_a_tooltip_stays_while_the_pointer_moves_along_its_link(qtbot, window):
    view = window.map_view
    a, b = view.layout.link_points["L5"][0], view.layout.link_points["L5"][-1]
    hover(qtbot, window, view.map_to_widget(*(a + 0.3 * (b - a))))
    qtbot.waitUntil(lambda: view.hover == ("link", "L5"))
    for t in np.linspace(0.3, 0.7, 9):  # along the link, far beyond one tooltip's slack
        qtbot.mouseMove(view.viewport(), view.map_to_widget(*(a + t * (b - a))))
        assert view.hover == ("link", "L5")
        assert QToolTip.isVisible() and "Link L5" in QToolTip.text()
    qtbot.wait(50)
    assert QToolTip.isVisible()


def test_a_click_nine_pixels_beside_a_link_picks_it(qtbot, window):
    """Reported: a click 9 px off a link opened the empty-map menu."""
    view = window.map_view
    a, b = view.layout.link_points["L5"][0], view.layout.link_points["L5"][-1]
    pa, pb = view.map_to_widget(*a), view.map_to_widget(*b)
    along = np.array([pb.x() - pa.x(), pb.y() - pa.y()], dtype=float)
    across = np.array([-along[1], along[0]]) / np.hypot(*along)  # on screen
    middle = view.map_to_widget(*(a + 0.5 * (b - a)))
    beside = middle + QPoint(round(9 * across[0]), round(9 * across[1]))
    with qtbot.waitSignal(view.clicked) as clicked:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=beside)
    assert clicked.args[:2] == ["link", "L5"]


def test_hovering_empty_sea_shows_nothing(qtbot, window):
    view = window.map_view
    hover(qtbot, window, view.site_pixel("forde"))
    qtbot.waitUntil(lambda: view.hover[0] == "site")
    qtbot.mouseMove(view.viewport(), QPoint(5, 5))
    qtbot.waitUntil(lambda: view.hover == ("", ""))
    assert view.hover_text == ""


def test_keyboard_zooms_and_home_returns_to_norway(qtbot, window):
    view = window.map_view
    overview = view.metres_per_pixel()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.metres_per_pixel() == pytest.approx(overview * 0.7, rel=0.01)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.metres_per_pixel() == pytest.approx(overview, rel=0.01)


def test_aspect_is_locked(window):
    sx, sy = window.map_view.view.viewPixelSize()
    assert sx == pytest.approx(sy, rel=1e-6)


def test_coastline_detail_follows_zoom(window):
    view = window.map_view
    assert not view.basemap_layer.showing_detail
    view.centre_on(*view.layout.site_xy[2], metres_per_pixel=100.0)
    view.settle()
    assert view.basemap_layer.showing_detail


def test_hub_labels_always_hospital_labels_when_zoomed_in(qtbot, window):
    window.session.set_target(1)  # every hospital compliant: none matters more than another
    qtbot.waitUntil(lambda: window.session.report is not None)
    view = window.map_view
    view.settle()
    layer = view.network_layer
    assert {"bergen", "trondheim"} <= layer.visible_labels
    assert "forde" not in layer.visible_labels
    view.centre_on(*view.layout.site_xy[2], metres_per_pixel=300.0)
    view.settle()
    assert "forde" in layer.visible_labels
    assert "dombas" not in layer.visible_labels  # junctions are named in tooltips only


def test_sites_that_matter_now_are_labelled_at_the_national_view(qtbot, window):
    session, layer = window.session, window.map_view.network_layer
    session.set_target(1)
    qtbot.waitUntil(lambda: session.report is not None)
    window.map_view.settle()
    assert "alesund" not in layer.visible_labels
    session.toggle_link("L3")  # Ålesund keeps one route: it lost diversity
    qtbot.waitUntil(lambda: session.report is not None and session.report["alesund"].lost)
    window.map_view.settle()
    assert "alesund" in layer.visible_labels
    session.repair_all()
    session.select_sites(("forde",))  # its second route runs through the Dombås junction
    qtbot.waitUntil(lambda: session.explanation is not None)
    assert any("dombas" in route.sites for route in session.explanation.routes)
    view = window.map_view  # zoomed out beyond hospital labels, with room around Dombås
    view.centre_on(*view.layout.site_xy[view.layout.site_row["dombas"]], metres_per_pixel=1000.0)
    view.settle()
    assert {"forde", "dombas"} <= layer.visible_labels  # named in the route's text: labelled
    session.select_sites(())
    window.map_view.settle()
    assert "dombas" not in layer.visible_labels


def test_visible_labels_never_overlap(window):
    view = window.map_view
    view.centre_on(*view.layout.site_xy[2], metres_per_pixel=250.0)
    view.settle()
    rects = [item.sceneBoundingRect() for item in view.network_layer._labels.values()
             if item.isVisible()]
    assert len(rects) >= 2
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not a.intersects(b)


def test_scale_bar_tracks_the_zoom(window):
    view = window.map_view
    before = view.furniture.bar_metres
    view.zoom(0.1)
    view.settle()
    assert 0 < view.furniture.bar_metres < before


def test_a_bad_file_shows_a_dialog_and_keeps_the_open_network(qtbot, window, tmp_path, west_coast):
    bad = tmp_path / "broken.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    window.open_path(bad)
    box = window.error_box
    assert box is not None and box.isVisible()
    assert "broken.geojson" in box.text()
    assert window.session.network is west_coast
    assert len(window.map_view.layout.site_ids) == 5


def test_a_missing_file_is_named_in_the_dialog(window, tmp_path):
    window.open_path(tmp_path / "nowhere.geojson")
    assert "nowhere.geojson" in window.error_box.text()
    assert "no such file" in window.error_box.text()


def test_about_box_credits_every_source(qtbot, window):
    from stamnett_gui.ui.about import AboutDialog

    about = AboutDialog(window)
    qtbot.addWidget(about)
    text = about.credits.text()
    for credit in ("Kartverket", "CC BY 4.0", "Natural Earth", "Eurostat GISCO / helsenorge.no"):
        assert credit in text
    assert "Kartverket" in about.sources.toPlainText()


def test_exported_png_has_the_asked_size_and_shows_sites(tmp_path, west_coast, qapp):
    from PySide6.QtGui import QImage

    from stamnett_gui.ui.export import render_map_png

    out = tmp_path / "map.png"
    render_map_png(west_coast, out, 500, 640)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (500, 640)
    colours = {image.pixelColor(x, y).name() for x in range(0, 500, 4) for y in range(0, 640, 4)}
    assert "#d6e6f0" in colours  # sea
    assert "#f7f5ef" in colours  # land


def test_a_site_without_coordinates_does_not_break_the_map(qtbot, west_coast):
    import dataclasses

    import numpy as np

    lost = dataclasses.replace(west_coast.site("alesund"), lon=float("nan"), lat=float("nan"))
    network = dataclasses.replace(west_coast, sites=tuple(lost if s.id == "alesund" else s
                                                          for s in west_coast.sites))
    win = MainWindow(Session(network))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.session.report is not None)
    view = win.map_view
    assert len(view.network_layer.sites_item.data) == 4
    view.zoom_to_sites()
    assert np.isfinite([view.view.viewRect().width(), view.view.viewRect().height()]).all()
    assert view.site_at(*view.layout.site_xy[2]) == "forde"


def test_labels_keep_clear_of_the_legend(window):
    view = window.map_view
    view.centre_on(*view.layout.site_xy[2], metres_per_pixel=300.0)
    view.settle()
    legend = view.mapToScene(view.legend.geometry()).boundingRect()
    hospital_labels = [item for site_id, item in view.network_layer._labels.items()
                       if item.isVisible() and view.layout.network.site(site_id).kind.value == "hospital"]
    assert hospital_labels
    for item in hospital_labels:  # hub labels are always shown; hospital labels give way
        assert not item.sceneBoundingRect().intersects(legend)


def test_the_attribution_credits_what_is_on_the_map(window):
    from stamnett_gui.io.loading import load_default_network, load_network

    furniture = window.map_view.furniture
    assert furniture.attribution == "© Kartverket (CC BY 4.0) · Natural Earth"  # a network with no source
    window.session.set_network(load_default_network())
    assert "hospitals: Eurostat GISCO / helsenorge.no" in furniture.attribution
    zoo = load_network(Path(__file__).parents[1] / "fixtures" / "topologies" / "Nordu2010.gml")
    window.session.set_network(zoo)
    assert "hospitals" not in furniture.attribution
    assert "Topology Zoo" in furniture.attribution
