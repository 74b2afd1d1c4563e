"""The recovery file: the session as it stood at the last change, to restore after a crash.

Every change the window makes is written here (atomically: a temporary file,
``fsync``, a rename), so a crash or a killed process loses nothing; a clean
exit removes the file, and finding it at start means the last session did not
end cleanly. The file is JSON (``"format": "stamnett-recovery"``) holding a
:class:`RecoveryState`: the network's file(s) or the bundled one, the
workshop with every scenario as it stood, the current step, selection,
measure, target and view.

Where it lives is the window's choice, not this module's: the ui layer puts
:data:`RECOVERY_FILE_NAME` in Qt's ``QStandardPaths.AppDataLocation`` (the
user's data folder: ``~/.local/share/<app>`` on Linux, ``%APPDATA%`` on
Windows, ``~/Library/Application Support`` on macOS), the same place Qt keeps
the app's other data, with no extra dependency. Everything here takes a path,
so tests and the command line need no Qt.

:func:`read_recovery` never raises: a missing, cut, corrupt or hand-edited
file gives ``None`` and one sentence, and the app starts as if there were none.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from stamnett_gui.domain import Measure
from stamnett_gui.domain.workshop import MapView, Workshop
from stamnett_gui.io.atomic_files import write_atomically
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.io.scenario_file import check_header
from stamnett_gui.io.workshop_file import workshop_from_dict, workshop_to_dict

RECOVERY_FORMAT = "stamnett-recovery"
RECOVERY_VERSION = 1
#: The file's name in the user's data folder.
RECOVERY_FILE_NAME = "recovery.json"
#: A recovery file larger than this is not one of ours.
_MAX_BYTES = 50_000_000


class RecoveryFileError(NetworkFileError):
    """The recovery file could not be written (a folder that cannot be written, a full disk)."""


@dataclass(frozen=True)
class NetworkSource:
    """Where the session's network came from, to open it again.

    Attributes
    ----------
    paths
        The file or files opened (a CSV pair is two); empty for the bundled network.
    hash
        :func:`~stamnett_gui.domain.content_hash.network_hash` of the network as
        it was open, so that a file changed since can be told.
    options
        What the import dialogs chose (core, coordinate system, property
        mapping…), as JSON values; the ui layer fills and reads it.

    """

    paths: tuple[str, ...] = ()
    hash: str = ""
    options: Mapping[str, Any] = field(default_factory=dict, compare=True, hash=False)

    @property
    def is_bundled(self) -> bool:
        """True for the bundled network."""
        return not self.paths


@dataclass(frozen=True)
class RecoveryState:
    """Everything needed to put the window back as it was.

    Attributes
    ----------
    network
        The network's source.
    workshop
        Every scenario of the session, each with its failure scenario as it
        stood (a session without a workshop file is a workshop of one).
    step
        The index of the current scenario in ``workshop``.
    workshop_path
        The workshop or scenario file the session was opened from or saved to, if any.
    unsaved
        Whether there were changes not yet saved to ``workshop_path``.
    selection
        The selected site ids (none, one, or a pair).
    measure, target, view
        What the window showed.
    saved_at
        When the state was written (ISO 8601, UTC); filled in by :func:`recovery_bytes`.

    """

    network: NetworkSource
    workshop: Workshop
    step: int = 0
    workshop_path: str | None = None
    unsaved: bool = False
    selection: tuple[str, ...] = ()
    measure: Measure = Measure.EDGE
    target: int = 3
    view: MapView | None = None
    saved_at: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.step < max(len(self.workshop.scenarios), 1):
            raise ValueError(f"step {self.step} is not a scenario of the workshop")
        if not 1 <= self.target <= 10:
            raise ValueError(f"target {self.target} is not from 1 to 10")
        object.__setattr__(self, "measure", Measure(self.measure))
        object.__setattr__(self, "selection", tuple(self.selection))


@dataclass(frozen=True)
class RecoveryRead:
    """What :func:`read_recovery` found: a state, or ``None`` and the reason in one sentence."""

    state: RecoveryState | None
    reason: str = ""


def recovery_to_dict(state: RecoveryState) -> dict[str, Any]:
    """The file's content as a JSON-ready dict."""
    data: dict[str, Any] = {
        "format": RECOVERY_FORMAT, "version": RECOVERY_VERSION,
        "saved_at": state.saved_at or datetime.now(UTC).isoformat(timespec="seconds"),
        "network": {"paths": list(state.network.paths), "hash": state.network.hash,
                    "options": dict(state.network.options)},
        "workshop_path": state.workshop_path,
        "unsaved": state.unsaved,
        "step": state.step,
        "selection": list(state.selection),
        "measure": state.measure.value,
        "target": state.target,
        "view": {"bbox": state.view.to_list()} if state.view else None,
        "workshop": workshop_to_dict(state.workshop),
    }
    return data


