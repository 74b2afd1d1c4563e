"""Problems found in files, worded for planners."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    """How bad a finding is."""

    ERROR = "error"  #: the file cannot be used as it is
    WARNING = "warning"  #: the file loads, but something is doubtful or was changed


class FindingCode(StrEnum):
    """What kind of problem a finding is, where a caller may have more to say about it.

    Messages are worded for whoever reads them, in the window or on the command
    line; a caller that has its own remedy (a command-line option, a dialog) looks
    at the code, never at the message text.
    """

    CRS_NEEDED = "crs-needed"  #: the coordinates look projected and no coordinate system was given
    CRS_ASSUMED = "crs-assumed"  #: x/y were taken as longitude/latitude because they fit
    TOO_LARGE = "too-large"  #: the file is over the size limit
    TOO_MANY = "too-many"  #: the file holds more sites and links than the limit
    SITES_FILE_MISSING = "sites-file-missing"  #: a CSV links table without its sites table


@dataclass(frozen=True)
class Finding:
    """One problem: where it is, what is wrong, and what the app did about it.

    ``where`` names the place in words a planner can find in the file, e.g.
    ``"feature 12 (id 'L7')"`` or ``"line 40"``.
    """

    where: str
    message: str
    severity: Severity = Severity.ERROR
    code: FindingCode | None = None

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class NetworkFileError(Exception):
    """A file could not be read as a network; carries every finding, not only the first.

    ``str(error)`` is one line naming the file and the first problem (for stderr);
    :attr:`findings` has them all (for a dialog).
    """

    def __init__(self, path: str | Path, findings: Sequence[Finding] | str) -> None:
        self.path = str(path)
        if isinstance(findings, str):
            findings = [Finding("", findings)]
        self.findings: tuple[Finding, ...] = tuple(findings)
        super().__init__(self.one_line())

    @property
    def code(self) -> FindingCode | None:
        """The code of the first finding (the one :meth:`one_line` tells), if it has one."""
        return self.findings[0].code if self.findings else None

    def one_line(self, describe: Callable[[Finding], str] = str) -> str:
        """``'<file>: <first problem> (and N more problems)'``; ``describe`` words the finding."""
        first = describe(self.findings[0]) if self.findings else "unreadable"
        more = len(self.findings) - 1
        tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
        return f"{self.path}: {first}{tail}"

    def details(self) -> str:
        """Every finding on its own line."""
        return "\n".join(str(f) for f in self.findings)


class CRSRequired(NetworkFileError):
    """The coordinates look projected (metres) and no coordinate system was given.

    Reading the file again with its ``crs`` goes on. The finding's code is
    :attr:`FindingCode.CRS_NEEDED`.

    Attributes
    ----------
    columns
        The names of the two coordinate columns or attributes (``("øst", "nord")``).
    sample
        One site that has coordinates, as ``(name, x, y)``, to show where a chosen
        coordinate system would put it; ``None`` when no site has two numbers.

    """

    def __init__(self, path: str | Path, message: str, *, columns: tuple[str, str],
                 sample: tuple[str, float, float] | None) -> None:
        super().__init__(path, [Finding("", message, code=FindingCode.CRS_NEEDED)])
        self.columns = columns
        self.sample = sample
