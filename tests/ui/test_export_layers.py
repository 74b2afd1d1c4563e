"""The analysis layers the window draws over its map: listed in its legend, carried into exports."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialogButtonBox

from stamnett_gui.ui import export
from stamnett_gui.ui.heat_layer import HeatLayer, legend_entries
from stamnett_gui.ui.places_layer import PlacesLayer
from stamnett_gui.ui.site_colours import SurvivalMarkers

HEAT_HEADING = "N-1 of links: sites pushed below target by each failure:"
PLACES_HEADING = "Sites a storm of 3 km there pushes below target:"
SURVIVAL_HEADING = "Survival radius of each site:"


def run(qtbot, panel, start) -> None:
    with qtbot.waitSignal(panel.job.finished, timeout=60_000):
        start()


def sweep_links(qtbot, window) -> None:
    panel = window.sweep_panel
    panel.kind_box.setCurrentIndex(panel.kind_box.findData("link"))
    run(qtbot, panel, panel.run)
    assert panel.heat.shown


@pytest.fixture
def drawn(monkeypatch):
    """What each export's offscreen map drew over the network, read before the view is deleted."""
    seen: list[dict[str, object]] = []
    build = export.build_map_view

    def spy(*args, **kwargs):
        view = build(*args, **kwargs)
        layers: dict[str, object] = {"legend": view.legend.labels()}
        for layer in view.extra_layers:
            if isinstance(layer, HeatLayer):
                layers["heat"] = (layer.link_values, layer.site_values)
            elif isinstance(layer, PlacesLayer):
                layers["places"] = layer.counts
            elif isinstance(layer, SurvivalMarkers):
                layers["survival"] = layer.colours()
        seen.append(layers)
        return view

    monkeypatch.setattr(export, "build_map_view", spy)
    return seen


def export_png(qtbot, window, path) -> QImage:
    window.exports.map_action.trigger()
    dialog = window.exports.dialog
    dialog.path.setText(str(path))
    dialog.size_box.setCurrentIndex(dialog.size_box.findData("Pixels"))
    dialog.width_box.setValue(500)
    dialog.height_box.setValue(500)
    dialog.frame_box.setCurrentIndex(dialog.frame_box.findData("sites"))
    dialog.caption.setChecked(False)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    return QImage(str(path))


def test_the_map_legend_lists_the_heat_classes_only_while_the_heat_map_is_drawn(qtbot, window_sync):
    window = window_sync
    legend = window.map_view.legend
    before = legend.labels()
    assert HEAT_HEADING not in before
    height = legend.height()
    sweep_links(qtbot, window)
    labels = legend.labels()
    assert labels[:len(before)] == before  # appended under the usual rows
    added = labels[len(before):]
    assert added[0] == HEAT_HEADING
    # Every class with its text, in order, a few to a row: the legend grows by three rows, not eight.
    assert "  ".join(added[1:]).split("  ") == [text for _, text in legend_entries()]
    assert len(added) == 3 and legend.height() == height + 3 * legend.ROW
    window.session.toggle_link("L1")  # another state: no heat drawn, none listed
    assert not window.sweep_panel.heat.shown and legend.labels() == before and legend.height() == height
    window.undo_action.trigger()
    assert legend.labels() == labels


def test_an_export_from_the_window_draws_the_sweeps_heat_map_and_lists_it(qtbot, window_sync, tmp_path,
                                                                          drawn):
    window = window_sync
    plain = export_png(qtbot, window, tmp_path / "plain.png")
    assert "heat" not in drawn[-1] and HEAT_HEADING not in drawn[-1]["legend"]
    assert export_png(qtbot, window, tmp_path / "again.png") == plain  # the same state, the same pixels
    sweep_links(qtbot, window)
    heat = window.sweep_panel.heat
    hot = export_png(qtbot, window, tmp_path / "heat.png")
    assert drawn[-1]["heat"] == (heat.link_values, heat.site_values)
    assert drawn[-1]["legend"] == window.map_view.legend.labels()  # the window's legend, heat rows too
    assert HEAT_HEADING in drawn[-1]["legend"]
    assert hot.size() == plain.size() and hot != plain  # the same state, the same frame: the heat differs
    window.session.toggle_link("L1")  # the window draws no heat for this state: the export neither
    export_png(qtbot, window, tmp_path / "other.png")
    assert "heat" not in drawn[-1] and HEAT_HEADING not in drawn[-1]["legend"]


def test_an_export_from_the_window_carries_the_worst_places_and_survival_colours(qtbot, window_sync, tmp_path,
                                                                                 drawn):
    window = window_sync
    panel = window.regional_panel
    panel.radius_box.setValue(3)
    run(qtbot, panel, panel.run_places)
    assert sum(panel.layer.counts) > 0
    assert PLACES_HEADING in window.map_view.legend.labels()
    run(qtbot, panel, panel.run_survival)
    shown = window.site_colours.colours()
    assert shown  # new radii switch survival colours on
    export_png(qtbot, window, tmp_path / "regional.png")
    assert drawn[-1]["places"] == panel.layer.counts
    assert drawn[-1]["survival"] == shown
    assert PLACES_HEADING in drawn[-1]["legend"] and SURVIVAL_HEADING in drawn[-1]["legend"]
    assert drawn[-1]["legend"] == window.map_view.legend.labels()
    window.site_colours.status_action.trigger()  # View → Colour sites by → Status
    export_png(qtbot, window, tmp_path / "status.png")
    assert "survival" not in drawn[-1] and SURVIVAL_HEADING not in drawn[-1]["legend"]
    assert drawn[-1]["places"] == panel.layer.counts


def test_the_command_line_export_keeps_no_overlays(tmp_path, west_coast, drawn):
    from stamnett_gui.ui.export_view import MapContent

    export.export_map(tmp_path / "map.png", MapContent(west_coast), export.PageSize.pixels(300, 300))
    assert set(drawn[-1]) == {"legend"} and HEAT_HEADING not in drawn[-1]["legend"]


@pytest.fixture(autouse=True)
def _stop_jobs(request):
    yield
    window = request.node.funcargs.get("window_sync")
    if window is not None:
        window.sweep_panel.shutdown()
        window.regional_panel.shutdown()
