"""Failure scenarios in files: JSON in the shape of ``FailureScenario.to_dict()``.

A scenario file looks like this (``name`` and ``description`` are optional)::

    {
      "name": "February 2024 storm",
      "description": "Two of three routes Tromsø–Bodø out at once",
      "failed_links": ["L210", "L214"],
      "failed_sites": [],
      "failed_groups": ["Lofoten 60 kV line"]
    }
"""

from __future__ import annotations

import json
from pathlib import Path

from stamnett_gui.domain import FailureScenario, Network
from stamnett_gui.io.atomic_files import write_atomically
from stamnett_gui.io.errors import Finding, NetworkFileError


class ScenarioFileError(NetworkFileError):
    """A scenario file that cannot be read, or that names ids the network lacks."""


def read_scenario(path: str | Path, network: Network | None = None) -> FailureScenario:
    """Read a scenario file; with ``network``, also check every id it names exists.

    Raises
    ------
    ScenarioFileError
        Missing or unreadable file, not JSON, wrong shape, or (with
        ``network``) unknown links, sites or risk groups; the message names
        the file and the problem.

    Examples
    --------
    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> path = os.path.join(folder, "storm.json")
    >>> write_scenario(FailureScenario(failed_links=frozenset({"L2", "L1"})), path)
    >>> read_scenario(path).failed_links == {"L1", "L2"}
    True

    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioFileError(path, "no such file") from None
    except IsADirectoryError:
        raise ScenarioFileError(path, "this is a folder, not a scenario file") from None
    except UnicodeDecodeError:
        raise ScenarioFileError(path, "not UTF-8 text; a scenario file is JSON") from None
    except OSError as error:
        raise ScenarioFileError(path, f"cannot read the file ({error.strerror or error})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ScenarioFileError(path, [Finding(f"line {error.lineno}",
                                               f"not valid JSON ({error.msg})")]) from None
    try:
        scenario = FailureScenario.from_dict(data)
    except ValueError as error:
        raise ScenarioFileError(path, str(error)) from None
    if network is not None:
        problems = scenario.unknown_elements(network)
        if problems:
            raise ScenarioFileError(path, [Finding("", p) for p in problems])
    return scenario


def write_scenario(scenario: FailureScenario, path: str | Path, *, name: str = "",
                   description: str = "") -> None:
    """Write a scenario file (complete or not at all), ids sorted, one per line.

    Raises
    ------
    ScenarioFileError
        When the file cannot be written.
    """
    data: dict[str, object] = {}
    if name:
        data["name"] = name
    if description:
        data["description"] = description
    data.update(scenario.to_dict())
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    try:
        write_atomically(path, text.encode("utf-8"))
    except NetworkFileError as error:
        raise ScenarioFileError(error.path, list(error.findings)) from None
