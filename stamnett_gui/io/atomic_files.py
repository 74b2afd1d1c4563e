"""Writing a file so that it is either complete or untouched."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from stamnett_gui.io.errors import NetworkFileError


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it and a rename.

    An interrupted write leaves the old file (or none) in place, never half a file.

    Raises
    ------
    NetworkFileError
        When the folder is missing or not writable, or the disk is full.

    """
    path = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    except OSError as error:
        raise NetworkFileError(path, f"cannot write here ({error.strerror or error})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise NetworkFileError(path, f"cannot write the file ({error.strerror or error})") from None
