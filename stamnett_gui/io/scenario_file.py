"""Scenario files: one named failure scenario, as JSON (described in docs/scenario-format.md).

Version 2, written by the app::

    {
      "format": "stamnett-scenario",
      "version": 2,
      "title": "February 2024 storm",
      "notes": "Two of three routes Tromsø–Bodø out at once",
      "network": {"name": "Stamnettet (modelled)", "hash": "3f9a…"},
      "failed_links": ["L210"],
      "failed_sites": [],
      "failed_groups": ["60 kV power line Harstad–Sortland–Stokmarknes–Svolvær"],
      "hazard_areas": [
        {"name": "Storm", "geometry": {"type": "Polygon", "coordinates": [[[15, 68], …]]},
         "enabled": true},
        {"name": "Fire", "center": [10.39, 63.42], "radius_km": 0.5, "enabled": true}
      ],
      "measure": "risk",
      "target": 3,
      "view": {"bbox": [13.5, 67.8, 17.5, 69.2]}
    }

Version 1 is what ``stamnett analyse --scenario`` has always read: no
``format``, only ``failed_links``, ``failed_sites``, ``failed_groups`` and an
optional ``name`` and ``description``; it is still read.

Reading never refuses a scenario for naming what the network lacks:
:func:`read_scenario_file` applies what exists and lists the rest by id in
:attr:`ScenarioRead.missing`. :func:`read_scenario` is the strict reader of
the command line and the Python API, which refuses unknown ids.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from stamnett_gui.domain import FailureScenario, Measure, Network
from stamnett_gui.domain.content_hash import network_hash
from stamnett_gui.domain.workshop import MapView, NamedScenario, NetworkRef
from stamnett_gui.io.atomic_files import write_atomically
from stamnett_gui.io.errors import Finding, NetworkFileError
from stamnett_gui.io.limits import read_regular_file

SCENARIO_FORMAT = "stamnett-scenario"
SCENARIO_VERSION = 2
#: A scenario or workshop file larger than this is not one (a network file opened by mistake?).
MAX_BYTES = 20_000_000

_STORY_FIELDS = frozenset({"title", "notes", "failed_links", "failed_sites", "failed_groups",
                           "hazard_areas", "measure", "target", "view"})
_V1_FIELDS = frozenset({"failed_links", "failed_sites", "failed_groups", "hazard_areas", "name",
                        "description"})


class ScenarioFileError(NetworkFileError):
    """A scenario or workshop file that cannot be read or written; the message is one sentence."""


@dataclass(frozen=True)
class MissingElement:
    """A failed link, site or risk group a file names and the network lacks."""

    kind: str  #: ``"link"``, ``"site"`` or ``"risk group"``
    id: str

    def __str__(self) -> str:
        return f"{self.kind} {self.id!r}"


@dataclass(frozen=True)
class ScenarioRead:
    """A scenario file as opened on a network.

    Attributes
    ----------
    named
        The scenario as applied: ids the network lacks are left out.
    made_on
        The network the file says it was made on (``None`` for version 1 files).
    missing
        What the file fails that the network lacks, by id.
    warnings
        One sentence each: another network, ids left out.
    version
        The file's format version.

    """

    named: NamedScenario
    made_on: NetworkRef | None = None
    missing: tuple[MissingElement, ...] = ()
    warnings: tuple[str, ...] = ()
    version: int = SCENARIO_VERSION

    @property
    def scenario(self) -> FailureScenario:
        """The failure scenario as applied."""
        return self.named.scenario


# --- JSON values ----------------------------------------------------------------------------------


def network_ref_to_dict(ref: NetworkRef) -> dict[str, str]:
    """``{"name": …, "hash": …}``."""
    return {"name": ref.name, "hash": ref.hash}


def network_ref_from_dict(data: Any) -> NetworkRef:
    """A :class:`NetworkRef` from ``{"name", "hash"}``; ``ValueError`` on another shape."""
    if (not isinstance(data, Mapping) or set(data) != {"name", "hash"}
            or not all(isinstance(data[k], str) for k in ("name", "hash"))):
        raise ValueError('"network" must be an object with a "name" and a "hash", both text')
    return NetworkRef(data["name"], data["hash"])


def named_to_dict(named: NamedScenario) -> dict[str, Any]:
    """One scenario's fields (no format header): the shape of a workshop's steps."""
    data: dict[str, Any] = {"title": named.title, "notes": named.notes}
    data.update(named.scenario.to_dict())
    data.setdefault("hazard_areas", [])
    if named.measure is not None:
        data["measure"] = named.measure.value
    if named.target is not None:
        data["target"] = named.target
    if named.view is not None:
        data["view"] = {"bbox": named.view.to_list()}
    return data


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise ValueError(f'"{key}" must be text')
    return value


def named_from_dict(data: Any) -> NamedScenario:
    """One scenario from :func:`named_to_dict`'s shape; ``ValueError`` names what is wrong."""
    if not isinstance(data, Mapping):
        raise ValueError("a scenario must be a JSON object")
    unknown = set(data) - _STORY_FIELDS
    if unknown:
        raise ValueError(f"unknown scenario field(s): {', '.join(sorted(unknown))}")
    ids = {k: data[k] for k in ("failed_links", "failed_sites", "failed_groups", "hazard_areas")
           if k in data}
    scenario = FailureScenario.from_dict(ids)
    measure = None
    if "measure" in data:
        try:
            measure = Measure(data["measure"])
        except ValueError:
            choices = ", ".join(m.value for m in Measure)
            raise ValueError(f'"measure" must be one of {choices}, not {data["measure"]!r}') from None
    target = data.get("target")
    if target is not None and (isinstance(target, bool) or not isinstance(target, int)):
        raise ValueError(f'"target" must be a whole number from 1 to 10, not {target!r}')
    view = None
    if "view" in data:
        box = data["view"].get("bbox") if isinstance(data["view"], Mapping) else None
        if not isinstance(box, list) or len(box) != 4:
            raise ValueError('"view" must be {"bbox": [west, south, east, north]}')
        view = MapView(*box)
    return NamedScenario(_text(data, "title"), _text(data, "notes"), scenario, measure, target, view)


