"""The recovery file: written whole, read back exactly, and never in the way of a start."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stamnett_gui.domain import FailureScenario, HazardArea, Measure
from stamnett_gui.domain.workshop import MapView, NamedScenario, NetworkRef, Workshop
from stamnett_gui.io.recovery import (
    RECOVERY_FILE_NAME,
    NetworkSource,
    RecoveryFileError,
    RecoveryState,
    read_recovery,
    recovery_bytes,
    remove_recovery,
    write_recovery,
)

STORM = HazardArea.polygon("Storm", [(14.2, 68.0), (15.3, 68.0), (15.3, 68.7), (14.2, 68.7)])


def _state() -> RecoveryState:
    steps = (
        NamedScenario("Storm Vesterålen", "two routes out", FailureScenario(
            failed_groups=frozenset({"60 kV power line"})).add_area(STORM), Measure.RISK, 3,
            MapView(13.5, 67.8, 17.5, 69.2)),
        NamedScenario("Data-centre fire", "", FailureScenario(failed_sites=frozenset({"dc-oslo"})).add_area(
            HazardArea.circle("Fire", (10.75, 59.91), 0.5, enabled=False))),
    )
    return RecoveryState(
        network=NetworkSource(("/data/net-sites.csv", "/data/net-links.csv"), "ab" * 32,
                              {"crs": "EPSG:25833", "core": ["oslo", "bergen"]}),
        workshop=Workshop("Nord-Norge", steps, NetworkRef("Stamnettet", "ab" * 32), "notes"),
        step=1, workshop_path="/home/planner/workshop.json", unsaved=True,
        selection=("bodo", "tromso"), measure=Measure.NODE, target=2,
        view=MapView(4.0, 57.0, 32.0, 72.0), saved_at="2026-12-02T07:40:00+00:00")


def test_a_recovery_file_reads_back_exactly(tmp_path):
    path = tmp_path / "data" / RECOVERY_FILE_NAME   # the folder is made
    write_recovery(path, _state())
    assert read_recovery(path).state == _state()
    assert read_recovery(path).reason == ""


def test_the_bundled_network_has_no_paths(tmp_path):
    state = replace(_state(), network=NetworkSource(hash="cd" * 32))
    write_recovery(tmp_path / "r.json", state)
    read = read_recovery(tmp_path / "r.json").state
    assert read is not None and read.network.is_bundled


def test_the_time_is_stamped_when_written(tmp_path):
    write_recovery(tmp_path / "r.json", replace(_state(), saved_at=""))
    read = read_recovery(tmp_path / "r.json").state
    assert read is not None and read.saved_at.startswith("20") and read.saved_at.endswith("+00:00")


def test_a_recovery_file_cut_at_every_byte_never_stops_a_start(tmp_path):
    whole = recovery_bytes(_state())
    path = tmp_path / RECOVERY_FILE_NAME
    complete = 0
    for end in range(len(whole) + 1):
        path.write_bytes(whole[:end])
        read = read_recovery(path)
        if read.state is None:
            assert read.reason.startswith("the recovery file ")
            assert "\n" not in read.reason
        else:   # only the whole JSON (with or without its last newline) reads
            assert read.state == _state() and end >= len(whole) - 1
            complete += 1
    assert complete == 2


@settings(max_examples=300, deadline=None)
@given(garbage=st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_garbage_never_raises(tmp_path_factory, garbage):
    path = tmp_path_factory.mktemp("r") / RECOVERY_FILE_NAME
    path.write_bytes(garbage)
    read = read_recovery(path)
    assert read.state is None and read.reason


def _data() -> dict:
    return json.loads(recovery_bytes(_state()))


@pytest.mark.parametrize("edit, reason", [
    (lambda d: d.pop("workshop"), "the recovery file is damaged (missing 'workshop')"),
    (lambda d: d.update(version=9), "the recovery file is damaged (made by a newer version"),
    (lambda d: d.update(format="stamnett-scenario"), "the recovery file is damaged (this is not a recovery"),
    (lambda d: d.update(step=5), "the recovery file is damaged (step 5 is not a scenario"),
    (lambda d: d.update(step="1"), "the recovery file is damaged (its step is not a whole number)"),
    (lambda d: d.update(selection="bodo"), "the recovery file is damaged (the selection is not"),
    (lambda d: d.update(measure="fast"), "the recovery file is damaged ('fast' is not a valid Measure)"),
    (lambda d: d["workshop"]["scenarios"][0].update(failed_links=7),
     "the recovery file is damaged (scenario 1: failed_links must be a list of strings)"),
    (lambda d: d["workshop"]["scenarios"][1]["hazard_areas"][0].update(radius_km=0),
     "the recovery file is damaged (scenario 2: the radius of hazard area 'Fire' must be from 0.1 km"),
    (lambda d: d.update(network=[]), "the recovery file is damaged (its network is not described)"),
    (lambda d: d.update(view={"bbox": [1]}), "the recovery file is damaged (its view is not a box)"),
])
def test_a_hand_edited_recovery_file_is_refused_with_its_reason(tmp_path, edit, reason):
    data = _data()
    edit(data)
    path = tmp_path / RECOVERY_FILE_NAME
    path.write_text(json.dumps(data), encoding="utf-8")
    read = read_recovery(path)
    assert read.state is None
    assert read.reason.startswith(reason)


def test_a_folder_or_nothing_where_the_file_should_be(tmp_path):
    assert read_recovery(tmp_path / "none.json").reason == "there is no recovery file"
    (tmp_path / "folder.json").mkdir()
    read = read_recovery(tmp_path / "folder.json")
    assert read.state is None and read.reason.startswith("the recovery file cannot be read")
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert read_recovery(deep).reason in ("the recovery file is cut off or not JSON",
                                          "the recovery file is damaged (it is not a JSON object)")


def test_writing_where_nothing_can_be_written_is_an_error_and_keeps_the_old_file(tmp_path):
    path = tmp_path / RECOVERY_FILE_NAME
    write_recovery(path, _state())
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(RecoveryFileError, match="cannot make the folder"):
        write_recovery(blocker / "sub" / RECOVERY_FILE_NAME, _state())
    assert read_recovery(path).state == _state()


def test_removing_after_a_clean_exit(tmp_path):
    path = tmp_path / RECOVERY_FILE_NAME
    write_recovery(path, _state())
    assert remove_recovery(path) == ""
    assert not path.exists()
    assert remove_recovery(path) == ""   # nothing to remove is fine
