"""Never lose work: a real SIGKILL, a damaged recovery file, a folder or disk that refuses writes."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from stamnett_gui.io.recovery import RECOVERY_FILE_NAME, read_recovery
from stamnett_gui.ui.persistence import Persistence, data_folder

DRIVER = Path(__file__).with_name("recovery_driver.py")


def run_driver(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / "data"),
               XDG_CONFIG_HOME=str(home / "config"), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, str(DRIVER), *args], env=env, capture_output=True,
                          text=True, timeout=240)


def test_a_killed_session_comes_back_exactly(tmp_path):
    home = tmp_path / "home"
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    killed = run_driver(home, "work", str(before))
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    recovery = home / "data" / "stamnett-gui" / "stamnett-gui" / RECOVERY_FILE_NAME
    assert read_recovery(recovery).state is not None
    restored = run_driver(home, "restore", str(after))
    assert restored.returncode == 0, restored.stderr
    was, now = json.loads(before.read_text()), json.loads(after.read_text())
    # every change made through the window is back
    assert now["workshop"] == was["workshop"]
    second = now["workshop"]["scenarios"][1]
    assert second["title"] == "Storm Vesterålen" and second["notes"].startswith("February 2024")
    assert [a["name"] for a in second["hazard_areas"]] == ["Area 1"]
    first = now["workshop"]["scenarios"][0]
    assert first["failed_links"] == ["L001"]
    assert first["failed_groups"] == ["132 kV power line Balsfjord–Tromsø"]
    for key in ("step", "selection", "measure", "target", "view", "down_links", "network"):
        assert now[key] == was[key], key
    assert now["step"] == 1 and now["selection"] == ["unn-harstad"]
    assert now["measure"] == "risk" and now["target"] == 2
    assert now["modified"] and now["title"].startswith("Unsaved workshop[*]")
    assert "2 scenario(s)" in now["question"] and "not saved to a file" in now["question"]


def start_app(monkeypatch, tmp_path):
    from stamnett_gui.app import create_app

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    app, window = create_app([], exec_app=False)
    return app, window


@pytest.mark.parametrize("cut", [0, 1, 17, 200, 0.5, -2])
def test_a_cut_recovery_file_never_stops_the_start(qtbot, tmp_path, monkeypatch, cut):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder = data_folder()  # under the test's application name
    folder.mkdir(parents=True)
    text = ('{"format": "stamnett-recovery", "version": 1, "saved_at": "2026-12-02T07:00:00+00:00", '
            '"network": {"paths": [], "hash": "", "options": {}}, "workshop_path": null, ')
    text += '"unsaved": true, "step": 0, "selection": [], "measure": "edge", "target": 3, "view": null}'
    n = int(len(text) * cut) if isinstance(cut, float) else (cut if cut >= 0 else len(text) + cut)
    (folder / RECOVERY_FILE_NAME).write_text(text[:n], encoding="utf-8")
    _app, window = start_app(monkeypatch, tmp_path)
    qtbot.addWidget(window)
    assert window.persistence.prompt.box is None  # nothing to offer, no question
    notice = window.persistence.prompt.notice
    assert notice is not None and notice.isVisible() and "could not be restored" in notice.text()
    assert (folder / (RECOVERY_FILE_NAME + ".damaged")).exists()
    window.session.toggle_link("L001")  # the session goes on, and so does autosave
    assert window.persistence.autosave.wait()
    assert read_recovery(folder / RECOVERY_FILE_NAME).state.workshop.scenarios[0].scenario.failed_links \
        == {"L001"}
    window.session.undo_stack.undo()


def test_a_folder_that_cannot_be_written_is_said_once_and_the_work_goes_on(qtbot, window_sync, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    persistence = Persistence(window_sync, blocker / "data",
                              QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    persistence.autosave.start()
    persistence.autosave.wait()
    box = persistence.autosave.message_box
    assert box is not None and box.isVisible() and "cannot make the folder" in box.text()
    assert "Nothing is lost" in box.informativeText()
    persistence.autosave.message_box = None
    window_sync.session.toggle_link("L1")
    persistence.autosave.write_now()
    persistence.autosave.wait()
    assert persistence.autosave.message_box is None  # said once, then in the status bar
    assert "recovery file" in window_sync.statusBar().currentMessage()
    assert window_sync.session.scenario.failed_links == {"L1"}
    window_sync.session.undo_stack.undo()  # nothing unsaved: closing asks nothing


def test_a_disk_that_refuses_the_write_keeps_the_last_good_file(qtbot, window_sync, tmp_path):
    """The file-size limit stands in for a full disk: the write fails with an OS error mid-way."""
    persistence = Persistence(window_sync, tmp_path / "data",
                              QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    autosave = persistence.autosave
    autosave.start()
    assert autosave.wait()
    path = tmp_path / "data" / RECOVERY_FILE_NAME
    good = path.read_bytes()
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    old_limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    try:
        resource.setrlimit(resource.RLIMIT_FSIZE, (200, old_limit[1]))
        window_sync.session.toggle_link("L2")
        autosave.write_now()
        autosave.wait()
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, old_limit)
        signal.signal(signal.SIGXFSZ, old_handler)
    assert autosave.message_box is not None and "cannot write the file" in autosave.message_box.text()
    assert path.read_bytes() == good  # the last good state is still there
    autosave.write_now()  # room again: the next write holds the change
    assert autosave.wait()
    assert read_recovery(path).state.workshop.scenarios[0].scenario.failed_links == {"L2"}
    window_sync.session.undo_stack.undo()


def test_closing_before_answering_keeps_the_last_sessions_file(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    from stamnett_gui.app import create_app
    from stamnett_gui.domain.workshop import Workshop
    from stamnett_gui.io.recovery import NetworkSource, RecoveryState, write_recovery

    path = data_folder() / RECOVERY_FILE_NAME
    write_recovery(path, RecoveryState(NetworkSource(), Workshop(), unsaved=True))
    _app, window = create_app([], exec_app=False)
    assert window.persistence.prompt.box.isVisible()
    assert window.close()
    assert read_recovery(path).state is not None  # still there to be offered next time


def test_a_session_on_a_network_file_comes_back_on_that_file(qtbot, tmp_path, monkeypatch):
    from stamnett_gui.app import create_app

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    fixture = str(Path(__file__).parents[1] / "fixtures" / "small-network.geojson")
    _app, first = create_app([fixture], exec_app=False)
    qtbot.addWidget(first)
    link = first.session.network.links[0].id
    first.session.toggle_link(link)
    assert first.persistence.autosave.wait()
    first.persistence.autosave.shutdown()  # as if killed: the file stays, the lock goes
    first.persistence.lock.unlock()
    first.workshop.files.mark_saved(None, first.workshop.files.kind)

    _app, second = create_app([], exec_app=False)
    qtbot.addWidget(second)
    second.persistence.prompt.restore_button.click()
    assert second.session.source == fixture
    assert second.session.scenario.failed_links == {link}
    assert second.workshop.files.modified
    second.session.undo_stack.clear()
    second.workshop.files.mark_saved(None, second.workshop.files.kind)


def test_the_app_can_quit_while_the_restore_question_is_up(qtbot, tmp_path, monkeypatch):
    """A message box without an escape button refuses to close, and with it the application."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    from stamnett_gui.app import create_app
    from stamnett_gui.domain.workshop import Workshop
    from stamnett_gui.io.recovery import NetworkSource, RecoveryState, write_recovery

    path = data_folder() / RECOVERY_FILE_NAME
    write_recovery(path, RecoveryState(NetworkSource(), Workshop(), unsaved=True))
    _app, window = create_app([], exec_app=False)
    box = window.persistence.prompt.box
    assert box.isVisible()
    assert box.close()  # the title bar's close button, Esc, or the app quitting
    assert not box.isVisible()
    assert window.close()
    assert read_recovery(path).state is not None  # still there to be offered next time


