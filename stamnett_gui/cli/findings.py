"""Telling what reading a file found without flooding the terminal.

A file with a thousand broken rows has a thousand findings. By default a command
prints the first and a count; ``--verbose`` prints every one, and
``--findings FILE`` writes every one to a file (one per line: severity, place,
message), for reading at leisure or attaching to a ticket.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from stamnett_gui.cli.hints import describe
from stamnett_gui.io.errors import Finding, NetworkFileError, Severity


def add_findings_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--verbose`` and ``--findings FILE``."""
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="print every finding of reading the file (default: the first and "
                             "a count)")
    parser.add_argument("--findings", metavar="FILE",
                        help="write every finding of reading the file to FILE, one per line")


def finding_line(finding: Finding) -> str:
    """``'<severity>: <where>: <message and remedy>'``."""
    return f"{finding.severity.value}: {describe(finding)}"


def report_findings(findings: Sequence[Finding], args: argparse.Namespace, *, told: int = 0) -> str:
    """Write ``findings`` to ``--findings FILE``, print them with ``--verbose``; return a hint.

    ``told``: how many of the first findings the caller prints itself (0 or 1); with
    ``--verbose`` every finding is printed all the same, before the caller's line.
    The hint (empty when there is nothing more to see) names the options that
    show them all, for the caller's one line.
    """
    if args.findings:
        _write(findings, args.findings)
    if args.verbose:
        for finding in findings:
            print(f"stamnett: {finding_line(finding)}", file=sys.stderr)
        return ""
    if len(findings) <= told:
        return ""
    return "see every one with --verbose" + ("" if args.findings else " or --findings FILE")


def counted(findings: Sequence[Finding]) -> str:
    """``'1,500 errors, 2 warnings'``."""
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = len(findings) - errors
    return ", ".join(part for part in (
        f"{errors:,} error{'s' * (errors != 1)}" if errors else "",
        f"{warnings:,} warning{'s' * (warnings != 1)}" if warnings else "") if part)


def _write(findings: Sequence[Finding], path: str) -> None:
    from stamnett_gui.io.atomic_files import write_atomically

    text = "".join(finding_line(f) + "\n" for f in findings)
    try:
        write_atomically(path, text.encode("utf-8"))
    except NetworkFileError as error:
        print(f"stamnett: warning: the findings were not written: {error}", file=sys.stderr)
        return
    print(f"stamnett: wrote {len(findings)} finding{'s' * (len(findings) != 1)} to {path}",
          file=sys.stderr)
