"""The frozen bundle (PyInstaller) starts, finds its bundled data, draws the map and exits cleanly.

Needs PyInstaller (the ``bundle`` extra); CI installs it and runs this test on its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def test_frozen_app_starts_draws_and_exits_zero(tmp_path):
    pytest.importorskip("PyInstaller", reason="install the 'bundle' extra to build the bundle")
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(tmp_path / "dist"), "--workpath", str(tmp_path / "build"),
         str(ROOT / "packaging" / "stamnett-gui.spec")],
        check=True, cwd=tmp_path,
    )
    name = "stamnett-gui.exe" if os.name == "nt" else "stamnett-gui"
    exe = tmp_path / "dist" / "stamnett-gui" / name
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([str(exe), "--check-install"], capture_output=True, text=True, env=env,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert "ok:" in result.stderr
    assert (tmp_path / "dist" / "stamnett-gui" / "_internal" / "stamnett_gui" / "resources"
            / "SOURCES.md").is_file()
