"""``python -m stamnett_gui.cli`` is the ``stamnett`` command."""

import multiprocessing
import sys

from stamnett_gui.cli import main

if __name__ == "__main__":  # sweep workers import this module again; they must not run it
    multiprocessing.freeze_support()
    sys.exit(main())
