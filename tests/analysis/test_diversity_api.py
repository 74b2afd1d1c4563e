"""The public Python API: names importable from ``stamnett_gui``, lazily, without Qt."""

from __future__ import annotations

import subprocess
import sys

import stamnett_gui


def test_every_public_name_resolves():
    assert set(stamnett_gui.__all__) == set(stamnett_gui._EXPORTS) | {"__version__"}
    for name in stamnett_gui.__all__:
        assert getattr(stamnett_gui, name) is not None
    assert set(stamnett_gui.__all__) <= set(dir(stamnett_gui))


def test_importing_the_package_is_cheap_and_qt_free():
    code = (
        "import sys, stamnett_gui\n"
        "heavy = [m for m in ('PySide6', 'pyqtgraph', 'networkx', 'numpy', 'shapely')"
        " if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "from stamnett_gui import FailureScenario, assess_diversity, run_sweep, explain_site\n"
        "assert 'PySide6' not in sys.modules and 'pyqtgraph' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_unknown_names_raise_attribute_error():
    try:
        stamnett_gui.no_such_thing  # noqa: B018
    except AttributeError as error:
        assert "no_such_thing" in str(error)
    else:
        raise AssertionError("expected AttributeError")
