"""Open stamnett-gui from a source checkout, setting up .venv first if needed.

``python3 scripts/run.py [NETWORK]``
"""

import sys

from dev_env import run_in_venv

if __name__ == "__main__":
    sys.exit(run_in_venv(["-m", "stamnett_gui", *sys.argv[1:]]))
