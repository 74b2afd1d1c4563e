"""Writing files so that each is either complete or untouched, and nothing else is lost.

Every writer in the app goes through :func:`write_atomically` (one file) or
:func:`write_all_atomically` (files that belong together, like a CSV pair):

- the data goes to a temporary file in the target's folder, is flushed to disk
  (``fsync``), and is then renamed over the target, so a reader sees the old file
  or the new one, never half of one; the folder is synced too where the system
  allows it, so the rename survives a power cut;
- the new file keeps the target's permissions; a new file gets the usual ones
  from the umask (``rw-r--r--`` under the common umask 022), not the owner-only
  mode of a temporary file;
- a target that is a symbolic link stays one: the file it points to is replaced;
- temporary files are named ``.<name>.<pid>-<random>.stamnett-tmp`` so that the
  leftovers of a killed write can be told apart from anything else:
  :func:`remove_leftovers` deletes those of processes that no longer run. It runs
  for the target's folder before every write; call it at start for the folders
  the app writes to.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import stat
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from stamnett_gui.io.errors import NetworkFileError

#: The end of every temporary file's name (and of the backups of a group write).
TEMPORARY_SUFFIX = ".stamnett-tmp"
#: Where the process id sits in a temporary file's name.
_TEMPORARY_NAME = re.compile(r"^\..+\.(\d+)-[0-9a-f]{8}" + re.escape(TEMPORARY_SUFFIX) + "$")
#: On systems where a process cannot be asked whether it runs, leftovers older than this go.
_STALE_AFTER_S = 24 * 3600.0
#: Younger temporaries are kept whatever their process id says: on a shared folder (NFS) the
#: id may be of a process on another machine, still writing.
_MIN_AGE_S = 120.0
#: Permissions asked for a new file; the umask takes its bits away, as for any new file.
_NEW_FILE_MODE = 0o666


def write_atomically(path: str | Path, data: bytes) -> None:
    r"""Write ``data`` to ``path``: complete, synced to disk, or not at all.

    Raises
    ------
    NetworkFileError
        When the folder is missing or not writable, the target is a folder or not
        a regular file, or the disk is full; the old file is then untouched.

    Examples
    --------
    >>> import os, tempfile
    >>> target = os.path.join(tempfile.mkdtemp(), "net.csv")
    >>> write_atomically(target, b"id,name\n")
    >>> open(target, "rb").read()
    b'id,name\n'

    """
    write_all_atomically([(Path(path), data)])


def write_all_atomically(files: Sequence[tuple[str | Path, bytes]]) -> None:
    """Write several files so that either all are the new ones or all are the old ones.

    Each file is first written in full beside its target; only then are they
    renamed into place, one after the other. When a rename fails, the targets
    already replaced get their old contents back (and new targets are removed),
    so a CSV pair never ends up as new sites beside old links.

    Raises
    ------
    NetworkFileError
        Naming the file that could not be written; every target is then as before.

    """
    targets = [(_target(Path(path)), data) for path, data in files]
    temporaries: list[tuple[Path, Path]] = []
    try:
        for target, data in targets:
            remove_leftovers(target.parent)
            temporaries.append((_write_temporary(target, data), target))
        _rename_all(temporaries)
    finally:
        for temporary, _ in temporaries:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)


def temporary_name(target: Path) -> Path:
    """A fresh temporary file name beside ``target`` that :func:`remove_leftovers` recognises."""
    return target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}{TEMPORARY_SUFFIX}")


def remove_leftovers(folder: str | Path) -> list[Path]:
    """Delete the temporary files that killed writes left in ``folder``; return them.

    A temporary file is left over when the process that made it no longer runs
    and it is at least two minutes old (where the system cannot tell whether the
    process runs, when it is a day old). Files of writes still running, in this
    process or another, are kept. Errors are ignored: cleaning
    up must never stop a save.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMPORARY_NAME.match(entry.name)
        if match is None or not _is_left_over(entry, int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _is_left_over(entry: os.DirEntry[str], pid: int) -> bool:
    try:
        if not entry.is_file(follow_symlinks=False):
            return False
        age = time.time() - entry.stat(follow_symlinks=False).st_mtime
    except OSError:
        return False
    if pid == os.getpid() or age < _MIN_AGE_S:
        return False  # a write of this process, or one that may still be running elsewhere
    if sys.platform == "win32":
        return age > _STALE_AFTER_S  # os.kill would end the process there, not ask about it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # it runs, under another user
    return False


def _target(path: Path) -> Path:
    """The file to replace: ``path``, or the file a symbolic link points to."""
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return path
    except OSError as error:
        raise NetworkFileError(path, f"cannot write here ({error.strerror or error})") from None
    if stat.S_ISDIR(mode):
        raise NetworkFileError(path, "this is a folder; give a file name to write")
    if not stat.S_ISREG(mode):
        raise NetworkFileError(path, "this is not a regular file (a device or a named pipe); "
                                     "give the name of a file to write")
    return path


def _write_temporary(target: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``target``, synced, with the target's mode."""
    try:
        mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mode = None  # a new file: the umask decides, as for any file the user makes
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    temporary = temporary_name(target)
    try:
        handle = os.open(temporary, flags, _NEW_FILE_MODE)
    except OSError as error:
        raise NetworkFileError(target, f"cannot write here ({error.strerror or error})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(stream.fileno(), mode)
            os.fsync(stream.fileno())
        if mode is not None and not hasattr(os, "fchmod"):
            os.chmod(temporary, mode)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise NetworkFileError(target, f"cannot write the file ({error.strerror or error})") from None
    return temporary


def _rename_all(temporaries: list[tuple[Path, Path]]) -> None:
    """Rename each temporary over its target; on a failure put back what was replaced."""
    backups: list[tuple[Path, Path | None]] = []  # (target, its old contents or None: was new)
    try:
        for temporary, target in temporaries:
            backup = _backup(target) if len(temporaries) > 1 else None
            try:
                os.replace(temporary, target)
            except OSError as error:
                if backup is not None:
                    backup.unlink(missing_ok=True)
                raise NetworkFileError(
                    target, f"cannot write the file ({error.strerror or error})") from None
            backups.append((target, backup))
            _sync_folder(target.parent)
    except BaseException:
        for target, backup in reversed(backups):
            with contextlib.suppress(OSError):
                if backup is None:
                    target.unlink(missing_ok=True)
                else:
                    os.replace(backup, target)
        raise
    finally:
        for _, backup in backups:
            if backup is not None:
                with contextlib.suppress(OSError):
                    backup.unlink(missing_ok=True)


def _backup(target: Path) -> Path | None:
    """A second name for ``target``'s old contents (None: there is no old file)."""
    if not target.exists():
        return None
    backup = temporary_name(target)
    try:
        os.link(target, backup)  # instant, and the old file's inode survives the rename
    except OSError:
        try:
            shutil.copy2(target, backup)
        except OSError as error:
            with contextlib.suppress(OSError):
                backup.unlink(missing_ok=True)
            raise NetworkFileError(
                target, f"cannot keep a copy of the old file ({error.strerror or error})") from None
    return backup


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry list, so a rename survives a power cut (POSIX only)."""
    if sys.platform == "win32":
        return  # folders cannot be opened as files there; NTFS journals renames itself
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some file systems refuse to sync a folder; the file itself is synced
    finally:
        os.close(handle)
