"""Create or refresh the project's virtual environment in .venv, then run a command in it.

Used by ``scripts/run.py`` and ``scripts/test.py`` so that each of them does all
the set-up on a fresh clone. The environment is refreshed whenever
``pyproject.toml`` changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
STAMP = VENV / ".stamnett-installed"


def venv_python() -> Path:
    """The interpreter inside .venv."""
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure(extras: str = "test") -> Path:
    """Make sure .venv exists with the project installed (editable) plus ``extras``."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    python = venv_python()
    if not python.exists():
        print("setting up .venv (first run only)…", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
                       check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-e", f".[{extras}]"],
                       check=True, cwd=ROOT)
        STAMP.write_text(wanted)
    return python


def run_in_venv(args: list[str], extras: str = "test") -> int:
    """Run ``python ARGS…`` inside the environment; return its exit code."""
    python = ensure(extras)
    return subprocess.call([str(python), *args], cwd=ROOT)
