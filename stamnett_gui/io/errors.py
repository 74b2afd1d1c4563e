"""Problems found in files, worded for planners."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    """How bad a finding is."""

    ERROR = "error"  #: the file cannot be used as it is
    WARNING = "warning"  #: the file loads, but something is doubtful or was changed


@dataclass(frozen=True)
class Finding:
    """One problem: where it is, what is wrong, and what the app did about it.

    ``where`` names the place in words a planner can find in the file, e.g.
    ``"feature 12 (id 'L7')"`` or ``"line 40"``.
    """

    where: str
    message: str
    severity: Severity = Severity.ERROR

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

    def one_line(self) -> str:
        """``'<file>: <first problem> (and N more problems)'``."""
        first = str(self.findings[0]) if self.findings else "unreadable"
        more = len(self.findings) - 1
        tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
        return f"{self.path}: {first}{tail}"

    def details(self) -> str:
        """Every finding on its own line."""
        return "\n".join(str(f) for f in self.findings)
