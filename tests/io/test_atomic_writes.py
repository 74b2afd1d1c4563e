"""Writing: one atomic helper for every writer, modes kept, synced, pairs whole, leftovers found."""

from __future__ import annotations

import math
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stamnett_gui.domain import FailureScenario, Link, Network, Site
from stamnett_gui.io import atomic_files
from stamnett_gui.io.atomic_files import (
    TEMPORARY_SUFFIX,
    remove_leftovers,
    temporary_name,
    write_all_atomically,
    write_atomically,
)
from stamnett_gui.io.csv.writer import write_csv_pair
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.io.geojson.network import write_network
from stamnett_gui.io.graphml.writer import write_graphml
from stamnett_gui.io.saving import files_replaced_besides, save_network
from stamnett_gui.io.scenario_file import write_scenario

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and pipes")


def tiny(name: str = "tiny") -> Network:
    sites = (Site("a", "Alfa", 10.0, 60.0), Site("b", "Bravo", 11.0, 61.0))
    return Network(name, sites, (Link("L1", "a", "b"),), core=frozenset({"a"}))


WRITERS = {
    "geojson": lambda network, path: write_network(network, path),
    "graphml": lambda network, path: write_graphml(network, path),
    "csv": lambda network, path: write_csv_pair(network, path),
    "scenario": lambda network, path: write_scenario(FailureScenario(frozenset({"L1"})), path),
}
SUFFIX = {"geojson": "net.geojson", "graphml": "net.graphml", "csv": "net-sites.csv",
          "scenario": "storm.json"}


def current_umask() -> int:
    # Read in a child process: changing the umask here would race with other threads.
    out = subprocess.run([sys.executable, "-c", "import os; print(os.umask(0))"],
                         capture_output=True, text=True, check=True)
    return int(out.stdout)


@posix_only
@pytest.mark.parametrize("kind", WRITERS)
def test_a_new_file_gets_the_usual_mode_from_the_umask_not_0600(tmp_path, kind):
    path = tmp_path / SUFFIX[kind]
    WRITERS[kind](tiny(), path)
    expected = 0o666 & ~current_umask()
    for written in tmp_path.iterdir():
        assert stat.S_IMODE(written.stat().st_mode) == expected, written.name


