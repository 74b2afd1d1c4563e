"""What the command line adds to a reader's message: the option that fixes the problem.

The readers word their messages for the window and the command line alike
("say which coordinate system they are in"); the options that answer them
belong here, looked up by the finding's code, never by its text.
"""

from __future__ import annotations

from stamnett_gui.io.errors import Finding, FindingCode, NetworkFileError

#: For commands with the reading options (``validate``, ``convert``).
_WITH_OPTIONS = {
    FindingCode.CRS_NEEDED: "give it with --crs, e.g. --crs EPSG:25833",
    FindingCode.CRS_ASSUMED: "if so, give it with --crs, e.g. --crs EPSG:25833",
    FindingCode.TOO_LARGE: "a larger limit can be set with --max-bytes",
    FindingCode.TOO_MANY: "a larger limit can be set with --max-features",
    FindingCode.SITES_FILE_MISSING: "name the sites file instead and give this one with --links",
}
#: For commands that read a network as it is (``analyse``, ``export-map``): convert it first.
_CONVERT_FIRST = {
    FindingCode.CRS_NEEDED: "convert it once with 'stamnett convert FILE OUT.geojson --crs EPSG:25833' "
                            "(or the file's own CRS) and use OUT.geojson",
    FindingCode.SITES_FILE_MISSING: "make one file of the pair with 'stamnett convert SITES.csv "
                                    "OUT.geojson --links LINKS.csv' and use OUT.geojson",
}


def hinted_message(finding: Finding, *, reading_options: bool = True) -> str:
    """The finding's message with the command line's remedy, when it has one.

    ``reading_options``: the command takes ``--crs``, ``--links`` and the limits.
    """
    hints = _WITH_OPTIONS if reading_options else _CONVERT_FIRST
    hint = hints.get(finding.code) if finding.code is not None else None
    return f"{finding.message}; {hint}" if hint else finding.message


def describe(finding: Finding, *, reading_options: bool = True) -> str:
    """``'<where>: <message and remedy>'``, as ``str(finding)`` with the remedy."""
    message = hinted_message(finding, reading_options=reading_options)
    return f"{finding.where}: {message}" if finding.where else message


def error_line(error: NetworkFileError, *, reading_options: bool = True) -> str:
    """:meth:`NetworkFileError.one_line` with the command line's remedy for its first problem."""
    return error.one_line(lambda finding: describe(finding, reading_options=reading_options))
