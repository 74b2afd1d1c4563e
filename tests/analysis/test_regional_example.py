"""The documented regional example runs as written, on a small network file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from test_regional import geo_network

from stamnett_gui.io.geojson.network import write_network

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "worst_storm.py"


def test_the_example_prints_storms_survival_sweep_and_pairs(tmp_path):
    network = geo_network({"c": (0, 0), "a": (20, 0), "b": (20, 15)},
                          [("a", "c"), ("a", "c"), ("a", "c"), ("b", "a"), ("b", "c")],
                          bends={1: (10, 6), 2: (10, -6)})
    path = tmp_path / "net.geojson"
    write_network(network, path)
    out = subprocess.run([sys.executable, str(EXAMPLE), str(path), "4", "1"], check=True,
                         capture_output=True, text=True, timeout=120).stdout
    lines = out.splitlines()
    assert lines[0].startswith("Regional failures of 4 km")
    circle = json.loads(lines[2].strip())
    assert set(circle) == {"center", "radius_km"} and circle["radius_km"] == 4.0
    assert any(line.startswith("Survival radius") for line in lines)
    assert any(line.startswith("N-1 sweep of links") for line in lines)
    assert any(line.startswith("Between all points") for line in lines)