def _strings(value: Any, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{what} is not a list of texts")
    return tuple(value)


def recovery_from_dict(data: Any) -> RecoveryState:
    """A state from :func:`recovery_to_dict`'s shape; ``ValueError`` (or ``TypeError``) if bad."""
    if not isinstance(data, Mapping):
        raise ValueError("it is not a JSON object")
    check_header(data, RECOVERY_FORMAT, RECOVERY_VERSION, "recovery")
    source = data["network"]
    if not isinstance(source, Mapping) or not isinstance(source.get("hash"), str) \
            or not isinstance(source.get("options"), Mapping):
        raise ValueError("its network is not described")
    network = NetworkSource(_strings(source.get("paths"), "the network's paths"), source["hash"],
                            dict(source["options"]))
    path = data["workshop_path"]
    if path is not None and not isinstance(path, str):
        raise ValueError("its workshop path is not a text")
    view = data["view"]
    box = view.get("bbox") if isinstance(view, Mapping) else None
    if view is not None and not (isinstance(box, list) and len(box) == 4):
        raise ValueError("its view is not a box")
    for key, kind, word in (("unsaved", bool, "true or false"), ("step", int, "a whole number"),
                            ("target", int, "a whole number"), ("saved_at", str, "a text")):
        if not isinstance(data[key], kind) or (kind is int and isinstance(data[key], bool)):
            raise ValueError(f"its {key} is not {word}")
    return RecoveryState(
        network=network, workshop=workshop_from_dict(data["workshop"]), step=data["step"],
        workshop_path=path, unsaved=data["unsaved"],
        selection=_strings(data["selection"], "the selection"), measure=Measure(data["measure"]),
        target=data["target"], view=MapView(*box) if box is not None else None,
        saved_at=data["saved_at"],
    )


def recovery_bytes(state: RecoveryState) -> bytes:
    """The file's bytes (compact JSON: it is written on every change)."""
    return (json.dumps(recovery_to_dict(state), ensure_ascii=False, separators=(",", ":"))
            + "\n").encode("utf-8")


def write_recovery(path: str | Path, state: RecoveryState) -> None:
    """Write the recovery file, complete or not at all; the folder is made if need be.

    Call it off the GUI thread: it waits for the disk (``fsync``).

    Raises
    ------
    RecoveryFileError
        When the folder cannot be made or written, or the disk is full; the
        previous recovery file is left as it was.

    """
    path = Path(path)
    data = recovery_bytes(state)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise RecoveryFileError(path, f"cannot make the folder ({error.strerror or error})") from None
    try:
        write_atomically(path, data)
    except NetworkFileError as error:
        raise RecoveryFileError(error.path, list(error.findings)) from None


def read_recovery(path: str | Path) -> RecoveryRead:
    """The state in the recovery file, or ``None`` and why; never raises.

    Examples
    --------
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), RECOVERY_FILE_NAME)
    >>> read_recovery(path).reason
    'there is no recovery file'
    >>> with open(path, "w") as f:
    ...     _ = f.write('{"format": "stamnett-recovery", "ver')
    >>> read_recovery(path).reason
    'the recovery file is cut off or not JSON'

    """
    path = Path(path)
    try:
        if not path.exists():
            return RecoveryRead(None, "there is no recovery file")
        if path.stat().st_size > _MAX_BYTES:
            return RecoveryRead(None, "the recovery file is far too large to be one")
        raw = path.read_bytes()
    except OSError as error:
        return RecoveryRead(None, f"the recovery file cannot be read ({error.strerror or error})")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return RecoveryRead(None, "the recovery file is cut off or not JSON")
    try:
        return RecoveryRead(recovery_from_dict(data))
    # Whatever a damaged file holds, the app must start: any failure to rebuild the state
    # (a missing key, a wrong type deep in a scenario) means "no recovery", with its reason.
    except Exception as error:
        detail = f"missing {error}" if isinstance(error, KeyError) else str(error)
        return RecoveryRead(None, f"the recovery file is damaged ({detail})")


def remove_recovery(path: str | Path) -> str:
    """Remove the recovery file after a clean exit; ``""`` or why it could not be removed."""
    try:
        Path(path).unlink(missing_ok=True)
    except OSError as error:
        return f"the recovery file could not be removed ({error.strerror or error})"
    return ""