@posix_only
@pytest.mark.parametrize("kind", WRITERS)
def test_an_existing_file_keeps_its_mode(tmp_path, kind):
    path = tmp_path / SUFFIX[kind]
    path.write_text("old")
    path.chmod(0o640)
    WRITERS[kind](tiny(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.read_bytes() != b"old"


@pytest.mark.parametrize("kind", WRITERS)
def test_every_writer_syncs_the_data_before_the_rename(tmp_path, kind, monkeypatch):
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace",
                        lambda a, b: (events.append(f"replace {Path(b).name}"), real_replace(a, b))[1])
    WRITERS[kind](tiny(), tmp_path / SUFFIX[kind])
    renames = [i for i, e in enumerate(events) if e.startswith("replace")]
    assert renames and events[renames[0] - 1] == "fsync"
    assert events.count("fsync") >= len(renames)  # each file's data synced before any rename


def test_a_failed_second_rename_leaves_the_old_pair_whole(tmp_path, monkeypatch):
    sites, links = tmp_path / "net-sites.csv", tmp_path / "net-links.csv"
    sites.write_text("old sites")
    links.write_text("old links")
    real_replace = os.replace
    calls = []

    def second_fails(source, target):
        calls.append(Path(target).name)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", second_fails)
    with pytest.raises(NetworkFileError, match=r"net-links\.csv: cannot write the file"):
        write_csv_pair(tiny(), sites)
    monkeypatch.setattr(os, "replace", real_replace)
    assert (sites.read_text(), links.read_text()) == ("old sites", "old links")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["net-links.csv", "net-sites.csv"]


def test_a_failed_new_pair_leaves_neither_file(tmp_path, monkeypatch):
    real_replace = os.replace
    calls = []

    def second_fails(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(13, "Permission denied")
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", second_fails)
    with pytest.raises(NetworkFileError):
        write_csv_pair(tiny(), tmp_path / "new.csv")
    assert list(tmp_path.iterdir()) == []


def test_a_pair_written_whole_replaces_both(tmp_path):
    write_all_atomically([(tmp_path / "a.csv", b"1"), (tmp_path / "b.csv", b"2")])
    write_all_atomically([(tmp_path / "a.csv", b"3"), (tmp_path / "b.csv", b"4")])
    assert [(p.name, p.read_bytes()) for p in sorted(tmp_path.iterdir())] == [
        ("a.csv", b"3"), ("b.csv", b"4")]


def test_saving_names_the_other_half_of_an_existing_pair(tmp_path):
    assert files_replaced_besides(tmp_path / "net-sites.csv") == ()
    (tmp_path / "net-links.csv").write_text("someone else's links")
    assert files_replaced_besides(tmp_path / "net-sites.csv") == (tmp_path / "net-links.csv",)
    assert files_replaced_besides(tmp_path / "net-links.csv") == ()
    assert files_replaced_besides(tmp_path / "net.graphml") == ()


@posix_only
def test_a_symbolic_link_stays_a_link_to_the_new_contents(tmp_path):
    real = tmp_path / "real.geojson"
    real.write_text("old")
    link = tmp_path / "net.geojson"
    link.symlink_to(real)
    write_network(tiny(), link)
    assert link.is_symlink() and real.read_text().startswith('{\n  "type": "FeatureCollection"')


@posix_only
def test_a_folder_or_a_pipe_is_never_replaced(tmp_path):
    (tmp_path / "folder.geojson").mkdir()
    with pytest.raises(NetworkFileError, match="this is a folder; give a file name to write"):
        write_network(tiny(), tmp_path / "folder.geojson")
    os.mkfifo(tmp_path / "pipe.graphml")
    with pytest.raises(NetworkFileError, match="not a regular file"):
        write_graphml(tiny(), tmp_path / "pipe.graphml")
    assert stat.S_ISFIFO((tmp_path / "pipe.graphml").stat().st_mode)


# --- leftovers of killed writes ------------------------------------------------------------------


def make_old(path: Path) -> None:
    """Set the file's times ten minutes back, as a leftover of an earlier run would have."""
    past = time.time() - 600
    os.utime(path, (past, past))


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid  # finished and reaped: no process has it (pids are not reused at once)


@posix_only
def test_leftovers_of_a_killed_write_are_removed_and_nothing_else(tmp_path):
    dead = tmp_path / f".net.geojson.{dead_pid()}-0123abcd{TEMPORARY_SUFFIX}"
    running = tmp_path / f".net.geojson.{os.getppid()}-0123abcd{TEMPORARY_SUFFIX}"
    mine = temporary_name(tmp_path / "net.geojson")
    others = [tmp_path / "net.geojson", tmp_path / f".hidden{TEMPORARY_SUFFIX}",
              tmp_path / ".net.geojson.abc123"]
    just_made = tmp_path / f".net.csv.{dead_pid()}-4567abcd{TEMPORARY_SUFFIX}"
    for path in (dead, running, mine, *others):
        path.write_text("x")
        make_old(path)
    just_made.write_text("x")  # perhaps another machine's write, still running
    assert remove_leftovers(tmp_path) == [dead]
    assert sorted(tmp_path.iterdir()) == sorted([running, mine, just_made, *others])


@posix_only
def test_a_killed_write_leaves_a_temporary_that_the_next_save_removes(tmp_path):
    target = tmp_path / "net.graphml"
    script = (
        "import os, sys\n"
        "from stamnett_gui.io import atomic_files\n"
        "def die(*args):\n"
        "    os._exit(9)  # killed between writing the data and the rename\n"
        "atomic_files.os.replace = die\n"
        f"atomic_files.write_atomically({str(target)!r}, b'half')\n"
    )
    subprocess.run([sys.executable, "-c", script], check=False)
    left = list(tmp_path.iterdir())
    assert len(left) == 1 and left[0].name.startswith(".net.graphml.")
    assert left[0].name.endswith(TEMPORARY_SUFFIX)
    save_network(tiny(), target)
    assert len(list(tmp_path.iterdir())) == 2  # two minutes old at least before it is taken
    make_old(left[0])
    save_network(tiny(), target)
    assert [p.name for p in tmp_path.iterdir()] == ["net.graphml"]


def test_cleaning_a_missing_folder_is_no_error(tmp_path):
    assert remove_leftovers(tmp_path / "gone") == []


def test_write_atomically_reports_a_missing_folder(tmp_path):
    with pytest.raises(NetworkFileError, match="cannot write here"):
        write_atomically(tmp_path / "gone" / "x.csv", b"x")
    assert atomic_files.TEMPORARY_SUFFIX == ".stamnett-tmp"


# --- what cannot be saved is named ---------------------------------------------------------------


def test_a_site_without_a_position_is_named_when_saving_geojson(tmp_path):
    path = tmp_path / "net.geojson"
    path.write_text("old")
    sites = (Site("a", "Alfa", 10.0, 60.0), Site("b", "Bravo", math.nan, 61.0),
             Site("c", "c", math.inf, math.nan))
    network = Network("n", sites, (Link("L1", "a", "b", route=((10.0, 60.0), (math.nan, 1.0))),))
    with pytest.raises(NetworkFileError) as caught:
        write_network(network, path)
    assert caught.value.details().splitlines() == [
        "site 'b' (Bravo): cannot be saved: its longitude is not a number (NaN); the project's "
        "GeoJSON needs every site's position. Give the site one, or save as GraphML or CSV, "
        "which keep a site without a position",
        "site 'c': cannot be saved: its latitude is not a number (NaN) and its longitude is "
        "infinite; the project's GeoJSON needs every site's position. Give the site one, or save "
        "as GraphML or CSV, which keep a site without a position",
        "link 'L1': cannot be saved: point 2 of its route is not a number (NaN) or infinite; "
        "remove that point or the route",
    ]
    assert "Out of range float" not in str(caught.value)
    assert path.read_text() == "old"


def test_a_property_json_cannot_hold_is_named(tmp_path):
    sites = (Site("a", "Alfa", 10.0, 60.0, properties={"height": math.nan}),)
    with pytest.raises(NetworkFileError, match=r"site 'a' \(Alfa\): cannot be saved as JSON: a "
                                               r"property holds a value JSON cannot hold"):
        write_network(Network("n", sites, ()), tmp_path / "net.geojson")
    assert list(tmp_path.iterdir()) == []


def test_graphml_and_csv_keep_a_site_without_a_position(tmp_path):
    sites = (Site("a", "Alfa", 10.0, 60.0), Site("b", "Bravo", math.nan, math.nan))
    network = Network("n", sites, (Link("L1", "a", "b"),))
    for name in ("net.graphml", "net.csv"):
        assert save_network(network, tmp_path / name)
