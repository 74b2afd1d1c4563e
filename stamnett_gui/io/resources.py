"""Where the bundled data files are: the one place that knows.

The data lives in the top-level ``resources/`` folder of a source checkout; a
wheel and a frozen bundle carry the same files as ``stamnett_gui/resources``.
Everything else asks this module, through :func:`resource`.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

_PACKAGE = "stamnett_gui"

#: The bundled network that opens when no file is given.
DEFAULT_NETWORK = "networks/stamnettet-modelled.geojson"
#: The example workshop (File → Open example workshop), made on the bundled network.
EXAMPLE_WORKSHOP = "workshops/nord-norge.json"


def resource_root() -> Traversable:
    """The folder holding the bundled data, in a wheel, a bundle or a source checkout."""
    package = files(_PACKAGE)
    inside = package / "resources"
    if inside.is_dir():  # installed wheel or frozen bundle
        return inside
    # A source checkout (also an editable install): resources/ stands beside the package.
    checkout = package.joinpath("..", "resources")
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        "the bundled data folder 'resources' is missing from this installation"
    )


def resource(relative: str) -> Traversable:
    """A bundled file, e.g. ``resource("basemap/norway-coarse.geojson")``."""
    return resource_root().joinpath(*relative.split("/"))


def read_text(relative: str) -> str:
    """The text of a bundled file (UTF-8)."""
    return resource(relative).read_text(encoding="utf-8")


def read_bytes(relative: str) -> bytes:
    """The bytes of a bundled file."""
    return resource(relative).read_bytes()
