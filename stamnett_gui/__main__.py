"""``python -m stamnett_gui [NETWORK]`` opens the window."""

import sys

from stamnett_gui.app import main

sys.exit(main())