HOLDER = """
import os, signal, sys, time
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from stamnett_gui.ui.persistence import claim_recovery_file
app = QCoreApplication([])
path, lock = claim_recovery_file(Path(sys.argv[1]))
path.write_text("{}")  # stands for the session's recovery file
print(path.name, flush=True)
if sys.argv[2] == "crash":
    os.kill(os.getpid(), signal.SIGKILL)
time.sleep(60)
"""


def hold(folder: Path, how: str) -> tuple[subprocess.Popen[str], str]:
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder), how], text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None
    return child, child.stdout.readline().strip()


def test_copies_open_at_once_keep_their_own_recovery_files(tmp_path):
    from stamnett_gui.ui.persistence import claim_recovery_file

    folder = tmp_path / "data"
    running, name = hold(folder, "run")
    try:
        assert name == RECOVERY_FILE_NAME
        path, lock = claim_recovery_file(folder)  # the first copy still runs: a file of our own
        assert path.name == "recovery-2.json" and lock is not None and lock.isLocked()
        lock.unlock()
    finally:
        running.kill()
        running.wait()
    # The copy is gone, its file left behind: the next copy takes that file over, to offer it.
    path, lock = claim_recovery_file(folder)
    assert path == folder / RECOVERY_FILE_NAME and lock is not None
    lock.unlock()


