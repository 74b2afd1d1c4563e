"""The documented example runs, on a hand-built network and (when present) the bundled one."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from stamnett_gui.domain import Link, Network, RiskGroup, Site, SiteKind
from stamnett_gui.io.geojson.network import write_network

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "fail_a_corridor.py"
API = ROOT / "docs" / "api.md"


def _bundled_available() -> bool:
    try:
        from stamnett_gui.io.loading import load_default_network

        load_default_network()
    except (OSError, ValueError):
        return False
    return True


def _corridor_network() -> Network:
    sites = (Site("hub", "Tromsø hub", 18.96, 69.65, SiteKind.HUB),
             Site("harstad", "Harstad", 16.54, 68.80),
             Site("sortland", "Sortland", 15.41, 68.70),
             Site("svolvaer", "Svolvær", 14.57, 68.23))
    line = frozenset({"60 kV line"})
    links = (Link("L1", "hub", "harstad"), Link("L2", "hub", "harstad"),
             Link("L3", "harstad", "sortland", risk_groups=line),
             Link("L4", "sortland", "svolvaer", risk_groups=line),
             Link("L5", "hub", "sortland"), Link("L6", "hub", "svolvaer"),
             Link("L7", "harstad", "svolvaer"))
    return Network("Corridor test", sites, links, core=frozenset({"hub"}),
                   risk_groups=(RiskGroup("60 kV line"),))


def test_example_on_a_hand_built_network(tmp_path):
    path = tmp_path / "corridor.geojson"
    write_network(_corridor_network(), path)
    done = subprocess.run([sys.executable, str(EXAMPLE), str(path), "60 kV line"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 1, done.stderr  # Sortland is left with one route
    assert "failed risk groups: 60 kV line" in done.stdout
    assert ("Sortland: 1 independent route to the core (target 3). "
            "Losing link L5 alone would isolate it.") in done.stdout
    assert "N-1 sweep of groups (risk measure, target 3)" in done.stdout
    missing = subprocess.run([sys.executable, str(EXAMPLE), str(path), "no such line"],
                             capture_output=True, text=True, cwd=tmp_path)
    assert missing.returncode == 2 and "no risk group 'no such line'" in missing.stderr


@pytest.mark.skipif(not _bundled_available(), reason="the bundled network is not installed")
def test_example_and_api_snippets_on_the_bundled_network():
    done = subprocess.run([sys.executable, str(EXAMPLE)], capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    assert "sites lost diversity" in done.stdout
    for block in re.findall(r"```python\n(.*?)```", API.read_text(encoding="utf-8"), re.S):
        subprocess.run([sys.executable, "-c", block], check=True, capture_output=True)
