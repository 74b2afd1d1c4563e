"""Projected coordinates without a coordinate system: the window asks, the command line says --crs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from stamnett_gui.cli import main
from stamnett_gui.io.errors import CRSRequired, FindingCode
from stamnett_gui.io.loading import import_network
from stamnett_gui.ui.crs_dialog import COMMON_CRS, CRSDialog
from stamnett_gui.ui.import_dialogs import CoreDialog
from stamnett_gui.ui.import_flow import Step

FIXTURES = Path(__file__).parents[1] / "fixtures" / "crs"
CSV_SITES = FIXTURES / "utm33-sites.csv"  # with utm33-links.csv; øst/nord in UTM 33N, marks its core
GRAPHML = FIXTURES / "utm33-cities.graphml"  # x/y in UTM 33N, no core
#: Where the cities are, (lon, lat): the fixtures' coordinates are these in EPSG:25833.
CITIES = {"osl": (10.7522, 59.9139), "bgo": (5.3221, 60.3913), "trd": (10.3951, 63.4305),
          "tos": (18.9553, 69.6492), "svg": (5.7331, 58.9700)}


@pytest.fixture
def window(window_sync):
    return window_sync


def assert_at_the_cities(network) -> None:
    assert {s.id for s in network.sites} == set(CITIES)
    for site_id, (lon, lat) in CITIES.items():
        site = network.site(site_id)
        assert site.lon == pytest.approx(lon, abs=0.001), site_id
        assert site.lat == pytest.approx(lat, abs=0.001), site_id


# -- the window -------------------------------------------------------------------------
def test_a_utm33_csv_pair_asks_for_the_crs_with_utm33_preselected_and_lands_right(window, west_coast):
    flow = window.open_path(CSV_SITES)
    dialog = flow.dialog
    assert isinstance(dialog, CRSDialog) and dialog.isVisible() and flow.step is Step.CRS
    assert window.session.network is west_coast  # nothing changes until the planner accepts
    assert dialog.crs() == "EPSG:25833" and dialog.choice_box.currentData() == "EPSG:25833"
    assert dialog.ok_button.isEnabled()
    assert "ETRS89 / UTM zone 33N" in dialog.name_label.text()
    # the preview puts the first site where Oslo is, and says it is in Norway
    assert "Oslo" in dialog.preview_label.text() and "59.9139° N, 10.7522° E" in dialog.preview_label.text()
    assert "by Oslo" in dialog.preview_label.text() and "in Norway" in dialog.preview_label.text()
    dialog.accept()
    assert flow.step is Step.OPENED and flow.crs == "EPSG:25833"
    network = window.session.network
    assert_at_the_cities(network)
    assert len(network.links) == 7 and network.core == {"osl", "bgo", "trd", "tos"}
    assert len(window.map_view.layout.site_ids) == 5


def test_a_utm33_graphml_asks_for_the_crs_then_the_core_near_the_capitals(window):
    flow = window.open_path(GRAPHML)
    dialog = flow.dialog
    assert isinstance(dialog, CRSDialog) and dialog.crs() == "EPSG:25833"
    assert dialog.sample is not None and dialog.sample[0] == "Oslo"
    dialog.accept()
    core_dialog = flow.dialog
    assert isinstance(core_dialog, CoreDialog) and flow.step is Step.CORE
    # placed right, the sites are the ones nearest Oslo, Bergen, Trondheim and Tromsø
    assert core_dialog.capitals_button.isChecked()
    assert core_dialog.core() == {"osl", "bgo", "trd", "tos"}
    core_dialog.accept()
    assert flow.step is Step.OPENED
    assert_at_the_cities(window.session.network)


def test_another_zone_is_chosen_from_the_list_and_the_preview_follows(window):
    flow = window.open_path(GRAPHML)
    dialog = flow.dialog
    index = dialog.choice_box.findData("EPSG:25832")
    dialog.choice_box.setCurrentIndex(index)
    dialog.choice_box.activated.emit(index)
    assert dialog.crs() == "EPSG:25832"
    assert "UTM zone 32N" in dialog.name_label.text()
    assert "10.7522° E" not in dialog.preview_label.text()  # Oslo would move west, by Bergen
    assert "km from Bergen" in dialog.preview_label.text()
    dialog.accept()
    oslo = window.session.network.site("osl") if flow.step is Step.OPENED else None
    assert oslo is None or oslo.lon < 9  # a core dialog may follow; the zone was used either way
    assert flow.crs == "EPSG:25832"


def test_cancel_leaves_the_open_network_untouched(window, west_coast):
    flow = window.open_path(CSV_SITES)
    assert isinstance(flow.dialog, CRSDialog)
    flow.dialog.reject()
    assert flow.step is Step.CANCELLED and flow.dialog is None
    assert window.session.network is west_coast
    assert len(window.map_view.layout.site_ids) == 5


def test_an_invalid_crs_is_refused_in_the_dialog_with_a_clear_message(window, west_coast):
    flow = window.open_path(CSV_SITES)
    dialog = flow.dialog
    dialog.text_box.setText("EPSG:99999")
    assert not dialog.ok_button.isEnabled()
    assert "'EPSG:99999' is not a coordinate system the app knows" in dialog.name_label.text()
    assert dialog.preview_label.text() == ""
    assert dialog.choice_box.currentData() is None  # "another coordinate system"
    dialog.accept()  # Enter with a bad text: refused, the dialog stays
    assert dialog.isVisible() and flow.step is Step.CRS and window.session.network is west_coast
    dialog.text_box.setText("")
    assert not dialog.ok_button.isEnabled() and "Type an EPSG code" in dialog.name_label.text()
    dialog.text_box.setText("+proj=utm +zone=33 +ellps=GRS80 +units=m")  # a PROJ string will do
    assert dialog.ok_button.isEnabled()
    dialog.accept()
    assert flow.step is Step.OPENED
    assert_at_the_cities(window.session.network)


def test_a_crs_that_puts_the_sites_nowhere_or_abroad_is_told_in_the_preview(window):
    dialog = window.open_path(CSV_SITES).dialog
    for crs, words in (("EPSG:4326", "has no place on the earth"),
                       ("EPSG:3857", "outside Norway; check the choice")):
        index = dialog.choice_box.findData(crs)
        dialog.choice_box.setCurrentIndex(index)
        dialog.choice_box.activated.emit(index)
        assert words in dialog.preview_label.text()


def test_the_common_choices_are_the_norwegian_ones_with_utm33_first():
    assert [crs for crs, _ in COMMON_CRS] == ["EPSG:25833", "EPSG:25832", "EPSG:25835", "EPSG:4326",
                                              "EPSG:3857"]


def test_no_message_in_the_window_names_a_command_line_option(window, tmp_path):
    links = tmp_path / "lenker.csv"
    shutil.copy(FIXTURES / "utm33-links.csv", links)
    failures: list[str] = []
    window.session.load_failed.connect(lambda summary, details: failures.append(summary + details))
    window.open_path(links)  # a links table alone: its sites file is not next to it
    assert failures and "open the sites file together with this one" in failures[0]
    assert "--" not in failures[0]


# -- the readers and the command line ---------------------------------------------------
@pytest.mark.parametrize("path", [CSV_SITES, GRAPHML])
def test_the_readers_raise_crs_required_with_a_neutral_message(path):
    with pytest.raises(CRSRequired) as caught:
        import_network(path)
    error = caught.value
    assert error.code is FindingCode.CRS_NEEDED and "--" not in str(error)
    assert "say which coordinate system they are in" in str(error)
    assert error.sample is not None and error.sample[0] == "Oslo"
    assert_at_the_cities(import_network(path, crs="EPSG:25833").network)


def test_projected_geojson_without_a_crs_member_asks_too():
    features = [{"type": "Feature", "id": "osl", "properties": {"navn": "Oslo"},
                 "geometry": {"type": "Point", "coordinates": [262560.5, 6649443.6]}}]
    data = {"type": "FeatureCollection", "features": features}
    from stamnett_gui.io.geojson.generic import parse_geojson

    with pytest.raises(CRSRequired) as caught:
        parse_geojson(data, "oslo.geojson")
    assert caught.value.sample == ("Oslo", 262560.5, 6649443.6)
    oslo = parse_geojson(data, "oslo.geojson", crs="EPSG:25833").network.site("osl")
    assert (oslo.lon, oslo.lat) == pytest.approx(CITIES["osl"], abs=0.001)


def test_the_command_line_tells_the_crs_option_and_works_with_it(capsys):
    assert main(["validate", str(CSV_SITES)]) == 2
    captured = capsys.readouterr()
    assert "look projected (metres)" in captured.err
    assert "give it with --crs, e.g. --crs EPSG:25833" in captured.err
    assert "--crs" in captured.out  # the report's line has the hint too
    assert main(["validate", str(CSV_SITES), "--crs", "EPSG:25833", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["network"]["sites"] == 5 and report["network"]["links"] == 7


def test_convert_with_crs_and_analyse_pointed_to_it(tmp_path, capsys):
    out = tmp_path / "cities.geojson"
    assert main(["convert", str(GRAPHML), str(out), "--crs", "EPSG:25833", "--core", "capitals"]) == 0
    assert_at_the_cities(import_network(out).network)
    capsys.readouterr()
    assert main(["analyse", str(GRAPHML)]) == 2
    err = capsys.readouterr().err
    assert "stamnett convert FILE OUT.geojson --crs EPSG:25833" in err


def test_other_command_line_remedies_are_added_by_code(tmp_path, capsys):
    links = tmp_path / "lenker.csv"
    shutil.copy(FIXTURES / "utm33-links.csv", links)
    assert main(["validate", str(links)]) == 2
    assert "give this one with --links" in capsys.readouterr().err
    assert main(["validate", str(CSV_SITES), "--max-bytes", "10"]) == 2
    assert "--max-bytes" in capsys.readouterr().err
