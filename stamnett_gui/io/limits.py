"""Size limits for network files, and reading a file's bytes within them.

The limits guard against a wrong file (a disk image, a log) or a hostile one
locking up the app; real networks are far below them. The defaults hold a
network ten times larger than any national core network: a million sites and
links, a gigabyte on disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from stamnett_gui.io.errors import Finding, FindingCode, NetworkFileError

#: Default largest file accepted, in bytes.
DEFAULT_MAX_BYTES = 1_000_000_000
#: Default largest number of sites plus links (features, nodes and edges, rows).
DEFAULT_MAX_FEATURES = 1_000_000


@dataclass(frozen=True)
class ImportLimits:
    """How large a network file may be.

    Parameters
    ----------
    max_bytes
        Largest file size in bytes.
    max_features
        Largest number of sites plus links (GeoJSON features, graph nodes and
        edges, CSV rows).

    """

    max_bytes: int = DEFAULT_MAX_BYTES
    max_features: int = DEFAULT_MAX_FEATURES

    def check_size(self, source: str | Path, size: int) -> None:
        """Raise :class:`NetworkFileError` if ``size`` bytes is over the limit."""
        if size > self.max_bytes:
            raise NetworkFileError(source, [Finding(
                "",
                f"the file is {_human_bytes(size)}, more than the limit of "
                f"{_human_bytes(self.max_bytes)} for network files; check that this is the "
                "right file",
                code=FindingCode.TOO_LARGE,
            )])

    def check_count(self, source: str | Path, count: int) -> None:
        """Raise :class:`NetworkFileError` if ``count`` features is over the limit."""
        if count > self.max_features:
            raise NetworkFileError(source, [Finding(
                "",
                f"the file holds more than {self.max_features:,} sites and links, the limit "
                "for network files; check that this is the right file",
                code=FindingCode.TOO_MANY,
            )])


def read_bytes_limited(path: str | Path, limits: ImportLimits) -> bytes:
    """The bytes of ``path``, refusing files over ``limits.max_bytes`` before reading them.

    Raises
    ------
    NetworkFileError
        When the file is missing, a folder, unreadable, or too large.

    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise NetworkFileError(path, "no such file") from None
    except OSError as error:
        raise NetworkFileError(path, f"cannot read the file ({error.strerror or error})") from None
    if path.is_dir():
        raise NetworkFileError(path, "this is a folder, not a network file")
    limits.check_size(path, size)
    try:
        with path.open("rb") as stream:
            # Read one byte past the limit: a file that grows while we read is caught too.
            data = stream.read(limits.max_bytes + 1)
    except OSError as error:
        raise NetworkFileError(path, f"cannot read the file ({error.strerror or error})") from None
    limits.check_size(path, len(data))
    return data


def _human_bytes(size: int) -> str:
    """``1.2 GB``, ``340 kB``: sizes in decimal units, as file managers show them."""
    value = float(size)
    for unit in ("bytes", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{size} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")
