"""stamnett-gui: path-diversity planning for Norway's health network."""

__version__ = "0.1.0"
