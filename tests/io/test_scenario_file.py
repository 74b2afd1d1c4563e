"""Scenario and workshop files: round trips, other networks, old files, cut and hand-edited files."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stamnett_gui.domain import FailureScenario, HazardArea, Link, Measure, Network, Site
from stamnett_gui.domain.content_hash import network_hash
from stamnett_gui.domain.workshop import MapView, NamedScenario, NetworkRef, Workshop
from stamnett_gui.io.scenario_file import (
    ScenarioFileError,
    read_scenario,
    read_scenario_file,
    scenario_bytes,
    write_scenario_file,
)
from stamnett_gui.io.workshop_file import (
    WorkshopFileError,
    read_workshop_file,
    workshop_bytes,
    write_workshop_file,
)

# --- strategies ---------------------------------------------------------------------------------

names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1,
                max_size=12).filter(lambda s: s.strip() == s and s)
ids = st.frozensets(st.text("abcLS0123456789-_æøå ", min_size=1, max_size=6), max_size=4)
lon, lat = st.floats(-180, 180), st.floats(-90, 90)


@st.composite
def areas(draw, name):
    enabled = draw(st.booleans())
    if draw(st.booleans()):
        return HazardArea.circle(name, (draw(lon), draw(lat)), draw(st.floats(0.1, 1000)),
                                 enabled=enabled)
    corners = draw(st.lists(st.tuples(lon, lat), min_size=3, max_size=7, unique=True))
    holes = draw(st.lists(st.lists(st.tuples(lon, lat), min_size=3, max_size=4, unique=True),
                          max_size=1))
    return HazardArea.polygon(name, corners, holes, enabled=enabled)


@st.composite
def scenarios(draw):
    area_names = draw(st.lists(names, max_size=3, unique=True))
    return FailureScenario(draw(ids), draw(ids), draw(ids),
                           tuple(draw(areas(n)) for n in area_names))


@st.composite
def views(draw):
    west, east = sorted(draw(st.lists(lon, min_size=2, max_size=2, unique=True)))
    south, north = sorted(draw(st.lists(lat, min_size=2, max_size=2, unique=True)))
    return MapView(west, south, east, north)


named_scenarios = st.builds(
    NamedScenario, title=st.text(max_size=20), notes=st.text(max_size=60), scenario=scenarios(),
    measure=st.none() | st.sampled_from(Measure), target=st.none() | st.integers(1, 10),
    view=st.none() | views())
refs = st.none() | st.builds(NetworkRef, names, st.text("0123456789abcdef", min_size=64, max_size=64))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(named=named_scenarios, ref=refs)
def test_a_scenario_file_round_trips(tmp_path_factory, named, ref):
    path = tmp_path_factory.mktemp("s") / "scenario.json"
    write_scenario_file(path, named, ref)
    read = read_scenario_file(path)
    assert read.named == named
    assert read.made_on == ref
    assert read.version == 2 and read.missing == () and read.warnings == ()
    assert path.read_bytes() == scenario_bytes(named, ref)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(named_scenarios, max_size=4), title=st.text(max_size=20), ref=refs)
def test_a_workshop_file_round_trips(tmp_path_factory, steps, title, ref):
    path = tmp_path_factory.mktemp("w") / "workshop.json"
    workshop = Workshop(title, tuple(steps), ref, notes="prepared the day before")
    write_workshop_file(path, workshop)
    read = read_workshop_file(path)
    assert read.workshop == workshop
    assert path.read_bytes() == workshop_bytes(workshop)


# --- another network -----------------------------------------------------------------------------


@pytest.fixture
def small() -> Network:
    sites = (Site("hub", "Hub", 10.0, 60.0), Site("a", "A", 11.0, 60.5), Site("b", "B", 12.0, 61.0))
    links = (Link("L1", "hub", "a", risk_groups=frozenset({"E6"})), Link("L2", "a", "b"),
             Link("L3", "hub", "b"))
    return Network("Small", sites, links, core=frozenset({"hub"}))


def test_a_scenario_for_another_network_applies_what_exists_and_lists_the_rest(tmp_path, small):
    storm = HazardArea.circle("Storm", (11.0, 60.5), 5)
    named = NamedScenario("Storm", "notes", FailureScenario(
        frozenset({"L1", "L9"}), frozenset({"b", "gone"}), frozenset({"E6", "E39"}), (storm,)))
    path = tmp_path / "storm.json"
    write_scenario_file(path, named, NetworkRef("Elsewhere", "0" * 64))
    read = read_scenario_file(path, small)
    assert read.scenario == FailureScenario(frozenset({"L1"}), frozenset({"b"}), frozenset({"E6"}),
                                            (storm,))
    assert [str(m) for m in read.missing] == ["link 'L9'", "site 'gone'", "risk group 'E39'"]
    assert read.warnings == (
        "made on the network 'Elsewhere', not on 'Small'",
        "3 failed elements not in this network were left out: link 'L9', site 'gone', "
        "risk group 'E39'",
    )
    assert read.named.title == "Storm" and read.named.notes == "notes"


def test_a_scenario_made_on_an_edited_network_says_so(tmp_path, small):
    path = tmp_path / "s.json"
    write_scenario_file(path, NamedScenario("x"), NetworkRef("Small", "f" * 64))
    assert read_scenario_file(path, small).warnings == (
        "made on another version of 'Small' (its sites or links have changed since)",)
    write_scenario_file(path, NamedScenario("x"), small)
    read = read_scenario_file(path, small)
    assert read.warnings == () and read.made_on == NetworkRef("Small", network_hash(small))


def test_a_workshop_for_another_network_lists_missing_ids_per_scenario(tmp_path, small):
    steps = (NamedScenario("One", scenario=FailureScenario(failed_links=frozenset({"L1"}))),
             NamedScenario("Two", scenario=FailureScenario(failed_links=frozenset({"L1", "L7"}))))
    path = tmp_path / "w.json"
    write_workshop_file(path, Workshop("W", steps), small)
    read = read_workshop_file(path, small)
    assert read.warnings == ("scenario 2 (Two): not in this network, left out: link 'L7'",)
    assert [len(m) for m in read.missing] == [0, 1]
    assert read.workshop.scenarios[1].scenario.failed_links == {"L1"}


# --- the command line's files keep working ------------------------------------------------------


def test_a_version_1_file_still_reads(tmp_path, small):
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"name": "February 2024 storm", "description": "two routes out",
                                "failed_links": ["L2"], "failed_sites": [], "failed_groups": ["E6"]}),
                    encoding="utf-8")
    read = read_scenario_file(path, small)
    assert read.version == 1 and read.made_on is None
    assert read.named == NamedScenario("February 2024 storm", "two routes out",
                                       FailureScenario(frozenset({"L2"}), frozenset(), frozenset({"E6"})))
    assert read_scenario(path, small) == read.scenario


def test_the_strict_reader_refuses_unknown_ids(tmp_path, small):
    path = tmp_path / "s.json"
    path.write_text('{"failed_links": ["L1", "L99"]}', encoding="utf-8")
    with pytest.raises(ScenarioFileError, match=r"unknown link 'L99'"):
        read_scenario(path, small)


# --- bad files: one clear sentence ----------------------------------------------------------------

GOOD = {"format": "stamnett-scenario", "version": 2, "title": "t", "failed_links": ["L1"]}


@pytest.mark.parametrize("edit, message", [
    ({"format": "stamnett-workshop"}, "this is not a scenario file (\"format\" is 'stamnett-workshop'"),
    ({"version": 3}, "made by a newer version of stamnett-gui (scenario format version 3); "
                     "this version reads up to version 2"),
    ({"version": "2"}, "\"version\" must be a whole number, not '2'"),
    ({"failed_link": ["L1"]}, "unknown scenario field(s): failed_link"),
    ({"failed_links": "L1"}, "failed_links must be a list of strings"),
    ({"measure": "fast"}, "\"measure\" must be one of edge, node, risk, not 'fast'"),
    ({"target": 11}, "a target is a whole number from 1 to 10, not 11"),
    ({"target": 2.5}, "\"target\" must be a whole number from 1 to 10, not 2.5"),
    ({"view": [1, 2, 3, 4]}, "\"view\" must be {\"bbox\": [west, south, east, north]}"),
    ({"view": {"bbox": [10, 60, 5, 61]}}, "a map view needs west < east"),
    ({"network": {"name": "n"}}, "\"network\" must be an object with a \"name\" and a \"hash\""),
    ({"title": 5}, "\"title\" must be text"),
    ({"hazard_areas": [{"name": "Storm", "center": [15, 68], "radius_km": 0}]},
     "the radius of hazard area 'Storm' must be from 0.1 km to 1,000 km, not 0 km"),
    ({"hazard_areas": [{"name": "Storm", "center": [15, 68], "radius_km": 10000}]},
     "the radius of hazard area 'Storm' must be from 0.1 km to 1,000 km, not 10000 km"),
    ({"hazard_areas": [{"center": [15, 68], "radius_km": 10}]}, "a hazard area has no name"),
    ({"hazard_areas": [{"name": "A", "geometry": {"type": "Polygon", "coordinates": [[[1, 2], [3]]]}}]},
     "a point of hazard area 'A' is not a [longitude, latitude] pair"),
    ({"hazard_areas": [{"name": "A", "center": [1, 2], "radius_km": 5},
                       {"name": "A", "center": [1, 3], "radius_km": 5}]},
     "two hazard areas are named 'A'; names must differ"),
    ({"hazard_areas": {"name": "A"}}, "hazard_areas must be a list"),
])
def test_a_hand_edited_file_is_refused_in_one_sentence(tmp_path, edit, message):
    path = tmp_path / "edited.json"
    path.write_text(json.dumps({**GOOD, **edit}), encoding="utf-8")
    with pytest.raises(ScenarioFileError) as caught:
        read_scenario_file(path)
    text = str(caught.value)
    assert text == f"{path}: {message}" or text.startswith(f"{path}: {message}")
    assert "\n" not in text


def test_a_cut_file_says_it_was_cut_at_every_length(tmp_path):
    whole = scenario_bytes(NamedScenario("Storm", "notes", FailureScenario(
        frozenset({"L1"}), hazard_areas=(HazardArea.circle("Fire", (10, 60), 3),))))
    path = tmp_path / "cut.json"
    for end in range(len(whole.rstrip())):
        path.write_bytes(whole[:end])
        with pytest.raises(ScenarioFileError) as caught:
            read_scenario_file(path)
        assert "\n" not in str(caught.value)
        if end and whole[:end].strip():
            assert "it was cut off" in str(caught.value) or "not valid JSON" in str(caught.value)


@pytest.mark.parametrize("content, message", [
    (None, "no such file"),
    (b"\xff\xfe{}", "not UTF-8 text; scenario and workshop files are JSON"),
    (b'{"failed_links": ["L1"],, }',
     "line 1: not valid JSON (Expecting property name enclosed in double quotes)"),
    (b"[1, 2]", "a scenario file holds one JSON object"),
])
def test_unreadable_files(tmp_path, content, message):
    path = tmp_path / "s.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ScenarioFileError, match="^" + str(path) + ": " + message.replace("(", r"\(")
                       .replace(")", r"\)")):
        read_scenario_file(path)


def test_a_workshop_names_the_bad_scenario_by_number(tmp_path):
    path = tmp_path / "w.json"
    data = {"format": "stamnett-workshop", "version": 1, "scenarios": [{"title": "ok"},
                                                                      {"title": "bad", "target": 0}]}
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(WorkshopFileError, match=r": scenario 2: a target is a whole number"):
        read_workshop_file(path)
    path.write_text(json.dumps({**GOOD}), encoding="utf-8")
    with pytest.raises(WorkshopFileError, match="this is not a workshop file"):
        read_workshop_file(path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_folder_that_cannot_be_written_leaves_the_old_file(tmp_path):
    path = tmp_path / "s.json"
    write_scenario_file(path, NamedScenario("old"))
    tmp_path.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(ScenarioFileError, match=str(path)):
            write_scenario_file(path, NamedScenario("new"))
    finally:
        tmp_path.chmod(stat.S_IRWXU)
    assert read_scenario_file(path).named.title == "old"


def test_writing_into_a_missing_folder_is_one_sentence(tmp_path):
    with pytest.raises(ScenarioFileError) as caught:
        write_scenario_file(tmp_path / "nowhere" / "s.json", NamedScenario("x"))
    assert "\n" not in str(caught.value)


# --- the documented format -------------------------------------------------------------------------

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture(scope="module")
def validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((DOCS / "scenario-format.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_examples_in_the_docs_are_valid_and_read(validator, tmp_path):
    text = (DOCS / "scenario-format.md").read_text(encoding="utf-8")
    examples = re.findall(r"```json\n(.*?)```", text, re.S)
    assert len(examples) == 3
    for number, example in enumerate(examples):
        data = json.loads(example)
        assert list(validator.iter_errors(data)) == []
        path = tmp_path / f"example-{number}.json"
        path.write_text(example, encoding="utf-8")
        reader = read_workshop_file if data.get("format") == "stamnett-workshop" else read_scenario_file
        reader(path)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(named_scenarios, min_size=1, max_size=3), ref=refs)
def test_what_the_app_writes_is_valid_by_the_schema(validator, steps, ref):
    assert list(validator.iter_errors(json.loads(scenario_bytes(steps[0], ref)))) == []
    assert list(validator.iter_errors(json.loads(workshop_bytes(Workshop("w", tuple(steps), ref))))) == []


@pytest.mark.parametrize("edit", [
    {"version": 3}, {"failed_link": []}, {"target": 0}, {"measure": "fast"},
    {"hazard_areas": [{"name": "A", "center": [1, 2], "radius_km": 0}]},
    {"hazard_areas": [{"name": "A", "center": [1, 2], "radius_km": 10_000}]},
    {"view": {"bbox": [1, 2, 3]}},
])
def test_the_schema_refuses_what_the_reader_refuses(validator, tmp_path, edit):
    data = {**GOOD, **edit}
    assert list(validator.iter_errors(data))
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ScenarioFileError):
        read_scenario_file(path)
