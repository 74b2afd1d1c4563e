"""Run the test suite from a source checkout, setting up .venv first if needed.

``python3 scripts/test.py [PYTEST ARGS]`` — tests run offscreen, no screen needed.
"""

import sys

from dev_env import run_in_venv

if __name__ == "__main__":
    sys.exit(run_in_venv(["-m", "pytest", *sys.argv[1:]]))
