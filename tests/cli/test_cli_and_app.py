"""The command line and the app's own start-up, as a user runs them."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

from stamnett_gui import __version__
from stamnett_gui.cli import main as stamnett
from stamnett_gui.domain import SiteKind


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as exit_info:
        stamnett(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out
    with pytest.raises(SystemExit):
        stamnett(["--help"])
    assert "export-map" in capsys.readouterr().out


def test_export_map_writes_a_png_of_the_asked_size(tmp_path, qapp):
    out = tmp_path / "norway.png"
    assert stamnett(["export-map", "--output", str(out), "--size", "600x750"]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (600, 750)


def test_export_map_of_a_missing_file_is_one_line_and_exit_2(tmp_path, capsys):
    code = stamnett(["export-map", str(tmp_path / "nope.geojson"), "--output", str(tmp_path / "x.png")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and "nope.geojson" in err[0] and "no such file" in err[0]
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize("content", ["", "{", "not json at all", '{"type": "Feature"}'])
def test_export_map_of_a_broken_file_is_one_line_and_exit_2(tmp_path, capsys, content):
    bad = tmp_path / "bad.geojson"
    bad.write_text(content, encoding="utf-8")
    assert stamnett(["export-map", str(bad), "--output", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bad.geojson" in err[0]


def test_export_map_to_an_unwritable_place_is_exit_2(tmp_path, capsys, qapp):
    target = tmp_path / "no-such-folder" / "map.png"
    assert stamnett(["export-map", "--output", str(target)]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_bad_size_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit) as exit_info:
        stamnett(["export-map", "--output", "x.png", "--size", "huge"])
    assert exit_info.value.code == 2
    assert "1600x1200" in capsys.readouterr().err


def test_the_window_opens_the_bundled_network(qtbot):
    from stamnett_gui.app import create_app

    _app, window = create_app([])
    qtbot.addWidget(window)
    network = window.session.network
    assert network.modelled and "modelled links" in window.windowTitle()
    assert sum(1 for s in network.sites if s.kind is SiteKind.HOSPITAL) == 86
    assert len(window.map_view.layout.site_ids) == len(network.sites)


def test_the_window_with_a_bad_file_says_so_and_keeps_the_bundled_network(qtbot, tmp_path, capsys):
    from stamnett_gui.app import create_app

    bad = tmp_path / "truncated.geojson"
    bad.write_text('{"type": "FeatureCollection", "stamnett": {', encoding="utf-8")
    _app, window = create_app([str(bad)])
    qtbot.addWidget(window)
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "truncated.geojson" in err[0]
    assert window.error_box is not None and "truncated.geojson" in window.error_box.text()
    assert window.session.network.modelled  # the bundled network stayed open


def test_check_install_opens_draws_and_exits_zero():
    result = subprocess.run([sys.executable, "-m", "stamnett_gui", "--check-install"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "ok" in result.stderr
