"""Size limits for network files, and reading a file's bytes within them.

The limits guard against a wrong file (a disk image, a log) or a hostile one
locking up the app; real networks are far below them. The defaults hold a
network ten times larger than any national core network: a million sites and
links, a gigabyte on disk.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from stamnett_gui.io.encodings import text_problem
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
    """The bytes of the network file ``path``: a regular file of text, within ``limits.max_bytes``.

    Only regular files are read: a named pipe, a device or a socket (also behind a
    symbolic link) is refused at once, before anything is read, so that nothing
    waits forever for a writer or reads an endless device. A file whose size is
    over the limit is refused before reading; what is read is capped at the limit
    too, so a file that grows while it is read, or one whose size the system does
    not know, is still refused in time.

    Raises
    ------
    NetworkFileError
        When the file is missing, a folder, not a regular file, unreadable, too
        large, empty, or not text (see :func:`~stamnett_gui.io.encodings.text_problem`).

    """
    path = Path(path)
    data = read_regular_file(path, limits.max_bytes, limits.check_size)
    problem = text_problem(data)
    if problem:
        raise NetworkFileError(path, problem)
    return data


def read_regular_file(
    path: Path, max_bytes: int, check_size: Callable[[str | Path, int], None],
    what: str = "network file",
) -> bytes:
    """At most ``max_bytes`` of the regular file ``path``; ``check_size`` refuses larger ones.

    ``what`` names the kind of file the messages speak of ("network file", "scenario file").

    The file is opened without waiting (``O_NONBLOCK``, so a named pipe with no
    writer does not block) and checked on the open handle, so it cannot be swapped
    for something else between the check and the read.

    Raises
    ------
    NetworkFileError
        When the file is missing, a folder, not a regular file or unreadable, or
        from ``check_size``.

    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except FileNotFoundError:
        raise NetworkFileError(path, "no such file") from None
    except IsADirectoryError:
        raise NetworkFileError(path, _folder(what)) from None
    except OSError as error:
        if path.is_dir():  # Windows cannot open a folder and says "permission denied"
            raise NetworkFileError(path, _folder(what)) from None
        raise NetworkFileError(path, f"cannot read the file ({error.strerror or error})") from None
    status = os.fstat(handle)
    if stat.S_ISDIR(status.st_mode):  # before fdopen, which refuses a folder with its own error
        os.close(handle)
        raise NetworkFileError(path, _folder(what))
    with os.fdopen(handle, "rb") as stream:
        try:
            if not stat.S_ISREG(status.st_mode):
                raise NetworkFileError(path, f"this is {_kind(status.st_mode)}, not a file; "
                                             f"open a {what} saved on disk")
            check_size(path, status.st_size)
            # One byte past the limit: a file that grows while it is read is caught too.
            data = stream.read(max_bytes + 1)
        except OSError as error:
            raise NetworkFileError(path, f"cannot read the file ({error.strerror or error})") from None
    check_size(path, len(data))
    return data


def _folder(what: str) -> str:
    return f"this is a folder, not a {what}"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _human_bytes(size: int) -> str:
    """``1.2 GB``, ``340 kB``: sizes in decimal units, as file managers show them."""
    value = float(size)
    for unit in ("bytes", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{size} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")
