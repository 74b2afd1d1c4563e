"""Workshop files: an ordered list of named scenarios made on one network (JSON).

::

    {
      "format": "stamnett-workshop",
      "version": 1,
      "title": "Nord-Norge resilience workshop",
      "notes": "",
      "network": {"name": "Stamnettet (modelled)", "hash": "3f9a…"},
      "scenarios": [
        {"title": "Storm Vesterålen", "notes": "…", "failed_links": [], "failed_sites": [],
         "failed_groups": ["…"], "hazard_areas": [], "measure": "edge", "target": 3},
        …
      ]
    }

Each entry of ``scenarios`` has the fields of a scenario file without its
``format``, ``version`` and ``network`` (docs/scenario-format.md).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stamnett_gui.domain import Network
from stamnett_gui.domain.workshop import NetworkRef, Workshop
from stamnett_gui.io.atomic_files import write_atomically
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.io.scenario_file import (
    MissingElement,
    ScenarioFileError,
    check_header,
    fit_to_network,
    load_json,
    named_from_dict,
    named_to_dict,
    network_ref_from_dict,
    network_ref_to_dict,
    network_warning,
)

WORKSHOP_FORMAT = "stamnett-workshop"
WORKSHOP_VERSION = 1


class WorkshopFileError(ScenarioFileError):
    """A workshop file that cannot be read or written; the message is one sentence."""


@dataclass(frozen=True)
class WorkshopRead:
    """A workshop file as opened on a network.

    Attributes
    ----------
    workshop
        The workshop as applied: each scenario less the ids the network lacks.
    missing
        Per scenario, in order, what it fails that the network lacks.
    warnings
        One sentence each: another network; which scenarios lost which ids.

    """

    workshop: Workshop
    missing: tuple[tuple[MissingElement, ...], ...] = ()
    warnings: tuple[str, ...] = ()


def workshop_to_dict(workshop: Workshop) -> dict[str, Any]:
    """The whole file as a JSON-ready dict."""
    data: dict[str, Any] = {"format": WORKSHOP_FORMAT, "version": WORKSHOP_VERSION,
                            "title": workshop.title, "notes": workshop.notes}
    if workshop.network is not None:
        data["network"] = network_ref_to_dict(workshop.network)
    data["scenarios"] = [named_to_dict(s) for s in workshop.scenarios]
    return data


def workshop_from_dict(data: Any) -> Workshop:
    """A workshop from :func:`workshop_to_dict`'s shape; ``ValueError`` names what is wrong."""
    if not isinstance(data, Mapping):
        raise ValueError("a workshop file holds one JSON object")
    check_header(data, WORKSHOP_FORMAT, WORKSHOP_VERSION, "workshop")
    unknown = set(data) - {"format", "version", "title", "notes", "network", "scenarios"}
    if unknown:
        raise ValueError(f"unknown workshop field(s): {', '.join(sorted(unknown))}")
    for key in ("title", "notes"):
        if not isinstance(data.get(key, ""), str):
            raise ValueError(f'"{key}" must be text')
    steps = data.get("scenarios", [])
    if not isinstance(steps, list):
        raise ValueError('"scenarios" must be a list')
    named = []
    for number, step in enumerate(steps, start=1):
        try:
            named.append(named_from_dict(step))
        except ValueError as error:
            raise ValueError(f"scenario {number}: {error}") from None
    ref = network_ref_from_dict(data["network"]) if "network" in data else None
    return Workshop(data.get("title", ""), tuple(named), ref, data.get("notes", ""))


def fit_workshop(workshop: Workshop, network: Network) -> WorkshopRead:
    """Apply every scenario to ``network``: what exists stays, what does not is listed."""
    warnings = [w for w in (network_warning(workshop.network, network),) if w]
    steps, missing = [], []
    for number, named in enumerate(workshop.scenarios, start=1):
        fitted, lacking, _ = fit_to_network(named, None, network)
        steps.append(fitted)
        missing.append(lacking)
        if lacking:
            listed = ", ".join(str(m) for m in lacking[:10]) + (", …" if len(lacking) > 10 else "")
            warnings.append(f"scenario {number} ({named.title or 'untitled'}): not in this "
                            f"network, left out: {listed}")
    fitted_workshop = Workshop(workshop.title, tuple(steps), workshop.network, workshop.notes)
    return WorkshopRead(fitted_workshop, tuple(missing), tuple(warnings))


def read_workshop_file(path: str | Path, network: Network | None = None) -> WorkshopRead:
    """Read a workshop file; with ``network``, apply every scenario there.

    Raises
    ------
    WorkshopFileError
        The file is missing, unreadable, cut off, not JSON, not a workshop
        file, or hand-edited into a wrong shape; one sentence says which
        (and which scenario, by its number).

    """
    data = load_json(path, WorkshopFileError)
    try:
        workshop = workshop_from_dict(data)
    except ValueError as error:
        raise WorkshopFileError(path, str(error)) from None
    if network is None:
        return WorkshopRead(workshop, tuple(() for _ in workshop.scenarios))
    return fit_workshop(workshop, network)


def read_workshop_text(text: str, network: Network | None = None, *,
                       source: str = "workshop") -> WorkshopRead:
    """Read a workshop from its JSON text (a bundled workshop); ``source`` names it in errors."""
    try:
        workshop = workshop_from_dict(json.loads(text))
    except ValueError as error:   # json.JSONDecodeError is a ValueError too
        raise WorkshopFileError(source, str(error)) from None
    if network is None:
        return WorkshopRead(workshop, tuple(() for _ in workshop.scenarios))
    return fit_workshop(workshop, network)


def workshop_bytes(workshop: Workshop) -> bytes:
    """The file's bytes: two-space indented UTF-8 JSON."""
    return (json.dumps(workshop_to_dict(workshop), indent=2, ensure_ascii=False) + "\n").encode()


def write_workshop_file(path: str | Path, workshop: Workshop,
                        network: Network | NetworkRef | None = None) -> None:
    """Write a workshop file, complete or not at all.

    With ``network``, the file names it as the network the workshop was made on
    (otherwise the workshop's own :attr:`~Workshop.network` is kept).

    Raises
    ------
    WorkshopFileError
        When the file cannot be written; an existing file is left as it was.

    """
    if network is not None:
        ref = network if isinstance(network, NetworkRef) else NetworkRef.of(network)
        workshop = Workshop(workshop.title, workshop.scenarios, ref, workshop.notes)
    try:
        write_atomically(path, workshop_bytes(workshop))
    except NetworkFileError as error:
        raise WorkshopFileError(error.path, list(error.findings)) from None