def scenario_to_dict(named: NamedScenario, network: Network | NetworkRef | None = None) -> dict[str, Any]:
    """The whole version-2 file as a JSON-ready dict."""
    data: dict[str, Any] = {"format": SCENARIO_FORMAT, "version": SCENARIO_VERSION}
    story = named_to_dict(named)
    data["title"], data["notes"] = story.pop("title"), story.pop("notes")
    if network is not None:
        ref = network if isinstance(network, NetworkRef) else NetworkRef.of(network)
        data["network"] = network_ref_to_dict(ref)
    data.update(story)
    return data


def scenario_from_dict(data: Any) -> tuple[NamedScenario, NetworkRef | None, int]:
    """``(scenario, network it was made on, version)`` from a file's JSON; ``ValueError`` if bad."""
    if not isinstance(data, Mapping):
        raise ValueError("a scenario file holds one JSON object")
    if "format" not in data:   # version 1: the command line's original shape
        unknown = set(data) - _V1_FIELDS
        if unknown:
            raise ValueError(f"unknown scenario field(s): {', '.join(sorted(unknown))}")
        scenario = FailureScenario.from_dict(data)
        return (NamedScenario(_text(data, "name"), _text(data, "description"), scenario), None, 1)
    check_header(data, SCENARIO_FORMAT, SCENARIO_VERSION, "scenario")
    story = {k: v for k, v in data.items() if k not in ("format", "version", "network")}
    ref = network_ref_from_dict(data["network"]) if "network" in data else None
    return named_from_dict(story), ref, int(data["version"])


def check_header(data: Mapping[str, Any], fmt: str, newest: int, what: str) -> None:
    """Check ``format`` and ``version``; ``ValueError`` says what the file is instead."""
    if data.get("format") != fmt:
        raise ValueError(f'this is not a {what} file ("format" is {data.get("format")!r}, '
                         f"not {fmt!r})")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ValueError(f'"version" must be a whole number, not {version!r}')
    if version > newest:
        raise ValueError(f"made by a newer version of stamnett-gui ({what} format version "
                         f"{version}); this version reads up to version {newest}")


# --- applying to a network ------------------------------------------------------------------------


def missing_elements(scenario: FailureScenario, network: Network) -> tuple[MissingElement, ...]:
    """Every failed id of ``scenario`` that ``network`` lacks, links first, each sorted."""
    return (
        *(MissingElement("link", i) for i in sorted(scenario.failed_links - network.links_by_id.keys())),
        *(MissingElement("site", i) for i in sorted(scenario.failed_sites - network.sites_by_id.keys())),
        *(MissingElement("risk group", i)
          for i in sorted(scenario.failed_groups - network.risk_groups_by_name.keys())),
    )


def network_warning(made_on: NetworkRef | None, network: Network) -> str:
    """A sentence when ``made_on`` is not ``network``; ``""`` when it is (or is not known)."""
    if made_on is None or made_on.hash == network_hash(network):
        return ""
    if made_on.name != network.name:
        return f"made on the network {made_on.name!r}, not on {network.name!r}"
    return f"made on another version of {network.name!r} (its sites or links have changed since)"


def fit_to_network(named: NamedScenario, made_on: NetworkRef | None,
                   network: Network) -> tuple[NamedScenario, tuple[MissingElement, ...], tuple[str, ...]]:
    """Apply a scenario to ``network``: ``(what exists, what does not, warnings)``."""
    missing = missing_elements(named.scenario, network)
    warnings = [w for w in (network_warning(made_on, network),) if w]
    if missing:
        listed = ", ".join(str(m) for m in missing[:10]) + (", …" if len(missing) > 10 else "")
        warnings.append(f"{len(missing)} failed element{'s' if len(missing) > 1 else ''} "
                        f"not in this network {'were' if len(missing) > 1 else 'was'} left out: "
                        f"{listed}")
    fitted = replace(named, scenario=named.scenario.without_unknown(network))
    return fitted, missing, tuple(warnings)


