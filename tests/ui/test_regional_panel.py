"""Analysis → Regional failures in the real window: worst places, a row adds the disk, survival disks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from stamnett_gui.analysis.regional import regional_failures
from stamnett_gui.analysis.survival import survival_radius
from stamnett_gui.domain import FailureScenario, Link, Network, Site, SiteKind
from stamnett_gui.ui.heat_layer import heat_class
from stamnett_gui.ui.main_window import MainWindow
from stamnett_gui.ui.session import Session


@pytest.fixture
def window(qtbot):
    # Hub c; a with three links to c, two bent apart and one straight; b on two links to a.
    sites = (Site("c", "Hub", 10.75, 59.91, SiteKind.HUB), Site("a", "Akershus", 11.3, 59.95),
             Site("b", "Bærum", 11.5, 60.1))
    links = (Link("L1", "c", "a", route=((10.75, 59.91), (11.0, 60.1), (11.3, 59.95))),
             Link("L2", "c", "a", route=((10.75, 59.91), (11.0, 59.75), (11.3, 59.95))),
             Link("L3", "c", "a"), Link("L4", "a", "b"), Link("L5", "a", "b"))
    network = Network("Test net", sites, links, core=frozenset({"c"}), target=2)
    win = MainWindow(Session(network, synchronous=True))
    qtbot.addWidget(win)
    win.resize(1000, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.regional_panel.shutdown()


def finish(qtbot, panel, start):
    with qtbot.waitSignal(panel.job.finished, timeout=60_000):
        start()


def test_worst_places_fill_the_map_and_a_row_adds_the_disk(qtbot, window):
    panel = window.regional_panel
    panel.action.trigger()
    assert panel.dock.isVisible()
    panel.radius_box.setValue(3)
    finish(qtbot, panel, panel.run_places)
    expected = regional_failures(window.session.network, 3)
    assert panel.places.result == expected
    assert panel.model.rowCount() == len(expected.failures)
    # Every place is filled in the class of what a disk there does.
    counts = [0] * len(panel.layer.counts)
    for rings, index in zip(panel.places.rings, panel.places.failure, strict=True):
        k = heat_class(len(expected.failures[index].below_target))
        if k >= 0:
            counts[k] += len(rings)
    assert panel.layer.counts == counts and sum(counts) > 0
    first = panel.model.index(0, 0)
    worst = expected.failures[panel.failure_at(first)]
    assert len(worst.below_target) == len(expected.failures[0].below_target)  # sorted worst first
    rect = panel.table.visualRect(first)
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    (area,) = window.session.scenario.hazard_areas
    assert area.center == worst.disk.center and area.radius_km == 3
    assert set(window.session.down_links()) == set(worst.links)
    assert sum(panel.layer.counts) == 0  # another state now
    window.undo_action.trigger()
    assert window.session.scenario == FailureScenario() and panel.layer.counts == counts


def test_the_selected_sites_survival_disk_is_drawn(qtbot, window):
    panel = window.regional_panel
    finish(qtbot, panel, panel.run_survival)
    expected = survival_radius(window.session.network)
    assert panel.survival == expected
    assert not panel.layer.disk_shown
    # Nothing selected: how many sites fall in each colour class, and how to read the smallest.
    small = sum(1 for s in expected.sites if s.radius_km is not None and s.radius_km <= 2)
    endless = sum(1 for s in expected.sites if s.applies and s.radius_km is None)
    text = panel.survival_label.text()
    assert f"target {expected.target}): {small} up to 2 km" in text
    assert f"{endless} more than 200 km or none" in text and "not asked" not in text
    assert "Select a site to see its disk." in text
    window.session.select_sites(("a",))
    assert panel.layer.disk_shown
    assert f"survival radius {expected['a'].radius_km} km" in panel.survival_label.text()
    window.session.select_sites(("c",))  # a core of one site is the whole core: no disk lowers it
    assert not panel.layer.disk_shown and "no survival radius" in panel.survival_label.text()


def test_survival_radii_fill_the_sites_table_and_tooltips_only_for_the_state_shown(qtbot, window):
    from stamnett_gui.ui.site_table import SURVIVAL

    panel, model, view = window.regional_panel, window.site_panel.model, window.map_view
    table = window.site_panel.table
    assert table.isColumnHidden(SURVIVAL)  # no empty column before anything is computed
    finish(qtbot, panel, panel.run_survival)
    assert not table.isColumnHidden(SURVIVAL)
    expected = survival_radius(window.session.network)
    shown = {model.data(model.index(row, 0), Qt.ItemDataRole.UserRole + 2):
             model.data(model.index(row, SURVIVAL)) for row in range(model.rowCount())}
    assert shown == {s.site_id: f"{s.radius_km} km" if s.radius_km is not None else ""
                     for s in expected.sites}
    assert f"{expected['a'].radius_km} km" in view.describe("site", "a")
    window.session.toggle_link("L3")  # another scenario: the radii were not computed for it
    assert all(model.data(model.index(row, SURVIVAL)) == "" for row in range(model.rowCount()))
    assert "Survival radius" not in view.describe("site", "a")
    assert table.isColumnHidden(SURVIVAL)
    window.session.undo_stack.undo()  # back to the state they were computed for
    assert model.data(model.index(model.site_row("a"), SURVIVAL)) == f"{expected['a'].radius_km} km"


def test_survival_class_bounds():
    from stamnett_gui.domain.regional import SiteSurvival
    from stamnett_gui.ui.site_colours import survival_class

    def cls(radius, applies=True):
        return survival_class(SiteSurvival("s", "S", radius, None, "", applies=applies))

    assert [cls(r) for r in (1, 2, 3, 10, 11, 50, 51, 200, 201, 5000)] == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert cls(None) == 4  # no disk up to the limit: the safest class
    assert cls(None, applies=False) == -1


def test_sites_take_their_survival_colours_only_for_the_state_shown(qtbot, window):
    from stamnett_gui.ui import styles
    from stamnett_gui.ui.site_colours import COLOUR_MENU, survival_colour

    colours, panel, legend = window.site_colours, window.regional_panel, window.map_view.legend
    status_row = styles.STATUS_LABEL[next(iter(styles.STATUS_LABEL))]
    assert not colours.by_survival and colours.colours() == {} and status_row in legend.labels()
    view_menu = window.findChild(type(colours.menu), "View menu")
    assert colours.menu.menuAction() in view_menu.actions()
    assert window.findChild(type(colours.menu), COLOUR_MENU) is colours.menu

    finish(qtbot, panel, panel.run_survival)  # new radii switch the colouring on
    expected = survival_radius(window.session.network)
    fresh = {s.site_id: QColor(survival_colour(s)).name() for s in expected.sites}
    assert colours.by_survival and colours.colours() == fresh
    assert fresh["c"] == QColor(styles.SURVIVAL_COLOURS[-1]).name()  # the core: no disk lowers it
    assert fresh["a"] == QColor(styles.SURVIVAL_COLOURS[0]).name()  # a 1 km disk does
    assert "Survival radius of each site:" in legend.labels() and status_row not in legend.labels()
    # The markers keep the shape of the site's status and kind.
    report, highlight = window.session.report, window.map_view.highlight
    for spot in colours.markers.points():
        site = window.session.network.site(spot.data())
        assert spot.symbol() == highlight.site_style(site, report[site.id].status)[0]

    window.session.toggle_link("L3")  # another state: status colours, and the legend says why
    assert colours.by_survival and colours.colours() == {}
    assert "No survival radii for this state;" in legend.labels() and status_row in legend.labels()
    window.session.select_sites(("a",))  # selecting on top changes nothing of that
    assert colours.colours() == {}
    window.undo_action.trigger()  # back to the state the radii are for, the selection kept
    assert window.session.selection == ("a",) and colours.colours() == fresh

    colours.status_action.trigger()  # View → Colour sites by → Status
    assert not colours.by_survival and colours.colours() == {} and status_row in legend.labels()
    window.session.toggle_link("L3")
    window.undo_action.trigger()  # the same radii shown again do not switch it back on
    assert not colours.by_survival and colours.colours() == {}
    colours.survival_action.trigger()
    assert colours.colours() == fresh


def test_radii_pending_for_an_old_network_never_colour_the_new_one(qtbot, window):
    from stamnett_gui.ui.site_colours import survival_colour

    colours, panel = window.site_colours, window.regional_panel
    old = window.session.network
    # Another network with the same site ids, so that colours by id could wrongly match.
    moved = Network("Moved net", old.sites, old.links[:2] + old.links[3:], core=old.core, target=2)
    with qtbot.waitSignal(panel.job.finished, timeout=60_000):
        panel.run_survival()  # on the worker thread: still pending when the network changes
        window.session.set_network(moved)
    assert panel.survival_key is not None and panel.survival_key.network is old
    assert colours.survival is None and colours.colours() == {}
    assert not colours.by_survival  # radii for a state never shown do not switch the colours on
    assert "Compliant (meets target)" in window.map_view.legend.labels()
    window.session.toggle_link("L4")  # fail, then select, on the new network: still nothing
    window.session.select_sites(("a",))
    assert colours.colours() == {} and not panel.layer.disk_shown
    window.session.undo_stack.undo()
    finish(qtbot, panel, panel.run_survival)  # radii for the new network: its own colours
    fresh = survival_radius(moved)
    assert colours.by_survival
    assert colours.colours() == {s.site_id: QColor(survival_colour(s)).name() for s in fresh.sites}
    assert panel.layer.disk_shown == (fresh["a"].radius_km is not None)
