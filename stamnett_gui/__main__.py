"""``python -m stamnett_gui [NETWORK]`` opens the window."""

import multiprocessing
import sys

from stamnett_gui.app import main

if __name__ == "__main__":  # sweep workers import this module again; they must not open a window
    multiprocessing.freeze_support()  # a frozen bundle starts its workers by running itself
    sys.exit(main())