# --- files ----------------------------------------------------------------------------------------


def load_json(path: str | Path, error: type[ScenarioFileError] = ScenarioFileError) -> Any:
    """The JSON in ``path``; ``error`` with one sentence for anything that stops reading it."""
    path = Path(path)

    def refuse_large(_path: str | Path, size: int) -> None:
        if size > MAX_BYTES:
            raise error(path, f"the file is over {MAX_BYTES // 1_000_000} MB; "
                              "a scenario or workshop file is far smaller")

    try:  # only a regular file is read (a named pipe would wait forever), and never past the limit
        data = read_regular_file(path, MAX_BYTES, refuse_large, what="scenario or workshop file")
    except ScenarioFileError:
        raise
    except NetworkFileError as exc:
        raise error(path, list(exc.findings)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise error(path, "not UTF-8 text; scenario and workshop files are JSON") from None
    if not text.strip():
        raise error(path, "the file is empty")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()):
            raise error(path, "the file ends in the middle of its JSON: it was cut off "
                              "(an interrupted copy or save?)") from None
        raise error(path, [Finding(f"line {exc.lineno}", f"not valid JSON ({exc.msg})")]) from None


def read_scenario_file(path: str | Path, network: Network | None = None) -> ScenarioRead:
    """Read a scenario file (version 1 or 2); with ``network``, apply it there.

    Ids the network lacks are left out and listed in ``missing``; a file made
    on another network reads, with a warning. Hazard areas come as stored:
    check them with :func:`stamnett_gui.analysis.hazards.review_areas`.

    Raises
    ------
    ScenarioFileError
        The file is missing, unreadable, cut off, not JSON, not a scenario
        file, or hand-edited into a wrong shape; one sentence says which.

    Examples
    --------
    >>> import tempfile, os
    >>> from stamnett_gui.domain import Link, Network, Site
    >>> net = Network("n", (Site("a", "A", 10, 60), Site("b", "B", 11, 60)), (Link("L1", "a", "b"),))
    >>> path = os.path.join(tempfile.mkdtemp(), "storm.json")
    >>> storm = FailureScenario(failed_links=frozenset({"L1", "L9"}))
    >>> write_scenario_file(path, NamedScenario("Storm", scenario=storm), net)
    >>> read = read_scenario_file(path, net)
    >>> sorted(read.scenario.failed_links), [str(m) for m in read.missing]
    (['L1'], ["link 'L9'"])

    """
    data = load_json(path)
    try:
        named, made_on, version = scenario_from_dict(data)
    except ValueError as exc:
        raise ScenarioFileError(path, str(exc)) from None
    if network is None:
        return ScenarioRead(named, made_on, version=version)
    fitted, missing, warnings = fit_to_network(named, made_on, network)
    return ScenarioRead(fitted, made_on, missing, warnings, version)


def scenario_bytes(named: NamedScenario, network: Network | NetworkRef | None = None) -> bytes:
    """The file's bytes: version 2, two-space indented, UTF-8, ids sorted."""
    return (json.dumps(scenario_to_dict(named, network), indent=2, ensure_ascii=False) + "\n").encode()


def write_scenario_file(path: str | Path, named: NamedScenario,
                        network: Network | NetworkRef | None = None) -> None:
    """Write a version-2 scenario file, complete or not at all.

    Raises
    ------
    ScenarioFileError
        When the file cannot be written (the folder is missing or read-only,
        the disk is full); an existing file is left as it was.

    """
    try:
        write_atomically(path, scenario_bytes(named, network))
    except NetworkFileError as exc:
        raise ScenarioFileError(exc.path, list(exc.findings)) from None


def read_scenario(path: str | Path, network: Network | None = None) -> FailureScenario:
    """Read a scenario file strictly; with ``network``, every id it names must exist.

    The command line's and the Python API's reader.

    Raises
    ------
    ScenarioFileError
        As :func:`read_scenario_file`, and (with ``network``) for unknown
        links, sites or risk groups; the message names the file and the problem.

    Examples
    --------
    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> path = os.path.join(folder, "storm.json")
    >>> write_scenario(FailureScenario(failed_links=frozenset({"L2", "L1"})), path)
    >>> read_scenario(path).failed_links == {"L1", "L2"}
    True

    """
    scenario = read_scenario_file(path).scenario
    if network is not None:
        problems = scenario.unknown_elements(network)
        if problems:
            raise ScenarioFileError(path, [Finding("", p) for p in problems])
    return scenario


def write_scenario(scenario: FailureScenario, path: str | Path, *, name: str = "",
                   description: str = "", network: Network | None = None) -> None:
    """Write a scenario file (version 2) with a title and notes; see :func:`write_scenario_file`."""
    write_scenario_file(path, NamedScenario(name, description, scenario), network)