def test_a_crashed_copys_file_is_offered_even_when_it_was_not_the_first(tmp_path):
    from stamnett_gui.ui.persistence import claim_recovery_file

    folder = tmp_path / "data"
    first, first_name = hold(folder, "run")
    try:
        assert first_name == RECOVERY_FILE_NAME
        crashed, second_name = hold(folder, "crash")
        crashed.wait()
        assert crashed.returncode == -signal.SIGKILL and second_name == "recovery-2.json"
        path, lock = claim_recovery_file(folder)  # slot 1 is busy, slot 2's copy died
        assert path.name == "recovery-2.json" and lock is not None
        lock.unlock()
    finally:
        first.kill()
        first.wait()
    (folder / RECOVERY_FILE_NAME).unlink()  # the first copy's file is gone (a clean close)
    path, lock = claim_recovery_file(folder)  # slot 1 is free and empty: the orphan still wins
    assert path.name == "recovery-2.json" and lock is not None
    lock.unlock()


def test_two_windows_never_write_over_each_others_recovery_file(qtbot, tmp_path):
    from stamnett_gui.io.loading import load_default_network
    from stamnett_gui.ui.main_window import MainWindow
    from stamnett_gui.ui.session import Session

    folder = tmp_path / "data"
    windows, keepers = [], []
    for n in range(2):
        window = MainWindow(Session(load_default_network(), synchronous=True))
        qtbot.addWidget(window)
        settings = QSettings(str(tmp_path / f"s{n}.ini"), QSettings.Format.IniFormat)
        keeper = Persistence(window, folder, settings)
        assert not keeper.start()  # nothing to restore: the other's file is not offered
        windows.append(window)
        keepers.append(keeper)
    assert [k.autosave.path.name for k in keepers] == [RECOVERY_FILE_NAME, "recovery-2.json"]
    windows[0].session.toggle_link(windows[0].session.network.links[0].id)
    windows[1].session.toggle_link(windows[1].session.network.links[1].id)
    for keeper in keepers:
        keeper.autosave.write_now()
        keeper.autosave.wait()
    for window, keeper in zip(windows, keepers, strict=True):
        state = read_recovery(keeper.autosave.path).state
        assert state is not None
        assert state.workshop.scenarios[0].scenario == window.session.scenario
    for window in windows:
        window.session.undo_stack.undo()  # nothing unsaved: closing asks nothing
        assert window.close()
    assert not any(folder.glob("recovery*.json"))  # clean closes remove both files
