"""The open work: which network is loaded, from where."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from stamnett_gui.domain import Network
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.io.loading import load_network


class Session(QObject):
    """Holds the current network; the window and its panels follow its signals.

    Signals
    -------
    network_changed(object)
        A new :class:`Network` is open.
    load_failed(str, str)
        Opening a file failed: a one-line summary and the full list of problems.
        The open network is untouched.
    """

    network_changed = Signal(object)
    load_failed = Signal(str, str)

    def __init__(self, network: Network, source: str | None = None) -> None:
        super().__init__()
        self.network = network
        self.source = source

    def set_network(self, network: Network, source: str | None = None) -> None:
        """Make ``network`` the open one."""
        self.network = network
        self.source = source
        self.network_changed.emit(network)

    def open_file(self, path: str | Path) -> bool:
        """Open a network file; on failure emit ``load_failed`` and keep what was open."""
        try:
            network = load_network(path)
        except NetworkFileError as error:
            self.load_failed.emit(error.one_line(), error.details())
            return False
        self.set_network(network, str(path))
        return True
