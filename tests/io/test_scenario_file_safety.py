"""Scenario and workshop files are read like network files: only regular files, never past the limit."""

from __future__ import annotations

import os
import sys

import pytest

from stamnett_gui.cli import main
from stamnett_gui.io.scenario_file import ScenarioFileError, read_scenario_file
from stamnett_gui.io.workshop_file import WorkshopFileError, read_workshop_file

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="named pipes are a POSIX thing here")


def test_a_named_pipe_is_refused_at_once_not_waited_on(tmp_path):
    fifo = tmp_path / "storm.json"
    os.mkfifo(fifo)
    with pytest.raises(ScenarioFileError, match="named pipe"):
        read_scenario_file(fifo)
    with pytest.raises(WorkshopFileError, match="named pipe"):
        read_workshop_file(fifo)


def test_analyse_with_a_pipe_for_a_scenario_exits_2_with_one_line(tmp_path, capsys):
    fifo = tmp_path / "storm.json"
    os.mkfifo(fifo)
    assert main(["analyse", "--scenario", str(fifo)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "named pipe" in err[0] and "Traceback" not in err[0]


def test_a_folder_and_an_empty_file_say_what_they_are(tmp_path):
    with pytest.raises(ScenarioFileError, match="folder, not a scenario or workshop file"):
        read_scenario_file(tmp_path)
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    with pytest.raises(ScenarioFileError, match="empty"):
        read_scenario_file(empty)
