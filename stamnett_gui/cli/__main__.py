"""``python -m stamnett_gui.cli`` is the ``stamnett`` command."""

import sys

from stamnett_gui.cli import main

sys.exit(main())
