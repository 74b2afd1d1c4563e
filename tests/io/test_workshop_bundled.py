"""The example workshop: made on the bundled network, applies cleanly, and each story does what it says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from stamnett_gui.analysis import assess_diversity
from stamnett_gui.analysis.hazards import check_area, resolve_scenario
from stamnett_gui.domain import Status
from stamnett_gui.domain.content_hash import network_hash
from stamnett_gui.io.loading import load_default_network
from stamnett_gui.io.resources import EXAMPLE_WORKSHOP, read_text
from stamnett_gui.io.workshop_file import read_workshop_text

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def network():
    return load_default_network()


@pytest.fixture(scope="module")
def read(network):
    return read_workshop_text(read_text(EXAMPLE_WORKSHOP), network, source=EXAMPLE_WORKSHOP)


@pytest.fixture(scope="module")
def steps(read):
    return {named.title: named for named in read.workshop.scenarios}


def _report(network, named):
    return assess_diversity(network, named.scenario, named.target, named.measure)


def _site(network, fragment):
    found = [s for s in network.sites if fragment in s.name]
    assert len(found) == 1, found
    return found[0].id


def test_it_is_made_on_the_bundled_network_and_applies_cleanly(read, network):
    assert read.warnings == ()
    assert all(m == () for m in read.missing)
    assert read.workshop.network.hash == network_hash(network)
    assert len(read.workshop.scenarios) == 6
    for named in read.workshop.scenarios:
        assert named.notes and named.view is not None and named.target == 3
        for area in named.scenario.hazard_areas:
            assert check_area(area) == ""   # drawn cleanly: nothing to repair


def test_the_file_is_what_the_build_script_makes_from_the_network_now():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_workshop.py"), "--check"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_2024_storm_as_risk_groups_leaves_stokmarknes_one_route(network, steps):
    report = _report(network, steps["February 2024 storm in Vesterålen (risk groups)"])
    stokmarknes = report[_site(network, "Stokmarknes")]
    assert stokmarknes.lost and stokmarknes.diversity == 1 and stokmarknes.status is Status.DEGRADED
    assert report[_site(network, "Harstad")].lost


def test_the_drawn_storm_cuts_every_line_between_the_towns_but_not_the_towns(network, steps):
    named = steps["February 2024 storm, drawn over Harstad–Sortland–Stokmarknes–Svolvær"]
    resolved = resolve_scenario(network, named.scenario)
    assert resolved.failed_sites == set()          # the towns stand
    groups = _report(network, steps["February 2024 storm in Vesterålen (risk groups)"])
    drawn = _report(network, named)
    stokmarknes = _site(network, "Stokmarknes")
    # everything in the area fails, not only the two lines of 2024: at least as bad, site by site
    assert drawn[stokmarknes].lost
    assert all(d.diversity <= g.diversity for d, g in zip(drawn.sites, groups.sites, strict=True))
    assert drawn[stokmarknes].diversity < groups[stokmarknes].diversity


def test_the_svalbard_pair_isolates_longyearbyen(network, steps):
    report = _report(network, steps["Svalbard cable pair"])
    assert report[_site(network, "Longyearbyen")].status is Status.ISOLATED
    assert [s.site_id for s in report.sites if s.lost] == [_site(network, "Longyearbyen")]


def test_the_finnmark_double_failure_weakens_ost_finnmark(network, steps):
    named = steps["Finnmark double failure (as in 2018)"]
    assert len(named.scenario.failed_links) == 1 and len(named.scenario.failed_sites) == 1
    (cable,) = named.scenario.failed_links
    assert "sea" in network.link(cable).medium
    report = _report(network, named)
    kirkenes = report[_site(network, "Kirkenes")]
    assert kirkenes.lost and kirkenes.status is Status.DEGRADED


def test_the_data_centre_fire_fails_the_data_centre_alone(network, steps):
    (title,) = [t for t in steps if t.startswith("Fire at")]
    named = steps[title]
    resolved = resolve_scenario(network, named.scenario)
    (dc,) = resolved.failed_sites
    assert network.site(dc).kind.value == "datacentre" and dc in network.core
    report = _report(network, named)
    assert [s.site_id for s in report.sites if s.status is Status.FAILED] == [dc]
    assert all(s.status is not Status.ISOLATED for s in report.sites if s.site_id != dc)


def test_the_romsdalen_slide_cuts_the_valley_links_and_takes_a_site_below_target(network, steps):
    named = steps["Rock slide closes Romsdalen"]
    resolved = resolve_scenario(network, named.scenario)
    assert resolved.failed_links and not resolved.failed_sites
    for link_id in resolved.failed_links:
        link = network.link(link_id)
        assert any(word in (link.name + " ".join(link.risk_groups)) for word in ("Romsdal", "E136", "Rauma"))
    report = _report(network, named)
    assert any(s.lost and s.diversity < 3 for s in report.sites)
