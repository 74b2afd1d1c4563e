"""Shared fixtures: Qt runs offscreen; small networks are built by hand."""

from __future__ import annotations

import os
import tempfile

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The app keeps settings and a recovery file in the user's folders; tests get their own.
_USER = tempfile.mkdtemp(prefix="stamnett-test-user-")
os.environ["XDG_DATA_HOME"] = os.path.join(_USER, "data")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_USER, "config")

from stamnett_gui.domain import Link, Network, Site, SiteKind  # noqa: E402 (after the environment is set)


@pytest.fixture(autouse=True)
def _own_user_folders(tmp_path_factory, monkeypatch):
    """Each test has its own settings and recovery file: none sees another's last network."""
    from PySide6.QtCore import QSettings

    user = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("XDG_DATA_HOME", str(user / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(user / "config"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(user / "config"))


@pytest.fixture
def west_coast() -> Network:
    """Five sites on the west coast: two hubs, two hospitals, one junction; one bent link."""
    sites = (
        Site("bergen", "Bergen hub", 5.33, 60.39, SiteKind.HUB),
        Site("trondheim", "Trondheim hub", 10.40, 63.43, SiteKind.HUB),
        Site("forde", "Førde sentralsjukehus", 5.85, 61.45, health_trust="Helse Førde HF",
             region="Helse Vest", municipality="Sunnfjord"),
        Site("alesund", "Ålesund sjukehus", 6.18, 62.46, health_trust="Helse Møre og Romsdal HF",
             region="Helse Midt-Norge", municipality="Ålesund"),
        Site("dombas", "Dombås", 9.12, 62.07, SiteKind.JUNCTION),
    )
    links = (
        Link("L1", "bergen", "forde", route=((5.33, 60.39), (5.6, 60.9), (5.85, 61.45)),
             risk_groups=frozenset({"E39 corridor"}), operator="Telenor"),
        Link("L2", "forde", "alesund", risk_groups=frozenset({"E39 corridor"})),
        Link("L3", "alesund", "dombas", medium="fibre"),
        Link("L4", "dombas", "trondheim", risk_groups=frozenset({"Dovrebanen corridor"})),
        Link("L5", "bergen", "dombas", medium="fibre"),
    )
    return Network("West coast test", sites, links, core=frozenset({"bergen", "trondheim"}),
                   modelled=True)


@pytest.fixture
def window_sync(qtbot, west_coast):
    """The real main window on ``west_coast``, its analysis run in the GUI thread."""
    from stamnett_gui.ui.main_window import MainWindow
    from stamnett_gui.ui.session import Session

    win = MainWindow(Session(west_coast, synchronous=True))
    qtbot.addWidget(win)
    win.resize(1000, 800)
    win.show()
    qtbot.waitExposed(win)
    return win
